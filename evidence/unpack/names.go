package unpack

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// maxNameBytes caps the stored name length we decode: longer names are
// cut. No file system accepts a path this long, and PAX headers could
// otherwise carry megabytes of name.
const maxNameBytes = 4096

// decodeName turns raw name bytes of unknown encoding into UTF-8 and says
// which encoding it chose. Archives made on Japanese Windows store names in
// CP932 without saying so; zip's own default is CP437. The choice is:
// pure ASCII; valid UTF-8; CP932 when it decodes cleanly to Japanese text;
// EUC-JP likewise; otherwise CP437, which maps every byte.
func decodeName(raw []byte) (string, string) {
	if len(raw) > maxNameBytes {
		raw = raw[:maxNameBytes]
	}
	if isASCII(raw) {
		return string(raw), "ascii"
	}
	if utf8.Valid(raw) {
		return string(raw), "utf-8"
	}
	if s, ok := decodeJapanese(japanese.ShiftJIS, raw); ok {
		return s, "cp932"
	}
	if s, ok := decodeJapanese(japanese.EUCJP, raw); ok {
		return s, "euc-jp"
	}
	s, _ := charmap.CodePage437.NewDecoder().Bytes(raw)
	return string(s), "cp437"
}

// decodeJapanese decodes raw with enc and accepts the result only when it
// has no replacement characters and at least one kana, kanji or full-width
// character: random high bytes of another code page rarely do both.
func decodeJapanese(enc encoding.Encoding, raw []byte) (string, bool) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", false
	}
	s := string(out)
	japaneseRunes := 0
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) ||
			(r >= 0xff00 && r <= 0xffef) || (r >= 0x3000 && r <= 0x303f) {
			japaneseRunes++
		}
	}
	return s, japaneseRunes > 0
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// zipName decodes a zip entry name: the Info-ZIP Unicode Path extra field
// (0x7075) wins when its CRC matches the stored name, then the UTF-8 flag,
// then detection.
func zipName(raw []byte, utf8Flag bool, extra []byte) (string, string) {
	if u, ok := unicodePathExtra(raw, extra); ok {
		return u, "utf-8"
	}
	if utf8Flag && utf8.Valid(raw) {
		if isASCII(raw) {
			return string(raw), "ascii"
		}
		return string(raw), "utf-8"
	}
	return decodeName(raw)
}

// unicodePathExtra returns the name from an Info-ZIP Unicode Path extra
// field whose CRC-32 matches raw.
func unicodePathExtra(raw, extra []byte) (string, bool) {
	field, ok := zipExtraField(extra, 0x7075)
	if !ok || len(field) < 5 || field[0] != 1 {
		return "", false
	}
	sum := uint32(field[1]) | uint32(field[2])<<8 | uint32(field[3])<<16 | uint32(field[4])<<24
	name := field[5:]
	if sum == crc32.ChecksumIEEE(raw) && utf8.Valid(name) && len(name) > 0 {
		return string(name), true
	}
	return "", false
}

// displayName replaces control characters (NUL included) with U+FFFD so
// a hostile name cannot forge lines in logs or terminals.
func displayName(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// CheckName reports, as an error wrapping ErrInsecurePath, why name would
// be unsafe as a relative path on any common system: empty, NUL or other
// control characters, absolute (/x, \x, C:\x, C:x, //server), or a ".."
// element with either slash. It returns nil for a safe name. Names are
// never used as paths by this package; this only flags hostile archives.
func CheckName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%w: empty name", ErrInsecurePath)
	case strings.ContainsRune(name, 0):
		return fmt.Errorf("%w: NUL in name %q", ErrInsecurePath, name)
	case strings.IndexFunc(name, isControl) >= 0:
		return fmt.Errorf("%w: control character in name %q", ErrInsecurePath, name)
	case name[0] == '/' || name[0] == '\\':
		return fmt.Errorf("%w: absolute name %q", ErrInsecurePath, name)
	case len(name) >= 2 && name[1] == ':' && isLetter(name[0]):
		return fmt.Errorf("%w: drive-letter name %q", ErrInsecurePath, name)
	}
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == ".." {
			return fmt.Errorf("%w: %q climbs out with ..", ErrInsecurePath, name)
		}
	}
	return nil
}

// checkLink reports whether a link target leaves the archive's root when
// resolved from the link's own directory.
func checkLink(name, target string) error {
	if target == "" {
		return nil
	}
	if target[0] == '/' || target[0] == '\\' || (len(target) >= 2 && target[1] == ':' && isLetter(target[0])) {
		return fmt.Errorf("%w: %q points to absolute %q", ErrInsecureLink, name, target)
	}
	depth := strings.Count(strings.Trim(strings.ReplaceAll(name, "\\", "/"), "/"), "/")
	for _, part := range strings.FieldsFunc(target, func(r rune) bool { return r == '/' || r == '\\' }) {
		switch part {
		case "..":
			depth--
			if depth < 0 {
				return fmt.Errorf("%w: %q points outside with %q", ErrInsecureLink, name, target)
			}
		case ".", "":
		default:
			depth++
		}
	}
	return nil
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
