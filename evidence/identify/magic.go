package identify

import (
	"bytes"
	"encoding/binary"
	"strconv"
)

// Types this package's own signatures return.
var (
	typePNG   = Type{MIME: "image/png", Ext: "png", Kind: KindImage, By: ByMagic}
	typeJPEG  = Type{MIME: "image/jpeg", Ext: "jpg", Kind: KindImage, By: ByMagic}
	typeGIF   = Type{MIME: "image/gif", Ext: "gif", Kind: KindImage, By: ByMagic}
	typeWebP  = Type{MIME: "image/webp", Ext: "webp", Kind: KindImage, By: ByMagic}
	typeTIFF  = Type{MIME: "image/tiff", Ext: "tif", Kind: KindImage, By: ByMagic}
	typeCR2   = Type{MIME: "image/x-canon-cr2", Ext: "cr2", Kind: KindImage, By: ByMagic}
	typeCR3   = Type{MIME: "image/x-canon-cr3", Ext: "cr3", Kind: KindImage, By: ByMagic}
	typeRW2   = Type{MIME: "image/x-panasonic-rw2", Ext: "rw2", Kind: KindImage, By: ByMagic}
	typeORF   = Type{MIME: "image/x-olympus-orf", Ext: "orf", Kind: KindImage, By: ByMagic}
	typeRAF   = Type{MIME: "image/x-fujifilm-raf", Ext: "raf", Kind: KindImage, By: ByMagic}
	typeMRW   = Type{MIME: "image/x-minolta-mrw", Ext: "mrw", Kind: KindImage, By: ByMagic}
	typeX3F   = Type{MIME: "image/x-sigma-x3f", Ext: "x3f", Kind: KindImage, By: ByMagic}
	typePSD   = Type{MIME: "image/vnd.adobe.photoshop", Ext: "psd", Kind: KindImage, By: ByMagic}
	typeJXR   = Type{MIME: "image/vnd.ms-photo", Ext: "jxr", Kind: KindImage, By: ByMagic}
	typeJP2   = Type{MIME: "image/jp2", Ext: "jp2", Kind: KindImage, By: ByMagic}
	typeJXL   = Type{MIME: "image/jxl", Ext: "jxl", Kind: KindImage, By: ByMagic}
	typeEXV   = Type{MIME: "image/x-exv", Ext: "exv", Kind: KindImage, By: ByMagic}
	typeEXIF  = Type{MIME: "image/x-exif", Ext: "exif", Kind: KindImage, By: ByMagic}
	typeXCF   = Type{MIME: "image/x-xcf", Ext: "xcf", Kind: KindImage, By: ByMagic}
	typeDjVu  = Type{MIME: "image/vnd.djvu", Ext: "djvu", Kind: KindImage, By: ByMagic}
	typeMIFF  = Type{MIME: "image/x-miff", Ext: "miff", Kind: KindImage, By: ByMagic}
	typeEPS   = Type{MIME: "application/postscript", Ext: "eps", Kind: KindOther, By: ByMagic}
	typeINDD  = Type{MIME: "application/x-indesign", Ext: "indd", Kind: KindDocument, By: ByMagic}
	typePGF   = Type{MIME: "image/pgf", Ext: "pgf", Kind: KindImage, By: ByMagic}
	typeBMP   = Type{MIME: "image/bmp", Ext: "bmp", Kind: KindImage, By: ByMagic}
	typeICO   = Type{MIME: "image/vnd.microsoft.icon", Ext: "ico", Kind: KindImage, By: ByMagic}
	typeCUR   = Type{MIME: "image/x-win-bitmap", Ext: "cur", Kind: KindImage, By: ByMagic}
	typeHEIC  = Type{MIME: "image/heic", Ext: "heic", Kind: KindImage, By: ByMagic}
	typeHEIF  = Type{MIME: "image/heif", Ext: "heif", Kind: KindImage, By: ByMagic}
	typeAVIF  = Type{MIME: "image/avif", Ext: "avif", Kind: KindImage, By: ByMagic}
	typePDF   = Type{MIME: "application/pdf", Ext: "pdf", Kind: KindPDF, By: ByMagic}
	typeRTF   = Type{MIME: "application/rtf", Ext: "rtf", Kind: KindDocument, By: ByMagic}
	typeZip   = Type{MIME: MIMEZip, Ext: "zip", Kind: KindArchive, By: ByMagic}
	typeOLE2  = Type{MIME: MIMEOLE2, Kind: KindOther, By: ByMagic}
	typeTar   = Type{MIME: "application/x-tar", Ext: "tar", Kind: KindArchive, By: ByMagic}
	typeGzip  = Type{MIME: "application/gzip", Ext: "gz", Kind: KindArchive, By: ByMagic}
	typeBzip2 = Type{MIME: "application/x-bzip2", Ext: "bz2", Kind: KindArchive, By: ByMagic}
	typeXz    = Type{MIME: "application/x-xz", Ext: "xz", Kind: KindArchive, By: ByMagic}
	typeZstd  = Type{MIME: "application/zstd", Ext: "zst", Kind: KindArchive, By: ByMagic}
	type7z    = Type{MIME: "application/x-7z-compressed", Ext: "7z", Kind: KindArchive, By: ByMagic}
	typeRar   = Type{MIME: "application/vnd.rar", Ext: "rar", Kind: KindArchive, By: ByMagic}
)

var (
	sigINDD    = []byte{0x06, 0x06, 0xED, 0xF5, 0xD8, 0x1D, 0x46, 0xE5, 0xBD, 0x31, 0xEF, 0xE7, 0xFE, 0x74, 0xB7, 0x1D}
	sigPNG     = []byte("\x89PNG\r\n\x1a\n")
	sigOLE2    = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	sig7z      = []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}
	sigXz      = []byte{0xFD, '7', 'z', 'X', 'Z', 0x00}
	sigRar4    = []byte("Rar!\x1a\x07\x00")
	sigRar5    = []byte("Rar!\x1a\x07\x01\x00")
	sigZstd    = []byte{0x28, 0xB5, 0x2F, 0xFD}
	sigBzBlock = []byte{0x31, 0x41, 0x59, 0x26, 0x53, 0x59} // pi: first block
	sigBzEnd   = []byte{0x17, 0x72, 0x45, 0x38, 0x50, 0x90} // sqrt(pi): end of stream
)

// magicCheck is one signature of this package's own, tried in order.
type magicCheck struct {
	match func([]byte) bool
	typ   Type
}

// magicChecks is ordered: strong, long signatures first.
var magicChecks = []magicCheck{
	{func(b []byte) bool { return bytes.HasPrefix(b, sigPNG) }, typePNG},
	{func(b []byte) bool { return len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF }, typeJPEG},
	{func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
	}, typeGIF},
	{isWebP, typeWebP},
	{isCR2, typeCR2},
	{isTIFF, typeTIFF},
	// Camera raw formats built on TIFF with a magic number of their own,
	// and the others this package names because their metadata is read.
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("IIU\x00")) }, typeRW2},
	{func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("IIRO")) || bytes.HasPrefix(b, []byte("IIRS")) || bytes.HasPrefix(b, []byte("MMOR"))
	}, typeORF},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("FUJIFILMCCD-RAW ")) }, typeRAF},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x00MRM")) }, typeMRW},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("FOVb")) }, typeX3F},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("II\xbc\x01")) }, typeJXR},
	// "8BPS" and version 1 (PSD) or 2 (PSB), before text detection: the
	// header of a PSD can be clean text for the whole prefix.
	{func(b []byte) bool {
		return len(b) >= 6 && string(b[:4]) == "8BPS" && b[4] == 0 && (b[5] == 1 || b[5] == 2)
	}, typePSD},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x00\x00\x00\x0cjP  \r\n\x87\n")) }, typeJP2},
	{func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("\x00\x00\x00\x0cJXL \r\n\x87\n")) || bytes.HasPrefix(b, []byte{0xff, 0x0a})
	}, typeJXL},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("\xff\x01Exiv2")) }, typeEXV},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("Exif\x00\x00")) && isTIFF(b[6:]) }, typeEXIF},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("gimp xcf ")) }, typeXCF},
	{isDjVu, typeDjVu},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte("id=ImageMagick")) }, typeMIFF},
	{isEPS, typeEPS},
	{func(b []byte) bool { return bytes.HasPrefix(b, sigINDD) }, typeINDD},
	{func(b []byte) bool { return len(b) >= 8 && string(b[:3]) == "PGF" && b[3] >= '1' && b[3] <= '9' }, typePGF},
	{isPDF, typePDF},
	{func(b []byte) bool { return bytes.HasPrefix(b, sigOLE2) }, typeOLE2},
	{isZip, typeZip},
	{func(b []byte) bool { return bytes.HasPrefix(b, sig7z) }, type7z},
	{func(b []byte) bool { return bytes.HasPrefix(b, sigRar4) || bytes.HasPrefix(b, sigRar5) }, typeRar},
	{func(b []byte) bool { return bytes.HasPrefix(b, sigXz) }, typeXz},
	{isBzip2, typeBzip2},
	{func(b []byte) bool { return len(b) >= 3 && b[0] == 0x1F && b[1] == 0x8B && b[2] == 0x08 }, typeGzip},
	{isZstd, typeZstd},
	{isTar, typeTar},
	{func(b []byte) bool { return bytes.HasPrefix(b, []byte(`{\rtf`)) }, typeRTF},
	{isBMP, typeBMP},
	{func(b []byte) bool { return isIconDir(b, 1) }, typeICO},
	{func(b []byte) bool { return isIconDir(b, 2) }, typeCUR},
}

// detectMagic tries this package's own signatures, then the ISO base media
// brands that name images.
func detectMagic(b []byte) (Type, bool) {
	for _, c := range magicChecks {
		if c.match(b) {
			t := c.typ
			if t.MIME == MIMEZip {
				t = guessZip(b)
			}
			return t, true
		}
	}
	if t, ok := detectISOBMFF(b); ok {
		return t, true
	}
	return Type{}, false
}

func isWebP(b []byte) bool {
	return len(b) >= 16 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP" &&
		(string(b[12:16]) == "VP8 " || string(b[12:16]) == "VP8L" || string(b[12:16]) == "VP8X")
}

func tiffOrder(b []byte) binary.ByteOrder {
	switch {
	case len(b) >= 8 && b[0] == 'I' && b[1] == 'I' && (b[2] == 42 || b[2] == 43) && b[3] == 0:
		return binary.LittleEndian
	case len(b) >= 8 && b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43):
		return binary.BigEndian
	}
	return nil
}

func isTIFF(b []byte) bool { return tiffOrder(b) != nil }

func isCR2(b []byte) bool {
	return tiffOrder(b) != nil && len(b) >= 11 && b[8] == 'C' && b[9] == 'R' && b[10] == 2
}

// isDjVu accepts an IFF85 file of DjVu forms: "AT&TFORM", a length, and
// DJVU (one page), DJVM (a document) or DJVI (shared data).
func isDjVu(b []byte) bool {
	if len(b) < 16 || string(b[:8]) != "AT&TFORM" {
		return false
	}
	switch string(b[12:16]) {
	case "DJVU", "DJVM", "DJVI":
		return true
	}
	return false
}

// isEPS accepts Encapsulated PostScript: the DSC header with its EPSF
// version, or the binary header of DOS EPS (a PostScript section and
// a TIFF or WMF preview).
func isEPS(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xC5, 0xD0, 0xD3, 0xC6}) {
		return len(b) >= 30
	}
	if !bytes.HasPrefix(b, []byte("%!PS-Adobe-")) {
		return false
	}
	line := b[:min(len(b), 64)]
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	return bytes.Contains(line, []byte(" EPSF-"))
}

// isPDF accepts "%PDF-" at the start, after an optional UTF-8 BOM and
// white space, as PDF readers do.
func isPDF(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	b = bytes.TrimLeft(b, " \t\r\n\f\x00")
	return bytes.HasPrefix(b, []byte("%PDF-"))
}

// isZip accepts a local file header, an empty archive (end of central
// directory first) and the spanned-archive marker followed by a local file
// header.
func isZip(b []byte) bool {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return true
	case bytes.HasPrefix(b, []byte("PK\x05\x06")):
		return len(b) >= 22
	case bytes.HasPrefix(b, []byte("PK\x07\x08")), bytes.HasPrefix(b, []byte("PK00")):
		return len(b) >= 8 && string(b[4:8]) == "PK\x03\x04"
	}
	return false
}

// isBzip2 checks the stream header and the first block (or end-of-stream)
// magic, so that text starting with "BZh" is not taken for bzip2.
func isBzip2(b []byte) bool {
	if len(b) < 10 || b[0] != 'B' || b[1] != 'Z' || b[2] != 'h' || b[3] < '1' || b[3] > '9' {
		return false
	}
	return bytes.Equal(b[4:10], sigBzBlock) || bytes.Equal(b[4:10], sigBzEnd)
}

// isZstd accepts a Zstandard frame, possibly after skippable frames.
func isZstd(b []byte) bool {
	for i := 0; i < 16; i++ { // bounded: a prefix holds few skippable frames
		if bytes.HasPrefix(b, sigZstd) {
			return true
		}
		if len(b) < 8 || binary.LittleEndian.Uint32(b)&0xFFFFFFF0 != 0x184D2A50 {
			return false
		}
		n := uint64(binary.LittleEndian.Uint32(b[4:8]))
		if n > uint64(len(b)-8) {
			// The frame runs past the prefix: a skippable frame at the
			// very start is distinctive enough.
			return true
		}
		b = b[8+n:]
	}
	return false
}

// isTar accepts a POSIX or GNU header ("ustar" at 257) and old V7 headers,
// which carry no magic and are recognised by their checksum.
func isTar(b []byte) bool {
	if len(b) < 512 {
		return false
	}
	h := b[:512]
	if string(h[257:262]) == "ustar" {
		return true
	}
	if h[0] == 0 { // V7: a name is required
		return false
	}
	want, ok := parseOctal(h[148:156])
	if !ok {
		return false
	}
	var unsigned, signed int64
	for i, c := range h {
		if i >= 148 && i < 156 {
			c = ' '
		}
		unsigned += int64(c)
		signed += int64(int8(c))
	}
	if want != unsigned && want != signed {
		return false
	}
	// A few more fields must be octal numbers, as in every real header.
	for _, f := range [][2]int{{100, 108}, {124, 136}, {136, 148}} {
		if _, ok := parseOctal(h[f[0]:f[1]]); !ok {
			return false
		}
	}
	return true
}

// parseOctal reads a tar numeric field: octal digits with optional leading
// spaces, ended by NUL or space.
func parseOctal(f []byte) (int64, bool) {
	f = bytes.TrimLeft(f, " ")
	if i := bytes.IndexAny(f, "\x00 "); i >= 0 {
		f = f[:i]
	}
	if len(f) == 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(string(f), 8, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// isBMP checks more than "BM": the reserved fields are zero and the
// information header has a known size.
func isBMP(b []byte) bool {
	if len(b) < 18 || b[0] != 'B' || b[1] != 'M' {
		return false
	}
	if binary.LittleEndian.Uint32(b[6:10]) != 0 {
		return false
	}
	switch binary.LittleEndian.Uint32(b[14:18]) {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// isIconDir checks an ICO (kind 1) or CUR (kind 2) directory: a plausible
// image count and a first entry with sane reserved, size and offset fields.
func isIconDir(b []byte, kind uint16) bool {
	if len(b) < 22 || binary.LittleEndian.Uint16(b[0:2]) != 0 || binary.LittleEndian.Uint16(b[2:4]) != kind {
		return false
	}
	n := binary.LittleEndian.Uint16(b[4:6])
	if n == 0 || n > 256 {
		return false
	}
	e := b[6:22]
	if e[3] != 0 && e[3] != 0xFF { // reserved byte
		return false
	}
	size := binary.LittleEndian.Uint32(e[8:12])
	off := binary.LittleEndian.Uint32(e[12:16])
	return size > 0 && off >= 6+16*uint32(n)
}

// detectISOBMFF recognises HEIC, HEIF and AVIF images from the ftyp box.
// h2non/filetype knows only "heic" brands and not AVIF.
func detectISOBMFF(b []byte) (Type, bool) {
	if len(b) < 16 || string(b[4:8]) != "ftyp" {
		return Type{}, false
	}
	size := int(binary.BigEndian.Uint32(b[0:4]))
	if size < 16 || size > len(b) {
		size = min(len(b), 256)
	}
	brands := []string{string(b[8:12])}
	for i := 16; i+4 <= size; i += 4 {
		brands = append(brands, string(b[i:i+4]))
	}
	var avif, heic, heif bool
	for _, br := range brands {
		switch br {
		case "crx ":
			return typeCR3, true
		case "avif", "avis":
			avif = true
		case "heic", "heix", "heim", "heis", "hevc", "hevx":
			heic = true
		case "mif1", "msf1":
			heif = true
		}
	}
	switch {
	case avif && brands[0] != "heic" && brands[0] != "heix":
		return typeAVIF, true
	case heic:
		return typeHEIC, true
	case avif:
		return typeAVIF, true
	case heif:
		return typeHEIF, true
	}
	return Type{}, false
}
