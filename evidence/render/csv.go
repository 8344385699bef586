package render

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/proofpack/proofpack/evidence"
)

// CSVColumns are the columns of the CSV of items, in order, as its
// header row names them. Lists (authors, hosts, e-mail addresses,
// problem codes) are joined by CSVListSeparator; case_id and tlp repeat
// the report's case on every row, so that a row pasted elsewhere keeps
// its marking. pdq is an image's perceptual hash (Item.Hashes), and
// seen_before lists where a case library held the item before, one
// "PACK: PATH (HOW)" per sighting, HOW being exact, "image N" (its PDQ
// distance) or "text S" (its text similarity).
var CSVColumns = []string{
	"path", "kind", "mime", "size", "sha256", "sha1", "md5", "modified",
	"declared_ext", "detected_ext", "ext_mismatch", "encrypted", "duplicate_of",
	"authors", "last_modified_by", "organisation", "software", "created",
	"metadata_modified", "title", "hosts", "emails", "text_source",
	"ocr_confidence", "problems", "case_id", "tlp", "pdq", "seen_before",
}

// CSVListSeparator joins the values of a list in one cell.
const CSVListSeparator = "; "

// CSVWriter writes the items of a report as CSV (RFC 4180 quoting,
// commas, lines ended by "\n"), one row per item after a header row: for
// spreadsheets and the tools that import them. Every cell is a string of the package shown as Escape
// shows it (a hidden character as <U+202E>, reversible with Unescape),
// and a cell that a spreadsheet would take for a formula (it starts with
// =, +, -, @, a tab or a carriage return) starts with an apostrophe,
// which spreadsheets read as "text": a file named "=HYPERLINK(…).png"
// stays a name.
//
// It holds one row at a time: items may be written as the triage
// finishes them (evidence.Options.OnItem).
type CSVWriter struct {
	w      *csv.Writer
	c      evidence.Case
	header bool
	row    []string
}

// NewCSVWriter returns a CSVWriter that writes to w and repeats c (the
// report's case: Options.Case, Analyst, TLP) on every row.
func NewCSVWriter(w io.Writer, c evidence.Case) *CSVWriter {
	return &CSVWriter{w: csv.NewWriter(w), c: c, row: make([]string, 0, len(CSVColumns))}
}

// WriteItem writes one item's row, after the header row if it is the
// first.
func (c *CSVWriter) WriteItem(it *evidence.Item) error {
	if it == nil {
		return errors.New("render: nil item")
	}
	if err := c.writeHeader(); err != nil {
		return err
	}
	m := &it.Metadata
	conf := ""
	if it.OCR != nil {
		conf = strconv.FormatFloat(it.OCR.Confidence, 'f', 1, 64)
	}
	codes := make([]string, len(it.Problems))
	for i, p := range it.Problems {
		codes[i] = p.Code
	}
	pdq := ""
	if it.Hashes != nil && it.Hashes.PDQ != nil {
		pdq = it.Hashes.PDQ.String()
	}
	seen := make([]string, len(it.SeenBefore))
	for i, s := range it.SeenBefore {
		how := s.Match
		switch s.Match {
		case evidence.MatchImage:
			how = fmt.Sprintf("image %d", s.Distance)
		case evidence.MatchText:
			how = fmt.Sprintf("text %.2f", s.Similarity)
		}
		seen[i] = fmt.Sprintf("%s: %s (%s)", s.Pack.Name, strings.TrimPrefix(s.Path, s.Pack.Name+"!/"), how)
	}
	r := append(c.row[:0],
		it.Path, it.Kind, it.MIME, strconv.FormatInt(it.Size, 10), it.SHA256, it.SHA1, it.MD5, it.Modified,
		it.DeclaredExt, it.DetectedExt, strconv.FormatBool(it.ExtMismatch), strconv.FormatBool(it.Encrypted), it.DuplicateOf,
		join(m.Authors), m.LastModifiedBy, m.Organisation, m.Software, m.Created,
		m.Modified, m.Title, join(m.Hosts), join(m.Emails), it.TextSource,
		conf, join(codes), c.c.ID, string(c.c.TLP), pdq, join(seen))
	for i, v := range r {
		r[i] = csvCell(v)
	}
	return c.w.Write(r)
}

// Flush writes the header row if no item came, and flushes.
func (c *CSVWriter) Flush() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

func (c *CSVWriter) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.w.Write(CSVColumns)
}

// CSV writes the items of rep as CSV (see CSVWriter), with rep's case on
// every row, in the order of rep.Items.
func CSV(w io.Writer, rep *evidence.Report) error {
	if rep == nil {
		return fmt.Errorf("render: nil report")
	}
	cw := NewCSVWriter(w, rep.Case)
	for i := range rep.Items {
		if err := cw.WriteItem(&rep.Items[i]); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// csvCell returns v escaped for a person (Escape) and defused for a
// spreadsheet: a leading character that starts a formula gets an
// apostrophe before it.
func csvCell(v string) string {
	v = Escape(v)
	if v != "" && strings.IndexByte("=+-@\t\r", v[0]) >= 0 {
		return "'" + v
	}
	return v
}

func join(s []string) string { return strings.Join(s, CSVListSeparator) }
