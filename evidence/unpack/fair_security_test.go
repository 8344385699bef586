package unpack_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// Issue 12, item 3: one bomb must not starve the rest of the package. A
// nested archive spends at most half of what its parent has left of the
// byte, entry and amplification budgets; an entry at most half of what its
// archive has left of the amplification budget. These tests place each
// bomb before ordinary files and check that the files are read whole,
// that the bomb has its problem, and what the walk cost: bytes read,
// entries seen and bytes allocated, never time.

// fairDocs are the ordinary files that follow (or precede) the bombs.
func fairDocs(n int) []archivegen.File {
	files := make([]archivegen.File, n)
	for i := range files {
		text := strings.Repeat(fmt.Sprintf("Order %04d for Example Trading Co., shipped to Yamada Taro.\n", i), 40)
		files[i] = archivegen.File{Name: fmt.Sprintf("evidence/memo_%03d.txt", i), Data: []byte(text)}
	}
	return files
}

// fairSeen is what a walk saw of one entry: no data is kept, so that the
// bytes allocated measure the walk.
type fairSeen struct {
	n         int64
	sum       [sha256.Size]byte
	err       error // reading the body
	nestedErr error // walking it as an archive
	problems  []error
}

// fairWalk walks data and every archive nested in it, as walkAll does but
// keeping only a hash of each body.
func fairWalk(t testing.TB, w *unpack.Walker, data []byte) (map[string]*fairSeen, error) {
	t.Helper()
	seen := map[string]*fairSeen{}
	var mu sync.Mutex
	buf := make([]byte, 64<<10)
	var visit unpack.VisitFunc
	visit = func(ctx context.Context, e *unpack.Entry) error {
		s := &fairSeen{problems: e.Problems}
		mu.Lock()
		seen[e.Path] = s
		mu.Unlock()
		if e.Type != unpack.TypeFile {
			return nil
		}
		h := sha256.New()
		prefix := make([]byte, unpack.SniffLen)
		n, err := io.ReadFull(e, prefix)
		prefix = prefix[:n]
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			s.err, s.n = err, int64(n)
			return nil
		}
		body := io.TeeReader(io.MultiReader(bytes.NewReader(prefix), e), h)
		if f := unpack.DetectFormat(prefix); f != "" {
			s.nestedErr = w.WalkStream(ctx, unpack.Parent{Path: e.Path, Depth: e.Depth}, f, body, visit)
		}
		m, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{body}, buf)
		s.n, s.err = int64(n)+m, err
		if f := unpack.DetectFormat(prefix); f != "" {
			s.n = -1 // read partly by the nested walk: not comparable
		}
		h.Sum(s.sum[:0])
		return ctx.Err()
	}
	err := w.WalkReaderAt(context.Background(), unpack.Parent{Path: "pkg"}, unpack.DetectFormat(data),
		bytes.NewReader(data), int64(len(data)), visit)
	return seen, err
}

// maxAlloc is an allocation bound n, with room in a race build for the
// pooled buffers (a spool chunk of 256 KiB per nested archive) made anew.
func maxAlloc(n uint64) uint64 {
	if testenv.Race {
		return 8 * n
	}
	return n
}

// must2 is must for builders of files.
func must2(t testing.TB) func([]archivegen.File, error) []archivegen.File {
	return func(f []archivegen.File, err error) []archivegen.File {
		t.Helper()
		require.NoError(t, err)
		return f
	}
}

// limitOf returns the name of the limit err reports, or "".
func limitOf(err error) string {
	var le *unpack.LimitError
	if errors.As(err, &le) {
		return le.Limit
	}
	return ""
}

// assertDocsWhole checks that every ordinary file was read whole.
func assertDocsWhole(t *testing.T, seen map[string]*fairSeen, prefix string, docs []archivegen.File) {
	t.Helper()
	for _, d := range docs {
		s := seen[prefix+d.Name]
		if !assert.NotNil(t, s, "%s was not listed", d.Name) {
			continue
		}
		assert.NoError(t, s.err, d.Name)
		assert.Equal(t, sha256.Sum256(d.Data), s.sum, "%s read whole", d.Name)
	}
}

// TestFairFlatBombNested is repro r04 (b): a nested zip of unique 1 MiB
// entries of zeros, each under the ratio grace, before 100 documents. The
// nested zip may amplify half of the budget (here 16 MiB, so that the test
// reads little), then stops with limit_amplification; the documents after
// it are read whole.
func TestFairFlatBombNested(t *testing.T) {
	logs := must(t)(archivegen.ZipUniqueZeros(400, 1<<20))
	docs := fairDocs(100)
	pack := must(t)(archivegen.Zip(append([]archivegen.File{{Name: "000_logs.zip", Data: logs, Store: true}}, docs...), archivegen.ZipOptions{}))
	lim := unpack.Limits{MaxAmplifiedBytes: 16 << 20}

	var seen map[string]*fairSeen
	var err error
	w := unpack.NewWalker(unpack.Options{Limits: lim, TempDir: t.TempDir()})
	defer w.Close()
	alloc := testenv.Allocated(func() { seen, err = fairWalk(t, w, pack) })
	require.NoError(t, err)
	assertDocsWhole(t, seen, "pkg!/", docs)
	bomb := seen["pkg!/000_logs.zip"]
	require.NotNil(t, bomb)
	assert.Equal(t, unpack.LimitAmplification, limitOf(bomb.nestedErr), "the bomb stops alone: %v", bomb.nestedErr)
	var cut int
	for path, s := range seen {
		if strings.HasPrefix(path, "pkg!/000_logs.zip!/") && s.err != nil {
			assert.Equal(t, unpack.LimitAmplification, limitOf(s.err), path)
			cut++
		}
	}
	// Entries are read whole while half of what is left covers them, then
	// cut at half; once what is left is spent, the walk of the bomb ends.
	assert.Positive(t, cut)
	assert.Less(t, w.Entries(), int64(200), "entries listed")
	// Half of the 16 MiB budget, the free bytes of the package bytes the
	// bomb's entries come from (32 per byte), the bomb's own bytes and the
	// documents'.
	t.Logf("%d MiB read, %d entries, %d KiB allocated", w.TotalBytes()>>20, w.Entries(), alloc>>10)
	assert.Less(t, w.TotalBytes(), int64(10<<20), "bytes read")
	assert.Less(t, alloc, maxAlloc(8<<20), "bytes allocated")
}

// TestFairFlatBombRoot is the same bomb in the package itself: each of its
// entries may amplify half of what the package has left, so the budget
// runs out, but the documents, which yield no more than they weigh, need
// none of it and are read whole. Each entry of the bomb past the budget is
// cut after the few bytes its own compressed bytes earn.
func TestFairFlatBombRoot(t *testing.T) {
	docs := fairDocs(50)
	pack := must(t)(archivegen.ZipUniqueZeros(200, 1<<20, docs...))
	lim := unpack.Limits{MaxAmplifiedBytes: 8 << 20}

	w := unpack.NewWalker(unpack.Options{Limits: lim, TempDir: t.TempDir()})
	defer w.Close()
	seen, err := fairWalk(t, w, pack)
	require.NoError(t, err)
	assertDocsWhole(t, seen, "pkg!/", docs)
	var cut int
	for path, s := range seen {
		if strings.HasPrefix(path, "pkg!/logs/") && s.err != nil {
			assert.Equal(t, unpack.LimitAmplification, limitOf(s.err), path)
			cut++
		}
	}
	assert.Greater(t, cut, 175, "entries of the bomb past the budget are cut")
	t.Logf("%d MiB read, %d cut", w.TotalBytes()>>20, cut)
	// 8 MiB of amplification, and 32 bytes per compressed byte of each
	// of the 200 entries (about 1 KiB each).
	assert.Less(t, w.TotalBytes(), int64(8<<20+200*40<<10), "bytes read")
}

// TestFairNestedAmplification: the bomb of TestFairFlatBombNested deflated
// once more, so that its zip entry, at about 40 to one, passes the ratio
// limit, and each of its members, at 1000 to one, stays under the ratio
// grace. Judged across the two levels, the members come from almost no
// package bytes: all they yield is amplification.
func TestFairNestedAmplification(t *testing.T) {
	logs := must(t)(archivegen.ZipUniqueZeros(400, 1<<20))
	docs := fairDocs(20)
	pack := must(t)(archivegen.Zip(append([]archivegen.File{{Name: "000_logs.zip", Data: logs}}, docs...), archivegen.ZipOptions{}))
	lim := unpack.Limits{MaxAmplifiedBytes: 16 << 20}

	w := unpack.NewWalker(unpack.Options{Limits: lim, TempDir: t.TempDir()})
	defer w.Close()
	seen, err := fairWalk(t, w, pack)
	require.NoError(t, err)
	assertDocsWhole(t, seen, "pkg!/", docs)
	bomb := seen["pkg!/000_logs.zip"]
	require.NotNil(t, bomb)
	assert.NoError(t, bomb.err, "the zip entry itself stays under the ratio limit")
	assert.Equal(t, unpack.LimitAmplification, limitOf(bomb.nestedErr), "%v", bomb.nestedErr)
	t.Logf("%d MiB read", w.TotalBytes()>>20)
	assert.Less(t, w.TotalBytes(), int64(10<<20), "bytes read")
}

// TestFairEntries: a nested zip of many empty entries takes at most half
// of the entries its parent has left once the parent's members still to
// come are set aside; the files after it are listed and read.
func TestFairEntries(t *testing.T) {
	many := must(t)(archivegen.ZipManyEmpty(2000))
	docs := fairDocs(50)
	pack := must(t)(archivegen.Zip(append([]archivegen.File{{Name: "many.zip", Data: many}}, docs...), archivegen.ZipOptions{}))
	const maxEntries = 600

	w := unpack.NewWalker(unpack.Options{Limits: unpack.Limits{MaxEntries: maxEntries}, TempDir: t.TempDir()})
	defer w.Close()
	seen, err := fairWalk(t, w, pack)
	require.NoError(t, err)
	assertDocsWhole(t, seen, "pkg!/", docs)
	bomb := seen["pkg!/many.zip"]
	require.NotNil(t, bomb)
	assert.Equal(t, unpack.LimitEntries, limitOf(bomb.nestedErr), "%v", bomb.nestedErr)
	// many.zip is the first of 51 members: (600 - 1 - 50) / 2.
	assert.Equal(t, int64(1+(maxEntries-1-50)/2+50), w.Entries())
}

// TestFairBytes: a nested zip that would read all the bytes left reads
// half of them, and the files after it are read with the other half.
func TestFairBytes(t *testing.T) {
	blob := make([]byte, 3<<20)
	for i := range blob {
		blob[i] = byte(i*7919>>8 ^ i)
	}
	big := must(t)(archivegen.Zip([]archivegen.File{{Name: "a.bin", Data: blob, Store: true}, {Name: "b.bin", Data: blob, Store: true}}, archivegen.ZipOptions{}))
	docs := fairDocs(50)
	pack := must(t)(archivegen.Zip(append([]archivegen.File{{Name: "big.zip", Data: big, Store: true}}, docs...), archivegen.ZipOptions{}))
	lim := unpack.Limits{MaxTotalBytes: 8 << 20}

	w := unpack.NewWalker(unpack.Options{Limits: lim, TempDir: t.TempDir()})
	defer w.Close()
	seen, err := fairWalk(t, w, pack)
	require.NoError(t, err)
	assertDocsWhole(t, seen, "pkg!/", docs)
	a := seen["pkg!/big.zip!/a.bin"]
	require.NotNil(t, a)
	// big.zip itself is 6 MiB of the 8; its members may read half of the
	// other 2.
	assert.Equal(t, unpack.LimitTotalBytes, limitOf(a.err), "%v", a.err)
	assert.Equal(t, unpack.LimitTotalBytes, limitOf(seen["pkg!/big.zip"].nestedErr))
	assert.Nil(t, seen["pkg!/big.zip!/b.bin"], "the bomb's walk ends with its share")
	assert.LessOrEqual(t, w.TotalBytes(), lim.MaxTotalBytes)
}

// TestFairBombs walks the five bombs of the test (a 42.zip-style
// nest, a recursive copy bomb, an overlapping-entry bomb, a ratio bomb
// and a gzip quine) before, then after, 40 files. The walker does not
// recognise content it has walked (package evidence does), so the copies
// and the quine are bounded here by the shares alone, of a budget of
// 4 MiB so that the test reads little.
func TestFairBombs(t *testing.T) {
	bombs := must2(t)(archivegen.Bombs())
	docs := fairDocs(40)
	lim := unpack.Limits{MaxAmplifiedBytes: 4 << 20}
	for _, order := range []string{"before", "after"} {
		t.Run(order, func(t *testing.T) {
			files := append(append([]archivegen.File{}, bombs...), docs...)
			if order == "after" {
				files = append(append([]archivegen.File{}, docs...), bombs...)
			}
			pack := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
			w := unpack.NewWalker(unpack.Options{Limits: lim, TempDir: t.TempDir()})
			defer w.Close()
			var seen map[string]*fairSeen
			var err error
			alloc := testenv.Allocated(func() { seen, err = fairWalk(t, w, pack) })
			require.NoError(t, err)
			assertDocsWhole(t, seen, "pkg!/", docs)
			t.Logf("%s: %d MiB read, %d entries, %d MiB allocated", order, w.TotalBytes()>>20, w.Entries(), alloc>>20)
			// The bombs share the 4 MiB, and the free bytes of the
			// package bytes they come from.
			assert.Less(t, w.TotalBytes(), int64(8<<20), "bytes read")
			assert.Less(t, w.Entries(), int64(1_500), "entries")
			assert.Less(t, alloc, maxAlloc(24<<20), "bytes allocated")
		})
	}
}
