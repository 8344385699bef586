package archivegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"unicode/utf16"
)

// The 7z builders below write archives byte by byte, after 7zFormat.txt
// of the 7-Zip sources, because the 7zz command refuses to write the
// headers they need. Data is stored with the Copy method, so that no
// compressor is involved; checksums are right unless a builder says
// otherwise, so a reader gets past them to the counts.

// 7z property IDs (7zFormat.txt).
const (
	sz7End              = 0x00
	sz7Header           = 0x01
	sz7MainStreamsInfo  = 0x04
	sz7FilesInfo        = 0x05
	sz7PackInfo         = 0x06
	sz7UnpackInfo       = 0x07
	sz7SubStreamsInfo   = 0x08
	sz7Size             = 0x09
	sz7CRC              = 0x0a
	sz7Folder           = 0x0b
	sz7CodersUnpackSize = 0x0c
	sz7NumUnpackStream  = 0x0d
	sz7Name             = 0x11
	sz7EncodedHeader    = 0x17
)

// sevenZipNumber appends v in the 7z NUMBER encoding: a first byte whose
// leading one bits count the bytes that follow, little-endian. With wide
// set it always takes the 4-byte form (0xF0 and four bytes) or the 8-byte
// form (0xFF and eight) when v needs it.
func sevenZipNumber(b []byte, v uint64, wide bool) []byte {
	switch {
	case wide && v <= 0xffffffff:
		return binary.LittleEndian.AppendUint32(append(b, 0xf0), uint32(v))
	case wide:
		return binary.LittleEndian.AppendUint64(append(b, 0xff), v)
	}
	for n := 0; n < 8; n++ {
		// n extra bytes leave 7-n bits of the first byte for the top of v.
		if v < uint64(1)<<(8*n+7-n) {
			mask := byte(0xff) << (8 - n)
			first := mask | byte(v>>(8*n))
			b = append(b, first)
			for i := range n {
				b = append(b, byte(v>>(8*i)))
			}
			return b
		}
	}
	return binary.LittleEndian.AppendUint64(append(b, 0xff), v)
}

// sevenZipArchive returns a 7z archive of packed (the packed streams)
// followed by header, with the start header pointing at header and both
// checksums right unless badCRC is set, in which case the header's is off
// by one.
func sevenZipArchive(packed, header []byte, badCRC bool) []byte {
	crc := crc32.ChecksumIEEE(header)
	if badCRC {
		crc++
	}
	start := make([]byte, 0, 20)
	start = binary.LittleEndian.AppendUint64(start, uint64(len(packed)))
	start = binary.LittleEndian.AppendUint64(start, uint64(len(header)))
	start = binary.LittleEndian.AppendUint32(start, crc)
	b := []byte{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c, 0, 4}
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(start))
	b = append(b, start...)
	b = append(b, packed...)
	return append(b, header...)
}

// sevenZipNames returns the kName property of names: UTF-16LE, each ended
// by a NUL.
func sevenZipNames(names ...string) []byte {
	var text []byte
	for _, n := range names {
		for _, u := range utf16.Encode([]rune(n)) {
			text = binary.LittleEndian.AppendUint16(text, u)
		}
		text = append(text, 0, 0)
	}
	b := sevenZipNumber([]byte{sz7Name}, uint64(len(text)+1), false)
	b = append(b, 0) // not external
	return append(b, text...)
}

// sevenZipCoder is one coder of a crafted folder.
type sevenZipCoder struct {
	id       []byte
	props    []byte
	in, out  uint64 // both 0: a simple coder (one in, one out)
	propSize uint64 // when set, the declared size of props instead of len(props)
}

// appendCoder writes c as a folder's coder.
func (c sevenZipCoder) appendCoder(b []byte) []byte {
	flag := byte(len(c.id))
	if c.in != 0 || c.out != 0 {
		flag |= 0x10
	}
	if c.props != nil || c.propSize != 0 {
		flag |= 0x20
	}
	b = append(b, flag)
	b = append(b, c.id...)
	if flag&0x10 != 0 {
		b = sevenZipNumber(b, c.in, false)
		b = sevenZipNumber(b, c.out, false)
	}
	if flag&0x20 != 0 {
		size := c.propSize
		if size == 0 {
			size = uint64(len(c.props))
		}
		b = sevenZipNumber(b, size, true)
		b = append(b, c.props...)
	}
	return b
}

// Method IDs of the coders used here.
var (
	sevenZipCopy  = []byte{0x00}
	sevenZipLZMA  = []byte{0x03, 0x01, 0x01}
	sevenZipLZMA2 = []byte{0x21}
	sevenZipPPMd  = []byte{0x03, 0x04, 0x01}
)

// sevenZipStreams returns a StreamsInfo (without its leading ID) of one
// pack stream of packSize bytes at packPos, unpacked by one folder of
// coder to unpackSize bytes, one substream.
func sevenZipStreams(packPos, packSize uint64, coder sevenZipCoder, unpackSize uint64) []byte {
	b := []byte{sz7PackInfo}
	b = sevenZipNumber(b, packPos, false)
	b = sevenZipNumber(b, 1, false)
	b = append(b, sz7Size)
	b = sevenZipNumber(b, packSize, false)
	b = append(b, sz7End)
	b = append(b, sz7UnpackInfo, sz7Folder)
	b = sevenZipNumber(b, 1, false)
	b = append(b, 0, 1) // not external; one coder
	b = coder.appendCoder(b)
	b = append(b, sz7CodersUnpackSize)
	b = sevenZipNumber(b, unpackSize, false)
	b = append(b, sz7End)
	return append(b, sz7End)
}

// sevenZipOneFile returns the plain header of an archive of one file,
// name, stored in one folder of coder, declaring files files.
func sevenZipOneFile(name string, packSize, unpackSize uint64, coder sevenZipCoder, files uint64) []byte {
	h := []byte{sz7Header, sz7MainStreamsInfo}
	h = append(h, sevenZipStreams(0, packSize, coder, unpackSize)...)
	h = append(h, sz7FilesInfo)
	h = sevenZipNumber(h, files, files > 1)
	h = append(h, sevenZipNames(name)...)
	return append(h, sz7End, sz7End)
}

// SevenZipBombPayload is the content of the one real file in the 7z
// bombs whose data can be read.
const SevenZipBombPayload = "hello\n"

// SevenZipDeclaredFiles returns a 7z archive of about 100 bytes that holds
// one stored file, "a.txt" (SevenZipBombPayload), in a plain header that
// declares files files. With 2^32-1 a reader that makes a slice of file
// headers from the count asks for half a terabyte (bodgit/sevenzip v1.6.5
// does, in readFilesInfo).
func SevenZipDeclaredFiles(files uint64) []byte {
	p := []byte(SevenZipBombPayload)
	h := sevenZipOneFile("a.txt", uint64(len(p)), uint64(len(p)), sevenZipCoder{id: sevenZipCopy}, files)
	return sevenZipArchive(p, h, false)
}

// SevenZipBomb is one crafted 7z archive of SevenZipBombs.
type SevenZipBomb struct {
	Name string // stable, for test tables
	What string // what it declares, and what a naive reader allocates
	Data []byte
}

// SevenZipBombs returns small 7z archives (under 300 bytes each) whose
// headers state counts or sizes that make a reader which trusts them
// allocate gigabytes: each site where bodgit/sevenzip v1.6.5 sizes memory
// from the header without checking it against the bytes that follow, and
// the decoders that size a dictionary from a coder's properties. All have
// correct checksums except "files-bad-crc", as the libarchive test files
// test_read_format_7zip_entries_oom.7z and …_malformed_numfiles_oom.7z
// have, which a reader that parses before it checks reaches all the same.
func SevenZipBombs() []SevenZipBomb {
	p := []byte(SevenZipBombPayload)
	n := uint64(len(p))
	copyCoder := sevenZipCoder{id: sevenZipCopy}

	// One folder with a coder of inputs inputs: sevenzip makes a slice of
	// that many packed-stream indices.
	wideCoder := func() []byte {
		h := []byte{sz7Header, sz7MainStreamsInfo, sz7PackInfo, 0, 1, sz7Size, byte(n), sz7End,
			sz7UnpackInfo, sz7Folder, 1, 0, 1}
		h = sevenZipCoder{id: sevenZipCopy, in: 0xffffffff, out: 1}.appendCoder(h)
		return append(h, sz7End, sz7End, sz7End)
	}
	// Pack streams declared by the billion, with "all defined" CRCs.
	packCRCs := func() []byte {
		h := []byte{sz7Header, sz7MainStreamsInfo, sz7PackInfo, 0}
		h = sevenZipNumber(h, 0xffffffff, true)
		return append(h, sz7CRC, 1, 0, 0, 0, 0, sz7End, sz7End, sz7End)
	}
	// One folder split into 2^32-1 substreams, with sizes to follow.
	substreams := func() []byte {
		h := []byte{sz7Header, sz7MainStreamsInfo}
		s := sevenZipStreams(0, n, copyCoder, n)
		h = append(h, s[:len(s)-1]...) // without the streams' end
		h = append(h, sz7SubStreamsInfo, sz7NumUnpackStream)
		h = sevenZipNumber(h, 0xffffffff, true)
		return append(h, sz7Size, 1, sz7End, sz7End, sz7End)
	}
	// An encoded header: the plain header inner, stored after the data
	// and described by a folder of coder.
	encoded := func(inner []byte, coder sevenZipCoder, declared uint64) []byte {
		packed := append(append([]byte{}, p...), inner...)
		h := []byte{sz7EncodedHeader}
		h = append(h, sevenZipStreams(n, uint64(len(inner)), coder, declared)...)
		return sevenZipArchive(packed, h, false)
	}
	plain := sevenZipOneFile("a.txt", n, n, copyCoder, 1)
	// LZMA properties: lc=3 lp=0 pb=2, then the dictionary size.
	lzmaProps := func(dict uint32) []byte { return binary.LittleEndian.AppendUint32([]byte{0x5d}, dict) }

	return []SevenZipBomb{
		{"files", "0x01E1E1E1 files, as test_read_format_7zip_entries_oom.7z: 3.8 GB of file headers",
			sevenZipArchive(p, sevenZipOneFile("a.txt", n, n, copyCoder, 0x01e1e1e1), false)},
		{"files-bad-crc", "the same with a wrong header CRC, checked after the header is read",
			sevenZipArchive(p, sevenZipOneFile("a.txt", n, n, copyCoder, 0x01e1e1e1), true)},
		{"files-max", "2^32-1 files: 515 GB of file headers, a fatal out of memory",
			SevenZipDeclaredFiles(0xffffffff)},
		{"coder-properties", "a coder with 4 GiB of properties",
			sevenZipArchive(p, sevenZipOneFile("a.txt", n, n, sevenZipCoder{id: sevenZipCopy, propSize: 0xffffffff}, 1), false)},
		{"coder-inputs", "a coder of 2^32-1 inputs: 32 GiB of stream indices",
			sevenZipArchive(p, wideCoder(), false)},
		{"pack-crcs", "2^32-1 pack streams with all CRCs defined: 20 GiB",
			sevenZipArchive(p, packCRCs(), false)},
		{"substreams", "2^32-1 substreams with sizes: 32 GiB",
			sevenZipArchive(p, substreams(), false)},
		{"lzma2-dictionary", "a file packed with LZMA2 and a 3 GiB dictionary, allocated when it is opened",
			sevenZipArchive(p, sevenZipOneFile("a.txt", n, n, sevenZipCoder{id: sevenZipLZMA2, props: []byte{39}}, 1), false)},
		{"ppmd-memory", "a file packed with PPMd and a 2 GiB model, allocated when it is opened",
			sevenZipArchive(p, sevenZipOneFile("a.txt", n, n,
				sevenZipCoder{id: sevenZipPPMd, props: binary.LittleEndian.AppendUint32([]byte{6}, 0x7fffffc0)}, 1), false)},
		{"encoded-header-dictionary", "an encoded header whose LZMA decoder asks for a 2 GiB dictionary",
			encoded(plain, sevenZipCoder{id: sevenZipLZMA, props: lzmaProps(0x7fffffff)}, 0x7fffffff)},
		{"encoded-header-size", "an encoded header that declares 1 TiB once decoded, for a reader that buffers it",
			encoded(plain, copyCoder, 1<<40)},
		{"encoded-header-files", "an encoded header holding the 2^32-1 files header",
			encoded(sevenZipOneFile("a.txt", n, n, copyCoder, 0xffffffff), copyCoder,
				uint64(len(sevenZipOneFile("a.txt", n, n, copyCoder, 0xffffffff))))},
	}
}

// SevenZipEncoded returns a well-formed 7z archive of one stored file,
// "a.txt" (SevenZipBombPayload), whose header is itself stored as a packed
// stream (an encoded header, as 7-Zip writes by default, but with the
// Copy method).
func SevenZipEncoded() []byte {
	p := []byte(SevenZipBombPayload)
	n := uint64(len(p))
	inner := sevenZipOneFile("a.txt", n, n, sevenZipCoder{id: sevenZipCopy}, 1)
	packed := append(append([]byte{}, p...), inner...)
	h := []byte{sz7EncodedHeader}
	h = append(h, sevenZipStreams(n, uint64(len(inner)), sevenZipCoder{id: sevenZipCopy}, uint64(len(inner)))...)
	return sevenZipArchive(packed, h, false)
}

// SevenZipSolidCopy returns a well-formed 7z archive of folders solid
// blocks stored with the Copy method, each holding files files of size
// bytes named "bFF-NN.bin" (block FF, file NN) whose bytes all equal
// FF*files+NN, modulo 256. A reader that pools a block's decoder between
// its files, as bodgit/sevenzip does, keeps one per block the walk leaves
// before its end.
func SevenZipSolidCopy(folders, files, size int) []byte {
	var packed []byte
	for f := range folders {
		for n := range files {
			packed = append(packed, bytes.Repeat([]byte{byte(f*files + n)}, size)...)
		}
	}
	block := uint64(files * size)
	h := []byte{sz7Header, sz7MainStreamsInfo, sz7PackInfo, 0}
	h = sevenZipNumber(h, uint64(folders), false)
	h = append(h, sz7Size)
	for range folders {
		h = sevenZipNumber(h, block, false)
	}
	h = append(h, sz7End, sz7UnpackInfo, sz7Folder)
	h = sevenZipNumber(h, uint64(folders), false)
	h = append(h, 0) // not external
	for range folders {
		h = append(h, 1)
		h = sevenZipCoder{id: sevenZipCopy}.appendCoder(h)
	}
	h = append(h, sz7CodersUnpackSize)
	for range folders {
		h = sevenZipNumber(h, block, false)
	}
	h = append(h, sz7End, sz7SubStreamsInfo, sz7NumUnpackStream)
	for range folders {
		h = sevenZipNumber(h, uint64(files), false)
	}
	h = append(h, sz7Size)
	for range folders {
		for range files - 1 {
			h = sevenZipNumber(h, uint64(size), false)
		}
	}
	h = append(h, sz7End, sz7End, sz7FilesInfo)
	h = sevenZipNumber(h, uint64(folders*files), false)
	var names []string
	for f := range folders {
		for n := range files {
			names = append(names, fmt.Sprintf("b%02d-%02d.bin", f, n))
		}
	}
	h = append(h, sevenZipNames(names...)...)
	h = append(h, sz7End, sz7End)
	return sevenZipArchive(packed, h, false)
}
