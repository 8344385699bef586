package unpack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/bodgit/sevenzip"
)

type sevenZipArchive struct {
	w      *Walker
	parent Parent
	zr     *sevenzip.Reader
	i      int
}

// open7z opens a 7z archive held in r. bodgit/sevenzip has panicked on
// crafted headers upstream, so every call into it is recovered.
func (w *Walker) open7z(ctx context.Context, parent Parent, r io.ReaderAt, size int64) (a archive, err error) {
	defer func() {
		if v := recover(); v != nil {
			a, err = nil, recovered("7z reader", v)
		}
	}()
	zr, err := sevenzip.NewReaderWithPassword(r, size, w.opts.Password)
	if err != nil {
		return nil, sevenZipErr(parent.Path, err, w.opts.Password != "")
	}
	return &sevenZipArchive{w: w, parent: parent, zr: zr}, nil
}

func (a *sevenZipArchive) close() error { return nil }

func (a *sevenZipArchive) next(ctx context.Context) (*Entry, func(), error) {
	if a.i >= len(a.zr.File) {
		return nil, nil, io.EOF
	}
	f := a.zr.File[a.i]
	a.i++
	info := f.FileInfo()
	name := f.Name
	e := &Entry{
		Name:              displayName(name),
		RawName:           []byte(name),
		NameEncoding:      "utf-16",
		Format:            FormatSevenZip,
		Size:              int64(min(f.UncompressedSize, 1<<62)),
		CompressedSize:    -1,
		Mode:              info.Mode(),
		Type:              TypeFile,
		Method:            "7z",
		Modified:          f.Modified.UTC(),
		ModifiedZoneKnown: !f.Modified.IsZero(),
	}
	if f.Modified.IsZero() {
		e.Modified = f.Modified
	}
	if err := CheckName(name); err != nil {
		e.Problems = append(e.Problems, err)
	}
	switch {
	case info.IsDir():
		e.Type = TypeDir
		return e, nil, nil
	case info.Mode()&fs.ModeSymlink != 0:
		e.Type = TypeSymlink
	}
	rc, err := f.Open()
	if err != nil {
		err = sevenZipErr(a.parent.Path+PathSeparator+name, err, a.w.opts.Password != "")
		a.noteCrypto(e, err)
		e.body = errReader{err}
		return e, nil, nil
	}
	release := func() { _ = rc.Close() }
	if e.Type == TypeSymlink {
		target, err := io.ReadAll(io.LimitReader(rc, maxLinkTarget))
		release()
		if err == nil {
			e.LinkTarget = displayName(string(target))
			if lerr := checkLink(name, e.LinkTarget); lerr != nil {
				e.Problems = append(e.Problems, lerr)
			}
		}
		return e, nil, nil
	}
	e.body = &sevenZipBody{r: rc, e: e, a: a}
	return e, release, nil
}

func (a *sevenZipArchive) noteCrypto(e *Entry, err error) {
	if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrPassword) {
		e.Encrypted = true
		e.Problems = append(e.Problems, err)
	}
}

type sevenZipBody struct {
	r io.Reader
	e *Entry
	a *sevenZipArchive
}

func (b *sevenZipBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		err = sevenZipErr(b.e.Path, err, b.a.w.opts.Password != "")
		if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrPassword) {
			b.e.Encrypted = true
		}
	}
	return n, err
}

// sevenZipErr classifies bodgit/sevenzip's errors. Its ReadError says when
// encryption is involved: without a password that means ErrEncrypted, with
// one it means the password is wrong.
func sevenZipErr(path string, err error, havePassword bool) error {
	switch {
	case errors.Is(err, ErrFormat), errors.Is(err, ErrTruncated), errors.Is(err, ErrLimit), errors.Is(err, ErrPanic):
		return err
	}
	var re *sevenzip.ReadError
	if errors.As(err, &re) && re.Encrypted {
		if havePassword {
			return fmt.Errorf("%w: 7z %s: %w", ErrPassword, path, err)
		}
		return fmt.Errorf("%w: 7z %s: %w", ErrEncrypted, path, err)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: 7z %s: %w", ErrTruncated, path, io.ErrUnexpectedEOF)
	}
	return wrap(ErrFormat, "7z "+path, err)
}
