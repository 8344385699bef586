package meta

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pdfOperandText describes an operand as the text operators see it: a
// number (i: written as an integer, f: as a real, with its float64 bits),
// a name, a string (in hex), an array of those, or "?" for the rest.
func pdfOperandText(v any, inArray bool) string {
	switch x := v.(type) {
	case int64:
		return fmt.Sprintf("i%x", math.Float64bits(float64(x)))
	case float64:
		return fmt.Sprintf("f%x", math.Float64bits(x))
	case pdfName:
		if !inArray {
			return "/" + string(x)
		}
	case pdfString:
		return fmt.Sprintf("(%x)", []byte(x))
	case []any:
		if !inArray {
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = pdfOperandText(e, true)
			}
			return "[" + strings.Join(parts, " ") + "]"
		}
	}
	return "?"
}

// pdfOpsByObjects reads a content stream as the interpreter read it
// before pdfOpReader: every object made by the lexer of objects, which
// looks for references after every integer, and the operand stack kept
// by the same rule. It returns each operator with its operands, and the
// error that ended the stream.
func pdfOpsByObjects(data []byte) ([]string, error) {
	l := pdfDataLexer(data, 0, 1<<20, true, nil)
	var ops []any
	var items []int
	held := 0
	var out []string
	for {
		l.items = 0
		v, err := l.object(0)
		if err != nil {
			return out, err
		}
		kw, ok := v.(pdfKeyword)
		if !ok {
			for len(ops) > 0 && (len(ops) >= pdfMaxOperands || held+l.items > pdfMaxOperandItems) {
				held -= items[0]
				ops, items = ops[1:], items[1:]
			}
			ops = append(ops, v)
			items = append(items, l.items)
			held += l.items
			continue
		}
		parts := []string{string(kw)}
		for _, o := range ops {
			parts = append(parts, pdfOperandText(o, false))
		}
		out = append(out, strings.Join(parts, " "))
		ops, items, held = nil, nil, 0
		if kw == "BI" {
			l.skipInlineImage()
		}
	}
}

// pdfOpsByReader reads a content stream with pdfOpReader, described as
// pdfOpsByObjects describes it.
func pdfOpsByReader(data []byte) ([]string, error) {
	r := &pdfOpReader{l: pdfDataLexer(data, 0, 1<<20, false, nil), ctx: context.Background(), s: &pdfOperands{}}
	var out []string
	for {
		kw, err := r.next()
		if err != nil {
			return out, err
		}
		parts := []string{string(kw)}
		for _, o := range r.s.ops {
			var v any
			switch o.kind {
			case pdfNumberOperand:
				v = o.num
				if o.isInt {
					v = int64(o.num)
				}
			case pdfNameOperand:
				v = pdfName(r.s.bytes(o.off, o.n))
			case pdfStringOperand:
				v = pdfString(r.s.bytes(o.off, o.n))
			case pdfArrayOperand:
				var arr []any
				for _, e := range r.s.elems[o.off : o.off+o.n] {
					switch {
					case e.kind == pdfStringOperand:
						arr = append(arr, pdfString(r.s.bytes(e.off, e.n)))
					case e.kind == pdfNumberOperand && e.isInt:
						arr = append(arr, int64(e.num))
					case e.kind == pdfNumberOperand:
						arr = append(arr, e.num)
					default:
						arr = append(arr, nil)
					}
				}
				v = arr
			}
			parts = append(parts, pdfOperandText(v, false))
		}
		out = append(out, strings.Join(parts, " "))
		if string(kw) == "BI" {
			r.l.skipInlineImage()
		}
	}
}

// pdfOpsAgree checks that pdfOpReader reads data as the lexer of objects
// did: the same operators, operands and end.
func pdfOpsAgree(t *testing.T, data []byte) {
	want, werr := pdfOpsByObjects(data)
	got, gerr := pdfOpsByReader(data)
	require.Equal(t, want, got)
	require.Equal(t, fmt.Sprint(werr), fmt.Sprint(gerr))
}

func TestPDFOpReader(t *testing.T) {
	num := func(f float64) string { return fmt.Sprintf("f%x", math.Float64bits(f)) }
	integer := func(n int64) string { return fmt.Sprintf("i%x", math.Float64bits(float64(n))) }
	tests := []struct {
		name    string
		content string
		want    []string
	}{
		{name: "text object", content: "BT /F1 12 Tf 1 0 0 1 72.5 700 Tm (Hi) Tj ET",
			want: []string{"BT", "Tf /F1 " + integer(12), "Tm " + strings.Join([]string{integer(1), integer(0), integer(0), integer(1), num(72.5), integer(700)}, " "),
				"Tj (4869)", "ET"}},
		{name: "TJ array", content: "[(A) -120 (B) 3.5] TJ",
			want: []string{"TJ [(41) " + integer(-120) + " (42) " + num(3.5) + "]"}},
		{name: "reference where none belongs", content: "1 0 R /F1 12 Tf 5 6 0 R Do [1 0 R (x) 2 R] TJ",
			want: []string{"Tf ? /F1 " + integer(12), "Do " + integer(5) + " ?", "TJ [? (78) " + integer(2) + " ?]"}},
		{name: "names and keywords in arrays", content: "[/A true null [1] << /B 2 >>] TJ",
			want: []string{"TJ [? ? ? ? ?]"}},
		{name: "marked content", content: "/Span << /MCID 0 /Alt (x) >> BDC EMC",
			want: []string{"BDC /Span ?", "EMC"}},
		{name: "inline image", content: "BI /W 2 /H 1 ID \x00)(\xff EI Q",
			want: []string{"BI", "Q"}},
		{name: "operands past the stack", content: strings.Repeat("7 ", 70) + "Tj",
			want: []string{"Tj" + strings.Repeat(" "+integer(7), pdfMaxOperands)}},
		{name: "stray delimiters", content: "] } ) Tj",
			want: []string{"]", "}", ")", "Tj"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pdfOpsByReader([]byte(tt.content))
			require.ErrorIs(t, err, errPDFEOF)
			assert.Equal(t, tt.want, got)
			pdfOpsAgree(t, []byte(tt.content))
		})
	}
}

// TestPDFOpReaderBounds checks the operand stack's bounds: arrays that
// no operator takes are dropped, and the elements of dropped arrays are
// let go of.
func TestPDFOpReaderBounds(t *testing.T) {
	arr := "[" + strings.Repeat("1 ", 1<<14) + "] "
	content := strings.Repeat(arr, 20) + "(x) Tj"
	r := &pdfOpReader{l: pdfDataLexer([]byte(content), 0, 1<<20, false, nil), ctx: context.Background(), s: &pdfOperands{}}
	kw, err := r.next()
	require.NoError(t, err)
	assert.Equal(t, "Tj", string(kw))
	// At most 2^16 items held: three arrays of 2^14 numbers, and the
	// string.
	require.Len(t, r.s.ops, 4)
	assert.LessOrEqual(t, r.held, pdfMaxOperandItems)
	assert.LessOrEqual(t, len(r.s.elems), 2*4*(1<<14), "dropped arrays' elements let go of")
	pdfOpsAgree(t, []byte(content))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r = &pdfOpReader{l: pdfDataLexer([]byte("BT ET"), 0, 1<<20, false, nil), ctx: ctx, s: &pdfOperands{}}
	_, err = r.next()
	require.ErrorIs(t, err, context.Canceled)
}

func TestPDFOpReaderAgreesOnFixtures(t *testing.T) {
	n := 0
	for _, s := range pdfFixtureStreams(t) {
		if s.content {
			pdfOpsAgree(t, s.decoded)
			n++
		}
	}
	assert.NotZero(t, n, "no content stream in the fixtures")
}

// pdfRunContent runs the text interpreter over data with a WinAnsi
// font for every name, as a page without resources gets.
func pdfRunContent(data []byte, max int) (string, bool) {
	lim := Limits{}.WithDefaults()
	d := newPDFDoc(context.Background(), bytes.NewReader(nil), 0, lim)
	var sb strings.Builder
	c := &pdfContent{d: d, fonts: map[pdfRef]*pdfFont{}, out: &sb, max: max, forms: map[pdfRef]bool{}}
	c.run(data)
	return sb.String(), c.full
}

func TestPDFContentRun(t *testing.T) {
	text, full := pdfRunContent([]byte("BT /F1 10 Tf 72 700 Td (Caf\\351) Tj 0 -14 Td [(A) -300 (B)] TJ ET"), 1<<10)
	assert.Equal(t, "Café\nA B", text)
	assert.False(t, full)
	text, full = pdfRunContent([]byte("BT /F1 10 Tf (abcdefgh) Tj (ijk) Tj ET"), 4)
	assert.Equal(t, "abcde", text)
	assert.True(t, full)
}

// FuzzPDFContent feeds the content streams of the fixtures and their
// mutations to pdfOpReader and to the lexer of objects, which must read
// them alike, and to the text interpreter, whose text must be UTF-8 and
// within its limit.
func FuzzPDFContent(f *testing.F) {
	for _, s := range pdfFixtureStreams(f) {
		if s.content {
			f.Add(s.decoded[:min(len(s.decoded), 16<<10)])
		}
	}
	f.Add([]byte("BT /F1 12 Tf 1 0 R 2 0 R [1 0 R (x) 2 R] TJ << /A 1 0 R >> BDC BI /W 1 ID \x00 EI ET"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		pdfOpsAgree(t, data)
		text, _ := pdfRunContent(data, 256)
		if len(text) > 257 {
			t.Fatalf("text of %d bytes past the limit", len(text))
		}
		if !utf8.ValidString(text) {
			t.Fatalf("text not UTF-8: %q", text)
		}
	})
}
