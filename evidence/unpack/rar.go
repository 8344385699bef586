package unpack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/nwaples/rardecode/v2"
)

type rarArchive struct {
	parent Parent
	rr     *rardecode.Reader
	in     *countReader // the archive as rardecode reads it
	v4     bool
	pass   bool
	scan   *rar4Scan // RAR 4 only: what the next file's decoder will take (rar_precheck.go)
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// rarReadAhead is what rardecode's buffered reader may hold when a file's
// header has been read: bytes of its data read before they are decoded.
const rarReadAhead = 4096

// openRar opens a RAR 4 or RAR 5 stream with the dictionary capped by
// Limits.MaxDictionaryBytes (rardecode's own default is 4 GiB). rardecode
// v2 is used: v1 had an out-of-memory flaw on crafted dictionaries.
func (w *Walker) openRar(parent Parent, r io.Reader) (archive, error) {
	head := make([]byte, len(magicRar5))
	n, _ := io.ReadFull(r, head)
	head = head[:n]
	r = io.MultiReader(bytes.NewReader(head), r)
	var scan *rar4Scan
	if !bytes.HasPrefix(head, magicRar5) {
		scan = newRar4Scan(r, w.lim.MaxDictionaryBytes)
		r = scan
	}
	in := &countReader{r: r}
	opts := []rardecode.Option{rardecode.MaxDictionarySize(w.lim.MaxDictionaryBytes)}
	if w.opts.Password != "" {
		opts = append(opts, rardecode.Password(w.opts.Password))
	}
	rr, err := rardecode.NewReader(in, opts...)
	if err != nil {
		return nil, rarErr(parent.Path, err, w.opts.Password != "")
	}
	return &rarArchive{parent: parent, rr: rr, in: in, v4: !bytes.HasPrefix(head, magicRar5), pass: w.opts.Password != "", scan: scan}, nil
}

func (a *rarArchive) close() error { return nil }

func (a *rarArchive) next(ctx context.Context) (*Entry, func(), error) {
	h, err := a.rr.Next()
	if err == io.EOF {
		return nil, nil, io.EOF
	}
	if err != nil {
		return nil, nil, rarErr(a.parent.Path, err, a.pass)
	}
	raw := []byte(h.Name)
	name, enc := decodeName(raw)
	ppmd := a.scan.check(a.parent.Path + PathSeparator + name)
	e := &Entry{
		Name:           displayName(name),
		RawName:        raw,
		NameEncoding:   enc,
		Format:         FormatRar,
		Size:           h.UnPackedSize,
		CompressedSize: h.PackedSize,
		Mode:           h.Mode(),
		Type:           TypeFile,
		Encrypted:      h.Encrypted,
		Method:         "rar",
	}
	if h.UnKnownSize {
		e.Size = -1
	}
	if t := h.ModificationTime; !t.IsZero() {
		if a.v4 {
			// RAR 4 stores MS-DOS local time; rardecode builds it in
			// time.Local. Keep the wall clock, drop the machine's zone.
			e.Modified = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		} else {
			e.Modified, e.ModifiedZoneKnown = t.UTC(), true
		}
	}
	if err := CheckName(name); err != nil {
		e.Problems = append(e.Problems, err)
	}
	switch {
	case h.IsDir:
		e.Type = TypeDir
		return e, nil, nil
	case h.LinkType == rardecode.LinkTypeHardLink || h.LinkType == rardecode.LinkTypeFileCopy:
		e.Type = TypeHardlink
		e.LinkTarget = displayName(h.LinkTarget)
		if err := CheckName(h.LinkTarget); err != nil {
			e.Problems = append(e.Problems, fmt.Errorf("%w: %q to %q", ErrInsecureLink, name, h.LinkTarget))
		}
		return e, nil, nil
	case h.LinkType != 0 || e.Mode&fs.ModeSymlink != 0:
		e.Type = TypeSymlink
		e.LinkTarget = displayName(h.LinkTarget)
		if err := checkLink(name, h.LinkTarget); err != nil {
			e.Problems = append(e.Problems, err)
		}
		return e, nil, nil
	}
	if ppmd != nil {
		// Its decoder would take more than the limits allow: list the
		// entry, do not open it.
		e.body = errReader{ppmd}
		return e, nil, nil
	}
	if h.Encrypted && !a.pass {
		err := fmt.Errorf("%w: %s", ErrEncrypted, name)
		e.Problems = append(e.Problems, err)
		e.body = errReader{err}
		return e, nil, nil
	}
	e.body = a.scan.body(&rarBody{r: a.rr, path: a.parent.Path, pass: a.pass})
	// The ratio limit counts the packed bytes really read for the file
	// since its header, not the size the header declares: rardecode
	// reads no more than that size, but a header that declares more
	// than the data it precedes would otherwise pass any ratio.
	start, declared := a.in.n, h.PackedSize
	e.compressedIn = func() int64 {
		n := a.in.n - start + rarReadAhead
		if declared >= 0 {
			n = min(n, declared)
		}
		return n
	}
	return e, nil, nil
}

type rarBody struct {
	r    io.Reader
	path string
	pass bool
}

func (b *rarBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		err = rarErr(b.path, err, b.pass)
	}
	return n, err
}

// rarErr classifies rardecode's errors.
func rarErr(path string, err error, havePassword bool) error {
	switch {
	case errors.Is(err, ErrFormat), errors.Is(err, ErrTruncated), errors.Is(err, ErrLimit), errors.Is(err, ErrPanic):
		return err
	case errors.Is(err, rardecode.ErrBadPassword):
		return fmt.Errorf("%w: rar %s: %w", ErrPassword, path, err)
	case errors.Is(err, rardecode.ErrArchiveEncrypted), errors.Is(err, rardecode.ErrArchivedFileEncrypted):
		if havePassword {
			return fmt.Errorf("%w: rar %s: %w", ErrPassword, path, err)
		}
		return fmt.Errorf("%w: rar %s: %w", ErrEncrypted, path, err)
	case errors.Is(err, rardecode.ErrDictionaryTooLarge):
		return fmt.Errorf("%w: rar %s: %w", &LimitError{Limit: LimitDictionary, Path: path}, path, err)
	case errors.Is(err, rardecode.ErrMultiVolume), errors.Is(err, rardecode.ErrUnknownVersion),
		errors.Is(err, rardecode.ErrUnsupportedDecoder), errors.Is(err, rardecode.ErrUnknownEncryptMethod):
		return fmt.Errorf("%w: rar %s: %w", ErrUnsupported, path, err)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, rardecode.ErrUnexpectedArcEnd), errors.Is(err, rardecode.ErrShortFile):
		return fmt.Errorf("%w: rar %s: %w", ErrTruncated, path, err)
	}
	return wrap(ErrFormat, "rar "+path, err)
}
