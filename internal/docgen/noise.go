package docgen

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
)

// GlyphNoise returns a w×h gray image of rows of random stroke "glyphs"
// (10×14 pixels, 12 apart, rows 20 apart): noise that a layout analysis
// and an OCR engine take for text everywhere, and read slowly without
// finding any (issue 11, r10). The same seed gives the same image.
func GlyphNoise(w, h int, seed uint64) *image.Gray {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	g := image.NewGray(image.Rect(0, 0, max(w, 0), max(h, 0)))
	for i := range g.Pix {
		g.Pix[i] = 0xff
	}
	for y0 := 0; y0+14 <= h; y0 += 20 {
		for x0 := 0; x0+10 <= w; x0 += 12 {
			for range 4 {
				x, y, across := rng.IntN(8), rng.IntN(12), rng.IntN(2) == 0
				for k := range 3 + rng.IntN(5) {
					xx, yy := x, min(13, y+k)
					if across {
						xx, yy = min(9, x+k), y
					}
					g.Pix[(y0+yy)*g.Stride+x0+xx] = 0
				}
			}
		}
	}
	return g
}

// GlyphNoisePNG is GlyphNoise encoded as a PNG file.
func GlyphNoisePNG(w, h int, seed uint64) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, GlyphNoise(w, h, seed)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
