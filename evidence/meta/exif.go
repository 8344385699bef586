package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"

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
