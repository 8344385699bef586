package ocr

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cells returns glyph boxes 12 pixels high for the given [x0, x1) runs.
func cells(xs ...[2]int) []image.Rectangle {
	var out []image.Rectangle
	for _, x := range xs {
		out = append(out, image.Rect(x[0], 10, x[1], 22))
	}
	return out
}

// grid returns n full-size glyph boxes 11 wide at a pitch of 13 from x,
// and the x after them.
func grid(x, n int) ([][2]int, int) {
	var out [][2]int
	for i := 0; i < n; i++ {
		out = append(out, [2]int{x + 13*i, x + 13*i + 11})
	}
	return out, x + 13*n
}

// segmentOf builds a segment from glyph boxes as FindText would.
func segmentOf(glyphs []image.Rectangle) TextSegment {
	return TextSegment{
		Box:        unionBox(glyphs),
		Glyphs:     len(glyphs),
		GlyphBoxes: glyphs,
		Pitch:      glyphPitch(glyphs),
		textHeight: 12,
	}
}

func TestRespace(t *testing.T) {
	// Four katakana, a word space of half an em, three more.
	a, x := grid(0, 4)
	b, _ := grid(x+6, 3)
	words := cells(append(a, b...)...)
	// Seven kanji at the usual pitch.
	even, _ := grid(0, 7)
	// Two Latin letters, a space, four kanji.
	latin := [][2]int{{0, 6}, {7, 13}}
	k, _ := grid(19, 4)
	// A katakana drawn in two strokes side by side (ル) before a space.
	split, x := grid(0, 3)
	split = append(split, [2]int{x, x + 4}, [2]int{x + 6, x + 11})
	rest, _ := grid(x+13+6, 3)

	tests := []struct {
		name string
		seg  TextSegment
		in   string
		want string
	}{
		{"space found between katakana words", segmentOf(words), "アイウエカキク", "アイウエ カキク"},
		{"misplaced space moved", segmentOf(words), "アイウ エカキク", "アイウエ カキク"},
		{"space the recogniser invented dropped", segmentOf(cells(even...)), "東西 南北上下左", "東西南北上下左"},
		{"spaces next to Latin kept", segmentOf(cells(append(latin, k...)...)), "AB 東西南北", "AB 東西南北"},
		{"glyph in two strokes", segmentOf(cells(append(split, rest...)...)), "アイウルカキク", "アイウル カキク"},
		{"too few glyphs to measure", segmentOf(cells(even[:3]...)), "東 西南", "東 西南"},
		{"text and glyphs disagree", segmentOf(cells(even...)), "東西 南", "東西 南"},
		{"empty", segmentOf(cells(even...)), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.seg.Respace(tt.in))
		})
	}
}

func TestGlyphPitch(t *testing.T) {
	even, _ := grid(5, 6)
	assert.InDelta(t, 13, glyphPitch(cells(even...)), 0.01)
	assert.Zero(t, glyphPitch(cells(even[:4]...)), "three pairs are too few")
	assert.Zero(t, glyphPitch(nil))
}

func TestSplit(t *testing.T) {
	// \\ab\東西: two backslashes, two Latin letters, a backslash and two
	// kanji.
	host := [][2]int{{9, 15}, {16, 22}}
	kanji, _ := grid(28, 2)
	glyphs := cells(append([][2]int{{0, 4}, {4, 8}}, append(append(host, [2]int{23, 27}), kanji...)...)...)
	seg := segmentOf(glyphs)
	seg.Backslashes = []image.Rectangle{glyphs[4], glyphs[0], glyphs[1]} // any order
	parts, seps := seg.Split()
	require.Len(t, seps, 3)
	require.Len(t, parts, 4)
	assert.Equal(t, []int{0, 4, 23}, []int{seps[0].Min.X, seps[1].Min.X, seps[2].Min.X})
	assert.Zero(t, parts[0].Glyphs, "nothing before \\\\")
	assert.Zero(t, parts[1].Glyphs, "nothing between the two backslashes")
	assert.Equal(t, 2, parts[2].Glyphs)
	assert.Equal(t, image.Rect(9, 10, 22, 22), parts[2].Box)
	assert.Less(t, parts[2].CJK, 0.2)
	assert.Equal(t, 2, parts[3].Glyphs)
	assert.Greater(t, parts[3].CJK, 0.9)

	t.Run("no backslash", func(t *testing.T) {
		parts, seps := segmentOf(glyphs).Split()
		assert.Empty(t, seps)
		require.Len(t, parts, 1)
		assert.Equal(t, len(glyphs), parts[0].Glyphs)
	})
}
