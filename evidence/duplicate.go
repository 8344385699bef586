package evidence

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/proofpack/proofpack/evidence/unpack"
)

// errRecursive: an archive holds a copy of itself, or of an archive it is
// in (a quine: a gzip or zip that decompresses to itself). The copy is a
// duplicate, listed and not opened; the problem says that it is no
// accident.
var errRecursive = errors.New("archive holds a copy of an archive it is inside")

// seenContent remembers the SHA-256 of each content triaged, with the
// path of the first item that held it, so that the same content found
// again is recorded as a duplicate (Item.DuplicateOf) instead of being
// read again: a copy bomb's nine copies of one zip at each of ten levels
// are walked once, and a gzip that holds itself (a quine) is not opened
// inside itself.
//
// Its memory is bounded: records cost their key, their path and the
// map's overhead (seenRecordBytes), and no more are added once
// maxSeenBytes are held; from then on only archives are remembered, up to
// twice that, as they are what a bomb multiplies. Entries are bounded by
// Limits.MaxEntries and paths by unpack.MaxNameBytes per level, so the
// cap binds only on packs of very many or very long names, where later
// copies are then triaged as the first was, within the walk's budgets.
type seenContent struct {
	first map[[sha256.Size]byte]seenItem
	bytes int64
}

// seenItem is the first item of a content.
type seenItem struct {
	path string
	idx  int
}

// maxSeenBytes bounds the memory of the records of plain items (twice it
// those of archives too); see seenContent.
const maxSeenBytes = 16 << 20

// seenRecordBytes is what one record costs beyond its path: the key, the
// string header, the index and the map's buckets.
const seenRecordBytes = 96

// duplicate reports whether the content of item idx, whose hashes h have
// now read all of it, was triaged before as another item; if so it sets
// the item's DuplicateOf. Otherwise it remembers the content as item
// idx's. Empty contents, and contents not read whole (a sparse file's
// data regions), are never duplicates: every empty file would otherwise be
// one of the first. Calling it again for the same item changes nothing.
func (a *analysis) duplicate(idx int, h *hashes, body io.Reader, archive bool) bool {
	if h.n == 0 {
		return false
	}
	if e, ok := body.(*unpack.Entry); ok && e.Holes > 0 {
		return false
	}
	var sum [sha256.Size]byte
	h.sha256.Sum(sum[:0])
	it := a.item(idx)
	if first, ok := a.seen.first[sum]; ok {
		if first.idx == idx {
			return false
		}
		if it.DuplicateOf == "" && strings.HasPrefix(it.Path, first.path+unpack.PathSeparator) {
			a.problem(idx, fmt.Errorf("%w: %s is %s, byte for byte", errRecursive, it.Path, first.path))
		}
		it.DuplicateOf = first.path
		return true
	}
	cost := seenRecordBytes + int64(len(it.Path))
	limit := int64(maxSeenBytes)
	if archive {
		limit *= 2
	}
	if a.seen.bytes+cost > limit {
		return false
	}
	if a.seen.first == nil {
		a.seen.first = map[[sha256.Size]byte]seenItem{}
	}
	a.seen.first[sum] = seenItem{path: it.Path, idx: idx}
	a.seen.bytes += cost
	return false
}

// walkNested walks the archive read from src as item idx's content, after
// reading it whole into a spool: its SHA-256 must be known before it is
// walked, so that a copy of an archive walked already is only listed. The
// spool holds it in memory within Limits.MaxMemorySpool, on disk beyond.
func (a *analysis) walkNested(ctx context.Context, idx int, h *hashes, body io.Reader, parent unpack.Parent, format unpack.Format, src io.Reader) error {
	sp, err := a.w.Spool(ctx, src)
	if err != nil {
		return err
	}
	defer sp.Close()
	if sp.OnDisk() {
		a.rep.Stats.SpooledToDisk++
	}
	if a.duplicate(idx, h, body, true) {
		return nil
	}
	a.rep.Stats.Archives++
	if werr := a.w.WalkReaderAt(ctx, parent, format, sp, sp.Size(), a.visit); werr != nil {
		a.problem(idx, werr)
	}
	return nil
}
