package meta

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pdfTestDoc is a document of no file, for reading CMaps and fonts.
func pdfTestDoc(lim Limits) *pdfDoc {
	return newPDFDoc(context.Background(), bytes.NewReader(nil), 0, lim.WithDefaults())
}

func TestPDFFontAppendText(t *testing.T) {
	d := pdfTestDoc(Limits{})
	cmap := d.parseCMap([]byte(pdfCMapOf("2 beginbfchar <0001> <6771> <0002> <30EC> endbfchar\n" +
		"1 beginbfrange <0010> <0012> <0041> endbfrange")))
	diffs := pdfSimpleEncoding(d, pdfDict{"Differences": []any{int64(1), pdfName("quoteright"), pdfName("uni6771")}})
	tests := []struct {
		name string
		font *pdfFont
		in   string
		max  int
		want string
	}{
		{name: "ToUnicode", font: &pdfFont{cmap: cmap, twoByte: true}, in: "\x00\x01\x00\x02\x00\x11\x00\x05", max: 100, want: "東レB"},
		{name: "ToUnicode cut", font: &pdfFont{cmap: cmap, twoByte: true}, in: "\x00\x01\x00\x02\x00\x11", max: 2, want: "東"},
		{name: "UCS-2", font: &pdfFont{ucs2: true}, in: "\x67\x71\x30\xec", max: 100, want: "東レ"},
		{name: "UCS-2 cut", font: &pdfFont{ucs2: true}, in: "\x00A\x00B\x00C\x00D", max: 1, want: "AB"},
		{name: "WinAnsi", font: &pdfFont{enc: pdfWinAnsi}, in: "Caf\xe9 \x80", max: 100, want: "Café €"},
		{name: "Differences", font: &pdfFont{enc: diffs}, in: "\x01\x02A", max: 100, want: "’東A"},
		{name: "skipped", font: &pdfFont{skip: true}, in: "abc", max: 100, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.font.appendText([]byte("pre"), []byte(tt.in), tt.max)
			assert.Equal(t, "pre"+tt.want, string(got))
		})
	}
}

// pdfCMapByEntries is the text of code c as the CMap's mappings say,
// the one read last winning, looked for one by one.
func pdfCMapByEntries(m *pdfCMap, c uint32) string {
	for i := len(m.entries) - 1; i >= 0; i-- {
		e := m.entries[i]
		if c < e.lo || c > e.hi {
			continue
		}
		text := string(m.text[e.off : e.off+e.n])
		if c == e.lo || text == "" {
			return text
		}
		r, size := utf8.DecodeLastRuneInString(text)
		return text[:len(text)-size] + string(r+rune(c-e.lo))
	}
	return ""
}

// pdfCheckCMap checks a parsed CMap: its lookup table gives each code
// the text of the mapping read last, and its mappings are within bounds.
func pdfCheckCMap(t *testing.T, m *pdfCMap) {
	require.LessOrEqual(t, len(m.entries), pdfMaxCMapEntries)
	for i := 1; i < len(m.segs); i++ {
		require.Less(t, m.segs[i-1].hi, m.segs[i].lo, "segments overlap")
	}
	var codes []uint32
	for _, e := range m.entries[:min(len(m.entries), 200)] {
		codes = append(codes, e.lo-1, e.lo, e.lo+1, (e.lo+e.hi)/2, e.hi, e.hi+1)
	}
	for _, c := range codes {
		require.Equal(t, pdfCMapByEntries(m, c), string(m.appendCode(nil, c)), "code %04x", c)
	}
}

func TestPDFCMapLookup(t *testing.T) {
	d := pdfTestDoc(Limits{})
	for _, cm := range []string{
		pdfCMapOf("1 beginbfrange <0000> <00FF> <0061> endbfrange\n2 beginbfchar <0010> <0058> <0012> <0059> endbfchar\n" +
			"1 beginbfrange <0011> <0013> [<0031> <0032> <0033>] endbfrange\n1 beginbfchar <0011> <005A> endbfchar"),
		pdfCMapBombCMap(),
	} {
		pdfCheckCMap(t, d.parseCMap([]byte(cm)))
	}
	n := 0
	for _, s := range pdfFixtureStreams(t) {
		if s.cmap {
			pdfCheckCMap(t, d.parseCMap(s.decoded))
			n++
		}
	}
	assert.NotZero(t, n, "no ToUnicode CMap in the fixtures")
}

// FuzzPDFCMap feeds the ToUnicode CMaps of the fixtures and of the
// hostile files, and their mutations, to the CMap reader: its lookup
// must agree with the mappings read one by one, and a shown string must
// make no more text than its bound and one code's.
func FuzzPDFCMap(f *testing.F) {
	for _, s := range pdfFixtureStreams(f) {
		if s.cmap {
			f.Add(s.decoded, []byte("\x00\x01\x00\x22\x01\x02"))
		}
	}
	f.Add([]byte(pdfCMapOf("1 beginbfrange <0000> <FFFF> <"+strings.Repeat("0041", 256)+"> endbfrange")), []byte("\x00\x00\x00\x01"))
	f.Add([]byte(pdfCMapOf("1 beginbfrange <0011> <0013> [<0031> <0032> <0033>] endbfrange")), []byte("\x00\x12"))
	f.Fuzz(func(t *testing.T, cmap, shown []byte) {
		if len(cmap) > 64<<10 {
			return
		}
		d := pdfTestDoc(Limits{MaxRecordBytes: 64 << 10})
		m := d.parseCMap(cmap)
		pdfCheckCMap(t, m)
		const max = 100
		text := (&pdfFont{cmap: m, twoByte: true}).appendText(nil, shown, max)
		if len(text) > max+1+3*pdfMaxCMapDst/2+4 {
			t.Fatalf("%d bytes of text for a bound of %d", len(text), max)
		}
	})
}
