package evidence

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/proofpack/proofpack/ocr"
)

// page is an OCR result of one line of words h pixels high.
func page(h int, words ...string) *ocr.Result {
	var l ocr.Line
	for i, w := range words {
		b := image.Rect(10+60*i, 10, 60+60*i, 10+h)
		l.Words = append(l.Words, ocr.Word{Text: w, Conf: 80, Box: b})
		l.Box = l.Box.Union(b)
	}
	r := &ocr.Result{Engine: "test 1", Lang: "test", Lines: []ocr.Line{l}}
	r.Summarize()
	return r
}

// TestOCRBlockTextSize: the pages of a PDF are measured as one text: a
// page of small print among pages of larger text flags the item only
// when it holds more than a quarter of the characters.
func TestOCRBlockTextSize(t *testing.T) {
	big := page(14, "Kitaura", "Shipping", "Quality")   // 22 characters
	footnote := page(8, "Kitaura", "Ship")              // 11 characters
	terms := page(8, "Delivery", "Shipping", "Quality") // 23 characters

	b, size := ocrBlock([]*ocr.Result{big, big, footnote}, true)
	assert.Equal(t, 3, b.Pages)
	assert.Equal(t, 14, b.TextPx)
	assert.Equal(t, round2(11.0/55), b.SmallTextShare)
	_, flagged := smallTextProblem(size)
	assert.False(t, flagged, "%+v", size)

	b, size = ocrBlock([]*ocr.Result{big, terms}, true)
	assert.Equal(t, 8, b.TextPx, "the median character is on the small page")
	assert.Equal(t, round2(23.0/45), b.SmallTextShare)
	p, flagged := smallTextProblem(size)
	assert.True(t, flagged)
	assert.Equal(t, ProblemOCRSmallText, p.Code)
	assert.Contains(t, p.Detail, "51% of the characters are in lines at most 9 px high (median line 8 px)")

	b, size = ocrBlock([]*ocr.Result{page(8, "name", "ocean")}, false)
	assert.Zero(t, b.TextPx, "x-height text is not measured")
	_, flagged = smallTextProblem(size)
	assert.False(t, flagged)
}
