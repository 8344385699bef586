package unpack

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// A tar is framed here, block by block, and archive/tar is handed one
// entry's headers at a time to parse. archive/tar alone gives up on the
// whole archive at the first header it will not hold in memory (an
// extended header or GNU long name over 1 MiB: ErrFieldTooLong, and its
// error is sticky), and it reads a sparse file's holes back as zeros, so
// that a 10 KiB tar declaring a 2 GiB hole costs 2 GiB of reading and
// hashing. Framing the archive ourselves, we know where every header
// starts whatever happens to the one before it.

const (
	// maxTrackedLinks caps the symlink names remembered per tar archive to
	// flag later entries that would be written through them.
	maxTrackedLinks = 10_000

	// tarBlockSize is the unit of a tar archive: headers and padded data.
	tarBlockSize = 512

	// maxTarHeaderBytes caps one extended header (PAX records, GNU long
	// name or link name) held in memory. This matches archive/tar's own
	// limit, and libarchive's on a PAX header. A larger header is not an
	// error of the archive: it is read as a stream, its records up to
	// maxPAXRecordKept are kept (the path, the size, the times) and the
	// others skipped, with a *LimitError on the entry.
	maxTarHeaderBytes = 1 << 20

	// maxPAXRecordKept is the largest PAX record kept from an extended
	// header over maxTarHeaderBytes. Paths, sizes and times are far
	// shorter; what is longer (comments, extended attributes) is skipped.
	maxPAXRecordKept = 64 << 10

	// maxSparseExpand is how many bytes of holes a sparse file may have
	// and still be read whole, holes as the zeros they stand for, as tar
	// extracts it. With more, only the data regions are read: the holes
	// cost nothing, and the entry carries an ErrSparse problem.
	maxSparseExpand = 1 << 20

	// maxPaddingScan is how many bytes after the end of a tar, or of a
	// compressed stream, are read to tell padding from trailing data.
	// Zeros up to it are padding: the last record of a tar written with
	// a large blocking factor, or a tape block. Tar's own default record
	// is 10 KiB.
	maxPaddingScan = 1 << 20
)

// tarArchive reads a tar stream.
type tarArchive struct {
	parent Parent
	src    *tarSource
	in     func() int64 // compressed bytes consumed, when the tar sits in a compressor
	stream *stream      // the decompressor holding the tar, or nil
	links  map[string]bool
	format Format

	headerAt   int64 // offset of the current entry's first header block
	dataEnd    int64 // offset of the end of the current entry's data
	nextHeader int64 // offset of the next header block
	ended      bool

	blk     [tarBlockSize]byte
	pax     tarExt // the last PAX extended header ('x') before the entry
	long    tarExt // the last GNU long name ('L')
	longLnk tarExt // the last GNU long link name ('K')
	global  tarExt // a PAX global header ('g'), returned as an entry
	main    []byte // the entry's own header block and old GNU sparse extension blocks
	feed    tarFeed
	tr      *tar.Reader
	skipped []*tarSkipped // what was skipped of the entry's headers
	// sparseMap records an old GNU sparse map that was skipped.
	sparseMap *tarSkipped
}

func (w *Walker) openTar(parent Parent, r io.Reader) *tarArchive {
	return &tarArchive{parent: parent, src: newTarSource(r), links: map[string]bool{}, format: FormatTar, tr: new(tar.Reader)}
}

func (t *tarArchive) close() error { return nil }

// tarExt is one extended header as archive/tar will read it: its header
// block and its data padded to a block. blocks is empty when there is
// none.
type tarExt struct {
	blocks  []byte
	skipped *tarSkipped
}

func (x *tarExt) reset() {
	if cap(x.blocks) > 64<<10 {
		x.blocks = nil // do not keep a megabyte per archive after one large header
	}
	x.blocks = x.blocks[:0]
	x.skipped = nil
}

// tarSkipped records what was skipped of an oversized header.
type tarSkipped struct {
	what    string // "PAX header", "GNU long name", ...
	size    int64  // the header's declared size
	dropped []string
	more    int // dropped records beyond those named
}

// maxDroppedNamed caps the record keys a problem names.
const maxDroppedNamed = 8

func (s *tarSkipped) drop(key []byte, n int64) {
	if len(s.dropped) < maxDroppedNamed {
		s.dropped = append(s.dropped, fmt.Sprintf("%q (%d bytes)", displayName(string(key)), n))
	} else {
		s.more++
	}
}

// err is the problem the entry at path reports.
func (s *tarSkipped) err(path string) error {
	le := &LimitError{Limit: LimitHeaderBytes, Value: s.size, Max: maxTarHeaderBytes, Path: path}
	detail := s.what + " skipped"
	if len(s.dropped) > 0 {
		detail = s.what + ": records skipped: " + strings.Join(s.dropped, ", ")
		if s.more > 0 {
			detail += fmt.Sprintf(" and %d more", s.more)
		}
	}
	return fmt.Errorf("%w: %s", le, detail)
}

func (t *tarArchive) next(ctx context.Context) (*Entry, func(), error) {
	if t.ended {
		return nil, nil, io.EOF
	}
	e, err := t.entry(ctx)
	if err != nil {
		t.ended = true
		if err == io.EOF {
			err = t.finish(ctx)
		}
		return nil, nil, err
	}
	return e, nil, nil
}

// entry reads the next entry's headers and sets up its body.
func (t *tarArchive) entry(ctx context.Context) (*Entry, error) {
	// Skip what the caller left of the previous entry, and its padding.
	// A stream that ends in the padding of its last entry ends there, as
	// archive/tar reads it: no data is missing.
	if err := t.src.skip(ctx, t.dataEnd-t.src.pos); err != nil {
		return nil, t.readErr(err)
	}
	if err := t.src.skip(ctx, t.nextHeader-t.src.pos); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, io.EOF
		}
		return nil, t.readErr(err)
	}
	if err := t.readHeaders(ctx); err != nil {
		return nil, err
	}
	dataStart := t.src.pos
	t.feed.reset(t.src, t.global.blocks, t.pax.blocks, t.long.blocks, t.longLnk.blocks, t.main)
	// One tar.Reader per entry, its state reset in place: archive/tar
	// has no Reset, and a fresh one per member is half of what a walk of
	// small members allocates.
	*t.tr = *tar.NewReader(&t.feed)
	tr := t.tr
	h, herr := tr.Next()
	if herr == nil && !t.feed.drained() {
		herr = errors.New("headers left unread") // archive/tar and our framing disagree
	}
	if herr != nil {
		return t.brokenEntry(dataStart, herr)
	}
	if h.Typeflag == tar.TypeXGlobalHeader {
		t.dataEnd, t.nextHeader = t.src.pos, t.src.pos
		return t.newEntry(h), nil
	}
	size, ok := t.physicalSize(h.Typeflag)
	if !ok {
		return nil, fmt.Errorf("%w: tar %s: invalid size in the headers at offset %d", ErrFormat, t.parent.Path, t.headerAt)
	}
	t.dataEnd, t.nextHeader = dataStart+size, dataStart+blockCeil(size)
	// A GNU 1.0 sparse map sits at the start of the data: archive/tar read it.
	stored := size - (t.src.pos - dataStart)
	if stored < 0 {
		return nil, fmt.Errorf("%w: tar %s: sparse map longer than the entry at offset %d", ErrFormat, t.parent.Path, t.headerAt)
	}
	sparse := h.Typeflag == tar.TypeGNUSparse || paxSparse(h.PAXRecords)
	if !sparse && !isHeaderOnly(h.Typeflag) && h.Size != size {
		return nil, fmt.Errorf("%w: tar %s: size %d read as %d at offset %d", ErrFormat, t.parent.Path, size, h.Size, t.headerAt)
	}
	e := t.newEntry(h)
	if e.Type != TypeFile {
		return e, nil
	}
	switch holes := h.Size - stored; {
	case sparse && holes > maxSparseExpand:
		e.Holes = holes
		e.body = &tarData{src: t.src, left: stored}
		e.Problems = append(e.Problems, fmt.Errorf("%w: %s declares %d bytes, %d of them in holes the archive does not store; "+
			"the holes were not read: size and hashes cover the %d bytes stored", ErrSparse, t.parent.Path+PathSeparator+e.Name, h.Size, holes, stored))
	case sparse:
		// Small holes are read as tar extracts them, zeros and all.
		e.body = &tarSparse{tr: tr, path: t.parent.Path}
	default:
		e.body = &tarData{src: t.src, left: stored}
	}
	return e, nil
}

// newEntry turns a parsed header into an Entry.
func (t *tarArchive) newEntry(h *tar.Header) *Entry {
	raw := []byte(h.Name)
	name, enc := decodeName(raw)
	e := &Entry{
		Name:              displayName(name),
		RawName:           raw,
		NameEncoding:      enc,
		Format:            t.format,
		Size:              h.Size,
		CompressedSize:    -1,
		Modified:          h.ModTime.UTC(),
		ModifiedZoneKnown: !h.ModTime.IsZero(),
		Mode:              h.FileInfo().Mode(),
		Type:              TypeFile,
		Method:            "store",
		compressedIn:      t.in,
	}
	if h.ModTime.IsZero() {
		e.Modified = h.ModTime
	}
	for _, s := range t.skipped {
		e.Problems = append(e.Problems, s.err(t.parent.Path+PathSeparator+e.Name))
	}
	if err := CheckName(name); err != nil {
		e.Problems = append(e.Problems, err)
	} else if via := t.throughLink(name); via != "" {
		e.Problems = append(e.Problems, fmt.Errorf("%w: %q lies under symlink %q", ErrInsecurePath, name, via))
	}
	switch h.Typeflag {
	case tar.TypeReg, tar.TypeGNUSparse, tar.TypeCont:
	case tar.TypeDir:
		e.Type = TypeDir
		e.Mode |= fs.ModeDir
	case tar.TypeSymlink:
		e.Type = TypeSymlink
		e.LinkTarget = displayName(h.Linkname)
		if len(t.links) < maxTrackedLinks {
			t.links[strings.TrimSuffix(name, "/")] = true
		}
		if err := checkLink(name, h.Linkname); err != nil {
			e.Problems = append(e.Problems, err)
		}
	case tar.TypeLink:
		e.Type = TypeHardlink
		e.LinkTarget = displayName(h.Linkname)
		// A hardlink target names another member from the archive root.
		if err := CheckName(h.Linkname); err != nil {
			e.Problems = append(e.Problems, fmt.Errorf("%w: hardlink %q to %q", ErrInsecureLink, name, h.Linkname))
		}
	default:
		e.Type = TypeOther
		e.Size = 0
	}
	return e
}

// brokenEntry handles headers archive/tar refused. When the entry's own
// header block is sound and says where its data ends, the entry is
// listed with the error as its problem and the walk goes on after it;
// otherwise the archive ends here.
func (t *tarArchive) brokenEntry(dataStart int64, herr error) (*Entry, error) {
	if errors.Is(herr, io.ErrUnexpectedEOF) || isStreamErr(herr) {
		return nil, t.readErr(herr)
	}
	var (
		raw  []byte
		size int64
		ok   bool
	)
	switch {
	case len(t.global.blocks) > 0:
		// A global header: its records were read with it.
		raw, size, ok = cString(t.global.blocks[:100]), 0, true
	case len(t.main) >= tarBlockSize && tarChecksumOK(t.main[:tarBlockSize]):
		raw = cString(t.main[:100])
		size, ok = t.physicalSize(t.main[156])
	}
	at := t.headerAt
	if !ok {
		return nil, fmt.Errorf("%w: tar %s: headers at offset %d: %w", ErrFormat, t.parent.Path, at, herr)
	}
	t.dataEnd, t.nextHeader = dataStart+size, dataStart+blockCeil(size)
	raw = bytes.Clone(raw)
	name, enc := decodeName(raw)
	e := &Entry{
		Name: displayName(name), RawName: raw, NameEncoding: enc, Format: t.format,
		Type: TypeOther, CompressedSize: -1, Method: "store",
	}
	for _, s := range t.skipped {
		e.Problems = append(e.Problems, s.err(t.parent.Path+PathSeparator+e.Name))
	}
	e.Problems = append(e.Problems, fmt.Errorf("%w: tar %s: headers at offset %d not read (%d bytes of data skipped): %w",
		ErrFormat, t.parent.Path, at, size, herr))
	return e, nil
}

// physicalSize returns the bytes of data stored after the entry's
// headers, as archive/tar frames them: none for links, directories and
// devices; else the PAX size record when there is one, else the header's
// size field.
func (t *tarArchive) physicalSize(typeflag byte) (int64, bool) {
	if len(t.main) < tarBlockSize {
		return 0, false
	}
	if isHeaderOnly(typeflag) {
		return 0, true
	}
	if v, ok := paxValue(t.pax.blocks, "size"); ok && v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil && n >= 0
	}
	return parseTarNumber(t.main[124:136])
}

// readHeaders reads the blocks of the next entry's headers: the extended
// headers before it (the last of each kind, as archive/tar keeps them),
// its own header block and, for an old GNU sparse file, the extension
// blocks of its map. It returns io.EOF at the end of the archive.
func (t *tarArchive) readHeaders(ctx context.Context) error {
	for _, x := range []*tarExt{&t.pax, &t.long, &t.longLnk, &t.global} {
		x.reset()
	}
	if cap(t.main) > 64<<10 {
		t.main = nil
	}
	t.main = t.main[:0]
	t.skipped = t.skipped[:0]
	t.sparseMap = nil
	pending := false
	for {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		at := t.src.pos
		if !pending {
			t.headerAt = at
		}
		blk := t.blk[:]
		if _, err := io.ReadFull(t.src, blk); err != nil {
			if err == io.EOF && !pending {
				return io.EOF // no end-of-archive blocks: archive/tar accepts it, so do we
			}
			return t.readErr(err)
		}
		if isZeroBlock(blk) {
			if pending {
				return fmt.Errorf("%w: tar %s: extended header without its entry at offset %d", ErrTruncated, t.parent.Path, at)
			}
			return t.endBlocks()
		}
		typeflag := blk[156]
		var ext *tarExt
		switch typeflag {
		case tar.TypeXHeader:
			ext = &t.pax
		case tar.TypeGNULongName:
			ext = &t.long
		case tar.TypeGNULongLink:
			ext = &t.longLnk
		case tar.TypeXGlobalHeader:
			// archive/tar returns a global header as an entry of its own,
			// and forgets the extended headers before it.
			for _, x := range []*tarExt{&t.pax, &t.long, &t.longLnk} {
				x.reset()
			}
			ext = &t.global
		}
		if ext == nil {
			t.main = append(t.main, blk...)
			// Only GNU's sparse header has a map, and an extended flag at
			// 482 (a ustar header has its name prefix there).
			if typeflag == tar.TypeGNUSparse && string(blk[257:265]) == "ustar  \x00" && tarChecksumOK(blk) {
				if err := t.readSparseBlocks(ctx); err != nil {
					return err
				}
			}
			t.collectSkipped()
			return nil
		}
		if !tarChecksumOK(blk) {
			return fmt.Errorf("%w: tar %s: invalid header checksum at offset %d", ErrFormat, t.parent.Path, at)
		}
		size, ok := parseTarNumber(blk[124:136])
		if !ok {
			return fmt.Errorf("%w: tar %s: invalid size in header at offset %d", ErrFormat, t.parent.Path, at)
		}
		ext.reset()
		if err := t.readExt(ctx, ext, blk, size); err != nil {
			return err
		}
		if typeflag == tar.TypeXGlobalHeader {
			t.collectSkipped()
			return nil
		}
		pending = true
	}
}

// collectSkipped lists what was skipped of the headers in use.
func (t *tarArchive) collectSkipped() {
	for _, x := range []*tarExt{&t.global, &t.pax, &t.long, &t.longLnk} {
		if x.skipped != nil {
			t.skipped = append(t.skipped, x.skipped)
		}
	}
	if t.sparseMap != nil {
		t.skipped = append(t.skipped, t.sparseMap)
	}
}

// endBlocks checks the second block of the end-of-archive marker.
func (t *tarArchive) endBlocks() error {
	at := t.src.pos
	blk := t.blk[:]
	n, err := io.ReadFull(t.src, blk)
	switch {
	case err == io.EOF:
		return io.EOF // a single zero block: archive/tar accepts it
	case err != nil:
		return t.readErr(err)
	case n == tarBlockSize && isZeroBlock(blk):
		return io.EOF
	}
	return fmt.Errorf("%w: tar %s: a zero block followed by data at offset %d", ErrFormat, t.parent.Path, at)
}

// readExt reads an extended header's data after its block blk. Up to
// maxTarHeaderBytes it is kept whole for archive/tar. A larger one is
// never held: a PAX header is filtered record by record, a GNU long name
// or link skipped (the entry keeps the 100-byte name of its own header).
func (t *tarArchive) readExt(ctx context.Context, ext *tarExt, blk []byte, size int64) error {
	typeflag := blk[156]
	if size <= maxTarHeaderBytes {
		n := int(blockCeil(size))
		ext.blocks = append(ext.blocks, blk...)
		ext.blocks = append(ext.blocks, make([]byte, n)...)
		if _, err := io.ReadFull(t.src, ext.blocks[tarBlockSize:]); err != nil {
			return t.readErr(err)
		}
		return nil
	}
	if typeflag == tar.TypeGNULongName || typeflag == tar.TypeGNULongLink {
		what := "GNU long name"
		if typeflag == tar.TypeGNULongLink {
			what = "GNU long link name"
		}
		ext.skipped = &tarSkipped{what: what + fmt.Sprintf(" of %d bytes", size), size: size}
		if err := t.src.skip(ctx, blockCeil(size)); err != nil {
			return t.readErr(err)
		}
		return nil
	}
	what := "PAX header"
	if typeflag == tar.TypeXGlobalHeader {
		what = "PAX global header"
	}
	ext.skipped = &tarSkipped{what: what + fmt.Sprintf(" of %d bytes", size), size: size}
	kept, err := t.filterPAX(ctx, size, ext.skipped)
	if err != nil {
		return err
	}
	if len(kept) == 0 && typeflag != tar.TypeXGlobalHeader {
		return nil
	}
	ext.blocks = append(ext.blocks, blk...)
	setTarSize(ext.blocks[:tarBlockSize], int64(len(kept)))
	ext.blocks = append(ext.blocks, kept...)
	ext.blocks = append(ext.blocks, make([]byte, blockCeil(int64(len(kept)))-int64(len(kept)))...)
	return nil
}

// filterPAX reads size bytes of PAX records ("<length> <key>=<value>\n")
// and their padding, and returns the records worth keeping: those that
// describe the entry (paxEntryKey: its name, size, times, owners, sparse
// map) of up to maxPAXRecordKept bytes each, while the kept total stays
// within maxTarHeaderBytes. The others (comments, extended attributes,
// which proofpack does not report) are skipped unread; so is everything
// after a malformed record. When a GNU sparse record is skipped, the
// other GNU sparse records go too (but the real name), so that the entry
// reads as the data stored rather than through half a map.
func (t *tarArchive) filterPAX(ctx context.Context, size int64, sk *tarSkipped) ([]byte, error) {
	var (
		kept         []byte
		sparseKept   [][2]int // GNU sparse records in kept, as [start, end)
		sparseLost   bool
		left         = size
		records      int
		digits       [18]byte // longer lengths cannot be real
		keyBuf       [256]byte
		paddingAfter = blockCeil(size) - size
	)
	for left > 0 {
		if records++; records%4096 == 0 {
			if err := ctxErr(ctx); err != nil {
				return nil, err
			}
		}
		// The record's length, in decimal, and a space.
		nd, length := 0, int64(0)
		for {
			c, err := t.src.ReadByte()
			if err != nil {
				return nil, t.readErr(err)
			}
			left--
			if c == ' ' && nd > 0 {
				break
			}
			if c < '0' || c > '9' || nd == len(digits) || left == 0 {
				nd = -1
				break
			}
			digits[nd] = c
			nd++
			length = length*10 + int64(c-'0')
		}
		body := length - int64(nd) - 1 // "<key>=<value>\n"
		if nd < 0 || body < 3 || body > left {
			sk.drop([]byte("malformed records"), left)
			if err := t.src.skip(ctx, left); err != nil {
				return nil, t.readErr(err)
			}
			left = 0
			break
		}
		left -= body
		// The key first: it decides whether the record is kept.
		nk := int(min(body, int64(len(keyBuf))))
		if _, err := io.ReadFull(t.src, keyBuf[:nk]); err != nil {
			return nil, t.readErr(err)
		}
		key, _, _ := bytes.Cut(keyBuf[:nk], []byte("="))
		if paxEntryKey(string(key)) && length <= maxPAXRecordKept && int64(len(kept))+length <= maxTarHeaderBytes {
			start := len(kept)
			kept = append(kept, digits[:nd]...)
			kept = append(kept, ' ')
			kept = append(kept, keyBuf[:nk]...)
			kept = append(kept, make([]byte, body-int64(nk))...)
			if _, err := io.ReadFull(t.src, kept[start+nd+1+nk:]); err != nil {
				return nil, t.readErr(err)
			}
			key, ok := validPAXRecord(kept[start+nd+1:])
			if !ok {
				kept = kept[:start] // archive/tar would refuse the whole header
				sk.drop([]byte("malformed record"), length)
				continue
			}
			if isGNUSparseKey(key) {
				sparseKept = append(sparseKept, [2]int{start, len(kept)})
			}
			continue
		}
		if err := t.src.skip(ctx, body-int64(nk)); err != nil {
			return nil, t.readErr(err)
		}
		sk.drop(key, length)
		sparseLost = sparseLost || isGNUSparseKey(string(key))
	}
	if err := t.src.skip(ctx, paddingAfter); err != nil {
		return nil, t.readErr(err)
	}
	if sparseLost && len(sparseKept) > 0 {
		out := kept[:0:0]
		prev := 0
		for _, r := range sparseKept {
			out = append(out, kept[prev:r[0]]...)
			prev = r[1]
		}
		kept = append(out, kept[prev:]...)
	}
	return kept, nil
}

// validPAXRecord checks a record's "<key>=<value>\n" as archive/tar
// does, and returns its key.
func validPAXRecord(rec []byte) (string, bool) {
	if len(rec) < 3 || rec[len(rec)-1] != '\n' {
		return "", false
	}
	k, v, ok := bytes.Cut(rec[:len(rec)-1], []byte("="))
	if !ok || len(k) == 0 || bytes.IndexByte(k, 0) >= 0 {
		return "", false
	}
	key := string(k)
	switch key {
	case "path", "linkpath", "uname", "gname":
		if bytes.IndexByte(v, 0) >= 0 {
			return "", false
		}
	}
	return key, true
}

// paxEntryKey reports whether archive/tar reads a PAX key into the
// entry's header: its name, link, size, times and owners, and the GNU
// sparse map. Only records of these keys are kept from an oversized
// header.
func paxEntryKey(key string) bool {
	switch key {
	case "path", "linkpath", "size", "mtime", "atime", "ctime", "uid", "gid", "uname", "gname":
		return true
	}
	return strings.HasPrefix(key, "GNU.sparse.")
}

// isGNUSparseKey reports whether a PAX key describes a GNU sparse map
// (GNU.sparse.name, the real name, does not).
func isGNUSparseKey(key string) bool {
	return strings.HasPrefix(key, "GNU.sparse.") && key != "GNU.sparse.name"
}

// maxSparseBlocks caps the extension blocks of an old GNU sparse map
// held for archive/tar (which refuses maps much beyond 1 MiB).
const maxSparseBlocks = maxTarHeaderBytes / tarBlockSize

// readSparseBlocks reads the extension blocks of an old GNU sparse map,
// which follow the header block while the last byte of the previous one
// is set. A map of more than maxSparseBlocks is skipped, and the entry
// becomes a regular file of the data stored.
func (t *tarArchive) readSparseBlocks(ctx context.Context) error {
	n := 0
	for extended := t.main[482] != 0; extended; n++ {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		blk := t.blk[:]
		if _, err := io.ReadFull(t.src, blk); err != nil {
			return t.readErr(err)
		}
		extended = blk[504] != 0
		if n < maxSparseBlocks {
			t.main = append(t.main, blk...)
		}
	}
	if n > maxSparseBlocks {
		t.main = t.main[:tarBlockSize]
		t.main[156] = tar.TypeReg
		t.main[482] = 0
		setTarChecksum(t.main)
		t.sparseMap = &tarSkipped{
			what: fmt.Sprintf("old GNU sparse map of %d extension blocks (the entry reads as the data stored)", n),
			size: int64(n+1) * tarBlockSize,
		}
	}
	return nil
}

// finish checks what follows the end of the archive: zeros up to
// maxPaddingScan are the padding of its last record; other bytes are
// trailing data. When the tar sits in a compressed stream, reading to
// the stream's end makes the decompressor check its trailer (gzip's
// CRC-32 and size, xz's check, bzip2's CRC).
func (t *tarArchive) finish(ctx context.Context) error {
	start := t.src.pos
	n, nonZero, err := scanPadding(ctx, t.src)
	if err != nil {
		return t.readErr(err)
	}
	where := "after the end of the tar"
	if t.stream != nil {
		where += " in the " + t.stream.format + " stream"
	}
	switch {
	case nonZero >= 0:
		return fmt.Errorf("%w: %s: data %s, at offset %d", ErrTrailingData, t.parent.Path, where, start+nonZero)
	case n > maxPaddingScan:
		msg := fmt.Sprintf("more than %d bytes %s, from offset %d; not read further", int64(maxPaddingScan), where, start)
		if t.stream != nil {
			msg += ", so the stream's checksum was not verified"
		}
		return fmt.Errorf("%w: %s: %s", ErrTrailingData, t.parent.Path, msg)
	}
	if t.stream != nil {
		if err := t.stream.trailer; err != nil {
			return err
		}
	}
	return io.EOF
}

// readErr classifies an error reading the tar's own blocks: an early end
// is a truncation; a decompressor's errors are already classified.
func (t *tarArchive) readErr(err error) error {
	switch {
	case err == nil:
		return nil
	case isStreamErr(err), errors.Is(err, ErrLimit), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case err == io.EOF, errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: tar %s: %w", ErrTruncated, t.parent.Path, io.ErrUnexpectedEOF)
	}
	return wrap(ErrFormat, "tar "+t.parent.Path, err)
}

// isStreamErr reports whether err is already one of our classified errors.
func isStreamErr(err error) bool {
	return errors.Is(err, ErrFormat) || errors.Is(err, ErrTruncated) || errors.Is(err, ErrPanic) || errors.Is(err, ErrTrailingData)
}

// throughLink returns the symlink, seen earlier in the archive, that a
// directory of name is. An extractor would write such an entry wherever
// the link points.
func (t *tarArchive) throughLink(name string) string {
	if len(t.links) == 0 {
		return ""
	}
	for i := strings.IndexByte(name, '/'); i > 0; {
		if t.links[name[:i]] {
			return name[:i]
		}
		j := strings.IndexByte(name[i+1:], '/')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return ""
}

// tarSource is the tar stream, buffered, with the offset of the next
// byte. It skips by seeking when the stream can.
type tarSource struct {
	br     *bufio.Reader
	raw    io.Reader
	seeker io.Seeker // raw, when it can seek
	pos    int64
}

// tarBufSize is the read size of a tar stream that is not already buffered.
const tarBufSize = 32 << 10

func newTarSource(r io.Reader) *tarSource {
	if br, ok := r.(*bufio.Reader); ok {
		return &tarSource{br: br, raw: r}
	}
	s := &tarSource{br: bufio.NewReaderSize(r, tarBufSize), raw: r}
	if sk, ok := r.(io.Seeker); ok {
		// Not every Seeker can seek (os.Stdin on a pipe): try it.
		if _, err := sk.Seek(0, io.SeekCurrent); err == nil {
			s.seeker = sk
		}
	}
	return s
}

func (s *tarSource) Read(p []byte) (int, error) {
	n, err := s.br.Read(p)
	s.pos += int64(n)
	return n, err
}

func (s *tarSource) ReadByte() (byte, error) {
	c, err := s.br.ReadByte()
	if err == nil {
		s.pos++
	}
	return c, err
}

// skipChunk is how much is discarded between checks of the context.
const skipChunk = 1 << 20

// skip discards n bytes: by seeking when the stream can (then reading the
// last byte, so that a short stream is noticed), else by reading.
func (s *tarSource) skip(ctx context.Context, n int64) error {
	if n <= 0 {
		return nil
	}
	d, _ := s.br.Discard(int(min(n, int64(s.br.Buffered()))))
	s.pos += int64(d)
	n -= int64(d)
	if n > 1 && s.seeker != nil {
		if _, err := s.seeker.Seek(n-1, io.SeekCurrent); err == nil {
			s.br.Reset(s.raw)
			s.pos += n - 1
			n = 1
		}
	}
	for n > 0 {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		d, err := s.br.Discard(int(min(n, skipChunk)))
		s.pos += int64(d)
		n -= int64(d)
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
	}
	return nil
}

// scanPadding reads r to its end, or to maxPaddingScan+1 bytes, and
// returns how many it read and the offset of the first that is not zero
// (-1 if none).
func scanPadding(ctx context.Context, r io.Reader) (n, nonZero int64, err error) {
	var buf [4096]byte
	nonZero = -1
	for n <= maxPaddingScan {
		if err := ctxErr(ctx); err != nil {
			return n, nonZero, err
		}
		m, err := r.Read(buf[:min(len(buf), int(maxPaddingScan+1-n))])
		if nonZero < 0 {
			for i, c := range buf[:m] {
				if c != 0 {
					nonZero = n + int64(i)
					break
				}
			}
		}
		n += int64(m)
		if err == io.EOF {
			return n, nonZero, nil
		}
		if err != nil {
			return n, nonZero, err
		}
	}
	return n, nonZero, nil
}

// tarFeed gives archive/tar an entry's header blocks, then the stream
// (from which it reads a GNU 1.0 sparse map, at the start of the data).
type tarFeed struct {
	parts [][]byte
	src   *tarSource
}

func (f *tarFeed) reset(src *tarSource, parts ...[]byte) {
	f.src = src
	f.parts = f.parts[:0]
	for _, p := range parts {
		if len(p) > 0 {
			f.parts = append(f.parts, p)
		}
	}
}

func (f *tarFeed) drained() bool { return len(f.parts) == 0 }

func (f *tarFeed) Read(p []byte) (int, error) {
	if len(f.parts) == 0 {
		return f.src.Read(p)
	}
	n := copy(p, f.parts[0])
	if f.parts[0] = f.parts[0][n:]; len(f.parts[0]) == 0 {
		f.parts = f.parts[1:]
	}
	return n, nil
}

// tarData is an entry's stored data, read straight from the stream.
type tarData struct {
	src  *tarSource
	left int64
}

func (d *tarData) Read(p []byte) (int, error) {
	if d.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > d.left {
		p = p[:d.left]
	}
	n, err := d.src.Read(p)
	d.left -= int64(n)
	switch {
	case err == io.EOF && d.left > 0:
		return n, io.ErrUnexpectedEOF
	case err == nil && d.left == 0:
		return n, io.EOF
	}
	return n, err
}

// tarSparse reads a sparse entry through archive/tar, holes as zeros.
type tarSparse struct {
	tr   *tar.Reader
	path string
}

func (s *tarSparse) Read(p []byte) (int, error) {
	n, err := s.tr.Read(p)
	if err != nil && err != io.EOF && !errors.Is(err, io.ErrUnexpectedEOF) && !isStreamErr(err) {
		err = wrap(ErrFormat, "tar "+s.path, err)
	}
	return n, err
}

// paxSparse reports whether PAX records make an entry a GNU sparse file,
// as archive/tar reads them: format 0.0, 0.1 or 1.0.
func paxSparse(rec map[string]string) bool {
	major, minor := rec["GNU.sparse.major"], rec["GNU.sparse.minor"]
	switch {
	case major == "0" && (minor == "0" || minor == "1"), major == "1" && minor == "0":
		return true
	case major != "" || minor != "":
		return false
	}
	return rec["GNU.sparse.map"] != "" // format 0.0, whose records archive/tar turns into a map
}

// paxValue returns the last value of key in a PAX header's blocks (the
// header block, then its records), as archive/tar keeps the last.
func paxValue(blocks []byte, key string) (string, bool) {
	if len(blocks) <= tarBlockSize {
		return "", false
	}
	size, ok := parseTarNumber(blocks[124:136])
	if !ok || size > int64(len(blocks)-tarBlockSize) {
		return "", false
	}
	recs := blocks[tarBlockSize : tarBlockSize+int(size)]
	var (
		val   string
		found bool
	)
	for len(recs) > 0 {
		sp := bytes.IndexByte(recs, ' ')
		if sp <= 0 || sp > 18 {
			break
		}
		n := 0
		for _, c := range recs[:sp] {
			if c < '0' || c > '9' {
				return val, found
			}
			n = n*10 + int(c-'0')
		}
		if n <= sp+1 || n > len(recs) {
			break
		}
		k, v, ok := bytes.Cut(recs[sp+1:n-1], []byte("="))
		if ok && string(k) == key {
			val, found = string(v), true
		}
		recs = recs[n:]
	}
	return val, found
}

// isHeaderOnly reports whether entries of this type store no data,
// whatever their size field says (archive/tar's rule).
func isHeaderOnly(typeflag byte) bool {
	switch typeflag {
	case tar.TypeLink, tar.TypeSymlink, tar.TypeChar, tar.TypeBlock, tar.TypeDir, tar.TypeFifo:
		return true
	}
	return false
}

// parseTarNumber reads a numeric header field: octal digits padded with
// spaces or NULs, or GNU's base-256 (the high bit of the first byte set).
// Negative and overflowing values are refused.
func parseTarNumber(b []byte) (int64, bool) {
	if len(b) > 0 && b[0]&0x80 != 0 {
		if b[0]&0x40 != 0 {
			return 0, false // negative
		}
		var x uint64
		for i, c := range b {
			if i == 0 {
				c &= 0x7f
			}
			if x>>55 != 0 {
				return 0, false
			}
			x = x<<8 | uint64(c)
		}
		return int64(x), true
	}
	b = bytes.Trim(b, " \x00")
	if len(b) == 0 {
		return 0, true
	}
	x, err := strconv.ParseUint(string(cString(b)), 8, 63)
	return int64(x), err == nil
}

// cString returns b up to its first NUL.
func cString(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// setTarSize writes n into a header block's size field and fixes the
// block's checksum.
func setTarSize(blk []byte, n int64) {
	copy(blk[124:136], fmt.Sprintf("%011o\x00", n))
	setTarChecksum(blk)
}

// setTarChecksum recomputes a header block's checksum: the sum of its
// bytes with the checksum field counted as spaces.
func setTarChecksum(blk []byte) {
	copy(blk[148:156], "        ")
	var sum int64
	for _, c := range blk[:tarBlockSize] {
		sum += int64(c)
	}
	copy(blk[148:156], fmt.Sprintf("%06o\x00 ", sum))
}

// blockCeil rounds n up to a whole number of blocks.
func blockCeil(n int64) int64 {
	return (n + tarBlockSize - 1) &^ (tarBlockSize - 1)
}

func isZeroBlock(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
