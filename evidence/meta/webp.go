package meta

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
)

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

// extractWebP lists the chunks of a WebP file and reads its canvas size.
func extractWebP(ctx context.Context, in Input, lim Limits) (*Result, error) {
	res := &Result{}
	raw := map[string]any{}
	var chunks []string
	err := walkRIFF(ctx, in.R, in.Size, lim, func(fourcc string, off, n int64) (bool, error) {
		chunks = append(chunks, strings.TrimRight(fourcc, " "))
		var b [10]byte
		switch fourcc {
		case "VP8X":
			if n >= 10 {
				if _, err := in.R.ReadAt(b[:], off); err == nil {
					raw["ImageWidth"] = int64(uint32(b[4])|uint32(b[5])<<8|uint32(b[6])<<16) + 1
					raw["ImageHeight"] = int64(uint32(b[7])|uint32(b[8])<<8|uint32(b[9])<<16) + 1
				}
			}
		case "VP8L":
			if _, ok := raw["ImageWidth"]; !ok && n >= 5 {
				if _, err := in.R.ReadAt(b[:5], off); err == nil && b[0] == 0x2f {
					v := binary.LittleEndian.Uint32(b[1:5])
					raw["ImageWidth"] = int64(v&0x3fff) + 1
					raw["ImageHeight"] = int64(v>>14&0x3fff) + 1
				}
			}
		case "VP8 ":
			if _, ok := raw["ImageWidth"]; !ok && n >= 10 {
				if _, err := in.R.ReadAt(b[:], off); err == nil && b[3] == 0x9d && b[4] == 0x01 && b[5] == 0x2a {
					raw["ImageWidth"] = int64(binary.LittleEndian.Uint16(b[6:]) & 0x3fff)
					raw["ImageHeight"] = int64(binary.LittleEndian.Uint16(b[8:]) & 0x3fff)
				}
			}
		}
		return true, nil
	})
	if err != nil {
		res.Warnings = append(res.Warnings, err)
	}
	if len(chunks) == 0 {
		return nil, fmt.Errorf("%w: webp: no chunks", ErrFormat)
	}
	raw["Chunks"] = chunks
	res.Metadata.Raw = raw
	return res, nil
}
