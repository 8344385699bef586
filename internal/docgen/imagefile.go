package docgen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"sort"
	"strings"
	"time"
)

// PNG encodes img as PNG and adds one text chunk per entry of textChunks,
// placed right after IHDR in key order. Values that fit Latin-1 go into
// tEXt chunks; others into uncompressed iTXt chunks (UTF-8). Keys must be
// 1 to 79 printable Latin-1 characters.
func PNG(img image.Image, textChunks map[string]string) ([]byte, error) {
	if img == nil {
		return nil, fmt.Errorf("png: nil image")
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("png: encode: %w", err)
	}
	if len(textChunks) == 0 {
		return buf.Bytes(), nil
	}
	keys := make([]string, 0, len(textChunks))
	for k := range textChunks {
		if len(k) == 0 || len(k) > 79 || !isLatin1(k) || strings.ContainsRune(k, 0) {
			return nil, fmt.Errorf("png: invalid text keyword %q", k)
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var chunks bytes.Buffer
	for _, k := range keys {
		v := textChunks[k]
		if isLatin1(v) {
			data := append([]byte(latin1(k)), 0)
			data = append(data, latin1(v)...)
			writePNGChunk(&chunks, "tEXt", data)
			continue
		}
		// iTXt: keyword, NUL, compression flag 0, method 0, empty language
		// tag and translated keyword (each NUL-terminated), UTF-8 text.
		data := append([]byte(latin1(k)), 0, 0, 0, 0, 0)
		data = append(data, v...)
		writePNGChunk(&chunks, "iTXt", data)
	}
	raw := buf.Bytes()
	// Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC).
	const ihdrEnd = 8 + 25
	if len(raw) < ihdrEnd || string(raw[12:16]) != "IHDR" {
		return nil, fmt.Errorf("png: unexpected encoder output")
	}
	out := make([]byte, 0, len(raw)+chunks.Len())
	out = append(out, raw[:ihdrEnd]...)
	out = append(out, chunks.Bytes()...)
	out = append(out, raw[ihdrEnd:]...)
	return out, nil
}

// writePNGChunk appends one chunk with its length and CRC.
func writePNGChunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// isLatin1 reports whether every rune of s is in ISO 8859-1.
func isLatin1(s string) bool {
	for _, r := range s {
		if r > 0xff {
			return false
		}
	}
	return true
}

// latin1 converts a Latin-1-only string to its single-byte form.
func latin1(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// EXIFSpec is the Exif metadata JPEG writes. Empty fields are left out;
// when DateTimeOriginal is zero and OffsetTimeOriginal empty, no Exif
// sub-IFD is written at all (IFD0 only).
type EXIFSpec struct {
	Make      string
	Model     string
	Software  string
	Artist    string
	Copyright string
	// DateTime is the file change date (tag 0x0132).
	DateTime time.Time
	// DateTimeOriginal is written in its own zone's wall clock.
	DateTimeOriginal time.Time
	// OffsetTimeOriginal such as "+09:00"; derived from
	// DateTimeOriginal's zone when empty and that time is set.
	OffsetTimeOriginal string
}

// JPEG encodes img at quality (1-100) and, when exif is not nil, inserts
// an APP1 Exif segment right after SOI. The Exif block is a little-endian
// TIFF structure written by hand.
func JPEG(img image.Image, quality int, exif *EXIFSpec) ([]byte, error) {
	if img == nil {
		return nil, fmt.Errorf("jpeg: nil image")
	}
	if quality < 1 || quality > 100 {
		return nil, fmt.Errorf("jpeg: quality %d out of range 1-100", quality)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("jpeg: encode: %w", err)
	}
	raw := buf.Bytes()
	if exif == nil {
		return raw, nil
	}
	tiff, err := exifTIFF(*exif)
	if err != nil {
		return nil, err
	}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	if len(payload)+2 > 0xffff {
		return nil, fmt.Errorf("jpeg: exif block too large (%d bytes)", len(payload))
	}
	out := make([]byte, 0, len(raw)+len(payload)+4)
	out = append(out, raw[:2]...) // SOI
	out = append(out, 0xff, 0xe1)
	out = binary.BigEndian.AppendUint16(out, uint16(len(payload)+2))
	out = append(out, payload...)
	out = append(out, raw[2:]...)
	return out, nil
}

// TIFF field types used here.
const (
	tiffASCII     = 2
	tiffLong      = 4
	tiffUndefined = 7
)

// tiffEntry is one IFD entry with its value bytes.
type tiffEntry struct {
	tag   uint16
	typ   uint16
	count uint32
	value []byte
}

// asciiEntry makes a NUL-terminated ASCII entry.
func asciiEntry(tag uint16, s string) tiffEntry {
	v := append([]byte(s), 0)
	return tiffEntry{tag: tag, typ: tiffASCII, count: uint32(len(v)), value: v}
}

// exifDate is the Exif date layout.
const exifDate = "2006:01:02 15:04:05"

// exifTIFF lays out IFD0, then its out-of-line values, then the Exif IFD
// and its values. Entries are in ascending tag order as TIFF requires.
func exifTIFF(e EXIFSpec) ([]byte, error) {
	for _, s := range []string{e.Make, e.Model, e.Software, e.Artist, e.Copyright, e.OffsetTimeOriginal} {
		if !isASCII(s) {
			return nil, fmt.Errorf("jpeg: exif text %q is not printable ASCII", s)
		}
	}
	var ifd0, sub []tiffEntry
	add := func(list *[]tiffEntry, tag uint16, s string) {
		if s != "" {
			*list = append(*list, asciiEntry(tag, s))
		}
	}
	add(&ifd0, 0x010f, e.Make)
	add(&ifd0, 0x0110, e.Model)
	add(&ifd0, 0x0131, e.Software)
	if !e.DateTime.IsZero() {
		add(&ifd0, 0x0132, e.DateTime.Format(exifDate))
	}
	add(&ifd0, 0x013b, e.Artist)
	add(&ifd0, 0x8298, e.Copyright)

	off := e.OffsetTimeOriginal
	if off == "" && !e.DateTimeOriginal.IsZero() {
		off = e.DateTimeOriginal.Format("-07:00")
	}
	if !e.DateTimeOriginal.IsZero() || off != "" {
		sub = append(sub, tiffEntry{tag: 0x9000, typ: tiffUndefined, count: 4, value: []byte("0232")})
		if !e.DateTimeOriginal.IsZero() {
			add(&sub, 0x9003, e.DateTimeOriginal.Format(exifDate))
		}
		add(&sub, 0x9011, off)
	}
	if len(ifd0) == 0 && len(sub) == 0 {
		return nil, fmt.Errorf("jpeg: empty exif spec")
	}

	le := binary.LittleEndian
	out := []byte{'I', 'I', 42, 0, 8, 0, 0, 0}
	// writeIFD appends an IFD at the current end; pointerTo receives the
	// index of the Exif pointer value to patch later, or -1.
	writeIFD := func(entries []tiffEntry, withExifPtr bool) int {
		n := len(entries)
		if withExifPtr {
			n++
		}
		start := len(out)
		dataAt := start + 2 + 12*n + 4
		out = le.AppendUint16(out, uint16(n))
		var data []byte
		ptrIndex := -1
		emit := func(t tiffEntry) {
			out = le.AppendUint16(out, t.tag)
			out = le.AppendUint16(out, t.typ)
			out = le.AppendUint32(out, t.count)
			if len(t.value) <= 4 {
				v := make([]byte, 4)
				copy(v, t.value)
				out = append(out, v...)
				return
			}
			out = le.AppendUint32(out, uint32(dataAt+len(data)))
			data = append(data, t.value...)
			if len(data)%2 == 1 {
				data = append(data, 0) // values start on word boundaries
			}
		}
		for _, t := range entries {
			emit(t)
		}
		if withExifPtr {
			out = le.AppendUint16(out, 0x8769)
			out = le.AppendUint16(out, tiffLong)
			out = le.AppendUint32(out, 1)
			ptrIndex = len(out)
			out = le.AppendUint32(out, 0)
		}
		out = le.AppendUint32(out, 0) // no next IFD
		out = append(out, data...)
		return ptrIndex
	}
	ptr := writeIFD(ifd0, len(sub) > 0)
	if len(sub) > 0 {
		le.PutUint32(out[ptr:], uint32(len(out)))
		writeIFD(sub, false)
	}
	return out, nil
}
