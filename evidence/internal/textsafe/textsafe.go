package textsafe

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Class is a set of kinds of hidden characters.
type Class uint8

// Kinds of hidden characters.
const (
	// Control is C0 and C1 control characters, DEL, and the line and
	// paragraph separators.
	Control Class = 1 << iota
	// Bidi is the bidirectional embeddings, overrides, isolates and marks.
	Bidi
	// Invisible is the other format characters and default-ignorable code
	// points: zero-width characters, byte order mark, soft hyphen, tags,
	// Hangul fillers.
	Invisible
	// InvalidUTF8 is bytes that are not UTF-8.
	InvalidUTF8
)

// String names the kinds in c for people: "bidi control, invisible
// character"; "" for none.
func (c Class) String() string {
	var parts []string
	for _, k := range []struct {
		c    Class
		name string
	}{{Control, "control character"}, {Bidi, "bidi control"}, {Invisible, "invisible character"}, {InvalidUTF8, "invalid UTF-8"}} {
		if c&k.c != 0 {
			parts = append(parts, k.name)
		}
	}
	return strings.Join(parts, ", ")
}

// Of returns the class of r, or 0 for a character shown as itself. Tab
// and newline are Control: Text keeps them, Line does not. Of never
// returns InvalidUTF8: a decoded rune is valid (utf8.RuneError stands for
// itself, the visible U+FFFD).
func Of(r rune) Class {
	switch {
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029':
		return Control
	case r < 0xa0:
		return 0
	case IsBidi(r):
		return Bidi
	case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r):
		return Invisible
	}
	return 0
}

// IsBidi reports whether r is a bidirectional control: an embedding,
// override or isolate (U+202A–U+202E, U+2066–U+2069), which reorders the
// text after it, or a mark (U+200E, U+200F, U+061C).
func IsBidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// IsMarkOrJoiner reports whether r is a bidi mark (U+200E, U+200F,
// U+061C) or a zero-width joiner or non-joiner (U+200C, U+200D): hidden
// characters that right-to-left and Indic scripts, Persian and emoji use
// in ordinary text. They are escaped like the others; a caller judging
// whether a name is crafted to deceive may let them pass.
func IsMarkOrJoiner(r rune) bool {
	return r == 0x200c || r == 0x200d || r == 0x200e || r == 0x200f || r == 0x061c
}

// Line returns s for a one-line field (a name, a metadata value, a
// problem's detail): every hidden character escaped, tab and newline
// included. It returns s itself when nothing needs escaping.
func Line(s string) string {
	return escape(s, mode{})
}

// Text returns s for a block of text shown over several lines (OCR or
// body text): as Line, but tab and newline are kept, and CR before LF.
func Text(s string) string {
	return escape(s, mode{text: true})
}

// mode says how to escape.
type mode struct {
	// text keeps tab, newline and CR before LF.
	text bool
	// keepLT leaves "<" as it is, when it may be the writer's own markup.
	keepLT bool
}

func escape(s string, m mode) string {
	i := firstEscape(s, m)
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/8+16)
	b = append(b, s[:i]...)
	b, _ = appendEscaped(b, s[i:], m)
	return string(b)
}

// Scan returns the kinds of hidden characters in s, by the rules of Line.
func Scan(s string) Class {
	var c Class
	for i := 0; i < len(s); {
		if b := s[i]; b >= 0x20 && b < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			c |= InvalidUTF8
		} else {
			c |= Of(r)
		}
		i += n
	}
	return c
}

// firstEscape returns the index of the first byte of s that escape would
// change, or -1.
func firstEscape(s string, m mode) int {
	for i := 0; i < len(s); {
		b := s[i]
		if b >= 0x20 && b < 0x7f {
			if b == '<' && !m.keepLT && EscapeLen(s[i:]) > 0 {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || Of(r) != 0 && !(m.text && kept(s, i)) {
			return i
		}
		i += n
	}
	return -1
}

// kept reports whether the control at s[i] stays as it is in a block of
// text: tab, newline, and CR before LF.
func kept(s string, i int) bool {
	switch s[i] {
	case '\t', '\n':
		return true
	case '\r':
		return i+1 < len(s) && s[i+1] == '\n'
	}
	return false
}

// appendEscaped appends s, escaped, to b, and returns the kinds of hidden
// characters escaped.
func appendEscaped(b []byte, s string, m mode) ([]byte, Class) {
	var seen Class
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			if c == '<' && !m.keepLT && EscapeLen(s[i:]) > 0 {
				b = append(b, "<U+003C>"...)
			} else {
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(append(append(b, "<0x"...), hexDigits[c>>4], hexDigits[c&15]), '>')
			seen |= InvalidUTF8
		case Of(r) != 0 && !(m.text && kept(s, i)):
			b = appendCodePoint(b, r)
			seen |= Of(r)
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b, seen
}

const hexDigits = "0123456789ABCDEF"

// appendCodePoint appends r as <U+XXXX>, with four to six digits.
func appendCodePoint(b []byte, r rune) []byte {
	b = append(b, "<U+"...)
	shift := 12
	for shift < 20 && r>>(shift+4) != 0 {
		shift += 4
	}
	for ; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[r>>shift&15])
	}
	return append(b, '>')
}

// EscapeLen returns the length of the escape at the start of s (<U+202E>,
// <0x9B>), or 0 when s does not start with one. It reads the form only:
// <U+D800> is an escape that Unescape refuses.
func EscapeLen(s string) int {
	switch {
	case strings.HasPrefix(s, "<U+"):
		n := hexRun(s[3:], 6)
		if n >= 4 && len(s) > 3+n && s[3+n] == '>' {
			return 4 + n
		}
	case strings.HasPrefix(s, "<0x"):
		if hexRun(s[3:], 2) == 2 && len(s) > 5 && s[5] == '>' {
			return 6
		}
	}
	return 0
}

// Split calls fn with each run of s, a string escaped by Line or Text, in
// order: plain text with esc false, and runs of adjacent escapes with esc
// true, so that an output can set the escapes apart (a code span in
// Markdown, a highlighted span in HTML).
func Split(s string, fn func(run string, esc bool)) {
	for s != "" {
		i := 0
		for i < len(s) && (s[i] != '<' || EscapeLen(s[i:]) == 0) {
			if j := strings.IndexByte(s[i+1:], '<'); j >= 0 {
				i += 1 + j
			} else {
				i = len(s)
			}
		}
		if i > 0 {
			fn(s[:i], false)
			s = s[i:]
		}
		n := 0
		for k := EscapeLen(s); k > 0; k = EscapeLen(s[n:]) {
			n += k
		}
		if n > 0 {
			fn(s[:n], true)
			s = s[n:]
		}
	}
}

// hexRun returns how many of the first max bytes of s are upper-case hex
// digits.
func hexRun(s string, max int) int {
	n := 0
	for n < len(s) && n < max && (s[n] >= '0' && s[n] <= '9' || s[n] >= 'A' && s[n] <= 'F') {
		n++
	}
	return n
}

// ErrEscape is returned by Unescape for an escape that Line and Text never
// write: a surrogate or a code point past U+10FFFF.
var ErrEscape = errors.New("textsafe: invalid escape")

// Unescape gives back the text that Line or Text escaped:
// Unescape(Line(s)) == s for every s.
func Unescape(s string) (string, error) {
	if !strings.Contains(s, "<") {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		n := 0
		if s[i] == '<' {
			n = EscapeLen(s[i:])
		}
		if n == 0 {
			b = append(b, s[i])
			i++
			continue
		}
		v, _ := strconv.ParseUint(s[i+3:i+n-1], 16, 32)
		switch {
		case s[i+1] == '0':
			b = append(b, byte(v))
		case v > unicode.MaxRune || v >= 0xd800 && v < 0xe000:
			return "", fmt.Errorf("%w: %s", ErrEscape, s[i:i+n])
		default:
			b = utf8.AppendRune(b, rune(v))
		}
		i += n
	}
	return string(b), nil
}

// Name returns how a report names r: "U+202E RIGHT-TO-LEFT OVERRIDE" for
// the characters most used to disguise a name, "U+E0041" for others.
func Name(r rune) string {
	var n string
	switch r {
	case 0x00ad:
		n = "SOFT HYPHEN"
	case 0x061c:
		n = "ARABIC LETTER MARK"
	case 0x180e:
		n = "MONGOLIAN VOWEL SEPARATOR"
	case 0x200b:
		n = "ZERO WIDTH SPACE"
	case 0x200c:
		n = "ZERO WIDTH NON-JOINER"
	case 0x200d:
		n = "ZERO WIDTH JOINER"
	case 0x200e:
		n = "LEFT-TO-RIGHT MARK"
	case 0x200f:
		n = "RIGHT-TO-LEFT MARK"
	case 0x2028:
		n = "LINE SEPARATOR"
	case 0x2029:
		n = "PARAGRAPH SEPARATOR"
	case 0x202a:
		n = "LEFT-TO-RIGHT EMBEDDING"
	case 0x202b:
		n = "RIGHT-TO-LEFT EMBEDDING"
	case 0x202c:
		n = "POP DIRECTIONAL FORMATTING"
	case 0x202d:
		n = "LEFT-TO-RIGHT OVERRIDE"
	case 0x202e:
		n = "RIGHT-TO-LEFT OVERRIDE"
	case 0x2060:
		n = "WORD JOINER"
	case 0x2066:
		n = "LEFT-TO-RIGHT ISOLATE"
	case 0x2067:
		n = "RIGHT-TO-LEFT ISOLATE"
	case 0x2068:
		n = "FIRST STRONG ISOLATE"
	case 0x2069:
		n = "POP DIRECTIONAL ISOLATE"
	case 0x3164:
		n = "HANGUL FILLER"
	case 0xfeff:
		n = "ZERO WIDTH NO-BREAK SPACE"
	case 0x1b:
		n = "ESCAPE"
	case 0x9b:
		n = "CONTROL SEQUENCE INTRODUCER"
	}
	if n == "" {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X %s", r, n)
}
