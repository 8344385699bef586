package archivegen

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The quine decompresses to itself, through the standard library's gzip
// reader, which checks the CRC-32 and the size.
func TestGzipQuine(t *testing.T) {
	q := GzipQuine()
	assert.Len(t, q, 206)
	zr, err := gzip.NewReader(bytes.NewReader(q))
	require.NoError(t, err)
	zr.Multistream(false)
	assert.Equal(t, GzipQuineName, zr.Name)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, q, out)
	assert.Equal(t, q, GzipQuine(), "deterministic")
}

func TestZipUniqueZeros(t *testing.T) {
	const n, size = 5, 64 << 10
	b, err := ZipUniqueZeros(n, size, File{Name: "after.txt", Data: []byte("evidence")})
	require.NoError(t, err)
	assert.Less(t, len(b), n*1024, "about 1000 to one")
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	require.Len(t, zr.File, n+1)
	assert.Equal(t, "after.txt", zr.File[n].Name)
	for i, f := range zr.File[:n] {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc) // checks the CRC-32
		require.NoError(t, err, f.Name)
		require.Len(t, data, size)
		assert.Equal(t, uint64(i+1), binary.BigEndian.Uint64(data[size-8:]))
		assert.Equal(t, make([]byte, size-8), data[:size-8])
	}
	_, err = ZipUniqueZeros(1, 7)
	assert.ErrorIs(t, err, ErrInvalid)
}
