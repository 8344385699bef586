package meta

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/internal/xmltok"
)

// This file holds what the OOXML and ODF extractors share: opening a zip
// package safely and reading its XML parts under bounds.
//
// XML safety. A part is read into memory within Limits.MaxRecordBytes and
// the package's budget, then tokenised by xmltok or, for the rare part it
// leaves alone, encoding/xml. Neither expands DTD entities, and a part
// that holds a document type declaration is refused (ErrDTD): xmltok
// leaves documents with a DTD to encoding/xml, which hands a <!DOCTYPE>
// back as a Directive token, and the walk stops there, before the root
// element, with the part unread. Office and LibreOffice never write one,
// and the OPC forbids it: a DTD in a part is a "billion laughs" or
// external-entity document, or a broken one, and the item says so rather
// than come back with the part's metadata silently missing. One token is
// bounded by the part's size; officeXML bounds the nesting depth and the
// number of tokens itself.

// Bounds of the office readers that Limits does not carry.
const (
	// officeMaxDepth is the deepest element nesting read. Real documents
	// nest below 40 (tables in tables in text boxes); a hostile part that
	// nests deeper is cut there, since every open element costs a name on
	// the decoder's stack and on ours.
	officeMaxDepth = 256
	// officeTokensPerRecord sets the tokens read per part to
	// Limits.MaxRecords times this factor (2 000 000 by default): one
	// record (a property, a paragraph, a cell) spans up to a few hundred
	// tokens in real files, and a tokenising loop this long takes about a
	// second, however small the tokens.
	officeTokensPerRecord = 200
	// officePackageFactor sets the bytes decompressed per package to
	// Limits.MaxRecordBytes times this factor (128 MiB by default): it
	// bounds the inflating work a package of many highly compressed parts
	// can cause, each part being within MaxRecordBytes.
	officePackageFactor = 8
	// officeMaxValue caps one value kept in Raw (a title, an author, a
	// custom property): 64 KiB is far beyond any real one, and Raw is
	// copied into the report.
	officeMaxValue = 64 << 10
	// officeCtxEvery is how many tokens are read between ctx checks.
	officeCtxEvery = 4096
)

// officePackage is an opened zip package and the budget of its reading.
type officePackage struct {
	zr    *zip.Reader
	files map[string]*zip.File // by lower-case name without leading "/"
	names []string             // names without leading "/", in zip order
	lim   Limits
	// budget is what remains of the bytes to decompress.
	budget   int64
	warnings []error
	// budgetWarned keeps the budget warning to one.
	budgetWarned bool
}

// openOfficePackage refuses a zip whose central directory declares or
// holds more than identify.MaxContainerEntries entries (archive/zip would
// allocate one record per entry before anything else could stop it), then
// opens it with archive/zip, recovering a panic.
func openOfficePackage(in Input, lim Limits) (p *officePackage, err error) {
	if in.R == nil || in.Size <= 0 {
		return nil, fmt.Errorf("%w: empty input", ErrFormat)
	}
	n, err := identify.ZipEntryCount(in.R, in.Size, identify.MaxContainerEntries)
	if err != nil {
		return nil, fmt.Errorf("%w: not a zip: %v", ErrFormat, err)
	}
	if n > identify.MaxContainerEntries {
		return nil, fmt.Errorf("%w: zip holds more than %d entries", ErrLimit, identify.MaxContainerEntries)
	}
	defer func() {
		if v := recover(); v != nil {
			p, err = nil, fmt.Errorf("%w: archive/zip: %v", ErrPanic, v)
		}
	}()
	zr, err := zip.NewReader(in.R, in.Size)
	if err != nil {
		return nil, fmt.Errorf("%w: zip: %w", ErrFormat, err)
	}
	zr.RegisterDecompressor(zip.Deflate, officeInflate)
	p = &officePackage{
		zr:     zr,
		files:  make(map[string]*zip.File, len(zr.File)),
		lim:    lim,
		budget: lim.MaxRecordBytes * officePackageFactor,
	}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := p.files[name]; dup {
			continue // the first entry of a name wins, as in Office
		}
		p.files[name] = f
		p.names = append(p.names, strings.TrimPrefix(f.Name, "/"))
	}
	return p, nil
}

// officeInflater is a deflate reader and the buffered reader it reads the
// compressed bytes through, kept together in officeInflaters: archive/zip
// pools its deflate readers but hands them an unbuffered section, so that
// each entry opened would allocate a fresh 4 KiB read buffer.
type officeInflater struct {
	br *bufio.Reader
	fr io.ReadCloser // a flate.Resetter
}

var officeInflaters sync.Pool // of *officeInflater

// officeInflate is the zip.Decompressor of deflated parts: the standard
// deflate reader over a pooled buffered reader.
func officeInflate(r io.Reader) io.ReadCloser {
	z, _ := officeInflaters.Get().(*officeInflater)
	if z == nil {
		br := bufio.NewReader(r)
		z = &officeInflater{br: br, fr: flate.NewReader(br)}
	} else {
		z.br.Reset(r)
		if err := z.fr.(flate.Resetter).Reset(z.br, nil); err != nil {
			// Reset fails only with a preset dictionary, which is nil here.
			z = &officeInflater{br: bufio.NewReader(r)}
			z.fr = flate.NewReader(z.br)
		}
	}
	return &officeInflateReader{z: z}
}

// officeInflateReader is one use of a pooled officeInflater; Close puts it
// back, and a read after Close fails instead of touching the pool.
type officeInflateReader struct {
	z *officeInflater
}

var errOfficeInflateClosed = errors.New("deflate: read after close")

func (r *officeInflateReader) Read(b []byte) (int, error) {
	if r.z == nil {
		return 0, errOfficeInflateClosed
	}
	return r.z.fr.Read(b)
}

func (r *officeInflateReader) Close() error {
	if r.z == nil {
		return nil
	}
	err := r.z.fr.Close()
	r.z.br.Reset(nil) // drop the entry's section before pooling
	officeInflaters.Put(r.z)
	r.z = nil
	return err
}

// warn records a warning.
func (p *officePackage) warn(err error) {
	if err != nil {
		p.warnings = append(p.warnings, err)
	}
}

// has reports whether the package holds a part of that name.
func (p *officePackage) has(name string) bool {
	_, ok := p.files[strings.ToLower(name)]
	return ok
}

// parse reads the part called name, when it exists, through fn. Errors of
// the part (malformed XML, limits, a broken zip entry) become warnings
// wrapping ErrFormat or ErrLimit, and parse reports false; a missing part
// reports false without warning. ctx errors are returned.
func (p *officePackage) parse(ctx context.Context, name string, fn func(x *officeXML) error) (bool, error) {
	return p.parsePart(ctx, name, false, fn)
}

// parsePrefix is parse for parts whose start is worth reading when the
// whole is too large (a worksheet, the shared strings): a part declaring
// more than Limits.MaxRecordBytes is read up to that limit, as one whose
// declared size lied is, its tokens before the cut handled, with a
// warning wrapping ErrLimit; and parsePrefix reports false.
func (p *officePackage) parsePrefix(ctx context.Context, name string, fn func(x *officeXML) error) (bool, error) {
	return p.parsePart(ctx, name, true, fn)
}

func (p *officePackage) parsePart(ctx context.Context, name string, prefix bool, fn func(x *officeXML) error) (bool, error) {
	f, ok := p.files[strings.ToLower(name)]
	if !ok {
		return false, nil
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if !prefix && f.UncompressedSize64 > uint64(p.lim.MaxRecordBytes) {
		p.warn(fmt.Errorf("%w: part %s declares %d bytes, more than %d", ErrLimit, name, f.UncompressedSize64, p.lim.MaxRecordBytes))
		return false, nil
	}
	if p.budget <= 0 {
		if !p.budgetWarned {
			p.budgetWarned = true
			p.warn(fmt.Errorf("%w: package decompresses to more than %d bytes; part %s and later ones skipped", ErrLimit, p.lim.MaxRecordBytes*officePackageFactor, name))
		}
		return false, nil
	}
	err := p.parseFile(ctx, f, name, fn)
	if err == nil {
		return true, nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	p.warn(fmt.Errorf("part %s: %w", name, err))
	return false, nil
}

func (p *officePackage) parseFile(ctx context.Context, f *zip.File, name string, fn func(x *officeXML) error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: reading %s: %v", ErrPanic, name, v)
		}
	}()
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrFormat, err)
	}
	defer rc.Close()
	limit := min(p.lim.MaxRecordBytes, p.budget)
	lr := &officeLimitReader{r: rc, n: limit}
	buf := officeBuffers.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= officePooledBuffer {
			officeBuffers.Put(buf)
		}
	}()
	doc, readErr := readOfficePart(lr, f.UncompressedSize64, (*buf)[:0])
	*buf = doc
	p.budget -= lr.read
	x := &officeXML{ctx: ctx, maxTokens: p.lim.MaxRecords * officeTokensPerRecord}
	err = x.run(doc, fn)
	if readErr != nil {
		// The tokens before a read error or the cut were handled; the
		// syntax error the cut may cause is a consequence, not news.
		if errors.Is(readErr, ErrLimit) {
			return readErr
		}
		return fmt.Errorf("%w: %w", ErrFormat, readErr)
	}
	return err
}

// officePooledBuffer is the largest part buffer kept for reuse: parts of
// real documents are mostly far smaller, and a pooled buffer of a rare
// large part would hold its memory for the rest of the run.
const officePooledBuffer = 1 << 20

// officeBuffers pools the buffers parts are read into.
var officeBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readOfficePart reads all of r (a part within its limit) into buf. The
// declared size only sizes the first allocation, within
// officePooledBuffer, since a hostile zip may declare anything. On an error
// the bytes read so far are returned with it.
func readOfficePart(r io.Reader, declared uint64, buf []byte) ([]byte, error) {
	if want := int(min(declared, officePooledBuffer)) + 1; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// officeLimitReader reads at most n bytes of r, then fails with an error
// wrapping ErrLimit (where io.LimitReader would report a clean EOF,
// hiding that the part was cut).
type officeLimitReader struct {
	r    io.Reader
	n    int64
	read int64
}

var errOfficePartTooBig = fmt.Errorf("%w: XML part larger than the record limit or the package budget", ErrLimit)

func (l *officeLimitReader) Read(b []byte) (int, error) {
	if l.read >= l.n {
		// One byte more tells a part of exactly n bytes from a longer one.
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			return 0, errOfficePartTooBig
		}
		return 0, io.EOF
	}
	if int64(len(b)) > l.n-l.read {
		b = b[:l.n-l.read]
	}
	k, err := l.r.Read(b)
	l.read += int64(k)
	return k, err
}

// officeXML walks the tokens of one part within the bounds above. It keeps
// the stack of open elements, so that handlers can ask where they are.
type officeXML struct {
	ctx       context.Context
	stack     []xml.Name
	tokens    int
	maxTokens int
	// stop, set by a handler, ends the walk early without error.
	stop bool
	// handlers of the walk, set by the part's reader.
	onStart func(x *officeXML, e xml.StartElement)
	onEnd   func(x *officeXML, e xml.EndElement)
	onText  func(x *officeXML, s string)
}

// officeScanners pools the scanners of parts, with their name tables.
var officeScanners = sync.Pool{New: func() any { return new(xmltok.Scanner) }}

// run calls setup, then reads every token of doc, calling the handlers,
// until the end of the part, a limit, an error or stop. Parts in plain
// UTF-8 XML, which is all that Office and LibreOffice write, are read by
// xmltok, several times faster than encoding/xml and with the same
// tokens; others (UTF-16, another encoding declared, a DTD) by
// encoding/xml.
func (x *officeXML) run(doc []byte, setup func(x *officeXML) error) error {
	if err := setup(x); err != nil {
		return err
	}
	if xmltok.Supported(doc) {
		return x.scan(doc)
	}
	return x.decode(doc)
}

// scan reads doc with an xmltok.Scanner.
func (x *officeXML) scan(doc []byte) error {
	s := officeScanners.Get().(*xmltok.Scanner)
	s.Reset(doc)
	defer func() {
		s.Reset(nil) // drop the part before pooling
		officeScanners.Put(s)
	}()
	for !x.stop {
		k, err := s.Next()
		if err != nil {
			return fmt.Errorf("%w: %w", ErrFormat, err)
		}
		if k == xmltok.EOF {
			return nil
		}
		if err := x.count(); err != nil {
			return err
		}
		switch k {
		case xmltok.StartElement:
			if err := x.start(s.Start()); err != nil {
				return err
			}
		case xmltok.EndElement:
			x.end(s.End())
		case xmltok.CharData:
			if x.onText != nil && len(x.stack) > 0 {
				x.onText(x, string(s.Text()))
			}
		}
	}
	return nil
}

// decode reads doc with encoding/xml in Strict mode. A directive
// (<!DOCTYPE …>) refuses the part with ErrDTD; encoding/xml would expand
// none of its entities (a reference to one is a syntax error), but the
// part is hostile or broken either way.
func (x *officeXML) decode(doc []byte) error {
	var src io.Reader = bytes.NewReader(doc)
	// A part in UTF-16 (allowed by XML, written by a few tools) is turned
	// into UTF-8 first: encoding/xml reads only ASCII-compatible input.
	if len(doc) >= 2 && (doc[0] == 0xFF && doc[1] == 0xFE || doc[0] == 0xFE && doc[1] == 0xFF) {
		src = transform.NewReader(src, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	}
	dec := xml.NewDecoder(src)
	dec.Strict = true
	dec.CharsetReader = officeCharsetReader
	for !x.stop {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrFormat, err)
		}
		if err := x.count(); err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			return fmt.Errorf("%w: <!%s>", ErrDTD, officeDirectiveHead(t))
		case xml.StartElement:
			if err := x.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			x.end(t)
		case xml.CharData:
			if x.onText != nil && len(x.stack) > 0 {
				x.onText(x, string(t))
			}
		}
	}
	return nil
}

// officeDirectiveHead returns the first word of a directive ("DOCTYPE
// lolz") for the message of ErrDTD, cut short: the rest is the attacker's.
func officeDirectiveHead(d xml.Directive) string {
	const max = 40
	s := strings.Join(strings.Fields(string(d[:min(len(d), 2*max)])), " ")
	if i := strings.IndexAny(s, "[\"'"); i >= 0 {
		s = strings.TrimSpace(s[:i]) + " …"
	}
	return CutText(s, max)
}

// count counts a token against the part's bound, checking ctx now and
// then.
func (x *officeXML) count() error {
	x.tokens++
	if x.tokens > x.maxTokens {
		return fmt.Errorf("%w: more than %d XML tokens", ErrLimit, x.maxTokens)
	}
	if x.tokens%officeCtxEvery == 0 {
		return x.ctx.Err()
	}
	return nil
}

func (x *officeXML) start(e xml.StartElement) error {
	if len(x.stack) >= officeMaxDepth {
		return fmt.Errorf("%w: XML nested deeper than %d elements", ErrLimit, officeMaxDepth)
	}
	x.stack = append(x.stack, e.Name)
	if x.onStart != nil {
		x.onStart(x, e)
	}
	return nil
}

func (x *officeXML) end(e xml.EndElement) {
	if x.onEnd != nil {
		x.onEnd(x, e)
	}
	if len(x.stack) > 0 {
		x.stack = x.stack[:len(x.stack)-1]
	}
}

// officeCharsetReader decodes the encodings an XML declaration may name.
func officeCharsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be":
		// UTF-16 was decoded from its BOM already.
		return r, nil
	}
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unknown XML encoding %q", label)
	}
	return transform.NewReader(r, enc.NewDecoder()), nil
}

// depth is the number of open elements.
func (x *officeXML) depth() int { return len(x.stack) }

// inside reports whether an open element has the local name local.
func (x *officeXML) inside(local string) bool {
	for i := len(x.stack) - 1; i >= 0; i-- {
		if x.stack[i].Local == local {
			return true
		}
	}
	return false
}

// parent returns the local name of the element n levels above the
// innermost one (0: the innermost itself), or "".
func (x *officeXML) parent(n int) string {
	if i := len(x.stack) - 1 - n; i >= 0 {
		return x.stack[i].Local
	}
	return ""
}

// officeAttr returns the value of the attribute of e with that local name
// (in any namespace), and whether it is there.
func officeAttr(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// officeValues collects the strings an office part yields, bounded.
type officeValues struct {
	max  int // most values kept
	seen map[string]bool
	list []string
}

func newOfficeValues(max int) *officeValues {
	return &officeValues{max: max, seen: map[string]bool{}}
}

// add keeps s when it is new and non-empty; unique reports no duplicates.
func (v *officeValues) add(s string, unique bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	s, _ = officeCut(s)
	if unique {
		if v.seen[s] {
			return
		}
		v.seen[s] = true
	}
	if len(v.list) >= v.max {
		return // Limits.MaxRecords values of a kind are plenty
	}
	v.list = append(v.list, s)
}

// officeCut cuts a value kept in Raw at officeMaxValue, and says whether
// it did.
func officeCut(s string) (string, bool) {
	if len(s) > officeMaxValue {
		return CutText(s, officeMaxValue), true
	}
	return s, false
}

// officeText accumulates body text up to a byte cap.
type officeText struct {
	b         strings.Builder
	max       int64
	truncated bool
}

func (t *officeText) write(s string) {
	if t.truncated || s == "" {
		return
	}
	if room := t.max - int64(t.b.Len()); int64(len(s)) > room {
		t.b.WriteString(CutText(s, room))
		t.truncated = true
		return
	}
	t.b.WriteString(s)
}

// newline ends a paragraph, never starting the text with one nor doubling
// an empty line beyond one.
func (t *officeText) newline() {
	s := t.b.String()
	if s == "" || strings.HasSuffix(s, "\n\n") {
		return
	}
	t.write("\n")
}

// full reports whether more text would be cut.
func (t *officeText) full() bool { return t.truncated }

// room is how many bytes the text can still take.
func (t *officeText) room() int64 { return max(t.max-int64(t.b.Len()), 0) }

func (t *officeText) String() string { return strings.TrimRight(t.b.String(), "\n") }

// officeDate parses a W3CDTF or ODF date and renders it with FormatTime,
// appending its numeric zone offset, when it has one, to offsets. A value
// that does not parse is returned as is.
func officeDate(s string, offsets []string) (string, []string) {
	if s == "" {
		return "", offsets
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			if !strings.HasSuffix(s, "Z") && !strings.HasSuffix(s, "z") {
				_, off := t.Zone()
				offsets = append(offsets, FormatOffset(off))
			}
			return FormatTime(t, true), offsets
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return FormatTime(t, false), offsets
		}
	}
	return s, offsets
}
