package meta

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Bounds of the PDF lexer.
const (
	// pdfMaxNesting caps arrays and dictionaries inside one another. Real
	// files rarely go past 10; Go's stack must not follow a hostile 10^6.
	pdfMaxNesting = 64
	// pdfMaxItems caps the elements of one object (all arrays and
	// dictionaries in it): a page tree's Kids array of a large document
	// holds thousands, never hundreds of thousands.
	pdfMaxItems = 1 << 18
	// pdfMaxToken caps a name or keyword; longer ones are cut.
	pdfMaxToken = 1024
)

// Objects of the PDF file structure. Integers are int64, reals float64,
// strings pdfString (bytes as read), null nil.
type (
	pdfName    string
	pdfKeyword string
	pdfString  []byte
	pdfDict    map[string]any
	pdfRef     struct{ num, gen int64 }
	// pdfStream is a stream object of the file: its dictionary and where
	// its data starts.
	pdfStream struct {
		dict  pdfDict
		start int64
		ref   pdfRef
	}
)

func pdfHexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// errPDFEOF ends the data of a lexer before an object is complete.
var errPDFEOF = fmt.Errorf("%w: unexpected end of data", ErrFormat)

// pdfLexer reads the tokens and objects of PDF syntax, from a byte slice
// (data) or from the file through a small window.
type pdfLexer struct {
	data      []byte
	r         io.ReaderAt
	buf       []byte
	bufOff    int64
	bufN      int
	pos, end  int64
	maxString int64
	items     int
	// stack holds the elements of the arrays being read, shared by the
	// lexers of a file (one reads at a time): an array is then made at
	// its size once, where appending to it would allocate five times
	// its size.
	stack *[]any
}

func (l *pdfLexer) peek() (byte, bool) {
	if l.pos >= l.end || l.pos < 0 {
		return 0, false
	}
	if l.data != nil {
		return l.data[l.pos], true
	}
	if l.pos < l.bufOff || l.pos >= l.bufOff+int64(l.bufN) {
		n := min(int64(len(l.buf)), l.end-l.pos)
		m, _ := l.r.ReadAt(l.buf[:n], l.pos)
		if m <= 0 {
			return 0, false
		}
		l.bufOff, l.bufN = l.pos, m
	}
	return l.buf[l.pos-l.bufOff], true
}

func pdfSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func pdfDelimiter(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

func (l *pdfLexer) skipSpace() {
	for {
		c, ok := l.peek()
		if !ok {
			return
		}
		if c == '%' {
			for {
				l.pos++
				c, ok := l.peek()
				if !ok || c == '\n' || c == '\r' {
					break
				}
			}
			continue
		}
		if !pdfSpace(c) {
			return
		}
		l.pos++
	}
}

// regular reads a run of regular characters, keeping at most
// pdfMaxToken of them.
func (l *pdfLexer) regular() string {
	var buf [64]byte
	return string(l.regularBytes(buf[:0]))
}

// regularBytes appends a run of regular characters to b, keeping at most
// pdfMaxToken of them. Tokens are short: with b on the caller's stack,
// most cost no allocation.
func (l *pdfLexer) regularBytes(b []byte) []byte {
	for {
		c, ok := l.peek()
		if !ok || pdfSpace(c) || pdfDelimiter(c) {
			return b
		}
		if len(b) < pdfMaxToken {
			b = append(b, c)
		}
		l.pos++
	}
}

// pdfParseInt parses a decimal integer with an optional sign, as
// strconv.ParseInt(s, 10, 64) does, without making a string of it.
func pdfParseInt(b []byte) (int64, bool) {
	neg := false
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		neg, b = b[0] == '-', b[1:]
	}
	if len(b) == 0 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' || n > (math.MaxUint64-9)/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	switch {
	case !neg && n <= math.MaxInt64:
		return int64(n), true
	case neg && n <= 1<<63:
		return -int64(n), true
	}
	return 0, false
}

// refTail reads the "gen R" that makes the integer before it an
// indirect reference, and leaves the position as it was when there is
// none.
func (l *pdfLexer) refTail() (int64, bool) {
	save := l.pos
	l.skipSpace()
	var buf [64]byte
	g, ok := pdfParseInt(l.regularBytes(buf[:0]))
	if ok && g >= 0 {
		l.skipSpace()
		if r := l.regularBytes(buf[:0]); len(r) == 1 && r[0] == 'R' {
			return g, true
		}
	}
	l.pos = save
	return 0, false
}

// pdfKeywords are the keywords read most, made once: an operator of a
// content stream costs no allocation.
var pdfKeywords = func() map[string]pdfKeyword {
	m := map[string]pdfKeyword{}
	for _, k := range strings.Fields(`obj endobj stream endstream R BT ET Tf Td TD Tm T* Tj TJ ' " Tc Tw Tz TL Tr Ts
		q Q cm w J j M d ri i gs m l c v y h re S s f F f* B B* b b* n W W* CS cs SC SCN sc scn G g RG rg K k
		sh BI ID EI Do BMC BDC EMC MP DP d0 d1 begincmap endcmap usecmap begincodespacerange endcodespacerange
		beginbfchar endbfchar beginbfrange endbfrange def dict begin end findresource defineresource pop`) {
		m[k] = pdfKeyword(k)
	}
	return m
}()

// keyword skips white space and reads a run of regular characters.
func (l *pdfLexer) keyword() string {
	l.skipSpace()
	return l.regular()
}

// integer reads an integer token.
func (l *pdfLexer) integer() (int64, bool) {
	n, err := strconv.ParseInt(l.keyword(), 10, 64)
	return n, err == nil
}

// object reads one object. Keywords (operators of content streams,
// "endobj", "stream") come back as pdfKeyword; depth counts enclosing
// arrays and dictionaries.
func (l *pdfLexer) object(depth int) (any, error) {
	if depth > pdfMaxNesting {
		return nil, fmt.Errorf("%w: objects nested deeper than %d", ErrLimit, pdfMaxNesting)
	}
	if l.items++; l.items > pdfMaxItems {
		return nil, fmt.Errorf("%w: object of more than %d elements", ErrLimit, pdfMaxItems)
	}
	l.skipSpace()
	c, ok := l.peek()
	if !ok {
		return nil, errPDFEOF
	}
	switch {
	case c == '/':
		l.pos++
		return pdfName(pdfUnescapeName(l.regular())), nil
	case c == '(':
		l.pos++
		return l.literal()
	case c == '<':
		l.pos++
		if c, ok := l.peek(); ok && c == '<' {
			l.pos++
			return l.dict(depth)
		}
		return l.hexString()
	case c == '[':
		l.pos++
		if l.stack == nil {
			l.stack = new([]any)
		}
		base := len(*l.stack)
		done := func() []any {
			var arr []any
			if len(*l.stack) > base {
				arr = slices.Clone((*l.stack)[base:])
			}
			clear((*l.stack)[base:])
			*l.stack = (*l.stack)[:base]
			return arr
		}
		for {
			l.skipSpace()
			c, ok := l.peek()
			if !ok {
				return done(), fmt.Errorf("%w: unterminated array", ErrFormat)
			}
			if c == ']' {
				l.pos++
				return done(), nil
			}
			v, err := l.object(depth + 1)
			if err != nil {
				return done(), err
			}
			*l.stack = append(*l.stack, v)
		}
	case pdfDelimiter(c):
		l.pos++
		return pdfKeyword(string(c)), nil
	case c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
		var buf [64]byte
		tok := l.regularBytes(buf[:0])
		if n, ok := pdfParseInt(tok); ok {
			if n >= 0 {
				if g, ok := l.refTail(); ok {
					return pdfRef{n, g}, nil
				}
			}
			return n, nil
		}
		if f, err := strconv.ParseFloat(string(tok), 64); err == nil {
			return f, nil
		}
		return pdfKeyword(tok), nil
	}
	var buf [64]byte
	b := l.regularBytes(buf[:0])
	if k, ok := pdfKeywords[string(b)]; ok {
		return k, nil
	}
	tok := string(b)
	switch tok {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	case "":
		l.pos++ // a byte no token starts with
		return pdfKeyword(string(c)), nil
	}
	return pdfKeyword(tok), nil
}

func (l *pdfLexer) dict(depth int) (any, error) {
	d := pdfDict{}
	for {
		l.skipSpace()
		c, ok := l.peek()
		if !ok {
			return d, fmt.Errorf("%w: unterminated dictionary", ErrFormat)
		}
		if c == '>' {
			l.pos++
			if c, ok := l.peek(); ok && c == '>' {
				l.pos++
			}
			return d, nil
		}
		k, err := l.object(depth + 1)
		if err != nil {
			return d, err
		}
		key, ok := k.(pdfName)
		if !ok {
			continue // tolerate stray tokens
		}
		v, err := l.object(depth + 1)
		if err != nil {
			return d, err
		}
		if kw, ok := v.(pdfKeyword); ok && (kw == ">" || kw == "endobj") {
			return d, nil
		}
		d[string(key)] = v
	}
}

func pdfUnescapeName(s string) string {
	if !strings.Contains(s, "#") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			hi, ok1 := pdfHexVal(s[i+1])
			lo, ok2 := pdfHexVal(s[i+2])
			if ok1 && ok2 {
				b = append(b, hi<<4|lo)
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

func (l *pdfLexer) literal() (any, error) {
	var b []byte
	depth := 1
	for {
		if int64(len(b)) > l.maxString {
			return nil, fmt.Errorf("%w: string over %d bytes", ErrLimit, l.maxString)
		}
		c, ok := l.peek()
		if !ok {
			return pdfString(b), fmt.Errorf("%w: unterminated string", ErrFormat)
		}
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return pdfString(b), nil
			}
		case '\\':
			e, ok := l.peek()
			if !ok {
				continue
			}
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if n, ok := l.peek(); ok && n == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := e - '0'
					for k := 0; k < 2; k++ {
						d, ok := l.peek()
						if !ok || d < '0' || d > '7' {
							break
						}
						v = v<<3 | (d - '0')
						l.pos++
					}
					c = v
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
}

func (l *pdfLexer) hexString() (any, error) {
	var b []byte
	if l.data != nil {
		// The string ends at the next '>': room for it at once.
		if i := bytes.IndexByte(l.data[l.pos:], '>'); i >= 0 {
			b = make([]byte, 0, min(int64(i/2+1), l.maxString+1))
		}
	}
	var hi byte
	half := false
	for {
		c, ok := l.peek()
		if !ok {
			return pdfString(b), fmt.Errorf("%w: unterminated hex string", ErrFormat)
		}
		l.pos++
		if c == '>' {
			if half {
				b = append(b, hi<<4)
			}
			return pdfString(b), nil
		}
		v, ok := pdfHexVal(c)
		if !ok {
			continue
		}
		if half {
			b = append(b, hi<<4|v)
			if int64(len(b)) > l.maxString {
				return nil, fmt.Errorf("%w: string over %d bytes", ErrLimit, l.maxString)
			}
		} else {
			hi = v
		}
		half = !half
	}
}

// skipInlineImage skips the data of an inline image, up to "EI".
func (l *pdfLexer) skipInlineImage() {
	for {
		tok := l.keyword()
		if tok == "ID" {
			break
		}
		if tok == "" {
			if _, ok := l.peek(); !ok {
				return
			}
			l.pos++
		}
	}
	l.pos++ // the single white-space byte after ID
	for {
		c, ok := l.peek()
		if !ok {
			return
		}
		l.pos++
		if c == 'E' {
			if n, ok := l.peek(); ok && n == 'I' {
				l.pos++
				if n, ok := l.peek(); !ok || pdfSpace(n) {
					return
				}
			}
		}
	}
}
