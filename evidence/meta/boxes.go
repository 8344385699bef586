package meta

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

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
