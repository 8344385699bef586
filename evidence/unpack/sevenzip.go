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
	zr     *sevenzip.Reader // nil for an empty archive
	plan   *sevenZipPlan
	i      int
}

// open7z opens a 7z archive held in r. Its header is checked first
// (check7z): bodgit/sevenzip sizes its slices from the header's counts and
// its decoders from the coders' properties, unchecked. It has panicked on
// crafted headers upstream, so every call into it is recovered.
func (w *Walker) open7z(ctx context.Context, parent Parent, r io.ReaderAt, size int64) (a archive, err error) {
	var reserved int64
	defer func() {
		if v := recover(); v != nil {
			a, err = nil, recovered("7z reader", v)
		}
		if err != nil {
			w.szMem.Add(-reserved)
		}
	}()
	plan, err := w.check7z(ctx, parent.Path, r, size)
	if err != nil {
		return nil, err
	}
	if plan.empty {
		return &sevenZipArchive{w: w, parent: parent, plan: plan}, nil
	}
	// What sevenzip allocates for the header stays held until the walk of
	// this archive ends: reserve it against the walk's budget.
	budget, _ := sevenZipBudget(w.lim)
	reserved = plan.cost
	if held := w.szMem.Add(reserved); held > budget {
		p := &szParser{held: held - reserved, maxFiles: int64(w.lim.MaxEntries), path: parent.Path}
		return nil, p.overBudget(reserved)
	}
	zr, err := sevenzip.NewReaderWithPassword(r, size, w.opts.Password)
	if err != nil {
		return nil, sevenZipErr(parent.Path, err, w.opts.Password != "")
	}
	return &sevenZipArchive{w: w, parent: parent, zr: zr, plan: plan}, nil
}

func (a *sevenZipArchive) close() error {
	if a.zr != nil {
		a.w.szMem.Add(-a.plan.cost)
		a.zr = nil
	}
	return nil
}

func (a *sevenZipArchive) next(ctx context.Context) (*Entry, func(), error) {
	if a.zr == nil || a.i >= len(a.zr.File) {
		return nil, nil, io.EOF
	}
	idx := a.i
	f := a.zr.File[idx]
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
	if ferr := a.plan.folderErr(idx, f.Stream); ferr != nil {
		// The folder's decoder would ask for more than the limits allow,
		// or its data are not in the file: list the entry, do not open it.
		e.body = errReader{ferr}
		return e, nil, nil
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
