package meta

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

// Image resources of Photoshop files that hold metadata.
const (
	psdResourceIPTC  = 0x0404
	psdResourceEXIF  = 0x0422 // EXIF data 1: a TIFF structure
	psdResourceEXIF3 = 0x0423 // EXIF data 3
	psdResourceXMP   = 0x0424
	// psdHeaderLen is the file header: signature, version, reserved
	// bytes, channels, height, width, depth and colour mode.
	psdHeaderLen = 26
)

// psdResourceSignatures are the signatures of image resource blocks:
// Photoshop's and those of the programs that write them too.
var psdResourceSignatures = map[string]bool{"8BIM": true, "MeSa": true, "PHUT": true, "AgHg": true, "DCSR": true}

// walkPSDResources calls fn with each block of the image resource section
// of a PSD or PSB file: its ID and the offset and length of its data.
// Every length is checked against the section before it is followed.
func walkPSDResources(ctx context.Context, r io.ReaderAt, size int64, lim Limits, fn func(id uint16, off, n int64) (bool, error)) error {
	var h [psdHeaderLen + 4]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return fmt.Errorf("%w: psd: %v", ErrFormat, err)
	}
	if string(h[:4]) != "8BPS" || h[4] != 0 || (h[5] != 1 && h[5] != 2) {
		return fmt.Errorf("%w: psd: not a PSD or PSB file", ErrFormat)
	}
	be := binary.BigEndian
	// The colour mode data, then the image resources, each behind a
	// 4-byte length.
	pos := psdHeaderLen + 4 + int64(be.Uint32(h[psdHeaderLen:]))
	var l [4]byte
	if pos+4 > size {
		return fmt.Errorf("%w: psd: colour mode data runs past the file", ErrFormat)
	}
	if _, err := r.ReadAt(l[:], pos); err != nil {
		return fmt.Errorf("%w: psd: %v", ErrFormat, err)
	}
	end := pos + 4 + int64(be.Uint32(l[:]))
	var err error
	if end > size {
		err = fmt.Errorf("%w: psd: image resources of %d bytes run past the file", ErrFormat, end-pos-4)
		end = size
	}
	pos += 4
	for i := 0; pos+12 <= end; i++ {
		if i >= lim.MaxRecords {
			return fmt.Errorf("%w: psd: more than %d image resources", ErrLimit, lim.MaxRecords)
		}
		if i%64 == 0 {
			if e := ctx.Err(); e != nil {
				return e
			}
		}
		var b [7]byte
		if _, e := r.ReadAt(b[:], pos); e != nil {
			return fmt.Errorf("%w: psd: %v", ErrFormat, e)
		}
		if !psdResourceSignatures[string(b[:4])] {
			return fmt.Errorf("%w: psd: image resource at %d has signature %q", ErrFormat, pos, b[:4])
		}
		id := be.Uint16(b[4:])
		// A Pascal name: its length byte and characters, padded to even.
		name := int64(1 + b[6])
		name += name & 1
		at := pos + 6 + name
		if at+4 > end {
			return fmt.Errorf("%w: psd: image resource %#04x runs past its section", ErrFormat, id)
		}
		if _, e := r.ReadAt(l[:], at); e != nil {
			return fmt.Errorf("%w: psd: %v", ErrFormat, e)
		}
		n := int64(be.Uint32(l[:]))
		if n > end-at-4 {
			return fmt.Errorf("%w: psd: image resource %#04x of %d bytes runs past its section", ErrFormat, id, n)
		}
		more, e := fn(id, at+4, n)
		if e != nil {
			return e
		}
		if !more {
			return err // what the section's length said, even so
		}
		pos = at + 4 + n + n&1
	}
	return err
}

// psdResource returns the offset and length of the first image resource
// of ID id; n is 0 when there is none.
func psdResource(ctx context.Context, r io.ReaderAt, size int64, lim Limits, id uint16) (off, n int64, err error) {
	err = walkPSDResources(ctx, r, size, lim, func(rid uint16, o, l int64) (bool, error) {
		if rid == id && l > 0 {
			off, n = o, l
			return false, nil
		}
		return true, nil
	})
	return off, n, err
}

// psdEXIF finds the EXIF block of a Photoshop file: image resource 0x0422.
func psdEXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (exifBlock, error) {
	off, n, err := psdResource(ctx, r, size, lim, psdResourceEXIF)
	return exifBlock{r, off, n}, err
}
