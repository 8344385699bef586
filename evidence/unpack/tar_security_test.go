package unpack_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/proofpack/proofpack/internal/testenv"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// A tar header archive/tar will not hold (an extended header over 1 MiB)
// must cost its entry a problem, not the archive its remaining members;
// a sparse file's holes must cost nothing. These tests build each case
// in code (archivegen.TarHostile, TarRaw) and bound what a walk reads
// (Walker.TotalBytes) and allocates (runtime.MemStats.TotalAlloc). None
// may run in parallel with others, whose allocations would count.

// tarEntry is what a test walk saw of one tar entry.
type tarEntry struct {
	Name     string
	Type     unpack.EntryType
	Size     int64
	Holes    int64
	Link     string
	Problems []error
	Data     []byte
	Err      error
}

// walkTar walks data, an archive of the given format, and reads every
// body whole.
func walkTar(t testing.TB, format unpack.Format, data []byte, opts unpack.Options) ([]tarEntry, *unpack.Walker, error) {
	t.Helper()
	w := unpack.NewWalker(opts)
	t.Cleanup(func() { w.Close() })
	var got []tarEntry
	err := w.WalkReaderAt(context.Background(), unpack.Parent{Path: "pkg"}, format, bytes.NewReader(data), int64(len(data)),
		func(_ context.Context, e *unpack.Entry) error {
			b, rerr := io.ReadAll(e)
			got = append(got, tarEntry{Name: e.Name, Type: e.Type, Size: e.Size, Holes: e.Holes, Link: e.LinkTarget,
				Problems: e.Problems, Data: b, Err: rerr})
			return nil
		})
	return got, w, err
}

func tarNames(es []tarEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

// tarHostileCases are the archivegen.TarHostile archives, with headers
// of 2 MiB, built once for the tests of this file.
var tarHostileCases = sync.OnceValues(func() ([]archivegen.TarHostileCase, error) {
	return archivegen.TarHostile(2 << 20)
})

// tarHostileAlloc bounds what a walk of one TarHostile archive may
// allocate: the oversized headers are 2 MiB, and a reader that holds one
// allocates at least that; archive/tar reading the holes as zeros
// allocates nothing but reads 2 GiB.
const tarHostileAlloc = 1 << 20

// tarHostileRead bounds the bytes a walk of one TarHostile archive reads
// from its entries: their data, not their holes.
const tarHostileRead = 4 << 10

func TestTarHostile(t *testing.T) {
	cases, err := tarHostileCases()
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var (
				got []tarEntry
				w   *unpack.Walker
			)
			alloc := testenv.Allocated(func() { got, w, err = walkTar(t, unpack.FormatTar, c.Data, unpack.Options{}) })
			require.NoError(t, err, c.What)
			require.Len(t, got, 3, "%v", tarNames(got))
			assert.Equal(t, "before.txt", got[0].Name)
			after := got[2]
			assert.Equal(t, archivegen.TarHostileAfter.Name, after.Name, "the member after the hostile one is listed")
			assert.Equal(t, archivegen.TarHostileAfter.Data, after.Data, "and read whole")
			assert.NoError(t, after.Err)
			assert.Empty(t, after.Problems)

			h := got[1]
			assert.Equal(t, c.Hostile, h.Name)
			assert.NoError(t, h.Err, "its body reads cleanly")
			if strings.HasPrefix(c.Name, "sparse") {
				assert.True(t, hasProblem(h.Problems, unpack.ErrSparse), "%v", h.Problems)
				assert.Equal(t, int64(2<<30), h.Size, "the declared size is the real one")
				assert.Equal(t, h.Size-int64(len(h.Data)), h.Holes, "the body is the data stored")
			} else {
				var le *unpack.LimitError
				require.Len(t, h.Problems, 1)
				require.ErrorAs(t, h.Problems[0], &le)
				assert.Equal(t, unpack.LimitHeaderBytes, le.Limit)
				assert.Contains(t, le.Path, c.Hostile)
				assert.Greater(t, le.Value, int64(2<<20))
			}
			t.Logf("%s: %d bytes read, %d bytes allocated", c.Name, w.TotalBytes(), alloc)
			assert.Less(t, w.TotalBytes(), int64(tarHostileRead), "bytes read")
			assert.Less(t, alloc, uint64(tarHostileAlloc), "bytes allocated")
		})
	}
}

// TestTarHostileContent checks what the hostile members hold: the
// records an oversized PAX header keeps, the data of sparse files.
func TestTarHostileContent(t *testing.T) {
	cases, err := tarHostileCases()
	require.NoError(t, err)
	byName := map[string][]byte{}
	for _, c := range cases {
		byName[c.Name] = c.Data
	}
	t.Run("pax records kept", func(t *testing.T) {
		got, _, err := walkTar(t, unpack.FormatTar, byName["pax-comment"], unpack.Options{})
		require.NoError(t, err)
		require.Len(t, got, 3)
		assert.Equal(t, []byte("x"), got[1].Data)
		assert.Contains(t, got[1].Problems[0].Error(), `"comment"`, "the problem names the record skipped")
	})
	t.Run("many small records", func(t *testing.T) {
		got, _, err := walkTar(t, unpack.FormatTar, byName["pax-many-records"], unpack.Options{})
		require.NoError(t, err)
		require.Len(t, got, 3)
		assert.Contains(t, got[1].Problems[0].Error(), "more", "the problem counts the records skipped")
	})
	t.Run("long link", func(t *testing.T) {
		got, _, err := walkTar(t, unpack.FormatTar, byName["gnu-long-link"], unpack.Options{})
		require.NoError(t, err)
		require.Len(t, got, 3)
		assert.Equal(t, unpack.TypeSymlink, got[1].Type)
		assert.Equal(t, strings.Repeat("l", 100), got[1].Link, "the header's own link field")
	})
	for _, name := range []string{"sparse-gnu", "sparse-pax-0.0", "sparse-pax-0.1", "sparse-pax-1.0"} {
		t.Run(name, func(t *testing.T) {
			got, _, err := walkTar(t, unpack.FormatTar, byName[name], unpack.Options{})
			require.NoError(t, err)
			require.Len(t, got, 3)
			assert.Equal(t, "tail of the sparse file\n", string(got[1].Data))
		})
	}
}

// A sparse file whose holes total at most 1 MiB reads as tar extracts it,
// holes as zeros, in every format.
func TestTarSparseSmallHoles(t *testing.T) {
	regions := []archivegen.TarRegion{{Offset: 0, Length: 4}, {Offset: 1000, Length: 4}, {Offset: 500_000, Length: 4},
		{Offset: 600_000, Length: 4}, {Offset: 700_000, Length: 4}, {Offset: 800_000, Length: 4}}
	const size = 800_010
	data := []byte("aaaabbbbccccddddeeeeffff")
	want := make([]byte, size)
	for i, r := range regions {
		copy(want[r.Offset:], data[4*i:4*i+4])
	}
	for _, format := range []string{"gnu", "0.0", "0.1", "1.0"} {
		t.Run(format, func(t *testing.T) {
			tar := must(t)(archivegen.TarRaw([]archivegen.TarMember{
				{Name: "db.bin", Data: data, Sparse: &archivegen.TarSparse{Format: format, Size: size, Regions: regions}},
				archivegen.TarHostileAfter,
			}))
			got, _, err := walkTar(t, unpack.FormatTar, tar, unpack.Options{})
			require.NoError(t, err)
			require.Len(t, got, 2)
			assert.Equal(t, "db.bin", got[0].Name)
			assert.NoError(t, got[0].Err)
			assert.Empty(t, got[0].Problems)
			assert.Zero(t, got[0].Holes)
			assert.Equal(t, want, got[0].Data)
			assert.Equal(t, archivegen.TarHostileAfter.Data, got[1].Data)
		})
	}
}

// A sparse file does not spend the byte budget on its holes: a 2 GiB
// hole under a 1 MiB total limit leaves the next member readable.
func TestTarSparseBudget(t *testing.T) {
	cases, err := tarHostileCases()
	require.NoError(t, err)
	for _, c := range cases {
		if !strings.HasPrefix(c.Name, "sparse") {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			lim := unpack.Limits{MaxTotalBytes: 1 << 20, MaxEntryBytes: 1 << 20}
			got, _, err := walkTar(t, unpack.FormatTar, c.Data, unpack.Options{Limits: lim})
			require.NoError(t, err)
			require.Len(t, got, 3)
			assert.NoError(t, got[1].Err)
			assert.Equal(t, archivegen.TarHostileAfter.Data, got[2].Data)
			assert.NoError(t, got[2].Err)
		})
	}
}

// An old GNU sparse map of more extension blocks than archive/tar holds
// is skipped: the entry reads as the data stored, with a problem, and
// the walk goes on.
func TestTarOldGNUSparseMapTooLong(t *testing.T) {
	const n = 50_000 // about 2,400 extension blocks: 1.2 MiB of map
	regions := make([]archivegen.TarRegion, n)
	for i := range regions {
		regions[i] = archivegen.TarRegion{Offset: int64(i) * 2, Length: 1}
	}
	data := bytes.Repeat([]byte{'d'}, n)
	tar := must(t)(archivegen.TarRaw([]archivegen.TarMember{
		{Name: "map.bin", Data: data, Sparse: &archivegen.TarSparse{Format: "gnu", Size: 2 * n, Regions: regions}},
		archivegen.TarHostileAfter,
	}))
	got, _, err := walkTar(t, unpack.FormatTar, tar, unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "map.bin", got[0].Name)
	assert.Equal(t, data, got[0].Data)
	var le *unpack.LimitError
	require.Len(t, got[0].Problems, 1)
	require.ErrorAs(t, got[0].Problems[0], &le)
	assert.Equal(t, unpack.LimitHeaderBytes, le.Limit)
	assert.Equal(t, archivegen.TarHostileAfter.Data, got[1].Data)
}

// A header archive/tar refuses, in a member whose own block is sound,
// costs that member and not the rest.
func TestTarBrokenHeaderResync(t *testing.T) {
	for name, m := range map[string]archivegen.TarMember{
		"pax path with a NUL":    {Name: "bad.txt", Data: []byte("lost"), PAX: []archivegen.TarRecord{{Key: "path", Value: "a\x00b"}}},
		"pax mtime not a number": {Name: "bad.txt", Data: []byte("lost"), PAX: []archivegen.TarRecord{{Key: "mtime", Value: "yesterday"}}},
	} {
		t.Run(name, func(t *testing.T) {
			tar := must(t)(archivegen.TarRaw([]archivegen.TarMember{m, archivegen.TarHostileAfter}))
			got, _, err := walkTar(t, unpack.FormatTar, tar, unpack.Options{})
			require.NoError(t, err)
			require.Len(t, got, 2, "%v", tarNames(got))
			assert.Equal(t, "bad.txt", got[0].Name)
			assert.Equal(t, unpack.TypeOther, got[0].Type)
			assert.True(t, hasProblem(got[0].Problems, unpack.ErrFormat), "%v", got[0].Problems)
			assert.Equal(t, archivegen.TarHostileAfter.Data, got[1].Data)
		})
	}
}

// What follows a tar's end-of-archive blocks: zeros are padding, other
// bytes trailing data; the members are all read either way.
func TestTarTrailingData(t *testing.T) {
	tar := must(t)(archivegen.Tar(sampleFiles))
	for _, tc := range []struct {
		name string
		tail []byte
		want error
	}{
		{"none", nil, nil},
		{"zeros", make([]byte, 64<<10), nil},
		{"data", []byte("PK\x03\x04 appended"), unpack.ErrTrailingData},
		{"zeros then data", append(make([]byte, 10<<10), 'x'), unpack.ErrTrailingData},
		{"zeros past the scan", make([]byte, 2<<20), unpack.ErrTrailingData},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := append(bytes.Clone(tar), tc.tail...)
			got, _, err := walkTar(t, unpack.FormatTar, data, unpack.Options{})
			assert.Len(t, got, len(sampleFiles))
			if tc.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tc.want)
			}
		})
	}
}

// A tar whose stream ends early, in every place a header or data can be
// cut: the walk says truncated (or corrupt, when the cut leaves a block
// of zeros that reads as the end), never panics, and what reads cleanly
// is the real content.
func TestTarCutEverywhere(t *testing.T) {
	cases, err := tarHostileCases()
	require.NoError(t, err)
	for _, c := range cases {
		if !strings.HasPrefix(c.Name, "sparse") && c.Name != "pax-comment" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			end := bytes.LastIndex(c.Data, archivegen.TarHostileAfter.Data) + len(archivegen.TarHostileAfter.Data)
			for cut := 1; cut < end; cut += max(1, end/97) {
				got, _, err := walkTar(t, unpack.FormatTar, c.Data[:cut], unpack.Options{})
				if err != nil {
					assert.True(t, errors.Is(err, unpack.ErrTruncated) || errors.Is(err, unpack.ErrFormat), "cut at %d: %v", cut, err)
				}
				for _, e := range got {
					if e.Name == archivegen.TarHostileAfter.Name && e.Err == nil {
						assert.Equal(t, archivegen.TarHostileAfter.Data, e.Data, "cut at %d", cut)
					}
				}
			}
		})
	}
}

// The walk of a tar of many members allocates per member no more than
// archive/tar's own header, whatever the framing adds.
func TestTarAllocPerMember(t *testing.T) {
	const n = 2000
	files := make([]archivegen.File, n)
	for i := range files {
		files[i] = archivegen.File{Name: fmt.Sprintf("dir/file%05d.txt", i), Data: []byte("x")}
	}
	tar := must(t)(archivegen.Tar(files))
	var got []tarEntry
	alloc := testenv.Allocated(func() {
		var err error
		got, _, err = walkTar(t, unpack.FormatTar, tar, unpack.Options{})
		require.NoError(t, err)
	})
	require.Len(t, got, n)
	t.Logf("%d bytes allocated per member", alloc/n)
	bound := uint64(4 << 10) // about 1.8 KiB measured, the test's records included
	if testenv.Race {
		bound *= 2 // about 4 KiB measured
	}
	assert.Less(t, alloc/n, bound)
}
