package benchpack

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/proofpack/proofpack/internal/archivegen"
)

// TextBombVersion names the layout of the text bombs the benchmarks
// cache (archivegen.TextBomb), as Version does for Write. It changes
// whenever archivegen's output for given fields changes: version 1 was
// a generator of this package, whose logs began with a line of their
// own; version 2 is archivegen.TextBomb, whose logs end with one.
const TextBombVersion = "2"

// CacheDir is the directory the benchmarks keep their packs in:
// proofpack-bench-cache under the system's temporary directory, outside
// the work tree. Packs are keyed by layout version, options and seed;
// delete the directory to reclaim the space.
func CacheDir() string {
	return filepath.Join(os.TempDir(), "proofpack-bench-cache")
}

// Cached returns the path and size of the file name in dir, first
// writing it with write when it is not there. The file is written under
// a temporary name and renamed when complete, so that a run interrupted,
// or racing another, never leaves a partial pack under the final name.
// name must be a plain file name that says what write makes (its
// layout version and options), since a file of that name is taken as
// is; generated reports whether write ran.
func Cached(dir, name string, write func(io.Writer) (int64, error)) (path string, size int64, generated bool, err error) {
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return "", 0, false, fmt.Errorf("benchpack: cache name %q is not a plain file name", name)
	}
	path = filepath.Join(dir, name)
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		return path, st.Size(), false, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, false, err
	}
	f, err := os.CreateTemp(dir, name+".*.partial")
	if err != nil {
		return "", 0, false, err
	}
	defer os.Remove(f.Name()) // fails harmlessly once renamed
	bw := bufio.NewWriterSize(f, 1<<20)
	n, err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return "", 0, false, fmt.Errorf("benchpack: writing %s: %w", path, err)
	}
	return path, n, true, nil
}

// MixedName, DumpName and TextBombName are the cache names of the packs
// of Write, WriteDump and archivegen.TextBomb with the given options:
// they carry the layout version, so that a cache never serves a pack of
// an older layout.
func MixedName(opt Options) string {
	return fmt.Sprintf("pack-v%s-%d-seed%d.zip", Version, max(opt.Size, MinSize), opt.Seed)
}

// DumpName is the cache name of the pack of WriteDump with opt.
func DumpName(opt DumpOptions) string {
	size := opt.Size
	if size == 0 {
		size = DefaultDumpSize
	}
	return fmt.Sprintf("dump-v%s-%d-seed%d.zip", DumpVersion, max(size, MinSize), opt.Seed)
}

// TextBombName is the cache name of the pack archivegen.TextBomb b
// writes (b.WriteTo), its zero fields taken as their defaults.
func TextBombName(b archivegen.TextBomb) string {
	if b.Files == 0 {
		b.Files = archivegen.DefaultTextBombFiles
	}
	if b.FileSize == 0 {
		b.FileSize = archivegen.DefaultTextBombFileSize
	}
	return fmt.Sprintf("textbomb-v%s-%dx%d-cycle%d.zip", TextBombVersion, b.Files, b.FileSize, max(b.Cycle, 1))
}
