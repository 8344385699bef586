package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// reportLines decodes output of one compact JSON report per line.
func reportLines(t *testing.T, out string) []*evidence.Report {
	t.Helper()
	require.True(t, strings.HasSuffix(out, "\n"), "lines end with a newline: %.200q", out)
	var reps []*evidence.Report
	for l := range strings.SplitSeq(strings.TrimSuffix(out, "\n"), "\n") {
		var rep evidence.Report
		require.NoError(t, json.Unmarshal([]byte(l), &rep), "not one report per line: %.200q", l)
		validateReport(t, []byte(l))
		reps = append(reps, &rep)
	}
	return reps
}

// multiPacks makes a directory of packages: the sample (Toray's data
// sold as Fujitsu's), a pack of a fictional trading house's orders, an
// encrypted one, and things a directory may also hold that are not
// packages of it (a subdirectory, a link).
func multiPacks(t *testing.T) (dir string) {
	t.Helper()
	dir = t.TempDir()
	sample, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	orders, err := archivegen.Zip([]archivegen.File{{Name: "orders/2024.csv", Data: orderText(2 << 10)},
		{Name: "readme.txt", Data: []byte("Northwind Traders order export (fictional).\n")}}, archivegen.ZipOptions{})
	require.NoError(t, err)
	locked, err := archivegen.Zip([]archivegen.File{{Name: "minutes.txt", Data: []byte("Northwind Traders board minutes (fictional)\n")}},
		archivegen.ZipOptions{Encryption: archivegen.AES256, Password: archivegen.FixturePassword})
	require.NoError(t, err)
	for name, data := range map[string][]byte{"a-fujitsu.zip": sample, "b-orders.zip": orders, "c-locked.zip": locked} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
	}
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "nested.zip"), orders, 0o600))
	require.NoError(t, os.Symlink(filepath.Join(dir, "b-orders.zip"), filepath.Join(dir, "d-link.zip")))
	return dir
}

// TestMultiJSON: several packages in one run, -json: one compact report
// per line, in the order given; a package that cannot be opened is named
// on standard error, the others are triaged all the same, and the status
// says that one failed.
func TestMultiJSON(t *testing.T) {
	t.Parallel()
	dir := multiPacks(t)
	missing := filepath.Join(dir, "missing.zip")
	res := triage(t, "-json", "-ocr=false", "-claim", "Fujitsu", "-tmpdir", t.TempDir(),
		filepath.Join(dir, "b-orders.zip"), missing, filepath.Join(dir, "a-fujitsu.zip"))
	assert.Equal(t, 1, res.code, res.stderr)
	reps := reportLines(t, res.stdout)
	require.Len(t, reps, 2)
	assert.Equal(t, "b-orders.zip", reps[0].Package.Name)
	assert.Len(t, reps[0].Items, 2, "each line holds its package's items")
	assert.Equal(t, "a-fujitsu.zip", reps[1].Package.Name)
	assert.Equal(t, evidence.VerdictContradicted, reps[1].Claim.Verdict)
	assert.Equal(t, "toray", reps[1].Claim.Owner)
	assert.Len(t, reps[1].Items, 19)
	assert.Contains(t, res.stderr, "1 of 3 packages failed: "+missing)

	// -ndjson: each package's item lines, then its report line.
	res = triage(t, "-ndjson", "-ocr=false", "-tmpdir", t.TempDir(), filepath.Join(dir, "a-fujitsu.zip"), filepath.Join(dir, "b-orders.zip"))
	require.Equal(t, 0, res.code, res.stderr)
	first, second, ok := strings.Cut(res.stdout, "}}\n{\"item\":{\"path\":\"b-orders.zip!/")
	require.True(t, ok, "the second package's items follow the first's report")
	assert.Len(t, decodeNDJSON(t, first+"}}\n").Items, 19)
	assert.Len(t, decodeNDJSON(t, `{"item":{"path":"b-orders.zip!/`+second).Items, 2)

	// -pretty cannot make one line of a report; standard input is one
	// package alone.
	for _, args := range [][]string{
		{"-json", "-pretty", samplePath, samplePath},
		{"-", samplePath},
	} {
		r := triage(t, append([]string{"-ocr=false"}, args...)...)
		assert.Equal(t, 2, r.code, "%v: %s", args, r.stderr)
		assert.Empty(t, r.stdout)
	}
}

// TestMultiDirectory: a directory stands for the regular files directly
// in it, in name order (not its subdirectories, not links); the
// summaries follow one another after a separator line; the status says
// that one could not be read for want of a password, and stderr which.
func TestMultiDirectory(t *testing.T) {
	t.Parallel()
	dir := multiPacks(t)
	res := triage(t, "-ocr=false", "-tmpdir", t.TempDir(), dir)
	assert.Equal(t, exitPassword, res.code, res.stderr)
	sep := "\n" + strings.Repeat("=", 78) + "\n\n"
	parts := strings.Split(res.stdout, sep)
	require.Len(t, parts, 3, res.stdout)
	for i, name := range []string{"a-fujitsu.zip", "b-orders.zip", "c-locked.zip"} {
		assert.True(t, strings.HasPrefix(parts[i], "proofpack "), "part %d: %.80q", i, parts[i])
		assert.Contains(t, strings.SplitN(parts[i], "\n", 2)[0], ": "+name)
	}
	assert.NotContains(t, res.stdout, "nested.zip")
	assert.NotContains(t, res.stdout, "d-link.zip")
	assert.Contains(t, res.stderr, "triage: c-locked.zip: the one entry with content is encrypted and no password was given")
	assert.Contains(t, res.stderr, "1 of 3 packages could not be read for want of a password: "+filepath.Join(dir, "c-locked.zip"))

	// With the password, every package is read.
	res = triage(t, "-ocr=false", "-json", "-password", archivegen.FixturePassword, "-tmpdir", t.TempDir(), dir)
	assert.Equal(t, 0, res.code, res.stderr)
	assert.Len(t, reportLines(t, res.stdout), 3)
}

// TestMultiFiles: with several packages, -html and -md need a FILE with
// {name} in it, which each package's name replaces; without it the run
// is refused before any triage.
func TestMultiFiles(t *testing.T) {
	t.Parallel()
	dir := multiPacks(t)
	out := t.TempDir()
	a, b := filepath.Join(dir, "a-fujitsu.zip"), filepath.Join(dir, "b-orders.zip")
	res := triage(t, "-ocr=false", "-md", filepath.Join(out, "report.md"), a, b)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "-md "+filepath.Join(out, "report.md")+": several packages need a FILE with {name} in it")
	assert.Empty(t, res.stdout)
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing written")

	res = triage(t, "-ocr=false", "-q", "-md", filepath.Join(out, "{name}.md"), "-tmpdir", t.TempDir(), a, b)
	require.Equal(t, 0, res.code, res.stderr)
	for _, name := range []string{"a-fujitsu.zip", "b-orders.zip"} {
		md, err := os.ReadFile(filepath.Join(out, name+".md"))
		require.NoError(t, err)
		assert.Contains(t, string(md), name)
	}
	// One package: the FILE is taken as it is, braces and all.
	res = triage(t, "-ocr=false", "-q", "-md", filepath.Join(out, "{name}.md"), "-tmpdir", t.TempDir(), a)
	require.Equal(t, 0, res.code, res.stderr)
	_, err = os.Stat(filepath.Join(out, "{name}.md"))
	assert.NoError(t, err)
}

// TestMultiExports: -stix and -misp with several packages follow the
// rule of -html and -md: a FILE with {name} gets one file per package,
// each the export of that package; standard output or a FILE without
// {name} is refused before anything is triaged.
func TestMultiExports(t *testing.T) {
	t.Parallel()
	dir := multiPacks(t)
	out := t.TempDir()
	a, b := filepath.Join(dir, "a-fujitsu.zip"), filepath.Join(dir, "b-orders.zip")
	for _, args := range [][]string{{"-stix", "-"}, {"-misp", filepath.Join(out, "event.json")}} {
		res := triage(t, append([]string{"-ocr=false", "-q"}, append(args, a, b)...)...)
		assert.Equal(t, 2, res.code, "%v: %s", args, res.stderr)
		assert.Contains(t, res.stderr, args[0]+" "+args[1]+": several packages need a FILE with {name} in it")
		assert.Empty(t, res.stdout)
	}
	res := triage(t, "-ocr=false", "-q", "-claim", "Fujitsu", "-tmpdir", t.TempDir(),
		"-stix", filepath.Join(out, "{name}.stix.json"), "-misp", filepath.Join(out, "{name}.misp.json"), a, b)
	require.Equal(t, 0, res.code, res.stderr)
	for _, name := range []string{"a-fujitsu.zip", "b-orders.zip"} {
		var bundle struct {
			Type    string           `json:"type"`
			Objects []map[string]any `json:"objects"`
		}
		data, err := os.ReadFile(filepath.Join(out, name+".stix.json"))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(data, &bundle))
		assert.Equal(t, "bundle", bundle.Type)
		named := false
		for _, o := range bundle.Objects {
			named = named || o["type"] == "file" && o["name"] == name
		}
		assert.True(t, named, "%s: the bundle holds its own package", name)
		data, err = os.ReadFile(filepath.Join(out, name+".misp.json"))
		require.NoError(t, err)
		assert.Contains(t, string(data), name)
	}
}

// TestManifest: -manifest lists packages with their claim and password:
// comments and blank lines skipped, relative paths taken from the
// manifest's directory; the output is one report per line, each judged
// against its own claim, the encrypted one read with its own password,
// which appears nowhere in the output.
func TestManifest(t *testing.T) {
	t.Parallel()
	dir := multiPacks(t)
	const secret = archivegen.FixturePassword
	manifest := writeTemp(t, "packs.tsv", nil)
	require.NoError(t, os.WriteFile(manifest, fmt.Appendf(nil, "# packages of the week\n\n"+
		"%s\tFujitsu\n"+
		"%s\t東レ\n"+
		"%s\t\t%s\r\n"+
		"   \n",
		filepath.Join(dir, "a-fujitsu.zip"), filepath.Join(dir, "a-fujitsu.zip"), filepath.Join(dir, "c-locked.zip"), secret), 0o600))
	res := triage(t, "-ocr=false", "-progress", "always", "-tmpdir", t.TempDir(), "-manifest", manifest)
	require.Equal(t, 0, res.code, res.stderr)
	reps := reportLines(t, res.stdout)
	require.Len(t, reps, 3)
	assert.Equal(t, evidence.VerdictContradicted, reps[0].Claim.Verdict)
	assert.Equal(t, evidence.VerdictSupported, reps[1].Claim.Verdict, reps[1].Claim.Reason)
	assert.Empty(t, reps[2].Claim.Verdict, "no claim on its line, none given")
	require.Len(t, reps[2].Items, 1)
	assert.True(t, reps[2].Items[0].Complete, "read with its line's password: %+v", reps[2].Items[0].Problems)
	assert.NotContains(t, res.stdout, secret)
	assert.NotContains(t, res.stderr, secret)
	assert.Contains(t, res.stderr, "c-locked.zip: ", "the progress bar names each package")

	// Relative paths are the manifest's directory's; a wrong password
	// gets the hint, the password is not echoed.
	rel := filepath.Join(dir, "rel.tsv")
	require.NoError(t, os.WriteFile(rel, []byte("b-orders.zip\nc-locked.zip\t\tletmein\n"), 0o600))
	res = triage(t, "-ocr=false", "-tmpdir", t.TempDir(), "-manifest", rel)
	assert.Equal(t, exitPassword, res.code, res.stderr)
	reps = reportLines(t, res.stdout)
	require.Len(t, reps, 2)
	assert.Equal(t, "b-orders.zip", reps[0].Package.Name)
	assert.Contains(t, problemCodes(reps[1].Problems), evidence.ProblemPasswordNeeded)
	assert.Contains(t, res.stderr, "the password given does not decrypt them")
	assert.Contains(t, res.stderr, "give the password in the third field of its -manifest line")
	assert.NotContains(t, res.stderr+res.stdout, "letmein")
}

// TestManifestErrors: a manifest that is not one is refused (status 2)
// before any triage, with its line, never its content: a line may hold a
// password.
func TestManifestErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, content, want string
	}{
		{"too many fields", "a.zip\tFujitsu\thunter2\textra\n", "line 1: 4 fields separated by tabs"},
		{"no path", "# c\n\tFujitsu\thunter2\n", "line 2: no PATH"},
		{"standard input", "-\n", "line 1: PATH must name a file"},
		{"empty", "# nothing\n\n", "no package listed"},
		{"line too long", "a.zip\t\t" + strings.Repeat("hunter2", maxManifestLine/7+1) + "\n", "line 1: longer than 65536 bytes"},
		{"not UTF-8", "a.zip\t\xff\thunter2\n", "line 1: not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := writeTemp(t, "m.tsv", []byte(tt.content))
			res := triage(t, "-ocr=false", "-manifest", m)
			assert.Equal(t, 2, res.code, res.stderr)
			assert.Contains(t, res.stderr, "-manifest "+m+": "+tt.want)
			assert.NotContains(t, res.stderr, "hunter2")
			assert.Empty(t, res.stdout)
		})
	}
	res := triage(t, "-ocr=false", "-manifest", filepath.Join(t.TempDir(), "none.tsv"))
	assert.Equal(t, 1, res.code)
	res = triage(t, "-ocr=false", "-manifest", writeTemp(t, "m.tsv", []byte("a.zip\n")), samplePath)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "give no PACKAGE beside it")
}

// TestMultiSplit: the volumes of a split zip given together, as
// operands or in a directory, are read as the one archive they make;
// a volume whose set is not all there is triaged alone, and its report
// names the volumes missing.
func TestMultiSplit(t *testing.T) {
	t.Parallel()
	orders := orderText(12 << 10)
	files := []archivegen.File{{Name: "orders/2024.csv", Data: orders},
		{Name: "readme.txt", Data: []byte("Northwind Traders order export (fictional).\n")}}
	one, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	vols, err := archivegen.SplitZip(one, 1<<10)
	require.NoError(t, err)
	require.Greater(t, len(vols), 2)
	dir := t.TempDir()
	var paths []string
	for i, v := range vols {
		name := fmt.Sprintf("pack.z%02d", i+1)
		if i == len(vols)-1 {
			name = "pack.zip"
		}
		paths = append(paths, filepath.Join(dir, name))
		require.NoError(t, os.WriteFile(paths[i], v, 0o600))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other.z02"), vols[1], 0o600))

	res := triage(t, "-json", "-ocr=false", "-tmpdir", t.TempDir(), dir)
	require.Equal(t, 0, res.code, res.stderr)
	reps := reportLines(t, res.stdout)
	require.Len(t, reps, 2, "the set is one package")
	assert.Equal(t, "other.z02", reps[0].Package.Name)
	assert.Contains(t, problemCodes(reps[0].Problems), evidence.ProblemSplitArchive)
	assert.Contains(t, reps[0].Problems[0].Detail, "volume 2 of a split zip; volumes other.z01, other.zip missing")
	assert.Equal(t, "pack.zip", reps[1].Package.Name)
	assert.Empty(t, reps[1].Problems)
	require.Len(t, reps[1].Items, 2)
	assert.Equal(t, sha256Hex(orders), reps[1].Items[0].SHA256, "the entry that spans the volumes is read whole")
	assert.Equal(t, sha256Hex(one), reps[1].Package.SHA256, "the volumes joined are the zip they were cut from")

	// The volumes alone on the command line: one package, which -html
	// may write to one FILE.
	html := filepath.Join(t.TempDir(), "r.html")
	args := append([]string{"-ocr=false", "-q", "-html", html, "-tmpdir", t.TempDir()}, paths...)
	res = triage(t, args...)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, ": pack.zip\n")
	assert.NotContains(t, res.stdout, strings.Repeat("=", 78))
	assert.FileExists(t, html)

	// Not all of them: each triaged alone, each saying what it lacks.
	res = triage(t, "-json", "-ocr=false", "-tmpdir", t.TempDir(), paths[0], paths[len(paths)-1])
	assert.Equal(t, 1, res.code, "the first volume alone holds no entry whole: %s", res.stderr)
	assert.Contains(t, res.stderr, "triage: pack.z01: volume 1 of a split zip; volume pack.zip missing")
	assert.Contains(t, res.stderr, "triage: pack.zip: the last volume (")
	reps = reportLines(t, res.stdout)
	require.Len(t, reps, 2)
	for _, rep := range reps {
		assert.Contains(t, problemCodes(rep.Problems), evidence.ProblemSplitArchive, rep.Package.Name)
	}
}
