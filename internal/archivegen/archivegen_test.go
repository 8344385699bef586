package archivegen

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	stdbzip2 "compress/bzip2"

	"github.com/bodgit/sevenzip"
	"github.com/nwaples/rardecode/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/ulikunitz/xz"

	"github.com/proofpack/proofpack/internal/oracle"
	"github.com/proofpack/proofpack/internal/testenv"
)

// shiftJISName is "見積書.txt" in Shift_JIS (CP932).
var shiftJISName = []byte{0x8c, 0xa9, 0x90, 0xcf, 0x8f, 0x91, '.', 't', 'x', 't'}

// sampleFiles is the content of the well-formed archive tests.
var sampleFiles = []File{
	{Name: "docs", Mode: fs.ModeDir | 0o755},
	{Name: "docs/report.txt", Data: []byte("Quarterly report of Example Corp (fictional)\n")},
	{Name: "docs/見積書.txt", UTF8: true, Data: []byte("御見積書 サンプル商事\n"), Modified: time.Date(2020, 12, 24, 23, 59, 58, 0, time.UTC)},
	{RawName: shiftJISName, Data: []byte("Shift_JIS named file\n")},
	{Name: "stored.bin", Store: true, Data: bytes.Repeat([]byte{0xAB}, 300)},
	{Name: "empty.txt"},
	{Name: "script.sh", Mode: 0o755, Data: []byte("#!/bin/sh\necho fictional\n")},
	{Name: "link", Mode: fs.ModeSymlink, Link: "docs/report.txt"},
}

// readZip opens b with archive/zip.
func readZip(t *testing.T, b []byte) *zip.Reader {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	return zr
}

// readZipFile returns the content of f.
func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func TestZip(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  ZipOptions
	}{
		{"default", ZipOptions{}},
		{"zip64", ZipOptions{Zip64: true}},
		{"dos-time-only", ZipOptions{DOSTimeOnly: true}},
		{"comment", ZipOptions{Comment: "Proof of breach. Fictional."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Zip(sampleFiles, tc.opt)
			require.NoError(t, err)
			again, err := Zip(sampleFiles, tc.opt)
			require.NoError(t, err)
			assert.Equal(t, b, again, "deterministic")
			assert.Equal(t, tc.opt.Zip64, bytes.Contains(b, []byte("PK\x06\x06")), "zip64 end record")

			zr := readZip(t, b)
			assert.Equal(t, tc.opt.Comment, zr.Comment)
			require.Len(t, zr.File, len(sampleFiles))
			for i, want := range sampleFiles {
				f := zr.File[i]
				wantName := string(want.name())
				if want.isDir() {
					wantName += "/"
				}
				assert.Equal(t, wantName, f.Name)
				assert.Equal(t, want.UTF8, f.Flags&zipFlagUTF8 != 0, wantName)
				if want.RawName != nil {
					assert.True(t, f.NonUTF8, "Shift_JIS name is flagged non-UTF-8")
				}
				assert.Equal(t, want.isDir(), f.Mode().IsDir(), wantName)
				assert.Equal(t, want.perm(), f.Mode().Perm(), wantName)
				assert.Equal(t, want.isSymlink(), f.Mode()&fs.ModeSymlink != 0, wantName)
				if tc.opt.DOSTimeOnly {
					m := want.modified()
					wall := time.Date(m.Year(), m.Month(), m.Day(), m.Hour(), m.Minute(), m.Second()&^1, 0, time.UTC)
					assert.True(t, wall.Equal(f.Modified), "%s: %v", wantName, f.Modified)
				} else {
					assert.True(t, want.modified().Equal(f.Modified), "%s: %v", wantName, f.Modified)
				}
				wantMethod := uint16(zip.Deflate)
				if want.Store || want.isDir() || want.isSymlink() {
					wantMethod = zip.Store
				}
				assert.Equal(t, wantMethod, f.Method, wantName)
				if want.isDir() {
					continue
				}
				data, err := readZipFile(f)
				require.NoError(t, err, wantName)
				if want.isSymlink() {
					assert.Equal(t, want.Link, string(data))
				} else {
					assert.Equal(t, string(want.Data), string(data), wantName)
				}
			}
		})
	}
}

func TestZipEncrypted(t *testing.T) {
	files := sampleFiles[:7] // no symlink: 7zz would try to create it
	for _, tc := range []struct {
		name   string
		enc    ZipEncryption
		method uint16
	}{
		{"zipcrypto", ZipCrypto, zip.Deflate},
		{"aes256", AES256, zipAES},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Zip(files, ZipOptions{Encryption: tc.enc, Password: FixturePassword})
			require.NoError(t, err)
			again, err := Zip(files, ZipOptions{Encryption: tc.enc, Password: FixturePassword})
			require.NoError(t, err)
			assert.Equal(t, b, again, "deterministic")

			zr := readZip(t, b)
			for i, f := range zr.File {
				if files[i].isDir() {
					assert.Zero(t, f.Flags&zipFlagEncrypted)
					continue
				}
				assert.NotZero(t, f.Flags&zipFlagEncrypted, f.Name)
				if files[i].Store {
					continue
				}
				assert.Equal(t, tc.method, f.Method, f.Name)
			}

			// 7zz is the outside oracle: it must decrypt every entry, and
			// refuse a wrong password (its runs are kept in testdata/oracle).
			golden := func(label string) string {
				return filepath.Join("testdata", "oracle", "TestZipEncrypted."+tc.name+".a.zip."+label+".json")
			}
			rec := oracle.Run(t, oracle.Spec{Tool: oracle.SevenZip, Args: []string{"x", "-p" + FixturePassword, "-oout", oracle.In},
				Name: "a.zip", Data: b, Golden: golden("7zz-x")})
			require.Zero(t, rec.ExitCode, "%s%s", rec.Stdout(), rec.Stderr())
			for _, f := range files {
				if f.isDir() || f.RawName != nil {
					continue
				}
				got, ok := rec.Files["out/"+f.Name]
				require.True(t, ok, "7zz did not extract %s", f.Name)
				sum := sha256.Sum256(f.Data)
				assert.Equal(t, hex.EncodeToString(sum[:]), got.SHA256, f.Name)
				assert.Equal(t, int64(len(f.Data)), got.Size, f.Name)
			}
			rec = oracle.Run(t, oracle.Spec{Tool: oracle.SevenZip, Args: []string{"t", "-pwrong", oracle.In},
				Name: "a.zip", Data: b, Golden: golden("7zz-t-wrong")})
			assert.NotZero(t, rec.ExitCode, "%s", rec.Stdout())
		})
	}
	t.Run("no-password", func(t *testing.T) {
		_, err := Zip(files, ZipOptions{Encryption: AES256})
		require.ErrorIs(t, err, ErrInvalid)
	})
}

func TestTar(t *testing.T) {
	files := append(append([]File(nil), sampleFiles...), File{Name: "hard", Hardlink: true, Link: "docs/report.txt"})
	b, err := Tar(files)
	require.NoError(t, err)
	again, err := Tar(files)
	require.NoError(t, err)
	assert.Equal(t, b, again)

	tr := tar.NewReader(bytes.NewReader(b))
	for _, want := range files {
		h, err := tr.Next()
		require.NoError(t, err)
		name := string(want.name())
		wantType := byte(tar.TypeReg)
		switch {
		case want.Hardlink:
			wantType = tar.TypeLink
		case want.isSymlink():
			wantType = tar.TypeSymlink
		case want.isDir():
			wantType = tar.TypeDir
			name += "/"
		}
		assert.Equal(t, name, h.Name)
		assert.Equal(t, wantType, h.Typeflag, name)
		assert.Equal(t, want.Link, h.Linkname, name)
		assert.Equal(t, int64(want.perm()), h.Mode, name)
		assert.True(t, want.modified().Equal(h.ModTime), name)
		data, err := io.ReadAll(tr)
		require.NoError(t, err)
		assert.Equal(t, len(want.Data), len(data), name)
		if wantType == tar.TypeReg {
			assert.Equal(t, string(want.Data), string(data), name)
		}
	}
	_, err = tr.Next()
	assert.ErrorIs(t, err, io.EOF)
}

func TestStreams(t *testing.T) {
	data := bytes.Repeat([]byte("顧客番号,氏名\n1001,山田 花子\n"), 200)
	t.Run("gzip", func(t *testing.T) {
		mod := time.Date(2021, 4, 1, 12, 0, 0, 0, time.UTC)
		for _, name := range []string{"customers.csv", "顧客.csv"} {
			b, err := Gzip(name, mod, data)
			require.NoError(t, err)
			zr, err := gzip.NewReader(bytes.NewReader(b))
			require.NoError(t, err)
			got, err := io.ReadAll(zr)
			require.NoError(t, err)
			assert.Equal(t, data, got)
			assert.True(t, mod.Equal(zr.ModTime))
			assert.Equal(t, byte(3), zr.OS)
			// compress/gzip decodes Latin-1: map the runes back to bytes.
			raw := make([]byte, 0, len(zr.Name))
			for _, r := range zr.Name {
				raw = append(raw, byte(r))
			}
			assert.Equal(t, name, string(raw))
		}
		b, err := Gzip("", time.Time{}, nil)
		require.NoError(t, err)
		zr, err := gzip.NewReader(bytes.NewReader(b))
		require.NoError(t, err)
		assert.True(t, DefaultTime.Equal(zr.ModTime))
		_, err = Gzip("a\x00b", time.Time{}, nil)
		assert.ErrorIs(t, err, ErrInvalid)
	})
	for _, tc := range []struct {
		name   string
		build  func([]byte) ([]byte, error)
		reader func([]byte) (io.Reader, error)
	}{
		{"bzip2", Bzip2, func(b []byte) (io.Reader, error) { return stdbzip2.NewReader(bytes.NewReader(b)), nil }},
		{"xz", Xz, func(b []byte) (io.Reader, error) { return xz.NewReader(bytes.NewReader(b)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.build(data)
			require.NoError(t, err)
			again, err := tc.build(data)
			require.NoError(t, err)
			assert.Equal(t, b, again)
			r, err := tc.reader(b)
			require.NoError(t, err)
			got, err := io.ReadAll(r)
			require.NoError(t, err)
			assert.Equal(t, data, got)
		})
	}
}

func TestZipRatioBomb(t *testing.T) {
	const size = 8 << 20
	b, err := ZipRatioBomb(size)
	require.NoError(t, err)
	zr := readZip(t, b)
	require.Len(t, zr.File, 1)
	f := zr.File[0]
	assert.Equal(t, uint64(size), f.UncompressedSize64)
	assert.Greater(t, f.UncompressedSize64/f.CompressedSize64, uint64(500), "ratio")
	n, err := io.Copy(io.Discard, mustOpen(t, f))
	require.NoError(t, err, "CRC and size check out")
	assert.Equal(t, int64(size), n)

	_, err = ZipRatioBomb(-1)
	assert.ErrorIs(t, err, ErrInvalid)
}

// mustOpen opens f or fails the test.
func mustOpen(t *testing.T, f *zip.File) io.Reader {
	t.Helper()
	rc, err := f.Open()
	require.NoError(t, err)
	t.Cleanup(func() { rc.Close() })
	return rc
}

func TestZipOverlapBomb(t *testing.T) {
	for _, tc := range []struct {
		entries int
		kernel  int64
	}{{1, 1000}, {2, 0}, {30, 1 << 20}} {
		t.Run(fmt.Sprintf("%dx%d", tc.entries, tc.kernel), func(t *testing.T) {
			b, err := ZipOverlapBomb(tc.entries, tc.kernel)
			require.NoError(t, err)
			zr := readZip(t, b)
			require.Len(t, zr.File, tc.entries)
			var total int64
			for i, f := range zr.File {
				n, err := io.Copy(io.Discard, mustOpen(t, f))
				require.NoError(t, err, "entry %d: CRC and size check out", i)
				assert.Equal(t, int64(f.UncompressedSize64), n)
				assert.GreaterOrEqual(t, n, tc.kernel)
				total += n
			}
			assert.GreaterOrEqual(t, total, int64(tc.entries)*tc.kernel)
			// Every entry's data range runs to the end of the kernel, so
			// each one contains the next entry's local header.
			end := func(f *zip.File) int64 {
				off, err := f.DataOffset()
				require.NoError(t, err)
				return off + int64(f.CompressedSize64)
			}
			for i := 0; i+1 < len(zr.File); i++ {
				off, err := zr.File[i].DataOffset()
				require.NoError(t, err)
				next, err := zr.File[i+1].DataOffset()
				require.NoError(t, err)
				assert.Less(t, off, next)
				assert.Equal(t, end(zr.File[i]), end(zr.File[i+1]), "ranges overlap up to the shared kernel")
			}
			if tc.entries == 30 {
				assert.Less(t, int64(len(b)), tc.kernel/100, "small on disk")
			}
		})
	}
	_, err := ZipOverlapBomb(0, 10)
	assert.ErrorIs(t, err, ErrInvalid)
}

// walkZip counts the files and bytes of a zip, descending into nested
// zips.
func walkZip(t *testing.T, b []byte, depth int) (files, bytesOut int64, maxDepth int) {
	t.Helper()
	maxDepth = depth
	for _, f := range readZip(t, b).File {
		data, err := readZipFile(f)
		require.NoError(t, err)
		if filepath.Ext(f.Name) == ".zip" {
			n, s, d := walkZip(t, data, depth+1)
			files, bytesOut, maxDepth = files+n, bytesOut+s, max(maxDepth, d)
			continue
		}
		files++
		bytesOut += int64(len(data))
	}
	return files, bytesOut, maxDepth
}

func TestZipRecursive(t *testing.T) {
	for _, tc := range []struct {
		depth, fanout int
		leaf          int64
		files         int64
	}{{1, 3, 100, 3}, {3, 2, 4096, 8}, {4, 3, 10000, 81}} {
		t.Run(fmt.Sprintf("depth%d-fanout%d", tc.depth, tc.fanout), func(t *testing.T) {
			b, err := ZipRecursive(tc.depth, tc.fanout, tc.leaf)
			require.NoError(t, err)
			files, total, depth := walkZip(t, b, 1)
			assert.Equal(t, tc.files, files)
			assert.Equal(t, tc.files*tc.leaf, total)
			assert.Equal(t, tc.depth, depth)
		})
	}
	_, err := ZipRecursive(0, 1, 1)
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestZipLyingSizes(t *testing.T) {
	b, err := ZipLyingSizes()
	require.NoError(t, err)
	zr := readZip(t, b)
	require.Len(t, zr.File, 3)
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[f.Name] = f
	}

	under := byName["understated.bin"]
	require.NotNil(t, under)
	assert.Equal(t, uint64(10), under.UncompressedSize64)
	n, err := io.Copy(io.Discard, flateReader(t, b, under))
	require.NoError(t, err)
	assert.Equal(t, int64(1<<20), n, "really inflates to 1 MiB")
	_, err = readZipFile(under)
	assert.Error(t, err, "archive/zip notices the lie")

	over := byName["overstated.bin"]
	require.NotNil(t, over)
	assert.Equal(t, uint64(1<<20), over.UncompressedSize64)
	data, err := io.ReadAll(flateReader(t, b, over))
	require.NoError(t, err)
	assert.Equal(t, "0123456789", string(data))
	_, err = readZipFile(over)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)

	mis := byName["mismatch.txt"]
	require.NotNil(t, mis)
	data, err = readZipFile(mis)
	require.NoError(t, err, "central directory is true")
	assert.Contains(t, string(data), "tells the truth")
	off := localHeaderOffset(t, b, "mismatch.txt")
	require.Equal(t, uint32(zipLocalSig), binary.LittleEndian.Uint32(b[off:]))
	nameLen := int(binary.LittleEndian.Uint16(b[off+26:]))
	assert.Equal(t, "local-name.txt", string(b[off+30:off+30+int64(nameLen)]))
	assert.Equal(t, uint16(zipStore), binary.LittleEndian.Uint16(b[off+8:]))
	assert.NotEqual(t, mis.CRC32, binary.LittleEndian.Uint32(b[off+14:]))
}

// flateReader inflates f's raw data, ignoring the sizes in its headers.
func flateReader(t *testing.T, b []byte, f *zip.File) io.Reader {
	t.Helper()
	off, err := f.DataOffset()
	require.NoError(t, err)
	raw := io.NewSectionReader(bytes.NewReader(b), off, int64(len(b))-off)
	return zipDecompressor(raw)
}

// localHeaderOffset finds the central directory record named name and
// returns its local header offset.
func localHeaderOffset(t *testing.T, b []byte, name string) int64 {
	t.Helper()
	for i := 0; i+zipCentralLen <= len(b); i++ {
		if binary.LittleEndian.Uint32(b[i:]) != zipCentralSig {
			continue
		}
		n := int(binary.LittleEndian.Uint16(b[i+28:]))
		if string(b[i+46:i+46+n]) == name {
			return int64(binary.LittleEndian.Uint32(b[i+42:]))
		}
	}
	t.Fatalf("no central record %q", name)
	return 0
}

func TestZipManyEmpty(t *testing.T) {
	for _, tc := range []struct {
		n     int
		zip64 bool
		read  bool // also open with archive/zip
	}{{0, false, true}, {10, false, true}, {65534, false, true}, {70000, true, true}, {1_000_000, true, false}} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			if tc.n > 100_000 {
				// 70000 entries already need zip64.
				testenv.Generate(t, "the 10^6-entry zip of the benchmarks")
			}
			b, err := ZipManyEmpty(tc.n)
			require.NoError(t, err)
			count, cdOffset := endRecords(t, b)
			assert.Equal(t, uint64(tc.n), count)
			tail := b[max(0, len(b)-zipEndLen-zip64LocLen-zip64EndLen):]
			assert.Equal(t, tc.zip64, bytes.Contains(tail, []byte("PK\x06\x06")))
			// Every record has an eight-byte name, so the central directory
			// is exactly n records long; check the first and last ones.
			const recLen = zipCentralLen + 8
			cdEnd := cdOffset + uint64(tc.n)*recLen
			if tc.n > 0 {
				for _, p := range []uint64{cdOffset, cdEnd - recLen} {
					require.Equal(t, uint32(zipCentralSig), binary.LittleEndian.Uint32(b[p:]))
				}
				assert.Equal(t, "e0000001", string(b[cdOffset+zipCentralLen:cdOffset+recLen]))
				assert.Equal(t, string(manyEmptyName(nil, tc.n)), string(b[cdEnd-8:cdEnd]))
			}
			assert.NotEqual(t, uint32(zipCentralSig), binary.LittleEndian.Uint32(b[cdEnd:]), "no record past n")
			if !tc.read {
				return
			}
			// Walk the central directory record by record.
			var records uint64
			for p := cdOffset; binary.LittleEndian.Uint32(b[p:]) == zipCentralSig; records++ {
				p += zipCentralLen + uint64(binary.LittleEndian.Uint16(b[p+28:]))
			}
			assert.Equal(t, uint64(tc.n), records)
			zr := readZip(t, b)
			require.Len(t, zr.File, tc.n)
			if tc.n > 0 {
				last := zr.File[tc.n-1]
				assert.Equal(t, string(manyEmptyName(nil, tc.n)), last.Name)
				data, err := readZipFile(last)
				require.NoError(t, err)
				assert.Empty(t, data)
			}
		})
	}
}

// endRecords parses the end of central directory (and the zip64 end record
// it defers to) and returns the entry count and central directory offset.
func endRecords(t *testing.T, b []byte) (count, cdOffset uint64) {
	t.Helper()
	end := b[len(b)-zipEndLen:]
	require.Equal(t, uint32(zipEndSig), binary.LittleEndian.Uint32(end))
	count = uint64(binary.LittleEndian.Uint16(end[10:]))
	cdOffset = uint64(binary.LittleEndian.Uint32(end[16:]))
	if count != uint16max {
		return count, cdOffset
	}
	loc := b[len(b)-zipEndLen-zip64LocLen:]
	require.Equal(t, uint32(zip64LocatorSig), binary.LittleEndian.Uint32(loc))
	rec := b[binary.LittleEndian.Uint64(loc[8:]):]
	require.Equal(t, uint32(zip64EndSig), binary.LittleEndian.Uint32(rec))
	return binary.LittleEndian.Uint64(rec[32:]), binary.LittleEndian.Uint64(rec[48:])
}

func TestZipDeclaredHuge(t *testing.T) {
	b, err := ZipDeclaredHuge()
	require.NoError(t, err)
	assert.Less(t, len(b), 4096)
	zr := readZip(t, b)
	require.Len(t, zr.File, 1)
	f := zr.File[0]
	assert.Equal(t, uint64(DeclaredHugeSize), f.UncompressedSize64)
	assert.Less(t, f.CompressedSize64, uint64(2048))
	_, err = readZipFile(f)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the data ends long before 4 GiB")
	n, err := io.Copy(io.Discard, flateReader(t, b, f))
	require.NoError(t, err)
	assert.Equal(t, int64(1<<20), n)
	assert.Equal(t, f.CRC32, crc32.ChecksumIEEE(make([]byte, 1<<20)))
}

func TestTarLinkEscapes(t *testing.T) {
	b, err := TarLinkEscapes()
	require.NoError(t, err)
	want := []struct {
		name, link string
		typ        byte
	}{
		{"evil", "../../../../etc/passwd", tar.TypeSymlink},
		{"h", "/etc/shadow", tar.TypeLink},
		{"d", "/tmp", tar.TypeSymlink},
		{"d/pwned", "", tar.TypeReg},
		{"/etc/cron.d/x", "", tar.TypeReg},
		{"../../x", "", tar.TypeReg},
	}
	tr := tar.NewReader(bytes.NewReader(b))
	for _, w := range want {
		h, err := tr.Next()
		require.NoError(t, err)
		assert.Equal(t, w.name, h.Name)
		assert.Equal(t, w.link, h.Linkname)
		assert.Equal(t, w.typ, h.Typeflag)
	}
	_, err = tr.Next()
	assert.ErrorIs(t, err, io.EOF)
}

func TestTruncateAndNames(t *testing.T) {
	b := []byte("PK\x03\x04rest")
	for _, tc := range []struct {
		n    int
		want string
	}{{-1, ""}, {0, ""}, {4, "PK\x03\x04"}, {100, "PK\x03\x04rest"}} {
		got := Truncate(b, tc.n)
		assert.Equal(t, tc.want, string(got))
		if len(got) > 0 {
			got[0] = 'X'
			assert.Equal(t, byte('P'), b[0], "Truncate copies")
		}
	}

	names := ZipSlipNames()
	assert.Len(t, names, 7)
	files := make([]File, len(names))
	for i, n := range names {
		files[i] = File{Name: n, Data: []byte(n)}
	}
	z, err := Zip(files, ZipOptions{})
	require.NoError(t, err)
	for i, f := range readZip(t, z).File {
		assert.Equal(t, names[i], f.Name, "stored as given")
	}
	// archive/tar cannot store a NUL in a name: Tar reports it.
	_, err = Tar(files)
	require.Error(t, err)
	var tarNames []string
	var tarFiles []File
	for _, f := range files {
		if !bytes.ContainsRune([]byte(f.Name), 0) {
			tarNames = append(tarNames, f.Name)
			tarFiles = append(tarFiles, f)
		}
	}
	tb, err := Tar(tarFiles)
	require.NoError(t, err)
	tr := tar.NewReader(bytes.NewReader(tb))
	for _, n := range tarNames {
		h, err := tr.Next()
		require.NoError(t, err)
		assert.Equal(t, n, h.Name)
	}

	// A cut zip loses its end record.
	full, err := Zip(sampleFiles, ZipOptions{})
	require.NoError(t, err)
	cut := Truncate(full, len(full)/2)
	_, err = zip.NewReader(bytes.NewReader(cut), int64(len(cut)))
	assert.ErrorIs(t, err, zip.ErrFormat)
}

func TestRar5DefaultKDF(t *testing.T) {
	b, err := Rar5(sampleFiles[1:3], FixturePassword)
	require.NoError(t, err)
	r, err := rardecode.NewReader(bytes.NewReader(b), rardecode.Password(FixturePassword))
	require.NoError(t, err)
	h, err := r.Next()
	require.NoError(t, err)
	assert.Equal(t, "docs/report.txt", h.Name)
	assert.True(t, h.Encrypted)
	data, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, sampleFiles[1].Data, data)

	_, err = Rar5WithOptions(nil, Rar5Options{EncryptHeaders: true})
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestSevenZipFixtures(t *testing.T) {
	for _, fx := range SevenZipFixtures() {
		t.Run(fx.Name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "archives", fx.Name))
			require.NoError(t, err)
			assert.Less(t, len(b), 8<<10, "small")
			require.NoError(t, fx.Verify(b))

			// Without the password.
			r, err := sevenzip.NewReader(bytes.NewReader(b), int64(len(b)))
			switch {
			case fx.Options.EncryptHeaders:
				require.Error(t, err, "names hidden")
			case fx.Options.Password != "":
				require.NoError(t, err, "names listable")
				require.NotEmpty(t, r.File)
				_, err := readSevenZipFile(r.File[0])
				assert.Error(t, err, "data needs the password")
			default:
				require.NoError(t, err)
			}
		})
	}
}

// readSevenZipFile returns the content of f.
func readSevenZipFile(f *sevenzip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func TestSevenZipBuilder(t *testing.T) {
	testenv.Generate(t, "the 7z fixtures with the 7zz command")
	testenv.Command(t, "7zz", "7zip")
	fx := SevenZipFixtures()[0]
	b, err := fx.Build()
	require.NoError(t, err)
	again, err := fx.Build()
	require.NoError(t, err)
	assert.Equal(t, b, again, "unencrypted 7z output is reproducible")
	require.NoError(t, fx.Verify(b))

	_, err = SevenZip([]File{{Name: "../escape.txt"}}, "", false)
	assert.ErrorIs(t, err, ErrInvalid)
	_, err = SevenZip([]File{{Name: "a.txt"}}, "", true)
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestDetBytes(t *testing.T) {
	a := detBytes("x", 100)
	assert.Len(t, a, 100)
	assert.Equal(t, a, detBytes("x", 100))
	assert.Equal(t, a[:10], detBytes("x", 10))
	assert.NotEqual(t, a, detBytes("y", 100))
}

// zipDecompressor inflates a raw deflate stream.
func zipDecompressor(r io.Reader) io.Reader { return flate.NewReader(r) }
