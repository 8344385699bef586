package meta_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/docgen"
)

var jst = time.FixedZone("JST", 9*60*60)

// docgenMail builds a message with internal/docgen in charset cs.
func docgenMail(t testing.TB, cs string, atts []docgen.Attachment) []byte {
	t.Helper()
	b, err := docgen.EML(docgen.EMLSpec{
		From:      mail.Address{Name: "中村 浩二", Address: "nakamura@example.co.jp"},
		To:        []mail.Address{{Name: "佐藤 健一", Address: "sato@example.co.jp"}, {Address: "team@example.co.jp"}},
		Cc:        []mail.Address{{Name: "Makoto Morita", Address: "morita@vendor.example.com"}},
		Date:      time.Date(2021, 5, 20, 14, 3, 0, 0, jst),
		Subject:   "RE: 保守契約の更新について (FY2021 サーバー 4台の件、至急ご確認ください)",
		MessageID: "abc.123@mail.example.co.jp",
		InReplyTo: "abc.122@mail.example.co.jp",
		Received: []string{
			"from mail.example.co.jp (mail.example.co.jp [10.0.0.2]) by mbx.example.local (Postfix) with ESMTPS id 4Fm for <sato@example.co.jp>; Thu, 20 May 2021 14:03:12 +0900",
			"from pc01.example.local (pc01.example.local [10.0.8.1]) by mail.example.co.jp (Postfix) with ESMTPSA id 4Fl; Thu, 20 May 2021 14:03:11 +0900",
		},
		XMailer:     "Microsoft Outlook 16.0",
		Charset:     cs,
		Body:        "佐藤さん\n\n保守契約の件、確認しました。\nサーバー 4台\n",
		Attachments: atts,
	})
	require.NoError(t, err)
	return b
}

func extractEmail(t testing.TB, data []byte, lim meta.Limits) (*meta.Result, error) {
	t.Helper()
	in := meta.Input{Name: "t.eml", Type: identify.Type{MIME: "message/rfc822"}, R: bytes.NewReader(data), Size: int64(len(data))}
	return meta.NewEmail().Extract(context.Background(), in, lim)
}

func TestEmailDocgen(t *testing.T) {
	pdf := bytes.Repeat([]byte("%PDF-1.4 test "), 20)
	tests := []struct {
		name    string
		charset string
		atts    []docgen.Attachment
	}{
		{"iso-2022-jp plain", docgen.CharsetISO2022JP, nil},
		{"utf-8 plain", docgen.CharsetUTF8, nil},
		{"iso-2022-jp with attachment", docgen.CharsetISO2022JP, []docgen.Attachment{{Name: "見積書.pdf", ContentType: "application/pdf", Data: pdf}}},
		{"utf-8 with attachment", docgen.CharsetUTF8, []docgen.Attachment{{Name: "見積書.pdf", ContentType: "application/pdf", Data: pdf}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := extractEmail(t, docgenMail(t, tt.charset, tt.atts), meta.Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			m := res.Metadata
			assert.Equal(t, []string{"中村 浩二 <nakamura@example.co.jp>"}, m.Authors)
			assert.Equal(t, "RE: 保守契約の更新について (FY2021 サーバー 4台の件、至急ご確認ください)", m.Title)
			assert.Equal(t, "2021-05-20T14:03:00+09:00", m.Created)
			assert.Equal(t, "+09:00", m.TZOffset)
			assert.Equal(t, "Microsoft Outlook 16.0", m.Software)
			assert.Equal(t, []string{"mail.example.co.jp", "mbx.example.local", "pc01.example.local", "mail.example.co.jp"}, m.Raw["ReceivedHosts"])
			assert.Equal(t, []string{"mail.example.co.jp", "mbx.example.local", "pc01.example.local", "mail.example.co.jp"}, m.Hosts)
			assert.Equal(t, []string{"佐藤 健一 <sato@example.co.jp>", "team@example.co.jp"}, m.Raw["To"])
			assert.Equal(t, []string{"Makoto Morita <morita@vendor.example.com>"}, m.Raw["Cc"])
			assert.Equal(t, "<abc.123@mail.example.co.jp>", m.Raw["Message-ID"])
			assert.Equal(t, "<abc.122@mail.example.co.jp>", m.Raw["In-Reply-To"])
			assert.Equal(t, "佐藤さん\n\n保守契約の件、確認しました。\nサーバー 4台\n", res.Text)
			assert.False(t, res.TextTruncated)
			if tt.atts == nil {
				assert.Empty(t, res.Attachments)
			} else {
				require.Len(t, res.Attachments, 1)
				assert.Equal(t, "見積書.pdf", res.Attachments[0].Name)
				assert.Equal(t, pdf, res.Attachments[0].Data)
			}
			_, err = json.Marshal(res.Metadata)
			require.NoError(t, err)
		})
	}
}

func TestEmailFixtures(t *testing.T) {
	tests := []struct {
		file     string
		authors  []string
		title    string
		created  string
		software string
		org      string
		text     string // a part of the body text
		notText  string // what must not be in it
		atts     []string
		raw      map[string]any
	}{
		{
			file: "sjis-html.eml", authors: []string{"森田 健二 <k.morita@corp.example.co.jp>"},
			title: "【社外秘】発注書の送付", created: "2021-06-01T09:15:30+09:00",
			software: "Thunderbird/78.10", org: "株式会社サンプル繊維",
			text: "発注書を添付します", notText: "var tracking",
			atts: []string{"part-4", "発注書 2021.xlsx"},
			raw: map[string]any{
				"Reply-To": []string{"調達部 <purchasing@corp.example.co.jp>"}, "X-Originating-IP": "[203.0.113.7]",
			},
		},
		{
			file: "nested.eml", authors: []string{"Ana Ruiz <ana.ruiz@example.org>"},
			title: "Fwd: quarterly numbers", created: "2020-11-03T17:45:00-05:00",
			text: "See the forwarded message", atts: []string{"numbers.csv", "part-6.eml"},
			raw: map[string]any{"ReceivedHosts": []string{"relay.example.net", "mx1.example.org"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "mail", tt.file))
			require.NoError(t, err)
			res, err := extractEmail(t, data, meta.Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			m := res.Metadata
			assert.Equal(t, tt.authors, m.Authors)
			assert.Equal(t, tt.title, m.Title)
			assert.Equal(t, tt.created, m.Created)
			assert.Equal(t, tt.software, m.Software)
			assert.Equal(t, tt.org, m.Organisation)
			assert.Contains(t, res.Text, tt.text)
			if tt.notText != "" {
				assert.NotContains(t, res.Text, tt.notText)
			}
			var names []string
			for _, a := range res.Attachments {
				names = append(names, a.Name)
				assert.NotEmpty(t, a.Data, a.Name)
			}
			assert.Equal(t, tt.atts, names)
			for k, v := range tt.raw {
				assert.Equal(t, v, m.Raw[k], k)
			}
		})
	}
}

// mailHeader is the start of the hand-built messages of the hostile tests.
const mailHeader = "From: a@example.com\r\nTo: b@example.com\r\nSubject: s\r\nDate: Mon, 01 Mar 2021 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"

func nestedMultipart(depth int) []byte {
	var b strings.Builder
	b.WriteString(mailHeader)
	b.WriteString("Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n")
	for i := 1; i <= depth; i++ {
		b.WriteString("--b" + strconv.Itoa(i-1) + "\r\nContent-Type: multipart/mixed; boundary=\"b" + strconv.Itoa(i) + "\"\r\n\r\n")
	}
	b.WriteString("--b" + strconv.Itoa(depth) + "\r\nContent-Type: text/plain\r\n\r\ndeep\r\n")
	return []byte(b.String())
}

func manyParts(n int) []byte {
	var b strings.Builder
	b.WriteString(mailHeader)
	b.WriteString("Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n")
	for i := 0; i < n; i++ {
		b.WriteString("--x\r\nContent-Type: application/octet-stream\r\n\r\nA\r\n")
	}
	b.WriteString("--x--\r\n")
	return []byte(b.String())
}

func TestEmailHostile(t *testing.T) {
	big := mailHeader + "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nbody\r\n" +
		"--x\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\n\r\n" +
		strings.Repeat("B", 8<<10) + "\r\n--x--\r\n"
	tests := []struct {
		name    string
		data    []byte
		lim     meta.Limits
		wantErr error
		wantW   error
	}{
		{"binary", []byte("\x00\x01\x02\x03binary junk without any header"), meta.Limits{}, meta.ErrFormat, nil},
		{"header never ends", []byte("From: a@example.com\r\nX-Long: " + strings.Repeat("y", 64<<10)), meta.Limits{MaxRecordBytes: 4 << 10}, nil, meta.ErrLimit},
		{"multipart nested 5000 deep", nestedMultipart(5000), meta.Limits{}, nil, meta.ErrLimit},
		{"20 000 parts", manyParts(20000), meta.Limits{MaxRecords: 1000}, nil, meta.ErrLimit},
		{"attachment over MaxRecordBytes", []byte(big), meta.Limits{MaxRecordBytes: 4 << 10}, nil, meta.ErrLimit},
		{"multipart without boundary", []byte(mailHeader + "Content-Type: multipart/mixed\r\n\r\n--x\r\n"), meta.Limits{}, nil, meta.ErrFormat},
		{"unknown charset", []byte(mailHeader + "Content-Type: text/plain; charset=x-martian\r\n\r\nhello\r\n"), meta.Limits{}, nil, meta.ErrFormat},
		{"bad date", []byte(strings.Replace(mailHeader, "Mon, 01 Mar 2021 10:00:00 +0000", "yesterday at noon", 1) + "\r\nhi\r\n"), meta.Limits{}, nil, meta.ErrFormat},
		{"broken multipart", []byte(mailHeader + "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n" + strings.Repeat("Bad header line without colon\r\n", 3)), meta.Limits{}, nil, meta.ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res *meta.Result
			var err error
			in := meta.Input{Name: "t.eml", Type: identify.Type{MIME: "message/rfc822"}, R: bytes.NewReader(tt.data), Size: int64(len(tt.data))}
			work := meta.MeasureWork(in, 64*in.Size+(1<<20), func(in meta.Input) {
				res, err = meta.NewEmail().Extract(context.Background(), in, tt.lim)
			})
			t.Log(work)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
				found := false
				for _, w := range res.Warnings {
					found = found || errors.Is(w, tt.wantW)
				}
				assert.True(t, found, "no warning wraps %v: %v", tt.wantW, res.Warnings)
				_, err := json.Marshal(res.Metadata)
				require.NoError(t, err)
			}
			// The input is read about once, and memory stays within a
			// small multiple of it: walking the 5000 levels or the
			// 20 000 parts in full allocates twice the bound or more
			// (and takes time quadratic in the nesting).
			assert.False(t, work.OverBudget, "bytes read again and again")
			assert.LessOrEqual(t, work.Read, 4*in.Size+(64<<10), "bytes read")
			assert.Less(t, work.Alloc, uint64(32*in.Size+(1<<20)), "bytes allocated")
		})
	}
}

func TestEmailTextLimit(t *testing.T) {
	res, err := extractEmail(t, docgenMail(t, docgen.CharsetUTF8, nil), meta.Limits{MaxTextBytes: 10})
	require.NoError(t, err)
	assert.True(t, res.TextTruncated)
	assert.Equal(t, "佐藤さ", res.Text) // 9 bytes: no character is split
}

func TestEmailAccepts(t *testing.T) {
	ex := meta.NewEmail()
	assert.Equal(t, "email", ex.Name())
	assert.Equal(t, "2", ex.Version())
	assert.True(t, ex.Accepts(identify.Type{MIME: "message/rfc822"}))
	assert.False(t, ex.Accepts(identify.Type{MIME: "text/plain"}))
}

// TestEmailAttachmentBudget: a mail of many attachments keeps at most
// MaxAttachmentBytes of them in memory, and says what it dropped.
func TestEmailAttachmentBudget(t *testing.T) {
	var atts []docgen.Attachment
	for i := range 5 {
		atts = append(atts, docgen.Attachment{Name: fmt.Sprintf("scan%d.bin", i), ContentType: "application/octet-stream",
			Data: bytes.Repeat([]byte{byte(i)}, 1000)})
	}
	res, err := extractEmail(t, docgenMail(t, docgen.CharsetUTF8, atts), meta.Limits{MaxAttachmentBytes: 2500})
	require.NoError(t, err)
	assert.Len(t, res.Attachments, 2)
	var limited int
	for _, w := range res.Warnings {
		if errors.Is(w, meta.ErrLimit) {
			limited++
		}
	}
	assert.Equal(t, 3, limited, "one warning per attachment dropped")

	res, err = extractEmail(t, docgenMail(t, docgen.CharsetUTF8, atts), meta.Limits{})
	require.NoError(t, err)
	assert.Len(t, res.Attachments, 5, "the default keeps them all")
}

// A message with none of the headers read, no body and no attachment
// says it holds no record; one with a body only is read.
func TestEmailNoRecord(t *testing.T) {
	_, err := extractEmail(t, []byte("Content-type: text/HTML; charset=\"UTF-8Return-Path: x@example.com\nMIME-Version: 1.0\n\n"), meta.Limits{})
	assert.ErrorIs(t, err, meta.ErrNoRecord)
	res, err := extractEmail(t, []byte("MIME-Version: 1.0\n\nthe body of a mail without sender\n"), meta.Limits{})
	require.NoError(t, err)
	assert.Contains(t, res.Text, "without sender")
}
