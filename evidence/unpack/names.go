package unpack

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// MaxNameBytes is the longest entry name, or link target, an Entry
// carries: no file system accepts a path this long, and tar PAX headers
// could otherwise carry a megabyte of name into every line of a report.
// A longer name is cut to its first MaxNameBytes bytes of UTF-8, at a
// character boundary, and said so: the Entry's Problems hold a
// *LimitError (LimitNameBytes) and NameSHA256 the SHA-256 of the whole
// stored name, by which the entry can still be told apart and found in a
// listing of the archive.
const MaxNameBytes = 4096

// decodeName turns raw name bytes of unknown encoding into UTF-8 and says
// which encoding it chose. Archives made on Japanese Windows store names in
// CP932 without saying so; zip's own default is CP437. The choice is:
// pure ASCII; valid UTF-8; CP932 when it decodes cleanly to Japanese text;
// EUC-JP likewise; otherwise CP437, which maps every byte.
//
// The encoding is chosen on the whole name, but only its first
// MaxNameBytes bytes are decoded (never splitting a character), so the
// result is at most three times that long whatever the header holds; the
// walk then cuts it to MaxNameBytes and reports the cut (capNames).
func decodeName(raw []byte) (string, string) {
	head, more := raw, false
	if len(raw) > MaxNameBytes {
		head, more = raw[:MaxNameBytes], true
	}
	if isASCII(raw) {
		return string(head), "ascii"
	}
	if utf8.Valid(raw) {
		return string(head[:utf8Boundary(head)]), "utf-8"
	}
	if s, ok := decodeJapanese(japanese.ShiftJIS, head, more); ok {
		return s, "cp932"
	}
	if s, ok := decodeJapanese(japanese.EUCJP, head, more); ok {
		return s, "euc-jp"
	}
	s, _ := charmap.CodePage437.NewDecoder().Bytes(head)
	return string(s), "cp437"
}

// utf8Boundary returns the length of the longest prefix of b that does not
// end inside a UTF-8 sequence.
func utf8Boundary(b []byte) int {
	for n := len(b); n > 0 && len(b)-n < utf8.UTFMax; n-- {
		if utf8.RuneStart(b[n-1]) {
			if utf8.FullRune(b[n-1:]) {
				return len(b)
			}
			return n - 1
		}
	}
	return len(b)
}

// cutName returns s cut to at most max bytes at a character boundary.
func cutName(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := max
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// decodeJapanese decodes raw with enc and accepts the result only when it
// has no replacement characters and at least one kana, kanji or full-width
// character: random high bytes of another code page rarely do both. With
// more, raw is the head of a longer name: a character it ends inside of is
// left out rather than taken for an error.
func decodeJapanese(enc encoding.Encoding, raw []byte, more bool) (string, bool) {
	// A byte decodes to at most three of UTF-8 (half-width katakana,
	// U+FFFD).
	out := make([]byte, 3*len(raw)+utf8.UTFMax)
	n, _, err := enc.NewDecoder().Transform(out, raw, !more)
	if (err != nil && !(more && err == transform.ErrShortSrc)) || bytes.ContainsRune(out[:n], utf8.RuneError) {
		return "", false
	}
	s := string(out[:n])
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

// capNames cuts an entry's name and link target to MaxNameBytes and
// reports each cut with a *LimitError (LimitNameBytes) in e.Problems; a
// cut name also gets NameSHA256, the SHA-256 of the whole name as stored
// (RawName). It then sets e.Path under parent. A name longer than
// MaxNameBytes in its header is checked whole with CheckName, since
// decodeName decoded only its head.
func capNames(e *Entry, parent string) {
	if len(e.Name) > MaxNameBytes || len(e.RawName) > MaxNameBytes {
		stored := e.RawName
		if len(stored) == 0 {
			stored = []byte(e.Name)
		}
		sum := sha256.Sum256(stored)
		e.NameSHA256 = hex.EncodeToString(sum[:])
		e.Name = cutName(e.Name, MaxNameBytes)
		e.Path = parent + PathSeparator + e.Name
		le := &LimitError{Limit: LimitNameBytes, Value: int64(len(stored)), Max: MaxNameBytes, Path: e.Path}
		e.Problems = append(e.Problems, fmt.Errorf("%w: the name of %d bytes is cut to its first %d; the SHA-256 of the whole name is %s",
			le, len(stored), len(e.Name), e.NameSHA256))
		if len(e.RawName) > MaxNameBytes && !hasProblem(e.Problems, ErrInsecurePath) {
			if err := CheckName(fullName(e.RawName, e.NameEncoding)); err != nil {
				// The message quotes the whole name: keep its head.
				why := strings.TrimPrefix(err.Error(), ErrInsecurePath.Error()+": ")
				if len(why) > MaxNameBytes {
					why = cutName(why, MaxNameBytes) + "…"
				}
				e.Problems = append(e.Problems, fmt.Errorf("%w: %s", ErrInsecurePath, why))
			}
		}
	} else {
		e.Path = parent + PathSeparator + e.Name
	}
	if len(e.LinkTarget) > MaxNameBytes {
		n := len(e.LinkTarget)
		sum := sha256.Sum256([]byte(e.LinkTarget))
		e.LinkTarget = cutName(e.LinkTarget, MaxNameBytes)
		le := &LimitError{Limit: LimitNameBytes, Value: int64(n), Max: MaxNameBytes, Path: e.Path}
		e.Problems = append(e.Problems, fmt.Errorf("%w: the link target of %d bytes is cut to its first %d; the SHA-256 of the whole target is %x",
			le, n, len(e.LinkTarget), sum))
	}
}

// fullName decodes a whole stored name in the encoding decodeName chose
// for its head.
func fullName(raw []byte, enc string) string {
	var e encoding.Encoding
	switch enc {
	case "cp932":
		e = japanese.ShiftJIS
	case "euc-jp":
		e = japanese.EUCJP
	case "cp437":
		e = charmap.CodePage437
	default:
		return string(raw)
	}
	s, _ := e.NewDecoder().Bytes(raw)
	return string(s)
}

func hasProblem(ps []error, target error) bool {
	for _, p := range ps {
		if errors.Is(p, target) {
			return true
		}
	}
	return false
}
