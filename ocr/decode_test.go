package ocr

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/docgen"
)

// sampleImages returns small encoded images of each format, built here.
func sampleImages(t testing.TB) map[string][]byte {
	t.Helper()
	img := inkImage(24, 16, image.Rect(4, 4, 12, 10))
	out := map[string][]byte{}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	out["png"] = bytes.Clone(b.Bytes())
	b.Reset()
	require.NoError(t, jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}))
	out["jpeg"] = bytes.Clone(b.Bytes())
	b.Reset()
	pal := image.NewPaletted(img.Bounds(), palette.Plan9)
	for y := 0; y < 16; y++ {
		for x := 0; x < 24; x++ {
			pal.Set(x, y, img.At(x, y))
		}
	}
	require.NoError(t, gif.Encode(&b, pal, nil))
	out["gif"] = bytes.Clone(b.Bytes())
	return out
}

// pngHeader returns a PNG signature and IHDR claiming w×h, with no pixels.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit gray
	chunk := append([]byte("IHDR"), ihdr...)
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestDecode(t *testing.T) {
	imgs := sampleImages(t)
	tests := []struct {
		name    string
		data    []byte
		max     int64
		wantErr error
	}{
		{"png", imgs["png"], 0, nil},
		{"jpeg", imgs["jpeg"], 0, nil},
		{"gif", imgs["gif"], 0, nil},
		{"at the limit", imgs["png"], 24 * 16, nil},
		{"one pixel over", imgs["png"], 24*16 - 1, ErrLimit},
		{"bomb header 100000x100000", pngHeader(100000, 100000), 0, ErrLimit},
		{"tall header 1x2^30", pngHeader(1, 1<<30), 0, ErrLimit},
		{"header with overflowing sides", pngHeader(0x7fffffff, 0x7fffffff), 0, ErrFormat},
		{"garbage", []byte("not an image at all"), 0, ErrFormat},
		{"empty", nil, 0, ErrFormat},
		{"truncated png", imgs["png"][:len(imgs["png"])/2], 0, ErrFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Decode(bytes.NewReader(tc.data), tc.max)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				assert.Nil(t, img)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, image.Rect(0, 0, 24, 16), img.Bounds())
			// One byte at a time gives the same image.
			img2, err := Decode(iotest.OneByteReader(bytes.NewReader(tc.data)), tc.max)
			require.NoError(t, err)
			assert.Equal(t, img.Bounds(), img2.Bounds())
		})
	}
}

func TestDecodeBombDoesNotAllocate(t *testing.T) {
	data := pngHeader(100000, 100000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 10 {
		_, err := Decode(bytes.NewReader(data), 0)
		require.ErrorIs(t, err, ErrLimit)
	}
	runtime.ReadMemStats(&after)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "bytes allocated for 10 rejected headers")
}

func TestCheckSize(t *testing.T) {
	tests := []struct {
		w, h int
		max  int64
		want error
	}{
		{10, 10, 100, nil},
		{10, 11, 100, ErrLimit},
		{1 << 40, 1 << 40, DefaultMaxPixels, ErrLimit},
		{1, 1 << 40, DefaultMaxPixels, ErrLimit},
		{0, 10, 100, ErrFormat},
		{-5, 10, 100, ErrFormat},
	}
	for _, tc := range tests {
		t.Run("", func(t *testing.T) {
			err := CheckSize(tc.w, tc.h, tc.max)
			if tc.want == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.want)
			}
		})
	}
}

func FuzzDecodePrepare(f *testing.F) {
	for _, data := range sampleImages(f) {
		f.Add(data)
	}
	f.Add(pngHeader(100000, 100000))
	f.Add(pngHeader(1, 1))
	if noise, err := docgen.GlyphNoisePNG(160, 90, 11); err == nil {
		f.Add(noise)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := Decode(bytes.NewReader(data), 1<<20)
		if err != nil {
			return
		}
		p, err := Prepare(img, Preprocess{MaxScaledPixels: 1 << 22})
		if err != nil {
			t.Fatalf("Prepare of a decoded %v image: %v", img.Bounds(), err)
		}
		if got := p.ToOriginal(p.Inner); got != img.Bounds() {
			t.Fatalf("inner maps to %v, want %v", got, img.Bounds())
		}
		if int64(len(p.Gray.Pix)) > 1<<23 {
			t.Fatalf("prepared image of %d bytes", len(p.Gray.Pix))
		}
	})
}
