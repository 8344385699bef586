package main

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// onTerminal fails when out holds anything a terminal would obey or a
// reader could not see: a control character other than newline and tab, a
// bidirectional control, an invisible format character, a byte that is
// not UTF-8.
func onTerminal(t *testing.T, out string) {
	t.Helper()
	require.True(t, utf8.ValidString(out), "not UTF-8: %q", out)
	for i, r := range out {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029') {
			t.Fatalf("U+%04X at %d: %q", r, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
}

// TestSummaryShowsHiddenCharacters: every string of the report that the
// summary prints is escaped, names that held hidden characters are
// marked, and a note says so.
func TestSummaryShowsHiddenCharacters(t *testing.T) {
	const h = "\u202e\x1b]0;x\a\u200b\u009b\xff\t"
	const hEsc = "<U+202E><U+001B>]0;x<U+0007><U+200B><U+009B><0xFF><U+0009>"
	path := "p.zip!/invoice_" + h + "txt.exe"
	ev := evidence.Evidence{Item: path, Signal: "sig" + h, Role: "custody", Match: "m" + h, Weight: 3}
	rep := &evidence.Report{
		Tool:    evidence.Tool{Name: "proofpack", Version: "test"},
		Package: evidence.Package{Name: "p.zip", Format: "zip"},
		Items: []evidence.Item{{Path: path, Kind: "text", ExtMismatch: true, DeclaredExt: "exe" + h, DetectedExt: "txt",
			LinkTarget: "t" + h, NameEncoding: "cp932",
			Metadata: evidence.Metadata{Authors: []string{"Eve " + h}, Title: "T" + h, Paths: []string{`C:\x64\` + h}},
			Text:     "line1 " + h + "\r\nline2\ttab\rcr",
			OCR:      &evidence.OCR{Engine: "e" + h, Lang: "jpn"},
			Problems: []evidence.Problem{{Code: "corrupt", Detail: "d" + h}}}},
		Attribution: evidence.Attribution{
			Ranking:    []evidence.Owner{{Org: "o" + h, Name: "N" + h, Score: 3, Evidence: []evidence.Evidence{ev}}},
			Candidates: []evidence.Candidate{{Key: "k" + h, Score: 1}},
		},
		Claim: evidence.Claim{Claimed: "c" + h, Verdict: "inconclusive", Owner: "o" + h, Reason: "r" + h,
			Findings: []evidence.ClaimFinding{{Kind: "stale_data", Detail: "cf" + h}}},
		Problems: []evidence.Problem{{Code: "limit_entries", Detail: "pd" + h, Path: "pp" + h}},
		Stats:    evidence.Stats{OCRImages: 1},
		Timeline: evidence.Timeline{
			Events:   []evidence.TimelineEvent{{Time: "2021-04-12" + h, Field: evidence.FieldCreated, Item: path}},
			Findings: []evidence.TimelineFinding{{Kind: "future" + h, Detail: "tf" + h}},
		},
	}
	var buf bytes.Buffer
	require.NoError(t, writeSummary(&buf, rep))
	out := buf.String()
	onTerminal(t, out)
	marker := "  [hidden characters: control character, bidi control, invisible character, invalid UTF-8]"
	for _, want := range []string{
		"invoice_" + hEsc + "txt.exe" + marker + "  [.exe" + hEsc + " is really txt]",
		"-> t" + hEsc + marker,
		"author: Eve " + hEsc,
		"title: T" + hEsc,
		`paths: C:\x64\` + hEsc,
		"line1 " + strings.TrimSuffix(hEsc, "<U+0009>") + "\t\n", // OCR text keeps its tabs
		"line2\ttab<U+000D>cr\n",
		"[e" + hEsc + ", jpn,",
		"1. N" + hEsc + " (o" + hEsc + ")",
		"sig" + hEsc + ` "m` + hEsc + `"`,
		"k" + hEsc + " (1.0)",
		`claim "c` + hEsc + `": INCONCLUSIVE (owner o` + hEsc + ")",
		"    r" + hEsc + "\n",
		"stale_data      cf" + hEsc + "\n",
		"future" + hEsc + " tf" + hEsc + "\n",
		": d" + hEsc + "\n",
		"pp" + hEsc + ": pd" + hEsc + "\n",
		"NOTE  Names or values above held characters that hide, reorder or act on text\n" +
			"      (control character, bidi control, invisible character, invalid UTF-8).\n",
	} {
		assert.Contains(t, out, want)
	}
}

// TestSummaryPlain: a package with nothing hidden gets no marker and no
// note.
func TestSummaryPlain(t *testing.T) {
	var buf bytes.Buffer
	rep := &evidence.Report{Package: evidence.Package{Name: "p.zip"}, Items: []evidence.Item{{Path: "p.zip!/見積書 <U+0041>.xlsx"}}}
	require.NoError(t, writeSummary(&buf, rep))
	assert.NotContains(t, buf.String(), "hidden characters")
	assert.NotContains(t, buf.String(), "NOTE")
	assert.Contains(t, buf.String(), "見積書 <U+003C>U+0041>.xlsx", "text that reads like an escape is escaped")
}

func TestProgressBarEscapesPath(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressBar(&buf, "", 0)
	long := strings.Repeat("長い", 40) + "/invoice_\u202etxt.exe\x1b[2J"
	p.update(progressEvent{Items: 1, Path: long})
	p.done()
	out := strings.ReplaceAll(buf.String(), "\r\x1b[K", "")
	onTerminal(t, out)
	assert.Contains(t, out, "invoice_<U+202E>txt.exe<U+001B>[2J")
	assert.Contains(t, out, "…長い", "the path is cut between characters")
}

func TestSummaryEscapesControlCharacters(t *testing.T) {
	// Names are cleaned by the walker already; metadata values are not:
	// a mail subject can carry any character in an encoded word.
	subject := base64.StdEncoding.EncodeToString([]byte("Quarterly\x1b]0;owned\x07\x1b[2J figures"))
	mail := "From: Sato <sato@example.co.jp>\r\nTo: ito@example.co.jp\r\nSubject: =?utf-8?b?" + subject + "?=\r\n" +
		"Date: Mon, 12 Apr 2021 10:30:00 +0900\r\nMessage-ID: <1@example.co.jp>\r\n\r\nfigures attached\r\n"
	zip, err := archivegen.Zip([]archivegen.File{{Name: "mail.eml", Data: []byte(mail)}}, archivegen.ZipOptions{})
	require.NoError(t, err)
	r := triage(t, "-ocr=false", writeTemp(t, "p.zip", zip))
	require.Equal(t, 0, r.code, r.stderr)
	onTerminal(t, r.stdout)
	assert.Contains(t, r.stdout, `title: Quarterly<U+001B>]0;owned<U+0007><U+001B>[2J figures`)
}
