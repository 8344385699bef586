package ocr

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// glyphRow draws n dark 6x9 "glyphs" 2 pixels apart from (x, y).
func glyphRow(g *image.Gray, x, y, n int) image.Rectangle {
	for i := 0; i < n; i++ {
		for yy := y; yy < y+9; yy++ {
			for xx := x + i*8; xx < x+i*8+6; xx++ {
				if (xx+yy)%3 != 0 { // not a filled blob
					g.Pix[yy*g.Stride+xx] = 20
				}
			}
		}
	}
	return image.Rect(x, y, x+n*8-2, y+9)
}

func TestFindTextReadingOrder(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 400, 200))
	for i := range g.Pix {
		g.Pix[i] = 250
	}
	// A left pane whose rows do not line up with the right pane's, and a
	// two-column table in the right pane whose cells do.
	var left, right []image.Rectangle
	for i := 0; i < 4; i++ {
		left = append(left, glyphRow(g, 10, 20+i*30, 5))
	}
	for i := 0; i < 4; i++ {
		a := glyphRow(g, 150, 32+i*22, 6)
		b := glyphRow(g, 260, 32+i*22, 4)
		right = append(right, a.Union(b))
	}
	lines := FindText(g, 1)
	require.Len(t, lines, 8)
	for i, l := range lines[:4] {
		assert.Equal(t, left[i], l.Box, "left pane line %d first", i)
		assert.Len(t, l.Segments, 1)
	}
	for i, l := range lines[4:] {
		assert.Equal(t, right[i], l.Box, "table row %d whole", i)
		assert.Len(t, l.Segments, 2)
	}
	t.Run("empty and nil", func(t *testing.T) {
		assert.Empty(t, FindText(nil, 1))
		assert.Empty(t, FindText(image.NewGray(image.Rect(0, 0, 50, 50)), 1))
	})
}
