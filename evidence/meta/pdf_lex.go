package meta

import (
	"bytes"
	"errors"
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

// The lexer reads PDF syntax a token at a time. Its hot path, the
// content streams of pages (pdf_text.go), allocates nothing: a token is
// a slice of the data (or of a buffer the lexer keeps), numbers are
// parsed once, in one pass, and no error value is made unless the data
// is in error. An integer looks ahead for the "gen R" of a reference
// only where references occur, in the objects of the file (refs);
// content streams hold none.

// Classes of bytes in PDF syntax (PDF 32000-1:2008, 7.2.2).
const (
	pdfRegular byte = iota
	pdfWhite
	pdfDelim
)

// pdfClass is the class of every byte.
var pdfClass = func() (t [256]byte) {
	for _, c := range []byte{0, '\t', '\n', '\f', '\r', ' '} {
		t[c] = pdfWhite
	}
	for _, c := range []byte("()<>[]{}/%") {
		t[c] = pdfDelim
	}
	return t
}()

func pdfSpace(c byte) bool { return pdfClass[c] == pdfWhite }

func pdfDelimiter(c byte) bool { return pdfClass[c] == pdfDelim }

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
// (data) or from the file through a small window (r, buf).
type pdfLexer struct {
	// data, when not nil, holds what is read; end is at most len(data).
	data      []byte
	r         io.ReaderAt
	buf       []byte
	bufOff    int64
	bufN      int
	pos, end  int64
	maxString int64
	items     int
	// refs is set where an integer may begin a reference "num gen R":
	// in the objects of the file. Without it an integer is read
	// without looking ahead.
	refs bool
	// stack holds the elements of the arrays being read, shared by the
	// lexers of a file (one reads at a time): an array is then made at
	// its size once, where appending to it would allocate five times
	// its size.
	stack *[]any
	// tok holds the run read last from the window; small is its first
	// room, so that most runs cost no allocation.
	tok   []byte
	small [64]byte
}

// pdfDataLexer returns a lexer over data from pos.
func pdfDataLexer(data []byte, pos, maxString int64, refs bool, stack *[]any) *pdfLexer {
	if data == nil {
		data = []byte{}
	}
	return &pdfLexer{data: data, pos: pos, end: int64(len(data)), maxString: maxString, refs: refs, stack: stack}
}

func (l *pdfLexer) peek() (byte, bool) {
	if l.pos >= l.end || l.pos < 0 {
		return 0, false
	}
	if l.data != nil {
		return l.data[l.pos], true
	}
	return l.peekFile()
}

// peekFile reads the byte at pos through the window.
func (l *pdfLexer) peekFile() (byte, bool) {
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

// skipSpace skips white space and comments.
func (l *pdfLexer) skipSpace() {
	if l.data != nil && l.pos >= 0 {
		data := l.data[:l.end]
		i := l.pos
		for i < int64(len(data)) {
			c := data[i]
			if c == '%' {
				for i++; i < int64(len(data)) && data[i] != '\n' && data[i] != '\r'; i++ {
				}
				continue
			}
			if pdfClass[c] != pdfWhite {
				break
			}
			i++
		}
		l.pos = i
		return
	}
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

// run reads a run of regular characters and returns at most pdfMaxToken
// of them, valid until the next read.
func (l *pdfLexer) run() []byte {
	if l.data != nil && l.pos >= 0 {
		data := l.data[:l.end]
		start, i := l.pos, l.pos
		for i < int64(len(data)) && pdfClass[data[i]] == pdfRegular {
			i++
		}
		l.pos = i
		return data[start:min(i, start+pdfMaxToken)]
	}
	if l.tok == nil {
		l.tok = l.small[:0]
	}
	b := l.tok[:0]
	for {
		c, ok := l.peek()
		if !ok || pdfClass[c] != pdfRegular {
			l.tok = b
			return b
		}
		if len(b) < pdfMaxToken {
			b = append(b, c)
		}
		l.pos++
	}
}

// regular reads a run of regular characters, keeping at most
// pdfMaxToken of them.
func (l *pdfLexer) regular() string { return string(l.run()) }

// word skips white space and reads a run of regular characters, valid
// until the next read.
func (l *pdfLexer) word() []byte {
	l.skipSpace()
	return l.run()
}

// keyword skips white space and reads a run of regular characters.
func (l *pdfLexer) keyword() string { return string(l.word()) }

// integer reads an integer token.
func (l *pdfLexer) integer() (int64, bool) { return pdfParseInt(l.word()) }

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

// pdfPow10 are the powers of ten a float64 holds exactly.
var pdfPow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// pdfNumberKind is what a token that starts like a number is.
type pdfNumberKind uint8

const (
	pdfNotNumber pdfNumberKind = iota
	pdfInteger
	pdfReal
)

// pdfNumber parses a token that starts like a number, once: an integer
// as pdfParseInt reads it, else a real as strconv.ParseFloat reads it,
// else none. A real of at most 15 digits, 22 of them after the point,
// is made here exactly as strconv makes it (a float64 mantissa divided by
// an exact power of ten rounds once, correctly); strconv reads the
// others, rare in PDF: exponents, long mantissas, integers past int64.
func pdfNumber(tok []byte) (pdfNumberKind, int64, float64) {
	i := 0
	neg := false
	if i < len(tok) && (tok[i] == '+' || tok[i] == '-') {
		neg = tok[i] == '-'
		i++
	}
	var m uint64
	digits, point := 0, -1
	for ; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c >= '0' && c <= '9':
			if digits < 18 {
				m = m*10 + uint64(c-'0')
			}
			digits++
		case c == '.' && point < 0:
			point = digits
		default:
			return pdfNumberSlow(tok)
		}
	}
	if point < 0 {
		if n, ok := pdfParseInt(tok); ok {
			return pdfInteger, n, 0
		}
		return pdfNumberSlow(tok)
	}
	if digits == 0 || digits > 15 || digits-point > 22 || m >= 1<<53 {
		return pdfNumberSlow(tok)
	}
	f := float64(m) / pdfPow10[digits-point]
	if neg {
		f = -f
	}
	return pdfReal, 0, f
}

// pdfNumberSlow parses what pdfNumber leaves to strconv.
func pdfNumberSlow(tok []byte) (pdfNumberKind, int64, float64) {
	if n, ok := pdfParseInt(tok); ok {
		return pdfInteger, n, 0
	}
	if f, err := strconv.ParseFloat(string(tok), 64); err == nil {
		return pdfReal, 0, f
	}
	return pdfNotNumber, 0, 0
}

// pdfNumberStart reports whether a token starting with c is read as a
// number.
func pdfNumberStart(c byte) bool {
	return c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

// refTail reads the "gen R" that makes the integer before it an
// indirect reference, and leaves the position as it was when there is
// none.
func (l *pdfLexer) refTail() (int64, bool) {
	save := l.pos
	l.skipSpace()
	g, ok := pdfParseInt(l.run())
	if ok && g >= 0 {
		l.skipSpace()
		if r := l.run(); len(r) == 1 && r[0] == 'R' {
			return g, true
		}
	}
	l.pos = save
	return 0, false
}

// pdfKeywords are the keywords read most, made once: an operator of a
// content stream costs no allocation.
var pdfKeywords = func() map[string]any {
	m := map[string]any{}
	for _, k := range strings.Fields(`obj endobj stream endstream R BT ET Tf Td TD Tm T* Tj TJ ' " Tc Tw Tz TL Tr Ts
		q Q cm w J j M d ri i gs m l c v y h re S s f F f* B B* b b* n W W* CS cs SC SCN sc scn G g RG rg K k
		sh BI ID EI Do BMC BDC EMC MP DP d0 d1 begincmap endcmap usecmap begincodespacerange endcodespacerange
		beginbfchar endbfchar beginbfrange endbfrange def dict begin end findresource defineresource pop`) {
		m[k] = pdfKeyword(k)
	}
	return m
}()

// pdfDelimKeywords are the delimiters read as keywords, made once.
var pdfDelimKeywords = func() (t [256]any) {
	for _, c := range []byte("()<>[]{}/%") {
		t[c] = pdfKeyword([]byte{c})
	}
	return t
}()

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
		return pdfDelimKeywords[c], nil
	case pdfNumberStart(c):
		tok := l.run()
		switch kind, n, f := pdfNumber(tok); kind {
		case pdfInteger:
			if n >= 0 && l.refs {
				if g, ok := l.refTail(); ok {
					return pdfRef{n, g}, nil
				}
			}
			return n, nil
		case pdfReal:
			return f, nil
		}
		return pdfKeyword(tok), nil
	}
	b := l.run()
	if k, ok := pdfKeywords[string(b)]; ok {
		return k, nil
	}
	switch string(b) {
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
	return pdfKeyword(b), nil
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

// pdfShape is what skip tells of an object: a name, the keyword ">" or
// "endobj" (either ends a dictionary), or another.
type pdfShape uint8

const (
	pdfShapeOther pdfShape = iota
	pdfShapeName
	pdfShapeEnd
)

// skip reads one object as object does, with its bounds and errors and
// references looked for, but makes nothing of it.
func (l *pdfLexer) skip(depth int) (pdfShape, error) {
	if depth > pdfMaxNesting {
		return 0, fmt.Errorf("%w: objects nested deeper than %d", ErrLimit, pdfMaxNesting)
	}
	if l.items++; l.items > pdfMaxItems {
		return 0, fmt.Errorf("%w: object of more than %d elements", ErrLimit, pdfMaxItems)
	}
	l.skipSpace()
	c, ok := l.peek()
	if !ok {
		return 0, errPDFEOF
	}
	switch {
	case c == '/':
		l.pos++
		l.run()
		return pdfShapeName, nil
	case c == '(':
		l.pos++
		_, err := l.scanLiteral(nil, false)
		return pdfShapeOther, err
	case c == '<':
		l.pos++
		if c, ok := l.peek(); ok && c == '<' {
			l.pos++
			return pdfShapeOther, l.skipDict(depth)
		}
		_, err := l.scanHex(nil, false)
		return pdfShapeOther, err
	case c == '[':
		l.pos++
		return pdfShapeOther, l.skipArray(depth)
	case pdfDelimiter(c):
		l.pos++
		if c == '>' {
			return pdfShapeEnd, nil
		}
		return pdfShapeOther, nil
	case pdfNumberStart(c):
		if n, ok := pdfParseInt(l.run()); ok && n >= 0 {
			l.refTail()
		}
		return pdfShapeOther, nil
	}
	switch b := l.run(); string(b) {
	case "endobj":
		return pdfShapeEnd, nil
	case "":
		l.pos++ // a byte no token starts with
	}
	return pdfShapeOther, nil
}

// skipArray reads an array as object does, its "[" read, making nothing
// of it.
func (l *pdfLexer) skipArray(depth int) error {
	for {
		l.skipSpace()
		c, ok := l.peek()
		if !ok {
			return fmt.Errorf("%w: unterminated array", ErrFormat)
		}
		if c == ']' {
			l.pos++
			return nil
		}
		if _, err := l.skip(depth + 1); err != nil {
			return err
		}
	}
}

// skipDict reads a dictionary as dict does, its "<<" read, making
// nothing of it.
func (l *pdfLexer) skipDict(depth int) error {
	for {
		l.skipSpace()
		c, ok := l.peek()
		if !ok {
			return fmt.Errorf("%w: unterminated dictionary", ErrFormat)
		}
		if c == '>' {
			l.pos++
			if c, ok := l.peek(); ok && c == '>' {
				l.pos++
			}
			return nil
		}
		k, err := l.skip(depth + 1)
		if err != nil {
			return err
		}
		if k != pdfShapeName {
			continue // tolerate stray tokens
		}
		v, err := l.skip(depth + 1)
		if err != nil {
			return err
		}
		if v == pdfShapeEnd {
			return nil
		}
	}
}

func pdfUnescapeName(s string) string {
	if !strings.Contains(s, "#") {
		return s
	}
	return string(pdfAppendName(nil, []byte(s)))
}

// pdfAppendName appends the name s, its #xx escapes decoded, to b.
func pdfAppendName(b, s []byte) []byte {
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
	return b
}

func (l *pdfLexer) literal() (any, error) {
	b, err := l.scanLiteral(nil, true)
	if err != nil && errors.Is(err, ErrLimit) {
		return nil, err
	}
	return pdfString(b), err
}

// scanLiteral reads a literal string, its "(" read, appending its bytes
// to b when keep is set. A string of more than maxString bytes stops
// with an error wrapping ErrLimit; one the data ends in comes back with
// what was read and an error wrapping ErrFormat.
func (l *pdfLexer) scanLiteral(b []byte, keep bool) ([]byte, error) {
	var n int64 // the bytes of the string so far
	depth := 1
	for {
		if n > l.maxString {
			return nil, fmt.Errorf("%w: string over %d bytes", ErrLimit, l.maxString)
		}
		if l.data != nil && l.pos >= 0 {
			// Bytes that stand for themselves are taken as a run, at
			// most as many as keep the check above where it was.
			data := l.data[:l.end]
			i, lim := l.pos, min(int64(len(data)), l.pos+(l.maxString+1-n))
			for i < lim {
				if c := data[i]; c == '(' || c == ')' || c == '\\' {
					break
				}
				i++
			}
			if i > l.pos {
				if keep {
					b = append(b, data[l.pos:i]...)
				}
				n += i - l.pos
				l.pos = i
				continue
			}
		}
		c, ok := l.peek()
		if !ok {
			return b, fmt.Errorf("%w: unterminated string", ErrFormat)
		}
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return b, nil
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
		if keep {
			b = append(b, c)
		}
		n++
	}
}

func (l *pdfLexer) hexString() (any, error) {
	var b []byte
	if l.data != nil && l.pos >= 0 && l.pos <= l.end {
		// The string ends at the next '>': room for it at once.
		if i := bytes.IndexByte(l.data[l.pos:l.end], '>'); i >= 0 {
			b = make([]byte, 0, min(int64(i/2+1), l.maxString+1))
		}
	}
	b, err := l.scanHex(b, true)
	if err != nil && errors.Is(err, ErrLimit) {
		return nil, err
	}
	return pdfString(b), err
}

// scanHex reads a hexadecimal string, its "<" read, appending its bytes
// to b when keep is set, with the errors of scanLiteral.
func (l *pdfLexer) scanHex(b []byte, keep bool) ([]byte, error) {
	var n int64
	var hi byte
	half := false
	for {
		c, ok := l.peek()
		if !ok {
			return b, fmt.Errorf("%w: unterminated hex string", ErrFormat)
		}
		l.pos++
		if c == '>' {
			if half && keep {
				b = append(b, hi<<4)
			}
			return b, nil
		}
		v, ok := pdfHexVal(c)
		if !ok {
			continue
		}
		if half {
			if keep {
				b = append(b, hi<<4|v)
			}
			if n++; n > l.maxString {
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
		tok := l.word()
		if string(tok) == "ID" {
			break
		}
		if len(tok) == 0 {
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
