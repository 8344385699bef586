package meta

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Keywords of the PNG text chunks in which ImageMagick (and the programs
// built on it) keep the EXIF and XMP of an image as "raw profiles":
// hexadecimal text, because PNG had no chunk for them before eXIf.
const (
	pngProfileEXIF = "Raw profile type exif"
	pngProfileAPP1 = "Raw profile type APP1"
	pngProfileXMP  = "Raw profile type xmp"
)

// pngRawProfile reports whether key is the keyword of a raw profile.
func pngRawProfile(key string) bool {
	return strings.HasPrefix(key, "Raw profile type ")
}

// decodeRawProfile decodes the text of a raw profile: a newline, the
// profile's name on a line ("exif", "generic profile"), its length in
// bytes as a decimal number on the next, then that many bytes in
// hexadecimal, in lines. The length is checked against the digits that
// follow before anything is allocated.
func decodeRawProfile(text string, lim Limits) ([]byte, error) {
	lines := strings.SplitN(strings.TrimLeft(text, "\r\n"), "\n", 3)
	if len(lines) < 3 {
		return nil, fmt.Errorf("%w: raw profile without a name and length", ErrFormat)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(lines[1]), 10, 64)
	if err != nil || n <= 0 {
		return nil, fmt.Errorf("%w: raw profile length %q", ErrFormat, CutText(strings.TrimSpace(lines[1]), 32))
	}
	hex := lines[2]
	if n > int64(len(hex))/2 {
		return nil, fmt.Errorf("%w: raw profile of %d bytes in %d characters", ErrFormat, n, len(hex))
	}
	if n > lim.MaxRecordBytes {
		return nil, fmt.Errorf("%w: raw profile of %d bytes", ErrLimit, n)
	}
	out := make([]byte, 0, n) // bounded by the text and MaxRecordBytes
	var hi byte
	half := false
	for j := 0; j < len(hex) && int64(len(out)) < n; j++ {
		c := hex[j]
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		case c == '\n' || c == '\r' || c == ' ' || c == '\t':
			continue
		default:
			return out, fmt.Errorf("%w: raw profile: %q is not a hexadecimal digit", ErrFormat, c)
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if int64(len(out)) < n {
		return out, fmt.Errorf("%w: raw profile has %d of its %d bytes", ErrFormat, len(out), n)
	}
	return out, nil
}

// pngEXIF finds the EXIF block of a PNG file: the eXIf chunk, else a raw
// profile (exif or APP1) in a text chunk, decoded into memory. Only the
// chunks before the image data are looked at, as readers do.
func pngEXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (exifBlock, error) {
	var blk exifBlock
	var profile []byte
	var perr error
	err := walkPNG(ctx, r, size, lim, func(c pngChunk) (bool, error) {
		switch c.typ {
		case "eXIf":
			blk = exifBlock{r, c.off, c.n}
			return false, nil
		case "IDAT":
			return false, nil
		case "tEXt", "zTXt", "iTXt":
		default:
			return true, nil
		}
		if profile != nil || c.n > lim.MaxRecordBytes {
			return true, nil
		}
		var kw [len(pngProfileAPP1) + 1]byte
		if c.n < int64(len(kw)) {
			return true, nil
		}
		if _, e := r.ReadAt(kw[:], c.off); e != nil {
			return false, fmt.Errorf("%w: png: %v", ErrFormat, e)
		}
		if k := string(kw[:]); k != pngProfileEXIF+"\x00" && k != pngProfileAPP1+"\x00" {
			return true, nil
		}
		data := make([]byte, c.n) // checked against MaxRecordBytes above
		if _, e := r.ReadAt(data, c.off); e != nil {
			return false, fmt.Errorf("%w: png: %v", ErrFormat, e)
		}
		_, text, e := pngText(c.typ, data, lim)
		if e != nil {
			perr = e
			return true, nil
		}
		b, e := decodeRawProfile(text, lim)
		if e != nil {
			perr = fmt.Errorf("png: %w", e)
			return true, nil
		}
		profile = bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
		return true, nil
	})
	if blk.n > 0 {
		return blk, err
	}
	if profile != nil {
		return exifBlock{bytes.NewReader(profile), 0, int64(len(profile))}, err
	}
	if err == nil {
		err = perr
	}
	return blk, err
}
