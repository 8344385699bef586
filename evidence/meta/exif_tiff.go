package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// tiffValue is one IFD entry's value as read.
type tiffValue struct {
	typ   uint16
	count uint32
	val   []byte
}

// TIFF field types.
const (
	tiffTByte = 1 + iota
	tiffTASCII
	tiffTShort
	tiffTLong
	tiffTRational
	tiffTSByte
	tiffTUndefined
	tiffTSShort
	tiffTSLong
	tiffTSRational
	tiffTFloat
	tiffTDouble
	tiffTIFD
)

// BigTIFF's eight-byte integers and IFD offsets.
const (
	tiffTLong8  = 16
	tiffTSLong8 = 17
	tiffTIFD8   = 18
)

// tiffTypeSize is the size of one value of type t, 0 for unknown types.
func tiffTypeSize(t uint16) int64 {
	switch t {
	case tiffTByte, tiffTASCII, tiffTSByte, tiffTUndefined:
		return 1
	case tiffTShort, tiffTSShort:
		return 2
	case tiffTLong, tiffTSLong, tiffTFloat, tiffTIFD:
		return 4
	case tiffTRational, tiffTSRational, tiffTDouble, tiffTLong8, tiffTSLong8, tiffTIFD8:
		return 8
	}
	return 0
}

// str returns an ASCII value as text: up to the first NUL, decoded from
// UTF-8 when valid, else from Shift_JIS (Japanese cameras), else Latin-1.
func (v tiffValue) str() string {
	b := v.val
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return strings.TrimRight(exifText(b), " ")
}

// exifText decodes text of unknown charset: UTF-8 when valid, else
// Shift_JIS when that decodes cleanly, else Latin-1.
func exifText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	if s, err := japanese.ShiftJIS.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(s, utf8.RuneError) {
		return string(s)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// ints returns integer values; ok is false for other types.
func (v tiffValue) ints(order binary.ByteOrder) ([]int64, bool) {
	sz := tiffTypeSize(v.typ)
	if sz == 0 || int64(len(v.val)) < sz*int64(v.count) {
		return nil, false
	}
	n := min(int(v.count), maxRawArray)
	out := make([]int64, 0, n)
	for i := 0; i < n; i++ {
		b := v.val[int64(i)*sz:]
		switch v.typ {
		case tiffTByte, tiffTUndefined:
			out = append(out, int64(b[0]))
		case tiffTSByte:
			out = append(out, int64(int8(b[0])))
		case tiffTShort:
			out = append(out, int64(order.Uint16(b)))
		case tiffTSShort:
			out = append(out, int64(int16(order.Uint16(b))))
		case tiffTLong, tiffTIFD:
			out = append(out, int64(order.Uint32(b)))
		case tiffTSLong:
			out = append(out, int64(int32(order.Uint32(b))))
		case tiffTLong8, tiffTIFD8, tiffTSLong8:
			u := order.Uint64(b)
			if v.typ != tiffTSLong8 && u > math.MaxInt64 {
				return nil, false
			}
			out = append(out, int64(u))
		default:
			return nil, false
		}
	}
	return out, true
}

// floats returns rational and floating values; a zero denominator gives
// NaN, which callers must not put in JSON.
func (v tiffValue) floats(order binary.ByteOrder) ([]float64, bool) {
	sz := tiffTypeSize(v.typ)
	if sz == 0 || int64(len(v.val)) < sz*int64(v.count) {
		return nil, false
	}
	n := min(int(v.count), maxRawArray)
	out := make([]float64, 0, n)
	for i := 0; i < n; i++ {
		b := v.val[int64(i)*sz:]
		switch v.typ {
		case tiffTRational:
			num, den := order.Uint32(b), order.Uint32(b[4:])
			out = append(out, exifRatio(float64(num), float64(den)))
		case tiffTSRational:
			num, den := int32(order.Uint32(b)), int32(order.Uint32(b[4:]))
			out = append(out, exifRatio(float64(num), float64(den)))
		case tiffTFloat:
			out = append(out, float64(math.Float32frombits(order.Uint32(b))))
		case tiffTDouble:
			out = append(out, math.Float64frombits(order.Uint64(b)))
		default:
			return nil, false
		}
	}
	return out, true
}

func exifRatio(num, den float64) float64 {
	if den == 0 {
		return math.NaN()
	}
	return num / den
}

// json renders the value for Raw: a string, a number, or a list of up to
// maxRawArray numbers; nil when there is nothing worth keeping.
func (v tiffValue) json(order binary.ByteOrder) any {
	switch v.typ {
	case tiffTASCII:
		return imgCutRaw(v.str())
	case tiffTUndefined:
		if utf8.Valid(v.val) && exifPrintable(v.val) {
			return imgCutRaw(strings.TrimRight(string(v.val), "\x00 "))
		}
		if len(v.val) <= maxRawArray {
			return fmt.Sprintf("%x", v.val)
		}
		return fmt.Sprintf("(binary data %d bytes)", len(v.val))
	}
	if v.count > maxRawArray {
		return fmt.Sprintf("(%d values)", v.count)
	}
	if is, ok := v.ints(order); ok {
		if len(is) == 1 {
			return is[0]
		}
		out := make([]any, len(is))
		for i, x := range is {
			out[i] = x
		}
		return out
	}
	if fs, ok := v.floats(order); ok {
		out := make([]any, 0, len(fs))
		for _, x := range fs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				out = append(out, "undef")
				continue
			}
			out = append(out, x)
		}
		if len(out) == 1 {
			return out[0]
		}
		return out
	}
	return nil
}

func exifPrintable(b []byte) bool {
	for _, c := range bytes.TrimRight(b, "\x00") {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func imgCutRaw(s string) string {
	if len(s) > maxRawString {
		return CutText(s, maxRawString)
	}
	return s
}

// ifdReader is our own reader of a TIFF structure's directories. It reads
// every entry within the block, follows the IFD chain and the Exif, GPS
// and Interop pointers once each, and notes in unsafe any shape that would
// make goexif loop, over-allocate or misread (goexif follows IFD chains
// with only a same-offset check, multiplies counts in 32 bits and
// allocates per count). It reads BigTIFF too, whose counts and offsets
// take eight bytes, and the TIFF of camera raw formats whose header
// carries a magic number other than 42.
type ifdReader struct {
	r        io.ReaderAt
	base, n  int64
	order    binary.ByteOrder
	lim      Limits
	big      bool // BigTIFF
	magic    bool // the header's magic number is not 42: goexif reads a copy with 42
	visited  map[int64]bool
	entries  int
	cost     int64 // bytes goexif would copy for out-of-line values
	loaded   int64 // bytes we loaded
	unsafe   string
	warnings []error
	chain    int                  // IFDs followed along the chain
	main     map[uint16]tiffValue // IFD0 and Exif IFD
	gps      map[uint16]tiffValue
	// hidden are the offsets, in the block, of the entries goexif
	// cannot decode (no value, or a type it does not know): it fails the
	// whole directory on one of them, so it reads a copy in which they
	// are hidden.
	hidden []int64
	// chainEnds are the offsets of the next-IFD fields that end the chain
	// with all ones rather than zero; goexif's copy has zero there.
	chainEnds []int64
	// unknownTypes counts the entries of a type TIFF does not define;
	// firstUnknown is the first one's tag and type.
	unknownTypes int
	firstUnknown [2]uint16
}

// Layout of the directories of classic TIFF and of BigTIFF.
const (
	tiffEntryLen    = 12
	bigTIFFEntryLen = 20
)

func newIFDReader(r io.ReaderAt, base, n int64, lim Limits) (*ifdReader, error) {
	var h [16]byte
	if n < 8 {
		return nil, fmt.Errorf("%w: exif: block of %d bytes is too short", ErrFormat, n)
	}
	if _, err := r.ReadAt(h[:8], base); err != nil {
		return nil, fmt.Errorf("%w: exif: %v", ErrFormat, err)
	}
	ir := &ifdReader{r: r, base: base, n: n, lim: lim, visited: map[int64]bool{},
		main: map[uint16]tiffValue{}, gps: map[uint16]tiffValue{}}
	switch {
	case h[0] == 'I' && h[1] == 'I':
		ir.order = binary.LittleEndian
	case h[0] == 'M' && h[1] == 'M':
		ir.order = binary.BigEndian
	default:
		return nil, fmt.Errorf("%w: exif: no TIFF header", ErrFormat)
	}
	switch magic := ir.order.Uint16(h[2:]); {
	case magic == 42:
	case magic == 43:
		// BigTIFF: the offset size (8) and a zero, then IFD0 on 8 bytes.
		if n < 16 || ir.order.Uint16(h[4:]) != 8 {
			return nil, fmt.Errorf("%w: exif: BigTIFF header with offsets of %d bytes", ErrFormat, ir.order.Uint16(h[4:]))
		}
		ir.big = true
	case tiffHeader(h[:4]), magic == 0x01BC:
		ir.magic = true // RW2, ORF, JPEG XR
	default:
		return nil, fmt.Errorf("%w: exif: no TIFF header", ErrFormat)
	}
	return ir, nil
}

// uint reads an unsigned number of 2, 4 or 8 bytes in the block's order.
func (ir *ifdReader) uint(b []byte) uint64 {
	switch len(b) {
	case 2:
		return uint64(ir.order.Uint16(b))
	case 4:
		return uint64(ir.order.Uint32(b))
	}
	return ir.order.Uint64(b)
}

// offLen is the size of an offset or count in the block: 8 in BigTIFF.
func (ir *ifdReader) offLen() int64 {
	if ir.big {
		return 8
	}
	return 4
}

func (ir *ifdReader) warn(sentinel error, format string, args ...any) {
	if len(ir.warnings) < 32 {
		ir.warnings = append(ir.warnings, fmt.Errorf("%w: exif: %s", sentinel, fmt.Sprintf(format, args...)))
	}
}

func (ir *ifdReader) markUnsafe(why string) {
	if ir.unsafe == "" {
		ir.unsafe = why
	}
}

// exifIFDKind says which name table an IFD's tags belong to.
type exifIFDKind int

const (
	ifdMain exifIFDKind = iota
	ifdThumb
	ifdGPS
	ifdInterop
)

type exifIFDRef struct {
	off  int64
	kind exifIFDKind
}

// walk reads the IFD chain from the header and every sub-IFD it points to.
// first is the kind of the header's IFD: ifdMain for an EXIF block, and
// ifdGPS for a block that holds the GPS directory alone (CR3's CMT4).
func (ir *ifdReader) walk(ctx context.Context, first exifIFDKind) {
	var h [8]byte
	hb := h[:ir.offLen()]
	at := int64(4)
	if ir.big {
		at = 8
	}
	_, _ = ir.r.ReadAt(hb, ir.base+at)
	ifd0 := ir.uint(hb)
	if ifd0 > uint64(ir.n) {
		ir.warn(ErrFormat, "IFD offset %d outside the block of %d bytes", ifd0, ir.n)
		return
	}
	queue := []exifIFDRef{{int64(ifd0), first}}
	defer func() {
		if ir.unknownTypes > 0 {
			ir.warn(ErrFormat, "%d entries with values of unknown types (tag %#04x, type %d, …)", ir.unknownTypes, ir.firstUnknown[0], ir.firstUnknown[1])
		}
	}()
	for len(queue) > 0 {
		if ctx.Err() != nil {
			return
		}
		ref := queue[0]
		queue = queue[1:]
		if ref.off == 0 {
			continue
		}
		if ir.visited[ref.off] {
			ir.warn(ErrFormat, "IFD at offset %d is referenced twice (loop)", ref.off)
			ir.markUnsafe("IFD loop")
			continue
		}
		if len(ir.visited) >= maxIFDs {
			ir.warn(ErrLimit, "more than %d IFDs", maxIFDs)
			ir.markUnsafe("too many IFDs")
			return
		}
		ir.visited[ref.off] = true
		next, subs, ok := ir.readIFD(ref)
		if !ok {
			continue
		}
		queue = append(queue, subs...)
		if next != 0 && (ref.kind == ifdMain && ir.chain == 0 || ref.kind == ifdThumb) {
			// IFD1 (the thumbnail) and any further IFDs of the chain.
			ir.chain++
			queue = append(queue, exifIFDRef{next, ifdThumb})
		}
	}
}

// readIFD reads one directory; it returns the offset of the next one in
// the chain and the sub-IFDs it points to.
func (ir *ifdReader) readIFD(ref exifIFDRef) (next int64, subs []exifIFDRef, ok bool) {
	countLen, entryLen, offLen := int64(2), int64(tiffEntryLen), ir.offLen()
	if ir.big {
		countLen, entryLen = 8, bigTIFFEntryLen
	}
	if ref.off < 8 || ref.off+countLen > ir.n {
		ir.warn(ErrFormat, "IFD offset %d outside the block of %d bytes", ref.off, ir.n)
		return 0, nil, false
	}
	var c [8]byte
	if _, err := ir.r.ReadAt(c[:countLen], ir.base+ref.off); err != nil {
		ir.warn(ErrFormat, "IFD at %d: %v", ref.off, err)
		return 0, nil, false
	}
	count64 := ir.uint(c[:countLen])
	if count64 > 0x7fff && !ir.big {
		// goexif reads the count as a signed 16-bit number.
		ir.markUnsafe("IFD entry count above 32767")
	}
	if count64 > uint64(max(0, ir.lim.MaxRecords-ir.entries)) {
		ir.warn(ErrLimit, "more than %d IFD entries", ir.lim.MaxRecords)
		ir.markUnsafe("too many entries")
		count64 = uint64(max(0, ir.lim.MaxRecords-ir.entries))
	}
	count := int64(count64) // at most MaxRecords
	ir.entries += int(count)
	end := ref.off + countLen + entryLen*count + offLen
	if end > ir.n {
		ir.warn(ErrFormat, "IFD at %d with %d entries runs past the block", ref.off, count)
		ir.markUnsafe("truncated IFD")
		count = max(0, (ir.n-ref.off-countLen)/entryLen)
		end = ref.off + countLen + entryLen*count
	}
	buf := make([]byte, end-ref.off-countLen) // at most 20*MaxRecords+8 bytes
	if _, err := ir.r.ReadAt(buf, ir.base+ref.off+countLen); err != nil && !errors.Is(err, io.EOF) {
		ir.warn(ErrFormat, "IFD at %d: %v", ref.off, err)
		return 0, nil, false
	}
	if int64(len(buf)) >= entryLen*count+offLen {
		nx := ir.uint(buf[entryLen*count : entryLen*count+offLen])
		switch {
		case nx == math.MaxUint32 && !ir.big, nx == math.MaxUint64:
			// All ones: some writers end the chain so, instead of with
			// zero. goexif would seek to it; its copy gets a zero.
			ir.chainEnds = append(ir.chainEnds, ref.off+countLen+entryLen*count)
		case nx > math.MaxInt64:
			next = math.MaxInt64 // past the block: walk says so
		default:
			next = int64(nx)
		}
	}
	for i := int64(0); i < count; i++ {
		e := buf[entryLen*i : entryLen*(i+1)]
		tag, typ := ir.order.Uint16(e), ir.order.Uint16(e[2:])
		cnt := ir.uint(e[4 : 4+offLen])
		field := e[4+offLen:] // the value, or its offset
		sz := tiffTypeSize(typ)
		if typ < tiffTByte || typ > tiffTDouble || cnt == 0 {
			// goexif fails the whole directory on these; it reads a copy
			// in which they are hidden.
			ir.hidden = append(ir.hidden, ref.off+countLen+entryLen*i)
		}
		if sz == 0 {
			if typ != 0 {
				// Type 0 is an entry left empty, as exiftool reads it.
				if ir.unknownTypes == 0 {
					ir.firstUnknown = [2]uint16{tag, typ}
				}
				ir.unknownTypes++
			}
			continue
		}
		if cnt == 0 {
			continue // a tag without a value: exiftool reads it as empty
		}
		if cnt > math.MaxUint32/uint64(sz) {
			ir.markUnsafe(fmt.Sprintf("tag %#04x count %d overflows", tag, cnt))
			ir.warn(ErrFormat, "tag %#04x claims %d values", tag, cnt)
			continue
		}
		total := sz * int64(cnt)
		var voff int64 = -1
		if total > offLen {
			vo := ir.uint(field)
			voff = ir.n // past the block: caught below
			if vo < uint64(ir.n) {
				voff = int64(vo)
				ir.cost += min(total, ir.n-voff)
			}
		}
		// Sub-IFD pointers: goexif follows the first value of any integer
		// type, so we follow (and check) the same.
		if tag == tagExifIFD || tag == tagGPSIFD || tag == tagInteropIFD {
			var first [8]byte
			src := field
			if voff >= 0 {
				if voff+sz > ir.n {
					continue
				}
				if _, err := ir.r.ReadAt(first[:sz], ir.base+voff); err != nil {
					continue
				}
				src = first[:sz]
			}
			is, ok := tiffValue{typ: typ, count: 1, val: src}.ints(ir.order)
			if ok && len(is) == 1 && is[0] > 0 {
				kind := ifdMain
				if tag == tagGPSIFD {
					kind = ifdGPS
				} else if tag == tagInteropIFD {
					kind = ifdInterop
				}
				subs = append(subs, exifIFDRef{is[0], kind})
			}
			continue
		}
		var table map[uint16]string
		var dst map[uint16]tiffValue
		switch ref.kind {
		case ifdMain:
			table, dst = exifNames, ir.main
		case ifdGPS:
			table, dst = gpsNames, ir.gps
		default:
			continue
		}
		if _, want := table[tag]; !want {
			continue
		}
		if _, dup := dst[tag]; dup {
			continue // the first occurrence wins, as in exiftool
		}
		var val []byte
		if voff < 0 {
			val = append([]byte(nil), field[:total]...)
		} else {
			if voff+total > ir.n {
				ir.warn(ErrFormat, "tag %#04x value at %d+%d runs past the block", tag, voff, total)
				continue
			}
			if total > ir.lim.MaxRecordBytes || ir.loaded+total > ir.lim.MaxRecordBytes {
				ir.warn(ErrLimit, "tag %#04x value of %d bytes exceeds the record limit", tag, total)
				continue
			}
			val = make([]byte, total) // bounded by the block and MaxRecordBytes
			if _, err := ir.r.ReadAt(val, ir.base+voff); err != nil {
				ir.warn(ErrFormat, "tag %#04x: %v", tag, err)
				continue
			}
			ir.loaded += total
		}
		dst[tag] = tiffValue{typ: typ, count: uint32(cnt), val: val}
	}
	if ir.cost > 2*ir.n+1<<20 {
		ir.markUnsafe("out-of-line values overlap too much")
	}
	return next, subs, true
}

// values returns what the reader kept, by exiftool name.
func (ir *ifdReader) values() map[string]tiffValue {
	out := map[string]tiffValue{}
	for tag, v := range ir.main {
		out[exifNames[tag]] = v
	}
	for tag, v := range ir.gps {
		out[gpsNames[tag]] = v
	}
	return out
}
