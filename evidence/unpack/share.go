package unpack

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
)

// A share is what one archive, and everything nested in it, may spend of
// the walk's budgets: bytes read (Limits.MaxTotalBytes), entries
// (MaxEntries) and amplified bytes (MaxAmplifiedBytes). The walk's root
// share is the Limits themselves; a nested archive's share is fixed when
// it is opened, at half of what its parent's share has left then (for
// entries, once the parent's own members still to come are set aside), so
// that a bomb spends at most half of what its siblings would have had,
// and stops alone when that is gone.
//
// Amplification is judged across nesting levels: a share knows the rate
// (rho) at which its archive's entries may yield bytes for free, per byte
// of the archive read. The root's is FreeRatio; the rate of an archive
// nested in an entry that consumed c bytes of its parent and yielded o is
// rho(parent)·c/o − 1, so that the bytes yielded for free at every level
// together stay within FreeRatio times the package bytes they come from.
// What an archive's entries yield beyond its rate times the bytes of the
// archive read is its amplification, and counts, with that of the
// archives nested in it, against its share.
//
// Shares are read and written under Walker.bmu.
type share struct {
	parent *share // nil for the root
	path   string // the archive's display path
	size   int64  // the archive's size, or -1 when unknown

	// Caps of a nested share, fixed when it is made. The root's are the
	// Limits (amplification: ampCap).
	maxBytes, maxEntries, maxAmp int64

	bytes   int64 // bytes read from entries in the subtree (nested shares)
	entries int64 // entries seen in the subtree (nested shares)
	amp     int64 // amplified bytes of the subtree: own plus the children's
	own     int64 // this archive's own amplified bytes, max(0, out − rho·in)
	out     int64 // bytes read from this archive's own entries

	// in counts the bytes of the archive's own data read so far (its
	// compressed input), as the parsers read them.
	in atomic.Int64
	// from is the entry that holds the archive; nil for the root.
	from *entryShare
	// unlisted, when the format knows it, says how many members of the
	// archive are still to come.
	unlisted func() int64
	// floor is the amplification set aside for each member of the
	// archive, when unlisted knows how many there are: an equal part of
	// half of the share, fixed when the first member is listed.
	floor   int64
	counted bool // floor was set
}

// entryShare is what one entry spent, for the ratio of an archive nested
// in it and for its own part of its archive's amplification.
type entryShare struct {
	sh       *share // the share of the archive that holds the entry
	n        int64  // bytes read from the entry
	in0, in1 int64  // sh's input when the entry was listed, and at its last read
	amp0     int64  // sh.amp when the entry was listed
	allow    int64  // amplified bytes the entry may add: half of what sh had left
}

// entryKey keys the *visiting of a walk in the context its VisitFunc
// gets, so that a walk opened from inside the VisitFunc (a nested
// archive) takes its share from the entry's archive.
type entryKey struct{}

// visiting holds the entry whose VisitFunc runs: es is nil between
// calls, and &slot during one. One per walk, reused for every entry: an
// entry's accounting, its body and any walk nested in it last only as
// long as its VisitFunc, and a context or an accounting per entry would
// cost allocations per entry.
type visiting struct {
	es   *entryShare
	slot entryShare
}

// shareFor returns the share a walk of parent runs under: a new nested
// share when ctx is that of a VisitFunc (a nested archive), the root
// otherwise.
func (w *Walker) shareFor(ctx context.Context, parent Parent, size int64) *share {
	var es *entryShare
	if v, ok := ctx.Value(entryKey{}).(*visiting); ok {
		es = v.es
	}
	w.bmu.Lock()
	defer w.bmu.Unlock()
	root := w.rootLocked()
	if es == nil {
		if parent.Depth == 0 && size >= 0 && root.size < 0 {
			root.size = size
		}
		return root
	}
	p := es.sh
	s := &share{parent: p, path: parent.Path, size: size, from: es}
	s.maxBytes = w.bytesLeft(p) / 2
	s.maxAmp = w.ampHalf(p)
	left := w.entriesLeft(p)
	if p.unlisted != nil {
		left -= p.unlisted()
	}
	s.maxEntries = max(left, 0) / 2
	return s
}

// ampHalf is the amplification a new member of s may spend, itself or
// with what is nested in it: half of what s has left once the floors of
// the members still to come are set aside, and at least its own floor.
func (w *Walker) ampHalf(s *share) int64 {
	left := w.ampLeft(s)
	if s.floor > 0 {
		left -= s.floor * s.unlisted()
		return max(s.floor, left/2)
	}
	return left / 2
}

// rootLocked returns the walk's root share, made on first use.
func (w *Walker) rootLocked() *share {
	if w.root == nil {
		w.root = &share{path: "", size: -1}
	}
	return w.root
}

// bytesLeft is what s may still read: its cap less what its subtree read,
// and no more than any share above it has left.
func (w *Walker) bytesLeft(s *share) int64 {
	left := w.lim.MaxTotalBytes - w.total.Load()
	for ; s.parent != nil; s = s.parent {
		left = min(left, s.maxBytes-s.bytes)
	}
	return max(left, 0)
}

// entriesLeft is what s may still list, as bytesLeft.
func (w *Walker) entriesLeft(s *share) int64 {
	left := int64(w.lim.MaxEntries) - w.entries.Load()
	for ; s.parent != nil; s = s.parent {
		left = min(left, s.maxEntries-s.entries)
	}
	return max(left, 0)
}

// ampLeft is what s may still amplify, as bytesLeft.
func (w *Walker) ampLeft(s *share) int64 {
	left := int64(1 << 62)
	for ; s != nil; s = s.parent {
		left = min(left, w.ampCap(s)-s.amp)
	}
	return max(left, 0)
}

// ampCap is the amplification s may spend. The root's is the walk's
// budget: MaxRatio times the package's size (or the bytes of it read, when
// its size is unknown), at least minAmplifiedBytes and at most
// Limits.MaxAmplifiedBytes.
func (w *Walker) ampCap(s *share) int64 {
	if s.parent != nil {
		return s.maxAmp
	}
	pkg := max(s.size, s.in.Load())
	budget := int64(minAmplifiedBytes)
	if pkg > 0 && pkg < w.lim.MaxAmplifiedBytes/int64(w.lim.MaxRatio) {
		budget = max(budget, pkg*int64(w.lim.MaxRatio))
	} else if pkg > 0 {
		budget = w.lim.MaxAmplifiedBytes
	}
	return min(budget, w.lim.MaxAmplifiedBytes)
}

// inOf is the bytes of s's archive read, never more than its size: a
// parser that reads some part twice earns no more for it.
func inOf(s *share) int64 {
	in := s.in.Load()
	if s.size >= 0 {
		in = min(in, s.size)
	}
	return in
}

// rho is the rate at which s's entries yield bytes for free, per byte of
// its archive read (see share).
func rho(s *share) float64 {
	if s.from == nil {
		return FreeRatio
	}
	es := s.from
	c := float64(es.in1 - es.in0)
	r := rho(es.sh)*c/float64(max(es.n, 1)) - 1
	return max(r, 0)
}

// listEntry counts one entry of s against the shares of its subtree and
// sets es to the accounting of its body, or returns a *LimitError when a
// nested share has no entry left: the archive of s then stops.
func (w *Walker) listEntry(s *share, path string, es *entryShare) error {
	w.bmu.Lock()
	defer w.bmu.Unlock()
	for p := s; p.parent != nil; p = p.parent {
		if p.entries >= p.maxEntries {
			return shareLimit(LimitEntries, p.entries+1, p.maxEntries, p, path)
		}
	}
	for p := s; p.parent != nil; p = p.parent {
		p.entries++
	}
	w.startEntry(s, es)
	return nil
}

// fileShare sets es to the accounting of a lone file read under s
// (WalkFile): it counts as no entry.
func (w *Walker) fileShare(s *share, es *entryShare) {
	w.bmu.Lock()
	defer w.bmu.Unlock()
	w.startEntry(s, es)
}

func (w *Walker) startEntry(s *share, es *entryShare) {
	if !s.counted && s.unlisted != nil {
		// The first member: the directory says how many follow.
		s.counted = true
		s.floor = w.ampLeft(s) / (2 * (s.unlisted() + 1))
	}
	in := s.in.Load()
	*es = entryShare{sh: s, in0: in, in1: in, amp0: s.amp, allow: w.ampHalf(s)}
}

// spent returns why a nested share stops: its bytes are gone, or it
// amplified all it may beyond the floors of its members still to come.
// The root never stops this way: its entries are each refused instead,
// and those that need none of what is gone are read.
func (w *Walker) spent(s *share) error {
	if s.parent == nil {
		return nil
	}
	w.bmu.Lock()
	defer w.bmu.Unlock()
	for p := s; p.parent != nil; p = p.parent {
		usable := p.maxAmp
		if p.floor > 0 {
			usable -= p.floor * p.unlisted()
		}
		switch {
		case p.bytes >= p.maxBytes:
			return shareLimit(LimitTotalBytes, p.bytes, p.maxBytes, p, s.path)
		case p.amp >= minShareLeft && usable-p.amp < minShareLeft:
			// Max is what it may amplify less the last minShareLeft,
			// which no entry could use (each takes half of what is left).
			return shareLimit(LimitAmplification, p.amp, usable-minShareLeft, p, s.path)
		}
	}
	return nil
}

// minShareLeft is the amplification below which a nested share that
// amplified at least as much itself counts as spent: each entry may take
// half of what is left, so what is left never reaches zero by itself. A
// share that was small from the start and amplified nothing (an archive
// of documents after a bomb) is not spent: its members that yield no
// more than they weigh need none of it.
const minShareLeft = 64 << 10

// room is how many bytes the entry may read next: no more than every
// share above it has left of the total (bytes), and no more than could
// take it past its amplification allowance (read): what it may still add,
// plus the credit of its archive (the free bytes its data earned that its
// entries have not yielded yet), and at least minRead, so that an entry
// with nothing left is refused on bytes of its own. Reads so cut, the
// allowance is overrun by at most minRead per entry.
func (w *Walker) room(es *entryShare) (bytes, read int64) {
	w.bmu.Lock()
	defer w.bmu.Unlock()
	s := es.sh
	credit := min(rho(s)*float64(inOf(s)), 1<<62) - float64(s.out)
	read = max(es.allow-(s.amp-es.amp0), 0) + int64(max(credit, 0))
	return w.bytesLeft(s), max(read, minRead)
}

// minRead is the smallest read room allows.
const minRead = 4 << 10

// roomError says which budget left es no room: the root's total or the
// share of a nested archive.
func (w *Walker) roomError(es *entryShare, path string, extra int64) error {
	w.bmu.Lock()
	defer w.bmu.Unlock()
	for p := es.sh; p.parent != nil; p = p.parent {
		if p.bytes+extra > p.maxBytes {
			return shareLimit(LimitTotalBytes, p.bytes+extra, p.maxBytes, p, path)
		}
	}
	return &LimitError{Limit: LimitTotalBytes, Value: w.total.Load() + extra, Max: w.lim.MaxTotalBytes, Path: path}
}

// spend records n bytes read from the entry es and returns a *LimitError
// when they take the amplification the entry added (with what is nested
// in it) past its allowance. Bytes that add no amplification (read at no
// more than the archive's free rate) are never refused here.
func (w *Walker) spend(es *entryShare, path string, n int64) error {
	w.total.Add(n)
	w.bmu.Lock()
	defer w.bmu.Unlock()
	s := es.sh
	for p := s; p.parent != nil; p = p.parent {
		p.bytes += n
	}
	s.out += n
	es.n += n
	es.in1 = s.in.Load()
	own := max(s.out-int64(min(rho(s)*float64(inOf(s)), 1<<62)), 0)
	d := own - s.own
	s.own = own
	for p := s; p != nil; p = p.parent {
		p.amp += d
	}
	if d <= 0 {
		return nil
	}
	// The allowance was cut from what every share above had left: it is
	// the one check (see room for the overrun).
	if added := s.amp - es.amp0; added > es.allow {
		le := &LimitError{Limit: LimitAmplification, Value: added, Max: es.allow, Path: path}
		return fmt.Errorf("%w: it yields more than %d times the package bytes it comes from, and may add %d bytes beyond that (its part of what %s had left)",
			le, FreeRatio, es.allow, shareName(s))
	}
	return nil
}

// shareLimit is the *LimitError of path when share s has no more of limit
// to give, with what the share is in its message.
func shareLimit(limit string, value, max int64, s *share, path string) error {
	le := &LimitError{Limit: limit, Value: value, Max: max, Path: path}
	if s.parent == nil {
		return le
	}
	return fmt.Errorf("%w: the share of %s is spent (a nested archive may use half of what its parent has left)", le, s.path)
}

// shareName names s in messages.
func shareName(s *share) string {
	if s.parent == nil {
		return "the package"
	}
	return s.path
}

// withVisiting returns the context the VisitFunc of a walk gets, and the
// cell to set to each entry before the call: walks opened from it take
// their share from that entry.
func withVisiting(ctx context.Context) (context.Context, *visiting) {
	v := &visiting{}
	return context.WithValue(ctx, entryKey{}, v), v
}

// shareReaderAt counts the bytes read from an archive's data into its
// share's input.
type shareReaderAt struct {
	r  io.ReaderAt
	sh *share
}

func (c shareReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.sh.in.Add(int64(n))
	return n, err
}

// shareReader is shareReaderAt for a stream.
type shareReader struct {
	r  io.Reader
	sh *share
}

func (c shareReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.sh.in.Add(int64(n))
	return n, err
}
