package evidence_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// splitPack writes the volumes of a split zip of a fictional pack into a
// new directory and returns their paths, NAME.z01 … NAME.zip in order,
// and the files in it.
func splitPack(t *testing.T) ([]string, []archivegen.File) {
	t.Helper()
	noise := bytes.Repeat([]byte{0}, 0)
	x := uint32(88172645)
	for range 9 << 10 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		noise = append(noise, byte(x))
	}
	files := []archivegen.File{
		{Name: "shares/scan.bin", Data: noise},
		{Name: "mail/note.txt", Data: []byte("From: ito@northwind.example.jp\nNorthwind Traders internal note (fictional)\n")},
	}
	one, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	vols, err := archivegen.SplitZip(one, 4<<10)
	require.NoError(t, err)
	require.Len(t, vols, 3)
	dir := t.TempDir()
	var paths []string
	for i, v := range vols {
		name := []string{"pack.z01", "pack.z02", "pack.zip"}[i]
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, v, 0o600))
		paths = append(paths, p)
	}
	return paths, files
}

func splitProblems(rep *evidence.Report) []evidence.Problem {
	var ps []evidence.Problem
	for _, p := range rep.Problems {
		if p.Code == evidence.ProblemSplitArchive {
			ps = append(ps, p)
		}
	}
	return ps
}

// TestSplitVolumeAlone: a volume of a split archive triaged alone is
// not a silent blob: the report says which volume it is and which are
// missing.
func TestSplitVolumeAlone(t *testing.T) {
	paths, _ := splitPack(t)
	for i, want := range []string{
		"volume 1 of a split zip; volume pack.zip missing, and maybe others of the set",
		"volume 2 of a split zip; volumes pack.z01, pack.zip missing, and maybe others of the set",
		"the last volume (3 of 3) of a split zip; volumes pack.z01, pack.z02 missing",
	} {
		rep, err := evidence.Analyze(t.Context(), paths[i], evidence.Options{TempDir: t.TempDir()})
		require.NotNil(t, rep, "%v", err)
		ps := splitProblems(rep)
		require.Len(t, ps, 1, "%s: %+v", paths[i], rep.Problems)
		assert.Contains(t, ps[0].Detail, want)
		assert.Equal(t, filepath.Base(paths[i]), ps[0].Path)
	}
	one, err := archivegen.Zip([]archivegen.File{{Name: "a.txt", Data: []byte("a")}}, archivegen.ZipOptions{})
	require.NoError(t, err)
	rep, err := analyzeBytes(t, "pack.zip", one, evidence.Options{})
	require.NoError(t, err)
	assert.Empty(t, splitProblems(rep), "a zip of one disk is no volume")
}

// TestAnalyzeVolumes: every volume given, in any order: the split zip is
// read as the one archive it is, each entry whole.
func TestAnalyzeVolumes(t *testing.T) {
	paths, files := splitPack(t)
	rep, err := evidence.AnalyzeVolumes(t.Context(), []string{paths[2], paths[0], paths[1]}, evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, "pack.zip", rep.Package.Name)
	assert.Empty(t, splitProblems(rep))
	assert.Empty(t, rep.Problems)
	require.Len(t, rep.Items, len(files))
	for i, f := range files {
		assert.Equal(t, "pack.zip!/"+f.Name, rep.Items[i].Path)
		assert.Equal(t, sha(f.Data), rep.Items[i].SHA256, f.Name)
		assert.True(t, rep.Items[i].Complete)
	}

	// Not the whole set, or not one: no report, and why.
	_, err = evidence.AnalyzeVolumes(t.Context(), []string{paths[0], paths[2]}, evidence.Options{})
	assert.ErrorIs(t, err, evidence.ErrVolumes)
	assert.ErrorContains(t, err, "volume pack.z02 missing")
	_, err = evidence.AnalyzeVolumes(t.Context(), paths[:2], evidence.Options{})
	assert.ErrorIs(t, err, evidence.ErrVolumes)
	assert.ErrorContains(t, err, "pack.zip) is missing")
	_, err = evidence.AnalyzeVolumes(t.Context(), []string{paths[0], samplePath}, evidence.Options{})
	assert.ErrorIs(t, err, evidence.ErrVolumes)
	_, err = evidence.AnalyzeVolumes(t.Context(), []string{paths[0], paths[0] + ".none"}, evidence.Options{})
	assert.ErrorIs(t, err, evidence.ErrOpen)
}

// TestAnalyzeVolumes7z: a 7z cut into volumes (7-Zip's -v) is read as
// the archive it was.
func TestAnalyzeVolumes7z(t *testing.T) {
	whole, err := os.ReadFile("../testdata/archives/plain.7z")
	require.NoError(t, err)
	ref, err := analyzeBytes(t, "pack.7z", whole, evidence.Options{})
	require.NoError(t, err)
	require.NotEmpty(t, ref.Items)
	dir := t.TempDir()
	cut := len(whole) / 3
	var paths []string
	for i, part := range [][]byte{whole[:cut], whole[cut : 2*cut], whole[2*cut:]} {
		p := filepath.Join(dir, "pack.7z.00"+string(rune('1'+i)))
		require.NoError(t, os.WriteFile(p, part, 0o600))
		paths = append(paths, p)
	}
	rep, err := evidence.Analyze(t.Context(), paths[0], evidence.Options{TempDir: t.TempDir()})
	require.NotNil(t, rep, "%v", err)
	require.Len(t, splitProblems(rep), 1)
	assert.Contains(t, splitProblems(rep)[0].Detail, "volume 1 of a split 7z archive; the other volumes are missing")

	rep, err = evidence.AnalyzeVolumes(t.Context(), paths, evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, "pack.7z", rep.Package.Name)
	assert.Equal(t, ref.Package.SHA256, rep.Package.SHA256, "the volumes end to end are the archive")
	require.Len(t, rep.Items, len(ref.Items))
	for i := range ref.Items {
		assert.Equal(t, ref.Items[i].SHA256, rep.Items[i].SHA256, ref.Items[i].Path)
	}
}

// TestSplitVolumesInside: volumes of a split archive inside a package
// are flagged on their items, each triaged as what it is alone.
func TestSplitVolumesInside(t *testing.T) {
	paths, _ := splitPack(t)
	var files []archivegen.File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		files = append(files, archivegen.File{Name: "parts/" + filepath.Base(p), Data: b})
	}
	files = append(files, archivegen.File{Name: "readme.txt", Data: []byte("password on request\n")})
	pack, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	rep, err := analyzeBytes(t, "outer.zip", pack, evidence.Options{})
	require.NoError(t, err)
	want := map[string]string{
		"outer.zip!/parts/pack.z01": "volume 1 of a split zip",
		"outer.zip!/parts/pack.z02": "volume 2 of a split zip",
		"outer.zip!/parts/pack.zip": "the last volume (3 of 3) of a split zip",
	}
	got := map[string]string{}
	for _, it := range rep.Items {
		for _, p := range it.Problems {
			if p.Code == evidence.ProblemSplitArchive {
				got[it.Path] = strings.TrimSuffix(p.Detail, "; the volumes of a split archive inside a package are not read as one archive")
			}
		}
	}
	assert.Equal(t, want, got)
	assert.Empty(t, splitProblems(rep), "the package itself is no volume")
}
