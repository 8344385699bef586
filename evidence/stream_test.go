package evidence_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// streamFixtures are the packages of testdata: the sample, the
// attribution cases and the 7z archives; with the race detector, which
// makes each triage several times slower, one in four of them.
func streamFixtures(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pattern := range []string{"../testdata/sample/*.zip", "../testdata/attribution/*.zip", "../testdata/attribution/*.tar.gz", "../testdata/archives/*.7z"} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		out = append(out, m...)
	}
	require.NotEmpty(t, out)
	if testenv.Race {
		var some []string
		for i := 0; i < len(out); i += 4 {
			some = append(some, out[i])
		}
		out = some
	}
	return out
}

// analyzeFixture triages a fixture; one that cannot be read without its
// password gives a report and ErrUnreadable.
func analyzeFixture(t *testing.T, path string, opts evidence.Options) *evidence.Report {
	t.Helper()
	opts.TempDir = t.TempDir()
	rep, err := evidence.Analyze(t.Context(), path, opts)
	if !errors.Is(err, evidence.ErrUnreadable) {
		require.NoError(t, err)
	}
	require.NotNil(t, rep)
	return rep
}

// reportJSON is the report as JSON, without its date and duration.
func reportJSON(t *testing.T, rep *evidence.Report) string {
	t.Helper()
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	validateReport(t, b)
	r := *rep
	r.Stats.DurationMS = 0
	r.TriagedAt = ""
	b, err = json.MarshalIndent(&r, "", " ")
	require.NoError(t, err)
	return string(b)
}

// handedOn triages path with OnItem set and returns the report and the
// items in the order they were handed on.
func handedOn(t *testing.T, path string, opts evidence.Options) (*evidence.Report, []evidence.Item) {
	t.Helper()
	var items []evidence.Item
	var inside atomic.Int32
	opts.OnItem = func(it evidence.Item) error {
		if inside.Add(1) != 1 {
			t.Error("OnItem called concurrently")
		}
		items = append(items, it)
		inside.Add(-1)
		return nil
	}
	return analyzeFixture(t, path, opts), items
}

// TestStreamDeterministic: whatever the number of workers, and whether
// items are collected or handed to OnItem, a fixture gives the same
// report: the same items in walk order, the same attribution, timeline,
// problems and stats. Items handed on come in the order the walk
// finished them, each archive after its members, every time the same.
func TestStreamDeterministic(t *testing.T) {
	for _, path := range streamFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			serial := analyzeFixture(t, path, evidence.Options{Workers: -1})
			want := reportJSON(t, serial)
			for i, it := range serial.Items {
				require.Equal(t, i, it.Index)
			}
			for _, workers := range []int{0, 3} {
				rep := analyzeFixture(t, path, evidence.Options{Workers: workers})
				require.Equal(t, want, reportJSON(t, rep), "%d workers", workers)
			}

			rep, items := handedOn(t, path, evidence.Options{})
			assert.Empty(t, rep.Items)
			assert.NotNil(t, rep.Items, "items is [] in the JSON, not null")
			assert.Equal(t, serial.Stats.Items, len(items))
			_, again := handedOn(t, path, evidence.Options{Workers: 3})
			assert.Equal(t, paths(items), paths(again), "the order items are handed on does not depend on the workers")

			pos := map[string]int{}
			for i, it := range items {
				pos[it.Path] = i
			}
			for _, it := range items {
				if i := strings.LastIndex(it.Path, unpack.PathSeparator); i >= 0 {
					if p, ok := pos[it.Path[:i]]; ok {
						assert.Greater(t, p, pos[it.Path], "%s is handed on after its member %s", it.Path[:i], it.Path)
					}
				}
			}
			// Collected in walk order, the items are the report's.
			slices.SortFunc(items, func(x, y evidence.Item) int { return x.Index - y.Index })
			rep.Items = append([]evidence.Item{}, items...)
			assert.Equal(t, want, reportJSON(t, rep))
		})
	}
}

func paths(items []evidence.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Path
	}
	return out
}

// TestStreamTimelineIsBuildTimeline: the timeline a triage builds item by
// item is the one BuildTimeline makes of the whole report.
func TestStreamTimelineIsBuildTimeline(t *testing.T) {
	for _, path := range streamFixtures(t) {
		rep := analyzeFixture(t, path, evidence.Options{})
		want, err := json.Marshal(evidence.BuildTimeline(rep))
		require.NoError(t, err)
		got, err := json.Marshal(rep.Timeline)
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(got), path)
	}
}

// TestOnItemError: an error from OnItem stops the triage: no item is
// handed on after it, Analyze returns it wrapped with the report so far,
// whose problems say why, and the attribution is left empty.
func TestOnItemError(t *testing.T) {
	errEnough := errors.New("enough")
	calls := 0
	rep, err := evidence.Analyze(t.Context(), samplePath, evidence.Options{TempDir: t.TempDir(), OnItem: func(evidence.Item) error {
		calls++
		if calls == 3 {
			return errEnough
		}
		return nil
	}})
	require.ErrorIs(t, err, errEnough)
	require.NotNil(t, rep)
	assert.Equal(t, 3, calls)
	assert.Equal(t, 3, rep.Stats.Items)
	assert.Empty(t, rep.Items)
	assert.Empty(t, rep.Attribution.Ranking)
	var found bool
	for _, p := range rep.Problems {
		if p.Code == evidence.ProblemCanceled && strings.Contains(p.Detail, "OnItem") {
			found = true
		}
	}
	assert.True(t, found, "a canceled problem names OnItem: %+v", rep.Problems)
}

// FuzzStream checks that two configurations agree on arbitrary bytes: the
// items collected with no workers beside the walk, and the items handed
// to OnItem by workers (sorted back into walk order), with the rest of
// the two reports the same.
func FuzzStream(f *testing.F) {
	for _, b := range polyglotSeeds() {
		f.Add(b)
	}
	if b, err := (archivegen.TextBomb{Files: 4, FileSize: 4 << 10, Cycle: 8}).Bytes(); err == nil {
		f.Add(b)
	}
	mail := []byte("From: a@example.com\r\nSubject: x\r\n\r\nbody")
	if b, err := archivegen.Zip([]archivegen.File{{Name: "m.eml", Data: mail}, {Name: "a.txt", Data: []byte("purchasing@toray.co.jp")},
		{Name: "in.zip", Data: must(f)(archivegen.Zip([]archivegen.File{{Name: "b.txt", Data: []byte("x")}}, archivegen.ZipOptions{}))}}, archivegen.ZipOptions{}); err == nil {
		f.Add(b)
	}
	lim := evidence.Limits{}
	lim.MaxTotalBytes = 8 << 20
	lim.MaxEntries = 300
	lim.MaxDepth = 3
	lim.MaxDuration = 10 * time.Second
	f.Fuzz(func(t *testing.T, data []byte) {
		run := func(opts evidence.Options) *evidence.Report {
			opts.Limits, opts.TempDir = lim, t.TempDir()
			rep, _ := evidence.AnalyzeReaderAt(t.Context(), "f", bytes.NewReader(data), int64(len(data)), opts)
			if rep == nil {
				t.Skip("not opened")
			}
			rep.Stats.DurationMS = 0
			rep.TriagedAt = ""
			return rep
		}
		serial := run(evidence.Options{Workers: -1})
		var items []evidence.Item
		streamed := run(evidence.Options{Workers: 2, OnItem: func(it evidence.Item) error {
			items = append(items, it)
			return nil
		}})
		slices.SortFunc(items, func(x, y evidence.Item) int { return x.Index - y.Index })
		streamed.Items = append([]evidence.Item{}, items...)
		want, err := json.Marshal(serial)
		require.NoError(t, err)
		got, err := json.Marshal(streamed)
		require.NoError(t, err)
		require.JSONEq(t, string(want), string(got))
	})
}
