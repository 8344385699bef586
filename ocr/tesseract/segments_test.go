package tesseract

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
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
