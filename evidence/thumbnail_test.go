package evidence

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestThumbnailsOfSample(t *testing.T) {
	tests := []struct {
		name   string
		thumbs bool
	}{
		{"off by default", false},
		{"on", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Analyze(t.Context(), "../testdata/sample/fujitsu-proofpack.zip", Options{TempDir: t.TempDir(), Thumbnails: tt.thumbs})
			require.NoError(t, err)
			n := 0
			for _, it := range rep.Items {
				if it.Thumbnail == nil {
					continue
				}
				n++
				assert.Equal(t, "image", it.Kind, it.Path)
				cfg, err := jpeg.DecodeConfig(bytes.NewReader(it.Thumbnail.JPEG))
				require.NoError(t, err, it.Path)
				assert.Equal(t, it.Thumbnail.Width, cfg.Width)
				assert.LessOrEqual(t, max(cfg.Width, cfg.Height), ThumbnailSide)
				assert.Greater(t, it.Thumbnail.Scale, 0.0)
				assert.LessOrEqual(t, it.Thumbnail.Scale, 1.0)
			}
			if tt.thumbs {
				assert.Equal(t, rep.Stats.ByKind["image"], n, "every image of the sample")
			} else {
				assert.Zero(t, n)
			}
		})
	}
}

func TestThumbnailerBounds(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 1366, 768))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))

	tests := []struct {
		name      string
		maxPixels int64
		count     int
		wantThumb bool
		wantErr   bool
	}{
		{"scaled", 0, 0, true, false},
		{"over the pixel limit", 1000, 0, false, true},
		{"count exhausted", 0, MaxThumbnails, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := newThumbnailer(nil)
			if tt.maxPixels > 0 {
				th.maxPixels = tt.maxPixels
			}
			th.count = tt.count
			got, err := th.fromReader(bytes.NewReader(buf.Bytes()))
			if tt.wantErr {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
			}
			if !tt.wantThumb {
				assert.Nil(t, got)
				assert.Equal(t, tt.count, th.count, "a failed thumbnail gives its reservation back")
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, ThumbnailSide, got.Width)
			assert.Equal(t, 360, got.Height)
			assert.InDelta(t, 640.0/1366, got.Scale, 1e-9)
			assert.Equal(t, int64(len(got.JPEG)), th.bytes)
		})
	}
}

func TestThumbnailerByteBound(t *testing.T) {
	th := newThumbnailer(nil)
	th.bytes = MaxThumbnailBytes - 10
	got, err := th.fromImage(image.NewGray(image.Rect(0, 0, 100, 100)), false)
	require.NoError(t, err)
	assert.Nil(t, got, "past the byte bound the thumbnail is dropped")
	assert.Zero(t, th.count)
}
