package unpack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync/atomic"

	"github.com/bodgit/sevenzip"
)

type sevenZipArchive struct {
	w      *Walker
	parent Parent
	zr     *sevenzip.Reader // nil for an empty archive
	plan   *sevenZipPlan
	i      int

	// sevenzip keeps the reader of a solid folder (with its decoder's
	// dictionary) in a pool when a file of it is closed before the
	// folder's end, for the next file of the folder; a reader the walk
	// moves away from stays there until the archive is dropped. These
	// count what such readers hold (see sevenZipStrandedMax).
	files    []int32 // per folder: files with data
	last     []int32 // per folder: index of its last file with data
	pooled   int     // folder whose reader may sit in the pool, or -1
	stranded int64   // decoder memory of readers left in the pool

	packed *sevenZipPacked       // what sevenzip reads, counted per packed stream
	state  []sevenZipFolderState // per folder: what its files gave so far
}

// sevenZipFolderState is what the walk knows of one folder (a solid block,
// or the block of one file) as its files are read.
type sevenZipFolderState struct {
	out  int64 // bytes read from its files, skipped ones included
	stop error // why its files after one that was cut short cannot be read
}

// sevenZipStrandedMax caps the decoder memory that readers of solid
// folders left in sevenzip's pool may hold, in units of
// Limits.MaxDictionaryBytes. A walk that reads every body to its end (the
// normal case) leaves none; one whose bodies a limit cuts short (a ratio
// bomb in each solid block) would otherwise keep a dictionary per block
// until the archive ends: 27 blocks of 64 MiB kept 1.7 GB live.
const sevenZipStrandedMax = 1

// open7z opens a 7z archive held in r. Its header is checked first
// (check7z): bodgit/sevenzip sizes its slices from the header's counts and
// its decoders from the coders' properties, unchecked. It has panicked on
// crafted headers upstream, so every call into it is recovered.
func (w *Walker) open7z(ctx context.Context, parent Parent, r io.ReaderAt, size int64) (a archive, err error) {
	var reserved int64
	defer func() {
		if v := recover(); v != nil {
			a, err = nil, recovered("7z reader", v)
		}
		if err != nil {
			w.szMem.Add(-reserved)
		}
	}()
	plan, err := w.check7z(ctx, parent.Path, r, size)
	if err != nil {
		return nil, err
	}
	if plan.empty {
		return &sevenZipArchive{w: w, parent: parent, plan: plan}, nil
	}
	// What sevenzip allocates for the header stays held until the walk of
	// this archive ends: reserve it against the walk's budget.
	budget, _ := sevenZipBudget(w.lim)
	reserved = plan.cost
	if held := w.szMem.Add(reserved); held > budget {
		p := &szParser{held: held - reserved, maxFiles: int64(w.lim.MaxEntries), path: parent.Path}
		return nil, p.overBudget(reserved)
	}
	packed := newSevenZipPacked(r, plan)
	zr, err := sevenzip.NewReaderWithPassword(packed, size, w.opts.Password)
	if err != nil {
		return nil, sevenZipErr(parent.Path, err, w.opts.Password != "")
	}
	sa := &sevenZipArchive{w: w, parent: parent, zr: zr, plan: plan, pooled: -1,
		files: make([]int32, len(plan.folderMem)), last: make([]int32, len(plan.folderMem)),
		packed: packed, state: make([]sevenZipFolderState, len(plan.folderMem))}
	for i, f := range zr.File {
		if plan.hasData(i) && f.Stream >= 0 && f.Stream < len(sa.files) {
			sa.files[f.Stream]++
			sa.last[f.Stream] = int32(i)
		}
	}
	return sa, nil
}

// unlisted returns how many files of the header are still to come.
func (a *sevenZipArchive) unlisted() int64 {
	if a.zr == nil {
		return 0
	}
	return int64(len(a.zr.File) - a.i)
}

func (a *sevenZipArchive) close() error {
	if a.zr != nil {
		a.w.szMem.Add(-a.plan.cost)
		a.zr = nil
	}
	return nil
}

func (a *sevenZipArchive) next(ctx context.Context) (*Entry, func(), error) {
	if a.zr == nil || a.i >= len(a.zr.File) {
		return nil, nil, io.EOF
	}
	idx := a.i
	f := a.zr.File[idx]
	a.i++
	info := f.FileInfo()
	name := f.Name
	e := &Entry{
		Name:              displayName(name),
		RawName:           []byte(name),
		NameEncoding:      "utf-16",
		Format:            FormatSevenZip,
		Size:              int64(min(f.UncompressedSize, 1<<62)),
		CompressedSize:    -1,
		Mode:              info.Mode(),
		Type:              TypeFile,
		Method:            "7z",
		Modified:          f.Modified.UTC(),
		ModifiedZoneKnown: !f.Modified.IsZero(),
	}
	if f.Modified.IsZero() {
		e.Modified = f.Modified
	}
	if err := CheckName(name); err != nil {
		e.Problems = append(e.Problems, err)
	}
	switch {
	case info.IsDir():
		e.Type = TypeDir
		return e, nil, nil
	case info.Mode()&fs.ModeSymlink != 0:
		e.Type = TypeSymlink
	}
	if ferr := a.plan.folderErr(idx, f.Stream); ferr != nil {
		// The folder's decoder would ask for more than the limits allow,
		// or its data are not in the file: list the entry, do not open it.
		e.body = errReader{ferr}
		return e, nil, nil
	}
	stream := -1 // the folder whose ratio the body counts in, if any
	if a.plan.hasData(idx) && f.Stream >= 0 && f.Stream < len(a.state) {
		stream = f.Stream
		if stop := a.state[stream].stop; stop != nil {
			// Reaching it would mean decoding what a limit stopped.
			err := fmt.Errorf("7z %s: not read, a file before it in its solid block was cut short: %w",
				a.parent.Path+PathSeparator+name, stop)
			a.noteCrypto(e, err)
			e.body = errReader{err}
			return e, nil, nil
		}
	}
	if err := a.admitFolder(idx, f.Stream, a.parent.Path+PathSeparator+name); err != nil {
		e.body = errReader{err}
		return e, nil, nil
	}
	body := &sevenZipBody{e: e, a: a, stream: stream}
	if stream >= 0 {
		a.packed.current.Store(int32(stream))
		body.in0 = a.packed.consumed(stream)
	}
	rc, err := f.Open()
	if err != nil {
		err = sevenZipErr(a.parent.Path+PathSeparator+name, err, a.w.opts.Password != "")
		a.noteCrypto(e, err)
		e.body = errReader{err}
		return e, nil, nil
	}
	body.r = rc
	size := int64(min(f.UncompressedSize, 1<<62))
	release := func() {
		if stream >= 0 && body.n < size && int32(idx) != a.last[stream] {
			a.skipRest(ctx, body, size)
		}
		_ = rc.Close()
		a.released(idx, f.Stream, body.n >= size)
	}
	if e.Type == TypeSymlink {
		target, err := io.ReadAll(io.LimitReader(body, maxLinkTarget))
		release()
		if err == nil {
			e.LinkTarget = displayName(string(target))
			if lerr := checkLink(name, e.LinkTarget); lerr != nil {
				e.Problems = append(e.Problems, lerr)
			}
		}
		return e, nil, nil
	}
	e.body = body
	return e, release, nil
}

// admitFolder decides whether file idx, of folder stream, may be opened:
// not when its decoder would take the memory held by readers left in
// sevenzip's pool past sevenZipStrandedMax dictionaries.
func (a *sevenZipArchive) admitFolder(idx, stream int, path string) error {
	if !a.plan.hasData(idx) || stream < 0 || stream >= len(a.files) {
		return nil
	}
	if a.pooled >= 0 && a.pooled != stream {
		// The walk moves on to another folder: the pooled reader stays.
		a.stranded += a.plan.memOf(a.pooled)
		a.pooled = -1
	}
	if a.pooled == stream || a.files[stream] < 2 || a.stranded == 0 {
		return nil // reuses the pooled reader, or is never pooled, or nothing held
	}
	max := sevenZipStrandedMax * a.w.lim.MaxDictionaryBytes
	if held := a.stranded + a.plan.memOf(stream); held > max {
		return fmt.Errorf("%w: 7z %s: decoders of solid blocks left unread hold %d bytes", &LimitError{
			Limit: LimitDictionary, Value: held, Max: max, Path: path}, path, a.stranded)
	}
	return nil
}

// released notes that file idx of folder stream was closed, read to its
// end (atEnd) or not: sevenzip pools the folder's reader unless the file
// ends its folder.
func (a *sevenZipArchive) released(idx, stream int, atEnd bool) {
	if !a.plan.hasData(idx) || stream < 0 || stream >= len(a.files) || a.files[stream] < 2 {
		return
	}
	if atEnd && int32(idx) == a.last[stream] {
		a.pooled = -1
		return
	}
	a.pooled = stream
}

func (a *sevenZipArchive) noteCrypto(e *Entry, err error) {
	if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrPassword) {
		e.Encrypted = true
		e.Problems = append(e.Problems, err)
	}
}

// skipRest reads what the walk left of a file, cut short, so that the
// files after it in its solid block can be reached: sevenzip would decode
// it all the same, unchecked, when the next one is opened. It reads within
// the ratio limit and MaxEntryBytes; when it cannot (the file was cut by
// an error or a limit, or is larger than an entry may be), the rest of the
// block is marked unreachable and its files are listed unread.
func (a *sevenZipArchive) skipRest(ctx context.Context, b *sevenZipBody, size int64) {
	st := &a.state[b.stream]
	if st.stop != nil {
		return
	}
	lim := a.w.lim
	err := b.err
	switch {
	case err != nil:
	case size > lim.MaxEntryBytes:
		err = &LimitError{Limit: LimitEntryBytes, Value: size, Max: lim.MaxEntryBytes, Path: b.e.Path}
	case a.w.total.Load() >= lim.MaxTotalBytes:
		err = &LimitError{Limit: LimitTotalBytes, Value: a.w.total.Load(), Max: lim.MaxTotalBytes, Path: b.e.Path}
	default:
		buf := a.w.chunk()
		defer a.w.putChunk(buf)
		for b.n < size && err == nil {
			if err = ctxErr(ctx); err == nil {
				_, err = b.Read(buf[:min(int64(len(buf)), size-b.n)])
			}
		}
		if err == io.EOF {
			err = nil
		}
	}
	if err != nil {
		st.stop = err
	}
}

type sevenZipBody struct {
	r      io.Reader
	e      *Entry
	a      *sevenZipArchive
	n      int64 // bytes read
	stream int   // its folder, or -1 when it has none
	in0    int64 // packed bytes the folder had consumed when it was opened
	err    error // the first error other than io.EOF
}

func (b *sevenZipBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	if err != nil && err != io.EOF {
		err = sevenZipErr(b.e.Path, err, b.a.w.opts.Password != "")
		if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrPassword) {
			b.e.Encrypted = true
		}
	}
	if b.stream >= 0 {
		b.a.state[b.stream].out += int64(n)
		if err == nil {
			err = b.a.checkRatio(b)
		}
	}
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// sevenZipReadAhead is what sevenzip's buffered reader of a packed stream
// may hold: bytes counted as consumed before a decoder has used them.
const sevenZipReadAhead = 4096

// checkRatio applies Limits.MaxRatio to b's folder. 7z headers give no
// packed size per file, and a solid block packs many files together, so
// the ratio is that of the folder: the bytes read from all its files so
// far against the packed bytes its decoders have consumed (counted as
// sevenzip reads them, not as the header declares). A block of many small
// text files stays at the ratio of text; a file of zeros stops once
// RatioGraceBytes have come out. So that a file cannot ride on the
// packed bytes of incompressible files before it in the same block, the
// file's own bytes are checked too against what the folder consumed since
// it was opened, less what the decoder may already have decoded before
// that: its memory, dictionary included.
func (a *sevenZipArchive) checkRatio(b *sevenZipBody) error {
	lim := a.w.lim
	out := a.state[b.stream].out
	if out <= lim.RatioGraceBytes {
		return nil
	}
	in := a.packed.consumed(b.stream)
	limit := int64(lim.MaxRatio)
	if r := out / max(in, 1); r > limit {
		return &LimitError{Limit: LimitRatio, Value: r, Max: limit, Path: b.e.Path}
	}
	if own := b.n - a.plan.memOf(b.stream); own > lim.RatioGraceBytes {
		lo, hi := a.plan.packsOf(b.stream)
		slack := int64(hi-lo) * sevenZipReadAhead
		if r := own / max(in-b.in0+slack, 1); r > limit {
			return &LimitError{Limit: LimitRatio, Value: r, Max: limit, Path: b.e.Path}
		}
	}
	return nil
}

// sevenZipPacked is the archive as sevenzip reads it: it records, for the
// packed streams of the folder being read, how far into each the reads
// have come. That is what the folder's decoders consumed, whatever the
// header declares.
type sevenZipPacked struct {
	r       io.ReaderAt
	plan    *sevenZipPlan
	reached []atomic.Int64 // per packed stream: bytes from its start to the furthest read in it
	current atomic.Int32   // the folder being read, or -1
}

func newSevenZipPacked(r io.ReaderAt, plan *sevenZipPlan) *sevenZipPacked {
	c := &sevenZipPacked{r: r, plan: plan, reached: make([]atomic.Int64, len(plan.packs))}
	c.current.Store(-1)
	return c
}

// ReadAt implements io.ReaderAt.
func (c *sevenZipPacked) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	if n > 0 {
		end := off + int64(n)
		lo, hi := c.plan.packsOf(int(c.current.Load()))
		for k := lo; k < hi; k++ {
			pk := c.plan.packs[k]
			if off >= pk.end || end <= pk.start {
				continue
			}
			got := min(end, pk.end) - pk.start
			for old := c.reached[k].Load(); got > old && !c.reached[k].CompareAndSwap(old, got); old = c.reached[k].Load() {
			}
		}
	}
	return n, err
}

// consumed returns the packed bytes folder f's decoders have read so far.
func (c *sevenZipPacked) consumed(f int) int64 {
	var n int64
	lo, hi := c.plan.packsOf(f)
	for k := lo; k < hi; k++ {
		n += c.reached[k].Load()
	}
	return n
}

// sevenZipErr classifies bodgit/sevenzip's errors. Its ReadError says when
// encryption is involved: without a password that means ErrEncrypted, with
// one it means the password is wrong.
func sevenZipErr(path string, err error, havePassword bool) error {
	switch {
	case errors.Is(err, ErrFormat), errors.Is(err, ErrTruncated), errors.Is(err, ErrLimit), errors.Is(err, ErrPanic):
		return err
	}
	var re *sevenzip.ReadError
	if errors.As(err, &re) && re.Encrypted {
		if havePassword {
			return fmt.Errorf("%w: 7z %s: %w", ErrPassword, path, err)
		}
		return fmt.Errorf("%w: 7z %s: %w", ErrEncrypted, path, err)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: 7z %s: %w", ErrTruncated, path, io.ErrUnexpectedEOF)
	}
	return wrap(ErrFormat, "7z "+path, err)
}
