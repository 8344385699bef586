package archivegen

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/testenv"
)

// TestTextBomb reads text bombs back with archive/zip: every log has its
// name, size and last line, its CRC-32 checks, its text repeats Cycle
// lines, and no two logs have the same SHA-256.
func TestTextBomb(t *testing.T) {
	for _, b := range []TextBomb{
		{Files: 7, FileSize: 64 << 10},
		{Files: 5, FileSize: 300 << 10, Cycle: 120},
		{Files: 3, FileSize: 100 << 10, Cycle: 8},
		{Files: 2, FileSize: textBombEndLen},        // the last line alone
		{Files: 2, FileSize: textBombEndLen + 1},    // and a newline
		{Files: 2, FileSize: textBombEndLen + 1000}, // less than a cycle
	} {
		t.Run(fmt.Sprintf("%dx%d-cycle%d", b.Files, b.FileSize, b.Cycle), func(t *testing.T) {
			pack, err := b.Bytes()
			require.NoError(t, err)
			zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
			require.NoError(t, err)
			require.Len(t, zr.File, b.Files)
			cycle := max(b.Cycle, 1)
			sums := map[[32]byte]string{}
			for i, f := range zr.File {
				require.Equal(t, fmt.Sprintf("logs/app%02d/server-%05d.log", i%16, i), f.Name)
				assert.Equal(t, zip.Deflate, f.Method)
				assert.Equal(t, DefaultTime.Unix()+int64(i)*60, f.Modified.Unix())
				rc, err := f.Open()
				require.NoError(t, err)
				data, err := io.ReadAll(rc) // checks the CRC-32 at the end
				require.NoError(t, err, f.Name)
				require.NoError(t, rc.Close())
				require.Len(t, data, int(b.FileSize), f.Name)
				lines := strings.SplitAfter(string(data), "\n")
				require.Equal(t, "", lines[len(lines)-1], "%s ends with a newline", f.Name)
				lines = lines[:len(lines)-1]
				assert.Equal(t, fmt.Sprintf("-- end of %s, file %05d of %05d --\n", f.Name, i+1, b.Files), lines[len(lines)-1])
				body := lines[:len(lines)-1]
				if len(body) > 2*cycle {
					distinct := map[string]bool{}
					for k, l := range body[:len(body)-1] { // the last is cut to fit
						distinct[l] = true
						if k >= cycle {
							require.Equal(t, body[k-cycle], l, "%s repeats every %d lines", f.Name, cycle)
						}
					}
					assert.Len(t, distinct, cycle, f.Name)
					assert.Contains(t, body[0], " GET /api/v1/orders/", f.Name)
				}
				sum := sha256.Sum256(data)
				require.Empty(t, sums[sum], "%s has the content of %s", f.Name, sums[sum])
				sums[sum] = f.Name
			}

			var w bytes.Buffer
			n, err := b.WriteTo(&w)
			require.NoError(t, err)
			assert.Equal(t, int64(w.Len()), n, "the count is of the bytes written")
			assert.Equal(t, pack, w.Bytes(), "deterministic")
		})
	}
}

// TestTextBombRatio checks the compression that each Cycle gives logs
// of 1 MiB, which tests and benchmarks choose it by: the default is over
// the default MaxRatio (200) of a package, a cycle of 120 lines within
// it.
func TestTextBombRatio(t *testing.T) {
	ratio := func(b TextBomb) float64 {
		n, err := b.WriteTo(io.Discard)
		require.NoError(t, err)
		return float64(int64(b.Files)*b.FileSize) / float64(n)
	}
	const mib = 1 << 20
	assert.InDelta(t, 270, ratio(TextBomb{Files: 20, FileSize: mib}), 10)
	assert.InDelta(t, 190, ratio(TextBomb{Files: 20, FileSize: mib, Cycle: 8}), 10)
	assert.InDelta(t, 115, ratio(TextBomb{Files: 20, FileSize: mib, Cycle: 120}), 10)
	assert.Less(t, ratio(TextBomb{Files: 2, FileSize: 256 << 10, Cycle: 1000}), 20.0, "a cycle past deflate's window")
}

// TestTextBombDefault checks the zero value's pack from its directory:
// 2,000 logs of 1 MiB in a zip of about 7.8 MB; its first and last logs
// are read back whole. Streaming it allocates a few megabytes, not its
// 2 GiB of text nor the 7.8 MB of the zip.
func TestTextBombDefault(t *testing.T) {
	var size int64
	alloc := testenv.Allocated(func() {
		var err error
		size, err = TextBomb{}.WriteTo(io.Discard)
		require.NoError(t, err)
	})
	assert.Less(t, alloc, uint64(4<<20))
	pack, err := TextBomb{}.Bytes()
	require.NoError(t, err)
	require.Equal(t, size, int64(len(pack)))
	assert.InDelta(t, 7.76e6, len(pack), 0.1e6)
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	require.NoError(t, err)
	require.Len(t, zr.File, DefaultTextBombFiles)
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	assert.Equal(t, uint64(DefaultTextBombFiles*DefaultTextBombFileSize), total, "2 GiB of text")
	for _, f := range []*zip.File{zr.File[0], zr.File[len(zr.File)-1]} {
		rc, err := f.Open()
		require.NoError(t, err)
		n, err := io.Copy(io.Discard, rc) // checks the CRC-32
		require.NoError(t, err, f.Name)
		assert.Equal(t, int64(DefaultTextBombFileSize), n, f.Name)
	}
}

// TestTextBombInvalid: fields out of bounds are refused with ErrInvalid
// before anything is written.
func TestTextBombInvalid(t *testing.T) {
	for _, b := range []TextBomb{
		{Files: -1},
		{Files: MaxTextBombFiles + 1},
		{FileSize: -1},
		{FileSize: textBombEndLen - 1},
		{FileSize: MaxTextBombFileSize + 1},
		{Cycle: -1},
		{Cycle: MaxTextBombCycle + 1},
	} {
		var w bytes.Buffer
		n, err := b.WriteTo(&w)
		require.ErrorIs(t, err, ErrInvalid, "%+v", b)
		assert.Zero(t, n)
		assert.Zero(t, w.Len())
		_, err = b.Bytes()
		require.ErrorIs(t, err, ErrInvalid, "%+v", b)
	}
}

// failingWriter fails once more than limit bytes were written.
type failingWriter struct{ n, limit int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		k := w.limit - w.n
		w.n = w.limit
		return k, errDiskFull
	}
	w.n += len(p)
	return len(p), nil
}

// TestTextBombWriteError: a failed write is returned, wrapped, with the
// bytes written before it.
func TestTextBombWriteError(t *testing.T) {
	for _, limit := range []int{0, 100, 8 << 10} {
		n, err := TextBomb{Files: 50, FileSize: 64 << 10}.WriteTo(&failingWriter{limit: limit})
		require.ErrorIs(t, err, errDiskFull, "limit %d", limit)
		assert.Equal(t, int64(limit), n, "limit %d", limit)
	}
}
