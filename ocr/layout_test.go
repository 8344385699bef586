package ocr

import (
	"bytes"
	"context"
	"image"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/docgen"
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

// fillRect draws a dark rectangle.
func fillRect(g *image.Gray, r image.Rectangle) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g.Pix[y*g.Stride+x] = 20
		}
	}
}

// ring draws a dark circle of diameter n with a 2-pixel stroke, in the
// square at (x, y).
func ring(g *image.Gray, x, y, n int) {
	c := float64(n-1) / 2
	for yy := 0; yy < n; yy++ {
		for xx := 0; xx < n; xx++ {
			dx, dy := float64(xx)-c, float64(yy)-c
			if d := dx*dx + dy*dy; d <= c*c && d >= (c-2)*(c-2) {
				g.Pix[(y+yy)*g.Stride+x+xx] = 20
			}
		}
	}
}

// disc draws a filled dark disc of diameter n in the square at (x, y).
func disc(g *image.Gray, x, y, n int) {
	c := float64(n-1) / 2
	for yy := 0; yy < n; yy++ {
		for xx := 0; xx < n; xx++ {
			if dx, dy := float64(xx)-c, float64(yy)-c; dx*dx+dy*dy <= c*c {
				g.Pix[(y+yy)*g.Stride+x+xx] = 20
			}
		}
	}
}

// tallRow draws n dark 10x14 "glyphs" 2 pixels apart from (x, y).
func tallRow(g *image.Gray, x, y, n int) image.Rectangle {
	for i := 0; i < n; i++ {
		for yy := y; yy < y+14; yy++ {
			for xx := x + i*12; xx < x+i*12+10; xx++ {
				if (xx+yy)%3 != 0 {
					g.Pix[yy*g.Stride+xx] = 20
				}
			}
		}
	}
	return image.Rect(x, y, x+n*12-2, y+14)
}

func TestFindTextGrouping(t *testing.T) {
	tests := []struct {
		name string
		draw func(g *image.Gray)
		// want are the boxes of the segments found, in reading order.
		want []image.Rectangle
	}{
		{
			name: "thin strokes join the word of their row",
			draw: func(g *image.Gray) {
				// Two horizontal strokes (like ニ) and a long
				// mark (ー) before a word.
				fillRect(g, image.Rect(20, 42, 27, 44))
				fillRect(g, image.Rect(20, 47, 27, 49))
				fillRect(g, image.Rect(29, 45, 37, 46))
				glyphRow(g, 39, 40, 5)
			},
			want: []image.Rectangle{image.Rect(20, 40, 77, 49)},
		},
		{
			name: "rows two pixels apart are two segments",
			draw: func(g *image.Gray) {
				// Glyph over glyph with a gap of two pixels: the
				// stacked-glyph link joins them, the row split
				// parts them again; a speck in the gap does not
				// join them either.
				glyphRow(g, 20, 40, 6)
				glyphRow(g, 20, 51, 6)
				glyphRow(g, 120, 40, 3)
				fillRect(g, image.Rect(130, 51, 131, 52))
				glyphRow(g, 120, 53, 3)
			},
			want: []image.Rectangle{
				image.Rect(20, 40, 66, 49), image.Rect(20, 51, 66, 60),
				// The speck goes with the row it is closest to.
				image.Rect(120, 40, 142, 49), image.Rect(120, 51, 142, 62),
			},
		},
		{
			name: "the frames of low fields are not text",
			draw: func(g *image.Gray) {
				// A column of input fields 20 pixels tall, 6
				// apart: their sides are shorter than vruleLength
				// and would chain the fields into one segment.
				for _, y := range []int{40, 66, 92} {
					r := image.Rect(20, y, 220, y+20)
					fillRect(g, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1))
					fillRect(g, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y))
					fillRect(g, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y))
					fillRect(g, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y))
					glyphRow(g, 25, y+6, 7)
				}
			},
			want: []image.Rectangle{image.Rect(25, 46, 79, 55), image.Rect(25, 72, 79, 81), image.Rect(25, 98, 79, 107)},
		},
		{
			name: "pieces of a broken border are not text",
			draw: func(g *image.Gray) {
				// Row numbers beside a table's left border, which
				// JPEG noise broke into pieces shorter than
				// vruleLength, each spanning two rows.
				for _, y := range []int{40, 60, 80} {
					glyphRow(g, 30, y, 1)
					glyphRow(g, 60, y, 6)
				}
				fillRect(g, image.Rect(20, 35, 21, 55))
				fillRect(g, image.Rect(20, 57, 21, 77))
				fillRect(g, image.Rect(20, 79, 21, 99))
			},
			want: []image.Rectangle{
				image.Rect(30, 40, 36, 49), image.Rect(60, 40, 106, 49),
				image.Rect(30, 60, 36, 69), image.Rect(60, 60, 106, 69),
				image.Rect(30, 80, 36, 89), image.Rect(60, 80, 106, 89),
			},
		},
		{
			name: "an avatar does not join the text beside it",
			draw: func(g *image.Gray) {
				glyphRow(g, 60, 100, 6)
				glyphRow(g, 60, 116, 6)
				glyphRow(g, 60, 140, 6)
				glyphRow(g, 60, 160, 6)
				ring(g, 30, 98, 24)
			},
			want: []image.Rectangle{
				image.Rect(31, 99, 53, 121),
				image.Rect(60, 100, 106, 109), image.Rect(60, 116, 106, 125),
				image.Rect(60, 140, 106, 149), image.Rect(60, 160, 106, 169),
			},
		},
		{
			name: "a filled avatar twice the text height stays apart",
			draw: func(g *image.Gray) {
				tallRow(g, 64, 40, 6)
				tallRow(g, 64, 70, 6)
				tallRow(g, 64, 120, 6)
				disc(g, 30, 100, 28)
			},
			want: []image.Rectangle{
				image.Rect(31, 101, 57, 127),
				image.Rect(64, 40, 134, 54), image.Rect(64, 70, 134, 84), image.Rect(64, 120, 134, 134),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := image.NewGray(image.Rect(0, 0, 300, 200))
			for i := range g.Pix {
				g.Pix[i] = 250
			}
			tt.draw(g)
			var got []image.Rectangle
			for _, l := range FindText(g, 1) {
				for _, s := range l.Segments {
					got = append(got, s.Box)
				}
			}
			assert.ElementsMatch(t, tt.want, got, "got %v", got)
		})
	}
}

// TestFindTextStaffPieces draws a music staff (five rules 1 px thick),
// note heads on and between its lines with stems, and beams, and a text
// row below. The row split of the stacked shapes must not make segments
// of the slivers a staff line cuts off a note head: such a piece, 1 or 2
// px high, is read by the recogniser at dozens of times its size, and a
// page of sheet music held thousands of them.
func TestFindTextStaffPieces(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 400, 200))
	for i := range g.Pix {
		g.Pix[i] = 250
	}
	for k := 0; k < 5; k++ {
		fillRect(g, image.Rect(20, 50+9*k, 380, 51+9*k))
	}
	for i := 0; i < 12; i++ {
		x, y := 30+i*28, 50+(i*5)%36
		fillRect(g, image.Rect(x, y, x+8, y+6))
		fillRect(g, image.Rect(x+7, y-25, x+8, y+3))
		if i%2 == 0 {
			fillRect(g, image.Rect(x+7, y-25, x+36, y-22))
		}
	}
	text := glyphRow(g, 40, 120, 6)
	var boxes []image.Rectangle
	for _, l := range FindText(g, 1) {
		for _, s := range l.Segments {
			boxes = append(boxes, s.Box)
			assert.GreaterOrEqual(t, s.Box.Dy(), 3, "a sliver is a segment: %v", s.Box)
		}
	}
	assert.Contains(t, boxes, text)
}

// stroke draws a line 2 pixels thick from (x0, y0) to (x1, y1-1), one
// row at a time.
func stroke(g *image.Gray, x0, y0, x1, y1 int) {
	for y := y0; y < y1; y++ {
		x := x0 + (x1-x0)*(y-y0)/max(y1-y0-1, 1)
		g.Pix[y*g.Stride+x] = 20
		g.Pix[y*g.Stride+x+1] = 20
	}
}

func TestFindTextBackslashes(t *testing.T) {
	tests := []struct {
		name string
		draw func(g *image.Gray)
		want []int // left edges of the backslashes found
	}{
		{"backslash between words", func(g *image.Gray) { stroke(g, 44, 50, 48, 61) }, []int{44}},
		{"two backslashes", func(g *image.Gray) { stroke(g, 44, 50, 48, 61); stroke(g, 51, 50, 55, 61) }, []int{44, 51}},
		{"backslash touching the next glyph", func(g *image.Gray) {
			stroke(g, 44, 50, 48, 61)
			fillRect(g, image.Rect(49, 52, 56, 54)) // joined at the foot
			fillRect(g, image.Rect(49, 52, 51, 61))
			fillRect(g, image.Rect(49, 59, 56, 61))
		}, []int{44}},
		{"slash", func(g *image.Gray) { stroke(g, 48, 50, 44, 61) }, nil},
		{"vertical bar", func(g *image.Gray) { fillRect(g, image.Rect(45, 50, 47, 61)) }, nil},
		{"N", func(g *image.Gray) {
			fillRect(g, image.Rect(44, 50, 46, 61))
			fillRect(g, image.Rect(50, 50, 52, 61))
			stroke(g, 44, 50, 50, 61)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := image.NewGray(image.Rect(0, 0, 200, 100))
			for i := range g.Pix {
				g.Pix[i] = 250
			}
			glyphRow(g, 20, 51, 3)
			glyphRow(g, 60, 51, 3)
			tt.draw(g)
			var got []int
			for _, l := range FindText(g, 1) {
				for _, s := range l.Segments {
					for _, b := range s.Backslashes {
						got = append(got, b.Min.X)
					}
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// countdownCtx is a context that turns done after its Err has been asked
// n times: a cancellation in the middle of the work, at a point that
// does not depend on the machine's speed.
type countdownCtx struct {
	context.Context
	left  atomic.Int64
	calls atomic.Int64
}

func newCountdownCtx(n int64) *countdownCtx {
	c := &countdownCtx{Context: context.Background()}
	c.left.Store(n)
	return c
}

func (c *countdownCtx) Err() error {
	c.calls.Add(1)
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestFindTextContextStops: the layout of a noise image checks its
// context throughout: cancelled at any point, it stops and says so, and
// it is asked often enough that a cancellation is seen within a few
// milliseconds of work (a check per 256 rows, columns or components,
// and per segment).
func TestFindTextContextStops(t *testing.T) {
	g := docgen.GlyphNoise(600, 400, 7)
	want := FindText(g, 1)
	require.NotEmpty(t, want)

	all := newCountdownCtx(1 << 40)
	got, err := FindTextContext(all, g, 1)
	require.NoError(t, err)
	assert.Equal(t, want, got, "a context that stays live changes nothing")
	checks := all.calls.Load()
	assert.Greater(t, checks, int64(len(want)), "the context is checked at least once per line found")

	for _, n := range []int64{0, 1, 2, checks / 4, checks / 2, checks - 1} {
		ctx := newCountdownCtx(n)
		lines, err := FindTextContext(ctx, g, 1)
		require.ErrorIs(t, err, context.Canceled, "cancelled after %d checks", n)
		assert.Nil(t, lines)
		assert.LessOrEqual(t, ctx.calls.Load(), n+2, "it stops at the first check that sees the cancellation")
	}
}

// FuzzFindText runs the layout on arbitrary images: no panic, and every
// box within the image. Seeds: the sample screenshots and glyph noise.
func FuzzFindText(f *testing.F) {
	for _, data := range sampleImages(f) {
		f.Add(data)
	}
	noise, err := docgen.GlyphNoisePNG(160, 90, 11)
	require.NoError(f, err)
	f.Add(noise)
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := Decode(bytes.NewReader(data), 1<<20)
		if err != nil {
			return
		}
		p, err := Prepare(img, Preprocess{Scale: 1, MaxScaledPixels: 1 << 20})
		if err != nil {
			return
		}
		lines, err := FindTextContext(t.Context(), p.Gray, p.Scale)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if !l.Box.In(p.Gray.Rect) {
				t.Fatalf("line %v outside the image %v", l.Box, p.Gray.Rect)
			}
			for _, sg := range l.Segments {
				if !sg.Box.In(l.Box) {
					t.Fatalf("segment %v outside its line %v", sg.Box, l.Box)
				}
			}
		}
	})
}
