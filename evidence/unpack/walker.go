package unpack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Walker. The zero value works.
type Options struct {
	// Limits bound the walk; zero fields take their defaults.
	Limits Limits
	// Password is tried on encrypted entries of every format. Empty means
	// encrypted entries are listed with ErrEncrypted and not read.
	Password string
	// TempDir is where the walker makes its private temporary directory.
	// Empty means os.TempDir().
	TempDir string
}

// Parent describes the archive a Walk call opens.
type Parent struct {
	// Path is the archive's display path: the package's name, or the Path
	// of the Entry that holds the archive.
	Path string
	// Depth is 0 for the package and the holding entry's Depth otherwise.
	Depth int
}

// VisitFunc is called once per entry, in archive order. It may read the
// entry's body, and must not keep the entry's body after it returns. An
// error from it stops the walk and is returned by Walk.
type VisitFunc func(ctx context.Context, e *Entry) error

// A Walker walks archives, nested ones included, within one set of
// Limits. Counters (entries, bytes, duration) are shared by every Walk
// call on the same Walker, so a Walker is one package's budget. A walk
// opened from inside a VisitFunc, with the context it was given, is a
// nested archive of that entry's archive, and gets its fair share of the
// budgets (see the package documentation). Methods are safe for
// concurrent use.
//
// Anything that must go to disk goes to a private directory (mode 0700)
// that the Walker creates and removes. A spool that spills to disk gets a
// directory of its own, which holds its file only for as long as it takes
// to unlink it: where the system allows, both are gone at once and the
// open file lives on without a name, so that nothing stays on disk even
// when the process is killed. Stages that need named files (MakeTempDir)
// share one directory that Close removes. Entry names are never used as
// file names.
type Walker struct {
	opts     Options
	lim      Limits
	deadline time.Time

	total   atomic.Int64
	entries atomic.Int64
	mem     atomic.Int64
	szMem   atomic.Int64 // header memory of the open 7z archives (sevenZipBudget)

	bmu  sync.Mutex // guards the shares (share.go)
	root *share     // the walk's root share, made on first use

	chunks sync.Pool // spool chunks, reused across spools
	flates sync.Pool // deflate readers, reused across zip entries

	mu     sync.Mutex
	tmp    string
	closed bool
}

// NewWalker returns a Walker whose clock for Limits.MaxDuration starts now.
func NewWalker(opts Options) *Walker {
	lim := opts.Limits.WithDefaults()
	return &Walker{opts: opts, lim: lim, deadline: time.Now().Add(lim.MaxDuration)}
}

// Limits returns the limits in force, defaults filled in.
func (w *Walker) Limits() Limits { return w.lim }

// Deadline returns when Limits.MaxDuration ends: the clock starts when
// the Walker is made. Work beside a walk (hashing the package) stops
// there too.
func (w *Walker) Deadline() time.Time { return w.deadline }

// TotalBytes returns the uncompressed bytes read so far.
func (w *Walker) TotalBytes() int64 { return w.total.Load() }

// Entries returns the number of entries seen so far.
func (w *Walker) Entries() int64 { return w.entries.Load() }

// Admit counts one entry that did not come from an archive walk (a file
// embedded in a document, such as a mail attachment) against
// Limits.MaxEntries, so that every item of a triage shares one budget. It
// returns a *LimitError, and counts nothing, when the budget is spent.
func (w *Walker) Admit(path string) error {
	if n := w.entries.Add(1); n > int64(w.lim.MaxEntries) {
		w.entries.Add(-1)
		return &LimitError{Limit: LimitEntries, Value: n, Max: int64(w.lim.MaxEntries), Path: path}
	}
	return nil
}

// TempDir returns the private temporary directory of MakeTempDir, or ""
// if none was made yet. Spools do not use it (see Spool).
func (w *Walker) TempDir() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.tmp
}

// MakeTempDir returns the private temporary directory (mode 0700),
// creating it when no spool has yet. Stages that need files of their own
// (a PDF rasteriser's pages) make them there; Close removes them.
func (w *Walker) MakeTempDir() (string, error) { return w.tempDir() }

// Close removes the private temporary directory and everything in it.
func (w *Walker) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	if w.tmp == "" {
		return nil
	}
	err := os.RemoveAll(w.tmp)
	w.tmp = ""
	return err
}

func (w *Walker) tempDir() (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return "", errors.New("unpack: walker closed")
	}
	if w.tmp == "" {
		d, err := w.privateDir()
		if err != nil {
			return "", err
		}
		w.tmp = d
	}
	return w.tmp, nil
}

// privateDir makes a new directory of mode 0700 under Options.TempDir.
func (w *Walker) privateDir() (string, error) {
	d, err := os.MkdirTemp(w.opts.TempDir, "proofpack-")
	if err != nil {
		return "", fmt.Errorf("unpack: temporary directory: %w", err)
	}
	if err := os.Chmod(d, 0o700); err != nil {
		_ = os.RemoveAll(d)
		return "", fmt.Errorf("unpack: temporary directory: %w", err)
	}
	return d, nil
}

// withDeadline derives the context every walk runs under: the caller's,
// cut at the Walker's MaxDuration with a *LimitError as its cause.
func (w *Walker) withDeadline(ctx context.Context, path string) (context.Context, context.CancelFunc) {
	return context.WithDeadlineCause(ctx, w.deadline, &LimitError{
		Limit: LimitDuration, Value: int64(w.lim.MaxDuration / time.Second),
		Max: int64(w.lim.MaxDuration / time.Second), Path: path,
	})
}

// ctxErr returns the reason ctx is done: the *LimitError for our own
// deadline, the context's error otherwise.
func ctxErr(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	if c := context.Cause(ctx); c != nil {
		var le *LimitError
		if errors.As(c, &le) {
			return le
		}
	}
	return ctx.Err()
}

// WalkReaderAt walks the archive of the given format held in r, calling
// visit for each entry. Stream formats are read sequentially from r.
//
// The returned error is about the archive as a whole: it could not be
// opened, it ended early, a count or depth limit stopped it, or ctx was
// done. Entries visited before the error stand. Problems with one entry
// are in Entry.Problems or come from reading its body.
func (w *Walker) WalkReaderAt(ctx context.Context, parent Parent, format Format, r io.ReaderAt, size int64, visit VisitFunc) error {
	if err := w.checkDepth(parent); err != nil {
		return err
	}
	ctx, cancel := w.withDeadline(ctx, parent.Path)
	defer cancel()
	sh := w.shareFor(ctx, parent, size)
	r = shareReaderAt{r: r, sh: sh}
	var (
		a   archive
		err error
	)
	switch format {
	case FormatZip:
		a, err = w.openZip(ctx, parent, sh, r, size)
	case FormatSevenZip:
		a, err = w.open7z(ctx, parent, r, size)
	default:
		return w.walkStream(ctx, parent, sh, format, io.NewSectionReader(r, 0, size), visit)
	}
	if err != nil {
		return err
	}
	return w.walk(ctx, parent, sh, a, visit)
}

// WalkStream walks the archive of the given format read from r. Random
// access formats (zip, 7z) are spooled first, to memory or to the private
// temporary directory within Limits.MaxMemorySpool.
func (w *Walker) WalkStream(ctx context.Context, parent Parent, format Format, r io.Reader, visit VisitFunc) error {
	if err := w.checkDepth(parent); err != nil {
		return err
	}
	ctx, cancel := w.withDeadline(ctx, parent.Path)
	defer cancel()
	if format.RandomAccess() {
		sp, err := w.Spool(ctx, r)
		if err != nil {
			return err
		}
		defer sp.Close()
		return w.WalkReaderAt(ctx, parent, format, sp, sp.Size(), visit)
	}
	sh := w.shareFor(ctx, parent, -1)
	return w.walkStream(ctx, parent, sh, format, shareReader{r: r, sh: sh}, visit)
}

// WalkFile reads a package that is not an archive (a lone document,
// image or log) the way a walk reads an entry, so that a file of any size
// costs no more than an archive member: visit is called once, with an
// Entry of Path parent.Path and Depth parent.Depth whose body enforces
// Limits.MaxEntryBytes, MaxTotalBytes and MaxDuration and stops when ctx
// is done (a deadline already passed is the body's first error, so the
// file is still listed). size is the file's size, or -1. The error is
// visit's.
func (w *Walker) WalkFile(ctx context.Context, parent Parent, r io.Reader, size int64, visit VisitFunc) error {
	ctx, cancel := w.withDeadline(ctx, parent.Path)
	defer cancel()
	sh := w.shareFor(ctx, parent, size)
	vctx, cur := withVisiting(ctx)
	w.fileShare(sh, &cur.slot)
	cur.es = &cur.slot
	e := &Entry{Path: parent.Path, Name: parent.Path, Depth: parent.Depth, Type: TypeFile, Size: size, CompressedSize: -1}
	e.body = w.limitBody(ctx, e, cur.es, shareReader{r: r, sh: sh}, nil)
	defer func() { e.body = nil }()
	return visit(vctx, e)
}

func (w *Walker) checkDepth(parent Parent) error {
	if parent.Depth > w.lim.MaxDepth {
		return &LimitError{Limit: LimitDepth, Value: int64(parent.Depth), Max: int64(w.lim.MaxDepth), Path: parent.Path}
	}
	return nil
}

func (w *Walker) walkStream(ctx context.Context, parent Parent, sh *share, format Format, r io.Reader, visit VisitFunc) error {
	var (
		a   archive
		err error
	)
	switch format {
	case FormatTar:
		a = w.openTar(parent, r)
	case FormatGzip, FormatBzip2, FormatXz:
		a, err = w.openCompressed(ctx, parent, format, r)
	case FormatRar:
		a, err = w.openRar(parent, r)
	case FormatZip, FormatSevenZip:
		return fmt.Errorf("%w: %s needs random access", ErrUnsupported, format)
	default:
		return fmt.Errorf("%w: format %q", ErrUnsupported, format)
	}
	if err != nil {
		return err
	}
	return w.walk(ctx, parent, sh, a, visit)
}

// archive is one opened archive: a sequence of entries.
type archive interface {
	// next returns the next entry with its body set, a function that
	// releases the body (nil if none), or io.EOF at the end.
	next(ctx context.Context) (*Entry, func(), error)
	close() error
}

// unlisted is implemented by archives whose directory says how many
// members they hold: it returns how many are still to come, which a
// nested archive's share of entries leaves aside.
type unlisted interface{ unlisted() int64 }

// walk runs the entry loop shared by all formats, within the share sh.
func (w *Walker) walk(ctx context.Context, parent Parent, sh *share, a archive, visit VisitFunc) (err error) {
	defer func() {
		if cerr := safeClose(a); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if u, ok := a.(unlisted); ok {
		w.bmu.Lock()
		sh.unlisted = u.unlisted
		w.bmu.Unlock()
	}
	vctx, cur := withVisiting(ctx)
	for {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		if err := w.spent(sh); err != nil {
			return err // a nested archive that spent its share stops alone
		}
		e, release, err := safeNext(ctx, a)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		n := w.entries.Add(1)
		if n > int64(w.lim.MaxEntries) {
			if release != nil {
				release()
			}
			return &LimitError{Limit: LimitEntries, Value: n, Max: int64(w.lim.MaxEntries), Path: parent.Path}
		}
		e.Depth = parent.Depth + 1
		capNames(e, parent.Path) // sets e.Path
		// The entry's accounting lives in the walk's one slot: bodies,
		// and walks nested in them, last only as long as the VisitFunc.
		if serr := w.listEntry(sh, e.Path, &cur.slot); serr != nil {
			w.entries.Add(-1)
			if release != nil {
				release()
			}
			return serr
		}
		if e.body != nil {
			e.body = w.limitBody(ctx, e, &cur.slot, e.body, e.compressedIn)
		}
		cur.es = &cur.slot
		verr := visit(vctx, e)
		cur.es = nil
		if release != nil {
			release()
		}
		e.body = nil
		if verr != nil {
			return verr
		}
	}
}

func safeNext(ctx context.Context, a archive) (e *Entry, release func(), err error) {
	defer func() {
		if v := recover(); v != nil {
			e, release, err = nil, nil, recovered("archive reader", v)
		}
	}()
	return a.next(ctx)
}

func safeClose(a archive) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = recovered("archive close", v)
		}
	}()
	return a.close()
}
