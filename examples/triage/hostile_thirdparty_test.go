package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// TestHostileThirdPartySizes: sizes in a compressed stream that a
// third-party decoder allocated before anything checked them, found by the
// fuzz targets under a memory ceiling: a RAR 3 PPMd block asking for a
// 256 MiB model (rardecode took 342 MiB for it), and a 7z zstd frame
// declaring a 512 MiB window then 512 MiB of run-length blocks in 16 KiB
// (sevenzip's decoder took the window and filled what the ratio limit let
// it), in a zip beside an ordinary file. The heap reached 855 MB; the
// package-wide ratio limit then stopped the ordinary file. Both are listed
// with limit_dictionary and not decoded; the files around them are read.
func TestHostileThirdPartySizes(t *testing.T) {
	pack, err := archivegen.Zip([]archivegen.File{
		{Name: "model.rar", Data: archivegen.Rar4PPMdModel(256), Store: true},
		{Name: "window.7z", Data: archivegen.SevenZipZstdRLE(512<<20, 4096), Store: true},
		{Name: "readme.txt", Data: []byte("Kitazawa Trading sample, see inside\n")},
	}, archivegen.ZipOptions{})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "pack.zip")
	require.NoError(t, os.WriteFile(path, pack, 0o600))

	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", path}})
	require.NotNil(t, r.Report)
	items := map[string]evidence.Item{}
	for _, it := range r.Report.Items {
		items[it.Path] = it
	}
	for _, p := range []string{"pack.zip!/model.rar!/model.txt", "pack.zip!/window.7z!/a.txt"} {
		it, ok := items[p]
		if assert.True(t, ok, "%s is listed", p) {
			assert.Contains(t, problemCodes(it.Problems), evidence.ProblemLimitPrefix+"dictionary", p)
			assert.Zero(t, it.Size, "%s is not decoded", p)
		}
	}
	for p, size := range map[string]int64{
		"pack.zip!/model.rar!/before.txt": 22,
		"pack.zip!/model.rar!/after.txt":  21,
		"pack.zip!/readme.txt":            36,
	} {
		if it, ok := items[p]; assert.True(t, ok, "%s is listed", p) {
			assert.Equal(t, size, it.Size, p)
			assert.Empty(t, it.Problems, p)
		}
	}
}
