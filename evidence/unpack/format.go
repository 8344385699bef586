package unpack

import (
	"bytes"
	"strconv"
)

// Format is an archive or compression format the walker opens.
type Format string

// The formats a Walker opens.
const (
	FormatZip      Format = "zip"
	FormatTar      Format = "tar"
	FormatGzip     Format = "gzip"
	FormatBzip2    Format = "bzip2"
	FormatXz       Format = "xz"
	FormatSevenZip Format = "7z"
	FormatRar      Format = "rar"
)

// RandomAccess reports whether the format needs an io.ReaderAt (zip and 7z
// keep their directory at the end). Such formats nested in another archive
// are spooled first; stream formats are read as they come.
func (f Format) RandomAccess() bool {
	return f == FormatZip || f == FormatSevenZip
}

// SniffLen is the number of leading bytes DetectFormat needs to see every
// format (tar's magic sits at offset 257).
const SniffLen = 512

var (
	magicZip      = []byte("PK\x03\x04")
	magicZipEmpty = []byte("PK\x05\x06")
	magicZipSpan  = []byte("PK\x07\x08PK\x03\x04")
	magicGzip     = []byte{0x1f, 0x8b}
	magicBzip2    = []byte("BZh")
	magicXz       = []byte{0xfd, '7', 'z', 'X', 'Z', 0x00}
	magic7z       = []byte{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c}
	magicRar4     = []byte("Rar!\x1a\x07\x00")
	magicRar5     = []byte("Rar!\x1a\x07\x01\x00")
)

// DetectFormat returns the archive format whose signature starts prefix, or
// "" when it is none of them. Give it at least SniffLen bytes when the data
// has them (read them with io.ReadFull, not a single Read).
func DetectFormat(prefix []byte) Format {
	switch {
	case bytes.HasPrefix(prefix, magicZip), bytes.HasPrefix(prefix, magicZipEmpty),
		bytes.HasPrefix(prefix, magicZipSpan):
		return FormatZip
	case bytes.HasPrefix(prefix, magic7z):
		return FormatSevenZip
	case bytes.HasPrefix(prefix, magicRar4), bytes.HasPrefix(prefix, magicRar5):
		return FormatRar
	case bytes.HasPrefix(prefix, magicXz):
		return FormatXz
	case len(prefix) >= 3 && bytes.HasPrefix(prefix, magicGzip) && prefix[2] == 8:
		return FormatGzip
	case len(prefix) >= 4 && bytes.HasPrefix(prefix, magicBzip2) && prefix[3] >= '1' && prefix[3] <= '9':
		return FormatBzip2
	case isTarHeader(prefix):
		return FormatTar
	}
	return ""
}

// isTarHeader reports whether b starts with a tar header block: either the
// ustar/gnu magic at offset 257, or a pre-POSIX header whose checksum adds
// up.
func isTarHeader(b []byte) bool {
	if len(b) < 512 {
		return false
	}
	if bytes.Equal(b[257:262], []byte("ustar")) {
		return tarChecksumOK(b[:512])
	}
	// Old v7 tar: no magic, so insist on a plausible name and a valid sum.
	if b[0] == 0 {
		return false
	}
	return tarChecksumOK(b[:512])
}

// tarChecksumOK checks the header checksum at 148..156, computed with the
// field itself taken as spaces, signed or unsigned as tar writers differ.
func tarChecksumOK(h []byte) bool {
	field := bytes.TrimRight(bytes.TrimLeft(h[148:156], " \x00"), " \x00")
	if len(field) == 0 {
		return false
	}
	want, err := strconv.ParseInt(string(field), 8, 64)
	if err != nil {
		return false
	}
	var unsigned, signed int64
	for i, c := range h {
		if i >= 148 && i < 156 {
			c = ' '
		}
		unsigned += int64(c)
		signed += int64(int8(c))
	}
	return want == unsigned || want == signed
}
