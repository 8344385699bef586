package unpack

import (
	"bufio"
	"compress/bzip2"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/therootcompany/xz"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// newXzReader opens an xz stream with the dictionary capped by Limits.
// We use the xz-embedded port rather than ulikunitz/xz here because it
// refuses a dictionary larger than the cap, where ulikunitz/xz allocates
// whatever a block header asks for. A stream that ends inside its 12-byte
// header is ErrTruncated, as one that ends later is.
func newXzReader(r io.Reader, lim Limits) (io.Reader, error) {
	dictMax := uint32(min(lim.MaxDictionaryBytes, 1<<32-1))
	x, err := xz.NewReader(r, dictMax)
	switch {
	case err == nil:
		return x, nil
	case errors.Is(err, xz.ErrBuf), errors.Is(err, io.ErrUnexpectedEOF):
		// xz.ErrBuf: the header could not be read whole, its input spent.
		return nil, fmt.Errorf("%w: xz header: %w", ErrTruncated, io.ErrUnexpectedEOF)
	}
	return nil, wrap(ErrFormat, "xz", err)
}

// singleArchive is a compressed stream seen as an archive of one entry,
// or of a tar's entries when it holds a tar.
type singleArchive struct {
	e      *Entry
	stream *stream
	done   bool
}

func (s *singleArchive) close() error { return nil }

func (s *singleArchive) next(context.Context) (*Entry, func(), error) {
	if s.done {
		// The entry was read to its end: say what followed the stream.
		if s.stream != nil && s.stream.eof && s.stream.trailer != nil {
			err := s.stream.trailer
			s.stream.trailer = nil
			return nil, nil, err
		}
		return nil, nil, io.EOF
	}
	s.done = true
	return s.e, nil, nil
}

// compressedBufSize is the read size of compressed input. It is small
// because what is buffered counts as consumed for the ratio limit: with
// 4 KiB, a bomb of ratio 1000 stops after about 1 MiB.
const compressedBufSize = 4 << 10

// openCompressed opens a gzip, bzip2 or xz stream. When the decompressed
// data is a tar, its entries are walked directly ("x.tar.gz!/a.txt", not
// "x.tar.gz!/x.tar!/a.txt"); otherwise the stream is one entry named from
// the gzip header or from the archive's own name minus its suffix.
//
// The integrity checks of these formats (gzip's CRC-32 and size, bzip2's
// CRCs, xz's check) are made as the end of the stream is read: for a
// single file, when its body is read to the end (an error of the body);
// for a tar, by reading on after the tar's end (an error of the archive).
// Bytes that follow the compressed data are reported as ErrTrailingData
// on the archive.
func (w *Walker) openCompressed(ctx context.Context, parent Parent, format Format, r io.Reader) (archive, error) {
	in := &countingReader{r: r}
	st := &stream{format: string(format), path: parent.Path, src: bufio.NewReaderSize(in, compressedBufSize), in: in}
	var (
		name     string
		modified time.Time
		method   string
	)
	switch format {
	case FormatGzip:
		zr, err := gzip.NewReader(st.src)
		if err != nil {
			return nil, classifyStreamErr("gzip", parent.Path, err)
		}
		zr.Multistream(false)
		st.dec = &gzipMembers{z: zr, src: st.src}
		name, modified, method = zr.Name, zr.ModTime, "deflate"
	case FormatBzip2:
		lb := &lastBytes{br: st.src}
		st.dec, st.last, method = bzip2.NewReader(lb), lb, "bzip2"
	case FormatXz:
		x, err := newXzReader(st.src, w.lim)
		if err != nil {
			return nil, classifyStreamErr("xz", parent.Path, err)
		}
		st.dec, method = x, "lzma2"
	}
	br := bufio.NewReaderSize(st, 64<<10)
	peek, err := br.Peek(SniffLen)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) && len(peek) == 0 {
		return nil, err
	}
	if DetectFormat(peek) == FormatTar {
		t := w.openTar(parent, br)
		t.in = func() int64 { return in.n }
		t.format = format
		t.stream = st
		return t, nil
	}
	raw := []byte(name)
	if len(raw) == 0 {
		raw = []byte(innerName(parent.Path, format))
	}
	dn, enc := decodeName(raw)
	e := &Entry{
		Name:              displayName(path.Base(strings.ReplaceAll(dn, "\\", "/"))),
		RawName:           raw,
		NameEncoding:      enc,
		Format:            format,
		Size:              -1,
		CompressedSize:    -1,
		Type:              TypeFile,
		Method:            method,
		Mode:              0o644,
		body:              br,
		compressedIn:      func() int64 { return in.n },
		Modified:          modified.UTC(),
		ModifiedZoneKnown: !modified.IsZero(),
	}
	if modified.IsZero() {
		e.Modified = time.Time{}
	}
	if len(name) > 0 {
		if err := CheckName(dn); err != nil {
			e.Problems = append(e.Problems, err)
		}
	}
	return &singleArchive{e: e, stream: st}, nil
}

// innerName derives the decompressed file's name from the archive's.
func innerName(parentPath string, format Format) string {
	base := parentPath
	if i := strings.LastIndex(base, PathSeparator); i >= 0 {
		base = base[i+len(PathSeparator):]
	}
	base = path.Base(strings.ReplaceAll(base, "\\", "/"))
	lower := strings.ToLower(base)
	for _, suf := range map[Format][]string{
		FormatGzip:  {".tgz", ".gz", ".gzip", ".z"},
		FormatBzip2: {".tbz2", ".tbz", ".bz2", ".bzip2"},
		FormatXz:    {".txz", ".xz"},
	}[format] {
		if strings.HasSuffix(lower, suf) {
			stem := base[:len(base)-len(suf)]
			if strings.HasPrefix(suf, ".t") && suf != ".tar" {
				return stem + ".tar"
			}
			return stem
		}
	}
	return base + ".out"
}

// stream is a decompressor's output. It classifies the decoder's errors
// and, once the decoder has returned io.EOF (every check passed), reads
// what follows the compressed data: nothing, zeros up to maxPaddingScan
// (padding), or trailing data, which trailer then reports.
type stream struct {
	dec    io.Reader
	format string
	path   string
	src    *bufio.Reader   // the compressed input
	in     *countingReader // under src: compressed bytes consumed
	last   *lastBytes      // bzip2: the bytes its reader took last

	eof     bool
	trailer error // ErrTrailingData, once eof
}

func (s *stream) Read(p []byte) (int, error) {
	if s.eof {
		return 0, io.EOF
	}
	n, err := s.dec.Read(p)
	switch {
	case err == io.EOF:
		s.end(nil)
	case err != nil && s.last != nil && err == bzip2.StructuralError("bad magic value in continuation file"):
		// The stream ended with its checksums right; the two bytes after
		// it, already taken, do not start another.
		s.end(s.last.b[:])
		err = io.EOF
	case err != nil:
		err = classifyStreamErr(s.format, s.path, err)
	}
	return n, err
}

// end marks the end of the decompressed data and reads what follows it.
// taken holds bytes after the data that the decoder already consumed.
func (s *stream) end(taken []byte) {
	s.eof = true
	at := s.in.n - int64(s.src.Buffered()) - int64(len(taken))
	n, nonZero, err := scanPadding(context.Background(), s.src)
	n += int64(len(taken))
	if !isZeroBlock(taken) {
		nonZero = 0
	}
	switch {
	case err != nil:
		s.trailer = classifyStreamErr(s.format, s.path, err)
	case nonZero >= 0:
		s.trailer = fmt.Errorf("%w: %s %s: %s after the compressed data, at offset %d", ErrTrailingData, s.format, s.path, byteCount(n), at)
	case n > maxPaddingScan:
		s.trailer = fmt.Errorf("%w: %s %s: %s of zeros after the compressed data, at offset %d", ErrTrailingData, s.format, s.path, byteCount(n), at)
	}
}

// byteCount says how many bytes scanPadding read.
func byteCount(n int64) string {
	if n > maxPaddingScan {
		return fmt.Sprintf("more than %d bytes", int64(maxPaddingScan))
	}
	return fmt.Sprintf("%d bytes", n)
}

// gzipMembers reads the members of a gzip file one after the other. The
// gzip reader runs with Multistream(false), so that it stops after each
// member's trailer (CRC-32 and size, checked) just before the next byte
// of src: another member starts with the gzip magic; anything else is
// for stream.end to judge, where a multistream reader would call it a
// corrupt header.
type gzipMembers struct {
	z   *gzip.Reader
	src *bufio.Reader
}

func (g *gzipMembers) Read(p []byte) (int, error) {
	for {
		n, err := g.z.Read(p)
		if err != io.EOF {
			return n, err
		}
		head, _ := g.src.Peek(3)
		if len(head) < 3 || head[0] != 0x1f || head[1] != 0x8b || head[2] != 8 {
			return n, io.EOF
		}
		if err := g.z.Reset(g.src); err != nil {
			return n, err
		}
		g.z.Multistream(false)
		if n > 0 {
			return n, nil
		}
	}
}

// lastBytes keeps the last two bytes the bzip2 reader took: when what
// follows a stream does not start another, they are the first bytes of
// it.
type lastBytes struct {
	br *bufio.Reader
	b  [2]byte
}

func (l *lastBytes) Read(p []byte) (int, error) {
	n, err := l.br.Read(p)
	switch {
	case n >= 2:
		copy(l.b[:], p[n-2:n])
	case n == 1:
		l.b[0], l.b[1] = l.b[1], p[0]
	}
	return n, err
}

func (l *lastBytes) ReadByte() (byte, error) {
	c, err := l.br.ReadByte()
	if err == nil {
		l.b[0], l.b[1] = l.b[1], c
	}
	return c, err
}

func classifyStreamErr(format, p string, err error) error {
	switch {
	case errors.Is(err, ErrFormat), errors.Is(err, ErrTruncated), errors.Is(err, ErrLimit), errors.Is(err, ErrPanic):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), err == io.EOF, errors.Is(err, xz.ErrBuf):
		// xz.ErrBuf: the decoder can make no progress, its input is spent.
		return fmt.Errorf("%w: %s %s: %w", ErrTruncated, format, p, io.ErrUnexpectedEOF)
	}
	return wrap(ErrFormat, format+" "+p, err)
}
