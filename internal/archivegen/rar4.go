package archivegen

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strings"
)

// RAR 1.5–4.x values, from the RAR 4.x archive format technote
// (technote.txt of RAR 4).
const (
	rar4Marker = "Rar!\x1a\x07\x00"

	rar4HeadMain = 0x73
	rar4HeadFile = 0x74
	rar4HeadEnd  = 0x7b

	rar4LongBlock = 0x8000 // ADD_SIZE follows the header: the block has data
	rar4FileSolid = 0x0010 // the file continues the previous one's dictionary
	rar4FileDir   = 0x00e0 // dictionary bits all set: a directory

	rar4HostUnix = 3

	// Unpack versions and methods.
	rar4Ver20       = 20
	rar4Ver29       = 29
	rar4MethodStore = 0x30
	rar4MethodBest  = 0x35
)

// Rar4File is one file of a RAR 4 archive written by Rar4Raw, with its
// packed data given as is.
type Rar4File struct {
	Name string
	// Packed is the file's data as stored: the raw bytes for method
	// store, or a compressed stream.
	Packed []byte
	// Size is the unpacked size the header declares.
	Size uint32
	// Version is the unpack version (15, 20, 26, 29); 0 means 20 for
	// stored files and 29 otherwise.
	Version byte
	// Method is 0x30 (store) to 0x35 (best); 0 means store.
	Method byte
	// Dictionary is the window bits of the header flags (0 for 64 KiB
	// to 6 for 4 MiB).
	Dictionary byte
	// Solid sets the file's solid flag.
	Solid bool
	// CRC is the CRC-32 of the unpacked data the header declares; for a
	// stored file it is computed when zero.
	CRC uint32
}

// Rar4 returns a RAR 4 archive of files using the store method: the marker,
// the main archive header, one file header per entry followed by its data,
// and the end of archive header. Names are written as stored (no Unicode
// flag: ASCII and UTF-8 names read back the same); directories set the
// directory bits. Links are not supported.
func Rar4(files []File) ([]byte, error) {
	raw := make([]Rar4File, 0, len(files))
	for i := range files {
		f := &files[i]
		if f.Link != "" {
			return nil, fmt.Errorf("%w: rar4 links", ErrInvalid)
		}
		r := Rar4File{Name: string(f.name()), Packed: f.Data, Size: uint32(len(f.Data)), Method: rar4MethodStore}
		if f.isDir() {
			r.Dictionary = 7
		}
		raw = append(raw, r)
	}
	return Rar4Raw(raw)
}

// Rar4Raw returns a RAR 4 archive of files whose packed data, sizes,
// versions and methods are written as given, with every header's CRC right,
// so that a reader gets past the headers to the data.
func Rar4Raw(files []Rar4File) ([]byte, error) {
	out := []byte(rar4Marker)
	out = append(out, rar4Header(rar4HeadMain, 0, make([]byte, 6))...)
	for _, f := range files {
		if f.Name == "" || len(f.Name) > 0xffff-64 {
			return nil, fmt.Errorf("%w: rar4 name of %d bytes", ErrInvalid, len(f.Name))
		}
		method, version := f.Method, f.Version
		if method == 0 {
			method = rar4MethodStore
		}
		if method < rar4MethodStore || method > rar4MethodBest || f.Dictionary > 7 {
			return nil, fmt.Errorf("%w: rar4 method %#x, dictionary %d", ErrInvalid, method, f.Dictionary)
		}
		if version == 0 {
			version = rar4Ver29
			if method == rar4MethodStore {
				version = rar4Ver20
			}
		}
		crc := f.CRC
		if crc == 0 && method == rar4MethodStore {
			crc = crc32.ChecksumIEEE(f.Packed)
		}
		flags := uint16(rar4LongBlock) | uint16(f.Dictionary)<<5
		if f.Solid {
			flags |= rar4FileSolid
		}
		name := strings.ReplaceAll(f.Name, "/", "\\")
		var b []byte
		b = binary.LittleEndian.AppendUint32(b, uint32(len(f.Packed))) // PACK_SIZE
		b = binary.LittleEndian.AppendUint32(b, f.Size)                // UNP_SIZE
		b = append(b, rar4HostUnix)
		b = binary.LittleEndian.AppendUint32(b, crc)
		b = binary.LittleEndian.AppendUint32(b, rar4DOSTime())
		b = append(b, version, method)
		b = binary.LittleEndian.AppendUint16(b, uint16(len(name)))
		attr := uint32(0o100644)
		if f.Dictionary == 7 {
			attr = 0o40755
		}
		b = binary.LittleEndian.AppendUint32(b, attr)
		b = append(b, name...)
		out = append(out, rar4Header(rar4HeadFile, flags, b)...)
		out = append(out, f.Packed...)
	}
	out = append(out, rar4Header(rar4HeadEnd, 0x4000, nil)...)
	return out, nil
}

// rar4Header returns a block: HEAD_CRC (the low 16 bits of the CRC-32 of
// what follows it), HEAD_TYPE, HEAD_FLAGS, HEAD_SIZE and the rest.
func rar4Header(htype byte, flags uint16, rest []byte) []byte {
	h := []byte{0, 0, htype}
	h = binary.LittleEndian.AppendUint16(h, flags)
	h = binary.LittleEndian.AppendUint16(h, uint16(7+len(rest)))
	h = append(h, rest...)
	binary.LittleEndian.PutUint16(h, uint16(crc32.ChecksumIEEE(h[2:])))
	return h
}

// rar4DOSTime is DefaultTime as an MS-DOS date and time.
func rar4DOSTime() uint32 {
	t := DefaultTime
	date := uint32(t.Year()-1980)<<9 | uint32(t.Month())<<5 | uint32(t.Day())
	clock := uint32(t.Hour())<<11 | uint32(t.Minute())<<5 | uint32(t.Second()/2)
	return date<<16 | clock
}

// Rar3PPMdBlock returns the start of a RAR 3 (unpack version 2.9) block
// that switches to PPMd and resets its model with modelMiB MiB of memory
// (1 to 256), order 8, followed by filler for the range decoder. A decoder
// sizes the model from that byte before it decodes anything.
func Rar3PPMdBlock(modelMiB int) []byte {
	if modelMiB < 1 || modelMiB > 256 {
		panic(fmt.Sprintf("archivegen: PPMd model of %d MiB", modelMiB))
	}
	// First byte: the PPM flag (bit 7), the reset flag (0x20) and the
	// model order minus one (7) in the low five bits. Then the memory in
	// MiB minus one, then the range coder's first four bytes.
	b := []byte{0x80 | 0x20 | 7, byte(modelMiB - 1)}
	return append(b, detBytes("rar3/ppmd", 60)...)
}

// Rar4PPMdModel returns a RAR 4 archive of three files: a stored
// "before.txt", a file of unpack version 2.9 whose packed data is a PPMd
// block asking for a model of modelMiB MiB (Rar3PPMdBlock), and a stored
// "after.txt". It is about 200 bytes whatever the model size.
func Rar4PPMdModel(modelMiB int) []byte {
	b, err := Rar4Raw([]Rar4File{
		{Name: "before.txt", Packed: []byte("before the PPMd block\n"), Size: 22},
		{Name: "model.txt", Packed: Rar3PPMdBlock(modelMiB), Size: 1 << 20, Method: rar4MethodBest},
		{Name: "after.txt", Packed: []byte("after the PPMd block\n"), Size: 21},
	})
	if err != nil {
		panic(err) // the arguments above are valid
	}
	return b
}

// Rar5Packed returns a RAR 5 archive of one file, name, whose data area
// holds packed as is, declared as compressed with method (1 to 5) and a
// dictionary of 128 KiB << dictLog, of size bytes unpacked, then a stored
// "after.txt". Headers carry right CRCs; the file's CRC is not recorded.
func Rar5Packed(name string, method, dictLog byte, packed []byte, size uint64) []byte {
	w := &rar5Writer{out: []byte(rar5Signature)}
	_ = w.writeHeader(rar5Header(rar5HeadMain, 0, nil, 0, rar5AppendVint(nil, 0)))
	var body []byte
	body = rar5AppendVint(body, rar5FileMtime)
	body = rar5AppendVint(body, size)
	body = rar5AppendVint(body, 0o644)
	body = binary.LittleEndian.AppendUint32(body, uint32(DefaultTime.Unix()))
	body = rar5AppendVint(body, uint64(method&7)<<7|uint64(dictLog&0x1f)<<10)
	body = rar5AppendVint(body, rar5HostUnix)
	body = rar5AppendVint(body, uint64(len(name)))
	body = append(body, name...)
	_ = w.writeHeader(rar5Header(rar5HeadFile, rar5HasData, nil, uint64(len(packed)), body))
	w.out = append(w.out, packed...)
	_ = w.writeFile(&File{Name: "after.txt", Data: []byte("after\n")}, 1)
	_ = w.writeHeader(rar5Header(rar5HeadEnd, 0, nil, 0, rar5AppendVint(nil, 0)))
	return w.out
}
