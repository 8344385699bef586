package ocreval

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/ocrset"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"spaces and newlines", "  a \t b\n\nc  ", "a b c"},
		{"full-width ascii", "ＴＯＲＡＹ　１２３＠", "TORAY 123@"},
		{"half-width katakana", "ﾄｳﾚ", "トウレ"},
		{"ideographic space", "東レ\u3000株式会社", "東レ 株式会社"},
		{"empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Normalize(tt.in))
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"equal", "kitten", "kitten", 0},
		{"classic", "kitten", "sitting", 3},
		{"empty a", "", "abc", 3},
		{"empty b", "abc", "", 3},
		{"japanese substitution", "東レ株式会社", "東し株式会社", 1},
		{"japanese deletion", "富士通株式会社", "富士通株会社", 1},
		{"swap costs two", "ab", "ba", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Distance([]rune(tt.a), []rune(tt.b)))
			assert.Equal(t, tt.want, Distance([]rune(tt.b), []rune(tt.a)), "symmetric")
		})
	}
}

func TestCER(t *testing.T) {
	tests := []struct {
		name       string
		truth, got string
		want       float64
	}{
		{"perfect", "Toray Industries", "Toray Industries", 0},
		{"whitespace differences are free", "Toray\nIndustries", "  Toray   Industries \n", 0},
		{"one substitution in ten", "abcdefghij", "abcdefghiX", 0.1},
		{"full-width read is free", "TORAY 2021", "ＴＯＲＡＹ　２０２１", 0},
		{"japanese one of seven", "東レ株式会社です", "東レ株式会杜です", 1.0 / 8},
		{"inserted space counts", "東レ株式会社", "東 レ株式会社", 1.0 / 6},
		{"empty read", "abcd", "", 1},
		{"longer than truth", "ab", "abcdef", 2},
		{"both empty", "", "", 0},
		{"empty truth", "", "x", 1},
		{"case matters", "Fujitsu", "fujitsu", 1.0 / 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, CER(tt.truth, tt.got), 1e-9)
		})
	}
}

func TestKeyTokenRecall(t *testing.T) {
	tests := []struct {
		name       string
		tokens     []string
		got        string
		wantFound  []string
		wantMissed []string
	}{
		{"exact", []string{"taro.yamada@jp.fujitsu.com"}, "From: taro.yamada@jp.fujitsu.com", []string{"taro.yamada@jp.fujitsu.com"}, nil},
		{"ascii case folded", []string{"Toray.co.jp"}, "VPN: VPN.TORAY.CO.JP", []string{"Toray.co.jp"}, nil},
		{"inserted space is missed", []string{"a.b@c.com"}, "mail a. b@c.com", nil, []string{"a.b@c.com"}},
		{"full-width read found", []string{"NEC"}, "日本電気 (ＮＥＣ)", []string{"NEC"}, nil},
		{"japanese exact", []string{"東レ株式会社"}, "東レ株式会社 情報システム部", []string{"東レ株式会社"}, nil},
		{"japanese with spaces missed", []string{"東レ株式会社"}, "東 レ 株 式 会 社", nil, []string{"東レ株式会社"}},
		{"katakana is not hiragana", []string{"トヨタ"}, "とよた", nil, []string{"トヨタ"}},
		{"line break inside token missed", []string{"\\\\fs01.corp.toray.com\\share"}, "\\\\fs01.corp.\ntoray.com\\share", nil, []string{"\\\\fs01.corp.toray.com\\share"}},
		{"token with space across lines", []string{"アマゾン ウェブ サービス"}, "アマゾン\nウェブ  サービス", []string{"アマゾン ウェブ サービス"}, nil},
		{"order kept, empty ignored", []string{"b", "", "a", "z"}, "a b", []string{"b", "a"}, []string{"z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, missed := KeyTokenRecall(tt.tokens, tt.got)
			assert.Equal(t, tt.wantFound, found)
			assert.Equal(t, tt.wantMissed, missed)
		})
	}
}

func TestEvaluate(t *testing.T) {
	cases := []ocrset.Case{
		{File: "a.png", Lang: "eng", Lines: []string{"Toray Industries", "kevin.lee@toray.com"}, KeyTokens: []string{"Toray", "kevin.lee@toray.com"}},
		{File: "b.png", Lang: "eng", Lines: []string{"abcd"}, KeyTokens: []string{"abcd"}},
		{File: "c.png", Lang: "jpn", Lines: []string{"東レ株式会社"}, KeyTokens: []string{"東レ株式会社", "東レ"}},
	}
	ocr := map[string]string{
		"a.png": "Toray Industries\nkevin.lee@toray.com\n",
		"b.png": "abXd",
		"c.png": "東レ 株式会社",
	}
	r := Evaluate(cases, ocr)
	require.Len(t, r.Cases, 3)
	require.Len(t, r.Langs, 2)

	t.Run("per case", func(t *testing.T) {
		assert.Zero(t, r.Cases[0].CER)
		assert.Equal(t, 1.0, r.Cases[0].Recall)
		assert.InDelta(t, 0.25, r.Cases[1].CER, 1e-9)
		assert.Equal(t, []string{"abcd"}, r.Cases[1].Missed)
		assert.Equal(t, []string{"東レ"}, r.Cases[2].Found)
		assert.InDelta(t, 0.5, r.Cases[2].Recall, 1e-9)
	})
	t.Run("per language", func(t *testing.T) {
		eng, jpn := r.Langs[0], r.Langs[1]
		assert.Equal(t, "eng", eng.Lang)
		assert.Equal(t, 2, eng.Cases)
		// 1 edit over 36 + 4 runes, pooled.
		assert.InDelta(t, 1.0/40, eng.CER, 1e-9)
		assert.InDelta(t, 0.125, eng.MeanCER, 1e-9)
		assert.Equal(t, 2, eng.Found)
		assert.Equal(t, 3, eng.Tokens)
		assert.Equal(t, "jpn", jpn.Lang)
		assert.InDelta(t, 1.0/6, jpn.CER, 1e-9)
	})
	t.Run("missing OCR is an empty read", func(t *testing.T) {
		r := Evaluate(cases[:1], nil)
		assert.False(t, r.Cases[0].HasOCR)
		assert.Equal(t, 1.0, r.Cases[0].CER)
		assert.Zero(t, r.Cases[0].Recall)
	})
	t.Run("table", func(t *testing.T) {
		var buf bytes.Buffer
		require.NoError(t, r.WriteTable(&buf))
		out := buf.String()
		assert.Contains(t, out, "a.png")
		assert.Contains(t, out, "jpn")
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		assert.Len(t, lines, 1+3+1+1+2)
	})
	assert.Equal(t, []string{"b.png: abcd", "c.png: 東レ株式会社"}, r.MissedTokens())
}

func BenchmarkDistance20k(b *testing.B) {
	a := []rune(strings.Repeat("東レ株式会社 sato.kenichi@toray.co.jp ", 600))[:20000]
	c := []rune(strings.Repeat("東し株式会社 sato.kenichl@toray.co.jp ", 600))[:20000]
	b.ResetTimer()
	for b.Loop() {
		Distance(a, c)
	}
}
