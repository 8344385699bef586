package meta

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

// extractGIF reads the comment extensions and logical screen size of a
// GIF file.
func extractGIF(ctx context.Context, in Input, lim Limits) (*Result, error) {
	res := &Result{}
	raw := map[string]any{}
	br := bufio.NewReaderSize(io.NewSectionReader(in.R, 0, in.Size), 32<<10)
	var hdr [13]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return nil, fmt.Errorf("%w: gif: %v", ErrFormat, err)
	}
	raw["GIFVersion"] = string(hdr[3:6])
	raw["ImageWidth"] = int64(binary.LittleEndian.Uint16(hdr[6:]))
	raw["ImageHeight"] = int64(binary.LittleEndian.Uint16(hdr[8:]))
	if hdr[10]&0x80 != 0 {
		if _, err := br.Discard(3 << (hdr[10]&7 + 1)); err != nil {
			res.Warnings = append(res.Warnings, fmt.Errorf("%w: gif: truncated colour table", ErrFormat))
			res.Metadata.Raw = raw
			return res, nil
		}
	}
	var comments []string
	var kept int64
	frames := 0
	err := func() error {
		for i := 0; ; i++ {
			if i%64 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if i >= lim.MaxRecords {
				return fmt.Errorf("%w: gif: more than %d blocks", ErrLimit, lim.MaxRecords)
			}
			b, err := br.ReadByte()
			if err != nil {
				return fmt.Errorf("%w: gif: truncated before the trailer", ErrFormat)
			}
			switch b {
			case 0x3b: // trailer
				return nil
			case 0x21: // extension
				label, err := br.ReadByte()
				if err != nil {
					return fmt.Errorf("%w: gif: truncated extension", ErrFormat)
				}
				var keep *bytes.Buffer
				if label == 0xfe {
					keep = &bytes.Buffer{}
				}
				if err := gifSubBlocks(br, keep, lim.MaxRecordBytes-kept); err != nil {
					return err
				}
				if keep != nil {
					kept += int64(keep.Len())
					comments = append(comments, imgCutRaw(exifText(keep.Bytes())))
				}
			case 0x2c: // image descriptor
				frames++
				var d [9]byte
				if _, err := io.ReadFull(br, d[:]); err != nil {
					return fmt.Errorf("%w: gif: truncated image descriptor", ErrFormat)
				}
				if d[8]&0x80 != 0 {
					if _, err := br.Discard(3 << (d[8]&7 + 1)); err != nil {
						return fmt.Errorf("%w: gif: truncated colour table", ErrFormat)
					}
				}
				if _, err := br.ReadByte(); err != nil { // LZW code size
					return fmt.Errorf("%w: gif: truncated image", ErrFormat)
				}
				if err := gifSubBlocks(br, nil, 0); err != nil {
					return err
				}
			default:
				return fmt.Errorf("%w: gif: unknown block %#x", ErrFormat, b)
			}
		}
	}()
	if err != nil {
		res.Warnings = append(res.Warnings, err)
	}
	raw["FrameCount"] = int64(frames)
	if len(comments) == 1 {
		raw["Comment"] = comments[0]
	} else if len(comments) > 1 {
		raw["Comment"] = comments
	}
	res.Metadata.Raw = raw
	return res, nil
}

// gifSubBlocks reads data sub-blocks up to the terminator, copying them to
// keep (when not nil) up to limit bytes.
func gifSubBlocks(br *bufio.Reader, keep *bytes.Buffer, limit int64) error {
	for {
		n, err := br.ReadByte()
		if err != nil {
			return fmt.Errorf("%w: gif: truncated data block", ErrFormat)
		}
		if n == 0 {
			return nil
		}
		if keep != nil && int64(keep.Len())+int64(n) <= limit {
			var b [255]byte
			if _, err := io.ReadFull(br, b[:n]); err != nil {
				return fmt.Errorf("%w: gif: truncated data block", ErrFormat)
			}
			keep.Write(b[:n])
			continue
		}
		if keep != nil {
			return fmt.Errorf("%w: gif: comment beyond %d bytes", ErrLimit, limit)
		}
		if _, err := br.Discard(int(n)); err != nil {
			return fmt.Errorf("%w: gif: truncated data block", ErrFormat)
		}
	}
}
