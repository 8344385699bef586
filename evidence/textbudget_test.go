package evidence_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

func TestTextBudget(t *testing.T) {
	b := evidence.NewTextBudget(35)
	a := evidence.Item{Path: "a", Text: strings.Repeat("a", 10)}
	empty := evidence.Item{Path: "empty"}
	ocr := evidence.Item{Path: "shot", Text: "hello", OCR: &evidence.OCR{Engine: "tesseract", Confidence: 91,
		Words: []evidence.OCRWord{{Text: "hello"}, {Text: "world"}}}}
	c := evidence.Item{Path: "c", Text: strings.Repeat("c", 30), Problems: []evidence.Problem{{Code: "corrupt", Detail: "x"}}}

	assert.True(t, b.Keep(&a))
	assert.True(t, b.Keep(&empty), "an item without text always fits")
	assert.True(t, b.Keep(&ocr), "5 bytes of text and 10 of words: 25 in all")
	assert.Equal(t, int64(25), b.Kept())
	_, dropped := b.Problem("pack.zip")
	assert.False(t, dropped)

	assert.False(t, b.Keep(&c), "30 more bytes do not fit in 35")
	assert.Empty(t, c.Text)
	assert.True(t, c.TextTruncated)
	require.Len(t, c.Problems, 2, "the item's own problem stays")
	assert.Equal(t, "corrupt", c.Problems[0].Code)
	assert.Equal(t, "limit_report_text", c.Problems[1].Code)
	assert.Contains(t, c.Problems[1].Detail, "30 bytes")
	assert.Equal(t, int64(25), b.Kept())

	shot := evidence.Item{Path: "shot2", OCR: &evidence.OCR{Engine: "tesseract", Confidence: 80,
		Words: []evidence.OCRWord{{Text: strings.Repeat("w", 11)}}}}
	words := shot.OCR
	assert.False(t, b.Keep(&shot), "OCR words count: 11 more bytes do not fit")
	assert.Empty(t, shot.OCR.Words)
	assert.Equal(t, 80.0, shot.OCR.Confidence, "the OCR block keeps its confidence")
	assert.Len(t, words.Words, 1, "the caller's OCR block is not changed")

	p, dropped := b.Problem("pack.zip")
	require.True(t, dropped)
	assert.Equal(t, "limit_report_text", p.Code)
	assert.Equal(t, "pack.zip", p.Path)
	assert.Contains(t, p.Detail, "2 items (41 bytes)")
	items, bytes := b.Dropped()
	assert.Equal(t, 2, items)
	assert.Equal(t, int64(41), bytes)

	// The other readings of OCR text count, and are dropped with it.
	alt := evidence.Item{Path: "shot3", OCR: &evidence.OCR{Engine: "tesseract",
		Words: []evidence.OCRWord{{Text: "x"}}, Alternatives: []string{strings.Repeat("a", 40)}}}
	assert.False(t, evidence.NewTextBudget(35).Keep(&alt), "41 bytes with the alternative")
	assert.Empty(t, alt.OCR.Alternatives)

	assert.True(t, evidence.NewTextBudget(0).Keep(&evidence.Item{Text: strings.Repeat("x", 1<<20)}),
		"zero is the default budget, not none")
}

// Keep the items of a triage, to render them once it is done, with their
// text bounded in all as a collected report's is: past the budget, items
// keep hashes, type and metadata, and a problem says their text was left
// out.
func ExampleTextBudget() {
	budget := evidence.NewTextBudget(4 << 10)
	var kept []evidence.Item
	rep, err := evidence.Analyze(context.Background(), "../testdata/sample/fujitsu-proofpack.zip", evidence.Options{
		OnItem: func(it evidence.Item) error {
			budget.Keep(&it)
			kept = append(kept, it)
			return nil
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	withText, without := 0, 0
	for _, it := range kept {
		switch {
		case it.Text != "":
			withText++
		case it.TextTruncated:
			without++
		}
	}
	fmt.Println(len(kept), "items kept:", withText, "with their text,", without, "without")
	if p, ok := budget.Problem(rep.Package.Name); ok {
		fmt.Println(p.Code)
	}
	// Output:
	// 19 items kept: 5 with their text, 7 without
	// limit_report_text
}
