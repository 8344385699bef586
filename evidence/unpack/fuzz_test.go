package unpack_test

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

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
	longNames, _ := archivegen.Tar([]archivegen.File{
		{Name: strings.Repeat("長", 1500) + ".txt", Data: []byte("x")},
		{Name: "l", Mode: fs.ModeSymlink, Link: strings.Repeat("../", 1500)},
		{Name: "after.txt", Data: []byte("y")},
	})
	ppmd, zstd := archivegen.Rar4PPMdModel(256), archivegen.SevenZipZstdWindow(512<<20)
	for _, b := range [][]byte{tar, gz, xz, bz, zip, zip64, enc, rar, links, lying, longNames, ppmd, zstd} {
		f.Add(b)
	}
	for _, b := range append(sevenZipRatioSeeds(), rarRatioSeeds()...) {
		f.Add(b)
	}
	for _, b := range tarSeeds() {
		f.Add(b)
	}
	// Compressed tars whose end is damaged (issue 11): their checks only
	// run when the stream is read past the tar.
	for _, d := range []archivegen.GzipDamage{archivegen.GzipBadCRC, archivegen.GzipBadSize, archivegen.GzipNoTrailer, archivegen.GzipTrailingGarbage} {
		f.Add(archivegen.DamageGzip(gz, d))
	}
	f.Add(append(bytes.Clone(bz), "appended"...))
	f.Add(append(bytes.Clone(tar), "appended"...))
	// Streams cut short (issue 12): inside the header, the data and the
	// trailer.
	for _, b := range [][]byte{gz, bz, xz} {
		for _, n := range []int{8, len(b) / 2, len(b) - 1} {
			f.Add(archivegen.Truncate(b, n))
		}
	}
	for _, b := range fairSeeds() {
		f.Add(b)
	}
}

// fairSeeds are the bombs of issue 12, small: a gzip that holds itself,
// unique entries of zeros under the ratio grace, the same nested once
// more, and a copy bomb.
func fairSeeds() [][]byte {
	out := [][]byte{archivegen.GzipQuine()}
	if u, err := archivegen.ZipUniqueZeros(40, 16<<10); err == nil {
		out = append(out, u)
		if nested, err := archivegen.Zip([]archivegen.File{{Name: "u.zip", Data: u}, {Name: "after.txt", Data: []byte("x")}}, archivegen.ZipOptions{}); err == nil {
			out = append(out, nested)
		}
	}
	if c, err := archivegen.ZipRecursive(4, 3, 1<<10); err == nil {
		out = append(out, c)
	}
	return out
}

// tarSeeds are the hostile tars of issue 11: extended headers over the 1
// MiB archive/tar holds, sparse files of 2 GiB in a few kilobytes, in
// every sparse format, with small holes too.
func tarSeeds() [][]byte {
	var out [][]byte
	cases, _ := archivegen.TarHostile(1<<20 + 1)
	for _, c := range cases {
		out = append(out, c.Data)
	}
	for _, format := range []string{"gnu", "0.0", "0.1", "1.0"} {
		b, _ := archivegen.TarRaw([]archivegen.TarMember{
			{Name: "small.bin", Data: []byte("abcdefgh"), Sparse: &archivegen.TarSparse{Format: format, Size: 5000,
				Regions: []archivegen.TarRegion{{Offset: 0, Length: 4}, {Offset: 4000, Length: 4}}}},
			archivegen.TarHostileAfter,
		})
		out = append(out, b)
	}
	b, _ := archivegen.TarRaw([]archivegen.TarMember{
		{Name: "bad.txt", Data: []byte("lost"), PAX: []archivegen.TarRecord{{Key: "mtime", Value: "yesterday"}}},
		{Name: "long", Data: []byte("x"), LongName: true, PAX: []archivegen.TarRecord{{Key: "path", Value: "pax/name.txt"}}},
		archivegen.TarHostileAfter,
	})
	return append(out, b)
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
		unpack.ErrUnsupported, unpack.ErrOverlap, unpack.ErrSizeMismatch, unpack.ErrLimit, unpack.ErrPanic,
		unpack.ErrTrailingData} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzTar checks the tar framing against archive/tar: wherever archive/tar
// reads an archive to its end without error, the walk lists the same
// entries with the same content (up to holes it skips), and it never
// ends the archive with ErrFormat. Where archive/tar gives up, the walk
// must not panic and must classify its errors.
func FuzzTar(f *testing.F) {
	plain, _ := archivegen.Tar(sampleFiles)
	f.Add(plain)
	links, _ := archivegen.TarLinkEscapes()
	f.Add(links)
	for _, b := range tarSeeds() {
		if len(b) < 64<<10 { // the fuzzer cannot do much with the megabyte headers
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		type member struct {
			name string
			data []byte
		}
		const maxData = 1 << 20
		var want []member
		tr := tar.NewReader(bytes.NewReader(data))
		ok := true
		for len(want) <= fuzzLimits.MaxEntries {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				ok = false
				break
			}
			b, err := io.ReadAll(io.LimitReader(tr, maxData))
			if err != nil {
				ok = false
				break
			}
			want = append(want, member{h.Name, b})
		}
		w := unpack.NewWalker(unpack.Options{Limits: fuzzLimits}) // a tar walk makes no temporary file
		defer w.Close()
		var got []member
		holes := map[int]bool{}
		err := w.WalkReaderAt(context.Background(), unpack.Parent{Path: "f"}, unpack.FormatTar, bytes.NewReader(data), int64(len(data)),
			func(ctx context.Context, e *unpack.Entry) error {
				b, rerr := io.ReadAll(io.LimitReader(e, maxData))
				if rerr != nil && !known(rerr) {
					t.Fatalf("unclassified body error: %v", rerr)
				}
				if e.Holes > 0 {
					holes[len(got)] = true
				}
				got = append(got, member{string(e.RawName), b})
				return nil
			})
		if err != nil && !known(err) {
			t.Fatalf("unclassified walk error: %v", err)
		}
		if !ok || len(want) > fuzzLimits.MaxEntries || unpack.DetectFormat(data) != unpack.FormatTar {
			return
		}
		// The walk may say more than archive/tar (trailing data, an
		// extended header without its entry at the end, a limit), but it
		// lists the same entries.
		if errors.Is(err, unpack.ErrFormat) {
			t.Fatalf("archive/tar reads %d entries, the walk fails: %v", len(want), err)
		}
		if !errors.Is(err, unpack.ErrLimit) && len(got) != len(want) {
			t.Fatalf("archive/tar reads %d entries, the walk %d (%v)", len(want), len(got), err)
		}
		for i := range min(len(got), len(want)) {
			if got[i].name != want[i].name {
				t.Fatalf("entry %d: name %q, archive/tar %q", i, got[i].name, want[i].name)
			}
			if !holes[i] && len(got[i].data) > 0 && !bytes.Equal(got[i].data, want[i].data) {
				t.Fatalf("entry %d (%q): data differs from archive/tar's", i, got[i].name)
			}
		}
	})
}

// FuzzDecodeName checks that name decoding always yields valid UTF-8
// without control characters.
func FuzzDecodeName(f *testing.F) {
	f.Add([]byte("営業"))
	f.Add([]byte{0x89, 0x63, 0x8b, 0xc6})
	f.Add([]byte("a\x00b"))
	// Names over MaxNameBytes, cut inside a character of each encoding.
	f.Add([]byte(strings.Repeat("a", 4095) + "é" + strings.Repeat("b", 100)))
	f.Add(bytes.Repeat([]byte{0x8c, 0xa9}, 2100)) // 見 in CP932
	f.Add(append(bytes.Repeat([]byte("x"), 5000), "/../y"...))
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
				if !bytes.Equal(e.RawName, raw) {
					t.Fatalf("raw name not kept: %q vs %q", e.RawName, raw)
				}
				if len(e.Name) > unpack.MaxNameBytes || !utf8.ValidString(e.Name) {
					t.Fatalf("name of %d bytes, valid UTF-8 %v", len(e.Name), utf8.ValidString(e.Name))
				}
				if long := len(raw) > unpack.MaxNameBytes; long && e.NameSHA256 == "" {
					t.Fatalf("a name of %d bytes cut without its hash", len(raw))
				}
				return nil
			})
	})
}
