package main

import (
	"errors"
	"io"
	"io/fs"
	"os"

	"golang.org/x/term"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
)

// sink is where the command writes the report: items one by one as the
// triage finishes them, then the rest of the report.
type sink interface {
	item(it *evidence.Item) error
	finish(rep *evidence.Report) error
}

// newSink returns the sink the flags ask for, writing to w: JSON,
// NDJSON, CSV (-csv -) or the summary.
func newSink(c *config, w io.Writer) (sink, error) {
	if c.csvOut == "-" {
		return csvSink{render.NewCSVWriter(w, c.caseOf())}, nil
	}
	if !c.jsonOut && !c.ndjson {
		return &summarySink{w: w, s: newSummary(c.text)}, nil
	}
	j, err := render.NewJSONWriter(w, render.JSONOptions{
		Lines:  c.ndjson,
		Indent: c.jsonOut && !c.multi && (c.pretty || isTerminal(w)),
		Text:   render.TextMode(c.text),
	})
	if err != nil {
		return nil, err
	}
	return jsonSink{j}, nil
}

// jsonSink writes the report as JSON or NDJSON (render.JSONWriter).
type jsonSink struct{ j *render.JSONWriter }

func (s jsonSink) item(it *evidence.Item) error      { return s.j.WriteItem(it) }
func (s jsonSink) finish(rep *evidence.Report) error { return s.j.Finish(rep) }

// csvSink writes the items as CSV (render.CSVWriter), row by row.
type csvSink struct{ w *render.CSVWriter }

func (s csvSink) item(it *evidence.Item) error  { return s.w.WriteItem(it) }
func (s csvSink) finish(*evidence.Report) error { return s.w.Flush() }

// csvFile is the file of -csv FILE, written row by row as items finish;
// its methods do nothing when there is no such file.
type csvFile struct {
	out *output
	w   *render.CSVWriter
}

// openCSV creates the file of -csv FILE before the triage, as openOutput
// does -o's; nil when there is none (or it is standard output).
func openCSV(c *config) (*csvFile, error) {
	if c.csvOut == "" || c.csvOut == "-" {
		return nil, nil
	}
	o, err := openOutput(c.csvOut, nil)
	if err != nil {
		return nil, err
	}
	return &csvFile{out: o, w: render.NewCSVWriter(o.w, c.caseOf())}, nil
}

func (f *csvFile) item(it *evidence.Item) error {
	if f == nil {
		return nil
	}
	return f.w.WriteItem(it)
}

// finish flushes the rows and closes the file.
func (f *csvFile) finish() error {
	if f == nil {
		return nil
	}
	err := f.w.Flush()
	if cerr := f.out.close(); err == nil {
		err = cerr
	}
	return err
}

func (f *csvFile) close() {
	if f != nil {
		f.out.close()
	}
}

// discard removes the file, nothing written to it, if the command
// created it.
func (f *csvFile) discard() {
	if f != nil {
		f.out.discard()
	}
}

// caseOf is the case the flags name (-case, -analyst, -tlp), as the
// report will hold it.
func (c *config) caseOf() evidence.Case {
	return evidence.Case{ID: c.caseID, Analyst: c.analyst, TLP: evidence.TLP(c.tlp)}
}

// summarySink collects the summary of the items as they come (within its
// bounds) and writes it at the end.
type summarySink struct {
	w io.Writer
	s *summary
}

func (s *summarySink) item(it *evidence.Item) error {
	s.s.add(it)
	return nil
}

func (s *summarySink) finish(rep *evidence.Report) error { return s.s.write(s.w, rep) }

// outputError is an error writing the output, returned from the
// function that receives the items: it stops the triage.
type outputError struct{ err error }

func (e *outputError) Error() string { return "writing output: " + e.err.Error() }
func (e *outputError) Unwrap() error { return e.err }

// output is where the summary or the report goes: standard output, or
// the file of -o.
type output struct {
	w       io.Writer
	f       *os.File // the file of -o, nil for standard output
	path    string
	created bool // the file did not exist before
	closed  bool
	broken  bool // a write failed: nothing more can be written
	// stdout is the command's standard output, which -stix - or
	// -misp - write to (w is then another file, or nothing).
	stdout io.Writer
	// csv is the file of -csv FILE, one for every package of the run;
	// nil without one.
	csv *csvFile
}

// failed reports whether a write to the output failed.
func (o *output) failed() bool { return o.broken }

// openOutput opens the file of -o (path; standard output when ""). It
// is created before the triage, so that a path that cannot be written is
// refused at once rather than after the triage, and truncated as a
// shell's redirection does.
func openOutput(path string, stdout io.Writer) (*output, error) {
	if path == "" {
		return &output{w: stdout}, nil
	}
	o := &output{path: path, created: true}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if errors.Is(err, fs.ErrExist) {
		o.created = false
		f, err = os.Create(path)
	}
	if err != nil {
		return nil, err
	}
	o.f, o.w = f, f
	return o, nil
}

// close closes the file of -o, once; it returns the error of closing,
// which for a file on a full disk or over NFS may be the first to say
// that the report was not written.
func (o *output) close() error {
	if o.f == nil || o.closed {
		return nil
	}
	o.closed = true
	return o.f.Close()
}

// discard closes the file of -o, nothing written to it, and removes it
// if the command created it: a run that wrote no report leaves no empty
// report behind.
func (o *output) discard() {
	o.close()
	if o.f != nil && o.created {
		os.Remove(o.path)
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
