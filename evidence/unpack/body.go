package unpack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
)

// limitedBody enforces Limits on an entry's body as it is read: bytes per
// entry, total bytes, compression ratio and the walk's deadline. The check
// happens on the bytes that really come out, whatever the header said.
type limitedBody struct {
	w    *Walker
	ctx  context.Context
	e    *Entry
	es   *entryShare // what the entry spends of its archive's share
	r    io.Reader
	n    int64
	in   func() int64 // compressed bytes consumed so far; nil when unknown
	err  error
	done bool
}

// limitBody wraps r. in reports the compressed bytes consumed so far; when
// nil, the entry's declared CompressedSize is used if it has one. es is
// the entry's accounting (listEntry, fileShare).
func (w *Walker) limitBody(ctx context.Context, e *Entry, es *entryShare, r io.Reader, in func() int64) io.Reader {
	if in == nil && e.CompressedSize >= 0 && e.Method != "store" {
		c := e.CompressedSize
		in = func() int64 { return c }
	}
	return &limitedBody{w: w, ctx: ctx, e: e, es: es, r: r, in: in}
}

func (b *limitedBody) Read(p []byte) (n int, err error) {
	if b.err != nil {
		return 0, b.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if err := ctxErr(b.ctx); err != nil {
		b.err = err
		return 0, err
	}
	lim := b.w.lim
	total, read := b.w.room(b.es)
	room := min(lim.MaxEntryBytes-b.n, total)
	if room <= 0 {
		// At the limit: the entry is over it only if more data follows.
		var one [1]byte
		m, rerr := b.safeRead(one[:])
		if m == 0 && rerr != nil {
			b.err = b.finish(rerr)
			return 0, b.err
		}
		b.err = b.limitError(1)
		return 0, b.err
	}
	if int64(len(p)) > min(room, read) {
		p = p[:min(room, read)]
	}
	n, err = b.safeRead(p)
	b.n += int64(n)
	if serr := b.w.spend(b.es, b.e.Path, int64(n)); serr != nil {
		b.err = serr
		return n, b.err
	}
	if b.in != nil && b.n > lim.RatioGraceBytes {
		if c := max(b.in(), 1); b.n/c > int64(lim.MaxRatio) {
			b.err = &LimitError{Limit: LimitRatio, Value: b.n / c, Max: int64(lim.MaxRatio), Path: b.e.Path}
			return n, b.err
		}
	}
	if err != nil {
		err = b.finish(err)
		b.err = err
	}
	return n, err
}

// limitError says which byte limit the entry crossed: its own, the
// walk's total, or the share of a nested archive it is in.
func (b *limitedBody) limitError(extra int64) error {
	lim := b.w.lim
	if b.n+extra > lim.MaxEntryBytes {
		return &LimitError{Limit: LimitEntryBytes, Value: b.n + extra, Max: lim.MaxEntryBytes, Path: b.e.Path}
	}
	return b.w.roomError(b.es, b.e.Path, extra)
}

// finish classifies the body's last error: a clean io.EOF becomes a size
// mismatch when the header declared another size; io.ErrUnexpectedEOF is
// a truncation.
func (b *limitedBody) finish(err error) error {
	if err == io.EOF {
		if b.e.Size >= 0 && b.n != b.e.Size-b.e.Holes && !b.e.Encrypted {
			return fmt.Errorf("%w: %s declares %d bytes, holds %d", ErrSizeMismatch, b.e.Path, b.e.Size-b.e.Holes, b.n)
		}
		return io.EOF
	}
	if errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, ErrTruncated) {
		return fmt.Errorf("%w: %s: %w", ErrTruncated, b.e.Path, err)
	}
	return err
}

// safeRead calls the parser's Read with panics recovered.
func (b *limitedBody) safeRead(p []byte) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, recovered(string(b.e.Format)+" decoder", v)
		}
	}()
	return b.r.Read(p)
}

// Spool holds a whole stream for random access: in memory, in chunks of
// spoolChunk bytes, while the Walker's spools together stay under
// Limits.MaxMemorySpool, and in an unlinked file of the private temporary
// directory beyond. Chunks are never copied to grow, so spooling costs one
// copy of the data.
type Spool struct {
	w      *Walker
	chunks [][]byte
	f      *os.File
	size   int64
}

// spoolChunk is the read size and the memory unit of a spool.
const spoolChunk = 256 << 10

// Spool reads r to its end into a new Spool. The bytes count against no
// limit by themselves: r is normally an Entry, whose body enforces them.
// Close the Spool to release its memory or file.
func (w *Walker) Spool(ctx context.Context, r io.Reader) (*Spool, error) {
	s := &Spool{w: w}
	for {
		if err := ctxErr(ctx); err != nil {
			s.Close()
			return nil, err
		}
		buf, err := s.next()
		if err != nil {
			s.Close()
			return nil, err
		}
		n, err := io.ReadAtLeast(r, buf, len(buf))
		s.commit(buf, n)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return s, s.flush()
		}
		if err != nil {
			s.Close()
			return nil, err
		}
	}
}

// next returns where the next bytes go: a fresh memory chunk while the
// budget allows, else a scratch buffer written to the file by commit.
func (s *Spool) next() ([]byte, error) {
	if s.f == nil {
		if s.w.mem.Add(spoolChunk) <= s.w.lim.MaxMemorySpool {
			return s.w.chunk(), nil
		}
		s.w.mem.Add(-spoolChunk)
		if err := s.spill(); err != nil {
			return nil, err
		}
	}
	return s.w.chunk(), nil
}

// commit records n bytes read into buf.
func (s *Spool) commit(buf []byte, n int) {
	s.size += int64(n)
	s.chunks = append(s.chunks, buf[:n])
	if s.f != nil {
		_ = s.flush()
	}
}

// flush writes pending chunks of a spilled spool to its file.
func (s *Spool) flush() error {
	if s.f == nil {
		return nil
	}
	for _, c := range s.chunks {
		if _, err := s.f.Write(c); err != nil {
			return fmt.Errorf("unpack: spool: %w", err)
		}
		s.w.putChunk(c)
	}
	s.chunks = s.chunks[:0]
	return nil
}

// spill moves the spool to a file of its own (see scratchFile).
func (s *Spool) spill() error {
	f, err := s.w.scratchFile()
	if err != nil {
		return err
	}
	s.f = f
	held := int64(len(s.chunks)) * spoolChunk
	if err := s.flush(); err != nil {
		return err
	}
	s.w.mem.Add(-held)
	return nil
}

// scratchFile creates the file of a spool that spills to disk, in a
// private directory (mode 0700) made for it alone. Where an open file can
// be removed (everywhere but Windows), the file and then its directory
// are removed at once: the open file lives on without a name, and nothing
// stays on disk even if the process is killed (SIGKILL, a fatal runtime
// error) before Close. On Windows the file goes to the Walker's directory,
// which Close removes.
func (w *Walker) scratchFile() (*os.File, error) {
	if runtime.GOOS == "windows" {
		dir, err := w.tempDir()
		if err != nil {
			return nil, err
		}
		f, err := os.CreateTemp(dir, "spool-")
		if err != nil {
			return nil, fmt.Errorf("unpack: spool: %w", err)
		}
		return f, nil
	}
	w.mu.Lock()
	closed := w.closed
	w.mu.Unlock()
	if closed {
		return nil, errors.New("unpack: walker closed")
	}
	dir, err := w.privateDir()
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "spool-")
	if err == nil {
		if err = os.Remove(f.Name()); err == nil {
			err = os.Remove(dir)
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("unpack: spool: %w", err)
	}
	return f, nil
}

// Size returns the number of bytes spooled.
func (s *Spool) Size() int64 { return s.size }

// OnDisk reports whether the spool spilled to a temporary file.
func (s *Spool) OnDisk() bool { return s.f != nil }

// ReadAt implements io.ReaderAt.
func (s *Spool) ReadAt(p []byte, off int64) (int, error) {
	if s.f != nil {
		return s.f.ReadAt(p, off)
	}
	if off < 0 {
		return 0, errors.New("unpack: negative offset")
	}
	n := 0
	for n < len(p) && off < s.size {
		c := s.chunks[off/spoolChunk]
		k := copy(p[n:], c[off%spoolChunk:])
		n += k
		off += int64(k)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// Close releases the spool's memory or removes its file.
func (s *Spool) Close() error {
	if s.f == nil {
		s.w.mem.Add(-int64(len(s.chunks)) * spoolChunk)
	}
	for _, c := range s.chunks {
		s.w.putChunk(c)
	}
	s.chunks = nil
	if s.f != nil {
		name := s.f.Name()
		err := s.f.Close()
		if runtime.GOOS == "windows" {
			_ = os.Remove(name) // elsewhere it has no name since scratchFile
		}
		s.f = nil
		return err
	}
	return nil
}

// chunk returns a spoolChunk-sized buffer from the Walker's pool.
func (w *Walker) chunk() []byte {
	if b, ok := w.chunks.Get().(*[]byte); ok {
		return (*b)[:spoolChunk]
	}
	return make([]byte, spoolChunk)
}

func (w *Walker) putChunk(b []byte) {
	if cap(b) >= spoolChunk {
		b = b[:spoolChunk]
		w.chunks.Put(&b)
	}
}
