package benchpack_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/benchpack"
)

// dumpSmall is the dump-like pack the content, triage and determinism
// tests share: at 3 MB it holds every kind of file, a table of more than
// one 1 MiB deflate segment, and a zip of text exports.
var dumpSmall = benchpack.DumpOptions{Size: 3e6, Seed: 1}

var dumpShared struct {
	once sync.Once
	pack []byte
}

func writeDump(t *testing.T, opt benchpack.DumpOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := benchpack.WriteDump(&b, opt)
	require.NoError(t, err)
	require.Equal(t, int64(b.Len()), n, "returned count is the bytes written")
	return b.Bytes()
}

func sharedDump(t *testing.T) []byte {
	t.Helper()
	dumpShared.once.Do(func() { dumpShared.pack = writeDump(t, dumpSmall) })
	require.NotNil(t, dumpShared.pack, "writing the shared dump failed in another test")
	return dumpShared.pack
}

func TestWriteDumpSize(t *testing.T) {
	t.Parallel()
	for _, size := range []int64{1000, 1e6} {
		t.Run(strconv.FormatInt(size, 10), func(t *testing.T) {
			t.Parallel()
			pack := writeDump(t, benchpack.DumpOptions{Size: size, Seed: 1})
			want := max(size, benchpack.MinSize)
			assert.InDelta(t, want, len(pack), float64(max(want/100, 64<<10)))
			_, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
			require.NoError(t, err)
		})
	}
	assert.Equal(t, "dump-v"+benchpack.DumpVersion+"-550502400-seed0.zip", benchpack.DumpName(benchpack.DumpOptions{}),
		"the zero options are the 525 MiB pack")
}

func TestWriteDumpDeterministic(t *testing.T) {
	t.Parallel()
	a := sha256.Sum256(sharedDump(t))
	assert.Equal(t, a, sha256.Sum256(writeDump(t, dumpSmall)), "the same options, the same bytes")
	other := benchpack.DumpOptions{Size: benchpack.MinSize, Seed: 2}
	assert.NotEqual(t, sha256.Sum256(writeDump(t, benchpack.DumpOptions{Size: benchpack.MinSize, Seed: 1})),
		sha256.Sum256(writeDump(t, other)), "another seed, other bytes")
}

func TestWriteDumpError(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{0, 100, 50 << 10, 1 << 20} {
		n, err := benchpack.WriteDump(&failWriter{limit: limit}, benchpack.DumpOptions{Size: 2e6})
		require.ErrorIs(t, err, benchpack.ErrWrite, "limit %d", limit)
		require.ErrorIs(t, err, errDiskFull)
		assert.LessOrEqual(t, n, int64(limit))
	}
}

// TestWriteDumpContent opens every file of a dump at every level and
// checks it is what its name says.
func TestWriteDumpContent(t *testing.T) {
	t.Parallel()
	pack := sharedDump(t)
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	require.NoError(t, err)
	seen := map[string]int{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		body := readZipFile(t, f)
		ext := filepath.Ext(f.Name)
		seen[ext]++
		switch ext {
		case ".csv":
			assert.Equal(t, zip.Deflate, f.Method, f.Name)
			checkTable(t, f.Name, body)
		case ".zip":
			assert.Equal(t, zip.Store, f.Method, f.Name)
			inner, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
			require.NoError(t, err, f.Name)
			require.NotEmpty(t, inner.File)
			for _, g := range inner.File {
				b := readZipFile(t, g)
				seen["nested "+filepath.Ext(g.Name)]++
				assert.Equal(t, zip.Deflate, g.Method, g.Name)
				assert.True(t, utf8.Valid(b), "%s: valid UTF-8", g.Name)
				assert.True(t, bytes.HasSuffix(b, []byte("\n")), "%s: ends with a newline", g.Name)
				if filepath.Ext(g.Name) == ".csv" {
					checkTable(t, g.Name, b)
				}
			}
		case ".bin":
			assert.Equal(t, zip.Store, f.Method, f.Name)
			assert.True(t, bytes.HasPrefix(body, []byte("\x89PPB\r\n\x1a\n")), f.Name)
			assert.Greater(t, deflatedLen(t, body), len(body)*99/100, "%s: random bytes do not compress", f.Name)
		default:
			t.Errorf("unexpected file %s", f.Name)
		}
	}
	for _, ext := range []string{".csv", ".zip", ".bin", "nested .csv", "nested .eml", "nested .log", "nested .txt"} {
		assert.Positive(t, seen[ext], "the pack holds %s files", ext)
	}
}

// checkTable checks a table of the dump: a valid CSV whose every row has
// the header's columns, two of them e-mail addresses.
func checkTable(t *testing.T, name string, b []byte) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1 // the last row is cut to fit the size
	rows, err := r.ReadAll()
	require.NoError(t, err, name)
	require.Greater(t, len(rows), 1, name)
	require.Equal(t, []string{"id", "name", "email", "secondary_email", "company", "phone", "city", "signup", "last_login"}, rows[0])
	for _, row := range rows[1 : len(rows)-1] {
		require.Len(t, row, 9, "%s: %q", name, row)
		for _, email := range row[2:4] {
			local, domain, ok := strings.Cut(email, "@")
			assert.True(t, ok && local != "" && strings.Contains(domain, "example."), "%s: e-mail %q", name, email)
		}
	}
}

func deflatedLen(t *testing.T, b []byte) int {
	t.Helper()
	var z bytes.Buffer
	fw, err := flate.NewWriter(&z, flate.BestSpeed)
	require.NoError(t, err)
	_, err = fw.Write(b)
	require.NoError(t, err)
	require.NoError(t, fw.Close())
	return z.Len()
}

// TestWriteDumpTriage triages a small dump: every level is read without
// a problem, every kind is recognised, and every text has its text.
func TestWriteDumpTriage(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "dump.zip")
	require.NoError(t, os.WriteFile(path, sharedDump(t), 0o600))
	rep, err := evidence.Analyze(context.Background(), path, evidence.Options{})
	require.NoError(t, err)
	assert.Zero(t, rep.Stats.Problems)
	assert.Equal(t, 2, rep.Stats.MaxDepth, "the zips of exports are walked")
	for _, kind := range []string{"spreadsheet", "text", "email", "archive", "other"} {
		assert.Positive(t, rep.Stats.ByKind[kind], "kind %s", kind)
	}
	for _, it := range rep.Items {
		assert.False(t, it.ExtMismatch, "%s: %s", it.Path, it.MIME)
		assert.True(t, it.Complete, it.Path)
		switch it.Kind {
		case "spreadsheet", "text", "email":
			assert.NotEmpty(t, it.Text, "%s: text", it.Path)
		}
	}
}

// readAllZip reads every file of a zip, for tests that check CRCs.
func readAllZip(t *testing.T, zr *zip.Reader) {
	t.Helper()
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		_, err = io.Copy(io.Discard, rc)
		require.NoError(t, err, f.Name)
		require.NoError(t, rc.Close())
	}
}
