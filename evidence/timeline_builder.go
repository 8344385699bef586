package evidence

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// The timeline is built item by item, as items are handed on (and by
// BuildTimeline over a report's items), by a timelineBuilder: it keeps
// each time as a small record (no strings) and each item's path once, and
// makes the events and findings from them at the end, whatever the order
// the items came in. Its memory is bounded: at most maxTimelineRecords
// times and maxTimelinePathBytes of paths are kept, and MaxTimelineEvents
// modified-before-created findings; what comes past these bounds is left
// out (Timeline.Truncated says so).

// Bounds of a timelineBuilder.
const (
	// maxTimelineRecords bounds the times kept for the findings: 2^19 of
	// 32 bytes, 16 MiB. A package at the default MaxEntries (100 000
	// items) with an archive time and two dates per item has 300 000.
	maxTimelineRecords = 1 << 19
	// maxTimelinePathBytes bounds the bytes of item paths kept to name
	// the items of events and findings: 100 000 paths of 160 bytes.
	maxTimelinePathBytes = 16 << 20
)

// timeRecord is one time of an item, without strings.
type timeRecord struct {
	sec   int64 // the instant in Unix seconds; a wall clock is read as UTC
	nsec  int32
	off   int32 // the record's offset from UTC in seconds, when zoned
	index int32 // the item's Index
	src   uint16
	ord   uint16 // the time's place among its item's times
	field uint8  // a timeFields index, in the order of the field names
	zoned bool
}

// timeFields are the values of TimelineEvent.Field, sorted, so that
// timeRecord.field orders as the names do.
var timeFields = []string{FieldArchived, FieldCaptured, FieldCreated, FieldModified, FieldPrinted, FieldReceived, FieldSent}

func fieldCode(name string) uint8 {
	i, _ := slices.BinarySearch(timeFields, name)
	return uint8(i)
}

// compare orders records as the timeline sorts events: by instant, then
// item, then field name, then their order in the item.
func (r *timeRecord) compare(o *timeRecord) int {
	if c := cmp.Compare(r.sec, o.sec); c != 0 {
		return c
	}
	if c := cmp.Compare(r.nsec, o.nsec); c != 0 {
		return c
	}
	if c := cmp.Compare(r.index, o.index); c != 0 {
		return c
	}
	if c := cmp.Compare(r.field, o.field); c != 0 {
		return c
	}
	return cmp.Compare(r.ord, o.ord)
}

// after reports whether r is later than o by more than d.
func (r *timeRecord) after(o *timeRecord, d time.Duration) bool {
	return r.time().After(o.time().Add(d))
}

// time returns the record's instant (in UTC).
func (r *timeRecord) time() time.Time { return time.Unix(r.sec, int64(r.nsec)).UTC() }

// timelineBuilder builds a timeline from items added one at a time. Items
// may come in any order: their Index orders them. It is not safe for
// concurrent use.
type timelineBuilder struct {
	recs     []timeRecord
	dropped  bool // times or paths left out past the bounds
	paths    map[int32]string
	pathSize int
	sources  []timeSource
	srcIndex map[timeSource]uint16
	// mbc holds the modified-before-created findings by item Index, at
	// most MaxTimelineEvents of them (the first items).
	mbc []indexedFinding
	// newest is the newest content date (not an archive time), and
	// newestDay its date as the timeline shows it (YYYY-MM-DD), set by
	// timeline.
	newest    time.Time
	newestDay string
	// maxEvents, maxRecs and maxPathBytes are MaxTimelineEvents,
	// maxTimelineRecords and maxTimelinePathBytes; tests lower them.
	maxEvents, maxRecs, maxPathBytes int
}

type indexedFinding struct {
	index int
	f     TimelineFinding
}

func newTimelineBuilder() *timelineBuilder {
	return &timelineBuilder{paths: map[int32]string{}, srcIndex: map[timeSource]uint16{},
		maxEvents: MaxTimelineEvents, maxRecs: maxTimelineRecords, maxPathBytes: maxTimelinePathBytes}
}

// add adds the times of one item.
func (b *timelineBuilder) add(it *Item) {
	if f, ok := modifiedBeforeCreatedOf(it); ok {
		b.mbc = append(b.mbc, indexedFinding{it.Index, f})
		if len(b.mbc) >= 2*b.maxEvents {
			b.trimFindings()
		}
	}
	index := int32(min(it.Index, 1<<31-1))
	ord := 0
	itemTimes(it, func(t time.Time, zoned bool, field string, src timeSource) {
		if len(b.recs) >= b.maxRecs {
			b.dropped = true
			return
		}
		if ord == 0 {
			if _, ok := b.paths[index]; !ok {
				if b.pathSize+len(it.Path) > b.maxPathBytes {
					b.dropped = true
					return
				}
				b.paths[index] = it.Path
				b.pathSize += len(it.Path)
			}
		}
		_, off := t.Zone()
		b.recs = append(b.recs, timeRecord{sec: t.Unix(), nsec: int32(t.Nanosecond()), off: int32(off),
			index: index, src: b.source(src), ord: uint16(min(ord, 1<<16-1)), field: fieldCode(field), zoned: zoned})
		ord++
	})
}

// source returns the number of a record's source.
func (b *timelineBuilder) source(s timeSource) uint16 {
	if i, ok := b.srcIndex[s]; ok {
		return i
	}
	i := uint16(min(len(b.sources), 1<<16-1))
	if len(b.sources) < 1<<16-1 {
		b.sources = append(b.sources, s)
		b.srcIndex[s] = i
	}
	return i
}

// trimFindings keeps the MaxTimelineEvents findings of the first items.
func (b *timelineBuilder) trimFindings() {
	slices.SortFunc(b.mbc, func(x, y indexedFinding) int { return cmp.Compare(x.index, y.index) })
	if len(b.mbc) > b.maxEvents {
		clear(b.mbc[b.maxEvents:])
		b.mbc = b.mbc[:b.maxEvents]
		b.dropped = true
	}
}

// timeline returns the timeline of the items added. It sorts the kept
// times in place: call it once, after the last add.
func (b *timelineBuilder) timeline() Timeline {
	tl := emptyTimeline()
	b.trimFindings()
	for _, f := range b.mbc {
		tl.Findings = append(tl.Findings, f.f)
	}
	recs := b.recs
	// Wall clocks of unknown zone sort as if in the dominant zone.
	zoneOff, n, total, ok := recordsZone(recs)
	if ok {
		for i := range recs {
			if !recs[i].zoned {
				recs[i].sec -= int64(zoneOff)
			}
		}
	}
	slices.SortFunc(recs, func(x, y timeRecord) int { return x.compare(&y) })

	var archived, content []*timeRecord
	for i := range recs {
		if recs[i].field == fieldCode(FieldArchived) {
			archived = append(archived, &recs[i])
		} else {
			content = append(content, &recs[i])
		}
	}
	if len(archived) > 0 {
		newest := archived[len(archived)-1]
		var items []string
		var first *timeRecord
		for _, r := range content {
			if r.after(newest, futureSlack) {
				if len(items) == 0 {
					first = r
				}
				items = b.appendItem(items, r.index)
			}
		}
		if len(items) > 0 {
			fe := b.event(first, zoneOff, ok)
			tl.Findings = append(tl.Findings, TimelineFinding{Kind: FindingFuture, Items: items,
				Detail: fmt.Sprintf("%d item(s) carry dates after the package's newest archive time %s, e.g. %s %s %s: clock or zone wrong, or the file was planted or edited after the pack was made", len(items), b.event(newest, zoneOff, ok).Time, fe.Item, fe.Field, fe.Time)})
		}
	}
	if ok {
		zone := time.FixedZone("", zoneOff)
		name := zoneOf(time.Unix(0, 0).In(zone))
		detail := fmt.Sprintf("%s on %d%% of zoned events (%d of %d, UTC left out)", name, (100*n+total/2)/total, n, total)
		if region := zoneRegions[zoneOff]; region != "" {
			detail += ": " + region
		}
		var items []string
		for i := range recs {
			if recs[i].zoned && int(recs[i].off) == zoneOff {
				items = b.appendItem(items, recs[i].index)
			}
		}
		tl.Findings = append(tl.Findings, TimelineFinding{Kind: FindingDominantZone, Detail: detail, Items: items})
	}
	if f, found := b.burst(archived, zoneOff, ok); found {
		tl.Findings = append(tl.Findings, f)
	}
	if len(content) > 0 {
		b.newest = content[len(content)-1].time()
		e := b.event(content[len(content)-1], zoneOff, ok)
		if len(e.Time) >= len(time.DateOnly) {
			b.newestDay = e.Time[:len(time.DateOnly)]
		}
		tl.Findings = append(tl.Findings, TimelineFinding{Kind: FindingNewestContent, Items: []string{e.Item},
			Detail: fmt.Sprintf("newest content date %s (%s, %s of %s): the data cannot have been taken before it", e.Time, e.Source, e.Field, e.Item)})
	}
	keep := min(len(recs), b.maxEvents)
	if keep > 0 {
		tl.Events = make([]TimelineEvent, 0, keep)
		for i := range recs[:keep] {
			tl.Events = append(tl.Events, b.event(&recs[i], zoneOff, ok))
		}
	}
	tl.Truncated = len(recs) > b.maxEvents || b.dropped
	return tl
}

// recordsZone is the dominant zone of the records: the offset that holds at
// least dominantZoneShare of the zoned times, with its count and the
// total. Offset 0 is left out of the vote: UTC is what office formats and
// many archivers write whatever the user's zone, and says nothing of it.
func recordsZone(recs []timeRecord) (off, n, total int, ok bool) {
	counts := map[int]int{}
	for i := range recs {
		if recs[i].zoned && recs[i].off != 0 {
			counts[int(recs[i].off)]++
			total++
		}
	}
	for o, c := range counts {
		if c > n || (c == n && o < off) {
			off, n = o, c
		}
	}
	if total < minZoneEvents || float64(n) < dominantZoneShare*float64(total) {
		return 0, n, total, false
	}
	return off, n, total, true
}

// burst finds the window of burstWindow holding the most archive times
// (sorted): when whoever made the pack copied the files together.
func (b *timelineBuilder) burst(archived []*timeRecord, zoneOff int, zoned bool) (TimelineFinding, bool) {
	if len(archived) < minBurstTimes {
		return TimelineFinding{}, false
	}
	bestI, bestJ := 0, 0
	j := 0
	for i := range archived {
		for j < len(archived) && !archived[j].after(archived[i], burstWindow) {
			j++
		}
		if j-i > bestJ-bestI {
			bestI, bestJ = i, j
		}
	}
	n := bestJ - bestI
	if n < minBurstTimes {
		return TimelineFinding{}, false
	}
	var items []string
	for _, r := range archived[bestI:bestJ] {
		items = b.appendItem(items, r.index)
	}
	first, last := b.event(archived[bestI], zoneOff, zoned), b.event(archived[bestJ-1], zoneOff, zoned)
	return TimelineFinding{Kind: FindingAssemblyBurst, Items: items,
		Detail: fmt.Sprintf("%d of %d archive times fall between %s and %s: when the files were likely gathered into the pack", n, len(archived), first.Time, last.Time)}, true
}

// appendItem is appendItem by item Index; an item whose path was not
// kept is left out.
func (b *timelineBuilder) appendItem(items []string, index int32) []string {
	p, ok := b.paths[index]
	if !ok {
		return items
	}
	return appendItem(items, p)
}

// event makes the TimelineEvent of a record; the wall clocks were moved
// into the dominant zone (zoneOff) when there is one (shifted).
func (b *timelineBuilder) event(r *timeRecord, zoneOff int, shifted bool) TimelineEvent {
	ev := TimelineEvent{Item: b.paths[r.index], Field: timeFields[r.field], zoned: r.zoned}
	if int(r.src) < len(b.sources) {
		ev.Source = b.sources[r.src].String()
	}
	t := r.time()
	if r.zoned {
		t = t.In(time.FixedZone("", int(r.off)))
		ev.at = t
		ev.Time = t.Format(time.RFC3339Nano)
		ev.Zone = zoneOf(t)
		return ev
	}
	wall := t
	if shifted {
		wall = t.Add(time.Duration(zoneOff) * time.Second)
		ev.at = time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), time.FixedZone("", zoneOff))
	} else {
		ev.at = wall
	}
	ev.Time = wall.Format("2006-01-02T15:04:05.999999999")
	ev.Note = noZoneNote
	return ev
}
