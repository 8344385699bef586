package evidence_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"github.com/proofpack/proofpack/internal/testenv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// How a package reaches the triage is hostile input too: a file that is
// not an archive and holds gigabytes, a stream without end, a path that
// names a pipe or a device, a name of a megabyte. Costs are bounded in
// bytes read or allocated, never in time.

// zeroFile is a virtual package of n zero bytes that counts what is read
// of it: a large file that costs no disk.
type zeroFile struct {
	n    int64
	read atomic.Int64
}

func (z *zeroFile) ReadAt(p []byte, off int64) (int, error) {
	if off >= z.n {
		return 0, io.EOF
	}
	k := int(min(int64(len(p)), z.n-off))
	clear(p[:k])
	z.read.Add(int64(k))
	if k < len(p) {
		return k, io.EOF
	}
	return k, nil
}

func codes(ps []evidence.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// zeroSHA256 returns the SHA-256 of n zero bytes.
func zeroSHA256(n int64) string {
	h := sha256.New()
	_, _ = io.CopyN(h, zeroReader{}, n)
	return fmt.Sprintf("%x", h.Sum(nil))
}

// zeroReader is an endless stream of zero bytes.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestLoneFileLimits: a package that is not an archive is read as an
// entry is, within the byte limits, with the walk's problem codes; its
// own hashes still cover the whole package, read once.
func TestLoneFileLimits(t *testing.T) {
	t.Parallel()
	const size = 16 << 20
	tests := []struct {
		name  string
		limit func(*evidence.Limits)
		code  string
		max   int64
	}{
		{"total bytes", func(l *evidence.Limits) { l.MaxTotalBytes = 1 << 20 }, "limit_total_bytes", 1 << 20},
		{"entry bytes", func(l *evidence.Limits) { l.MaxEntryBytes = 1 << 20 }, "limit_entry_bytes", 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			z := &zeroFile{n: size}
			rep, err := evidence.AnalyzeReaderAt(t.Context(), "disk.img", z, size,
				evidence.Options{TempDir: t.TempDir(), Limits: limits(tt.limit)})
			require.NoError(t, err)
			require.Len(t, rep.Items, 1)
			it := rep.Items[0]
			assert.Equal(t, []string{tt.code}, codes(it.Problems))
			assert.False(t, it.Complete)
			assert.LessOrEqual(t, it.Size, tt.max)
			assert.Empty(t, it.SHA256, "no hash of the part read")
			assert.Empty(t, it.MD5)
			assert.Empty(t, it.SHA1)
			assert.LessOrEqual(t, rep.Stats.Bytes, tt.max)
			assert.Empty(t, rep.Problems)
			assert.Equal(t, zeroSHA256(size), rep.Package.SHA256, "the package hash covers the whole package")
			// One pass for the package hash, the prefix, and the item up to
			// its limit: not a second pass over the package.
			assert.LessOrEqual(t, z.read.Load(), size+tt.max+2<<20)
		})
	}
}

// TestLoneFileDeadline: past MaxDuration a lone file is listed with
// limit_duration, and the package hashes, which could not be completed,
// are left empty with a problem rather than cover part of the package.
func TestLoneFileDeadline(t *testing.T) {
	t.Parallel()
	z := &zeroFile{n: 1 << 40}
	rep, err := evidence.AnalyzeReaderAt(t.Context(), "disk.img", z, z.n, evidence.Options{TempDir: t.TempDir(),
		Limits: limits(func(l *evidence.Limits) { l.MaxDuration = time.Nanosecond })})
	require.NoError(t, err)
	require.Len(t, rep.Items, 1, "the file is listed")
	it := rep.Items[0]
	assert.Equal(t, []string{"limit_duration"}, codes(it.Problems))
	assert.False(t, it.Complete)
	assert.Empty(t, it.SHA256)
	assert.Empty(t, rep.Package.SHA256, "no hash of part of the package")
	assert.Empty(t, rep.Package.MD5)
	assert.Contains(t, codes(rep.Problems), "limit_duration")
	var hashProblem bool
	for _, p := range rep.Problems {
		hashProblem = hashProblem || (p.Code == "limit_duration" && strings.Contains(p.Detail, "hashes"))
	}
	assert.True(t, hashProblem, "a problem says why the hashes are empty: %v", rep.Problems)
	assert.Less(t, z.read.Load(), int64(1<<20), "bytes read of a package of 1 TiB")
}

// TestLoneFileCancelIsPrompt cancels the triage of a 1 TiB lone file
// once 8 MiB were read: the item's read and the package hash each stop
// within a buffer or two.
func TestLoneFileCancelIsPrompt(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	z := &zeroFile{n: 1 << 40}
	r := &cancelingReaderAt{r: z, at: 8 << 20, limit: 256 << 20, cancel: cancel}
	rep, err := evidence.AnalyzeReaderAt(ctx, "disk.img", r, z.n, evidence.Options{TempDir: t.TempDir()})
	assert.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, rep)
	assert.False(t, r.overLimit.Load(), "reading went on after the cancellation")
	t.Logf("%d KiB read after the cancellation", (r.read.Load()-r.at)>>10)
	assert.Less(t, r.read.Load()-r.at, int64(2<<20), "bytes read after the cancellation")
	assert.Empty(t, rep.Package.SHA256)
	require.Len(t, rep.Items, 1)
	assert.False(t, rep.Items[0].Complete)
	assert.Empty(t, rep.Items[0].SHA256)
	assert.Contains(t, codes(rep.Items[0].Problems), evidence.ProblemCanceled)
}

// stream is an io.Reader of a package for AnalyzeReader: data, then
// zeros without end when endless; it counts what is read and can call at
// once when that passes a mark.
type stream struct {
	r       io.Reader
	read    atomic.Int64
	mark    int64
	at      func()
	atOnce  sync.Once
	maxRead int // largest single Read asked for
}

func newStream(data []byte, endless bool) *stream {
	var r io.Reader = bytes.NewReader(data)
	if endless {
		r = io.MultiReader(r, zeroReader{})
	}
	return &stream{r: r}
}

func (s *stream) Read(p []byte) (int, error) {
	s.maxRead = max(s.maxRead, len(p))
	n, err := s.r.Read(p)
	if total := s.read.Add(int64(n)); s.at != nil && total >= s.mark {
		s.atOnce.Do(s.at)
	}
	return n, err
}

// TestAnalyzeReader: a stream is triaged as the same bytes at rest are.
func TestAnalyzeReader(t *testing.T) {
	t.Parallel()
	data := must(t)(os.ReadFile(samplePath))
	want, err := analyzeBytes(t, "stdin", data, evidence.Options{SkipMetadata: true})
	require.NoError(t, err)
	got, err := evidence.AnalyzeReader(t.Context(), "stdin", newStream(data, false), evidence.Options{TempDir: t.TempDir(), SkipMetadata: true})
	require.NoError(t, err)
	assert.Equal(t, sha(data), got.Package.SHA256)
	assert.Equal(t, int64(len(data)), got.Package.Size)
	assert.Equal(t, want.Package, got.Package)
	require.Equal(t, len(want.Items), len(got.Items))
	for i := range want.Items {
		assert.Equal(t, want.Items[i].SHA256, got.Items[i].SHA256, want.Items[i].Path)
	}
	assert.Empty(t, got.Problems)
}

// TestAnalyzeReaderBeyondTotal: a stream larger than MaxTotalBytes is read
// to that limit and one byte more, no further; what was read is triaged,
// and the report says the package was cut instead of hashing part of it.
func TestAnalyzeReaderBeyondTotal(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	lim := limits(func(l *evidence.Limits) { l.MaxTotalBytes = limit })

	t.Run("endless", func(t *testing.T) {
		t.Parallel()
		s := newStream(nil, true)
		rep, err := evidence.AnalyzeReader(t.Context(), "stdin", s, evidence.Options{TempDir: t.TempDir(), Limits: lim})
		require.NoError(t, err)
		assert.LessOrEqual(t, s.read.Load(), int64(limit+1), "bytes read of an endless stream")
		assert.Equal(t, []string{"limit_total_bytes"}, codes(rep.Problems))
		assert.Equal(t, "stdin", rep.Problems[0].Path)
		assert.Empty(t, rep.Package.SHA256, "no hash of part of the package")
		assert.Equal(t, int64(limit), rep.Package.Size, "the bytes read")
		require.Len(t, rep.Items, 1)
		it := rep.Items[0]
		assert.False(t, it.Complete, "the lone file is cut with the package")
		assert.Empty(t, it.SHA256)
		assert.Contains(t, codes(it.Problems), "limit_total_bytes")
	})

	t.Run("tar cut in its third member", func(t *testing.T) {
		t.Parallel()
		a, b := bytes.Repeat([]byte("a"), 100<<10), bytes.Repeat([]byte("b"), 100<<10)
		c := bytes.Repeat([]byte("c"), 2<<20)
		tarData := must(t)(archivegen.Tar([]archivegen.File{{Name: "a.txt", Data: a}, {Name: "b.txt", Data: b}, {Name: "c.txt", Data: c}}))
		s := newStream(tarData, false)
		rep, err := evidence.AnalyzeReader(t.Context(), "stdin", s, evidence.Options{TempDir: t.TempDir(), Limits: lim})
		require.NoError(t, err)
		assert.LessOrEqual(t, s.read.Load(), int64(limit+1))
		assert.Contains(t, codes(rep.Problems), "limit_total_bytes")
		assert.Empty(t, rep.Package.SHA256)
		m := itemsByPath(rep)
		assert.Equal(t, sha(a), m["stdin!/a.txt"].SHA256, "members read whole keep their hashes")
		assert.Equal(t, sha(b), m["stdin!/b.txt"].SHA256)
		cut := m["stdin!/c.txt"]
		assert.False(t, cut.Complete)
		assert.Empty(t, cut.SHA256)
		assert.NotEmpty(t, cut.Problems)
	})
}

// TestAnalyzeReaderCancel: cancelling while a stream is spooled ends the
// copy within a chunk, with a report that says so and no items.
func TestAnalyzeReaderCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	s := newStream(nil, true)
	s.mark, s.at = 8<<20, cancel
	rep, err := evidence.AnalyzeReader(ctx, "stdin", s, evidence.Options{TempDir: t.TempDir()})
	assert.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, rep)
	assert.Equal(t, []string{evidence.ProblemCanceled}, codes(rep.Problems))
	assert.Empty(t, rep.Items)
	assert.Empty(t, rep.Package.SHA256)
	assert.LessOrEqual(t, s.read.Load()-s.mark, int64(s.maxRead), "read on after the cancellation")
}

// TestAnalyzeReaderDeadline: a stream not read to its end within
// MaxDuration gives a report that says so.
func TestAnalyzeReaderDeadline(t *testing.T) {
	t.Parallel()
	rep, err := evidence.AnalyzeReader(t.Context(), "stdin", newStream(nil, true), evidence.Options{TempDir: t.TempDir(),
		Limits: limits(func(l *evidence.Limits) { l.MaxDuration = time.Nanosecond })})
	require.NoError(t, err)
	assert.Equal(t, []string{"limit_duration"}, codes(rep.Problems))
	assert.Empty(t, rep.Items)
	assert.Empty(t, rep.Package.SHA256)
}

// TestSpoolsLeaveNoName: a stream, and an archive nested in it, spooled
// beyond the memory budget go to files that have no name on disk while
// they are read, so that not even a killed process leaves them behind.
// The triage's allocations stay far below the stream's size.
func TestSpoolsLeaveNoName(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<20) // 16 MiB
	inner := must(t)(archivegen.Zip([]archivegen.File{{Name: "big.bin", Data: big, Store: true}}, archivegen.ZipOptions{}))
	outer := must(t)(archivegen.Zip([]archivegen.File{{Name: "inner.zip", Data: inner, Store: true}, {Name: "after.txt", Data: []byte("x")}}, archivegen.ZipOptions{}))
	root := t.TempDir()
	var named []string
	var progress int
	var rep *evidence.Report
	var err error
	alloc := testenv.Allocated(func() {
		rep, err = evidence.AnalyzeReader(t.Context(), "stdin", newStream(outer, false), evidence.Options{TempDir: root, SkipMetadata: true,
			Limits: limits(func(l *evidence.Limits) { l.MaxMemorySpool = 256 << 10 }),
			Progress: func(evidence.Progress) {
				progress++
				_ = filepath.WalkDir(root, func(p string, _ os.DirEntry, _ error) error {
					if p != root {
						named = append(named, p)
					}
					return nil
				})
			}})
	})
	require.NoError(t, err)
	assert.Positive(t, progress)
	assert.Empty(t, named, "spools are unlinked, and their directories removed, as soon as they are made")
	assert.Equal(t, 1, rep.Stats.SpooledToDisk, "the nested zip went to disk")
	m := itemsByPath(rep)
	assert.Equal(t, sha(big), m["stdin!/inner.zip!/big.bin"].SHA256)
	assert.True(t, m["stdin!/after.txt"].Complete)
	assert.Equal(t, sha(outer), rep.Package.SHA256)
	left, err := os.ReadDir(root)
	require.NoError(t, err)
	assert.Empty(t, left)
	t.Logf("%d MiB allocated for a stream of %d MiB", alloc>>20, len(outer)>>20)
	// Holding the stream would allocate at least its size; what the walk
	// itself allocates (pooled buffers a collection may empty, the tail
	// kept for trailing data, the zip's end record) varies from 6 to 9 MiB.
	maxAlloc := uint64(len(outer))
	if testenv.Race {
		maxAlloc = uint64(2 * len(outer)) // pooled buffers are often made anew
	}
	assert.Less(t, alloc, maxAlloc, "the stream is not held in memory")
}

// TestPartialHashes: an item stopped by a limit or by corrupt data lists
// no hash: a hash of its first bytes would pass for the file's own. The
// walk goes on, and the next item is hashed whole.
func TestPartialHashes(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte("0123456789abcdef"), 128<<10) // 2 MiB
	small := []byte("after the limit\n")
	zipData := must(t)(archivegen.Zip([]archivegen.File{{Name: "big.csv", Data: big}, {Name: "small.txt", Data: small}}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "p.zip", zipData, evidence.Options{Limits: limits(func(l *evidence.Limits) { l.MaxEntryBytes = 1 << 20 })})
	require.NoError(t, err)
	m := itemsByPath(rep)
	b := m["p.zip!/big.csv"]
	assert.Equal(t, []string{"limit_entry_bytes"}, codes(b.Problems))
	assert.False(t, b.Complete)
	assert.Positive(t, b.Size, "how far the read went")
	assert.Empty(t, b.MD5+b.SHA1+b.SHA256, "no hash of the part read")
	s := m["p.zip!/small.txt"]
	assert.True(t, s.Complete)
	assert.Equal(t, sha(small), s.SHA256)

	var js bytes.Buffer
	require.NoError(t, rep.WriteJSON(&js))
	validateReport(t, js.Bytes())
	var raw struct {
		Items []map[string]any `json:"items"`
	}
	require.NoError(t, json.Unmarshal(js.Bytes(), &raw))
	for _, it := range raw.Items {
		if it["path"] == "p.zip!/big.csv" {
			assert.Equal(t, "", it["sha256"])
			assert.Equal(t, false, it["complete"])
		}
	}
}

// TestLongNameItem: an item whose stored name is over 4,096 bytes has its
// path cut, a limit_name_bytes problem, and the SHA-256 of the whole name
// in name_sha256 instead of a raw_name of any length.
func TestLongNameItem(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("長い名前", 1000) + ".txt" // 12,004 bytes
	tarData := must(t)(archivegen.Tar([]archivegen.File{{Name: long, Data: []byte("x")}, {Name: "after.txt", Data: []byte("y")}}))
	rep, err := analyzeBytes(t, "n.tar", tarData, evidence.Options{})
	require.NoError(t, err)
	require.Len(t, rep.Items, 2)
	it := rep.Items[0]
	assert.LessOrEqual(t, len(it.Path), len("n.tar!/")+unpack.MaxNameBytes)
	assert.True(t, strings.HasPrefix(long, strings.TrimPrefix(it.Path, "n.tar!/")))
	assert.Equal(t, sha([]byte(long)), it.NameSHA256)
	assert.Empty(t, it.RawName)
	assert.Contains(t, codes(it.Problems), "limit_name_bytes")
	assert.Contains(t, evidence.ProblemCodes, "limit_name_bytes")
	assert.True(t, it.Complete)
	assert.Equal(t, "n.tar!/after.txt", rep.Items[1].Path)
	js, err := json.Marshal(it)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"name_sha256":"`+sha([]byte(long))+`"`)
}
