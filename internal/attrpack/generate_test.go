package attrpack

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// dir is the folder the generator writes.
var dir = filepath.Join("..", "..", "testdata", "attribution")

var (
	buildOnce  sync.Once
	buildFiles []File
	buildErr   error
)

// build returns the generated files, built once per test binary, or skips
// when the CJK font is not installed. Only the tests that re-create the
// folder (PROOFPACK_GENERATE=1) build it all: the packs read by OCR render
// screenshots, seconds each under the race detector.
func build(t *testing.T) []File {
	testenv.Generate(t, "the attribution packs")
	buildOnce.Do(func() { buildFiles, buildErr = Build(Options{}) })
	if errors.Is(buildErr, docgen.ErrFontMissing) {
		testenv.Need(t, buildErr, "the CJK font the screenshots are drawn with", "fonts-ipafont-gothic")
	}
	require.NoError(t, buildErr)
	return buildFiles
}

func TestBuildDeterministic(t *testing.T) {
	first := build(t)
	second, err := Build(Options{CJKFontPath: docgen.DefaultCJKFontPath})
	require.NoError(t, err)
	require.Len(t, second, len(first))
	total := 0
	for i := range first {
		assert.Equal(t, first[i].Name, second[i].Name)
		assert.Equal(t, sha256.Sum256(first[i].Data), sha256.Sum256(second[i].Data), "%s differs between two builds", first[i].Name)
		total += len(first[i].Data)
	}
	assert.Less(t, total, 3<<20, "the folder must stay under 3 MB")
}

func TestCommittedFilesAreCurrent(t *testing.T) {
	files := build(t)
	want := map[string]bool{}
	for _, f := range files {
		want[f.Name] = true
	}
	des, err := os.ReadDir(dir)
	require.NoError(t, err, "run: go generate ./internal/attrpack")
	for _, de := range des {
		assert.True(t, want[de.Name()], "%s is in %s but the generator does not write it", de.Name(), dir)
	}
	for i, l := range Labels() {
		assert.Equal(t, l.File, files[i].Name, "packs come in label order")
	}
	for _, f := range files {
		t.Run(f.Name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dir, f.Name))
			require.NoError(t, err, "run: go generate ./internal/attrpack")
			require.Equal(t, fmt.Sprintf("%x", sha256.Sum256(f.Data)), fmt.Sprintf("%x", sha256.Sum256(got)),
				"%s is stale or was built with another Go release or font; run: go generate ./internal/attrpack", f.Name)
		})
	}
}

// TestPacksMatchCommitted builds every pack that needs no screenshot and
// no 7-Zip and checks that it is the committed file, byte for byte; the
// packs read by OCR and the 7z packs are re-created by
// TestCommittedFilesAreCurrent.
func TestPacksMatchCommitted(t *testing.T) {
	fonts, err := docgen.LoadFonts("")
	testenv.Need(t, err, "the CJK font of the generated documents", "fonts-ipafont-gothic")
	n := 0
	for _, c := range cases {
		if c.label.NeedsOCR || strings.HasSuffix(c.label.File, ".7z") {
			continue
		}
		n++
		t.Run(c.label.File, func(t *testing.T) {
			data, err := buildPack(c, fonts)
			require.NoError(t, err)
			got, err := os.ReadFile(filepath.Join(dir, c.label.File))
			require.NoError(t, err, "run: go generate ./internal/attrpack")
			require.Equal(t, fmt.Sprintf("%x", sha256.Sum256(data)), fmt.Sprintf("%x", sha256.Sum256(got)),
				"%s is stale or was built with another Go release or font; run: go generate ./internal/attrpack", c.label.File)
		})
	}
	assert.Greater(t, n, len(cases)/2, "most packs need no OCR")
}

func TestLabels(t *testing.T) {
	committed, err := os.ReadFile(filepath.Join(dir, LabelsFile))
	require.NoError(t, err, "run: go generate ./internal/attrpack")
	var labels []Label
	require.NoError(t, json.Unmarshal(committed, &labels))
	require.Equal(t, Labels(), labels, "labels.json must be Labels() as JSON")
	js, err := json.MarshalIndent(labels, "", "  ")
	require.NoError(t, err)
	assert.Equal(t, string(js)+"\n", string(committed), "labels.json is current")
	require.GreaterOrEqual(t, len(labels), 60)

	seen := map[string]bool{}
	verdicts := map[string]int{}
	type roundPattern struct {
		round   int
		pattern string
	}
	halves := map[roundPattern]map[string]int{} // split → packs
	for _, l := range labels {
		t.Run(l.File, func(t *testing.T) {
			assert.False(t, seen[l.File], "duplicate file")
			seen[l.File] = true
			assert.FileExists(t, filepath.Join(dir, l.File))
			assert.Contains(t, []string{Supported, Contradicted, Inconclusive}, l.Verdict)
			assert.NotEmpty(t, l.Claim)
			assert.NotEmpty(t, l.Description)
			assert.NotContains(t, l.Description, "\n", "the description is one line")
			// Exactly one way to name the expected owner, except for a
			// pack with no owner at all, which must be inconclusive.
			ways := 0
			for _, set := range []bool{l.Owner != "", l.CandidateKey != "", len(l.Tied) > 0} {
				if set {
					ways++
				}
			}
			if ways == 0 {
				assert.Equal(t, Inconclusive, l.Verdict, "a pack without an owner cannot support or contradict a claim")
			} else {
				assert.Equal(t, 1, ways, "owner, candidate_key and tied are exclusive")
			}
			if l.CandidateKey != "" {
				assert.NotContains(t, l.CandidateKey, "@")
				assert.Equal(t, strings.ToLower(l.CandidateKey), l.CandidateKey)
			}
			// Two victims: Owner is the first of Owners.
			if len(l.Owners) > 0 {
				assert.Len(t, l.Owners, 2)
				assert.Equal(t, l.Owners[0], l.Owner, "owner is the first of owners")
				assert.Equal(t, Supported, l.Verdict, "a claim on either of two victims is supported")
			}
			// A relation exactly when there is an owner; supported means
			// the owner is the claimed organisation itself.
			owned := l.Owner != "" || l.CandidateKey != ""
			if owned {
				assert.Contains(t, []string{RelationSame, RelationSubsidiary, RelationParent, RelationCounterparty, RelationUnrelated}, l.Relation)
			} else {
				assert.Empty(t, l.Relation, "no owner, no relation")
			}
			assert.Equal(t, l.Relation == RelationSame, l.Verdict == Supported, "supported exactly when the owner is the claimed organisation")
			if l.ClaimDate != "" {
				_, err := time.Parse(time.DateOnly, l.ClaimDate)
				assert.NoError(t, err, "claim_date is an RFC 3339 full date")
			}
			assert.NotEmpty(t, l.Pattern)
			require.Contains(t, []int{1, 2}, l.Round)
			assert.Contains(t, []string{SplitDecided, heldoutSplit(l.Round)}, l.Split, "a pack is decided or held out in its own round")
			k := roundPattern{l.Round, l.Pattern}
			if halves[k] == nil {
				halves[k] = map[string]int{}
			}
			halves[k][l.Split]++
			verdicts[l.Verdict]++
		})
	}
	for _, v := range []string{Supported, Contradicted, Inconclusive} {
		assert.Positive(t, verdicts[v], "no pack expects %s", v)
	}
	for k, h := range halves {
		held := heldoutSplit(k.round)
		assert.Positive(t, h[SplitDecided], "round %d, pattern %s has no decided pack", k.round, k.pattern)
		assert.Positive(t, h[held], "round %d, pattern %s has no %s pack", k.round, k.pattern, held)
		assert.LessOrEqual(t, h[SplitDecided]-h[held], 1, "round %d, pattern %s: the halves alternate", k.round, k.pattern)
	}
}

// TestOrgsFile checks the fictional catalogue: it loads, merges with the
// default catalogue without a clash, profiles every organisation a label
// names by id, and the claims that name catalogue organisations resolve.
func TestOrgsFile(t *testing.T) {
	add, err := fingerprint.LoadFile(filepath.Join(dir, OrgsFile))
	require.NoError(t, err, "run: go generate ./internal/attrpack")
	cat, err := fingerprint.Merge(fingerprint.Default(), add)
	require.NoError(t, err)
	real := map[string]bool{}
	for _, o := range fingerprint.Default().Orgs() {
		real[o.ID] = true
	}
	for _, o := range add.Orgs() {
		assert.False(t, real[o.ID], "%s: the fictional catalogue must not restate a default organisation", o.ID)
	}
	for _, l := range Labels() {
		ids := append(append([]string{l.Owner}, l.Owners...), l.Tied...)
		for _, id := range ids {
			if id == "" {
				continue
			}
			_, ok := cat.ByID(id)
			assert.True(t, ok, "%s names %q, which no profile has", l.File, id)
			if l.Pattern != patSeed {
				assert.False(t, real[id], "%s: only the seed packs may name a real organisation", l.File)
			}
		}
		if l.CandidateKey != "" {
			_, ok := cat.ByDomain(l.CandidateKey)
			assert.False(t, ok, "%s: the candidate %s must be outside the catalogue", l.File, l.CandidateKey)
			continue
		}
		if l.Owner == "" || l.Pattern == patSeed {
			continue
		}
		o, ok := cat.Lookup(l.Claim)
		if assert.True(t, ok, "%s: the claim %q names no organisation", l.File, l.Claim) {
			assert.False(t, real[o.ID], "%s: the claim %q names a real organisation", l.File, l.Claim)
		}
	}
}

// TestPacksOpen checks that every committed zip pack is a valid archive
// whose entries all sit below one top folder, and that the sizes stay
// small.
func TestPacksOpen(t *testing.T) {
	for _, l := range Labels() {
		t.Run(l.File, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, l.File))
			require.NoError(t, err, "run: go generate ./internal/attrpack")
			assert.Less(t, len(data), 200<<10, "a pack should stay under 200 KB")
			if !strings.HasSuffix(l.File, ".zip") {
				return
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			require.NoError(t, err)
			require.NotEmpty(t, zr.File)
			root, _, _ := strings.Cut(zr.File[0].Name, "/")
			for _, e := range zr.File {
				assert.True(t, strings.HasPrefix(e.Name, root+"/"), "%s is outside %s/", e.Name, root)
				rc, err := e.Open()
				require.NoError(t, err)
				var buf bytes.Buffer
				_, err = buf.ReadFrom(rc)
				require.NoError(t, err)
				require.NoError(t, rc.Close())
			}
		})
	}
}

func TestBuildMissingFont(t *testing.T) {
	_, err := Build(Options{CJKFontPath: filepath.Join(t.TempDir(), "missing.ttf")})
	require.ErrorIs(t, err, docgen.ErrFontMissing)
}

func TestCustomerCSV(t *testing.T) {
	for _, tc := range []struct {
		name    string
		rows    [][]string
		n, cols int
	}{
		{"customers", customerCSV(), csvRows, 8},
		{"deliveries", deliveryCSV(), 5000, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Len(t, tc.rows, tc.n+1, "header plus the data rows")
			for _, r := range tc.rows {
				require.Len(t, r, tc.cols)
			}
		})
	}
}
