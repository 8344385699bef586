package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// samplePath is the bundled sample proof pack, relative to this folder.
const samplePath = "../../testdata/sample/fujitsu-proofpack.zip"

// result is what one in-process run of the command produced.
type result struct {
	code   int
	stdout string
	stderr string
}

// triage runs the command in process with args.
func triage(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// writeTemp writes data to a new file named name in a fresh temporary
// directory and returns its path.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, data, 0o600))
	return p
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// decodeReport decodes the JSON report the command printed.
func decodeReport(t *testing.T, out string) *evidence.Report {
	t.Helper()
	var rep evidence.Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep), "stdout is not a JSON report:\n%s", out)
	validateReport(t, []byte(out))
	return &rep
}

// item returns the item whose path ends with "!/"+name.
func item(t *testing.T, rep *evidence.Report, name string) evidence.Item {
	t.Helper()
	for _, it := range rep.Items {
		if strings.HasSuffix(it.Path, "!/"+name) {
			return it
		}
	}
	require.Failf(t, "item not found", "no item %q in %d items", name, len(rep.Items))
	return evidence.Item{}
}

func problemCodes(ps []evidence.Problem) []string {
	codes := make([]string, 0, len(ps))
	for _, p := range ps {
		codes = append(codes, p.Code)
	}
	return codes
}

// orderText is compressible but varied text, the kind of content an
// order list holds. All names are fictional.
func orderText(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%05d,Order %d,Yamada Taro %d,%d yen,2021-04-%02d\n", i, i*7919%100000, i%97, i*31%50000, i%28+1)
	}
	return b.Bytes()[:n]
}

// lineWith returns the one line of out that contains s.
func lineWith(t *testing.T, out, s string) string {
	t.Helper()
	// The METADATA section names items again; look above it.
	if i := strings.Index(out, "\nMETADATA\n"); i >= 0 {
		out = out[:i]
	}
	var found []string
	for line := range strings.SplitSeq(out, "\n") {
		if strings.Contains(line, s) {
			found = append(found, line)
		}
	}
	require.Len(t, found, 1, "want exactly one line with %q in:\n%s", s, out)
	return found[0]
}

func TestSampleSummary(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	res := triage(t, "-ocr=false", "-tmpdir", t.TempDir(), samplePath)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	assert.Empty(t, res.stderr, "no progress bar when stderr is not a terminal")

	tests := []struct {
		name string
		line string // a text that picks one line of the summary
		want string // what that line must hold
	}{
		{"package name", "fujitsu-proofpack.zip", "fujitsu-proofpack.zip"},
		{"package sha256", "sha256", sha256Hex(data)},
		{"nested path", "FJ_sample/backup/old_share.zip!/old_share.tar.gz!/share/hosts", "txt ascii"},
		{"png under jpg", "FJ_sample/screenshots/status.jpg", "[.jpg is really png]"},
		{"docx under pdf", "FJ_sample/docs/invoice.pdf", "[.pdf is really docx]"},
		{"cp932 name", "FJ_sample/営業本部/受注一覧.txt", "[name cp932]"},
		{"utf-8 name unflagged", "FJ_sample/docs/保守契約一覧.xlsx", "spreadsheet"},
		{"format line", "  format  ", "zip; 19 items, 3 archives, depth 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, lineWith(t, res.stdout, tt.line), tt.want)
		})
	}
	t.Run("only flagged lines are flagged", func(t *testing.T) {
		assert.Equal(t, 2, strings.Count(res.stdout, " is really "))
		assert.Equal(t, 1, strings.Count(res.stdout, "[name "))
		assert.NotContains(t, res.stdout, "PROBLEMS", "the sample has no problems")
	})
}

func TestJSONContract(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	res, _ := sampleJSONWithOCR(t) // with OCR: items carry their ocr objects
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	assert.Empty(t, res.stderr)
	require.True(t, json.Valid([]byte(res.stdout)), "stdout is not valid JSON")

	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &doc))

	t.Run("top level", func(t *testing.T) {
		for _, k := range []string{"schema_version", "tool", "package", "items", "attribution", "claim", "problems", "stats", "limits"} {
			assert.Contains(t, doc, k)
		}
		assert.Equal(t, evidence.SchemaVersion, doc["schema_version"])
		assert.IsType(t, []any{}, doc["items"])
		assert.IsType(t, []any{}, doc["problems"], "problems is an array, never null")
		for _, k := range []string{"tool", "package", "claim", "stats", "limits"} {
			assert.IsType(t, map[string]any{}, doc[k], k)
		}
	})
	t.Run("attribution", func(t *testing.T) {
		attr, ok := doc["attribution"].(map[string]any)
		require.True(t, ok, "attribution is an object: %v", doc["attribution"])
		assert.IsType(t, []any{}, attr["ranking"], "ranking is an array, never null")
		assert.IsType(t, []any{}, attr["candidates"], "candidates is an array, never null")
	})
	t.Run("package", func(t *testing.T) {
		pkg, ok := doc["package"].(map[string]any)
		require.True(t, ok)
		assert.Equal(t, "fujitsu-proofpack.zip", pkg["name"])
		assert.Equal(t, sha256Hex(data), pkg["sha256"])
		assert.InDelta(t, float64(len(data)), pkg["size"], 0)
	})
	t.Run("items", func(t *testing.T) {
		items, ok := doc["items"].([]any)
		require.True(t, ok)
		require.NotEmpty(t, items)
		keys := []string{"path", "name_encoding", "size", "md5", "sha1", "sha256", "mime", "kind",
			"declared_ext", "ext_mismatch", "modified", "metadata", "text_source", "text", "ocr", "problems"}
		for i, v := range items {
			it, ok := v.(map[string]any)
			require.True(t, ok, "item %d is an object", i)
			for _, k := range keys {
				assert.Contains(t, it, k, "item %d (%v)", i, it["path"])
			}
			assert.IsType(t, []any{}, it["problems"], "item %d: problems is an array", i)
			assert.IsType(t, map[string]any{}, it["metadata"], "item %d: metadata is an object", i)
			assert.Regexp(t, `^[0-9a-f]{64}$`, it["sha256"], "item %d", i)
		}
	})
	t.Run("typed", func(t *testing.T) {
		rep := decodeReport(t, res.stdout)
		assert.Len(t, rep.Items, rep.Stats.Items)
		assert.Equal(t, 19, rep.Stats.Items)
		assert.Equal(t, sha256Hex(data), rep.Package.SHA256)
		hosts := item(t, rep, "FJ_sample/backup/old_share.zip!/old_share.tar.gz!/share/hosts")
		assert.Equal(t, 3, hosts.Depth)
		assert.True(t, item(t, rep, "FJ_sample/screenshots/status.jpg").ExtMismatch)
		assert.Equal(t, "cp932", item(t, rep, "FJ_sample/営業本部/受注一覧.txt").NameEncoding)
	})
}

func TestOutputFile(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	tests := []struct {
		name  string
		flags []string
		check func(t *testing.T, out string)
	}{
		{"summary", nil, func(t *testing.T, out string) {
			assert.Contains(t, out, "sha256  "+sha256Hex(data))
		}},
		{"json", []string{"-json"}, func(t *testing.T, out string) {
			assert.Equal(t, sha256Hex(data), decodeReport(t, out).Package.SHA256)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "report.out")
			args := append(append([]string{"-ocr=false"}, tt.flags...), "-o", out, "-tmpdir", t.TempDir(), samplePath)
			res := triage(t, args...)
			require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
			assert.Empty(t, res.stdout, "-o leaves standard output empty")
			assert.Empty(t, res.stderr)
			b, err := os.ReadFile(out)
			require.NoError(t, err)
			tt.check(t, string(b))
		})
	}
}

func TestUsageAndOpenErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       func(t *testing.T) []string
		wantCode   int
		wantStderr []string // each must appear on stderr
		wantUsage  bool
	}{
		{
			name: "missing package",
			args: func(t *testing.T) []string {
				return []string{"-ocr=false", filepath.Join(t.TempDir(), "no-such-pack.zip")}
			},
			wantCode:   1,
			wantStderr: []string{"triage:", "no-such-pack.zip"},
		},
		{
			name:       "empty directory as packages",
			args:       func(t *testing.T) []string { return []string{"-ocr=false", t.TempDir()} },
			wantCode:   1,
			wantStderr: []string{"triage:", "no regular file in the directory"},
		},
		{
			name: "output in a missing directory",
			args: func(t *testing.T) []string {
				return []string{"-ocr=false", "-o", filepath.Join(t.TempDir(), "no", "r.json"), samplePath}
			},
			wantCode:   1,
			wantStderr: []string{"triage:"},
		},
		{
			name:      "no argument",
			args:      func(*testing.T) []string { return nil },
			wantCode:  2,
			wantUsage: true,
		},
		{
			name:       "unknown flag",
			args:       func(*testing.T) []string { return []string{"-no-such-flag", samplePath} },
			wantCode:   2,
			wantStderr: []string{"-no-such-flag"},
			wantUsage:  true,
		},
		{
			name:       "size that is not a size",
			args:       func(*testing.T) []string { return []string{"-max-entry-bytes", "nonsense", samplePath} },
			wantCode:   2,
			wantStderr: []string{"-max-entry-bytes", `"nonsense"`},
			wantUsage:  true,
		},
		{
			name:       "size NaN",
			args:       func(*testing.T) []string { return []string{"-max-total-bytes", "NaN", samplePath} },
			wantCode:   2,
			wantStderr: []string{"-max-total-bytes"},
			wantUsage:  true,
		},
		{
			name:       "size under one byte",
			args:       func(*testing.T) []string { return []string{"-max-entry-bytes", "0.1", samplePath} },
			wantCode:   2,
			wantStderr: []string{"-max-entry-bytes"},
			wantUsage:  true,
		},
		{
			name:       "negative size",
			args:       func(*testing.T) []string { return []string{"-max-entry-bytes", "-5MB", samplePath} },
			wantCode:   2,
			wantStderr: []string{"-max-entry-bytes"},
			wantUsage:  true,
		},
		{
			name:       "bad progress mode",
			args:       func(*testing.T) []string { return []string{"-progress", "sometimes", samplePath} },
			wantCode:   2,
			wantStderr: []string{"-progress", "sometimes"},
		},
		{
			name: "missing password file",
			args: func(t *testing.T) []string {
				return []string{"-password-file", filepath.Join(t.TempDir(), "nope.txt"), samplePath}
			},
			wantCode:   2,
			wantStderr: []string{"-password-file"},
		},
		{
			name:       "unknown flag after the package",
			args:       func(*testing.T) []string { return []string{samplePath, "-no-such-flag"} },
			wantCode:   2,
			wantStderr: []string{"-no-such-flag"},
			wantUsage:  true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := triage(t, tt.args(t)...)
			assert.Equal(t, tt.wantCode, res.code, "stderr: %s", res.stderr)
			assert.Empty(t, res.stdout, "nothing on standard output")
			for _, s := range tt.wantStderr {
				assert.Contains(t, res.stderr, s)
			}
			if tt.wantUsage {
				assert.Contains(t, res.stderr, "Usage: triage [flags] PACKAGE [flags]")
			} else {
				assert.NotContains(t, res.stderr, "Usage:")
			}
		})
	}
}

// parseUsage reads the flag list that flag.PrintDefaults wrote and
// returns each flag's help text, the default value note removed.
func parseUsage(t *testing.T, usage string) map[string]string {
	t.Helper()
	_, list, ok := strings.Cut(usage, "\nFlags:\n")
	require.True(t, ok, "no Flags: section in:\n%s", usage)
	header := regexp.MustCompile(`^  -([^\s]+)(?: [^\t]+)?(?:\t(.*))?$`)
	help := map[string]string{}
	name := ""
	for line := range strings.SplitSeq(list, "\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "    \t"):
			require.NotEmpty(t, name, "help text before any flag: %q", line)
			help[name] += " " + strings.TrimPrefix(line, "    \t")
		default:
			m := header.FindStringSubmatch(line)
			require.NotNil(t, m, "unexpected usage line %q", line)
			name = m[1]
			require.NotContains(t, help, name, "flag -%s listed twice", name)
			help[name] = m[2]
		}
	}
	dflt := regexp.MustCompile(`\s*\(default .*\)$`)
	for n, h := range help {
		help[n] = strings.TrimSpace(dflt.ReplaceAllString(h, ""))
	}
	return help
}

func TestHelpDocumentsEveryFlag(t *testing.T) {
	t.Parallel()
	res := triage(t, "-h")
	require.Equal(t, 0, res.code)
	assert.Empty(t, res.stderr, "the help that was asked for is data: standard output")
	assert.Contains(t, res.stdout, "Usage: triage [flags] PACKAGE [flags]")
	help := parseUsage(t, res.stdout)

	var c config
	set := c.flagSet(io.Discard)
	n := 0
	set.VisitAll(func(f *flag.Flag) {
		n++
		t.Run(f.Name, func(t *testing.T) {
			h, ok := help[f.Name]
			require.True(t, ok, "-h does not list -%s", f.Name)
			assert.NotEmpty(t, h, "-%s has no help text", f.Name)
			assert.GreaterOrEqual(t, len(strings.Fields(h)), 3, "-%s: help text %q says too little", f.Name, h)
		})
	})
	assert.Len(t, help, n, "-h lists flags the FlagSet does not define")
	assert.Positive(t, n)
}

func TestBrokenPackages(t *testing.T) {
	t.Parallel()

	// A zip of one deflated entry, to be cut short.
	var whole bytes.Buffer
	zw := zip.NewWriter(&whole)
	w, err := zw.Create("orders.csv")
	require.NoError(t, err)
	_, err = w.Write(orderText(8 << 10))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	// Cut inside the first local header: a zip from which nothing can be
	// read.
	headless := bytes.Clone(whole.Bytes()[:20])
	// Cut in half: the central directory is gone. The first entry's local
	// header survives, so a reader that scans local headers may recover a
	// truncated entry; one that does not finds nothing.
	half := bytes.Clone(whole.Bytes()[:whole.Len()/2])

	// A zip with a good entry and an entry whose deflate data has bytes
	// flipped in the middle. archive/zip writes the same bytes on every run
	// of a Go release; with Go 1.26 the flip breaks the deflate stream (a
	// flip that still inflated would fail the CRC check: corrupt as well).
	good, bad := orderText(4<<10), orderText(6<<10)
	var mixed bytes.Buffer
	zw = zip.NewWriter(&mixed)
	for _, f := range []struct {
		name string
		data []byte
	}{{"good.csv", good}, {"bad.csv", bad}} {
		w, err := zw.Create(f.name)
		require.NoError(t, err)
		_, err = w.Write(f.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	corrupt := bytes.Clone(mixed.Bytes())
	zr, err := zip.NewReader(bytes.NewReader(corrupt), int64(len(corrupt)))
	require.NoError(t, err)
	off, err := zr.File[1].DataOffset()
	require.NoError(t, err)
	mid := off + int64(zr.File[1].CompressedSize64)/2
	for i := mid; i < mid+8; i++ {
		corrupt[i] ^= 0xA5
	}

	// exitByItems: the documented status, 1 when not one entry could be
	// read and 0 otherwise.
	const exitByItems = -1
	tests := []struct {
		name     string
		data     []byte
		wantCode int
		summary  string // the start of a problem line of the summary
		check    func(t *testing.T, rep *evidence.Report)
	}{
		{"zip cut inside its first header", headless, 1, "truncated            pack.zip: ", func(t *testing.T, rep *evidence.Report) {
			assert.Empty(t, rep.Items)
			require.Len(t, rep.Problems, 1, "the report says why the package is unreadable")
			assert.Equal(t, evidence.ProblemTruncated, rep.Problems[0].Code)
			assert.Equal(t, "pack.zip", rep.Problems[0].Path)
			assert.Equal(t, sha256Hex(headless), rep.Package.SHA256)
			assert.Equal(t, "zip", rep.Package.Format)
		}},
		{"zip cut in half", half, exitByItems, "truncated            pack.zip: ", func(t *testing.T, rep *evidence.Report) {
			require.NotEmpty(t, rep.Problems)
			assert.Equal(t, evidence.ProblemTruncated, rep.Problems[0].Code)
			assert.Equal(t, sha256Hex(half), rep.Package.SHA256)
			for _, it := range rep.Items {
				assert.Contains(t, problemCodes(it.Problems), evidence.ProblemTruncated, it.Path)
				assert.False(t, it.Complete, it.Path)
			}
		}},
		{"one corrupt entry", corrupt, 0, "corrupt              bad.csv: ", func(t *testing.T, rep *evidence.Report) {
			require.Len(t, rep.Items, 2)
			g := item(t, rep, "good.csv")
			assert.Empty(t, g.Problems)
			assert.Equal(t, sha256Hex(good), g.SHA256)
			b := item(t, rep, "bad.csv")
			assert.Contains(t, problemCodes(b.Problems), evidence.ProblemCorrupt)
			assert.False(t, b.Complete)
			assert.Empty(t, rep.Problems)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pkg := writeTemp(t, "pack.zip", tt.data)
			want := tt.wantCode
			for _, mode := range []string{"json", "summary"} {
				args := []string{"-ocr=false", "-tmpdir", t.TempDir(), pkg}
				if mode == "json" {
					args = append([]string{"-json"}, args...)
				}
				res := triage(t, args...)
				require.NotEmpty(t, res.stdout, "%s: the report is printed even when the package is unreadable", mode)
				if mode == "json" {
					rep := decodeReport(t, res.stdout)
					if want == exitByItems {
						want = 0
						if len(rep.Items) == 0 {
							want = 1
						}
					}
					tt.check(t, rep)
				} else {
					assert.Contains(t, res.stdout, "\nPROBLEMS (")
					assert.Contains(t, res.stdout, "\n  "+tt.summary, "the summary lists the problem")
				}
				require.Equal(t, want, res.code, "%s: stderr: %s", mode, res.stderr)
				if want != 0 {
					assert.Contains(t, res.stderr, "package unreadable", mode)
				} else {
					assert.Empty(t, res.stderr, mode)
				}
			}
		})
	}
}

// findFiles returns the paths under root whose base name is name.
func findFiles(t *testing.T, root, name string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == name {
			found = append(found, p)
		}
		return nil
	})
	require.NoError(t, err)
	return found
}

func TestHostileNames(t *testing.T) {
	t.Parallel()
	const evil = "evil.txt"
	wd, err := os.Getwd()
	require.NoError(t, err)
	// The entry climbs two levels: look where it would land from here too.
	watched := []string{
		filepath.Join(wd, evil),
		filepath.Join(wd, "..", evil),
		filepath.Join(wd, "..", "..", evil),
	}
	existed := map[string]bool{}
	for _, p := range watched {
		_, err := os.Stat(p)
		existed[p] = err == nil
	}

	content := []byte("written where it should not be\n")
	data, err := archivegen.Zip([]archivegen.File{
		{Name: "readme.txt", Data: []byte("a fictional note\n")},
		{Name: "../../" + evil, Data: content},
	}, archivegen.ZipOptions{})
	require.NoError(t, err)

	root := t.TempDir()
	tmp := filepath.Join(root, "a", "b", "c")
	require.NoError(t, os.MkdirAll(tmp, 0o700))
	pkg := filepath.Join(root, "a", "b", "c", "pack.zip")
	require.NoError(t, os.WriteFile(pkg, data, 0o600))

	res := triage(t, "-json", "-ocr=false", "-tmpdir", tmp, pkg)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	rep := decodeReport(t, res.stdout)
	require.Len(t, rep.Items, 2)
	it := item(t, rep, "../../"+evil)
	assert.Contains(t, problemCodes(it.Problems), evidence.ProblemInsecurePath)
	assert.Equal(t, sha256Hex(content), it.SHA256, "the entry is still read and hashed")

	assert.Empty(t, findFiles(t, root, evil), "nothing named %s under the temporary tree", evil)
	for _, p := range watched {
		if existed[p] {
			continue
		}
		_, err := os.Stat(p)
		assert.True(t, errors.Is(err, fs.ErrNotExist), "%s was created", p)
	}
	entries, err := os.ReadDir(tmp)
	require.NoError(t, err)
	require.Len(t, entries, 1, "the private temporary directory is removed")
	assert.Equal(t, "pack.zip", entries[0].Name())
}

func TestEncryptedZip(t *testing.T) {
	t.Parallel()
	secret := []byte("fictional board minutes, 2021-04-12\n")
	data, err := archivegen.Zip([]archivegen.File{{Name: "minutes.txt", Data: secret}},
		archivegen.ZipOptions{Encryption: archivegen.AES256, Password: archivegen.FixturePassword})
	require.NoError(t, err)
	pkg := writeTemp(t, "locked.zip", data)
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "password.txt")
	require.NoError(t, os.WriteFile(pwFile, []byte(archivegen.FixturePassword+"\r\nsecond line is ignored\n"), 0o600))
	wrongFile := filepath.Join(dir, "wrong.txt")
	require.NoError(t, os.WriteFile(wrongFile, []byte("letmein\n"), 0o600))

	tests := []struct {
		name     string
		flags    []string
		problem  string // the problem code the item must carry, "" for none
		readable bool
	}{
		{"no password", nil, evidence.ProblemEncrypted, false},
		{"password", []string{"-password", archivegen.FixturePassword}, "", true},
		{"password file", []string{"-password-file", pwFile}, "", true},
		{"wrong password", []string{"-password", "letmein"}, evidence.ProblemWrongPassword, false},
		{"wrong password file", []string{"-password-file", wrongFile}, evidence.ProblemWrongPassword, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append(append([]string{"-json", "-ocr=false", "-tmpdir", t.TempDir()}, tt.flags...), pkg)
			res := triage(t, args...)
			rep := decodeReport(t, res.stdout)
			if tt.readable {
				require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
				assert.Empty(t, res.stderr)
				assert.NotContains(t, problemCodes(rep.Problems), evidence.ProblemPasswordNeeded)
			} else {
				// Nothing could be read: the report says so, and the
				// command says what to do and exits with its own status.
				require.Equal(t, exitPassword, res.code, "stderr: %s", res.stderr)
				assert.Contains(t, problemCodes(rep.Problems), evidence.ProblemPasswordNeeded)
				assert.Contains(t, res.stderr, "triage: locked.zip: the one entry with content is encrypted and ")
				assert.Contains(t, res.stderr, "-password-file FILE (or -password)")
				assert.NotContains(t, res.stderr, "letmein", "a password is never echoed")
			}
			require.Len(t, rep.Items, 1)
			it := rep.Items[0]
			assert.True(t, it.Encrypted)
			if tt.problem == "" {
				assert.Empty(t, it.Problems)
			} else {
				assert.Contains(t, problemCodes(it.Problems), tt.problem)
			}
			if tt.readable {
				assert.Equal(t, sha256Hex(secret), it.SHA256)
				assert.True(t, it.Complete)
			} else {
				assert.NotEqual(t, sha256Hex(secret), it.SHA256)
				assert.False(t, it.Complete)
			}
		})
	}
}

func TestSizeLimits(t *testing.T) {
	t.Parallel()
	big := orderText(10 << 10)
	data, err := archivegen.Zip([]archivegen.File{
		{Name: "big.csv", Data: big},
		{Name: "small.txt", Data: []byte("short\n")},
	}, archivegen.ZipOptions{})
	require.NoError(t, err)
	pkg := writeTemp(t, "sizes.zip", data)

	tests := []struct {
		name     string
		flags    []string
		wantCode string // problem on big.csv, "" for none
		wantSize int64  // bytes read from big.csv
	}{
		{"default", nil, "", int64(len(big))},
		{"1KiB", []string{"-max-entry-bytes", "1KiB"}, "limit_entry_bytes", 1 << 10},
		{"lower case unit", []string{"-max-entry-bytes", "2kib"}, "limit_entry_bytes", 2 << 10},
		{"above the entry", []string{"-max-entry-bytes", "20KB"}, "", int64(len(big))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append(append([]string{"-json", "-ocr=false", "-tmpdir", t.TempDir()}, tt.flags...), pkg)
			res := triage(t, args...)
			require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
			rep := decodeReport(t, res.stdout)
			b := item(t, rep, "big.csv")
			if tt.wantCode == "" {
				assert.Empty(t, b.Problems)
				assert.Equal(t, sha256Hex(big), b.SHA256)
			} else {
				assert.Contains(t, problemCodes(b.Problems), tt.wantCode)
				assert.False(t, b.Complete)
			}
			assert.LessOrEqual(t, b.Size, tt.wantSize)
			assert.Empty(t, item(t, rep, "small.txt").Problems, "the limit is per entry")
		})
	}
}

func TestProgress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		flags []string
		drawn bool
	}{
		{"always", []string{"-progress", "always"}, true},
		{"never", []string{"-progress", "never"}, false},
		{"auto, not a terminal", nil, false},
		{"quiet wins over always", []string{"-q", "-progress", "always"}, false},
		{"quiet", []string{"-q"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var res result
			if tt.drawn {
				// The bar counts the images read by OCR: the shared
				// run with OCR is `-progress always`.
				res = sampleSummaryWithOCR(t)
			} else {
				res = triage(t, append(append([]string{"-ocr=false", "-tmpdir", t.TempDir()}, tt.flags...), samplePath)...)
			}
			require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
			assert.Contains(t, res.stdout, "fujitsu-proofpack.zip", "the summary is printed either way")
			if tt.drawn {
				assert.Contains(t, res.stderr, "items")
				assert.Contains(t, res.stderr, "\r\x1b[K", "the line is redrawn in place")
				assert.Regexp(t, `OCR [0-5]/5`, res.stderr, "images read by OCR are counted")
				assert.True(t, strings.HasSuffix(res.stderr, "\r\x1b[K"), "the bar is cleared at the end: %q", res.stderr)
			} else {
				assert.Empty(t, res.stderr)
			}
		})
	}
}

func TestSingleFilePackage(t *testing.T) {
	t.Parallel()
	note := []byte("Fictional seller's note: sample of 4GB, password on request.\n")
	pkg := writeTemp(t, "note.txt", note)
	tests := []struct {
		name  string
		flags []string
		check func(t *testing.T, out string)
	}{
		{"summary", nil, func(t *testing.T, out string) {
			assert.Contains(t, lineWith(t, out, "  format  "), "single file (text/plain); 1 item,")
			assert.Contains(t, out, "sha256  "+sha256Hex(note))
		}},
		{"json", []string{"-json"}, func(t *testing.T, out string) {
			rep := decodeReport(t, out)
			assert.Empty(t, rep.Package.Format)
			require.Len(t, rep.Items, 1)
			assert.Equal(t, "note.txt", rep.Items[0].Path)
			assert.Equal(t, sha256Hex(note), rep.Items[0].SHA256)
			assert.Equal(t, "text", rep.Items[0].Kind)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := triage(t, append(append([]string{"-ocr=false", "-tmpdir", t.TempDir()}, tt.flags...), pkg)...)
			require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
			assert.Empty(t, res.stderr)
			tt.check(t, res.stdout)
		})
	}
}

func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"-version"}, &stdout, &stderr)
	assert.Equal(t, 0, code)
	assert.Equal(t, "proofpack "+evidence.Version+"\n", stdout.String())
	assert.Empty(t, stderr.String())
}

func TestStdin(t *testing.T) {
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	tmp := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := runWithInput([]string{"-json", "-ocr=false", "-tmpdir", tmp, "-"}, bytes.NewReader(data), &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	var rep evidence.Report
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep))
	assert.Equal(t, "stdin", rep.Package.Name)
	assert.Equal(t, sha256Hex(data), rep.Package.SHA256)
	assert.Len(t, rep.Items, 19)
	left, err := os.ReadDir(tmp)
	require.NoError(t, err)
	assert.Empty(t, left, "the copy of standard input is removed")
}

// TestStdinName: -name names a package read from standard input, in the
// report and in its items' paths; it is refused for a file and for a
// name that is not a file name.
func TestStdinName(t *testing.T) {
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	var stdout, stderr bytes.Buffer
	code := runWithInput([]string{"-", "-json", "-ocr=false", "-name", "seller-sample.zip"}, bytes.NewReader(data), &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	rep := decodeReport(t, stdout.String())
	assert.Equal(t, "seller-sample.zip", rep.Package.Name)
	require.NotEmpty(t, rep.Items)
	for _, it := range rep.Items {
		assert.True(t, strings.HasPrefix(it.Path, "seller-sample.zip"), it.Path)
	}
	for _, args := range [][]string{
		{"-name", "x.zip", samplePath},
		{"-name", "a/b.zip", "-"},
		{"-name", "", "-"},
		{"-name", "bad\nname", "-"},
	} {
		res := triage(t, args...)
		assert.Equal(t, 2, res.code, "%q: %s", args, res.stderr)
		assert.Contains(t, res.stderr, "-name")
	}
}

func TestSummaryMetadata(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"-ocr=false", samplePath}, &stdout, &stderr), stderr.String())
	out := stdout.String()
	i := strings.Index(out, "\nMETADATA\n")
	require.Positive(t, i, "a METADATA section")
	md := out[i:]
	assert.Contains(t, md, "organisation: 東レ株式会社")
	assert.Contains(t, md, `paths: \\tfs01.toray.local\templates\PO.dotx`)
	assert.Contains(t, md, "software: Greenshot")

	stdout.Reset()
	require.Equal(t, 0, run([]string{"-metadata=false", samplePath}, &stdout, &stderr))
	assert.NotContains(t, stdout.String(), "METADATA")
}

// TestFlagsAfterPackage: flags may follow the package, as with most
// Unix tools; after "--" everything is a package name.
func TestFlagsAfterPackage(t *testing.T) {
	t.Parallel()
	res := triage(t, samplePath, "-json", "-q", "-ocr=false", "-claim", "Fujitsu")
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	rep := decodeReport(t, res.stdout)
	assert.NotEmpty(t, rep.Items)
	assert.Empty(t, res.stderr, "-q after the package is obeyed")

	var c config
	fs := c.flagSet(io.Discard)
	ops, err := parseArgs(fs, []string{"-q", "a.zip", "-json", "--", "-b.zip", "-o"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a.zip", "-b.zip", "-o"}, ops)
	assert.True(t, c.quiet)
	assert.True(t, c.jsonOut)
}
