package lookalikegen

import (
	"fmt"
	"image"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Rendering. Each character is drawn at renderPPEM pixels to the em,
// without hinting, and its ink is cut to its bounding box and scaled,
// keeping its aspect, so that its longer side spans Grid-2*gridPad
// cells of a Grid x Grid bitmap, centred. Size and position in the em
// box are thrown away on purpose: OCR reads one glyph cut from its
// line, so a katakana ロ is read against the kanji 口 it resembles once
// both are scaled to the same height (as ー and 一, ニ and 二, small ッ
// and ツ are).
const (
	renderPPEM = 64
	// Grid is the side of the normalised bitmap.
	Grid = 24
	// gridPad is the empty margin kept around the ink.
	gridPad = 1
	// inkMin is the coverage (of 255) a pixel needs to count in the
	// ink's bounding box: anti-aliasing fringes do not widen it.
	inkMin = 64
)

// Glyph is one character's normalised bitmap in one font: Grid x Grid
// coverages in [0,1], row by row.
type Glyph [Grid * Grid]float32

// renderer draws the characters of one font.
type renderer struct {
	face   font.Face
	canvas *image.Alpha
	buf    sfnt.Buffer
	f      *sfnt.Font
}

func newRenderer(f *sfnt.Font) (*renderer, error) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: renderPPEM, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	return &renderer{face: face, canvas: image.NewAlpha(image.Rect(0, 0, 2*renderPPEM, 2*renderPPEM)), f: f}, nil
}

// glyph draws r normalised; ok is false when the font has no glyph for
// it or the glyph has no ink.
func (rd *renderer) glyph(r rune) (g Glyph, ok bool, err error) {
	idx, err := rd.f.GlyphIndex(&rd.buf, r)
	if err != nil {
		return g, false, fmt.Errorf("glyph index of %U: %w", r, err)
	}
	if idx == 0 {
		return g, false, nil
	}
	draw.Draw(rd.canvas, rd.canvas.Bounds(), image.Transparent, image.Point{}, draw.Src)
	dot := fixed.P(renderPPEM/2, renderPPEM*3/2)
	dr, mask, mp, _, found := rd.face.Glyph(dot, r)
	if !found {
		return g, false, nil
	}
	draw.DrawMask(rd.canvas, dr, image.Opaque, image.Point{}, mask, mp, draw.Over)
	// The ink's bounding box.
	b := rd.canvas.Bounds()
	x0, y0, x1, y1 := b.Max.X, b.Max.Y, b.Min.X, b.Min.Y
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := rd.canvas.Pix[(y-b.Min.Y)*rd.canvas.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			if row[x-b.Min.X] >= inkMin {
				x0, y0 = min(x0, x), min(y0, y)
				x1, y1 = max(x1, x+1), max(y1, y+1)
			}
		}
	}
	if x1 <= x0 || y1 <= y0 {
		return g, false, nil
	}
	// Area sampling of the box into the grid: each grid cell averages
	// the canvas over the square it covers.
	w, h := float64(x1-x0), float64(y1-y0)
	scale := float64(Grid-2*gridPad) / math.Max(w, h)
	offX := (float64(Grid) - w*scale) / 2
	offY := (float64(Grid) - h*scale) / 2
	var acc [Grid * Grid]float64
	for y := y0; y < y1; y++ {
		row := rd.canvas.Pix[(y-b.Min.Y)*rd.canvas.Stride:]
		gy0 := offY + float64(y-y0)*scale
		for x := x0; x < x1; x++ {
			v := float64(row[x-b.Min.X]) / 255
			gx0 := offX + float64(x-x0)*scale
			spread(&acc, gx0, gy0, scale, v)
		}
	}
	for i := range g {
		g[i] = float32(min(acc[i], 1))
	}
	return g, true, nil
}

// spread adds a source pixel of value v covering the square
// [gx0,gx0+s) x [gy0,gy0+s) of grid coordinates to the cells it
// overlaps, weighted by the overlap (a cell is one unit of area).
func spread(acc *[Grid * Grid]float64, gx0, gy0, s, v float64) {
	for cy := int(gy0); cy < Grid && float64(cy) < gy0+s; cy++ {
		oy := math.Min(float64(cy+1), gy0+s) - math.Max(float64(cy), gy0)
		if oy <= 0 || cy < 0 {
			continue
		}
		for cx := int(gx0); cx < Grid && float64(cx) < gx0+s; cx++ {
			ox := math.Min(float64(cx+1), gx0+s) - math.Max(float64(cx), gx0)
			if ox <= 0 || cx < 0 {
				continue
			}
			acc[cy*Grid+cx] += v * ox * oy
		}
	}
}
