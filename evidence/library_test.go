package evidence_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/draw"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/caselib"
	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/reportschema"
	"github.com/proofpack/proofpack/ocr"
)

// samplePack is the bundled sample: claimed as Fujitsu, Toray's data.
const samplePack = "../testdata/sample/fujitsu-proofpack.zip"

func openLibrary(t *testing.T) *caselib.Library {
	t.Helper()
	lib, err := caselib.Open(t.Context(), t.TempDir(), caselib.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { lib.Close() })
	return lib
}

// sampleMembers returns the files of the sample pack under dir, by name.
func sampleMembers(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(samplePack)
	require.NoError(t, err)
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, dir) || f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		out[f.Name] = b
	}
	return out
}

// reencode decodes an image, scales it by f and writes it as a JPEG of
// quality q: what a seller's re-post does to a screenshot.
func reencode(t *testing.T, b []byte, f float64, q int) []byte {
	t.Helper()
	img, err := ocr.Decode(bytes.NewReader(b), 0)
	require.NoError(t, err)
	r := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, int(float64(r.Dx())*f), int(float64(r.Dy())*f)))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, r, draw.Src, nil)
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, dst, &jpeg.Options{Quality: q}))
	return buf.Bytes()
}

func writeZip(t *testing.T, dir, name string, files []archivegen.File) string {
	t.Helper()
	data, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

func clockAt(s string) func() time.Time {
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return func() time.Time { return at }
}

// TestLibraryRecognisesRepost triages the sample into a library, then a
// re-post of it: the screenshots re-encoded (resized to 90 %, JPEG at
// quality 85: the example of what a hash of bytes misses),
// the CSV re-exported with semicolons, one new file. The re-post's
// items name where they were seen, the report names the sample's pack,
// and the claim gets the recycled finding with its figures.
func TestLibraryRecognisesRepost(t *testing.T) {
	lib := openLibrary(t)
	ctx := t.Context()
	first, err := evidence.Analyze(ctx, samplePack, evidence.Options{Library: lib, Claim: "Fujitsu", Now: clockAt("2025-03-02T10:00:00Z"), TempDir: t.TempDir()})
	require.NoError(t, err)
	require.NotNil(t, first.Library)
	assert.True(t, first.Library.Recorded)
	assert.Zero(t, first.Library.Seen, "an empty library holds nothing")
	assert.Equal(t, "toray", first.Claim.Owner)

	shots := sampleMembers(t, "FJ_sample/screenshots/")
	var files []archivegen.File
	for name, b := range shots {
		files = append(files, archivegen.File{Name: "leak/" + filepath.Base(name) + ".jpg", Data: reencode(t, b, 0.9, 85)})
	}
	csv := sampleMembers(t, "FJ_sample/data/customers_export.csv")["FJ_sample/data/customers_export.csv"]
	require.NotEmpty(t, csv)
	files = append(files,
		archivegen.File{Name: "leak/export.csv", Data: bytes.ReplaceAll(csv, []byte(","), []byte(";"))},
		archivegen.File{Name: "leak/notes.txt", Data: []byte("Fresh notes of the seller, never published before: contact on the forum for the full set.\n")},
	)
	repost := writeZip(t, t.TempDir(), "repost.zip", files)
	rep, err := evidence.Analyze(ctx, repost, evidence.Options{Library: lib, Claim: "Northwind Holdings", Now: clockAt("2026-01-05T10:00:00Z"), TempDir: t.TempDir()})
	require.NoError(t, err)

	byPath := map[string]evidence.Item{}
	for _, it := range rep.Items {
		byPath[strings.TrimPrefix(it.Path, "repost.zip!/")] = it
	}
	for name := range shots {
		it := byPath["leak/"+filepath.Base(name)+".jpg"]
		require.NotNil(t, it.Hashes, it.Path)
		require.NotNil(t, it.Hashes.PDQ, it.Path)
		if it.Hashes.PDQQuality < similar.MinQuality {
			continue // too flat to match on: PDQ's rule
		}
		require.NotEmpty(t, it.SeenBefore, "%s re-encoded was not recognised", name)
		s := it.SeenBefore[0]
		assert.Equal(t, evidence.MatchImage, s.Match, it.Path)
		assert.Equal(t, "fujitsu-proofpack.zip!/"+name, s.Path)
		assert.LessOrEqual(t, s.Distance, similar.ImageMatch)
		assert.Equal(t, "fujitsu-proofpack.zip", s.Pack.Name)
		assert.Equal(t, first.Package.SHA256, s.Pack.SHA256)
		assert.Equal(t, "2025-03-02T10:00:00Z", s.Pack.TriagedAt)
		assert.Equal(t, "Fujitsu", s.Pack.Claimed)
		assert.Equal(t, "toray", s.Pack.Owner)
		assert.Equal(t, evidence.VerdictContradicted, s.Pack.Verdict)
	}
	validJSON(t, rep)
	exp := byPath["leak/export.csv"]
	require.NotEmpty(t, exp.SeenBefore, "the re-exported CSV was not recognised")
	assert.Equal(t, evidence.MatchText, exp.SeenBefore[0].Match)
	assert.Equal(t, "fujitsu-proofpack.zip!/FJ_sample/data/customers_export.csv", exp.SeenBefore[0].Path)
	assert.Empty(t, byPath["leak/notes.txt"].SeenBefore, "a fresh file matched")

	lr := rep.Library
	require.NotNil(t, lr)
	assert.True(t, lr.Recorded)
	assert.Equal(t, len(files), lr.Files)
	require.Len(t, lr.Earlier, 1)
	assert.Equal(t, lr.Seen, lr.Earlier[0].Items)
	assert.Zero(t, lr.Earlier[0].Exact, "nothing was copied byte for byte")
	assert.Greater(t, float64(lr.Seen), evidence.RecycledShare*float64(lr.Files))
	var found *evidence.ClaimFinding
	for i, f := range rep.Claim.Findings {
		if f.Kind == evidence.ClaimRecycled {
			found = &rep.Claim.Findings[i]
		}
	}
	require.NotNil(t, found, "no recycled finding: %+v", rep.Claim)
	assert.Equal(t, fmt.Sprintf("%d of %d files were published on 2025-03-02 in a pack claimed as %q, owner Toray Industries, Inc. (toray) (fujitsu-proofpack.zip; 0 of them byte for byte)",
		lr.Seen, lr.Files, "Fujitsu"), found.Detail)
	assert.Contains(t, rep.Claim.Reason, found.Detail)
	assert.Equal(t, "toray", rep.Claim.EarlierOwner)
}

// TestLibraryEarlierOwner triages a pack of the sample's screenshots
// only, re-encoded: without OCR it holds no evidence of its own, so the
// verdict on its claim rests on the owner the sample's triage found,
// and says so.
func TestLibraryEarlierOwner(t *testing.T) {
	lib := openLibrary(t)
	ctx := t.Context()
	_, err := evidence.Analyze(ctx, samplePack, evidence.Options{Library: lib, Claim: "Fujitsu", TempDir: t.TempDir()})
	require.NoError(t, err)
	var files []archivegen.File
	for name, b := range sampleMembers(t, "FJ_sample/screenshots/") {
		files = append(files, archivegen.File{Name: filepath.Base(name) + ".jpg", Data: reencode(t, b, 0.9, 60)})
	}
	pack := writeZip(t, t.TempDir(), "shots.zip", files)
	for _, tc := range []struct {
		claim    string
		verdict  evidence.Verdict
		relation string
	}{
		{"Fujitsu", evidence.VerdictContradicted, "unrelated"},
		{"Toray", evidence.VerdictSupported, "same"},
	} {
		rep, err := evidence.Analyze(ctx, pack, evidence.Options{Library: lib, Claim: tc.claim, TempDir: t.TempDir()})
		require.NoError(t, err)
		c := rep.Claim
		assert.Empty(t, c.Owner, "the pack has no owner of its own")
		assert.Equal(t, evidence.BasisEarlierTriage, c.Basis)
		assert.Equal(t, "toray", c.EarlierOwner)
		assert.Equal(t, tc.verdict, c.Verdict, c.Reason)
		assert.Equal(t, tc.relation, c.Relation)
		assert.Contains(t, c.Reason, "by the earlier triage of fujitsu-proofpack.zip")
		validJSON(t, rep)
	}

	// Without the library the same pack is inconclusive.
	rep, err := evidence.Analyze(ctx, pack, evidence.Options{Claim: "Fujitsu", TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, evidence.VerdictInconclusive, rep.Claim.Verdict)
	assert.Empty(t, rep.Claim.Basis)
	assert.Nil(t, rep.Library)
}

// validJSON checks the report's JSON against docs/report.schema.json.
func validJSON(t *testing.T, rep *evidence.Report) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, rep.WriteJSON(&buf))
	require.NoError(t, reportschema.Validate(buf.Bytes()))
}

// TestLibraryRetriageNotSelf triages one pack twice: the second triage
// finds nothing of the pack in itself, and the library keeps one record.
func TestLibraryRetriageNotSelf(t *testing.T) {
	lib := openLibrary(t)
	for range 2 {
		rep, err := evidence.Analyze(t.Context(), samplePack, evidence.Options{Library: lib, Claim: "Fujitsu", TempDir: t.TempDir()})
		require.NoError(t, err)
		assert.Zero(t, rep.Library.Seen)
		assert.Empty(t, rep.Library.Earlier)
		assert.True(t, rep.Library.Recorded)
	}
	packs, _, err := lib.Packs(t.Context())
	require.NoError(t, err)
	assert.EqualValues(t, 1, packs)
}

// TestLibraryOnItem checks that items handed to Options.OnItem carry
// their sightings: the lookups are done before an item is handed on.
func TestLibraryOnItem(t *testing.T) {
	lib := openLibrary(t)
	_, err := evidence.Analyze(t.Context(), samplePack, evidence.Options{Library: lib, TempDir: t.TempDir()})
	require.NoError(t, err)
	data, err := os.ReadFile(samplePack)
	require.NoError(t, err)
	copyPack := writeZip(t, t.TempDir(), "copy.zip", []archivegen.File{{Name: "inner.zip", Data: data}})
	seen, archives := 0, 0
	var inner []evidence.Sighting
	rep, err := evidence.Analyze(t.Context(), copyPack, evidence.Options{Library: lib, TempDir: t.TempDir(), OnItem: func(it evidence.Item) error {
		if len(it.SeenBefore) > 0 {
			seen++
			if it.Kind == "archive" {
				archives++
			}
			if it.Path == "copy.zip!/inner.zip" {
				inner = it.SeenBefore
			}
		}
		return nil
	}})
	require.NoError(t, err)
	assert.Positive(t, seen)
	require.Len(t, inner, 1, "the inner zip is the sample pack, seen whole")
	assert.Equal(t, evidence.Sighting{Pack: inner[0].Pack, Path: "fujitsu-proofpack.zip", Kind: "archive", Match: evidence.MatchExact, Similarity: 1}, inner[0])
	assert.Equal(t, "fujitsu-proofpack.zip", inner[0].Pack.Name)
	assert.Equal(t, 3, archives, "the inner pack itself, the nested archives old_share.zip and its old_share.tar.gz, looked up exactly")
	assert.Equal(t, rep.Library.Seen, seen-archives, "archives are looked up, but are no files")
	require.NotEmpty(t, rep.Library.Earlier)
	assert.Equal(t, rep.Library.Earlier[0].Items, rep.Library.Earlier[0].Exact, "every file was copied byte for byte")
}

// TestLibraryFailure closes the library before the triage: the triage
// goes on, with a library_error problem, and records nothing.
func TestLibraryFailure(t *testing.T) {
	lib, err := caselib.Open(t.Context(), t.TempDir(), caselib.Options{})
	require.NoError(t, err)
	require.NoError(t, lib.Close())
	rep, err := evidence.Analyze(t.Context(), samplePack, evidence.Options{Library: lib, Claim: "Fujitsu", TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, "toray", rep.Claim.Owner, "the triage went on")
	assert.False(t, rep.Library.Recorded)
	n := 0
	for _, p := range rep.Problems {
		if p.Code == evidence.ProblemLibrary {
			n++
			assert.Contains(t, p.Detail, "closed")
		}
	}
	assert.Equal(t, 1, n, "one library_error problem: %+v", rep.Problems)
}

// TestLibraryCancelledNotRecorded cancels a triage: the pack, read in
// part, is not recorded.
func TestLibraryCancelledNotRecorded(t *testing.T) {
	lib := openLibrary(t)
	ctx, cancel := context.WithCancel(t.Context())
	n := 0
	_, err := evidence.Analyze(ctx, samplePack, evidence.Options{Library: lib, TempDir: t.TempDir(), OnItem: func(evidence.Item) error {
		if n++; n == 3 {
			cancel()
		}
		return nil
	}})
	require.Error(t, err)
	packs, _, err := lib.Packs(t.Context())
	require.NoError(t, err)
	assert.Zero(t, packs)
}

// TestHashesWithoutLibrary: Options.Hashes gives every image its PDQ
// hash in the JSON, and no library section.
func TestHashesWithoutLibrary(t *testing.T) {
	rep, err := evidence.Analyze(t.Context(), samplePack, evidence.Options{Hashes: true, TempDir: t.TempDir()})
	require.NoError(t, err)
	images := 0
	for _, it := range rep.Items {
		if it.Kind != "image" {
			continue
		}
		images++
		require.NotNil(t, it.Hashes, it.Path)
		require.NotNil(t, it.Hashes.PDQ, it.Path)
	}
	assert.Equal(t, 5, images)
	assert.Nil(t, rep.Library)
	var buf bytes.Buffer
	require.NoError(t, rep.WriteJSON(&buf))
	assert.Contains(t, buf.String(), `"pdq": "`)
	require.NoError(t, reportschema.Validate(buf.Bytes()))
	assert.NotContains(t, buf.String(), `"library"`)
}

// TestLibraryConcurrentTriages runs four triages into one library at
// once, of four packs holding the sample under other names: every pack
// is recorded, and none fails for another's write.
func TestLibraryConcurrentTriages(t *testing.T) {
	lib := openLibrary(t)
	data, err := os.ReadFile(samplePack)
	require.NoError(t, err)
	dir := t.TempDir()
	errs := make(chan error, 4)
	for i := range 4 {
		p := writeZip(t, dir, fmt.Sprintf("p%d.zip", i), []archivegen.File{{Name: fmt.Sprintf("copy-%d.zip", i), Data: data}})
		go func() {
			rep, err := evidence.Analyze(t.Context(), p, evidence.Options{Library: lib, TempDir: t.TempDir()})
			if err == nil && !rep.Library.Recorded {
				err = fmt.Errorf("%s not recorded: %v", p, rep.Problems)
			}
			errs <- err
		}()
	}
	for range 4 {
		assert.NoError(t, <-errs)
	}
	packs, _, err := lib.Packs(t.Context())
	require.NoError(t, err)
	assert.EqualValues(t, 4, packs)
}

// TestLibraryCappedLookups feeds the sample three times, in three packs,
// to a library that verifies one text candidate per lookup and to one
// with the default caps: the third pack has two candidates for each of
// its texts, and only the first library's report counts lookups cut.
func TestLibraryCappedLookups(t *testing.T) {
	capped, err := caselib.Open(t.Context(), t.TempDir(), caselib.Options{MaxTextCandidates: 1})
	require.NoError(t, err)
	t.Cleanup(func() { capped.Close() })
	plain := openLibrary(t)
	data, err := os.ReadFile(samplePack)
	require.NoError(t, err)
	dir := t.TempDir()
	last := map[*caselib.Library]*evidence.Report{}
	for i := range 3 {
		p := writeZip(t, dir, fmt.Sprintf("p%d.zip", i), []archivegen.File{{Name: fmt.Sprintf("copy-%d.zip", i), Data: data}})
		for _, lib := range []*caselib.Library{capped, plain} {
			rep, err := evidence.Analyze(t.Context(), p, evidence.Options{Library: lib, TempDir: t.TempDir()})
			require.NoError(t, err)
			last[lib] = rep
		}
	}
	assert.Positive(t, last[capped].Library.CappedLookups)
	assert.Zero(t, last[plain].Library.CappedLookups)
	assert.Equal(t, last[plain].Library.Seen, last[capped].Library.Seen, "every file is seen exactly anyway")
	validJSON(t, last[capped])
}
