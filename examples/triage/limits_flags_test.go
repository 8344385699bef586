package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// TestMaxAmplifiedBytesFlag: -max-amplified-bytes reaches the walk and the
// report's limits. A zip of 40 distinct MiB of zeros (under the per-entry
// ratio grace, far under the default budget) is read whole by default;
// with an 8 MiB budget the zeros stop with limit_amplification, and the
// document after them is still read.
func TestMaxAmplifiedBytesFlag(t *testing.T) {
	t.Parallel()
	note := []byte("Minutes of the Northwind Traders board, written by Ada Quill.\n")
	data, err := archivegen.ZipUniqueZeros(40, 1<<20, archivegen.File{Name: "minutes.txt", Data: note})
	require.NoError(t, err)
	pkg := writeTemp(t, "zeros.zip", data)

	run := func(flags ...string) *evidence.Report {
		args := append(append([]string{"-json", "-q", "-ocr=false", "-tmpdir", t.TempDir()}, flags...), pkg)
		res := triage(t, args...)
		require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
		return decodeReport(t, res.stdout)
	}
	amplified := func(rep *evidence.Report) int {
		n := 0
		for _, it := range rep.Items {
			if slices.Contains(problemCodes(it.Problems), "limit_amplification") {
				n++
			}
		}
		return n
	}

	def := run()
	assert.Equal(t, evidence.DefaultLimits().MaxAmplifiedBytes, def.Limits.MaxAmplifiedBytes)
	assert.Zero(t, amplified(def), "40 MiB of zeros is within the default budget")
	assert.GreaterOrEqual(t, def.Stats.Bytes, int64(40<<20))

	low := run("-max-amplified-bytes", "8MiB")
	assert.Equal(t, int64(8<<20), low.Limits.MaxAmplifiedBytes)
	assert.Positive(t, amplified(low), "an 8 MiB budget stops the zeros")
	assert.Less(t, low.Stats.Bytes, int64(40<<20))
	assert.Equal(t, string(note), item(t, low, "minutes.txt").Text, "the document after the zeros is read")
}

// TestMaxReportTextFlag: the items -html and -md keep hold at most
// -max-report-text of text in all, with limit_report_text on the items
// past it; the JSON, written as items finish, keeps every text whole,
// and both say which limit was in force.
func TestMaxReportTextFlag(t *testing.T) {
	t.Parallel()
	var files []archivegen.File
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		files = append(files, archivegen.File{Name: name, Data: append([]byte("# "+name+"\n"), orderText(10<<10)...)})
	}
	data, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	pkg := writeTemp(t, "texts.zip", data)
	dir := t.TempDir()
	md := filepath.Join(dir, "report.md")

	res := triage(t, "-json", "-q", "-ocr=false", "-tmpdir", t.TempDir(), "-max-report-text", "15KiB", "-md", md, pkg)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	rep := decodeReport(t, res.stdout)
	assert.Equal(t, int64(15<<10), rep.Limits.MaxReportText)
	for _, f := range files {
		it := item(t, rep, f.Name)
		assert.Equal(t, string(f.Data), it.Text, "the JSON has %s's whole text", f.Name)
		assert.NotContains(t, problemCodes(it.Problems), "limit_report_text")
	}
	for _, p := range rep.Problems {
		assert.NotEqual(t, "limit_report_text", p.Code, "the JSON report left no text out")
	}

	b, err := os.ReadFile(md)
	require.NoError(t, err)
	// One text of 10 KiB fits in 15 KiB; the other two do not.
	assert.Equal(t, 3, strings.Count(string(b), `limit\_report\_text`),
		"two items and the report say their text was left out:\n%s", b)
	assert.Contains(t, string(b), "3 items (3 text files), 0 images read by OCR, 3 problems.", "the problems are counted")

	res = triage(t, "-json", "-q", "-ocr=false", "-tmpdir", t.TempDir(), pkg)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	assert.Equal(t, evidence.DefaultMaxReportText, decodeReport(t, res.stdout).Limits.MaxReportText)
}
