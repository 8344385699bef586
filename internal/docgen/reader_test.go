package docgen_test

import (
	"bytes"
	"context"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/docgen"
)

// The tests of this file read what the builders write with the
// library's own readers (package identify for the type, package meta
// for the metadata and text): the fixtures are only worth what the
// pipeline reads of them. They live outside package docgen because the
// .msg builder's streams go into a compound file by package archivegen,
// which imports docgen.

var jst = time.FixedZone("JST", 9*60*60)

// readBack identifies data as the pipeline does and runs the metadata
// extractors that accept its type.
func readBack(t *testing.T, name string, data []byte) (identify.Type, *meta.Result) {
	t.Helper()
	ctx := context.Background()
	typ := identify.Detect(data[:min(len(data), identify.PrefixLen)])
	typ, err := identify.Refine(ctx, typ, bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	exs := []meta.Extractor{meta.NewOOXML(), meta.NewMSG()}
	res, err := meta.Run(ctx, exs, meta.Input{Name: name, Type: typ, R: bytes.NewReader(data), Size: int64(len(data))}, meta.Limits{})
	require.NoError(t, err)
	return typ, res
}

func TestPptxReadBack(t *testing.T) {
	created := time.Date(2025, 3, 4, 9, 0, 0, 0, jst)
	data, err := docgen.Pptx(docgen.PptxSpec{
		Core: docgen.CoreProps{Title: "販促計画 2025", Creator: "雪代 花", LastModifiedBy: "葉山 湊", Created: created, Modified: created.Add(26 * time.Hour)},
		App:  docgen.AppProps{Company: "雪代化粧品株式会社", Template: `\\ykfs01.example.test\テンプレート\販促.potx`},
		Slides: []docgen.Slide{
			{Title: "販促計画 2025", Lines: []string{"春の新色 4 品", "店頭什器 & POP"}},
			{Title: "スケジュール", Lines: []string{"3月: 店頭", "", "4月: EC"}},
		},
	})
	require.NoError(t, err)
	typ, res := readBack(t, "plan.pptx", data)
	assert.Equal(t, identify.KindPresentation, typ.Kind)
	assert.Equal(t, "pptx", typ.Ext)
	m := res.Metadata
	assert.Equal(t, "雪代化粧品株式会社", m.Organisation)
	assert.Equal(t, []string{"雪代 花"}, m.Authors)
	assert.Equal(t, "葉山 湊", m.LastModifiedBy)
	assert.Equal(t, "販促計画 2025", m.Title)
	assert.Contains(t, m.Paths, `\\ykfs01.example.test\テンプレート\販促.potx`)
	for _, s := range []string{"春の新色 4 品", "店頭什器 & POP", "スケジュール", "4月: EC"} {
		assert.Contains(t, res.Text, s)
	}
	assert.Less(t, strings.Index(res.Text, "春の新色"), strings.Index(res.Text, "4月: EC"), "slides in order")

	_, err = docgen.Pptx(docgen.PptxSpec{})
	assert.Error(t, err, "a deck needs a slide")
	_, err = docgen.Pptx(docgen.PptxSpec{Slides: make([]docgen.Slide, 201)})
	assert.Error(t, err, "too many slides")
}

func TestPptxDeterministic(t *testing.T) {
	spec := docgen.PptxSpec{Slides: []docgen.Slide{{Title: "a", Lines: []string{"b"}}}}
	a, err := docgen.Pptx(spec)
	require.NoError(t, err)
	b, err := docgen.Pptx(spec)
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

// msgFile builds spec's streams into a compound file.
func msgFile(t *testing.T, spec docgen.MSGSpec) []byte {
	t.Helper()
	streams, err := docgen.MSG(spec)
	require.NoError(t, err)
	cfb := make([]archivegen.CFBStream, len(streams))
	for i, s := range streams {
		cfb[i] = archivegen.CFBStream{Path: s.Path, Data: s.Data}
	}
	data, err := archivegen.CompoundFile(cfb)
	require.NoError(t, err)
	return data
}

func TestMSGReadBack(t *testing.T) {
	sent := time.Date(2025, 6, 2, 17, 40, 0, 0, jst)
	spec := docgen.MSGSpec{
		From:      mail.Address{Name: "沢渡 伶", Address: "sawatari@kz.example.test"},
		To:        []mail.Address{{Name: "真柴 悠", Address: "mashiba@kz.example.test"}, {Address: "ops@kz.example.test"}},
		Cc:        []mail.Address{{Name: "Ann Lee", Address: "a.lee@kz.example.test"}},
		Date:      sent,
		Delivered: sent.Add(9 * time.Second),
		Subject:   "RE: 6月 保守計画",
		MessageID: "20250602084000.ABC@kz.example.test",
		Received: []string{
			"from mx01.kz.example.test (mx01.kz.example.test [10.2.0.5]) by mbx02.kz.example.test with ESMTPS id 1A2B; Mon, 02 Jun 2025 17:40:09 +0900",
		},
		XMailer: "Microsoft Outlook 16.0",
		Body:    "真柴さん\n\n計画は共有に置きました。\n",
	}
	data := msgFile(t, spec)
	typ, res := readBack(t, "mail.msg", data)
	require.Equal(t, "application/vnd.ms-outlook", typ.MIME)
	m := res.Metadata
	assert.Equal(t, "RE: 6月 保守計画", m.Title)
	assert.Equal(t, []string{"沢渡 伶 <sawatari@kz.example.test>"}, m.Authors)
	assert.Equal(t, "Microsoft Outlook 16.0", m.Software)
	assert.Contains(t, m.Hosts, "mbx02.kz.example.test")
	assert.Contains(t, m.Hosts, "mx01.kz.example.test")
	assert.Contains(t, res.Text, "計画は共有に置きました。")
	assert.Equal(t, []string{"真柴 悠 <mashiba@kz.example.test>", "ops@kz.example.test"}, m.Raw["msg"].(map[string]any)["To"])
	assert.Equal(t, []string{"Ann Lee <a.lee@kz.example.test>"}, m.Raw["msg"].(map[string]any)["Cc"])
	assert.Empty(t, res.Warnings, "the reader finds nothing amiss")

	// The same spec gives the same bytes.
	assert.Equal(t, data, msgFile(t, spec))
}

func TestMSGErrors(t *testing.T) {
	ok := docgen.MSGSpec{From: mail.Address{Address: "a@example.test"}, To: []mail.Address{{Address: "b@example.test"}}, Date: time.Unix(1.7e9, 0)}
	_, err := docgen.MSG(ok)
	require.NoError(t, err)
	for name, mod := range map[string]func(*docgen.MSGSpec){
		"no sender":    func(s *docgen.MSGSpec) { s.From = mail.Address{} },
		"no recipient": func(s *docgen.MSGSpec) { s.To = nil },
		"no date":      func(s *docgen.MSGSpec) { s.Date = time.Time{} },
		"too many":     func(s *docgen.MSGSpec) { s.Cc = make([]mail.Address, 2048) },
	} {
		t.Run(name, func(t *testing.T) {
			s := ok
			mod(&s)
			_, err := docgen.MSG(s)
			assert.Error(t, err)
		})
	}
}
