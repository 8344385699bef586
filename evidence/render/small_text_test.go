package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

// smallTextReport has two screenshots naming a fictional organisation,
// one of text too small to trust (problem ocr_small_text).
func smallTextReport() *evidence.Report {
	shot := func(name string, px int, share float64) evidence.Item {
		return evidence.Item{Path: "pack.zip!/" + name, Kind: "image", MIME: "image/png", TextSource: evidence.TextFromOCR,
			Text: "ログイン中: 北浦精機株式会社",
			OCR: &evidence.OCR{Engine: "tesseract 5.3.0", Lang: "jpn+eng", Confidence: 71, TextPx: px, SmallTextShare: share,
				Words: []evidence.OCRWord{{Text: "ログイン中:", Conf: 70, Box: [4]int{10, 10, 60, px}}, {Text: "北浦精機株式会社", Conf: 72, Box: [4]int{80, 10, 90, px}}}}}
	}
	small := shot("small.png", 8, 0.6)
	small.Problems = []evidence.Problem{{Code: evidence.ProblemOCRSmallText, Detail: "text too small to trust as read"}}
	large := shot("large.png", 14, 0)
	kitaura := evidence.Owner{Org: "kitaura", Name: "Kitaura Precision Ltd.", Score: 16, Evidence: []evidence.Evidence{
		{Item: small.Path, Signal: "ocr/banner", Role: "custody", Match: "北浦精機株式会社", Weight: 8},
		{Item: large.Path, Signal: "ocr/banner", Role: "custody", Match: "北浦精機株式会社", Weight: 7},
	}}
	return &evidence.Report{
		Package:     evidence.Package{Name: "pack.zip"},
		Items:       []evidence.Item{small, large},
		Attribution: evidence.Attribution{Ranking: []evidence.Owner{kitaura}},
	}
}

// TestSmallTextShown: the reports show the text size of each OCRed item
// beside its OCR details, and mark the evidence read from small text.
func TestSmallTextShown(t *testing.T) {
	rep := smallTextReport()
	assert.Equal(t, "2 words, confidence 71, jpn+eng, text 8 px; SMALL TEXT: 60% of the characters in lines at most 9 px high, names and identifiers may be misread",
		ocrDetails(&rep.Items[0]))
	assert.Equal(t, "2 words, confidence 71, jpn+eng, text 14 px", ocrDetails(&rep.Items[1]))
	rep.Items[1].OCR.TextPx = 0
	assert.Equal(t, "2 words, confidence 71, jpn+eng", ocrDetails(&rep.Items[1]), "no line measured")
	assert.Empty(t, ocrDetails(&evidence.Item{}))
	rep.Items[1].OCR.TextPx = 14

	var md bytes.Buffer
	require.NoError(t, Markdown(&md, rep))
	out := md.String()
	assert.Equal(t, 1, strings.Count(out, "small text: may be misread"), out)
	assert.Contains(t, out, "(OCR, **small text: may be misread**)")
	assert.Contains(t, out, "text 8 px; SMALL TEXT: 60% of the characters")
	assert.Contains(t, out, "ocr\\_small\\_text", "the problem is listed with the item's")

	var html bytes.Buffer
	require.NoError(t, HTML(&html, rep, HTMLOptions{}))
	page := html.String()
	assert.Equal(t, 1, strings.Count(page, ">small text: may be misread<"), "one piece of evidence is from small text")
	assert.Contains(t, page, "text 8 px; SMALL TEXT: 60% of the characters")
	assert.Contains(t, page, "text 14 px")
	assert.Contains(t, page, "ocr_small_text")
}
