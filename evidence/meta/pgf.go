package meta

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// Progressive Graphics File (PGF): "PGF", a version, the length of the
// header (4 bytes, little-endian), then the header: size, levels,
// quality, depth, channels and mode (16 bytes), a colour table for
// indexed images, and user data. ImageMagick puts a whole PNG image in the
// user data, whose text chunks hold the image's EXIF and XMP as raw
// profiles; exiftool reads them there.
const (
	pgfHeaderAt     = 8
	pgfUserDataAt   = pgfHeaderAt + 16
	pgfColourTable  = 256 * 4
	pgfSignatureLen = 3
)

// pgfPNG returns the PNG image in the user data of a PGF file's header,
// nil when there is none.
func pgfPNG(r io.ReaderAt, size int64) (*io.SectionReader, error) {
	var h [pgfHeaderAt]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return nil, fmt.Errorf("%w: pgf: %v", ErrFormat, err)
	}
	end := pgfHeaderAt + int64(binary.LittleEndian.Uint32(h[4:]))
	if string(h[:pgfSignatureLen]) != "PGF" || end > size {
		return nil, fmt.Errorf("%w: pgf: header of %d bytes in a file of %d", ErrFormat, end-pgfHeaderAt, size)
	}
	for _, at := range []int64{pgfUserDataAt, pgfUserDataAt + pgfColourTable} {
		var sig [8]byte
		if at+int64(len(sig)) > end {
			break
		}
		if _, err := r.ReadAt(sig[:], at); err == nil && bytes.Equal(sig[:], pngSignature) {
			return io.NewSectionReader(r, at, end-at), nil
		}
	}
	return nil, nil
}
