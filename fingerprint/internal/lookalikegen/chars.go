package lookalikegen

import (
	"slices"
	"unicode"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

// JIS X 0208 rows (ku) of the characters the table covers: kana in rows
// 4 (hiragana) and 5 (katakana), level 1 kanji in rows 16 to 47, level 2
// in rows 48 to 84.
const (
	rowHiragana = 4
	rowKatakana = 5
	rowLevel1   = 16
	rowLevel2   = 48
	rowLast     = 84
)

// row1Marks are the characters of JIS X 0208 row 1 that stand in words
// as kana or kanji do: the prolonged sound mark, the iteration marks and
// the kanji-like 〆 and 仝.
var row1Marks = []rune{'ー', '々', '〆', 'ゝ', 'ゞ', 'ヽ', 'ヾ', '仝', '〃'}

// Chars returns the characters the table covers, in code point order:
// every kana and every kanji of JIS X 0208 levels 1 and 2 (read from its
// EUC-JP form with golang.org/x/text), the marks of row 1 that stand in
// words (row1Marks), and the CJK compatibility ideographs (U+F900 to
// U+FAFF) that NFKC leaves as they are (﨑, 﨟 …): text is put in NFKC
// before it is matched, so the others never reach the matcher.
func Chars() []rune {
	var rs []rune
	dec := japanese.EUCJP.NewDecoder()
	for row := 1; row <= rowLast; row++ {
		if row != rowHiragana && row != rowKatakana && row < rowLevel1 {
			continue
		}
		for cell := 1; cell <= 94; cell++ {
			b, err := dec.Bytes([]byte{byte(0xA0 + row), byte(0xA0 + cell)})
			if err != nil {
				continue
			}
			r := []rune(string(b))
			if len(r) != 1 || r[0] == '\uFFFD' {
				continue
			}
			rs = append(rs, r[0])
		}
	}
	rs = append(rs, row1Marks...)
	for r := rune(0xF900); r <= 0xFAFF; r++ {
		if s := string(r); unicode.Is(unicode.Ideographic, r) && norm.NFKC.String(s) == s {
			rs = append(rs, r)
		}
	}
	slices.Sort(rs)
	return slices.Compact(rs)
}
