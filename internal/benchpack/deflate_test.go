package benchpack

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"io"
	"runtime"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTextFileIndependentOfCores deflates a CSV export of three and a bit
// segments on one, two and three cores: the zip bytes are the same, and
// archive/zip reads the text back intact. This is the only part of Write
// that uses more than one core; TestWriteDeterministic compares whole
// packs across core counts with PROOFPACK_GENERATE=1.
func TestTextFileIndependentOfCores(t *testing.T) {
	const n = 3*segmentSize + 12345
	write := func(procs int) []byte {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		g := newGen(1)
		var b bytes.Buffer
		zw := g.newZip(&b)
		require.NoError(t, g.textFile(zw, "exports/customers_001.csv", g.csv(n)))
		require.NoError(t, zw.Close())
		return b.Bytes()
	}
	one := write(1)
	for _, procs := range []int{2, 3} {
		assert.Equal(t, sha256.Sum256(one), sha256.Sum256(write(procs)), "GOMAXPROCS=%d", procs)
	}

	zr, err := zip.NewReader(bytes.NewReader(one), int64(len(one)))
	require.NoError(t, err)
	require.Len(t, zr.File, 1)
	rc, err := zr.File[0].Open()
	require.NoError(t, err)
	got, err := io.ReadAll(rc) // archive/zip checks the CRC-32 of the text at the end
	require.NoError(t, err, "the text deflated in segments reads back")
	require.NoError(t, rc.Close())
	assert.Len(t, got, n)
	assert.True(t, bytes.HasPrefix(got, csvHead), "the export starts with its header")
	assert.True(t, utf8.Valid(got))
}
