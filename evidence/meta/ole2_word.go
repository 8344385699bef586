package meta

import (
	"encoding/binary"
	"fmt"
	"io"
	"time"
)

// A Word 97–2003 document keeps dates of its own beside the property
// sets, which some writers (mimetype's doc.doc, Corel's converters) leave
// out: the File Information Block (FIB) at the start of the WordDocument
// stream holds the time of the last save as a FILETIME, and the Document
// Properties (DOP) in the table stream ("0Table" or "1Table", as the FIB
// says) hold the creation and revision times as DTTMs ([MS-DOC] 2.5.1,
// 2.7.1, 2.9.70). They fill Created and Modified when the property sets
// give none, as exiftool reads them (its DOP and FIB dates yield to the
// property sets').

// Offsets in a Word document's FIB and DOP ([MS-DOC] 2.5.1, 2.5.6,
// 2.7.1).
const (
	// oleFIBIdent is the FIB's magic, wIdent, at its start.
	oleFIBIdent = 0xA5EC
	// oleFIBWhichTable is fWhichTblStm among the flags at oleFIBFlags:
	// set, the table stream is 1Table, else 0Table.
	oleFIBWhichTable = 0x0200
	// oleFIBBaseSize is the size of FibBase; csw follows it.
	oleFIBBaseSize = 32
	// oleFIBDop is the offset of fcDop (and lcbDop after it) in
	// fibRgFcLcb; oleFIBSaved that of the FILETIME of the last save
	// (dwLowDateTime, dwHighDateTime).
	oleFIBDop   = 31 * 8
	oleFIBSaved = 87 * 8
	// oleFIBHead is the bytes of the WordDocument stream read: FibBase,
	// fibRgW, fibRgLw and fibRgFcLcb up to the saved time of a Word 97
	// FIB fit, whatever the version.
	oleFIBHead = 1 << 10
	// oleDopCreated and oleDopRevised are the DTTMs of the DOP;
	// oleDopHead the bytes of the DOP read.
	oleDopCreated = 20
	oleDopRevised = 24
	oleDopHead    = 28
)

// oleWordFIB is what a Word document's FIB says about its dates.
type oleWordFIB struct {
	// table is the name of the table stream, "0Table" or "1Table".
	table string
	// dop and dopSize locate the DOP in the table stream.
	dop, dopSize uint32
	// saved is the FILETIME of the last save, 0 when not set.
	saved oleFiletime
}

// oleParseWordFIB reads the head of a WordDocument stream. ok is false
// when it is no Word 97 or later FIB, or the document is encrypted or
// obfuscated (its table stream is then not plain).
func oleParseWordFIB(b []byte) (fib oleWordFIB, ok bool) {
	if len(b) < oleFIBBaseSize+2 || binary.LittleEndian.Uint16(b) != oleFIBIdent {
		return fib, false
	}
	flags := binary.LittleEndian.Uint16(b[oleFIBFlags:])
	if flags&oleFIBEncrypted != 0 || flags&0x8000 != 0 { // fEncrypted, fObfuscated
		return fib, false
	}
	fib.table = "0Table"
	if flags&oleFIBWhichTable != 0 {
		fib.table = "1Table"
	}
	// csw 16-bit values, cslw 32-bit values, then cbRgFcLcb pairs of
	// 32-bit values; each count is checked against the bytes read.
	pos := oleFIBBaseSize
	csw := int(binary.LittleEndian.Uint16(b[pos:]))
	pos += 2 + 2*csw
	if pos+2 > len(b) {
		return fib, false
	}
	cslw := int(binary.LittleEndian.Uint16(b[pos:]))
	pos += 2 + 4*cslw
	if pos+2 > len(b) {
		return fib, false
	}
	pairs := int(binary.LittleEndian.Uint16(b[pos:]))
	pos += 2
	rg := b[pos:min(len(b), pos+8*pairs)]
	if len(rg) < oleFIBDop+8 {
		return fib, false
	}
	fib.dop = binary.LittleEndian.Uint32(rg[oleFIBDop:])
	fib.dopSize = binary.LittleEndian.Uint32(rg[oleFIBDop+4:])
	if len(rg) >= oleFIBSaved+8 {
		lo, hi := binary.LittleEndian.Uint32(rg[oleFIBSaved:]), binary.LittleEndian.Uint32(rg[oleFIBSaved+4:])
		fib.saved = oleFiletime(uint64(hi)<<32 | uint64(lo))
	}
	return fib, true
}

// oleDTTM decodes a DTTM ([MS-DOC] 2.9.70): minutes, hours, day, month
// and years since 1900 in bit fields, a local time without zone. ok is
// false for zero (not set) and for fields out of range.
func oleDTTM(v uint32) (t time.Time, ok bool) {
	minute, hour := int(v&0x3F), int(v>>6&0x1F)
	day, month, year := int(v>>11&0x1F), int(v>>16&0x0F), 1900+int(v>>20&0x1FF)
	if v == 0 || minute > 59 || hour > 23 || day < 1 || day > 31 || month < 1 || month > 12 {
		return time.Time{}, false
	}
	t = time.Date(year, time.Month(month), day, hour, minute, 0, 0, time.UTC)
	if t.Day() != day { // 31 April
		return time.Time{}, false
	}
	return t, true
}

// oleWordDates reads the dates of a Word document from the head of its
// WordDocument stream and its table stream (nil when the file has none
// of that name), into raw under the keys "DOPCreateTime",
// "DOPRevisionTime" (local times without zone) and "FIBSaveTime" (UTC).
// It reports whether it found any.
func oleWordDates(raw map[string]any, fib oleWordFIB, table io.ReaderAt, tableSize int64) (found bool, err error) {
	if fib.saved != 0 {
		t, err := fib.saved.time()
		if err != nil {
			return false, fmt.Errorf("FIB: %w", err)
		}
		raw["FIBSaveTime"] = FormatTime(t, true)
		found = true
	}
	if table == nil || fib.dopSize < oleDopHead || int64(fib.dop)+oleDopHead > tableSize {
		return found, nil
	}
	dop := make([]byte, oleDopHead)
	if n, err := table.ReadAt(dop, int64(fib.dop)); n < len(dop) {
		return found, fmt.Errorf("%w: DOP of %s cut short: %w", ErrFormat, fib.table, err)
	}
	if t, ok := oleDTTM(binary.LittleEndian.Uint32(dop[oleDopCreated:])); ok {
		raw["DOPCreateTime"] = FormatTime(t, false)
		found = true
	}
	if t, ok := oleDTTM(binary.LittleEndian.Uint32(dop[oleDopRevised:])); ok {
		raw["DOPRevisionTime"] = FormatTime(t, false)
		found = true
	}
	return found, nil
}
