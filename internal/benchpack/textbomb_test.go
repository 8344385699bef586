package benchpack_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/benchpack"
)

func writeTextBomb(t *testing.T, opt benchpack.TextBombOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := benchpack.WriteTextBomb(&b, opt)
	require.NoError(t, err)
	require.Equal(t, int64(b.Len()), n, "returned count is the bytes written")
	return b.Bytes()
}

// TestWriteTextBomb reads back every log of a small text bomb: its size,
// its own first line, the repeated rest, and hashes of its own.
func TestWriteTextBomb(t *testing.T) {
	t.Parallel()
	const files, size = 12, 100 << 10
	pack := writeTextBomb(t, benchpack.TextBombOptions{Files: files, FileSize: size})
	assert.Equal(t, pack, writeTextBomb(t, benchpack.TextBombOptions{Files: files, FileSize: size}), "deterministic")
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	require.NoError(t, err)
	require.Len(t, zr.File, files+1, "a directory and the logs")
	assert.Equal(t, "logs/", zr.File[0].Name)
	sums := map[[32]byte]string{}
	for i, f := range zr.File[1:] {
		assert.Equal(t, fmt.Sprintf("logs/mailgw_%02d.log", i+1), f.Name)
		assert.Equal(t, zip.Deflate, f.Method)
		b := readZipFile(t, f) // archive/zip checks the CRC-32
		require.Len(t, b, size)
		first, rest, ok := bytes.Cut(b, []byte("\n"))
		require.True(t, ok)
		assert.Equal(t, fmt.Sprintf("# app03.corp.example.co.jp mailgw.log, part %02d of %d", i+1, files), string(first))
		lines := strings.Split(strings.TrimSuffix(string(rest), "\n"), "\n")
		assert.Greater(t, len(lines), 100)
		for _, l := range lines[:len(lines)-1] { // the last is cut to fit
			require.Equal(t, lines[0], l, "one line repeated")
		}
		sum := sha256.Sum256(b)
		assert.Empty(t, sums[sum], "%s has the hash of %s", f.Name, sums[sum])
		sums[sum] = f.Name
	}
}

// TestWriteTextBombDefault checks the default pack's figures from its
// directory: 2,000 logs of 1 MiB in about 7.5 MB. Its first and last
// logs are read back whole.
func TestWriteTextBombDefault(t *testing.T) {
	t.Parallel()
	pack := writeTextBomb(t, benchpack.TextBombOptions{})
	assert.InDelta(t, 7.7e6, len(pack), 0.3e6, "a zip of about 7.5 MB")
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	require.NoError(t, err)
	require.Len(t, zr.File, benchpack.DefaultTextBombFiles+1)
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	assert.Equal(t, uint64(benchpack.DefaultTextBombFiles*benchpack.DefaultTextBombFileSize), total, "2 GiB of text")
	for _, f := range []*zip.File{zr.File[1], zr.File[len(zr.File)-1]} {
		require.Len(t, readZipFile(t, f), benchpack.DefaultTextBombFileSize, f.Name)
	}
	assert.Equal(t, "textbomb-v"+benchpack.TextBombVersion+"-2000x1048576.zip", benchpack.TextBombName(benchpack.TextBombOptions{}))
}

// TestWriteTextBombTiny raises a size below the first line to it.
func TestWriteTextBombTiny(t *testing.T) {
	t.Parallel()
	pack := writeTextBomb(t, benchpack.TextBombOptions{Files: 3, FileSize: 1})
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	require.NoError(t, err)
	for _, f := range zr.File[1:] {
		b := readZipFile(t, f)
		assert.True(t, bytes.HasPrefix(b, []byte("# app03")) && bytes.HasSuffix(b, []byte("\n")), "%q", b)
		assert.Equal(t, 1, bytes.Count(b, []byte("\n")), "%q", b)
	}
}

func TestWriteTextBombError(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{0, 100, 20 << 10} {
		n, err := benchpack.WriteTextBomb(&failWriter{limit: limit}, benchpack.TextBombOptions{Files: 50})
		require.ErrorIs(t, err, benchpack.ErrWrite, "limit %d", limit)
		require.ErrorIs(t, err, errDiskFull)
		assert.LessOrEqual(t, n, int64(limit))
	}
}

// TestWriteTextBombTriage triages a small text bomb: every log is a text
// item with its whole text, and none is taken for a duplicate.
func TestWriteTextBombTriage(t *testing.T) {
	t.Parallel()
	const files, size = 8, 64 << 10
	path := filepath.Join(t.TempDir(), "bomb.zip")
	require.NoError(t, os.WriteFile(path, writeTextBomb(t, benchpack.TextBombOptions{Files: files, FileSize: size}), 0o600))
	rep, err := evidence.Analyze(context.Background(), path, evidence.Options{})
	require.NoError(t, err)
	assert.Zero(t, rep.Stats.Problems)
	assert.Equal(t, int64(files*size), rep.Stats.Bytes)
	assert.Equal(t, files, rep.Stats.ByKind["text"])
	for _, it := range rep.Items {
		if it.Kind == "text" {
			assert.Len(t, it.Text, size, it.Path)
		}
	}
}
