package evidence

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/proofpack/proofpack/evidence/caselib"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/ocr"
)

// Errors Analyze returns. A package that opens but holds broken entries is
// not an error: its report lists the problems.
var (
	// ErrOpen: the package file could not be opened or read.
	ErrOpen = errors.New("evidence: cannot open package")
	// ErrUnreadable: the package is an archive of a known format but not
	// one entry of it could be read (corrupt or truncated past recovery).
	// The report still holds the package's hashes and the problem.
	ErrUnreadable = errors.New("evidence: package unreadable")
	// ErrNotRegular: the package path names a named pipe (FIFO), a
	// device, a socket or a directory. Analyze refuses it, wrapped in
	// ErrOpen, without opening it: opening a pipe waits for a writer, and
	// opening a device can act on it. Triage a stream with AnalyzeReader.
	ErrNotRegular = errors.New("evidence: not a regular file")
)

// Options configure a triage. The zero value works: default limits, no
// password, the system's temporary directory.
type Options struct {
	// Limits bound the triage; zero fields take their defaults.
	Limits Limits
	// Password is tried on encrypted entries (zip ZipCrypto and AES, 7z,
	// rar). Sellers often publish it beside the link.
	Password string
	// TempDir is the parent of the private temporary directory, which is
	// created only when needed and removed before Analyze returns.
	TempDir string
	// Progress, if set, is called after each item is read, from the
	// goroutine that called Analyze.
	Progress func(Progress)
	// Extractors read metadata and body text; nil means meta.Extractors(),
	// all of them. SkipMetadata turns the stage off.
	Extractors   []meta.Extractor
	SkipMetadata bool
	// OCR, if set, reads the text of image items (screenshots, scans)
	// with its engines, beside the walk: unpacking and hashing go on while
	// images wait for a worker. Camera photographs and images too small to
	// hold text are left out. Build one with ocr.NewPool and an engine
	// (ocr/tesseract); nil leaves OCR off. The caller closes the pool.
	// OCR is bounded in total by Limits.MaxOCRDuration and MaxDuration.
	OCR *ocr.Pool
	// OCRUnavailable, when OCR was wanted but no engine could start (a
	// build without cgo, no Tesseract, a missing language), says why.
	// With OCR nil, the report then holds one ocr_unavailable problem
	// that gives the reason and counts the images and PDFs whose text
	// was not read, so that a reader of the report knows it is missing.
	OCRUnavailable error
	// PDFRasterizer, with OCR, renders the first pages of PDFs that have
	// no text layer (scans) so that OCR reads them; nil leaves such PDFs
	// unread. ocr/pdftoppm provides one.
	PDFRasterizer PDFRasterizer
	// Orgs is the organisation catalogue attribution ranks against; nil
	// means fingerprint.Default(). Attribution always runs, after OCR:
	// with SkipMetadata it still reads the names of folders and files.
	Orgs *fingerprint.Catalogue
	// Weights, when set, replaces fingerprint.DefaultWeights for this
	// triage: the class weights, the confidence model and the owner and
	// verdict thresholds (a calibration of one's own). A table that fails
	// its Validate makes Analyze return that error (errors.Is
	// fingerprint.ErrWeights) before any item is read.
	Weights *fingerprint.Weights
	// Claim is the seller's claim, an organisation's id, name or alias
	// in any script, or domain ("Fujitsu", "富士通", "fujitsu.com"); the
	// report's claim then holds the verdict. Empty leaves the claim
	// section empty.
	Claim string
	// ClaimDate is when the seller says the data was taken (or the
	// claim was made); zero leaves it out. When the newest content date
	// of the timeline (archive times left out) is more than
	// StaleClaimAge before it, the claim gets a ClaimStale finding and
	// its reason says so ("the newest file is from 2019-03-04; the claim
	// says 2026-05-01"); the verdict is unchanged.
	ClaimDate time.Time
	// Case, Analyst and TLP identify the investigation the triage is
	// for: the report's Case holds them (TLP canonical, see ParseTLP)
	// and every rendering shows them. A TLP that is not a TLP 2.0 level
	// makes the triage return an error wrapping ErrOption before
	// anything is read.
	Case    string
	Analyst string
	TLP     TLP
	// Now is the clock that dates the report (Report.TriagedAt); nil
	// means time.Now.
	Now func() time.Time
	// Thumbnails, if set, keeps a reduced JPEG of each image item in
	// Item.Thumbnail (not in the JSON) for reports rendered as HTML: at
	// most MaxThumbnails of ThumbnailSide pixels, MaxThumbnailBytes in all.
	// Images are decoded within the OCR pool's pixel limit, or
	// ocr.DefaultMaxPixels without a pool.
	Thumbnails bool
	// OnItem, if set, is handed each item as soon as its last stage is
	// done (read, metadata and text, trailing data, OCR; an archive after
	// its members, whose walk adds problems to it), and the report keeps
	// none: its Items is empty, everything else is complete (Stats counts
	// every item, attribution and the timeline have read them all). Items
	// come from one goroutine at a time, never concurrently, in the order
	// they are done: the walk's order of finishing them, whatever the
	// scheduling of workers and OCR (Item.Index gives the walk order).
	// The walk waits while OnItem runs. An error from OnItem stops the
	// triage: no item is handed on after it, and Analyze returns the
	// report so far (attribution left empty, as when cancelled) and the
	// error, wrapped. Text handed on does not count against
	// Limits.MaxReportText.
	OnItem func(Item) error
	// Workers is the number of goroutines that read metadata and text
	// and find attribution signals beside the walk, which stays one reader
	// of the package: the walk reads the next entry while they work on
	// the last ones. Zero means runtime.GOMAXPROCS(0); a negative number
	// none, every stage on the walk's goroutine. At most twice Workers
	// items wait for or are in their hands; their spools count against
	// Limits.MaxMemorySpool (beyond it they are on disk), and a text
	// item's kept head against MaxTextBytes.
	Workers int

	// Library, if set, is the case library (package caselib) of the
	// packs triaged before: each item's hashes (Item.Hashes) are looked
	// up in it as the item is done (Item.SeenBefore), the report says
	// which earlier packs share files (Report.Library), the claim gets
	// the ClaimRecycled finding when most files were published before
	// in one pack, and, when the package has no owner of its own, the
	// verdict may rest on the owner that pack's triage found (Claim.Basis).
	// At the end the pack is recorded in it, unless the triage was cut
	// short. The caller opens and closes the library; several triages
	// may share it, in one process or several.
	Library *caselib.Library
	// Hashes computes the items' similarity hashes (Item.Hashes) without
	// a library: image items are decoded for their PDQ hash (within the
	// OCR pool's pixel limit, or ocr.DefaultMaxPixels without a pool),
	// texts signed. Library implies it.
	Hashes bool

	// ocrClock measures the OCR budget; nil is the system's clock.
	// Tests set a fake one.
	ocrClock ocrClock
}

// Progress reports how far a triage has come.
type Progress struct {
	Items int    // items read so far
	Bytes int64  // uncompressed bytes read so far
	Path  string // the item just read, empty once the walk has ended
	// OCRQueued counts images handed to OCR so far, OCRDone those read
	// (or failed). After the walk, Progress is called as images finish.
	OCRQueued, OCRDone int
}

// Analyze triages the package at path. It returns the report and a nil
// error when the package could be opened, however broken its entries.
// It returns ErrOpen (and no report) when the file cannot be opened, and
// ErrUnreadable or the context's error with a partial report.
//
// Only a regular file (or a symbolic link to one) is opened: anything
// else is refused with an error wrapping ErrOpen and ErrNotRegular, before
// open(2) could block on it. The file is opened without blocking and
// checked again once open, so that a path swapped for a pipe in between
// is refused too.
func Analyze(ctx context.Context, path string, opts Options) (*Report, error) {
	if _, err := opts.check(); err != nil {
		return nil, err
	}
	f, st, err := openRegular(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrOpen, err)
	}
	defer f.Close()
	return AnalyzeReaderAt(ctx, filepath.Base(path), f, st.Size(), opts)
}

// openRegular opens path for reading if it is a regular file: stat first,
// so that a pipe or a device is never opened; then open without blocking
// (openFlags) and check the open file, which must be the one stat saw.
func openRegular(path string) (*os.File, os.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, notRegular(path, st.Mode())
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	fst, err := f.Stat()
	switch {
	case err != nil:
	case !fst.Mode().IsRegular():
		err = notRegular(path, fst.Mode())
	case !os.SameFile(st, fst):
		err = fmt.Errorf("%s was replaced while it was opened: %w", path, ErrNotRegular)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fst, nil
}

// notRegular says what path is instead of a regular file.
func notRegular(path string, m fs.FileMode) error {
	what := "not a regular file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a block device"
	case m.IsDir():
		what = "a directory"
	}
	return fmt.Errorf("%s is %s: %w", path, what, ErrNotRegular)
}

// AnalyzeReader triages a package read from r, a stream such as standard
// input; name is the package's display name. The archive formats need
// random access, so r is first spooled: to memory within
// Limits.MaxMemorySpool, beyond that to a file of the private temporary
// directory that is unlinked as soon as it is made (where the system
// allows it), so that nothing stays on disk even if the process is
// killed.
//
// At most Limits.MaxTotalBytes are read, within Limits.MaxDuration and
// while ctx lasts. A stream that holds more is not triaged as if it were
// whole: the first MaxTotalBytes bytes are, and the report's problems say
// so with limit_total_bytes on the package, whose hashes are left empty
// (they would not be the package's) and whose size is the bytes read.
// A stream not read to its end within MaxDuration gives a report of no
// items with limit_duration; a cancelled one, a report of no items and
// ctx's error. A Read that blocks (an idle pipe or terminal) delays
// cancellation until it returns: wrap such readers so that a Read returns
// when ctx is done. See Analyze for the other errors.
func AnalyzeReader(ctx context.Context, name string, r io.Reader, opts Options) (*Report, error) {
	if _, err := opts.check(); err != nil {
		return nil, err
	}
	start := time.Now()
	lim := opts.Limits.WithDefaults()
	w := newWalker(opts, lim)
	defer w.Close()

	rctx, cancel := context.WithDeadline(ctx, w.Deadline())
	defer cancel()
	sp, err := w.Spool(rctx, io.LimitReader(r, lim.MaxTotalBytes))
	if err != nil {
		switch {
		case ctx.Err() != nil:
			return emptyReport(w, start, name, lim, &opts, ctx.Err()), ctx.Err()
		case rctx.Err() != nil:
			le := &unpack.LimitError{Limit: unpack.LimitDuration, Value: int64(lim.MaxDuration / time.Second), Max: int64(lim.MaxDuration / time.Second), Path: name}
			return emptyReport(w, start, name, lim, &opts, fmt.Errorf("%w: the package was not read to its end in time, and is not triaged", le)), nil
		}
		return nil, fmt.Errorf("%w: reading %s: %w", ErrOpen, name, err)
	}
	defer sp.Close()
	// One byte more says whether the stream ends here.
	var cut error
	var one [1]byte
	switch n, err := io.ReadFull(ctxReader{rctx, r}, one[:]); {
	case n > 0:
		le := &unpack.LimitError{Limit: unpack.LimitTotalBytes, Value: sp.Size() + 1, Max: lim.MaxTotalBytes, Path: name}
		cut = fmt.Errorf("%w: the package holds more; only its first %d bytes are triaged, and its hashes are left empty", le, sp.Size())
	case err == io.EOF:
	case ctx.Err() != nil:
		cut = ctx.Err()
	case rctx.Err() != nil:
		secs := int64(lim.MaxDuration / time.Second)
		le := &unpack.LimitError{Limit: unpack.LimitDuration, Value: secs, Max: secs, Path: name}
		cut = fmt.Errorf("%w: the end of the package was not reached in time; its first %d bytes are triaged, and its hashes are left empty", le, sp.Size())
	default:
		return nil, fmt.Errorf("%w: reading %s: %w", ErrOpen, name, err)
	}
	return analyzeAt(ctx, w, start, name, sp, sp.Size(), opts, cut)
}

// emptyReport is the report of a package that could not be read at all,
// with the problem that says why.
func emptyReport(w *unpack.Walker, start time.Time, name string, lim Limits, opts *Options, why error) *Report {
	p := problemOf(why)
	p.Path = name
	a := &analysis{w: w, lim: lim, rep: newReport(name, lim, opts)}
	a.rep.Problems = append(a.rep.Problems, p)
	a.rep.Timeline = BuildTimeline(a.rep)
	a.finish(time.Since(start))
	return a.rep
}

func newWalker(opts Options, lim Limits) *unpack.Walker {
	return unpack.NewWalker(unpack.Options{Limits: lim.UnpackLimits(), Password: opts.Password, TempDir: opts.TempDir})
}

// AnalyzeReaderAt triages the package held in r, of the given size; name
// is the package's display name. See Analyze for the errors.
//
// The package's own hashes are read beside the walk, over the whole
// package whatever the byte limits say (they identify the package), and
// within Limits.MaxDuration: a package that cannot be hashed in time
// gets empty hashes and a limit_duration problem, never partial ones. A
// package that is not an archive is read as an archive's entry is, within
// MaxEntryBytes, MaxTotalBytes and MaxDuration.
func AnalyzeReaderAt(ctx context.Context, name string, r io.ReaderAt, size int64, opts Options) (*Report, error) {
	if _, err := opts.check(); err != nil {
		return nil, err
	}
	start := time.Now()
	lim := opts.Limits.WithDefaults()
	w := newWalker(opts, lim)
	defer w.Close()
	return analyzeAt(ctx, w, start, name, r, size, opts, nil)
}

// analyzeAt triages the package in r with the walker w. cut, when not
// nil, says that r holds only part of the package: its hashes are not
// computed and cut goes into the report's problems.
func analyzeAt(ctx context.Context, w *unpack.Walker, start time.Time, name string, r io.ReaderAt, size int64, opts Options, cut error) (*Report, error) {
	if opts.Weights != nil {
		if err := opts.Weights.Validate(); err != nil {
			return nil, fmt.Errorf("evidence: Options.Weights: %w", err)
		}
	}
	lim := opts.Limits.WithDefaults()
	// ctx ends also when OnItem fails (stopItems).
	ctx, stopItems := context.WithCancelCause(ctx)
	defer stopItems(nil)

	a := &analysis{w: w, opts: opts, lim: lim, rep: newReport(name, lim, &opts), bufs: newBufPool(), tails: make(chan []byte, maxFreeTails)}
	a.startStream(ctx, stopItems)
	defer a.endCtx()
	defer a.stopWorkers()
	if !opts.SkipMetadata {
		a.exs = opts.Extractors
		if a.exs == nil {
			a.exs = meta.Extractors()
		}
		for _, ex := range a.exs {
			a.rep.Tool.Extractors = append(a.rep.Tool.Extractors, Extractor{Name: ex.Name(), Version: ex.Version()})
		}
	}
	a.prefixes.New = func() any {
		b := make([]byte, identify.PrefixLen)
		return &b
	}
	if opts.Thumbnails {
		a.thumbs = newThumbnailer(opts.OCR)
	}
	a.hashing = opts.Hashes || opts.Library != nil
	a.pixelLimit = ocr.DefaultMaxPixels
	if opts.OCR != nil {
		a.pixelLimit = opts.OCR.Options().MaxPixels
	}
	if opts.Library != nil {
		a.lib = newLibraryStage(opts.Library)
	}
	if opts.OCR != nil {
		a.ocr = newOCRStage(ctx, opts.OCR, lim, name, size, start, opts.ocrClock)
		a.ocr.thumbs = a.thumbs
		a.ocr.complete = a.complete
		a.ocr.hashImages = a.hashing
		defer a.ocr.stop()
	}
	rep := a.rep
	rep.Package.Size = size
	if cut != nil {
		p := problemOf(cut)
		p.Path = name
		rep.Problems = append(rep.Problems, p)
	}
	if p, ok := splitProblem(name, r, size); ok {
		p.Path = name
		rep.Problems = append(rep.Problems, p)
	}

	// The package's own hashes come from a sequential read on another
	// core while the walk reads entries, up to the walk's deadline.
	var (
		wg      sync.WaitGroup
		pkgHash = newHashes(nil) // already on its own goroutine
		hashErr error
	)
	hctx, hcancel := context.WithDeadline(ctx, w.Deadline())
	defer hcancel()
	if cut == nil {
		wg.Go(func() {
			buf := make([]byte, copyBufSize)
			_, hashErr = io.CopyBuffer(pkgHash, ctxReader{hctx, io.NewSectionReader(r, 0, size)}, buf)
			if a.lib != nil {
				sha := ""
				if hashErr == nil {
					_, _, sha = pkgHash.sums()
				}
				a.lib.packHashed(sha)
			}
		})
	} else if a.lib != nil {
		a.lib.packHashed("")
	}

	prefix := make([]byte, identify.PrefixLen)
	n, err := r.ReadAt(prefix, 0)
	if err != nil && err != io.EOF {
		hcancel()
		wg.Wait()
		return nil, fmt.Errorf("%w: %w", ErrOpen, err)
	}
	prefix = prefix[:n]
	format := unpack.DetectFormat(prefix)
	t, declErr := refine(ctx, identify.Detect(prefix), format, r, size)
	rep.Package.MIME = t.MIME

	var walkErr error
	if format != "" && t.Kind == identify.KindArchive {
		rep.Package.Format = string(format)
		rep.Stats.Archives++
		if declErr != nil {
			// Walked as an archive because its declaration was refused:
			// the walk will not say so.
			p := problemOf(declErr)
			p.Path = name
			rep.Problems = append(rep.Problems, p)
		}
		walkErr = w.WalkReaderAt(ctx, unpack.Parent{Path: name}, format, r, size, a.visit)
		a.packageTrailing(ctx, t, r, size, walkErr)
	} else {
		// A lone file is read as an entry: within the byte limits and the
		// deadline, its problems on its item.
		if cut == nil {
			a.lone = r
		}
		walkErr = w.WalkFile(ctx, unpack.Parent{Path: name}, io.NewSectionReader(r, 0, size), size, func(ctx context.Context, e *unpack.Entry) error {
			idx := a.add(Item{Path: name, EntryType: string(unpack.TypeFile), DeclaredSize: size, CompressedSize: -1})
			err := a.readBody(ctx, idx, e, 0)
			if cut != nil {
				// r holds the file's head only.
				a.problem(idx, cut)
				it := a.item(idx)
				it.Complete, it.MD5, it.SHA1, it.SHA256 = false, "", "", ""
			}
			a.walked(ctx, idx)
			return a.stopWalk(ctx, err)
		})
	}
	wg.Wait()
	a.stopWorkers() // the items on workers are done, or with OCR
	if a.ocr != nil {
		a.ocr.wait(func() {
			if opts.Progress != nil {
				opts.Progress(a.progress(""))
			}
		})
		cut := a.ocr.summary(a)
		if err := ctx.Err(); err != nil && walkErr == nil {
			walkErr = err // cancelled while images were read
		}
		if cut != nil && walkErr == nil {
			walkErr = cut // MaxDuration ended while images were read
		}
	}

	switch {
	case cut != nil:
		// Part of the package only: no hashes, and cut says why.
	case hashErr == nil:
		rep.Package.MD5, rep.Package.SHA1, rep.Package.SHA256 = pkgHash.sums()
	case ctx.Err() != nil:
		// Cancelled: the package hashes are left empty, not partial.
		if walkErr == nil {
			walkErr = ctx.Err()
		}
	case hctx.Err() != nil:
		secs := int64(lim.MaxDuration / time.Second)
		le := &unpack.LimitError{Limit: unpack.LimitDuration, Value: secs, Max: secs, Path: name}
		p := problemOf(fmt.Errorf("%w: the package's hashes were not computed in time, and are left empty", le))
		p.Path = name
		rep.Problems = append(rep.Problems, p)
	default:
		return nil, fmt.Errorf("%w: %w", ErrOpen, hashErr)
	}
	var retErr error
	if a.stopErr != nil {
		// OnItem stopped the triage: its error, not the context's, says why.
		walkErr = fmt.Errorf("%w: the triage was stopped by Options.OnItem: %w", context.Canceled, a.stopErr)
	}
	if walkErr != nil {
		p := problemOf(walkErr)
		p.Path = name
		rep.Problems = append(rep.Problems, p)
		switch {
		case a.stopErr != nil:
			retErr = fmt.Errorf("evidence: %w", walkErr)
		case ctx.Err() != nil:
			retErr = ctx.Err()
		case a.handed() == 0 && (errors.Is(walkErr, unpack.ErrFormat) || errors.Is(walkErr, unpack.ErrTruncated) ||
			errors.Is(walkErr, unpack.ErrPanic) || errors.Is(walkErr, unpack.ErrEncrypted) || errors.Is(walkErr, unpack.ErrPassword)):
			retErr = fmt.Errorf("%w: %w", ErrUnreadable, walkErr)
		}
	}
	if a.ocr == nil && opts.OCRUnavailable != nil && !opts.SkipMetadata {
		if p, ok := ocrUnavailable(a.unread.images, a.unread.scans, opts.OCRUnavailable); ok {
			rep.Problems = append(rep.Problems, p)
		}
	}
	if ctx.Err() == nil {
		// Attribution has read every item as it was handed on; a
		// cancelled triage leaves it empty.
		a.attribution()
	}
	a.endStream()
	if ctx.Err() == nil {
		a.claimFreshness()
		if a.stopErr == nil {
			if p, ok := a.locks.problem(rep, opts.Password != ""); ok {
				p.Path = name
				rep.Problems = append(rep.Problems, p)
			}
		}
	}
	if a.lib != nil {
		a.lib.finish(ctx, a, walkErr != nil)
	}
	a.finish(time.Since(start))
	return rep, retErr
}

// analysis is the state of one triage.
type analysis struct {
	w    *unpack.Walker
	opts Options
	lim  Limits
	exs  []meta.Extractor
	rep  *Report
	bufs *sync.Pool // copyBufSize buffers for reads and the MD5 goroutine
	// prefixes holds identify.PrefixLen buffers.
	prefixes sync.Pool
	// tails holds free buffers of tailKeepers (trailing.go), kept for the
	// whole triage (maxFreeTails): one is in use per nesting level that
	// streams an item. (A sync.Pool, which every other collection
	// empties, handed a fresh 2 MiB buffer to one streamed item in
	// twenty.)
	tails chan []byte
	// lone is the package when it is a lone file held whole, which
	// trailingTail reads again past its kept tail.
	lone io.ReaderAt
	// ocr reads images beside the walk; nil when OCR is off.
	ocr *ocrStage
	// thumbs makes thumbnails; nil unless Options.Thumbnails.
	thumbs *thumbnailer
	// hashing: items get their similarity hashes (Options.Hashes or
	// Library); images are decoded within pixelLimit.
	hashing    bool
	pixelLimit int64
	// lib looks items up in Options.Library and records the pack; nil
	// without one. libProblems are its problems, for the report.
	lib         *libraryStage
	libProblems []Problem
	// owner and ownerName are the owner attribution found, recorded in
	// the library.
	owner, ownerName string
	// seen remembers contents triaged, for duplicates (duplicate.go).
	seen seenContent
	// stream holds the items on their way (stream.go).
	stream
}

// progress reports how far the triage has come.
func (a *analysis) progress(path string) Progress {
	p := Progress{Items: a.nseq, Bytes: a.w.TotalBytes(), Path: path}
	if a.ocr != nil {
		p.OCRQueued, p.OCRDone = int(a.ocr.queued.Load()), int(a.ocr.done.Load())
	}
	return p
}

// newReport starts the report of a triage of name; opts were checked.
func newReport(name string, lim Limits, opts *Options) *Report {
	c, _ := opts.check()
	return &Report{
		SchemaVersion: SchemaVersion,
		Tool:          toolInfo(),
		Package:       Package{Name: name},
		TriagedAt:     triagedAt(opts.Now),
		Case:          c,
		Items:         []Item{},
		Attribution:   Attribution{Ranking: []Owner{}, Candidates: []Candidate{}, ClaimEcho: []Owner{}},
		Problems:      []Problem{},
		Stats:         Stats{ByKind: map[string]int{}},
		Limits:        limitsUsed(lim),
		Timeline:      emptyTimeline(),
	}
}

// add starts an item on its way and returns its index, Item.Index: an
// archive's item is added before its members so that the report lists
// parents first. It waits while the items done but not yet handed on
// hold too much (see stream.wait).
func (a *analysis) add(it Item) int {
	if it.Problems == nil {
		it.Problems = []Problem{}
	}
	a.wait()
	it.Index = a.nseq
	a.nseq++
	a.live[it.Index] = &itemState{it: it}
	return it.Index
}

// visit turns one archive entry into an item.
func (a *analysis) visit(ctx context.Context, e *unpack.Entry) error {
	if e.Type == unpack.TypeDir {
		for _, p := range e.Problems {
			pr := problemOf(p)
			pr.Path = e.Path
			a.rep.Problems = append(a.rep.Problems, pr)
		}
		return nil
	}
	it := Item{
		Path:           e.Path,
		NameEncoding:   e.NameEncoding,
		Depth:          e.Depth,
		Container:      string(e.Format),
		EntryType:      string(e.Type),
		LinkTarget:     e.LinkTarget,
		Mode:           e.Mode.String(),
		DeclaredSize:   e.Size,
		CompressedSize: e.CompressedSize,
		Compression:    e.Method,
		Encrypted:      e.Encrypted,
		DeclaredExt:    identify.DeclaredExt(e.Name),
		Modified:       formatTime(e.Modified, e.ModifiedZoneKnown),
	}
	if e.NameSHA256 != "" {
		// A name over unpack.MaxNameBytes: the path holds its head, the
		// hash identifies the whole (a limit_name_bytes problem says so).
		it.NameSHA256 = e.NameSHA256
	} else if !bytes.Equal(e.RawName, []byte(e.Name)) {
		it.RawName = e.RawName
	}
	for _, p := range e.Problems {
		it.Problems = append(it.Problems, problemOf(p))
	}
	it.Problems = append(it.Problems, nameProblems(e.Name, e.LinkTarget)...)
	idx := a.add(it)
	if e.Type != unpack.TypeFile {
		a.item(idx).MIME, a.item(idx).Kind = "inode/"+string(e.Type), string(identify.KindOther)
		a.walked(ctx, idx)
		return nil
	}
	err := a.readBody(ctx, idx, e, e.Depth)
	a.item(idx).Encrypted = a.item(idx).Encrypted || e.Encrypted
	if it := a.item(idx); e.Holes > 0 {
		// A sparse file read without its holes: hashes of its data
		// regions are not the file's, and hashes are never partial.
		it.Complete = false
		it.MD5, it.SHA1, it.SHA256 = "", "", ""
	}
	if a.opts.Progress != nil {
		a.opts.Progress(a.progress(e.Path))
	}
	a.walked(ctx, idx)
	return a.stopWalk(ctx, err)
}

// stopWalk returns what of an item's read error ends the walk: the end of
// ctx and the walk's deadline. Other errors are the item's problems only.
func (a *analysis) stopWalk(ctx context.Context, err error) error {
	if cerr := ctxErr(ctx); cerr != nil {
		return cerr
	}
	if err != nil && errors.Is(err, unpack.ErrLimit) {
		var le *unpack.LimitError
		if errors.As(err, &le) && le.Limit == unpack.LimitDuration {
			return err
		}
	}
	return nil
}

// readBody reads an item's content once: the bytes feed the hashes, the
// type detection and, for archives, the walk of the nested archive.
func (a *analysis) readBody(ctx context.Context, idx int, body io.Reader, depth int) error {
	h := newHashes(a.bufs)
	tee := io.TeeReader(body, h)
	// The prefix comes from a pool: one per nesting level is in use at a
	// time, and a fresh 8 KiB per item would be most of the garbage of a
	// package of many small files.
	pp := a.prefixes.Get().(*[]byte)
	defer a.prefixes.Put(pp)
	prefix := (*pp)[:identify.PrefixLen]
	n, err := io.ReadFull(tee, prefix)
	prefix = prefix[:n]
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	if err != nil && !errors.Is(err, io.EOF) {
		a.problem(idx, err)
		a.setType(idx, identify.Detect(prefix))
		a.setHashes(idx, h, false)
		return err
	}
	t := identify.Detect(prefix)
	// The prefix is already hashed; only what follows it goes through tee.
	tail := a.newTail(t)
	full := io.TeeReader(prefixOnce(prefix, tee), tail)
	format := unpack.DetectFormat(prefix)
	path := a.item(idx).Path
	parent := unpack.Parent{Path: path, Depth: depth}
	if depth > 0 && !format.RandomAccess() {
		// A volume of a split archive that its name says (NAME.z02,
		// NAME.7z.002) or its first bytes (a RAR volume).
		a.splitVolume(idx, bytes.NewReader(prefix), int64(len(prefix)))
	}

	var readErr error
	exs := meta.Accepting(a.exs, t)
	prefixN, prefixOnly := meta.PrefixBytes(exs, a.lim.MetadataLimits())
	switch {
	case format.RandomAccess(), t.MIME == identify.MIMEOLE2, len(exs) > 0 && !prefixOnly, a.ocr != nil && (isImage(t) || isPDF(t)), (a.thumbs != nil || a.hashing) && isImage(t):
		// Zip, 7z and OLE2 are read from their directories, and metadata
		// extractors read with random access: spool them. Every zip and
		// OLE2 file is confirmed inside (decide) before its extractors are
		// chosen, so that a prefix that looks like a docx cannot hide an
		// archive's other members, and a message or a docx whose prefix
		// says only OLE2 or zip still meets its extractor.
		sp, err := a.w.Spool(ctx, prefixOnce(prefix, tee))
		if err != nil {
			readErr = err
			break
		}
		if sp.OnDisk() {
			a.rep.Stats.SpooledToDisk++
		}
		if a.duplicate(idx, h, body, format != "") {
			// Triaged already as DuplicateOf: typed, not walked or read
			// again (why a zip was not confirmed is on the first).
			t, _ = refine(ctx, t, format, sp, sp.Size())
			sp.Close()
			break
		}
		t, exs = a.decide(ctx, idx, t, format, sp, sp.Size())
		if depth > 0 {
			a.splitVolume(idx, sp, sp.Size()) // NAME.z01, the last NAME.zip, NAME.7z.001
		}
		st := a.live[idx]
		if t.Kind == identify.KindArchive && format != "" {
			a.rep.Stats.Archives++
			a.attributeEarly(st, t)
			if werr := a.w.WalkReaderAt(ctx, parent, format, sp, sp.Size(), a.visit); werr != nil {
				a.problem(idx, werr)
			}
		} else if len(exs) > 0 && a.deferMeta(st, t, exs, sp, sp.Size()) {
			st.meta.sp = sp // the worker closes it, or hands it to OCR
		} else if len(exs) > 0 {
			a.extract(ctx, idx, depth, t, exs, sp, sp.Size())
		}
		a.trailing(ctx, idx, depth, t, sp, sp.Size())
		if st.meta == nil {
			a.afterMeta(st, t, sp)
		}
		// Otherwise the worker decides, once the metadata is read: what
		// OCR reads depends on it, and an image is decoded there rather
		// than on the walk.
	case t.Kind == identify.KindArchive && format != "":
		a.attributeEarly(a.live[idx], t)
		readErr = a.walkNested(ctx, idx, h, body, parent, format, full)
	case prefixOnly:
		// Plain text is read from its first bytes only: keep them while
		// the rest streams through the hashes, rather than spool a log
		// file of gigabytes to read its first megabyte.
		head := a.newHead(prefixN, a.item(idx).DeclaredSize)
		cw := &countWriter{}
		readErr = a.drain(ctxReader{ctx, io.TeeReader(full, io.MultiWriter(head, cw))})
		switch {
		case readErr != nil:
			head.release()
		case a.duplicate(idx, h, body, false):
			// Triaged already as DuplicateOf: its text is the first's.
			head.release()
		case a.deferMeta(a.live[idx], t, exs, bytes.NewReader(head.buf), cw.n):
			a.live[idx].meta.head = head // the worker releases it
		default:
			a.extract(ctx, idx, depth, t, exs, bytes.NewReader(head.buf), cw.n)
			head.release()
		}
	default:
		readErr = a.drain(ctxReader{ctx, full})
	}
	if readErr != nil {
		a.problem(idx, readErr)
	} else {
		a.duplicate(idx, h, body, false)
	}
	a.trailingTail(ctx, idx, depth, t, tail, body, readErr == nil)
	a.setType(idx, t)
	a.setHashes(idx, h, readErr == nil)
	return readErr
}

// extract runs the metadata extractors on an item held in r, and triages
// the files embedded in it (mail attachments) as items one level down.
func (a *analysis) extract(ctx context.Context, idx, depth int, t identify.Type, exs []meta.Extractor, r io.ReaderAt, size int64) {
	path := a.item(idx).Path
	res, err := meta.Run(ctx, exs, meta.Input{Name: path, Type: t, R: r, Size: size}, a.lim.MetadataLimits())
	applyMeta(a.item(idx), res, err)
	if res == nil {
		return
	}
	if len(res.Attachments) > 0 {
		// The item is read but for its problems: attribution reads it
		// before its attachments, as it would in the walk's order.
		a.attributeEarly(a.live[idx], t)
	}
	for i, att := range res.Attachments {
		res.Attachments[i].Data = nil // att holds it for this turn only: read siblings are freed
		if err := ctx.Err(); err != nil {
			return
		}
		if err := a.w.Admit(path + unpack.PathSeparator + att.Name); err != nil {
			a.problem(idx, err)
			return
		}
		child := Item{
			Path:           path + unpack.PathSeparator + att.Name,
			NameEncoding:   "utf-8",
			Depth:          depth + 1,
			Container:      t.Ext,
			EntryType:      string(unpack.TypeFile),
			DeclaredSize:   int64(len(att.Data)),
			CompressedSize: -1,
			DeclaredExt:    identify.DeclaredExt(att.Name),
			Problems:       nameProblems(att.Name, ""),
		}
		cidx := a.add(child)
		if depth+1 > a.lim.MaxDepth {
			a.problem(cidx, &unpack.LimitError{Limit: unpack.LimitDepth, Value: int64(depth + 1), Max: int64(a.lim.MaxDepth), Path: child.Path})
			a.walked(ctx, cidx)
			continue
		}
		_ = a.readBody(ctx, cidx, bytes.NewReader(att.Data), depth+1)
		a.walked(ctx, cidx)
	}
}

// applyMeta writes the result of the metadata stage into it: metadata,
// body text, and the problems (err, the warnings).
func applyMeta(it *Item, res *meta.Result, err error) {
	if err != nil {
		addProblem(it, err)
	}
	if res == nil {
		return
	}
	for _, w := range res.Warnings {
		addProblem(it, w)
	}
	it.Metadata = res.Metadata
	if res.Text != "" {
		it.TextSource, it.Text, it.TextTruncated = TextFromBody, res.Text, res.TextTruncated
	}
}

// drain reads r to its end through a pooled buffer. The wrappers hide
// io.Discard's ReaderFrom and MultiReader's WriterTo, which would read in
// 8 KiB steps or allocate a buffer per item. Callers pass a ctxReader, so
// that a read of gigabytes stops within one buffer of cancellation.
func (a *analysis) drain(r io.Reader) error {
	bp := a.bufs.Get().(*[]byte)
	defer a.bufs.Put(bp)
	_, err := io.CopyBuffer(struct{ io.Writer }{io.Discard}, struct{ io.Reader }{r}, (*bp)[:cap(*bp)])
	return err
}

// decide settles the type of an item held whole in r, and chooses its
// metadata extractors: the one point where both are decided, in that
// order. t is the type of the item's first bytes and format the archive
// format they show; a zip or OLE2 file is confirmed inside (refine) before
// any extractor is chosen, so that an Outlook message (a plain OLE2 file
// from its first bytes) or a docx whose first zip member is not
// [Content_Types].xml meets the extractor of what it is. Why a zip was not
// confirmed, when the walk of it will not say, goes on the item.
func (a *analysis) decide(ctx context.Context, idx int, t identify.Type, format unpack.Format, r io.ReaderAt, size int64) (identify.Type, []meta.Extractor) {
	t, err := refine(ctx, t, format, r, size)
	if err != nil {
		a.problem(idx, err)
	}
	return t, meta.Accepting(a.exs, t)
}

// refine confirms a type inside its container. A zip that the container
// does not confirm as a document is an archive to walk, also when its
// directory is broken: the walker then recovers what it can. The error,
// when not nil, says why a zip that opened was not confirmed (its
// [Content_Types].xml malformed or refused, identify.ErrDeclaration);
// other errors of Refine are the walker's or the extractors' to report,
// as they read the same bytes.
func refine(ctx context.Context, t identify.Type, format unpack.Format, r io.ReaderAt, size int64) (identify.Type, error) {
	if format != unpack.FormatZip && t.MIME != identify.MIMEOLE2 {
		return t, nil
	}
	rt, err := identify.Refine(ctx, t, r, size)
	if err == nil {
		return rt, nil
	}
	if !errors.Is(err, identify.ErrDeclaration) {
		err = nil
	}
	if format == unpack.FormatZip {
		return identify.Type{MIME: identify.MIMEZip, Ext: "zip", Kind: identify.KindArchive, By: identify.ByMagic}, err
	}
	return t, err
}

// ctxReader stops reading when ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := ctxErr(c.ctx); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// ctxErr returns why ctx is done: the walk's *unpack.LimitError when its
// deadline passed (MaxDuration), ctx.Err() otherwise; nil while it lasts.
func ctxErr(ctx context.Context) error {
	err := ctx.Err()
	if err == nil {
		return nil
	}
	var le *unpack.LimitError
	if errors.As(context.Cause(ctx), &le) {
		return le
	}
	return err
}

// prefixOnce returns a reader of prefix followed by rest.
func prefixOnce(prefix []byte, rest io.Reader) io.Reader {
	return io.MultiReader(bytes.NewReader(prefix), rest)
}

func (a *analysis) setType(idx int, t identify.Type) {
	it := a.item(idx)
	it.MIME, it.Kind, it.Charset, it.DetectedExt = t.MIME, string(t.Kind), t.Charset, t.Ext
	if it.DeclaredExt == "" && it.Depth == 0 {
		it.DeclaredExt = identify.DeclaredExt(it.Path)
	}
	it.ExtMismatch = identify.ExtMismatch(it.DeclaredExt, t)
	if t.Encrypted {
		it.Encrypted = true
	}
}

// setHashes records the bytes read and, when the whole content was read,
// its hashes. An item stopped early (a limit, corrupt or truncated data,
// an encrypted entry) gets none: a hash of part of a file, or of no data,
// would pass for the file's own in a case file or a lookup, and match
// nothing. Its Size still says how far the read went.
func (a *analysis) setHashes(idx int, h *hashes, complete bool) {
	it := a.item(idx)
	it.Size = h.n
	it.Complete = complete
	md5sum, sha1sum, sha256sum := h.sums() // ends the MD5 goroutine
	if complete {
		it.MD5, it.SHA1, it.SHA256 = md5sum, sha1sum, sha256sum
	}
}

// problem records err on item idx, once per code and detail.
func (a *analysis) problem(idx int, err error) { addProblem(a.item(idx), err) }

// addProblem records err on it, once per code and detail.
func addProblem(it *Item, err error) {
	p := problemOf(err)
	once := p.Code == ProblemLimitPrefix+unpack.LimitDuration || p.Code == ProblemCanceled
	for i, q := range it.Problems {
		if q.Code == p.Code && q.Detail == p.Detail {
			return
		}
		if once && q.Code == p.Code {
			// One stop is one problem, whichever stages saw it (the
			// read, then OCR): keep the detail that says more than the
			// context's bare error.
			if bareContextError(q.Detail) && !bareContextError(p.Detail) {
				it.Problems[i].Detail = p.Detail
			}
			return
		}
	}
	it.Problems = append(it.Problems, p)
}

// bareContextError reports whether a problem's detail is only the text
// of context.Canceled or context.DeadlineExceeded.
func bareContextError(detail string) bool {
	return detail == context.Canceled.Error() || detail == context.DeadlineExceeded.Error()
}

// finish completes the stats: the items' were counted as they were
// handed on (stream.emit).
func (a *analysis) finish(d time.Duration) {
	rep := a.rep
	rep.Stats.Entries = a.w.Entries()
	rep.Stats.Bytes = a.w.TotalBytes()
	rep.Stats.DurationMS = d.Milliseconds()
	rep.Stats.Problems += len(rep.Problems)
}

// formatTime renders an archive time: RFC 3339 with offset when the zone is
// known, the bare wall clock otherwise.
func formatTime(t time.Time, zoneKnown bool) string {
	if t.IsZero() {
		return ""
	}
	if zoneKnown {
		return t.Format(time.RFC3339)
	}
	return t.Format("2006-01-02T15:04:05")
}

// toolInfo names the library and its extractors with their versions.
func toolInfo() Tool {
	return Tool{
		Name:    "proofpack",
		Version: Version,
		Extractors: []Extractor{
			{Name: "unpack", Version: unpack.Version},
			{Name: "identify", Version: Version},
		},
	}
}

// prefixWriter keeps the first max bytes written to it, in a buffer of
// that capacity (see analysis.newHead).
type prefixWriter struct {
	buf  []byte
	max  int64
	free chan []byte
}

// release gives the buffer back for reuse, if it has the full size and
// there is room; the kept bytes are gone.
func (w *prefixWriter) release() {
	if w.free != nil && int64(cap(w.buf)) == w.max {
		select {
		case w.free <- w.buf[:0]:
		default:
		}
	}
	w.buf = nil
}

func (w *prefixWriter) Write(p []byte) (int, error) {
	if room := w.max - int64(len(w.buf)); room > 0 {
		w.buf = append(w.buf, p[:min(int64(len(p)), room)]...)
	}
	return len(p), nil
}

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}
