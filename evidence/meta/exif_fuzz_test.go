package meta

import "testing"

func FuzzEXIF(f *testing.F) {
	imageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewEXIF(), data) })
}
