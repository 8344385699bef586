package meta

import "testing"

// FuzzEXIF fuzzes the EXIF extractor, every container it finds a block
// in, from the image seeds (imageSeeds).
func FuzzEXIF(f *testing.F) {
	imageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewEXIF(), data) })
}
