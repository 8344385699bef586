package meta

import (
	"testing"

	"github.com/proofpack/proofpack/internal/fuzzmem"
)

// FuzzGoexif drives rwcarlsen/goexif (IFD entry and value counts, IFD
// chains, sub-IFD pointers) through the EXIF extractor, after its own IFD
// reader has judged the block safe for it.
func FuzzGoexif(f *testing.F) {
	imageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzmem.Run(t, len(data), func() { fuzzExtract(t, NewEXIF(), data) })
	})
}

// FuzzPNGZlib drives compress/zlib, which inflates the zTXt and iTXt
// chunks of PNG files, through the PNG extractor.
func FuzzPNGZlib(f *testing.F) {
	imageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzmem.Run(t, len(data), func() { fuzzExtract(t, NewPNG(), data) })
	})
}
