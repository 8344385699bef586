package ocr

import (
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/draw"
)

// screenLike returns a w×h RGBA "screenshot": a light page with dark
// bars of "text", and a dark title band (top 48 rows) with light bars.
func screenLike(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			bg, fg := color.RGBA{250, 250, 250, 255}, color.RGBA{20, 20, 20, 255}
			if y < 48 {
				bg, fg = color.RGBA{30, 34, 40, 255}, color.RGBA{230, 230, 230, 255}
			}
			c := bg
			// 2 px strokes every 6 px in 12 px tall lines every 24 px.
			if y%24 >= 6 && y%24 < 18 && x%6 < 2 && x%200 < 150 {
				c = fg
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func TestPrepareInvertsDarkRegions(t *testing.T) {
	img := screenLike(400, 200)
	tests := []struct {
		name     string
		mode     InvertMode
		wantBand uint8 // background of the title band after preprocessing
		wantPage uint8 // background of the page
	}{
		{"auto", InvertAuto, 225, 250},
		{"never", InvertNever, 33, 250},
		{"whole (page is mostly light)", InvertWhole, 33, 250},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Prepare(img, Preprocess{Scale: 1, Invert: tc.mode, Pad: -1})
			require.NoError(t, err)
			// (170, 2) and (170, 100) are background in both regions.
			assert.InDelta(t, tc.wantBand, p.Gray.GrayAt(170, 2).Y, 3)
			assert.InDelta(t, tc.wantPage, p.Gray.GrayAt(170, 100).Y, 3)
			if tc.mode == InvertAuto {
				// Text in the band is now dark.
				assert.Less(t, p.Gray.GrayAt(0, 10).Y, uint8(64))
				assert.Positive(t, p.InvertedCells)
			}
		})
	}
}

func TestPrepareInvertWholeDarkImage(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 50, 50))
	for i := range img.Pix {
		img.Pix[i] = 10
	}
	p, err := Prepare(img, Preprocess{Scale: 1, Invert: InvertWhole, Pad: -1})
	require.NoError(t, err)
	assert.Equal(t, uint8(245), p.Gray.GrayAt(25, 25).Y)
}

func TestChooseScale(t *testing.T) {
	d := Preprocess{}.withDefaults()
	tests := []struct {
		name string
		w, h int
		p    Preprocess
		want float64
	}{
		{"laptop screen", 1366, 768, d, 3},
		{"full HD", 1920, 1080, d, 2},
		{"4K", 3840, 2160, d, 1},
		{"forced", 1920, 1080, func() Preprocess { q := d; q.Scale = 1.5; return q }(), 1.5},
		{"below one", 100, 100, func() Preprocess { q := d; q.Scale = 0.3; return q }(), 1},
		{"capped by pixels", 1000, 1000, func() Preprocess { q := d; q.MaxScaledPixels = 4_000_000; return q }(), 2},
		{"capped by max scale", 10, 10, func() Preprocess { q := d; q.Scale = 50; return q }(), maxScale},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, chooseScale(tc.w, tc.h, tc.p), 1e-9)
		})
	}
}

func TestPrepareGeometry(t *testing.T) {
	img := image.NewGray(image.Rect(10, 20, 110, 70)) // not at the origin
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	p, err := Prepare(img, Preprocess{Scale: 3})
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 300+2*defaultPad, 150+2*defaultPad), p.Gray.Bounds())
	assert.Equal(t, image.Rect(defaultPad, defaultPad, defaultPad+300, defaultPad+150), p.Inner)
	assert.Equal(t, 3.0, p.Scale)
	assert.Equal(t, img.Bounds(), p.ToOriginal(p.Inner))
	assert.Equal(t, image.Rect(11, 21, 12, 22), p.ToOriginal(image.Rect(defaultPad+3, defaultPad+3, defaultPad+6, defaultPad+6)))
	// Boxes in the padding are clipped to the image.
	assert.Equal(t, image.Rect(10, 20, 11, 21), p.ToOriginal(image.Rect(0, 0, defaultPad+1, defaultPad+1)))
	assert.Equal(t, uint8(255), p.Gray.GrayAt(0, 0).Y)
}

func TestToGrayMatchesStandardConversion(t *testing.T) {
	src := screenLike(64, 64)
	ycc := image.NewYCbCr(src.Bounds(), image.YCbCrSubsampleRatio420)
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			c := src.RGBAAt(x, y)
			yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
			ycc.Y[ycc.YOffset(x, y)] = yy
			ycc.Cb[ycc.COffset(x, y)] = cb
			ycc.Cr[ycc.COffset(x, y)] = cr
		}
	}
	nrgba := image.NewNRGBA(src.Bounds())
	draw.Copy(nrgba, image.Point{}, src, src.Bounds(), draw.Src, nil)
	gray16 := image.NewGray16(src.Bounds())
	draw.Copy(gray16, image.Point{}, src, src.Bounds(), draw.Src, nil)
	pal := image.NewPaletted(src.Bounds(), color.Palette{color.Black, color.White, color.RGBA{30, 34, 40, 255}, color.RGBA{250, 250, 250, 255}, color.RGBA{20, 20, 20, 255}, color.RGBA{230, 230, 230, 255}})
	draw.Copy(pal, image.Point{}, src, src.Bounds(), draw.Src, nil)
	want := image.NewGray(src.Bounds())
	draw.Copy(want, image.Point{}, src, src.Bounds(), draw.Src, nil)
	tests := []struct {
		name string
		img  image.Image
	}{
		{"rgba", src}, {"ycbcr", ycc}, {"nrgba", nrgba}, {"gray16", gray16}, {"paletted", pal}, {"gray", want},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := toGray(tc.img)
			for i := range want.Pix {
				if d := int(g.Pix[i]) - int(want.Pix[i]); d < -2 || d > 2 {
					t.Fatalf("pixel %d: %d, want %d", i, g.Pix[i], want.Pix[i])
				}
			}
		})
	}
}

func TestToGrayTransparentIsWhite(t *testing.T) {
	tests := []struct {
		name string
		img  image.Image
	}{
		{"rgba", image.NewRGBA(image.Rect(0, 0, 4, 4))},
		{"nrgba", image.NewNRGBA(image.Rect(0, 0, 4, 4))},
		{"paletted", image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Transparent})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, uint8(255), toGray(tc.img).Pix[5])
		})
	}
}

func TestResampleKeepsFlatImagesFlat(t *testing.T) {
	for _, f := range []Filter{FilterCatmullRom, FilterBilinear, FilterNearest} {
		for _, size := range []image.Point{{1, 1}, {2, 3}, {7, 5}} {
			src := image.NewGray(image.Rect(0, 0, size.X, size.Y))
			for i := range src.Pix {
				src.Pix[i] = 77
			}
			dst := image.NewGray(image.Rect(0, 0, size.X*3+1, size.Y*2+1))
			resample(dst, dst.Bounds(), src, f)
			for i, v := range dst.Pix {
				require.Equal(t, uint8(77), v, "filter %d size %v pixel %d", f, size, i)
			}
		}
	}
}

func TestPrepareErrors(t *testing.T) {
	_, err := Prepare(nil, Preprocess{})
	require.ErrorIs(t, err, ErrFormat)
	_, err = Prepare(image.NewGray(image.Rectangle{}), Preprocess{})
	require.ErrorIs(t, err, ErrFormat)
}

func BenchmarkPrepare(b *testing.B) {
	img := screenLike(1920, 1080)
	for _, bc := range []struct {
		name string
		p    Preprocess
	}{
		{"default", Preprocess{}},
		{"catmullrom-2x", Preprocess{Scale: 2}},
		{"bilinear-2x", Preprocess{Scale: 2, Filter: FilterBilinear}},
		{"nearest-2x", Preprocess{Scale: 2, Filter: FilterNearest}},
		{"no-scale", Preprocess{Scale: 1}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Prepare(img, bc.p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The x/image/draw path, for comparison: RGBA to RGBA (its fast
	// path), then gray conversion.
	b.Run("xdraw-catmullrom-2x", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			dst := image.NewRGBA(image.Rect(0, 0, 3840, 2160))
			draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
			_ = toGray(dst)
		}
	})
}
