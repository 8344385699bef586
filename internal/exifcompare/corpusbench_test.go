package exifcompare

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
)

// fakeCorpus writes a small corpus under dir/files: documents, images,
// mail and text that exiftool reads as files, and archives (a plain
// zip, a JAR, a gzip) that the set leaves out. It returns the paths
// under files/ that are not archives.
func fakeCorpus(t *testing.T, dir string) []string {
	t.Helper()
	img := testImage(64, 48)
	write := func(rel string, data []byte) {
		p := filepath.Join(dir, "files", filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
		require.NoError(t, os.WriteFile(p, data, 0o600))
	}
	var kept []string
	for i, kind := range []string{"jpg", "png", "docx", "xlsx", "pdf", "eml"} {
		data, ext, err := treeFile(kind, i, img, nil)
		require.NoError(t, err)
		rel := "src" + string(rune('a'+i%2)) + "/f" + kind + "." + ext
		write(rel, data)
		kept = append(kept, rel)
	}
	write("srca/notes.txt", []byte("Minutes of the meeting of Example Fibres K.K.\n"))
	kept = append(kept, "srca/notes.txt")

	zipOf := func(members map[string]string) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for name, body := range members {
			w, err := zw.Create(name)
			require.NoError(t, err)
			_, err = w.Write([]byte(body))
			require.NoError(t, err)
		}
		require.NoError(t, zw.Close())
		return b.Bytes()
	}
	write("srcb/plain.zip", zipOf(map[string]string{"a.txt": "alpha", "b.txt": "beta"}))
	write("srcb/app.jar", zipOf(map[string]string{"META-INF/MANIFEST.MF": "Manifest-Version: 1.0\n", "A.class": "\xca\xfe\xba\xbe"}))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, err := zw.Write([]byte("compressed text\n"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	write("srcb/log.gz", gz.Bytes())
	return kept
}

func TestLoadCorpusSet(t *testing.T) {
	root := t.TempDir()
	kept := fakeCorpus(t, root)
	ctx := context.Background()

	all, err := LoadCorpusSet(ctx, root, "")
	require.NoError(t, err)
	var rels []string
	var bytes int64
	for _, f := range all.Files {
		rels = append(rels, f.Rel)
		bytes += f.Size
		assert.NotEqual(t, identify.KindArchive, f.Type.Kind, f.Rel)
	}
	assert.ElementsMatch(t, kept, rels, "documents, images, mail and text are kept")
	assert.Equal(t, 3, all.Archives, "the plain zip, the JAR and the gzip are left out")
	assert.Equal(t, bytes, all.Bytes)
	assert.Equal(t, 1, all.ByKind[identify.KindDocument], "the docx")
	assert.Equal(t, 1, all.ByKind[identify.KindSpreadsheet], "the xlsx")
	assert.Equal(t, 2, all.ByKind[identify.KindImage])

	// The halves split the set, and the archives, between them.
	decided, err := LoadCorpusSet(ctx, root, HalfDecided)
	require.NoError(t, err)
	heldOut, err := LoadCorpusSet(ctx, root, HalfHeldOut)
	require.NoError(t, err)
	assert.Equal(t, len(all.Files), len(decided.Files)+len(heldOut.Files))
	assert.Equal(t, all.Archives, decided.Archives+heldOut.Archives)
	for _, f := range decided.Files {
		assert.Equal(t, byte(0), sha256.Sum256([]byte(f.Rel))[0]%2, f.Rel)
	}
	for _, f := range heldOut.Files {
		assert.Equal(t, byte(1), sha256.Sum256([]byte(f.Rel))[0]%2, f.Rel)
	}

	_, err = LoadCorpusSet(ctx, root, "third")
	assert.Error(t, err)
	_, err = LoadCorpusSet(ctx, t.TempDir(), "")
	assert.ErrorIs(t, err, ErrNoCorpus)
}

func TestLocateCorpus(t *testing.T) {
	t.Setenv(CorpusEnv, "")
	assert.Equal(t, filepath.Join("/repo", "..", "shared", "corpus"), LocateCorpus("/repo"))
	t.Setenv(CorpusEnv, "/data/corpus")
	assert.Equal(t, "/data/corpus", LocateCorpus("/repo"))
	t.Setenv(CorpusEnv, "corpora/dev")
	assert.Equal(t, "/repo/corpora/dev", LocateCorpus("/repo"))
}

func TestPackageRoundTrip(t *testing.T) {
	root := t.TempDir()
	fakeCorpus(t, root)
	set, err := LoadCorpusSet(context.Background(), root, "")
	require.NoError(t, err)
	scratch := t.TempDir()
	pkg := filepath.Join(scratch, "corpus.zip")
	require.NoError(t, set.WritePackage(pkg))
	assert.Error(t, set.WritePackage(pkg), "an existing package is not overwritten")

	zr, err := zip.OpenReader(pkg)
	require.NoError(t, err)
	for _, e := range zr.File {
		assert.Equal(t, zip.Store, e.Method, e.Name)
	}
	require.NoError(t, zr.Close())

	tree := filepath.Join(scratch, "tree")
	require.NoError(t, os.Mkdir(tree, 0o700))
	n, err := UnpackPackage(pkg, tree)
	require.NoError(t, err)
	assert.Equal(t, len(set.Files), n)
	for _, f := range set.Files {
		want, err := os.ReadFile(f.Path)
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(tree, filepath.FromSlash(f.Rel)))
		require.NoError(t, err)
		assert.Equal(t, want, got, f.Rel)
	}
}

func TestUnpackPackageRefusesNames(t *testing.T) {
	for _, name := range []string{"../escape.txt", "/abs.txt", `dir\..\..\escape.txt`, "a/../../escape.txt"} {
		t.Run(name, func(t *testing.T) {
			scratch := t.TempDir()
			pkg := filepath.Join(scratch, "p.zip")
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			require.NoError(t, err)
			_, err = w.Write([]byte("x"))
			require.NoError(t, err)
			require.NoError(t, zw.Close())
			require.NoError(t, os.WriteFile(pkg, b.Bytes(), 0o600))
			tree := filepath.Join(scratch, "deep", "tree")
			require.NoError(t, os.MkdirAll(tree, 0o700))
			_, err = UnpackPackage(pkg, tree)
			assert.ErrorContains(t, err, "not a local path")
			left, err := treeFiles(scratch)
			require.NoError(t, err)
			assert.Equal(t, []string{pkg}, left, "nothing is written")
		})
	}
}

func TestSeries(t *testing.T) {
	s := Series{Samples: []Sample{
		{Wall: 3 * time.Second, CPU: 5 * time.Second, MaxRSS: 30},
		{Wall: 1 * time.Second, CPU: 6 * time.Second, MaxRSS: 10},
		{Wall: 2 * time.Second, CPU: 4 * time.Second, MaxRSS: 20},
	}}
	assert.Equal(t, Sample{Wall: 2 * time.Second, CPU: 5 * time.Second, MaxRSS: 20}, s.Median())
	assert.Equal(t, Sample{Wall: 1 * time.Second, CPU: 4 * time.Second, MaxRSS: 10}, s.Best())
	s.Samples = s.Samples[:2]
	assert.Equal(t, Sample{Wall: 2 * time.Second, CPU: 5500 * time.Millisecond, MaxRSS: 20}, s.Median(), "the mean of the middle two")
	assert.Equal(t, Sample{}, Series{}.Median())
	assert.Equal(t, Sample{}, Series{}.Best())

	e := Series{Samples: []Sample{{Wall: 40 * time.Second, CPU: 40 * time.Second}, {Wall: 30 * time.Second, CPU: 30 * time.Second}}}
	o := Series{Samples: []Sample{{Wall: 2 * time.Second, CPU: 4 * time.Second}, {Wall: time.Second, CPU: 2 * time.Second}}}
	w, c := Ratios(e, o)
	assert.Equal(t, []float64{20, 30}, w)
	assert.Equal(t, []float64{10, 15}, c)
	r := &CorpusBenchResult{Exiftool: e, Triage: o}
	assert.True(t, r.Met(), "medians 25x wall, 12.5x CPU")
	r.Triage.Samples[1].CPU = 4 * time.Second
	assert.False(t, r.Met(), "medians 25x wall, 8.75x CPU")
}

func TestTripleHash(t *testing.T) {
	data := bytes.Repeat([]byte("proof pack "), 100_000) // several reads of tripleHashBuf
	require.NoError(t, tripleHash(context.Background(), bytes.NewReader(data)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, tripleHash(ctx, bytes.NewReader(data)), context.Canceled)
}
