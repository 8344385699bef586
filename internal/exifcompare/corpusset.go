package exifcompare

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/proofpack/proofpack/evidence/identify"
)

// ErrNoCorpus is returned by LoadCorpusSet when the corpus has no files/
// folder where it is looked for.
var ErrNoCorpus = errors.New("exifcompare: no corpus")

// CorpusEnv names the environment variable that holds the development
// corpus's location; DefaultCorpus is used when it is empty. A relative
// path is taken from the repository root.
const (
	CorpusEnv     = "PROOFPACK_CORPUS"
	DefaultCorpus = "../shared/corpus"
)

// The halves of the corpus (CorpusHalf).
const (
	HalfDecided = "decided"
	HalfHeldOut = "held-out"
)

// CorpusHalf is the fixed half of the corpus a file belongs to, by the
// first byte of the SHA-256 of its path under files/ ("poi/test-data/
// x.doc"): even is HalfDecided, the files looked at while the code is
// tuned, odd HalfHeldOut, whose figures say whether the tuning holds
// beyond them. It is the rule of the corpus tests of packages evidence
// and corpuscheck.
func CorpusHalf(rel string) string {
	if sha256.Sum256([]byte(rel))[0]%2 == 0 {
		return HalfDecided
	}
	return HalfHeldOut
}

// CorpusFile is one file of a CorpusSet.
type CorpusFile struct {
	// Rel is the file's path under files/, with slashes: the name it
	// has in the package, and under the unpacked tree.
	Rel  string
	Path string
	Size int64
	Type identify.Type
}

// CorpusSet is the files of the corpus the speed comparison reads: those
// that are not archives by our identification (identify.Detect, then
// identify.Refine, as TypeOf types them), because exiftool reads a file
// as one file and does not descend into archives, where the triage walks
// every member. A zip-based document (docx, xlsx, pptx, xlsb, ODF, EPUB,
// an XPS or a 3MF …) and an OLE2 file are documents to both tools and are
// kept; a plain zip, a JAR or an APK (which the triage walks as
// archives), tar, gzip, 7z, RAR and the other archive formats are left
// out, and so is anything whose type says archive even when it is broken
// (the triage would try to walk it).
type CorpusSet struct {
	// Root is the corpus (the folder that holds files/).
	Root string
	// Half is HalfDecided, HalfHeldOut, or "" for the whole corpus.
	Half string
	// Files are the files kept, sorted by Rel; Bytes is their size.
	Files []CorpusFile
	Bytes int64
	// Archives counts the files of the half left out as archives, and
	// ArchiveBytes their size.
	Archives     int
	ArchiveBytes int64
	// ByKind counts the files kept by their kind.
	ByKind map[identify.Kind]int
}

// LocateCorpus returns the corpus root named by CorpusEnv (DefaultCorpus
// when it is empty), a relative path taken from repo.
func LocateCorpus(repo string) string {
	p := os.Getenv(CorpusEnv)
	if p == "" {
		p = DefaultCorpus
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(repo, p)
	}
	return filepath.Clean(p)
}

// LoadCorpusSet lists and types the regular files under root/files and
// keeps those that are not archives (see CorpusSet) and are in half
// (HalfDecided, HalfHeldOut, or "" for all). It returns an error wrapping
// ErrNoCorpus when root/files is not a folder.
func LoadCorpusSet(ctx context.Context, root, half string) (*CorpusSet, error) {
	switch half {
	case "", HalfDecided, HalfHeldOut:
	default:
		return nil, fmt.Errorf("exifcompare: half %q (want %s, %s or all)", half, HalfDecided, HalfHeldOut)
	}
	files := filepath.Join(root, "files")
	if st, err := os.Stat(files); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w at %s (set %s)", ErrNoCorpus, root, CorpusEnv)
	}
	s := &CorpusSet{Root: root, Half: half, ByKind: map[identify.Kind]int{}}
	err := filepath.WalkDir(files, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(files, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if half != "" && CorpusHalf(rel) != half {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		t, err := TypeOf(ctx, p)
		if err != nil {
			return err
		}
		if t.Kind == identify.KindArchive {
			s.Archives++
			s.ArchiveBytes += info.Size()
			return nil
		}
		s.Files = append(s.Files, CorpusFile{Rel: rel, Path: p, Size: info.Size(), Type: t})
		s.Bytes += info.Size()
		s.ByKind[t.Kind]++
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	sort.Slice(s.Files, func(i, j int) bool { return s.Files[i].Rel < s.Files[j].Rel })
	return s, nil
}

// WritePackage writes the files of s into one zip at dst, named by Rel,
// stored (not compressed, so that neither tool pays for inflating) with
// their modification times: the package the triage reads.
func (s *CorpusSet) WritePackage(dst string) error {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("package: %w", err)
	}
	zw := zip.NewWriter(f)
	for _, cf := range s.Files {
		if err := AddStored(zw, cf.Path, cf.Rel); err != nil {
			f.Close()
			return fmt.Errorf("package: %s: %w", cf.Rel, err)
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return fmt.Errorf("package: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("package: %w", err)
	}
	return nil
}

// AddStored adds the file at path to zw as name, stored (not
// compressed), with the file's mode and modification time: the packages
// of the corpus that bench-meta and make corpus build.
func AddStored(zw *zip.Writer, path, name string) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	info, err := src.Stat()
	if err != nil {
		return err
	}
	h, err := zip.FileInfoHeader(info)
	if err != nil {
		return err
	}
	h.Name, h.Method = name, zip.Store
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, src)
	return err
}

// maxUnpackEntries bounds the members UnpackPackage writes: the corpus
// has 2,568 files.
const maxUnpackEntries = 100_000

// UnpackPackage writes every file of the zip at pkg under dir (which must
// exist), at its name in the zip: the tree exiftool reads. The package is
// one WritePackage made, but names are still checked (local, no
// backslash, nothing written twice) and sizes bounded, so that no name
// leads a file outside dir.
func UnpackPackage(pkg, dir string) (int, error) {
	zr, err := zip.OpenReader(pkg)
	if err != nil {
		return 0, fmt.Errorf("unpack: %w", err)
	}
	defer zr.Close()
	if len(zr.File) > maxUnpackEntries {
		return 0, fmt.Errorf("unpack: %d entries, more than %d", len(zr.File), maxUnpackEntries)
	}
	n := 0
	for _, e := range zr.File {
		if e.FileInfo().IsDir() {
			continue
		}
		if !filepath.IsLocal(e.Name) || strings.Contains(e.Name, "\\") {
			return n, fmt.Errorf("unpack: entry name %q is not a local path", e.Name)
		}
		dst := filepath.Join(dir, filepath.FromSlash(e.Name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return n, fmt.Errorf("unpack: %w", err)
		}
		if err := unpackEntry(e, dst); err != nil {
			return n, fmt.Errorf("unpack: %s: %w", e.Name, err)
		}
		n++
	}
	return n, nil
}

func unpackEntry(e *zip.File, dst string) error {
	if e.UncompressedSize64 > maxEntryBytes {
		return fmt.Errorf("%d bytes, more than %d", e.UncompressedSize64, maxEntryBytes)
	}
	if err := copyEntry(e, dst); err != nil {
		return err
	}
	return os.Chtimes(dst, e.Modified, e.Modified)
}
