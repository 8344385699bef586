package meta

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// Format identifiers of the property sets read, in their on-disk byte
// order (the first three fields of a GUID are little-endian).
var (
	fmtidSummary    = oleGUIDBytes(0xF29F85E0, 0x4FF9, 0x1068, [8]byte{0xAB, 0x91, 0x08, 0x00, 0x2B, 0x27, 0xB3, 0xD9})
	fmtidDocSummary = oleGUIDBytes(0xD5CDD502, 0x2E9C, 0x101B, [8]byte{0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE})
	fmtidUser       = oleGUIDBytes(0xD5CDD505, 0x2E9C, 0x101B, [8]byte{0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE})
)

// The same identifiers with their first three fields big-endian, as some
// writers put them (the GUID's text order); exiftool reads them too.
var (
	fmtidSummaryInverted    = oleGUIDInverted(fmtidSummary)
	fmtidDocSummaryInverted = oleGUIDInverted(fmtidDocSummary)
	fmtidUserInverted       = oleGUIDInverted(fmtidUser)
)

// oleGUIDInverted swaps the byte order of a GUID's first three fields.
func oleGUIDInverted(g [16]byte) [16]byte {
	out := g
	out[0], out[1], out[2], out[3] = g[3], g[2], g[1], g[0]
	out[4], out[5] = g[5], g[4]
	out[6], out[7] = g[7], g[6]
	return out
}

func oleGUIDBytes(a uint32, b, c uint16, d [8]byte) [16]byte {
	var g [16]byte
	binary.LittleEndian.PutUint32(g[0:], a)
	binary.LittleEndian.PutUint16(g[4:], b)
	binary.LittleEndian.PutUint16(g[6:], c)
	copy(g[8:], d[:])
	return g
}

// Property names of the SummaryInformation set (MS-OLEPS PIDSI_*).
var oleSummaryNames = map[uint32]string{
	2: "Title", 3: "Subject", 4: "Author", 5: "Keywords", 6: "Comments", 7: "Template",
	8: "LastAuthor", 9: "RevNumber", 10: "TotalEditTime", 11: "LastPrinted", 12: "CreateTime",
	13: "LastSaveTime", 14: "PageCount", 15: "WordCount", 16: "CharCount", 17: "Thumbnail",
	18: "AppName", 19: "DocSecurity",
}

// Property names of the DocumentSummaryInformation set (PIDDSI_*).
var oleDocSummaryNames = map[uint32]string{
	2: "Category", 3: "PresentationFormat", 4: "ByteCount", 5: "LineCount", 6: "ParagraphCount",
	7: "SlideCount", 8: "NoteCount", 9: "HiddenSlideCount", 10: "MMClipCount", 11: "ScaleCrop",
	12: "HeadingPairs", 13: "TitlesOfParts", 14: "Manager", 15: "Company", 16: "LinksUpToDate",
	17: "CharCountWithSpaces", 19: "SharedDoc", 20: "LinkBase", 21: "HLinks", 22: "HyperlinksChanged",
	23: "AppVersion", 24: "DigSig", 26: "ContentType", 27: "ContentStatus", 28: "Language",
	29: "DocVersion",
}

// Property identifiers common to every set.
const (
	pidDictionary = 0
	pidCodePage   = 1
	pidLocale     = 0x80000000
	pidBehavior   = 0x80000003
)

// oleAddSection stores the properties of s into raw under their names.
func oleAddSection(raw map[string]any, s oleSection, res *Result) {
	var names map[uint32]string
	dst := raw
	switch s.fmtid {
	case fmtidSummary, fmtidSummaryInverted:
		names = oleSummaryNames
	case fmtidDocSummary, fmtidDocSummaryInverted:
		names = oleDocSummaryNames
	case fmtidUser, fmtidUserInverted:
		u, _ := raw["UserDefined"].(map[string]any)
		if u == nil {
			u = map[string]any{}
		}
		dst = u
		defer func() {
			if len(u) > 0 {
				raw["UserDefined"] = u
			}
		}()
	default:
		names = map[uint32]string{}
	}
	if s.codePage != 0 {
		raw["CodePage"] = int64(s.codePage)
	}
	for _, p := range s.props {
		switch p.id {
		case pidDictionary, pidCodePage, pidBehavior:
			continue
		case pidLocale:
			dst["Locale"] = p.value
			continue
		}
		name := names[p.id]
		if name == "" {
			name = s.dict[p.id]
		}
		if name == "" {
			name = fmt.Sprintf("PID_0x%X", p.id)
		}
		v, err := ole2RawValue(name, p.value)
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Errorf("%s: %w", name, err))
			continue
		}
		if v != nil {
			dst[name] = v
		}
	}
}

// ole2RawValue turns a decoded property value into a Raw value: times as
// RFC 3339 UTC strings (zero FILETIMEs left out), the edit time as
// seconds, AppVersion as "major.minor".
func ole2RawValue(name string, v any) (any, error) {
	switch x := v.(type) {
	case oleFiletime:
		if name == "TotalEditTime" {
			return int64(x / 10_000_000), nil
		}
		if x == 0 {
			return nil, nil
		}
		t, err := x.time()
		if err != nil {
			return nil, err
		}
		return FormatTime(t, true), nil
	case time.Time:
		return FormatTime(x, false), nil
	case int64:
		if name == "AppVersion" {
			return fmt.Sprintf("%d.%04d", x>>16&0xFFFF, x&0xFFFF), nil
		}
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if e2, err := ole2RawValue("", e); err == nil && e2 != nil {
				out = append(out, e2)
			}
		}
		return out, nil
	}
	return v, nil
}

// oleFiletime is a Windows FILETIME: 100-nanosecond ticks since 1601-01-01
// UTC. As a duration (TotalEditTime) it counts ticks.
type oleFiletime uint64

// oleTicksTo1970 is the FILETIME of the Unix epoch.
const oleTicksTo1970 = 116_444_736_000_000_000

func (f oleFiletime) time() (time.Time, error) {
	ticks := uint64(f)
	t := time.Unix(int64(ticks/10_000_000)-oleTicksTo1970/10_000_000, int64(ticks%10_000_000)*100).UTC()
	if t.Year() > 9999 {
		return time.Time{}, fmt.Errorf("%w: FILETIME after year 9999", ErrFormat)
	}
	return t, nil
}

// Bounds of the OLE2 reader.
const (
	// maxPropertySets is the number of sections a property-set stream may
	// declare: MS-OLEPS allows one or two.
	maxPropertySets = 2
	// maxPropertySetStream bounds a property-set stream: MS-OLEPS asks
	// readers to refuse streams over 2 MiB, which no real file reaches.
	maxPropertySetStream = 2 << 20
)

// oleSection is one property set of a stream.
type oleSection struct {
	fmtid    [16]byte
	codePage int
	dict     map[uint32]string
	props    []oleProperty
}

// oleProperty is one decoded value: string, int64, float64, bool, oleFiletime,
// time.Time (VT_DATE, zone unknown), []any, or nil when the type carries
// no value we keep (blobs, clipboard data).
type oleProperty struct {
	id    uint32
	value any
}

// oleParsePropertySets decodes a PropertySetStream (MS-OLEPS 2.21).
// Every offset and count is checked against b; maxProps bounds the
// properties read per section.
func oleParsePropertySets(b []byte, maxProps int) ([]oleSection, []error, error) {
	if len(b) < 28 {
		return nil, nil, fmt.Errorf("%w: property set stream of %d bytes", ErrFormat, len(b))
	}
	if binary.LittleEndian.Uint16(b[0:2]) != 0xFFFE {
		return nil, nil, fmt.Errorf("%w: bad property set byte order mark", ErrFormat)
	}
	n := binary.LittleEndian.Uint32(b[24:28])
	if n == 0 || n > maxPropertySets {
		return nil, nil, fmt.Errorf("%w: %d property sets declared", ErrFormat, n)
	}
	if 28+int(n)*20 > len(b) {
		return nil, nil, fmt.Errorf("%w: property set list past the stream", ErrFormat)
	}
	var out []oleSection
	var warns []error
	for i := 0; i < int(n); i++ {
		h := b[28+i*20:]
		var s oleSection
		copy(s.fmtid[:], h[:16])
		off := binary.LittleEndian.Uint32(h[16:20])
		ws, err := oleParseSection(&s, b, off, maxProps)
		warns = append(warns, ws...)
		if err != nil {
			warns = append(warns, err)
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, warns, fmt.Errorf("%w: no readable property set", ErrFormat)
	}
	return out, warns, nil
}

// oleParseSection decodes the property set at off in b into s.
func oleParseSection(s *oleSection, b []byte, off uint32, maxProps int) ([]error, error) {
	if uint64(off)+8 > uint64(len(b)) {
		return nil, fmt.Errorf("%w: property set offset %d past the stream", ErrFormat, off)
	}
	var warns []error
	sec := b[off:]
	size := binary.LittleEndian.Uint32(sec[0:4])
	if uint64(size) > uint64(len(sec)) {
		warns = append(warns, fmt.Errorf("%w: property set size %d past the stream", ErrFormat, size))
	} else if size >= 8 {
		sec = sec[:size]
	}
	count := binary.LittleEndian.Uint32(sec[4:8])
	if uint64(count) > uint64(len(sec)-8)/8 {
		return warns, fmt.Errorf("%w: property count %d past the property set", ErrFormat, count)
	}
	if int64(count) > int64(maxProps) {
		warns = append(warns, fmt.Errorf("%w: %d properties, %d read", ErrLimit, count, maxProps))
		count = uint32(maxProps)
	}
	type idOff struct{ id, off uint32 }
	ids := make([]idOff, count)
	dictOff := uint32(0)
	hasDict := false
	pr := &olePropReader{sec: sec, budget: maxProps}
	for i := range ids {
		ids[i] = idOff{binary.LittleEndian.Uint32(sec[8+8*i:]), binary.LittleEndian.Uint32(sec[12+8*i:])}
		if ids[i].id == pidCodePage {
			if v, _, err := pr.typed(ids[i].off, 0); err == nil {
				if cp, ok := v.(int64); ok {
					s.codePage = int(uint16(cp))
				}
			}
		}
		if ids[i].id == pidDictionary {
			dictOff, hasDict = ids[i].off, true
		}
	}
	pr.cp = s.codePage
	if hasDict {
		d, err := oleParseDictionary(sec, dictOff, s.codePage, maxProps)
		if err != nil {
			warns = append(warns, err)
		}
		s.dict = d
	}
	if s.codePage != 0 && !oleKnownCodePage(s.codePage) {
		warns = append(warns, fmt.Errorf("%w: unknown code page %d, strings read as windows-1252", ErrFormat, s.codePage))
	}
	pr.budget = maxProps
	for _, e := range ids {
		if e.id == pidDictionary {
			continue
		}
		v, _, err := pr.typed(e.off, 0)
		if err != nil {
			warns = append(warns, fmt.Errorf("property 0x%X: %w", e.id, err))
			if errors.Is(err, ErrLimit) {
				break
			}
			continue
		}
		s.props = append(s.props, oleProperty{id: e.id, value: v})
	}
	return warns, nil
}

// oleParseDictionary decodes the names of user-defined properties.
func oleParseDictionary(sec []byte, off uint32, cp int, maxEntries int) (map[uint32]string, error) {
	if uint64(off)+4 > uint64(len(sec)) {
		return nil, fmt.Errorf("%w: dictionary offset past the property set", ErrFormat)
	}
	b := sec[off:]
	n := binary.LittleEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4)/8 {
		return nil, fmt.Errorf("%w: dictionary of %d entries past the property set", ErrFormat, n)
	}
	if int64(n) > int64(maxEntries) {
		n = uint32(maxEntries)
	}
	d := make(map[uint32]string, n)
	p := 4
	for i := 0; i < int(n); i++ {
		if p+8 > len(b) {
			return d, fmt.Errorf("%w: dictionary entry past the property set", ErrFormat)
		}
		id := binary.LittleEndian.Uint32(b[p:])
		l := uint64(binary.LittleEndian.Uint32(b[p+4:]))
		p += 8
		if cp == 1200 {
			l *= 2
		}
		if l > uint64(len(b)-p) {
			return d, fmt.Errorf("%w: dictionary name past the property set", ErrFormat)
		}
		d[id] = oleDecodeCodePage(cp, b[p:p+int(l)])
		p += int(l)
		if cp == 1200 && p%4 != 0 {
			p += 4 - p%4
		}
	}
	return d, nil
}

// Variant types (MS-OLEPS 2.15) this reader decodes.
const (
	vtEmpty    = 0x00
	vtNull     = 0x01
	vtI2       = 0x02
	vtI4       = 0x03
	vtR4       = 0x04
	vtR8       = 0x05
	vtCY       = 0x06
	vtDate     = 0x07
	vtBSTR     = 0x08
	vtError    = 0x0A
	vtBool     = 0x0B
	vtVariant  = 0x0C
	vtDecimal  = 0x0E
	vtI1       = 0x10
	vtUI1      = 0x11
	vtUI2      = 0x12
	vtUI4      = 0x13
	vtI8       = 0x14
	vtUI8      = 0x15
	vtInt      = 0x16
	vtUInt     = 0x17
	vtLPSTR    = 0x1E
	vtLPWSTR   = 0x1F
	vtFiletime = 0x40
	vtBlob     = 0x41
	vtBlobObj  = 0x46
	vtCF       = 0x47
	vtCLSID    = 0x48
	vtVector   = 0x1000
)

// olePropReader decodes the values of one property set. budget counts the
// values still allowed, vector elements included, so that a section of
// forged vectors cannot make millions of small allocations.
type olePropReader struct {
	sec    []byte
	cp     int
	budget int
}

// typed decodes the TypedPropertyValue at off in b, returning the value
// and the bytes it used. depth is 1 inside a vector of variants.
func (pr *olePropReader) typed(off uint32, depth int) (any, int, error) {
	return pr.typedIn(pr.sec, off, depth)
}

func (pr *olePropReader) typedIn(sec []byte, off uint32, depth int) (any, int, error) {
	if uint64(off)+4 > uint64(len(sec)) {
		return nil, 0, fmt.Errorf("%w: property offset %d past the property set", ErrFormat, off)
	}
	b := sec[off:]
	typ := binary.LittleEndian.Uint16(b)
	if typ&vtVector != 0 {
		if depth > 0 {
			return nil, 0, fmt.Errorf("%w: vector inside a vector", ErrFormat)
		}
		v, n, err := pr.vector(b[4:], typ&^vtVector)
		return v, n + 4, err
	}
	if typ == vtVariant {
		return nil, 0, fmt.Errorf("%w: variant outside a vector", ErrFormat)
	}
	// A string inside a vector of variants (the heading of a HeadingPairs
	// element) is not padded, as in a vector of strings; other values
	// of a variant are.
	v, n, err := pr.scalar(b[4:], typ, depth > 0 && oleIsString(typ))
	return v, n + 4, err
}

// oleIsString reports whether typ is one of the string types.
func oleIsString(typ uint16) bool {
	return typ == vtLPSTR || typ == vtBSTR || typ == vtLPWSTR
}

// vector decodes a vector of elements of type typ.
func (pr *olePropReader) vector(b []byte, typ uint16) (any, int, error) {
	if len(b) < 4 {
		return nil, 0, fmt.Errorf("%w: vector past the property set", ErrFormat)
	}
	n := binary.LittleEndian.Uint32(b)
	// Every element takes at least one byte, so a count above the bytes
	// left is a lie, and it must not size anything.
	if uint64(n) > uint64(len(b)-4) {
		return nil, 0, fmt.Errorf("%w: vector of %d elements past the property set", ErrFormat, n)
	}
	out := make([]any, 0, min(int(n), 64))
	p := 4
	for i := 0; i < int(n); i++ {
		if p%4 != 0 && oleZeroPadded(b, p) && pr.elementAt(b, p+4-p%4, typ) {
			// The string before was padded to 4 bytes after all, as
			// MS-OLEPS (not Office) writes it.
			p += 4 - p%4
		}
		var v any
		var used int
		var err error
		if typ == vtVariant {
			v, used, err = pr.typedIn(b, uint32(p), 1)
		} else {
			v, used, err = pr.scalar(b[p:], typ, true)
		}
		if err != nil {
			return nil, 0, err
		}
		if used <= 0 {
			return nil, 0, fmt.Errorf("%w: empty vector element", ErrFormat)
		}
		p += used
		out = append(out, v)
	}
	return out, p, nil
}

// oleZeroPadded reports whether b holds zero bytes from p up to the next
// multiple of 4, and something after them.
func oleZeroPadded(b []byte, p int) bool {
	q := p + 4 - p%4
	if q >= len(b) {
		return false
	}
	for _, c := range b[p:q] {
		if c != 0 {
			return false
		}
	}
	return true
}

// elementAt reports whether a vector element of type typ can start at q
// in b: only strings (alone or in a variant) leave a vector unaligned,
// and a string Office writes ends with its NUL within the bytes left.
func (pr *olePropReader) elementAt(b []byte, q int, typ uint16) bool {
	if typ == vtVariant {
		if q+4 > len(b) {
			return false
		}
		typ = binary.LittleEndian.Uint16(b[q:])
		if !oleIsString(typ) {
			return oleFixedSize(typ) >= 0
		}
		q += 4
	}
	if !oleIsString(typ) || q+4 > len(b) {
		return false
	}
	unit := uint64(1)
	if typ == vtLPWSTR {
		unit = 2
	}
	n := uint64(binary.LittleEndian.Uint32(b[q:])) * unit
	if n == 0 || n > uint64(len(b)-q-4) {
		return false
	}
	end := q + 4 + int(n)
	for _, c := range b[end-int(unit) : end] {
		if c != 0 {
			return false
		}
	}
	return true
}

// oleFixedSize is the byte size of the fixed-length scalar types, -1 for
// the others.
func oleFixedSize(typ uint16) int {
	switch typ {
	case vtEmpty, vtNull:
		return 0
	case vtI1, vtUI1:
		return 1
	case vtI2, vtUI2, vtBool:
		return 2
	case vtI4, vtUI4, vtInt, vtUInt, vtR4, vtError:
		return 4
	case vtI8, vtUI8, vtR8, vtCY, vtDate, vtFiletime:
		return 8
	case vtCLSID, vtDecimal:
		return 16
	}
	return -1
}

// scalar decodes one value of type typ at the start of b. Values of one
// or two bytes are padded to four, except packed in a vector. Strings in
// a vector are not padded either: Office writes the strings of its
// TitlesOfParts and HeadingPairs vectors one after the other
// (UnalignedLpstr, [MS-OSHARED] 2.3.3.1.5), and vector reads the padding
// of writers that add it.
func (pr *olePropReader) scalar(b []byte, typ uint16, packed bool) (any, int, error) {
	if pr.budget <= 0 {
		return nil, 0, fmt.Errorf("%w: more than the allowed values in a property set", ErrLimit)
	}
	pr.budget--
	if n := oleFixedSize(typ); n >= 0 {
		if n > len(b) {
			return nil, 0, fmt.Errorf("%w: value of type 0x%X past the property set", ErrFormat, typ)
		}
		used := n
		if !packed && used%4 != 0 {
			used += 4 - used%4
		}
		used = min(used, len(b))
		le := binary.LittleEndian
		switch typ {
		case vtEmpty, vtNull:
			return nil, 0, nil
		case vtI1:
			return int64(int8(b[0])), used, nil
		case vtUI1:
			return int64(b[0]), used, nil
		case vtI2:
			return int64(int16(le.Uint16(b))), used, nil
		case vtUI2:
			return int64(le.Uint16(b)), used, nil
		case vtBool:
			return le.Uint16(b) != 0, used, nil
		case vtI4, vtInt, vtError:
			return int64(int32(le.Uint32(b))), used, nil
		case vtUI4, vtUInt:
			return int64(le.Uint32(b)), used, nil
		case vtR4:
			return oleFinite(float64(math.Float32frombits(le.Uint32(b)))), used, nil
		case vtI8:
			return int64(le.Uint64(b)), used, nil
		case vtUI8:
			u := le.Uint64(b)
			if u > math.MaxInt64 {
				return float64(u), used, nil
			}
			return int64(u), used, nil
		case vtR8:
			return oleFinite(math.Float64frombits(le.Uint64(b))), used, nil
		case vtCY:
			return float64(int64(le.Uint64(b))) / 10000, used, nil
		case vtDate:
			return oleDate(math.Float64frombits(le.Uint64(b))), used, nil
		case vtFiletime:
			return oleFiletime(le.Uint64(b)), used, nil
		case vtCLSID:
			return oleGUIDString(b[:16]), used, nil
		default: // vtDecimal: not kept
			return nil, used, nil
		}
	}
	switch typ {
	case vtLPSTR, vtBSTR:
		// CodePageString: a byte count, then bytes in the set's code
		// page (UTF-16LE when it is 1200).
		s, used, err := oleSizedBytes(b, 1, !packed)
		if err != nil {
			return nil, 0, err
		}
		return oleDecodeCodePage(pr.cp, s), used, nil
	case vtLPWSTR:
		s, used, err := oleSizedBytes(b, 2, !packed)
		if err != nil {
			return nil, 0, err
		}
		return oleDecodeCodePage(1200, s), used, nil
	case vtBlob, vtBlobObj, vtCF:
		_, used, err := oleSizedBytes(b, 1, true)
		return nil, used, err
	}
	return nil, 0, fmt.Errorf("%w: unsupported property type 0x%X", ErrFormat, typ)
}

// oleSizedBytes reads a 4-byte count of units of unit bytes, then the
// bytes, and returns them and the bytes used, padded to 4 when pad is set.
func oleSizedBytes(b []byte, unit uint64, pad bool) ([]byte, int, error) {
	if len(b) < 4 {
		return nil, 0, fmt.Errorf("%w: string past the property set", ErrFormat)
	}
	n := uint64(binary.LittleEndian.Uint32(b)) * unit
	if n > uint64(len(b)-4) {
		return nil, 0, fmt.Errorf("%w: string of %d bytes past the property set", ErrFormat, n)
	}
	used := 4 + int(n)
	if pad && used%4 != 0 {
		used += 4 - used%4
	}
	return b[4 : 4+n], min(used, len(b)), nil
}

// oleFinite replaces NaN and infinities, which JSON cannot carry, by nil.
func oleFinite(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

// oleDate converts an OLE automation date (days since 1899-12-30, zone
// unknown) to a time, nil when out of range.
func oleDate(d float64) any {
	if math.IsNaN(d) || d < -657434 || d > 2958465 { // years 100 to 9999
		return nil
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return base.Add(time.Duration(d * 24 * float64(time.Hour)))
}

func oleGUIDString(b []byte) string {
	le := binary.LittleEndian
	return fmt.Sprintf("{%08X-%04X-%04X-%X-%X}", le.Uint32(b), le.Uint16(b[4:]), le.Uint16(b[6:]), b[8:10], b[10:16])
}
