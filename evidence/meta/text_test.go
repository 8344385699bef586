package meta

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/proofpack/proofpack/evidence/identify"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	if enc == nil {
		return []byte(s)
	}
	b, err := enc.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

func TestTextExtractor(t *testing.T) {
	const jp = "取引先一覧\r\n東レ株式会社,営業本部,nakamura.koji@toray.co.jp\r\n"
	const want = "取引先一覧\n東レ株式会社,営業本部,nakamura.koji@toray.co.jp\n"
	tests := []struct {
		charset string
		enc     encoding.Encoding
		text    string
		want    string
	}{
		{"utf-8", nil, "\uFEFF" + jp, want},
		{"shift_jis", japanese.ShiftJIS, jp, want},
		{"euc-jp", japanese.EUCJP, jp, want},
		{"iso-2022-jp", japanese.ISO2022JP, jp, want},
		{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), jp, want},
		{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.UseBOM), jp, want},
		{"windows-1252", charmap.Windows1252, "Café Müller GmbH\r\n", "Café Müller GmbH\n"},
		{"ascii", nil, "hosts\n10.0.0.1 tfs01.toray.local\n", "hosts\n10.0.0.1 tfs01.toray.local\n"},
	}
	for _, tt := range tests {
		t.Run(tt.charset, func(t *testing.T) {
			b := encode(t, tt.enc, tt.text)
			in := Input{Name: "a.csv", Type: identify.Type{MIME: "text/csv", Kind: identify.KindSpreadsheet, Charset: tt.charset}, R: bytes.NewReader(b), Size: int64(len(b))}
			res, err := NewText().Extract(context.Background(), in, Limits{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, res.Text)
			assert.False(t, res.TextTruncated)
			assert.True(t, res.Metadata.IsZero(), "plain text has no metadata")
		})
	}
}

func TestTextExtractorCutsWholeCharacters(t *testing.T) {
	line := "東レ株式会社 滋賀事業場\n"
	for _, tt := range []struct {
		charset string
		enc     encoding.Encoding
	}{
		{"utf-8", nil},
		{"shift_jis", japanese.ShiftJIS},
		{"euc-jp", japanese.EUCJP},
		{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
	} {
		for _, limit := range []int64{101, 102, 103} {
			var all []byte
			for range 40 {
				all = append(all, encode(t, tt.enc, line)...)
			}
			in := Input{Type: identify.Type{MIME: "text/plain", Kind: identify.KindText, Charset: tt.charset}, R: bytes.NewReader(all), Size: int64(len(all))}
			res, err := NewText().Extract(context.Background(), in, Limits{MaxTextBytes: limit})
			require.NoError(t, err)
			assert.True(t, res.TextTruncated, "%s at %d", tt.charset, limit)
			assert.LessOrEqual(t, int64(len(res.Text)), limit)
			assert.NotContains(t, res.Text, "\uFFFD", "%s at %d: no half character", tt.charset, limit)
			assert.Contains(t, res.Text, "東レ株式会社")
		}
	}
}

func TestTextExtractorAccepts(t *testing.T) {
	x := NewText()
	assert.True(t, x.Accepts(identify.Type{MIME: "text/plain", Charset: "utf-8"}))
	assert.True(t, x.Accepts(identify.Type{MIME: "text/csv", Charset: "shift_jis"}))
	assert.True(t, x.Accepts(identify.Type{MIME: "application/json", Charset: "ascii"}))
	assert.False(t, x.Accepts(identify.Type{MIME: "text/html", Charset: "utf-8"}), "HTML has its own reader")
	assert.False(t, x.Accepts(identify.Type{MIME: "message/rfc822", Charset: "iso-2022-jp"}), "mail has its own reader")
	assert.False(t, x.Accepts(identify.Type{MIME: "image/png"}))
}

func FuzzText(f *testing.F) {
	f.Add([]byte("東レ,株式会社\r\n"), "utf-8", int64(8))
	f.Add([]byte{0x93, 0x8c, 0x83, 0x8c, 0x81}, "shift_jis", int64(3))
	f.Add([]byte{0xff, 0xfe, 0x71, 0x67, 0x00}, "utf-16le", int64(4))
	f.Add([]byte("\x1b$BEl%l\x1b(B"), "iso-2022-jp", int64(5))
	f.Add([]byte(" \r\n\t"), "utf-8", int64(8))
	f.Fuzz(func(t *testing.T, b []byte, cs string, limit int64) {
		if limit <= 0 || limit > 1<<16 || len(b) == 0 {
			return
		}
		in := Input{Type: identify.Type{MIME: "text/plain", Charset: cs}, R: bytes.NewReader(b), Size: int64(len(b))}
		res, err := NewText().Extract(context.Background(), in, Limits{MaxTextBytes: limit})
		if err != nil {
			return
		}
		if int64(len(res.Text)) > limit {
			t.Fatalf("text of %d bytes over the limit %d", len(res.Text), limit)
		}
	})
}

// A file of white space holds no text: it says so.
func TestTextExtractorBlank(t *testing.T) {
	for _, b := range []string{"\n", " \r\n\t ", "\uFEFF\n"} {
		in := Input{Name: "blank.txt", Type: identify.Type{MIME: "text/plain", Kind: identify.KindText, Charset: "utf-8"}, R: strings.NewReader(b), Size: int64(len(b))}
		_, err := NewText().Extract(context.Background(), in, Limits{})
		assert.ErrorIs(t, err, ErrNoRecord, "%q", b)
	}
}
