package unpack

import (
	"io"
	"io/fs"
	"time"
)

// EntryType says what kind of archive member an Entry is.
type EntryType string

// The entry types. Links are reported, never followed.
const (
	TypeFile     EntryType = "file"
	TypeDir      EntryType = "dir"
	TypeSymlink  EntryType = "symlink"
	TypeHardlink EntryType = "hardlink"
	TypeOther    EntryType = "other" // devices, FIFOs and the like
)

// PathSeparator joins an archive's path to the name of an entry inside it:
// "outer.zip!/docs/inner.zip!/a.xlsx".
const PathSeparator = "!/"

// Entry is one member of an archive, with the facts its header states and a
// body to read. The body is valid only during the VisitFunc call that
// receives the entry.
//
// Header facts are untrusted: Size is what the header declares, and the
// body enforces the walker's Limits whatever it says.
type Entry struct {
	// Path is the full display path: the package name, then each archive
	// step joined with PathSeparator. It is for people and reports, never
	// a file-system path.
	Path string
	// Name is the member's name inside its archive, decoded to UTF-8.
	// Control characters are replaced with U+FFFD so it can be shown
	// safely; RawName keeps the bytes.
	Name string
	// RawName is the name exactly as stored in the header.
	RawName []byte
	// NameSHA256 is set when the stored name is longer than MaxNameBytes,
	// which Name and Path then hold the first MaxNameBytes of: it is the
	// SHA-256, in hex, of the whole stored name (RawName; for 7z, which
	// stores UTF-16, of its UTF-8), and Problems holds a *LimitError
	// (LimitNameBytes).
	NameSHA256 string
	// NameEncoding is how the name was decoded: "utf-8", "ascii", "cp932",
	// "euc-jp", "cp437" or "utf-16" (7z).
	NameEncoding string
	// Format is the format of the archive that holds the entry.
	Format Format
	// Depth is the nesting level of the holding archive: entries of the
	// package itself have depth 1.
	Depth int
	// Type is file, dir, symlink, hardlink or other.
	Type EntryType
	// LinkTarget is the target of a symlink or hardlink.
	LinkTarget string
	// Size is the uncompressed size the header declares, or -1.
	Size int64
	// CompressedSize is the stored size the header declares, or -1.
	CompressedSize int64
	// Holes is the part of Size that a sparse file (tar) keeps as holes:
	// runs of zeros the archive does not store. When it is not zero the
	// body skips them, reads Size-Holes bytes (the data stored, region
	// after region), and Problems holds an ErrSparse; holes cost no
	// reading and count against no limit. Small holes (up to 1 MiB in
	// all) are read as zeros instead, and Holes stays 0.
	Holes int64
	// Modified is the modification time from the header, or the zero time.
	Modified time.Time
	// ModifiedZoneKnown reports whether the header fixes the instant: false
	// for MS-DOS times (zip without extended fields, RAR 4), which are
	// wall-clock times of an unknown zone. Modified is then in UTC
	// carrying that wall clock.
	ModifiedZoneKnown bool
	// Mode holds permission and type bits, as far as the format has them.
	Mode fs.FileMode
	// Encrypted reports whether the entry's data is encrypted.
	Encrypted bool
	// Method names the compression method, e.g. "deflate", "store", "lzma2".
	Method string
	// Problems lists what is wrong with the entry's header (insecure name,
	// escaping link, overlap, encryption without a password). Each wraps
	// one of this package's sentinel errors.
	Problems []error

	body io.Reader
	// compressedIn reports compressed bytes consumed so far, for the
	// ratio limit of entries inside a compressed stream.
	compressedIn func() int64
}

// Read reads the entry's body. Errors wrap this package's sentinels: a
// *LimitError when a limit is hit, ErrEncrypted, ErrPassword, ErrTruncated,
// ErrFormat (corrupt data or a bad checksum).
func (e *Entry) Read(p []byte) (int, error) {
	if e.body == nil {
		return 0, io.EOF
	}
	return e.body.Read(p)
}

// errReader returns err on every Read.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
