// Command triage triages a proof pack: it unpacks every archive level
// safely, identifies each file's true type, hashes everything, and prints
// a summary or the full JSON report.
//
// Usage:
//
//	triage [flags] PACKAGE [flags]
//	triage [flags] PACKAGE... | DIR...
//	triage [flags] -manifest FILE
//
// Flags may come before or after the package; after "--" every argument
// is taken for a package name. -h prints the help on standard output.
//
// PACKAGE "-" reads the package from standard input (named "stdin" in
// the report, or -name), at most
// -max-total-bytes of it: a larger stream is triaged from its first
// -max-total-bytes bytes, with a limit_total_bytes problem that says so
// and no package hashes. Any other PACKAGE must be a regular file: a
// named pipe, a device, a socket or a directory is refused (status 1)
// without being opened.
//
// SIGINT, SIGTERM and SIGHUP stop the triage promptly, in every phase
// (reading standard input included): its temporary files are removed and
// the partial report is written (status 130). A second signal while that report is written
// ends the command at once.
//
// Several packages are triaged one after another in one run, with one
// pool of OCR engines: each operand, a directory standing for the
// regular files directly in it (in name order; not its subdirectories,
// links or special files), or the lines of -manifest FILE, one package
// per line: PATH, then optionally a TAB and the CLAIM, then a TAB and the
// PASSWORD, which replace -claim and -password for that package (#
// comments and blank lines are skipped, a relative PATH is taken from the
// manifest's directory, and neither a line nor its password is ever
// printed). With several packages -json (implied by -manifest) writes one
// line per package, the compact report with its items (NDJSON); -ndjson
// each package's item lines and report line in turn; the summary one per
// package, after a line of "=". -html, -md, -stix and -misp then need a
// FILE with {name} in it, which each package's file name replaces (-html
// reports/{name}.html); without it the run is refused. A package that
// cannot be opened is named on standard error and the run goes on.
//
// Data goes to standard output (or -o FILE); progress and errors go to
// standard error. The exit status is 0 when every package was triaged,
// even if some entries were broken (they are listed as problems), 1 when
// a package could not be opened or read at all or the output could not
// be written (a closed pipe, a full disk), 2 for a usage error, 3 when
// nothing of a package could be read for want of a password (its report
// has a password_needed problem, and standard error says to give
// -password-file or -password) and 130 when interrupted; with several
// packages, the first of 130, 1 and 3 that applies to one of them.
//
// The output is the summary for people, or the report for programs:
// -json writes it as one JSON document (compact, unless -pretty or
// standard output is a terminal), -ndjson as one line per item then one
// line for the rest. Items are written as the triage finishes them, so
// that the command's memory does not grow with the package; the summary
// lists a bounded number of items and counts the rest. -text none,
// snippet or full chooses how much of each item's text the JSON holds.
//
// Images (screenshots above all) are read by OCR with Tesseract, in
// Japanese and English unless -lang says otherwise, and so are the first
// pages of PDFs without a text layer when Poppler's pdftoppm is installed;
// -ocr=false turns it off. When OCR cannot run (a build with
// CGO_ENABLED=0 has no Tesseract; or the default languages' data is not
// installed) the command says so on standard error, triages without it,
// and the report carries an ocr_unavailable problem that counts the
// images left unread. Languages named with -lang that are not installed
// stop the command (status 1) with the Debian package to install.
//
// The summary opens with the answer: the VERDICT on the claim with its
// reason and the owner (name, id, confidence), then the TIMELINE (the
// range of the content dates, archive times left out, a stale claim and
// the timeline's findings), then the package, its items, metadata, OCR
// text, attribution and problems.
//
// The ATTRIBUTION section ranks the organisations the data belongs to,
// custodians first, with the strongest evidence of each (custody, then
// authorship, what the seller says, mentions); -claim NAME judges the
// seller's claim against them (supported, contradicted or inconclusive,
// with the claimed organisation's relation to the owner and the reason);
// -claim-date DATE adds a finding when the files are more than a year
// older than the claim. The default organisation catalogue is built in; -orgs FILE
// replaces it and -orgs-add FILE extends it (YAML or JSON, see package
// fingerprint); a profile error is reported with its file and line, and
// exits with status 2. Tesseract's threads must be limited before the process starts, so
// the command re-executes itself once with OMP_THREAD_LIMIT=1 when that
// variable is not set.
//
// -case ID, -analyst NAME and -tlp LEVEL (a TLP 2.0 marking: CLEAR,
// GREEN, AMBER, AMBER+STRICT or RED) name the investigation; every
// output shows them, with the date of the triage.
//
// -csv FILE writes the items as CSV, one row per item as the triage
// finishes it (-csv - writes it to standard output instead of the
// summary).
//
// -html FILE and -md FILE also write the report for people, as one
// self-contained HTML page (screenshot thumbnails embedded) and as
// Markdown, beside the summary or JSON. -stix FILE and -misp FILE write
// it for threat-intelligence platforms, as a STIX 2.1 bundle and a MISP
// event (packages evidence/stix and evidence/misp), marked with -tlp and
// naming the seller of -seller; "-" writes one of them to standard
// output instead of the summary.
//
// -redact masks personal data in every output (people's names, the
// local parts of e-mail addresses, phone numbers, postal addresses, the
// users of accounts and home directories; evidence.Redact), for a report
// that goes to whoever must not see it; the items are then held until
// the triage ends.
//
// Unless GOMEMLIMIT is set, the command sets the Go runtime's soft memory
// limit to 128 MiB, which keeps its peak resident memory flat whatever the
// package size (decoded images for OCR come on top).
//
// A write to standard output that finds the pipe closed (triage -ndjson
// PACK | head) stops the triage, which removes its temporary files, and
// the command exits with status 1.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/ocr"
	"github.com/proofpack/proofpack/ocr/pdftoppm"
	"github.com/proofpack/proofpack/ocr/tesseract"
)

// defaultMemoryLimit is the Go runtime's soft memory limit when GOMEMLIMIT
// is not set. The triage streams, so its live heap stays small; without a
// limit the collector lets the heap grow to twice the live data between
// cycles, and peak RSS creeps up with the package size.
const defaultMemoryLimit = 128 << 20

func main() {
	if ocrWanted(os.Args[1:]) {
		if err := tesseract.EnsureThreadLimit(); err != nil {
			fmt.Fprintln(os.Stderr, "triage: warning:", err, "(OCR will be slower)")
		}
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	// A write to a closed pipe on standard output would kill the process
	// with SIGPIPE, mid-triage, its temporary files left behind. With
	// the signal notified (and the notice dropped), the write fails with
	// EPIPE instead, and the command stops as for any output error. Unlike
	// signal.Ignore, this is not inherited by the programs it runs.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the command line asks for.
type config struct {
	version      bool
	metadata     bool
	jsonOut      bool
	ndjson       bool
	pretty       bool
	text         string
	output       string
	password     string
	passwordFile string
	quiet        bool
	progress     string
	tempDir      string
	maxTotal     byteSize
	maxEntry     byteSize
	maxAmplified byteSize
	maxRepText   byteSize
	limits       evidence.Limits
	ocr          bool
	lang         string
	langGiven    bool // -lang was on the command line
	ocrWorkers   int
	ocrTimeout   time.Duration
	maxPixels    int64
	pdfPages     int
	claim        string
	claimDate    claimDate
	orgs         string
	orgsAdd      string
	caseID       string
	analyst      string
	tlp          string
	csvOut       string
	htmlOut      string
	mdOut        string
	exports      exports
	pkg          string
	stdinName    string
	manifest     string   // -manifest FILE
	operands     []string // the PACKAGE operands
	multi        bool     // several packages, a directory or -manifest (multi.go)
	volumes      []string // the volumes of a split archive read as one package
	redact       bool
	library      libraryFlags
}

// ocrWanted reports whether the command line leaves OCR on, without
// parsing it fully: main asks before anything else runs.
func ocrWanted(args []string) bool {
	c := &config{}
	fs := c.flagSet(io.Discard)
	if _, err := parseArgs(fs, args); err != nil {
		return false // the real parse reports the error
	}
	return c.ocr && !c.version && c.metadata
}

// flagSet declares the command's flags on a new FlagSet that stores
// into c and prints its messages to stderr.
func (c *config) flagSet(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("triage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	d := evidence.DefaultLimits()
	c.maxTotal = byteSize(d.MaxTotalBytes)
	c.maxEntry = byteSize(d.MaxEntryBytes)
	c.maxAmplified = byteSize(d.MaxAmplifiedBytes)
	c.maxRepText = byteSize(d.MaxReportText)
	fs.BoolVar(&c.jsonOut, "json", false, "print the full report as one JSON document instead of the summary: compact unless -pretty or standard output is a terminal; \"items\" comes first, each written as the triage finishes it")
	fs.BoolVar(&c.ndjson, "ndjson", false, `print the full report as NDJSON instead of the summary: one line {"item":{…}} per item as the triage finishes it, then one line {"report":{…}} with every other section (no "items")`)
	fs.BoolVar(&c.pretty, "pretty", false, "indent the JSON of -json for people (the default when standard output is a terminal)")
	fs.StringVar(&c.text, "text", string(render.TextFull), fmt.Sprintf("how much of each item's text -json and -ndjson write: `MODE` none (\"\", text_truncated set when there was text), snippet (the first %d bytes, cut between characters, text_truncated set) or full; attribution reads all of it either way; none also leaves the OCR excerpts out of the summary", render.SnippetBytes))
	fs.BoolVar(&c.version, "version", false, "print the version of proofpack and exit")
	fs.BoolVar(&c.metadata, "metadata", true, "read metadata and body text of documents, images and mail (-metadata=false: only unpack, identify and hash)")
	fs.StringVar(&c.output, "o", "", "write the output to `FILE` instead of standard output; it is created (or emptied) before the triage starts, and never the PACKAGE")
	fs.StringVar(&c.password, "password", "", "`PASSWORD` for encrypted entries (zip, 7z, rar); visible to other users in the process list, prefer -password-file")
	fs.StringVar(&c.passwordFile, "password-file", "", "read the password from the first line of `FILE`")
	fs.BoolVar(&c.quiet, "q", false, "no progress on standard error")
	fs.StringVar(&c.progress, "progress", "auto", "progress bar on standard error: auto (only on a terminal), always or never")
	fs.StringVar(&c.tempDir, "tmpdir", "", "parent `DIR` of the private temporary directory (default: $TMPDIR or /tmp)")
	fs.Var(&c.maxTotal, "max-total-bytes", "stop after this many uncompressed bytes in all (`SIZE`, e.g. 8GiB, 500MB)")
	fs.Var(&c.maxEntry, "max-entry-bytes", "stop reading an entry after this many uncompressed bytes (`SIZE`)")
	fs.Var(&c.maxAmplified, "max-amplified-bytes", "bound what entries may yield, across every nesting level, beyond the package bytes they come from (`SIZE`): the budget is -max-ratio times the package size, at least 64 MiB and at most SIZE; a nested archive spends at most half of what its parent has left, so a bomb stops in its own subtree (problem limit_amplification)")
	fs.Var(&c.maxRepText, "max-report-text", "keep at most this much item text in all (`SIZE`) when the report is collected whole (-html, -md; -json and -ndjson stream items and keep none); past it, items keep hashes, type and metadata but not their text (problem limit_report_text); attribution reads all of it either way")
	fs.IntVar(&c.limits.MaxEntries, "max-entries", d.MaxEntries, "stop after this many archive entries in all")
	fs.IntVar(&c.limits.MaxDepth, "max-depth", d.MaxDepth, "do not open archives nested deeper than this")
	fs.IntVar(&c.limits.MaxRatio, "max-ratio", d.MaxRatio, "stop an entry whose uncompressed/compressed ratio exceeds this (after 1 MiB)")
	fs.DurationVar(&c.limits.MaxDuration, "timeout", d.MaxDuration, "stop the triage after this long (`DURATION`, e.g. 90s, 10m), unpacking and OCR alike; the report is partial and lists limit_duration")
	fs.BoolVar(&c.ocr, "ocr", true, "read the text of images (screenshots) with Tesseract (-ocr=false: no OCR; also off with -metadata=false)")
	fs.StringVar(&c.lang, "lang", strings.Join(ocr.DefaultLanguages(), "+"), "Tesseract `LANGS` to read images in, joined by + (each needs its Debian package tesseract-ocr-LANG)")
	fs.IntVar(&c.ocrWorkers, "ocr-workers", runtime.NumCPU(), "images read at once, one Tesseract engine each")
	fs.DurationVar(&c.ocrTimeout, "ocr-timeout", ocr.DefaultTimeoutPerImage, "give up reading one image after this long (`DURATION`; problem ocr_timeout)")
	fs.DurationVar(&c.limits.MaxOCRDuration, "ocr-budget", 0, fmt.Sprintf("bound the wall-clock time spent reading images in all (`DURATION`): then the images being read are stopped and the rest are not read (problem limit_ocr_duration); default %s plus %s per MiB of package, at most %s; never past -timeout",
		evidence.DefaultOCRBase, evidence.DefaultOCRPerMiB, evidence.DefaultMaxOCRDuration))
	fs.Int64Var(&c.maxPixels, "max-pixels", ocr.DefaultMaxPixels, "do not decode images larger than this many pixels (width x height)")
	fs.StringVar(&c.claim, "claim", "", "the seller's claim: the `NAME` of the organisation the data is said to belong to (id, name or alias in any script, or domain: Fujitsu, 富士通, fujitsu.com); the summary gives the verdict")
	fs.Var(&c.claimDate, "claim-date", "the `DATE` the seller says the data was taken (YYYY-MM-DD or RFC 3339): when the newest content date of the files is more than a year before it, the claim gets a stale_data finding, and its reason says so (\"the newest file is from 2019-03-04; the claim says 2026-05-01\")")
	fs.StringVar(&c.caseID, "case", "", "the case or ticket `ID` the report is for, shown in every output (JSON \"case\")")
	fs.StringVar(&c.analyst, "analyst", "", "the `NAME` of the analyst, shown in every output")
	fs.StringVar(&c.tlp, "tlp", "", "mark every output with a TLP 2.0 `LEVEL`: CLEAR, GREEN, AMBER, AMBER+STRICT or RED (any case; WHITE is CLEAR)")
	fs.StringVar(&c.orgs, "orgs", "", "organisation profiles (YAML or JSON) `FILE` that replaces the default catalogue")
	fs.StringVar(&c.orgsAdd, "orgs-add", "", "organisation profiles `FILE` added to the catalogue (an organisation with a known id replaces it; a parent may be one of the catalogue's)")
	fs.StringVar(&c.htmlOut, "html", "", "also write the report as one self-contained HTML `FILE` (verdict, owners, evidence with screenshot thumbnails, items, timeline); opens offline in any browser")
	fs.StringVar(&c.csvOut, "csv", "", "also write the items as CSV to `FILE`, one row per item as the triage finishes it (path, type, hashes, metadata, problem codes, case and TLP; a cell a spreadsheet would run as a formula starts with '); with several packages one FILE holds the rows of all; - writes it to standard output instead of the summary (one package)")
	fs.StringVar(&c.mdOut, "md", "", "also write the report as Markdown to `FILE`, for tickets and chat")
	c.exports.flags(fs)
	fs.StringVar(&c.stdinName, "name", "stdin", "the `NAME` of a package read from standard input (PACKAGE -), as reports show it and its items' paths start (NAME!/...); a file's own name otherwise")
	c.multiFlags(fs)
	fs.IntVar(&c.pdfPages, "pdf-pages", pdftoppm.DefaultMaxPages, "read by OCR the first `N` pages of PDFs that have no text layer (scans), rendered with pdftoppm when it is installed; 0: none")
	c.redactFlags(fs)
	c.library.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `Usage: triage [flags] PACKAGE [flags]      (PACKAGE - reads standard input)
       triage [flags] PACKAGE... | DIR...     (several packages, one after another)
       triage [flags] -manifest FILE          (one package per line: path, claim, password)

Triage a data-leak proof pack: unpack every archive level safely (zip, tar,
gzip, bzip2, xz, 7z, rar), identify each file's true type, hash it, read
the metadata and body text of documents, mail and images, read the text of
screenshots by OCR, rank the organisations the data belongs to (whose
systems held the files: custody evidence first, then who made them;
mentions weigh little and the seller's own folder names and notes
nothing), judge the seller's -claim, and print a
summary, or the full report as JSON with -json (NDJSON with -ndjson);
-html FILE and -md FILE also write it as a self-contained HTML page and as
Markdown; -stix FILE and -misp FILE as a STIX 2.1 bundle and a MISP event.

Several packages (or a DIR: each regular file directly in it, in name
order) are triaged one after another: -json writes one line per package
(NDJSON, the compact report), the summary one per package after a
separator line, and -html, -md, -stix and -misp need a FILE with {name}
in it, replaced by each package's name. The volumes of a split archive given together
are triaged as one package.

Exit status: 0 triaged (broken entries are listed as problems), 1 a
package could not be opened or read at all (the others are triaged), or
the output could not be written, 2 usage error, 3 nothing could be read
for want of a password (give -password or -password-file), 130
interrupted.

Flags:
`)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses args with fs, flags before and after the operands
// (triage pack.zip -json), and returns the operands. After "--" every
// argument is an operand.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var operands []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return operands, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(operands, rest...), nil
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}

// parseFlags parses the command line. The help that -h asks for goes to
// stdout; usage errors and their help go to stderr.
func parseFlags(args []string, stdout, stderr io.Writer) (*config, error) {
	c := &config{}
	var msg bytes.Buffer
	fs := c.flagSet(&msg)
	operands, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		_, _ = msg.WriteTo(stdout)
		return nil, err
	}
	defer func() { _, _ = msg.WriteTo(stderr) }()
	if err != nil {
		return nil, err
	}
	fs.Visit(func(f *flag.Flag) { c.langGiven = c.langGiven || f.Name == "lang" })
	if c.version {
		return c, nil
	}
	if len(operands) == 0 && c.manifest == "" {
		fs.Usage()
		return nil, errors.New("need a PACKAGE (or several, a directory, or -manifest FILE)")
	}
	switch c.progress {
	case "auto", "always", "never":
	default:
		return nil, fmt.Errorf("-progress must be auto, always or never, not %q", c.progress)
	}
	if c.htmlOut == "-" || c.mdOut == "-" {
		return nil, errors.New("-html and -md need a FILE; standard output holds the summary or JSON")
	}
	if c.csvOut != "" && c.csvOut != "-" {
		for _, o := range []struct{ flag, path string }{{"-o", c.output}, {"-html", c.htmlOut}, {"-md", c.mdOut}} {
			if o.path != "" && filepath.Clean(o.path) == filepath.Clean(c.csvOut) {
				return nil, fmt.Errorf("-csv and %s name the same file %s", o.flag, c.csvOut)
			}
		}
	}
	if c.csvOut == "-" && (c.jsonOut || c.ndjson) {
		return nil, errors.New("-csv - writes the CSV to standard output, which holds the JSON: give -csv a FILE")
	}
	if c.csvOut == "-" && c.exports.toStdout() {
		return nil, errors.New("-csv - and -stix - or -misp -: only one can have standard output")
	}
	if c.jsonOut && c.ndjson {
		return nil, errors.New("-json and -ndjson: choose one")
	}
	if c.pretty && !c.jsonOut {
		return nil, errors.New("-pretty indents the output of -json (NDJSON is one object per line)")
	}
	if !slices.Contains(render.TextModes, render.TextMode(c.text)) {
		return nil, fmt.Errorf("-text must be none, snippet or full, not %q", c.text)
	}
	if err := c.setOperands(operands); err != nil {
		return nil, err
	}
	nameGiven := false
	fs.Visit(func(f *flag.Flag) { nameGiven = nameGiven || f.Name == "name" })
	if nameGiven && c.pkg != "-" {
		return nil, errors.New("-name names a package read from standard input (PACKAGE -); a file keeps its own name")
	}
	if c.stdinName == "" || len(c.stdinName) > 255 || strings.ContainsAny(c.stdinName, "/\\") ||
		strings.ContainsFunc(c.stdinName, unicode.IsControl) || !utf8.ValidString(c.stdinName) {
		return nil, fmt.Errorf("-name must be a file name of 1 to 255 bytes without slashes or control characters, not %q", c.stdinName)
	}
	tlp, err := evidence.ParseTLP(c.tlp)
	if err != nil {
		return nil, fmt.Errorf("-tlp: %w", err)
	}
	c.tlp = string(tlp)
	if err := c.exports.check(c); err != nil {
		return nil, err
	}
	if err := c.outputsApart(); err != nil {
		return nil, err
	}
	c.limits.MaxTotalBytes = int64(c.maxTotal)
	c.limits.MaxEntryBytes = int64(c.maxEntry)
	c.limits.MaxAmplifiedBytes = int64(c.maxAmplified)
	c.limits.MaxReportText = int64(c.maxRepText)
	if c.passwordFile != "" {
		b, err := os.ReadFile(c.passwordFile)
		if err != nil {
			return nil, fmt.Errorf("-password-file: %w", err)
		}
		c.password = strings.TrimRight(strings.SplitN(string(b), "\n", 2)[0], "\r")
	}
	return c, nil
}

// outputsApart refuses an output file (-o, -html, -md, -csv, -stix, -misp) that is the
// package itself, under its name or another: it would be overwritten,
// and -o is created before the package is read.
func (c *config) outputsApart() error {
	if c.pkg == "-" {
		return nil
	}
	pkg, err := os.Stat(c.pkg)
	if err != nil {
		return nil // the triage reports it
	}
	for _, o := range []struct{ flag, path string }{{"-o", c.output}, {"-html", c.htmlOut}, {"-md", c.mdOut}, {"-csv", c.csvOut},
		{"-stix", c.exports.stixOut}, {"-misp", c.exports.mispOut}} {
		if o.path == "" || o.path == "-" {
			continue
		}
		if st, err := os.Stat(o.path); err == nil && os.SameFile(st, pkg) {
			return fmt.Errorf("%s %s is the PACKAGE: it would be overwritten", o.flag, o.path)
		}
	}
	return nil
}

// analyze triages the package c names (standard input for "-") and
// hands each item to onItem once the triage is done with it, in the order
// the triage finishes them (an archive after its members). The report it
// returns holds everything but the items: Items is empty. An error from
// onItem stops the triage and is returned, wrapped, with the report so
// far.
//
// This is the one place the command calls the library: onItem is
// evidence.Options.OnItem, so that the command's memory does not grow
// with the items.
func analyze(ctx context.Context, c *config, stdin io.Reader, opts evidence.Options, onItem func(evidence.Item) error) (*evidence.Report, error) {
	opts.OnItem = onItem
	if len(c.volumes) > 0 {
		return evidence.AnalyzeVolumes(ctx, c.volumes, opts)
	}
	if c.pkg == "-" {
		return analyzeStdin(ctx, c.stdinName, stdin, opts)
	}
	return evidence.Analyze(ctx, c.pkg, opts)
}

// analyzeStdin triages a package read from standard input, which the
// library spools within the limits (evidence.AnalyzeReader): in memory,
// then in a file unlinked as soon as it is made, so that not even a killed
// run leaves a copy behind.
func analyzeStdin(ctx context.Context, name string, stdin io.Reader, opts evidence.Options) (*evidence.Report, error) {
	return evidence.AnalyzeReader(ctx, name, interruptible(ctx, stdin), opts)
}

// interruptible returns a reader of r whose Read returns ctx's error as
// soon as ctx is done, also while a Read of r waits on an idle pipe or
// terminal: r is read on a goroutine of its own, which a Read that never
// returns leaves behind until the command exits.
func interruptible(ctx context.Context, r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	stop := context.AfterFunc(ctx, func() { pw.CloseWithError(ctx.Err()) })
	go func() {
		buf := make([]byte, 256<<10)
		_, err := io.CopyBuffer(pw, struct{ io.Reader }{r}, buf) // the struct hides WriterTo, which would pick its own buffer
		stop()
		pw.CloseWithError(err) // nil: io.EOF for the reader
	}()
	return pr
}

func run(args []string, stdout, stderr io.Writer) int {
	return runWithInput(args, os.Stdin, stdout, stderr)
}

// runWithInput is run with an explicit standard input, for tests.
func runWithInput(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stdout, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "triage:", err)
		return 2
	}
	if c.version {
		fmt.Fprintln(stdout, "proofpack", evidence.Version)
		return 0
	}
	cat, err := loadCatalogue(c.orgs, c.orgsAdd)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(stderr, "triage:", line)
		}
		return 2
	}
	jobs, code, err := c.packages()
	if err != nil {
		fmt.Fprintln(stderr, "triage:", render.Escape(err.Error()))
		return code
	}
	noted := map[string]bool{}
	for _, j := range jobs {
		claim := j.config(c).claim
		if claim != "" && !c.quiet && !noted[claim] {
			noted[claim] = true
			if _, ok := cat.Lookup(claim); !ok {
				fmt.Fprintf(stderr, "triage: note: -claim %q is in no organisation profile; add one with -orgs-add FILE to judge it\n", claim)
			}
		}
	}
	// The output is opened before the triage, which writes items as they
	// finish, and before the signals are caught: opening a FIFO blocks
	// until a reader comes, and a signal then ends the command at once.
	out, err := openOutput(c.output, c.exports.mainOutput(stdout))
	if out != nil {
		out.stdout = stdout
	}
	if err != nil {
		fmt.Fprintln(stderr, "triage:", err)
		return 1
	}
	defer out.close()
	// -csv FILE: one CSV for every package of the run, created before
	// the triage as -o is.
	if out.csv, err = openCSV(c); err != nil {
		fmt.Fprintln(stderr, "triage: -csv:", err)
		out.discard()
		return 1
	}
	defer out.csv.close()

	// SIGINT, SIGTERM and SIGHUP cancel the triage, which then removes its
	// temporary files and returns a partial report (every read checks the
	// context at least every 256 KiB); stop below restores their default
	// action once the triage is over, or as soon as the first signal has
	// cancelled it, so that a second one ends the command at once even
	// while an output blocks it (a pipe nobody reads).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	context.AfterFunc(ctx, stop)

	opts := evidence.Options{Limits: c.limits, TempDir: c.tempDir, SkipMetadata: !c.metadata,
		Orgs: cat, ClaimDate: c.claimDate.t, Case: c.caseID, Analyst: c.analyst, TLP: evidence.TLP(c.tlp),
		Hashes: c.library.hashes}
	lib, err := c.library.open(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "triage:", render.Escape(err.Error()))
		out.discard()
		out.csv.discard()
		return 1
	}
	if lib != nil {
		defer lib.Close()
		opts.Library = lib
	}
	if c.ocr && c.metadata {
		pool, err := newOCRPool(c)
		switch {
		case errors.Is(err, ocr.ErrUnavailable) && (!tesseract.Available || !c.langGiven):
			// A build without cgo, or Tesseract's default languages
			// missing: the triage goes on without OCR, and says so here
			// and in the report (problem ocr_unavailable). Languages the
			// user named and does not have stop the run below.
			fmt.Fprintln(stderr, "triage: warning: OCR unavailable, images are not read:", err)
			fmt.Fprintln(stderr, "triage: (-ocr=false triages without OCR and without this warning)")
			opts.OCRUnavailable = err
		case err != nil:
			fmt.Fprintln(stderr, "triage:", err)
			fmt.Fprintln(stderr, "triage: run with -ocr=false to triage without reading images")
			out.discard()
			out.csv.discard()
			return 1
		default:
			defer pool.Close()
			opts.OCR = pool
		}
		if opts.OCR != nil && c.pdfPages > 0 {
			if rast, err := pdftoppm.New(pdftoppm.Options{MaxPages: c.pdfPages}); err == nil {
				opts.PDFRasterizer = rast
			} else if !c.quiet {
				fmt.Fprintln(stderr, "triage: note: scanned PDFs will not be read:", err)
			}
		}
	}
	if !c.multi {
		return triageOne(ctx, c, jobs[0], stdin, out, opts, stop, stderr)
	}
	return triageAll(ctx, c, jobs, stdin, out, opts, stop, stderr)
}

// triageOne triages the package of job, with the options common to every
// package of the run, and writes its outputs; it returns the command's
// exit status for it. stop restores the default action of the signals
// once the triage is over (a no-op but for the last package of a run).
func triageOne(ctx context.Context, run *config, job pkgJob, stdin io.Reader, out *output, opts evidence.Options, stop func(), stderr io.Writer) int {
	c := job.config(run)
	opts.Password, opts.Claim, opts.Thumbnails = c.password, c.claim, c.htmlOut != ""
	sink, err := newSink(c, out.w)
	if err != nil {
		fmt.Fprintln(stderr, "triage:", err)
		return 2
	}
	var bar *progressBar
	if c.showProgress(stderr) {
		var size int64
		if c.pkg != "-" {
			size = job.size()
		}
		name := ""
		if run.multi {
			name = job.name()
		}
		bar = newProgressBar(stderr, name, size)
		opts.Progress = bar.update
	}
	// -html and -md are reports for people, which show the items, and
	// -stix and -misp list them: only they keep them, and their text within -max-report-text in all, as
	// a collected report would (the output has the whole text already).
	var kept []evidence.Item
	keep := c.htmlOut != "" || c.mdOut != "" || c.exports.wanted()
	keptText := evidence.NewTextBudget(c.limits.MaxReportText)
	handle := func(it evidence.Item) error {
		if keep {
			k := it
			k.Problems = slices.Clip(k.Problems) // Keep may add one: not to it's
			keptText.Keep(&k)
			kept = append(kept, k)
		}
		if err := sink.item(&it); err != nil {
			return &outputError{err}
		}
		if err := out.csv.item(&it); err != nil {
			return &outputError{fmt.Errorf("-csv: %w", err)}
		}
		return nil
	}
	red := newRedaction(c.redact, c.limits.MaxReportText)
	rep, err := analyze(ctx, c, stdin, opts, func(it evidence.Item) error {
		if red.hold(it) {
			return nil
		}
		return handle(it)
	})
	interrupted := context.Cause(ctx)
	// The triage is over and its temporary files are gone: from here a
	// signal ends the command at once, as by default, rather than wait
	// for an output that may block (a pipe nobody reads, a FIFO as -o).
	stop()
	if bar != nil {
		bar.done()
	}
	status := 0
	var oerr *outputError
	switch {
	case errors.As(err, &oerr):
		fmt.Fprintln(stderr, "triage: writing output:", oerr.err)
		out.broken = true
		return 1
	case rep == nil:
		fmt.Fprintln(stderr, "triage:", render.Escape(err.Error()))
		if errors.Is(err, evidence.ErrNotRegular) {
			fmt.Fprintln(stderr, "triage: PACKAGE must be a regular file; give a stream (a pipe, a device) on standard input: triage [flags] - < STREAM")
		}
		// The library returns no report only when it could not open
		// the package, before any item: nothing was written.
		if !run.multi {
			out.discard()
			out.csv.discard()
		}
		return 1
	case interrupted != nil:
		fmt.Fprintf(stderr, "triage: interrupted (%v); the report is partial\n", interrupted)
		status = 130
	case passwordHint(stderr, c, rep):
		status = exitPassword
	case splitHint(stderr, rep) && err == nil:
		// One volume of a split archive, triaged as far as it goes: the
		// hint names the volumes missing (and an error, if any, follows).
	case err != nil:
		fmt.Fprintln(stderr, "triage:", render.Escape(err.Error())) // it may quote the package
		status = 1
	}

	if err := red.release(rep, handle); err != nil {
		fmt.Fprintln(stderr, "triage: writing output:", err)
		out.broken = true
		return 1
	}
	err = sink.finish(rep)
	if !run.multi {
		if cerr := out.close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "triage: writing output:", err)
		out.broken = true
		return 1
	}
	if !run.multi {
		if err := out.csv.finish(); err != nil {
			fmt.Fprintln(stderr, "triage: writing -csv:", err)
			return 1
		}
	}
	if keep {
		rep.Items = kept
		if p, ok := keptText.Problem(rep.Package.Name); ok {
			n, _ := keptText.Dropped()
			rep.Problems = append(rep.Problems, p)
			rep.Stats.Problems += n + 1 // the items' problems and the report's
		}
	}
	if c.htmlOut != "" {
		if err := writeFile(c.htmlOut, func(w io.Writer) error { return render.HTML(w, rep, render.HTMLOptions{}) }); err != nil {
			fmt.Fprintln(stderr, "triage: writing -html:", err)
			return 1
		}
	}
	if c.mdOut != "" {
		if err := writeFile(c.mdOut, func(w io.Writer) error { return render.Markdown(w, rep) }); err != nil {
			fmt.Fprintln(stderr, "triage: writing -md:", err)
			return 1
		}
	}
	if err := c.exports.write(c, rep, out.stdout); err != nil {
		fmt.Fprintln(stderr, "triage:", err)
		return 1
	}
	return status
}

// writeFile creates path and writes it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// loadCatalogue returns the organisation catalogue: the default one, or
// the file of -orgs instead, extended with the file of -orgs-add. Profile
// errors carry their file and line, one per line.
func loadCatalogue(replace, add string) (*fingerprint.Catalogue, error) {
	cat := fingerprint.Default()
	if replace != "" {
		c, err := fingerprint.LoadFile(replace)
		if err != nil {
			return nil, fmt.Errorf("-orgs: %w", err)
		}
		cat = c
	}
	if add != "" {
		extra, err := fingerprint.LoadExtensionFile(add)
		if err != nil {
			return nil, fmt.Errorf("-orgs-add: %w", err)
		}
		if cat, err = fingerprint.Merge(cat, extra); err != nil {
			return nil, fmt.Errorf("-orgs-add: %w", err)
		}
	}
	return cat, nil
}

// newOCRPool starts the Tesseract engines -lang and -ocr-workers ask for.
// A missing language fails here, naming the package to install.
func newOCRPool(c *config) (*ocr.Pool, error) {
	langs := strings.FieldsFunc(c.lang, func(r rune) bool { return r == '+' || r == ',' })
	if len(langs) == 0 {
		return nil, errors.New("-lang is empty")
	}
	return ocr.NewPool(func() (ocr.Engine, error) {
		return tesseract.New(tesseract.Options{Languages: langs})
	}, ocr.Options{Languages: langs, Workers: c.ocrWorkers, TimeoutPerImage: c.ocrTimeout, MaxPixels: c.maxPixels})
}

// showProgress decides whether to draw the progress bar: only on a
// terminal unless asked otherwise, and never with -q.
func (c *config) showProgress(stderr io.Writer) bool {
	if c.quiet || c.progress == "never" {
		return false
	}
	if c.progress == "always" {
		return true
	}
	f, ok := stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
