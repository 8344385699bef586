package unpack_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/proofpack/proofpack/internal/testenv"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// A name longer than unpack.MaxNameBytes is cut in Name and Path, never
// silently: the entry carries a LimitNameBytes problem and the SHA-256 of
// the whole stored name, and the walk goes on to the entries after it.

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// nameLimit returns the LimitNameBytes error among errs, or nil.
func nameLimit(errs []error) *unpack.LimitError {
	for _, e := range errs {
		var le *unpack.LimitError
		if errors.As(e, &le) && le.Limit == unpack.LimitNameBytes {
			return le
		}
	}
	return nil
}

func TestLongNames(t *testing.T) {
	t.Parallel()
	ascii := strings.Repeat("a", 5000) + ".txt"
	kana := strings.Repeat("あ", 2000)                                                      // 6000 bytes of UTF-8: the cut falls inside a character
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(strings.Repeat("見積書", 1000))) // 6000 bytes
	require.NoError(t, err)
	// 4095 ASCII bytes, then UTF-8 that is split by a cut at 4096: the
	// whole name is UTF-8 and must be decoded as such, not as CP437.
	split := strings.Repeat("b", 4095) + strings.Repeat("é", 100)
	climb := strings.Repeat("c", 5000) + "/../../../etc/passwd"
	after := archivegen.File{Name: "after.txt", Data: []byte("still walked\n")}

	tests := []struct {
		name     string
		build    func() ([]byte, error)
		stored   []byte // the name as the header stores it
		encoding string
		prefix   string // the start of the cut name
		insecure bool
	}{
		{"tar PAX ascii", func() ([]byte, error) {
			return archivegen.Tar([]archivegen.File{{Name: ascii, Data: []byte("x")}, after})
		}, []byte(ascii), "ascii", "aaaa", false},
		{"tar PAX utf-8", func() ([]byte, error) {
			return archivegen.Tar([]archivegen.File{{Name: kana, Data: []byte("x")}, after})
		}, []byte(kana), "utf-8", "ああ", false},
		{"zip utf-8 flag", func() ([]byte, error) {
			return archivegen.Zip([]archivegen.File{{Name: kana, UTF8: true, Data: []byte("x")}, after}, archivegen.ZipOptions{})
		}, []byte(kana), "utf-8", "ああ", false},
		{"zip cp932", func() ([]byte, error) {
			return archivegen.Zip([]archivegen.File{{RawName: sjis, Data: []byte("x")}, after}, archivegen.ZipOptions{})
		}, sjis, "cp932", "見積書見積書", false},
		{"zip utf-8 without flag, split at the cut", func() ([]byte, error) {
			return archivegen.Zip([]archivegen.File{{RawName: []byte(split), Data: []byte("x")}, after}, archivegen.ZipOptions{})
		}, []byte(split), "utf-8", "bbbb", false},
		{"zip .. past the cut", func() ([]byte, error) {
			return archivegen.Zip([]archivegen.File{{RawName: []byte(climb), Data: []byte("x")}, after}, archivegen.ZipOptions{})
		}, []byte(climb), "ascii", "cccc", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data, err := tt.build()
			require.NoError(t, err)
			got, err := walkAll(t, data, unpack.Options{})
			require.NoError(t, err)
			require.Len(t, got, 2, "the walk goes on after the long name")
			e := got[0]
			assert.LessOrEqual(t, len(e.Name), unpack.MaxNameBytes)
			assert.Greater(t, len(e.Name), unpack.MaxNameBytes-utf8.UTFMax, "cut at the limit, not before")
			assert.True(t, utf8.ValidString(e.Name), "cut at a character boundary")
			assert.NotContains(t, e.Name, string(utf8.RuneError))
			assert.True(t, strings.HasPrefix(e.Name, tt.prefix), "%.40q", e.Name)
			assert.Equal(t, tt.encoding, e.Encoding)
			assert.Equal(t, "pkg!/"+e.Name, e.Path)
			assert.Equal(t, sha256Hex(tt.stored), e.NameHash)
			assert.Equal(t, tt.stored, e.RawName, "the entry keeps the stored bytes")
			le := nameLimit(e.Problems)
			require.NotNil(t, le, "a limit_name_bytes problem: %v", e.Problems)
			assert.ErrorIs(t, le, unpack.ErrLimit)
			assert.Equal(t, int64(len(tt.stored)), le.Value)
			assert.Equal(t, int64(unpack.MaxNameBytes), le.Max)
			assert.Equal(t, tt.insecure, hasProblem(e.Problems, unpack.ErrInsecurePath), "the whole name is checked: %v", e.Problems)
			for _, p := range e.Problems {
				assert.Less(t, len(p.Error()), 3*unpack.MaxNameBytes, "a problem quotes the head of the name only")
			}
			assert.Equal(t, []byte("x"), e.Data)

			next := got[1]
			assert.Equal(t, "pkg!/after.txt", next.Path)
			assert.Empty(t, next.Problems)
			assert.Equal(t, []byte("still walked\n"), next.Data)
		})
	}
}

// TestNameAtTheLimit: a name of exactly MaxNameBytes is whole and has no
// problem.
func TestNameAtTheLimit(t *testing.T) {
	t.Parallel()
	name := strings.Repeat("n", unpack.MaxNameBytes)
	data, err := archivegen.Tar([]archivegen.File{{Name: name, Data: []byte("x")}})
	require.NoError(t, err)
	got, err := walkAll(t, data, unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, name, got[0].Name)
	assert.Empty(t, got[0].Problems)
}

// TestLongLinkTarget: a symlink's target is cut as names are, with a
// problem; the escape check sees the whole target.
func TestLongLinkTarget(t *testing.T) {
	t.Parallel()
	target := strings.Repeat("d/", 3000) + strings.Repeat("../", 3001) + "etc/shadow"
	data, err := archivegen.Tar([]archivegen.File{
		{Name: "link", Mode: fs.ModeSymlink, Link: target},
		{Name: "after.txt", Data: []byte("y")},
	})
	require.NoError(t, err)
	got, err := walkAll(t, data, unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 2)
	l := got[0]
	assert.LessOrEqual(t, len(l.Link), unpack.MaxNameBytes)
	assert.True(t, strings.HasPrefix(target, l.Link))
	require.NotNil(t, nameLimit(l.Problems), "%v", l.Problems)
	assert.True(t, hasProblem(l.Problems, unpack.ErrInsecureLink))
	assert.Equal(t, "pkg!/after.txt", got[1].Path)
}

// TestLongNamesCost bounds what a walk keeps of long names: a tar of
// entries whose PAX names are 64 KiB each hands out names of at most
// MaxNameBytes, and what the walk allocates per entry is the tar
// reader's own copy of the header, not a multiple of it.
func TestLongNamesCost(t *testing.T) {
	const n, nameLen = 32, 64 << 10
	var files []archivegen.File
	for i := range n {
		files = append(files, archivegen.File{Name: fmt.Sprintf("%06d", i) + strings.Repeat("é", nameLen/2), Data: []byte("z")})
	}
	data, err := archivegen.Tar(files)
	require.NoError(t, err)
	var kept int
	alloc := testenv.Allocated(func() {
		w := unpack.NewWalker(unpack.Options{})
		defer w.Close()
		err = w.WalkReaderAt(t.Context(), unpack.Parent{Path: "p"}, unpack.FormatTar, bytes.NewReader(data), int64(len(data)),
			func(_ context.Context, e *unpack.Entry) error {
				kept += len(e.Name) + len(e.Path)
				return nil
			})
	})
	require.NoError(t, err)
	assert.LessOrEqual(t, kept, n*2*(unpack.MaxNameBytes+len("p!/")))
	t.Logf("%d names of %d KiB: %d MiB allocated", n, nameLen>>10, alloc>>20)
	assert.Less(t, alloc, uint64(n*nameLen*16), "allocations stay a small multiple of the headers' size")
}
