package meta

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// webpHostile are WebP files whose RIFF chunk or file sizes lie; err
// reports that nothing is readable (an error wrapping ErrFormat), warn
// that what is read comes with a warning wrapping ErrFormat.
func webpHostile() []struct {
	name      string
	data      []byte
	err, warn bool
} {
	return []struct {
		name      string
		data      []byte
		err, warn bool
	}{
		{"webp lying chunk", append([]byte("RIFF\xff\xff\xff\xffWEBPVP8X\xff\xff\xff\x7f"), make([]byte, 10)...), true, false},
		{"webp lying riff size", append([]byte("RIFF\xff\xff\xff\xffWEBPVP8X\x0a\x00\x00\x00"), make([]byte, 10)...), false, false},
	}
}

func TestWebPHostile(t *testing.T) {
	for _, tt := range webpHostile() {
		t.Run(tt.name, func(t *testing.T) {
			res, err := extractImage(t, NewPNG(), bytesInput("x", tt.data), Limits{})
			if tt.err {
				assert.ErrorIs(t, err, ErrFormat)
				return
			}
			require.NoError(t, err)
			require.NotNil(t, res)
			if tt.warn {
				require.NotEmpty(t, res.Warnings)
				assert.ErrorIs(t, res.Warnings[0], ErrFormat)
			}
		})
	}
}

// FuzzWebP fuzzes the WebP reader of the PNG extractor (RIFF chunks,
// EXIF and XMP chunks) from the WebP fixture and the hostile files.
func FuzzWebP(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "images", "webp_exiftool.webp"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	for _, h := range webpHostile() {
		f.Add(h.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewPNG(), data) })
}
