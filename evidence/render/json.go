package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
)

// TextMode says how much of each item's text (Item.Text) a JSON output
// holds. Attribution has read all of it in the library whatever the mode:
// the mode chooses what is written, not what is read.
type TextMode string

// The text modes. The zero value is TextFull.
const (
	// TextFull writes the text as the report holds it (itself cut at
	// Limits.MaxTextBytes, with text_truncated set).
	TextFull TextMode = "full"
	// TextSnippet writes the text's first SnippetBytes bytes, cut back to
	// the start of the character they would split, and sets
	// text_truncated on an item whose text was cut so.
	TextSnippet TextMode = "snippet"
	// TextNone writes "" for every text, and sets text_truncated on an
	// item that had text, so that "" is never read as "no text".
	TextNone TextMode = "none"
)

// TextModes lists the valid text modes, for command-line flags.
var TextModes = []TextMode{TextNone, TextSnippet, TextFull}

// SnippetBytes is how many bytes of an item's text TextSnippet keeps at
// most: a paragraph, enough to see what a file is about (about 1,000
// letters of English or 340 of Japanese) while the item's JSON stays a
// few kilobytes whatever the package holds.
const SnippetBytes = 1 << 10

// ErrJSONOptions is returned by NewJSONWriter for options that do not go
// together or a text mode it does not know.
var ErrJSONOptions = errors.New("render: invalid JSON options")

// errFinished is returned by a JSONWriter used after Finish.
var errFinished = errors.New("render: JSON writer already finished")

// JSONOptions says how a JSONWriter lays the report out. The zero value
// writes one compact JSON document with the whole text of every item.
type JSONOptions struct {
	// Lines writes NDJSON (JSON Lines) instead of one document: one line
	// {"item":{…}} per item, written (and flushed) as it is handed to
	// WriteItem, then one last line {"report":{…}} that holds every other
	// section of the report and no "items". A stream that does not end
	// with the report line was cut short.
	Lines bool
	// Indent indents the document with two spaces per level, for people.
	// NDJSON is one object per line: Indent with Lines is an error.
	Indent bool
	// Text chooses how much of each item's text is written; "" is
	// TextFull.
	Text TextMode
}

// JSONWriter writes a report as JSON with its items written as they come
// (WriteItem), and every other section at the end (Finish): the package
// hashes, attribution, claim, problems, stats, limits and timeline are
// known only once the triage is over. It holds one item at a time, so
// that its memory does not grow with the package; fed by
// evidence.Options.OnItem, it writes the report of a triage whose items
// never all exist at once.
//
// The document is the report's JSON contract, the same as json.Marshal
// of the whole report gives, but for two things: "items" comes first in
// the object, and the items are in the order they were written (with
// OnItem, the order in which they finished: an archive after its
// members). Lists that are nil in the report are written [] (problems,
// the timeline's events and findings, attribution's ranking and
// candidates, an item's problems), as the contract wants. A JSONWriter
// is not safe for concurrent use; OnItem never calls concurrently.
type JSONWriter struct {
	bw       *bufio.Writer
	opts     JSONOptions
	buf      bytes.Buffer // one value, encoded
	enc      *json.Encoder
	items    int
	finished bool
}

// jsonBufferKeep is the largest encoding buffer kept between items: one
// that holds an item with the default MaxTextBytes of text (1 MiB) with
// room to spare, so that a pack of such items reuses one buffer; a text
// escaped six times over (control characters become \u001b) may grow it
// further once, and it is then dropped rather than held to the end.
const jsonBufferKeep = 4 << 20

// NewJSONWriter returns a JSONWriter that writes to w. Nothing is written
// before the first WriteItem or Finish.
func NewJSONWriter(w io.Writer, opts JSONOptions) (*JSONWriter, error) {
	switch opts.Text {
	case "":
		opts.Text = TextFull
	case TextFull, TextSnippet, TextNone:
	default:
		return nil, fmt.Errorf("%w: text mode %q (want none, snippet or full)", ErrJSONOptions, opts.Text)
	}
	if opts.Lines && opts.Indent {
		return nil, fmt.Errorf("%w: NDJSON is one object per line and cannot be indented", ErrJSONOptions)
	}
	j := &JSONWriter{bw: bufio.NewWriterSize(w, 64<<10), opts: opts}
	j.enc = json.NewEncoder(&j.buf)
	if opts.Indent {
		j.enc.SetIndent("    ", "  ")
	}
	return j, nil
}

// WriteJSON writes rep as one JSON document, as a JSONWriter does (see
// there): the report held whole in memory, written item by item.
func WriteJSON(w io.Writer, rep *evidence.Report, opts JSONOptions) error {
	j, err := NewJSONWriter(w, opts)
	if err != nil {
		return err
	}
	return j.Finish(rep)
}

// WriteItem writes one item, with its text cut as the options say (the
// item itself is not changed). The first error writing to the
// underlying writer is returned by every later call: a caller that feeds
// WriteItem from evidence.Options.OnItem returns it there, which stops
// the triage.
func (j *JSONWriter) WriteItem(it *evidence.Item) error {
	if j.finished {
		return errFinished
	}
	if it == nil {
		return fmt.Errorf("render: nil item")
	}
	v := outputItem(it, j.opts.Text)
	switch {
	case j.opts.Lines:
		j.bw.WriteString(`{"item":`)
	case j.items == 0 && j.opts.Indent:
		j.bw.WriteString("{\n  \"items\": [\n    ")
	case j.items == 0:
		j.bw.WriteString(`{"items":[`)
	case j.opts.Indent:
		j.bw.WriteString(",\n    ")
	default:
		j.bw.WriteByte(',')
	}
	if err := j.encode(&v); err != nil {
		return err
	}
	j.items++
	if j.opts.Lines {
		j.bw.WriteString("}\n")
		// A consumer of NDJSON reads items as they finish.
		return j.bw.Flush()
	}
	return j.err()
}

// Finish writes the items of rep.Items (after those given to WriteItem,
// if any), then every other section of rep, and flushes. It must be
// called once, at the end; rep is not changed.
func (j *JSONWriter) Finish(rep *evidence.Report) error {
	if j.finished {
		return errFinished
	}
	if rep == nil {
		return fmt.Errorf("render: nil report")
	}
	for i := range rep.Items {
		if err := j.WriteItem(&rep.Items[i]); err != nil {
			return err
		}
	}
	j.finished = true
	r := *rep // a shallow copy, whose nil lists become []
	r.Problems = nonNil(r.Problems)
	r.Attribution.Ranking = nonNil(r.Attribution.Ranking)
	r.Attribution.Candidates = nonNil(r.Attribution.Candidates)
	r.Attribution.ClaimEcho = nonNil(r.Attribution.ClaimEcho)
	r.Timeline.Events = nonNil(r.Timeline.Events)
	r.Timeline.Findings = nonNil(r.Timeline.Findings)
	rest := sections{Report: &r}
	if j.opts.Indent {
		j.enc.SetIndent("", "  ")
	}
	j.buf.Reset()
	if err := j.enc.Encode(&rest); err != nil {
		return err
	}
	// rest is {"schema_version":…,…}: the items go before its first key.
	obj := bytes.TrimSuffix(j.buf.Bytes(), []byte("\n"))
	switch {
	case j.opts.Lines:
		j.bw.WriteString(`{"report":`)
		j.bw.Write(obj)
		j.bw.WriteString("}\n")
	case j.opts.Indent:
		if j.items == 0 {
			j.bw.WriteString("{\n  \"items\": [],\n")
		} else {
			j.bw.WriteString("\n  ],\n")
		}
		j.bw.Write(bytes.TrimPrefix(obj, []byte("{\n")))
		j.bw.WriteByte('\n')
	default:
		if j.items == 0 {
			j.bw.WriteString(`{"items":[`)
		}
		j.bw.WriteString("],")
		j.bw.Write(obj[1:])
		j.bw.WriteByte('\n')
	}
	j.buf = bytes.Buffer{}
	return j.bw.Flush()
}

// encode writes v, encoded, to the buffered writer, without the newline
// the encoder ends it with.
func (j *JSONWriter) encode(v any) error {
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return err
	}
	j.bw.Write(bytes.TrimSuffix(j.buf.Bytes(), []byte("\n")))
	if j.buf.Cap() > jsonBufferKeep {
		j.buf = bytes.Buffer{}
	}
	return nil
}

// err returns the first error of the underlying writer, which the
// bufio.Writer keeps and returns from every later Write, without
// flushing what is buffered.
func (j *JSONWriter) err() error {
	_, err := j.bw.Write(nil)
	return err
}

// sections is a report with its items left out: the field Items here
// hides the report's own "items" (a field of the outer struct wins over
// an embedded one of the same JSON name), and is always nil. Every other
// field of the report is written, in the report's order, including
// fields added to it later.
type sections struct {
	*evidence.Report
	Items []evidence.Item `json:"items,omitempty"`
}

// outputItem returns a shallow copy of it with its text cut for mode and
// its problems [] when nil. The copy shares everything else with it.
func outputItem(it *evidence.Item, mode TextMode) evidence.Item {
	v := *it
	v.Problems = nonNil(v.Problems)
	switch mode {
	case TextNone:
		v.TextTruncated = v.TextTruncated || v.Text != ""
		v.Text = ""
	case TextSnippet:
		if len(v.Text) > SnippetBytes {
			v.Text = cutText(v.Text, SnippetBytes)
			v.TextTruncated = true
		}
	}
	// The other readings of OCR text are text too: only the full mode
	// writes them (the words, which place a finding on the image, stay).
	if mode != TextFull && v.OCR != nil && len(v.OCR.Alternatives) > 0 {
		o := *v.OCR
		o.Alternatives = nil
		v.OCR = &o
	}
	return v
}

// cutText returns the longest prefix of s of at most n bytes that does
// not end inside a character: a byte that is not UTF-8 counts as a
// character of its own.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	// Back up over continuation bytes to the first byte of the character
	// that s[n] continues: at most the three a character has after it.
	for k := 0; k < utf8.UTFMax-1 && i > 0 && !utf8.RuneStart(s[i]); k++ {
		i--
	}
	if _, size := utf8.DecodeRuneInString(s[i:]); i+size > n {
		return s[:i] // the character at i goes on past n
	}
	return s[:n] // s[n] continues no character: stray bytes before it
}

// nonNil returns s, or an empty slice for nil, so that the JSON holds []
// and never null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
