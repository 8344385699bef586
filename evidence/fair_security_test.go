package evidence_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// Issue 12, item 3: a walk that no bomb can starve. Content walked once is
// not walked again (duplicate_of), amplification is judged across nesting
// levels, and a nested archive that spends its share of the budgets stops
// alone. The costs asserted are bytes read, entries and bytes allocated,
// never time.

var fairInputs struct {
	sync.Once
	bombs, docs []archivegen.File
	err         error
}

// fairFiles returns the five bombs and 40 ordinary files, built once
// (the end-to-end test of the command has the 100).
func fairFiles(t testing.TB) (bombs, docs []archivegen.File) {
	fairInputs.Do(func() {
		if fairInputs.bombs, fairInputs.err = archivegen.Bombs(); fairInputs.err == nil {
			fairInputs.docs, fairInputs.err = archivegen.OrdinaryFiles(40)
		}
	})
	require.NoError(t, fairInputs.err)
	return fairInputs.bombs, fairInputs.docs
}

// fairMaxAlloc is an allocation bound n, with room in a race build for
// pooled buffers made anew (see testenv.Race).
func fairMaxAlloc(n uint64) uint64 {
	if testenv.Race {
		return 4 * n
	}
	return n
}

// fairItems indexes a report's items by path.
func fairItems(rep *evidence.Report) map[string]*evidence.Item {
	m := make(map[string]*evidence.Item, len(rep.Items))
	for i := range rep.Items {
		m[rep.Items[i].Path] = &rep.Items[i]
	}
	return m
}

// assertOrdinary checks that every ordinary file is triaged as if it were
// alone: read whole, its hash, its metadata and (but photos) its text, no
// problem.
func assertOrdinary(t *testing.T, items map[string]*evidence.Item, prefix string, docs []archivegen.File) {
	t.Helper()
	for _, d := range docs {
		it := items[prefix+d.Name]
		if !assert.NotNil(t, it, "%s is listed", d.Name) {
			continue
		}
		sum := sha256.Sum256(d.Data)
		assert.True(t, it.Complete, d.Name)
		assert.Equal(t, hex.EncodeToString(sum[:]), it.SHA256, d.Name)
		assert.Empty(t, it.Problems, d.Name)
		assert.Empty(t, it.DuplicateOf, d.Name)
		assert.NotEmpty(t, it.Metadata.Authors, "%s: metadata", d.Name)
		if !strings.HasSuffix(d.Name, ".jpg") {
			assert.NotEmpty(t, it.Text, "%s: text", d.Name)
		}
	}
}

// codesUnder lists the problem codes of the items under prefix (the
// archive's own included), with how many items have each.
func codesUnder(rep *evidence.Report, prefix string) map[string]int {
	codes := map[string]int{}
	for _, it := range rep.Items {
		if it.Path == prefix || strings.HasPrefix(it.Path, prefix+"!/") {
			for _, p := range it.Problems {
				codes[p.Code]++
			}
		}
	}
	return codes
}

// TestFairBombs is the test of issue 12: a 42.zip-style nest, a recursive
// copy bomb, an overlapping-entry bomb, a ratio bomb and a gzip quine,
// before and then after 40 ordinary documents, images and mails. Every
// ordinary item has its metadata and text, each bomb its problem, and
// the walk reads a few megabytes.
func TestFairBombs(t *testing.T) {
	bombs, docs := fairFiles(t)
	for _, order := range []string{"before", "after"} {
		t.Run(order, func(t *testing.T) {
			files := append(append([]archivegen.File{}, bombs...), docs...)
			if order == "after" {
				files = append(append([]archivegen.File{}, docs...), bombs...)
			}
			pack, err := archivegen.Zip(files, archivegen.ZipOptions{})
			require.NoError(t, err)
			var rep *evidence.Report
			alloc := testenv.Allocated(func() {
				rep, err = evidence.AnalyzeReaderAt(t.Context(), "pack.zip", bytes.NewReader(pack), int64(len(pack)),
					evidence.Options{TempDir: t.TempDir()})
			})
			require.NoError(t, err)
			items := fairItems(rep)
			assertOrdinary(t, items, "pack.zip!/", docs)

			// The nest: each level's copies are duplicates of the first,
			// and the first's leaves stop at the ratio limit, or before,
			// when what they come from across the levels earns them less.
			nest := codesUnder(rep, "pack.zip!/bombs/42.zip")
			assert.Positive(t, nest["limit_ratio"]+nest["limit_amplification"], "42.zip: %v", nest)
			dup := items["pack.zip!/bombs/42.zip!/level-2-2.zip"]
			require.NotNil(t, dup)
			assert.Equal(t, "pack.zip!/bombs/42.zip!/level-2-1.zip", dup.DuplicateOf)
			assert.Equal(t, "archive", dup.Kind)
			assert.NotEmpty(t, dup.SHA256, "a duplicate keeps its own hashes")

			// The copy bomb: one chain of copies is walked, the other
			// copies are duplicates, until the depth limit or the chain's
			// share of the amplification budget stops it (each level
			// deflates the one below nine to one: across the levels it
			// comes from almost nothing).
			assertCopyBomb(t, rep, "pack.zip!/bombs/copies.zip")

			assert.Positive(t, codesUnder(rep, "pack.zip!/bombs/overlap.zip")["overlapping_entries"], "overlap.zip")
			assert.Equal(t, map[string]int{"limit_ratio": 1}, codesUnder(rep, "pack.zip!/bombs/ratio.zip"), "ratio.zip")

			// The quine holds itself: recognised, not opened again.
			q := items["pack.zip!/bombs/q.gz!/"+archivegen.GzipQuineName]
			require.NotNil(t, q)
			assert.Equal(t, "pack.zip!/bombs/q.gz", q.DuplicateOf)
			assert.Equal(t, []string{evidence.ProblemRecursive}, problemCodesOf(q.Problems))
			assert.Nil(t, items["pack.zip!/bombs/q.gz!/"+archivegen.GzipQuineName+"!/"+archivegen.GzipQuineName])

			t.Logf("%s: %d items, %d archives, %d MiB read, %d entries, %d MiB allocated",
				order, len(rep.Items), rep.Stats.Archives, rep.Stats.Bytes>>20, rep.Stats.Entries, alloc>>20)
			assert.Less(t, rep.Stats.Bytes, int64(16<<20), "bytes read")
			assert.Less(t, rep.Stats.Entries, int64(450), "entries")
			assert.Less(t, rep.Stats.Archives, 24, "archives opened")
			assert.Less(t, alloc, fairMaxAlloc(96<<20), "bytes allocated")
		})
	}
}

// TestFairStarvation is repro r04 (b) at a smaller scale: a zip of unique
// 1 MiB entries of zeros, each under the ratio grace and none a
// duplicate, placed before 40 ordinary files. The bomb spends its share
// of the amplification budget (here 8 MiB) and stops with
// limit_amplification; the files after it are triaged whole.
func TestFairStarvation(t *testing.T) {
	_, docs := fairFiles(t)
	logs, err := archivegen.ZipUniqueZeros(400, 1<<20)
	require.NoError(t, err)
	pack, err := archivegen.Zip(append([]archivegen.File{{Name: "000_logs.zip", Data: logs, Store: true}}, docs...), archivegen.ZipOptions{})
	require.NoError(t, err)
	lim := evidence.Limits{}
	lim.MaxAmplifiedBytes = 8 << 20

	var rep *evidence.Report
	alloc := testenv.Allocated(func() {
		rep, err = evidence.AnalyzeReaderAt(t.Context(), "pack.zip", bytes.NewReader(pack), int64(len(pack)),
			evidence.Options{Limits: lim, TempDir: t.TempDir()})
	})
	require.NoError(t, err)
	items := fairItems(rep)
	assertOrdinary(t, items, "pack.zip!/", docs)
	bomb := items["pack.zip!/000_logs.zip"]
	require.NotNil(t, bomb)
	assert.Contains(t, problemCodesOf(bomb.Problems), "limit_amplification")
	t.Logf("%d items, %d MiB read, %d MiB allocated", len(rep.Items), rep.Stats.Bytes>>20, alloc>>20)
	// Half of the budget, the bytes the bomb's members earn (32 per
	// compressed byte, about 1 KiB each), the bomb and the documents.
	assert.Less(t, rep.Stats.Bytes, int64(8<<20), "bytes read")
	assert.Less(t, len(rep.Items), 120, "the bomb's walk ends with its share")
	assert.Less(t, alloc, fairMaxAlloc(48<<20), "bytes allocated")
}

// TestFairDuplicates: copies of a document are listed, typed and hashed,
// and point to the first; their metadata and text are not read again.
// Copies of an archive are not walked again. Empty files are never
// duplicates.
func TestFairDuplicates(t *testing.T) {
	_, docs := fairFiles(t)
	inner, err := archivegen.Zip(docs[:4], archivegen.ZipOptions{})
	require.NoError(t, err)
	files := []archivegen.File{
		{Name: "a/order.docx", Data: docs[0].Data},
		{Name: "b/order-copy.docx", Data: docs[0].Data},
		{Name: "a/inner.zip", Data: inner},
		{Name: "b/inner.zip", Data: inner},
		{Name: "a/empty.txt", Data: nil},
		{Name: "b/empty.txt", Data: nil},
	}
	pack, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	rep, err := evidence.AnalyzeReaderAt(t.Context(), "pack.zip", bytes.NewReader(pack), int64(len(pack)),
		evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err)
	items := fairItems(rep)

	first, copyOf := items["pack.zip!/a/order.docx"], items["pack.zip!/b/order-copy.docx"]
	require.NotNil(t, first)
	require.NotNil(t, copyOf)
	assert.Empty(t, first.DuplicateOf)
	assert.NotEmpty(t, first.Metadata.Authors)
	assert.Equal(t, "pack.zip!/a/order.docx", copyOf.DuplicateOf)
	assert.Equal(t, first.SHA256, copyOf.SHA256)
	assert.Equal(t, first.MIME, copyOf.MIME, "typed as the first")
	assert.True(t, copyOf.Metadata.IsZero(), "the first's metadata is not read again")
	assert.Empty(t, copyOf.Text)
	assert.Empty(t, copyOf.Problems)

	assert.Equal(t, "pack.zip!/a/inner.zip", items["pack.zip!/b/inner.zip"].DuplicateOf)
	assert.NotNil(t, items["pack.zip!/a/inner.zip!/"+docs[0].Name])
	assert.Nil(t, items["pack.zip!/b/inner.zip!/"+docs[0].Name], "a copy of an archive is not walked")
	assert.Equal(t, 2, rep.Stats.Archives, "the package and the first inner.zip")

	assert.Empty(t, items["pack.zip!/b/empty.txt"].DuplicateOf)
	assert.Empty(t, items["pack.zip!/b/inner.zip"].Problems, "a copy beside the first is no recursion")
}

// TestFairQuine: a gzip that holds itself, as the package: the copy two
// levels down is recognised (the package's own hash is read beside the
// walk, too late to compare), listed and not opened.
func TestFairQuine(t *testing.T) {
	q := archivegen.GzipQuine()
	rep, err := evidence.AnalyzeReaderAt(t.Context(), "q.gz", bytes.NewReader(q), int64(len(q)),
		evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err)
	require.Len(t, rep.Items, 2)
	inner := rep.Items[1]
	assert.Equal(t, "q.gz!/q.gz!/q.gz", inner.Path)
	assert.Equal(t, "q.gz!/q.gz", inner.DuplicateOf)
	assert.Equal(t, []string{evidence.ProblemRecursive}, problemCodesOf(inner.Problems))
	assert.Equal(t, rep.Package.SHA256, inner.SHA256, "the quine")
	assert.Equal(t, 2, rep.Stats.Archives)
}

// assertCopyBomb checks the walk of ZipRecursive(10, 9, …) at path.
func assertCopyBomb(t *testing.T, rep *evidence.Report, path string) {
	t.Helper()
	codes := codesUnder(rep, path)
	assert.NotEmpty(t, codes, "the copy bomb has its problem")
	for code := range codes {
		assert.Contains(t, []string{"limit_depth", "limit_amplification"}, code)
	}
	var items, dups int
	for _, it := range rep.Items {
		if strings.HasPrefix(it.Path, path+"!/") {
			items++
			if it.DuplicateOf != "" {
				dups++
			}
		}
	}
	assert.LessOrEqual(t, items, 9*8, "nine copies at each level opened")
	assert.GreaterOrEqual(t, dups, 8, "the copies of the first level at least")
	assert.Equal(t, path+"!/level-2-1.zip", fairItems(rep)[path+"!/level-2-9.zip"].DuplicateOf)
}

func problemCodesOf(ps []evidence.Problem) []string {
	var codes []string
	for _, p := range ps {
		codes = append(codes, p.Code)
	}
	return codes
}

// TestFairCopyBombBeside is the first measure: a recursive copy
// bomb (10 levels, nine copies of the same zip at each) beside 1,000
// ordinary files opened 14,266 archives and spent the whole byte budget,
// and every file after it got limit_total_bytes. Now its copies are
// duplicates: a few archives are opened. (200 files here.)
func TestFairCopyBombBeside(t *testing.T) {
	copies, err := archivegen.ZipRecursive(10, 9, 1<<10)
	require.NoError(t, err)
	files := []archivegen.File{{Name: "copies.zip", Data: copies, Store: true}}
	for i := range 200 {
		files = append(files, archivegen.File{Name: fmt.Sprintf("files/f%04d.txt", i), Data: fmt.Appendf(nil, "customer %d of Northwind Example Ltd.\n", i)})
	}
	pack, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	rep, err := evidence.AnalyzeReaderAt(t.Context(), "pack.zip", bytes.NewReader(pack), int64(len(pack)),
		evidence.Options{TempDir: t.TempDir(), SkipMetadata: true})
	require.NoError(t, err)
	var complete int
	for _, it := range rep.Items {
		if strings.HasPrefix(it.Path, "pack.zip!/files/") && it.Complete && len(it.Problems) == 0 {
			complete++
		}
	}
	assert.Equal(t, 200, complete)
	assertCopyBomb(t, rep, "pack.zip!/copies.zip")
	assert.LessOrEqual(t, rep.Stats.Archives, 9, "the package and at most one copy at each level down to the depth limit")
	assert.Less(t, rep.Stats.Bytes, int64(2<<20), "bytes read")
}
