package meta

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

// Sigma X3F files end with the offset of their directory ("SECd", a
// version, a count, then 12-byte entries: offset, length and type of each
// section). An image section ("SECi", version, type, format, columns,
// rows, row bytes) of format 18 holds a JPEG preview, whose APP1 segments
// hold the file's EXIF.
const (
	x3fEntryLen     = 12
	x3fImageHeadLen = 28
	x3fFormatJPEG   = 18
)

// x3fJPEG returns the JPEG preview of an X3F file, or nil when it has none.
func x3fJPEG(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (*io.SectionReader, error) {
	le := binary.LittleEndian
	var b [12]byte
	if size < 16 {
		return nil, fmt.Errorf("%w: x3f: file of %d bytes", ErrFormat, size)
	}
	if _, err := r.ReadAt(b[:4], size-4); err != nil {
		return nil, fmt.Errorf("%w: x3f: %v", ErrFormat, err)
	}
	dir := int64(le.Uint32(b[:4]))
	if dir+12 > size-4 {
		return nil, fmt.Errorf("%w: x3f: directory at %d outside the file", ErrFormat, dir)
	}
	if _, err := r.ReadAt(b[:], dir); err != nil {
		return nil, fmt.Errorf("%w: x3f: %v", ErrFormat, err)
	}
	if string(b[:4]) != "SECd" {
		return nil, fmt.Errorf("%w: x3f: no directory at %d", ErrFormat, dir)
	}
	count := int64(le.Uint32(b[8:]))
	if count > (size-4-dir-12)/x3fEntryLen {
		return nil, fmt.Errorf("%w: x3f: directory of %d entries runs past the file", ErrFormat, count)
	}
	if count > int64(lim.MaxRecords) {
		return nil, fmt.Errorf("%w: x3f: directory of %d entries", ErrLimit, count)
	}
	for i := int64(0); i < count; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if _, err := r.ReadAt(b[:], dir+12+i*x3fEntryLen); err != nil {
			return nil, fmt.Errorf("%w: x3f: %v", ErrFormat, err)
		}
		off, n, typ := int64(le.Uint32(b[:])), int64(le.Uint32(b[4:])), string(b[8:12])
		if (typ != "IMAG" && typ != "IMA2") || n <= x3fImageHeadLen || off > size || n > size-off {
			continue
		}
		var h [16]byte
		if _, err := r.ReadAt(h[:], off); err != nil {
			return nil, fmt.Errorf("%w: x3f: %v", ErrFormat, err)
		}
		if string(h[:4]) == "SECi" && le.Uint32(h[12:]) == x3fFormatJPEG {
			return io.NewSectionReader(r, off+x3fImageHeadLen, n-x3fImageHeadLen), nil
		}
	}
	return nil, nil
}

// x3fEXIF finds the EXIF block of an X3F file, in its JPEG preview.
func x3fEXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (exifBlock, error) {
	jpg, err := x3fJPEG(ctx, r, size, lim)
	if jpg == nil {
		return exifBlock{}, err
	}
	return jpegEXIF(ctx, jpg, 2, jpg.Size(), lim)
}
