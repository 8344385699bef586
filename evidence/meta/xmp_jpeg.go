package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
)

// Signatures of the APP1 segments of JPEG files that hold XMP.
const (
	// xmpJPEGSignature opens the segment of the main packet.
	xmpJPEGSignature = "http://ns.adobe.com/xap/1.0/"
	// xmpJPEGOddSignature is the main packet's signature with its first
	// four bytes overwritten, as some writers leave it; exiftool and
	// metadata-extractor read it.
	xmpJPEGOddSignature = "XMP\x00://ns.adobe.com/xap/1.0/"
	// xmpJPEGExtSignature opens each segment of extended XMP: then the
	// GUID of the whole (32 hexadecimal digits), its full length and
	// this part's offset (4 bytes each, big-endian), and the part.
	xmpJPEGExtSignature = "http://ns.adobe.com/xmp/extension/\x00"
	// xmpJPEGIDLen is how many bytes of a segment are read to tell
	// which of them it is.
	xmpJPEGIDLen = int64(len(xmpJPEGExtSignature) + 32 + 8)
	// maxExtendedXMPParts bounds the parts of extended XMP gathered:
	// a 16 MiB packet in segments of 64 KiB takes 256.
	maxExtendedXMPParts = 1024
)

// jpegXMPSignature reports whether id, the first bytes of an APP1
// segment, opens a main XMP packet, and how many bytes precede the
// packet: the signature and the NUL after it, or the space some writers
// put there, or nothing when the packet follows at once.
func jpegXMPSignature(id []byte) (int, bool) {
	var n int
	switch {
	case bytes.HasPrefix(id, []byte(xmpJPEGSignature)):
		n = len(xmpJPEGSignature)
	case bytes.HasPrefix(id, []byte(xmpJPEGOddSignature)):
		n = len(xmpJPEGOddSignature)
	default:
		return 0, false
	}
	if len(id) > n && (id[n] == 0 || id[n] == ' ') {
		n++
	}
	return n, true
}

// jpegXMP finds the main XMP packet of a JPEG stream whose first marker is
// at start: its offset and length, off -1 when there is none.
func jpegXMP(ctx context.Context, r io.ReaderAt, start, size int64) (off, n int64, err error) {
	off = -1
	err = walkJPEGFrom(ctx, r, start, size, func(marker byte, o, l int64) (bool, error) {
		if marker != 0xe1 {
			return true, nil
		}
		var id [xmpJPEGIDLen]byte
		k, e := r.ReadAt(id[:min(l, xmpJPEGIDLen)], o)
		if e != nil && k < int(min(l, xmpJPEGIDLen)) {
			return false, e
		}
		if skip, ok := jpegXMPSignature(id[:k]); ok && int64(skip) < l {
			off, n = o+int64(skip), l-int64(skip)
			return false, nil
		}
		return true, nil
	})
	return off, n, err
}

// isJPEG reports whether in starts as a JPEG file does.
func isJPEG(in Input) bool {
	var h [2]byte
	k, _ := in.R.ReadAt(h[:], 0)
	return k == 2 && h[0] == 0xff && h[1] == 0xd8
}

// extendedXMPPart is one APP1 segment of extended XMP.
type extendedXMPPart struct {
	off, n int64 // the part's bytes in the file
	at     int64 // the part's place in the whole
}

// readExtendedXMP gathers the extended XMP of a JPEG file whose main
// packet names guid (xmpNote:HasExtendedXMP): the segments of that GUID,
// each placed at its offset. The whole is sized by the parts found, never
// by the full length they claim alone, and bounded by
// Limits.MaxRecordBytes. It returns nil when no part is found.
func readExtendedXMP(ctx context.Context, in Input, lim Limits, guid string) ([]byte, error) {
	if len(guid) != 32 {
		return nil, fmt.Errorf("%w: xmp: extended XMP GUID %q is not 32 digits", ErrFormat, guid)
	}
	var parts []extendedXMPPart
	var full, sum int64
	err := walkJPEG(ctx, in.R, in.Size, func(marker byte, o, l int64) (bool, error) {
		if marker != 0xe1 || l <= xmpJPEGIDLen {
			return true, nil
		}
		var id [xmpJPEGIDLen]byte
		if _, e := in.R.ReadAt(id[:], o); e != nil {
			return false, fmt.Errorf("%w: xmp: %v", ErrFormat, e)
		}
		sig := len(xmpJPEGExtSignature)
		if string(id[:sig]) != xmpJPEGExtSignature || string(id[sig:sig+32]) != guid {
			return true, nil
		}
		if len(parts) >= maxExtendedXMPParts {
			return false, fmt.Errorf("%w: xmp: more than %d parts of extended XMP", ErrLimit, maxExtendedXMPParts)
		}
		whole := int64(binary.BigEndian.Uint32(id[sig+32:]))
		at := int64(binary.BigEndian.Uint32(id[sig+36:]))
		if full == 0 {
			full = whole
		}
		if whole != full {
			return true, fmt.Errorf("%w: xmp: parts of extended XMP disagree on its length (%d, %d)", ErrFormat, full, whole)
		}
		parts = append(parts, extendedXMPPart{off: o + xmpJPEGIDLen, n: l - xmpJPEGIDLen, at: at})
		sum += l - xmpJPEGIDLen
		return true, nil
	})
	if len(parts) == 0 {
		if err == nil {
			err = fmt.Errorf("%w: xmp: extended XMP %s announced but absent", ErrFormat, guid)
		}
		return nil, err
	}
	size := min(full, sum)
	if size > lim.MaxRecordBytes {
		return nil, fmt.Errorf("%w: xmp: extended XMP of %d bytes", ErrLimit, size)
	}
	whole := make([]byte, size) // no more than the parts found hold, and within the limit
	for _, p := range parts {
		if p.at >= size || p.n > size-p.at {
			err = fmt.Errorf("%w: xmp: part of extended XMP at %d+%d past its length %d", ErrFormat, p.at, p.n, size)
			continue
		}
		if _, e := in.R.ReadAt(whole[p.at:p.at+p.n], p.off); e != nil {
			return nil, fmt.Errorf("%w: xmp: %v", ErrFormat, e)
		}
	}
	if sum < full {
		err = fmt.Errorf("%w: xmp: extended XMP has %d of its %d bytes", ErrFormat, sum, full)
	}
	return whole, err
}
