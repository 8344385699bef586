package meta

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"

	"github.com/proofpack/proofpack/evidence/identify"
)

// cfbTreeError is an error of mscfb walking the directory of a compound
// file that checkCFB found sound in its sectors: a sibling or child index
// out of range, a tree that loops. The streams are still there, and
// cfbStreamsByName finds them without the tree.
type cfbTreeError struct{ err error }

func (e cfbTreeError) Error() string { return e.err.Error() }
func (e cfbTreeError) Unwrap() error { return e.err }

// Layout of a compound file's directory entries.
const (
	cfbEntryLen      = 128
	cfbEntryNameLen  = 64 // UTF-16LE, NUL included
	cfbEntryTypeAt   = 66
	cfbEntryLeftAt   = 68 // then the right sibling and the child
	cfbEntryStartAt  = 116
	cfbEntrySizeAt   = 120
	cfbTypeStream    = 2
	cfbTypeRoot      = 5
	cfbMiniSector    = 64
	cfbMiniCutoff    = 4096
	cfbMiniFATAt     = 60 // first mini FAT sector, then their count
	cfbDirectoryAt   = 48
	cfbFreeOrEndMark = 0xFFFFFFFC // sector numbers from here up end a chain
)

// cfbLayout reads the sectors of a compound file by their chains.
type cfbLayout struct {
	r       io.ReaderAt
	size    int64
	h       []byte // the header
	ss      int64  // sector size
	sectors int64  // sectors the file holds
}

func newCFBLayout(r io.ReaderAt, size int64) (*cfbLayout, error) {
	if err := checkCFB(r, size); err != nil {
		return nil, err
	}
	c := &cfbLayout{r: r, size: size, h: make([]byte, cfbHeaderLen)}
	if _, err := r.ReadAt(c.h, 0); err != nil {
		return nil, fmt.Errorf("%w: ole2: %v", ErrFormat, err)
	}
	c.ss = 512
	if binary.LittleEndian.Uint16(c.h[30:]) == 12 {
		c.ss = 4096
	}
	c.sectors = (size + c.ss - 1) / c.ss
	return c, nil
}

func (c *cfbLayout) offset(sect uint32) int64 { return (int64(sect) + 1) * c.ss }

// fatSector returns the sector that holds the idx-th sector of the FAT,
// from the header's list or the DIFAT chain.
func (c *cfbLayout) fatSector(idx uint32) (uint32, error) {
	le := binary.LittleEndian
	if idx < cfbHeaderFATs {
		return le.Uint32(c.h[76+4*idx:]), nil
	}
	idx -= cfbHeaderFATs
	per := uint32(c.ss/4) - 1 // the last slot links to the next DIFAT sector
	hop := idx / per
	if hop >= le.Uint32(c.h[72:76]) {
		return 0, fmt.Errorf("%w: OLE2 FAT index out of range", ErrFormat)
	}
	var b [4]byte
	d := le.Uint32(c.h[68:72])
	for i := uint32(0); i <= hop; i++ {
		if d > cfbMaxRegSect || c.offset(d) >= c.size {
			return 0, fmt.Errorf("%w: broken OLE2 DIFAT chain", ErrFormat)
		}
		if i == hop {
			break
		}
		if _, err := c.r.ReadAt(b[:], c.offset(d)+c.ss-4); err != nil {
			return 0, fmt.Errorf("%w: reading OLE2 DIFAT: %v", ErrFormat, err)
		}
		d = le.Uint32(b[:])
	}
	if _, err := c.r.ReadAt(b[:], c.offset(d)+int64(idx%per)*4); err != nil {
		return 0, fmt.Errorf("%w: reading OLE2 DIFAT: %v", ErrFormat, err)
	}
	return le.Uint32(b[:]), nil
}

// next returns the sector after sect in its chain.
func (c *cfbLayout) next(sect uint32) (uint32, error) {
	per := uint32(c.ss / 4)
	fs, err := c.fatSector(sect / per)
	if err != nil {
		return 0, err
	}
	if fs > cfbMaxRegSect || c.offset(fs) >= c.size {
		return 0, fmt.Errorf("%w: OLE2 FAT sector missing", ErrFormat)
	}
	var b [4]byte
	if _, err := c.r.ReadAt(b[:], c.offset(fs)+int64(sect%per)*4); err != nil {
		return 0, fmt.Errorf("%w: reading OLE2 FAT: %v", ErrFormat, err)
	}
	return binary.LittleEndian.Uint32(b[:]), nil
}

// chain reads n bytes along the chain from start, at most max: no more
// sectors than the file holds are followed, and none twice.
func (c *cfbLayout) chain(ctx context.Context, start uint32, n, max int64) ([]byte, error) {
	if n > max {
		return nil, fmt.Errorf("%w: OLE2 stream of %d bytes", ErrLimit, n)
	}
	if n > c.size {
		return nil, fmt.Errorf("%w: OLE2 stream of %d bytes in a file of %d", ErrFormat, n, c.size)
	}
	out := make([]byte, 0, n) // within max and the file
	seen := map[uint32]bool{}
	for sect := start; int64(len(out)) < n; {
		if sect >= cfbFreeOrEndMark || c.offset(sect) >= c.size {
			return out, fmt.Errorf("%w: OLE2 chain ends after %d of %d bytes", ErrFormat, len(out), n)
		}
		if seen[sect] {
			return out, fmt.Errorf("%w: OLE2 chain loops at sector %d", ErrFormat, sect)
		}
		seen[sect] = true
		if len(seen)%256 == 0 {
			if err := ctx.Err(); err != nil {
				return out, err
			}
		}
		k := min(c.ss, n-int64(len(out)))
		buf := make([]byte, k)
		if _, err := c.r.ReadAt(buf, c.offset(sect)); err != nil && !errors.Is(err, io.EOF) {
			return out, fmt.Errorf("%w: reading OLE2 sector %d: %v", ErrFormat, sect, err)
		}
		out = append(out, buf...)
		next, err := c.next(sect)
		if err != nil {
			return out, err
		}
		sect = next
	}
	return out, nil
}

// cfbEntry is one entry of the directory.
type cfbEntry struct {
	name  string
	typ   byte
	start uint32
	size  int64
	// left, right and child are the indexes of the entry's siblings in
	// its storage's tree and of the root of its children's tree.
	left, right, child uint32
}

// entries reads the directory's entries in their order on disk.
func (c *cfbLayout) entries(ctx context.Context) ([]cfbEntry, error) {
	le := binary.LittleEndian
	var out []cfbEntry
	buf := make([]byte, c.ss)
	seen := map[uint32]bool{}
	for sect := le.Uint32(c.h[cfbDirectoryAt:]); sect != cfbEndOfChain; {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		// checkCFB has bounded this chain; the checks stay for the reader.
		if sect > cfbMaxRegSect || c.offset(sect) >= c.size || seen[sect] || len(out) > identify.MaxContainerEntries {
			return out, fmt.Errorf("%w: OLE2 directory chain broken at sector %d", ErrFormat, sect)
		}
		seen[sect] = true
		if _, err := c.r.ReadAt(buf, c.offset(sect)); err != nil && !errors.Is(err, io.EOF) {
			return out, fmt.Errorf("%w: reading OLE2 directory: %v", ErrFormat, err)
		}
		for e := 0; e+cfbEntryLen <= len(buf); e += cfbEntryLen {
			d := buf[e : e+cfbEntryLen]
			n := int(le.Uint16(d[cfbEntryNameLen:]))
			if n < 2 || n > cfbEntryNameLen || n%2 != 0 {
				out = append(out, cfbEntry{}) // kept, so that indexes stay right
				continue
			}
			u := make([]uint16, n/2-1)
			for i := range u {
				u[i] = le.Uint16(d[2*i:])
			}
			size := int64(le.Uint32(d[cfbEntrySizeAt:]))
			if c.ss == 4096 {
				size = int64(le.Uint64(d[cfbEntrySizeAt:]) & (1<<62 - 1))
			}
			out = append(out, cfbEntry{name: string(utf16.Decode(u)), typ: d[cfbEntryTypeAt],
				start: le.Uint32(d[cfbEntryStartAt:]), size: size,
				left: le.Uint32(d[cfbEntryLeftAt:]), right: le.Uint32(d[cfbEntryLeftAt+4:]), child: le.Uint32(d[cfbEntryLeftAt+8:])})
		}
		next, err := c.next(sect)
		if err != nil {
			return out, err
		}
		sect = next
	}
	return out, nil
}

// cfbStreamsByName reads the streams named in names from the root storage
// of the compound file in r, of at most max bytes each. It is the way to
// the property sets of a file whose directory tree mscfb cannot walk: the
// root's tree is walked here with every index checked and each entry
// visited once, so that a branch that points out of the directory or
// back into the tree is left, and the rest is read. Streams of embedded
// storages (an embedded workbook's own property sets) are never taken for
// the file's.
func cfbStreamsByName(ctx context.Context, r io.ReaderAt, size int64, names []string, max int64, lim Limits) (map[string][]byte, error) {
	c, err := newCFBLayout(r, size)
	if err != nil {
		return nil, err
	}
	ents, err := c.entries(ctx)
	if len(ents) == 0 || ents[0].typ != cfbTypeRoot {
		return nil, errors.Join(err, fmt.Errorf("%w: OLE2 directory without a root entry", ErrFormat))
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	// The root storage's entries: its children's tree.
	root := map[int]bool{}
	for stack := []uint32{ents[0].child}; len(stack) > 0; {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if int64(i) >= int64(len(ents)) || i == 0 || root[int(i)] {
			continue // no entry, an index out of the directory, or a loop
		}
		root[int(i)] = true
		stack = append(stack, ents[i].left, ents[i].right)
	}
	out := map[string][]byte{}
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	var miniFAT, mini []byte
	le := binary.LittleEndian
	for i, e := range ents {
		if !root[i] || e.typ != cfbTypeStream || !want[e.name] || out[e.name] != nil {
			continue
		}
		n := min(e.size, max)
		if e.size >= cfbMiniCutoff {
			b, err := c.chain(ctx, e.start, n, max)
			if err != nil {
				errs = append(errs, fmt.Errorf("%q: %w", e.name, err))
			}
			if len(b) > 0 {
				out[e.name] = b
			}
			continue
		}
		if miniFAT == nil {
			// The mini FAT and the mini stream (the root's data), read once.
			count := int64(le.Uint32(c.h[cfbMiniFATAt+4:]))
			if miniFAT, err = c.chain(ctx, le.Uint32(c.h[cfbMiniFATAt:]), count*c.ss, lim.MaxRecordBytes); err != nil {
				return out, errors.Join(append(errs, err)...)
			}
			if mini, err = c.chain(ctx, ents[0].start, ents[0].size, lim.MaxRecordBytes); err != nil {
				return out, errors.Join(append(errs, err)...)
			}
		}
		b := make([]byte, 0, n) // under the cut-off of 4096 bytes
		seen := map[uint32]bool{}
		for m := e.start; int64(len(b)) < n; {
			at := int64(m) * cfbMiniSector
			if seen[m] || at+cfbMiniSector > int64(len(mini)) || int64(m)*4+4 > int64(len(miniFAT)) {
				errs = append(errs, fmt.Errorf("%w: %q: OLE2 mini stream chain broken at %d", ErrFormat, e.name, m))
				break
			}
			seen[m] = true
			b = append(b, mini[at:at+min(cfbMiniSector, n-int64(len(b)))]...)
			m = le.Uint32(miniFAT[int64(m)*4:])
		}
		if len(b) > 0 {
			out[e.name] = b
		}
	}
	return out, errors.Join(errs...)
}
