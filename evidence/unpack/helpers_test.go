package unpack_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
)

// seen is what a test walk saw of one entry.
type seen struct {
	Path      string
	Name      string
	Encoding  string
	RawName   []byte
	NameHash  string // Entry.NameSHA256
	Type      unpack.EntryType
	Link      string
	Data      []byte
	N         int64 // bytes read
	Err       error // error reading the body
	Problems  []error
	Modified  time.Time
	ZoneKnown bool
	Encrypted bool
	Depth     int
	NestedErr error // error walking the entry as an archive
}

// maxKeep caps the bytes a test keeps of each entry.
const maxKeep = 1 << 20

// walkAll walks data (an archive of any format) and every archive nested in
// it, the way a caller of package unpack recurses: read a prefix, detect
// the format, walk the nested archive from the entry's stream.
func walkAll(t testing.TB, data []byte, opts unpack.Options) ([]*seen, error) {
	t.Helper()
	w := unpack.NewWalker(opts)
	defer func() { require.NoError(t, w.Close()) }()
	return walkWith(context.Background(), w, "pkg", data)
}

func walkWith(ctx context.Context, w *unpack.Walker, name string, data []byte) ([]*seen, error) {
	var out []*seen
	var visit unpack.VisitFunc
	visit = func(ctx context.Context, e *unpack.Entry) error {
		s := &seen{Path: e.Path, Name: e.Name, Encoding: e.NameEncoding, RawName: e.RawName, NameHash: e.NameSHA256, Type: e.Type,
			Link: e.LinkTarget, Problems: e.Problems, Modified: e.Modified, ZoneKnown: e.ModifiedZoneKnown,
			Encrypted: e.Encrypted, Depth: e.Depth}
		out = append(out, s)
		if e.Type != unpack.TypeFile {
			return nil
		}
		prefix := make([]byte, unpack.SniffLen)
		n, err := io.ReadFull(e, prefix)
		prefix = prefix[:n]
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			s.Err, s.N = err, int64(n)
			return nil
		}
		body := io.MultiReader(bytes.NewReader(prefix), e)
		keep := &limitedBuffer{b: &bytes.Buffer{}, max: maxKeep}
		tee := io.TeeReader(body, keep)
		if f := unpack.DetectFormat(prefix); f != "" {
			s.NestedErr = w.WalkStream(ctx, unpack.Parent{Path: e.Path, Depth: e.Depth}, f, tee, visit)
		}
		_, err = io.Copy(io.Discard, tee)
		s.N, s.Data, s.Err = keep.n, keep.b.Bytes(), err
		return ctx.Err()
	}
	format := unpack.DetectFormat(data)
	if format == "" {
		return nil, errors.New("test: not an archive")
	}
	err := w.WalkReaderAt(ctx, unpack.Parent{Path: name}, format, bytes.NewReader(data), int64(len(data)), visit)
	return out, err
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	b   *bytes.Buffer
	max int
	n   int64
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.n += int64(len(p))
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// byPath indexes what a walk saw.
func byPath(s []*seen) map[string]*seen {
	m := map[string]*seen{}
	for _, e := range s {
		m[e.Path] = e
	}
	return m
}

// hasProblem reports whether any of errs matches target.
func hasProblem(errs []error, target error) bool {
	for _, e := range errs {
		if errors.Is(e, target) {
			return true
		}
	}
	return false
}
