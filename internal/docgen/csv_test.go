package docgen

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"
)

func TestCSV(t *testing.T) {
	rows := [][]string{{"顧客コード", "会社名"}, {"C-1", "株式会社みなと, 繊維"}, {"C-2", `"引用"`}}
	tests := []struct {
		name  string
		cp932 bool
	}{{"cp932", true}, {"utf-8", false}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := CSV(rows, tc.cp932)
			require.NoError(t, err)
			assert.Contains(t, string(data), "\r\n")
			text := data
			if tc.cp932 {
				assert.NotContains(t, string(data), "顧客")
				text, err = japanese.ShiftJIS.NewDecoder().Bytes(data)
				require.NoError(t, err)
			}
			got, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
			require.NoError(t, err)
			assert.Equal(t, rows, got)
		})
	}
}

func TestCP932(t *testing.T) {
	tests := []struct {
		in      string
		want    []byte
		wantErr bool
	}{
		{"営業本部", []byte{0x89, 0x63, 0x8b, 0xc6, 0x96, 0x7b, 0x95, 0x94}, false},
		{"a.txt", []byte("a.txt"), false},
		{"😀", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := CP932(tc.in)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
