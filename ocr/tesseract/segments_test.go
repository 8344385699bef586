//go:build cgo

package tesseract

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/proofpack/proofpack/ocr"
)

func TestLatinWord(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"example.co.jp", true},
		{"(円)", false},
		{"東レ", false},
		{"webg)ロjui", true},
		{"2021年", true},
		{"年月", false},
		{"---", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, latinWord(tt.in))
		})
	}
}

func TestScriptRuns(t *testing.T) {
	words := func(texts ...string) []rawWord {
		var ws []rawWord
		for i, s := range texts {
			ws = append(ws, rawWord{text: s, conf: 90, box: image.Rect(i*50, 0, i*50+40, 30)})
		}
		return ws
	}
	tests := []struct {
		name  string
		in    []rawWord
		runs  []run
		latin []bool
	}{
		{"japanese then address", words("宛先", ":", "ken@example.jp"), []run{{0, 2}, {2, 3}}, []bool{false, true}},
		{"kana misread inside a URL joins it", words("https://", "ガ", "host.example.com/a"), []run{{0, 3}}, []bool{true}},
		{"kanji between plain numbers stays", words("2021", "年", "5"), []run{{0, 1}, {1, 2}, {2, 3}}, []bool{true, false, true}},
		{"empty", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs, latin := scriptRuns(tt.in)
			assert.Equal(t, tt.runs, runs)
			assert.Equal(t, tt.latin, latin)
		})
	}
}

func TestJoinSegment(t *testing.T) {
	word := func(s string, x0, x1 int) ocr.Word {
		return ocr.Word{Text: s, Box: image.Rect(x0, 0, x1, 40)}
	}
	tests := []struct {
		name  string
		words []ocr.Word
		want  string
	}{
		{"latin words keep their space", []ocr.Word{word("Microsoft", 0, 100), word("Teams", 104, 160)}, "Microsoft Teams"},
		{"close kanji joined", []ocr.Word{word("東レ", 0, 80), word("株式会社", 90, 250)}, "東レ株式会社"},
		{"kanji far apart spaced", []ocr.Word{word("申請", 0, 80), word("承認", 120, 200)}, "申請 承認"},
		{"address right after kanji", []ocr.Word{word("宛先", 0, 80), word("ken@example.jp", 82, 300)}, "宛先ken@example.jp"},
		{"blank words skipped", []ocr.Word{word(" ", 0, 10), word("a", 20, 30)}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, joinSegment(tt.words))
		})
	}
}

// TestLanguageSubsets: the Japanese and Latin readings of a segment go
// to the right models, whatever the script models are called: Debian's
// tesseract-ocr-script-jpan installs Japanese.traineddata, tessdata_fast
// has script/Japanese.
func TestLanguageSubsets(t *testing.T) {
	for _, c := range []struct {
		langs      []string
		latin, cjk []string
	}{
		{[]string{"jpn", "eng"}, []string{"eng"}, []string{"jpn"}},
		{[]string{"Japanese", "eng"}, []string{"eng"}, []string{"Japanese"}},
		{[]string{"script/Japanese", "eng"}, []string{"eng"}, []string{"script/Japanese"}},
		{[]string{"jpn", "Japanese", "eng", "deu"}, []string{"eng", "deu"}, []string{"jpn", "Japanese"}},
		{[]string{"HanS", "HanT_vert", "Hangul", "fra"}, []string{"fra"}, []string{"HanS", "HanT_vert", "Hangul"}},
		{[]string{"eng", "deu"}, nil, nil},
		{[]string{"Japanese"}, nil, []string{"Japanese"}},
	} {
		assert.Equal(t, c.latin, latinSubset(c.langs), "%v", c.langs)
		assert.Equal(t, c.cjk, cjkSubset(c.langs), "%v", c.langs)
	}
}
