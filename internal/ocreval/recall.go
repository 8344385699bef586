package ocreval

import (
	"strings"
)

// TokenNormalize returns s in the form key tokens are matched in: Normalize
// (NFKC, white-space runs to one space, trimmed) and then the ASCII letters
// A-Z folded to a-z. Nothing else is folded: kana and kanji compare
// exactly (hiragana and katakana stay distinct), and spaces are kept, so a
// token only matches where the OCR text has exactly its spacing.
func TokenNormalize(s string) string {
	n := Normalize(s)
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, n)
}

// KeyTokenRecall splits tokens into those that occur in got and those that
// do not, both compared after TokenNormalize. A token read with an inserted,
// dropped or changed character, or an inserted space, is missed. Empty
// tokens are ignored; the order of tokens is kept.
func KeyTokenRecall(tokens []string, got string) (found []string, missed []string) {
	text := TokenNormalize(got)
	for _, t := range tokens {
		nt := TokenNormalize(t)
		if nt == "" {
			continue
		}
		if strings.Contains(text, nt) {
			found = append(found, t)
		} else {
			missed = append(missed, t)
		}
	}
	return found, missed
}
