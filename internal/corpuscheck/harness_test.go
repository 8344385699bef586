package corpuscheck

import (
	"github.com/proofpack/proofpack/internal/sandbox"

	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/exifcompare"
)

// fakeChildEnv makes the test binary act as a triage command that
// misbehaves as its value says (see fakeChild).
const fakeChildEnv = "CORPUSCHECK_FAKE_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(fakeChildEnv); mode != "" {
		os.Exit(fakeChild(mode))
	}
	os.Exit(m.Run())
}

// fakeChild plays one run of the triage command.
func fakeChild(mode string) int {
	report := func() { fmt.Println(`{"schema_version":"1","items":[{"path":"x","depth":0,"mime":"text/plain"}]}`) }
	switch mode {
	case "clean":
		// What the library does: a private directory in TMPDIR, removed.
		dir, err := os.MkdirTemp("", "proofpack-")
		if err != nil {
			return 3
		}
		_ = os.WriteFile(filepath.Join(dir, "spool"), []byte("x"), 0o600)
		os.RemoveAll(dir)
		report()
		return 0
	case "write-cwd":
		_ = os.WriteFile("extracted.bin", []byte("escaped"), 0o600)
		report()
		return 0
	case "write-home":
		_ = os.MkdirAll(filepath.Join(os.Getenv("HOME"), ".cache"), 0o700)
		_ = os.WriteFile(filepath.Join(os.Getenv("HOME"), ".cache", "x"), nil, 0o600)
		report()
		return 0
	case "leave-tmp":
		dir, _ := os.MkdirTemp("", "proofpack-")
		_ = os.WriteFile(filepath.Join(dir, "spool"), []byte("x"), 0o600)
		report()
		return 0
	case "panic":
		panic("index out of range [3] with length 3")
	case "sleep":
		time.Sleep(time.Minute)
		return 0
	case "spin":
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		}
		return 0
	case "unreadable":
		report()
		fmt.Fprintln(os.Stderr, "triage: evidence: package unreadable: unpack: corrupt archive")
		return 1
	case "usage":
		fmt.Fprintln(os.Stderr, "triage: need exactly one PACKAGE")
		return 2
	}
	return 3
}

// runFake runs the test binary as a fake triage command.
func runFake(t *testing.T, mode string, maxCPU, maxWall time.Duration) (sandbox.Result, outcome) {
	t.Helper()
	if !sandbox.Supported {
		t.Skip("needs Linux")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	r := sandbox.Child{Bin: exe, Scratch: t.TempDir(), MaxCPU: maxCPU, MaxWall: maxWall, RSSGuard: rssGuard, AddressSpace: addressSpaceCap, Env: []string{fakeChildEnv + "=" + mode}}.Run(t.Context())
	require.NoError(t, r.Err)
	return r, classify(r)
}

func TestChildSandbox(t *testing.T) {
	tests := []struct {
		mode      string
		status    Status
		leftovers []string
		failure   string // a part of the one failure expected, "" for none
	}{
		{mode: "clean", status: StatusTriaged},
		{mode: "write-cwd", status: StatusTriaged, leftovers: []string{"cwd/extracted.bin (7 bytes)"}, failure: "wrote outside"},
		{mode: "write-home", status: StatusTriaged, leftovers: []string{"HOME/.cache/", "HOME/.cache/x (0 bytes)"}, failure: "wrote outside"},
		{mode: "leave-tmp", status: StatusTriaged, failure: "TMPDIR/proofpack-"},
		{mode: "panic", status: StatusCrash, failure: "crash: panic: index out of range"},
		{mode: "unreadable", status: StatusUnreadable},
		{mode: "usage", status: StatusOtherExit, failure: "undocumented outcome: exit 2: need exactly one PACKAGE"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			r, o := runFake(t, tt.mode, 0, 0)
			assert.Equal(t, tt.status, o.Status, "stderr: %s", r.Stderr)
			if tt.leftovers != nil {
				assert.Equal(t, tt.leftovers, r.Leftovers)
			}
			if tt.failure == "" {
				assert.Empty(t, o.Failures)
				assert.NotNil(t, o.Report, "the JSON report is read")
				return
			}
			require.Len(t, o.Failures, 1)
			assert.Contains(t, o.Failures[0], tt.failure)
		})
	}
}

func TestChildTimeout(t *testing.T) {
	r, o := runFake(t, "spin", 200*time.Millisecond, time.Minute)
	assert.True(t, r.TimedOut)
	assert.Equal(t, StatusTimeout, o.Status)
	require.Len(t, o.Failures, 1)
	assert.Contains(t, o.Failures[0], "of CPU time")
	assert.Empty(t, r.Leftovers, "a killed run's TMPDIR is not held against it")
}

func TestChildHung(t *testing.T) {
	r, o := runFake(t, "sleep", time.Minute, 200*time.Millisecond)
	assert.True(t, r.Hung)
	assert.Equal(t, StatusHung, o.Status)
	require.Len(t, o.Failures, 1)
	assert.Contains(t, o.Failures[0], "hung: killed after")
}

func TestClassify(t *testing.T) {
	dir := t.TempDir()
	withReport := filepath.Join(dir, "report.json")
	require.NoError(t, os.WriteFile(withReport, []byte(`{"items":[]}`), 0o600))
	locked := filepath.Join(dir, "locked.json")
	require.NoError(t, os.WriteFile(locked, []byte(`{"items":[],"problems":[{"code":"password_needed","detail":"x"}]}`), 0o600))
	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.WriteFile(empty, nil, 0o600))

	tests := []struct {
		name     string
		r        sandbox.Result
		status   Status
		failures []string // parts of each failure, in order
	}{
		{"triaged", sandbox.Result{Exit: 0, Stdout: withReport, MaxRSS: 90 << 20}, StatusTriaged, nil},
		{"triaged but no JSON", sandbox.Result{Exit: 0, Stdout: empty}, StatusTriaged, []string{"without a readable JSON report"}},
		{"over the RSS bound", sandbox.Result{Exit: 0, Stdout: withReport, MaxRSS: 700 << 20}, StatusTriaged, []string{"peak RSS 700 MiB > 512 MiB"}},
		{"memory guard", sandbox.Result{Exit: -1, Signal: "SIGKILL", RSSGuard: true, MaxRSS: 1030 << 20}, StatusMemory, []string{"killed when it passed 1024 MiB"}},
		{"unreadable", sandbox.Result{Exit: 1, Stdout: withReport, Stderr: "triage: evidence: package unreadable: unpack: truncated\n"}, StatusUnreadable, nil},
		{"cannot open", sandbox.Result{Exit: 1, Stdout: empty, Stderr: "triage: evidence: cannot open package: permission denied\n"}, StatusNotOpened, nil},
		{"unreadable after a hint", sandbox.Result{Exit: 1, Stdout: withReport, Stderr: "triage: p.part2.rar: volume 2 of a multi-volume RAR archive; volume p.part1.rar missing\ntriage: evidence: package unreadable: unpack: corrupt archive\n"},
			StatusUnreadable, nil},
		{"password needed", sandbox.Result{Exit: 3, Stdout: locked, Stderr: "triage: p.zip: all 2 entries with content are encrypted and no password was given\n"}, StatusPasswordNeeded, nil},
		{"status 3 without its problem", sandbox.Result{Exit: 3, Stdout: withReport, Stderr: "triage: p.zip: all 2 entries\n"}, StatusPasswordNeeded,
			[]string{"exit 3 (password needed) without the problem password_needed"}},
		{"status 1 for another reason", sandbox.Result{Exit: 1, Stdout: withReport, Stderr: "triage: warning: x\ntriage: writing output: broken pipe\n"}, StatusOtherExit,
			[]string{"undocumented outcome: exit 1: writing output: broken pipe"}},
		{"go runtime fatal error", sandbox.Result{Exit: 2, Stdout: empty, Stderr: "fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\n"}, StatusCrash,
			[]string{"crash: fatal error: runtime: out of memory [under the 4 GiB address-space cap]"}},
		{"segfault in C", sandbox.Result{Exit: -1, Signal: "SIGSEGV", Stdout: empty}, StatusCrash, []string{"crash: killed by SIGSEGV"}},
		{"timeout", sandbox.Result{Exit: -1, Signal: "SIGKILL", TimedOut: true, CPU: 60 * time.Second, Duration: 70 * time.Second}, StatusTimeout,
			[]string{"over 1m0s: killed after 1m0s of CPU time (1m10s wall-clock)"}},
		{"hung", sandbox.Result{Exit: -1, Signal: "SIGKILL", Hung: true, CPU: time.Second, Duration: 5 * time.Minute}, StatusHung,
			[]string{"hung: killed after 5m0s wall-clock, having used 1s of CPU time"}},
		{"leftovers", sandbox.Result{Exit: 0, Stdout: withReport, Leftovers: []string{"cwd/a (1 bytes)"}}, StatusTriaged, []string{"wrote outside the library's temporary directory (or left it behind): cwd/a (1 bytes)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := classify(tt.r)
			assert.Equal(t, tt.status, o.Status)
			require.Len(t, o.Failures, len(tt.failures), "%q", o.Failures)
			for i, f := range tt.failures {
				assert.Contains(t, o.Failures[i], f)
			}
		})
	}
}

// TestAgreement compares a fabricated report with a fabricated exiftool
// record: one field agrees, one differs in an intended way, one differs,
// one is missing, and one only we read does not count.
func TestAgreement(t *testing.T) {
	recs, err := exifcompare.ParseRecords([]byte(`[
	{"SourceFile":"./src/photo.jpg","File:MIMEType":"image/jpeg","EXIF:Artist":"Taro Yamada",
	 "EXIF:Copyright":"(c) 2021 Example Fibres K.K.","EXIF:Software":"GIMP 2.10","EXIF:Make":"Canon","EXIF:Model":"Canon EOS R5"},
	{"SourceFile":"./src/raw.crw","File:MIMEType":"image/x-canon-crw","EXIF:Make":"Canon","EXIF:Model":"Canon PowerShot"},
	{"SourceFile":"./src/archive.zip","File:MIMEType":"application/zip","ZIP:ZipFileName":"a.txt"}]`))
	require.NoError(t, err)
	byPath := map[string]exifcompare.Tags{}
	for _, r := range recs {
		byPath[strings.TrimPrefix(r["SourceFile"].(string), "./")] = r
	}
	photo := &evidence.Report{Items: []evidence.Item{{Path: "photo.jpg", Depth: 0, MIME: "image/jpeg", Kind: "image",
		Metadata: meta.Metadata{Authors: []string{"Taro Yamada"}, Organisation: "Example Fibres K.K.", Software: "GIMP",
			Title: "only ours"}}}}
	raw := &evidence.Report{Items: []evidence.Item{{Path: "raw.crw", Depth: 0, MIME: "application/octet-stream", Kind: "other"}}}
	zipped := &evidence.Report{Package: evidence.Package{MIME: "application/zip", Format: "zip"},
		Items: []evidence.Item{{Path: "archive.zip!/a.txt", Depth: 1, MIME: "text/plain"}}}

	a := newAgreement()
	a.add("src/photo.jpg", photo, byPath["src/photo.jpg"])
	a.add("src/raw.crw", raw, byPath["src/raw.crw"])
	a.add("src/archive.zip", zipped, byPath["src/archive.zip"])
	a.add("src/gone.txt", nil, nil)

	assert.Equal(t, tally{Files: 2, Fields: 5, Agree: 1, Intended: 1, Differ: 1, Missing: 2}, *a.ByFamily[exifcompare.FamilyImage])
	assert.Equal(t, 2, a.Total.Files)
	assert.Equal(t, 5, a.Total.Fields, "Authors, Organisation, Software, Camera of the photo; Camera of the raw file")
	assert.Equal(t, 1, a.Total.Agree)
	assert.Equal(t, 1, a.Total.Intended, "the copyright holder")
	assert.Equal(t, 1, a.Total.Differ, "Software")
	assert.Equal(t, 2, a.Total.Missing, "the photo's camera, and the raw file we did not type")
	assert.InDelta(t, 40.0, a.Total.Rate(), 1e-9)
	assert.Equal(t, 1, a.ByExiftool)
	assert.Equal(t, []string{"src/gone.txt"}, a.NoRecord)
	worst := a.worst(10)
	require.Len(t, worst, 2)
	assert.Equal(t, "src/photo.jpg", worst[0].Path)
	assert.Equal(t, `Software ours "GIMP" exiftool "GIMP 2.10"; Camera ours - exiftool "Canon EOS R5"`, worst[0].missed())

	var out strings.Builder
	p := &pass{Files: 4, Problems: map[string]int{}, Agreement: a}
	p.print(&out)
	assert.Contains(t, out.String(), "agreement: 40.0 % (2 of 5 fields")
}

func TestSnapshotsFindAChange(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(f, []byte("one"), 0o600))
	before, err := snapshot(dir)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(f, []byte("three"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.txt"), nil, 0o600))
	after, err := snapshot(dir)
	require.NoError(t, err)
	var got []string
	for _, line := range diffSnapshots(before, after) {
		name, _, _ := strings.Cut(line, "\t")
		got = append(got, name)
	}
	// The directory's own line changes too: its mtime moved.
	assert.Equal(t, []string{"- .", "- a.txt", "+ .", "+ a.txt", "+ b.txt"}, got)
}

func TestReportParses(t *testing.T) {
	// The JSON the command writes reads back into evidence.Report.
	b, err := json.Marshal(evidence.Report{Items: []evidence.Item{{Path: "a", Depth: 0, MIME: "image/png"}}})
	require.NoError(t, err)
	f := filepath.Join(t.TempDir(), "r.json")
	require.NoError(t, os.WriteFile(f, b, 0o600))
	rep, err := readReport(f)
	require.NoError(t, err)
	it, ok := topItem(rep)
	assert.True(t, ok)
	assert.Equal(t, "image/png", it.MIME)
}

// TestProblemLosses: a top-level item with a metadata problem that loses
// a field exiftool reads is counted, and fails the check unless
// explainedProblemLosses gives the reason; one that loses nothing, or
// whose problem is not of its metadata, is not; a file walked as an
// archive is judged by the package's problems.
func TestProblemLosses(t *testing.T) {
	tags := exifcompare.Tags{"File:MIMEType": "application/pdf", "PDF:Author": "Aiko Ueda", "PDF:Title": "Minutes"}
	item := func(authors []string, problems ...evidence.Problem) *evidence.Report {
		return &evidence.Report{Items: []evidence.Item{{Path: "x.pdf", Depth: 0, MIME: "application/pdf", Kind: "pdf",
			Metadata: meta.Metadata{Authors: authors, Title: "Minutes"}, Problems: problems}}}
	}
	malformed := evidence.Problem{Code: evidence.ProblemMetadata, Detail: "pdf: meta: malformed metadata: x"}
	other := evidence.Problem{Code: evidence.ProblemTrailingData, Detail: "bytes after the end"}

	l, ok := lostToProblem("a/lost.pdf", item(nil, malformed), tags)
	require.True(t, ok)
	assert.Equal(t, 2, l.Fields)
	assert.Equal(t, 1, l.Lost)
	assert.Equal(t, []string{`Authors ours - exiftool "Aiko Ueda"`}, l.Missed)
	assert.Equal(t, []string{"metadata_malformed: pdf: meta: malformed metadata: x"}, l.Details)

	kept, ok := lostToProblem("a/kept.pdf", item([]string{"Aiko Ueda"}, malformed), tags)
	require.True(t, ok)
	assert.Equal(t, 0, kept.Lost)
	_, ok = lostToProblem("a/other.pdf", item(nil, other), tags)
	assert.False(t, ok, "not a problem of the metadata")
	_, ok = lostToProblem("a/none.pdf", item(nil, malformed), nil)
	assert.False(t, ok, "exiftool has no record")

	archive := &evidence.Report{Package: evidence.Package{MIME: "application/zip", Format: "zip"},
		Problems: []evidence.Problem{{Code: evidence.ProblemXMLDTD, Detail: "identify: refused"}},
		Items:    []evidence.Item{{Path: "x.ooxml!/docProps/core.xml", Depth: 1, MIME: "application/xml"}}}
	zl, ok := lostToProblem("a/x.ooxml", archive,
		exifcompare.Tags{"File:MIMEType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "XML:CreateDate": "2014:02:06 14:56:00Z"})
	require.True(t, ok)
	assert.Equal(t, 1, zl.Lost)

	assert.Empty(t, checkProblemLosses([]problemLoss{kept}))
	bad := checkProblemLosses([]problemLoss{l, kept})
	require.Len(t, bad, 1)
	assert.Contains(t, bad[0], "a/lost.pdf loses Authors")
	var explained []problemLoss
	for path := range explainedProblemLosses {
		explained = append(explained, problemLoss{Path: path, Lost: 1})
	}
	assert.Empty(t, checkProblemLosses(explained), "every explained loss passes")
	assert.LessOrEqual(t, len(explainedProblemLosses), MaxProblemLosses)
	bad = checkProblemLosses(append(explained, explained[0]))
	require.Len(t, bad, 1)
	assert.Contains(t, bad[0], "more than MaxProblemLosses")
}
