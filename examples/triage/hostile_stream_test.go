package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// TestHostileTextBomb is issue 12's text bomb, cut to 72 logs of 1 MiB:
// past the report's 64 MiB of item text (Limits.MaxReportText) the logs
// keep their hashes and type but not their text, each says so with
// limit_report_text and the report counts them; the last log is read
// whole; the JSON stays small. Before, every log's text stayed in the
// report: the 2,000 logs of the issue made a 2.1 GB report and 2.1 GB of
// resident memory.
//
// A build with the race detector reads 72 MiB of text and writes and
// parses a 70 MB report ten times slower (half a minute): it runs 6 logs,
// all kept, so that the suite stays quick.
func TestHostileTextBomb(t *testing.T) {
	logs := 72
	if raceBuild() {
		logs = 6
	}
	data, err := archivegen.ZipTextBomb(logs, 1<<20)
	require.NoError(t, err)
	dir := t.TempDir()
	path := filepath.Join(dir, "textbomb.zip")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	// The report goes to a file, read here an item at a time: every
	// later run in this process would count a large heap of this one
	// in its peak RSS (ru_maxrss passes from parent to child at exec).
	out := filepath.Join(dir, "report.json")
	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", "-o", out, path}})
	assert.Equal(t, 0, r.Exit)
	items, problems, size := readReportItems(t, out)
	require.Len(t, items, logs)
	var kept, dropped int
	for _, it := range items {
		assert.NotEmpty(t, it.SHA256, it.Path)
		assert.Equal(t, "text", it.Kind, it.Path)
		if it.TextLen > 0 {
			kept += it.TextLen
			continue
		}
		dropped++
		assert.Contains(t, problemCodes(it.Problems), evidence.ProblemLimitPrefix+evidence.LimitReportText, it.Path)
		assert.True(t, it.TextTruncated, it.Path)
	}
	assert.LessOrEqual(t, int64(kept), evidence.DefaultMaxReportText)
	assert.Less(t, size, evidence.DefaultMaxReportText+16<<20, "the JSON holds the kept text, not all of it")
	if int64(logs)<<20 > evidence.DefaultMaxReportText {
		assert.Positive(t, dropped)
		assert.Contains(t, problemCodes(problems), evidence.ProblemLimitPrefix+evidence.LimitReportText)
	} else {
		assert.Zero(t, dropped)
	}
	last := items[logs-1]
	assert.True(t, strings.HasSuffix(last.Path, fmt.Sprintf("app-%06d.log", logs-1)))
	assert.Equal(t, int64(1<<20), last.Size, "the last log is read whole")
}

// reportItem is what TestHostileTextBomb reads of an item: its text's
// length only.
type reportItem struct {
	Path          string             `json:"path"`
	Size          int64              `json:"size"`
	SHA256        string             `json:"sha256"`
	Kind          string             `json:"kind"`
	Text          string             `json:"text"`
	TextTruncated bool               `json:"text_truncated"`
	Problems      []evidence.Problem `json:"problems"`
	TextLen       int                `json:"-"`
}

// readReportItems reads a JSON report's items one at a time, keeping each
// one's text length, not its text, and the report's problems; size is
// the file's size.
func readReportItems(t *testing.T, path string) (items []reportItem, problems []evidence.Problem, size int64) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	st, err := f.Stat()
	require.NoError(t, err)
	dec := json.NewDecoder(bufio.NewReader(f))
	delim := func(want json.Delim) {
		tok, err := dec.Token()
		require.NoError(t, err)
		require.Equal(t, want, tok)
	}
	delim('{')
	for dec.More() {
		tok, err := dec.Token()
		require.NoError(t, err)
		switch tok {
		case "items":
			delim('[')
			for dec.More() {
				var it reportItem
				require.NoError(t, dec.Decode(&it))
				it.TextLen, it.Text = len(it.Text), ""
				items = append(items, it)
			}
			delim(']')
		case "problems":
			require.NoError(t, dec.Decode(&problems))
		default:
			var skip json.RawMessage
			require.NoError(t, dec.Decode(&skip))
		}
	}
	return items, problems, st.Size()
}

// raceBuild reports whether the test binary was built with the race
// detector.
func raceBuild() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}
