package unpack_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// hostileCase is one malicious archive and what a walk must report.
type hostileCase struct {
	name  string
	build func(t testing.TB) []byte
	check func(t *testing.T, got []*seen, err error)
}

// builtCases caches the archives of hostileCases: TestHostile and
// TestNothingWrittenOutside walk the same ones, and deflating the bombs'
// zeros takes seconds under the race detector.
var builtCases struct {
	sync.Mutex
	data map[string][]byte
}

// data returns the archive of tc, built once.
func (tc hostileCase) data(t testing.TB) []byte {
	builtCases.Lock()
	defer builtCases.Unlock()
	if b, ok := builtCases.data[tc.name]; ok {
		return b
	}
	b := tc.build(t)
	if builtCases.data == nil {
		builtCases.data = map[string][]byte{}
	}
	builtCases.data[tc.name] = b
	return b
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{"zip slip names", func(t testing.TB) []byte {
			var files []archivegen.File
			for _, n := range archivegen.ZipSlipNames() {
				files = append(files, archivegen.File{Name: n, Data: []byte("pwned")})
			}
			return must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
		}, func(t *testing.T, got []*seen, err error) {
			require.NoError(t, err)
			require.Len(t, got, len(archivegen.ZipSlipNames()))
			for _, e := range got {
				assert.True(t, hasProblem(e.Problems, unpack.ErrInsecurePath), "%q: %v", e.Name, e.Problems)
				assert.NotContains(t, e.Path, "\x00", "control characters never reach the display path")
			}
		}},
		{"tar slip and link escapes", func(t testing.TB) []byte {
			return must(t)(archivegen.TarLinkEscapes())
		}, func(t *testing.T, got []*seen, err error) {
			require.NoError(t, err)
			var links, paths int
			for _, e := range got {
				if hasProblem(e.Problems, unpack.ErrInsecureLink) {
					links++
				}
				if hasProblem(e.Problems, unpack.ErrInsecurePath) {
					paths++
				}
				if e.Type == unpack.TypeSymlink || e.Type == unpack.TypeHardlink {
					assert.Empty(t, e.Data, "links are never followed")
				}
			}
			assert.GreaterOrEqual(t, links, 3, "symlink, hardlink and directory symlink escapes")
			assert.GreaterOrEqual(t, paths, 3, "absolute, .. and through-symlink names")
			m := byPath(got)
			require.NotNil(t, m["pkg!/d/pwned"])
			assert.True(t, hasProblem(m["pkg!/d/pwned"].Problems, unpack.ErrInsecurePath), "a file under a symlinked directory")
		}},
		{"ratio bomb", func(t testing.TB) []byte {
			return must(t)(archivegen.ZipRatioBomb(16 << 20))
		}, func(t *testing.T, got []*seen, err error) {
			require.NoError(t, err)
			require.Len(t, got, 1)
			var le *unpack.LimitError
			require.ErrorAs(t, got[0].Err, &le)
			assert.Equal(t, unpack.LimitRatio, le.Limit)
			assert.Less(t, got[0].N, int64(8<<20), "stopped soon after the grace bytes, far from the 16 MiB")
		}},
		{"overlapping entries bomb", func(t testing.TB) []byte {
			return must(t)(archivegen.ZipOverlapBomb(200, 4<<20))
		}, func(t *testing.T, got []*seen, err error) {
			require.NoError(t, err)
			require.Len(t, got, 200)
			var overlapped int
			var total int64
			for _, e := range got {
				if hasProblem(e.Problems, unpack.ErrOverlap) {
					overlapped++
					assert.Zero(t, e.N, "overlapping entries are not read")
				}
				total += e.N
			}
			assert.GreaterOrEqual(t, overlapped, 199)
			assert.Less(t, total, int64(16<<20))
		}},
		{"recursive 42.zip style", func(t testing.TB) []byte {
			return must(t)(archivegen.ZipRecursive(5, 16, 8<<20))
		}, func(t *testing.T, got []*seen, err error) {
			// Stopped by the package ratio (or depth, entries, bytes):
			// whichever, far below the 16^5 * 8 MiB it would expand to.
			var limited bool
			var total int64
			for _, e := range got {
				total += e.N
				if errors.Is(e.Err, unpack.ErrLimit) || errors.Is(e.NestedErr, unpack.ErrLimit) {
					limited = true
				}
			}
			if errors.Is(err, unpack.ErrLimit) {
				limited = true
			}
			assert.True(t, limited)
			assert.Less(t, total, int64(256<<20))
		}},
		{"central directory lies about sizes", func(t testing.TB) []byte {
			return must(t)(archivegen.ZipLyingSizes())
		}, func(t *testing.T, got []*seen, err error) {
			require.NoError(t, err)
			m := map[string]*seen{}
			for _, e := range got {
				m[e.Name] = e
			}
			for _, name := range []string{"understated.bin", "overstated.bin"} {
				e := m[name]
				require.NotNil(t, e, name)
				assert.True(t, errors.Is(e.Err, unpack.ErrFormat) || errors.Is(e.Err, unpack.ErrSizeMismatch) ||
					errors.Is(e.Err, unpack.ErrTruncated), "%s: %v", name, e.Err)
				assert.LessOrEqual(t, e.N, int64(1<<20))
			}
		}},
		{"declared 4 GiB entry", func(t testing.TB) []byte {
			return must(t)(archivegen.ZipDeclaredHuge())
		}, func(t *testing.T, got []*seen, err error) {
			require.NoError(t, err)
			require.Len(t, got, 1)
			assert.LessOrEqual(t, got[0].N, int64(1<<20))
			assert.Error(t, got[0].Err, "the entry ends long before its declared size")
		}},
	}
}

func TestHostile(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data(t)
			got, err := walkAll(t, data, unpack.Options{TempDir: t.TempDir()})
			tc.check(t, got, err)
		})
	}
}

// TestNothingWrittenOutside walks every hostile archive with spools forced
// to disk and checks, by listing the file system around it, that nothing
// appeared outside the private temporary directory and that the directory
// is gone after Close.
func TestNothingWrittenOutside(t *testing.T) {
	root := t.TempDir()
	work := filepath.Join(root, "work")
	tmp := filepath.Join(root, "tmp")
	require.NoError(t, os.MkdirAll(filepath.Join(work, "a", "b", "c"), 0o755))
	require.NoError(t, os.MkdirAll(tmp, 0o700))
	t.Chdir(filepath.Join(work, "a", "b", "c")) // "../../x" would land in work/a
	before := listTree(t, root)
	cwdBefore := listTree(t, "/tmp")

	for _, tc := range hostileCases() {
		data := tc.data(t)
		w := unpack.NewWalker(unpack.Options{TempDir: tmp, Limits: unpack.Limits{MaxMemorySpool: 4096}})
		_, _ = walkWith(t.Context(), w, "pkg", data)
		require.NoError(t, w.Close())
	}
	assert.Equal(t, before, listTree(t, root), "the tree around the walk is unchanged")
	after := listTree(t, "/tmp")
	for _, p := range after {
		if !contains(cwdBefore, p) {
			assert.False(t, strings.Contains(p, "pwned") || strings.HasSuffix(p, "x.txt") || strings.HasSuffix(p, "z.txt"),
				"unexpected file %s", p)
		}
	}
}

func contains(list []string, s string) bool {
	i := sort.SearchStrings(list, s)
	return i < len(list) && list[i] == s
}

// listTree lists every path under dir, sorted.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		out = append(out, p)
		return nil
	})
	sort.Strings(out)
	return out
}

func TestTruncated(t *testing.T) {
	tar := must(t)(archivegen.Tar(sampleFiles))
	sevenZip, err := os.ReadFile(filepath.Join("..", "..", "testdata", "archives", "plain.7z"))
	require.NoError(t, err)
	formats := map[string][]byte{
		"zip":    must(t)(archivegen.Zip(sampleFiles, archivegen.ZipOptions{})),
		"zip64":  must(t)(archivegen.Zip(sampleFiles, archivegen.ZipOptions{Zip64: true})),
		"tar":    tar,
		"tar.gz": must(t)(archivegen.Gzip("", time.Time{}, tar)),
		"bz2":    must(t)(archivegen.Bzip2(tar)),
		"xz":     must(t)(archivegen.Xz(tar)),
		"rar":    must(t)(archivegen.Rar5(sampleFiles, "")),
		"7z":     sevenZip,
	}
	want := map[string][]byte{}
	for _, f := range sampleFiles {
		want[f.Name] = f.Data
	}
	for name, full := range formats {
		for _, cut := range []int{len(full) / 10, len(full) / 2, len(full) - 30, len(full) - 1} {
			t.Run(name, func(t *testing.T) {
				data := archivegen.Truncate(full, cut)
				if unpack.DetectFormat(data) == "" {
					return // cut inside the signature: not an archive any more
				}
				got, err := walkAll(t, data, unpack.Options{})
				if err != nil {
					assert.True(t, errors.Is(err, unpack.ErrTruncated) || errors.Is(err, unpack.ErrFormat),
						"cut at %d: %v", cut, err)
				}
				for _, e := range got {
					if e.Type == unpack.TypeFile && e.Err == nil {
						// Anything that reads cleanly is the real content.
						if d, ok := want[e.Name]; ok {
							assert.Equal(t, d, e.Data, "%s cut at %d", e.Name, cut)
						}
					}
				}
			})
		}
	}
}

// TestManyEmptyEntries walks a zip of 10^5 empty entries with an entry
// limit of 1000: the walk stops at the limit without reading the rest of
// the central directory (as archive/zip would, a record per entry).
// The same bound holds for the default limit and 10^6 entries; this size
// keeps the race detector's cost down.
func TestManyEmptyEntries(t *testing.T) {
	const limit = 1000
	data := must(t)(archivegen.ZipManyEmpty(100 * limit))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	w := unpack.NewWalker(unpack.Options{Limits: unpack.Limits{MaxEntries: limit}})
	defer w.Close()
	n := 0
	err := w.WalkReaderAt(t.Context(), unpack.Parent{Path: "pkg"}, unpack.FormatZip, bytes.NewReader(data), int64(len(data)),
		func(_ context.Context, e *unpack.Entry) error { n++; return nil })
	runtime.ReadMemStats(&after)
	var le *unpack.LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, unpack.LimitEntries, le.Limit)
	assert.Equal(t, limit, n)
	// archive/zip would hold a record per entry: about 30 MB for 10^5.
	// Capped at the entry limit, the whole walk allocates a fraction.
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d KiB allocated", alloc>>10)
	assert.Less(t, alloc, uint64(4<<20), "allocated %d KiB", alloc>>10)
}
