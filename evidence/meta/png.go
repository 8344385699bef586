package meta

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence/identify"
)

// pngSignature opens every PNG file.
var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// maxPNGChunk is the largest chunk length the PNG specification allows
// (2^31-1); a larger length is a lie.
const maxPNGChunk = 1<<31 - 1

// xmpPNGKeyword is the PNG text keyword of an XMP packet.
const xmpPNGKeyword = "XML:com.adobe.xmp"

// pngChunk is one chunk: type, and offset and length of its data.
type pngChunk struct {
	typ    string
	off, n int64
	crc    uint32
}

// walkPNG calls fn with each chunk after the signature until IEND; fn
// returns false to stop. A chunk whose length runs past the end of the
// file stops the walk with an ErrFormat error.
func walkPNG(ctx context.Context, r io.ReaderAt, size int64, lim Limits, fn func(pngChunk) (bool, error)) error {
	pos := int64(len(pngSignature))
	for i := 0; pos < size; i++ {
		if i >= lim.MaxRecords {
			return fmt.Errorf("%w: png: more than %d chunks", ErrLimit, lim.MaxRecords)
		}
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var h [8]byte
		if pos+12 > size {
			return fmt.Errorf("%w: png: truncated chunk header at %d", ErrFormat, pos)
		}
		if _, err := r.ReadAt(h[:], pos); err != nil {
			return fmt.Errorf("%w: png: %v", ErrFormat, err)
		}
		n := int64(binary.BigEndian.Uint32(h[:4]))
		typ := string(h[4:8])
		if n > maxPNGChunk || pos+12+n > size {
			return fmt.Errorf("%w: png: chunk %q at %d claims %d bytes, past the end of the file", ErrFormat, typ, pos, n)
		}
		var c [4]byte
		if _, err := r.ReadAt(c[:], pos+8+n); err != nil {
			return fmt.Errorf("%w: png: %v", ErrFormat, err)
		}
		more, err := fn(pngChunk{typ: typ, off: pos + 8, n: n, crc: binary.BigEndian.Uint32(c[:])})
		if err != nil || !more || typ == "IEND" {
			return err
		}
		pos += 12 + n
	}
	return nil
}

// pngExtractor reads PNG text chunks, and the basics of GIF and WebP.
type pngExtractor struct{}

// NewPNG returns the extractor of PNG metadata: tEXt, zTXt and iTXt text
// (inflated within Limits.MaxRecordBytes), tIME, pHYs, IHDR and the eXIf
// chunk (decoded as EXIF). It also reads GIF comment extensions and
// screen size, and lists the chunks of WebP files with their canvas
// size. XMP packets in text chunks are left to NewXMP.
func NewPNG() Extractor { return pngExtractor{} }

// Name implements Extractor.
func (pngExtractor) Name() string { return "png" }

// Version implements Extractor.
func (pngExtractor) Version() string { return "1" }

// Accepts implements Extractor.
func (pngExtractor) Accepts(t identify.Type) bool {
	switch t.MIME {
	case "image/png", "image/gif", "image/webp":
		return true
	}
	return false
}

// Extract implements Extractor.
func (pngExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	var head [12]byte
	k, _ := in.R.ReadAt(head[:], 0)
	h := head[:k]
	switch {
	case bytes.HasPrefix(h, pngSignature):
		return extractPNG(ctx, in, lim)
	case bytes.HasPrefix(h, []byte("GIF87a")) || bytes.HasPrefix(h, []byte("GIF89a")):
		return extractGIF(ctx, in, lim)
	case len(h) == 12 && string(h[:4]) == "RIFF" && string(h[8:12]) == "WEBP":
		return extractWebP(ctx, in, lim)
	}
	return nil, fmt.Errorf("%w: png: not a PNG, GIF or WebP file", ErrFormat)
}

func extractPNG(ctx context.Context, in Input, lim Limits) (*Result, error) {
	res := &Result{}
	raw := map[string]any{}
	var exifMD *Metadata
	var textBytes int64
	records := 0
	warn := func(err error) {
		if len(res.Warnings) < 32 {
			res.Warnings = append(res.Warnings, err)
		}
	}
	err := walkPNG(ctx, in.R, in.Size, lim, func(c pngChunk) (bool, error) {
		switch c.typ {
		case "IHDR", "tEXt", "zTXt", "iTXt", "tIME", "pHYs":
		case "eXIf":
			rec, err := decodeEXIF(ctx, in.R, c.off, c.n, lim)
			if rec != nil {
				for _, w := range rec.warnings {
					warn(w)
				}
			}
			if err != nil {
				if !errors.Is(err, ErrNoRecord) {
					warn(err)
				}
			} else if exifMD == nil {
				raw["eXIf"] = rec.raw
				exifMD = &rec.md
			}
			return true, nil
		default:
			return true, nil
		}
		records++
		if records > lim.MaxRecords {
			return false, fmt.Errorf("%w: png: more than %d text chunks", ErrLimit, lim.MaxRecords)
		}
		if c.n > lim.MaxRecordBytes || textBytes+c.n > lim.MaxRecordBytes {
			warn(fmt.Errorf("%w: png: %s chunk of %d bytes skipped", ErrLimit, c.typ, c.n))
			return true, nil
		}
		textBytes += c.n
		data := make([]byte, c.n) // checked against MaxRecordBytes above
		if _, err := in.R.ReadAt(data, c.off); err != nil {
			return false, fmt.Errorf("%w: png: %v", ErrFormat, err)
		}
		crc := crc32.NewIEEE()
		crc.Write([]byte(c.typ))
		crc.Write(data)
		if crc.Sum32() != c.crc {
			warn(fmt.Errorf("%w: png: %s chunk at %d has a bad CRC", ErrFormat, c.typ, c.off-8))
		}
		switch c.typ {
		case "IHDR":
			if len(data) != 13 {
				warn(fmt.Errorf("%w: png: IHDR of %d bytes", ErrFormat, len(data)))
				return true, nil
			}
			raw["ImageWidth"] = int64(binary.BigEndian.Uint32(data))
			raw["ImageHeight"] = int64(binary.BigEndian.Uint32(data[4:]))
			raw["BitDepth"] = int64(data[8])
			raw["ColorType"] = int64(data[9])
			raw["Interlace"] = int64(data[12])
		case "tIME":
			if len(data) != 7 {
				warn(fmt.Errorf("%w: png: tIME of %d bytes", ErrFormat, len(data)))
				return true, nil
			}
			y := int(binary.BigEndian.Uint16(data))
			t := time.Date(y, time.Month(data[2]), int(data[3]), int(data[4]), int(data[5]), int(data[6]), 0, time.UTC)
			if data[2] < 1 || data[2] > 12 || data[3] < 1 || data[3] > 31 || data[4] > 23 || data[5] > 59 || data[6] > 60 {
				warn(fmt.Errorf("%w: png: tIME out of range", ErrFormat))
				return true, nil
			}
			raw["ModifyDate"] = FormatTime(t, true)
		case "pHYs":
			if len(data) != 9 {
				warn(fmt.Errorf("%w: png: pHYs of %d bytes", ErrFormat, len(data)))
				return true, nil
			}
			raw["PixelsPerUnitX"] = int64(binary.BigEndian.Uint32(data))
			raw["PixelsPerUnitY"] = int64(binary.BigEndian.Uint32(data[4:]))
			raw["PixelUnits"] = int64(data[8])
		default:
			key, text, err := pngText(c.typ, data, lim)
			if err != nil {
				warn(err)
			}
			if key == "" || key == xmpPNGKeyword {
				return true, nil
			}
			pngAddText(raw, key, imgCutRaw(text))
		}
		return true, nil
	})
	if err != nil {
		warn(err)
	}
	if len(raw) == 0 {
		if len(res.Warnings) > 0 {
			return res, fmt.Errorf("%w: png: nothing readable: %w", ErrFormat, errors.Join(res.Warnings...))
		}
		return res, nil
	}
	md := &res.Metadata
	first := func(key string) string {
		switch v := raw[key].(type) {
		case string:
			return strings.TrimSpace(v)
		case []string:
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	md.Software = first("Software")
	if a := first("Author"); a != "" {
		md.Authors = []string{a}
	}
	md.Title = first("Title")
	md.Organisation = copyrightHolder(first("Copyright"))
	if s := first("Creation Time"); s != "" {
		if t, zone, ok := pngParseTime(s); ok {
			md.Created = FormatTime(t, zone)
			if zone {
				md.TZOffset = FormatOffset(zoneOffset(t))
			}
		}
	}
	if s, ok := raw["ModifyDate"].(string); ok {
		md.Modified = s
	}
	if exifMD != nil {
		fillEmptyFields(md, exifMD)
	}
	md.Raw = raw
	return res, nil
}

// pngAddText adds a text chunk to raw; a repeated keyword makes a list.
func pngAddText(raw map[string]any, key, text string) {
	switch v := raw[key].(type) {
	case nil:
		raw[key] = text
	case string:
		raw[key] = []string{v, text}
	case []string:
		raw[key] = append(v, text)
	}
}

// pngText decodes a tEXt, zTXt or iTXt chunk into keyword and text.
func pngText(typ string, data []byte, lim Limits) (string, string, error) {
	i := bytes.IndexByte(data, 0)
	if i < 1 || i > 79 {
		return "", "", fmt.Errorf("%w: png: %s chunk without a keyword", ErrFormat, typ)
	}
	key, rest := pngLatin1(data[:i]), data[i+1:]
	switch typ {
	case "tEXt":
		return key, pngLatin1(rest), nil
	case "zTXt":
		if len(rest) < 1 || rest[0] != 0 {
			return key, "", fmt.Errorf("%w: png: zTXt %q with unknown compression", ErrFormat, key)
		}
		b, err := pngInflate(rest[1:], lim.MaxRecordBytes)
		if err != nil {
			return key, "", fmt.Errorf("png: zTXt %q: %w", key, err)
		}
		return key, pngLatin1(b), nil
	}
	// iTXt: compression flag and method, language tag, translated keyword.
	if len(rest) < 2 {
		return key, "", fmt.Errorf("%w: png: truncated iTXt %q", ErrFormat, key)
	}
	flag, method := rest[0], rest[1]
	rest = rest[2:]
	for range 2 {
		j := bytes.IndexByte(rest, 0)
		if j < 0 {
			return key, "", fmt.Errorf("%w: png: truncated iTXt %q", ErrFormat, key)
		}
		rest = rest[j+1:]
	}
	if flag == 1 {
		if method != 0 {
			return key, "", fmt.Errorf("%w: png: iTXt %q with unknown compression", ErrFormat, key)
		}
		b, err := pngInflate(rest, lim.MaxRecordBytes)
		if err != nil {
			return key, "", fmt.Errorf("png: iTXt %q: %w", key, err)
		}
		rest = b
	}
	return key, strings.ToValidUTF8(string(rest), "\uFFFD"), nil
}

// pngInflate inflates zlib data to at most limit bytes.
func pngInflate(data []byte, limit int64) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	defer zr.Close()
	var out bytes.Buffer
	n, err := io.Copy(&out, io.LimitReader(zr, limit+1))
	if n > limit {
		return nil, fmt.Errorf("%w: inflates beyond %d bytes", ErrLimit, limit)
	}
	if err != nil {
		return out.Bytes(), fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return out.Bytes(), nil
}

func pngLatin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// pngTimeLayouts are the forms "Creation Time" takes in practice: the
// RFC 1123 form the PNG specification suggests, ISO 8601, and EXIF's.
var pngTimeLayouts = []struct {
	layout string
	zone   bool
}{
	{time.RFC1123Z, true}, {time.RFC1123, true}, {"Mon, 2 Jan 2006 15:04:05 -0700", true},
	{"2 Jan 2006 15:04:05 -0700", true},
	{time.RFC3339Nano, true}, {"2006:01:02 15:04:05-07:00", true}, {"2006:01:02 15:04:05Z07:00", true},
	{"2006-01-02T15:04:05.999999999", false}, {"2006-01-02 15:04:05", false},
	{"2006:01:02 15:04:05", false}, {"2006-01-02", false},
}

// pngParseTime parses a free-form date; zone says whether the text
// fixed the offset. Named zones other than UTC/GMT count as unknown.
func pngParseTime(s string) (time.Time, bool, bool) {
	s = strings.TrimSpace(s)
	for _, l := range pngTimeLayouts {
		t, err := time.ParseInLocation(l.layout, s, time.UTC)
		if err != nil {
			continue
		}
		zone := l.zone
		if name, off := t.Zone(); zone && off == 0 && name != "" && name != "UTC" && name != "GMT" {
			zone = false // an abbreviation Go could not resolve
		}
		return t, zone, true
	}
	return time.Time{}, false, false
}
