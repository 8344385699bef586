package unpack

import (
	"errors"
	"fmt"
)

// Errors a walk reports. Parser errors wrap one of them, so callers can
// classify any failure with errors.Is; the library's own message and the
// parser's follow it.
var (
	// ErrFormat: the data is not a valid archive of its format.
	ErrFormat = errors.New("unpack: corrupt archive")
	// ErrTruncated: the archive or entry ends before its headers say it does.
	ErrTruncated = errors.New("unpack: truncated")
	// ErrEncrypted: the entry (or the archive's headers) is encrypted and no
	// password was given.
	ErrEncrypted = errors.New("unpack: encrypted")
	// ErrPassword: a password was given but it does not decrypt the data.
	ErrPassword = errors.New("unpack: wrong password")
	// ErrUnsupported: a valid feature this package does not read, such as a
	// compression method or a multi-volume archive.
	ErrUnsupported = errors.New("unpack: unsupported")
	// ErrInsecurePath: an entry name that would escape a destination
	// directory if it were ever used as a path (absolute, "..", drive
	// letter, NUL). Names are never used as paths here; the error only
	// flags the attempt.
	ErrInsecurePath = errors.New("unpack: insecure path")
	// ErrInsecureLink: a symbolic or hard link whose target leaves the
	// archive. Links are never followed; the error flags the attempt.
	ErrInsecureLink = errors.New("unpack: insecure link")
	// ErrOverlap: zip entries whose data overlap, the construction of
	// non-recursive zip bombs. Overlapping entries are not read.
	ErrOverlap = errors.New("unpack: overlapping entries")
	// ErrSizeMismatch: an entry's real size differs from the size its
	// header declares.
	ErrSizeMismatch = errors.New("unpack: size mismatch")
	// ErrLimit: a Limits value was reached; the error is a *LimitError.
	ErrLimit = errors.New("unpack: limit reached")
	// ErrPanic: a third-party parser panicked on this input; the panic was
	// recovered.
	ErrPanic = errors.New("unpack: parser panic")
	// ErrSparse: a sparse file (tar) whose holes, the runs of zeros the
	// archive does not store, were not read: its body is the data stored,
	// Entry.Holes bytes short of Entry.Size. It is an Entry problem, not
	// an error of the body.
	ErrSparse = errors.New("unpack: sparse file")
	// ErrTrailingData: bytes that are not padding follow the end of an
	// archive or compressed stream (after a tar's end-of-archive blocks,
	// after the last gzip member). The archive's entries are all read;
	// whatever the trailing bytes hold is not.
	ErrTrailingData = errors.New("unpack: trailing data")
)

// wrap returns an error that matches both kind and err with errors.Is.
func wrap(kind error, format string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %s: %w", kind, format, err)
}

// recovered turns a recovered panic value into an error wrapping ErrPanic.
func recovered(what string, v any) error {
	return fmt.Errorf("%w in %s: %v", ErrPanic, what, v)
}
