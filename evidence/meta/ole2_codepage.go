package meta

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// oleCodePages maps Windows code page numbers to their decoders. 1200
// (UTF-16LE), 1201 (UTF-16BE) and 65001 (UTF-8) are handled apart.
var oleCodePages = map[int]encoding.Encoding{
	437: charmap.CodePage437, 850: charmap.CodePage850, 852: charmap.CodePage852,
	855: charmap.CodePage855, 858: charmap.CodePage858, 860: charmap.CodePage860,
	862: charmap.CodePage862, 863: charmap.CodePage863, 865: charmap.CodePage865,
	866: charmap.CodePage866, 874: charmap.Windows874,
	932: japanese.ShiftJIS, 936: simplifiedchinese.GBK, 949: korean.EUCKR,
	950:  traditionalchinese.Big5,
	1250: charmap.Windows1250, 1251: charmap.Windows1251, 1252: charmap.Windows1252,
	1253: charmap.Windows1253, 1254: charmap.Windows1254, 1255: charmap.Windows1255,
	1256: charmap.Windows1256, 1257: charmap.Windows1257, 1258: charmap.Windows1258,
	10000: charmap.Macintosh, 10007: charmap.MacintoshCyrillic,
	// Office for Mac writes its East Asian code pages; each is the
	// Windows one of its script with a few Apple symbols more.
	10001: japanese.ShiftJIS, 10002: traditionalchinese.Big5,
	10003: korean.EUCKR, 10008: simplifiedchinese.GBK,
	20127: charmap.Windows1252, // US-ASCII; 1252 is a superset
	20866: charmap.KOI8R, 21866: charmap.KOI8U,
	20932: japanese.EUCJP, 51932: japanese.EUCJP,
	28591: charmap.ISO8859_1, 28592: charmap.ISO8859_2, 28593: charmap.ISO8859_3,
	28594: charmap.ISO8859_4, 28595: charmap.ISO8859_5, 28596: charmap.ISO8859_6,
	28597: charmap.ISO8859_7, 28598: charmap.ISO8859_8, 28599: charmap.ISO8859_9,
	28603: charmap.ISO8859_13, 28605: charmap.ISO8859_15,
	50220: japanese.ISO2022JP, 50221: japanese.ISO2022JP, 50222: japanese.ISO2022JP,
	51949: korean.EUCKR, 52936: simplifiedchinese.HZGB2312, 54936: simplifiedchinese.GB18030,
}

// oleKnownCodePage reports whether oleDecodeCodePage knows cp.
func oleKnownCodePage(cp int) bool {
	_, ok := oleCodePages[cp]
	return ok || cp == 1200 || cp == 1201 || cp == 65001
}

// oleDecodeCodePage decodes b from Windows code page cp to UTF-8, cut at
// the first NUL. An unknown or missing code page reads valid UTF-8 as is
// and anything else as windows-1252. The result is always valid UTF-8.
func oleDecodeCodePage(cp int, b []byte) string {
	var s string
	switch cp {
	case 1200, 1201:
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			var c uint16
			if cp == 1200 {
				c = binary.LittleEndian.Uint16(b[i:])
			} else {
				c = binary.BigEndian.Uint16(b[i:])
			}
			if c == 0 {
				break
			}
			u = append(u, c)
		}
		return string(utf16.Decode(u))
	case 65001:
		s = string(b)
	default:
		if i := bytes.IndexByte(b, 0); i >= 0 {
			b = b[:i]
		}
		enc, ok := oleCodePages[cp]
		if !ok {
			if utf8.Valid(b) {
				return string(b)
			}
			enc = charmap.Windows1252
		}
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			out = b
		}
		s = string(out)
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
