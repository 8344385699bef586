package meta

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

// mrwEXIF finds the EXIF block of a Minolta MRW file: after "\0MRM" and
// the length of the header blocks, blocks of a 4-byte name and a 4-byte
// length (big-endian); "\0TTW" holds the TIFF structure.
func mrwEXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (exifBlock, error) {
	var h [8]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return exifBlock{}, fmt.Errorf("%w: mrw: %v", ErrFormat, err)
	}
	end := 8 + int64(binary.BigEndian.Uint32(h[4:]))
	if end > size {
		return exifBlock{}, fmt.Errorf("%w: mrw: header blocks of %d bytes run past the file", ErrFormat, end-8)
	}
	for pos, i := int64(8), 0; pos+8 <= end; i++ {
		if i >= lim.MaxRecords {
			return exifBlock{}, fmt.Errorf("%w: mrw: more than %d blocks", ErrLimit, lim.MaxRecords)
		}
		if err := ctx.Err(); err != nil {
			return exifBlock{}, err
		}
		if _, err := r.ReadAt(h[:], pos); err != nil {
			return exifBlock{}, fmt.Errorf("%w: mrw: %v", ErrFormat, err)
		}
		n := int64(binary.BigEndian.Uint32(h[4:]))
		if n > end-pos-8 {
			return exifBlock{}, fmt.Errorf("%w: mrw: block %q runs past the header", ErrFormat, h[:4])
		}
		if string(h[:4]) == "\x00TTW" {
			return exifBlock{r, pos + 8, n}, nil
		}
		pos += 8 + n
	}
	return exifBlock{}, nil
}
