package archivegen

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestZipTextBomb reads the text bomb back with archive/zip: every entry
// has its size, its CRC checks, and no two are the same.
func TestZipTextBomb(t *testing.T) {
	const files, size = 20, 64 << 10
	b, err := ZipTextBomb(files, size)
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	require.Len(t, zr.File, files)
	seen := map[string]bool{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc) // checks the CRC at the end
		require.NoError(t, err, f.Name)
		require.NoError(t, rc.Close())
		require.Len(t, data, size, f.Name)
		require.False(t, seen[string(data[:64])], "%s repeats another file's first line", f.Name)
		seen[string(data[:64])] = true
	}
	_, err = ZipTextBomb(1, 10)
	require.ErrorIs(t, err, ErrInvalid)
}
