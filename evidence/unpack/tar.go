package unpack

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// maxTrackedLinks caps the symlink names remembered per tar archive to
// flag later entries that would be written through them.
const maxTrackedLinks = 10_000

type tarArchive struct {
	parent Parent
	tr     *tar.Reader
	in     func() int64 // compressed bytes consumed, when the tar sits in a compressor
	links  map[string]bool
	format Format
}

func (w *Walker) openTar(parent Parent, r io.Reader) archive {
	return &tarArchive{parent: parent, tr: tar.NewReader(r), links: map[string]bool{}, format: FormatTar}
}

func (t *tarArchive) close() error { return nil }

func (t *tarArchive) next(ctx context.Context) (*Entry, func(), error) {
	h, err := t.tr.Next()
	if err == io.EOF {
		return nil, nil, io.EOF
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, nil, fmt.Errorf("%w: tar %s: %w", ErrTruncated, t.parent.Path, err)
		}
		return nil, nil, wrap(ErrFormat, "tar "+t.parent.Path, err)
	}
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
	if err := CheckName(name); err != nil {
		e.Problems = append(e.Problems, err)
	} else if via := t.throughLink(name); via != "" {
		e.Problems = append(e.Problems, fmt.Errorf("%w: %q lies under symlink %q", ErrInsecurePath, name, via))
	}
	switch h.Typeflag {
	case tar.TypeReg, tar.TypeGNUSparse, tar.TypeCont:
		e.body = t.tr
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
	return e, nil, nil
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
