package evidence

import "fmt"

// TextBudget keeps item text up to a number of bytes in all, and drops
// it past that, the way a collected report does (Limits.MaxReportText).
// A caller of Options.OnItem that keeps the items it is handed (to
// render them later, say) bounds its memory with one: the library does
// not bound the text it hands on.
//
// A TextBudget is not safe for concurrent use; Options.OnItem is called
// from one goroutine at a time.
type TextBudget struct {
	max          int64
	kept         int64
	droppedItems int
	droppedBytes int64
}

// NewTextBudget returns a budget of max bytes of item text (body text, OCR
// words and OCR alternatives); max <= 0 means DefaultMaxReportText.
func NewTextBudget(max int64) *TextBudget {
	if max <= 0 {
		max = DefaultMaxReportText
	}
	return &TextBudget{max: max}
}

// Keep counts the item's text against the budget and reports whether it
// fits. When it does not, the item's text, OCR words and alternatives are
// dropped (the
// OCR block keeps its engine and confidence), TextTruncated is set and a
// limit_report_text problem says what was dropped; hashes, type,
// metadata and other problems are untouched. An item without text always
// fits.
func (b *TextBudget) Keep(it *Item) bool {
	n := int64(len(it.Text))
	if it.OCR != nil {
		for _, w := range it.OCR.Words {
			n += int64(len(w.Text))
		}
		for _, a := range it.OCR.Alternatives {
			n += int64(len(a))
		}
	}
	if n == 0 {
		return true
	}
	if b.kept+n <= b.max {
		b.kept += n
		return true
	}
	b.droppedItems++
	b.droppedBytes += n
	addProblem(it, fmt.Errorf("%w: the item's %d bytes of text were read by attribution and left out of the report, which holds %d bytes of item text already",
		errReportText, n, b.kept))
	it.Text, it.TextTruncated = "", true
	if it.OCR != nil {
		o := *it.OCR
		o.Words, o.Alternatives = []OCRWord{}, nil
		it.OCR = &o
	}
	return false
}

// Kept returns the bytes of item text kept so far.
func (b *TextBudget) Kept() int64 { return b.kept }

// Dropped returns the number of items whose text Keep dropped, and the
// bytes of text dropped.
func (b *TextBudget) Dropped() (items int, bytes int64) { return b.droppedItems, b.droppedBytes }

// Problem returns the problem of the report as a whole that counts the
// items whose text Keep dropped, with path as its Path (the package's
// name), and false when none was dropped.
func (b *TextBudget) Problem(path string) (Problem, bool) {
	if b.droppedItems == 0 {
		return Problem{}, false
	}
	return Problem{
		Code: ProblemLimitPrefix + LimitReportText,
		Detail: fmt.Sprintf("the text of %d items (%d bytes) is left out of the report, past Limits.MaxReportText (%d bytes of item text in all); attribution read it all",
			b.droppedItems, b.droppedBytes, b.max),
		Path: path,
	}, true
}
