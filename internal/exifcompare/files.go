package exifcompare

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"github.com/proofpack/proofpack/evidence/identify"
)

// Limits of the unpacking of zip fixtures. The fixtures are our own, but
// the walker still refuses to be led anywhere by them.
const (
	// maxZipDepth is how deep zips inside zips are opened.
	maxZipDepth = 3
	// maxZipEntries caps the entries unpacked from one zip.
	maxZipEntries = 10_000
	// maxEntryBytes caps one unpacked entry: no fixture comes near it.
	maxEntryBytes = 64 << 20
)

// File is one file to compare: where it is on disk and the name to show.
type File struct {
	// Display is the path shown in the table; "!/" marks a step into a zip.
	Display string
	// Path is the file on disk (a walked file, or one unpacked into the
	// temporary directory).
	Path string
}

// Collect walks roots and returns every regular file under them, sorted
// by walk order. Plain zip archives (not OOXML, ODF or other zip-based
// documents) are unpacked into tmp, nested zips too, and their entries are
// returned after the zip itself. Entry names are never used as paths:
// unpacked files are named by a counter, keeping only a short extension.
func Collect(ctx context.Context, roots []string, tmp string) ([]File, error) {
	c := &collector{tmp: tmp}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			if !d.Type().IsRegular() {
				return nil
			}
			return c.add(ctx, File{Display: filepath.ToSlash(p), Path: p}, 0)
		})
		if err != nil {
			return c.files, fmt.Errorf("walk %s: %w", root, err)
		}
	}
	return c.files, nil
}

type collector struct {
	tmp   string
	n     int
	files []File
}

func (c *collector) add(ctx context.Context, f File, depth int) error {
	c.files = append(c.files, f)
	if depth >= maxZipDepth {
		return nil
	}
	t, err := TypeOf(ctx, f.Path)
	if err != nil || t.MIME != identify.MIMEZip {
		return nil // a file that cannot be typed is compared as it is
	}
	return c.unzip(ctx, f, depth)
}

// unzip unpacks the entries of the zip f into c.tmp and adds them.
func (c *collector) unzip(ctx context.Context, f File, depth int) error {
	zr, err := zip.OpenReader(f.Path)
	if err != nil {
		return nil // a broken zip is still compared as a file
	}
	defer zr.Close()
	for i, e := range zr.File {
		if i >= maxZipEntries {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.FileInfo().IsDir() || e.UncompressedSize64 > maxEntryBytes {
			continue
		}
		c.n++
		dst := filepath.Join(c.tmp, fmt.Sprintf("%05d%s", c.n, safeExt(e.Name)))
		if err := copyEntry(e, dst); err != nil {
			return fmt.Errorf("%s!/%s: %w", f.Display, entryName(e), err)
		}
		if err := c.add(ctx, File{Display: f.Display + "!/" + entryName(e), Path: dst}, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func copyEntry(e *zip.File, dst string) error {
	rc, err := e.Open()
	if err != nil {
		return fmt.Errorf("open entry: %w", err)
	}
	defer rc.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	n, err := io.Copy(out, io.LimitReader(rc, maxEntryBytes+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > maxEntryBytes {
		err = errors.New("entry larger than its header said")
	}
	if err != nil {
		return fmt.Errorf("unpack: %w", err)
	}
	return nil
}

// entryName is the entry's name for display: zips without the UTF-8 flag
// written on Japanese systems carry CP932 names.
func entryName(e *zip.File) string {
	if !e.NonUTF8 || utf8.ValidString(e.Name) {
		return e.Name
	}
	if s, err := japanese.ShiftJIS.NewDecoder().String(e.Name); err == nil {
		return s
	}
	return strings.ToValidUTF8(e.Name, "?")
}

// safeExt keeps the extension of name when it is short and plain ASCII
// (exiftool and people read it), and nothing else of the name.
func safeExt(name string) string {
	ext := strings.ToLower(filepath.Ext(strings.ReplaceAll(name, `\`, "/")))
	if len(ext) < 2 || len(ext) > 9 {
		return ""
	}
	for _, r := range ext[1:] {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return ""
		}
	}
	return ext
}
