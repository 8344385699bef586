package meta

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPDFNumber(t *testing.T) {
	tests := []struct {
		tok  string
		kind pdfNumberKind
		i    int64
		f    float64
	}{
		{"0", pdfInteger, 0, 0},
		{"-17", pdfInteger, -17, 0},
		{"+42", pdfInteger, 42, 0},
		{"9223372036854775807", pdfInteger, math.MaxInt64, 0},
		{"-9223372036854775808", pdfInteger, math.MinInt64, 0},
		{"9223372036854775808", pdfReal, 0, 9223372036854775808},
		{"3.14", pdfReal, 0, 3.14},
		{"-.5", pdfReal, 0, -0.5},
		{"+.25", pdfReal, 0, 0.25},
		{"5.", pdfReal, 0, 5},
		{"0.1", pdfReal, 0, 0.1},
		{"123456789012345.6", pdfReal, 0, 123456789012345.6},
		{"0.0000000000000000000001", pdfReal, 0, 1e-22},
		{"1e5", pdfReal, 0, 1e5},
		{"-", pdfNotNumber, 0, 0},
		{".", pdfNotNumber, 0, 0},
		{"1.2.3", pdfNotNumber, 0, 0},
		{"--1", pdfNotNumber, 0, 0},
		{"12abc", pdfNotNumber, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.tok, func(t *testing.T) {
			kind, i, f := pdfNumber([]byte(tt.tok))
			assert.Equal(t, tt.kind, kind)
			assert.Equal(t, tt.i, i)
			assert.Equal(t, math.Float64bits(tt.f), math.Float64bits(f), "%v", f)
		})
	}
}

// pdfNumberByStrconv is how numbers were read before pdfNumber: an
// integer by strconv.ParseInt, else a real by strconv.ParseFloat.
func pdfNumberByStrconv(tok string) (pdfNumberKind, int64, float64) {
	if n, err := strconv.ParseInt(tok, 10, 64); err == nil {
		return pdfInteger, n, 0
	}
	if f, err := strconv.ParseFloat(tok, 64); err == nil {
		return pdfReal, 0, f
	}
	return pdfNotNumber, 0, 0
}

// TestPDFNumberAgreesWithStrconv checks pdfNumber against strconv on
// numbers of every length the fast path takes and some it leaves, bit
// for bit.
func TestPDFNumberAgreesWithStrconv(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	digits := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		return b.String()
	}
	for range 200_000 {
		var tok string
		switch sign := []string{"", "-", "+"}[rng.IntN(3)]; rng.IntN(4) {
		case 0:
			tok = sign + digits(1+rng.IntN(20))
		case 1:
			tok = sign + digits(rng.IntN(12)) + "." + digits(rng.IntN(12))
		case 2:
			tok = sign + digits(rng.IntN(4)) + "." + digits(10+rng.IntN(16))
		default:
			tok = sign + "0." + strings.Repeat("0", rng.IntN(25)) + digits(1+rng.IntN(6))
		}
		wk, wi, wf := pdfNumberByStrconv(tok)
		gk, gi, gf := pdfNumber([]byte(tok))
		if wk != gk || wi != gi || math.Float64bits(wf) != math.Float64bits(gf) {
			t.Fatalf("%q: got %v %d %v, strconv %v %d %v", tok, gk, gi, gf, wk, wi, wf)
		}
	}
}

// pdfByteReaderAt reads at most one byte per call, with an error when
// it reads less than asked, as a short ReaderAt may.
type pdfByteReaderAt struct{ data []byte }

func (r pdfByteReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.data[off]
	if len(p) > 1 {
		return 1, io.ErrUnexpectedEOF
	}
	return 1, nil
}

// pdfFileLexer returns a lexer that reads data through a window of
// window bytes of r, as lexers of the file do.
func pdfFileLexer(r io.ReaderAt, size int64, window int, refs bool) *pdfLexer {
	return &pdfLexer{r: r, end: size, maxString: 1 << 20, refs: refs, buf: make([]byte, window)}
}

// pdfLexed is what object made of one object, and where it left the
// lexer.
type pdfLexed struct {
	v   any
	err string
	pos int64
}

// pdfLexAll reads objects until an error, at most max of them.
func pdfLexAll(l *pdfLexer, max int) []pdfLexed {
	var out []pdfLexed
	for range max {
		l.items = 0
		v, err := l.object(0)
		e := ""
		if err != nil {
			e = err.Error()
		}
		out = append(out, pdfLexed{pdfNoEmpty(v), e, l.pos})
		if err != nil {
			break
		}
	}
	return out
}

// pdfNoEmpty makes every empty string of v the same: the data lexer
// makes room for a hexadecimal string at once, the window lexer does not,
// and either way the string is empty.
func pdfNoEmpty(v any) any {
	switch x := v.(type) {
	case pdfString:
		if len(x) == 0 {
			return pdfString{}
		}
	case []any:
		for i := range x {
			x[i] = pdfNoEmpty(x[i])
		}
	case pdfDict:
		for k := range x {
			x[k] = pdfNoEmpty(x[k])
		}
	}
	return v
}

func TestPDFLexerObjects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		refs bool
		want []any
	}{
		{name: "reference where references occur", in: "[1 0 R 2 -3 0 R 4 5 R]", refs: true,
			want: []any{[]any{pdfRef{1, 0}, int64(2), int64(-3), int64(0), pdfKeyword("R"), pdfRef{4, 5}}}},
		{name: "no look-ahead elsewhere", in: "[1 0 R]",
			want: []any{[]any{int64(1), int64(0), pdfKeyword("R")}}},
		{name: "dictionary", in: "<< /Type /Page /Kids [3 0 R] /MediaBox [0 0 612.5 792] /N null /B true >>", refs: true,
			want: []any{pdfDict{"Type": pdfName("Page"), "Kids": []any{pdfRef{3, 0}}, "MediaBox": []any{int64(0), int64(0), 612.5, int64(792)},
				"N": nil, "B": true}}},
		{name: "strings", in: `(a\(b\)c\n\101\0532) <48 65 6c6c 6F> <4> ()`,
			want: []any{pdfString("a(b)c\nA+2"), pdfString("Hello"), pdfString("@"), pdfString(nil)}},
		{name: "names and comments", in: "/A#42C % a comment\n/#20x /",
			want: []any{pdfName("ABC"), pdfName(" x"), pdfName("")}},
		{name: "keywords and delimiters", in: "BT ET } ) 1.2.3",
			want: []any{pdfKeyword("BT"), pdfKeyword("ET"), pdfKeyword("}"), pdfKeyword(")"), pdfKeyword("1.2.3")}},
		{name: "split line in a string", in: "(one\\\r\ntwo\\\nthree)",
			want: []any{pdfString("onetwothree")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := pdfDataLexer([]byte(tt.in), 0, 1<<20, tt.refs, nil)
			var got []any
			for {
				v, err := l.object(0)
				if errors.Is(err, errPDFEOF) {
					break
				}
				require.NoError(t, err)
				got = append(got, v)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestPDFLexerBounds(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int64
		want any
		err  error
	}{
		{name: "nesting", in: strings.Repeat("[", pdfMaxNesting+2), max: 1 << 20, err: ErrLimit},
		{name: "literal over maxString", in: "(" + strings.Repeat("x", 11) + ")", max: 10, err: ErrLimit},
		{name: "literal of maxString", in: "(" + strings.Repeat("x", 10) + ")", max: 10, want: pdfString(strings.Repeat("x", 10))},
		{name: "escapes count once", in: `(\101\101\101)`, max: 3, want: pdfString("AAA")},
		{name: "hex over maxString", in: "<" + strings.Repeat("41", 11) + ">", max: 10, err: ErrLimit},
		{name: "unterminated literal", in: "(abc", max: 10, want: pdfString("abc"), err: ErrFormat},
		{name: "unterminated hex", in: "<414", max: 10, want: pdfString("A"), err: ErrFormat},
		{name: "unterminated dictionary", in: "<< /A 1", max: 10, want: pdfDict{"A": int64(1)}, err: ErrFormat},
		{name: "items", in: "[" + strings.Repeat("0 ", pdfMaxItems) + "]", max: 10, err: ErrLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, window := range []int{0, 1, 7, 4096} {
				var l *pdfLexer
				if window == 0 {
					l = pdfDataLexer([]byte(tt.in), 0, tt.max, true, nil)
				} else {
					l = pdfFileLexer(strings.NewReader(tt.in), int64(len(tt.in)), window, true)
					l.maxString = tt.max
				}
				v, err := l.object(0)
				if tt.err == nil {
					require.NoError(t, err)
				} else {
					require.ErrorIs(t, err, tt.err, "window %d", window)
				}
				if tt.want != nil {
					assert.Equal(t, tt.want, v, "window %d", window)
				}
			}
		})
	}
}

// pdfLexAgree checks that data read through the data lexer, through
// windows of several sizes and through a reader of one byte at a time
// gives the same objects, errors and positions, and that skip reads each
// object as far as object does.
func pdfLexAgree(t *testing.T, data []byte, refs bool) {
	const max = 4096
	want := pdfLexAll(pdfDataLexer(data, 0, 1<<20, refs, nil), max)
	for _, window := range []int{1, 3, 64, 4096} {
		got := pdfLexAll(pdfFileLexer(bytes.NewReader(data), int64(len(data)), window, refs), max)
		require.Equal(t, want, got, "window %d", window)
	}
	got := pdfLexAll(pdfFileLexer(pdfByteReaderAt{data}, int64(len(data)), 16, refs), max)
	require.Equal(t, want, got, "one byte at a time")
	if !refs {
		return
	}
	l := pdfDataLexer(data, 0, 1<<20, true, nil)
	for i, w := range want {
		l.items = 0
		shape, err := l.skip(0)
		e := ""
		if err != nil {
			e = err.Error()
		}
		require.Equal(t, w.err, e, "object %d", i)
		require.Equal(t, w.pos, l.pos, "object %d", i)
		kw, _ := w.v.(pdfKeyword)
		switch {
		case err != nil:
		case kw == ">" || kw == "endobj":
			require.Equal(t, pdfShapeEnd, shape)
		default:
			_, name := w.v.(pdfName)
			require.Equal(t, name, shape == pdfShapeName)
		}
	}
}

func TestPDFLexerReadersAgree(t *testing.T) {
	for i, data := range pdfFixtureFiles(t) {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			pdfLexAgree(t, data, true)
			pdfLexAgree(t, data, false)
		})
	}
	pdfLexAgree(t, []byte("<< /A [1 0 R (x\\)) <41> /B#20] /C << /D 2 0 R >> >> endobj 3 0 obj"), true)
}

// FuzzPDFLexer feeds the lexer the fixtures, their streams and their
// mutations: the data lexer, the file window (at several sizes, and one
// byte at a time) and skip must agree object for object.
func FuzzPDFLexer(f *testing.F) {
	for _, data := range pdfFixtureFiles(f) {
		f.Add(data[:min(len(data), 16<<10)], true)
	}
	for _, s := range pdfFixtureStreams(f) {
		f.Add(s.decoded[:min(len(s.decoded), 16<<10)], !s.content)
	}
	f.Add([]byte("<< /A [1 0 R (x\\)) <41> /B#20] >> endobj [1 2 R 3] 1.5.5 -.5e3"), true)
	f.Fuzz(func(t *testing.T, data []byte, refs bool) {
		if len(data) > 64<<10 {
			return
		}
		pdfLexAgree(t, data, refs)
	})
}
