package evidence

import (
	"bytes"
	"context"
	binenc "encoding/binary"
	"fmt"
	"github.com/proofpack/proofpack/internal/testenv"
	"io"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// Issue 11, r13: a zip appended to a PNG or a PDF (unzip and 7-Zip list
// it) was never walked, and nothing said the file had data after its end.
// These tests build polyglots in code (archivegen.AppendZip and the hosts
// beside it), check what findTrailing finds and what it reads to find it,
// and triage them: the trailing_data problem, the archive read as the
// item's child "trailing", the walk going on after them, and no problem
// on the files that legitimately carry data after their end.

// hiddenFiles is what the appended zips hold.
var hiddenFiles = []archivegen.File{{Name: "hidden/customers.csv", Data: []byte("name,email\nalice,alice@acme.example.com\n")}}

func hiddenZip(t testing.TB) []byte {
	z, err := archivegen.Zip(hiddenFiles, archivegen.ZipOptions{})
	require.NoError(t, err)
	return z
}

func appendZip(t testing.TB, host []byte, adjust bool) []byte {
	b, err := archivegen.AppendZip(host, hiddenFiles, adjust)
	require.NoError(t, err)
	return b
}

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r io.ReaderAt
	n atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}

// trailingReadBound bounds the bytes findTrailing may read of an item of
// size bytes: the item once for the scans, its last megabyte for a zip's
// own directory and once more for an appended zip's, its padding.
func trailingReadBound(size int64) int64 { return size + 3<<20 }

func TestFindTrailing(t *testing.T) {
	zip := hiddenZip(t)
	png, jpg, gifImg := archivegen.PNGImage(), archivegen.JPEGImage(), archivegen.GIFImage()
	pdf := archivegen.PDFDocument(0)
	sevenZip := archivegen.SevenZipDeclaredFiles(1)
	random := make([]byte, 5000)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	webp := []byte("RIFF\x10\x00\x00\x00WEBPVP8L\x04\x00\x00\x00\x2f\x00\x00\x00")
	type want struct {
		offset, archiveAt int64
		archive           unpack.Format
		leading           bool
	}
	for _, tc := range []struct {
		name string
		data []byte
		t    identify.Type
		want *want // nil: nothing reported
	}{
		{"png", png, identify.Type{}, nil},
		{"png+zip", appendZip(t, png, false), identify.Type{}, &want{int64(len(png)), int64(len(png)), unpack.FormatZip, false}},
		{"png+adjusted-zip", appendZip(t, png, true), identify.Type{}, &want{int64(len(png)), int64(len(png)), unpack.FormatZip, false}},
		{"png+junk+zip", append(append(bytes.Clone(png), "junk"...), zip...), identify.Type{}, &want{int64(len(png)), int64(len(png)) + 4, unpack.FormatZip, false}},
		{"png+7z", append(bytes.Clone(png), sevenZip...), identify.Type{}, &want{int64(len(png)), int64(len(png)), unpack.FormatSevenZip, false}},
		{"png+text", append(bytes.Clone(png), "a note after the image"...), identify.Type{}, &want{offset: int64(len(png))}},
		{"png+padding", append(bytes.Clone(png), make([]byte, 300)...), identify.Type{}, nil},
		{"jpeg", jpg, identify.Type{}, nil},
		{"jpeg+zip", appendZip(t, jpg, false), identify.Type{}, &want{int64(len(jpg)), int64(len(jpg)), unpack.FormatZip, false}},
		{"jpeg+0xff", append(bytes.Clone(jpg), 0xff, 0xff, 0, 0), identify.Type{}, nil},
		{"jpeg-multi-picture", archivegen.MultiPictureJPEG(), identify.Type{}, nil},
		{"jpeg-motion-photo", archivegen.MotionPhotoJPEG(), identify.Type{}, nil},
		{"jpeg-motion-photo+zip", appendZip(t, archivegen.MotionPhotoJPEG(), false), identify.Type{},
			&want{int64(len(archivegen.MotionPhotoJPEG())), int64(len(archivegen.MotionPhotoJPEG())), unpack.FormatZip, false}},
		{"jpeg-samsung-trailer", archivegen.SamsungTrailerJPEG(), identify.Type{}, nil},
		{"gif", gifImg, identify.Type{}, nil},
		{"gif+zip", appendZip(t, gifImg, false), identify.Type{}, &want{int64(len(gifImg)), int64(len(gifImg)), unpack.FormatZip, false}},
		{"webp", webp, identify.Type{}, nil},
		{"webp+text", append(bytes.Clone(webp), "hidden text"...), identify.Type{}, &want{offset: int64(len(webp))}},
		{"pdf", pdf, identify.Type{}, nil},
		{"pdf-updates", archivegen.PDFDocument(2), identify.Type{}, nil},
		{"pdf+newlines", append(bytes.Clone(pdf), "\r\n\n  \x00"...), identify.Type{}, nil},
		{"pdf+zip", appendZip(t, pdf, false), identify.Type{}, &want{int64(len(pdf)), int64(len(pdf)), unpack.FormatZip, false}},
		{"zip", zip, identify.Type{}, nil},
		{"zip+7z", append(bytes.Clone(zip), sevenZip...), identify.Type{}, &want{int64(len(zip)), int64(len(zip)), unpack.FormatSevenZip, false}},
		{"zip+zip", append(bytes.Clone(zip), zip...), identify.Type{}, &want{int64(len(zip)), int64(len(zip)), unpack.FormatZip, true}},
		{"zip+adjusted-zip", appendZip(t, zip, true), identify.Type{}, &want{int64(len(zip)), int64(len(zip)), unpack.FormatZip, true}},
		{"7z+zip", append(bytes.Clone(sevenZip), zip...), identify.Type{}, &want{int64(len(sevenZip)), int64(len(sevenZip)), unpack.FormatZip, false}},
		{"binary+zip", append(bytes.Clone(random), zip...), identify.Type{}, &want{int64(len(random)), int64(len(random)), unpack.FormatZip, false}},
		{"binary", random, identify.Type{}, nil},
		{"exe+zip", append([]byte("MZ"+string(random)), zip...),
			identify.Type{MIME: "application/vnd.microsoft.portable-executable", Ext: "exe"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &countingReaderAt{r: bytes.NewReader(tc.data)}
			size := int64(len(tc.data))
			var (
				tr trailing
				ok bool
			)
			alloc := testenv.Allocated(func() { tr, ok = findTrailing(t.Context(), tc.t, r, size) })
			assert.LessOrEqual(t, r.n.Load(), trailingReadBound(size), "bytes read")
			assert.Less(t, alloc, uint64(4<<20), "bytes allocated")
			if tc.want == nil {
				assert.False(t, ok, "reported %v", tr.err())
				return
			}
			require.True(t, ok)
			assert.Equal(t, tc.want.offset, tr.offset, "offset")
			assert.Equal(t, size-tc.want.offset, tr.length, "length")
			assert.Equal(t, tc.want.archive, tr.archive)
			if tc.want.archive != "" {
				assert.Equal(t, tc.want.archiveAt, tr.archiveAt, "archive offset")
				assert.Equal(t, tc.want.leading, tr.leading, "leading")
			}
			assert.Contains(t, tr.err().Error(), fmt.Sprintf("%d bytes at offset %d", tr.length, tr.offset))
		})
	}
}

// TestFindTrailingHostile: structures that lie (lengths past the end,
// directories that point nowhere) and structures built to be slow to
// follow (chunks by the hundred thousand, entropy data of stuffed bytes,
// sub-blocks of one byte, a PDF without %%EOF) are read at most once: the
// bytes read stay within trailingReadBound, and what can be found is.
func TestFindTrailingHostile(t *testing.T) {
	zip := hiddenZip(t)
	png := archivegen.PNGImage()
	iend := bytes.LastIndex(png, []byte("IEND")) - 4

	chunks := bytes.Clone(png[:iend])
	for range 50_000 {
		chunks = append(chunks, 0, 0, 0, 0, 't', 'E', 'X', 't', 0, 0, 0, 0)
	}
	chunks = append(chunks, png[iend:]...)

	hugeChunk := append(bytes.Clone(png[:iend]), 0x7f, 0xff, 0xff, 0xff, 'I', 'D', 'A', 'T')
	jpegStuffed := []byte{0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0}
	jpegStuffed = append(jpegStuffed, bytes.Repeat([]byte{0xff, 0x00, 0x12, 0xff, 0xd3}, 200_000)...)
	jpegStuffed = append(jpegStuffed, 0xff, 0xd9)
	jpegHugeSegment := []byte{0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 'E', 'x', 'i', 'f'}

	gifBlocks := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02")
	gifBlocks = append(gifBlocks, bytes.Repeat([]byte{1, 0}, 250_000)...)
	gifBlocks = append(gifBlocks, 0, ';')

	pdfNoEOF := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("BT /F1 12 Tf (no end here) Tj ET\n"), 30_000)...)

	rng := rand.New(rand.NewPCG(9, 10))
	binary := make([]byte, 4000) // a host whose end is unknown: only an appended zip can be found
	for i := range binary {
		binary[i] = byte(rng.Uint32())
	}
	eocdBogus := append(bytes.Clone(binary), "PK\x05\x06\x00\x00\x00\x00\xff\xff\xff\xff\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00"...)
	zip64Bogus := append(bytes.Clone(binary), "PK\x06\x07\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00"+
		"PK\x05\x06\x00\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00"...)
	negative := appendZip(t, binary, false)
	end := bytes.LastIndex(negative, []byte("PK\x05\x06"))
	binenc.LittleEndian.PutUint32(negative[end+16:], uint32(len(negative))) // the directory "starts" after the file

	for _, tc := range []struct {
		name   string
		data   []byte
		offset int64 // -1: nothing reported
		zip    bool
	}{
		{"png-50k-chunks+zip", append(bytes.Clone(chunks), zip...), int64(len(chunks)), true},
		{"png-chunk-past-end+zip", append(bytes.Clone(hugeChunk), zip...), int64(len(hugeChunk)), true},
		{"jpeg-stuffed-entropy+zip", append(bytes.Clone(jpegStuffed), zip...), int64(len(jpegStuffed)), true},
		{"jpeg-segment-past-end", jpegHugeSegment, -1, false},
		{"gif-250k-sub-blocks+text", append(bytes.Clone(gifBlocks), "after"...), int64(len(gifBlocks)), false},
		{"pdf-without-eof+zip", append(bytes.Clone(pdfNoEOF), zip...), int64(len(pdfNoEOF)), true},
		{"eocd-pointing-nowhere", eocdBogus, -1, false},
		{"zip64-locator-pointing-nowhere", zip64Bogus, -1, false},
		{"zip-directory-past-its-end", negative, -1, false},
		{"zip-1M-end-signatures", append([]byte("PK\x03\x04"), bytes.Repeat([]byte("PK\x05\x06\xff\xff"), 200_000)...), -1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &countingReaderAt{r: bytes.NewReader(tc.data)}
			size := int64(len(tc.data))
			var (
				tr trailing
				ok bool
			)
			alloc := testenv.Allocated(func() { tr, ok = findTrailing(t.Context(), identify.Type{}, r, size) })
			assert.LessOrEqual(t, r.n.Load(), trailingReadBound(size), "bytes read of %d", size)
			assert.Less(t, alloc, uint64(4<<20), "bytes allocated")
			if tc.offset < 0 {
				assert.False(t, ok, "reported %v", tr.err())
				return
			}
			require.True(t, ok)
			assert.Equal(t, tc.offset, tr.offset)
			assert.Equal(t, tc.zip, tr.archive == unpack.FormatZip, "archive %q", tr.archive)
		})
	}
}

// TestFindTrailingCanceled: a cancelled context stops the scans.
func TestFindTrailingCanceled(t *testing.T) {
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 8<<20)...)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := &countingReaderAt{r: bytes.NewReader(pdf)}
	_, ok := findTrailing(ctx, identify.Type{}, r, int64(len(pdf)))
	assert.False(t, ok)
	assert.Less(t, r.n.Load(), int64(1<<20), "bytes read after cancel")
}

// triage runs AnalyzeReaderAt on data with OCR off.
func triage(t *testing.T, name string, data []byte, opts Options) *Report {
	t.Helper()
	opts.TempDir = t.TempDir()
	rep, err := AnalyzeReaderAt(t.Context(), name, bytes.NewReader(data), int64(len(data)), opts)
	require.NoError(t, err)
	return rep
}

func byPath(rep *Report) map[string]Item {
	m := map[string]Item{}
	for _, it := range rep.Items {
		m[it.Path] = it
	}
	return m
}

func codesOf(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// trailingProblem returns the trailing_data problem of ps.
func trailingProblem(ps []Problem) (Problem, bool) {
	for _, p := range ps {
		if p.Code == ProblemTrailingData {
			return p, true
		}
	}
	return Problem{}, false
}

// requireHidden asserts that item path has a trailing_data problem at
// offset, and that the zip after it was read as its child.
func requireHidden(t *testing.T, items map[string]Item, path string, offset int) {
	t.Helper()
	it, ok := items[path]
	require.True(t, ok, "%s is an item", path)
	p, ok := trailingProblem(it.Problems)
	require.True(t, ok, "%s: problems %v", path, codesOf(it.Problems))
	assert.Contains(t, p.Detail, fmt.Sprintf("at offset %d", offset))
	child, ok := items[path+"!/trailing"]
	require.True(t, ok, "the appended zip is an item")
	assert.Equal(t, string(identify.KindArchive), child.Kind)
	assert.Equal(t, it.Depth+1, child.Depth)
	hidden, ok := items[path+"!/trailing!/hidden/customers.csv"]
	require.True(t, ok, "the zip's file is an item")
	assert.Equal(t, int64(len(hiddenFiles[0].Data)), hidden.Size)
	assert.True(t, hidden.Complete)
}

// TestTrailingZipTriaged is r13: a zip appended to a PNG, a JPEG, a GIF,
// a PDF or any file is reported and read, alone, in a zip between other
// files (the walk goes on after it), with and without metadata (images
// are then streamed, and the zip found in their last bytes).
func TestTrailingZipTriaged(t *testing.T) {
	hosts := []struct {
		name string
		data []byte
	}{
		{"image.png", archivegen.PNGImage()},
		{"photo.jpg", archivegen.JPEGImage()},
		{"anim.gif", archivegen.GIFImage()},
		{"report.pdf", archivegen.PDFDocument(1)},
		{"notes.dat", bytes.Repeat([]byte{0x01, 0x02, 0x03, 0xfe}, 200_000)},
	}
	for _, skip := range []bool{false, true} {
		for _, h := range hosts {
			t.Run(fmt.Sprintf("%s/skip-metadata=%v", h.name, skip), func(t *testing.T) {
				poly := appendZip(t, h.data, false)
				rep := triage(t, h.name, poly, Options{SkipMetadata: skip})
				requireHidden(t, byPath(rep), h.name, len(h.data))

				files := []archivegen.File{{Name: "a/before.txt", Data: []byte("before\n")}, {Name: "a/" + h.name, Data: poly},
					{Name: "z/after.txt", Data: []byte("after\n")}}
				pack, err := archivegen.Zip(files, archivegen.ZipOptions{})
				require.NoError(t, err)
				rep = triage(t, "pack.zip", pack, Options{SkipMetadata: skip})
				items := byPath(rep)
				requireHidden(t, items, "pack.zip!/a/"+h.name, len(h.data))
				after, ok := items["pack.zip!/z/after.txt"]
				require.True(t, ok, "the walk goes on after the polyglot")
				assert.True(t, after.Complete)
				assert.Empty(t, rep.Problems)
			})
		}
	}
}

// TestTrailingLegitimate: files that carry data after their end by design,
// and archives with nothing after theirs, get no trailing_data problem.
func TestTrailingLegitimate(t *testing.T) {
	files := []archivegen.File{
		{Name: "mpf.jpg", Data: archivegen.MultiPictureJPEG()},
		{Name: "motion.jpg", Data: archivegen.MotionPhotoJPEG()},
		{Name: "samsung.jpg", Data: archivegen.SamsungTrailerJPEG()},
		{Name: "padded.jpg", Data: append(archivegen.JPEGImage(), 0, 0, 0)},
		{Name: "revised.pdf", Data: archivegen.PDFDocument(3)},
		{Name: "nested.zip", Data: hiddenZip(t)},
		{Name: "plain.7z", Data: archivegen.SevenZipDeclaredFiles(1)},
		{Name: "setup.exe", Data: append([]byte("MZ\x90\x00"+strings.Repeat("\x00", 60)), hiddenZip(t)...)},
	}
	pack, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	rep := triage(t, "pack.zip", pack, Options{})
	for _, it := range rep.Items {
		_, ok := trailingProblem(it.Problems)
		assert.False(t, ok, "%s: %v", it.Path, it.Problems)
		assert.NotContains(t, it.Path, "!/trailing")
	}
	assert.Empty(t, rep.Problems)
}

// TestTrailingZipAfterZip: a zip appended to a zip. Readers take the last
// directory for the file's, so the walk reads the appended zip as the
// package; the zip before it is reported and read as "leading".
func TestTrailingZipAfterZip(t *testing.T) {
	first, err := archivegen.Zip([]archivegen.File{{Name: "docs/first.txt", Data: []byte("the first zip\n")}}, archivegen.ZipOptions{})
	require.NoError(t, err)
	rep := triage(t, "two.zip", append(bytes.Clone(first), hiddenZip(t)...), Options{})
	items := byPath(rep)
	assert.Contains(t, items, "two.zip!/hidden/customers.csv")
	assert.Contains(t, items, "two.zip!/leading!/docs/first.txt", "the hidden first zip is read")
	require.Len(t, rep.Problems, 1)
	assert.Equal(t, ProblemTrailingData, rep.Problems[0].Code)
	assert.Equal(t, "two.zip", rep.Problems[0].Path)
}

// TestTrailingStreamedLarge: a zip appended to a streamed item (no
// metadata extractor reads it) is read from the item's kept end when it
// fits there, and reported, unread, when it does not; the package's own
// file is read again whatever the zip's size.
func TestTrailingStreamedLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	noise := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	host := noise(3 << 20)
	big, err := archivegen.AppendZip(host, []archivegen.File{{Name: "dump.bin", Data: noise(trailingKeep + 1000), Store: true}}, false)
	require.NoError(t, err)
	pack, err := archivegen.Zip([]archivegen.File{{Name: "a/blob.bin", Data: big, Store: true}, {Name: "b/after.txt", Data: []byte("after\n")}},
		archivegen.ZipOptions{})
	require.NoError(t, err)

	rep := triage(t, "pack.zip", pack, Options{})
	items := byPath(rep)
	p, ok := trailingProblem(items["pack.zip!/a/blob.bin"].Problems)
	require.True(t, ok)
	assert.Contains(t, p.Detail, fmt.Sprintf("at offset %d", len(host)))
	assert.Contains(t, p.Detail, "not read")
	assert.NotContains(t, items, "pack.zip!/a/blob.bin!/trailing")
	assert.Contains(t, items, "pack.zip!/b/after.txt")

	rep = triage(t, "blob.bin", big, Options{})
	items = byPath(rep)
	_, ok = trailingProblem(items["blob.bin"].Problems)
	require.True(t, ok)
	assert.Contains(t, items, "blob.bin!/trailing!/dump.bin", "the package is read again")
}

// TestTrailingDepth: polyglots nested in polyglots stop at MaxDepth with
// limit_depth on the item that would pass it.
func TestTrailingDepth(t *testing.T) {
	data := archivegen.PNGImage()
	for range 4 {
		var err error
		data, err = archivegen.AppendZip(archivegen.PNGImage(), []archivegen.File{{Name: "inner.png", Data: data, Store: true}}, false)
		require.NoError(t, err)
	}
	rep := triage(t, "deep.png", data, Options{Limits: Limits{MaxDepth: 3}})
	var limited []string
	for _, it := range rep.Items {
		assert.LessOrEqual(t, it.Depth, 4, it.Path)
		for _, p := range it.Problems {
			if p.Code == ProblemLimitPrefix+unpack.LimitDepth {
				limited = append(limited, it.Path)
			}
		}
	}
	assert.NotEmpty(t, limited, "the depth limit stops the nesting")
}

// FuzzTrailing drives findTrailing with arbitrary bytes: no panic, what it
// reports lies inside the item, and it reads no more than
// trailingReadBound.
func FuzzTrailing(f *testing.F) {
	zip := hiddenZip(f)
	for _, host := range [][]byte{archivegen.PNGImage(), archivegen.JPEGImage(), archivegen.GIFImage(), archivegen.PDFDocument(1),
		archivegen.MultiPictureJPEG(), archivegen.MotionPhotoJPEG(), archivegen.SamsungTrailerJPEG(), zip, archivegen.SevenZipDeclaredFiles(1)} {
		f.Add(host)
		f.Add(append(bytes.Clone(host), zip...))
		f.Add(appendZip(f, host, true))
		f.Add(append(bytes.Clone(host), "trailing text"...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &countingReaderAt{r: bytes.NewReader(data)}
		size := int64(len(data))
		tr, ok := findTrailing(context.Background(), identify.Type{}, r, size)
		if n := r.n.Load(); n > trailingReadBound(size) {
			t.Fatalf("read %d bytes of %d", n, size)
		}
		if !ok {
			return
		}
		if tr.offset < 0 || tr.length <= 0 || tr.offset+tr.length != size {
			t.Fatalf("trailing data at %d+%d in %d bytes", tr.offset, tr.length, size)
		}
		if start, end, _ := tr.region(); tr.archive != "" && (start < 0 || start >= end || end > size) {
			t.Fatalf("archive at %d to %d in %d bytes", start, end, size)
		}
	})
}

// TestTrailingAfterCompressedStream: a zip appended to a tar.gz. The
// walker reports the data after the gzip stream itself; the zip in them
// is read as the archive's child, and the data are reported once.
func TestTrailingAfterCompressedStream(t *testing.T) {
	tar, err := archivegen.Tar([]archivegen.File{{Name: "logs/a.log", Data: []byte("a log line\n")}})
	require.NoError(t, err)
	gz, err := archivegen.Gzip("a.tar", archivegen.DefaultTime, tar)
	require.NoError(t, err)
	poly := append(bytes.Clone(gz), hiddenZip(t)...)
	count := func(ps []Problem) (n int) {
		for _, p := range ps {
			if p.Code == ProblemTrailingData {
				n++
			}
		}
		return n
	}

	rep := triage(t, "logs.tar.gz", poly, Options{})
	items := byPath(rep)
	assert.Contains(t, items, "logs.tar.gz!/logs/a.log")
	assert.Contains(t, items, "logs.tar.gz!/trailing!/hidden/customers.csv")
	assert.Equal(t, 1, count(rep.Problems), "%v", rep.Problems)

	pack, err := archivegen.Zip([]archivegen.File{{Name: "a/logs.tar.gz", Data: poly}, {Name: "b/after.txt", Data: []byte("after\n")}},
		archivegen.ZipOptions{})
	require.NoError(t, err)
	rep = triage(t, "pack.zip", pack, Options{})
	items = byPath(rep)
	assert.Equal(t, 1, count(items["pack.zip!/a/logs.tar.gz"].Problems), "%v", items["pack.zip!/a/logs.tar.gz"].Problems)
	assert.Contains(t, items, "pack.zip!/a/logs.tar.gz!/trailing!/hidden/customers.csv")
	assert.Contains(t, items, "pack.zip!/b/after.txt")
}
