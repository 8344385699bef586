package meta

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/image/tiff/lzw"
	"golang.org/x/text/encoding/charmap"

	"github.com/proofpack/proofpack/evidence/identify"
)

// Bounds of the PDF reader that Limits does not cover.
const (
	// pdfMaxNesting caps arrays and dictionaries inside one another. Real
	// files rarely go past 10; Go's stack must not follow a hostile 10^6.
	pdfMaxNesting = 64
	// pdfMaxItems caps the elements of one object (all arrays and
	// dictionaries in it): a page tree's Kids array of a large document
	// holds thousands, never hundreds of thousands.
	pdfMaxItems = 1 << 18
	// pdfMaxXrefEntries caps the cross-reference entries kept over all
	// revisions: a million objects is beyond any office document and
	// bounds the index to some tens of MiB.
	pdfMaxXrefEntries = 1 << 20
	// pdfMaxRevisions caps the /Prev chain: each revision makes object
	// look-ups slower, and editors rarely append more than a few dozen.
	pdfMaxRevisions = 1024
	// pdfMaxToken caps a name or keyword; longer ones are cut.
	pdfMaxToken = 1024
	// pdfMaxTrailers caps the "trailer" dictionaries tried, the last
	// ones in the file, when the cross-reference is rebuilt.
	pdfMaxTrailers = 16
	// pdfTailBytes is how much of the end of the file is searched for
	// startxref: writers may append some garbage after %%EOF.
	pdfTailBytes = 4096
	// pdfMaxValue caps one Info value kept in the report: titles and names
	// are short, and a 16 MiB "author" would only bloat every report.
	pdfMaxValue = 64 << 10
	// pdfMaxInfoBytes caps the Info values of a file, over all its
	// revisions: real ones hold a few hundred bytes.
	pdfMaxInfoBytes = 1 << 20
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
	// pdfMaxFilters caps the filters of one stream: writers chain two or
	// three (ASCII85 over Flate), and each costs a decoder and a pass.
	pdfMaxFilters = 8
	// pdfWorkFactor bounds the bytes read, scanned and decoded per file to
	// pdfWorkFactor×MaxRecordBytes plus four times the file size: enough
	// to read a file a few times over, not to re-inflate one bomb for each
	// of ten thousand objects that point at it.
	pdfWorkFactor = 16
	// pdfHeldFactor bounds, in MaxRecordBytes, the memory that the
	// ToUnicode CMaps of a file may take, and that of the objects read
	// and kept: a document's fonts and page tree need some MiB, never
	// what its compressed streams can expand to.
	pdfHeldFactor = 2
)

// PDF is the extractor of PDF files: the Info dictionary of every
// revision, the XMP packet of the catalog, page count, version, the
// number of incremental updates, and the text shown by the pages' content
// streams. It reads the file structure itself (cross-reference tables and
// streams, object streams, the /Prev chain), so that the Info dictionary
// of each revision is kept: an edited file leaks its earlier author.
//
// Normalised fields: Authors from Info /Author (else XMP dc:creator),
// Software from /Creator, the authoring application (else /Producer,
// else XMP xmp:CreatorTool), Title, Created and Modified from
// /CreationDate and /ModDate with their zone, TZOffset from the zone of
// /CreationDate (else /ModDate). XMP fields fill what Info lacks.
//
// Raw keys: "PDFVersion" (header), "CatalogVersion", "PageCount",
// "Linearized", "Lang", "IncrementalUpdates" (revisions appended after
// the first; the two sections of a linearized file count as one),
// "EOFMarkers" (%%EOF markers in the file; more than revisions when an
// update broke the /Prev chain; files over 16×MaxRecordBytes are not
// scanned),
// "Info" (the newest Info dictionary, strings decoded from
// PDFDocEncoding or UTF-16), "revisions" (only when the revisions' Info
// dictionaries differ: [{"revision": 1, "Info": {…}}, …], oldest first),
// "xmp" (the properties ParseXMP reads from the catalog's /Metadata
// packet), "AnnotationAuthors" (/T of comments and mark-ups: reviewers'
// names) and "Encrypt" (Filter, V, R, Length, P).
//
// Encrypted files are reported with a warning wrapping ErrEncrypted.
// Their strings and streams are decrypted when the user password is empty
// (a file that only restricts printing or copying opens without one; RC4
// and AES-128 of revisions 2 to 4, AES-256 of revisions 5 and 6);
// otherwise every string is ciphertext, Producer included, and only what
// is not a string is reported: page count, version, revisions, the
// Encrypt record, names and numbers of Info.
//
// Text is what the pages' content streams show with Tj, TJ, ' and ",
// decoded by the font's ToUnicode CMap, else its simple encoding
// (WinAnsi, MacRoman, /Differences) or a UCS-2 CMap; text of CID fonts
// without ToUnicode is skipped with a warning. Form XObjects (stamps,
// headers) are read once per page, at most 8 deep. Filters: FlateDecode (with PNG predictors), LZWDecode,
// ASCIIHexDecode, ASCII85Decode.
//
// Bounds: objects read ≤ MaxRecords, a stream ≤ MaxRecordBytes
// compressed and inflated, revisions ≤ min(MaxRecords, 1024), nesting ≤
// 64, and all bytes read and decoded ≤ 16×MaxRecordBytes + 4×Size. A file
// whose cross-reference cannot be read is rebuilt by scanning for objects.
//
// No number or string in the file makes work or memory out of proportion
// to it. ToUnicode CMaps are kept as read, a range of 65536 codes costing
// what its line costs, and the text of a code is made when it is shown: a
// destination is cut at 512 bytes (the most PDF allows), a CMap holds at
// most 131072 mappings, and the CMaps of a file at most 2×MaxRecordBytes.
// A shown string is decoded no further than the text limit. The objects
// kept in memory hold at most 2×MaxRecordBytes; past it they are dropped
// and read again when needed, from the work budget. Info values are cut
// at 64 KiB, and all of a file's, over all its revisions, at 1 MiB; the
// revisions listed hold at most 1 MiB too. A stream has at most 8
// filters; cross-reference streams give at most one entry per byte of
// the file; the page tree walk takes at most 2×MaxRecords nodes. Fonts'
// CMaps, Info dictionaries and annotations that many pages or revisions
// share are read once, and /Differences arrays read again are paid for
// from the work budget. Where a bound cuts what the file says, a warning
// wraps ErrLimit.
type PDF struct{}

// NewPDF returns the PDF extractor.
func NewPDF() Extractor { return PDF{} }

// Name returns "pdf".
func (PDF) Name() string { return "pdf" }

// Version returns the version of the extractor's output.
func (PDF) Version() string { return "1" }

// Accepts reports whether t is a PDF file.
func (PDF) Accepts(t identify.Type) bool { return t.MIME == "application/pdf" }

// Extract reads the metadata and text of a PDF file.
func (PDF) Extract(ctx context.Context, in Input, lim Limits) (res *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("pdf: %w: %v", ErrPanic, v)
		}
	}()
	lim = lim.WithDefaults()
	if in.R == nil || in.Size <= 0 {
		return nil, fmt.Errorf("pdf: %w: empty input", ErrFormat)
	}
	d := &pdfDoc{
		ctx: ctx, r: in.R, size: in.Size, lim: lim,
		cache: map[pdfObjKey]any{}, busy: map[pdfObjKey]bool{}, warned: map[string]bool{},
	}
	d.budget = pdfWorkFactor*lim.MaxRecordBytes + 4*min(in.Size, 1<<50)
	d.work = d.budget
	d.cmaps = map[int64]*pdfCMap{}
	d.refsSeen = map[pdfRef]bool{}
	d.infoLeft = pdfMaxInfoBytes
	d.cmapBudget = pdfHeldFactor * lim.MaxRecordBytes
	d.cmapLeft = d.cmapBudget
	d.heldBudget = pdfHeldFactor * lim.MaxRecordBytes
	version, bodyStart, err := d.header()
	if err != nil {
		return nil, err
	}
	if err := d.readXrefChain(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdf: %w", ctx.Err())
		}
		d.warnf("%w", err)
		if err := d.reconstruct(); err != nil {
			return nil, err
		}
	}
	raw := map[string]any{"PDFVersion": version}
	if enc := d.trailerKey("Encrypt"); enc != nil {
		d.setupCrypt(enc, raw)
	}
	if _, ok := d.get(d.trailerKey("Root")).(pdfDict); !ok && d.sections[0].off >= 0 {
		d.warnf("%w: no catalog through the cross-reference table", ErrFormat)
		saved := d.sections
		if err := d.reconstruct(); err != nil {
			d.sections = saved
		}
		clear(d.newest)
	}
	res = &Result{}
	root := d.trailerKey("Root")

	if d.linearized(bodyStart) {
		raw["Linearized"] = true
		d.mergeFirstPage()
	}
	raw["IncrementalUpdates"] = int64(len(d.sections) - 1)
	if n, ok := d.countEOF(); ok {
		raw["EOFMarkers"] = n
	}

	info, revisions := d.infoRevisions()
	if len(info) > 0 {
		raw["Info"] = info
	}
	if revisions != nil {
		raw["revisions"] = revisions
	}

	catalog, _ := d.get(root).(pdfDict)
	if catalog == nil {
		d.warnf("%w: no document catalog", ErrFormat)
	}
	var xmp map[string]any
	var xmd Metadata
	if catalog != nil {
		if v, ok := catalog["Version"].(pdfName); ok {
			raw["CatalogVersion"] = string(v)
		}
		if v, ok := d.get(catalog["Lang"]).(pdfString); ok && (d.crypt == nil || d.crypt.ok) {
			lang, cut := pdfTextCut(v, pdfMaxToken)
			if cut {
				d.warnf("%w: /Lang of %d bytes cut at %d", ErrLimit, len(v), pdfMaxToken)
			}
			raw["Lang"] = lang
		}
		if pages, ok := d.get(catalog["Pages"]).(pdfDict); ok {
			if n, ok := d.get(pages["Count"]).(int64); ok && n >= 0 {
				raw["PageCount"] = n
			}
		}
		xmp, xmd = d.xmp(catalog)
		if len(xmp) > 0 {
			raw["xmp"] = xmp
		}
	}
	pdfNormalise(&res.Metadata, info, xmd)
	res.Metadata.Raw = raw

	if catalog != nil && (d.crypt == nil || d.crypt.ok) {
		var authors []string
		res.Text, res.TextTruncated, authors = d.text(catalog)
		if len(authors) > 0 {
			raw["AnnotationAuthors"] = authors
		}
	}
	res.Warnings = d.warn
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if catalog == nil && len(info) == 0 {
		sentinel := ErrFormat
		if d.crypt != nil && !d.crypt.ok {
			sentinel = ErrEncrypted
		}
		return nil, fmt.Errorf("pdf: %w: neither catalog nor Info dictionary readable: %w", sentinel, errors.Join(d.warn...))
	}
	return res, nil
}

// pdfNormalise fills the normalised fields from the Info dictionary, and
// from those of the XMP packet (xmd) where Info lacks them.
func pdfNormalise(m *Metadata, info map[string]any, xmd Metadata) {
	str := func(key string) string {
		s, _ := info[key].(string)
		return strings.TrimSpace(s)
	}
	if a := str("Author"); a != "" {
		m.Authors = []string{a}
	} else {
		m.Authors = xmd.Authors
	}
	m.Software = str("Creator")
	if m.Software == "" {
		m.Software = str("Producer")
	}
	if m.Software == "" {
		m.Software = xmd.Software
	}
	m.Title = str("Title")
	if m.Title == "" {
		m.Title = xmd.Title
	}
	var tzCreated, tzModified string
	if t, zone, ok := parsePDFDate(str("CreationDate")); ok {
		m.Created = FormatTime(t, zone)
		if zone {
			_, off := t.Zone()
			tzCreated = FormatOffset(off)
		}
	}
	if t, zone, ok := parsePDFDate(str("ModDate")); ok {
		m.Modified = FormatTime(t, zone)
		if zone {
			_, off := t.Zone()
			tzModified = FormatOffset(off)
		}
	}
	if m.Created == "" && m.Modified == "" {
		m.Created, m.Modified, m.TZOffset = xmd.Created, xmd.Modified, xmd.TZOffset
		return
	}
	m.TZOffset = tzCreated
	if m.TZOffset == "" {
		m.TZOffset = tzModified
	}
	if m.Created == "" {
		m.Created = xmd.Created
	}
	if m.Modified == "" {
		m.Modified = xmd.Modified
	}
}

// pdfZoneMarks strips the apostrophes and colons of a date's zone
// ("+09'00'" → "+0900"); built once, a Replacer is safe for concurrent use.
var pdfZoneMarks = strings.NewReplacer("'", "", ":", "")

// parsePDFDate parses a PDF date, "D:YYYYMMDDHHmmSSOHH'mm'", where every
// part after the year may be missing. zone reports whether the string
// fixes the zone; without one the wall clock is returned in UTC.
func parsePDFDate(s string) (t time.Time, zone bool, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	digits := 0
	for digits < len(s) && digits < 14 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits < 4 || digits%2 != 0 {
		return time.Time{}, false, false
	}
	num := func(i, def int) int {
		if i+2 > digits && i >= 4 {
			return def
		}
		n, _ := strconv.Atoi(s[i : i+2])
		return n
	}
	year, _ := strconv.Atoi(s[:4])
	month, day, hour, minute, sec := num(4, 1), num(6, 1), num(8, 0), num(10, 0), num(12, 0)
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 60 {
		return time.Time{}, false, false
	}
	loc := time.UTC
	rest := s[digits:]
	if rest != "" {
		switch rest[0] {
		case 'Z', 'z':
			zone = true
		case '+', '-':
			z := pdfZoneMarks.Replace(rest[1:])
			if len(z) >= 2 {
				hh, err1 := strconv.Atoi(z[:2])
				mm := 0
				var err2 error
				if len(z) >= 4 {
					mm, err2 = strconv.Atoi(z[2:4])
				}
				if err1 == nil && err2 == nil && hh < 24 && mm < 60 {
					off := hh*3600 + mm*60
					if rest[0] == '-' {
						off = -off
					}
					loc, zone = time.FixedZone("", off), true
				}
			}
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, loc), zone, true
}

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

// pdfDoc is one PDF file being read.
type pdfDoc struct {
	ctx  context.Context
	r    io.ReaderAt
	size int64
	lim  Limits
	// sections are the revisions, oldest first.
	sections []*pdfXref
	entries  int
	cache    map[pdfObjKey]any
	busy     map[pdfObjKey]bool
	reads    int
	objStm   struct {
		num   int64
		data  []byte
		first int64
		index [][2]int64
		// byNum finds objects whose index is wrong, built on the
		// first miss.
		byNum map[int64]int64
	}
	crypt  *pdfCrypt
	warn   []error
	warned map[string]bool
	// work is what is left of the budget of bytes to read and decode.
	work, budget int64
	// cmaps are the ToUnicode CMaps parsed, by where their stream's data
	// starts; cmapLeft is what is left of the memory they may take.
	cmaps                map[int64]*pdfCMap
	cmapLeft, cmapBudget int64
	// held estimates the memory the cached objects hold, at most
	// heldBudget.
	held, heldBudget int64
	// refsSeen are the annotation objects read (seenRef).
	refsSeen map[pdfRef]bool
	// infoLeft is what is left of pdfMaxInfoBytes.
	infoLeft int
	// newest remembers look-ups in the newest revision; whatever changes
	// sections clears it.
	newest map[int64]pdfFound
	// stack is the lexers' array stack (pdfLexer.stack).
	stack []any
}

// spend takes n bytes from the work budget.
func (d *pdfDoc) spend(n int64) error {
	d.work -= n
	if d.work < 0 {
		return fmt.Errorf("%w: more than %d bytes read or decoded", ErrLimit, d.budget)
	}
	return nil
}

// warnf adds a warning, once per message.
func (d *pdfDoc) warnf(format string, args ...any) {
	err := fmt.Errorf("pdf: "+format, args...)
	if d.warned[err.Error()] || len(d.warn) >= 100 {
		return
	}
	d.warned[err.Error()] = true
	d.warn = append(d.warn, err)
}

// pdfBrief describes a value read from the file for a message, in a few
// bytes whatever its size: a warning never copies a hostile array.
func pdfBrief(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case int64, float64, bool:
		return fmt.Sprint(x)
	case pdfName:
		return CutText(string(x), 64)
	case pdfRef:
		return fmt.Sprintf("%d %d R", x.num, x.gen)
	case pdfString:
		return fmt.Sprintf("a string of %d bytes", len(x))
	case []any:
		return fmt.Sprintf("an array of %d", len(x))
	case pdfDict:
		return fmt.Sprintf("a dictionary of %d", len(x))
	}
	return fmt.Sprintf("%T", v)
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
	return &pdfLexer{r: d.r, pos: off, end: d.size, maxString: d.lim.MaxRecordBytes, buf: make([]byte, n), stack: &d.stack}
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
	l := &pdfLexer{data: tail, pos: int64(i + len("startxref")), end: int64(len(tail))}
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
	buf := make([]byte, chunk+overlap)
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
	if l.keyword() == "xref" {
		sec, err := d.readXrefTable(l, off)
		if serr := d.spend(l.pos - off); serr != nil && err == nil {
			return nil, serr
		}
		return sec, err
	}
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
		tok := l.keyword()
		if tok == "trailer" {
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
		first, err1 := strconv.ParseInt(tok, 10, 64)
		count, ok := l.integer()
		if err1 != nil || !ok || first < 0 || count < 0 {
			return nil, fmt.Errorf("%w: bad subsection header %q", ErrFormat, tok)
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
			typ := l.keyword()
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
	const chunk = 1 << 20
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
	num, ok1 := l.integer()
	gen, ok2 := l.integer()
	if !ok1 || !ok2 || l.keyword() != "obj" {
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
		if l.keyword() == "stream" {
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
		l := &pdfLexer{data: data[:first], end: first}
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
	l := &pdfLexer{data: os.data, pos: os.first + at, end: int64(len(os.data)), maxString: d.lim.MaxRecordBytes, stack: &d.stack}
	v, err := l.object(0)
	if err := d.spend(l.pos - os.first - at); err != nil {
		return nil, err
	}
	return v, err
}

// streamData returns the decoded data of s, at most MaxRecordBytes. On
// a limit or a corrupt filter it returns what it decoded with the error.
func (d *pdfDoc) streamData(s *pdfStream) ([]byte, error) {
	max := d.lim.MaxRecordBytes
	length := int64(-1)
	if n, ok := d.get(s.dict["Length"]).(int64); ok && n >= 0 && n <= d.size-s.start {
		length = n
	} else {
		d.warnf("%w: stream of object %d has a bad /Length %s", ErrFormat, s.ref.num, pdfBrief(s.dict["Length"]))
		length = d.findEndstream(s.start)
	}
	if length > max {
		return nil, fmt.Errorf("%w: stream of object %d is %d bytes, over %d", ErrLimit, s.ref.num, length, max)
	}
	if err := d.spend(length); err != nil {
		return nil, err
	}
	data := make([]byte, length)
	n, err := d.r.ReadAt(data, s.start)
	if n < len(data) {
		return nil, fmt.Errorf("%w: stream of object %d cut short: %w", ErrFormat, s.ref.num, err)
	}
	typ := s.dict["Type"]
	if d.crypt != nil && typ != pdfName("XRef") && (typ != pdfName("Metadata") || !d.crypt.metaPlain) {
		data = d.crypt.decrypt(data, s.ref)
	}
	filters, parms := d.filters(s.dict)
	if len(filters) > pdfMaxFilters {
		return nil, fmt.Errorf("%w: stream of object %d has %d filters, over %d", ErrLimit, s.ref.num, len(filters), pdfMaxFilters)
	}
	for i, f := range filters {
		var parm pdfDict
		if i < len(parms) {
			parm, _ = d.get(parms[i]).(pdfDict)
		}
		out, err := pdfDecode(f, parm, data, max)
		if err := d.spend(int64(len(out))); err != nil {
			return nil, err
		}
		if err != nil {
			return out, fmt.Errorf("stream of object %d: %w", s.ref.num, err)
		}
		data = out
	}
	return data, nil
}

// filters returns the names of the filters of a stream and their
// parameters.
func (d *pdfDoc) filters(dict pdfDict) ([]string, []any) {
	var names []string
	switch f := d.get(dict["Filter"]).(type) {
	case pdfName:
		names = []string{string(f)}
	case []any:
		for _, v := range f {
			if n, ok := d.get(v).(pdfName); ok {
				names = append(names, string(n))
			}
		}
	}
	var parms []any
	switch p := d.get(dict["DecodeParms"]).(type) {
	case pdfDict:
		parms = []any{p}
	case []any:
		parms = p
	}
	return names, parms
}

// findEndstream returns the length of the stream data starting at start
// when its /Length cannot be trusted, searching at most MaxRecordBytes.
func (d *pdfDoc) findEndstream(start int64) int64 {
	const chunk = 64 << 10
	limit := min(d.size, start+d.lim.MaxRecordBytes+16)
	// A stream near the end of the file needs no more than what is left.
	buf := make([]byte, max(0, min(chunk+16, limit-start)))
	for off := start; off < limit; off += chunk {
		if d.spend(min(chunk, limit-off)) != nil {
			break
		}
		n, _ := d.r.ReadAt(buf[:min(int64(len(buf)), d.size-off)], off)
		if i := bytes.Index(buf[:n], []byte("endstream")); i >= 0 {
			end := off + int64(i)
			// The end of line before endstream is not data.
			for end > start {
				c := [1]byte{}
				_, _ = d.r.ReadAt(c[:], end-1)
				if c[0] != '\n' && c[0] != '\r' {
					break
				}
				end--
			}
			return end - start
		}
		if n < chunk {
			break
		}
	}
	return min(limit, d.size) - start
}

// pdfDecode applies one filter, keeping at most max bytes of output.
func pdfDecode(filter string, parm pdfDict, data []byte, max int64) ([]byte, error) {
	var r io.Reader
	switch filter {
	case "FlateDecode", "Fl":
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			r = flate.NewReader(bytes.NewReader(data))
		} else {
			r = zr
		}
	case "LZWDecode", "LZW":
		r = pdfSafeReader{lzw.NewReader(bytes.NewReader(data), lzw.MSB, 8)}
	case "ASCIIHexDecode", "AHx":
		return pdfHexDecode(data), nil
	case "ASCII85Decode", "A85":
		data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("<~"))
		if i := bytes.Index(data, []byte("~>")); i >= 0 {
			data = data[:i]
		}
		r = ascii85.NewDecoder(bytes.NewReader(data))
	default:
		return nil, fmt.Errorf("%w: filter %s not supported", ErrFormat, filter)
	}
	out, err := io.ReadAll(io.LimitReader(r, max+1))
	if int64(len(out)) > max {
		return out[:max], fmt.Errorf("%w: %s output over %d bytes", ErrLimit, filter, max)
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return out, fmt.Errorf("%w: %s: %w", ErrFormat, filter, err)
	}
	if pred, _ := parm["Predictor"].(int64); pred >= 10 {
		return pdfPNGPredict(out, parm)
	} else if pred == 2 {
		return out, fmt.Errorf("%w: TIFF predictor not supported", ErrFormat)
	}
	return out, nil
}

// pdfSafeReader turns a panic of a third-party decoder into an error.
type pdfSafeReader struct{ r io.Reader }

func (s pdfSafeReader) Read(p []byte) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, fmt.Errorf("%w: decoder: %v", ErrPanic, v)
		}
	}()
	return s.r.Read(p)
}

// pdfPNGPredict undoes PNG predictors, row by row.
func pdfPNGPredict(data []byte, parm pdfDict) ([]byte, error) {
	get := func(k string, def int64) int64 {
		if v, ok := parm[k].(int64); ok {
			return v
		}
		return def
	}
	colors, bpc, cols := get("Colors", 1), get("BitsPerComponent", 8), get("Columns", 1)
	if colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || cols < 1 || cols > 1<<20 {
		return nil, fmt.Errorf("%w: predictor parameters out of range", ErrFormat)
	}
	bpp := int(max((colors*bpc)/8, 1))
	rowLen := int((colors*bpc*cols + 7) / 8)
	if rowLen >= len(data) {
		return nil, fmt.Errorf("%w: predictor rows longer than the data", ErrFormat)
	}
	// Rows are decoded in place in out, each against the one before it
	// (zeros above the first): no buffer per row.
	out := make([]byte, 0, len(data)/(rowLen+1)*rowLen)
	zero := make([]byte, rowLen)
	for i := 0; i+rowLen+1 <= len(data); i += rowLen + 1 {
		ft, row := data[i], data[i+1:i+1+rowLen]
		prev := zero
		if len(out) >= rowLen {
			prev = out[len(out)-rowLen:]
		}
		out = append(out, row...)
		cur := out[len(out)-rowLen:]
		for j := range row {
			var a, b, c int
			if j >= bpp {
				a, c = int(cur[j-bpp]), int(prev[j-bpp])
			}
			b = int(prev[j])
			var p int
			switch ft {
			case 1:
				p = a
			case 2:
				p = b
			case 3:
				p = (a + b) / 2
			case 4:
				pa, pb, pc := pdfAbs(b-c), pdfAbs(a-c), pdfAbs(a+b-2*c)
				switch {
				case pa <= pb && pa <= pc:
					p = a
				case pb <= pc:
					p = b
				default:
					p = c
				}
			}
			cur[j] = row[j] + byte(p)
		}
	}
	return out, nil
}

func pdfAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func pdfHexDecode(data []byte) []byte {
	out := make([]byte, 0, len(data)/2)
	var hi byte
	half := false
	for _, c := range data {
		if c == '>' {
			break
		}
		v, ok := pdfHexVal(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

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

// infoRevisions returns the newest Info dictionary and, when revisions
// differ in theirs, every revision's, oldest first. A dictionary that
// several revisions share is decoded once, and the revisions listed hold
// at most pdfMaxInfoBytes: a thousand revisions of one large Info
// dictionary do not make a report of a thousand copies.
func (d *pdfDoc) infoRevisions() (map[string]any, []any) {
	var infos []map[string]any
	// Dictionaries decoded, by address; each is kept with its decoding,
	// so that no other takes its address while the map is used.
	type decoding struct {
		dict pdfDict
		m    map[string]any
	}
	decoded := map[uintptr]decoding{}
	var ref any
	for i, sec := range d.sections {
		if v, ok := sec.trailer["Info"]; ok {
			ref = v
		}
		var m map[string]any
		if dict, ok := d.resolveIn(ref, i).(pdfDict); ok {
			key := reflect.ValueOf(dict).Pointer()
			dec, ok := decoded[key]
			if !ok {
				dec = decoding{dict, d.infoDict(dict)}
				decoded[key] = dec
			}
			m = dec.m
		}
		infos = append(infos, m)
	}
	if len(infos) == 0 {
		return nil, nil
	}
	differ := false
	for i := 1; i < len(infos) && !differ; i++ {
		differ = !reflect.DeepEqual(infos[i], infos[i-1])
	}
	var revs []any
	if differ {
		total := 0
		for i, m := range infos {
			if total += pdfInfoSize(m); total > pdfMaxInfoBytes {
				d.warnf("%w: Info dictionaries of the revisions over %d bytes; %d of %d revisions listed",
					ErrLimit, pdfMaxInfoBytes, i, len(infos))
				break
			}
			revs = append(revs, map[string]any{"revision": int64(i + 1), "Info": m})
		}
	}
	return infos[len(infos)-1], revs
}

// pdfInfoKeys are the keys of the Info dictionary that PDF defines; they
// are decoded first, the others in the order of their names.
var pdfInfoKeys = []string{"Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "Trapped"}

// infoDict decodes an Info dictionary into JSON-friendly values, taking
// their bytes from what is left of pdfMaxInfoBytes for the file.
func (d *pdfDoc) infoDict(dict pdfDict) map[string]any {
	keys := make([]string, 0, len(dict))
	for _, k := range pdfInfoKeys {
		if _, ok := dict[k]; ok {
			keys = append(keys, k)
		}
	}
	n := len(keys)
	for k := range dict {
		if !slices.Contains(pdfInfoKeys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys[n:])
	out := map[string]any{}
	for _, k := range keys {
		if len(out) >= d.lim.MaxRecords {
			d.warnf("%w: more than %d Info entries", ErrLimit, d.lim.MaxRecords)
			break
		}
		if d.infoLeft <= 0 {
			d.warnf("%w: Info dictionaries over %d bytes", ErrLimit, pdfMaxInfoBytes)
			break
		}
		switch x := d.get(dict[k]).(type) {
		case pdfString:
			if d.crypt != nil && !d.crypt.ok {
				continue // ciphertext says nothing
			}
			text, cut := pdfTextCut(x, pdfMaxValue)
			if cut {
				d.warnf("%w: Info /%s of %d bytes cut at %d", ErrLimit, k, len(x), pdfMaxValue)
			}
			out[k] = text
		case pdfName:
			out[k] = string(x)
		case int64, float64, bool:
			out[k] = x
		default:
			continue
		}
		d.infoLeft -= pdfInfoEntrySize(k, out[k])
	}
	return out
}

// pdfInfoSize is the size of a decoded Info dictionary, as counted
// against pdfMaxInfoBytes.
func pdfInfoSize(m map[string]any) int {
	n := 0
	for k, v := range m {
		n += pdfInfoEntrySize(k, v)
	}
	return n
}

func pdfInfoEntrySize(k string, v any) int {
	if s, ok := v.(string); ok {
		return len(k) + len(s)
	}
	return len(k) + 8
}

// pdfDocEncoding maps the bytes of PDFDocEncoding that differ from
// Latin-1; 0 marks an undefined code.
var pdfDocEncoding = map[byte]rune{
	0x18: '\u02d8', 0x19: '\u02c7', 0x1a: '\u02c6', 0x1b: '\u02d9', 0x1c: '\u02dd', 0x1d: '\u02db', 0x1e: '\u02da', 0x1f: '\u02dc',
	0x80: '\u2022', 0x81: '\u2020', 0x82: '\u2021', 0x83: '\u2026', 0x84: '\u2014', 0x85: '\u2013', 0x86: '\u0192', 0x87: '\u2044',
	0x88: '\u2039', 0x89: '\u203a', 0x8a: '\u2212', 0x8b: '\u2030', 0x8c: '\u201e', 0x8d: '\u201c', 0x8e: '\u201d', 0x8f: '\u2018',
	0x90: '\u2019', 0x91: '\u201a', 0x92: '\u2122', 0x93: '\ufb01', 0x94: '\ufb02', 0x95: '\u0141', 0x96: '\u0152', 0x97: '\u0160',
	0x98: '\u0178', 0x99: '\u017d', 0x9a: '\u0131', 0x9b: '\u0142', 0x9c: '\u0153', 0x9d: '\u0161', 0x9e: '\u017e', 0x9f: 0,
	0xa0: '\u20ac', 0xad: 0,
}

// pdfText decodes a text string: UTF-16BE (or, against the standard but
// seen, UTF-16LE) with a byte-order mark, UTF-8 with one, else
// PDFDocEncoding.
func pdfText(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		return pdfStripLang(pdfUTF16(b[2:], true))
	case len(b) >= 2 && b[0] == 0xff && b[1] == 0xfe:
		return pdfStripLang(pdfUTF16(b[2:], false))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return strings.ToValidUTF8(string(b[3:]), "\ufffd")
	}
	var sb strings.Builder
	for _, c := range b {
		if r, ok := pdfDocEncoding[c]; ok {
			if r != 0 {
				sb.WriteRune(r)
			}
			continue
		}
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// pdfTextCut decodes a text string as pdfText does, into at most max
// bytes, reporting whether it was cut. It decodes at most 4×max+4 bytes
// of b: enough for max bytes of text in every encoding, but for runs of
// bytes that are undefined or invalid and make none.
func pdfTextCut(b []byte, max int) (string, bool) {
	cut := false
	if len(b) > 4*max+4 {
		b, cut = b[:4*max+4], true
	}
	text := pdfText(b)
	if len(text) > max {
		return CutText(text, int64(max)), true
	}
	return text, cut
}

func pdfUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

// pdfStripLang removes the language marks (ESC lang ESC) of UTF-16 text.
func pdfStripLang(s string) string {
	for {
		i := strings.IndexByte(s, 0x1b)
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i+1:], 0x1b)
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+1+j+1:]
	}
}

// xmp reads the XMP packet of the catalog's /Metadata stream with
// ParseXMP: its properties and the normalised fields they give.
func (d *pdfDoc) xmp(catalog pdfDict) (map[string]any, Metadata) {
	s, ok := d.get(catalog["Metadata"]).(*pdfStream)
	if !ok {
		return nil, Metadata{}
	}
	data, err := d.streamData(s)
	if err != nil {
		d.warnf("XMP metadata: %w", err)
		if len(data) == 0 {
			return nil, Metadata{}
		}
	}
	raw, md, err := ParseXMP(data, d.lim)
	if err != nil {
		d.warnf("XMP metadata: %w", err)
	}
	return raw, md
}

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

// pdfFont decodes the strings a font shows.
type pdfFont struct {
	// cmap is the ToUnicode CMap; code lengths come from its codespace
	// ranges (two bytes when twoByte and none are given).
	cmap    *pdfCMap
	twoByte bool
	// enc is the byte encoding of a simple font without ToUnicode.
	enc *[256]rune
	// ucs2 is a CID font whose codes are UTF-16BE (Uni…-UCS2 and
	// Uni…-UTF16 CMaps).
	ucs2 bool
	skip bool
}

// font returns the decoder of the font named name in the page's font
// dictionary, cached per page by name and per file by reference.
func (c *pdfContent) font(name pdfName) *pdfFont {
	if f, ok := c.byName[name]; ok {
		return f
	}
	v := c.fontDict[string(name)]
	ref, isRef := v.(pdfRef)
	f, ok := c.fonts[ref]
	if !isRef || !ok {
		f = c.d.newFont(c.d.get(v))
		if isRef {
			c.fonts[ref] = f
		}
	}
	if c.byName == nil {
		c.byName = map[pdfName]*pdfFont{}
	}
	c.byName[name] = f
	return f
}

func (d *pdfDoc) newFont(v any) *pdfFont {
	dict, _ := v.(pdfDict)
	f := &pdfFont{}
	subtype, _ := dict["Subtype"].(pdfName)
	f.twoByte = subtype == "Type0"
	if s, ok := d.get(dict["ToUnicode"]).(*pdfStream); ok {
		if cm := d.toUnicode(s); !cm.empty() {
			f.cmap = cm
			return f
		}
	}
	if f.twoByte {
		enc, _ := dict["Encoding"].(pdfName)
		if strings.HasPrefix(string(enc), "Uni") && (strings.Contains(string(enc), "UCS2") || strings.Contains(string(enc), "UTF16")) {
			f.ucs2 = true
			return f
		}
		f.skip = true
		d.warnf("%w: text of a CID font without ToUnicode (%s) skipped", ErrFormat, pdfBrief(dict["BaseFont"]))
		return f
	}
	f.enc = pdfSimpleEncoding(d, d.get(dict["Encoding"]))
	return f
}

// toUnicode returns the parsed ToUnicode CMap s, parsed once per file
// however many fonts share it.
func (d *pdfDoc) toUnicode(s *pdfStream) *pdfCMap {
	if cm, ok := d.cmaps[s.start]; ok {
		return cm
	}
	data, err := d.streamData(s)
	if err != nil {
		d.warnf("ToUnicode: %w", err)
	}
	cm := d.parseCMap(data)
	d.cmaps[s.start] = cm
	return cm
}

// pdfWinAnsi is WinAnsiEncoding, the default base of simple fonts here
// (StandardEncoding differs only in rare punctuation).
var pdfWinAnsi = func() *[256]rune {
	var t [256]rune
	for i := range 256 {
		r := charmap.Windows1252.DecodeByte(byte(i))
		if r == utf8.RuneError {
			r = 0
		}
		t[i] = r
	}
	return &t
}()

var pdfMacRoman = func() *[256]rune {
	var t [256]rune
	for i := range 256 {
		t[i] = charmap.Macintosh.DecodeByte(byte(i))
	}
	return &t
}()

// pdfGlyphs names the glyphs of /Differences arrays most seen outside
// ASCII letters and digits, which name themselves.
var pdfGlyphs = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '\u2019', "quoteleft": '\u2018', "parenleft": '(',
	"parenright": ')', "asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "period": '.', "slash": '/',
	"colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>', "question": '?', "at": '@',
	"bracketleft": '[', "backslash": '\\', "bracketright": ']', "underscore": '_', "braceleft": '{', "bar": '|',
	"braceright": '}', "asciitilde": '~', "bullet": '\u2022', "endash": '\u2013', "emdash": '\u2014',
	"quotedblleft": '\u201c', "quotedblright": '\u201d', "fi": '\ufb01', "fl": '\ufb02', "Euro": '\u20ac',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "ellipsis": '\u2026', "copyright": '\u00a9', "registered": '\u00ae',
}

// pdfSimpleEncoding builds the byte encoding of a simple font.
func pdfSimpleEncoding(d *pdfDoc, v any) *[256]rune {
	base := pdfWinAnsi
	var diffs []any
	switch e := v.(type) {
	case pdfName:
		if e == "MacRomanEncoding" {
			base = pdfMacRoman
		}
	case pdfDict:
		if b, _ := e["BaseEncoding"].(pdfName); b == "MacRomanEncoding" {
			base = pdfMacRoman
		}
		diffs, _ = d.get(e["Differences"]).([]any)
	}
	if len(diffs) == 0 {
		return base
	}
	// A font dictionary written in each page's resources is read for
	// each page: its array is paid for each time.
	if err := d.spend(int64(len(diffs))); err != nil {
		d.warnf("font /Differences: %w", err)
		return base
	}
	t := *base
	code := int64(-1)
	for _, x := range diffs {
		switch x := x.(type) {
		case int64:
			code = x
		case pdfName:
			if code >= 0 && code < 256 {
				t[code] = pdfGlyphRune(string(x))
			}
			code++
		}
	}
	return &t
}

func pdfGlyphRune(name string) rune {
	if r, ok := pdfGlyphs[name]; ok {
		return r
	}
	if len(name) == 1 {
		return rune(name[0])
	}
	if h, ok := strings.CutPrefix(name, "uni"); ok && len(h) >= 4 {
		if n, err := strconv.ParseUint(h[:4], 16, 16); err == nil {
			return rune(n)
		}
	}
	return 0
}

// decode returns the text of a string shown in the font, stopping once
// it holds more than max bytes: a string of a megabyte whose every code
// stands for 512 bytes of text makes no more than the room left.
func (f *pdfFont) decode(s []byte, max int) string {
	if max < 0 {
		max = 0
	}
	switch {
	case f.skip:
		return ""
	case f.ucs2:
		// Each UTF-16 unit makes at least one byte of text.
		return pdfUTF16(s[:min(len(s), 2*max+2)], true)
	case f.cmap != nil:
		var sb strings.Builder
		for i := 0; i < len(s) && sb.Len() <= max; {
			n := f.cmap.codeLen(s[i:], f.twoByte)
			var c uint32
			for _, b := range s[i:min(i+n, len(s))] {
				c = c<<8 | uint32(b)
			}
			i += n
			f.cmap.write(&sb, c)
		}
		return sb.String()
	case f.enc != nil:
		var sb strings.Builder
		for _, b := range s {
			if sb.Len() > max {
				break
			}
			if r := f.enc[b]; r != 0 {
				sb.WriteRune(r)
			}
		}
		return sb.String()
	}
	return ""
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

// pdfPadding pads passwords of the standard security handler (R2–R4).
var pdfPadding = []byte{
	0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
	0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
}

// pdfCrypt decrypts the strings and streams of a file encrypted by the
// standard security handler, when its user password is empty.
type pdfCrypt struct {
	// ok reports whether the empty user password opened the file.
	ok bool
	// key is the file key; v5 files use it as is (AES-256), older ones
	// derive a key per object.
	key       []byte
	v5        bool
	strAES    bool
	stmAES    bool
	strNone   bool
	stmNone   bool
	metaPlain bool
	encDict   pdfRef
}

// setupCrypt reads the encryption dictionary, records it in raw, tries
// the empty user password and warns with ErrEncrypted either way.
func (d *pdfDoc) setupCrypt(encRef any, raw map[string]any) {
	enc, _ := d.get(encRef).(pdfDict)
	c := &pdfCrypt{}
	if ref, ok := encRef.(pdfRef); ok {
		c.encDict = ref
	}
	d.crypt = c
	rec := map[string]any{}
	for _, k := range []string{"Filter", "SubFilter", "V", "R", "Length", "P"} {
		switch v := d.get(enc[k]).(type) {
		case pdfName:
			rec[k] = string(v)
		case int64:
			rec[k] = v
		}
	}
	raw["Encrypt"] = rec
	filter, _ := enc["Filter"].(pdfName)
	v, _ := d.get(enc["V"]).(int64)
	r, _ := d.get(enc["R"]).(int64)
	if filter != "Standard" {
		d.warnf("%w: security handler %q not supported; strings and streams left out", ErrEncrypted, filter)
		return
	}
	c.metaPlain = enc["EncryptMetadata"] == false
	// Crypt filters of V4 and V5 name the cipher of strings and streams.
	if v >= 4 {
		cfs, _ := d.get(enc["CF"]).(pdfDict)
		method := func(key string) (aes, none bool) {
			name, _ := enc[key].(pdfName)
			if name == "" || name == "Identity" {
				return false, name == "Identity"
			}
			cf, _ := d.get(cfs[string(name)]).(pdfDict)
			m, _ := cf["CFM"].(pdfName)
			return m == "AESV2" || m == "AESV3", m == "None"
		}
		c.strAES, c.strNone = method("StrF")
		c.stmAES, c.stmNone = method("StmF")
	}
	var err error
	switch {
	case r >= 5:
		c.v5 = true
		c.key, err = pdfKeyV5(enc, r)
	case r >= 2:
		c.key, err = d.pdfKeyRC4(enc, v, r)
	default:
		err = fmt.Errorf("revision %d not supported", r)
	}
	if err != nil {
		d.warnf("%w (V %d, R %d): %v; strings and streams left out", ErrEncrypted, v, r, err)
		return
	}
	c.ok = true
	d.warnf("%w (V %d, R %d): opened with the empty user password", ErrEncrypted, v, r)
}

func pdfBytes(v any) []byte {
	s, _ := v.(pdfString)
	return []byte(s)
}

// pdfKeyRC4 computes the file key of revisions 2 to 4 for the empty user
// password and checks it against /U.
func (d *pdfDoc) pdfKeyRC4(enc pdfDict, v, r int64) ([]byte, error) {
	n := int64(5)
	if l, ok := d.get(enc["Length"]).(int64); ok && r >= 3 {
		n = l / 8
	}
	if n < 5 || n > 16 {
		return nil, fmt.Errorf("key length %d", n)
	}
	o, u := pdfBytes(d.get(enc["O"])), pdfBytes(d.get(enc["U"]))
	p, _ := d.get(enc["P"]).(int64)
	if len(o) < 32 || len(u) < 32 {
		return nil, errors.New("bad /O or /U")
	}
	var id []byte
	for i := len(d.sections) - 1; i >= 0 && id == nil; i-- {
		if ids, ok := d.sections[i].trailer["ID"].([]any); ok && len(ids) > 0 {
			id = pdfBytes(ids[0])
		}
	}
	h := md5.New()
	h.Write(pdfPadding)
	h.Write(o[:32])
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id)
	if r >= 4 && enc["EncryptMetadata"] == false {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if r >= 3 {
		for range 50 {
			s := md5.Sum(key[:n])
			key = s[:]
		}
	}
	key = key[:n]
	var check []byte
	if r == 2 {
		check = pdfRC4(key, pdfPadding)
		if !bytes.Equal(check, u[:32]) {
			return nil, errors.New("a user password is set")
		}
		return key, nil
	}
	s := md5.Sum(append(append([]byte{}, pdfPadding...), id...))
	check = s[:]
	for i := range 20 {
		k := make([]byte, len(key))
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		check = pdfRC4(k, check)
	}
	if !bytes.Equal(check, u[:16]) {
		return nil, errors.New("a user password is set")
	}
	return key, nil
}

// pdfKeyV5 computes the file key of revisions 5 and 6 (AES-256) for the
// empty user password: check /U, then unwrap /UE.
func pdfKeyV5(enc pdfDict, r int64) ([]byte, error) {
	u, ue := pdfBytes(enc["U"]), pdfBytes(enc["UE"])
	if len(u) < 48 || len(ue) < 32 {
		return nil, errors.New("bad /U or /UE")
	}
	if !bytes.Equal(pdfHashV5(nil, u[32:40], nil, r), u[:32]) {
		return nil, errors.New("a user password is set")
	}
	k := pdfHashV5(nil, u[40:48], nil, r)
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, ue[:32])
	return key, nil
}

// pdfHashV5 is the password hash of revision 6 (a plain SHA-256 for
// revision 5).
func pdfHashV5(pw, salt, udata []byte, r int64) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	if r == 5 {
		return k
	}
	for i := 0; ; i++ {
		unit := append(append(append([]byte{}, pw...), k...), udata...)
		k1 := bytes.Repeat(unit, 64)
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		switch sum % 3 {
		case 0:
			s := sha256.Sum256(e)
			k = s[:]
		case 1:
			s := sha512.Sum384(e)
			k = s[:]
		default:
			s := sha512.Sum512(e)
			k = s[:]
		}
		if i >= 63 && int(e[len(e)-1]) <= i-31 {
			break
		}
	}
	return k[:32]
}

func pdfRC4(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// objectKey derives the key of one object (revisions 2 to 4).
func (c *pdfCrypt) objectKey(ref pdfRef, aes bool) []byte {
	if c.v5 {
		return c.key
	}
	h := md5.New()
	h.Write(c.key)
	h.Write([]byte{byte(ref.num), byte(ref.num >> 8), byte(ref.num >> 16), byte(ref.gen), byte(ref.gen >> 8)})
	if aes {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(c.key)+5, 16)]
}

func (c *pdfCrypt) cipher(data []byte, ref pdfRef, aesMode bool) []byte {
	key := c.objectKey(ref, aesMode)
	if !aesMode && !c.v5 {
		return pdfRC4(key, data)
	}
	if len(data) < 32 || len(data)%16 != 0 {
		return nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data)-16)
	cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, data[16:])
	if p := int(out[len(out)-1]); p >= 1 && p <= 16 && p <= len(out) {
		out = out[:len(out)-p]
	}
	return out
}

// decrypt decrypts the data of the stream of object ref.
func (c *pdfCrypt) decrypt(data []byte, ref pdfRef) []byte {
	if !c.ok || c.stmNone {
		return data
	}
	return c.cipher(data, ref, c.stmAES || c.v5)
}

// decryptObject decrypts the strings of object ref, in place.
func (c *pdfCrypt) decryptObject(v any, ref pdfRef) any {
	if !c.ok || c.strNone || ref == c.encDict {
		return v
	}
	var walk func(v any, depth int) any
	walk = func(v any, depth int) any {
		if depth > pdfMaxNesting {
			return v
		}
		switch x := v.(type) {
		case pdfString:
			return pdfString(c.cipher(x, ref, c.strAES || c.v5))
		case []any:
			for i := range x {
				x[i] = walk(x[i], depth+1)
			}
		case pdfDict:
			for k := range x {
				x[k] = walk(x[k], depth+1)
			}
		case *pdfStream:
			walk(x.dict, depth+1)
		}
		return v
	}
	return walk(v, 0)
}
