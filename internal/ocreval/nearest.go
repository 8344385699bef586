package ocreval

import (
	"strings"
	"unicode"
)

// maxNearestCells bounds the work of Nearest (token runes times text
// runes); a longer text is searched in its first part only.
const maxNearestCells = 8 << 20

// Match is where a key token was read, or nearly read, in an OCR text.
type Match struct {
	// Read is the part of the text closest to the token (the smallest
	// edit distance to it, over every substring), in the text's own form
	// (newlines kept).
	Read string
	// Before and After are up to ContextRunes runes of text around Read.
	Before, After string
	// Distance is the edit distance between the normalised token and
	// Read; 0 means the token was read and only its spacing or case
	// differs.
	Distance int
}

// ContextRunes is how much text Nearest keeps on each side of a match.
const ContextRunes = 20

// Nearest finds the substring of got closest to token by edit distance
// (a semi-global alignment: the match may start and end anywhere in got).
// Both are compared as KeyTokenRecall compares them (see TokenNormalize),
// except that got keeps its line breaks, so a token cut across two lines
// shows as such; Read and its context keep the letter case of got.
func Nearest(token, got string) Match {
	tok := []rune(Normalize(token))
	text := []rune(normalizeLines(got))
	if len(tok) == 0 {
		return Match{}
	}
	if len(text) == 0 {
		return Match{Distance: len(tok)}
	}
	if len(tok)*len(text) > maxNearestCells {
		text = text[:maxNearestCells/len(tok)]
	}
	n := len(text)
	prev := make([]int32, n+1)
	cur := make([]int32, n+1)
	prevStart := make([]int32, n+1)
	curStart := make([]int32, n+1)
	for j := range prev {
		prevStart[j] = int32(j)
	}
	for i, rt := range tok {
		cur[0] = int32(i + 1)
		curStart[0] = 0
		for j, rg := range text {
			sub, start := prev[j], prevStart[j]
			if foldASCII(rt) != foldASCII(rg) {
				sub++
			}
			if del := prev[j+1] + 1; del < sub {
				sub, start = del, prevStart[j+1]
			}
			if ins := cur[j] + 1; ins < sub {
				sub, start = ins, curStart[j]
			}
			cur[j+1], curStart[j+1] = sub, start
		}
		prev, cur = cur, prev
		prevStart, curStart = curStart, prevStart
	}
	end := 0
	for j := 1; j <= n; j++ {
		if prev[j] < prev[end] {
			end = j
		}
	}
	start := int(prevStart[end])
	lo := max(0, start-ContextRunes)
	hi := min(n, end+ContextRunes)
	return Match{Read: string(text[start:end]), Before: string(text[lo:start]), After: string(text[end:hi]), Distance: int(prev[end])}
}

// foldASCII maps A-Z to a-z, as TokenNormalize does.
func foldASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + ('a' - 'A')
	}
	return r
}

// normalizeLines is Normalize line by line: it keeps the line breaks (as
// "\n") so that a match can show where a line ended.
func normalizeLines(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if l = Normalize(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// Causes of a missed key token, as ClassifyMiss names them.
const (
	// CauseLost: nothing near the token was read (the field, row or
	// line is gone).
	CauseLost = "field or line lost"
	// CauseSmallText: the case's text is 10 px or less after any
	// downscale.
	CauseSmallText = "small text"
	// CauseUNCLeadIn: a UNC path whose leading backslashes were misread.
	CauseUNCLeadIn = "UNC lead-in"
	// CauseSpacing: the right characters with a space or line break
	// inside, or merged with the next cell or row.
	CauseSpacing = "rows merged or split"
	// CauseKanji: only kana, kanji or other non-Latin characters differ
	// (look-alike kanji).
	CauseKanji = "look-alike kanji"
	// CauseLatin: only Latin letters, digits or punctuation differ
	// (identifiers, addresses, host names).
	CauseLatin = "Latin in identifiers"
	// CauseMixed: both scripts differ.
	CauseMixed = "mixed"
)

// ClassifyMiss names the likely cause of a missed token from its nearest
// match and the effective text size of the case (text px times any
// downscale). It is a triage aid for the loss map, not a measurement.
func ClassifyMiss(token string, m Match, effectivePx float64) string {
	tok := []rune(TokenNormalize(token))
	if len(tok) == 0 || m.Distance*2 > len(tok) {
		return CauseLost
	}
	read := strings.Map(foldASCII, m.Read)
	if strings.HasPrefix(token, `\\`) && !strings.HasPrefix(read, `\\`) {
		return CauseUNCLeadIn
	}
	squeeze := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	if squeeze(read) == squeeze(string(tok)) {
		return CauseSpacing
	}
	if effectivePx > 0 && effectivePx <= 10 {
		return CauseSmallText
	}
	// The runes that differ, as multisets, on both sides.
	count := map[rune]int{}
	for _, r := range squeeze(string(tok)) {
		count[r]++
	}
	for _, r := range squeeze(read) {
		count[r]--
	}
	latin, other := false, false
	for r, n := range count {
		if n == 0 {
			continue
		}
		if r < 0x80 {
			latin = true
		} else {
			other = true
		}
	}
	switch {
	case other && !latin:
		return CauseKanji
	case latin && !other:
		return CauseLatin
	default:
		return CauseMixed
	}
}
