package archivegen

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTextLogs(t *testing.T) {
	const n, size = 5, 300 << 10
	var buf bytes.Buffer
	require.NoError(t, TextLogs(&buf, n, size))
	assert.Less(t, buf.Len(), n*size/50, "the logs compress")
	assert.Greater(t, buf.Len(), n*size/200, "within the default MaxRatio")
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, n)
	seen := map[[32]byte]bool{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc) // checks the CRC-32 at the end
		require.NoError(t, err, f.Name)
		require.NoError(t, rc.Close())
		assert.Len(t, data, size, f.Name)
		assert.True(t, bytes.HasSuffix(data, []byte(" --\n")), f.Name)
		assert.Contains(t, string(data[len(data)-80:]), f.Name)
		sum := sha256.Sum256(data)
		assert.False(t, seen[sum], "%s has the content of another file", f.Name)
		seen[sum] = true
	}
	var again bytes.Buffer
	require.NoError(t, TextLogs(&again, n, size))
	assert.Equal(t, buf.Bytes(), again.Bytes(), "deterministic")
	assert.ErrorIs(t, TextLogs(io.Discard, -1, size), ErrInvalid)
	assert.ErrorIs(t, TextLogs(io.Discard, 1, 10), ErrInvalid)
}
