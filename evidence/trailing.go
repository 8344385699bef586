package evidence

// This file finds data after the logical end of an item: an archive
// appended to an image or a PDF (a polyglot that unzip and 7-Zip list but
// an image viewer hides), or anything else a seller tucked behind a file.
//
// The end is read from the item's own structure where the format defines
// it: PNG after IEND, JPEG after EOI (following the further images of a
// multi-picture JPEG, the video of a motion photo and a Samsung trailer,
// which phones append), GIF after its trailer, RIFF (WebP) after its
// declared size, PDF after the last %%EOF, zip after the end of central
// directory record and its comment, 7z after its header. Whatever the
// item's format, a zip whose end of central directory record ends the
// file but which starts after the file's first byte is an appended zip:
// its central directory points back into the file. Executables are left
// out: installers and self-extracting archives carry their payload after
// the program. A few bytes of padding (NULs, 0xFF, white space) after the
// end are not reported.
//
// Every read is bounded by the item's size: structures are followed by
// their lengths with the reader's offsets, never by sizing a buffer from
// them, and the scans (JPEG entropy data, GIF sub-blocks, the PDF's last
// %%EOF) read each byte at most once and check the context.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"sync"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/unpack"
)

// Names, under their item, of the items that hold an archive found in
// trailing data: "image.png!/trailing". When a zip is appended to a zip,
// readers take the last one's directory for the file's, so that the walk
// has read the appended zip: the one before it, hidden, is read as
// "pack.zip!/leading".
const (
	trailingName = "trailing"
	leadingName  = "leading"
)

// Bounds of the trailing-data checks.
const (
	// trailingPadding is how much padding after the end goes unreported:
	// writers pad with NULs or white space, JPEG encoders with 0xFF.
	trailingPadding = 64 << 10
	// zipEndSearch is how far before the end of a file the end of
	// central directory record of an appended zip may start: the record
	// and the longest comment.
	zipEndSearch = 22 + 65535
	// zipHostEndSearch is how far back the end of a zip item's own
	// directory is looked for, so that up to about a megabyte after it is
	// seen as trailing data.
	zipHostEndSearch = 1 << 20
	// zipMaxRecords caps the central directory records read to find
	// where an appended zip starts.
	zipMaxRecords = 1 << 16
	// zipMaxCandidates caps the end of central directory signatures
	// examined, from the end: a real file has one or two.
	zipMaxCandidates = 64
	// jpegMaxImages caps the images of a multi-picture JPEG followed.
	jpegMaxImages = 16
	// trailingKeep is how much of a streamed item's end is kept to find
	// an appended zip, and the largest such zip walked from it.
	trailingKeep = 1 << 20
	// maxFreeTails is how many buffers of 2*trailingKeep are kept free
	// for the next streamed items. One serves the common case, one
	// streamed item at a time, and saves the page faults of a fresh
	// buffer per item (0.2 s of system time in a triage of half the
	// development corpus); keeping a second one, for a streamed item
	// inside a streamed archive, raised the peak RSS of that triage by
	// 5 MB and saved nothing measurable.
	maxFreeTails = 1
)

// trailing describes the data after an item's logical end.
type trailing struct {
	host      string        // the item's format, as people name it
	offset    int64         // where the trailing data start
	length    int64         // their length, to the end of the item
	archive   unpack.Format // an archive found there, or ""
	archiveAt int64         // where it starts
	// leading is set when the archive to read is not the one found but
	// the zip before it, bytes 0 to archiveAt (see leadingName).
	leading bool
	note    string // how it is read, or why it is not
	// reported: the walker has reported these data already (after a
	// compressed stream); only the archive in them is left to read.
	reported bool
}

// region returns where the archive to read lies, and its name.
func (tr trailing) region() (start, end int64, name string) {
	if tr.leading {
		return 0, tr.archiveAt, leadingName
	}
	return tr.archiveAt, tr.offset + tr.length, trailingName
}

// err returns the error the item's trailing_data problem is made from.
func (tr trailing) err() error {
	what := ""
	switch {
	case tr.leading:
		what = fmt.Sprintf(": a %s archive, whose directory readers take for this one's", tr.archive)
	case tr.archive != "" && tr.archiveAt != tr.offset:
		what = fmt.Sprintf(": a %s archive that starts at offset %d", tr.archive, tr.archiveAt)
	case tr.archive != "":
		what = fmt.Sprintf(": a %s archive", tr.archive)
	}
	after := "after the end of the " + tr.host
	if tr.host == "" {
		after = "appended to the file"
	}
	return fmt.Errorf("%w: %d bytes at offset %d, %s%s%s", unpack.ErrTrailingData, tr.length, tr.offset, after, what, tr.note)
}

// findTrailing looks for data after the logical end of the item of type t
// held in r (size bytes).
func findTrailing(ctx context.Context, t identify.Type, r io.ReaderAt, size int64) (tr trailing, ok bool) {
	if size <= 0 || isExecutable(t) {
		return tr, false
	}
	end, host := logicalEnd(ctx, r, size)
	zipAt, appended := appendedZip(ctx, r, size, false)
	tr = trailing{host: host, offset: -1}
	if end >= 0 && end < size {
		tr.offset = end
	}
	switch {
	case appended:
		if tr.offset < 0 {
			tr.offset = zipAt
		}
		tr.archive, tr.archiveAt = unpack.FormatZip, zipAt
		tr.leading = host == "zip archive"
	case tr.offset < 0:
		return tr, false
	default:
		var head [unpack.SniffLen]byte
		n, _ := r.ReadAt(head[:], end)
		if f := unpack.DetectFormat(head[:n]); f != "" {
			tr.archive, tr.archiveAt = f, end
		} else if size-end <= trailingPadding && isPadding(io.NewSectionReader(r, end, size-end)) {
			return tr, false
		}
	}
	tr.length = size - tr.offset
	return tr, true
}

// isExecutable reports whether t is a program, whose data after its end
// (an installer's payload, a self-extracting archive) is normal.
func isExecutable(t identify.Type) bool {
	switch t.MIME {
	case "application/vnd.microsoft.portable-executable", "application/x-executable", "application/x-mach-binary":
		return true
	}
	return false
}

// isPadding reports whether r holds only NULs, 0xFF bytes and white space.
func isPadding(r io.Reader) bool {
	var buf [4096]byte
	for {
		n, err := r.Read(buf[:])
		for _, b := range buf[:n] {
			switch b {
			case 0, 0xff, ' ', '\t', '\r', '\n', '\f':
			default:
				return false
			}
		}
		if err != nil {
			return err == io.EOF
		}
	}
}

// Signatures of the formats whose end is read.
var (
	sigPNG  = []byte("\x89PNG\r\n\x1a\n")
	sigJPEG = []byte{0xff, 0xd8, 0xff}
	sig7z   = []byte{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c}
)

// logicalEnd returns where the item's format says it ends, and the
// format's name, or -1 when the format is not one read here or the item
// is malformed or truncated (its end is then unknown, and nothing is
// reported after it).
func logicalEnd(ctx context.Context, r io.ReaderAt, size int64) (int64, string) {
	var head [16]byte
	n, _ := r.ReadAt(head[:], 0)
	h := head[:n]
	switch {
	case bytes.HasPrefix(h, sigPNG):
		return pngEnd(ctx, r, size), "PNG image"
	case bytes.HasPrefix(h, sigJPEG):
		return jpegEnd(ctx, r, size), "JPEG image"
	case bytes.HasPrefix(h, []byte("GIF87a")), bytes.HasPrefix(h, []byte("GIF89a")):
		return gifEnd(ctx, r, size), "GIF image"
	case bytes.HasPrefix(h, []byte("RIFF")) && n >= 12:
		return riffEnd(h, size), string(h[8:12]) + " file"
	case bytes.HasPrefix(h, []byte("%PDF-")):
		return pdfEnd(ctx, r, size), "PDF"
	case bytes.HasPrefix(h, []byte("PK\x03\x04")), bytes.HasPrefix(h, []byte("PK\x05\x06")):
		return zipEnd(ctx, r, size), "zip archive"
	case bytes.HasPrefix(h, sig7z) && n >= 16:
		return sevenZipEnd(r, size), "7z archive"
	}
	return -1, ""
}

// pngEnd returns the offset after the IEND chunk, following the chunks
// by their lengths.
func pngEnd(ctx context.Context, r io.ReaderAt, size int64) int64 {
	off := int64(len(sigPNG))
	var h [8]byte
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return -1
		}
		if _, err := r.ReadAt(h[:], off); err != nil {
			return -1
		}
		n := int64(binary.BigEndian.Uint32(h[:4]))
		if n > 1<<31-1 {
			return -1
		}
		off += 12 + n // length, type, data, CRC
		if off > size {
			return -1
		}
		if string(h[4:8]) == "IEND" {
			return off
		}
	}
}

// seqReader reads an item sequentially from an offset, counting where
// it is.
type seqReader struct {
	ctx context.Context
	br  *bufio.Reader
	pos int64
	ops int
}

// seqReaderSize is the buffer of a seqReader.
const seqReaderSize = 64 << 10

// seqReaders holds the buffered readers of seqReaders: a JPEG's end, a
// GIF's and an appended zip's directory are read through one for nearly
// every item, and a fresh 64 KiB each was a good part of the walk's
// garbage.
var seqReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, seqReaderSize) }}

// newSeqReader returns a seqReader of r from off to size; release gives
// its buffer back.
func newSeqReader(ctx context.Context, r io.ReaderAt, off, size int64) *seqReader {
	br := seqReaders.Get().(*bufio.Reader)
	br.Reset(io.NewSectionReader(r, off, size-off))
	return &seqReader{ctx: ctx, br: br, pos: off}
}

// release gives the reader's buffer back; s is not used after.
func (s *seqReader) release() {
	s.br.Reset(nil) // r is not kept alive by the pool
	seqReaders.Put(s.br)
	s.br = nil
}

func (s *seqReader) byte() (byte, error) {
	s.ops++
	if s.ops%(1<<16) == 0 && s.ctx.Err() != nil {
		return 0, s.ctx.Err()
	}
	b, err := s.br.ReadByte()
	if err == nil {
		s.pos++
	}
	return b, err
}

// toByte reads up to and including the next byte c.
func (s *seqReader) toByte(c byte) error {
	for {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		b, err := s.br.ReadSlice(c)
		s.pos += int64(len(b))
		if err != bufio.ErrBufferFull {
			return err
		}
	}
}

func (s *seqReader) skip(n int64) error {
	for n > 0 {
		if s.ops++; s.ops%(1<<12) == 0 || n > 1<<20 {
			if err := s.ctx.Err(); err != nil {
				return err
			}
		}
		k, err := s.br.Discard(int(min(n, 1<<20)))
		s.pos += int64(k)
		n -= int64(k)
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *seqReader) uint16() (int64, error) {
	a, err := s.byte()
	if err != nil {
		return 0, err
	}
	b, err := s.byte()
	return int64(a)<<8 | int64(b), err
}

// jpegEnd returns the offset after the last EOI of the JPEG: the first
// image's, or that of the last further image a multi-picture JPEG chains
// after it (MPF, gain maps), then after the video of a motion photo. A
// file that ends with a Samsung trailer ("SEFT") ends there.
func jpegEnd(ctx context.Context, r io.ReaderAt, size int64) int64 {
	end := int64(0)
	for i := range jpegMaxImages {
		e := jpegImageEnd(ctx, r, size, end)
		if e < 0 {
			if i == 0 {
				return -1
			}
			break
		}
		end = e
		var next [3]byte
		if n, _ := r.ReadAt(next[:], end); n < 3 || !bytes.Equal(next[:], sigJPEG) {
			break
		}
	}
	end = bmffEnd(ctx, r, size, end)
	var tail [4]byte
	if end < size && size >= 8 {
		if _, err := r.ReadAt(tail[:], size-4); err == nil && string(tail[:]) == "SEFT" {
			return size
		}
	}
	return end
}

// jpegImageEnd returns the offset after the EOI of the JPEG image that
// starts at off, skipping segments by their lengths and scanning the
// entropy-coded data after each SOS for the next marker.
func jpegImageEnd(ctx context.Context, r io.ReaderAt, size, off int64) int64 {
	s := newSeqReader(ctx, r, off, size)
	defer s.release()
	if a, _ := s.byte(); a != 0xff {
		return -1
	}
	if b, _ := s.byte(); b != 0xd8 {
		return -1
	}
	var marker byte // a marker already read by the entropy scan
	for {
		m := marker
		marker = 0
		if m == 0 {
			b, err := s.byte()
			if err != nil || b != 0xff {
				return -1
			}
			for b == 0xff { // fill bytes
				if b, err = s.byte(); err != nil {
					return -1
				}
			}
			m = b
		}
		switch {
		case m == 0xd9: // EOI
			return s.pos
		case m == 0x01, m >= 0xd0 && m <= 0xd8: // TEM, RSTn, SOI: no length
			continue
		}
		n, err := s.uint16()
		if err != nil || n < 2 || s.skip(n-2) != nil {
			return -1
		}
		if m != 0xda { // SOS: entropy-coded data follow
			continue
		}
		for marker == 0 {
			if err := s.toByte(0xff); err != nil {
				return -1
			}
			b := byte(0xff)
			for b == 0xff {
				if b, err = s.byte(); err != nil {
					return -1
				}
			}
			if b != 0 && (b < 0xd0 || b > 0xd7) { // not a stuffed byte or a restart
				marker = b
			}
		}
	}
}

// bmffEnd returns the offset after the ISO base media boxes (an MP4: the
// video of a motion photo) that start at off with an ftyp box, or off when
// there are none.
func bmffEnd(ctx context.Context, r io.ReaderAt, size, off int64) int64 {
	var h [16]byte
	if n, _ := r.ReadAt(h[:8], off); n < 8 || string(h[4:8]) != "ftyp" {
		return off
	}
	end := off
	for i := 0; end < size; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			break
		}
		if n, _ := r.ReadAt(h[:], end); n < 8 {
			break
		}
		n := int64(binary.BigEndian.Uint32(h[:4]))
		switch n {
		case 0: // to the end of the file
			return size
		case 1:
			n = int64(min(binary.BigEndian.Uint64(h[8:16]), 1<<62))
		}
		if n < 8 || n > size-end || !printable(h[4:8]) {
			break
		}
		end += n
	}
	return end
}

// printable reports whether b is a box type of printable ASCII.
func printable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// gifEnd returns the offset after the GIF trailer, following the blocks
// and their sub-blocks.
func gifEnd(ctx context.Context, r io.ReaderAt, size int64) int64 {
	s := newSeqReader(ctx, r, 0, size)
	defer s.release()
	if s.skip(10) != nil {
		return -1
	}
	flags, err := s.byte()
	if err != nil || s.skip(2) != nil {
		return -1
	}
	if flags&0x80 != 0 && s.skip(3<<(flags&7+1)) != nil {
		return -1
	}
	subBlocks := func() error {
		for {
			n, err := s.byte()
			if err != nil || n == 0 {
				return err
			}
			if err := s.skip(int64(n)); err != nil {
				return err
			}
		}
	}
	for {
		b, err := s.byte()
		if err != nil {
			return -1
		}
		switch b {
		case 0x3b: // trailer
			return s.pos
		case 0x21: // extension: a label, then sub-blocks
			if _, err := s.byte(); err != nil || subBlocks() != nil {
				return -1
			}
		case 0x2c: // image: descriptor, local colours, LZW code size, sub-blocks
			if s.skip(8) != nil {
				return -1
			}
			f, err := s.byte()
			if err != nil || f&0x80 != 0 && s.skip(3<<(f&7+1)) != nil || s.skip(1) != nil || subBlocks() != nil {
				return -1
			}
		default:
			return -1
		}
	}
}

// riffEnd returns the end a RIFF header (WebP, WAV, AVI) declares.
func riffEnd(head []byte, size int64) int64 {
	end := 8 + int64(binary.LittleEndian.Uint32(head[4:8]))
	if end > size {
		return -1
	}
	return end
}

// pdfEnd returns the offset after the last %%EOF marker and its end of
// line, searched from the end. Incremental updates come before it.
func pdfEnd(ctx context.Context, r io.ReaderAt, size int64) int64 {
	const block = 64 << 10
	marker := []byte("%%EOF")
	bp := tailBuffer(block + len(marker))
	defer tailBuffers.Put(bp)
	buf := *bp
	for end := size; end > 0; {
		if ctx.Err() != nil {
			return -1
		}
		start := max(end-block, 0)
		n, err := r.ReadAt(buf[:min(end+int64(len(marker)), size)-start], start)
		if err != nil && err != io.EOF {
			return -1
		}
		if i := lastIndex(buf[:n], marker); i >= 0 {
			end := start + int64(i+len(marker))
			var eol [2]byte
			k, _ := r.ReadAt(eol[:], end)
			switch {
			case k == 2 && string(eol[:]) == "\r\n":
				end += 2
			case k >= 1 && (eol[0] == '\n' || eol[0] == '\r'):
				end++
			}
			return end
		}
		end = start
	}
	return -1
}

// tailBuffers holds the buffers the end of an item is read into to find
// a zip's end of central directory record or a PDF's last %%EOF: 64 KiB,
// or up to zipHostEndSearch for a zip item, for nearly every item.
var tailBuffers sync.Pool // of *[]byte

// tailBuffer returns a buffer of n bytes from tailBuffers; put it back
// there when done.
func tailBuffer(n int) *[]byte {
	bp, _ := tailBuffers.Get().(*[]byte)
	if bp == nil || cap(*bp) < n {
		b := make([]byte, n)
		return &b
	}
	*bp = (*bp)[:n]
	return bp
}

// lastIndex is bytes.LastIndex(b, sep), found by forward searches:
// bytes.Index compares many bytes at a time where LastIndex's Rabin-Karp
// loop reads one, and the end of nearly every item is searched. Each
// byte of b is passed over once, however many times sep occurs.
func lastIndex(b, sep []byte) int {
	last := -1
	for off := 0; ; {
		i := bytes.Index(b[off:], sep)
		if i < 0 {
			return last
		}
		last = off + i
		off = last + 1
	}
}

// zipEnds finds the end of central directory signatures of a buffer, of
// which it keeps the last zipMaxCandidates, the ones examined: a real
// file has one or two.
type zipEnds struct {
	at [zipMaxCandidates]int
	n  int // signatures found, of which the last min(n, zipMaxCandidates) are in at
}

// find records the signatures in b in one forward pass (see lastIndex).
// The signature cannot overlap itself, so that every one is found.
func (z *zipEnds) find(b []byte) {
	sig := []byte("PK\x05\x06")
	for off := 0; ; {
		i := bytes.Index(b[off:], sig)
		if i < 0 {
			return
		}
		z.at[z.n%zipMaxCandidates] = off + i
		z.n++
		off += i + len(sig)
	}
}

// all yields the offsets of the signatures kept, the last first: the
// order of repeated bytes.LastIndex calls.
func (z *zipEnds) all() iter.Seq[int] {
	return func(yield func(int) bool) {
		for k := range min(z.n, zipMaxCandidates) {
			if !yield(z.at[(z.n-1-k)%zipMaxCandidates]) {
				return
			}
		}
	}
}

// zipEndRecord is what an end of central directory record (with its
// zip64 record, when it points to one) says.
type zipEndRecord struct {
	at       int64  // where the record starts
	end      int64  // the offset after it and its comment
	entries  uint64 // records in the central directory
	dirAt    int64  // where the central directory is in the file
	dirStart int64  // where the record says it is, from the zip's own start
}

// readZipEnd parses an end of central directory record at off, with the
// zip64 record before it when the record's fields say so. It checks that
// the comment fits in the file and that the directory it points to starts
// with a directory record.
func readZipEnd(r io.ReaderAt, size, off int64) (z zipEndRecord, ok bool) {
	var b [22]byte
	if _, err := r.ReadAt(b[:], off); err != nil || string(b[:4]) != "PK\x05\x06" {
		return z, false
	}
	z.at = off
	z.end = off + 22 + int64(binary.LittleEndian.Uint16(b[20:22]))
	if z.end > size {
		return z, false
	}
	z.entries = uint64(binary.LittleEndian.Uint16(b[10:12]))
	dirSize := int64(binary.LittleEndian.Uint32(b[12:16]))
	dirOffset := uint64(binary.LittleEndian.Uint32(b[16:20]))
	recordAt := off // the record the directory ends at
	if dirOffset == 0xffffffff || dirSize == 0xffffffff || z.entries == 0xffff {
		// The zip64 end record lies before its 20-byte locator.
		var z64 [56]byte
		recordAt = off - 20 - 56
		if recordAt < 0 {
			return z, false
		}
		if _, err := r.ReadAt(z64[:], recordAt); err != nil || string(z64[:4]) != "PK\x06\x06" {
			return z, false
		}
		z.entries = binary.LittleEndian.Uint64(z64[32:40])
		dirSize = int64(min(binary.LittleEndian.Uint64(z64[40:48]), 1<<62))
		dirOffset = binary.LittleEndian.Uint64(z64[48:56])
	}
	z.dirAt = recordAt - dirSize
	z.dirStart = int64(min(dirOffset, 1<<62))
	if z.dirAt < 0 || z.entries == 0 {
		return z, z.dirAt >= 0
	}
	var sig [4]byte
	if _, err := r.ReadAt(sig[:], z.dirAt); err != nil || string(sig[:]) != "PK\x01\x02" {
		return z, false
	}
	return z, true
}

// zipEnd returns the offset after a zip item's own end of central
// directory record and comment: the last valid record in the file's last
// megabyte.
func zipEnd(ctx context.Context, r io.ReaderAt, size int64) int64 {
	start := max(size-zipHostEndSearch, 0)
	bp := tailBuffer(int(size - start))
	defer tailBuffers.Put(bp)
	n, _ := r.ReadAt(*bp, start)
	var ends zipEnds
	ends.find((*bp)[:n])
	for i := range ends.all() {
		if ctx.Err() != nil {
			return -1
		}
		if z, ok := readZipEnd(r, size, start+int64(i)); ok {
			return z.end
		}
	}
	return -1
}

// appendedZip finds a zip whose end of central directory record ends the
// file and which starts after the file's first byte, and returns where it
// starts: where its directory says its first local header is, checked.
// Its offsets may count from its own start (a zip appended as it is) or
// from the file's (a zip whose offsets were adjusted, as zip -A does).
//
// With window set, r holds only the end of a file: the zip may start
// before r does, at a negative offset, where its local header cannot be
// checked; its directory must lie in r.
func appendedZip(ctx context.Context, r io.ReaderAt, size int64, window bool) (int64, bool) {
	start := max(size-zipEndSearch, 0)
	bp := tailBuffer(int(size - start))
	n, _ := r.ReadAt(*bp, start)
	var ends zipEnds
	ends.find((*bp)[:n])
	tailBuffers.Put(bp)
	var (
		z     zipEndRecord
		found bool
	)
	for i := range ends.all() {
		if z, found = readZipEnd(r, size, start+int64(i)); found && z.end == size && z.entries > 0 {
			break
		}
		found = false
	}
	if !found {
		return 0, false
	}
	// The zip's own offset 0 lies where the directory is, less the
	// offset the record gives it; its first local header is the lowest
	// any directory record points to.
	base := z.dirAt - z.dirStart
	first, ok := firstLocalHeader(ctx, r, z)
	if !ok {
		return 0, false
	}
	at := base + first
	switch {
	case at >= z.dirAt, at <= 0 && !window:
		return 0, false
	case at < 0:
		return at, true
	}
	var sig [4]byte
	if _, err := r.ReadAt(sig[:], at); err != nil || string(sig[:]) != "PK\x03\x04" {
		return 0, false
	}
	return at, true
}

// firstLocalHeader returns the lowest local header offset the central
// directory records of z give, reading at most zipMaxRecords of them.
func firstLocalHeader(ctx context.Context, r io.ReaderAt, z zipEndRecord) (int64, bool) {
	s := newSeqReader(ctx, r, z.dirAt, z.at)
	defer s.release()
	var (
		rec    [46]byte
		extra  []byte
		lowest = int64(-1)
	)
	for i := uint64(0); i < min(z.entries, zipMaxRecords); i++ {
		if _, err := io.ReadFull(s.br, rec[:]); err != nil || string(rec[:4]) != "PK\x01\x02" {
			break
		}
		nameLen, extraLen := int64(binary.LittleEndian.Uint16(rec[28:30])), int(binary.LittleEndian.Uint16(rec[30:32]))
		off := int64(binary.LittleEndian.Uint32(rec[42:46]))
		if s.skip(nameLen) != nil {
			break
		}
		extra = slices.Grow(extra[:0], extraLen)[:extraLen] // at most 64 KiB, the field's range
		if _, err := io.ReadFull(s.br, extra); err != nil {
			break
		}
		if off == 0xffffffff {
			off = zip64Offset(extra, rec[:])
		}
		if off >= 0 && (lowest < 0 || off < lowest) {
			lowest = off
		}
		if s.skip(int64(binary.LittleEndian.Uint16(rec[32:34]))) != nil {
			break
		}
	}
	return lowest, lowest >= 0
}

// zip64Offset returns the local header offset a zip64 extra field holds
// for the directory record rec, or -1. The field stores, in order, each of
// the sizes and the offset whose 32-bit field in rec is all ones.
func zip64Offset(extra, rec []byte) int64 {
	for len(extra) >= 4 {
		id, n := binary.LittleEndian.Uint16(extra[:2]), int(binary.LittleEndian.Uint16(extra[2:4]))
		extra = extra[4:]
		if n > len(extra) {
			return -1
		}
		if id == 0x0001 {
			field := extra[:n]
			for _, at := range []int{24, 20} { // uncompressed, then compressed size
				if binary.LittleEndian.Uint32(rec[at:at+4]) == 0xffffffff {
					if len(field) < 8 {
						return -1
					}
					field = field[8:]
				}
			}
			if len(field) < 8 {
				return -1
			}
			return int64(min(binary.LittleEndian.Uint64(field[:8]), 1<<62))
		}
		extra = extra[n:]
	}
	return -1
}

// sevenZipEnd returns the offset after a 7z archive's header, as its
// signature header gives it.
func sevenZipEnd(r io.ReaderAt, size int64) int64 {
	var h [32]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return -1
	}
	off := binary.LittleEndian.Uint64(h[12:20])
	n := binary.LittleEndian.Uint64(h[20:28])
	if off > uint64(size) || n > uint64(size) {
		return -1
	}
	end := 32 + int64(off) + int64(n)
	if end > size {
		return -1
	}
	return end
}

// trailing reports the data after the logical end of item idx (the
// package itself when idx < 0), held in r, and triages an archive found
// there as an item one level down (see addTrailing).
func (a *analysis) trailing(ctx context.Context, idx, depth int, t identify.Type, r io.ReaderAt, size int64) {
	if ctx.Err() != nil {
		return
	}
	if tr, ok := findTrailing(ctx, t, r, size); ok {
		start, end, _ := tr.region()
		a.addTrailing(ctx, idx, depth, t, tr, io.NewSectionReader(r, start, end-start))
	}
}

// packageTrailing is trailing for the package when it is an archive, once
// walkErr ended its walk.
func (a *analysis) packageTrailing(ctx context.Context, t identify.Type, r io.ReaderAt, size int64, walkErr error) {
	if ctx.Err() != nil {
		return
	}
	if tr, ok := findTrailing(ctx, t, r, size); ok {
		tr.reported = errors.Is(walkErr, unpack.ErrTrailingData)
		start, end, _ := tr.region()
		a.addTrailing(ctx, -1, 0, t, tr, io.NewSectionReader(r, start, end-start))
	}
}

// addTrailing records tr as a problem of item idx (of the package when
// idx < 0) and, when it holds an archive and body reads it, triages the
// archive as the item's child (trailingName or leadingName), within the
// walk's entry and depth limits.
func (a *analysis) addTrailing(ctx context.Context, idx, depth int, t identify.Type, tr trailing, body io.Reader) {
	path := a.rep.Package.Name
	if idx >= 0 {
		path = a.item(idx).Path
	}
	start, end, name := tr.region()
	child := path + unpack.PathSeparator + name
	switch {
	case tr.archive != "" && body != nil && tr.leading:
		tr.note = fmt.Sprintf("; the zip before it (bytes 0 to %d) is read as %s", end, child)
	case tr.archive != "" && body != nil:
		tr.note = ", read as " + child
	}
	if !tr.reported && !a.hasTrailing(idx, path) { // the walker reports data after a compressed stream itself
		a.problemAt(idx, path, tr.err())
	}
	if tr.archive == "" || body == nil {
		return
	}
	if depth+1 > a.lim.MaxDepth {
		// As an archive nested that deep: listed by its parent, not opened.
		a.problemAt(idx, path, &unpack.LimitError{Limit: unpack.LimitDepth, Value: int64(depth + 1), Max: int64(a.lim.MaxDepth), Path: child})
		return
	}
	if err := a.w.Admit(child); err != nil {
		a.problemAt(idx, path, err)
		return
	}
	cidx := a.add(Item{Path: child, NameEncoding: "utf-8", Depth: depth + 1, Container: t.Ext,
		EntryType: string(unpack.TypeFile), DeclaredSize: end - start, CompressedSize: -1})
	_ = a.readBody(ctx, cidx, body, depth+1)
	a.walked(ctx, cidx)
}

// hasTrailing reports whether item idx (the package when idx < 0) already
// has a trailing_data problem.
func (a *analysis) hasTrailing(idx int, path string) bool {
	ps := a.rep.Problems
	if idx >= 0 {
		ps = a.item(idx).Problems
	}
	for _, p := range ps {
		if p.Code == ProblemTrailingData && (idx >= 0 || p.Path == path) {
			return true
		}
	}
	return false
}

// problemAt records err on item idx, or on the report for the package
// (path) when idx < 0.
func (a *analysis) problemAt(idx int, path string, err error) {
	if idx >= 0 {
		a.problem(idx, err)
		return
	}
	p := problemOf(err)
	p.Path = path
	a.rep.Problems = append(a.rep.Problems, p)
}

// tailKeeper keeps the last trailingKeep bytes of a streamed item, so that
// a zip appended to it can be found (and, when it fits, read) after the
// item has gone by. Executables keep nothing.
type tailKeeper struct {
	a   *analysis
	buf []byte // up to 2*trailingKeep bytes, the last trailingKeep of them the tail
	n   int64  // bytes written
	off bool
}

// newTail returns a tailKeeper for an item of type t.
func (a *analysis) newTail(t identify.Type) *tailKeeper {
	return &tailKeeper{a: a, off: isExecutable(t)}
}

// Write implements io.Writer.
func (k *tailKeeper) Write(p []byte) (int, error) {
	k.n += int64(len(p))
	if k.off {
		return len(p), nil
	}
	if k.buf == nil {
		select {
		case b := <-k.a.tails:
			k.buf = b[:0]
		default:
			k.buf = make([]byte, 0, 2*trailingKeep)
		}
	}
	if len(p) >= trailingKeep {
		k.buf = append(k.buf[:0], p[len(p)-trailingKeep:]...)
		return len(p), nil
	}
	if len(k.buf)+len(p) > cap(k.buf) {
		k.buf = append(k.buf[:0], k.buf[len(k.buf)-(trailingKeep-len(p)):]...)
	}
	k.buf = append(k.buf, p...)
	return len(p), nil
}

// tail returns the kept end of the item.
func (k *tailKeeper) tail() []byte {
	return k.buf[max(len(k.buf)-trailingKeep, 0):]
}

// release returns the buffer to the free ones, if there is room.
func (k *tailKeeper) release() {
	if k.buf != nil {
		select {
		case k.a.tails <- k.buf[:0]:
		default:
		}
		k.buf = nil
	}
}

// trailingTail looks, once a streamed item has been read whole (complete)
// through k, for data after its end: all of it when the item was kept
// whole or body can be read again (the package's own file), else a zip
// appended to it. Such a zip is read from the kept bytes when it fits in
// them, and otherwise only reported.
func (a *analysis) trailingTail(ctx context.Context, idx, depth int, t identify.Type, k *tailKeeper, body io.Reader, complete bool) {
	defer k.release()
	if !complete || k.n == 0 || k.off || ctx.Err() != nil {
		return
	}
	if ra, ok := body.(io.ReaderAt); ok {
		a.trailing(ctx, idx, depth, t, ra, k.n)
		return
	}
	if idx == 0 && a.lone != nil { // the lone file is the first item
		a.trailing(ctx, idx, depth, t, a.lone, k.n)
		return
	}
	tail := k.tail()
	base := k.n - int64(len(tail))
	if base == 0 {
		a.trailing(ctx, idx, depth, t, bytes.NewReader(tail), k.n)
		return
	}
	at, ok := appendedZip(ctx, bytes.NewReader(tail), int64(len(tail)), true)
	if !ok || base+at <= 0 {
		return
	}
	tr := trailing{offset: base + at, length: k.n - base - at, archive: unpack.FormatZip, archiveAt: base + at}
	if at < 0 {
		tr.note = fmt.Sprintf("; not read: only the last %d bytes of a streamed item are kept", len(tail))
		a.addTrailing(ctx, idx, depth, t, tr, nil)
		return
	}
	a.addTrailing(ctx, idx, depth, t, tr, bytes.NewReader(tail[at:]))
}
