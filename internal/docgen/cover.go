package docgen

import (
	"fmt"
	"image"
	"image/color"

	"golang.org/x/image/font"
)

// CoverSpec describes a seller's cover image: a plain background with a
// few lines of large centred text (a wordmark, "LEAKED", a size), as
// sellers put in front of a proof pack to echo their claim.
type CoverSpec struct {
	Fonts      *Fonts // required; see LoadFonts
	Width      int    // 800 when zero
	Height     int    // 450 when zero
	Background color.RGBA
	Foreground color.RGBA // white when zero
	// Lines are drawn from the top third down: the first at 56 points
	// (the wordmark), the others at 26 points.
	Lines []string
}

// Cover renders spec into an opaque RGBA image.
func Cover(spec CoverSpec) (image.Image, error) {
	if spec.Fonts == nil {
		return nil, fmt.Errorf("cover: %w", ErrFontMissing)
	}
	w, h := spec.Width, spec.Height
	if w == 0 {
		w = 800
	}
	if h == 0 {
		h = 450
	}
	if w < 320 || h < 200 || w > 4096 || h > 4096 {
		return nil, fmt.Errorf("cover: size %dx%d out of range", w, h)
	}
	if len(spec.Lines) == 0 {
		return nil, fmt.Errorf("cover: %w", errEmptyBody)
	}
	fg := spec.Foreground
	if fg == (color.RGBA{}) {
		fg = colWhite
	}
	bg := spec.Background
	bg.A = 0xff
	p := &painter{dst: image.NewRGBA(image.Rect(0, 0, w, h)), fonts: spec.Fonts, faces: map[faceKey]font.Face{}}
	full := image.Rect(0, 0, w, h)
	p.fill(full, bg)
	y := h / 3
	for i, line := range spec.Lines {
		size := 26.0
		if i == 0 {
			size = 56
		}
		lw, err := p.measure(line, size, true)
		if err != nil {
			return nil, fmt.Errorf("cover: %w", err)
		}
		if err := p.text((w-lw)/2, y, line, size, true, fg, full); err != nil {
			return nil, fmt.Errorf("cover: %w", err)
		}
		y += int(size*1.6) + 8
	}
	return p.dst, nil
}
