package unpack_test

import (
	"bytes"
	"context"
	"fmt"
	"github.com/proofpack/proofpack/internal/testenv"
	"io"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// 7z headers state no packed size per file, and a solid block packs many
// files in one stream: Limits.MaxRatio applies to the block, counted from
// the packed bytes its decoders really consume. These tests build 7z
// archives with gigabyte members of zeros (archivegen.SevenZipBlocks packs
// them by repetition, about 1000:1) and bound what a walk reads of them.

// zeroMember is the size of the zero members: as the 7z of issue 11's
// r12, read whole before the limit applied to 7z.
const zeroMember = 2<<30 - 648

// sevenZipRatioRead bounds the bytes a walk may read of a zero member:
// RatioGraceBytes, what comes out before the packed bytes counted (a
// few KiB of read-ahead) make the ratio exceed MaxRatio, and a copy
// buffer.
const sevenZipRatioRead = 2 << 20

// textMember returns a small text file of the kind a solid block of a
// real pack holds.
func textMember(name string, i int) archivegen.SevenZipMember {
	return archivegen.SevenZipMember{Name: name, Data: fmt.Appendf(nil,
		"order %05d, Example Trading Ltd., contact %d@example.com, total %d.%02d EUR\n", i, i*7919%10007, i*37, i%100)}
}

// countingReaderAt counts the bytes read from an archive.
type countingReaderAt struct {
	r io.ReaderAt
	n atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}

// walk7z walks data (a 7z) reading each body unless skip says not to, and
// returns what it saw and the bytes read from data.
func walk7z(t *testing.T, data []byte, opts unpack.Options, skip func(name string) bool) ([]*seen, int64) {
	t.Helper()
	w := unpack.NewWalker(opts)
	defer w.Close()
	r := &countingReaderAt{r: bytes.NewReader(data)}
	var out []*seen
	err := w.WalkReaderAt(context.Background(), unpack.Parent{Path: "pkg"}, unpack.FormatSevenZip, r, int64(len(data)),
		func(_ context.Context, e *unpack.Entry) error {
			s := &seen{Path: e.Path, Name: e.Name}
			out = append(out, s)
			if skip != nil && skip(e.Name) {
				return nil
			}
			keep := &limitedBuffer{b: &bytes.Buffer{}, max: maxKeep}
			_, s.Err = io.Copy(keep, e)
			s.N, s.Data = keep.n, keep.b.Bytes()
			return nil
		})
	require.NoError(t, err)
	return out, r.n.Load()
}

// requireRatio asserts that err is a ratio LimitError.
func requireRatio(t *testing.T, err error, name string) {
	t.Helper()
	var le *unpack.LimitError
	require.ErrorAs(t, err, &le, name)
	assert.Equal(t, unpack.LimitRatio, le.Limit, name)
}

// TestSevenZipRatioBomb: a member of 2 GiB of zeros is stopped with
// limit_ratio once about RatioGraceBytes came out, as the same member in a
// zip is, alone, in a solid block after text, and after incompressible
// data that a block-wide ratio alone would let it ride on. Files after it
// in its block cannot be reached without decoding it, and are listed with
// the limit; the files of the next block are read.
func TestSevenZipRatioBomb(t *testing.T) {
	random := make([]byte, 256<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	zeros := archivegen.SevenZipMember{Name: "zeros.bin", Zeros: zeroMember}
	next := archivegen.SevenZipBlock{Method: archivegen.SevenZipDeflate, Files: []archivegen.SevenZipMember{textMember("after.txt", 1)}}
	for _, tc := range []struct {
		name       string
		block      []archivegen.SevenZipMember
		bombRead   int64    // bound on the bytes read of zeros.bin
		unreached  []string // files after the bomb in its block
		wholeFiles []string // files read whole
	}{
		{"alone", []archivegen.SevenZipMember{zeros}, sevenZipRatioRead, nil, []string{"after.txt"}},
		{"solid", []archivegen.SevenZipMember{textMember("a.txt", 2), zeros, textMember("b.txt", 3)},
			sevenZipRatioRead, []string{"b.txt"}, []string{"a.txt", "after.txt"}},
		// The block as a whole stays under the ratio for 600 MiB; the
		// member's own bytes do not, once the decoder's memory (4 MiB
		// for Deflate) is allowed for what it may have decoded ahead.
		{"after-incompressible", []archivegen.SevenZipMember{{Name: "random.bin", Data: random}, zeros},
			2*sevenZipRatioRead + 4<<20, nil, []string{"random.bin", "after.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := must(t)(archivegen.SevenZipBlocks([]archivegen.SevenZipBlock{
				{Method: archivegen.SevenZipDeflate, Files: tc.block}, next}))
			var (
				got    []*seen
				packed int64
			)
			alloc := testenv.Allocated(func() { got, packed = walk7z(t, data, unpack.Options{}, nil) })
			m := byPath(got)
			bomb := m["pkg!/zeros.bin"]
			require.NotNil(t, bomb)
			requireRatio(t, bomb.Err, bomb.Name)
			assert.Less(t, bomb.N, tc.bombRead, "bytes read of the bomb")
			assert.Greater(t, bomb.N, int64(1<<20), "the grace is read")
			for _, name := range tc.unreached {
				e := m["pkg!/"+name]
				require.NotNil(t, e, "%s is listed", name)
				requireRatio(t, e.Err, name)
				assert.Zero(t, e.N, name)
			}
			for _, name := range tc.wholeFiles {
				e := m["pkg!/"+name]
				require.NotNil(t, e, name)
				assert.NoError(t, e.Err, name)
			}
			assert.Less(t, packed, int64(len(data))/2+int64(len(random)), "packed bytes read of %d", len(data))
			assert.Less(t, alloc, uint64(64<<20), "bytes allocated")
		})
	}
}

// TestSevenZipRatioBombUnread: a caller that does not read the bomb, in a
// solid block before another file, does not make the walk decode it to
// reach that file: the rest is skipped within the same ratio limit, and
// the file after it is listed with the limit.
func TestSevenZipRatioBombUnread(t *testing.T) {
	data := must(t)(archivegen.SevenZipBlocks([]archivegen.SevenZipBlock{{Method: archivegen.SevenZipDeflate,
		Files: []archivegen.SevenZipMember{{Name: "zeros.bin", Zeros: zeroMember}, textMember("b.txt", 1)}}}))
	got, packed := walk7z(t, data, unpack.Options{}, func(name string) bool { return name == "zeros.bin" })
	require.Len(t, got, 2)
	requireRatio(t, got[1].Err, got[1].Name)
	assert.Less(t, packed, int64(64<<10), "packed bytes read of %d", len(data))
}

// TestSevenZipRatioSolidText: solid blocks of many small text files, and
// a large text file between others, are read whole: the decoder runs
// ahead of the files by up to its dictionary, so a file's bytes may come
// out without new packed bytes, which the block-wide ratio tolerates and
// the file's own is allowed for. A file left unread is skipped so that the
// next is reached.
func TestSevenZipRatioSolidText(t *testing.T) {
	var small []archivegen.SevenZipMember
	for i := range 300 {
		small = append(small, textMember(fmt.Sprintf("orders/%04d.txt", i), i))
	}
	for _, tc := range []struct {
		method archivegen.SevenZipMethod
		ledger int // bytes of the large file: past the decoder's memory with Deflate, where its own ratio is checked
	}{{archivegen.SevenZipDeflate, 4<<20 + 512<<10}, {archivegen.SevenZipLZMA2, 512 << 10}} {
		t.Run(string(tc.method), func(t *testing.T) {
			var big []byte
			for i := 0; len(big) < min(tc.ledger, 512<<10); i++ {
				big = append(big, textMember("", i).Data...)
			}
			if tc.method == archivegen.SevenZipDeflate {
				// Deflate's window is 32 KiB: copies of 512 KiB of text
				// compress as text does.
				big = bytes.Repeat(big, tc.ledger/len(big)+1)[:tc.ledger]
			}
			mixed := []archivegen.SevenZipMember{textMember("a.txt", 1), {Name: "ledger.csv", Data: big}, textMember("z.txt", 9)}
			method := tc.method
			data := must(t)(archivegen.SevenZipBlocks([]archivegen.SevenZipBlock{
				{Method: method, Files: small}, {Method: method, DictCap: 4 << 20, Files: mixed}}))
			got, _ := walk7z(t, data, unpack.Options{Limits: unpack.Limits{RatioGraceBytes: 256 << 10}},
				func(name string) bool { return name == "orders/0001.txt" })
			require.Len(t, got, len(small)+len(mixed))
			want := map[string][]byte{}
			for _, f := range append(append([]archivegen.SevenZipMember{}, small...), mixed...) {
				want["pkg!/"+f.Name] = f.Data
			}
			for _, e := range got {
				if e.Name == "orders/0001.txt" {
					continue
				}
				require.NoError(t, e.Err, e.Name)
				w := want[e.Path]
				assert.Equal(t, int64(len(w)), e.N, e.Name)
				assert.Equal(t, w[:min(len(w), maxKeep)], e.Data, e.Name)
			}
		})
	}
}

// TestSevenZipRatioBombNested is issue 11's r12: the 7z bomb stored in a
// zip between ordinary files. The bomb stops at the ratio limit and every
// file beside it is read.
func TestSevenZipRatioBombNested(t *testing.T) {
	bomb := must(t)(archivegen.SevenZipBlocks([]archivegen.SevenZipBlock{{Method: archivegen.SevenZipDeflate,
		Files: []archivegen.SevenZipMember{{Name: "zeros.bin", Zeros: zeroMember}}}}))
	files := reportFiles(0, 5)
	files = append(files, archivegen.File{Name: "misc/r12.7z", Data: bomb, Store: true})
	files = append(files, reportFiles(5, 5)...)
	zip := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
	got, err := walkAll(t, zip, unpack.Options{})
	require.NoError(t, err)
	checkReports(t, got, files)
	m := byPath(got)
	e := m["pkg!/misc/r12.7z!/zeros.bin"]
	require.NotNil(t, e)
	requireRatio(t, e.Err, e.Name)
	var read int64
	for _, s := range got {
		read += s.N
	}
	assert.Less(t, read, int64(len(bomb))+sevenZipRatioRead, "bytes read in all")
}

// sevenZipRatioSeeds returns small versions of the ratio bombs above, for
// the fuzz targets: a zero member alone and in a solid block between text
// files, packed with Deflate and with LZMA2.
func sevenZipRatioSeeds() [][]byte {
	var out [][]byte
	for _, method := range []archivegen.SevenZipMethod{archivegen.SevenZipDeflate, archivegen.SevenZipLZMA2} {
		zeros := archivegen.SevenZipMember{Name: "zeros.bin", Zeros: 2 << 20}
		for _, files := range [][]archivegen.SevenZipMember{
			{zeros},
			{textMember("a.txt", 1), zeros, textMember("b.txt", 2)},
		} {
			b, err := archivegen.SevenZipBlocks([]archivegen.SevenZipBlock{{Method: method, Files: files},
				{Method: method, Files: []archivegen.SevenZipMember{textMember("c.txt", 3)}}})
			if err == nil {
				out = append(out, b)
			}
		}
	}
	return out
}
