package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// maxHEIFMeta caps the "meta" box of a HEIF file read into memory: it
// holds item information and locations, a few kilobytes in practice.
const maxHEIFMeta = 4 << 20

// locateHEIFExif finds the Exif item of a HEIF/HEIC file: the top-level
// "meta" box names it in "iinf" and places it in "iloc". Only items stored
// in the file itself (construction method 0) are read.
func locateHEIFExif(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (off, n int64, warns []error, err error) {
	var meta []byte
	err = walkBoxes(ctx, r, 0, size, lim, func(typ string, o, l int64) (bool, error) {
		if typ != "meta" {
			return true, nil
		}
		if l > min(lim.MaxRecordBytes, maxHEIFMeta) {
			return false, fmt.Errorf("%w: heif: meta box of %d bytes", ErrLimit, l)
		}
		meta = make([]byte, l) // bounded just above
		if _, e := r.ReadAt(meta, o); e != nil {
			return false, fmt.Errorf("%w: heif: %v", ErrFormat, e)
		}
		return false, nil
	})
	if meta == nil {
		if err == nil {
			err = fmt.Errorf("%w: heif: no meta box", ErrFormat)
		}
		return 0, 0, nil, err
	}
	if len(meta) < 4 {
		return 0, 0, nil, fmt.Errorf("%w: heif: short meta box", ErrFormat)
	}
	mr := bytes.NewReader(meta[4:]) // version and flags
	var iinf, iloc []byte
	_ = walkBoxes(ctx, mr, 0, int64(mr.Len()), lim, func(typ string, o, l int64) (bool, error) {
		switch typ {
		case "iinf":
			iinf = meta[4+o : 4+o+l]
		case "iloc":
			iloc = meta[4+o : 4+o+l]
		}
		return true, nil
	})
	id, ok := heifExifItem(ctx, iinf, lim)
	if !ok {
		// A HEIF image need not have EXIF, as a JPEG need not.
		return 0, 0, nil, fmt.Errorf("%w: heif: no Exif item", ErrNoRecord)
	}
	off, n, err = heifItemLocation(iloc, id, lim)
	if err != nil {
		return 0, 0, nil, err
	}
	if off < 0 || n < 4 || off+n > size {
		return 0, 0, nil, fmt.Errorf("%w: heif: Exif item outside the file", ErrFormat)
	}
	// The item starts with the offset of the TIFF header past this field.
	var hb [4]byte
	if _, err := r.ReadAt(hb[:], off); err != nil {
		return 0, 0, nil, fmt.Errorf("%w: heif: %v", ErrFormat, err)
	}
	skip := int64(binary.BigEndian.Uint32(hb[:]))
	if skip > n-4 {
		return 0, 0, nil, fmt.Errorf("%w: heif: Exif header offset %d past the item", ErrFormat, skip)
	}
	return off + 4 + skip, n - 4 - skip, nil, nil
}

// heifExifItem returns the ID of the item of type "Exif" in an iinf box.
func heifExifItem(ctx context.Context, iinf []byte, lim Limits) (uint32, bool) {
	if len(iinf) < 6 {
		return 0, false
	}
	hl := 6
	if iinf[0] != 0 {
		hl = 8
	}
	if len(iinf) < hl {
		return 0, false
	}
	var id uint32
	found := false
	br := bytes.NewReader(iinf[hl:])
	_ = walkBoxes(ctx, br, 0, int64(br.Len()), lim, func(typ string, o, l int64) (bool, error) {
		if typ != "infe" || l < 4 {
			return true, nil
		}
		e := iinf[int64(hl)+o : int64(hl)+o+l]
		var itemID uint32
		var itemType []byte
		switch e[0] { // version
		case 2:
			if len(e) < 12 {
				return true, nil
			}
			itemID, itemType = uint32(binary.BigEndian.Uint16(e[4:])), e[8:12]
		case 3:
			if len(e) < 14 {
				return true, nil
			}
			itemID, itemType = binary.BigEndian.Uint32(e[4:]), e[10:14]
		default:
			return true, nil
		}
		if string(itemType) == "Exif" {
			id, found = itemID, true
			return false, nil
		}
		return true, nil
	})
	return id, found
}

// heifItemLocation returns the file offset and length of item id from an
// iloc box: its first extent, which holds the whole Exif block in every
// writer we know.
func heifItemLocation(iloc []byte, id uint32, lim Limits) (int64, int64, error) {
	bad := fmt.Errorf("%w: heif: malformed iloc box", ErrFormat)
	if len(iloc) < 8 {
		return 0, 0, bad
	}
	version := iloc[0]
	b := iloc[4:]
	offSize, lenSize := int(b[0]>>4), int(b[0]&15)
	baseSize, idxSize := int(b[1]>>4), int(b[1]&15)
	if version == 0 {
		idxSize = 0
	}
	b = b[2:]
	readN := func(n int) (uint64, bool) {
		if n != 0 && n != 4 && n != 8 || len(b) < n {
			return 0, false
		}
		var v uint64
		for _, c := range b[:n] {
			v = v<<8 | uint64(c)
		}
		b = b[n:]
		return v, true
	}
	var count uint64
	var ok bool
	if version < 2 {
		count, ok = heifU16(&b)
	} else {
		count, ok = readN(4)
	}
	if !ok {
		return 0, 0, bad
	}
	if count > uint64(lim.MaxRecords) {
		return 0, 0, fmt.Errorf("%w: heif: %d items", ErrLimit, count)
	}
	for i := uint64(0); i < count; i++ {
		var itemID uint64
		if version < 2 {
			itemID, ok = heifU16(&b)
		} else {
			itemID, ok = readN(4)
		}
		if !ok {
			return 0, 0, bad
		}
		method := uint64(0)
		if version == 1 || version == 2 {
			if method, ok = heifU16(&b); !ok {
				return 0, 0, bad
			}
			method &= 15
		}
		if _, ok = heifU16(&b); !ok { // data reference index
			return 0, 0, bad
		}
		base, ok1 := readN(baseSize)
		extents, ok2 := heifU16(&b)
		if !ok1 || !ok2 {
			return 0, 0, bad
		}
		var firstOff, firstLen uint64
		for e := uint64(0); e < extents; e++ {
			_, ok0 := readN(idxSize)
			o, ok1 := readN(offSize)
			l, ok2 := readN(lenSize)
			if !ok0 || !ok1 || !ok2 {
				return 0, 0, bad
			}
			if e == 0 {
				firstOff, firstLen = o, l
			}
		}
		if uint32(itemID) != id {
			continue
		}
		if method != 0 {
			return 0, 0, fmt.Errorf("%w: heif: Exif item stored with construction method %d, not read", ErrFormat, method)
		}
		if extents == 0 || base > math.MaxInt64/2 || firstOff > math.MaxInt64/2 || firstLen > math.MaxInt64/2 {
			return 0, 0, bad
		}
		return int64(base + firstOff), int64(firstLen), nil
	}
	return 0, 0, fmt.Errorf("%w: heif: Exif item has no location", ErrFormat)
}

// heifU16 reads a big-endian 16-bit number from the front of *b.
func heifU16(b *[]byte) (uint64, bool) {
	if len(*b) < 2 {
		return 0, false
	}
	v := uint64(binary.BigEndian.Uint16(*b))
	*b = (*b)[2:]
	return v, true
}
