package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/draw"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/ocr"
)

const samplePack = "../../testdata/sample/fujitsu-proofpack.zip"

// repost writes a re-post of the sample: its screenshots resized to 90 %
// and re-saved as JPEG of quality 85 (the example of what a
// hash of bytes misses), its CSV re-exported with
// semicolons, its README byte for byte, and one new file.
func repost(t *testing.T) string {
	t.Helper()
	zr, err := zip.OpenReader(samplePack)
	require.NoError(t, err)
	defer zr.Close()
	var files []archivegen.File
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		base := filepath.Base(f.Name)
		switch {
		case strings.Contains(f.Name, "/screenshots/"):
			img, err := ocr.Decode(bytes.NewReader(b), 0)
			require.NoError(t, err)
			r := img.Bounds()
			dst := image.NewRGBA(image.Rect(0, 0, r.Dx()*9/10, r.Dy()*9/10))
			draw.CatmullRom.Scale(dst, dst.Bounds(), img, r, draw.Src, nil)
			var buf bytes.Buffer
			require.NoError(t, jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85}))
			// The name itself may hold a slash ("<script>alert(1)</script>.png").
			name := f.Name[strings.Index(f.Name, "/screenshots/")+len("/screenshots/"):]
			files = append(files, archivegen.File{Name: "shots/" + name + ".jpg", Data: buf.Bytes()})
		case base == "customers_export.csv":
			files = append(files, archivegen.File{Name: "export.csv", Data: bytes.ReplaceAll(b, []byte(","), []byte(";"))})
		case base == "README.txt":
			files = append(files, archivegen.File{Name: "README.txt", Data: b})
		}
	}
	files = append(files, archivegen.File{Name: "new.txt", Data: []byte("A note the first pack never held: ask on the forum for the rest of the set, paid in advance.\n")})
	data, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "repost.zip")
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

func TestCompareRepost(t *testing.T) {
	b := repost(t)
	var out, errOut bytes.Buffer
	code := run([]string{"-ocr=false", "-json", "-tmpdir", t.TempDir(), samplePack, b}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	var res Result
	require.NoError(t, json.Unmarshal(out.Bytes(), &res))
	assert.Equal(t, "fujitsu-proofpack.zip", res.A.Name)
	assert.Equal(t, "repost.zip", res.B.Name)
	assert.Equal(t, 8, res.B.Files)
	got := map[string]Shared{}
	for _, s := range res.Shared {
		got[s.B] = s
	}
	assert.Equal(t, evidence.MatchExact, got["README.txt"].Match)
	assert.Equal(t, "FJ_sample/README.txt", got["README.txt"].A)
	assert.Equal(t, evidence.MatchText, got["export.csv"].Match)
	assert.Equal(t, "FJ_sample/data/customers_export.csv", got["export.csv"].A)
	assert.NotContains(t, got, "new.txt")
	images := 0
	for name, s := range got {
		if strings.HasPrefix(name, "shots/") {
			images++
			assert.Equal(t, evidence.MatchImage, s.Match, name)
			assert.Equal(t, "FJ_sample/screenshots/"+strings.TrimSuffix(strings.TrimPrefix(name, "shots/"), ".jpg"), s.A)
		}
	}
	assert.Equal(t, 5, images, "the 5 screenshots re-encoded")
	assert.Equal(t, len(got), res.SharedFiles)

	// The table says the same for people.
	out.Reset()
	code = run([]string{"-ocr=false", "-tmpdir", t.TempDir(), samplePack, b}, &out, &errOut)
	require.Equal(t, 0, code)
	assert.Contains(t, out.String(), "of 8 files of B are in A")
	assert.Contains(t, out.String(), "FJ_sample/data/customers_export.csv")
}

func TestCompareNothingShared(t *testing.T) {
	data, err := archivegen.Zip([]archivegen.File{{Name: "a.txt", Data: []byte("nothing of the sample is here, only this short line of text.")}}, archivegen.ZipOptions{})
	require.NoError(t, err)
	other := filepath.Join(t.TempDir(), "other.zip")
	require.NoError(t, os.WriteFile(other, data, 0o644))
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, run([]string{"-ocr=false", samplePack, other}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "0 of 1 files of B are in A")
}

func TestCompareErrors(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 2, run([]string{samplePack}, &out, &errOut))
	assert.Contains(t, errOut.String(), "want two packs")
	errOut.Reset()
	assert.Equal(t, 2, run([]string{"-ocr=false", samplePack, filepath.Join(t.TempDir(), "missing.zip")}, &out, &errOut))
	assert.Contains(t, errOut.String(), "missing.zip")
	errOut.Reset()
	assert.Equal(t, 2, run([]string{"-ocr=false", samplePack, samplePack}, &out, &errOut))
	assert.Contains(t, errOut.String(), "same file")
	errOut.Reset()
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errOut))
	for _, f := range []string{"-ocr", "-lang", "-password", "-tmpdir", "-json", "-all", "Exit status"} {
		assert.Contains(t, errOut.String(), f)
	}
}
