package unpack_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

var sampleFiles = []archivegen.File{
	{Name: "docs/", Mode: fs.ModeDir},
	{Name: "docs/readme.txt", Data: []byte("hello from the pack\n")},
	{Name: "docs/見積書.csv", Data: []byte("品名,数量\nサーバ,2\n"), UTF8: true},
	{Name: "img/blank.bin", Data: bytes.Repeat([]byte{0xAB}, 70_000)},
}

// must turns a builder's (bytes, error) into bytes, failing the test on
// error: must(t)(archivegen.Zip(...)).
func must(t testing.TB) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		require.NoError(t, err)
		return b
	}
}

func TestFormats(t *testing.T) {
	inner := must(t)(archivegen.Tar(sampleFiles))
	tests := []struct {
		name   string
		data   []byte
		prefix string // path prefix of the members
	}{
		{"zip deflate", must(t)(archivegen.Zip(sampleFiles, archivegen.ZipOptions{})), "pkg!/"},
		{"zip64", must(t)(archivegen.Zip(sampleFiles, archivegen.ZipOptions{Zip64: true})), "pkg!/"},
		{"tar", inner, "pkg!/"},
		{"tar.gz", must(t)(archivegen.Gzip("", time.Time{}, inner)), "pkg!/"},
		{"tar.bz2", must(t)(archivegen.Bzip2(inner)), "pkg!/"},
		{"tar.xz", must(t)(archivegen.Xz(inner)), "pkg!/"},
		{"rar5", must(t)(archivegen.Rar5(sampleFiles, "")), "pkg!/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := walkAll(t, tt.data, unpack.Options{})
			require.NoError(t, err)
			m := byPath(got)
			for _, f := range sampleFiles {
				e, ok := m[tt.prefix+strings.TrimSuffix(f.Name, "/")]
				if f.Mode.IsDir() {
					if !ok {
						e, ok = m[tt.prefix+f.Name]
					}
					if ok {
						assert.Equal(t, unpack.TypeDir, e.Type)
					}
					continue
				}
				require.True(t, ok, "missing %s in %v", f.Name, paths(got))
				assert.Equal(t, f.Data, e.Data, f.Name)
				assert.NoError(t, e.Err, f.Name)
				assert.Empty(t, e.Problems, f.Name)
				assert.Equal(t, 1, e.Depth)
			}
		})
	}
}

func paths(s []*seen) []string {
	var p []string
	for _, e := range s {
		p = append(p, e.Path)
	}
	return p
}

func TestSingleCompressedFile(t *testing.T) {
	data := []byte(strings.Repeat("log line\n", 1000))
	mod := time.Date(2021, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, want string
		data       []byte
	}{
		{"gzip with header name", "pkg!/access.log", must(t)(archivegen.Gzip("access.log", mod, data))},
		{"gzip without name", "pkg!/pkg.out", must(t)(archivegen.Gzip("", time.Time{}, data))},
		{"bzip2", "pkg!/pkg.out", must(t)(archivegen.Bzip2(data))},
		{"xz", "pkg!/pkg.out", must(t)(archivegen.Xz(data))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := walkAll(t, tt.data, unpack.Options{})
			require.NoError(t, err)
			require.Len(t, got, 1)
			assert.Equal(t, tt.want, got[0].Path)
			assert.Equal(t, data, got[0].Data)
			assert.NoError(t, got[0].Err)
		})
	}
	t.Run("gzip name from the archive name", func(t *testing.T) {
		gz := must(t)(archivegen.Gzip("", time.Time{}, data))
		w := unpack.NewWalker(unpack.Options{})
		defer w.Close()
		var names []string
		err := w.WalkReaderAt(context.Background(), unpack.Parent{Path: "x!/dump.sql.gz"}, unpack.FormatGzip,
			bytes.NewReader(gz), int64(len(gz)), func(_ context.Context, e *unpack.Entry) error {
				names = append(names, e.Path)
				return nil
			})
		require.NoError(t, err)
		assert.Equal(t, []string{"x!/dump.sql.gz!/dump.sql"}, names)
	})
}

func TestSevenZipFixtures(t *testing.T) {
	for _, fx := range archivegen.SevenZipFixtures() {
		t.Run(fx.Name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "archives", fx.Name))
			require.NoError(t, err)
			opts := unpack.Options{Password: fx.Options.Password}
			got, err := walkAll(t, data, opts)
			require.NoError(t, err)
			m := byPath(got)
			for _, f := range fx.Files {
				if f.Mode.IsDir() {
					continue
				}
				e, ok := m["pkg!/"+f.Name]
				require.True(t, ok, "missing %s in %v", f.Name, paths(got))
				assert.Equal(t, f.Data, e.Data, f.Name)
				assert.NoError(t, e.Err)
				assert.True(t, e.ZoneKnown)
			}
			if fx.Options.Password == "" {
				return
			}
			// Without the password: listed with ErrEncrypted, or, with
			// encrypted headers, not listable at all.
			got, err = walkAll(t, data, unpack.Options{})
			if err != nil {
				assert.ErrorIs(t, err, unpack.ErrEncrypted)
				return
			}
			require.NotEmpty(t, got)
			for _, e := range got {
				if e.Type == unpack.TypeFile && e.N == 0 && e.Err != nil {
					assert.ErrorIs(t, e.Err, unpack.ErrEncrypted, e.Path)
				}
			}
			// With a wrong password: ErrPassword, never garbage accepted.
			got, err = walkAll(t, data, unpack.Options{Password: "wrong"})
			if err != nil {
				assert.ErrorIs(t, err, unpack.ErrPassword)
				return
			}
			for _, e := range got {
				if e.Type == unpack.TypeFile && len(e.Data) > 0 {
					assert.Error(t, e.Err, e.Path)
				}
			}
		})
	}
}

func TestNested(t *testing.T) {
	leaf := must(t)(archivegen.Zip([]archivegen.File{{Name: "secret.txt", Data: []byte("社外秘")}}, archivegen.ZipOptions{}))
	tgz := must(t)(archivegen.Gzip("", time.Time{}, must(t)(archivegen.Tar([]archivegen.File{
		{Name: "share/inner.zip", Data: leaf},
	}))))
	rar := must(t)(archivegen.Rar5([]archivegen.File{{Name: "b.tgz", Data: tgz}}, ""))
	outer := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "a/b.rar", Data: rar},
		{Name: "note.txt", Data: []byte("x")},
	}, archivegen.ZipOptions{}))
	got, err := walkAll(t, outer, unpack.Options{})
	require.NoError(t, err)
	m := byPath(got)
	deep := m["pkg!/a/b.rar!/b.tgz!/share/inner.zip!/secret.txt"]
	require.NotNil(t, deep, "%v", paths(got))
	assert.Equal(t, "社外秘", string(deep.Data))
	assert.Equal(t, 4, deep.Depth)

	t.Run("depth limit", func(t *testing.T) {
		got, err := walkAll(t, outer, unpack.Options{Limits: unpack.Limits{MaxDepth: 2}})
		require.NoError(t, err)
		m := byPath(got)
		// b.tgz sits at depth 2 = MaxDepth and is opened; inner.zip, one
		// level deeper, is listed but not opened.
		require.NotNil(t, m["pkg!/a/b.rar!/b.tgz!/share/inner.zip"], "%v", paths(got))
		var le *unpack.LimitError
		require.ErrorAs(t, m["pkg!/a/b.rar!/b.tgz!/share/inner.zip"].NestedErr, &le)
		assert.Equal(t, unpack.LimitDepth, le.Limit)
		assert.Nil(t, m["pkg!/a/b.rar!/b.tgz!/share/inner.zip!/secret.txt"])
	})
}

func TestZipNames(t *testing.T) {
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("営業本部/受注一覧.txt"))
	require.NoError(t, err)
	cp437 := []byte("caf\x82.txt") // "café" in CP437
	data := must(t)(archivegen.Zip([]archivegen.File{
		{RawName: sjis, Data: []byte("1")},
		{Name: "見積書.xlsx", UTF8: true, Data: []byte("2")},
		{Name: "plain.txt", Data: []byte("3")},
		{RawName: cp437, Data: []byte("4")},
		{RawName: []byte("資料.txt"), Data: []byte("5")}, // UTF-8 without the flag (macOS, 7-Zip)
	}, archivegen.ZipOptions{}))
	got, err := walkAll(t, data, unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 5)
	want := []struct{ name, enc string }{
		{"営業本部/受注一覧.txt", "cp932"},
		{"見積書.xlsx", "utf-8"},
		{"plain.txt", "ascii"},
		{"café.txt", "cp437"},
		{"資料.txt", "utf-8"},
	}
	for i, w := range want {
		assert.Equal(t, w.name, got[i].Name)
		assert.Equal(t, w.enc, got[i].Encoding, w.name)
	}
	assert.Equal(t, sjis, got[0].RawName, "raw bytes are kept")
}

func TestTimes(t *testing.T) {
	jst := time.FixedZone("", 9*3600)
	when := time.Date(2021, 4, 12, 10, 30, 0, 0, jst)
	files := []archivegen.File{{Name: "a.txt", Data: []byte("a"), Modified: when}}
	t.Run("zip extended timestamp keeps the zone", func(t *testing.T) {
		got, err := walkAll(t, must(t)(archivegen.Zip(files, archivegen.ZipOptions{})), unpack.Options{})
		require.NoError(t, err)
		assert.True(t, got[0].ZoneKnown)
		assert.True(t, got[0].Modified.Equal(when))
		_, off := got[0].Modified.Zone()
		assert.Equal(t, 9*3600, off, "offset estimated from the MS-DOS wall clock")
	})
	t.Run("zip MS-DOS time only has no zone", func(t *testing.T) {
		got, err := walkAll(t, must(t)(archivegen.Zip(files, archivegen.ZipOptions{DOSTimeOnly: true})), unpack.Options{})
		require.NoError(t, err)
		assert.False(t, got[0].ZoneKnown)
		assert.Equal(t, "2021-04-12T10:30:00", got[0].Modified.Format("2006-01-02T15:04:05"))
	})
	t.Run("tar is UTC", func(t *testing.T) {
		got, err := walkAll(t, must(t)(archivegen.Tar(files)), unpack.Options{})
		require.NoError(t, err)
		assert.True(t, got[0].ZoneKnown)
		assert.True(t, got[0].Modified.Equal(when))
	})
	t.Run("rar5 is an instant", func(t *testing.T) {
		got, err := walkAll(t, must(t)(archivegen.Rar5(files, "")), unpack.Options{})
		require.NoError(t, err)
		assert.True(t, got[0].ZoneKnown)
		assert.True(t, got[0].Modified.Equal(when))
	})
}

func TestEncryption(t *testing.T) {
	files := []archivegen.File{{Name: "passwords.txt", Data: []byte(strings.Repeat("admin:hunter2\n", 50))}}
	tests := []struct {
		name string
		data []byte
	}{
		{"zipcrypto", must(t)(archivegen.Zip(files, archivegen.ZipOptions{Encryption: archivegen.ZipCrypto, Password: "infected"}))},
		{"zip aes256", must(t)(archivegen.Zip(files, archivegen.ZipOptions{Encryption: archivegen.AES256, Password: "infected"}))},
		{"rar5", must(t)(archivegen.Rar5(files, "infected"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := walkAll(t, tt.data, unpack.Options{})
			if err != nil {
				assert.ErrorIs(t, err, unpack.ErrEncrypted)
			} else {
				require.Len(t, got, 1)
				assert.True(t, got[0].Encrypted)
				assert.True(t, hasProblem(got[0].Problems, unpack.ErrEncrypted), "%v", got[0].Problems)
				assert.ErrorIs(t, got[0].Err, unpack.ErrEncrypted)
				assert.Zero(t, got[0].N)
			}

			got, err = walkAll(t, tt.data, unpack.Options{Password: "infected"})
			require.NoError(t, err)
			require.Len(t, got, 1)
			assert.Equal(t, files[0].Data, got[0].Data)
			assert.NoError(t, got[0].Err)

			got, err = walkAll(t, tt.data, unpack.Options{Password: "wrong"})
			if err != nil {
				assert.ErrorIs(t, err, unpack.ErrPassword)
				return
			}
			require.Len(t, got, 1)
			assert.ErrorIs(t, got[0].Err, unpack.ErrPassword)
			assert.NotEqual(t, files[0].Data, got[0].Data)
		})
	}
}

func TestOneByteReader(t *testing.T) {
	// Stream formats must not depend on full reads from their source.
	tgz := must(t)(archivegen.Gzip("", time.Time{}, must(t)(archivegen.Tar(sampleFiles))))
	w := unpack.NewWalker(unpack.Options{})
	defer w.Close()
	var names []string
	err := w.WalkStream(context.Background(), unpack.Parent{Path: "p"}, unpack.FormatGzip,
		iotest.OneByteReader(bytes.NewReader(tgz)), func(_ context.Context, e *unpack.Entry) error {
			b, err := io.ReadAll(iotest.OneByteReader(e))
			require.NoError(t, err)
			names = append(names, e.Name)
			for _, f := range sampleFiles {
				if f.Name == e.Name && e.Type == unpack.TypeFile {
					assert.Equal(t, f.Data, b)
				}
			}
			return nil
		})
	require.NoError(t, err)
	assert.Len(t, names, len(sampleFiles))
}

func TestCheckName(t *testing.T) {
	for _, name := range archivegen.ZipSlipNames() {
		assert.ErrorIs(t, unpack.CheckName(name), unpack.ErrInsecurePath, "%q", name)
	}
	for _, name := range []string{"a.txt", "dir/b.txt", "..foo", "a..b/c", "営業/見積.xlsx", "dir/"} {
		assert.NoError(t, unpack.CheckName(name), "%q", name)
	}
}

func TestDetectFormat(t *testing.T) {
	tar := must(t)(archivegen.Tar(sampleFiles))
	for _, tt := range []struct {
		data []byte
		want unpack.Format
	}{
		{must(t)(archivegen.Zip(sampleFiles, archivegen.ZipOptions{})), unpack.FormatZip},
		{tar, unpack.FormatTar},
		{must(t)(archivegen.Gzip("", time.Time{}, tar)), unpack.FormatGzip},
		{must(t)(archivegen.Bzip2(tar)), unpack.FormatBzip2},
		{must(t)(archivegen.Xz(tar)), unpack.FormatXz},
		{must(t)(archivegen.Rar5(sampleFiles, "")), unpack.FormatRar},
		{[]byte("%PDF-1.4"), ""},
		{[]byte("just text, not an archive"), ""},
		{nil, ""},
	} {
		assert.Equal(t, tt.want, unpack.DetectFormat(tt.data))
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "archives", "plain.7z"))
	require.NoError(t, err)
	assert.Equal(t, unpack.FormatSevenZip, unpack.DetectFormat(data))
}

func TestContextCancel(t *testing.T) {
	data := must(t)(archivegen.Zip(sampleFiles, archivegen.ZipOptions{}))
	ctx, cancel := context.WithCancel(context.Background())
	w := unpack.NewWalker(unpack.Options{})
	defer w.Close()
	n := 0
	err := w.WalkReaderAt(ctx, unpack.Parent{Path: "p"}, unpack.FormatZip, bytes.NewReader(data), int64(len(data)),
		func(context.Context, *unpack.Entry) error {
			n++
			cancel()
			return nil
		})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, n)
}

func TestDurationLimit(t *testing.T) {
	data := must(t)(archivegen.Zip(sampleFiles, archivegen.ZipOptions{}))
	w := unpack.NewWalker(unpack.Options{Limits: unpack.Limits{MaxDuration: time.Millisecond}})
	defer w.Close()
	time.Sleep(5 * time.Millisecond)
	err := w.WalkReaderAt(context.Background(), unpack.Parent{Path: "p"}, unpack.FormatZip, bytes.NewReader(data), int64(len(data)),
		func(context.Context, *unpack.Entry) error { return nil })
	var le *unpack.LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, unpack.LimitDuration, le.Limit)
	assert.ErrorIs(t, err, unpack.ErrLimit)
}

func TestSpoolSpillsToPrivateDir(t *testing.T) {
	root := t.TempDir()
	w := unpack.NewWalker(unpack.Options{TempDir: root, Limits: unpack.Limits{MaxMemorySpool: 512 << 10}})
	big := bytes.Repeat([]byte("0123456789"), 100_000)
	sp, err := w.Spool(context.Background(), bytes.NewReader(big))
	require.NoError(t, err)
	assert.True(t, sp.OnDisk())
	assert.Equal(t, int64(len(big)), sp.Size())
	got := make([]byte, 10)
	for _, off := range []int64{0, 12345, 262140, 999_990} {
		_, err = sp.ReadAt(got, off)
		require.NoError(t, err)
		assert.Equal(t, big[off:off+10], got)
	}
	_, err = sp.ReadAt(got, int64(len(big))-5)
	assert.ErrorIs(t, err, io.EOF)

	if runtime.GOOS != "windows" {
		entries, err := os.ReadDir(root)
		require.NoError(t, err)
		assert.Empty(t, entries, "the spool file and its private directory are unlinked as soon as they are made")
		assert.Empty(t, w.TempDir(), "a spool needs no shared directory")
	}

	small, err := w.Spool(context.Background(), bytes.NewReader(big[:300_000]))
	require.NoError(t, err)
	assert.False(t, small.OnDisk())
	for _, off := range []int64{0, 262140, 299_990} {
		_, err = small.ReadAt(got, off)
		require.NoError(t, err)
		assert.Equal(t, big[off:off+10], got, "across chunk boundaries")
	}
	_, err = small.ReadAt(got, 299_995)
	assert.ErrorIs(t, err, io.EOF)
	require.NoError(t, small.Close())
	require.NoError(t, sp.Close())
	require.NoError(t, w.Close())
	left, err := os.ReadDir(root)
	require.NoError(t, err)
	assert.Empty(t, left, "Close removes the private directory")
}

func TestLimitErrorIs(t *testing.T) {
	err := error(&unpack.LimitError{Limit: unpack.LimitRatio, Value: 5000, Max: 200, Path: "p"})
	assert.ErrorIs(t, err, unpack.ErrLimit)
	assert.False(t, errors.Is(err, unpack.ErrFormat))
	assert.Contains(t, err.Error(), "ratio")
}

// TestTruncatedZipScan checks recovery from local headers when the central
// directory is gone, for our writer and for archive/zip's, which uses data
// descriptors (sizes after the data).
func TestTruncatedZipScan(t *testing.T) {
	files := []archivegen.File{
		{Name: "a.txt", Data: bytes.Repeat([]byte("alpha "), 2000)},
		{Name: "dir/", Mode: fs.ModeDir},
		{Name: "dir/b.bin", Data: bytes.Repeat([]byte{1, 2, 3}, 3000), Store: true},
		{Name: "c.txt", Data: bytes.Repeat([]byte("gamma "), 2000)},
	}
	var std bytes.Buffer
	zw := zip.NewWriter(&std)
	for _, f := range files {
		if f.Mode.IsDir() {
			_, err := zw.Create(f.Name)
			require.NoError(t, err)
			continue
		}
		method := zip.Deflate
		if f.Store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method, Modified: time.Date(2021, 4, 1, 9, 0, 0, 0, time.FixedZone("", 9*3600))})
		require.NoError(t, err)
		_, err = w.Write(f.Data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())

	for name, full := range map[string][]byte{
		"archivegen":  must(t)(archivegen.Zip(files, archivegen.ZipOptions{})),
		"archive/zip": std.Bytes(),
	} {
		t.Run(name, func(t *testing.T) {
			first := bytes.Index(full, []byte("PK\x01\x02"))
			require.Positive(t, first)
			got, err := walkAll(t, full[:first+10], unpack.Options{})
			require.ErrorIs(t, err, unpack.ErrTruncated)
			assert.Contains(t, err.Error(), "recovered from local headers")
			m := map[string]*seen{}
			for _, e := range got {
				m[e.Name] = e
			}
			for _, f := range files {
				e := m[f.Name]
				if f.Mode.IsDir() {
					continue
				}
				if name == "archive/zip" && f.Store {
					// Stored data followed by a descriptor has no length
					// without the directory: listed, then the scan stops.
					require.NotNil(t, e)
					assert.ErrorIs(t, e.Err, unpack.ErrUnsupported)
					return
				}
				require.NotNil(t, e, "%s missing from %v", f.Name, paths(got))
				assert.NoError(t, e.Err, f.Name)
				assert.Equal(t, f.Data, e.Data, f.Name)
			}
			if name == "archivegen" {
				assert.True(t, m["a.txt"].ZoneKnown)
			}

			// Cut inside the last entry: the earlier ones survive, the last
			// reads what is there and reports the cut.
			cdata := bytes.Index(full, []byte("c.txt"))
			got, err = walkAll(t, full[:cdata+8], unpack.Options{})
			require.ErrorIs(t, err, unpack.ErrTruncated)
			m = map[string]*seen{}
			for _, e := range got {
				m[e.Name] = e
			}
			require.NotNil(t, m["a.txt"])
			assert.Equal(t, files[0].Data, m["a.txt"].Data)
			if c := m["c.txt"]; c != nil {
				assert.Error(t, c.Err)
			}
		})
	}
}

// TestZipUnicodePathExtra: the Info-ZIP Unicode Path field names the entry
// when its CRC matches the stored name, and is ignored when it does not.
func TestZipUnicodePathExtra(t *testing.T) {
	stored := []byte("\x93\x8c\x83\x8c.txt") // 東レ.txt in CP932
	field := func(crcOf []byte, name string) []byte {
		data := []byte{1}
		data = binary.LittleEndian.AppendUint32(data, crc32.ChecksumIEEE(crcOf))
		data = append(data, name...)
		out := binary.LittleEndian.AppendUint16(nil, 0x7075)
		out = binary.LittleEndian.AppendUint16(out, uint16(len(data)))
		return append(out, data...)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, h := range []*zip.FileHeader{
		{Name: string(stored), Extra: field(stored, "東レ_正式.txt"), NonUTF8: true},
		{Name: string(stored), Extra: field([]byte("other"), "偽の名前.txt"), NonUTF8: true},
	} {
		w, err := zw.CreateHeader(h)
		require.NoError(t, err)
		_, err = w.Write([]byte("x"))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	got, err := walkAll(t, buf.Bytes(), unpack.Options{})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "東レ_正式.txt", got[0].Name)
	assert.Equal(t, "utf-8", got[0].Encoding)
	assert.Equal(t, stored, got[0].RawName)
	assert.Equal(t, "東レ.txt", got[1].Name, "a stale Unicode Path field is ignored")
	assert.Equal(t, "cp932", got[1].Encoding)
}
