package meta

import "testing"

func FuzzPNG(f *testing.F) {
	imageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewPNG(), data) })
}
