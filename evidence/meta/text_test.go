package meta

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/internal/testenv"
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
		want, wantCut, wantErr := referenceText(b, cs, limit)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("error %v, the reference's %v", err, wantErr)
		}
		if err != nil {
			return
		}
		if int64(len(res.Text)) > limit {
			t.Fatalf("text of %d bytes over the limit %d", len(res.Text), limit)
		}
		if res.Text != want || res.TextTruncated != wantCut {
			t.Fatalf("text %q (cut %v), the reference's %q (cut %v)", res.Text, res.TextTruncated, want, wantCut)
		}
	})
}

// referenceText is the text extractor as it was written first, step by
// step with a copy per step: the one-pass cleaner must give the same.
func referenceText(b []byte, cs string, limit int64) (string, bool, error) {
	n := min(int64(len(b)), limit)
	truncated := int64(len(b)) > n
	b = bytes.Clone(b[:n])
	var s string
	if enc := textEncoding(cs); enc != nil {
		if truncated {
			b = cutIncomplete(b, cs)
		}
		d, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			return "", false, err
		}
		s = string(d)
	} else {
		if truncated {
			for len(b) > 0 && !utf8.FullRune(b[max(0, len(b)-utf8.UTFMax):]) {
				b = b[:len(b)-1]
			}
		}
		s = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.ReplaceAll(s, "\x00", "")
	if int64(len(s)) > limit {
		s, truncated = CutText(s, limit), true
	}
	if strings.TrimSpace(s) == "" {
		return "", false, ErrNoRecord
	}
	return s, truncated, nil
}

// TestTextCleaning checks the cleaning steps and their order against the
// reference, on inputs made for each.
func TestTextCleaning(t *testing.T) {
	for _, in := range []string{
		"\uFEFFa\r\nb", "\r\x00\n", "\x00\uFEFFa", "a\xff\xfe\r\nb", "\xff\x00\xff", "\r", "a\r",
		"\r\r\n", "\uFEFF\uFEFF", "\xe6\x9d", "ok \uFFFD text", "\r\n\uFEFF",
	} {
		for _, cs := range []string{"utf-8", "windows-1252", "shift_jis"} {
			for _, limit := range []int64{1, 2, 3, 4, 100} {
				want, wantCut, wantErr := referenceText([]byte(in), cs, limit)
				r := Input{Type: identify.Type{MIME: "text/plain", Charset: cs}, R: bytes.NewReader([]byte(in)), Size: int64(len(in))}
				res, err := NewText().Extract(context.Background(), r, Limits{MaxTextBytes: limit})
				if wantErr != nil {
					assert.ErrorIs(t, err, wantErr, "%q %s %d", in, cs, limit)
					continue
				}
				require.NoError(t, err)
				assert.Equal(t, want, res.Text, "%q %s %d", in, cs, limit)
				assert.Equal(t, wantCut, res.TextTruncated, "%q %s %d", in, cs, limit)
			}
		}
	}
}

// TestTextAllocations: a text is read into one buffer sized from the
// limit and, when it needs no cleaning, becomes the text without a copy;
// cleaning or decoding costs one more buffer of its size. Before, the
// extractor made three to four copies of every text.
func TestTextAllocations(t *testing.T) {
	const size = 1 << 20
	line := []byte("2021-04-12T10:30:00+09:00 INFO app: GET /orders 200\n")
	plain := bytes.Repeat(line, size/len(line)+1)[:size]
	crlf := bytes.ReplaceAll(plain, []byte("\n"), []byte("\r\n"))[:size]
	sjis := encode(t, japanese.ShiftJIS, strings.Repeat("東レ株式会社 滋賀事業場\n", size/40))
	for _, tc := range []struct {
		name    string
		b       []byte
		cs      string
		maxCopy float64 // allocated bytes per byte of text
	}{
		{"utf-8 clean", plain, "utf-8", 1.1},
		{"utf-8 crlf", crlf, "utf-8", 2.1},
		{"shift_jis", sjis, "shift_jis", 2.7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Type: identify.Type{MIME: "text/plain", Charset: tc.cs}, R: bytes.NewReader(tc.b), Size: int64(len(tc.b))}
			var res *Result
			alloc := testenv.Allocated(func() {
				var err error
				res, err = NewText().Extract(context.Background(), in, Limits{})
				require.NoError(t, err)
			})
			require.NotEmpty(t, res.Text)
			per := float64(alloc) / float64(len(res.Text))
			t.Logf("%d bytes of text, %d bytes allocated (%.2f per byte)", len(res.Text), alloc, per)
			assert.Less(t, per, tc.maxCopy)
		})
	}
}

// A file of white space holds no text: it says so.
func TestTextExtractorBlank(t *testing.T) {
	for _, b := range []string{"\n", " \r\n\t ", "\uFEFF\n"} {
		in := Input{Name: "blank.txt", Type: identify.Type{MIME: "text/plain", Kind: identify.KindText, Charset: "utf-8"}, R: strings.NewReader(b), Size: int64(len(b))}
		_, err := NewText().Extract(context.Background(), in, Limits{})
		assert.ErrorIs(t, err, ErrNoRecord, "%q", b)
	}
}
