package ocr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDropNoiseWords: an icon read as a kanji at confidence 0 before a
// file name leaves the text and stays in the words; a poorly read kanji
// that is part of the text, a long word and a line of one word stay.
func TestDropNoiseWords(t *testing.T) {
	w := func(text string, conf float64) Word { return Word{Text: text, Conf: conf} }
	r := &Result{Lines: []Line{
		{Text: "胃 Vendor_contacts.xlsx", Words: []Word{w("胃", 0), w("Vendor_contacts.xlsx", 91)}},
		{Text: "経費生算", Words: []Word{w("経費", 60), w("生", 0), w("算", 0)}},
		{Text: "Supplier list 9 KB", Words: []Word{w("Supplier", 90), w("list", 90), w("9", 23), w("KB", 5)}},
		{Text: "nafs01.us.example.com", Words: []Word{w("nafs01.us.example.com", 3)}},
		{Text: "WB ETERNUS", Words: []Word{w("WB", 7), w("ETERNUS", 3)}},
	}}
	r.Summarize()
	dropNoiseWords(r, DefaultMinWordConfidence)
	assert.Equal(t, "Vendor_contacts.xlsx\n経費生算\nSupplier list 9\nnafs01.us.example.com\nETERNUS", r.Text)
	assert.Len(t, r.Lines[0].Words, 2, "the word stays in Words")

	r.Lines[0].Text = "胃 Vendor_contacts.xlsx"
	r.Summarize()
	dropNoiseWords(r, -1)
	assert.Contains(t, r.Text, "胃 Vendor", "a negative minimum keeps every word")
}
