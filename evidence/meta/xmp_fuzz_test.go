package meta

import "testing"

// FuzzXMP fuzzes the XMP extractor, every container it finds a packet
// in, from the image seeds (imageSeeds).
func FuzzXMP(f *testing.F) {
	imageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewXMP(), data) })
}
