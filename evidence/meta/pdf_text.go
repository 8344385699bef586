package meta

import (
	"errors"
	"math"
	"strings"
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

// pageContent returns the decoded content streams of a page, joined.
func (d *pdfDoc) pageContent(page pdfDict) []byte {
	var parts []any
	switch c := d.get(page["Contents"]).(type) {
	case *pdfStream:
		parts = []any{c}
	case []any:
		parts = c
	}
	var out []byte
	for _, p := range parts {
		s, ok := d.get(p).(*pdfStream)
		if !ok {
			continue
		}
		data, err := d.streamData(s)
		if err != nil {
			d.warnf("page content: %w", err)
		}
		if int64(len(out)+len(data)) > d.lim.MaxRecordBytes {
			d.warnf("%w: page content over %d bytes", ErrLimit, d.lim.MaxRecordBytes)
			break
		}
		out = append(out, data...)
		out = append(out, '\n')
	}
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
	byName   map[pdfName]*pdfFont
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

func (c *pdfContent) run(data []byte) {
	l := &pdfLexer{data: data, end: int64(len(data)), maxString: c.d.lim.MaxRecordBytes, stack: &c.d.stack}
	// The operand stack keeps the last pdfMaxOperands operands, and of
	// their elements (items) no more than pdfMaxOperandItems, but for
	// the newest: the oldest go first. Without the second bound, 64
	// arrays of 2^18 numbers would be held at once.
	var ops []any
	var items []int
	held := 0
	for count := 0; ; count++ {
		if count%4096 == 0 && c.d.ctx.Err() != nil {
			return
		}
		l.items = 0
		v, err := l.object(0)
		if err != nil {
			if !errors.Is(err, errPDFEOF) {
				c.d.warnf("content stream: %w", err)
			}
			return
		}
		kw, ok := v.(pdfKeyword)
		if !ok {
			for len(ops) > 0 && (len(ops) >= pdfMaxOperands || held+l.items > pdfMaxOperandItems) {
				held -= items[0]
				copy(ops, ops[1:])
				ops[len(ops)-1] = nil
				ops = ops[:len(ops)-1]
				copy(items, items[1:])
				items = items[:len(items)-1]
			}
			ops = append(ops, v)
			items = append(items, l.items)
			held += l.items
			continue
		}
		c.op(string(kw), ops, l)
		clear(ops)
		ops, items, held = ops[:0], items[:0], 0
		if c.full {
			return
		}
	}
}

func pdfNum(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

func (c *pdfContent) op(kw string, ops []any, l *pdfLexer) {
	arg := func(i int) any {
		if i < len(ops) {
			return ops[i]
		}
		return nil
	}
	switch kw {
	case "BT":
		c.x, c.y, c.curX, c.newObject = 0, 0, 0, true
		if c.scale == 0 {
			c.scale = 1
		}
	case "Tf":
		if name, ok := arg(0).(pdfName); ok {
			c.cur = c.font(name)
		}
		c.size = math.Abs(pdfNum(arg(1)))
	case "Td", "TD":
		c.x += pdfNum(arg(0)) * c.scale
		c.y += pdfNum(arg(1)) * c.scale
		c.curX = c.x
	case "Tm":
		c.scale = math.Hypot(pdfNum(arg(0)), pdfNum(arg(1)))
		c.x, c.y = pdfNum(arg(4)), pdfNum(arg(5))
		c.curX = c.x
	case "T*":
		c.newline()
	case "Tj":
		c.show(arg(0))
	case "'":
		c.newline()
		c.show(arg(0))
	case "\"":
		c.newline()
		c.show(arg(2))
	case "TJ":
		arr, _ := arg(0).([]any)
		for _, e := range arr {
			if _, ok := e.(pdfString); ok {
				c.show(e)
				continue
			}
			n := pdfNum(e)
			c.curX -= n / 1000 * c.em()
			if n < -200 {
				c.space()
			}
		}
	case "BI":
		l.skipInlineImage()
	case "Do":
		if name, ok := arg(0).(pdfName); ok {
			c.form(name)
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
func (c *pdfContent) form(name pdfName) {
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
	data, err := c.d.streamData(s)
	if err != nil {
		c.d.warnf("form XObject: %w", err)
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

func (c *pdfContent) show(v any) {
	s, ok := v.(pdfString)
	if !ok || c.cur == nil {
		return
	}
	text := c.cur.decode(s, c.max+1-c.out.Len())
	if text == "" {
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
	c.write(text)
	width := 0.0
	for _, r := range text {
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
