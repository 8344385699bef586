package xmltok

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// ErrUnsupported is wrapped by the error of a Scanner that meets what it
// leaves to encoding/xml: a directive such as <!DOCTYPE>, or an XML
// declaration naming a version or an encoding it does not read.
var ErrUnsupported = errors.New("xmltok: construct left to encoding/xml")

// Kind is the kind of the token a Scanner has read.
type Kind uint8

// The kinds of token. Comments and processing instructions are reported
// (without their content) so that callers count tokens as encoding/xml
// returns them.
const (
	EOF Kind = iota
	StartElement
	EndElement
	CharData
	Comment
	ProcInst
)

// maxNames bounds the table of names a Scanner keeps so that a name seen
// again costs no allocation. Real parts use a few hundred distinct names;
// past the bound, new names are allocated per use instead of kept.
const maxNames = 4096

// xmlURL is the namespace the reserved prefix "xml" stands for.
const xmlURL = "http://www.w3.org/XML/1998/namespace"

// Scanner reads the tokens of one document at a time. Its zero value is
// ready for Reset. A Scanner is not safe for concurrent use; Reset lets
// one be reused, keeping its tables and buffers.
type Scanner struct {
	doc []byte
	pos int
	err error

	// The token read last.
	start xml.StartElement
	end   xml.EndElement
	text  []byte

	// needClose: the last token was a self-closing element, whose end
	// comes next.
	needClose bool
	toClose   xml.Name

	open   []openElement
	undo   []nsChange
	ns     map[string]string
	names  map[string]string
	attrs  []xml.Attr
	copied []byte // text that had to be rewritten (entities, "\r")
}

type openElement struct {
	raw  xml.Name // as written, prefix not translated
	undo int      // len(undo) before the element's declarations
}

type nsChange struct {
	prefix string
	old    string
	had    bool
}

// Reset makes s read doc from its start. s keeps doc (and returns slices
// of it from Text) until the next Reset.
func (s *Scanner) Reset(doc []byte) {
	s.doc = doc
	s.pos = 0
	s.err = nil
	s.start = xml.StartElement{}
	s.end = xml.EndElement{}
	s.text = nil
	s.needClose = false
	s.toClose = xml.Name{}
	s.open = s.open[:0]
	s.undo = s.undo[:0]
	if s.ns == nil {
		s.ns = make(map[string]string)
	} else {
		clear(s.ns)
	}
	if s.names == nil {
		s.names = make(map[string]string)
	}
}

// Start returns the element read by Next when it reported StartElement,
// with namespace prefixes translated. Its Attr slice is reused by the next
// call of Next.
func (s *Scanner) Start() xml.StartElement { return s.start }

// End returns the element closed when Next reported EndElement.
func (s *Scanner) End() xml.EndElement { return s.end }

// Text returns the character data read when Next reported CharData,
// entities replaced. The slice is valid until the next call of Next or
// Reset and must not be changed.
func (s *Scanner) Text() []byte { return s.text }

// Offset is the byte offset in the document after the token read last.
func (s *Scanner) Offset() int { return s.pos }

// Next reads the next token and reports its kind. At the end of a well
// formed document it reports EOF and a nil error; an element left open at
// the end is a syntax error, as in encoding/xml. After an error, Next
// reports the same error again.
func (s *Scanner) Next() (Kind, error) {
	if s.err != nil {
		return EOF, s.err
	}
	k, err := s.next()
	if err != nil {
		s.err = err
		return EOF, err
	}
	return k, nil
}

func (s *Scanner) next() (Kind, error) {
	if s.needClose {
		s.needClose = false
		return s.closeElement(s.toClose)
	}
	if s.pos >= len(s.doc) {
		if len(s.open) > 0 {
			return EOF, s.syntaxError("unexpected EOF")
		}
		return EOF, nil
	}
	if s.doc[s.pos] != '<' {
		t, err := s.readText(-1, false)
		if err != nil {
			return EOF, err
		}
		s.text = t
		return CharData, nil
	}
	s.pos++
	b, err := s.mustGet()
	if err != nil {
		return EOF, err
	}
	switch b {
	case '/':
		name, ok, err := s.nsName()
		if err != nil {
			return EOF, err
		}
		if !ok {
			return EOF, s.syntaxError("expected element name after </")
		}
		s.space()
		if b, err = s.mustGet(); err != nil {
			return EOF, err
		}
		if b != '>' {
			return EOF, s.syntaxError("invalid characters between </" + name.Local + " and >")
		}
		return s.closeElement(name)
	case '?':
		return s.procInst()
	case '!':
		return s.bang()
	}
	s.pos-- // the byte after '<' starts the name
	return s.startElement()
}

// startElement reads an element's name and attributes, the '<' read.
func (s *Scanner) startElement() (Kind, error) {
	name, ok, err := s.nsName()
	if err != nil {
		return EOF, err
	}
	if !ok {
		return EOF, s.syntaxError("expected element name after <")
	}
	attrs := s.attrs[:0]
	empty := false
	for {
		s.space()
		b, err := s.mustGet()
		if err != nil {
			return EOF, err
		}
		if b == '/' {
			if b, err = s.mustGet(); err != nil {
				return EOF, err
			}
			if b != '>' {
				return EOF, s.syntaxError("expected /> in element")
			}
			empty = true
			break
		}
		if b == '>' {
			break
		}
		s.pos--
		var a xml.Attr
		if a.Name, ok, err = s.nsName(); err != nil {
			return EOF, err
		} else if !ok {
			return EOF, s.syntaxError("expected attribute name in element")
		}
		s.space()
		if b, err = s.mustGet(); err != nil {
			return EOF, err
		}
		if b != '=' {
			return EOF, s.syntaxError("attribute name without = in element")
		}
		s.space()
		if b, err = s.mustGet(); err != nil {
			return EOF, err
		}
		if b != '"' && b != '\'' {
			return EOF, s.syntaxError("unquoted or missing attribute value in element")
		}
		v, err := s.readText(int(b), false)
		if err != nil {
			return EOF, err
		}
		a.Value = string(v)
		attrs = append(attrs, a)
	}
	s.attrs = attrs
	if empty {
		s.needClose = true
		s.toClose = name
	}

	// Declarations apply to the element's own name and attributes, so
	// they are taken first, as encoding/xml does.
	mark := len(s.undo)
	for _, a := range attrs {
		switch {
		case a.Name.Space == "xmlns":
			s.declare(a.Name.Local, a.Value)
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			s.declare("", a.Value)
		}
	}
	s.open = append(s.open, openElement{raw: name, undo: mark})
	s.translate(&name, true)
	for i := range attrs {
		s.translate(&attrs[i].Name, false)
	}
	if attrs == nil {
		attrs = []xml.Attr{}
	}
	s.start = xml.StartElement{Name: name, Attr: attrs}
	return StartElement, nil
}

func (s *Scanner) declare(prefix, url string) {
	old, had := s.ns[prefix]
	s.undo = append(s.undo, nsChange{prefix: prefix, old: old, had: had})
	s.ns[prefix] = url
}

// closeElement matches an end tag (raw name) to the open element, then
// restores the namespaces the element declared.
func (s *Scanner) closeElement(name xml.Name) (Kind, error) {
	if len(s.open) == 0 {
		return EOF, s.syntaxError("unexpected end element </" + name.Local + ">")
	}
	top := s.open[len(s.open)-1]
	switch {
	case top.raw.Local != name.Local:
		return EOF, s.syntaxError("element <" + top.raw.Local + "> closed by </" + name.Local + ">")
	case top.raw.Space != name.Space:
		space := name.Space
		if space == "" {
			space = `""`
		}
		return EOF, s.syntaxError("element <" + top.raw.Local + "> in space " + top.raw.Space +
			" closed by </" + name.Local + "> in space " + space)
	}
	s.open = s.open[:len(s.open)-1]
	s.translate(&name, true)
	for i := len(s.undo) - 1; i >= top.undo; i-- {
		c := s.undo[i]
		if c.had {
			s.ns[c.prefix] = c.old
		} else {
			delete(s.ns, c.prefix)
		}
	}
	s.undo = s.undo[:top.undo]
	s.end = xml.EndElement{Name: name}
	return EndElement, nil
}

// translate turns a prefix into its namespace URL by the rules of
// encoding/xml: the default namespace applies to element names only, an
// undeclared prefix stays as it is, "xml" is reserved.
func (s *Scanner) translate(n *xml.Name, element bool) {
	switch {
	case n.Space == "xmlns":
		return
	case n.Space == "" && !element:
		return
	case n.Space == "xml":
		n.Space = xmlURL
	case n.Space == "" && n.Local == "xmlns":
		return
	}
	if v, ok := s.ns[n.Space]; ok {
		n.Space = v
	}
}

// procInst reads a processing instruction, "<?" read.
func (s *Scanner) procInst() (Kind, error) {
	target, ok, err := s.name()
	if err != nil {
		return EOF, err
	}
	if !ok {
		return EOF, s.syntaxError("expected target name after <?")
	}
	s.space()
	end := bytes.Index(s.doc[s.pos:], []byte("?>"))
	if end < 0 {
		s.pos = len(s.doc)
		return EOF, s.syntaxError("unexpected EOF")
	}
	body := s.doc[s.pos : s.pos+end]
	s.pos += end + 2
	if target == "xml" && !declarationSupported(body) {
		return EOF, fmt.Errorf("%w: XML declaration %q", ErrUnsupported, body)
	}
	return ProcInst, nil
}

// bang reads what follows "<!": a comment or a CDATA section.
func (s *Scanner) bang() (Kind, error) {
	b, err := s.mustGet()
	if err != nil {
		return EOF, err
	}
	switch b {
	case '-':
		if b, err = s.mustGet(); err != nil {
			return EOF, err
		}
		if b != '-' {
			return EOF, s.syntaxError("invalid sequence <!- not part of <!--")
		}
		// The comment ends at its first "--", which must be followed
		// by '>'.
		i := bytes.Index(s.doc[s.pos:], []byte("--"))
		if i < 0 || s.pos+i+2 >= len(s.doc) {
			s.pos = len(s.doc)
			return EOF, s.syntaxError("unexpected EOF")
		}
		s.pos += i + 2
		if s.doc[s.pos] != '>' {
			return EOF, s.syntaxError(`invalid sequence "--" not allowed in comments`)
		}
		s.pos++
		return Comment, nil
	case '[':
		for i := 0; i < 6; i++ {
			if b, err = s.mustGet(); err != nil {
				return EOF, err
			}
			if b != "CDATA["[i] {
				return EOF, s.syntaxError("invalid <![ sequence")
			}
		}
		t, err := s.readText(-1, true)
		if err != nil {
			return EOF, err
		}
		s.text = t
		return CharData, nil
	}
	return EOF, fmt.Errorf("%w: directive <!%c at offset %d", ErrUnsupported, b, s.pos-3)
}

// mustGet reads one byte; the end of the document is a syntax error.
func (s *Scanner) mustGet() (byte, error) {
	if s.pos >= len(s.doc) {
		return 0, s.syntaxError("unexpected EOF")
	}
	b := s.doc[s.pos]
	s.pos++
	return b, nil
}

// space skips white space.
func (s *Scanner) space() {
	for s.pos < len(s.doc) {
		switch s.doc[s.pos] {
		case ' ', '\r', '\n', '\t':
			s.pos++
		default:
			return
		}
	}
}

// readName reads the bytes of a name: ASCII name bytes and every byte
// from 0x80, whose validity the caller checks. ok is false, and nothing
// read, when the next byte cannot start a name; the end of the document
// inside a name is a syntax error.
func (s *Scanner) readName() (name []byte, ok bool, err error) {
	start := s.pos
	if start >= len(s.doc) {
		return nil, false, s.syntaxError("unexpected EOF")
	}
	if c := s.doc[start]; c < utf8.RuneSelf && !isNameByte(c) {
		return nil, false, nil
	}
	i := start + 1
	for ; i < len(s.doc); i++ {
		if c := s.doc[i]; c < utf8.RuneSelf && !isNameByte(c) {
			s.pos = i
			return s.doc[start:i], true, nil
		}
	}
	s.pos = len(s.doc)
	return nil, false, s.syntaxError("unexpected EOF")
}

// name reads a name and checks it, returning it interned.
func (s *Scanner) name() (string, bool, error) {
	b, ok, err := s.readName()
	if err != nil || !ok {
		return "", ok, err
	}
	if v, ok := s.names[string(b)]; ok {
		return v, true, nil
	}
	if !isName(b) {
		return "", false, s.syntaxError("invalid XML name: " + string(b))
	}
	v := string(b)
	if len(s.names) < maxNames {
		s.names[v] = v
	}
	return v, true, nil
}

// nsName reads a name and splits it at its colon. ok is false without
// error where encoding/xml's caller reports the error (a missing name, a
// name with more than one colon).
func (s *Scanner) nsName() (xml.Name, bool, error) {
	v, ok, err := s.name()
	if err != nil || !ok {
		return xml.Name{}, ok, err
	}
	i := -1
	for j := 0; j < len(v); j++ {
		if v[j] == ':' {
			if i >= 0 {
				return xml.Name{}, false, nil
			}
			i = j
		}
	}
	if i <= 0 || i == len(v)-1 {
		return xml.Name{Local: v}, true, nil
	}
	return xml.Name{Space: v[:i], Local: v[i+1:]}, true, nil
}

// readText reads character data up to '<' (quote < 0), an attribute value
// up to its closing quote (quote >= 0), or a CDATA section up to "]]>"
// (cdata), by the rules of encoding/xml's text method. The result is a
// slice of the document when nothing had to be rewritten.
func (s *Scanner) readText(quote int, cdata bool) ([]byte, error) {
	if !cdata {
		if t, ok := s.plainText(quote); ok {
			return t, nil
		}
	}
	doc := s.doc
	start := s.pos
	i := start
	var out []byte
	copying := false
	var b0, b1 byte
	end := len(doc)
	trunc := 0
	for {
		if i >= len(doc) {
			if cdata {
				s.pos = i
				return nil, s.syntaxError("unexpected EOF in CDATA section")
			}
			end = i
			break
		}
		b := doc[i]
		i++
		if quote < 0 && b0 == ']' && b1 == ']' && b == '>' {
			if cdata {
				trunc = 2
				end = i - 1
				break
			}
			s.pos = i
			return nil, s.syntaxError("unescaped ]]> not in CDATA section")
		}
		if b == '<' && !cdata {
			if quote >= 0 {
				s.pos = i
				return nil, s.syntaxError("unescaped < inside quoted string")
			}
			i--
			end = i
			break
		}
		if quote >= 0 && b == byte(quote) {
			end = i - 1
			break
		}
		if b == '&' && !cdata {
			if !copying {
				out = append(s.copied[:0], doc[start:i-1]...)
				copying = true
			}
			var err error
			out, i, err = s.entity(out, i)
			if err != nil {
				return nil, err
			}
			b0, b1 = 0, 0
			continue
		}
		switch {
		case b == '\r':
			if !copying {
				out = append(s.copied[:0], doc[start:i-1]...)
				copying = true
			}
			out = append(out, '\n')
		case b1 == '\r' && b == '\n':
			// "\r\n" was written as "\n" already.
		case copying:
			out = append(out, b)
		}
		b0, b1 = b1, b
	}
	s.pos = i
	var data []byte
	if copying {
		s.copied = out
		data = out
	} else {
		data = doc[start:end]
	}
	data = data[:len(data)-trunc]
	if err := s.checkChars(data); err != nil {
		return nil, err
	}
	return data, nil
}

// plainText is the fast way through readText for the common case: text or
// an attribute value with no reference, no '\r', no "]]>", no '<' in a
// value and nothing invalid. ok is false, and nothing read, when the text
// holds any of these; readText then reads it byte by byte.
func (s *Scanner) plainText(quote int) (t []byte, ok bool) {
	rest := s.doc[s.pos:]
	var n int
	if quote >= 0 {
		n = bytes.IndexByte(rest, byte(quote))
		if n < 0 {
			return nil, false
		}
	} else if n = bytes.IndexByte(rest, '<'); n < 0 {
		n = len(rest)
	}
	seg := rest[:n]
	for i := 0; i < len(seg); {
		c := seg[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(seg[i:])
			if r == utf8.RuneError && size == 1 || !inCharacterRange(r) {
				return nil, false
			}
			i += size
			continue
		}
		switch {
		case c == '&', c == '\r', c == '<':
			return nil, false
		case c < 0x20 && c != '\t' && c != '\n':
			return nil, false
		case c == ']' && quote < 0 && bytes.HasPrefix(seg[i:], []byte("]]>")):
			return nil, false
		}
		i++
	}
	s.pos += n
	if quote >= 0 {
		s.pos++
	}
	return seg, true
}

// entity replaces the reference starting after the '&' at doc[i-1],
// appending its text to out. In Strict mode every reference that is not
// one of the five predefined entities or a character reference ending in
// ';' is a syntax error.
func (s *Scanner) entity(out []byte, i int) ([]byte, int, error) {
	doc := s.doc
	if i >= len(doc) {
		s.pos = i
		return nil, i, s.syntaxError("unexpected EOF")
	}
	if doc[i] == '#' {
		j := i + 1
		base := 10
		if j < len(doc) && doc[j] == 'x' {
			base = 16
			j++
		}
		digits := j
		for j < len(doc) && isDigit(doc[j], base) {
			j++
		}
		if j >= len(doc) {
			s.pos = j
			return nil, j, s.syntaxError("unexpected EOF")
		}
		if doc[j] == ';' {
			n, err := strconv.ParseUint(string(doc[digits:j]), base, 64)
			if err == nil && n <= unicode.MaxRune {
				return utf8.AppendRune(out, rune(n)), j + 1, nil
			}
		}
		s.pos = j
		return nil, j, s.entityError(i-1, j)
	}
	for _, e := range predefined {
		if bytes.HasPrefix(doc[i:], e.ref) {
			return append(out, e.text), i + len(e.ref), nil
		}
	}
	// Find where encoding/xml would have stopped, for the message.
	j := i
	for j < len(doc) && (doc[j] >= utf8.RuneSelf || isNameByte(doc[j])) {
		j++
	}
	s.pos = j
	if j >= len(doc) {
		return nil, j, s.syntaxError("unexpected EOF")
	}
	return nil, j, s.entityError(i-1, j)
}

var predefined = [...]struct {
	ref  []byte
	text byte
}{
	{[]byte("lt;"), '<'},
	{[]byte("gt;"), '>'},
	{[]byte("amp;"), '&'},
	{[]byte("apos;"), '\''},
	{[]byte("quot;"), '"'},
}

func (s *Scanner) entityError(from, to int) error {
	ent := string(s.doc[from:to])
	if to < len(s.doc) && s.doc[to] == ';' {
		ent += ";"
	} else {
		ent += " (no semicolon)"
	}
	return s.syntaxError("invalid character entity " + ent)
}

// checkChars reports invalid UTF-8 and characters outside XML's range.
func (s *Scanner) checkChars(data []byte) error {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return s.syntaxError(fmt.Sprintf("illegal character code %U", rune(c)))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return s.syntaxError("invalid UTF-8")
		}
		if !inCharacterRange(r) {
			return s.syntaxError(fmt.Sprintf("illegal character code %U", r))
		}
		i += size
	}
	return nil
}

// syntaxError makes the error encoding/xml would, with the line of the
// position reached.
func (s *Scanner) syntaxError(msg string) error {
	end := min(s.pos, len(s.doc))
	return &xml.SyntaxError{Msg: msg, Line: 1 + bytes.Count(s.doc[:end], []byte{'\n'})}
}

func isDigit(c byte, base int) bool {
	return '0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')
}

// isNameByte reports the ASCII bytes that continue a name; encoding/xml
// reads a name as far as these and every non-ASCII byte go.
func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
