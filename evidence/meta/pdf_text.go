package meta

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Bounds of the text extraction of a PDF file.
const (
	// pdfMaxAuthors caps the annotation authors kept, and the annotations
	// read per page.
	pdfMaxAuthors = 1000
	// pdfMaxFormDepth caps Form XObjects drawn inside one another.
	pdfMaxFormDepth = 8
	// pdfMaxOperands caps the operand stack of the content interpreter,
	// and pdfMaxOperandItems the elements of the arrays on it: a TJ array
	// holds a line's runs, tens of them.
	pdfMaxOperands     = 64
	pdfMaxOperandItems = 1 << 16
)

// text extracts the text the pages show, in page order.
func (d *pdfDoc) text(catalog pdfDict) (string, bool, []string) {
	var sb strings.Builder
	var authors []string
	authorBytes := 0
	seenAuthor := map[string]bool{}
	fonts := map[pdfRef]*pdfFont{}
	type node struct {
		v         any
		resources any
		depth     int
	}
	stack := []node{{v: catalog["Pages"]}}
	seen := map[pdfRef]bool{}
	pages, nodes := 0, 1
	for len(stack) > 0 {
		if err := d.ctx.Err(); err != nil {
			d.warnf("text: %w", err)
			break
		}
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if ref, ok := n.v.(pdfRef); ok {
			if seen[ref] {
				d.warnf("%w: page tree loops at object %d", ErrFormat, ref.num)
				continue
			}
			seen[ref] = true
		}
		dict, ok := d.get(n.v).(pdfDict)
		if !ok {
			continue
		}
		res := n.resources
		if r, ok := dict["Resources"]; ok {
			res = r
		}
		if kids, ok := d.get(dict["Kids"]).([]any); ok {
			if n.depth >= pdfMaxNesting {
				d.warnf("%w: page tree deeper than %d", ErrLimit, pdfMaxNesting)
				continue
			}
			// The walk takes at most 2×MaxRecords nodes, however often
			// a tree names its Kids arrays: the first kids are kept, so
			// the first pages are read.
			if room := 2*d.lim.MaxRecords - nodes; len(kids) > room {
				d.warnf("%w: page tree over %d nodes", ErrLimit, 2*d.lim.MaxRecords)
				kids = kids[:max(room, 0)]
			}
			nodes += len(kids)
			for i := len(kids) - 1; i >= 0; i-- {
				stack = append(stack, node{v: kids[i], resources: res, depth: n.depth + 1})
			}
			continue
		}
		if pages++; pages > d.lim.MaxRecords {
			d.warnf("%w: text of more than %d pages", ErrLimit, d.lim.MaxRecords)
			break
		}
		if len(authors) < pdfMaxAuthors && authorBytes < pdfMaxValue {
			for _, a := range d.annotationAuthors(dict) {
				if seenAuthor[a] || len(authors) >= pdfMaxAuthors {
					continue
				}
				if authorBytes+len(a) > pdfMaxValue {
					d.warnf("%w: annotation authors over %d bytes", ErrLimit, pdfMaxValue)
					continue
				}
				seenAuthor[a] = true
				authors = append(authors, a)
				authorBytes += len(a)
			}
		}
		content := d.pageContent(dict)
		if len(content) == 0 {
			continue
		}
		resources, _ := d.get(res).(pdfDict)
		ci := &pdfContent{d: d, fonts: fonts, out: &sb, max: int(d.lim.MaxTextBytes), forms: map[pdfRef]bool{}}
		ci.setResources(resources)
		ci.run(content)
		if sb.Len() > 0 && !strings.HasSuffix(sb.String(), "\n") {
			sb.WriteByte('\n')
		}
		if ci.full {
			break
		}
	}
	text := strings.TrimSpace(sb.String())
	if int64(len(text)) > d.lim.MaxTextBytes {
		return CutText(text, d.lim.MaxTextBytes), true, authors
	}
	return text, false, authors
}

// annotationAuthors returns the /T (author) of a page's annotations:
// comments and mark-ups name the people who reviewed the document. The
// /T of form fields (Widget) is a field name, of links nothing: skipped.
// An Annots array, an annotation or a /T string that several pages share
// by reference is read once per file.
func (d *pdfDoc) annotationAuthors(page pdfDict) []string {
	if d.seenRef(page["Annots"]) {
		return nil
	}
	annots, _ := d.get(page["Annots"]).([]any)
	var out []string
	for i, a := range annots {
		if i >= pdfMaxAuthors {
			d.warnf("%w: more than %d annotations on a page", ErrLimit, pdfMaxAuthors)
			break
		}
		if d.seenRef(a) {
			continue
		}
		dict, _ := d.get(a).(pdfDict)
		if sub, _ := dict["Subtype"].(pdfName); sub == "Widget" || sub == "Link" || sub == "Popup" {
			continue
		}
		if d.seenRef(dict["T"]) {
			continue
		}
		if t, ok := d.get(dict["T"]).(pdfString); ok {
			text, _ := pdfTextCut(t, pdfMaxValue)
			if s := strings.TrimSpace(text); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// seenRef reports whether v is a reference that seenRef has seen
// before, and marks it seen.
func (d *pdfDoc) seenRef(v any) bool {
	ref, ok := v.(pdfRef)
	if !ok {
		return false
	}
	if d.refsSeen[ref] {
		return true
	}
	d.refsSeen[ref] = true
	return false
}

// pageContent returns the decoded content streams of a page, joined, in
// the buffer of the content read at depth 0: it is read before the next
// page's.
func (d *pdfDoc) pageContent(page pdfDict) []byte {
	var parts []any
	switch c := d.get(page["Contents"]).(type) {
	case *pdfStream:
		parts = []any{c}
	case []any:
		parts = c
	}
	sc := d.operands(0)
	out := sc.content[:0]
	for _, p := range parts {
		s, ok := d.get(p).(*pdfStream)
		if !ok {
			continue
		}
		// The first part is decoded where the page's content goes, the
		// others beside it and appended.
		first := len(out) == 0
		var data []byte
		var err error
		if first {
			data, err = d.streamDataTo(s, out)
		} else {
			data, err = d.streamDataTo(s, d.part)
			d.part = data
		}
		if err != nil {
			d.warnf("page content: %w", err)
		}
		if int64(len(out)+len(data)) > d.lim.MaxRecordBytes {
			d.warnf("%w: page content over %d bytes", ErrLimit, d.lim.MaxRecordBytes)
			break
		}
		if first {
			out = data
		} else {
			out = append(out, data...)
		}
		out = append(out, '\n')
	}
	sc.content = out
	return out
}

// pdfContent interprets the text operators of a content stream. Lines
// and spaces are inferred from positions: a baseline that moves starts a
// new line, and a text object that starts well after the estimated end
// of the previous text on the same line is set off by a space (glyph
// widths are estimated, half an em for Latin, a full em for CJK).
type pdfContent struct {
	d        *pdfDoc
	fonts    map[pdfRef]*pdfFont
	byName   map[string]*pdfFont
	fontDict pdfDict
	xobjects pdfDict
	// forms are the Form XObjects drawn on the page so far: each is read
	// once, which also breaks cycles; depth counts forms inside forms.
	forms map[pdfRef]bool
	depth int
	cur   *pdfFont
	out   *strings.Builder
	max   int
	full  bool
	// x, y is the start of the current text line; curX where the next
	// glyph goes; size and scale the font size and the text matrix scale.
	x, y, curX, size, scale float64
	// shownY is the baseline and endX the estimated end of the last text
	// shown.
	shownY, endX float64
	shown        bool
	newObject    bool
}

// pdfOperandKind is what an operand of a content stream is, as far as
// the text operators tell.
type pdfOperandKind uint8

const (
	// pdfOther is an operand the text operators read as nothing, or as
	// the number 0: null, a boolean, a dictionary, a reference, and in an
	// array a name, a keyword or another array.
	pdfOther pdfOperandKind = iota
	pdfNumberOperand
	pdfNameOperand
	pdfStringOperand
	pdfArrayOperand
)

// pdfOperand is an operand of a content stream operator. The bytes of a
// name or string are arena[off:off+n] of its pdfOperands, the elements of
// an array elems[off:off+n].
type pdfOperand struct {
	kind  pdfOperandKind
	isInt bool
	// items counts the objects it is made of, as the lexer counts them:
	// at most pdfMaxItems.
	items int32
	num   float64
	off   int
	n     int
}

// pdfElem is an element of an array operand: a number, a string (in the
// arena) or another.
type pdfElem struct {
	kind  pdfOperandKind
	isInt bool
	num   float64
	off   int
	n     int
}

// pdfOperands holds the operand stack of a content stream: the operands,
// the elements of their arrays and the bytes of their names and strings.
// The document keeps one for each depth of forms, reused from page to
// page, so that reading content allocates nothing once they have grown.
type pdfOperands struct {
	ops   []pdfOperand
	elems []pdfElem
	arena []byte
	// content is the decoded content read at this depth: a page's at 0,
	// a form's below.
	content []byte
}

// operands returns the operand stack of the content read at depth.
func (d *pdfDoc) operands(depth int) *pdfOperands {
	if depth >= len(d.opStacks) {
		d.opStacks = append(d.opStacks, make([]*pdfOperands, depth+1-len(d.opStacks))...)
	}
	if d.opStacks[depth] == nil {
		d.opStacks[depth] = &pdfOperands{}
	}
	return d.opStacks[depth]
}

// add appends elements, doubling the room when it runs out: an array of
// 2^18 numbers costs twice its size, not the five times that appending
// one at a time makes of it.
func (s *pdfOperands) add(e ...pdfElem) {
	if len(s.elems)+len(e) > cap(s.elems) {
		grown := make([]pdfElem, len(s.elems), max(64, 2*cap(s.elems), len(s.elems)+len(e)))
		copy(grown, s.elems)
		s.elems = grown
	}
	s.elems = append(s.elems, e...)
}

// bytes returns the bytes of a name or string operand.
func (s *pdfOperands) bytes(off, n int) []byte { return s.arena[off : off+n] }

// pdfOpReader reads a content stream an operator at a time. The stack
// keeps the last pdfMaxOperands operands, and of their elements (items)
// no more than pdfMaxOperandItems, but for the newest: the oldest go
// first. Without the second bound, 64 arrays of 2^18 numbers would be
// held at once.
//
// Content streams hold no references, and their integers are read
// without looking ahead. Where "num gen R" is written all the same, the
// two integers before an R are taken together as one operand, as the
// reader of objects takes them: up to two non-negative integers wait
// (pending) until the next token says whether they are one.
type pdfOpReader struct {
	l       *pdfLexer
	ctx     context.Context
	s       *pdfOperands
	pending [2]pdfOperand
	np      int
	held    int
	count   int
}

// next reads the operands up to the next operator and returns the
// operator; the operands are in r.s.ops until next is called again. At
// the end of the data the error is errPDFEOF; when ctx is done, its
// error.
func (r *pdfOpReader) next() ([]byte, error) {
	s := r.s
	s.ops, s.elems, s.arena = s.ops[:0], s.elems[:0], s.arena[:0]
	r.np, r.held = 0, 0
	for {
		if r.count%4096 == 0 {
			if err := r.ctx.Err(); err != nil {
				return nil, err
			}
		}
		r.count++
		r.l.items = 0
		var op pdfOperand
		kw, err := r.operand(&op)
		if err != nil {
			return nil, err
		}
		if kw != nil {
			if r.np == 2 && len(kw) == 1 && kw[0] == 'R' {
				r.push(&pdfOperand{items: 1})
				r.np = 0
				continue
			}
			r.flush()
			return kw, nil
		}
		if op.kind == pdfNumberOperand && op.isInt && op.num >= 0 {
			if r.np == 2 {
				r.push(&r.pending[0])
				r.pending[0] = r.pending[1]
				r.np = 1
			}
			r.pending[r.np] = op
			r.np++
			continue
		}
		if r.np > 0 {
			r.flush()
		}
		r.push(&op)
	}
}

// flush pushes the integers that turned out not to make a reference.
func (r *pdfOpReader) flush() {
	for i := range r.np {
		r.push(&r.pending[i])
	}
	r.np = 0
}

// push puts op on the stack, dropping the oldest operands it has no
// room for. The elements of dropped arrays are let go of once they are
// more than those kept.
func (r *pdfOpReader) push(op *pdfOperand) {
	s := r.s
	for len(s.ops) > 0 && (len(s.ops) >= pdfMaxOperands || r.held+int(op.items) > pdfMaxOperandItems) {
		r.held -= int(s.ops[0].items)
		copy(s.ops, s.ops[1:])
		s.ops = s.ops[:len(s.ops)-1]
	}
	s.ops = append(s.ops, *op)
	r.held += int(op.items)
	if len(s.elems) == 0 {
		return
	}
	live := len(s.elems)
	for _, o := range s.ops {
		if o.kind == pdfArrayOperand {
			live = o.off
			break
		}
	}
	if live > 0 && live >= len(s.elems)-live {
		n := copy(s.elems, s.elems[live:])
		s.elems = s.elems[:n]
		for i := range s.ops {
			if s.ops[i].kind == pdfArrayOperand {
				s.ops[i].off -= live
			}
		}
	}
}

// operand reads one object at the top of the stream, as the lexer's
// object does: an operator comes back as kw (valid until the next read),
// anything else as an operand.
func (r *pdfOpReader) operand(op *pdfOperand) (kw []byte, err error) {
	l, s := r.l, r.s
	l.items++ // never past pdfMaxItems: items start at 0
	l.skipSpace()
	c, ok := l.peek()
	if !ok {
		return nil, errPDFEOF
	}
	switch {
	case c == '/':
		l.pos++
		off := len(s.arena)
		s.arena = pdfAppendName(s.arena, l.run())
		op.kind, op.off, op.n = pdfNameOperand, off, len(s.arena)-off
	case c == '(':
		l.pos++
		off := len(s.arena)
		b, err := l.scanLiteral(s.arena, true)
		if err != nil {
			return nil, err
		}
		s.arena = b
		op.kind, op.off, op.n = pdfStringOperand, off, len(s.arena)-off
	case c == '<':
		l.pos++
		if c, ok := l.peek(); ok && c == '<' {
			l.pos++
			if err := l.skipDict(0); err != nil {
				return nil, err
			}
			break
		}
		off := len(s.arena)
		b, err := l.scanHex(s.arena, true)
		if err != nil {
			return nil, err
		}
		s.arena = b
		op.kind, op.off, op.n = pdfStringOperand, off, len(s.arena)-off
	case c == '[':
		l.pos++
		if err := r.array(op); err != nil {
			return nil, err
		}
	case pdfDelimiter(c):
		l.pos++
		return l.data[l.pos-1 : l.pos], nil
	case pdfNumberStart(c):
		tok := l.run()
		switch kind, n, f := pdfNumber(tok); kind {
		case pdfInteger:
			op.kind, op.isInt, op.num = pdfNumberOperand, true, float64(n)
		case pdfReal:
			op.kind, op.num = pdfNumberOperand, f
		default:
			return tok, nil
		}
	default:
		switch b := l.run(); string(b) {
		case "true", "false", "null":
		case "":
			l.pos++ // a byte no token starts with
			return l.data[l.pos-1 : l.pos], nil
		default:
			return b, nil
		}
	}
	op.items = int32(l.items)
	return nil, nil
}

// array reads the elements of an array operand, its "[" read, into
// r.s.elems: numbers and strings as they are, the rest as pdfOther.
func (r *pdfOpReader) array(op *pdfOperand) error {
	l, s := r.l, r.s
	op.kind, op.off = pdfArrayOperand, len(s.elems)
	var pending [2]pdfElem
	np := 0
	for {
		l.skipSpace()
		c, ok := l.peek()
		if !ok {
			return fmt.Errorf("%w: unterminated array", ErrFormat)
		}
		if c == ']' {
			l.pos++
			s.add(pending[:np]...)
			op.n = len(s.elems) - op.off
			return nil
		}
		e, isR, err := r.element()
		if err != nil {
			return err
		}
		switch {
		case isR && np == 2:
			// "num gen R", one object to the reader of objects.
			s.add(pdfElem{})
			np = 0
			l.items -= 2
		case e.kind == pdfNumberOperand && e.isInt && e.num >= 0:
			if np == 2 {
				s.add(pending[0])
				pending[0] = pending[1]
				np = 1
			}
			pending[np] = e
			np++
		default:
			s.add(pending[:np]...)
			np = 0
			s.add(e)
		}
	}
}

// element reads one element of an array operand, as the lexer's object
// does at depth 1; isR reports the keyword R.
func (r *pdfOpReader) element() (e pdfElem, isR bool, err error) {
	l, s := r.l, r.s
	if l.items++; l.items > pdfMaxItems {
		return e, false, fmt.Errorf("%w: object of more than %d elements", ErrLimit, pdfMaxItems)
	}
	l.skipSpace()
	c, ok := l.peek()
	if !ok {
		return e, false, errPDFEOF
	}
	switch {
	case c == '/':
		l.pos++
		l.run()
	case c == '(':
		l.pos++
		off := len(s.arena)
		b, err := l.scanLiteral(s.arena, true)
		if err != nil {
			return e, false, err
		}
		s.arena = b
		e.kind, e.off, e.n = pdfStringOperand, off, len(s.arena)-off
	case c == '<':
		l.pos++
		if c, ok := l.peek(); ok && c == '<' {
			l.pos++
			return e, false, l.skipDict(1)
		}
		off := len(s.arena)
		b, err := l.scanHex(s.arena, true)
		if err != nil {
			return e, false, err
		}
		s.arena = b
		e.kind, e.off, e.n = pdfStringOperand, off, len(s.arena)-off
	case c == '[':
		l.pos++
		return e, false, l.skipArray(1)
	case pdfDelimiter(c):
		l.pos++
	case pdfNumberStart(c):
		switch kind, n, f := pdfNumber(l.run()); kind {
		case pdfInteger:
			e.kind, e.isInt, e.num = pdfNumberOperand, true, float64(n)
		case pdfReal:
			e.kind, e.num = pdfNumberOperand, f
		}
	default:
		switch b := l.run(); string(b) {
		case "R":
			return e, true, nil
		case "":
			l.pos++ // a byte no token starts with
		}
	}
	return e, false, nil
}

func (c *pdfContent) run(data []byte) {
	r := &pdfOpReader{
		l:   pdfDataLexer(data, 0, c.d.lim.MaxRecordBytes, false, nil),
		ctx: c.d.ctx,
		s:   c.d.operands(c.depth),
	}
	for {
		kw, err := r.next()
		if err != nil {
			if !errors.Is(err, errPDFEOF) && c.d.ctx.Err() == nil {
				c.d.warnf("content stream: %w", err)
			}
			return
		}
		c.op(kw, r.s, r.l)
		if c.full {
			return
		}
	}
}

func (c *pdfContent) op(kw []byte, s *pdfOperands, l *pdfLexer) {
	ops := s.ops
	arg := func(i int) pdfOperand {
		if i < len(ops) {
			return ops[i]
		}
		return pdfOperand{}
	}
	switch string(kw) {
	case "BT":
		c.x, c.y, c.curX, c.newObject = 0, 0, 0, true
		if c.scale == 0 {
			c.scale = 1
		}
	case "Tf":
		if o := arg(0); o.kind == pdfNameOperand {
			c.cur = c.font(s.bytes(o.off, o.n))
		}
		c.size = math.Abs(arg(1).num)
	case "Td", "TD":
		c.x += arg(0).num * c.scale
		c.y += arg(1).num * c.scale
		c.curX = c.x
	case "Tm":
		c.scale = math.Hypot(arg(0).num, arg(1).num)
		c.x, c.y = arg(4).num, arg(5).num
		c.curX = c.x
	case "T*":
		c.newline()
	case "Tj":
		c.showOperand(s, arg(0))
	case "'":
		c.newline()
		c.showOperand(s, arg(0))
	case "\"":
		c.newline()
		c.showOperand(s, arg(2))
	case "TJ":
		o := arg(0)
		if o.kind != pdfArrayOperand {
			break
		}
		for _, e := range s.elems[o.off : o.off+o.n] {
			if e.kind == pdfStringOperand {
				c.show(s.bytes(e.off, e.n))
				continue
			}
			n := e.num
			c.curX -= n / 1000 * c.em()
			if n < -200 {
				c.space()
			}
		}
	case "BI":
		l.skipInlineImage()
	case "Do":
		if o := arg(0); o.kind == pdfNameOperand {
			c.form(s.bytes(o.off, o.n))
		}
	}
}

// setResources takes the fonts and XObjects of a resource dictionary.
func (c *pdfContent) setResources(res pdfDict) {
	c.fontDict, _ = c.d.get(res["Font"]).(pdfDict)
	c.xobjects, _ = c.d.get(res["XObject"]).(pdfDict)
	c.byName = nil
}

// form shows the text of the Form XObject name: stamps, headers and
// "Confidential" marks are often drawn as forms.
func (c *pdfContent) form(name []byte) {
	ref, ok := c.xobjects[string(name)].(pdfRef)
	if !ok || c.forms[ref] {
		return
	}
	c.forms[ref] = true
	s, ok := c.d.get(ref).(*pdfStream)
	if !ok || s.dict["Subtype"] != pdfName("Form") {
		return
	}
	if c.depth >= pdfMaxFormDepth {
		c.d.warnf("%w: forms nested deeper than %d", ErrLimit, pdfMaxFormDepth)
		return
	}
	sc := c.d.operands(c.depth + 1)
	data, err := c.d.streamDataTo(s, sc.content)
	if err != nil {
		c.d.warnf("form XObject: %w", err)
	}
	if data != nil {
		sc.content = data
	}
	sub := &pdfContent{d: c.d, fonts: c.fonts, out: c.out, max: c.max, forms: c.forms, depth: c.depth + 1}
	sub.fontDict, sub.xobjects = c.fontDict, c.xobjects
	if res, ok := c.d.get(s.dict["Resources"]).(pdfDict); ok {
		sub.setResources(res)
	}
	c.newline()
	sub.run(data)
	sub.newline()
	c.full = c.full || sub.full
	c.shown = false
}

// em is the size of the font in user space.
func (c *pdfContent) em() float64 {
	size, scale := c.size, c.scale
	if size == 0 {
		size = 1
	}
	if scale == 0 {
		scale = 1
	}
	return size * scale
}

func (c *pdfContent) newline() {
	if c.shown {
		c.write("\n")
		c.shown = false
	}
}

func (c *pdfContent) space() {
	s := c.out.String()
	if c.shown && s != "" && !strings.HasSuffix(s, " ") {
		c.write(" ")
	}
}

// showOperand shows a string operand; other operands show nothing.
func (c *pdfContent) showOperand(s *pdfOperands, o pdfOperand) {
	if o.kind == pdfStringOperand {
		c.show(s.bytes(o.off, o.n))
	}
}

func (c *pdfContent) show(s []byte) {
	if c.cur == nil {
		return
	}
	c.d.textBuf = c.cur.appendText(c.d.textBuf[:0], s, c.max+1-c.out.Len())
	text := c.d.textBuf
	if len(text) == 0 {
		return
	}
	em := c.em()
	switch {
	case c.shown && math.Abs(c.y-c.shownY) > em/2:
		c.newline()
	case c.shown && c.newObject && c.curX-c.endX > em/4:
		c.space()
	}
	c.newObject = false
	c.writeBytes(text)
	width := 0.0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		i += size
		if r >= 0x2e80 {
			width += em
		} else {
			width += em / 2
		}
	}
	c.curX += width
	c.shown, c.shownY, c.endX = true, c.y, c.curX
}

func (c *pdfContent) write(s string) {
	if c.out.Len()+len(s) > c.max+1 {
		s = CutText(s, int64(c.max+1-c.out.Len()))
		c.full = true
	}
	c.out.WriteString(s)
}

// writeBytes writes b as write writes a string.
func (c *pdfContent) writeBytes(b []byte) {
	if c.out.Len()+len(b) > c.max+1 {
		c.write(string(b))
		return
	}
	c.out.Write(b)
}
