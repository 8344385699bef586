package meta

import (
	"bytes"
	"context"
	"fmt"
	"io"
)

// cr3UUID names the uuid box, in the moov box of a Canon CR3 file, that
// holds the CMT boxes: CMT1 the TIFF structure of IFD0, CMT2 that of the
// Exif IFD, CMT3 the maker notes, CMT4 the GPS IFD, each a TIFF header
// and one directory.
var cr3UUID = []byte{0x85, 0xC0, 0xB6, 0x87, 0x82, 0x0F, 0x11, 0xE0, 0x81, 0x11, 0xF4, 0xCE, 0x46, 0x2B, 0x6A, 0x48}

// cr3EXIF finds the parts of the EXIF record of a CR3 file. goexif reads
// CMT1 only; our own reader reads the three.
func cr3EXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) ([]exifPart, error) {
	var moovOff, moovLen int64 = -1, 0
	err := walkBoxes(ctx, r, 0, size, lim, func(typ string, o, l int64) (bool, error) {
		if typ == "moov" {
			moovOff, moovLen = o, l
			return false, nil
		}
		return true, nil
	})
	if moovOff < 0 {
		if err == nil {
			err = fmt.Errorf("%w: cr3: no moov box", ErrFormat)
		}
		return nil, err
	}
	var canonOff, canonLen int64 = -1, 0
	err = walkBoxes(ctx, r, moovOff, moovOff+moovLen, lim, func(typ string, o, l int64) (bool, error) {
		var id [16]byte
		if typ == "uuid" && l > 16 {
			if _, e := r.ReadAt(id[:], o); e == nil && bytes.Equal(id[:], cr3UUID) {
				canonOff, canonLen = o+16, l-16
				return false, nil
			}
		}
		return true, nil
	})
	if canonOff < 0 {
		if err == nil {
			err = fmt.Errorf("%w: cr3: no EXIF record", ErrNoRecord)
		}
		return nil, err
	}
	var parts []exifPart
	err = walkBoxes(ctx, r, canonOff, canonOff+canonLen, lim, func(typ string, o, l int64) (bool, error) {
		switch typ {
		case "CMT1", "CMT2":
			parts = append(parts, exifPart{exifBlock{r, o, l}, ifdMain})
		case "CMT4":
			parts = append(parts, exifPart{exifBlock{r, o, l}, ifdGPS})
		}
		return true, nil
	})
	return parts, err
}
