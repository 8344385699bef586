package evidence

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// randomTimelineItems returns items with archive times and dates of every
// kind the timeline reads: zoned in a few offsets and UTC, wall clocks,
// EXIF with offsets, PDF dates, mail Date and Received headers, equal
// instants in one item and across items, dates that make each finding.
func randomTimelineItems(r *rand.Rand, n int) []Item {
	base := time.Date(2021, 5, 1, 9, 0, 0, 0, time.UTC)
	zones := []*time.Location{time.FixedZone("", 9*3600), time.FixedZone("", 9*3600), time.UTC, time.FixedZone("", -5*3600), time.FixedZone("", 2*3600)}
	at := func() time.Time {
		return base.Add(time.Duration(r.IntN(90*24)) * time.Hour / 4).Add(time.Duration(r.IntN(3)) * 17 * time.Minute)
	}
	zoned := func() string { return at().In(zones[r.IntN(len(zones))]).Format(time.RFC3339) }
	wall := func() string { return at().Format("2006-01-02T15:04:05") }
	var items []Item
	for i := range n {
		it := Item{Path: fmt.Sprintf("pack.zip!/dir%d/file%03d.bin", i%4, i), Kind: []string{"document", "image", "email", "text"}[i%4]}
		switch r.IntN(4) {
		case 0:
			it.Modified = wall()
		case 1:
			it.Modified = zoned()
		case 2: // gathered into the pack within two hours
			it.Modified = base.Add(time.Duration(r.IntN(120)) * time.Minute).Format("2006-01-02T15:04:05")
		}
		switch r.IntN(6) {
		case 0:
			it.Metadata.Created, it.Metadata.Modified = zoned(), zoned()
		case 1:
			it.Metadata.Created, it.Metadata.Modified = wall(), wall()
		case 2:
			d := at()
			it.Metadata.Created = d.Format("2006:01:02 15:04:05")
			it.Metadata.Raw = map[string]any{"exif": map[string]any{
				"DateTimeOriginal": d.Format("2006:01:02 15:04:05"), "OffsetTimeOriginal": "+09:00",
				"DateTime": d.Add(time.Hour).Format("2006:01:02 15:04:05")}}
		case 3:
			d := at().In(zones[0])
			it.Metadata.Raw = map[string]any{"email": map[string]any{"Date": d.Format(time.RFC1123Z),
				"Received": []any{"from a by b; " + d.Format(time.RFC1123Z), "from c by d; " + d.Add(-time.Minute).Format(time.RFC1123Z)}}}
		case 4:
			it.Metadata.Raw = map[string]any{"pdf": map[string]any{"Info": map[string]any{
				"CreationDate": "D:" + at().Format("20060102150405") + "+09'00'", "ModDate": "D:" + at().Format("20060102150405")}}}
			it.Metadata.Modified = "2031-01-01T00:00:00Z" // after every archive time
		}
		items = append(items, it)
	}
	return items
}

// TestTimelineBuilderOrder: the builder, fed the items of a report in any
// order, makes the timeline BuildTimeline makes of the report in its
// order: the same events, findings and flags.
func TestTimelineBuilderOrder(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 7))
		items := randomTimelineItems(r, 1+r.IntN(60))
		rep := &Report{Items: items}
		want := BuildTimeline(rep)
		b := newTimelineBuilder()
		for _, i := range r.Perm(len(items)) {
			it := items[i]
			it.Index = i
			b.add(&it)
		}
		requireSameTimeline(t, want, b.timeline(), "seed %d", seed)
	}
}

// requireSameTimeline compares two timelines as JSON, and their events'
// instants.
func requireSameTimeline(t *testing.T, want, got Timeline, msg ...any) {
	t.Helper()
	wj, err := json.MarshalIndent(want, "", " ")
	require.NoError(t, err)
	gj, err := json.MarshalIndent(got, "", " ")
	require.NoError(t, err)
	require.Equal(t, string(wj), string(gj), msg...)
	for i := range want.Events {
		wt, wz := want.Events[i].Instant()
		gt, gz := got.Events[i].Instant()
		require.True(t, wt.Equal(gt), msg...)
		require.Equal(t, wz, gz, msg...)
	}
}

// TestTimelineBuilderBounds: past MaxTimelineEvents the builder keeps the
// earliest events, as BuildTimeline does, its findings still made of all
// of them; past its own bounds on the times and paths it holds, it leaves
// the rest out and says so. The bounds are lowered here.
func TestTimelineBuilderBounds(t *testing.T) {
	base := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	items := make([]Item, 305)
	for i := range items {
		items[i] = Item{Index: i, Path: fmt.Sprintf("p.zip!/%d", i), Modified: base.Add(time.Duration(len(items)-i) * time.Second).Format(time.RFC3339)}
		items[i].Metadata.Created = base.Add(-time.Duration(i) * time.Hour).Format(time.RFC3339)
		items[i].Metadata.Modified = base.Add(-time.Duration(i+1) * time.Hour).Format(time.RFC3339) // before created
	}
	want := BuildTimeline(&Report{Items: items})
	want.Events, want.Truncated = want.Events[:100], true
	want.Findings = slices.Delete(want.Findings, 100, 305) // the first 100 items' modified-before-created
	b := newTimelineBuilder()
	b.maxEvents = 100
	for i := range items {
		b.add(&items[i])
	}
	requireSameTimeline(t, want, b.timeline())

	b = newTimelineBuilder()
	b.maxRecs = 1000
	it := Item{Path: "p.zip!/x", Modified: base.Format(time.RFC3339)}
	for i := range b.maxRecs + 10 {
		it.Index = i
		b.add(&it)
	}
	require.Len(t, b.recs, b.maxRecs)
	tl := b.timeline()
	require.True(t, tl.Truncated)
	require.Len(t, tl.Events, b.maxRecs)

	// Paths past their bound: the times of those items are left out.
	b = newTimelineBuilder()
	b.maxPathBytes = 10 * len("p.zip!/x")
	for i := range 20 {
		it.Index = i
		b.add(&it)
	}
	require.Len(t, b.recs, 10)
	require.True(t, b.timeline().Truncated)
}
