package exifcompare

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// TypeOf tells the true type of the file at path as the triage does:
// identify.Detect on its first bytes, then identify.Refine.
func TypeOf(ctx context.Context, path string) (identify.Type, error) {
	f, err := os.Open(path)
	if err != nil {
		return identify.Type{}, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return identify.Type{}, fmt.Errorf("stat: %w", err)
	}
	return typeOf(ctx, f, fi.Size())
}

func typeOf(ctx context.Context, r io.ReaderAt, size int64) (identify.Type, error) {
	// The prefix buffer is pooled, as the triage pools it.
	pp := prefixes.Get().(*[]byte)
	defer prefixes.Put(pp)
	prefix := (*pp)[:min(size, identify.PrefixLen)]
	if _, err := r.ReadAt(prefix, 0); err != nil && !errors.Is(err, io.EOF) {
		return identify.Type{}, fmt.Errorf("read prefix: %w", err)
	}
	t := identify.Detect(prefix)
	rt, err := identify.Refine(ctx, t, r, size)
	if err != nil && ctx.Err() != nil {
		return t, err
	}
	// A malformed container keeps the type Detect gave.
	return rt, nil
}

// maxInMemory is the largest file Extract reads whole into memory; larger
// ones are read through the file.
const maxInMemory = 16 << 20

// maxPooled is the largest file buffer kept for the next file, as the
// triage's spool keeps its chunks.
const maxPooled = 1 << 20

var (
	prefixes = sync.Pool{New: func() any { b := make([]byte, identify.PrefixLen); return &b }}
	buffers  sync.Pool // of *[]byte, at most maxPooled
)

// Ours is what the library reads from one file.
type Ours struct {
	Type     identify.Type
	Metadata meta.Metadata
	// Err is set when the file could not be read or every extractor that
	// accepted it failed.
	Err error
}

// Extract types the file at path and runs exs (meta.Extractors() when
// nil) over it with meta.Run and default limits.
func Extract(ctx context.Context, path string, exs []meta.Extractor) Ours {
	if exs == nil {
		exs = meta.Extractors()
	}
	f, err := os.Open(path)
	if err != nil {
		return Ours{Err: fmt.Errorf("open: %w", err)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Ours{Err: fmt.Errorf("stat: %w", err)}
	}
	// Small files are read whole, as the triage spools an item in memory
	// when it fits: the extractors' many small reads then cost no system
	// call each.
	var r io.ReaderAt = f
	if size := fi.Size(); size <= maxInMemory {
		var buf []byte
		if bp, _ := buffers.Get().(*[]byte); bp != nil && int64(cap(*bp)) >= size {
			buf = (*bp)[:size]
		} else {
			buf = make([]byte, size, max(size, 64<<10))
		}
		if cap(buf) <= maxPooled {
			defer buffers.Put(&buf) // the results hold no slice of it: extractors copy what they keep
		}
		if _, err := io.ReadFull(f, buf); err != nil {
			return Ours{Err: fmt.Errorf("read: %w", err)}
		}
		r = bytes.NewReader(buf)
	}
	t, err := typeOf(ctx, r, fi.Size())
	if err != nil {
		return Ours{Type: t, Err: err}
	}
	res, err := meta.Run(ctx, exs, meta.Input{Name: path, Type: t, R: r, Size: fi.Size()}, meta.Limits{})
	o := Ours{Type: t, Err: err}
	if res != nil {
		o.Metadata = res.Metadata
	}
	return o
}
