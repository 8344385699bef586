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
// whatever a block header asks for.
func newXzReader(r io.Reader, lim Limits) (io.Reader, error) {
	dictMax := uint32(min(lim.MaxDictionaryBytes, 1<<32-1))
	x, err := xz.NewReader(r, dictMax)
	if err != nil {
		return nil, wrap(ErrFormat, "xz", err)
	}
	return x, nil
}

// singleArchive is a compressed stream seen as an archive of one entry,
// or of a tar's entries when it holds a tar.
type singleArchive struct {
	e    *Entry
	done bool
}

func (s *singleArchive) close() error { return nil }

func (s *singleArchive) next(context.Context) (*Entry, func(), error) {
	if s.done {
		return nil, nil, io.EOF
	}
	s.done = true
	return s.e, nil, nil
}

// openCompressed opens a gzip, bzip2 or xz stream. When the decompressed
// data is a tar, its entries are walked directly ("x.tar.gz!/a.txt", not
// "x.tar.gz!/x.tar!/a.txt"); otherwise the stream is one entry named from
// the gzip header or from the archive's own name minus its suffix.
func (w *Walker) openCompressed(ctx context.Context, parent Parent, format Format, r io.Reader) (archive, error) {
	in := &countingReader{r: r}
	var (
		dec      io.Reader
		name     string
		modified time.Time
		method   string
	)
	switch format {
	case FormatGzip:
		zr, err := gzip.NewReader(in)
		if err != nil {
			return nil, classifyStreamErr("gzip", parent.Path, err)
		}
		dec, name, modified, method = zr, zr.Name, zr.ModTime, "deflate"
	case FormatBzip2:
		dec, method = bzip2.NewReader(in), "bzip2"
	case FormatXz:
		x, err := newXzReader(in, w.lim)
		if err != nil {
			return nil, classifyStreamErr("xz", parent.Path, err)
		}
		dec, method = x, "lzma2"
	}
	dec = &streamErrs{r: dec, format: string(format), path: parent.Path}
	br := bufio.NewReaderSize(dec, 64<<10)
	peek, err := br.Peek(SniffLen)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) && len(peek) == 0 {
		return nil, err
	}
	if DetectFormat(peek) == FormatTar {
		t := w.openTar(parent, br).(*tarArchive)
		t.in = func() int64 { return in.n }
		t.format = format
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
	return &singleArchive{e: e}, nil
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

// streamErrs classifies a decompressor's errors.
type streamErrs struct {
	r      io.Reader
	format string
	path   string
}

func (s *streamErrs) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		err = classifyStreamErr(s.format, s.path, err)
	}
	return n, err
}

func classifyStreamErr(format, p string, err error) error {
	switch {
	case errors.Is(err, ErrFormat), errors.Is(err, ErrTruncated), errors.Is(err, ErrLimit), errors.Is(err, ErrPanic):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), err == io.EOF:
		return fmt.Errorf("%w: %s %s: %w", ErrTruncated, format, p, io.ErrUnexpectedEOF)
	}
	return wrap(ErrFormat, format+" "+p, err)
}
