package ocr

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/proofpack/proofpack/internal/fuzzmem"
)

// FuzzImageDecoders drives the image decoders Decode calls (image/png,
// image/jpeg, image/gif, golang.org/x/image bmp, tiff and webp) under a
// memory ceiling (internal/fuzzmem), with a pixel limit of 1 Mi: what a
// header's counts (strips, tiles, palettes, chunks) make a decoder
// allocate beyond the pixels it is allowed fails. Run with
//
//	go test -run '^$' -fuzz '^FuzzImageDecoders$' -fuzztime 5m ./ocr
func FuzzImageDecoders(f *testing.F) {
	for _, data := range sampleImages(f) {
		f.Add(data)
	}
	img := inkImage(24, 16, image.Rect(4, 4, 12, 10))
	var b bytes.Buffer
	if err := bmp.Encode(&b, img); err == nil {
		f.Add(bytes.Clone(b.Bytes()))
	}
	b.Reset()
	if err := tiff.Encode(&b, img, &tiff.Options{Compression: tiff.Deflate}); err == nil {
		f.Add(bytes.Clone(b.Bytes()))
	}
	files, _ := filepath.Glob(filepath.Join("..", "evidence", "meta", "testdata", "images", "*_exiftool.*"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil && len(data) < 1<<20 {
			f.Add(data)
		}
	}
	f.Add(pngHeader(1024, 1024))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzmem.Run(t, len(data), func() { _, _ = Decode(bytes.NewReader(data), 1<<20) })
	})
}
