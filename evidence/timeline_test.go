package evidence

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTimelineTime(t *testing.T) {
	tests := []struct {
		in    string
		want  string // RFC 3339, or the wall clock for zoned=false
		zoned bool
		ok    bool
	}{
		{"2021-04-12T10:30:00+09:00", "2021-04-12T10:30:00+09:00", true, true},
		{"2021-04-12T01:30:00Z", "2021-04-12T01:30:00Z", true, true},
		{"2021-04-12T10:30:00", "2021-04-12T10:30:00Z", false, true},
		{"2021:04:12 10:30:00", "2021-04-12T10:30:00Z", false, true},
		{"2021:04:12 10:30:00+09:00", "2021-04-12T10:30:00+09:00", true, true},
		{"D:20210426103000+09'00'", "2021-04-26T10:30:00+09:00", true, true},
		{"D:20210426103000Z", "2021-04-26T10:30:00Z", true, true},
		{"D:20210426", "2021-04-26T00:00:00Z", false, true},
		{"D:2021042610300", "", false, false},
		{"D:20210426103000+99'00'", "", false, false},
		{"Thu, 20 May 2021 14:03:12 +0900 (JST)", "2021-05-20T14:03:12+09:00", true, true},
		{"", "", false, false},
		{"yesterday", "", false, false},
		{strings.Repeat("9", 300), "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, zoned, ok := parseTimelineTime(tt.in)
			require.Equal(t, tt.ok, ok)
			if !ok {
				return
			}
			assert.Equal(t, tt.zoned, zoned)
			assert.Equal(t, tt.want, got.Format(time.RFC3339))
		})
	}
}

// item returns an item with an archive time and metadata dates.
func timelineItem(path, kind, archived, created, modified string) Item {
	it := Item{Path: path, Kind: kind, Modified: archived}
	it.Metadata.Created, it.Metadata.Modified = created, modified
	return it
}

func findingOf(tl Timeline, kind string) *TimelineFinding {
	for i := range tl.Findings {
		if tl.Findings[i].Kind == kind {
			return &tl.Findings[i]
		}
	}
	return nil
}

func TestBuildTimelineFindings(t *testing.T) {
	tests := []struct {
		name   string
		items  []Item
		kind   string
		want   bool
		detail string // a substring of the finding's detail
	}{
		{
			name: "modified before created",
			items: []Item{timelineItem("p.zip!/a.docx", "document", "",
				"2021-05-01T10:00:00+09:00", "2021-04-01T10:00:00+09:00")},
			kind: FindingModifiedBeforeCreated, want: true, detail: "p.zip!/a.docx",
		},
		{
			name: "modified after created",
			items: []Item{timelineItem("p.zip!/a.docx", "document", "",
				"2021-04-01T10:00:00+09:00", "2021-05-01T10:00:00+09:00")},
			kind: FindingModifiedBeforeCreated, want: false,
		},
		{
			name: "content after the package",
			items: []Item{
				timelineItem("p.zip!/a.txt", "text", "2021-06-01T10:00:00+09:00", "", ""),
				timelineItem("p.zip!/b.docx", "document", "2021-06-01T10:05:00+09:00", "2023-01-01T00:00:00Z", ""),
			},
			kind: FindingFuture, want: true, detail: "p.zip!/b.docx",
		},
		{
			name: "content before the package",
			items: []Item{
				timelineItem("p.zip!/b.docx", "document", "2021-06-01T10:05:00+09:00", "2021-05-01T00:00:00Z", ""),
			},
			kind: FindingFuture, want: false,
		},
		{
			name: "dominant zone",
			items: []Item{
				timelineItem("p.zip!/a", "text", "2021-06-01T10:00:00+09:00", "", ""),
				timelineItem("p.zip!/b", "text", "2021-06-01T11:00:00+09:00", "", ""),
				timelineItem("p.zip!/c", "text", "2021-06-01T12:00:00+09:00", "", ""),
				timelineItem("p.zip!/d", "text", "2021-06-01T12:00:00+02:00", "", ""),
			},
			kind: FindingDominantZone, want: true, detail: "+09:00 on 75% of zoned events (3 of 4, UTC left out): Japan",
		},
		{
			name: "no dominant zone",
			items: []Item{
				timelineItem("p.zip!/a", "text", "2021-06-01T10:00:00+09:00", "", ""),
				timelineItem("p.zip!/b", "text", "2021-06-01T11:00:00+02:00", "", ""),
				timelineItem("p.zip!/c", "text", "2021-06-01T12:00:00-05:00", "", ""),
			},
			kind: FindingDominantZone, want: false,
		},
		{
			name: "burst of archive times",
			items: []Item{
				timelineItem("p.zip!/old", "text", "2021-01-01T10:00:00+09:00", "", ""),
				timelineItem("p.zip!/a", "text", "2021-06-01T10:00:00+09:00", "", ""),
				timelineItem("p.zip!/b", "text", "2021-06-01T10:20:00+09:00", "", ""),
				timelineItem("p.zip!/c", "text", "2021-06-01T10:40:00+09:00", "", ""),
			},
			kind: FindingAssemblyBurst, want: true, detail: "3 of 4 archive times fall between 2021-06-01T10:00:00+09:00 and 2021-06-01T10:40:00+09:00",
		},
		{
			name: "archive times spread out",
			items: []Item{
				timelineItem("p.zip!/a", "text", "2021-06-01T10:00:00+09:00", "", ""),
				timelineItem("p.zip!/b", "text", "2021-06-02T10:00:00+09:00", "", ""),
				timelineItem("p.zip!/c", "text", "2021-06-03T10:00:00+09:00", "", ""),
			},
			kind: FindingAssemblyBurst, want: false,
		},
		{
			name: "newest content",
			items: []Item{
				timelineItem("p.zip!/a.docx", "document", "2021-06-10T10:00:00+09:00", "2021-03-01T00:00:00Z", "2021-05-02T03:04:05Z"),
				timelineItem("p.zip!/b.docx", "document", "2021-06-10T10:00:00+09:00", "2021-02-01T00:00:00Z", ""),
			},
			kind: FindingNewestContent, want: true, detail: "newest content date 2021-05-02T03:04:05Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := BuildTimeline(&Report{Items: tt.items})
			f := findingOf(tl, tt.kind)
			if !tt.want {
				assert.Nil(t, f, "unexpected finding")
				return
			}
			require.NotNil(t, f, "finding %s missing from %+v", tt.kind, tl.Findings)
			assert.Contains(t, f.Detail, tt.detail)
			assert.NotEmpty(t, f.Items)
		})
	}
}

func TestBuildTimelineEvents(t *testing.T) {
	it := Item{Path: "p.zip!/photo.jpg", Kind: "image", Modified: "2021-06-01T10:00:00"}
	it.Metadata.Raw = map[string]any{
		"exif": map[string]any{"DateTimeOriginal": "2021:05:30 09:00:00", "DateTime": "2021:05:31 09:00:00", "OffsetTime": "+02:00"},
		"pdf":  map[string]any{"Info": map[string]any{"CreationDate": "D:20210426103000+09'00'"}},
		"email": map[string]any{"Received": []any{"from a by b; Thu, 20 May 2021 14:03:12 +0900", "garbage"},
			"Date": "2021-05-20T14:03:00+09:00"},
	}
	it.Metadata.Created = "2021-05-30T09:00:00" // the normalised copy of DateTimeOriginal
	tl := BuildTimeline(&Report{Items: []Item{it}})
	var got []string
	for _, e := range tl.Events {
		got = append(got, fmt.Sprintf("%s %q %s %s", e.Time, e.Zone, e.Field, e.Source))
		if e.Zone == "" {
			assert.Equal(t, noZoneNote, e.Note)
		}
	}
	assert.Equal(t, []string{
		`2021-04-26T10:30:00+09:00 "+09:00" created pdf:Info.CreationDate`,
		`2021-05-20T14:03:00+09:00 "+09:00" sent email:Date`,
		`2021-05-20T14:03:12+09:00 "+09:00" received email:Received`,
		`2021-05-30T09:00:00 "" captured exif:DateTimeOriginal`,
		`2021-05-31T09:00:00+02:00 "+02:00" modified exif:DateTime`,
		`2021-06-01T10:00:00 "" archived archive`,
	}, got)
	assert.False(t, tl.Truncated)
}

func TestBuildTimelineEmptyAndCapped(t *testing.T) {
	tl := BuildTimeline(&Report{})
	assert.NotNil(t, tl.Events)
	assert.NotNil(t, tl.Findings)

	items := make([]Item, MaxTimelineEvents+5)
	base := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range items {
		items[i] = Item{Path: fmt.Sprintf("p.zip!/%d", i), Modified: base.Add(time.Duration(i) * time.Second).Format(time.RFC3339)}
	}
	tl = BuildTimeline(&Report{Items: items})
	assert.Len(t, tl.Events, MaxTimelineEvents)
	assert.True(t, tl.Truncated)
}
