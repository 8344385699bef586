package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

// Bounds of multi-segment EXIF.
const (
	// maxEXIFParts caps the APP1 segments one EXIF block is read from:
	// a block of 16 MiB takes 256 segments of 64 KiB.
	maxEXIFParts = 256
)

// exvSignature opens an EXV file (exiv2's metadata sidecar): JPEG marker
// segments without image data, after these seven bytes.
var exvSignature = []byte("\xff\x01Exiv2")

// jpegEXIF finds the EXIF block of a JPEG stream whose first marker is at
// start: the first APP1 segment that starts "Exif\0\0" and a TIFF
// header. An EXIF block over the 64 KiB of a segment is continued in the
// APP1 segments that follow it, each starting "Exif\0\0" again but
// without a TIFF header (as exiftool and some cameras write it); the
// parts are joined in memory, within Limits.MaxRecordBytes. A second
// block with a TIFF header of its own is not a part, and is not read.
func jpegEXIF(ctx context.Context, r io.ReaderAt, start, size int64, lim Limits) (exifBlock, error) {
	var first exifBlock
	var parts []exifBlock
	total := int64(0)
	err := walkJPEGFrom(ctx, r, start, size, func(marker byte, o, l int64) (bool, error) {
		var id [10]byte
		k := 0
		if marker == 0xe1 && l >= 6 {
			k, _ = r.ReadAt(id[:min(l, int64(len(id)))], o)
		}
		isEXIF := k >= 6 && string(id[:6]) == "Exif\x00\x00"
		switch {
		case first.n == 0:
			if isEXIF && l > 6 {
				first = exifBlock{r, o + 6, l - 6}
				total = l - 6
			}
			return true, nil
		case !isEXIF || tiffHeader(id[6:k]) || l <= 6:
			return false, nil // the block ended with the segment before
		case len(parts) >= maxEXIFParts:
			return false, fmt.Errorf("%w: exif: more than %d APP1 segments of one EXIF block", ErrLimit, maxEXIFParts)
		}
		parts = append(parts, exifBlock{r, o + 6, l - 6})
		total += l - 6
		return true, nil
	})
	if first.n == 0 {
		return first, err
	}
	if len(parts) == 0 {
		// What follows the block is not ours to judge.
		return first, nil
	}
	if total > lim.MaxRecordBytes {
		return first, fmt.Errorf("%w: exif: block of %d bytes in %d segments, the first read", ErrLimit, total, len(parts)+1)
	}
	var buf bytes.Buffer
	buf.Grow(int(total)) // the sum of the segments found, within MaxRecordBytes
	for _, p := range append([]exifBlock{first}, parts...) {
		if _, e := io.Copy(&buf, io.NewSectionReader(r, p.off, p.n)); e != nil {
			return first, fmt.Errorf("%w: exif: %v", ErrFormat, e)
		}
	}
	b := buf.Bytes()
	return exifBlock{bytes.NewReader(b), 0, int64(len(b))}, err
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
