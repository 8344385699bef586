package ocreval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in the form CER compares: Unicode NFKC (full-width
// letters and digits become ASCII, half-width katakana become full-width),
// every run of white space (including newlines) replaced by one space, and
// the ends trimmed.
func Normalize(s string) string {
	return collapseSpace(norm.NFKC.String(s))
}

// collapseSpace replaces white-space runs by one space and trims.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// CER returns the character error rate of got against truth: the
// Levenshtein distance between the two normalised texts (see Normalize),
// counted in runes, divided by the number of runes of the normalised truth.
// It is 0 for a perfect read and may exceed 1 when got is much longer than
// truth. An empty truth gives 0 when got is empty too, else 1.
func CER(truth, got string) float64 {
	t := []rune(Normalize(truth))
	g := []rune(Normalize(got))
	if len(t) == 0 {
		if len(g) == 0 {
			return 0
		}
		return 1
	}
	return float64(Distance(t, g)) / float64(len(t))
}

// Distance returns the Levenshtein distance between a and b (insertions,
// deletions and substitutions all cost 1). It takes O(len(a)*len(b)) time
// and keeps two rows of the shorter length.
func Distance(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	// b is the shorter: the rows run over it.
	prev := make([]int32, len(b)+1)
	cur := make([]int32, len(b)+1)
	for j := range prev {
		prev[j] = int32(j)
	}
	for i, ra := range a {
		cur[0] = int32(i + 1)
		for j, rb := range b {
			sub := prev[j]
			if ra != rb {
				sub++
			}
			del := prev[j+1] + 1
			ins := cur[j] + 1
			best := sub
			if del < best {
				best = del
			}
			if ins < best {
				best = ins
			}
			cur[j+1] = best
		}
		prev, cur = cur, prev
	}
	return int(prev[len(b)])
}
