package ocreval

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNearest(t *testing.T) {
	tests := []struct {
		name, token, got string
		wantRead         string
		wantDist         int
	}{
		{"exact", "k.sato@masubuchi.co.jp", "mail k.sato@masubuchi.co.jp ok", "k.sato@masubuchi.co.jp", 0},
		{"one letter", "k.sato@masubuchi.co.jp", "To: k.sat0@masubuchi.co.jp\nnext", "k.sat0@masubuchi.co.jp", 1},
		{"across a line break", "株式会社鱒淵醸造", "御中 株式会社鱒淵\n醸造 様", "株式会社鱒淵\n醸造", 1},
		{"look-alike kanji", "櫻葉精機", "発注先 桜葉精機 様", "桜葉精機", 1},
		{"nothing read", "abc", "", "", 3},
		{"case folded, case of the text kept", "FILESRV01", "\\\\filesrv01\\share", "filesrv01", 0},
		{"case kept", "fs01.corp.example", "at FS0l.corp.example", "FS0l.corp.example", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Nearest(tt.token, tt.got)
			assert.Equal(t, tt.wantRead, m.Read)
			assert.Equal(t, tt.wantDist, m.Distance)
		})
	}
	t.Run("context", func(t *testing.T) {
		m := Nearest("target", strings.Repeat("x", 50)+" targat "+strings.Repeat("y", 50))
		assert.Equal(t, "targat", m.Read)
		assert.Equal(t, strings.Repeat("x", ContextRunes-1)+" ", m.Before)
		assert.Equal(t, " "+strings.Repeat("y", ContextRunes-1), m.After)
	})
	t.Run("long text is bounded", func(t *testing.T) {
		tok := strings.Repeat("a", 1000)
		m := Nearest(tok, strings.Repeat("b", 20000))
		assert.LessOrEqual(t, len([]rune(m.Read)), 20000)
		assert.Positive(t, m.Distance)
	})
}

func TestClassifyMiss(t *testing.T) {
	tests := []struct {
		name, token, got string
		px               float64
		want             string
	}{
		{"lost", "k.sato@masubuchi.co.jp", "受信トレイ 下書き", 14, CauseLost},
		{"unc lead-in", `\\FILESRV01\share\経理部`, `|\FILESRV01\share\経理部`, 14, CauseUNCLeadIn},
		{"split across lines", "株式会社鱒淵醸造", "株式会社鱒淵\n醸造", 14, CauseSpacing},
		{"inner space", "PO-2024-00815", "PO- 2024-00815", 14, CauseSpacing},
		{"kanji", "櫻葉精機株式会社", "桜葉精機株式会社", 14, CauseKanji},
		{"latin", "k.sato@masubuchi.co.jp", "k.sat0@masubuchi.co.jp", 14, CauseLatin},
		{"small text", "k.sato@masubuchi.co.jp", "k.sat0@masubuchi.co.jp", 9.5, CauseSmallText},
		{"mixed", "鱒淵-sato", "鰌淵-sat0", 14, CauseMixed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, ClassifyMiss(tt.token, Nearest(tt.token, tt.got), tt.px))
		})
	}
}
