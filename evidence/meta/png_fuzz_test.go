package meta

import "testing"

// FuzzPNG fuzzes the PNG extractor (text chunks, tIME, and the GIF and
// WebP readers it holds) from the image seeds (imageSeeds).
func FuzzPNG(f *testing.F) {
	imageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewPNG(), data) })
}
