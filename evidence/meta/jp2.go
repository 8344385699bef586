package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

// Boxes of JPEG 2000 (JP2) and JPEG XL files that hold metadata. Both are
// sequences of boxes as ISO base media files are.
var (
	// jp2ExifUUID names the uuid box of EXIF in JP2 files: a TIFF
	// structure, after "Exif\0\0" in some writers' files.
	jp2ExifUUID = []byte("JpgTiffExif->JP2")
	// xmpUUID names the uuid box of an XMP packet in JP2 and CR3 files.
	xmpUUID = []byte{0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC}
)

// jp2EXIF finds the EXIF block of a JPEG 2000 or JPEG XL file. JP2 keeps
// it in a uuid box named by jp2ExifUUID; JPEG XL in an "Exif" box, after a
// 4-byte offset to the TIFF header. Only top-level boxes are looked at;
// JPEG XL boxes compressed with Brotli ("brob") are not read.
func jp2EXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (exifBlock, error) {
	var blk exifBlock
	err := walkBoxes(ctx, r, 0, size, lim, func(typ string, o, l int64) (bool, error) {
		switch typ {
		case "uuid":
			if l <= 16+8 {
				return true, nil
			}
			var h [16 + 6 + 4]byte
			k, _ := r.ReadAt(h[:min(l, int64(len(h)))], o)
			if k < 16+4 {
				return true, nil
			}
			p := h[16:k]
			skip := int64(16)
			if bytes.HasPrefix(p, []byte("Exif\x00\x00")) {
				p, skip = p[6:], skip+6
			}
			if bytes.Equal(h[:16], jp2ExifUUID) && tiffHeader(p) {
				blk = exifBlock{r, o + skip, l - skip}
				return false, nil
			}
		case "Exif":
			var h [4]byte
			if l <= 4+8 {
				return true, nil
			}
			if _, e := r.ReadAt(h[:], o); e != nil {
				return false, fmt.Errorf("%w: jp2: %v", ErrFormat, e)
			}
			skip := 4 + int64(binary.BigEndian.Uint32(h[:]))
			if skip >= l {
				return false, fmt.Errorf("%w: jxl: Exif box's TIFF header offset %d past the box", ErrFormat, skip-4)
			}
			blk = exifBlock{r, o + skip, l - skip}
			return false, nil
		}
		return true, nil
	})
	return blk, err
}

// boxXMP finds the XMP packet of a file of boxes (JP2, JPEG XL, CR3): a
// uuid box named by xmpUUID, else an "xml " box that holds a packet.
func boxXMP(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (off, n int64, err error) {
	off = -1
	err = walkBoxes(ctx, r, 0, size, lim, func(typ string, o, l int64) (bool, error) {
		switch typ {
		case "uuid":
			var h [16]byte
			if l > 16 {
				if _, e := r.ReadAt(h[:], o); e == nil && bytes.Equal(h[:], xmpUUID) {
					off, n = o+16, l-16
					return false, nil
				}
			}
		case "xml ":
			if off < 0 && l > 0 {
				off, n = o, l
			}
		}
		return true, nil
	})
	return off, n, err
}
