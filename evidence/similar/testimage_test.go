package similar_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// screen draws a synthetic screenshot of w×h: a coloured header, a
// navigation pane, and rows of dark "words" whose lengths come from seed,
// so that two seeds give two screens of one template with other content.
func screen(w, h int, seed uint64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(r image.Rectangle, c color.RGBA) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.SetRGBA(x, y, c)
			}
		}
	}
	fill(img.Bounds(), color.RGBA{0xff, 0xff, 0xff, 0xff})
	fill(image.Rect(0, 0, w, h/12), color.RGBA{0x00, 0x3d, 0x7c, 0xff})
	fill(image.Rect(0, h/12, w/6, h), color.RGBA{0xf0, 0xf2, 0xf5, 0xff})
	s := seed*0x9E3779B97F4A7C15 + 1
	next := func(n int) int {
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		return int(s % uint64(n))
	}
	line := h / 24
	for y := h/12 + line; y+line < h; y += line {
		x := w/6 + 10
		for x < w-20 {
			wordW := 8 + next(w/12)
			fill(image.Rect(x, y+line/4, min(x+wordW, w-10), y+3*line/4), color.RGBA{0x20, 0x20, 0x20, 0xff})
			x += wordW + 6 + next(12)
		}
	}
	return img
}

// reencodeJPEG writes img as JPEG at quality q and decodes it back.
func reencodeJPEG(t testing.TB, img image.Image, q int) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// encodePNG returns img as PNG bytes.
func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// scaled resizes img by f with Catmull-Rom.
func scaled(img image.Image, f float64) image.Image {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, int(float64(b.Dx())*f), int(float64(b.Dy())*f)))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}

// flipped mirrors img left to right.
func flipped(img image.Image) image.Image {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			dst.Set(b.Dx()-1-x, y, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return dst
}
