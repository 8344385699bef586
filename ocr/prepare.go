package ocr

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// Filter is the resampling kernel used to upscale.
type Filter int

// Filters. FilterAuto picks the recommended one.
const (
	// FilterAuto is the recommended kernel, currently FilterCatmullRom.
	FilterAuto Filter = iota
	// FilterCatmullRom is a cubic kernel: sharp edges, slight ringing.
	FilterCatmullRom
	// FilterBilinear interpolates linearly: smooth, a little blurry.
	FilterBilinear
	// FilterNearest repeats pixels: fastest, blocky.
	FilterNearest
)

// InvertMode says how light-on-dark text is turned dark-on-light.
type InvertMode int

// Inversion modes. InvertAuto is the recommended one.
const (
	// InvertAuto inverts each cell (a square of Preprocess.CellSize
	// pixels) whose background is dark, after a majority vote among its
	// neighbours so that a cell full of bold glyphs is not flipped alone.
	InvertAuto InvertMode = iota
	// InvertNever leaves the image as it is.
	InvertNever
	// InvertWhole inverts the whole image when most of it is dark.
	InvertWhole
)

// Recommended preprocessing values: what a zero Preprocess field means.
const (
	defaultSmallWidth      = 1366
	defaultSmallScale      = 3.0
	defaultMediumWidth     = 2560
	defaultMediumScale     = 2.0
	defaultMaxScaledPixels = 30_000_000
	defaultCellSize        = 16
	defaultDarkLevel       = 128
	defaultDarkFraction    = 0.5
	defaultVoteRadius      = 1
	defaultPad             = 16
	// maxScale bounds any upscale factor: more only costs time.
	maxScale = 6.0
)

// Preprocess holds every choice Prepare makes, so that each can be
// measured. The zero value is the recommended setting; a zero field means
// the default named on it.
type Preprocess struct {
	// Scale is the upscale factor. 0 chooses one from the image width
	// (SmallWidth, MediumWidth); a value ≥ 1 is used as given (capped at
	// 6); values between 0 and 1 mean 1 (no scaling).
	Scale float64
	// SmallWidth: with Scale 0, images at most this wide (a laptop
	// screen at 96 DPI) are upscaled by SmallScale. Default 1366.
	SmallWidth int
	// SmallScale is the factor for small images. Default 3.
	SmallScale float64
	// MediumWidth: with Scale 0, images wider than SmallWidth and at
	// most this wide are upscaled by MediumScale; wider ones are not
	// upscaled. Default 2560.
	MediumWidth int
	// MediumScale is the factor for medium images. Default 2.
	MediumScale float64
	// MaxScaledPixels bounds the upscaled image; the factor is lowered
	// to fit (never below 1). Default 30 megapixels.
	MaxScaledPixels int64
	// Filter is the upscaling kernel. Default FilterCatmullRom.
	Filter Filter
	// Invert is how light-on-dark regions are handled. Default
	// InvertAuto.
	Invert InvertMode
	// CellSize is the side, in original pixels, of the squares whose
	// background is judged for inversion. Default 16, a little more than
	// a line of 9-point screen text.
	CellSize int
	// DarkLevel is the luminance under which a pixel counts as dark.
	// Default 128.
	DarkLevel uint8
	// DarkFraction: a cell whose share of dark pixels is over it has a
	// dark background. Default 0.5 (the median pixel is dark).
	DarkFraction float64
	// VoteRadius is the radius, in cells, of the majority vote that
	// smooths the inversion decisions. Default 1 (3x3 cells); negative
	// means no vote.
	VoteRadius int
	// Pad is the white border, in output pixels, added on every side.
	// Default 16; negative means none.
	Pad int
}

// withDefaults returns p with every zero field replaced by its default.
func (p Preprocess) withDefaults() Preprocess {
	if p.SmallWidth <= 0 {
		p.SmallWidth = defaultSmallWidth
	}
	if p.SmallScale <= 0 {
		p.SmallScale = defaultSmallScale
	}
	if p.MediumWidth <= 0 {
		p.MediumWidth = defaultMediumWidth
	}
	if p.MediumScale <= 0 {
		p.MediumScale = defaultMediumScale
	}
	if p.MaxScaledPixels <= 0 {
		p.MaxScaledPixels = defaultMaxScaledPixels
	}
	if p.Filter == FilterAuto {
		p.Filter = FilterCatmullRom
	}
	if p.CellSize <= 0 {
		p.CellSize = defaultCellSize
	}
	if p.DarkLevel == 0 {
		p.DarkLevel = defaultDarkLevel
	}
	if p.DarkFraction <= 0 || p.DarkFraction >= 1 {
		p.DarkFraction = defaultDarkFraction
	}
	switch {
	case p.VoteRadius == 0:
		p.VoteRadius = defaultVoteRadius
	case p.VoteRadius < 0:
		p.VoteRadius = 0
	}
	switch {
	case p.Pad == 0:
		p.Pad = defaultPad
	case p.Pad < 0:
		p.Pad = 0
	}
	return p
}

// Prepared is an image ready for an engine: 8-bit gray, text dark on
// light, upscaled and padded. It remembers how it was made so that boxes
// found in it map back to the original image.
type Prepared struct {
	// Gray is the preprocessed image; its bounds start at (0, 0).
	Gray *image.Gray
	// Scale is the upscale factor that was applied (1 when none).
	Scale float64
	// Source is the bounds of the original image.
	Source image.Rectangle
	// Inner is where the original image lies in Gray, padding excluded.
	Inner image.Rectangle
	// InvertedCells and Cells count the cells inverted and judged.
	InvertedCells, Cells int
}

// ToOriginal maps a rectangle of the prepared image to the original
// image's coordinates, rounding outwards and clipping to Source.
func (p *Prepared) ToOriginal(r image.Rectangle) image.Rectangle {
	sw, sh := p.Source.Dx(), p.Source.Dy()
	iw, ih := p.Inner.Dx(), p.Inner.Dy()
	if iw <= 0 || ih <= 0 {
		return image.Rectangle{}
	}
	mapDown := func(v, off, in, out int) int { // floor((v-off)*out/in)
		return int(math.Floor(float64(v-off) * float64(out) / float64(in)))
	}
	mapUp := func(v, off, in, out int) int {
		return int(math.Ceil(float64(v-off) * float64(out) / float64(in)))
	}
	o := image.Rect(
		p.Source.Min.X+mapDown(r.Min.X, p.Inner.Min.X, iw, sw),
		p.Source.Min.Y+mapDown(r.Min.Y, p.Inner.Min.Y, ih, sh),
		p.Source.Min.X+mapUp(r.Max.X, p.Inner.Min.X, iw, sw),
		p.Source.Min.Y+mapUp(r.Max.Y, p.Inner.Min.Y, ih, sh),
	)
	return o.Intersect(p.Source)
}

// Prepare turns a screenshot into an image an OCR engine reads well:
// 8-bit gray, light-on-dark regions inverted (see InvertMode), upscaled
// (see Preprocess.Scale) and padded with white. It works on pixel slices,
// not image.At, for the common image types (Gray, RGBA, NRGBA, YCbCr,
// Paletted); other types take a slower generic path.
//
// Prepare does not bound the input size: callers bound it first (Decode
// and Pool do, with Options.MaxPixels). The output is bounded by
// Preprocess.MaxScaledPixels.
func Prepare(img image.Image, p Preprocess) (*Prepared, error) {
	if img == nil {
		return nil, fmt.Errorf("%w: nil image", ErrFormat)
	}
	p = p.withDefaults()
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("%w: empty image %dx%d", ErrFormat, w, h)
	}
	g := toGray(img)
	out := &Prepared{Source: b, Scale: 1}
	switch p.Invert {
	case InvertAuto:
		out.InvertedCells, out.Cells = invertCells(g, p)
	case InvertWhole:
		if darkShare(g.Pix, p.DarkLevel) > p.DarkFraction {
			invert(g.Pix)
			out.InvertedCells, out.Cells = 1, 1
		}
	}
	scale := chooseScale(w, h, p)
	ow, oh := w, h
	if scale > 1 {
		ow, oh = int(math.Round(float64(w)*scale)), int(math.Round(float64(h)*scale))
	}
	pad := p.Pad
	if ow > math.MaxInt32/2-2*pad || oh > math.MaxInt32/2-2*pad {
		return nil, fmt.Errorf("%w: %dx%d", ErrLimit, w, h)
	}
	dst := image.NewGray(image.Rect(0, 0, ow+2*pad, oh+2*pad))
	if pad > 0 {
		for i := range dst.Pix {
			dst.Pix[i] = 0xff
		}
	}
	inner := image.Rect(pad, pad, pad+ow, pad+oh)
	if ow == w && oh == h {
		for y := 0; y < h; y++ {
			copy(dst.Pix[(pad+y)*dst.Stride+pad:], g.Pix[y*g.Stride:y*g.Stride+w])
		}
	} else {
		resample(dst, inner, g, p.Filter)
		out.Scale = float64(ow) / float64(w)
	}
	out.Gray = dst
	out.Inner = inner
	return out, nil
}

// chooseScale returns the upscale factor for a w×h image.
func chooseScale(w, h int, p Preprocess) float64 {
	s := p.Scale
	switch {
	case s == 0 && w <= p.SmallWidth:
		s = p.SmallScale
	case s == 0 && w <= p.MediumWidth:
		s = p.MediumScale
	case s == 0:
		s = 1
	}
	s = min(max(s, 1), maxScale)
	px := float64(w) * float64(h)
	if px*s*s > float64(p.MaxScaledPixels) {
		s = math.Sqrt(float64(p.MaxScaledPixels) / px)
	}
	return max(s, 1)
}

// toGray converts img to a new *image.Gray whose bounds start at (0, 0).
// Transparent pixels are composed over white, as a viewer shows them.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := image.NewGray(image.Rect(0, 0, w, h))
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			i := src.PixOffset(b.Min.X, b.Min.Y+y)
			copy(g.Pix[y*w:(y+1)*w], src.Pix[i:i+w])
		}
	case *image.YCbCr:
		// Y is the luma: exactly what a gray conversion computes.
		for y := 0; y < h; y++ {
			i := src.YOffset(b.Min.X, b.Min.Y+y)
			copy(g.Pix[y*w:(y+1)*w], src.Y[i:i+w])
		}
	case *image.RGBA:
		for y := 0; y < h; y++ {
			s := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			d := g.Pix[y*w : (y+1)*w]
			for x := range d {
				q := s[4*x : 4*x+4 : 4*x+4]
				// Premultiplied: luma of the color plus white behind the
				// transparent share.
				d[x] = clamp8(luma(uint32(q[0]), uint32(q[1]), uint32(q[2])) + 255 - int32(q[3]))
			}
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			s := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			d := g.Pix[y*w : (y+1)*w]
			for x := range d {
				q := s[4*x : 4*x+4 : 4*x+4]
				l, a := luma(uint32(q[0]), uint32(q[1]), uint32(q[2])), int32(q[3])
				d[x] = clamp8((l*a + 255*(255-a) + 127) / 255)
			}
		}
	case *image.Paletted:
		var lut [256]uint8
		for i := range lut {
			lut[i] = 0xff
		}
		for i, c := range src.Palette {
			if i < len(lut) {
				lut[i] = grayOverWhite(c)
			}
		}
		for y := 0; y < h; y++ {
			s := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			d := g.Pix[y*w : (y+1)*w]
			for x := range d {
				d[x] = lut[s[x]]
			}
		}
	default:
		for y := 0; y < h; y++ {
			d := g.Pix[y*w : (y+1)*w]
			for x := range d {
				d[x] = grayOverWhite(img.At(b.Min.X+x, b.Min.Y+y))
			}
		}
	}
	return g
}

// luma returns the BT.601 luma of 8-bit r, g, b, as image/color does.
func luma(r, g, b uint32) int32 {
	return int32((19595*r + 38470*g + 7471*b + 1<<15) >> 16)
}

// grayOverWhite converts any color to gray, composed over white.
func grayOverWhite(c color.Color) uint8 {
	r, g, b, a := c.RGBA() // premultiplied, 16 bits
	l := (19595*r + 38470*g + 7471*b + 1<<15) >> 16
	return clamp8(int32((l + 0xffff - a) >> 8))
}

func clamp8(v int32) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// invert turns every pixel of pix into its negative.
func invert(pix []uint8) {
	for i, v := range pix {
		pix[i] = 255 - v
	}
}

// darkShare returns the share of pixels under level.
func darkShare(pix []uint8, level uint8) float64 {
	if len(pix) == 0 {
		return 0
	}
	var n int
	for _, v := range pix {
		if v < level {
			n++
		}
	}
	return float64(n) / float64(len(pix))
}

// invertCells inverts, in place, the cells of g whose background is dark
// (see InvertAuto). g's bounds start at (0, 0) and its stride is its
// width. It returns the number of cells inverted and judged.
func invertCells(g *image.Gray, p Preprocess) (inverted, cells int) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	c := p.CellSize
	gw, gh := (w+c-1)/c, (h+c-1)/c
	counts := make([]int32, gw*gh)
	for y := 0; y < h; y++ {
		row := g.Pix[y*w : (y+1)*w]
		cr := counts[(y/c)*gw : (y/c+1)*gw]
		for cx := range cr {
			seg := row[cx*c : min((cx+1)*c, w)]
			var n int32
			for _, v := range seg {
				if v < p.DarkLevel {
					n++
				}
			}
			cr[cx] += n
		}
	}
	dark := make([]bool, gw*gh)
	for cy := 0; cy < gh; cy++ {
		ch := min((cy+1)*c, h) - cy*c
		for cx := 0; cx < gw; cx++ {
			cw := min((cx+1)*c, w) - cx*c
			dark[cy*gw+cx] = float64(counts[cy*gw+cx]) > p.DarkFraction*float64(cw*ch)
		}
	}
	if r := p.VoteRadius; r > 0 {
		voted := make([]bool, len(dark))
		for cy := 0; cy < gh; cy++ {
			for cx := 0; cx < gw; cx++ {
				var yes, all int
				for ny := max(cy-r, 0); ny <= min(cy+r, gh-1); ny++ {
					for nx := max(cx-r, 0); nx <= min(cx+r, gw-1); nx++ {
						all++
						if dark[ny*gw+nx] {
							yes++
						}
					}
				}
				voted[cy*gw+cx] = 2*yes > all
			}
		}
		dark = voted
	}
	for _, d := range dark {
		if d {
			inverted++
		}
	}
	if inverted == 0 {
		return 0, len(dark)
	}
	for y := 0; y < h; y++ {
		row := g.Pix[y*w : (y+1)*w]
		dr := dark[(y/c)*gw : (y/c+1)*gw]
		for cx, d := range dr {
			if d {
				invert(row[cx*c : min((cx+1)*c, w)])
			}
		}
	}
	return inverted, len(dark)
}
