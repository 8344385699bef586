package archivegen

import (
	"archive/zip"
	"bytes"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hosts decode as images, and the zip appended to them, offsets
// adjusted or not, is read by archive/zip from the whole file.
func TestPolyglots(t *testing.T) {
	files := []File{{Name: "hidden/customers.csv", Data: []byte("name,email\n")}}
	for name, host := range map[string][]byte{
		"png": PNGImage(), "jpeg": JPEGImage(), "gif": GIFImage(), "mpf": MultiPictureJPEG(),
		"motion": MotionPhotoJPEG(), "samsung": SamsungTrailerJPEG(),
	} {
		_, _, err := image.Decode(bytes.NewReader(host))
		require.NoError(t, err, name)
		for _, adjust := range []bool{false, true} {
			b, err := AppendZip(host, files, adjust)
			require.NoError(t, err)
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			require.NoError(t, err, name)
			require.Len(t, zr.File, 1)
			rc, err := zr.File[0].Open()
			require.NoError(t, err)
			data, err := io.ReadAll(rc)
			require.NoError(t, err)
			assert.Equal(t, files[0].Data, data, "%s adjust=%v", name, adjust)
		}
	}
	pdf := PDFDocument(2)
	assert.Equal(t, 3, bytes.Count(pdf, []byte("%%EOF")))
	assert.True(t, bytes.HasSuffix(pdf, []byte("%%EOF\n")))
}
