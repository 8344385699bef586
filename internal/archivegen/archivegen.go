package archivegen

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/dsnet/compress/bzip2"
	"github.com/ulikunitz/xz"
)

// DefaultTime is used when File.Modified is zero: 2021-04-12T10:30:00+09:00.
var DefaultTime = time.Date(2021, time.April, 12, 10, 30, 0, 0, time.FixedZone("JST", 9*60*60))

// detSeed keys every deterministic "random" byte this package writes.
const detSeed = "proofpack/archivegen/v1"

// ErrInvalid reports a builder argument that cannot describe an archive
// (a negative size, an empty name, a name the format cannot store).
var ErrInvalid = errors.New("archivegen: invalid argument")

// File is one entry to put in an archive.
type File struct {
	Name     string      // UTF-8 name; ignored when RawName is set
	RawName  []byte      // exact name bytes to store (e.g. Shift_JIS); zip: UTF-8 flag off
	UTF8     bool        // zip: set general-purpose flag bit 11 (only meaningful with Name)
	Data     []byte      // content of a regular file
	Modified time.Time   // zero → DefaultTime
	Mode     fs.FileMode // 0 → 0644 regular; fs.ModeDir|0755 for a directory; fs.ModeSymlink for a symlink
	Link     string      // tar: symlink or hardlink target; zip: symlink target stored as data with Unix mode
	Hardlink bool        // tar: typeflag '1'
	Store    bool        // zip: method Store instead of Deflate
}

// name returns the bytes to store as the entry name.
func (f *File) name() []byte {
	if f.RawName != nil {
		return f.RawName
	}
	return []byte(f.Name)
}

// modified returns the entry time, DefaultTime when unset.
func (f *File) modified() time.Time {
	if f.Modified.IsZero() {
		return DefaultTime
	}
	return f.Modified
}

// isDir reports whether the entry is a directory.
func (f *File) isDir() bool { return f.Mode&fs.ModeDir != 0 }

// isSymlink reports whether the entry is a symbolic link.
func (f *File) isSymlink() bool { return f.Mode&fs.ModeSymlink != 0 }

// perm returns the permission bits, with the defaults documented on File.
func (f *File) perm() fs.FileMode {
	p := f.Mode.Perm()
	if p != 0 {
		return p
	}
	switch {
	case f.isDir():
		return 0o755
	case f.isSymlink():
		return 0o777
	}
	return 0o644
}

// unixMode returns the st_mode value (type bits and permissions).
func (f *File) unixMode() uint32 {
	m := uint32(f.perm())
	switch {
	case f.isDir():
		m |= 0o040000
	case f.isSymlink():
		m |= 0o120000
	default:
		m |= 0o100000
	}
	return m
}

// detBytes returns n bytes of a SHA-256 counter-mode stream keyed by detSeed
// and purpose. It stands in for a random generator wherever a format needs
// salts, IVs or padding, so that output is reproducible byte for byte.
func detBytes(purpose string, n int) []byte {
	out := make([]byte, 0, n+sha256.Size)
	var ctr [8]byte
	for i := uint64(0); len(out) < n; i++ {
		h := sha256.New()
		h.Write([]byte(detSeed))
		h.Write([]byte{0})
		h.Write([]byte(purpose))
		h.Write([]byte{0})
		binary.BigEndian.PutUint64(ctr[:], i)
		h.Write(ctr[:])
		out = h.Sum(out)
	}
	return out[:n]
}

// Tar returns a tar archive of files, written by archive/tar: ustar headers
// where they suffice, PAX records for long or non-ASCII names. Directories
// get a trailing slash; a File with Hardlink set becomes typeflag '1' and a
// symlink mode typeflag '2', both pointing at Link. Owners are uid/gid 0 with
// empty names so that output does not depend on the machine. archive/tar
// cannot store a name holding a NUL byte: Tar returns its error.
func Tar(files []File) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for i := range files {
		f := &files[i]
		name := string(f.name())
		if name == "" {
			return nil, fmt.Errorf("%w: tar entry %d has no name", ErrInvalid, i)
		}
		hdr := &tar.Header{
			Name:    name,
			Mode:    int64(f.perm()),
			ModTime: f.modified().Truncate(time.Second),
		}
		switch {
		case f.Hardlink:
			hdr.Typeflag = tar.TypeLink
			hdr.Linkname = f.Link
		case f.isSymlink():
			hdr.Typeflag = tar.TypeSymlink
			hdr.Linkname = f.Link
		case f.isDir():
			hdr.Typeflag = tar.TypeDir
			if !strings.HasSuffix(hdr.Name, "/") {
				hdr.Name += "/"
			}
		default:
			hdr.Typeflag = tar.TypeReg
			hdr.Size = int64(len(f.Data))
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, fmt.Errorf("archivegen: tar header %q: %w", name, err)
		}
		if hdr.Typeflag == tar.TypeReg {
			if _, err := tw.Write(f.Data); err != nil {
				return nil, fmt.Errorf("archivegen: tar data %q: %w", name, err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("archivegen: tar close: %w", err)
	}
	return buf.Bytes(), nil
}

// Gzip returns data compressed as one gzip member whose header carries name
// and modified (zero → DefaultTime) and the Unix OS byte. The name is stored
// as its raw bytes, as gzip tools on Unix do: a UTF-8 name such as
// "顧客.csv" is written byte for byte although RFC 1952 says Latin-1, so a
// reader that decodes Latin-1 (compress/gzip does) sees mojibake. A name
// holding a NUL byte cannot be stored and is an error.
func Gzip(name string, modified time.Time, data []byte) ([]byte, error) {
	if strings.IndexByte(name, 0) >= 0 {
		return nil, fmt.Errorf("%w: gzip name holds a NUL byte", ErrInvalid)
	}
	if modified.IsZero() {
		modified = DefaultTime
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("archivegen: gzip: %w", err)
	}
	zw.Name = latin1Bytes(name)
	zw.ModTime = modified
	zw.OS = 3 // Unix
	if _, err := zw.Write(data); err != nil {
		return nil, fmt.Errorf("archivegen: gzip write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("archivegen: gzip close: %w", err)
	}
	return buf.Bytes(), nil
}

// latin1Bytes maps every byte of s to the rune of the same value, so that
// compress/gzip, which encodes header strings as Latin-1, writes the bytes
// of s unchanged.
func latin1Bytes(s string) string {
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

// Bzip2 returns data compressed by the github.com/dsnet/compress/bzip2
// writer at level 9.
func Bzip2(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := bzip2.NewWriter(&buf, &bzip2.WriterConfig{Level: bzip2.BestCompression})
	if err != nil {
		return nil, fmt.Errorf("archivegen: bzip2: %w", err)
	}
	if _, err := zw.Write(data); err != nil {
		return nil, fmt.Errorf("archivegen: bzip2 write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("archivegen: bzip2 close: %w", err)
	}
	return buf.Bytes(), nil
}

// Xz returns data compressed as an xz stream by github.com/ulikunitz/xz
// with its default settings (LZMA2, CRC64 check).
func Xz(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := xz.NewWriter(&buf)
	if err != nil {
		return nil, fmt.Errorf("archivegen: xz: %w", err)
	}
	if _, err := zw.Write(data); err != nil {
		return nil, fmt.Errorf("archivegen: xz write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("archivegen: xz close: %w", err)
	}
	return buf.Bytes(), nil
}

// Truncate returns a copy of the first n bytes of b: a download cut short,
// or an archive whose end records are missing. n is clamped to [0, len(b)].
func Truncate(b []byte, n int) []byte {
	n = max(0, min(n, len(b)))
	return bytes.Clone(b[:n])
}

// ZipSlipNames returns entry names that escape the extraction directory or
// confuse path handling on some platform: parent-directory climbs with both
// separators, absolute Unix and Windows paths, a UNC path and an embedded
// NUL. Use them as File.Name in any builder.
func ZipSlipNames() []string {
	return []string{
		"../../x.txt",
		"/etc/passwd",
		`C:\Windows\win.ini`,
		`..\..\y.txt`,
		"a\x00b.txt",
		"dir/../../z.txt",
		"//server/share/f",
	}
}
