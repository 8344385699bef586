package unpack_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// streamSeeds returns a tar of sampleFiles and a text, the contents the
// compressed seeds hold.
func streamSeeds() [][]byte {
	tar, _ := archivegen.Tar(sampleFiles)
	return [][]byte{tar, bytes.Repeat([]byte("proof pack sample text\n"), 200)}
}

// FuzzGzip drives klauspost/compress/gzip (header fields, multistream
// members, trailers) as the Walker opens a gzip stream.
func FuzzGzip(f *testing.F) {
	for _, b := range streamSeeds() {
		if gz, err := archivegen.Gzip("a", time.Time{}, b); err == nil {
			f.Add(gz)
			f.Add(append(bytes.Clone(gz), gz...)) // two members
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { walkUnderCeiling(t, unpack.FormatGzip, data) })
}

// FuzzBzip2 drives compress/bzip2 (block sizes, Huffman tables, the
// run-length stages) as the Walker opens a bzip2 stream.
func FuzzBzip2(f *testing.F) {
	for _, b := range streamSeeds() {
		if bz, err := archivegen.Bzip2(b); err == nil {
			f.Add(bz)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { walkUnderCeiling(t, unpack.FormatBzip2, data) })
}

// FuzzXz drives the xz decoder (therootcompany/xz: stream and block
// headers, filter chains, the LZMA2 dictionary size) as the Walker opens
// an xz stream. The header checksums are fixed before each run.
func FuzzXz(f *testing.F) {
	for _, b := range streamSeeds() {
		if xz, err := archivegen.Xz(b); err == nil {
			f.Add(xz)
			f.Add(xz[:8]) // cut inside the stream header
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { walkUnderCeiling(t, unpack.FormatXz, fixXzChecksums(data)) })
}

// FuzzZstd drives klauspost/compress/zstd with the Walker's decoder
// options (zip method 93): frame and window sizes, skippable frames,
// dictionaries IDs, block types. The input is the entry's compressed
// data, placed in a zip.
func FuzzZstd(f *testing.F) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range streamSeeds() {
		f.Add(enc.EncodeAll(b, nil))
	}
	f.Add(archivegen.ZstdFrameWindow(1 << 20))
	f.Add(archivegen.ZstdFrameWindow(256 << 20))
	f.Add(append(archivegen.ZstdFrameWindow(1<<10), archivegen.ZstdFrameWindow(64<<20)...))
	f.Fuzz(func(t *testing.T, data []byte) { walkUnderCeiling(t, unpack.FormatZip, zipOf(93, data, 6)) })
}
