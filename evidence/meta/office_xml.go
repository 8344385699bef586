package meta

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/proofpack/proofpack/evidence/identify"
)

// This file holds what the OOXML and ODF extractors share: opening a zip
// package safely and reading its XML parts under bounds.
//
// XML safety. encoding/xml expands no DTD entities: a <!DOCTYPE> is handed
// back as a Directive token and ignored, and in Strict mode a reference to
// an entity it declares (&lol9; of the "billion laughs" document) is a
// syntax error at the first reference, so nothing grows. What encoding/xml
// does not bound is the size of one token (an attribute or a text run is
// buffered whole) and the nesting depth; officeXML bounds the first through
// the part's size limit and the second, and the number of tokens, itself.

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
	f, ok := p.files[strings.ToLower(name)]
	if !ok {
		return false, nil
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if f.UncompressedSize64 > uint64(p.lim.MaxRecordBytes) {
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
	defer func() { p.budget -= lr.read }()
	br := officeReaders.Get().(*bufio.Reader)
	br.Reset(lr)
	defer func() {
		br.Reset(nil) // drop the entry reader before pooling
		officeReaders.Put(br)
	}()
	x := newOfficeXML(ctx, br, p.lim)
	return x.run(fn)
}

// officeReaders pools the buffered readers of parts: a package has several
// parts and a run many packages, and each reader holds a 4 KiB buffer.
var officeReaders = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// officeLimitReader reads at most n bytes of r, then fails with an error
// wrapping ErrLimit (where io.LimitReader would report a clean EOF that
// the XML decoder would take for a truncated document).
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
	dec       *xml.Decoder
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

func newOfficeXML(ctx context.Context, br *bufio.Reader, lim Limits) *officeXML {
	var src io.Reader = br
	// A part in UTF-16 (allowed by XML, written by a few tools) is turned
	// into UTF-8 first: encoding/xml reads only ASCII-compatible input.
	if bom, _ := br.Peek(2); len(bom) == 2 && (bom[0] == 0xFF && bom[1] == 0xFE || bom[0] == 0xFE && bom[1] == 0xFF) {
		src = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	}
	dec := xml.NewDecoder(src)
	dec.Strict = true
	dec.CharsetReader = officeCharsetReader
	return &officeXML{ctx: ctx, dec: dec, maxTokens: lim.MaxRecords * officeTokensPerRecord}
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

// run reads every token, calling the handlers, until the end of the part,
// a limit, an error or stop.
func (x *officeXML) run(setup func(x *officeXML) error) error {
	if err := setup(x); err != nil {
		return err
	}
	for !x.stop {
		tok, err := x.dec.Token()
		if err == io.EOF {
			if len(x.stack) > 0 {
				return fmt.Errorf("%w: XML ends inside <%s>", ErrFormat, x.stack[len(x.stack)-1].Local)
			}
			return nil
		}
		if err != nil {
			if errors.Is(err, ErrLimit) {
				return err
			}
			return fmt.Errorf("%w: %w", ErrFormat, err)
		}
		x.tokens++
		if x.tokens > x.maxTokens {
			return fmt.Errorf("%w: more than %d XML tokens", ErrLimit, x.maxTokens)
		}
		if x.tokens%officeCtxEvery == 0 {
			if err := x.ctx.Err(); err != nil {
				return err
			}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(x.stack) >= officeMaxDepth {
				return fmt.Errorf("%w: XML nested deeper than %d elements", ErrLimit, officeMaxDepth)
			}
			x.stack = append(x.stack, t.Name)
			if x.onStart != nil {
				x.onStart(x, t)
			}
		case xml.EndElement:
			if x.onEnd != nil {
				x.onEnd(x, t)
			}
			if len(x.stack) > 0 {
				x.stack = x.stack[:len(x.stack)-1]
			}
		case xml.CharData:
			if x.onText != nil && len(x.stack) > 0 {
				x.onText(x, string(t))
			}
		}
	}
	return nil
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

func (t *officeText) String() string { return strings.TrimRight(t.b.String(), "\n") }
