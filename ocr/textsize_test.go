package ocr

import (
	"encoding/binary"
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
)

// line is a line of words laid left to right at top y, each word h
// pixels high.
func line(y, h int, words ...string) Line {
	var l Line
	x := 10
	for _, w := range words {
		b := image.Rect(x, y, x+8*len([]rune(w)), y+h)
		l.Words = append(l.Words, Word{Text: w, Conf: 90, Box: b})
		l.Box = l.Box.Union(b)
		x = b.Max.X + 6
	}
	return l
}

func TestMeasureTextLines(t *testing.T) {
	icon := line(0, 9, "Order", "4500012345")
	icon.Words = append(icon.Words, Word{Text: "@", Box: image.Rect(300, -4, 316, 12)})
	loose := line(0, 9, "見積書", "社外秘")
	loose.Words[1].Box = loose.Words[1].Box.Add(image.Pt(0, 2)) // a word box a little off
	for _, tc := range []struct {
		name  string
		l     Line
		h     int
		chars int
	}{
		{"ascenders and descenders", line(0, 9, "Shared", "folder", "quality"), 9, 19},
		{"capitals and digits: 3/4 of the line height", line(0, 9, "Order", "4500012345"), 12, 15},
		{"descenders alone", line(0, 9, "gray", "query"), 12, 9},
		{"x-height alone: not measured", line(0, 5, "name", "ocean"), 0, 0},
		{"no letter or digit", line(0, 9, "---", "|"), 0, 0},
		{"Japanese", line(0, 9, "北浦精機株式会社", "御中"), 9, 10},
		{"Japanese and x-height Latin", line(0, 9, "担当", "sano"), 9, 6},
		{"an icon read as @ does not count", icon, 12, 15},
		{"the line box is tighter than loose word boxes", loose, 9, 6},
		{"no words: the line's text and box", Line{Text: "Kitaura", Box: image.Rect(0, 0, 60, 10)}, 13, 7},
		{"no box", Line{Text: "Kitaura"}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, chars := lineHeight(tc.l)
			assert.Equal(t, tc.h, h)
			assert.Equal(t, tc.chars, chars)
		})
	}
}

func TestMeasureText(t *testing.T) {
	title := line(0, 14, "Kitaura", "Shipping")                  // 15 characters, 14 px
	big := line(30, 14, "Kitaura", "Shipping", "Top", "Kitaura") // 25 characters, 14 px
	body := line(60, 9, "Shipping", "folder", "ksfs01")          // 20 characters, 9 px
	status := line(90, 9, "Syncing", "done")                     // 11 characters, 9 px
	for _, tc := range []struct {
		name  string
		lines []Line
		want  TextSize
		small bool
	}{
		{"nothing", nil, TextSize{}, false},
		{"nothing measured", []Line{line(0, 5, "name")}, TextSize{}, false},
		{"one size", []Line{body}, TextSize{Px: 9, SmallShare: 1, Chars: 20}, true},
		{"median by characters", []Line{title, body}, TextSize{Px: 9, SmallShare: 20.0 / 35, Chars: 35}, true},
		{"a third small", []Line{title, big, body}, TextSize{Px: 14, SmallShare: 20.0 / 60, Chars: 60}, true},
		{"a short status line", []Line{title, big, status}, TextSize{Px: 14, SmallShare: 11.0 / 51, Chars: 51}, false},
		{"the lines not measured do not count", []Line{title, line(30, 5, "name", "ocean", "across")}, TextSize{Px: 14, Chars: 15}, false},
		{"a line without descenders counts 4/3 of its height", []Line{line(0, 9, "Order", "4500012345")}, TextSize{Px: 12, Chars: 15}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := MeasureText(tc.lines)
			assert.Equal(t, tc.want.Px, got.Px)
			assert.Equal(t, tc.want.Chars, got.Chars)
			assert.InDelta(t, tc.want.SmallShare, got.SmallShare, 1e-9)
			assert.Equal(t, tc.small, got.Small())
		})
	}
}

func TestSummarizeMeasuresText(t *testing.T) {
	r := &Result{Lines: []Line{line(0, 9, "Shipping", "folder")}}
	r.Summarize()
	assert.Equal(t, TextSize{Px: 9, SmallShare: 1, Chars: 14}, r.TextSize)
	r.Lines = []Line{line(0, 14, "Shipping", "folder")}
	r.Summarize()
	assert.Equal(t, TextSize{Px: 14, Chars: 14}, r.TextSize, "Summarize measures again")
}

// FuzzMeasureText: lines of any text and any boxes (an engine's output
// is only as sane as the image) give a size within the boxes' heights
// and a share from 0 to 1.
func FuzzMeasureText(f *testing.F) {
	f.Add([]byte("\x09\x00Shared folder\n\x0eKitaura"), []byte{0, 0, 0, 9})
	f.Add([]byte("\x00\x00name\n\xff\xff北浦"), []byte{0x80, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, text, boxes []byte) {
		var lines []Line
		maxH := 0
		for i, s := range splitLines(text) {
			var l Line
			for j, w := range splitWords(s) {
				var b image.Rectangle
				if k := 8 * (i + j); k+8 <= len(boxes) {
					y0 := int(int32(binary.LittleEndian.Uint32(boxes[k:])))
					y1 := int(int32(binary.LittleEndian.Uint32(boxes[k+4:])))
					b = image.Rect(0, y0, 10, y1)
				}
				l.Words = append(l.Words, Word{Text: w, Box: b})
				maxH = max(maxH, b.Dy())
			}
			if len(l.Words) == 0 {
				l.Text = s
			}
			lines = append(lines, l)
		}
		ts := MeasureText(lines)
		if ts.SmallShare < 0 || ts.SmallShare > 1 || ts.Px < 0 || ts.Chars < 0 {
			t.Fatalf("%+v", ts)
		}
		if ts.Px > (4*maxH+1)/3 {
			t.Fatalf("%+v: higher than 4/3 of the highest box (%d)", ts, maxH)
		}
		if (ts.Chars == 0) != (ts.Px == 0) {
			t.Fatalf("%+v: a size without characters or characters without a size", ts)
		}
	})
}

// splitLines and splitWords cut fuzz input at newlines and spaces.
func splitLines(b []byte) []string { return split(string(b), '\n') }

func splitWords(s string) []string { return split(s, ' ') }

func split(s string, sep rune) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == sep {
			out = append(out, s[start:i])
			start = i + len(string(sep))
		}
	}
	return append(out, s[start:])
}
