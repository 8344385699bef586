package ocr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIdentifiers(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"mail sato.k@kanade-dojo.co.jp today", 1}, // the address; its host is not counted twice
		{"sato.k@kanade-dojo.co.jD", 0},
		{"portal.kanade-dojo.co.jp", 1},
		{"portal.kanade-dojo.c0m", 0},
		{`\\fs02\経理部\請求書`, 1},
		{`\\fs02.corp.example.com\share and www.example.org`, 3}, // the path, its host, the second host
		{"Quarterly report. Next step", 0},
		{"", 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Identifiers(tt.in), tt.in)
	}
	assert.True(t, HasIdentifier("ito@example"))
	assert.True(t, HasIdentifier("see www.example.com"))
	assert.True(t, HasIdentifier(`\share`))
	assert.False(t, HasIdentifier("Quarterly report for Q1"))
}
