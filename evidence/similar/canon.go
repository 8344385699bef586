package similar

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// canonicalNumbers rewrites the numbers and dates of s (already NFKC and
// case-folded) the one way Tokens sees them, so that the formats a
// spreadsheet applies when it saves a file again do not change the
// tokens:
//
//   - a date of year, month and day, as 2021-03-04, 2021/3/4, 04/03/2021
//     or 03.04.2021, becomes one token of eight digits: the year, then the
//     smaller and the larger of day and month (a day-first and a
//     month-first re-export of one date agree; 3 April and 4 March of
//     one year are then one token, a small loss);
//   - a number with thousands separators and a decimal part (1,234.50)
//     loses its separators;
//   - a decimal part loses its trailing zeros, and its point when nothing
//     is left (1234.50 → 1234.5, 1234.00 → 1234);
//   - a number of digits only loses its leading zeros (00123 → 123).
//
// A run of digits and the characters . , / - that fits none of these
// (an IP address, a phone number, a version) is left as it is; it is
// split into tokens as any text. In a comma-separated file, a field of
// up to three digits before a field such as 234.50 reads as one number
// (1,234.50), which a file with another separator does not: rare enough
// to accept.
func canonicalNumbers(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for i < len(s) {
		c := s[i]
		// A number starts at a digit after neither a letter nor a digit
		// (the digits of a word such as aa000 stay as they are).
		if !isDigit(c) || (i > 0 && wordBefore(s[:i])) {
			b.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(s) && (isDigit(s[j]) || strings.IndexByte(".,/-", s[j]) >= 0) {
			j++
		}
		for j > i && !isDigit(s[j-1]) {
			j--
		}
		// A run glued to a letter after it (1st, 3rd, 10kg) is a word.
		if j < len(s) && wordAfter(s[j:]) {
			for j < len(s) && wordAfter(s[j:]) {
				_, n := utf8.DecodeRuneInString(s[j:])
				j += n
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		b.WriteString(canonicalRun(s[i:j]))
		i = j
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// wordBefore reports whether s ends with a letter, a mark or a digit,
// which make a digit after it part of a word.
func wordBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isWordRune(r)
}

// wordAfter reports whether s starts with a letter, a mark or a digit.
func wordAfter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// canonicalRun rewrites one run of digits and . , / - (starting and
// ending with a digit) as canonicalNumbers says. A run that is not one
// number or date may be several, as the fields of a comma-separated
// line are (12,2021-03-04,1234.00): its pieces between commas are
// rewritten one by one, and a piece that is not one number or date
// either, piece by piece between / and -.
func canonicalRun(r string) string {
	return splitCanonical(r, ",", func(piece string) string {
		return splitCanonical(piece, "/-", func(p string) string { c, _ := canonicalOne(p); return c })
	})
}

// splitCanonical rewrites r with canonicalOne when it is one number or
// date; otherwise it cuts r at the bytes of seps and gives each piece to
// rest.
func splitCanonical(r, seps string, rest func(string) string) string {
	if c, ok := canonicalOne(r); ok {
		return c
	}
	var b strings.Builder
	for {
		k := strings.IndexAny(r, seps)
		if k < 0 {
			break
		}
		b.WriteString(rest(r[:k]))
		b.WriteByte(r[k])
		r = r[k+1:]
	}
	b.WriteString(rest(r))
	return b.String()
}

// canonicalOne rewrites r when it is one date or number, and reports
// whether it was.
func canonicalOne(r string) (string, bool) {
	if r == "" {
		return r, false
	}
	if d, ok := canonicalDate(r); ok {
		return d, true
	}
	if isDigits(r) {
		return trimZeros(r), true
	}
	intPart, frac, hasFrac := strings.Cut(r, ".")
	if !hasFrac || !isDigits(frac) {
		return r, false
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) == 0 || len(groups[0]) > 3 || !isDigits(groups[0]) {
			return r, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 || !isDigits(g) {
				return r, false
			}
		}
		intPart = strings.Join(groups, "")
	} else if !isDigits(intPart) {
		return r, false
	}
	intPart = trimZeros(intPart)
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return intPart, true
	}
	return intPart + "." + frac, true
}

// canonicalDate reads r as a year-first or year-last date with one kind
// of separator (- / .) and returns its token.
func canonicalDate(r string) (string, bool) {
	var sep byte
	for _, c := range []byte("-/.") {
		if strings.Count(r, string(c)) == 2 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return "", false
	}
	parts := strings.Split(r, string(sep))
	if len(parts) != 3 {
		return "", false
	}
	var y, a, b string
	switch {
	case len(parts[0]) == 4:
		y, a, b = parts[0], parts[1], parts[2]
	case len(parts[2]) == 4:
		y, a, b = parts[2], parts[0], parts[1]
	default:
		return "", false
	}
	yy, err1 := strconv.Atoi(y)
	x, err2 := strconv.Atoi(a)
	z, err3 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || err3 != nil || len(a) > 2 || len(b) > 2 ||
		yy < 1000 || x < 1 || z < 1 || x > 31 || z > 31 || (x > 12 && z > 12) {
		return "", false
	}
	return y + twoDigits(min(x, z)) + twoDigits(max(x, z)), true
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// trimZeros drops the leading zeros of a string of digits, keeping one
// digit at least.
func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}
