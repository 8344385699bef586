package evidence

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence/unpack"
)

// ErrVolumes: the files given to AnalyzeVolumes are not the complete
// volumes of one split archive that can be read as one.
var ErrVolumes = errors.New("evidence: not one complete split archive")

// splitProblem returns the split_archive problem when the package is one
// volume of a split archive (unpack.SplitVolumeOf): triaged alone it is
// a fragment, and the problem names the volumes it needs.
func splitProblem(name string, r io.ReaderAt, size int64) (Problem, bool) {
	v, ok := unpack.SplitVolumeOf(name, r, size)
	if !ok {
		return Problem{}, false
	}
	return Problem{Code: ProblemSplitArchive, Detail: splitDetail(v, nil)}, true
}

// splitDetail describes a volume and the volumes it needs, leaving out
// those have says are there: "volume 2 of a split zip; volumes pack.z01,
// pack.zip missing, and any between".
func splitDetail(v unpack.SplitVolume, have func(string) bool) string {
	names, more := v.Missing(have)
	d := v.String()
	switch {
	case len(names) == 0 && more:
		d += "; the other volumes are missing"
	case len(names) == 1:
		d += "; volume " + names[0] + " missing"
	case len(names) > 1:
		d += "; volumes " + strings.Join(names, ", ") + " missing"
	}
	if len(names) > 0 && more {
		d += ", and maybe others of the set"
	}
	return d + "; give every volume to read it as one archive (AnalyzeVolumes)"
}

// AnalyzeVolumes triages the volumes of one split archive as the one
// archive they make: a split zip (NAME.z01 … NAME.zip) or 7z
// (NAME.7z.001 …), given in any order. Each path must be a regular file
// that unpack.SplitVolumeOf recognises as a volume of the same set, and
// together they must be all of it: a split zip from its first volume to
// its last (whose end record gives the count), a 7z from .001 on with no
// gap. The report names the package after the set (NAME.zip, NAME.7z);
// its hashes are those of the volumes end to end (for a zip, with its
// directory rebased: see unpack.JoinVolumes). A set that is not one,
// not complete, or not joinable (RAR volumes) returns an error wrapping
// ErrVolumes (or ErrOpen), and no report.
func AnalyzeVolumes(ctx context.Context, paths []string, opts Options) (*Report, error) {
	start := time.Now()
	if len(paths) < 2 {
		return nil, fmt.Errorf("%w: %d volume given", ErrVolumes, len(paths))
	}
	type volume struct {
		v    unpack.SplitVolume
		r    io.ReaderAt
		size int64
		path string
	}
	var vols []volume
	for _, p := range paths {
		f, st, err := openRegular(p)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrOpen, err)
		}
		defer f.Close()
		v, ok := unpack.SplitVolumeOf(filepath.Base(p), f, st.Size())
		if !ok {
			return nil, fmt.Errorf("%w: %s is not a volume of a split archive", ErrVolumes, p)
		}
		vols = append(vols, volume{v: v, r: f, size: st.Size(), path: p})
	}
	first := vols[0].v
	for _, x := range vols[1:] {
		if x.v.Format != first.Format || !strings.EqualFold(x.v.Base, first.Base) {
			return nil, fmt.Errorf("%w: %s is a volume of another set than %s", ErrVolumes, x.path, vols[0].path)
		}
	}
	slices.SortStableFunc(vols, func(a, b volume) int { return cmp.Compare(a.v.Number, b.v.Number) })
	for i, x := range vols {
		if x.v.Number != i+1 {
			return nil, fmt.Errorf("%w: %s", ErrVolumes, splitDetail(x.v, func(n string) bool {
				return slices.ContainsFunc(vols, func(y volume) bool { return strings.EqualFold(filepath.Base(y.path), n) })
			}))
		}
	}
	last := vols[len(vols)-1].v
	name := first.Base
	switch first.Format {
	case unpack.SplitZip:
		if !last.Last || last.Total != len(vols) {
			return nil, fmt.Errorf("%w: the last volume of the split zip (%s.zip) is missing", ErrVolumes, first.Base)
		}
		name += ".zip"
	case unpack.SplitSevenZip:
	default:
		return nil, fmt.Errorf("%w: %s: %w", ErrVolumes, last, unpack.ErrUnsupported)
	}
	rs := make([]io.ReaderAt, len(vols))
	sizes := make([]int64, len(vols))
	for i, x := range vols {
		rs[i], sizes[i] = x.r, x.size
	}
	r, size, err := unpack.JoinVolumes(first.Format, rs, sizes)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrVolumes, err)
	}
	lim := opts.Limits.WithDefaults()
	w := newWalker(opts, lim)
	defer w.Close()
	return analyzeAt(ctx, w, start, name, r, size, opts, nil)
}

// splitVolume adds the split_archive problem to an item that is a volume
// of a split archive. Volumes inside a package are not joined: the item
// is triaged as what it is alone.
func (a *analysis) splitVolume(idx int, r io.ReaderAt, size int64) {
	it := a.item(idx)
	if !unpack.SplitName(it.Path) {
		return // most items: no read of their end for a zip end record
	}
	v, ok := unpack.SplitVolumeOf(it.Path, r, size)
	if !ok {
		return
	}
	it.Problems = append(it.Problems, Problem{Code: ProblemSplitArchive,
		Detail: v.String() + "; the volumes of a split archive inside a package are not read as one archive"})
}
