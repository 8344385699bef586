package meta_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

const testPage = `<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>  調達ポータル
 | Sample Fibers </title>
<meta name="Author" content="Kenji Morita">
<meta name="generator" content="Microsoft FrontPage 6.0">
<meta name="description" content="Internal purchasing portal">
<meta name="keywords" content="purchase, suppliers">
<base href="http://portal.corp.example.co.jp/buy/">
<link rel="stylesheet" href="css/site.css">
<style>body { color: red }</style>
<script src="https://cdn.example.net/app.js">var secret = "not text";</script>
</head>
<body>
<h1>発注一覧</h1>
<p>Orders for <b>April</b>, see <a href="//files.corp.example.co.jp/po/2021-04.xlsx">the list</a>.</p>
<form action="https://approve.example.co.jp/submit"><input type="submit"></form>
<img src="img/logo.png"><a href="mailto:buyer@corp.example.co.jp?subject=PO">mail us</a>
<template><p>hidden template text</p></template>
</body></html>`

func extractHTML(t testing.TB, data []byte, charset string, lim meta.Limits) (*meta.Result, error) {
	t.Helper()
	in := meta.Input{Name: "t.html", Type: identify.Type{MIME: "text/html", Charset: charset}, R: bytes.NewReader(data), Size: int64(len(data))}
	return meta.NewHTML().Extract(context.Background(), in, lim)
}

func TestHTML(t *testing.T) {
	sjisPage := append(append([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>`),
		sjis(t, "見積書")...), []byte(`</title></head><body>`+"\x82\xa0"+`</body></html>`)...)
	tests := []struct {
		name, charset string
		page          []byte
		title, author string
		software      string
		text          string
		hosts         []string
	}{
		{"utf-8 page", identify.CharsetUTF8, []byte(testPage), "調達ポータル | Sample Fibers", "Kenji Morita", "Microsoft FrontPage 6.0",
			"発注一覧\nOrders for April, see the list.\nmail us",
			[]string{"portal.corp.example.co.jp", "cdn.example.net", "files.corp.example.co.jp", "approve.example.co.jp"}},
		{"shift_jis found by identify", identify.CharsetShiftJIS, sjisPage, "見積書", "", "", "あ", nil},
		{"shift_jis found by meta", "", sjisPage, "見積書", "", "", "あ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := extractHTML(t, tt.page, tt.charset, meta.Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			m := res.Metadata
			assert.Equal(t, tt.title, m.Title)
			if tt.author != "" {
				assert.Equal(t, []string{tt.author}, m.Authors)
			}
			assert.Equal(t, tt.software, m.Software)
			assert.Equal(t, tt.text, res.Text)
			assert.Equal(t, tt.hosts, m.Hosts)
			_, err = json.Marshal(m)
			require.NoError(t, err)
		})
	}

	res, err := extractHTML(t, []byte(testPage), "", meta.Limits{})
	require.NoError(t, err)
	assert.Equal(t, "http://portal.corp.example.co.jp/buy/", res.Metadata.Raw["base"])
	assert.Equal(t, []string{"buyer@corp.example.co.jp"}, res.Metadata.Raw["mailto"])
	assert.Equal(t, "Internal purchasing portal", res.Metadata.Raw["description"])
	all, err := meta.Run(context.Background(), []meta.Extractor{meta.NewHTML()},
		meta.Input{Type: identify.Type{MIME: "text/html"}, R: strings.NewReader(testPage), Size: int64(len(testPage))}, meta.Limits{})
	require.NoError(t, err)
	assert.Equal(t, []string{"buyer@corp.example.co.jp"}, all.Metadata.Emails, "a mailto: link")
	assert.Equal(t, []string{"portal.corp.example.co.jp", "cdn.example.net", "files.corp.example.co.jp", "approve.example.co.jp",
		"corp.example.co.jp"}, all.Metadata.Hosts, "the links' hosts, then the address's domain")
	assert.Equal(t, []string{"http://portal.corp.example.co.jp/buy/"}, all.Metadata.URLs, "the base URL, found in Raw")
}

func TestHTMLHostile(t *testing.T) {
	tests := []struct {
		name  string
		page  string
		lim   meta.Limits
		check func(t *testing.T, res *meta.Result)
	}{
		{"text over MaxTextBytes", "<p>" + strings.Repeat("あ", 1000) + "</p>", meta.Limits{MaxTextBytes: 100},
			func(t *testing.T, res *meta.Result) {
				assert.True(t, res.TextTruncated)
				assert.LessOrEqual(t, len(res.Text), 100)
			}},
		{"token over MaxRecordBytes", "<p title=\"" + strings.Repeat("x", 64<<10) + "\">", meta.Limits{MaxRecordBytes: 4 << 10},
			func(t *testing.T, res *meta.Result) {
				require.NotEmpty(t, res.Warnings)
				assert.True(t, errors.Is(res.Warnings[0], meta.ErrLimit))
			}},
		{"100 000 links", strings.Repeat(`<a href="http://h.example.com/">x</a>`, 50000) + strings.Repeat(`<img src="http://a.example.org/">`, 50000), meta.Limits{MaxRecords: 10},
			func(t *testing.T, res *meta.Result) {
				assert.Len(t, res.Metadata.Hosts, 2)
			}},
		{"nested tags 100 000 deep", strings.Repeat("<div>", 100000) + "deep", meta.Limits{},
			func(t *testing.T, res *meta.Result) { assert.Equal(t, "deep", res.Text) }},
		{"unclosed script", "<p>before</p><script>" + strings.Repeat("x", 10000), meta.Limits{},
			func(t *testing.T, res *meta.Result) { assert.Equal(t, "before", res.Text) }},
		{"binary", "\x00\xff\xfe<<<>>>\x00", meta.Limits{}, func(t *testing.T, res *meta.Result) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res *meta.Result
			var err error
			in := meta.Input{Name: "t.html", Type: identify.Type{MIME: "text/html"}, R: strings.NewReader(tt.page), Size: int64(len(tt.page))}
			work := meta.MeasureWork(in, 64*in.Size+(1<<20), func(in meta.Input) {
				res, err = meta.NewHTML().Extract(context.Background(), in, tt.lim)
			})
			t.Log(work)
			require.NoError(t, err)
			// The page is tokenized in one pass: read once, and memory
			// within a small multiple of it.
			assert.False(t, work.OverBudget, "bytes read again and again")
			assert.LessOrEqual(t, work.Read, 4*in.Size+(64<<10), "bytes read")
			assert.Less(t, work.Alloc, uint64(16*in.Size+(1<<20)), "bytes allocated")
			tt.check(t, res)
			_, err = json.Marshal(res.Metadata)
			require.NoError(t, err)
		})
	}
}

func TestHTMLAccepts(t *testing.T) {
	ex := meta.NewHTML()
	assert.Equal(t, "html", ex.Name())
	assert.Equal(t, "1", ex.Version())
	assert.True(t, ex.Accepts(identify.Type{MIME: "text/html"}))
	assert.False(t, ex.Accepts(identify.Type{MIME: "text/plain"}))
	_, err := extractHTML(t, nil, "", meta.Limits{})
	require.ErrorIs(t, err, meta.ErrFormat)
}

// A page with nothing of what the extractor reads says so, rather than
// come back empty.
func TestHTMLNoRecord(t *testing.T) {
	for _, page := range []string{
		"<html>\n",
		"<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><style>p{}</style><script>var x;</script></head><body><div class=\"footer\"></div></body></html>",
		"<html><body><pre>\n\n\n\n</pre></body></html>",
	} {
		_, err := extractHTML(t, []byte(page), "utf-8", meta.Limits{})
		assert.ErrorIs(t, err, meta.ErrNoRecord, page)
	}
	res, err := extractHTML(t, []byte("<html><body><p>only text</p></body></html>"), "utf-8", meta.Limits{})
	require.NoError(t, err)
	assert.Equal(t, "only text", strings.TrimSpace(res.Text))
}
