package benchpack_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/benchpack"
	"github.com/proofpack/proofpack/internal/testenv"
)

func write(t *testing.T, opt benchpack.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := benchpack.Write(&b, opt)
	require.NoError(t, err)
	require.Equal(t, int64(b.Len()), n, "returned count is the bytes written")
	return b.Bytes()
}

// shared caches the packs several tests read: under the race detector a
// Write costs seconds whatever its size, most of it drawing the pack's
// screenshots.
var shared struct {
	sync.Mutex
	packs map[benchpack.Options]*sharedEntry
}

type sharedEntry struct {
	once sync.Once
	pack []byte
}

// sharedPack returns the pack of opt, written once for all the tests
// (packs of other options are written meanwhile by parallel tests).
func sharedPack(t *testing.T, opt benchpack.Options) []byte {
	t.Helper()
	shared.Lock()
	if shared.packs == nil {
		shared.packs = map[benchpack.Options]*sharedEntry{}
	}
	e := shared.packs[opt]
	if e == nil {
		e = &sharedEntry{}
		shared.packs[opt] = e
	}
	shared.Unlock()
	e.once.Do(func() { e.pack = write(t, opt) })
	require.NotNil(t, e.pack, "writing the pack of %+v failed in another test", opt)
	return e.pack
}

// mixed is the pack the content, triage and determinism tests share: at
// 6 MB it holds every kind of file, and a CSV export of more than two
// 1 MiB segments.
var mixed = benchpack.Options{Size: 6e6, Seed: 1}

func TestWriteSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		size  int64
		want  int64 // the size asked for after MinSize
		large bool  // only with PROOFPACK_GENERATE=1
	}{
		{"zero is MinSize", 0, benchpack.MinSize, false},
		{"below MinSize", 1000, benchpack.MinSize, false},
		{"1 MB", 1e6, 1e6, false},
		{"3 MB", 3e6, 3e6, true},
		{"6 MB", 6e6, 6e6, false},
		{"12 MB", 12e6, 12e6, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.large {
				testenv.Generate(t, "a pack of "+tt.name)
			}
			pack := sharedPack(t, benchpack.Options{Size: tt.size, Seed: 1})
			tol := max(tt.want/100, 64<<10)
			assert.InDelta(t, tt.want, len(pack), float64(tol))
			_, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
			require.NoError(t, err)
		})
	}
}

func TestWriteSeeds(t *testing.T) {
	testenv.Generate(t, "two more packs, to compare seeds")
	t.Parallel()
	a := sharedPack(t, benchpack.Options{Seed: 1})
	assert.Equal(t, sha256.Sum256(a), sha256.Sum256(sharedPack(t, benchpack.Options{Size: 1000, Seed: 1})),
		"the same pack for every size below MinSize")
	assert.NotEqual(t, sha256.Sum256(a), sha256.Sum256(sharedPack(t, benchpack.Options{Seed: 2})), "another seed, other bytes")
}

// TestWriteDeterministic writes the same 6 MB pack on one and on three
// cores (text is deflated on every core; the bytes must not depend on how
// many). It is not parallel: it changes GOMAXPROCS. In the ordinary run,
// TestTextFileIndependentOfCores checks the part of Write that uses the
// cores.
func TestWriteDeterministic(t *testing.T) {
	testenv.Generate(t, "a 6 MB pack on one and on three cores")
	sum := func(b []byte) [32]byte { return sha256.Sum256(b) }
	a := sum(sharedPack(t, mixed))
	for _, procs := range []int{1, 3} {
		old := runtime.GOMAXPROCS(procs)
		b := sum(write(t, mixed))
		runtime.GOMAXPROCS(old)
		assert.Equal(t, a, b, "GOMAXPROCS=%d", procs)
	}
}

// failWriter fails once more than limit bytes were written.
type failWriter struct{ n, limit int }

var errDiskFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errDiskFull
	}
	w.n += len(p)
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{0, 100, 50 << 10, 1 << 20} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			t.Parallel()
			n, err := benchpack.Write(&failWriter{limit: limit}, benchpack.Options{Size: 3e6})
			require.ErrorIs(t, err, benchpack.ErrWrite)
			require.ErrorIs(t, err, errDiskFull)
			assert.LessOrEqual(t, n, int64(limit))
		})
	}
}

// TestWriteContent opens every file of a pack, at every level, and checks
// it is what its name says.
func TestWriteContent(t *testing.T) {
	t.Parallel()
	pack := sharedPack(t, mixed)
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	require.NoError(t, err)
	seen := map[string]int{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		body := readZipFile(t, f)
		ext := strings.ToLower(filepath.Ext(f.Name))
		seen[ext]++
		t.Run(f.Name, func(t *testing.T) {
			checkFile(t, f.Name, body)
			switch ext {
			case ".jpg", ".png", ".zip", ".gz", ".docx":
				assert.Equal(t, zip.Store, f.Method, "files deflate cannot shrink are stored")
			case ".csv", ".txt", ".log", ".pdf":
				assert.Equal(t, zip.Deflate, f.Method)
			}
			switch ext {
			case ".zip":
				inner, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
				require.NoError(t, err)
				require.NotEmpty(t, inner.File)
				assert.Equal(t, ".jpg", filepath.Ext(inner.File[0].Name), "a nested zip starts with a photo")
				for _, g := range inner.File {
					checkFile(t, g.Name, readZipFile(t, g))
					seen["nested "+filepath.Ext(g.Name)]++
				}
			case ".gz":
				gz, err := gzip.NewReader(bytes.NewReader(body))
				require.NoError(t, err)
				tr := tar.NewReader(gz)
				for {
					h, err := tr.Next()
					if err == io.EOF {
						break
					}
					require.NoError(t, err)
					b, err := io.ReadAll(tr)
					require.NoError(t, err)
					checkFile(t, h.Name, b)
					seen["tar "+filepath.Ext(h.Name)]++
				}
			}
		})
	}
	for _, ext := range []string{".jpg", ".png", ".csv", ".txt", ".log", ".docx", ".pdf", ".zip", ".gz",
		"nested .jpg", "tar .eml"} {
		assert.Positive(t, seen[ext], "the pack holds %s files", ext)
	}
}

func readZipFile(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	require.NoError(t, err)
	defer rc.Close()
	b, err := io.ReadAll(rc) // archive/zip checks the CRC-32 at the end
	require.NoError(t, err, f.Name)
	require.Equal(t, f.UncompressedSize64, uint64(len(b)))
	return b
}

var pdfObject = regexp.MustCompile(`^\d+ 0 obj\n`)

// checkFile checks that a file's content matches its extension.
func checkFile(t *testing.T, name string, b []byte) {
	t.Helper()
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jpg", ".jpeg":
		require.True(t, bytes.HasPrefix(b, []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00")), "%s: JPEG SOI and APP0", name)
		assert.True(t, bytes.HasSuffix(b, []byte{0xFF, 0xD9}), "%s: JPEG EOI", name)
	case ".png":
		img, err := png.Decode(bytes.NewReader(b))
		require.NoError(t, err, name)
		assert.Positive(t, img.Bounds().Dx())
	case ".csv", ".txt", ".log", ".eml":
		assert.True(t, utf8.Valid(b), "%s: valid UTF-8", name)
		assert.True(t, bytes.HasSuffix(b, []byte("\n")), "%s: ends with a newline", name)
	case ".docx":
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		require.NoError(t, err, name)
		parts := map[string]bool{}
		for _, f := range zr.File {
			parts[f.Name] = true
			readZipFile(t, f)
		}
		for _, p := range []string{"[Content_Types].xml", "word/document.xml", "docProps/core.xml", "word/media/image1.jpeg"} {
			assert.True(t, parts[p], "%s holds %s", name, p)
		}
	case ".pdf":
		require.True(t, bytes.HasPrefix(b, []byte("%PDF-1.4\n")), name)
		require.True(t, bytes.HasSuffix(b, []byte("%%EOF\n")), name)
		checkXref(t, name, b)
	}
}

// checkXref checks that every offset of the cross-reference table points
// at the start of an object.
func checkXref(t *testing.T, name string, b []byte) {
	t.Helper()
	i := bytes.LastIndex(b, []byte("startxref\n"))
	require.Positive(t, i, name)
	tail := string(b[i+len("startxref\n"):])
	xref, err := strconv.Atoi(tail[:strings.IndexByte(tail, '\n')])
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(b[xref:], []byte("xref\n")), "%s: startxref points at the table", name)
	lines := strings.Split(string(b[xref:]), "\n")
	for _, l := range lines[3:] {
		if !strings.HasSuffix(l, " n ") {
			break
		}
		off, err := strconv.Atoi(l[:10])
		require.NoError(t, err)
		assert.Regexp(t, pdfObject, string(b[off:min(off+20, len(b))]), "%s: object at %d", name, off)
	}
}

// TestWriteTriage triages a small pack: every level is read without a
// problem and every kind of file is recognised.
func TestWriteTriage(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "pack.zip")
	require.NoError(t, os.WriteFile(path, sharedPack(t, mixed), 0o600))
	rep, err := evidence.Analyze(context.Background(), path, evidence.Options{})
	require.NoError(t, err)
	assert.Zero(t, rep.Stats.Problems)
	assert.Equal(t, 2, rep.Stats.MaxDepth, "nested zip and tar.gz members are walked")
	for _, kind := range []string{"image", "text", "spreadsheet", "document", "pdf", "email", "archive"} {
		assert.Positive(t, rep.Stats.ByKind[kind], "kind %s", kind)
	}
	for _, it := range rep.Items {
		assert.False(t, it.ExtMismatch, "%s: %s", it.Path, it.MIME)
		assert.True(t, it.Complete, it.Path)
	}
}

// TestWritePhotosEndAtEOI checks that a JPEG reader finds the end of
// every photo at its EOI: the scan data hold no marker, so the
// trailing-data check sees none, however many photos a pack holds.
func TestWritePhotosEndAtEOI(t *testing.T) {
	t.Parallel()
	pack := sharedPack(t, mixed)
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	require.NoError(t, err)
	photos := 0
	check := func(name string, b []byte) {
		scan := b[bytes.Index(b, []byte{0xFF, 0xDA}) : len(b)-2]
		sos := int(scan[2])<<8 | int(scan[3])
		assert.Equal(t, -1, bytes.IndexByte(scan[2+sos:], 0xFF), "%s: a 0xFF byte in the scan data", name)
		photos++
	}
	for _, f := range zr.File {
		switch filepath.Ext(f.Name) {
		case ".jpg":
			check(f.Name, readZipFile(t, f))
		case ".zip":
			body := readZipFile(t, f)
			inner, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
			require.NoError(t, err)
			for _, g := range inner.File {
				if filepath.Ext(g.Name) == ".jpg" {
					check(g.Name, readZipFile(t, g))
				}
			}
		}
	}
	assert.GreaterOrEqual(t, photos, 3, "top-level and nested photos")
}
