package evidence_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

var update = flag.Bool("update", false, "rewrite the golden report in testdata")

const samplePath = "../testdata/sample/fujitsu-proofpack.zip"

func must(t testing.TB) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		require.NoError(t, err)
		return b
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func itemsByPath(rep *evidence.Report) map[string]evidence.Item {
	m := map[string]evidence.Item{}
	for _, it := range rep.Items {
		m[it.Path] = it
	}
	return m
}

func analyzeBytes(t *testing.T, name string, data []byte, opts evidence.Options) (*evidence.Report, error) {
	t.Helper()
	if opts.TempDir == "" {
		opts.TempDir = t.TempDir()
	}
	return evidence.AnalyzeReaderAt(t.Context(), name, bytes.NewReader(data), int64(len(data)), opts)
}

// TestSamplePackage checks the report of the bundled sample against an
// independent reading of the same zip with archive/zip.
func TestSamplePackage(t *testing.T) {
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	rep, err := evidence.Analyze(t.Context(), samplePath, evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err)

	assert.Equal(t, "fujitsu-proofpack.zip", rep.Package.Name)
	assert.Equal(t, int64(len(data)), rep.Package.Size)
	assert.Equal(t, sha(data), rep.Package.SHA256)
	assert.Equal(t, "zip", rep.Package.Format)
	assert.Empty(t, rep.Problems)

	// Every first-level member, hashed independently.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	items := itemsByPath(rep)
	var nested []byte
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		content, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		it, ok := items["fujitsu-proofpack.zip!/"+f.Name]
		for _, cand := range rep.Items {
			if !ok && cand.Depth == 1 && bytes.Equal(cand.RawName, []byte(f.Name)) {
				it, ok = cand, true // a CP932 name: matched by its stored bytes
			}
		}
		require.True(t, ok, "no item for %q", f.Name)
		assert.Equal(t, sha(content), it.SHA256, f.Name)
		assert.Equal(t, int64(len(content)), it.Size, f.Name)
		assert.True(t, it.Complete, f.Name)
		if strings.HasSuffix(f.Name, "old_share.zip") {
			nested = content
		}
	}

	const root = "fujitsu-proofpack.zip!/FJ_sample/"
	for _, tt := range []struct {
		path, mime, kind string
		mismatch         bool
	}{
		{"screenshots/portal_top.png", "image/png", "image", false},
		{"screenshots/fileserver.jpg", "image/jpeg", "image", false},
		{"screenshots/status.jpg", "image/png", "image", true},
		{"docs/発注書_FJ-2021-0412.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document", false},
		{"docs/保守契約一覧.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet", false},
		{"docs/system_overview.pdf", "application/pdf", "pdf", false},
		{"docs/invoice.pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document", true},
		{"mail/RE_保守契約の更新について.eml", "message/rfc822", "email", false},
		{"data/customers_export.csv", "text/csv", "spreadsheet", false},
		{"backup/old_share.zip", "application/zip", "archive", false},
	} {
		it, ok := items[root+tt.path]
		require.True(t, ok, tt.path)
		assert.Equal(t, tt.mime, it.MIME, tt.path)
		assert.Equal(t, tt.kind, it.Kind, tt.path)
		assert.Equal(t, tt.mismatch, it.ExtMismatch, tt.path)
		assert.Equal(t, 1, it.Depth)
		assert.Equal(t, "zip", it.Container)
		assert.Regexp(t, `^2021-0[3-6]-\d\dT\d\d:\d\d:\d\d\+09:00$`, it.Modified, tt.path)
	}

	cp := items[root+"営業本部/受注一覧.txt"]
	assert.Equal(t, "cp932", cp.NameEncoding)
	assert.NotEmpty(t, cp.RawName)
	assert.NotEqual(t, []byte("FJ_sample/営業本部/受注一覧.txt"), cp.RawName)
	assert.Equal(t, "shift_jis", cp.Charset)

	// Two levels further down: zip → tar.gz → files, hashed from an
	// independent extraction.
	require.NotNil(t, nested)
	nzr, err := zip.NewReader(bytes.NewReader(nested), int64(len(nested)))
	require.NoError(t, err)
	require.Len(t, nzr.File, 1)
	tgz := items[root+"backup/old_share.zip!/old_share.tar.gz"]
	assert.Equal(t, 2, tgz.Depth)
	assert.Equal(t, "archive", tgz.Kind)
	hosts := items[root+"backup/old_share.zip!/old_share.tar.gz!/share/hosts"]
	assert.Equal(t, 3, hosts.Depth)
	assert.Equal(t, "gzip", hosts.Container)
	assert.Equal(t, "text/plain", hosts.MIME)
	assert.Equal(t, 3, rep.Stats.MaxDepth)
	assert.Equal(t, len(rep.Items), rep.Stats.Items)
	assert.Equal(t, 3, rep.Stats.Archives)
}

func TestGoldenReport(t *testing.T) {
	rep, err := evidence.Analyze(t.Context(), samplePath, evidence.Options{TempDir: t.TempDir(), Now: fixedNow})
	require.NoError(t, err)
	rep.Stats.DurationMS = 0
	got, err := json.MarshalIndent(rep, "", "  ")
	require.NoError(t, err)
	validateReport(t, got)
	golden := filepath.Join("testdata", "sample-report.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, append(got, '\n'), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./evidence -run TestGoldenReport -update to create it")
	assert.JSONEq(t, string(want), string(got))
}

// TestJSONContract checks that every section exists and empty ones are
// arrays, not null.
func TestJSONContract(t *testing.T) {
	rep, err := analyzeBytes(t, "one.txt", []byte("hello"), evidence.Options{})
	require.NoError(t, err)
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	validateReport(t, b)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	for _, k := range []string{"schema_version", "tool", "package", "items", "attribution", "claim", "problems", "stats", "limits"} {
		assert.Contains(t, m, k)
	}
	attr := m["attribution"].(map[string]any)
	assert.IsType(t, []any{}, attr["ranking"])
	assert.IsType(t, []any{}, attr["candidates"])
	assert.IsType(t, []any{}, m["problems"])
	items := m["items"].([]any)
	require.Len(t, items, 1)
	it := items[0].(map[string]any)
	for _, k := range []string{"path", "name_encoding", "size", "md5", "sha1", "sha256", "mime", "kind",
		"declared_ext", "ext_mismatch", "modified", "metadata", "text_source", "text", "ocr", "problems"} {
		assert.Contains(t, it, k)
	}
	assert.IsType(t, []any{}, it["problems"])
	assert.Equal(t, "one.txt", it["path"])
	assert.Equal(t, float64(0), it["depth"])
	assert.Equal(t, "txt", it["declared_ext"])
	for _, code := range evidence.ProblemCodes {
		assert.Regexp(t, `^[a-z_]+$`, code)
	}
}

func TestSingleFilePackage(t *testing.T) {
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	rep, err := analyzeBytes(t, "report.pdf", pdf, evidence.Options{})
	require.NoError(t, err)
	require.Len(t, rep.Items, 1)
	it := rep.Items[0]
	assert.Equal(t, "report.pdf", it.Path)
	assert.Equal(t, "application/pdf", it.MIME)
	assert.Equal(t, sha(pdf), it.SHA256)
	assert.Equal(t, sha(pdf), rep.Package.SHA256)
	assert.Empty(t, rep.Package.Format)
}

func TestHostileProblems(t *testing.T) {
	slip := must(t)(archivegen.Zip([]archivegen.File{{Name: "../../evil.txt", Data: []byte("x")}}, archivegen.ZipOptions{}))
	enc := must(t)(archivegen.Zip([]archivegen.File{{Name: "a.txt", Data: []byte("secret")}},
		archivegen.ZipOptions{Encryption: archivegen.ZipCrypto, Password: "infected"}))
	tests := []struct {
		name string
		data []byte
		opts evidence.Options
		code string
	}{
		{"zip slip", slip, evidence.Options{}, evidence.ProblemInsecurePath},
		{"links", must(t)(archivegen.TarLinkEscapes()), evidence.Options{}, evidence.ProblemInsecureLink},
		{"ratio bomb", must(t)(archivegen.ZipRatioBomb(8 << 20)), evidence.Options{}, "limit_ratio"}, // stops after the 1 MiB grace
		{"overlap bomb", must(t)(archivegen.ZipOverlapBomb(20, 1<<20)), evidence.Options{}, evidence.ProblemOverlap},
		{"encrypted", enc, evidence.Options{}, evidence.ProblemEncrypted},
		{"wrong password", enc, evidence.Options{Password: "nope"}, evidence.ProblemWrongPassword},
		{"lying sizes", must(t)(archivegen.ZipLyingSizes()), evidence.Options{}, evidence.ProblemCorrupt},
		{"entry limit", must(t)(archivegen.ZipManyEmpty(500)), evidence.Options{Limits: limits(func(l *evidence.Limits) { l.MaxEntries = 100 })}, "limit_entries"},
		{"entry bytes", must(t)(archivegen.ZipRatioBomb(4 << 20)), evidence.Options{Limits: limits(func(l *evidence.Limits) { l.MaxEntryBytes = 1 << 20 })}, "limit_entry_bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := analyzeBytes(t, "pkg.bin", tt.data, tt.opts)
			require.NoError(t, err)
			var codes []string
			for _, p := range rep.Problems {
				codes = append(codes, p.Code)
			}
			for _, it := range rep.Items {
				for _, p := range it.Problems {
					codes = append(codes, p.Code)
				}
			}
			assert.Contains(t, codes, tt.code)
			assert.Equal(t, len(codes), rep.Stats.Problems)
		})
	}
}

func limits(f func(*evidence.Limits)) evidence.Limits {
	var l evidence.Limits
	f(&l)
	return l
}

func TestPasswordReadsEncryptedEntries(t *testing.T) {
	content := []byte("internal use only\n")
	for _, enc := range []archivegen.ZipEncryption{archivegen.ZipCrypto, archivegen.AES256} {
		data := must(t)(archivegen.Zip([]archivegen.File{{Name: "a.txt", Data: content}},
			archivegen.ZipOptions{Encryption: enc, Password: "infected"}))
		locked, err := analyzeBytes(t, "p.zip", data, evidence.Options{})
		require.NoError(t, err)
		require.Len(t, locked.Items, 1)
		assert.Empty(t, locked.Items[0].SHA256, "no hash of data that could not be read")
		assert.False(t, locked.Items[0].Complete)

		rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{Password: "infected"})
		require.NoError(t, err)
		require.Len(t, rep.Items, 1)
		assert.True(t, rep.Items[0].Encrypted)
		assert.Equal(t, sha(content), rep.Items[0].SHA256)
		assert.Empty(t, rep.Items[0].Problems)
	}
}

func TestErrors(t *testing.T) {
	_, err := evidence.Analyze(t.Context(), filepath.Join(t.TempDir(), "missing.zip"), evidence.Options{})
	assert.ErrorIs(t, err, evidence.ErrOpen)
	_, err = evidence.Analyze(t.Context(), t.TempDir(), evidence.Options{})
	assert.ErrorIs(t, err, evidence.ErrOpen)

	sevenZip, err := os.ReadFile("../testdata/archives/plain.7z")
	require.NoError(t, err)
	rep, err := analyzeBytes(t, "cut.7z", archivegen.Truncate(sevenZip, 40), evidence.Options{})
	assert.ErrorIs(t, err, evidence.ErrUnreadable)
	require.NotNil(t, rep, "a report comes with ErrUnreadable")
	require.NotEmpty(t, rep.Problems)
	assert.Equal(t, evidence.ProblemTruncated, rep.Problems[0].Code)
	assert.NotEmpty(t, rep.Package.SHA256)
}

// TestTruncatedZipRecovered: a zip cut before its central directory still
// gives its entries, read from their local headers, and says it is cut.
func TestTruncatedZipRecovered(t *testing.T) {
	content := bytes.Repeat([]byte("a"), 5000)
	zipData := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "a.txt", Data: content},
		{Name: "b.txt", Data: content},
	}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "cut.zip", archivegen.Truncate(zipData, len(zipData)-40), evidence.Options{})
	require.NoError(t, err)
	require.Len(t, rep.Items, 2)
	for _, it := range rep.Items {
		assert.Equal(t, sha(content), it.SHA256)
		assert.True(t, it.Complete)
	}
	require.Len(t, rep.Problems, 1)
	assert.Equal(t, evidence.ProblemTruncated, rep.Problems[0].Code)
	assert.Contains(t, rep.Problems[0].Detail, "2 entries recovered")
}

func TestCancel(t *testing.T) {
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	n := 0
	rep, err := evidence.AnalyzeReaderAt(ctx, "s.zip", bytes.NewReader(data), int64(len(data)), evidence.Options{
		TempDir: t.TempDir(),
		Progress: func(evidence.Progress) {
			n++
			if n == 2 {
				cancel()
			}
		},
	})
	assert.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, rep)
	assert.Less(t, len(rep.Items), 17, "stopped early with a partial report")
	assert.Equal(t, evidence.ProblemCanceled, rep.Problems[len(rep.Problems)-1].Code)
}

func TestSpoolToDiskKeepsHashes(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	inner := must(t)(archivegen.Zip([]archivegen.File{{Name: "big.bin", Data: big, Store: true}}, archivegen.ZipOptions{}))
	outer := must(t)(archivegen.Zip([]archivegen.File{{Name: "inner.zip", Data: inner, Store: true}}, archivegen.ZipOptions{}))
	root := t.TempDir()
	rep, err := analyzeBytes(t, "o.zip", outer, evidence.Options{TempDir: root,
		Limits: limits(func(l *evidence.Limits) { l.MaxMemorySpool = 64 << 10 })})
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Stats.SpooledToDisk)
	m := itemsByPath(rep)
	assert.Equal(t, sha(inner), m["o.zip!/inner.zip"].SHA256)
	assert.Equal(t, sha(big), m["o.zip!/inner.zip!/big.bin"].SHA256)
	left, err := os.ReadDir(root)
	require.NoError(t, err)
	assert.Empty(t, left, "the private temporary directory is removed")
}

// TestBuildsWithoutCgo proves that users who only unpack and identify do
// not need a C toolchain: everything under evidence/ builds with
// CGO_ENABLED=0.
func TestBuildsWithoutCgo(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not on PATH")
	}
	cmd := exec.CommandContext(t.Context(), goTool, "list", "-deps", "-f", "{{if .CgoFiles}}{{.ImportPath}}{{end}}", "./...")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Empty(t, strings.TrimSpace(string(out)), "packages needing cgo")
}

func TestDeadline(t *testing.T) {
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	rep, err := analyzeBytes(t, "s.zip", data, evidence.Options{Limits: limits(func(l *evidence.Limits) { l.MaxDuration = time.Nanosecond })})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Problems)
	assert.Equal(t, "limit_duration", rep.Problems[0].Code)
}

// TestDocxFirstDoesNotHideArchive: a zip written with data descriptors
// whose first member is a stored docx looks like a docx from its prefix.
// It must still be walked, and its other members listed.
func TestDocxFirstDoesNotHideArchive(t *testing.T) {
	docx := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "[Content_Types].xml", Data: []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)},
		{Name: "word/document.xml", Data: []byte(`<w:document/>`)},
	}, archivegen.ZipOptions{}))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name   string
		data   []byte
		method uint16
	}{{"a.docx", docx, zip.Store}, {"secret.txt", []byte("the real payload"), zip.Deflate}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: f.method})
		require.NoError(t, err)
		_, err = w.Write(f.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())

	for _, nested := range []bool{false, true} {
		data, name := buf.Bytes(), "outer.zip"
		if nested {
			data = must(t)(archivegen.Zip([]archivegen.File{{Name: "outer.zip", Data: buf.Bytes(), Store: true}}, archivegen.ZipOptions{}))
			name = "pack.zip"
		}
		rep, err := analyzeBytes(t, name, data, evidence.Options{})
		require.NoError(t, err)
		var found bool
		for _, it := range rep.Items {
			if strings.HasSuffix(it.Path, "secret.txt") {
				found = true
				assert.Equal(t, sha([]byte("the real payload")), it.SHA256)
			}
			if strings.HasSuffix(it.Path, "a.docx") {
				assert.Equal(t, "document", it.Kind)
			}
		}
		assert.True(t, found, "nested=%v: secret.txt hidden; items %v", nested, rep.Items)
	}
}

// TestWriteJSONMatchesMarshal keeps the streaming writer in step with the
// Report struct: both must give the same document.
func TestWriteJSONMatchesMarshal(t *testing.T) {
	for _, path := range []string{samplePath, "../testdata/archives/plain.7z"} {
		rep, err := evidence.Analyze(t.Context(), path, evidence.Options{TempDir: t.TempDir()})
		require.NoError(t, err)
		want, err := json.Marshal(rep)
		require.NoError(t, err)
		var got bytes.Buffer
		require.NoError(t, rep.WriteJSON(&got))
		assert.True(t, json.Valid(got.Bytes()))
		assert.JSONEq(t, string(want), got.String())
		validateReport(t, got.Bytes())
	}
	var empty evidence.Report
	var got bytes.Buffer
	require.NoError(t, empty.WriteJSON(&got))
	assert.True(t, json.Valid(got.Bytes()), got.String())
}

// zeroTar is a virtual tar holding one entry of n zero bytes: a large
// package that costs no disk or memory.
type zeroTar struct {
	hdr []byte
	n   int64
}

func newZeroTar(t *testing.T, n int64) *zeroTar {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: "disk.img", Mode: 0o644, Size: n, Typeflag: tar.TypeReg}))
	return &zeroTar{hdr: buf.Bytes(), n: n}
}

func (z *zeroTar) size() int64 { return int64(len(z.hdr)) + z.n + 1024 } // data, then two zero blocks (n is a multiple of 512)

func (z *zeroTar) ReadAt(p []byte, off int64) (int, error) {
	if off >= z.size() {
		return 0, io.EOF
	}
	n := 0
	if off < int64(len(z.hdr)) {
		n = copy(p, z.hdr[off:])
	}
	rest := p[n:]
	if room := z.size() - off - int64(n); int64(len(rest)) > room {
		rest = rest[:room]
	}
	clear(rest)
	n += len(rest)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// cancelingReaderAt reads from r and calls cancel once at bytes were
// read. Reads past at+limit fail, so that a reader that does not stop
// ends the test instead of reading 64 GiB.
type cancelingReaderAt struct {
	r          io.ReaderAt
	at, limit  int64
	cancel     func()
	read       atomic.Int64
	overLimit  atomic.Bool
	cancelOnce sync.Once
}

func (c *cancelingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if c.read.Load() > c.at+c.limit {
		c.overLimit.Store(true)
		return 0, errors.New("test: read on long after the cancellation")
	}
	n, err := c.r.ReadAt(p, off)
	if c.read.Add(int64(n)) >= c.at {
		c.cancelOnce.Do(c.cancel)
	}
	return n, err
}

// TestCancelIsPrompt cancels the triage of a 64 GiB package once 64 MiB
// were read, and expects Analyze back having read little more, package
// hashing included: each reader checks the context between chunks.
func TestCancelIsPrompt(t *testing.T) {
	z := newZeroTar(t, 64<<30)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	r := &cancelingReaderAt{r: z, at: 64 << 20, limit: 256 << 20, cancel: cancel}
	rep, err := evidence.AnalyzeReaderAt(ctx, "big.tar", r, z.size(), evidence.Options{TempDir: t.TempDir()})
	assert.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, rep)
	assert.False(t, r.overLimit.Load(), "reading went on after the cancellation")
	t.Logf("%d KiB read after the cancellation", (r.read.Load()-r.at)>>10)
	assert.Less(t, r.read.Load()-r.at, int64(16<<20), "bytes read after the cancellation")
	assert.Empty(t, rep.Package.SHA256, "no hash of a package not read to its end")
	require.Len(t, rep.Items, 1)
	assert.False(t, rep.Items[0].Complete)
	assert.Equal(t, evidence.ProblemCanceled, rep.Items[0].Problems[0].Code)
}
