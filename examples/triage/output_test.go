package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/reportschema"
)

// decodeNDJSON checks the -ndjson output line by line (one object per
// line: {"item":…} lines, then one {"report":…} line without items, last)
// and returns the report they make, items in the order written.
func decodeNDJSON(t *testing.T, out string) *evidence.Report {
	t.Helper()
	require.True(t, strings.HasSuffix(out, "\n"), "NDJSON ends with a newline")
	require.NoError(t, reportschema.ValidateNDJSON([]byte(out)))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var items []evidence.Item
	var rep *evidence.Report
	for i, line := range lines {
		var obj map[string]json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(line), &obj), "line %d: %.200s", i+1, line)
		require.Len(t, obj, 1, "line %d holds one key", i+1)
		if raw, ok := obj["item"]; ok {
			require.Nil(t, rep, "line %d: an item after the report", i+1)
			var it evidence.Item
			require.NoError(t, json.Unmarshal(raw, &it))
			items = append(items, it)
			continue
		}
		raw, ok := obj["report"]
		require.True(t, ok, "line %d is neither an item nor the report", i+1)
		require.Equal(t, len(lines)-1, i, "the report line is the last")
		var keys map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &keys))
		require.NotContains(t, keys, "items")
		rep = &evidence.Report{}
		require.NoError(t, json.Unmarshal(raw, rep))
	}
	require.NotNil(t, rep, "no report line")
	rep.Items = items
	return rep
}

// reportTree is a report as a tree of JSON values to compare: items in
// path order, null and empty lists left out (the same either way), and
// the triage's date and duration, which change from run to run, removed.
func reportTree(t *testing.T, rep *evidence.Report) any {
	t.Helper()
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	var v map[string]any
	require.NoError(t, json.Unmarshal(b, &v))
	if items, ok := v["items"].([]any); ok {
		slices.SortStableFunc(items, func(a, b any) int {
			return cmp.Compare(a.(map[string]any)["path"].(string), b.(map[string]any)["path"].(string))
		})
	}
	delete(v["stats"].(map[string]any), "duration_ms")
	delete(v, "triaged_at")
	return pruneEmpty(v)
}

func pruneEmpty(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			e = pruneEmpty(e)
			if l, ok := e.([]any); e == nil || ok && len(l) == 0 {
				delete(v, k)
				continue
			}
			v[k] = e
		}
	case []any:
		for i := range v {
			v[i] = pruneEmpty(v[i])
		}
	}
	return v
}

// hostilePack is a zip of names and contents that JSON must carry as
// they are: bidi and control characters in names and a mail Subject
// (archivegen.DeceptiveNames, nested), a Shift_JIS name, text with line
// and paragraph separators, a terminal escape, a bidi override, quotes
// and markup, and a long text for the text modes. Organisations are
// fictional.
func hostilePack(t *testing.T) string {
	t.Helper()
	deceptive, err := archivegen.DeceptiveNames()
	require.NoError(t, err)
	strange := "Kitamura Logistics \u2028 line\u2029para \x1b[2J esc \u202e bidi </script><!-- & \"quoted\" \\ back\n"
	data, err := archivegen.Zip([]archivegen.File{
		{Name: "inner/deceptive.zip", Data: deceptive},
		{RawName: []byte("\x8c\xa9\x90\xcf\x8f\x91.txt"), Data: []byte("見積書 of Kitamura Logistics\n")}, // 見積書.txt in Shift_JIS
		{Name: "notes/strange.txt", Data: []byte(strange)},
		{Name: "notes/long.txt", Data: bytes.Repeat([]byte("株式会社北村ロジスティクス 社外秘 "), 400)},
		{Name: "page.html", Data: []byte("<html><head><title>x</script>\u202e</title></head><body>portal.kitamura-logistics.example</body></html>")},
	}, archivegen.ZipOptions{})
	require.NoError(t, err)
	return writeTemp(t, "hostile.zip", data)
}

// TestJSONOutputsMatchAnalyze: -json, -json -pretty and -ndjson give the
// report Analyze gives, item for item and section for section, on the
// sample and on a pack of hostile strings.
func TestJSONOutputsMatchAnalyze(t *testing.T) {
	t.Parallel()
	for _, pkg := range []string{samplePath, hostilePack(t)} {
		want, err := evidence.Analyze(context.Background(), pkg, evidence.Options{Claim: "Fujitsu"})
		require.NoError(t, err)
		wantTree := reportTree(t, want)
		for _, mode := range [][]string{{"-json"}, {"-json", "-pretty"}, {"-ndjson"}, {"-json", "-text", "full"}} {
			t.Run(filepath.Base(pkg)+strings.Join(mode, ""), func(t *testing.T) {
				args := append(append([]string{"-ocr=false", "-claim", "Fujitsu", "-tmpdir", t.TempDir()}, mode...), pkg)
				res := triage(t, args...)
				require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
				assert.Empty(t, res.stderr)
				var got *evidence.Report
				switch mode[len(mode)-1] {
				case "-ndjson":
					got = decodeNDJSON(t, res.stdout)
				case "-pretty":
					assert.True(t, strings.HasPrefix(res.stdout, "{\n  \"items\": [\n    {\n      \"path\": "), "%.80q", res.stdout)
					got = decodeReport(t, res.stdout)
				default:
					assert.True(t, strings.HasPrefix(res.stdout, `{"items":[{"path":`), "compact: %.80q", res.stdout)
					assert.Equal(t, 1, strings.Count(res.stdout, "\n"), "compact: one line")
					got = decodeReport(t, res.stdout)
				}
				require.Len(t, got.Items, len(want.Items))
				assert.Equal(t, wantTree, reportTree(t, got))
			})
		}
	}
}

// TestTextModes: -text chooses how much item text the JSON holds, and
// attribution reads all of it whatever the mode.
func TestTextModes(t *testing.T) {
	t.Parallel()
	pkg := hostilePack(t)
	long := strings.Repeat("株式会社北村ロジスティクス 社外秘 ", 400)
	var attribution any
	for _, mode := range []string{"full", "snippet", "none"} {
		for _, format := range []string{"-json", "-ndjson"} {
			t.Run(mode+format, func(t *testing.T) {
				res := triage(t, "-ocr=false", format, "-text", mode, "-tmpdir", t.TempDir(), pkg)
				require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
				var rep *evidence.Report
				if format == "-ndjson" {
					rep = decodeNDJSON(t, res.stdout)
				} else {
					rep = decodeReport(t, res.stdout)
				}
				it := item(t, rep, "notes/long.txt")
				short := item(t, rep, "notes/strange.txt")
				switch mode {
				case "full":
					assert.Equal(t, long, it.Text)
					assert.False(t, it.TextTruncated)
				case "snippet":
					assert.LessOrEqual(t, len(it.Text), render.SnippetBytes)
					assert.Greater(t, len(it.Text), render.SnippetBytes-4)
					assert.True(t, strings.HasPrefix(long, it.Text))
					assert.True(t, it.TextTruncated)
					assert.Contains(t, short.Text, "Kitamura Logistics \u2028 line", "a short text is whole")
					assert.False(t, short.TextTruncated)
				case "none":
					for _, it := range rep.Items {
						assert.Empty(t, it.Text, it.Path)
					}
					assert.True(t, it.TextTruncated)
					assert.True(t, short.TextTruncated)
				}
				// The attribution is the same in every mode.
				tree := reportTree(t, &evidence.Report{Attribution: rep.Attribution, Stats: rep.Stats})
				if attribution == nil {
					attribution = tree
				}
				assert.Equal(t, attribution, tree)
			})
		}
	}
}

func TestOutputFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"json and ndjson", []string{"-json", "-ndjson"}, 2, "choose one"},
		{"pretty without json", []string{"-pretty"}, 2, "-pretty"},
		{"pretty ndjson", []string{"-ndjson", "-pretty"}, 2, "one object per line"},
		{"unknown text mode", []string{"-json", "-text", "some"}, 2, `-text must be none, snippet or full, not "some"`},
		{"text mode is lower case", []string{"-json", "-text", "FULL"}, 2, "-text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := triage(t, append(append([]string{"-ocr=false"}, tt.args...), samplePath)...)
			assert.Equal(t, tt.code, res.code)
			assert.Empty(t, res.stdout)
			assert.Contains(t, res.stderr, tt.stderr)
		})
	}
}

// TestOutputIsNotThePackage: -o, -html or -md naming the package (or a
// link to it) would overwrite the evidence; -o is created before the
// package is read.
func TestOutputIsNotThePackage(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	dir := t.TempDir()
	pkg := filepath.Join(dir, "pack.zip")
	require.NoError(t, os.WriteFile(pkg, data, 0o600))
	link := filepath.Join(dir, "link.zip")
	require.NoError(t, os.Symlink(pkg, link))
	hard := filepath.Join(dir, "hard.zip")
	require.NoError(t, os.Link(pkg, hard))
	for _, args := range [][]string{{"-json", "-o", pkg}, {"-o", link}, {"-html", hard}, {"-md", pkg}} {
		res := triage(t, append(append([]string{"-ocr=false"}, args...), pkg)...)
		assert.Equal(t, 2, res.code, "%v", args)
		assert.Contains(t, res.stderr, "is the PACKAGE", "%v", args)
	}
	after, err := os.ReadFile(pkg)
	require.NoError(t, err)
	assert.Equal(t, data, after, "the package is untouched")
}

// TestOutputFileOfNoReport: a package that cannot be opened leaves no
// empty -o file behind; an existing one is truncated, as by a shell.
func TestOutputFileOfNoReport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	res := triage(t, "-ocr=false", "-json", "-o", out, filepath.Join(dir, "missing.zip"))
	assert.Equal(t, 1, res.code)
	assert.NoFileExists(t, out)
}

// errPipe stands for the error of a write to a pipe whose reader left.
var errPipe = syscall.EPIPE

// brokenWriter takes n bytes, then fails with EPIPE.
type brokenWriter struct {
	n       int
	written int
	writes  int
}

func (w *brokenWriter) Write(p []byte) (int, error) {
	w.writes++
	if len(p) <= w.n-w.written {
		w.written += len(p)
		return len(p), nil
	}
	k := w.n - w.written
	w.written = w.n
	return k, errPipe
}

// TestBrokenOutput: an output that fails ends the command with status 1
// and says so on standard error, in every format, and the JSON writer
// stops at the first failure.
func TestBrokenOutput(t *testing.T) {
	t.Parallel()
	for _, format := range [][]string{{"-ndjson"}, {"-json"}, nil} {
		t.Run(strings.Join(format, ""), func(t *testing.T) {
			t.Parallel()
			w := &brokenWriter{n: 100}
			var stderr bytes.Buffer
			args := append(append([]string{"-ocr=false", "-tmpdir", t.TempDir()}, format...), samplePath)
			code := runWithInput(args, nil, w, &stderr)
			assert.Equal(t, 1, code)
			assert.Contains(t, stderr.String(), "triage: writing output: broken pipe")
			assert.LessOrEqual(t, w.writes, 2, "no write after the first failure")
		})
	}
}

// TestStdoutClosedEarly runs the command as a process whose standard
// output is a pipe closed after the first line (triage -ndjson PACK |
// head -1): it ends with status 1, no panic and no SIGPIPE, and removes
// its temporary files.
func TestStdoutClosedEarly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGPIPE on Windows")
	}
	t.Parallel()
	// 400 items make 400 KB of NDJSON, more than a pipe holds: the
	// writes after the reader left must fail.
	var files []archivegen.File
	for i := range 400 {
		files = append(files, archivegen.File{Name: fmt.Sprintf("logs/f%04d.txt", i), Data: orderText(200 + i%300)})
	}
	data, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	pkg := writeTemp(t, "many.zip", data)
	tmp := t.TempDir()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe, "-ndjson", "-ocr=false", pkg)
	cmd.Env = append(os.Environ(), asTriageEnv+"=1", "TMPDIR="+tmp)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(line, `{"item":{`), line)
	require.NoError(t, stdout.Close()) // the reader leaves
	err = cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "the command fails: %v; stderr: %s", err, stderr.String())
	assert.Equal(t, 1, exit.ExitCode(), "status 1, not killed by SIGPIPE; stderr: %s", stderr.String())
	assert.Contains(t, stderr.String(), "broken pipe")
	assert.NotContains(t, stderr.String(), "panic")
	left, err := os.ReadDir(tmp)
	require.NoError(t, err)
	assert.Empty(t, left, "temporary files are removed")
}

// TestProgressOnStderr: with -ndjson and the progress bar, standard
// output holds only the JSON lines, and the bar and notes go to standard
// error.
func TestProgressOnStderr(t *testing.T) {
	t.Parallel()
	res := triage(t, "-ocr=false", "-ndjson", "-progress", "always", "-claim", "Nowhere Trading", "-tmpdir", t.TempDir(), samplePath)
	require.Equal(t, 0, res.code, res.stderr)
	rep := decodeNDJSON(t, res.stdout)
	assert.Len(t, rep.Items, 19)
	assert.Contains(t, res.stderr, "items")
	assert.Contains(t, res.stderr, "\r\x1b[K")
	assert.Contains(t, res.stderr, "is in no organisation profile")
	assert.NotContains(t, res.stdout, "\x1b")
}

// TestHTMLKeepsItemsBesideJSON: -html and -md keep the items for the
// pages, beside a JSON or NDJSON output that streamed them.
func TestHTMLKeepsItemsBesideJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	md := filepath.Join(dir, "r.md")
	res := triage(t, "-ocr=false", "-ndjson", "-md", md, "-tmpdir", t.TempDir(), samplePath)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Len(t, decodeNDJSON(t, res.stdout).Items, 19)
	b, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.Contains(t, string(b), "営業本部/受注一覧.txt", "the Markdown lists the items")
}
