package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// findItem returns the report's item at path.
func findItem(rep *evidence.Report, path string) (evidence.Item, bool) {
	for _, it := range rep.Items {
		if it.Path == path {
			return it, true
		}
	}
	return evidence.Item{}, false
}

// TestHostileTrailingZip is issue 11's r13: a zip appended to a PNG, which
// unzip and 7-Zip list, and a PDF with one, in a zip between ordinary
// files. Each gets trailing_data, its zip is read as its child, and the
// walk goes on.
func TestHostileTrailingZip(t *testing.T) {
	hidden := []archivegen.File{{Name: "hidden/customers.csv", Data: []byte("name,email\nalice,alice@acme.example.com\n")}}
	png := archivegen.PNGImage()
	poly, err := archivegen.AppendZip(png, hidden, false)
	require.NoError(t, err)
	dir := t.TempDir()
	image := filepath.Join(dir, "r13_image.png")
	require.NoError(t, os.WriteFile(image, poly, 0o600))

	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", image}})
	require.NotNil(t, r.Report)
	it, ok := findItem(r.Report, "r13_image.png")
	require.True(t, ok)
	assert.Contains(t, problemCodes(it.Problems), evidence.ProblemTrailingData)
	_, ok = findItem(r.Report, "r13_image.png!/trailing!/hidden/customers.csv")
	assert.True(t, ok, "the appended zip is walked")

	pdf, err := archivegen.AppendZip(archivegen.PDFDocument(1), hidden, true)
	require.NoError(t, err)
	pack, err := archivegen.Zip([]archivegen.File{
		{Name: "a/before.txt", Data: []byte("before\n")}, {Name: "a/scan.png", Data: poly}, {Name: "a/report.pdf", Data: pdf},
		{Name: "b/after.txt", Data: []byte("after\n")},
	}, archivegen.ZipOptions{})
	require.NoError(t, err)
	packPath := filepath.Join(dir, "r13_pack.zip")
	require.NoError(t, os.WriteFile(packPath, pack, 0o600))
	r = runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", packPath}})
	require.NotNil(t, r.Report)
	for _, host := range []string{"r13_pack.zip!/a/scan.png", "r13_pack.zip!/a/report.pdf"} {
		it, ok := findItem(r.Report, host)
		require.True(t, ok, host)
		assert.Contains(t, problemCodes(it.Problems), evidence.ProblemTrailingData, host)
		_, ok = findItem(r.Report, host+"!/trailing!/hidden/customers.csv")
		assert.True(t, ok, "%s: the appended zip is walked", host)
	}
	_, ok = findItem(r.Report, "r13_pack.zip!/b/after.txt")
	assert.True(t, ok, "the walk goes on")
}

// TestHostileSevenZipRatio is issue 11's r12: a 7z member of 2 GiB of
// zeros in a zip beside another file was read whole; it stops at the ratio
// limit after about a megabyte, as the same member in a zip does.
func TestHostileSevenZipRatio(t *testing.T) {
	bomb, err := archivegen.SevenZipBlocks([]archivegen.SevenZipBlock{{Method: archivegen.SevenZipDeflate,
		Files: []archivegen.SevenZipMember{{Name: "r12_zeros.bin", Zeros: 2<<30 - 648}}}})
	require.NoError(t, err)
	pack, err := archivegen.Zip([]archivegen.File{{Name: "r12.7z", Data: bomb, Store: true},
		{Name: "r12_dump.csv", Data: orderText(1 << 20)}}, archivegen.ZipOptions{})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "r12_pack.zip")
	require.NoError(t, os.WriteFile(path, pack, 0o600))

	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", path}})
	require.NotNil(t, r.Report)
	it, ok := findItem(r.Report, "r12_pack.zip!/r12.7z!/r12_zeros.bin")
	require.True(t, ok)
	assert.Equal(t, []string{evidence.ProblemLimitPrefix + unpack.LimitRatio}, problemCodes(it.Problems))
	assert.Less(t, it.Size, int64(4<<20), "bytes read of the bomb")
	dump, ok := findItem(r.Report, "r12_pack.zip!/r12_dump.csv")
	require.True(t, ok)
	assert.True(t, dump.Complete, "the file beside it is read")
}
