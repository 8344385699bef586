package fingerprint

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form names are compared in: Unicode NFKC (so that
// full-width "Ｔｏｒａｙ" reads "Toray", half-width katakana reads as
// full-width, "㈱" reads "(株)"), lower case, with every run of white space
// collapsed to one space and no space at either end.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// latinCorporate lists the Western corporate designations that
// NormalizeName strips, written lower case without dots.
var latinCorporate = map[string]bool{
	"co": true, "company": true, "ltd": true, "limited": true,
	"inc": true, "incorporated": true, "corp": true, "corporation": true,
	"gmbh": true, "ag": true, "sa": true, "plc": true, "llc": true,
	"llp": true, "kk": true, "se": true, "nv": true, "bv": true,
	"spa": true, "pte": true, "pty": true, "sas": true, "sarl": true,
}

// japaneseCorporate lists the Japanese corporate designations that
// NormalizeName strips at either end of a name, after NFKC.
var japaneseCorporate = []string{
	"株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "(同)",
}

// NormalizeName returns the key under which an organisation name is
// matched: Fold, then corporate designations removed at either end
// (株式会社, (株), ㈱, 有限会社, 合同会社, Co., Ltd., Inc., Corp.,
// Corporation, Company, GmbH, AG, S.A., plc, LLC, K.K., SE, N.V., B.V. …)
// together with the commas and dots around them, and an initial "the".
// "Toray Industries, Inc.", "東レ株式会社" and "東レ㈱" give
// "toray industries", "東レ" and "東レ". A name that is nothing but a
// designation gives "".
func NormalizeName(s string) string {
	return strings.ToLower(stripCorporate(Fold(s)))
}

// stripCorporate removes corporate designations from both ends of s, which
// is in NFKC with single spaces; letter case is kept and ignored.
func stripCorporate(s string) string {
	for {
		before := s
		s = strings.Trim(s, " ,.・/")
		for _, w := range japaneseCorporate {
			if rest, ok := strings.CutPrefix(s, w); ok && strings.TrimSpace(rest) != "" {
				s = rest
			}
			if rest, ok := strings.CutSuffix(s, w); ok && strings.TrimSpace(rest) != "" {
				s = rest
			}
		}
		s = strings.Trim(s, " ,.・/")
		for _, w := range japaneseCorporate {
			if s == w {
				return ""
			}
		}
		// The last Latin token.
		if i := strings.LastIndexAny(s, " ,"); i > 0 {
			tok := strings.ToLower(strings.ReplaceAll(s[i+1:], ".", ""))
			if latinCorporate[tok] {
				s = s[:i]
			}
		}
		if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
			s = s[4:]
		}
		if s == before {
			return s
		}
	}
}

// isShortAcronym reports whether an alias as written is an upper-case
// acronym of at most four ASCII letters or digits ("NEC", "SAP", "IBM"):
// such aliases match only in upper case, because "sap" or "nec" in lower
// case are words or fragments far more often than names.
func isShortAcronym(s string) bool {
	if len(s) == 0 || len(s) > 4 {
		return false
	}
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return upper
}

// errDomain is wrapped by NormalizeDomain's errors.
var errDomain = errors.New("malformed domain")

// NormalizeDomain checks a domain written in a profile and returns it in
// canonical form: lower case, no trailing dot, internationalised labels in
// their ASCII (punycode) form. It refuses schemes, paths, ports, user
// names, wildcards, public suffixes ("co.jp") and names whose top-level
// domain is not in the public suffix list.
func NormalizeDomain(s string) (string, error) {
	d := strings.TrimSuffix(strings.TrimSpace(s), ".")
	switch {
	case d == "":
		return "", fmt.Errorf("%w: empty", errDomain)
	case strings.Contains(d, "://"):
		return "", fmt.Errorf("%w %q: a domain has no scheme", errDomain, s)
	case strings.ContainsAny(d, "/\\?#"):
		return "", fmt.Errorf("%w %q: a domain has no path", errDomain, s)
	case strings.Contains(d, ":"):
		return "", fmt.Errorf("%w %q: a domain has no port", errDomain, s)
	case strings.Contains(d, "@"):
		return "", fmt.Errorf("%w %q: a domain has no user name", errDomain, s)
	case strings.Contains(d, "*"):
		return "", fmt.Errorf("%w %q: no wildcards (subdomains are implied)", errDomain, s)
	}
	if !isASCII(d) {
		a, err := idna.Lookup.ToASCII(d)
		if err != nil {
			return "", fmt.Errorf("%w %q: %w", errDomain, s, err)
		}
		d = a
	}
	d = strings.ToLower(d)
	if !validHostname(d) || !strings.Contains(d, ".") {
		return "", fmt.Errorf("%w %q", errDomain, s)
	}
	ps, icann := publicsuffix.PublicSuffix(d)
	if !icann && !strings.Contains(ps, ".") {
		return "", fmt.Errorf("%w %q: unknown top-level domain %q", errDomain, s, ps)
	}
	if _, err := publicsuffix.EffectiveTLDPlusOne(d); err != nil {
		return "", fmt.Errorf("%w %q: a public suffix, not an organisation's domain", errDomain, s)
	}
	return d, nil
}

// RegistrableDomain returns the registrable domain of a host name (its
// public suffix plus one label: "mail.jp.fujitsu.com" → "fujitsu.com",
// "www.toray.co.jp" → "toray.co.jp"), and false when host has none (a
// single label, a public suffix, an unknown top-level domain).
func RegistrableDomain(host string) (string, bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if !strings.Contains(host, ".") {
		return "", false
	}
	ps, icann := publicsuffix.PublicSuffix(host)
	if !icann && !strings.Contains(ps, ".") {
		return "", false
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return "", false
	}
	return d, true
}

// validHostname reports whether h (lower case) is a syntactically valid
// host name: labels of 1 to 63 letters, digits, hyphens or underscores,
// not starting or ending with a hyphen, 253 bytes at most.
func validHostname(h string) bool {
	if len(h) == 0 || len(h) > 253 {
		return false
	}
	n := 0
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c == '.':
			if n == 0 || h[i-1] == '-' {
				return false
			}
			n = 0
			continue
		case c == '-':
			if n == 0 {
				return false
			}
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
		default:
			return false
		}
		n++
		if n > 63 {
			return false
		}
	}
	return n > 0 && h[len(h)-1] != '-'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Script classes that decide where a name may start and end.
type class uint8

const (
	clOther    class = iota // punctuation, symbols, space
	clWord                  // Latin and other alphabetic letters, digits
	clHan                   // kanji, 々
	clHiragana              // hiragana
	clKatakana              // katakana and the prolonged sound mark ー
	clHangul                // Hangul
)

// classOf returns the script class of r.
func classOf(r rune) class {
	if r < utf8.RuneSelf {
		if isAlnumByte[r] {
			return clWord
		}
		return clOther
	}
	switch {
	case r >= 0x3041 && r <= 0x309F:
		return clHiragana
	case r >= 0x30A1 && r <= 0x30FA, r >= 0x30FC && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF:
		return clKatakana
	case r == 0x3005, r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x3FFFF:
		return clHan
	case r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F:
		return clHangul
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.Is(unicode.Mn, r):
		return clWord
	}
	return clOther
}

// isAlnumByte marks ASCII letters and digits.
var isAlnumByte = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-32] = true
	}
	return t
}()
