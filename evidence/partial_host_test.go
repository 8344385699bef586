package evidence_test

import (
	"context"
	"image"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/ocr"
)

// wordsEngine is an OCR engine for tests that "reads" fixed lines of
// words, each word with its box, as Tesseract gives them.
type wordsEngine struct{ lines [][]string }

func (e wordsEngine) Name() string { return "words 1" }
func (e wordsEngine) Close() error { return nil }
func (e wordsEngine) Recognize(ctx context.Context, p *ocr.Prepared) (*ocr.Result, error) {
	r := &ocr.Result{Lang: "test", Engine: e.Name()}
	for y, words := range e.lines {
		var l ocr.Line
		x := 10
		for _, w := range words {
			box := image.Rect(x, 20+30*y, x+12*len(w), 40+30*y)
			l.Words = append(l.Words, ocr.Word{Text: w, Conf: 85, Box: box})
			x += 12*len(w) + 10
		}
		l.Box = image.Rect(10, 20+30*y, x, 40+30*y)
		l.Conf = 85
		r.Lines = append(r.Lines, l)
	}
	r.Summarize()
	return r, nil
}

// TestPartialHostInScreenshot: a file-share path and an intranet address
// that OCR read without their domain earn custody when the package shows
// the full names elsewhere for one organisation.
func TestPartialHostInScreenshot(t *testing.T) {
	shot := [][]string{
		{"エクスプローラー"},
		{`\\ksfs01\品質\手順書`},
		{"https://portal/top", "お知らせ"},
		{"名前", "更新日時", "種類"},
	}
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return wordsEngine{shot}, nil },
		ocr.Options{Workers: 1, TimeoutPerImage: 10 * time.Second})
	require.NoError(t, err)
	t.Cleanup(func() { pool.Close() })
	data := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "shots/explorer.png", Data: pngOf(t, 640, 360)},
		{Name: "docs/運用手順.txt", Data: []byte("共有フォルダ: \\\\ksfs01.kitaura.local\\品質\\手順書\nポータル: https://portal.intra.kitaura.local/top\n")},
	}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{OCR: pool})
	require.NoError(t, err)
	shotItem := itemsByPath(rep)["p.zip!/shots/explorer.png"]
	require.Equal(t, evidence.TextFromOCR, shotItem.TextSource)
	require.Contains(t, shotItem.Text, `\\ksfs01\品質\手順書`)
	require.NotEmpty(t, rep.Attribution.Candidates)
	c := rep.Attribution.Candidates[0]
	assert.Equal(t, "kitaura.local", c.Key)
	var partial []evidence.Evidence
	for _, e := range c.Evidence {
		if strings.HasSuffix(e.Signal, "/partial_host") {
			partial = append(partial, e)
		}
	}
	require.Len(t, partial, 1, "one vote per item and organisation: %+v", c.Evidence)
	assert.Equal(t, "p.zip!/shots/explorer.png", partial[0].Item)
	assert.Equal(t, "custody", partial[0].Role)
	assert.Equal(t, `\\ksfs01\品質\手順書`, partial[0].Match, "the match is the text OCR read, so reports can box it")
}
