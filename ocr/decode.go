package ocr

import (
	"bytes"
	"fmt"
	"image"
	"io"

	// Image formats found in proof packs. Registration is the image
	// package's own mechanism; Decode only ever uses these decoders.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// Decode decodes an image (PNG, JPEG, GIF, BMP, TIFF or WebP) from r.
//
// The header is read first (image.DecodeConfig) and the pixels are only
// decoded when width×height is at most maxPixels (DefaultMaxPixels when
// maxPixels ≤ 0); otherwise the error wraps ErrLimit and nothing sized by
// the file has been allocated. A decoder panic on hostile bytes is
// recovered and returned as an error wrapping ErrFormat. For an animated
// GIF only the first frame is decoded.
func Decode(r io.Reader, maxPixels int64) (img image.Image, err error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("%w: decoder panic: %v", ErrFormat, p)
		}
	}()
	// Keep what DecodeConfig reads so that Decode can read it again.
	var head bytes.Buffer
	cfg, format, err := image.DecodeConfig(io.TeeReader(r, &head))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if err := CheckSize(cfg.Width, cfg.Height, maxPixels); err != nil {
		return nil, fmt.Errorf("%s header: %w", format, err)
	}
	img, _, err = image.Decode(io.MultiReader(&head, r))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFormat, format, err)
	}
	// The pixels must match the header; a decoder that disagrees is not
	// trusted with the limit.
	b := img.Bounds()
	if err := CheckSize(b.Dx(), b.Dy(), maxPixels); err != nil {
		return nil, fmt.Errorf("%s pixels: %w", format, err)
	}
	return img, nil
}

// CheckSize reports an error wrapping ErrLimit when a width×height image
// has more than maxPixels pixels, and one wrapping ErrFormat when a side
// is zero or negative. The product is computed without overflow.
func CheckSize(width, height int, maxPixels int64) error {
	if width <= 0 || height <= 0 {
		return fmt.Errorf("%w: empty image %dx%d", ErrFormat, width, height)
	}
	w, h := int64(width), int64(height)
	if w > maxPixels || h > maxPixels || w > maxPixels/h {
		return fmt.Errorf("%w: %dx%d is over %d pixels", ErrLimit, width, height, maxPixels)
	}
	return nil
}
