package evidence_test

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"unsafe"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// The text bomb of issue 12 (see archivegen.TextBomb): a small zip of many
// repetitive logs. Every log is read and its text goes to attribution;
// the report keeps Limits.MaxReportText of it; with Options.OnItem nothing
// of an item stays once it is handed on.

// textBombPack returns a zip of n logs of size bytes (distinct, each made
// of repeated log lines after a line naming an internal host of a
// catalogue organisation) and, after them, "z-after/customers.txt", a
// file that names that organisation's domain only at its end.
func textBombPack(t *testing.T, n, size int) []byte {
	t.Helper()
	var files []archivegen.File
	for i := range n {
		head := fmt.Sprintf("# app-%04d.log from web%02d.intra.toray.co.jp\n", i, i%7)
		line := fmt.Sprintf("2021-04-12T10:30:%02d+09:00 INFO app[%d]: GET /api/v1/orders 200\n", i%60, 4000+i)
		body := head + strings.Repeat(line, (size-len(head))/len(line)+1)
		files = append(files, archivegen.File{Name: fmt.Sprintf("logs/app-%04d.log", i), Data: []byte(body[:size])})
	}
	after := strings.Repeat("order 1042 shipped\n", size/19) + "contact: purchasing@toray.co.jp\n"
	files = append(files, archivegen.File{Name: "z-after/customers.txt", Data: []byte(after)})
	return must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
}

// TestReportTextBound: past Limits.MaxReportText the items keep their
// hashes, type and problems but not their text, each with a
// limit_report_text problem, and the report says how many; the walk goes
// on to the file after the logs, whose dropped text attribution has read;
// and the triage allocates at most twice the text it reads, besides the
// buffers it reuses (it allocated 7.6 times the text before, three to
// four copies kept in turn).
func TestReportTextBound(t *testing.T) {
	const n, size, limit = 24, 256 << 10, 2 << 20
	data := textBombPack(t, n, size)
	var lim evidence.Limits
	lim.MaxReportText = limit
	var rep *evidence.Report
	// No collection while it runs: a collection empties the buffer pools,
	// and how many a loaded machine runs would decide how many buffers
	// are made anew, not the triage.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	alloc := testenv.Allocated(func() {
		var err error
		rep, err = analyzeBytes(t, "bomb.zip", data, evidence.Options{Limits: lim, Workers: 2})
		require.NoError(t, err)
	})
	require.Len(t, rep.Items, n+1)
	var kept, dropped int
	for _, it := range rep.Items {
		assert.NotEmpty(t, it.SHA256, it.Path)
		assert.Equal(t, "text", it.Kind, it.Path)
		if it.Text != "" {
			kept += len(it.Text)
			assert.NotContains(t, problemCodes(it.Problems), evidence.ProblemLimitPrefix+evidence.LimitReportText)
			continue
		}
		dropped++
		assert.True(t, it.TextTruncated, it.Path)
		assert.Contains(t, problemCodes(it.Problems), evidence.ProblemLimitPrefix+evidence.LimitReportText, it.Path)
	}
	assert.LessOrEqual(t, kept, limit)
	assert.Equal(t, n+1-limit/size, dropped, "the items past the limit")
	var reportProblem string
	for _, p := range rep.Problems {
		if p.Code == evidence.ProblemLimitPrefix+evidence.LimitReportText {
			reportProblem = p.Detail
		}
	}
	assert.Contains(t, reportProblem, fmt.Sprintf("the text of %d items", dropped))

	after := rep.Items[n]
	assert.Equal(t, "bomb.zip!/z-after/customers.txt", after.Path)
	assert.Empty(t, after.Text, "past the limit")
	_, ok := ownerOf(rep, "toray")
	assert.True(t, ok, "attribution read the text the report dropped: %+v", rep.Attribution.Ranking)

	text := int64((n + 1) * size)
	t.Logf("%d bytes of text, %d bytes allocated (%.2f per byte of text)", text, alloc, float64(alloc)/float64(text))
	// Reused: the kept heads of the text items in flight (twice the
	// workers and two, of MaxTextBytes each), two tails of streamed items
	// (2 MiB each) and copy buffers.
	reused := (2*2+2)*evidence.DefaultLimits().MaxTextBytes + 2*(2<<20) + 2<<20
	if testenv.Race {
		reused += (n + 1) * (2 << 20) // each item's tail may be made anew
	}
	assert.Less(t, int64(alloc), 2*text+reused, "bytes allocated")
}

// ownerOf returns the ranked organisation org of the report.
func ownerOf(rep *evidence.Report, org string) (evidence.Owner, bool) {
	for _, o := range rep.Attribution.Ranking {
		if o.Org == org {
			return o, true
		}
	}
	return evidence.Owner{}, false
}

func problemCodes(ps []evidence.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Code
	}
	return out
}

// TestOnItemHoldsNothing: with OnItem, nothing of an item is kept once
// it is handed on: when the last item comes, the texts of all those
// before it can be collected, whoever read them (attribution keeps its
// matches, not the text they were found in). Before, every item stayed
// in the report until the end.
func TestOnItemHoldsNothing(t *testing.T) {
	const n, size = 48, 32 << 10
	data := textBombPack(t, n, size)
	var texts []weak.Pointer[byte]
	alive := -1
	rep, err := analyzeBytes(t, "bomb.zip", data, evidence.Options{OnItem: func(it evidence.Item) error {
		if it.Text == "" {
			return nil
		}
		if len(texts) == n { // the last: every other item was handed on
			runtime.GC()
			runtime.GC()
			alive = 0
			for _, w := range texts {
				if w.Value() != nil {
					alive++
				}
			}
		}
		texts = append(texts, weak.Make(unsafe.StringData(it.Text)))
		return nil
	}})
	require.NoError(t, err)
	assert.Len(t, texts, n+1, "every text is handed on, none dropped")
	assert.Equal(t, n+1, rep.Stats.Items)
	assert.Empty(t, rep.Items)
	_, ok := ownerOf(rep, "toray")
	assert.True(t, ok)
	assert.Zero(t, alive, "texts of items handed on still held")
}

// TestStreamedTextItemsShareNoBuffer: the kept head of a text item comes
// from a pool and is reused once its metadata is read: the items' texts
// must not share it.
func TestStreamedTextItemsShareNoBuffer(t *testing.T) {
	data := textBombPack(t, 30, 4<<10)
	rep, err := analyzeBytes(t, "bomb.zip", data, evidence.Options{})
	require.NoError(t, err)
	for i, it := range rep.Items[:30] {
		want := fmt.Sprintf("# app-%04d.log from ", i)
		assert.True(t, strings.HasPrefix(it.Text, want), "%s: %q", it.Path, it.Text[:min(len(it.Text), 20)])
		assert.True(t, bytes.Contains([]byte(it.Text), fmt.Appendf(nil, "app[%d]", 4000+i)), it.Path)
	}
}
