package meta_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// A Word 97–2003 document's own dates: its FIB's time of the last save
// and its DOP's times of creation and revision, built here as Word lays
// them out ([MS-DOC] 2.5.1, 2.7.1).

// dttm encodes a DTTM: minutes, hours, day, month, years since 1900.
func dttm(year, month, day, hour, minute int) uint32 {
	return uint32(minute) | uint32(hour)<<6 | uint32(day)<<11 | uint32(month)<<16 | uint32(year-1900)<<20
}

// wordDates is a Word document's dates as written: DTTMs (0 for none), a
// FILETIME of the last save (zero time for none), and where the DOP is.
type wordDates struct {
	created, revised uint32
	saved            time.Time
	// table1 puts the DOP in 1Table (fWhichTblStm), else 0Table.
	table1 bool
	// dopAt moves the DOP's offset, dopSize its size; csw, when not 0,
	// replaces the FIB's count of 16-bit values.
	dopAt, dopSize uint32
	csw            uint16
	flags          uint16
}

// wordStreams returns the WordDocument stream of a Word 97 FIB (csw 14,
// cslw 22, cbRgFcLcb 93) and its table stream, 200 bytes of other
// tables then the DOP.
func wordStreams(d wordDates) []oleStream {
	le := binary.LittleEndian
	fib := make([]byte, 32)
	le.PutUint16(fib, 0xA5EC)
	le.PutUint16(fib[2:], 0x00C1) // nFib of Word 97
	flags := d.flags
	table := "0Table"
	if d.table1 {
		flags |= 0x0200
		table = "1Table"
	}
	le.PutUint16(fib[10:], flags)
	csw := d.csw
	if csw == 0 {
		csw = 14
	}
	fib = le.AppendUint16(fib, csw)
	fib = append(fib, make([]byte, 2*14)...)
	fib = le.AppendUint16(fib, 22)
	fib = append(fib, make([]byte, 4*22)...)
	fib = le.AppendUint16(fib, 93)
	rg := make([]byte, 8*93)
	dopAt, dopSize := d.dopAt, d.dopSize
	if dopAt == 0 {
		dopAt = 200
	}
	if dopSize == 0 {
		dopSize = 544 // a Dop2000
	}
	le.PutUint32(rg[31*8:], dopAt)
	le.PutUint32(rg[31*8+4:], dopSize)
	if !d.saved.IsZero() {
		ft := uint64(d.saved.UnixNano()/100) + 116444736000000000
		le.PutUint32(rg[87*8:], uint32(ft))
		le.PutUint32(rg[87*8+4:], uint32(ft>>32))
	}
	fib = append(fib, rg...)
	fib = append(fib, make([]byte, 600)...) // the text would follow
	dop := make([]byte, 544)
	le.PutUint32(dop[20:], d.created)
	le.PutUint32(dop[24:], d.revised)
	le.PutUint32(dop[28:], dttm(2021, 4, 13, 9, 0)) // dttmLastPrint, not read
	tbl := append(bytes.Repeat([]byte{0xAA}, 200), dop...)
	return []oleStream{{"WordDocument", fib}, {table, tbl}}
}

// wordCase is a Word document and the dates the OLE2 extractor gives it.
type wordCase struct {
	name              string
	streams           []oleStream
	created, modified string
	// noRecord: the document holds no record (ErrNoRecord).
	noRecord bool
}

func wordCases() []wordCase {
	created, revised := dttm(2022, 2, 2, 17, 33), dttm(2022, 2, 3, 8, 5)
	saved := time.Date(2022, 2, 3, 8, 5, 41, 0, time.UTC)
	summary := oleStream{name: "\x05SummaryInformation", data: propertySetStream([][16]byte{fmtidSummaryBytes},
		propertySection([]psValue{{1, 2, psI2(1252)}, {4, 0x1E, psString([]byte("Mirei Tanaka"))},
			{12, 0x40, psFiletime(time.Date(2021, 4, 12, 1, 30, 0, 0, time.UTC))}}))}
	return []wordCase{
		{name: "DOP dates, no property set", streams: wordStreams(wordDates{created: created, revised: revised}),
			created: "2022-02-02T17:33:00", modified: "2022-02-03T08:05:00"},
		{name: "DOP in 1Table", streams: wordStreams(wordDates{created: created, revised: revised, table1: true}),
			created: "2022-02-02T17:33:00", modified: "2022-02-03T08:05:00"},
		{name: "FIB save time before DOP revision", streams: wordStreams(wordDates{created: created, revised: revised, saved: saved}),
			created: "2022-02-02T17:33:00", modified: "2022-02-03T08:05:41Z"},
		{name: "property set dates first", streams: append(wordStreams(wordDates{created: created, revised: revised}), summary),
			created: "2021-04-12T01:30:00Z", modified: "2022-02-03T08:05:00"},
		{name: "no dates anywhere", streams: wordStreams(wordDates{}), noRecord: true},
		{name: "DTTM out of range", streams: wordStreams(wordDates{created: dttm(2022, 13, 2, 17, 33) | 0x3F, revised: revised}),
			modified: "2022-02-03T08:05:00"},
		{name: "31 April", streams: wordStreams(wordDates{created: dttm(2022, 4, 31, 1, 1)}), noRecord: true},
		{name: "DOP past its table", streams: wordStreams(wordDates{created: created, dopAt: 1 << 30}), noRecord: true},
		{name: "DOP cut short", streams: wordStreams(wordDates{created: created, dopSize: 8}), noRecord: true},
		{name: "DOP at the table's end", streams: wordStreams(wordDates{created: created, dopAt: 200 + 544 - 20}),
			noRecord: true},
		{name: "counts past the FIB", streams: wordStreams(wordDates{created: created, csw: 0xFFFF}), noRecord: true},
		{name: "table stream missing", streams: wordStreams(wordDates{created: created, saved: saved})[:1],
			modified: "2022-02-03T08:05:41Z"},
		{name: "obfuscated", streams: wordStreams(wordDates{created: created, flags: 0x8000}), noRecord: true},
	}
}

// TestOLE2WordDates checks that the dates of a Word document's FIB and
// DOP fill Created and Modified when its property sets do not (mimetype's
// doc.doc has none, exiftool reads its DOP), that a DOP date is local
// (no zone) and the FIB's UTC, and that a FIB or DOP that lies about its
// counts and offsets gives no date and no panic.
func TestOLE2WordDates(t *testing.T) {
	for _, tc := range wordCases() {
		t.Run(tc.name, func(t *testing.T) {
			data := buildOLE2(t, tc.streams)
			in := meta.Input{Name: tc.name, Type: identify.Type{MIME: "application/msword"}, R: bytes.NewReader(data), Size: int64(len(data))}
			res, err := meta.NewOLE2().Extract(context.Background(), in, meta.Limits{})
			if tc.noRecord {
				require.ErrorIs(t, err, meta.ErrNoRecord)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.created, res.Metadata.Created)
			assert.Equal(t, tc.modified, res.Metadata.Modified)
			for _, w := range res.Warnings {
				assert.False(t, errors.Is(w, meta.ErrFormat), "no malformed record: %v", w)
			}
		})
	}
}
