package unpack_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	dsbzip2 "github.com/dsnet/compress/bzip2"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz/lzma"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// 7z method IDs of the coders the seeds use (7-Zip's Methods.txt, and
// 7-Zip ZS for zstd, brotli and lz4).
var (
	szSeedLZMA    = []byte{0x03, 0x01, 0x01}
	szSeedLZMA2   = []byte{0x21}
	szSeedPPMd    = []byte{0x03, 0x04, 0x01}
	szSeedDeflate = []byte{0x04, 0x01, 0x08}
	szSeedBzip2   = []byte{0x04, 0x02, 0x02}
	szSeedDelta   = []byte{0x03}
	szSeedZstd    = []byte{0x04, 0xf7, 0x11, 0x01}
	szSeedBrotli  = []byte{0x04, 0xf7, 0x11, 0x02}
	szSeedLZ4     = []byte{0x04, 0xf7, 0x11, 0x04}
)

// sevenZipCoderSeeds returns 7z archives of one file packed by each coder
// bodgit/sevenzip reads, so that the fuzzer starts inside every decoder.
func sevenZipCoderSeeds(tb testing.TB) [][]byte {
	text := bytes.Repeat([]byte("proof pack sample text\n"), 100)
	size := uint64(len(text))
	var out [][]byte
	add := func(id, props, packed []byte) {
		out = append(out, archivegen.SevenZipCoded("a.txt", id, props, packed, size))
	}

	var b bytes.Buffer
	w, err := lzma.WriterConfig{DictCap: 64 << 10, Size: int64(size)}.NewWriter(&b)
	if err == nil {
		_, _ = w.Write(text)
		err = w.Close()
	}
	if err != nil || b.Len() < 13 {
		tb.Fatalf("lzma: %v", err)
	}
	add(szSeedLZMA, b.Bytes()[:5], b.Bytes()[13:]) // properties and dictionary, then the raw stream

	b.Reset()
	w2, err := lzma.Writer2Config{DictCap: 1 << 20}.NewWriter2(&b)
	if err == nil {
		_, _ = w2.Write(text)
		err = w2.Close()
	}
	if err != nil {
		tb.Fatalf("lzma2: %v", err)
	}
	add(szSeedLZMA2, []byte{16}, b.Bytes()) // 16: a 1 MiB dictionary

	b.Reset()
	fw, _ := flate.NewWriter(&b, flate.BestCompression)
	_, _ = fw.Write(text)
	_ = fw.Close()
	add(szSeedDeflate, nil, b.Bytes())

	b.Reset()
	bw, _ := dsbzip2.NewWriter(&b, nil)
	_, _ = bw.Write(text)
	_ = bw.Close()
	add(szSeedBzip2, nil, b.Bytes())

	enc, _ := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	add(szSeedZstd, nil, enc.EncodeAll(text, nil))
	add(szSeedZstd, nil, archivegen.ZstdFrameWindow(1<<20))

	// Order 6, a 1 MiB model; the stream is noise for the decoder to chew.
	add(szSeedPPMd, []byte{6, 0, 0, 0x10, 0}, text[:64])
	add(szSeedDelta, []byte{0}, text)
	add(szSeedBrotli, nil, append([]byte{0x0b, 0x02, 0x80}, text[:64]...))
	add(szSeedLZ4, nil, append([]byte{0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7}, text[:64]...))
	return out
}

// fixSevenZipChecksums rewrites the CRC-32 of a 7z start header and of the
// header it points to, so that mutations of the header's fields reach
// bodgit/sevenzip instead of failing the checksum.
func fixSevenZipChecksums(data []byte) []byte {
	if len(data) < 32 || !bytes.HasPrefix(data, []byte("7z\xbc\xaf\x27\x1c")) {
		return data
	}
	data = bytes.Clone(data)
	off, n := binary.LittleEndian.Uint64(data[12:]), binary.LittleEndian.Uint64(data[20:])
	if avail := uint64(len(data) - 32); off <= avail && n <= avail-off {
		binary.LittleEndian.PutUint32(data[28:], crc32.ChecksumIEEE(data[32+off:32+off+n]))
	}
	binary.LittleEndian.PutUint32(data[8:], crc32.ChecksumIEEE(data[12:32]))
	return data
}

// FuzzSevenZip drives bodgit/sevenzip as the Walker calls it, after
// check7z, and reads every file, so that each folder's decoders run:
// LZMA, LZMA2, PPMd, deflate, bzip2, delta, zstd, brotli, lz4. The header
// checksums are fixed before each run.
func FuzzSevenZip(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "archives", "*.7z"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, b := range archivegen.SevenZipBombs() {
		f.Add(b.Data)
	}
	f.Add(archivegen.SevenZipEncoded())
	f.Add(archivegen.SevenZipDeclaredFiles(3))
	f.Add(archivegen.SevenZipSolidCopy(3, 6, 100))
	for _, b := range sevenZipCoderSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		walkUnderCeiling(t, unpack.FormatSevenZip, fixSevenZipChecksums(data))
	})
}
