package meta

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// Bounds of the cross-reference of a PDF file.
const (
	// pdfMaxXrefEntries caps the cross-reference entries kept over all
	// revisions: a million objects is beyond any office document and
	// bounds the index to some tens of MiB.
	pdfMaxXrefEntries = 1 << 20
	// pdfMaxRevisions caps the /Prev chain: each revision makes object
	// look-ups slower, and editors rarely append more than a few dozen.
	pdfMaxRevisions = 1024
	// pdfMaxTrailers caps the "trailer" dictionaries tried, the last
	// ones in the file, when the cross-reference is rebuilt.
	pdfMaxTrailers = 16
	// pdfTailBytes is how much of the end of the file is searched for
	// startxref: writers may append some garbage after %%EOF.
	pdfTailBytes = 4096
)

// pdfXrefEntry locates an object: kind 1 at offset off, kind 2 as the
// idx-th object of object stream stm, kind 0 free.
type pdfXrefEntry struct {
	kind byte
	off  int64
	gen  int64
	stm  int64
	idx  int64
}

// pdfXref is one cross-reference section and its trailer: one revision.
type pdfXref struct {
	off     int64
	entries map[int64]pdfXrefEntry
	trailer pdfDict
}

// header finds "%PDF-x.y" in the first KiB and returns the version and
// the offset after the header line.
func (d *pdfDoc) header() (string, int64, error) {
	buf := make([]byte, min(d.size, 1024))
	n, _ := d.r.ReadAt(buf, 0)
	buf = buf[:n]
	i := bytes.Index(buf, []byte("%PDF-"))
	if i < 0 {
		return "", 0, fmt.Errorf("pdf: %w: no %%PDF- header", ErrFormat)
	}
	j := i + 5
	for j < len(buf) && j < i+9 && (buf[j] == '.' || buf[j] >= '0' && buf[j] <= '9') {
		j++
	}
	return string(buf[i+5 : j]), int64(j), nil
}

// lexer returns a lexer over the file from off.
func (d *pdfDoc) lexer(off int64) *pdfLexer {
	// The buffer caches the bytes read from off on: near the end of the
	// file (where a small file's objects all are) it needs no more room
	// than what is left.
	n := max(1, min(4096, d.size-off))
	buf := d.spare
	d.spare = nil
	if int64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	return &pdfLexer{r: d.r, pos: off, end: d.size, maxString: d.lim.MaxRecordBytes, refs: true, buf: buf[:n], stack: &d.stack}
}

// release takes back the buffer of a lexer that lexer made, for the next
// one: objects are read one after the other, each through the same
// buffer. The lexer is not used again.
func (d *pdfDoc) release(l *pdfLexer) {
	if cap(l.buf) > cap(d.spare) {
		d.spare = l.buf
	}
	l.buf, l.bufN = nil, 0
}

// readXrefChain reads the cross-reference section startxref names and
// those its /Prev entries chain to, detecting loops.
func (d *pdfDoc) readXrefChain() error {
	tailLen := min(d.size, pdfTailBytes)
	tail := make([]byte, tailLen)
	n, _ := d.r.ReadAt(tail, d.size-tailLen)
	tail = tail[:n]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return fmt.Errorf("pdf: %w: no startxref in the last %d bytes", ErrFormat, pdfTailBytes)
	}
	l := pdfDataLexer(tail, int64(i+len("startxref")), 0, false, nil)
	start, ok := l.integer()
	if !ok {
		return fmt.Errorf("pdf: %w: startxref without offset", ErrFormat)
	}
	seen := map[int64]bool{}
	var newestFirst []*pdfXref
	for off := start; ; {
		if err := d.ctx.Err(); err != nil {
			return err
		}
		if seen[off] {
			d.warnf("%w: cross-reference /Prev loop at offset %d", ErrFormat, off)
			break
		}
		seen[off] = true
		if len(newestFirst) >= min(pdfMaxRevisions, d.lim.MaxRecords) {
			d.warnf("%w: more than %d revisions", ErrLimit, len(newestFirst))
			break
		}
		sec, err := d.readXref(off)
		if err != nil {
			d.warnf("cross-reference section at %d: %w", off, err)
			break
		}
		if x, ok := sec.trailer["XRefStm"].(int64); ok && !seen[x] {
			seen[x] = true
			if hyb, err := d.readXref(x); err != nil {
				d.warnf("cross-reference stream at %d: %w", x, err)
			} else {
				for k, e := range hyb.entries {
					if _, ok := sec.entries[k]; !ok {
						sec.entries[k] = e
					}
				}
			}
		}
		newestFirst = append(newestFirst, sec)
		prev, ok := sec.trailer["Prev"].(int64)
		if !ok {
			break
		}
		off = prev
	}
	if len(newestFirst) == 0 {
		return fmt.Errorf("pdf: %w: no readable cross-reference section: %w", ErrFormat, errors.Join(d.warn...))
	}
	for i := len(newestFirst) - 1; i >= 0; i-- {
		d.sections = append(d.sections, newestFirst[i])
	}
	clear(d.newest)
	return nil
}

// reconstruct rebuilds the cross-reference of a file whose table cannot
// be read (truncated downloads, wrong offsets) by scanning the file for
// "num gen obj" headers, and takes its trailer from the last "trailer"
// dictionary or cross-reference stream found, else from the catalog and
// Info-like dictionaries among the objects.
func (d *pdfDoc) reconstruct() error {
	sec := &pdfXref{off: -1, entries: map[int64]pdfXrefEntry{}, trailer: pdfDict{}}
	const chunk = 1 << 20
	const overlap = 64
	// A file smaller than the buffer needs a buffer of its own size only.
	buf := make([]byte, min(chunk+overlap, d.size))
	var trailers []int64
	for off := int64(0); off < d.size; off += chunk {
		if err := d.ctx.Err(); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		if err := d.spend(min(chunk, d.size-off)); err != nil {
			d.warnf("scanning for objects: %w", err)
			break
		}
		n, _ := d.r.ReadAt(buf[:min(int64(len(buf)), d.size-off)], off)
		b := buf[:n]
		for i := 0; i < len(b) && i < chunk; {
			j := bytes.Index(b[i:], []byte("obj"))
			k := bytes.Index(b[i:], []byte("trailer"))
			if j < 0 && k < 0 {
				break
			}
			if k >= 0 && (j < 0 || k < j) {
				if i+k < chunk {
					// Only the last ones are tried: keep those.
					if len(trailers) == pdfMaxTrailers {
						trailers = append(trailers[:0], trailers[1:]...)
					}
					trailers = append(trailers, off+int64(i+k+len("trailer")))
				}
				i += k + len("trailer")
				continue
			}
			at := i + j
			i = at + 3
			if at >= chunk {
				break
			}
			num, gen, start, ok := pdfObjHeaderBefore(b, at)
			if !ok || len(sec.entries) >= pdfMaxXrefEntries {
				continue
			}
			sec.entries[num] = pdfXrefEntry{kind: 1, off: off + int64(start), gen: gen}
		}
	}
	if len(sec.entries) == 0 {
		return fmt.Errorf("pdf: %w: no objects found", ErrFormat)
	}
	d.sections = []*pdfXref{sec}
	clear(d.newest)
	for i := len(trailers) - 1; i >= 0 && sec.trailer["Root"] == nil; i-- {
		// A candidate may run to the end of the file (an unterminated
		// string): its bytes are paid for.
		l := d.lexer(trailers[i])
		l.maxString = pdfMaxValue
		t, err := l.object(0)
		d.release(l)
		if d.spend(l.pos-trailers[i]) != nil {
			break
		}
		if t, ok := t.(pdfDict); ok && err == nil && t["Root"] != nil {
			sec.trailer = t
		}
	}
	if sec.trailer["Root"] == nil {
		seen := 0
		for num, e := range sec.entries {
			if seen++; seen > d.lim.MaxRecords {
				break
			}
			v, _ := d.load(pdfRef{num, e.gen}, e)
			var dict pdfDict
			switch x := v.(type) {
			case pdfDict:
				dict = x
			case *pdfStream:
				dict = x.dict
			}
			switch {
			case dict["Type"] == pdfName("XRef") && dict["Root"] != nil:
				for k, v := range dict {
					if k == "Root" || k == "Info" || k == "Encrypt" || k == "ID" {
						sec.trailer[k] = v
					}
				}
			case dict["Type"] == pdfName("Catalog") && sec.trailer["Root"] == nil:
				sec.trailer["Root"] = pdfRef{num, e.gen}
			case dict["Type"] == nil && sec.trailer["Info"] == nil &&
				(dict["Producer"] != nil || dict["Author"] != nil || dict["Creator"] != nil || dict["CreationDate"] != nil):
				sec.trailer["Info"] = pdfRef{num, e.gen}
			}
		}
		// Objects loaded before the trailer was known are read again
		// with it (decryption needs the trailer).
		clear(d.cache)
		d.reads, d.held = 0, 0
	}
	d.warnf("%w: cross-reference rebuilt by scanning %d objects", ErrFormat, len(sec.entries))
	return nil
}

// pdfObjHeaderBefore parses "num gen " before the "obj" at b[at:],
// returning where num starts.
func pdfObjHeaderBefore(b []byte, at int) (num, gen int64, start int, ok bool) {
	if at+3 < len(b) && !pdfSpace(b[at+3]) && !pdfDelimiter(b[at+3]) {
		return 0, 0, 0, false
	}
	i := at
	digits := func() (int64, bool) {
		for i > 0 && pdfSpace(b[i-1]) {
			i--
		}
		end := i
		for i > 0 && end-i < 10 && b[i-1] >= '0' && b[i-1] <= '9' {
			i--
		}
		if i == end {
			return 0, false
		}
		n, err := strconv.ParseInt(string(b[i:end]), 10, 64)
		return n, err == nil
	}
	g, ok1 := digits()
	n, ok2 := digits()
	if !ok1 || !ok2 || (i > 0 && !pdfSpace(b[i-1]) && !pdfDelimiter(b[i-1])) {
		return 0, 0, 0, false
	}
	return n, g, i, true
}

// readXref reads a cross-reference table and its trailer, or a
// cross-reference stream, at off.
func (d *pdfDoc) readXref(off int64) (*pdfXref, error) {
	if off < 0 || off >= d.size {
		return nil, fmt.Errorf("%w: offset %d outside the file", ErrFormat, off)
	}
	l := d.lexer(off)
	if string(l.word()) == "xref" {
		sec, err := d.readXrefTable(l, off)
		d.release(l)
		if serr := d.spend(l.pos - off); serr != nil && err == nil {
			return nil, serr
		}
		return sec, err
	}
	d.release(l)
	obj, err := d.readObjectAt(off, pdfRef{-1, 0})
	if err != nil {
		return nil, err
	}
	s, ok := obj.(*pdfStream)
	if !ok || s.dict["Type"] != pdfName("XRef") {
		return nil, fmt.Errorf("%w: neither xref table nor stream", ErrFormat)
	}
	return d.readXrefStream(s, off)
}

func (d *pdfDoc) readXrefTable(l *pdfLexer, off int64) (*pdfXref, error) {
	sec := &pdfXref{off: off, entries: map[int64]pdfXrefEntry{}}
	for {
		if err := d.ctx.Err(); err != nil {
			return nil, err
		}
		tok := l.word()
		if string(tok) == "trailer" {
			l.items = 0
			obj, err := l.object(0)
			if err != nil {
				return nil, fmt.Errorf("trailer: %w", err)
			}
			t, ok := obj.(pdfDict)
			if !ok {
				return nil, fmt.Errorf("%w: trailer is not a dictionary", ErrFormat)
			}
			sec.trailer = t
			return sec, nil
		}
		first, ok1 := pdfParseInt(tok)
		header := string(tok) // for the message: reading on reuses tok
		count, ok := l.integer()
		if !ok1 || !ok || first < 0 || count < 0 {
			return nil, fmt.Errorf("%w: bad subsection header %q", ErrFormat, header)
		}
		if count > (d.size-l.pos)/18+1 || first > 1<<40 {
			return nil, fmt.Errorf("%w: subsection of %d entries exceeds the file", ErrFormat, count)
		}
		if d.entries+int(count) > pdfMaxXrefEntries {
			return nil, fmt.Errorf("%w: more than %d cross-reference entries", ErrLimit, pdfMaxXrefEntries)
		}
		d.entries += int(count)
		for i := int64(0); i < count; i++ {
			o, ok1 := l.integer()
			g, ok2 := l.integer()
			typ := string(l.word())
			if !ok1 || !ok2 || (typ != "n" && typ != "f") {
				return nil, fmt.Errorf("%w: bad entry %d of subsection %d", ErrFormat, i, first)
			}
			num := first + i
			if _, dup := sec.entries[num]; dup {
				continue
			}
			if typ == "n" {
				sec.entries[num] = pdfXrefEntry{kind: 1, off: o, gen: g}
			} else {
				sec.entries[num] = pdfXrefEntry{}
			}
		}
	}
}

func (d *pdfDoc) readXrefStream(s *pdfStream, off int64) (*pdfXref, error) {
	data, err := d.streamData(s)
	if err != nil {
		return nil, err
	}
	w, _ := s.dict["W"].([]any)
	var ws [3]int
	if len(w) != 3 {
		return nil, fmt.Errorf("%w: xref stream /W is not 3 numbers", ErrFormat)
	}
	row := 0
	for i := range ws {
		n, ok := w[i].(int64)
		if !ok || n < 0 || n > 8 {
			return nil, fmt.Errorf("%w: xref stream /W %s", ErrFormat, pdfBrief(w))
		}
		ws[i] = int(n)
		row += int(n)
	}
	if row == 0 {
		return nil, fmt.Errorf("%w: xref stream rows of 0 bytes", ErrFormat)
	}
	rows := int64(len(data) / row)
	index, _ := s.dict["Index"].([]any)
	if index == nil {
		size, _ := s.dict["Size"].(int64)
		index = []any{int64(0), size}
	}
	sec := &pdfXref{off: off, entries: map[int64]pdfXrefEntry{}, trailer: s.dict}
	field := func(b []byte, def int64) int64 {
		if len(b) == 0 {
			return def
		}
		var v int64
		for _, c := range b {
			v = v<<8 | int64(c)
		}
		return v
	}
	r := int64(0)
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := index[i].(int64)
		count, ok2 := index[i+1].(int64)
		if !ok1 || !ok2 || first < 0 || count < 0 || first > 1<<40 {
			return nil, fmt.Errorf("%w: xref stream /Index %s", ErrFormat, pdfBrief(index))
		}
		count = min(count, rows-r)
		// Rows cost a byte or less once compressed, objects do not: the
		// entries of all revisions are at most one per byte of the file.
		if room := int64(min(pdfMaxXrefEntries, d.size+1024)) - int64(d.entries); count > room {
			d.warnf("%w: cross-reference streams of more entries than the file has bytes; %d kept", ErrLimit, max(room, 0))
			count = max(room, 0)
		}
		d.entries += int(count)
		for j := int64(0); j < count; j++ {
			b := data[r*int64(row) : (r+1)*int64(row)]
			r++
			typ := field(b[:ws[0]], 1)
			f1 := field(b[ws[0]:ws[0]+ws[1]], 0)
			f2 := field(b[ws[0]+ws[1]:], 0)
			num := first + j
			if _, dup := sec.entries[num]; dup {
				continue
			}
			switch typ {
			case 0:
				sec.entries[num] = pdfXrefEntry{}
			case 1:
				sec.entries[num] = pdfXrefEntry{kind: 1, off: f1, gen: f2}
			case 2:
				sec.entries[num] = pdfXrefEntry{kind: 2, stm: f1, idx: f2}
			}
		}
	}
	return sec, nil
}

// linearized reports whether the first object of the file is a
// linearization dictionary.
func (d *pdfDoc) linearized(bodyStart int64) bool {
	obj, err := d.readObjectAt(bodyStart, pdfRef{-1, 0})
	if err != nil {
		return false
	}
	dict, _ := obj.(pdfDict)
	_, ok := dict["Linearized"]
	return ok
}

// countEOF counts the %%EOF markers of the file: one per revision that
// was written whole, linearized files have two. More markers than
// revisions in the /Prev chain mean an update that broke the chain. Files
// over pdfWorkFactor×MaxRecordBytes are not scanned.
func (d *pdfDoc) countEOF() (int64, bool) {
	if d.size > pdfWorkFactor*d.lim.MaxRecordBytes {
		return 0, false
	}
	const chunk = 16 << 10
	marker := []byte("%%EOF")
	// A file smaller than the chunk needs a buffer of its own size only.
	buf := make([]byte, min(int64(chunk+len(marker)-1), d.size))
	var n int64
	for off := int64(0); off < d.size; off += chunk {
		if d.ctx.Err() != nil || d.spend(min(chunk, d.size-off)) != nil {
			return 0, false
		}
		m, _ := d.r.ReadAt(buf[:min(int64(len(buf)), d.size-off)], off)
		// The buffer runs len(marker)-1 bytes past the chunk: a marker
		// across the boundary is counted once, here.
		n += int64(bytes.Count(buf[:m], marker))
	}
	return n, true
}

// trailerKey returns the value of key in the newest trailer that has it.
func (d *pdfDoc) trailerKey(key string) any {
	for i := len(d.sections) - 1; i >= 0; i-- {
		if v, ok := d.sections[i].trailer[key]; ok {
			return v
		}
	}
	return nil
}

// mergeFirstPage folds the first-page cross-reference section of a
// linearized file (the one nearest the start of the file) into the main
// section it chains to: together they are one revision, not an update.
func (d *pdfDoc) mergeFirstPage() {
	k := 0
	for i, sec := range d.sections {
		if sec.off < d.sections[k].off {
			k = i
		}
	}
	if k == 0 {
		return
	}
	first, main := d.sections[k], d.sections[k-1]
	for num, e := range first.entries {
		if _, ok := main.entries[num]; !ok {
			main.entries[num] = e
		}
	}
	for key, v := range first.trailer {
		if _, ok := main.trailer[key]; !ok {
			main.trailer[key] = v
		}
	}
	d.sections = append(d.sections[:k], d.sections[k+1:]...)
	clear(d.newest)
}

// readObjectAt reads the indirect object "num gen obj … endobj" at off.
// want.num < 0 accepts any number.
func (d *pdfDoc) readObjectAt(off int64, want pdfRef) (any, error) {
	if off < 0 || off >= d.size {
		return nil, fmt.Errorf("%w: object offset %d outside the file", ErrFormat, off)
	}
	l := d.lexer(off)
	defer d.release(l)
	num, ok1 := l.integer()
	gen, ok2 := l.integer()
	if !ok1 || !ok2 || string(l.word()) != "obj" {
		return nil, fmt.Errorf("%w: no object at offset %d", ErrFormat, off)
	}
	if want.num >= 0 && num != want.num {
		return nil, fmt.Errorf("%w: object %d expected at offset %d, found %d", ErrFormat, want.num, off, num)
	}
	obj, err := l.object(0)
	if err := d.spend(l.pos - off); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", num, err)
	}
	if dict, ok := obj.(pdfDict); ok {
		save := l.pos
		if string(l.word()) == "stream" {
			if c, ok := l.peek(); ok && c == '\r' {
				l.pos++
			}
			if c, ok := l.peek(); ok && c == '\n' {
				l.pos++
			}
			return &pdfStream{dict: dict, start: l.pos, ref: pdfRef{num, gen}}, nil
		}
		l.pos = save
	}
	return obj, nil
}

// get resolves v in the newest revision.
func (d *pdfDoc) get(v any) any { return d.resolveIn(v, len(d.sections)-1) }

// resolveIn follows references of v in the revision rev.
func (d *pdfDoc) resolveIn(v any, rev int) any {
	for hops := 0; hops < 32; hops++ {
		ref, ok := v.(pdfRef)
		if !ok {
			return v
		}
		e, ok := d.lookup(ref.num, rev)
		if !ok || e.kind == 0 {
			return nil
		}
		obj, err := d.load(ref, e)
		if err != nil {
			d.warnf("%w", err)
			return nil
		}
		v = obj
	}
	d.warnf("%w: reference chain too long", ErrFormat)
	return nil
}

// lookup finds object num in revision rev or the ones before it. Look-ups
// in the newest revision are remembered: a file of a thousand revisions
// does not make every reference cost a thousand.
func (d *pdfDoc) lookup(num int64, rev int) (pdfXrefEntry, bool) {
	newest := rev >= len(d.sections)-1 && len(d.sections) > 0
	if newest {
		if f, ok := d.newest[num]; ok {
			return f.e, f.ok
		}
	}
	var found pdfFound
	for i := min(rev, len(d.sections)-1); i >= 0; i-- {
		if e, ok := d.sections[i].entries[num]; ok {
			found = pdfFound{e, true}
			break
		}
	}
	if newest {
		if d.newest == nil {
			d.newest = map[int64]pdfFound{}
		}
		d.newest[num] = found
	}
	return found.e, found.ok
}

// pdfFound is the result of a look-up.
type pdfFound struct {
	e  pdfXrefEntry
	ok bool
}

// pdfObjKey names an object read: the entry of an object stream says
// where, not which, and a file may give two objects the same one.
type pdfObjKey struct {
	num int64
	e   pdfXrefEntry
}

// load reads the object e locates, once while the objects kept hold less
// than heldBudget, detecting objects whose reading needs themselves.
func (d *pdfDoc) load(ref pdfRef, e pdfXrefEntry) (any, error) {
	key := pdfObjKey{ref.num, e}
	if v, ok := d.cache[key]; ok {
		return v, nil
	}
	if d.busy[key] {
		return nil, fmt.Errorf("%w: object %d needs itself to be read", ErrFormat, ref.num)
	}
	if err := d.ctx.Err(); err != nil {
		return nil, err
	}
	d.reads++
	if d.reads > d.lim.MaxRecords {
		return nil, fmt.Errorf("%w: more than %d objects read", ErrLimit, d.lim.MaxRecords)
	}
	d.busy[key] = true
	defer delete(d.busy, key)
	var v any
	var err error
	if e.kind == 1 {
		v, err = d.readObjectAt(e.off, ref)
		if err == nil && d.crypt != nil {
			v = d.crypt.decryptObject(v, ref)
		}
	} else {
		v, err = d.readFromObjStm(e.stm, e.idx, ref.num)
	}
	// Past the budget the objects kept are dropped, to be read again
	// when needed (each read paid from the work budget and MaxRecords):
	// what a file makes us keep stays bounded, and nothing is lost.
	cost := pdfCost(v, 0)
	if d.held+cost > d.heldBudget {
		clear(d.cache)
		d.held = 0
	}
	d.cache[key] = v
	d.held += cost
	return v, err
}

// pdfCost estimates the memory an object read from the file holds: a
// slot for each value, and the bytes of strings, names and keys.
func pdfCost(v any, depth int) int64 {
	const slot = 64
	n := int64(slot)
	if depth > pdfMaxNesting {
		return n
	}
	switch x := v.(type) {
	case pdfString:
		n += int64(len(x))
	case pdfName:
		n += int64(len(x))
	case []any:
		for _, e := range x {
			n += pdfCost(e, depth+1)
		}
	case pdfDict:
		for k, e := range x {
			n += int64(len(k)) + pdfCost(e, depth+1)
		}
	case *pdfStream:
		n += pdfCost(x.dict, depth+1)
	}
	return n
}

// readFromObjStm reads object num, the idx-th of object stream stm.
func (d *pdfDoc) readFromObjStm(stm, idx, num int64) (any, error) {
	os := &d.objStm
	if os.data == nil || os.num != stm {
		e, ok := d.lookup(stm, len(d.sections)-1)
		if !ok || e.kind != 1 {
			return nil, fmt.Errorf("%w: object stream %d of object %d is not a plain object", ErrFormat, stm, num)
		}
		obj, err := d.load(pdfRef{stm, 0}, e)
		if err != nil {
			return nil, err
		}
		s, ok := obj.(*pdfStream)
		if !ok {
			return nil, fmt.Errorf("%w: object stream %d is not a stream", ErrFormat, stm)
		}
		data, err := d.streamData(s)
		if err != nil {
			return nil, fmt.Errorf("object stream %d: %w", stm, err)
		}
		n, _ := s.dict["N"].(int64)
		first, _ := s.dict["First"].(int64)
		if n < 0 || first < 0 || first > int64(len(data)) {
			return nil, fmt.Errorf("%w: object stream %d: bad /N or /First", ErrFormat, stm)
		}
		n = min(n, int64(len(data))/4, int64(d.lim.MaxRecords))
		l := pdfDataLexer(data[:first], 0, 0, false, nil)
		index := make([][2]int64, 0, n)
		for range n {
			a, ok1 := l.integer()
			b, ok2 := l.integer()
			if !ok1 || !ok2 {
				break
			}
			index = append(index, [2]int64{a, b})
		}
		os.num, os.data, os.first, os.index, os.byNum = stm, data, first, index, nil
	}
	at := int64(-1)
	if idx >= 0 && idx < int64(len(os.index)) && os.index[idx][0] == num {
		at = os.index[idx][1]
	} else {
		if os.byNum == nil {
			os.byNum = make(map[int64]int64, len(os.index))
			for _, p := range os.index {
				if _, dup := os.byNum[p[0]]; !dup {
					os.byNum[p[0]] = p[1]
				}
			}
		}
		if v, ok := os.byNum[num]; ok {
			at = v
		}
	}
	if at < 0 || at >= int64(len(os.data))-os.first {
		return nil, fmt.Errorf("%w: object %d not in object stream %d", ErrFormat, num, stm)
	}
	l := pdfDataLexer(os.data, os.first+at, d.lim.MaxRecordBytes, true, &d.stack)
	v, err := l.object(0)
	if err := d.spend(l.pos - os.first - at); err != nil {
		return nil, err
	}
	return v, err
}
