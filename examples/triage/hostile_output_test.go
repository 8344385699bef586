package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// textBomb writes issue 12's text bomb at the size make test affords:
// n repetitive logs of 1 MiB (archivegen.TextBomb; 300 make a 2.7 MB zip
// of 300 MiB of text, which every item keeps whole: it is within the
// default MaxTextBytes of 1 MiB). Its lines repeat in a cycle of 120,
// which deflates about 115:1, within the default MaxRatio of 200 for the
// package as a whole: every byte of text is read, and no problem is
// expected.
func textBomb(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "logs.zip")
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	_, err = archivegen.TextBomb{Files: n, FileSize: 1 << 20, Cycle: 120}.WriteTo(w)
	require.NoError(t, err)
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
	return path
}

// TestHostileOutputTextBomb: on a pack of 300 MiB of log text, the
// command's peak RSS stays under 256 MiB (hostileMaxRSS, which runHostile
// asserts) with -json and with -ndjson to a file, and in summary mode;
// every item is in the output, with its whole text.
// (Issue 12 measured the 2,000-log pack at 1.54 GB of RSS.)
func TestHostileOutputTextBomb(t *testing.T) {
	// The command's memory stays flat only once the library hands the
	// items over as they finish (evidence.Options.OnItem, issue 12) and
	// the command's analyze uses it: until then the library holds every
	// item's text to the end, and so does the report it returns.
	if _, ok := reflect.TypeFor[evidence.Options]().FieldByName("OnItem"); !ok {
		t.Skip("needs evidence.Options.OnItem: until the library streams items, it holds all their text (issue 12)")
	}
	// 300 logs hold more text than the bound: a command that kept it
	// would pass it. Under the race detector (make test) they take
	// minutes: 8 check the outputs there, and the bound is checked at
	// full size by go test without -race and by make bench.
	n := 300
	if testenv.Race {
		n = 8
	}
	pack := textBomb(t, n)
	// The reports are read item by item, as a consumer of a report of
	// hundreds of megabytes reads it: the test process stays small.
	out := filepath.Join(t.TempDir(), "report.out")
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, r hostileResult)
	}{
		{"json to a file", []string{"-json", "-o", out}, func(t *testing.T, r hostileResult) {
			assertLogs(t, scanJSON(t, out, false), n)
		}},
		{"ndjson to a file", []string{"-ndjson", "-o", out}, func(t *testing.T, r hostileResult) {
			assertLogs(t, scanJSON(t, out, true), n)
		}},
		{"summary", nil, func(t *testing.T, r hostileResult) {
			assert.Contains(t, r.Stdout, fmt.Sprintf("zip; %d items", n))
			assert.Contains(t, r.Stdout, fmt.Sprintf("logs/app%02d/server-%05d.log", (n-1)%16, n-1))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"-ocr=false"}, tt.args...), pack)
			r := runHostile(t, hostileRun{Args: args, MaxWall: 2 * time.Minute})
			require.Equal(t, 0, r.Exit, r.Stderr)
			tt.check(t, r)
		})
	}
}

// TestHostileRedactTextBomb: -redact holds the items until the triage
// ends, their text within -max-report-text as -html does: on the text
// bomb the peak RSS stays under hostileMaxRSS (runHostile asserts it),
// the items past the budget are written without their text and say so,
// and so does the report. Holding every log whole, the command once
// grew with the pack's text.
func TestHostileRedactTextBomb(t *testing.T) {
	n := 300
	if testenv.Race {
		n = 8
	}
	pack := textBomb(t, n)
	out := filepath.Join(t.TempDir(), "report.ndjson")
	r := runHostile(t, hostileRun{Args: []string{"-ocr=false", "-redact", "-max-report-text", "3MiB", "-ndjson", "-o", out, pack}, MaxWall: 2 * time.Minute})
	require.Equal(t, 0, r.Exit, r.Stderr)
	l := scanJSON(t, out, true)
	require.NotNil(t, l.rest)
	assert.Equal(t, n, l.items)
	limit := evidence.ProblemLimitPrefix + evidence.LimitReportText
	assert.Contains(t, problemCodes(l.rest.Problems), limit)
	dropped := 0
	for _, code := range l.problems {
		if code == limit {
			dropped++
		}
	}
	assert.Equal(t, n-3, dropped, "3 MiB hold three logs of 1 MiB; the others lose their text")
	assert.Zero(t, l.shortest, "an item past the budget is written without its text")
}

// logs is what the report of the text bomb says, read item by item.
type logs struct {
	rest     *evidence.Report // the report without its items
	items    int
	problems []string // of items
	shortest int      // text bytes of the item with the least
}

// scanJSON reads the report at path (NDJSON when lines is set) one item
// at a time.
func scanJSON(t *testing.T, path string, lines bool) logs {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	l := logs{shortest: -1}
	add := func(it *evidence.Item) {
		l.items++
		l.problems = append(l.problems, problemCodes(it.Problems)...)
		if l.shortest < 0 || len(it.Text) < l.shortest {
			l.shortest = len(it.Text)
		}
	}
	r := bufio.NewReaderSize(f, 1<<20)
	if lines {
		for {
			line, err := r.ReadBytes('\n')
			if err == io.EOF && len(line) == 0 {
				break
			}
			require.NoError(t, err)
			var obj struct {
				Item   *evidence.Item
				Report *evidence.Report
			}
			require.NoError(t, json.Unmarshal(line, &obj))
			switch {
			case obj.Item != nil:
				add(obj.Item)
			case obj.Report != nil:
				l.rest = obj.Report
			}
		}
		return l
	}
	dec := json.NewDecoder(r)
	rest := map[string]json.RawMessage{}
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('{'), tok)
	for dec.More() {
		key, err := dec.Token()
		require.NoError(t, err)
		if key != "items" {
			var v json.RawMessage
			require.NoError(t, dec.Decode(&v))
			rest[key.(string)] = v
			continue
		}
		_, err = dec.Token() // [
		require.NoError(t, err)
		for dec.More() {
			var it evidence.Item
			require.NoError(t, dec.Decode(&it))
			add(&it)
		}
		_, err = dec.Token() // ]
		require.NoError(t, err)
	}
	b, err := json.Marshal(rest)
	require.NoError(t, err)
	l.rest = &evidence.Report{}
	require.NoError(t, json.Unmarshal(b, l.rest))
	return l
}

// assertLogs checks that the report of the text bomb holds every log,
// with its whole text, and no problem.
func assertLogs(t *testing.T, l logs, n int) {
	t.Helper()
	require.NotNil(t, l.rest, "the report's sections")
	assert.Equal(t, n, l.items)
	assert.Equal(t, n, l.rest.Stats.Items)
	assert.Empty(t, l.rest.Problems)
	assert.Empty(t, l.problems)
	assert.Equal(t, 1<<20, l.shortest, "every text whole")
}

// TestHostileTextSnippets: the text bomb's report with -text snippet is
// small whatever the text: a kilobyte of each log, marked cut.
func TestHostileTextSnippets(t *testing.T) {
	const n = 8
	pack := textBomb(t, n)
	r := runHostile(t, hostileRun{Args: []string{"-ndjson", "-text", "snippet", "-ocr=false", pack}})
	require.Equal(t, 0, r.Exit, r.Stderr)
	require.NotNil(t, r.Report)
	require.Len(t, r.Report.Items, n)
	for _, it := range r.Report.Items {
		assert.Len(t, it.Text, render.SnippetBytes, it.Path) // ASCII: cut at the byte
		assert.True(t, it.TextTruncated, it.Path)
	}
	assert.Less(t, len(r.Stdout), n*8<<10, "a few kilobytes an item")
}

// TestHostileOutputInterrupted: SIGINT during the triage of the text
// bomb with -ndjson: the output is still whole NDJSON, its last line the
// partial report that says it was cancelled, and the status is 130.
func TestHostileOutputInterrupted(t *testing.T) {
	pack := textBomb(t, 100)
	r := runHostile(t, hostileRun{Args: []string{"-ndjson", "-ocr=false", pack}, Interrupt: 100 * time.Millisecond, AfterOutput: true})
	require.Equal(t, 130, r.Exit, r.Stderr)
	require.NotNil(t, r.Report, "the partial report")
	assert.Contains(t, problemCodes(r.Report.Problems), evidence.ProblemCanceled)
	assert.Less(t, len(r.Report.Items), 100)
}
