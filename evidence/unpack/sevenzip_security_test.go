package unpack_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"github.com/proofpack/proofpack/internal/testenv"
	"hash/crc32"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// Counts and sizes read from a 7z header must never reach an allocation
// before they are checked against what the bytes can hold. These tests
// build each hostile header in code (archivegen.SevenZipBombs) and bound
// what a walk allocates in all: runtime.MemStats.TotalAlloc counts every
// allocation, touched or not, so a reader that asks the runtime for
// gigabytes fails here even where its pages would stay virtual. None of
// these tests may run in parallel with others, whose allocations would
// count.

// sevenZipBombWant says how a walk must end on each bomb: the archive
// refused with the error given, or (entryErr) listed with its one entry
// refused.
var sevenZipBombWant = map[string]struct {
	err      error
	limit    string // the LimitError's limit, when err is ErrLimit
	entryErr bool
}{
	"files":                     {err: unpack.ErrFormat},
	"files-bad-crc":             {err: unpack.ErrFormat},
	"files-max":                 {err: unpack.ErrFormat},
	"coder-properties":          {err: unpack.ErrFormat},
	"coder-inputs":              {err: unpack.ErrUnsupported},
	"pack-crcs":                 {err: unpack.ErrFormat},
	"substreams":                {err: unpack.ErrFormat},
	"lzma2-dictionary":          {err: unpack.ErrLimit, limit: unpack.LimitDictionary, entryErr: true},
	"ppmd-memory":               {err: unpack.ErrLimit, limit: unpack.LimitDictionary, entryErr: true},
	"encoded-header-dictionary": {err: unpack.ErrLimit, limit: unpack.LimitDictionary},
	"encoded-header-size":       {err: unpack.ErrUnsupported},
	"encoded-header-files":      {err: unpack.ErrFormat},
}

// sevenZipBombAlloc bounds what one bomb may make a walk allocate. A
// reader that trusts the header asks for 2 GiB to 515 GB.
const sevenZipBombAlloc = 8 << 20

func TestSevenZipBombs(t *testing.T) {
	bombs := archivegen.SevenZipBombs()
	require.Len(t, bombs, len(sevenZipBombWant), "every bomb has its expected outcome")
	for _, b := range bombs {
		t.Run(b.Name, func(t *testing.T) {
			want, ok := sevenZipBombWant[b.Name]
			require.True(t, ok, "no expected outcome for %s", b.Name)
			var (
				got []*seen
				err error
			)
			n := testenv.Allocated(func() { got, err = walkAll(t, b.Data, unpack.Options{}) })
			assert.Less(t, n, uint64(sevenZipBombAlloc), "%s (%s) allocated %d bytes", b.Name, b.What, n)
			if want.entryErr {
				require.NoError(t, err)
				require.Len(t, got, 1)
				assert.Equal(t, "a.txt", got[0].Name, "the entry is listed")
				err = got[0].Err
			} else {
				assert.Empty(t, got)
			}
			require.ErrorIs(t, err, want.err)
			if want.limit != "" {
				var le *unpack.LimitError
				require.ErrorAs(t, err, &le)
				assert.Equal(t, want.limit, le.Limit)
			}
		})
	}
}

// reportFiles returns n small text files, numbered from first.
func reportFiles(first, n int) []archivegen.File {
	var files []archivegen.File
	for i := first; i < first+n; i++ {
		files = append(files, archivegen.File{Name: fmt.Sprintf("evidence/report_%02d.txt", i),
			Data: fmt.Appendf(nil, "Customer list %d: alice@acme.example.com\n", i)})
	}
	return files
}

// checkReports asserts that every report file of files was read whole.
func checkReports(t *testing.T, got []*seen, files []archivegen.File) {
	t.Helper()
	m := byPath(got)
	for _, f := range files {
		if f.Data == nil || f.Name == "" || f.Name[0] != 'e' {
			continue
		}
		e := m["pkg!/"+f.Name]
		if assert.NotNil(t, e, "%s is walked", f.Name) {
			assert.NoError(t, e.Err, f.Name)
			assert.Equal(t, f.Data, e.Data, "%s is read", f.Name)
		}
	}
}

// TestSevenZipDeclaredFilesNested is issue 11's first case: a 7z of about
// 100 bytes whose header declares 2^32-1 files, nested in a zip between
// ordinary files. bodgit/sevenzip alone makes a 515 GB slice of it, a
// fatal out of memory that no recover catches.
func TestSevenZipDeclaredFilesNested(t *testing.T) {
	bomb := archivegen.SevenZipDeclaredFiles(1<<32 - 1)
	files := reportFiles(0, 10)
	files = append(files, archivegen.File{Name: "misc/archive.7z", Data: bomb, Store: true})
	files = append(files, reportFiles(10, 10)...)
	zip := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))

	var (
		got []*seen
		err error
	)
	n := testenv.Allocated(func() { got, err = walkAll(t, zip, unpack.Options{}) })
	require.NoError(t, err)
	assert.Less(t, n, uint64(32<<20), "the walk allocated %d bytes", n)
	require.Len(t, got, 21, "the 7z and the 20 files beside it")
	checkReports(t, got, files)
	m := byPath(got)
	require.NotNil(t, m["pkg!/misc/archive.7z"])
	assert.ErrorIs(t, m["pkg!/misc/archive.7z"].NestedErr, unpack.ErrFormat)
	assert.Equal(t, bomb, m["pkg!/misc/archive.7z"].Data, "the 7z itself is still read as a file")

	// The same header declaring one file is a valid archive.
	got, err = walkAll(t, archivegen.SevenZipDeclaredFiles(1), unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, []byte(archivegen.SevenZipBombPayload), got[0].Data)
}

// TestSevenZipBombsTogether rebuilds what made a zip of libarchive's 65 7z
// test files take 6.9 GB while each quarter of them stayed under 40 MB.
// Two of those files (…_entries_oom.7z and …_malformed_numfiles_oom.7z)
// declare 31 and 58 million files in under 200 bytes. bodgit/sevenzip
// makes a slice of 3.6 and 6.7 GB for them before it finds the header
// wrong. Alone, such a slice lies in pages fresh from the kernel that are
// never touched, so it costs address space and no memory; once the heap
// has held another such slice, the runtime reuses its pages for the next
// one and must zero them, touching every byte. Here every bomb is nested
// in one zip between ordinary files, twice over: the walk must refuse each
// bomb with its problem, read every other file, and allocate (touched or
// not) a bounded amount in all.
func TestSevenZipBombsTogether(t *testing.T) {
	var files []archivegen.File
	bombs := archivegen.SevenZipBombs()
	for round := range 2 {
		for i, b := range bombs {
			files = append(files, reportFiles(round*100+i*2, 2)...)
			files = append(files, archivegen.File{Name: fmt.Sprintf("bombs/%d/%s.7z", round, b.Name), Data: b.Data, Store: true})
		}
	}
	files = append(files, reportFiles(900, 5)...)
	zip := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))

	var (
		got []*seen
		err error
	)
	n := testenv.Allocated(func() { got, err = walkAll(t, zip, unpack.Options{}) })
	require.NoError(t, err)
	assert.Less(t, n, uint64(64<<20), "the walk allocated %d bytes", n)
	checkReports(t, got, files)
	m := byPath(got)
	for round := range 2 {
		for _, b := range bombs {
			want := sevenZipBombWant[b.Name]
			e := m[fmt.Sprintf("pkg!/bombs/%d/%s.7z", round, b.Name)]
			if !assert.NotNil(t, e, b.Name) {
				continue
			}
			err := e.NestedErr
			if want.entryErr {
				assert.NoError(t, err, b.Name)
				inner := m[e.Path+"!/a.txt"]
				if !assert.NotNil(t, inner, "%s: its entry is listed", b.Name) {
					continue
				}
				err = inner.Err
			}
			assert.ErrorIs(t, err, want.err, b.Name)
		}
	}
}

// TestSevenZipEncodedHeader reads a well-formed archive whose header is
// encoded: the header is decoded once to be checked, once to be read.
func TestSevenZipEncodedHeader(t *testing.T) {
	got, err := walkAll(t, archivegen.SevenZipEncoded(), unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "a.txt", got[0].Name)
	assert.Equal(t, []byte(archivegen.SevenZipBombPayload), got[0].Data)
}

// TestSevenZipEmptyArchive: a next header of size 0 is an archive without
// entries, as 7-Zip reads it, not a truncated one.
func TestSevenZipEmptyArchive(t *testing.T) {
	b := []byte{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c, 0, 4}
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(make([]byte, 20)))
	b = append(b, make([]byte, 20)...)
	got, err := walkAll(t, b, unpack.Options{})
	require.NoError(t, err)
	assert.Empty(t, got)
}

// TestSevenZipDeclaredFilesOverLimit: a header that declares more files
// than Limits.MaxEntries allows is refused before sevenzip lists them.
func TestSevenZipDeclaredFilesOverLimit(t *testing.T) {
	_, err := walkAll(t, archivegen.SevenZipDeclaredFiles(100), unpack.Options{Limits: unpack.Limits{MaxEntries: 50}})
	var le *unpack.LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, unpack.LimitEntries, le.Limit)
	assert.Equal(t, int64(100), le.Value)
}

// TestSevenZipStrandedDecoders: bodgit/sevenzip pools a solid block's
// reader, decoder and dictionary included, when a file of it is closed
// before the block's end, and keeps it until the archive is dropped if the
// walk moves on. Bodies cut short by a limit in every block would keep one
// dictionary per block: the readers left behind may hold no more than
// MaxDictionaryBytes, after which further solid blocks are listed with
// limit_dictionary and not opened. Bodies read to their end leave none.
func TestSevenZipStrandedDecoders(t *testing.T) {
	data := archivegen.SevenZipSolidCopy(10, 3, 64)

	got, err := walkAll(t, data, unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 30)
	for i, e := range got {
		assert.NoError(t, e.Err, e.Name)
		assert.Equal(t, bytes.Repeat([]byte{byte(i)}, 64), e.Data, e.Name)
	}

	// A Copy block's decoder is estimated at 4 MiB: two blocks left
	// behind hold 8 MiB, and a third would pass 10.
	got, err = walkAll(t, data, unpack.Options{Limits: unpack.Limits{MaxEntryBytes: 16, MaxDictionaryBytes: 10 << 20}})
	require.NoError(t, err)
	require.Len(t, got, 30, "every entry is listed")
	for i, e := range got {
		var le *unpack.LimitError
		require.ErrorAs(t, e.Err, &le, e.Name)
		want := unpack.LimitEntryBytes
		if i >= 6 {
			want = unpack.LimitDictionary
		}
		assert.Equal(t, want, le.Limit, e.Name)
	}
}
