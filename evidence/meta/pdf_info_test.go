package meta

import (
	"math/rand/v2"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pdfUTF16ByDecode is how UTF-16 text was decoded before
// pdfAppendUTF16: utf16.Decode of the units, as a string.
func pdfUTF16ByDecode(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

func TestPDFAppendUTF16(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{[]byte{0x67, 0x71, 0x30, 0xec}, "東レ"},
		{[]byte{0xd8, 0x40, 0xdc, 0x00}, "\U00020000"},
		{[]byte{0xd8, 0x40, 0x00, 0x41}, "\ufffdA"},
		{[]byte{0xdc, 0x00, 0x00, 0x41}, "\ufffdA"},
		{[]byte{0xd8, 0x40}, "\ufffd"},
		{[]byte{0x00, 0x41, 0x00}, "A"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, string(pdfAppendUTF16(nil, tt.in, true)), "% x", tt.in)
	}
	// Random units, surrogates four times out of ten, against
	// utf16.Decode.
	rng := rand.New(rand.NewPCG(14, 2))
	for range 20_000 {
		b := make([]byte, rng.IntN(24))
		for i := 0; i+1 < len(b); i += 2 {
			u := uint16(rng.IntN(0x10000))
			if rng.IntN(10) < 4 {
				u = uint16(0xd800 + rng.IntN(0x800))
			}
			b[i], b[i+1] = byte(u>>8), byte(u)
		}
		for _, be := range []bool{true, false} {
			require.Equal(t, pdfUTF16ByDecode(b, be), string(pdfAppendUTF16([]byte("x"), b, be))[1:], "% x", b)
		}
	}
}

// pdfFixtureInfoStrings returns the strings of the Info dictionaries of
// the fixtures, as written.
func pdfFixtureInfoStrings(tb testing.TB) [][]byte {
	var out [][]byte
	for _, data := range pdfFixtureFiles(tb) {
		d, err := pdfOpen(tb, data, Limits{})
		if err != nil {
			continue
		}
		if enc := d.trailerKey("Encrypt"); enc != nil {
			d.setupCrypt(enc, map[string]any{})
		}
		for _, sec := range d.sections {
			info, _ := d.get(sec.trailer["Info"]).(pdfDict)
			for _, k := range pdfInfoKeys {
				if s, ok := d.get(info[k]).(pdfString); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// FuzzPDFInfoText feeds the Info strings of the fixtures and their
// mutations to the decoders of text strings and dates: text is UTF-8,
// cut text within its bound, UTF-16 decoded as utf16.Decode does.
func FuzzPDFInfoText(f *testing.F) {
	for _, s := range pdfFixtureInfoStrings(f) {
		f.Add(s, uint16(64))
	}
	f.Add([]byte("\xfe\xff\x00A\x00\x1bja\x00\x1b\x30\xb5"), uint16(3))
	f.Add([]byte("D:20210412103000+09'00'"), uint16(10))
	f.Fuzz(func(t *testing.T, b []byte, max uint16) {
		if text := pdfText(b); !utf8.ValidString(text) {
			t.Fatalf("text not UTF-8: %q", text)
		}
		cut, _ := pdfTextCut(b, int(max))
		if len(cut) > int(max) || !utf8.ValidString(cut) {
			t.Fatalf("cut text of %d bytes, over %d, or not UTF-8", len(cut), max)
		}
		for _, be := range []bool{true, false} {
			if got, want := string(pdfAppendUTF16(nil, b, be)), pdfUTF16ByDecode(b, be); got != want {
				t.Fatalf("UTF-16 %q, utf16.Decode %q", got, want)
			}
		}
		if ts, _, ok := parsePDFDate(string(b)); ok && (ts.Year() < 0 || ts.Year() > 10000) { // 9999-12-31 23:59:60 is in 10000
			t.Fatalf("date of year %d", ts.Year())
		}
	})
}

// TestPDFInfoTerminator checks that the NUL a C writer counts into an
// Info string (ImageMagick writes "/Title (name\000)") is not part of
// the value, in PDFDocEncoding and in UTF-16, and that a NUL inside the
// text stays.
func TestPDFInfoTerminator(t *testing.T) {
	tests := []struct{ info, want string }{
		{`(scan-0412\000)`, "scan-0412"},
		{`(scan-0412\000\000\000)`, "scan-0412"},
		{`<FEFF007300630061006E0000>`, "scan"},
		{`(a\000b)`, "a\x00b"},
	}
	for _, tt := range tests {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 12 Tf (x) Tj ET")))
		objs[4] = "<< /Title " + tt.info + " >>"
		res, err := pdfExtract(t, pdfBuild(objs, pdfTrailer), Limits{})
		require.NoError(t, err, tt.info)
		assert.Equal(t, tt.want, res.Metadata.Title, tt.info)
		assert.Equal(t, tt.want, pdfRawOf(t, res)["Info"].(map[string]any)["Title"], tt.info)
	}
}
