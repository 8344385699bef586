package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/render"
)

// csvRows parses the CSV the command wrote, header row first.
func csvRows(t *testing.T, s string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	require.NoError(t, err, "not CSV:\n%s", s)
	require.NotEmpty(t, recs)
	require.Equal(t, render.CSVColumns, recs[0])
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, c := range render.CSVColumns {
			row[c] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// TestCSVFlag: -csv FILE writes one row per item beside the JSON, with
// the case on every row; -csv - writes it instead of the summary; a
// hostile name is defused; -csv - with -json is a usage error; a package
// that cannot be opened leaves no CSV behind.
func TestCSVFlag(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "items.csv")
	res := triage(t, "-q", "-ocr=false", "-json", "-csv", out, "-case", "C-9", "-tlp", "amber", samplePath)
	require.Equal(t, 0, res.code, res.stderr)
	rep := decodeReport(t, res.stdout)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	rows := csvRows(t, string(b))
	require.Len(t, rows, len(rep.Items))
	byPath := map[string]map[string]string{}
	for _, r := range rows {
		byPath[r["path"]] = r
		assert.Equal(t, "C-9", r["case_id"])
		assert.Equal(t, "AMBER", r["tlp"])
	}
	for _, it := range rep.Items {
		r, ok := byPath[render.Escape(it.Path)]
		if !ok {
			r = byPath["'"+render.Escape(it.Path)]
		}
		require.NotNil(t, r, it.Path)
		assert.Equal(t, it.SHA256, r["sha256"], it.Path)
		assert.Equal(t, it.MIME, r["mime"], it.Path)
	}
	script := byPath["fujitsu-proofpack.zip!/FJ_sample/screenshots/<script>alert(1)</script>.png"]
	require.NotNil(t, script, "the sample's hostile name")
	assert.Equal(t, "image", script["kind"])

	// On standard output, with a name that starts a formula.
	pack := writeTemp(t, "=SUM(A1).zip", mustRead(t, samplePath))
	res = triage(t, "-q", "-ocr=false", "-csv", "-", pack)
	require.Equal(t, 0, res.code, res.stderr)
	rows = csvRows(t, res.stdout)
	require.Len(t, rows, len(rep.Items))
	for _, r := range rows {
		assert.True(t, strings.HasPrefix(r["path"], "'=SUM(A1).zip!/"), r["path"])
	}

	res = triage(t, "-json", "-csv", "-", samplePath)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "-csv - writes the CSV to standard output")

	res = triage(t, "-csv", "-", "-stix", "-", samplePath)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "only one can have standard output")

	missing := filepath.Join(dir, "none.csv")
	res = triage(t, "-q", "-ocr=false", "-csv", missing, filepath.Join(dir, "no-such.zip"))
	assert.Equal(t, 1, res.code)
	assert.NoFileExists(t, missing)

	res = triage(t, "-q", "-ocr=false", "-csv", out, "-o", dir+"/./items.csv", samplePath)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "-csv and -o name the same file")

	res = triage(t, "-q", "-ocr=false", "-csv", pack, pack)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "is the PACKAGE")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// TestCSVSeveralPackages: with a directory of packages, one -csv FILE
// holds the rows of every package, each package's rows starting with
// its name; the packages that could not be read add none. -csv - is
// refused for several packages.
func TestCSVSeveralPackages(t *testing.T) {
	t.Parallel()
	dir := multiPacks(t)
	out := filepath.Join(t.TempDir(), "all.csv")
	res := triage(t, "-ocr=false", "-q", "-json", "-csv", out, "-tlp", "green", "-tmpdir", t.TempDir(), dir)
	assert.Equal(t, exitPassword, res.code, res.stderr)
	lines := reportLines(t, res.stdout)
	require.Len(t, lines, 3)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	rows := csvRows(t, string(b))
	perPackage := map[string]int{}
	for _, r := range rows {
		name, _, _ := strings.Cut(r["path"], "!/")
		perPackage[name]++
		assert.Equal(t, "GREEN", r["tlp"])
	}
	want := map[string]int{}
	for _, l := range lines {
		if l.Stats.Items > 0 {
			want[l.Package.Name] = l.Stats.Items
		}
	}
	assert.Equal(t, want, perPackage)
	assert.Len(t, want, 3, "the locked package lists its encrypted entry")

	res = triage(t, "-ocr=false", "-csv", "-", dir)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "-csv -: several packages")
}
