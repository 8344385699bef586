package unpack

import (
	"archive/zip"
	"bytes"
	"compress/bzip2"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zstd"
)

// Zip compression methods beyond store and deflate that we read.
const (
	zipMethodBzip2 = 12
	zipMethodZstd  = 93
	zipMethodXz    = 95
	zipMethodAES   = 99
)

// maxLinkTarget caps the bytes read as a symlink's target.
const maxLinkTarget = 4096

type zipArchive struct {
	w       *Walker
	parent  Parent
	r       io.ReaderAt
	zr      *zip.Reader
	i       int
	overlap []bool
	capped  error           // set when the directory held more records than allowed
	in      *countingReader // compressed bytes consumed by the entry being opened
}

// openZip opens a zip held in r. The central directory is bounded before
// archive/zip sees it: archive/zip allocates every record up front, so a
// directory declaring more records than the walk may still take is cut to
// that many plus one, and the walk then stops at the entry limit.
func (w *Walker) openZip(ctx context.Context, parent Parent, sh *share, r io.ReaderAt, size int64) (a archive, err error) {
	defer func() {
		if v := recover(); v != nil {
			a, err = nil, recovered("zip reader", v)
		}
	}()
	w.bmu.Lock()
	budget := w.entriesLeft(sh) + 1
	w.bmu.Unlock()
	view, viewSize, capped, err := capZipDirectory(r, size, max(budget, 1))
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(view, viewSize)
	if err != nil {
		if scan, ok := w.newZipScan(parent, r, size, err); ok && !capped {
			return scan, nil
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zip.ErrFormat) && size > 0 && !hasZipEnd(r, size) {
			return nil, fmt.Errorf("%w: zip %s: no end of central directory (%w)", ErrTruncated, parent.Path, err)
		}
		return nil, wrap(ErrFormat, "zip "+parent.Path, err)
	}
	za := &zipArchive{w: w, parent: parent, r: r, zr: zr}
	za.registerDecompressors()
	a = za
	za.overlap = zipOverlaps(zr.File)
	if capped {
		za.capped = &LimitError{Limit: LimitEntries, Value: w.entries.Load() + budget, Max: int64(w.lim.MaxEntries), Path: parent.Path}
	}
	return a, nil
}

// registerDecompressors installs our decompressors on the zip reader. Each
// counts the compressed bytes it consumes, so that the ratio limit compares
// what came out with what went in so far, not with the declared total.
// archive/zip calls the decompressor inside File.Open, so after Open the
// counter in z.in belongs to that entry.
func (z *zipArchive) registerDecompressors() {
	zr, w := z.zr, z.w
	counted := func(r io.Reader) io.Reader {
		z.in = &countingReader{r: r}
		return z.in
	}
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return w.flateReader(counted(r)) })
	zr.RegisterDecompressor(zipMethodBzip2, func(r io.Reader) io.ReadCloser {
		return io.NopCloser(bzip2.NewReader(counted(r)))
	})
	maxWindow := uint64(w.lim.MaxDictionaryBytes)
	zr.RegisterDecompressor(zipMethodZstd, func(r io.Reader) io.ReadCloser {
		r = counted(r)
		d, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(maxWindow), zstd.WithDecoderMaxMemory(uint64(w.lim.MaxEntryBytes)))
		if err != nil {
			return io.NopCloser(errReader{wrap(ErrFormat, "zstd", err)})
		}
		return d.IOReadCloser()
	})
	zr.RegisterDecompressor(zipMethodXz, func(r io.Reader) io.ReadCloser {
		x, err := newXzReader(counted(r), w.lim)
		if err != nil {
			return io.NopCloser(errReader{err})
		}
		return io.NopCloser(x)
	})
}

func hasZipEnd(r io.ReaderAt, size int64) bool {
	_, _, err := findZipEnd(r, size)
	return err == nil
}

// zipOverlaps marks entries whose data range overlaps the range of an
// entry earlier in the central directory: the construction of overlapping
// zip bombs. Legitimate zips never share bytes between entries.
func zipOverlaps(files []*zip.File) []bool {
	type span struct {
		start, end int64
		idx        int
	}
	spans := make([]span, 0, len(files))
	for i, f := range files {
		off, err := f.DataOffset()
		if err != nil || f.CompressedSize64 == 0 {
			continue
		}
		end := off + int64(min(f.CompressedSize64, 1<<62))
		spans = append(spans, span{off, end, i})
	}
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return int(min(max(a.start-b.start, -1), 1))
		}
		return a.idx - b.idx
	})
	out := make([]bool, len(files))
	var owner *span
	for i := range spans {
		s := &spans[i]
		if owner != nil && s.start < owner.end {
			if s.idx > owner.idx {
				out[s.idx] = true
			} else {
				out[owner.idx] = true
			}
			if s.end > owner.end {
				owner = s
			}
			continue
		}
		owner = s
	}
	return out
}

func (z *zipArchive) close() error { return nil }

// unlisted returns how many members of the directory are still to come.
func (z *zipArchive) unlisted() int64 { return int64(len(z.zr.File) - z.i) }

func (z *zipArchive) next(ctx context.Context) (*Entry, func(), error) {
	if z.i >= len(z.zr.File) {
		if z.capped != nil {
			return nil, nil, z.capped
		}
		return nil, nil, io.EOF
	}
	i := z.i
	f := z.zr.File[i]
	z.i++

	raw := []byte(f.Name)
	name, enc := zipName(raw, f.Flags&0x800 != 0, f.Extra)
	e := &Entry{
		Name:           displayName(name),
		RawName:        raw,
		NameEncoding:   enc,
		Format:         FormatZip,
		Size:           int64(min(f.UncompressedSize64, 1<<62)),
		CompressedSize: int64(min(f.CompressedSize64, 1<<62)),
		Mode:           f.Mode(),
		Type:           TypeFile,
		Method:         zipMethodName(f.Method),
	}
	e.Modified, e.ModifiedZoneKnown = zipModified(f)
	if err := CheckName(name); err != nil {
		e.Problems = append(e.Problems, err)
	}
	switch {
	case strings.HasSuffix(name, "/") || f.Mode().IsDir():
		e.Type = TypeDir
		return e, nil, nil
	case f.Mode()&fs.ModeSymlink != 0:
		e.Type = TypeSymlink
	case f.Mode()&(fs.ModeDevice|fs.ModeNamedPipe|fs.ModeSocket|fs.ModeCharDevice) != 0:
		e.Type = TypeOther
		return e, nil, nil
	}
	if z.overlap[i] {
		err := fmt.Errorf("%w: %s shares its data with another entry", ErrOverlap, name)
		e.Problems = append(e.Problems, err)
		e.body = errReader{err}
		return e, nil, nil
	}

	z.in = nil
	body, closer, err := z.open(f, e)
	if in := z.in; in != nil {
		e.compressedIn = func() int64 { return in.n }
	}
	if err != nil {
		e.body = errReader{err}
		if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrPassword) {
			e.Problems = append(e.Problems, err)
		}
		return e, nil, nil
	}
	if e.Type == TypeSymlink {
		target, err := io.ReadAll(io.LimitReader(body, maxLinkTarget))
		closer()
		if err == nil {
			e.LinkTarget = displayName(string(target))
			if lerr := checkLink(name, e.LinkTarget); lerr != nil {
				e.Problems = append(e.Problems, lerr)
			}
		}
		return e, nil, nil
	}
	e.body = body
	return e, closer, nil
}

// open returns the entry's decompressed (and decrypted) body.
func (z *zipArchive) open(f *zip.File, e *Entry) (io.Reader, func(), error) {
	if f.Flags&0x1 == 0 && f.Method != zipMethodAES {
		rc, err := f.Open()
		if err != nil {
			if errors.Is(err, zip.ErrAlgorithm) {
				return nil, nil, fmt.Errorf("%w: zip compression method %d", ErrUnsupported, f.Method)
			}
			return nil, nil, wrap(ErrFormat, "zip "+e.Name, err)
		}
		return zipErrs{rc, e.Name}, func() { rc.Close() }, nil
	}
	e.Encrypted = true
	if f.Flags&0x40 == 0 && z.w.opts.Password == "" {
		return nil, nil, fmt.Errorf("%w: %s", ErrEncrypted, e.Name)
	}
	rawR, err := f.OpenRaw()
	if err != nil {
		return nil, nil, wrap(ErrFormat, "zip "+e.Name, err)
	}
	z.in = &countingReader{r: rawR}
	return openRawEntry(rawHeader{
		flags: f.Flags, method: f.Method, crc: f.CRC32, modTime: f.ModifiedTime,
		csize: int64(min(f.CompressedSize64, 1<<62)), extra: f.Extra,
	}, z.in, z.w.opts.Password, e)
}

// rawHeader holds the header fields needed to decode an entry's raw data.
type rawHeader struct {
	flags, method uint16
	crc           uint32
	modTime       uint16
	csize         int64
	extra         []byte
}

// openRawEntry decrypts (when the entry is encrypted and a password is
// given) and decompresses raw entry data, checking the CRC-32 at the end.
func openRawEntry(h rawHeader, raw io.Reader, password string, e *Entry) (io.Reader, func(), error) {
	method := h.method
	verify := true
	plain := raw
	if h.flags&0x1 != 0 || h.method == zipMethodAES {
		e.Encrypted = true
		if h.flags&0x40 != 0 {
			return nil, nil, fmt.Errorf("%w: zip strong encryption", ErrUnsupported)
		}
		if password == "" {
			return nil, nil, fmt.Errorf("%w: %s", ErrEncrypted, e.Name)
		}
		var err error
		if h.method == zipMethodAES {
			info, ok := parseWinZipAES(h.extra)
			if !ok {
				return nil, nil, fmt.Errorf("%w: AES entry without its extra field", ErrFormat)
			}
			method = info.method
			verify = info.version == 1
			e.Method = zipMethodName(method) + "+aes"
			plain, err = newWinZipAESReader(raw, h.csize, password, info.strength)
		} else {
			check := byte(h.crc >> 24)
			if h.flags&0x8 != 0 {
				check = byte(h.modTime >> 8)
			}
			e.Method = zipMethodName(method) + "+zipcrypto"
			plain, err = newZipCryptoReader(raw, password, check)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	var rc io.ReadCloser
	switch method {
	case zip.Store:
		rc = io.NopCloser(plain)
	case zip.Deflate:
		rc = flate.NewReader(plain)
	case zipMethodBzip2:
		rc = io.NopCloser(bzip2.NewReader(plain))
	default:
		return nil, nil, fmt.Errorf("%w: zip compression method %d", ErrUnsupported, method)
	}
	out := io.Reader(rc)
	if verify {
		out = &crcReader{r: rc, h: crc32.NewIEEE(), want: h.crc}
	}
	return zipErrs{out, e.Name}, func() { rc.Close() }, nil
}

// zipErrs classifies archive/zip's body errors.
type zipErrs struct {
	r    io.Reader
	name string
}

func (z zipErrs) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	if err != nil && err != io.EOF {
		switch {
		case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat):
			if errors.Is(err, ErrFormat) || errors.Is(err, ErrPassword) {
				return n, err
			}
			err = wrap(ErrFormat, "zip "+z.name, err)
		case errors.Is(err, io.ErrUnexpectedEOF):
			err = fmt.Errorf("%w: zip %s: %w", ErrTruncated, z.name, err)
		case errors.Is(err, ErrFormat), errors.Is(err, ErrTruncated), errors.Is(err, ErrPassword), errors.Is(err, ErrLimit):
		default:
			err = wrap(ErrFormat, "zip "+z.name, err)
		}
	}
	return n, err
}

// crcReader checks a CRC-32 at the end of the data.
type crcReader struct {
	r    io.Reader
	h    hash.Hash32
	want uint32
}

func (c *crcReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	if err == io.EOF && c.h.Sum32() != c.want {
		return n, fmt.Errorf("%w: CRC-32 mismatch (wrong password or corrupt data)", ErrFormat)
	}
	return n, err
}

func zipMethodName(m uint16) string {
	switch m {
	case zip.Store:
		return "store"
	case zip.Deflate:
		return "deflate"
	case 9:
		return "deflate64"
	case zipMethodBzip2:
		return "bzip2"
	case 14:
		return "lzma"
	case zipMethodZstd:
		return "zstd"
	case zipMethodXz:
		return "xz"
	case 98:
		return "ppmd"
	case zipMethodAES:
		return "aes"
	}
	return fmt.Sprintf("method-%d", m)
}

// zipModified returns the entry's time and whether its zone is known: it
// is when an extended-timestamp (0x5455) or NTFS (0x000a) field gives the
// UTC instant. archive/zip then estimates the writer's zone offset from
// the difference with the MS-DOS wall-clock time, which we keep: it says
// where the archive was made.
func zipModified(f *zip.File) (time.Time, bool) {
	known := hasZipExtra(f.Extra, 0x5455) || hasZipExtra(f.Extra, 0x000a)
	if f.Modified.IsZero() || (!known && f.ModifiedDate == 0) {
		return time.Time{}, false
	}
	return f.Modified, known
}

func hasZipExtra(extra []byte, want uint16) bool {
	_, ok := zipExtraField(extra, want)
	return ok
}

// zipExtraField returns the data of the first extra field with the given
// id (APPNOTE 4.5), bounds-checked: a length that runs past the end ends
// the search.
func zipExtraField(extra []byte, want uint16) ([]byte, bool) {
	for len(extra) >= 4 {
		id := binary.LittleEndian.Uint16(extra)
		n := int(binary.LittleEndian.Uint16(extra[2:]))
		extra = extra[4:]
		if n > len(extra) {
			return nil, false
		}
		if id == want {
			return extra[:n], true
		}
		extra = extra[n:]
	}
	return nil, false
}

// Zip end-record signatures and sizes (APPNOTE 4.3.14-4.3.16).
const (
	zipEndLen       = 22
	zip64LocLen     = 20
	zip64EndLen     = 56
	zipDirHeaderLen = 46
)

var (
	sigEnd      = []byte("PK\x05\x06")
	sig64Loc    = []byte("PK\x06\x07")
	sig64End    = []byte("PK\x06\x06")
	sigDirEntry = []byte("PK\x01\x02")
)

// zipEnd is what the end records say about the central directory.
type zipEnd struct {
	records   uint64
	dirSize   uint64
	dirOffset uint64
}

// findZipEnd locates the end of central directory record in the last
// 64 KiB + 22 bytes and follows the zip64 locator when there is one.
func findZipEnd(r io.ReaderAt, size int64) (zipEnd, int64, error) {
	search := min(size, 65535+zipEndLen)
	buf := make([]byte, search)
	if _, err := r.ReadAt(buf, size-search); err != nil && err != io.EOF {
		return zipEnd{}, 0, err
	}
	at := bytes.LastIndex(buf, sigEnd)
	for at >= 0 && at+zipEndLen > len(buf) {
		at = bytes.LastIndex(buf[:at], sigEnd)
	}
	if at < 0 {
		return zipEnd{}, 0, errors.New("no end of central directory record")
	}
	b := buf[at:]
	end := zipEnd{
		records:   uint64(binary.LittleEndian.Uint16(b[10:])),
		dirSize:   uint64(binary.LittleEndian.Uint32(b[12:])),
		dirOffset: uint64(binary.LittleEndian.Uint32(b[16:])),
	}
	endOff := size - search + int64(at)
	if end.records != 0xffff && end.dirSize != 0xffffffff && end.dirOffset != 0xffffffff {
		return end, endOff, nil
	}
	if endOff < zip64LocLen {
		return end, endOff, nil
	}
	loc := make([]byte, zip64LocLen)
	if _, err := r.ReadAt(loc, endOff-zip64LocLen); err != nil || !bytes.Equal(loc[:4], sig64Loc) {
		return end, endOff, nil
	}
	off := binary.LittleEndian.Uint64(loc[8:])
	if off > uint64(size-zip64EndLen) {
		return zipEnd{}, 0, errors.New("zip64 end record out of range")
	}
	e64 := make([]byte, zip64EndLen)
	if _, err := r.ReadAt(e64, int64(off)); err != nil || !bytes.Equal(e64[:4], sig64End) {
		return zipEnd{}, 0, errors.New("bad zip64 end record")
	}
	return zipEnd{
		records:   binary.LittleEndian.Uint64(e64[32:]),
		dirSize:   binary.LittleEndian.Uint64(e64[40:]),
		dirOffset: binary.LittleEndian.Uint64(e64[48:]),
	}, endOff, nil
}

// capZipDirectory returns r unchanged when its central directory declares
// at most maxRecords records. Otherwise it returns a view of r that ends
// right after the first maxRecords directory records, followed by end
// records written for them, so that archive/zip allocates no more than
// that. The records are walked by their length fields only.
func capZipDirectory(r io.ReaderAt, size int64, maxRecords int64) (io.ReaderAt, int64, bool, error) {
	end, _, err := findZipEnd(r, size)
	if err != nil || end.records <= uint64(maxRecords) {
		return r, size, false, nil // archive/zip reports broken ends itself
	}
	if end.dirOffset > uint64(size) {
		return nil, 0, false, fmt.Errorf("%w: central directory offset beyond the file", ErrFormat)
	}
	off := int64(end.dirOffset)
	hdr := make([]byte, zipDirHeaderLen)
	for n := int64(0); n < maxRecords; n++ {
		if _, err := r.ReadAt(hdr, off); err != nil {
			return nil, 0, false, fmt.Errorf("%w: central directory: %w", ErrTruncated, err)
		}
		if !bytes.Equal(hdr[:4], sigDirEntry) {
			return nil, 0, false, fmt.Errorf("%w: bad central directory record", ErrFormat)
		}
		off += zipDirHeaderLen + int64(binary.LittleEndian.Uint16(hdr[28:])) +
			int64(binary.LittleEndian.Uint16(hdr[30:])) + int64(binary.LittleEndian.Uint16(hdr[32:]))
	}
	dirSize := uint64(off) - end.dirOffset
	var tail bytes.Buffer
	if uint64(maxRecords) >= 0xffff || dirSize >= 0xffffffff || uint64(off) >= 0xffffffff {
		e64 := make([]byte, zip64EndLen)
		copy(e64, sig64End)
		binary.LittleEndian.PutUint64(e64[4:], zip64EndLen-12)
		binary.LittleEndian.PutUint16(e64[12:], 45)
		binary.LittleEndian.PutUint16(e64[14:], 45)
		binary.LittleEndian.PutUint64(e64[24:], uint64(maxRecords))
		binary.LittleEndian.PutUint64(e64[32:], uint64(maxRecords))
		binary.LittleEndian.PutUint64(e64[40:], dirSize)
		binary.LittleEndian.PutUint64(e64[48:], end.dirOffset)
		tail.Write(e64)
		loc := make([]byte, zip64LocLen)
		copy(loc, sig64Loc)
		binary.LittleEndian.PutUint64(loc[8:], uint64(off))
		binary.LittleEndian.PutUint32(loc[16:], 1)
		tail.Write(loc)
		eocd := make([]byte, zipEndLen)
		copy(eocd, sigEnd)
		binary.LittleEndian.PutUint16(eocd[8:], 0xffff)
		binary.LittleEndian.PutUint16(eocd[10:], 0xffff)
		binary.LittleEndian.PutUint32(eocd[12:], 0xffffffff)
		binary.LittleEndian.PutUint32(eocd[16:], 0xffffffff)
		tail.Write(eocd)
	} else {
		eocd := make([]byte, zipEndLen)
		copy(eocd, sigEnd)
		binary.LittleEndian.PutUint16(eocd[8:], uint16(maxRecords))
		binary.LittleEndian.PutUint16(eocd[10:], uint16(maxRecords))
		binary.LittleEndian.PutUint32(eocd[12:], uint32(dirSize))
		binary.LittleEndian.PutUint32(eocd[16:], uint32(end.dirOffset))
		tail.Write(eocd)
	}
	return &joinedReaderAt{head: r, headLen: off, tail: tail.Bytes()}, off + int64(tail.Len()), true, nil
}

// joinedReaderAt reads head's first headLen bytes followed by tail.
type joinedReaderAt struct {
	head    io.ReaderAt
	headLen int64
	tail    []byte
}

func (j *joinedReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	if off < j.headLen {
		m := int(min(int64(len(p)), j.headLen-off))
		k, err := j.head.ReadAt(p[:m], off)
		n += k
		if k < m {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return n, err
		}
		off += int64(m)
	}
	if n == len(p) {
		return n, nil
	}
	t := off - j.headLen
	if t >= int64(len(j.tail)) {
		return n, io.EOF
	}
	k := copy(p[n:], j.tail[t:])
	n += k
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// flateReader returns a deflate reader from the Walker's pool: a new one
// allocates a 32 KiB window and tables, which for packages of many small
// files is most of the garbage of the walk.
func (w *Walker) flateReader(r io.Reader) io.ReadCloser {
	if fr, ok := w.flates.Get().(io.ReadCloser); ok {
		if err := fr.(flate.Resetter).Reset(r, nil); err == nil {
			return &pooledFlate{ReadCloser: fr, w: w}
		}
	}
	return &pooledFlate{ReadCloser: flate.NewReader(r), w: w}
}

// pooledFlate returns its reader to the pool on Close.
type pooledFlate struct {
	io.ReadCloser
	w    *Walker
	done bool
}

func (p *pooledFlate) Close() error {
	if p.done {
		return nil
	}
	p.done = true
	err := p.ReadCloser.Close()
	p.w.flates.Put(p.ReadCloser)
	return err
}
