package meta

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reads the body text of a SpreadsheetML workbook: the cells of
// its worksheets in the order xl/workbook.xml lists them, row by row, one
// line a row and a tab between cells, each cell as a CSV export writes it.
//
// Why cells and not the shared-string table alone: the table holds each
// distinct string once, in order of first use, and no number at all; a
// CSV export of the same sheet has every cell in row order. For a
// re-exported sample to be recognised (evidence/similar) the two texts
// must be alike, and the numbers (amounts, codes, quantities) are much of
// what tells one record from another.
//
// A cell is written as its stored value: a shared string (t="s") looked
// up in the table, an inline string (t="inlineStr"), TRUE or FALSE for a
// boolean, an error as its code (#N/A), a formula's cached value (<v>,
// never the formula), a number as it is stored ("1234.5", a date as its
// serial number "45123"). Number formats are not applied: a CSV export
// writes what the cell displays ("1,234.50", "2023/07/15"), but the
// similarity tokens put numbers and dates in one form of their own, and
// the format would cost reading xl/styles.xml for little. Phonetic runs
// (rPh, the readings of Japanese text) are left out. Empty cells between
// two cells of a row are empty fields (tabs), as a CSV export has them;
// empty rows are left out.
//
// Bounds. The shared-string table is kept in one byte slice with an end
// offset of four bytes per entry, up to Limits.MaxTextBytes counting each
// entry's bytes and one more: a table of empty strings stops at
// MaxTextBytes entries, and a table written in order of first use, as
// Excel and LibreOffice write it, loses no string that the text budget
// would have kept (every string used reaches the text with at least a
// separator after it). A cell referring to a string past the kept ones is
// left out with a warning wrapping ErrLimit, and the text is marked
// truncated; one referring past the end of a table read whole is left out
// with a warning wrapping ErrFormat. Worksheets and the table go through
// the bounded part reader (officePackage.parsePrefix): a part larger than
// Limits.MaxRecordBytes is read up to that size, and the reading stops
// when the text budget is full. When no sheet can be read, the text is the
// shared-string table, one string a line, with a warning.

// xlsxMaxColumn is the number of columns of a sheet (A to XFD since Excel
// 2007). A cell reference past it is not believed: the cell takes the next
// column, so the empty fields written before a cell are fewer than this.
const xlsxMaxColumn = 16384

// xlsxSharedStrings is where the shared-string table is when the
// workbook's relationships do not say.
const xlsxSharedStrings = "xl/sharedStrings.xml"

// xlsxSheet is one sheet that xl/workbook.xml lists: its name and the id
// of the relationship that names its part.
type xlsxSheet struct{ name, id string }

// xlsxPart is a sheet to read: its name and its part.
type xlsxPart struct{ name, part string }

// xlsxStrings is the shared-string table as far as it was kept.
type xlsxStrings struct {
	text []byte
	ends []uint32 // entry i is text[ends[i-1]:ends[i]]
	// cut reports that the table goes on past the entries kept, for want
	// of budget (the text budget, the record limit).
	cut bool
}

func (s *xlsxStrings) len() int { return len(s.ends) }

func (s *xlsxStrings) at(i int) string {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return string(s.text[start:s.ends[i]])
}

// parsePrefix is parse for parts read in part when too large.
func (r *ooxmlRun) parsePrefix(ctx context.Context, name string, fn func(x *officeXML) error) (bool, error) {
	ok, err := r.p.parsePrefix(ctx, name, fn)
	if ok {
		r.read++
	}
	return ok, err
}

// spreadsheet writes the text of a workbook: its sheets' cells, or its
// shared strings when no sheet can be read. A package with neither sheets
// nor a shared-string table (a document, a presentation) is left alone.
func (r *ooxmlRun) spreadsheet(ctx context.Context) error {
	parts, sstPart, err := r.sheetParts(ctx)
	if err != nil {
		return err
	}
	if len(parts) == 0 && !r.p.has(sstPart) {
		return nil
	}
	sst, err := r.sharedStringTable(ctx, sstPart)
	if err != nil {
		return err
	}
	read := false
	for _, s := range parts {
		if r.text.full() {
			break
		}
		ok, err := r.sheet(ctx, s, sst)
		if err != nil {
			return err
		}
		read = read || ok
		r.text.newline() // a blank line between sheets
	}
	if read {
		return nil
	}
	if len(parts) > 0 {
		r.p.warn(fmt.Errorf("%w: none of the %d worksheets could be read", ErrFormat, len(parts)))
	} else {
		r.p.warn(fmt.Errorf("%w: the workbook lists no worksheet", ErrFormat))
	}
	if sst.len() == 0 {
		return nil
	}
	r.p.warn(fmt.Errorf("%w: the text is the shared-string table, without numbers, in order of first use", ErrFormat))
	for i := range sst.len() {
		if r.text.full() {
			break
		}
		r.text.write(sst.at(i))
		r.text.newline()
	}
	r.cellsLeftOut = r.cellsLeftOut || sst.cut
	return nil
}

// sheetParts returns the sheets to read, in the order xl/workbook.xml
// lists them, each resolved through xl/_rels/workbook.xml.rels, and the
// shared-string table's part. When no sheet resolves (the workbook part or
// its relationships missing or broken) the parts xl/worksheets/sheetN.xml
// are read in the order of N.
func (r *ooxmlRun) sheetParts(ctx context.Context) ([]xlsxPart, string, error) {
	rels, err := r.readRels(ctx, ooxmlRelsPart("xl/workbook.xml"))
	if err != nil {
		return nil, "", err
	}
	sstPart := ""
	byID := map[string]ooxmlRel{}
	for _, rel := range rels {
		if rel.external || rel.target == "" {
			continue
		}
		if _, dup := byID[rel.id]; !dup {
			byID[rel.id] = rel
		}
		if sstPart == "" && path.Base(rel.typ) == "sharedStrings" {
			sstPart = xlsxTarget(rel.target)
		}
	}
	if sstPart == "" || !r.p.has(sstPart) {
		sstPart = xlsxSharedStrings
	}
	var parts []xlsxPart
	seen := map[string]bool{}
	for _, s := range r.sheets {
		rel, ok := byID[s.id]
		if !ok {
			continue
		}
		part := xlsxTarget(rel.target)
		if key := strings.ToLower(part); !seen[key] {
			seen[key] = true
			parts = append(parts, xlsxPart{name: s.name, part: part})
		}
	}
	if len(parts) == 0 {
		parts = xlsxNumberedSheets(r.p.names, r.lim.MaxRecords)
	}
	return parts, sstPart, nil
}

// xlsxTarget resolves the target of a relationship of xl/workbook.xml:
// relative to xl/, or from the package root when it starts with "/".
func xlsxTarget(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return path.Join("xl", target)
}

// xlsxNumberedSheets returns the parts xl/worksheets/sheetN.xml of names,
// in the order of N, at most max of them.
func xlsxNumberedSheets(names []string, max int) []xlsxPart {
	type numbered struct {
		n    int
		name string
	}
	var list []numbered
	for _, name := range names {
		rest, ok := strings.CutPrefix(strings.ToLower(name), "xl/worksheets/sheet")
		if !ok {
			continue
		}
		num, ok := strings.CutSuffix(rest, ".xml")
		if n, err := strconv.Atoi(num); ok && err == nil && n >= 0 {
			list = append(list, numbered{n, name})
		}
	}
	slices.SortStableFunc(list, func(a, b numbered) int { return a.n - b.n })
	var parts []xlsxPart
	for _, s := range list[:min(len(list), max)] {
		parts = append(parts, xlsxPart{name: path.Base(s.name), part: s.name})
	}
	return parts
}

// sharedStringTable reads the shared-string table of part within the
// text budget (see the bounds above).
func (r *ooxmlRun) sharedStringTable(ctx context.Context, part string) (*xlsxStrings, error) {
	sst := &xlsxStrings{}
	if !r.p.has(part) {
		return sst, nil
	}
	budget := min(r.lim.MaxTextBytes, math.MaxUint32)
	// fits reports whether n more bytes of the current entry, and the
	// entry itself, are within the budget.
	fits := func(n int) bool {
		return int64(len(sst.text))+int64(n)+int64(len(sst.ends))+1 <= budget
	}
	in, start := false, 0
	warned := len(r.p.warnings)
	ok, err := r.parsePrefix(ctx, part, func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			if e.Name.Local == "si" && x.parent(1) == "sst" {
				in, start = true, len(sst.text)
			}
		}
		x.onText = func(x *officeXML, s string) {
			if !in || x.parent(0) != "t" || x.inside("rPh") {
				return
			}
			if !fits(len(s)) {
				sst.cut, sst.text, x.stop = true, sst.text[:start], true
				return
			}
			sst.text = append(sst.text, s...)
		}
		x.onEnd = func(x *officeXML, e xml.EndElement) {
			if !in || e.Name.Local != "si" || x.parent(1) != "sst" {
				return
			}
			in = false
			if !fits(0) {
				sst.cut, sst.text, x.stop = true, sst.text[:start], true
				return
			}
			sst.ends = append(sst.ends, uint32(len(sst.text)))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if sst.cut {
		r.p.warn(fmt.Errorf("%w: shared strings past the first %d (%d bytes) not kept: the text budget is %d bytes", ErrLimit, sst.len(), len(sst.text), r.lim.MaxTextBytes))
	}
	if !ok && !sst.cut {
		// The part's reader said why in a warning: a limit cut the table
		// (its later entries exist), or the part is damaged (a reference
		// past what was read is taken as one to no entry).
		for _, w := range r.p.warnings[warned:] {
			sst.cut = sst.cut || errors.Is(w, ErrLimit)
		}
	}
	if !ok && sst.len() > 0 {
		r.read++ // the part was read in part, and what was read is used
	}
	return sst, nil
}

// sheet writes the cells of one sheet to the text, and reports whether
// the sheet was read: its part read whole, or some cell of it written.
func (r *ooxmlRun) sheet(ctx context.Context, s xlsxPart, sst *xlsxStrings) (bool, error) {
	var (
		typ       string
		col, next int  // the cell's column, the column of the row's next field
		rowOut    bool // the row has a field written
		val, inl  strings.Builder
		keep      int64 // the bytes of a value worth keeping
		cells     int
		pastKept  int // cells referring to shared strings not kept
		pastEnd   int // cells referring to none
	)
	warned := len(r.p.warnings)
	ok, err := r.parsePrefix(ctx, s.part, func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			switch {
			case e.Name.Local == "row" && x.parent(1) == "sheetData":
				next, rowOut = 0, false
			case e.Name.Local == "c" && x.parent(1) == "row":
				typ, _ = officeAttr(e, "t")
				col = next
				if ref, ok := officeAttr(e, "r"); ok {
					if c, ok := xlsxColumn(ref); ok && c > next {
						col = c
					}
				}
				val.Reset()
				inl.Reset()
				// A value longer than the room left is cut in the text;
				// a few bytes more let the cut fall between characters.
				keep = r.text.room() + utf8.UTFMax
			}
		}
		x.onText = func(x *officeXML, t string) {
			switch {
			case x.parent(0) == "v" && x.parent(1) == "c":
				xlsxAppend(&val, t, keep)
			case x.parent(0) == "t" && x.inside("is") && !x.inside("rPh"):
				xlsxAppend(&inl, t, keep)
			}
		}
		x.onEnd = func(x *officeXML, e xml.EndElement) {
			switch {
			case e.Name.Local == "c" && x.parent(1) == "row":
				text, ref := xlsxCellText(typ, val.String(), inl.String(), sst)
				switch ref {
				case xlsxRefPastKept:
					pastKept++
				case xlsxRefNone:
					pastEnd++
				}
				if text == "" {
					return
				}
				if rowOut {
					r.text.write("\t")
				}
				if gap := int64(col - next); gap > 0 {
					r.text.write(strings.Repeat("\t", int(min(gap, r.text.room()+1))))
				}
				r.text.write(text)
				rowOut, next = true, col+1
				cells++
			case e.Name.Local == "row" && x.parent(1) == "sheetData":
				if rowOut {
					r.text.write("\n")
				}
			}
			if r.text.full() {
				x.stop = true
			}
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	for _, w := range r.p.warnings[warned:] {
		// A limit (the record size, the package budget, the tokens of a
		// part) left the rest of the sheet out.
		r.cellsLeftOut = r.cellsLeftOut || errors.Is(w, ErrLimit)
	}
	name := CutText(s.name, 64)
	if pastKept > 0 {
		r.cellsLeftOut = true
		r.p.warn(fmt.Errorf("%w: sheet %q: %d cells refer to shared strings past the %d kept, left out", ErrLimit, name, pastKept, sst.len()))
	}
	if pastEnd > 0 {
		r.p.warn(fmt.Errorf("%w: sheet %q: %d cells refer to no shared string (the table holds %d), left out", ErrFormat, name, pastEnd, sst.len()))
	}
	if !ok && cells > 0 {
		r.read++ // read in part, and what was read is in the text
	}
	return ok || cells > 0, nil
}

// xlsxAppend appends s to b as long as b holds fewer than keep bytes.
func xlsxAppend(b *strings.Builder, s string, keep int64) {
	if room := keep - int64(b.Len()); room > 0 {
		b.WriteString(s[:min(int64(len(s)), room)])
	}
}

// xlsxRef says how a cell's shared-string reference resolved.
type xlsxRef int

const (
	xlsxRefOK       xlsxRef = iota // not a shared string, or one kept
	xlsxRefPastKept                // past the entries kept of a cut table
	xlsxRefNone                    // no entry of the table, or no number
)

// xlsxCellText returns the text of a cell of type typ (its t attribute)
// whose <v> holds val and whose inline string is inl.
func xlsxCellText(typ, val, inl string, sst *xlsxStrings) (string, xlsxRef) {
	switch typ {
	case "s":
		v := strings.TrimSpace(val)
		if v == "" {
			return "", xlsxRefOK
		}
		i, err := strconv.Atoi(v)
		switch {
		case err != nil || i < 0:
			return "", xlsxRefNone
		case i < sst.len():
			return sst.at(i), xlsxRefOK
		case sst.cut:
			return "", xlsxRefPastKept
		}
		return "", xlsxRefNone
	case "inlineStr":
		return inl, xlsxRefOK
	case "str":
		return val, xlsxRefOK // a formula's string: spaces are its own
	case "b":
		switch v := strings.TrimSpace(val); v {
		case "1":
			return "TRUE", xlsxRefOK
		case "0":
			return "FALSE", xlsxRefOK
		default:
			return v, xlsxRefOK
		}
	}
	// A number (t="n" or none), an error (t="e"), a date (t="d"): as
	// stored. A writer that forgets t="inlineStr" still has its string.
	if v := strings.TrimSpace(val); v != "" || inl == "" {
		return v, xlsxRefOK
	}
	return inl, xlsxRefOK
}

// xlsxColumn returns the zero-based column of a cell reference ("B7" → 1,
// "$AA$3" → 26), and false when it has none or one past xlsxMaxColumn.
func xlsxColumn(ref string) (int, bool) {
	ref = strings.TrimPrefix(ref, "$")
	c, n := 0, 0
	for ; n < len(ref); n++ {
		ch := ref[n]
		switch {
		case 'A' <= ch && ch <= 'Z':
			c = c*26 + int(ch-'A'+1)
		case 'a' <= ch && ch <= 'z':
			c = c*26 + int(ch-'a'+1)
		default:
			return c - 1, n > 0
		}
		if n >= 3 || c > xlsxMaxColumn {
			return 0, false
		}
	}
	return c - 1, n > 0
}
