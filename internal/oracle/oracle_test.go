package oracle

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// helperEnv makes the test binary act as a fake outside tool (see
// TestMain), so that update mode is tested without any real tool.
const helperEnv = "PROOFPACK_ORACLE_FAKE_TOOL"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		os.Exit(fakeTool(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// fakeTool prints what a tool like exiftool prints, writes a file and
// exits with the status given as first argument.
func fakeTool(args []string) int {
	if len(args) == 1 && args[0] == "-ver" {
		fmt.Println("99.5")
		return 0
	}
	wd, _ := os.Getwd()
	in, err := os.ReadFile(args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 9
	}
	if err := os.WriteFile("out.txt", []byte("read "+string(in)+" in "+wd+"\n"), 0o600); err != nil {
		return 9
	}
	fmt.Printf(`[{"SourceFile":%q,"File:Directory":%q,"File:FileModifyDate":"2026:01:01 00:00:00+00:00","ExifTool:ExifToolVersion":99.5,"XML:Company":"A & B <C>","XMP:Rating":5.0,"File:FileName":%q}]`+"\n",
		filepath.Join(wd, args[1]), wd, args[1])
	fmt.Fprintf(os.Stderr, "warning from %s\n", wd)
	var code int
	fmt.Sscan(args[0], &code)
	return code
}

// fakeTool returns a Tool that runs this test binary as the fake tool.
func fakeToolSpec(t *testing.T, golden string, data []byte, exit string) Spec {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	tool := &Tool{Name: exe, Packages: []string{"fake-pkg"}, JSON: true, FileText: true,
		VersionOf: func(ctx context.Context, bin string) (string, error) {
			cmd := exec.CommandContext(ctx, bin, "-ver")
			cmd.Env = append(os.Environ(), helperEnv+"=1")
			out, err := cmd.Output()
			return strings.TrimSpace(string(out)), err
		}}
	return Spec{Tool: tool, Args: []string{exit, In}, Env: []string{helperEnv + "=1"}, Name: "in.docx", Data: data, Golden: golden}
}

func TestRecordThenLoad(t *testing.T) {
	golden := filepath.Join(t.TempDir(), "oracle", "in.docx.fake.json")
	spec := fakeToolSpec(t, golden, []byte("payload"), "0")
	require.NoError(t, record(context.Background(), spec))

	rec, err := Load(spec)
	require.NoError(t, err)
	assert.Equal(t, "99.5", rec.Version)
	assert.Equal(t, []string{"0", "in.docx"}, rec.Args)
	assert.Equal(t, []string{helperEnv + "=1"}, rec.Env)
	assert.Equal(t, sha256Hex([]byte("payload")), rec.InputSHA256)
	assert.Equal(t, 0, rec.ExitCode)
	tags, err := rec.ExiftoolTags()
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"XML:Company": "A & B <C>", "XMP:Rating": 5.0, "File:FileName": "in.docx"}, tags,
		"file-system and run tags dropped")
	assert.Contains(t, string(rec.JSON), `"XMP:Rating": 5.0`, "numbers keep exiftool's spelling")
	assert.Equal(t, "warning from {tmp}\n", rec.Stderr())
	txt, ok := rec.Text("out.txt")
	require.True(t, ok)
	assert.Equal(t, "read payload in {tmp}\n", txt)

	b, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Contains(t, string(b), "\n  \"tool\": ", "indented")
	assert.Contains(t, string(b), "A & B <C>", "no HTML escapes")
	assert.NotContains(t, string(b), "/oracle-", "no temporary path")

	// Recording again gives the same bytes.
	require.NoError(t, record(context.Background(), spec))
	again, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))

	// A failing run is recorded with its status and without JSON.
	spec2 := fakeToolSpec(t, filepath.Join(t.TempDir(), "fail.json"), []byte("payload"), "2")
	require.NoError(t, record(context.Background(), spec2))
	rec, err = Load(spec2)
	require.NoError(t, err)
	assert.Equal(t, 2, rec.ExitCode)
	assert.Nil(t, rec.JSON)
	assert.Contains(t, rec.Stdout(), "XML:Company")
}

func TestLoadStale(t *testing.T) {
	dir := t.TempDir()
	golden := filepath.Join(dir, "in.docx.fake.json")
	spec := fakeToolSpec(t, golden, []byte("payload"), "0")
	require.NoError(t, writeGolden(golden, &Record{Tool: spec.Tool.Name, Args: spec.args(), Env: spec.Env,
		Input: "in.docx", InputSHA256: sha256Hex([]byte("payload")), StdoutLines: []string{"ok", ""}}))
	rec, err := Load(spec)
	require.NoError(t, err)
	assert.Equal(t, "ok\n", rec.Stdout())

	tests := []struct {
		name   string
		modify func(*Spec)
		want   []string
	}{
		{"missing", func(s *Spec) { s.Golden = filepath.Join(dir, "none.json") },
			[]string{"no golden", "none.json", "make oracles"}},
		{"input changed", func(s *Spec) { s.Data = []byte("payload 2") },
			[]string{"fixture", "changed", sha256Hex([]byte("payload")), sha256Hex([]byte("payload 2")), "make oracles", UpdateEnv + "=1"}},
		{"renamed", func(s *Spec) { s.Name = "other.docx" }, []string{"other.docx", "make oracles"}},
		{"arguments changed", func(s *Spec) { s.Args = []string{"1", In} }, []string{"arguments", "make oracles"}},
		{"environment changed", func(s *Spec) { s.Env = nil }, []string{"env", "make oracles"}},
		{"other tool", func(s *Spec) { s.Tool = Exiftool }, []string{"exiftool", "make oracles"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := spec
			tc.modify(&s)
			_, err := Load(s)
			require.ErrorIs(t, err, ErrStale)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}

	t.Run("oversized", func(t *testing.T) {
		big := filepath.Join(dir, "big.json")
		require.NoError(t, os.WriteFile(big, make([]byte, maxGoldenBytes+1), 0o600))
		s := spec
		s.Golden = big
		_, err := Load(s)
		require.Error(t, err)
		assert.NotErrorIs(t, err, ErrStale)
	})
}

func TestGoldenPath(t *testing.T) {
	assert.Equal(t, filepath.Join("testdata", "office", "oracle", "lo_po.docx.exiftool.json"),
		Golden(filepath.Join("testdata", "office", "lo_po.docx"), Exiftool, ""))
	assert.Equal(t, filepath.Join("t", "oracle", "a.jpg.exiftool-validate.json"),
		Golden(filepath.Join("t", "a.jpg"), Exiftool, "exiftool-validate"))
}

func TestReadyNamesPackages(t *testing.T) {
	missing := &Tool{Name: "proofpack-no-such-tool", Packages: []string{"pkg-a", "pkg-b"}}
	_, err := missing.ready(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not installed")
	assert.Contains(t, err.Error(), "pkg-a pkg-b")

	exe, err := os.Executable()
	require.NoError(t, err)
	incapable := &Tool{Name: exe, Packages: []string{"libarchive-zip-perl"},
		Probe: func(context.Context, string) error { return errors.New("it reads no OOXML properties") }}
	_, err = incapable.ready(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reads no OOXML")
	assert.Contains(t, err.Error(), "libarchive-zip-perl")

	for _, tool := range Tools() {
		assert.NotEmpty(t, tool.Packages, tool.Name)
		assert.NotNil(t, tool.VersionOf, tool.Name)
	}
}

func TestNormaliseExiftoolJSON(t *testing.T) {
	in := `[{
  "SourceFile": "/tmp/oracle-123/a.docx",
  "ExifToolVersion": 12.57,
  "FileName": "a.docx",
  "Directory": "/tmp/oracle-123",
  "FileSize": 1234,
  "FileModifyDate": "2026:05:01 10:00:00+00:00",
  "FileAccessDate": "2026:05:01 10:00:00+00:00",
  "FileInodeChangeDate": "2026:05:01 10:00:00+00:00",
  "FilePermissions": 100600,
  "Title": "x & <y>",
  "AppVersion": 16.0000,
  "Keywords": ["b", "a"],
  "Company": "東レ"
}]`
	got, err := normaliseExiftoolJSON([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, `[{"AppVersion":16.0000,"Company":"東レ","FileName":"a.docx","FileSize":1234,"Keywords":["b","a"],"Title":"x & <y>"}]`, string(got))

	grouped := `[{"SourceFile":"a","File:Directory":".","File:FileModifyDate":"x","ExifTool:ExifToolVersion":1,"XML:Company":"c"}]`
	got, err = normaliseExiftoolJSON([]byte(grouped))
	require.NoError(t, err)
	assert.Equal(t, `[{"XML:Company":"c"}]`, string(got))

	_, err = normaliseExiftoolJSON([]byte("Error: File not found"))
	assert.Error(t, err)
}

func TestNormaliseMIME(t *testing.T) {
	run := func(outer, inner, cid string) string {
		return "Content-Type: multipart/mixed; boundary=" + outer + "\n\n--" + outer +
			"\nContent-ID: <" + cid + "@host>\nContent-Type: multipart/mixed; boundary=\"" + inner + "\"\n\n--" + inner +
			"\nContent-ID: \n\n--" + inner + "--\n--" + outer + "--\n"
	}
	a := normaliseMIME(run("17966110880.bfd88.27339", "17966110880.bfd88.273391", "1.aA48d.27339"))
	b := normaliseMIME(run("17966110890.36123fFb.27397", "17966110890.36123fFb.273971", "2.392386b.27397"))
	assert.Equal(t, a, b)
	assert.Equal(t, "Content-Type: multipart/mixed; boundary=boundary-1\n\n--boundary-1\nContent-ID: <content-id-1>\n"+
		"Content-Type: multipart/mixed; boundary=\"boundary-2\"\n\n--boundary-2\nContent-ID: \n\n--boundary-2--\n--boundary-1--\n", a)
}

func TestNormalise7zz(t *testing.T) {
	out := "\n7-Zip (z) 26.02 (x64) : Copyright (c) 1999-2026 Igor Pavlov : 2026-06-25\n 64-bit locale=C.UTF-8 Threads:2 OPEN_MAX:20000\n\nEverything is Ok\n"
	assert.Equal(t, "\n\nEverything is Ok\n", normalise7zz(out))
}

func TestRecordRefusesPaths(t *testing.T) {
	spec := fakeToolSpec(t, filepath.Join(t.TempDir(), "g.json"), nil, "0")
	for _, name := range []string{"", "../x", "a/b", "..", `a\b`} {
		spec.Name = name
		err := record(context.Background(), spec)
		require.Error(t, err, name)
		assert.True(t, strings.Contains(err.Error(), "base name"), err.Error())
	}
}

func TestEscapeInvalid(t *testing.T) {
	assert.Equal(t, "見積書.txt", escapeInvalid("見積書.txt"))
	assert.Equal(t, `\x8c\xa9.txt é`, escapeInvalid("\x8c\xa9.txt é"))
	assert.Equal(t, []string{`a\xff`, "b", ""}, lines("a\xff\nb\n"))
	assert.Nil(t, lines(""))
}

// TestRunNeedsNoTool runs Run as the unit tests do, with no program on
// PATH: it reads the golden and executes nothing.
func TestRunNeedsNoTool(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(UpdateEnv, "")
	golden := filepath.Join(t.TempDir(), "a.pdf.pdfinfo.json")
	data := []byte("%PDF-1.4\n%%EOF\n")
	spec := Spec{Tool: Pdfinfo, Args: []string{In}, Name: "a.pdf", Data: data, Golden: golden}
	require.NoError(t, writeGolden(golden, &Record{Tool: "pdfinfo", Version: "22.12.0", Args: []string{"a.pdf"},
		Input: "a.pdf", InputSHA256: sha256Hex(data), StdoutLines: []string{"Pages:           1", ""}}))
	rec := Run(t, spec)
	assert.Equal(t, "Pages:           1\n", rec.Stdout())
}
