package unpack_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// rarSeeds returns RAR 4 and RAR 5 archives that reach each of
// rardecode's decoders: stored files, RAR 2.0 and 2.9 (LZ and PPMd)
// streams, and RAR 5 streams with filters.
func rarSeeds() [][]byte {
	plain := sampleFiles[1:] // RAR 4 here has no links; the directory is kept by name
	noise := bytes.Repeat([]byte("proof pack sample text\n"), 8)
	var out [][]byte
	if b, err := archivegen.Rar5(sampleFiles, ""); err == nil {
		out = append(out, b)
	}
	if b, err := archivegen.Rar4(plain); err == nil {
		out = append(out, b)
	}
	out = append(out, archivegen.Rar4PPMdModel(1))
	for _, f := range []archivegen.Rar4File{
		{Name: "lz29.txt", Packed: append([]byte{0x00, 0x00}, noise...), Size: 4096, Method: 0x33},
		{Name: "lz20.txt", Packed: noise, Size: 4096, Method: 0x33, Version: 20},
		{Name: "solid.txt", Packed: noise, Size: 4096, Method: 0x33, Solid: true, Dictionary: 2},
	} {
		if b, err := archivegen.Rar4Raw([]archivegen.Rar4File{f}); err == nil {
			out = append(out, b)
		}
	}
	for method := byte(1); method <= 5; method += 2 {
		out = append(out, archivegen.Rar5Packed("a.txt", method, 0, noise, 4096))
	}
	return out
}

// fixRarChecksums rewrites the header CRCs of a RAR 4 or RAR 5 archive,
// block by block, so that mutations of header fields (methods,
// dictionary sizes, flags) reach rardecode's decoders instead of failing
// the checksum. Data is left as it is.
func fixRarChecksums(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, []byte("Rar!\x1a\x07\x00")):
		data = bytes.Clone(data)
		for pos := 7; pos+7 <= len(data); {
			flags := binary.LittleEndian.Uint16(data[pos+3:])
			size := int(binary.LittleEndian.Uint16(data[pos+5:]))
			if data[pos+2] == 0x73 && flags&0x0002 != 0 {
				size = 13 // an archive comment follows as a block of its own
			}
			if size < 7 || pos+size > len(data) {
				break
			}
			binary.LittleEndian.PutUint16(data[pos:], uint16(crc32.ChecksumIEEE(data[pos+2:pos+size])))
			next := pos + size
			if flags&0x8000 != 0 && size >= 11 {
				next += int(binary.LittleEndian.Uint32(data[pos+7:]))
			}
			if next <= pos || next > len(data) {
				break
			}
			pos = next
		}
	case bytes.HasPrefix(data, []byte("Rar!\x1a\x07\x01\x00")):
		data = bytes.Clone(data)
		for pos := 8; pos+5 <= len(data); {
			size, n := binary.Uvarint(data[pos+4:])
			if n <= 0 || size == 0 || size > uint64(len(data)) {
				break
			}
			end := pos + 4 + n + int(size)
			if end > len(data) {
				break
			}
			binary.LittleEndian.PutUint32(data[pos:], crc32.ChecksumIEEE(data[pos+4:end]))
			h := data[pos+4+n : end]
			_, k1 := binary.Uvarint(h) // type
			if k1 <= 0 {
				break
			}
			flags, k2 := binary.Uvarint(h[k1:])
			if k2 <= 0 {
				break
			}
			k := k1 + k2
			if flags&0x0001 != 0 { // extra area size
				_, k3 := binary.Uvarint(h[k:])
				if k3 <= 0 {
					break
				}
				k += k3
			}
			var dataSize uint64
			if flags&0x0002 != 0 {
				var k4 int
				if dataSize, k4 = binary.Uvarint(h[k:]); k4 <= 0 {
					break
				}
			}
			if dataSize > uint64(len(data)-end) {
				break
			}
			pos = end + int(dataSize)
		}
	}
	return data
}

// FuzzRardecode drives nwaples/rardecode/v2 as the Walker calls it,
// reading every file: RAR 4 and RAR 5 headers, the RAR 2.0, 2.9 (LZ, PPMd,
// VM filters) and 5.0 decoders. The header CRCs are fixed before each run.
func FuzzRardecode(f *testing.F) {
	for _, b := range rarSeeds() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		walkUnderCeiling(t, unpack.FormatRar, fixRarChecksums(data))
	})
}
