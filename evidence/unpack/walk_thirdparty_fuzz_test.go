package unpack_test

// The *_thirdparty_fuzz_test.go files drive each third-party parser this
// package calls (archive/zip, archive/tar, the gzip, bzip2, xz and zstd
// decoders, bodgit/sevenzip, nwaples/rardecode) the way the Walker calls
// it, under a memory ceiling (internal/fuzzmem): an input that makes a
// parser allocate more than its size and the limits below can justify
// fails, so that a count read from a file and trusted by a library is
// found by the fuzzer. Run one with, for example,
//
//	go test -run '^$' -fuzz '^FuzzRardecode$' -fuzztime 5m ./evidence/unpack

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/fuzzmem"
)

// ceilingLimits keep everything the limits allow well under the ceiling's
// floor (fuzzmem.DefaultFloor, 64 MiB): dictionaries and decoder windows
// of 1 MiB, 4 MiB per entry, 8 MiB per walk. What an input allocates
// beyond that is governed by no limit.
var ceilingLimits = unpack.Limits{
	MaxTotalBytes:      8 << 20,
	MaxEntryBytes:      4 << 20,
	MaxEntries:         500,
	MaxDepth:           3,
	MaxMemorySpool:     1 << 20,
	MaxDictionaryBytes: 1 << 20,
	MaxDuration:        5 * time.Second,
}

// walkUnderCeiling walks data as an archive of format, reading every entry
// to its end, under the default memory ceiling. Whatever the input, errors
// belong to this package's vocabulary.
func walkUnderCeiling(t *testing.T, format unpack.Format, data []byte) {
	t.Helper()
	tmp := t.TempDir()
	var walkErr, bodyErr error
	fuzzmem.Run(t, len(data), func() {
		w := unpack.NewWalker(unpack.Options{Limits: ceilingLimits, TempDir: tmp})
		defer w.Close()
		visit := func(ctx context.Context, e *unpack.Entry) error {
			if _, err := io.Copy(io.Discard, e); err != nil && !known(err) && bodyErr == nil {
				bodyErr = err
			}
			return nil
		}
		ctx := context.Background()
		parent := unpack.Parent{Path: "fuzz"}
		switch format {
		case unpack.FormatZip, unpack.FormatSevenZip:
			walkErr = w.WalkReaderAt(ctx, parent, format, bytes.NewReader(data), int64(len(data)), visit)
		default:
			walkErr = w.WalkStream(ctx, parent, format, bytes.NewReader(data), visit)
		}
	})
	if walkErr != nil && !known(walkErr) {
		t.Fatalf("unclassified walk error: %v", walkErr)
	}
	if bodyErr != nil {
		t.Fatalf("unclassified body error: %v", bodyErr)
	}
}

// zipOf returns a zip of one entry whose data is stored as is under
// method, then a stored "after.txt", so that the fuzzer's bytes reach the
// method's decoder.
func zipOf(method uint16, data []byte, size uint64) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "a.bin", Method: method,
		CompressedSize64: uint64(len(data)), UncompressedSize64: size, CRC32: 0})
	if err == nil {
		_, err = w.Write(data)
	}
	if err == nil {
		w, err = zw.CreateHeader(&zip.FileHeader{Name: "after.txt", Method: zip.Store})
	}
	if err == nil {
		_, err = w.Write([]byte("after\n"))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		panic(err) // an in-memory writer does not fail
	}
	return b.Bytes()
}

// FuzzArchiveZip drives archive/zip (its central directory, data
// descriptors, Zip64 records) and the decompressors the Walker registers
// on it.
func FuzzArchiveZip(f *testing.F) {
	for _, opt := range []archivegen.ZipOptions{{}, {Zip64: true}, {Encryption: archivegen.AES256, Password: "p"}} {
		if b, err := archivegen.Zip(sampleFiles, opt); err == nil {
			f.Add(b)
		}
	}
	for _, build := range []func() ([]byte, error){
		archivegen.ZipLyingSizes, archivegen.ZipDeclaredHuge,
		func() ([]byte, error) { return archivegen.ZipManyEmpty(600) },
		func() ([]byte, error) { return archivegen.ZipOverlapBomb(20, 64<<10) },
		func() ([]byte, error) { return archivegen.ZipRatioBomb(2 << 20) },
	} {
		if b, err := build(); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { walkUnderCeiling(t, unpack.FormatZip, data) })
}

// FuzzArchiveTar drives archive/tar: PAX and GNU headers, sparse maps,
// long names.
func FuzzArchiveTar(f *testing.F) {
	if b, err := archivegen.Tar(sampleFiles); err == nil {
		f.Add(b)
	}
	if b, err := archivegen.TarLinkEscapes(); err == nil {
		f.Add(b)
	}
	f.Add(paxTar(map[string]string{"path": "docs/readme.txt", "comment": "x"}))
	f.Add(paxTar(map[string]string{"path": string(bytes.Repeat([]byte("d/"), 3000)) + "a.txt"}))
	f.Fuzz(func(t *testing.T, data []byte) { walkUnderCeiling(t, unpack.FormatTar, data) })
}

// paxTar returns a tar of one file with a PAX header of records.
func paxTar(records map[string]string) []byte {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	err := tw.WriteHeader(&tar.Header{Name: "a.txt", Mode: 0o644, Size: 6, ModTime: archivegen.DefaultTime,
		PAXRecords: records, Format: tar.FormatPAX})
	if err == nil {
		_, err = tw.Write([]byte("hello\n"))
	}
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		panic(err) // the records above are valid
	}
	return b.Bytes()
}

// fixXzChecksums rewrites the CRC-32 of an xz stream header and of its
// first block header, so that mutations of their fields (the filter
// chain, the LZMA2 dictionary size) reach the decoder instead of failing
// the checksum.
func fixXzChecksums(data []byte) []byte {
	if len(data) < 13 || !bytes.HasPrefix(data, []byte("\xfd7zXZ\x00")) {
		return data
	}
	data = bytes.Clone(data)
	binary.LittleEndian.PutUint32(data[8:], crc32.ChecksumIEEE(data[6:8]))
	n := (int(data[12]) + 1) * 4
	if data[12] != 0 && 12+n <= len(data) {
		binary.LittleEndian.PutUint32(data[12+n-4:], crc32.ChecksumIEEE(data[12:12+n-4]))
	}
	return data
}
