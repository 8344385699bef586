package meta

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

// rafJPEGAt is where a Fujifilm RAF header gives the offset and length of
// the JPEG preview (4 bytes each, big-endian), after the signature,
// format version, camera ID and camera name.
const rafJPEGAt = 84

// rafJPEG returns the JPEG preview of a RAF file, which holds the file's
// EXIF and XMP in its APP1 segments.
func rafJPEG(r io.ReaderAt, size int64) (*io.SectionReader, error) {
	var h [8]byte
	if _, err := r.ReadAt(h[:], rafJPEGAt); err != nil {
		return nil, fmt.Errorf("%w: raf: %v", ErrFormat, err)
	}
	off, n := int64(binary.BigEndian.Uint32(h[:])), int64(binary.BigEndian.Uint32(h[4:]))
	if off < rafJPEGAt+8 || n < 4 || off > size || n > size-off {
		return nil, fmt.Errorf("%w: raf: JPEG preview at %d+%d outside the file of %d bytes", ErrFormat, off, n, size)
	}
	return io.NewSectionReader(r, off, n), nil
}

// rafEXIF finds the EXIF block of a RAF file, in its JPEG preview.
func rafEXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (exifBlock, error) {
	jpg, err := rafJPEG(r, size)
	if err != nil {
		return exifBlock{}, err
	}
	return jpegEXIF(ctx, jpg, 2, jpg.Size(), lim)
}
