package meta

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/proofpack/proofpack/evidence/identify"
)

// Bounds of the PDF reader that Limits does not cover, over a whole file.
const (
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
// and AES-128 of revisions 2 to 4, AES-256 of revisions 5 and 6), or when
// the owner password is (a writer asked for a user password only: the
// owner's opens the file as well, as it does in exiftool); the warning
// says which. Otherwise every string is ciphertext, Producer included, and only what
// is not a string is reported: page count, version, revisions, the
// Encrypt record, names and numbers of Info.
//
// Text is what the pages' content streams show with Tj, TJ, ' and ",
// decoded by the font's ToUnicode CMap, else its simple encoding
// (WinAnsi, MacRoman, /Differences) or a UCS-2 CMap; text of CID fonts
// without ToUnicode is skipped with a warning. Form XObjects (stamps,
// headers) are read once per page, at most 8 deep. Filters: FlateDecode (with PNG predictors), LZWDecode,
// ASCIIHexDecode, ASCII85Decode. Content streams, most of the work, are
// read without allocating: operands are kept typed on a stack the file
// reuses from page to page, and decoded content in buffers it reuses.
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
func (PDF) Version() string { return "2" }

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
	d := newPDFDoc(ctx, in.R, in.Size, lim)
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
	// opStacks are the operand stacks of content streams, one for each
	// depth of forms, and textBuf the text of the string shown last:
	// kept from page to page.
	opStacks []*pdfOperands
	textBuf  []byte
	// decoders decode the streams; spare is the window of the lexer
	// read last (release).
	decoders pdfDecoders
	spare    []byte
	// part is the room of the content streams of a page after its first.
	part []byte
}

// newPDFDoc returns the reader of the PDF file r of size bytes, with its
// budgets; lim has its defaults set.
func newPDFDoc(ctx context.Context, r io.ReaderAt, size int64, lim Limits) *pdfDoc {
	d := &pdfDoc{
		ctx: ctx, r: r, size: size, lim: lim,
		cache: map[pdfObjKey]any{}, busy: map[pdfObjKey]bool{}, warned: map[string]bool{},
	}
	d.budget = pdfWorkFactor*lim.MaxRecordBytes + 4*min(size, 1<<50)
	d.work = d.budget
	d.cmaps = map[int64]*pdfCMap{}
	d.refsSeen = map[pdfRef]bool{}
	d.infoLeft = pdfMaxInfoBytes
	d.cmapBudget = pdfHeldFactor * lim.MaxRecordBytes
	d.cmapLeft = d.cmapBudget
	d.heldBudget = pdfHeldFactor * lim.MaxRecordBytes
	return d
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
