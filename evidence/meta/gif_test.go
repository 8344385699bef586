package meta

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gifHead is a GIF header with a 2×2 screen and no colour table.
var gifHead = []byte("GIF89a\x02\x00\x02\x00\x00\x00\x00")

// gifHostile are GIF files cut short or lying about their blocks: each
// gives what it holds and a warning wrapping ErrFormat.
func gifHostile() []struct {
	name string
	data []byte
} {
	return []struct {
		name string
		data []byte
	}{
		{"gif truncated", gifHead},
		{"gif endless comment", append(append(bytes.Clone(gifHead), 0x21, 0xfe), bytes.Repeat([]byte{255}, 300)...)},
		{"gif unknown block", append(bytes.Clone(gifHead), 0x99)},
		{"gif truncated colour table", []byte("GIF89a\x02\x00\x02\x00\x87\x00\x00")},
	}
}

func TestGIFHostile(t *testing.T) {
	for _, tt := range gifHostile() {
		t.Run(tt.name, func(t *testing.T) {
			res, err := extractImage(t, NewPNG(), bytesInput("x", tt.data), Limits{})
			require.NoError(t, err)
			require.NotNil(t, res)
			require.NotEmpty(t, res.Warnings)
			assert.ErrorIs(t, res.Warnings[0], ErrFormat)
		})
	}
}

// FuzzGIF fuzzes the GIF reader of the PNG extractor (comments, XMP
// application extension) from the GIF fixture and the hostile files.
func FuzzGIF(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "images", "gif_exiftool.gif"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	for _, h := range gifHostile() {
		f.Add(h.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewPNG(), data) })
}
