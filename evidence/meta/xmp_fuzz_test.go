package meta

import "testing"

func FuzzXMP(f *testing.F) {
	imageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewXMP(), data) })
}
