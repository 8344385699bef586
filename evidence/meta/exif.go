package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
	"golang.org/x/text/encoding/japanese"

	"github.com/proofpack/proofpack/evidence/identify"
)

// Bounds of the EXIF reader that Limits does not cover.
const (
	// maxIFDs caps the image file directories followed in one EXIF block
	// (IFD0, IFD1, Exif, GPS, Interop and any chained ones). Real files
	// have at most a handful; a chain of thousands is an attack.
	maxIFDs = 64
	// maxJPEGSegments caps the markers walked before the image data.
	maxJPEGSegments = 4096
	// maxRawArray caps the numbers of one array tag kept in Raw: arrays
	// longer than this (tables, private blobs) are summarised by length.
	maxRawArray = 64
	// maxRawString caps one string kept in Raw.
	maxRawString = 64 << 10
	// maxGoexifBlock caps the EXIF block handed to goexif, which reads
	// it whole and copies it twice. JPEG EXIF is at most 64 KiB; only
	// whole TIFF files are larger, and for them our own reader suffices.
	maxGoexifBlock = 4 << 20
)

// EXIF tags this package reads itself (IFD0 and Exif IFD).
const (
	tagImageWidth       = 0x0100
	tagImageLength      = 0x0101
	tagImageDescription = 0x010e
	tagMake             = 0x010f
	tagModel            = 0x0110
	tagOrientation      = 0x0112
	tagSoftware         = 0x0131
	tagDateTime         = 0x0132
	tagArtist           = 0x013b
	tagXMP              = 0x02bc
	tagCopyright        = 0x8298
	tagExifIFD          = 0x8769
	tagGPSIFD           = 0x8825
	tagDateTimeOriginal = 0x9003
	tagDateTimeDigit    = 0x9004
	tagOffsetTime       = 0x9010
	tagOffsetTimeOrig   = 0x9011
	tagOffsetTimeDigit  = 0x9012
	tagUserComment      = 0x9286
	tagSubSecTime       = 0x9290
	tagSubSecTimeOrig   = 0x9291
	tagSubSecTimeDigit  = 0x9292
	tagXPTitle          = 0x9c9b
	tagXPComment        = 0x9c9c
	tagXPAuthor         = 0x9c9d
	tagXPKeywords       = 0x9c9e
	tagXPSubject        = 0x9c9f
	tagPixelXDimension  = 0xa002
	tagPixelYDimension  = 0xa003
	tagInteropIFD       = 0xa005
	tagOwnerName        = 0xa430
	tagBodySerial       = 0xa431
	tagLensMake         = 0xa433
	tagLensModel        = 0xa434
	tagLensSerial       = 0xa435
	tagMakerNote        = 0x927c
)

// exifNames names the IFD0 and Exif IFD tags our own reader keeps. Names
// follow exiftool, which is what analysts compare with.
var exifNames = map[uint16]string{
	tagImageWidth: "ImageWidth", tagImageLength: "ImageHeight",
	tagImageDescription: "ImageDescription", tagMake: "Make", tagModel: "Model",
	tagOrientation: "Orientation", tagSoftware: "Software", tagDateTime: "DateTime",
	tagArtist: "Artist", tagCopyright: "Copyright",
	tagDateTimeOriginal: "DateTimeOriginal", tagDateTimeDigit: "DateTimeDigitized",
	tagOffsetTime: "OffsetTime", tagOffsetTimeOrig: "OffsetTimeOriginal",
	tagOffsetTimeDigit: "OffsetTimeDigitized", tagUserComment: "UserComment",
	tagSubSecTime: "SubSecTime", tagSubSecTimeOrig: "SubSecTimeOriginal",
	tagSubSecTimeDigit: "SubSecTimeDigitized",
	tagXPTitle:         "XPTitle", tagXPComment: "XPComment", tagXPAuthor: "XPAuthor",
	tagXPKeywords: "XPKeywords", tagXPSubject: "XPSubject",
	tagPixelXDimension: "PixelXDimension", tagPixelYDimension: "PixelYDimension",
	tagOwnerName: "OwnerName", tagBodySerial: "BodySerialNumber",
	tagLensMake: "LensMake", tagLensModel: "LensModel", tagLensSerial: "LensSerialNumber",
}

// gpsNames names the GPS IFD tags our own reader keeps.
var gpsNames = map[uint16]string{
	0x00: "GPSVersionID", 0x01: "GPSLatitudeRef", 0x02: "GPSLatitude",
	0x03: "GPSLongitudeRef", 0x04: "GPSLongitude", 0x05: "GPSAltitudeRef",
	0x06: "GPSAltitude", 0x07: "GPSTimeStamp", 0x12: "GPSMapDatum", 0x1d: "GPSDateStamp",
}

// goexifNames maps goexif's field names to exiftool's where they differ.
var goexifNames = map[string]string{
	"ImageLength":                      "ImageHeight",
	"ThumbJPEGInterchangeFormat":       "ThumbnailOffset",
	"ThumbJPEGInterchangeFormatLength": "ThumbnailLength",
	"ISOSpeedRatings":                  "ISO",
}

// goexifSkip are goexif fields that say nothing to an analyst.
var goexifSkip = map[string]bool{
	"ExifIFDPointer": true, "GPSInfoIFDPointer": true, "InteroperabilityIFDPointer": true,
	"MakerNote": true, "ThumbJPEGInterchangeFormat": true, "ThumbJPEGInterchangeFormatLength": true,
	"StripOffsets": true, "StripByteCounts": true, "XMLPacket": true,
}

// exifExtractor reads EXIF blocks of JPEG, TIFF, PNG, WebP and HEIF files.
type exifExtractor struct{}

// NewEXIF returns the extractor of EXIF metadata: JPEG APP1 (found by
// walking the markers, so an XMP segment before it does no harm), TIFF,
// the PNG eXIf chunk, the WebP EXIF chunk and the Exif item of HEIC/HEIF
// files. Tags are decoded by github.com/rwcarlsen/goexif, after our own
// bounded IFD reader has checked the structure is safe for it; that reader
// also supplies the tags goexif does not know (OffsetTime*, OwnerName,
// BodySerialNumber, the Windows XP tags) and everything when goexif fails.
func NewEXIF() Extractor { return exifExtractor{} }

// Name implements Extractor.
func (exifExtractor) Name() string { return "exif" }

// Version implements Extractor.
func (exifExtractor) Version() string { return "3" }

// Accepts implements Extractor.
func (exifExtractor) Accepts(t identify.Type) bool {
	switch t.MIME {
	case "image/jpeg", "image/tiff", "image/png", "image/webp", "image/heic", "image/heif", "image/avif",
		"image/x-exif", "image/x-exv", "image/vnd.adobe.photoshop", "image/jp2", "image/jxl", "image/vnd.ms-photo",
		"image/x-canon-cr2", "image/x-canon-cr3", "image/x-panasonic-rw2", "image/x-olympus-orf",
		"image/x-fujifilm-raf", "image/x-minolta-mrw", "image/x-sigma-x3f", "image/x-xcf", "image/pgf":
		return true
	}
	return false
}

// Extract implements Extractor.
func (exifExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	parts, warns, err := locateEXIF(ctx, in.R, in.Size, lim)
	if err != nil {
		return nil, err
	}
	res := &Result{Warnings: warns}
	rec, err := decodeEXIFParts(ctx, parts, lim)
	if rec != nil {
		res.Warnings = append(res.Warnings, rec.warnings...)
	}
	if err != nil {
		if len(res.Warnings) > 0 {
			return res, err
		}
		return nil, err
	}
	res.Metadata = rec.md
	res.Metadata.Raw = rec.raw
	return res, nil
}

// exifBlock is where the TIFF structure of an EXIF block is: n bytes
// at off in r, which is the file itself or, for a block stored in parts
// or encoded, a copy of it in memory.
type exifBlock struct {
	r      io.ReaderAt
	off, n int64
}

// locateEXIF finds the TIFF structure of the EXIF block of an image by its
// content (the structures, for CR3).
func locateEXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (parts []exifPart, warns []error, err error) {
	var blk exifBlock
	var head [16]byte
	k, _ := r.ReadAt(head[:], 0)
	h := head[:k]
	blk.r = r
	switch {
	case bytes.HasPrefix(h, []byte{0xff, 0xd8}):
		blk, err = jpegEXIF(ctx, r, 2, size, lim)
	case tiffHeader(h):
		blk = exifBlock{r, 0, size}
	case bytes.HasPrefix(h, []byte("Exif\x00\x00")) && tiffHeader(h[6:]):
		// A bare EXIF file: the JPEG segment's payload on its own.
		blk = exifBlock{r, 6, size - 6}
	case bytes.HasPrefix(h, pngSignature):
		blk, err = pngEXIF(ctx, r, size, lim)
	case len(h) >= 12 && string(h[:4]) == "RIFF" && string(h[8:12]) == "WEBP":
		err = walkRIFF(ctx, r, size, lim, func(fourcc string, o, l int64) (bool, error) {
			if fourcc == "EXIF" {
				blk.off, blk.n = o, l
				return false, nil
			}
			return true, nil
		})
		if err == nil && blk.n >= 6 {
			// Some writers keep the JPEG "Exif\0\0" marker in the chunk.
			var id [6]byte
			if _, e := r.ReadAt(id[:], blk.off); e == nil && string(id[:]) == "Exif\x00\x00" {
				blk.off, blk.n = blk.off+6, blk.n-6
			}
		}
	case len(h) >= 12 && string(h[4:12]) == "ftypcrx ":
		parts, err = cr3EXIF(ctx, r, size, lim)
	case len(h) >= 12 && string(h[4:8]) == "ftyp":
		blk.off, blk.n, warns, err = locateHEIFExif(ctx, r, size, lim)
	default:
		blk, err = locateContainerEXIF(ctx, r, h, size, lim)
	}
	if blk.n > 0 {
		parts = []exifPart{{blk, ifdMain}}
	}
	if len(parts) == 0 {
		if err != nil {
			return nil, warns, err
		}
		return nil, warns, fmt.Errorf("%w: exif: no EXIF block", ErrNoRecord)
	}
	if err != nil {
		// The block was found before the walk broke down.
		warns = append(warns, err)
	}
	return parts, warns, nil
}

// bigTIFFHeader reports whether h starts with a BigTIFF header.
func bigTIFFHeader(h []byte) bool {
	return bytes.HasPrefix(h, []byte("II+\x00")) || bytes.HasPrefix(h, []byte("MM\x00+"))
}

// tiffHeader reports whether h starts with a TIFF header our IFD reader
// reads: classic TIFF ("II*\0", "MM\0*"), BigTIFF ("II+\0", "MM\0+") and
// the TIFF of camera raw formats that change its magic number (Panasonic
// RW2 "IIU\0", Olympus ORF "IIRO", "IIRS", "MMOR").
func tiffHeader(h []byte) bool {
	if len(h) < 4 {
		return false
	}
	switch string(h[:4]) {
	case "II*\x00", "MM\x00*", "II+\x00", "MM\x00+", "IIU\x00", "IIRO", "IIRS", "MMOR":
		return true
	}
	return false
}

// walkJPEG calls fn with each marker segment before the image data (SOS):
// its marker byte and the offset and length of its payload. fn returns
// false to stop.
func walkJPEG(ctx context.Context, r io.ReaderAt, size int64, fn func(marker byte, off, n int64) (bool, error)) error {
	return walkJPEGFrom(ctx, r, 2, size, fn)
}

// walkJPEGFrom is walkJPEG with the first marker at pos: 2 after a JPEG
// file's SOI, 7 after an EXV file's signature.
func walkJPEGFrom(ctx context.Context, r io.ReaderAt, pos, size int64, fn func(marker byte, off, n int64) (bool, error)) error {
	for seg := 0; ; seg++ {
		if seg >= maxJPEGSegments {
			return fmt.Errorf("%w: jpeg: more than %d segments", ErrLimit, maxJPEGSegments)
		}
		if seg%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var b [4]byte
		if pos+2 > size {
			return fmt.Errorf("%w: jpeg: truncated before image data", ErrFormat)
		}
		if _, err := r.ReadAt(b[:2], pos); err != nil {
			return fmt.Errorf("%w: jpeg: %v", ErrFormat, err)
		}
		if b[0] != 0xff {
			return fmt.Errorf("%w: jpeg: no marker at offset %d", ErrFormat, pos)
		}
		if b[1] == 0xff { // fill byte
			pos++
			continue
		}
		m := b[1]
		switch {
		case m == 0xd9 || m == 0xda: // EOI, SOS: no metadata after this
			return nil
		case m == 0x01 || m == 0xd8 || (m >= 0xd0 && m <= 0xd7): // no payload
			pos += 2
			continue
		}
		if pos+4 > size {
			return fmt.Errorf("%w: jpeg: truncated segment header", ErrFormat)
		}
		if _, err := r.ReadAt(b[2:4], pos+2); err != nil {
			return fmt.Errorf("%w: jpeg: %v", ErrFormat, err)
		}
		l := int64(binary.BigEndian.Uint16(b[2:4]))
		if l < 2 || pos+2+l > size {
			return fmt.Errorf("%w: jpeg: segment %#x at %d has a bad length %d", ErrFormat, m, pos, l)
		}
		more, err := fn(m, pos+4, l-2)
		if err != nil || !more {
			return err
		}
		pos += 2 + l
	}
}

// walkRIFF calls fn with each top-level chunk of a RIFF file (WebP): its
// four-character code and the offset and length of its payload.
func walkRIFF(ctx context.Context, r io.ReaderAt, size int64, lim Limits, fn func(fourcc string, off, n int64) (bool, error)) error {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return fmt.Errorf("%w: riff: %v", ErrFormat, err)
	}
	end := 8 + int64(binary.LittleEndian.Uint32(hdr[4:8]))
	if end > size {
		end = size // a lying RIFF size: walk what is there
	}
	pos := int64(12)
	for i := 0; pos+8 <= end; i++ {
		if i >= lim.MaxRecords {
			return fmt.Errorf("%w: riff: more than %d chunks", ErrLimit, lim.MaxRecords)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var ch [8]byte
		if _, err := r.ReadAt(ch[:], pos); err != nil {
			return fmt.Errorf("%w: riff: %v", ErrFormat, err)
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:8]))
		if pos+8+n > end {
			return fmt.Errorf("%w: riff: chunk %q at %d runs past the end", ErrFormat, ch[:4], pos)
		}
		more, err := fn(string(ch[:4]), pos+8, n)
		if err != nil || !more {
			return err
		}
		pos += 8 + n + n&1
	}
	return nil
}

// exifRecord is what decodeEXIF read from one EXIF block.
type exifRecord struct {
	md       Metadata
	raw      map[string]any
	warnings []error
}

// decodeEXIF reads the TIFF structure at r[off:off+n]: first with our own
// bounded IFD reader, then, when the structure is safe for it, with
// goexif. The error is non-nil only when nothing at all could be read.
func decodeEXIF(ctx context.Context, r io.ReaderAt, off, n int64, lim Limits) (*exifRecord, error) {
	return decodeEXIFParts(ctx, []exifPart{{exifBlock{r, off, n}, ifdMain}}, lim)
}

// exifPart is one TIFF structure of an EXIF record and the kind of its
// first IFD. A record is one part, except where a format splits the IFDs
// of one record into TIFF structures of their own (CR3: IFD0, Exif IFD
// and GPS IFD each in a box).
type exifPart struct {
	exifBlock
	first exifIFDKind
}

// decodeEXIFParts reads the parts of one EXIF record and merges their
// tags, the first part's winning.
func decodeEXIFParts(ctx context.Context, parts []exifPart, lim Limits) (*exifRecord, error) {
	rec := &exifRecord{raw: map[string]any{}}
	own := map[string]tiffValue{}
	var order binary.ByteOrder
	var headerErr error
	for _, p := range parts {
		ir, err := newIFDReader(p.r, p.off, p.n, lim)
		if err != nil {
			headerErr = err
			continue
		}
		if order == nil {
			order = ir.order
		}
		ir.walk(ctx, p.first)
		rec.warnings = append(rec.warnings, ir.warnings...)
		if err := ctx.Err(); err != nil {
			return rec, err
		}
		values := ir.values()
		switch {
		case ir.unsafe != "":
			rec.warnings = append(rec.warnings, fmt.Errorf("%w: exif: tag decoder skipped: %s", ErrFormat, ir.unsafe))
		case ir.big, p.first != ifdMain:
			// goexif reads neither BigTIFF nor a directory out of its place.
		case p.n > min(lim.MaxRecordBytes, maxGoexifBlock):
			// A large TIFF file: goexif would copy it three times over for
			// tags our own reader mostly has; we go without its extra names.
		default:
			extra, err := goexifTags(ir, p.exifBlock)
			if err != nil {
				rec.warnings = append(rec.warnings, err)
			}
			for k, v := range extra {
				if _, ok := values[k]; !ok {
					if _, ok := rec.raw[k]; !ok {
						rec.raw[k] = v
					}
				}
			}
		}
		for k, v := range values {
			if _, ok := own[k]; !ok {
				own[k] = v
			}
		}
	}
	if order == nil {
		return nil, headerErr
	}
	for k, v := range own {
		rec.raw[k] = v.json(order)
	}
	if len(rec.raw) == 0 {
		if len(rec.warnings) > 0 {
			return rec, fmt.Errorf("%w: exif: no tag readable: %w", ErrFormat, errors.Join(rec.warnings...))
		}
		// A well-formed block of nothing an analyst reads (a thumbnail
		// and its offsets, an empty IFD0).
		return rec, fmt.Errorf("%w: exif: no tags but the thumbnail's", ErrNoRecord)
	}
	rec.md = normaliseEXIF(own, order, rec.raw)
	return rec, nil
}

// goexifTags decodes the block with goexif and returns its tags, named as
// exiftool names them, as JSON-friendly values. goexif reads a copy of the
// block in which ir's hidden entries are turned into an unknown tag of one
// byte and the magic number of a camera raw header is 42. A panic of the
// library is recovered into ErrPanic.
func goexifTags(ir *ifdReader, blk exifBlock) (out map[string]any, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, fmt.Errorf("%w: goexif: %v", ErrPanic, v)
		}
	}()
	data := make([]byte, blk.n) // n was checked against Limits.MaxRecordBytes
	if _, err := io.ReadFull(io.NewSectionReader(blk.r, blk.off, blk.n), data); err != nil {
		return nil, fmt.Errorf("%w: exif: %v", ErrFormat, err)
	}
	if ir.magic {
		ir.order.PutUint16(data[2:], 42)
	}
	for _, at := range ir.chainEnds {
		if at+4 <= int64(len(data)) {
			ir.order.PutUint32(data[at:], 0)
		}
	}
	for _, at := range ir.hidden {
		if at+tiffEntryLen <= int64(len(data)) {
			ir.order.PutUint16(data[at:], 0xFFFF) // no tag goexif names
			ir.order.PutUint16(data[at+2:], 1)    // one byte
			ir.order.PutUint32(data[at+4:], 1)
		}
	}
	order := ir.order
	x, err := exif.Decode(bytes.NewReader(data))
	if x == nil {
		return nil, fmt.Errorf("%w: goexif: %v", ErrFormat, err)
	}
	var werr error
	if err != nil && exif.IsCriticalError(err) {
		werr = fmt.Errorf("%w: goexif: %v", ErrFormat, err)
	} else if err != nil {
		werr = fmt.Errorf("%w: goexif: %s", ErrFormat, strings.TrimSpace(err.Error()))
	}
	out = map[string]any{}
	_ = x.Walk(goexifWalker(func(name exif.FieldName, t *tiff.Tag) error {
		s := string(name)
		if goexifSkip[s] || strings.HasPrefix(s, exif.UnknownPrefix) {
			return nil
		}
		if alt, ok := goexifNames[s]; ok {
			s = alt
		}
		v := tiffValue{typ: uint16(t.Type), count: t.Count, val: t.Val}
		if j := v.json(order); j != nil {
			out[s] = j
		}
		return nil
	}))
	return out, werr
}

// goexifWalker adapts a function to exif.Walker.
type goexifWalker func(exif.FieldName, *tiff.Tag) error

func (f goexifWalker) Walk(name exif.FieldName, t *tiff.Tag) error { return f(name, t) }

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

// normaliseEXIF fills the normalised fields from our own values, and puts
// the decoded values into raw: UserComment without its charset prefix, the
// XP tags from UTF-16, both copyright notices, GPS as signed decimal
// degrees and metres (as exiftool's composite tags), GPSDateTime.
func normaliseEXIF(v map[string]tiffValue, order binary.ByteOrder, raw map[string]any) Metadata {
	var md Metadata
	str := func(name string) string {
		t, ok := v[name]
		if !ok {
			return ""
		}
		if t.typ == tiffTASCII {
			return strings.TrimSpace(t.str())
		}
		if t.typ == tiffTUndefined || t.typ == tiffTByte {
			return strings.TrimSpace(strings.TrimRight(exifText(t.val), "\x00"))
		}
		return ""
	}
	num := func(name string) (int64, bool) {
		t, ok := v[name]
		if !ok {
			return 0, false
		}
		is, ok := t.ints(order)
		if !ok || len(is) == 0 {
			return 0, false
		}
		return is[0], true
	}
	// Text tags whose encoding is not plain ASCII.
	if t, ok := v["UserComment"]; ok {
		if s := exifUserComment(t.val, order); s != "" {
			raw["UserComment"] = imgCutRaw(s)
		} else {
			delete(raw, "UserComment")
		}
	}
	for _, name := range []string{"XPTitle", "XPComment", "XPAuthor", "XPKeywords", "XPSubject"} {
		if t, ok := v[name]; ok && (t.typ == tiffTByte || t.typ == tiffTUndefined) {
			raw[name] = imgCutRaw(exifUTF16LE(t.val))
		}
	}
	if t, ok := v["Copyright"]; ok && t.typ == tiffTASCII {
		// Photographer and editor copyrights are two NUL-separated strings.
		parts := strings.Split(strings.TrimRight(string(t.val), "\x00"), "\x00")
		for i := range parts {
			parts[i] = strings.TrimSpace(exifText([]byte(parts[i])))
		}
		raw["Copyright"] = imgCutRaw(strings.Join(parts, " - "))
		for _, p := range parts {
			if h := copyrightHolder(p); h != "" {
				md.Organisation = h
				break
			}
		}
	}

	addAuthor := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" || strings.IndexFunc(s, unicode.IsControl) >= 0 {
			// A name holds no control character: such a value is
			// bytes of something else (exiv2-bug937's XPAuthor).
			return
		}
		for _, a := range md.Authors {
			if a == s {
				return
			}
		}
		md.Authors = append(md.Authors, s)
	}
	addAuthor(str("Artist"))
	addAuthor(str("OwnerName"))
	if s, ok := raw["XPAuthor"].(string); ok {
		for _, a := range strings.Split(s, ";") {
			addAuthor(a)
		}
	}
	md.Software = str("Software")
	mk, model := str("Make"), str("Model")
	switch {
	case mk != "" && model != "" && strings.HasPrefix(strings.ToLower(model), strings.ToLower(mk)):
		md.Camera = model
	default:
		md.Camera = strings.TrimSpace(mk + " " + model)
	}
	if t, ok := raw["XPTitle"].(string); ok {
		md.Title = t
	}

	// Dates with their zone.
	date := func(dt, sub, offset string) (string, string) {
		s := str(dt)
		if s == "" {
			return "", ""
		}
		t, zone, ok := exifParseTime(s, str(sub), str(offset))
		if !ok {
			return "", ""
		}
		if !zone {
			return FormatTime(t, false), ""
		}
		return FormatTime(t, true), FormatOffset(zoneOffset(t))
	}
	created, tzc := date("DateTimeOriginal", "SubSecTimeOriginal", "OffsetTimeOriginal")
	if created == "" {
		created, tzc = date("DateTimeDigitized", "SubSecTimeDigitized", "OffsetTimeDigitized")
	}
	modified, tzm := date("DateTime", "SubSecTime", "OffsetTime")
	md.Created, md.Modified = created, modified
	md.TZOffset = tzc
	if md.TZOffset == "" {
		md.TZOffset = tzm
	}
	if md.TZOffset == "" {
		for _, name := range []string{"OffsetTimeOriginal", "OffsetTimeDigitized", "OffsetTime"} {
			if s, ok := exifParseOffset(str(name)); ok {
				md.TZOffset = FormatOffset(s)
				break
			}
		}
	}

	// GPS.
	lat, okLat := gpsCoord(v, "GPSLatitude", order, str("GPSLatitudeRef"), "S")
	lon, okLon := gpsCoord(v, "GPSLongitude", order, str("GPSLongitudeRef"), "W")
	if okLat && okLon {
		md.GPS = &GPS{Lat: lat, Lon: lon}
		raw["GPSLatitude"], raw["GPSLongitude"] = lat, lon
		if t, ok := v["GPSAltitude"]; ok {
			if fs, ok := t.floats(order); ok && len(fs) > 0 && !math.IsNaN(fs[0]) && !math.IsInf(fs[0], 0) {
				alt := fs[0]
				if ref, ok := num("GPSAltitudeRef"); ok && ref == 1 {
					alt = -alt
				}
				md.GPS.Alt = &alt
				raw["GPSAltitude"] = alt
			}
		}
	}
	if t, ok := v["GPSTimeStamp"]; ok {
		if fs, ok := t.floats(order); ok && len(fs) == 3 && gpsClockValid(fs) {
			sec := fs[2]
			ts := fmt.Sprintf("%02d:%02d:%s", int(fs[0]), int(fs[1]), strconv.FormatFloat(sec, 'f', -1, 64))
			if sec < 10 {
				ts = fmt.Sprintf("%02d:%02d:0%s", int(fs[0]), int(fs[1]), strconv.FormatFloat(sec, 'f', -1, 64))
			}
			raw["GPSTimeStamp"] = ts
			if d, err := time.Parse("2006:01:02", str("GPSDateStamp")); err == nil {
				whole := math.Floor(sec)
				t := d.Add(time.Duration(fs[0])*time.Hour + time.Duration(fs[1])*time.Minute +
					time.Duration(whole)*time.Second + time.Duration((sec-whole)*1e9))
				raw["GPSDateTime"] = FormatTime(t, true)
			}
		}
	}

	// Pixel size: the Exif IFD's when there, else IFD0's.
	if w, ok := num("PixelXDimension"); ok {
		raw["ImageWidth"] = w
	}
	if h, ok := num("PixelYDimension"); ok {
		raw["ImageHeight"] = h
	}
	return md
}

func gpsClockValid(fs []float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || f < 0 {
			return false
		}
	}
	return fs[0] < 24 && fs[1] < 60 && fs[2] < 61
}

// gpsCoord converts a degrees/minutes/seconds triple to signed degrees.
func gpsCoord(v map[string]tiffValue, name string, order binary.ByteOrder, ref, negRef string) (float64, bool) {
	t, ok := v[name]
	if !ok {
		return 0, false
	}
	if t.typ == tiffTASCII {
		// Written as text: "35.68", "35 40 48.5".
		d, ok := parseTextCoord(t.str())
		if ok && strings.EqualFold(strings.TrimSpace(ref), negRef) && d > 0 {
			d = -d
		}
		return d, ok
	}
	fs, ok := t.floats(order)
	if !ok || len(fs) == 0 {
		return 0, false
	}
	d := 0.0
	for i, f := range fs[:min(3, len(fs))] {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, false
		}
		d += f / math.Pow(60, float64(i))
	}
	if strings.EqualFold(strings.TrimSpace(ref), negRef) {
		d = -d
	}
	if math.Abs(d) > 180 {
		return 0, false
	}
	return d, true
}

// exifDateLayout is the EXIF date-time layout.
const exifDateLayout = "2006:01:02 15:04:05"

// exifParseTime parses an EXIF date-time with its sub-second digits and
// OffsetTime value. Without a valid offset the time is in UTC with zone
// unknown: it is a bare wall clock, never the machine's local time.
func exifParseTime(s, subsec, offset string) (time.Time, bool, bool) {
	s = strings.TrimSpace(s)
	if len(s) < len(exifDateLayout) {
		return time.Time{}, false, false
	}
	loc := time.UTC
	secs, zone := exifParseOffset(offset)
	if zone {
		loc = time.FixedZone("", secs)
	}
	t, err := time.ParseInLocation(exifDateLayout, s[:len(exifDateLayout)], loc)
	if err != nil {
		return time.Time{}, false, false
	}
	subsec = strings.TrimSpace(subsec)
	if subsec != "" && len(subsec) <= 9 {
		if n, err := strconv.Atoi(subsec); err == nil && n >= 0 {
			for i := len(subsec); i < 9; i++ {
				n *= 10
			}
			t = t.Add(time.Duration(n))
		}
	}
	return t, zone, true
}

// exifParseOffset parses "+09:00" into seconds east of UTC.
func exifParseOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[4:6])
	if err1 != nil || err2 != nil || h > 14 || m > 59 {
		return 0, false
	}
	secs := h*3600 + m*60
	if s[0] == '-' {
		secs = -secs
	}
	return secs, true
}

func zoneOffset(t time.Time) int {
	_, off := t.Zone()
	return off
}

// exifUserComment decodes an EXIF UserComment: an 8-byte character code
// ("ASCII", "UNICODE", "JIS" or none), then the text.
func exifUserComment(b []byte, order binary.ByteOrder) string {
	if len(b) < 8 {
		return strings.TrimRight(exifText(b), "\x00 ")
	}
	code, text := string(bytes.TrimRight(b[:8], "\x00 ")), b[8:]
	var s string
	switch code {
	case "UNICODE":
		// UTF-16 in the block's byte order, unless a BOM says otherwise.
		bigEndian := order == binary.BigEndian
		if len(text) >= 2 && text[0] == 0xfe && text[1] == 0xff {
			bigEndian, text = true, text[2:]
		} else if len(text) >= 2 && text[0] == 0xff && text[1] == 0xfe {
			bigEndian, text = false, text[2:]
		}
		if bigEndian {
			s = exifUTF16BE(text)
		} else {
			s = exifUTF16LE(text)
		}
	case "JIS":
		// JIS X 0208 code points: set the high bits to get EUC-JP.
		e := make([]byte, len(text))
		for i, c := range text {
			e[i] = c | 0x80
		}
		if d, err := japanese.EUCJP.NewDecoder().Bytes(e); err == nil {
			s = string(d)
		}
	default:
		s = exifText(text)
	}
	return strings.TrimRight(s, "\x00 ")
}

func exifUTF16LE(b []byte) string { return exifUTF16(b, binary.LittleEndian) }
func exifUTF16BE(b []byte) string { return exifUTF16(b, binary.BigEndian) }

func exifUTF16(b []byte, order binary.ByteOrder) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := order.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

// copyrightHolder returns the holder a copyright notice names, without
// "©", "(c)", "Copyright", years and "All rights reserved"; "" when
// nothing is left. The holder is the notice from its first word to its
// last that is none of these, as written: "ian Britton - FreeFoto.com"
// keeps its dash, and spacing is not changed.
func copyrightHolder(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	if i := strings.Index(lower, "all rights reserved"); i >= 0 {
		s = s[:i] + s[i+len("all rights reserved"):]
	}
	first, last := -1, -1
	for a := 0; a < len(s); {
		r, n := utf8.DecodeRuneInString(s[a:])
		if r == ' ' || r == '\t' || r == '\u3000' {
			a += n
			continue
		}
		b := a
		for b < len(s) {
			r, n := utf8.DecodeRuneInString(s[b:])
			if r == ' ' || r == '\t' || r == '\u3000' {
				break
			}
			b += n
		}
		f := s[a:b]
		g := strings.Trim(f, ",.;:-–")
		lg := strings.ToLower(g)
		switch {
		case g == "" || g == "©" || lg == "(c)" || lg == "copyright" || lg == "copr." || lg == "copr":
		case copyrightYear(g):
		default:
			start := a
			for _, p := range []string{"©", "(c)", "(C)"} {
				if strings.HasPrefix(f, p) {
					start, f = start+len(p), f[len(p):]
				}
			}
			if strings.HasPrefix(strings.ToLower(f), "copyright") {
				start, f = start+len("copyright"), f[len("copyright"):]
			}
			if f != "" && !copyrightYear(strings.Trim(f, ",.;:-–")) {
				if first < 0 {
					first = start
				}
				last = b
			}
		}
		a = b
	}
	if first < 0 {
		return ""
	}
	out := strings.Trim(strings.TrimSpace(s[first:last]), ",;:-– ")
	if out == "" || !strings.ContainsFunc(out, func(r rune) bool { return r > '9' }) {
		return ""
	}
	return out
}

// copyrightYear reports whether s is a year or a range of years: "2021",
// "2019-2021", "2021年".
func copyrightYear(s string) bool {
	s = strings.TrimSuffix(s, "年")
	if s == "" {
		return false
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '–' || r == '/' || r == ',' }) {
		if len(part) != 4 {
			return false
		}
		if _, err := strconv.Atoi(part); err != nil {
			return false
		}
	}
	return true
}

// maxHEIFMeta caps the "meta" box of a HEIF file read into memory: it
// holds item information and locations, a few kilobytes in practice.
const maxHEIFMeta = 4 << 20

// locateHEIFExif finds the Exif item of a HEIF/HEIC file: the top-level
// "meta" box names it in "iinf" and places it in "iloc". Only items stored
// in the file itself (construction method 0) are read.
func locateHEIFExif(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (off, n int64, warns []error, err error) {
	var meta []byte
	err = walkBoxes(ctx, r, 0, size, lim, func(typ string, o, l int64) (bool, error) {
		if typ != "meta" {
			return true, nil
		}
		if l > min(lim.MaxRecordBytes, maxHEIFMeta) {
			return false, fmt.Errorf("%w: heif: meta box of %d bytes", ErrLimit, l)
		}
		meta = make([]byte, l) // bounded just above
		if _, e := r.ReadAt(meta, o); e != nil {
			return false, fmt.Errorf("%w: heif: %v", ErrFormat, e)
		}
		return false, nil
	})
	if meta == nil {
		if err == nil {
			err = fmt.Errorf("%w: heif: no meta box", ErrFormat)
		}
		return 0, 0, nil, err
	}
	if len(meta) < 4 {
		return 0, 0, nil, fmt.Errorf("%w: heif: short meta box", ErrFormat)
	}
	mr := bytes.NewReader(meta[4:]) // version and flags
	var iinf, iloc []byte
	_ = walkBoxes(ctx, mr, 0, int64(mr.Len()), lim, func(typ string, o, l int64) (bool, error) {
		switch typ {
		case "iinf":
			iinf = meta[4+o : 4+o+l]
		case "iloc":
			iloc = meta[4+o : 4+o+l]
		}
		return true, nil
	})
	id, ok := heifExifItem(ctx, iinf, lim)
	if !ok {
		// A HEIF image need not have EXIF, as a JPEG need not.
		return 0, 0, nil, fmt.Errorf("%w: heif: no Exif item", ErrNoRecord)
	}
	off, n, err = heifItemLocation(iloc, id, lim)
	if err != nil {
		return 0, 0, nil, err
	}
	if off < 0 || n < 4 || off+n > size {
		return 0, 0, nil, fmt.Errorf("%w: heif: Exif item outside the file", ErrFormat)
	}
	// The item starts with the offset of the TIFF header past this field.
	var hb [4]byte
	if _, err := r.ReadAt(hb[:], off); err != nil {
		return 0, 0, nil, fmt.Errorf("%w: heif: %v", ErrFormat, err)
	}
	skip := int64(binary.BigEndian.Uint32(hb[:]))
	if skip > n-4 {
		return 0, 0, nil, fmt.Errorf("%w: heif: Exif header offset %d past the item", ErrFormat, skip)
	}
	return off + 4 + skip, n - 4 - skip, nil, nil
}

// walkBoxes calls fn with each ISO BMFF box in r[start:end]: its type and
// the offset and length of its payload. HEIF, AVIF, CR3, JPEG 2000 and
// JPEG XL files are such boxes.
func walkBoxes(ctx context.Context, r io.ReaderAt, start, end int64, lim Limits, fn func(typ string, off, n int64) (bool, error)) error {
	pos := start
	for i := 0; pos+8 <= end; i++ {
		if i >= lim.MaxRecords {
			return fmt.Errorf("%w: boxes: more than %d boxes", ErrLimit, lim.MaxRecords)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var h [16]byte
		if _, err := r.ReadAt(h[:8], pos); err != nil {
			return fmt.Errorf("%w: boxes: %v", ErrFormat, err)
		}
		l := int64(binary.BigEndian.Uint32(h[:4]))
		hl := int64(8)
		switch l {
		case 0:
			l = end - pos
		case 1:
			if pos+16 > end {
				return fmt.Errorf("%w: boxes: truncated box header", ErrFormat)
			}
			if _, err := r.ReadAt(h[8:16], pos+8); err != nil {
				return fmt.Errorf("%w: boxes: %v", ErrFormat, err)
			}
			u := binary.BigEndian.Uint64(h[8:16])
			if u > uint64(end-pos) {
				return fmt.Errorf("%w: boxes: box at %d runs past the end", ErrFormat, pos)
			}
			l, hl = int64(u), 16
		}
		if l < hl || l > end-pos {
			return fmt.Errorf("%w: boxes: box %q at %d has a bad size %d", ErrFormat, h[4:8], pos, l)
		}
		more, err := fn(string(h[4:8]), pos+hl, l-hl)
		if err != nil || !more {
			return err
		}
		pos += l
	}
	return nil
}

// heifExifItem returns the ID of the item of type "Exif" in an iinf box.
func heifExifItem(ctx context.Context, iinf []byte, lim Limits) (uint32, bool) {
	if len(iinf) < 6 {
		return 0, false
	}
	hl := 6
	if iinf[0] != 0 {
		hl = 8
	}
	if len(iinf) < hl {
		return 0, false
	}
	var id uint32
	found := false
	br := bytes.NewReader(iinf[hl:])
	_ = walkBoxes(ctx, br, 0, int64(br.Len()), lim, func(typ string, o, l int64) (bool, error) {
		if typ != "infe" || l < 4 {
			return true, nil
		}
		e := iinf[int64(hl)+o : int64(hl)+o+l]
		var itemID uint32
		var itemType []byte
		switch e[0] { // version
		case 2:
			if len(e) < 12 {
				return true, nil
			}
			itemID, itemType = uint32(binary.BigEndian.Uint16(e[4:])), e[8:12]
		case 3:
			if len(e) < 14 {
				return true, nil
			}
			itemID, itemType = binary.BigEndian.Uint32(e[4:]), e[10:14]
		default:
			return true, nil
		}
		if string(itemType) == "Exif" {
			id, found = itemID, true
			return false, nil
		}
		return true, nil
	})
	return id, found
}

// heifItemLocation returns the file offset and length of item id from an
// iloc box: its first extent, which holds the whole Exif block in every
// writer we know.
func heifItemLocation(iloc []byte, id uint32, lim Limits) (int64, int64, error) {
	bad := fmt.Errorf("%w: heif: malformed iloc box", ErrFormat)
	if len(iloc) < 8 {
		return 0, 0, bad
	}
	version := iloc[0]
	b := iloc[4:]
	offSize, lenSize := int(b[0]>>4), int(b[0]&15)
	baseSize, idxSize := int(b[1]>>4), int(b[1]&15)
	if version == 0 {
		idxSize = 0
	}
	b = b[2:]
	readN := func(n int) (uint64, bool) {
		if n != 0 && n != 4 && n != 8 || len(b) < n {
			return 0, false
		}
		var v uint64
		for _, c := range b[:n] {
			v = v<<8 | uint64(c)
		}
		b = b[n:]
		return v, true
	}
	var count uint64
	var ok bool
	if version < 2 {
		count, ok = heifU16(&b)
	} else {
		count, ok = readN(4)
	}
	if !ok {
		return 0, 0, bad
	}
	if count > uint64(lim.MaxRecords) {
		return 0, 0, fmt.Errorf("%w: heif: %d items", ErrLimit, count)
	}
	for i := uint64(0); i < count; i++ {
		var itemID uint64
		if version < 2 {
			itemID, ok = heifU16(&b)
		} else {
			itemID, ok = readN(4)
		}
		if !ok {
			return 0, 0, bad
		}
		method := uint64(0)
		if version == 1 || version == 2 {
			if method, ok = heifU16(&b); !ok {
				return 0, 0, bad
			}
			method &= 15
		}
		if _, ok = heifU16(&b); !ok { // data reference index
			return 0, 0, bad
		}
		base, ok1 := readN(baseSize)
		extents, ok2 := heifU16(&b)
		if !ok1 || !ok2 {
			return 0, 0, bad
		}
		var firstOff, firstLen uint64
		for e := uint64(0); e < extents; e++ {
			_, ok0 := readN(idxSize)
			o, ok1 := readN(offSize)
			l, ok2 := readN(lenSize)
			if !ok0 || !ok1 || !ok2 {
				return 0, 0, bad
			}
			if e == 0 {
				firstOff, firstLen = o, l
			}
		}
		if uint32(itemID) != id {
			continue
		}
		if method != 0 {
			return 0, 0, fmt.Errorf("%w: heif: Exif item stored with construction method %d, not read", ErrFormat, method)
		}
		if extents == 0 || base > math.MaxInt64/2 || firstOff > math.MaxInt64/2 || firstLen > math.MaxInt64/2 {
			return 0, 0, bad
		}
		return int64(base + firstOff), int64(firstLen), nil
	}
	return 0, 0, fmt.Errorf("%w: heif: Exif item has no location", ErrFormat)
}

// heifU16 reads a big-endian 16-bit number from the front of *b.
func heifU16(b *[]byte) (uint64, bool) {
	if len(*b) < 2 {
		return 0, false
	}
	v := uint64(binary.BigEndian.Uint16(*b))
	*b = (*b)[2:]
	return v, true
}
