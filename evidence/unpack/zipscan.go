package unpack

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
)

// Recovering entries of a zip whose central directory is gone (a partial
// download, a cut upload) is written here because archive/zip needs the
// directory and no maintained module reads zips front to back; proof packs
// are often re-hosted truncated, and what they still hold is evidence.

const zipLocalHeaderLen = 30

var sigLocal = []byte("PK\x03\x04")

// zipScanArchive reads entries from their local headers, front to back.
type zipScanArchive struct {
	w         *Walker
	parent    Parent
	r         io.ReaderAt
	size      int64
	off       int64
	n         int
	cause     error // why the central directory could not be used
	done      bool
	nextOff   func() (int64, error) // where the entry after the current one starts
	recovered int
}

// newZipScan starts a front-to-back scan when the data begins with a local
// header; cause is archive/zip's error.
func (w *Walker) newZipScan(parent Parent, r io.ReaderAt, size int64, cause error) (archive, bool) {
	head := make([]byte, 4)
	if _, err := r.ReadAt(head, 0); err != nil || !bytes.Equal(head, sigLocal) {
		return nil, false
	}
	return &zipScanArchive{w: w, parent: parent, r: r, size: size, cause: cause}, true
}

func (z *zipScanArchive) close() error { return nil }

// end is the error the walk of a scanned zip ends with: the archive is
// truncated or damaged even when entries were recovered.
func (z *zipScanArchive) end() error {
	return fmt.Errorf("%w: zip %s: central directory unusable (%v); %d entries recovered from local headers",
		ErrTruncated, z.parent.Path, z.cause, z.recovered)
}

func (z *zipScanArchive) next(ctx context.Context) (*Entry, func(), error) {
	if z.done {
		return nil, nil, z.end()
	}
	if z.nextOff != nil {
		off, err := z.nextOff()
		z.nextOff = nil
		if err != nil {
			z.done = true
			return nil, nil, z.end()
		}
		z.off = off
	}
	var h [zipLocalHeaderLen]byte
	if _, err := z.r.ReadAt(h[:], z.off); err != nil || !bytes.Equal(h[:4], sigLocal) {
		z.done = true
		return nil, nil, z.end()
	}
	flags := binary.LittleEndian.Uint16(h[6:])
	method := binary.LittleEndian.Uint16(h[8:])
	dosTime := binary.LittleEndian.Uint16(h[10:])
	dosDate := binary.LittleEndian.Uint16(h[12:])
	crc := binary.LittleEndian.Uint32(h[14:])
	csize := int64(binary.LittleEndian.Uint32(h[18:]))
	usize := int64(binary.LittleEndian.Uint32(h[22:]))
	nameLen := int64(binary.LittleEndian.Uint16(h[26:]))
	extraLen := int64(binary.LittleEndian.Uint16(h[28:]))
	meta := make([]byte, nameLen+extraLen)
	if _, err := z.r.ReadAt(meta, z.off+zipLocalHeaderLen); err != nil {
		z.done = true
		return nil, nil, z.end()
	}
	raw, extra := meta[:nameLen], meta[nameLen:]
	if csize == 0xffffffff || usize == 0xffffffff {
		if c, u, ok := zip64Sizes(extra); ok {
			csize, usize = c, u
		}
	}
	dataOff := z.off + zipLocalHeaderLen + nameLen + extraLen
	name, enc := zipName(raw, flags&0x800 != 0, extra)
	e := &Entry{
		Name:           displayName(name),
		RawName:        bytes.Clone(raw),
		NameEncoding:   enc,
		Format:         FormatZip,
		Size:           usize,
		CompressedSize: csize,
		Type:           TypeFile,
		Mode:           0o644,
		Method:         zipMethodName(method),
	}
	e.Modified, e.ModifiedZoneKnown = localZipTime(dosDate, dosTime, extra)
	if err := CheckName(name); err != nil {
		e.Problems = append(e.Problems, err)
	}
	z.n++
	if strings.HasSuffix(name, "/") {
		e.Type = TypeDir
		z.nextOff = func() (int64, error) { return dataOff + max(csize, 0), nil }
		z.recovered++
		return e, nil, nil
	}

	descriptor := flags&0x8 != 0
	if descriptor {
		e.Size, e.CompressedSize = -1, -1
	}
	switch {
	case !descriptor:
		if dataOff+csize > z.size {
			// The entry itself is cut: read what is there, and say so.
			e.body = errAfter(io.NewSectionReader(z.r, dataOff, max(z.size-dataOff, 0)),
				fmt.Errorf("%w: zip %s: entry cut at the end of the file", ErrTruncated, name))
			z.done = true
			z.recovered++
			return e, nil, nil
		}
		raw := io.NewSectionReader(z.r, dataOff, csize)
		body, release, err := openRawEntry(rawHeader{flags: flags, method: method, crc: crc, modTime: dosTime, csize: csize, extra: extra},
			raw, z.w.opts.Password, e)
		if err != nil {
			body = errReader{err}
			if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrPassword) {
				e.Problems = append(e.Problems, err)
			}
		}
		z.nextOff = func() (int64, error) { return dataOff + csize, nil }
		z.recovered++
		e.body = body
		return e, release, nil
	case method == 8 && flags&0x1 == 0:
		// Deflate with a data descriptor: the stream ends itself. A
		// bufio.Reader is an io.ByteReader, so flate reads exactly what it
		// needs and the next header's offset is known afterwards.
		src := &countingReader{r: io.NewSectionReader(z.r, dataOff, z.size-dataOff)}
		br := bufio.NewReader(src)
		fr := flate.NewReader(br)
		z.nextOff = func() (int64, error) {
			if _, err := io.Copy(io.Discard, fr); err != nil {
				return 0, err
			}
			return z.skipDescriptor(dataOff + src.n - int64(br.Buffered()))
		}
		z.recovered++
		e.body = zipErrs{fr, name}
		return e, func() { fr.Close() }, nil
	default:
		// Stored or encrypted data with a data descriptor: its length is
		// only known from the central directory, which is gone.
		err := fmt.Errorf("%w: zip %s: length unknown without the central directory", ErrUnsupported, name)
		e.body = errReader{err}
		z.done = true
		return e, nil, nil
	}
}

// skipDescriptor returns the offset after a data descriptor at off, which
// may or may not start with its signature and may hold 32- or 64-bit
// sizes: the next local header tells which.
func (z *zipScanArchive) skipDescriptor(off int64) (int64, error) {
	for _, n := range []int64{16, 12, 24, 20} {
		sig := make([]byte, 4)
		if _, err := z.r.ReadAt(sig, off+n); err == nil && bytes.Equal(sig, sigLocal) {
			return off + n, nil
		}
	}
	return 0, errors.New("no local header after the data descriptor")
}

// zip64Sizes reads the zip64 extended information field of a local header.
func zip64Sizes(extra []byte) (c, u int64, ok bool) {
	f, ok := zipExtraField(extra, 0x0001)
	if !ok || len(f) < 16 {
		return 0, 0, false
	}
	u = int64(min(binary.LittleEndian.Uint64(f), 1<<62))
	c = int64(min(binary.LittleEndian.Uint64(f[8:]), 1<<62))
	return c, u, true
}

// localZipTime reads an MS-DOS date and time, made exact by an
// extended-timestamp field when there is one; the zone offset is then
// estimated from the difference, as archive/zip does.
func localZipTime(dosDate, dosTime uint16, extra []byte) (time.Time, bool) {
	if dosDate == 0 {
		return time.Time{}, false
	}
	wall := time.Date(int(dosDate>>9+1980), time.Month(dosDate>>5&0xf), int(dosDate&0x1f),
		int(dosTime>>11), int(dosTime>>5&0x3f), int(dosTime&0x1f*2), 0, time.UTC)
	if f, ok := zipExtraField(extra, 0x5455); ok && len(f) >= 5 && f[0]&1 != 0 {
		utc := time.Unix(int64(binary.LittleEndian.Uint32(f[1:])), 0).UTC()
		off := wall.Sub(utc).Round(15 * time.Minute)
		if off < -12*time.Hour || off > 14*time.Hour {
			off = 0
		}
		return utc.In(time.FixedZone("", int(off/time.Second))), true
	}
	return wall, false
}

// errAfter returns r's data, then err instead of io.EOF.
func errAfter(r io.Reader, err error) io.Reader { return &errAfterReader{r: r, err: err} }

type errAfterReader struct {
	r   io.Reader
	err error
}

func (e *errAfterReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		return n, e.err
	}
	return n, err
}
