package evidence

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// MaxTimelineEvents bounds the events a report's timeline holds: a
// package of 100 000 items with three dates each would otherwise make the
// timeline larger than the rest of the report. Past it the earliest
// events are kept and Timeline.Truncated is set; the findings still see
// every event (within the bounds of the triage's timeline builder, see
// timeline_builder.go: past them Truncated is set too). A triage keeps at
// most MaxTimelineEvents modified-before-created findings, those of the
// first items.
const MaxTimelineEvents = 20_000

// Timeline thresholds, in the analyst's terms.
const (
	// dominantZoneShare is the share of zoned events one offset must hold
	// to be reported as the package's zone.
	dominantZoneShare = 0.6
	// minZoneEvents is the fewest zoned events a zone finding rests on.
	minZoneEvents = 3
	// burstWindow is the span of archive times that counts as one sitting
	// of whoever assembled the pack.
	burstWindow = time.Hour
	// minBurstTimes is the fewest archive times a burst holds.
	minBurstTimes = 3
	// futureSlack is how far past the package's newest archive time a
	// content date may be before it is reported (zones guessed wrong and
	// clocks a little off are common).
	futureSlack = 24 * time.Hour
	// createdSlack tolerates a modification a little before creation:
	// programs write the two from different clocks.
	createdSlack = time.Minute
	// maxFindingItems caps the items a finding lists.
	maxFindingItems = 50
)

// Values of TimelineEvent.Field: what the time says happened.
const (
	FieldArchived = "archived" // the archive entry's modification time
	FieldCreated  = "created"  // the document or file was created
	FieldModified = "modified" // the document was last saved
	FieldPrinted  = "printed"  // the document was last printed
	FieldCaptured = "captured" // a photograph or screenshot was taken
	FieldSent     = "sent"     // a mail's Date header
	FieldReceived = "received" // a mail server's Received stamp
)

// Values of TimelineFinding.Kind.
const (
	FindingModifiedBeforeCreated = "modified_before_created"
	FindingFuture                = "future"
	FindingDominantZone          = "dominant_zone"
	FindingAssemblyBurst         = "assembly_burst"
	FindingNewestContent         = "newest_content"
)

// Timeline is every timestamp the package holds, sorted, with what an
// analyst would flag in them.
type Timeline struct {
	Events   []TimelineEvent   `json:"events"`
	Findings []TimelineFinding `json:"findings"`
	// Truncated is true when events past MaxTimelineEvents were left out.
	Truncated bool `json:"truncated"`
}

// TimelineEvent is one timestamp of one item.
type TimelineEvent struct {
	// Time is RFC 3339 with the offset the record gave, or the bare wall
	// clock ("2021-04-12T10:30:00") when the record has no zone.
	Time string `json:"time"`
	// Zone is the offset ("+09:00", "Z" for UTC), or "" when the record
	// gives only a wall clock of an unknown zone.
	Zone string `json:"zone"`
	// Item is the path of the item the time belongs to.
	Item string `json:"item"`
	// Field says what happened: archived, created, modified, printed,
	// captured, sent or received.
	Field string `json:"field"`
	// Source names the record: "archive", "metadata", "exif:DateTimeOriginal",
	// "pdf:Info.CreationDate", "email:Received", …
	Source string `json:"source"`
	// Note explains what is uncertain, e.g. a wall clock of unknown zone.
	Note string `json:"note,omitempty"`

	at    time.Time // the instant (wall clock read as UTC when zone is "")
	zoned bool
}

// Instant returns the event's time; zoned is false when the record gave
// only a wall clock, which is then returned as if it were UTC.
func (e TimelineEvent) Instant() (t time.Time, zoned bool) {
	if !e.at.IsZero() {
		return e.at, e.zoned
	}
	t, zoned, _ = parseTimelineTime(e.Time)
	return t, zoned
}

// TimelineFinding is one thing the times say, with the items it rests on.
type TimelineFinding struct {
	Kind   string   `json:"kind"`
	Detail string   `json:"detail"`
	Items  []string `json:"items"`
}

// noZoneNote marks events whose record has no zone.
const noZoneNote = "wall clock of an unknown zone (the record has no offset)"

// nonNil returns the timeline with empty lists for nil ones, as the JSON
// contract wants.
func (t Timeline) nonNil() Timeline {
	if t.Events == nil {
		t.Events = []TimelineEvent{}
	}
	if t.Findings == nil {
		t.Findings = []TimelineFinding{}
	}
	return t
}

// emptyTimeline is the timeline of a report with no times.
func emptyTimeline() Timeline {
	return Timeline{Events: []TimelineEvent{}, Findings: []TimelineFinding{}}
}

// BuildTimeline collects every timestamp of the report's items into a
// sorted timeline and derives the findings. It is for reports assembled or
// edited by hand: Analyze builds the same timeline item by item, as items
// are handed on (each item counts by its place in rep.Items here). Its
// memory is bounded as Analyze's is: past the bounds, times are left out
// and Truncated says so.
func BuildTimeline(rep *Report) Timeline {
	b := newTimelineBuilder()
	for i := range rep.Items {
		it := rep.Items[i]
		it.Index = i
		b.add(&it)
	}
	return b.timeline()
}

// timeSource names the record of a time: "archive", "metadata", or an
// extractor's raw record and key ("exif", "DateTimeOriginal").
type timeSource struct{ record, key string }

func (s timeSource) String() string {
	if s.key == "" {
		return s.record
	}
	return s.record + ":" + s.key
}

// itemTimes calls f with each time of an item, in order: its archive
// time, the dated raw records, then its normalised created and modified
// unless a raw record gave the same time. A time is given once per field.
func itemTimes(it *Item, f func(t time.Time, zoned bool, field string, src timeSource)) {
	seen := map[string]bool{}
	instants := map[string]bool{}
	add := func(value, field string, src timeSource) {
		t, zoned, ok := parseTimelineTime(value)
		if !ok || t.Year() < 1971 {
			return // absent, unreadable, or a zero date some tools write
		}
		instant := t.UTC().Format(time.RFC3339Nano)
		if !zoned {
			instant = "wall|" + t.Format(time.RFC3339Nano)
		}
		key := field + "|" + instant
		// The normalised fields copy a raw record: skip them when the
		// item already has that time under any field.
		if seen[key] || (src.record == "metadata" && instants[instant]) {
			return
		}
		seen[key] = true
		instants[instant] = true
		f(t, zoned, field, src)
	}
	add(it.Modified, FieldArchived, timeSource{record: "archive"})
	md := it.Metadata
	// Raw records first: their source names the record precisely; the
	// normalised copy of the same time is then skipped as a duplicate.
	for _, name := range sortedKeys(md.Raw) {
		rec, ok := md.Raw[name].(map[string]any)
		if !ok {
			continue
		}
		for _, rk := range rawDateKeys {
			v, ok := lookup(rec, rk.key)
			if !ok {
				continue
			}
			for _, s := range stringsOf(v) {
				if rk.received {
					s = receivedDate(s)
				}
				add(withOffset(rec, rk, s), rk.field, timeSource{name, rk.key})
			}
		}
	}
	created := FieldCreated
	if it.Kind == "image" {
		created = FieldCaptured
	}
	add(md.Created, created, timeSource{record: "metadata"})
	add(md.Modified, FieldModified, timeSource{record: "metadata"})
}

// rawDateKey is a dated record of some extractor's raw map.
type rawDateKey struct {
	key      string // "Info.CreationDate": a dot steps into a nested map
	field    string
	offset   string // EXIF: the raw key holding the record's offset
	received bool   // a Received header: the date follows the last ';'
}

// rawDateKeys are the raw records that hold times, in every extractor's
// naming; a key an extractor does not write is simply absent.
var rawDateKeys = []rawDateKey{
	{key: "DateTimeOriginal", field: FieldCaptured, offset: "OffsetTimeOriginal"},
	{key: "DateTimeDigitized", field: FieldCaptured, offset: "OffsetTimeDigitized"},
	{key: "DateTime", field: FieldModified, offset: "OffsetTime"},
	{key: "dcterms:created", field: FieldCreated},
	{key: "dcterms:modified", field: FieldModified},
	{key: "cp:lastPrinted", field: FieldPrinted},
	{key: "lastPrinted", field: FieldPrinted},
	{key: "LastPrinted", field: FieldPrinted},
	{key: "CreateTime", field: FieldCreated},
	{key: "LastSaveTime", field: FieldModified},
	{key: "meta:creation-date", field: FieldCreated},
	{key: "meta:print-date", field: FieldPrinted},
	{key: "dc:date", field: FieldModified},
	{key: "xmp:CreateDate", field: FieldCreated},
	{key: "xmp:ModifyDate", field: FieldModified},
	{key: "CreateDate", field: FieldCreated},
	{key: "ModifyDate", field: FieldModified},
	{key: "Info.CreationDate", field: FieldCreated},
	{key: "Info.ModDate", field: FieldModified},
	{key: "Date", field: FieldSent},
	{key: "Received", field: FieldReceived, received: true},
}

// lookup finds a key, stepping into nested maps at dots when the whole
// key is absent.
func lookup(rec map[string]any, key string) (any, bool) {
	if v, ok := rec[key]; ok {
		return v, true
	}
	head, rest, ok := strings.Cut(key, ".")
	if !ok {
		return nil, false
	}
	sub, ok := rec[head].(map[string]any)
	if !ok {
		return nil, false
	}
	return lookup(sub, rest)
}

// stringsOf returns a string value, or the strings of a list.
func stringsOf(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []string:
		return x
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// withOffset appends an EXIF OffsetTime* value to a bare EXIF date.
func withOffset(rec map[string]any, rk rawDateKey, s string) string {
	if rk.offset == "" {
		return s
	}
	off, _ := rec[rk.offset].(string)
	off = strings.TrimSpace(off)
	if len(off) == 6 && (off[0] == '+' || off[0] == '-') && off[3] == ':' {
		return strings.TrimSpace(s) + off
	}
	return s
}

// receivedDate returns the date of a Received header: what follows its
// last semicolon.
func receivedDate(s string) string {
	if i := strings.LastIndexByte(s, ';'); i >= 0 {
		return strings.TrimSpace(s[i+1:])
	}
	return ""
}

// timeLayouts are the zoned layouts records use, tried in order.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006:01:02 15:04:05Z07:00",
	"2006:01:02 15:04:05.999999999Z07:00",
}

// wallLayouts are the layouts without zone.
var wallLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006:01:02 15:04:05",
	"2006:01:02 15:04:05.999999999",
	"2006-01-02 15:04:05",
}

// parseTimelineTime reads the date formats of the records: RFC 3339, EXIF,
// PDF ("D:20210426103000+09'00'") and mail (RFC 5322). zoned is false for
// a wall clock without zone, which is returned as if it were UTC.
func parseTimelineTime(s string) (t time.Time, zoned, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return time.Time{}, false, false
	}
	if strings.HasPrefix(s, "D:") {
		return parsePDFDate(s[2:])
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true, true
		}
	}
	for _, l := range wallLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, false, true
		}
	}
	if t, err := mail.ParseDate(s); err == nil {
		return t, true, true
	}
	return time.Time{}, false, false
}

// parsePDFDate reads the body of a PDF date: YYYY[MM[DD[HH[mm[SS]]]]]
// then Z, or +HH'mm', or nothing (no zone).
func parsePDFDate(s string) (time.Time, bool, bool) {
	digits := 0
	for digits < len(s) && digits < 14 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits < 4 || digits%2 != 0 {
		return time.Time{}, false, false
	}
	num := s[:digits] + "0101000000"[digits-4:]
	t, err := time.Parse("20060102150405", num)
	if err != nil {
		return time.Time{}, false, false
	}
	rest := strings.ReplaceAll(s[digits:], "'", "")
	switch {
	case rest == "":
		return t, false, true
	case rest == "Z" || rest == "Z00" || rest == "Z0000":
		return t, true, true
	case len(rest) >= 3 && (rest[0] == '+' || rest[0] == '-'):
		hh, mm := 0, 0
		if _, err := fmt.Sscanf(rest[1:3], "%02d", &hh); err != nil || hh > 14 {
			return time.Time{}, false, false
		}
		if len(rest) >= 5 {
			if _, err := fmt.Sscanf(rest[3:5], "%02d", &mm); err != nil || mm > 59 {
				return time.Time{}, false, false
			}
		}
		off := hh*3600 + mm*60
		if rest[0] == '-' {
			off = -off
		}
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.FixedZone("", off)), true, true
	}
	return time.Time{}, false, false
}

// zoneOf renders a time's offset: "Z" for UTC, else "+09:00".
func zoneOf(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "Z"
	}
	return t.Format("-07:00")
}

// zoneRegions names where an offset is the local time, for the analyst;
// offsets not listed are given bare.
var zoneRegions = map[int]string{
	12 * 3600:     "New Zealand",
	10 * 3600:     "Eastern Australia",
	9 * 3600:      "Japan (or Korea)",
	8 * 3600:      "China, Taiwan, Hong Kong or Singapore",
	7 * 3600:      "Indochina or western Indonesia",
	5*3600 + 1800: "India",
	4 * 3600:      "the Gulf states",
	3 * 3600:      "Moscow, Turkey or East Africa",
	2 * 3600:      "Eastern Europe, or Central Europe in summer",
	1 * 3600:      "Central Europe, or the UK in summer",
	-3 * 3600:     "Brazil or Argentina",
	-4 * 3600:     "US Eastern in summer",
	-5 * 3600:     "US Eastern, or US Central in summer",
	-6 * 3600:     "US Central",
	-7 * 3600:     "US Mountain, or US Pacific in summer",
	-8 * 3600:     "US Pacific",
}

// modifiedBeforeCreatedOf is the finding of one item, if it has one.
func modifiedBeforeCreatedOf(it *Item) (TimelineFinding, bool) {
	c, cz, cok := parseTimelineTime(it.Metadata.Created)
	m, mz, mok := parseTimelineTime(it.Metadata.Modified)
	if !cok || !mok || cz != mz || !m.Before(c.Add(-createdSlack)) {
		return TimelineFinding{}, false
	}
	return TimelineFinding{Kind: FindingModifiedBeforeCreated, Items: []string{it.Path},
		Detail: fmt.Sprintf("%s: modified %s before it was created %s (copied with its dates kept, or dates edited)", it.Path, it.Metadata.Modified, it.Metadata.Created)}, true
}

// appendItem adds an item path once, up to maxFindingItems.
func appendItem(items []string, path string) []string {
	if len(items) >= maxFindingItems || slices.Contains(items, path) {
		return items
	}
	return append(items, path)
}

// sortedKeys returns a map's keys in order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
