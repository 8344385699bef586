package unpack_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// What the fuzz targets of *_thirdparty_fuzz_test.go found: a size read
// from a file that a third-party decoder allocates before anything checks
// it. Each test builds the input in code and bounds what the walk
// allocates (TotalAlloc, see testenv.Allocated); a decoder that trusts the size
// asks for hundreds of megabytes.

// thirdPartyAlloc bounds what one of these inputs may make a walk
// allocate.
const thirdPartyAlloc = 16 << 20

// requireDictionaryLimit checks that err is a LimitError on the dictionary
// whose value is at least value.
func requireDictionaryLimit(t *testing.T, err error, value int64) {
	t.Helper()
	var le *unpack.LimitError
	require.True(t, errors.As(err, &le), "want a LimitError, got %v", err)
	assert.Equal(t, unpack.LimitDictionary, le.Limit)
	assert.GreaterOrEqual(t, le.Value, value)
}

// TestRarPPMdModel: a RAR 3 block states its PPMd model's size in one byte,
// and rardecode allocated 4/3 of it (up to 342 MiB) whatever the
// dictionary limit. The file is listed with a dictionary LimitError, the
// files around it are read, and the walk allocates little.
func TestRarPPMdModel(t *testing.T) {
	for _, mb := range []int{2, 64, 256} {
		data := archivegen.Rar4PPMdModel(mb)
		var got []*seen
		var err error
		n := testenv.Allocated(func() {
			got, err = walkAll(t, data, unpack.Options{Limits: unpack.Limits{MaxDictionaryBytes: 1 << 20}})
		})
		require.NoError(t, err)
		assert.Less(t, n, uint64(thirdPartyAlloc), "a %d MiB model: %d bytes allocated", mb, n)
		m := byPath(got)
		require.Len(t, got, 3, "every file is listed")
		assert.Equal(t, "before the PPMd block\n", string(m["pkg!/before.txt"].Data))
		requireDictionaryLimit(t, m["pkg!/model.txt"].Err, int64(mb)<<20)
		assert.Zero(t, m["pkg!/model.txt"].N, "the model's file is not decoded")
		assert.Equal(t, "after the PPMd block\n", string(m["pkg!/after.txt"].Data), "the walk goes on after it")
	}
}

// TestRarPPMdModelFresh: the check holds where rardecode starts a fresh
// decoder on a solid file (the fuzzer's find: the first compressed file
// of the archive is marked solid), also after a file that was refused and
// so never decoded; and a model within the limit is decoded.
func TestRarPPMdModelFresh(t *testing.T) {
	big := archivegen.Rar3PPMdBlock(64)
	for _, tc := range []struct {
		name  string
		files []archivegen.Rar4File
	}{
		{"solid first", []archivegen.Rar4File{
			{Name: "model.txt", Packed: big, Size: 1 << 20, Method: 0x35, Solid: true},
		}},
		{"solid after a refused file", []archivegen.Rar4File{
			{Name: "decoy.txt", Packed: big, Size: 1 << 20, Method: 0x35},
			{Name: "model.txt", Packed: big, Size: 1 << 20, Method: 0x35, Solid: true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := archivegen.Rar4Raw(tc.files)
			require.NoError(t, err)
			var got []*seen
			n := testenv.Allocated(func() {
				got, err = walkAll(t, data, unpack.Options{Limits: unpack.Limits{MaxDictionaryBytes: 16 << 20}})
			})
			require.NoError(t, err)
			assert.Less(t, n, uint64(thirdPartyAlloc), "%d bytes allocated", n)
			require.Len(t, got, len(tc.files))
			for _, s := range got {
				requireDictionaryLimit(t, s.Err, 64<<20)
			}
		})
	}
	t.Run("within the limit", func(t *testing.T) {
		data, err := archivegen.Rar4Raw([]archivegen.Rar4File{{Name: "model.txt", Packed: archivegen.Rar3PPMdBlock(2), Size: 64, Method: 0x35}})
		require.NoError(t, err)
		got, err := walkAll(t, data, unpack.Options{})
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.False(t, errors.Is(got[0].Err, unpack.ErrLimit), "a 2 MiB model under the default limit: %v", got[0].Err)
	})
}

// TestSevenZipZstdWindow: sevenzip builds its zstd decoders with the
// library's defaults, which admit a 512 MiB window and allocate it for
// the first block: a 91-byte 7z took 512 MiB. The folder's frames are read
// first; one whose window passes the dictionary limit is listed with a
// LimitError and not opened.
func TestSevenZipZstdWindow(t *testing.T) {
	for _, tc := range []struct {
		window uint32
		limit  int64
	}{
		{512 << 20, 0},        // the default limit, 256 MiB
		{256 << 20, 64 << 20}, // a lowered limit
	} {
		data := archivegen.SevenZipZstdWindow(tc.window)
		var got []*seen
		var err error
		n := testenv.Allocated(func() {
			got, err = walkAll(t, data, unpack.Options{Limits: unpack.Limits{MaxDictionaryBytes: tc.limit}})
		})
		require.NoError(t, err)
		assert.Less(t, n, uint64(thirdPartyAlloc), "a %d-byte window: %d bytes allocated", tc.window, n)
		require.Len(t, got, 1)
		assert.Equal(t, "a.txt", got[0].Name, "the file is listed")
		requireDictionaryLimit(t, got[0].Err, int64(tc.window))
	}
	// Within the limit, the same frame is decoded (its content size is a
	// lie, which the decoder reports).
	got, err := walkAll(t, archivegen.SevenZipZstdWindow(64<<10), unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.False(t, errors.Is(got[0].Err, unpack.ErrLimit), "%v", got[0].Err)
	assert.Equal(t, archivegen.SevenZipBombPayload, string(got[0].Data))
}
