package meta

import (
	"bytes"
	"context"
	"fmt"
	"io"
)

// locateContainerEXIF finds the EXIF block of the formats whose file is
// neither a JPEG, a TIFF, a PNG, a WebP nor an ISO base media file: each
// format's reader, in its own file, knows where it keeps the block.
func locateContainerEXIF(ctx context.Context, r io.ReaderAt, h []byte, size int64, lim Limits) (exifBlock, error) {
	switch {
	case bytes.HasPrefix(h, exvSignature):
		return jpegEXIF(ctx, r, int64(len(exvSignature)), size, lim)
	case bytes.HasPrefix(h, []byte("8BPS")):
		return psdEXIF(ctx, r, size, lim)
	case bytes.HasPrefix(h, []byte("\x00\x00\x00\x0cjP  ")), bytes.HasPrefix(h, []byte("\x00\x00\x00\x0cJXL ")):
		return jp2EXIF(ctx, r, size, lim)
	case bytes.HasPrefix(h, []byte("FUJIFILMCCD-RAW ")):
		return rafEXIF(ctx, r, size, lim)
	case bytes.HasPrefix(h, []byte("\x00MRM")):
		return mrwEXIF(ctx, r, size, lim)
	case bytes.HasPrefix(h, []byte("FOVb")):
		return x3fEXIF(ctx, r, size, lim)
	case bytes.HasPrefix(h, []byte("gimp xcf ")):
		return xcfEXIF(ctx, r, size, lim)
	case bytes.HasPrefix(h, []byte("PGF")):
		png, err := pgfPNG(r, size)
		if png == nil {
			if err == nil {
				err = fmt.Errorf("%w: pgf: no PNG in the header's user data", ErrNoRecord)
			}
			return exifBlock{}, err
		}
		return pngEXIF(ctx, png, png.Size(), lim)
	case bytes.HasPrefix(h, []byte("II\xbc\x01")):
		// JPEG XR: a TIFF structure with its own magic number.
		return exifBlock{r, 0, size}, nil
	case bytes.HasPrefix(h, []byte{0xff, 0x0a}):
		// A bare JPEG XL codestream: no box to hold metadata.
		return exifBlock{}, fmt.Errorf("%w: exif: a JPEG XL codestream has no metadata boxes", ErrNoRecord)
	}
	return exifBlock{}, fmt.Errorf("%w: exif: not a format that holds EXIF", ErrFormat)
}
