package unpack_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// fuzzLimits keep each fuzz input cheap, so the fuzzer explores parsers
// rather than decompresses.
var fuzzLimits = unpack.Limits{
	MaxTotalBytes:  8 << 20,
	MaxEntryBytes:  4 << 20,
	MaxEntries:     500,
	MaxDepth:       3,
	MaxMemorySpool: 1 << 20,
	MaxDuration:    5 * time.Second,
}

// addSeeds adds every archive under the repository's testdata and a set of
// generated ones.
func addSeeds(f *testing.F) {
	for _, dir := range []string{"../../testdata/archives", "../../testdata/sample"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && unpack.DetectFormat(b) != "" {
				f.Add(b)
			}
		}
	}
	tar, _ := archivegen.Tar(sampleFiles)
	gz, _ := archivegen.Gzip("a", time.Time{}, tar)
	xz, _ := archivegen.Xz(tar)
	bz, _ := archivegen.Bzip2(tar)
	zip, _ := archivegen.Zip(sampleFiles, archivegen.ZipOptions{})
	zip64, _ := archivegen.Zip(sampleFiles, archivegen.ZipOptions{Zip64: true})
	enc, _ := archivegen.Zip(sampleFiles[1:2], archivegen.ZipOptions{Encryption: archivegen.AES256, Password: "p"})
	rar, _ := archivegen.Rar5(sampleFiles, "")
	links, _ := archivegen.TarLinkEscapes()
	lying, _ := archivegen.ZipLyingSizes()
	ppmd, zstd := archivegen.Rar4PPMdModel(256), archivegen.SevenZipZstdWindow(512<<20)
	for _, b := range [][]byte{tar, gz, xz, bz, zip, zip64, enc, rar, links, lying, ppmd, zstd} {
		f.Add(b)
	}
}

// FuzzWalk feeds arbitrary bytes to every format's reader. Whatever the
// input: no panic, errors wrap our sentinels, and no entry reads past the
// limits.
func FuzzWalk(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		format := unpack.DetectFormat(data)
		if format == "" {
			format = unpack.FormatZip
		}
		w := unpack.NewWalker(unpack.Options{Limits: fuzzLimits, Password: "p", TempDir: t.TempDir()})
		defer w.Close()
		err := w.WalkReaderAt(context.Background(), unpack.Parent{Path: "f"}, format, bytes.NewReader(data), int64(len(data)),
			func(ctx context.Context, e *unpack.Entry) error {
				n, rerr := io.Copy(io.Discard, e)
				if n > fuzzLimits.MaxEntryBytes {
					t.Fatalf("read %d bytes past the entry limit", n)
				}
				if rerr != nil && !known(rerr) {
					t.Fatalf("unclassified body error: %v", rerr)
				}
				return nil
			})
		if err != nil && !known(err) {
			t.Fatalf("unclassified walk error: %v", err)
		}
		if w.TotalBytes() > fuzzLimits.MaxTotalBytes {
			t.Fatalf("read %d bytes past the total limit", w.TotalBytes())
		}
	})
}

func known(err error) bool {
	for _, s := range []error{unpack.ErrFormat, unpack.ErrTruncated, unpack.ErrEncrypted, unpack.ErrPassword,
		unpack.ErrUnsupported, unpack.ErrOverlap, unpack.ErrSizeMismatch, unpack.ErrLimit, unpack.ErrPanic} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzDecodeName checks that name decoding always yields valid UTF-8
// without control characters.
func FuzzDecodeName(f *testing.F) {
	f.Add([]byte("営業"))
	f.Add([]byte{0x89, 0x63, 0x8b, 0xc6})
	f.Add([]byte("a\x00b"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		zip, err := archivegen.Zip([]archivegen.File{{RawName: raw, Data: []byte("x")}}, archivegen.ZipOptions{})
		if err != nil {
			return
		}
		w := unpack.NewWalker(unpack.Options{Limits: fuzzLimits})
		defer w.Close()
		_ = w.WalkReaderAt(context.Background(), unpack.Parent{Path: "f"}, unpack.FormatZip, bytes.NewReader(zip), int64(len(zip)),
			func(_ context.Context, e *unpack.Entry) error {
				for _, r := range e.Name {
					if r < 0x20 || r == 0x7f {
						t.Fatalf("control character %U in %q", r, e.Name)
					}
				}
				if !bytes.Equal(e.RawName, raw) && len(raw) <= 4096 {
					t.Fatalf("raw name not kept: %q vs %q", e.RawName, raw)
				}
				return nil
			})
	})
}
