package caselib

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// bandHitProb is the probability that a stored text and a query agreeing
// on exactly k of the 128 slots of their signatures, at random places
// (a share of slots copied), share at least one band of rows slots: one
// minus the share of placements of k slots that fill no band. Those
// placements are counted by the coefficient of x^k in
// ((1+x)^rows - x^rows)^bands (1+x)^(128 - bands×rows).
func bandHitProb(bands, rows, k int) float64 {
	const n = len(TextSig{})
	poly := []float64{1}
	mul := func(f []float64) {
		out := make([]float64, len(poly)+len(f)-1)
		for i, a := range poly {
			for j, c := range f {
				out[i+j] += a * c
			}
		}
		poly = out
	}
	band := make([]float64, rows) // (1+x)^rows without x^rows
	for j := range band {
		band[j] = binom(rows, j)
	}
	for range bands {
		mul(band)
	}
	for range n - bands*rows {
		mul([]float64{1, 1})
	}
	if k >= len(poly) {
		return 1
	}
	return 1 - poly[k]/binom(n, k)
}

func binom(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return math.Round(math.Exp(a - b - c))
}

// binomPMF is P(X = x) for X ~ Binomial(n, p).
func binomPMF(n, x int, p float64) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(x + 1))
	c, _ := math.Lgamma(float64(n - x + 1))
	return math.Exp(a - b - c + float64(x)*math.Log(p) + float64(n-x)*math.Log1p(-p))
}

// binomBounds returns lo and hi such that X ~ Binomial(n, p) falls below
// lo, and above hi, each with probability at most tail: a count outside
// them says p is wrong, not that the seed was unlucky.
func binomBounds(n int, p, tail float64) (lo, hi int) {
	c := 0.0
	for lo = 0; lo < n; lo++ {
		if c += binomPMF(n, lo, p); c > tail {
			break
		}
	}
	c = 0
	for hi = n; hi > 0; hi-- {
		if c += binomPMF(n, hi, p); c > tail {
			break
		}
	}
	return lo, hi
}

func TestBandHitProb(t *testing.T) {
	// Small cases counted by hand: 2 slots agreeing fill one of the 64
	// bands of 2 in 64 of the C(128,2) = 8128 placements.
	if got, want := bandHitProb(64, 2, 2), 64.0/8128; math.Abs(got-want) > 1e-12 {
		t.Errorf("64x2, k=2: %v, want %v", got, want)
	}
	if got := bandHitProb(64, 2, 1); got != 0 {
		t.Errorf("64x2, k=1: %v, want 0", got)
	}
	if got := bandHitProb(64, 2, 65); got != 1 {
		t.Errorf("64x2, k=65: %v, want 1 (65 slots cannot sit in 64 bands one each)", got)
	}
	if got, want := bandHitProb(32, 4, 4), 32/binom(128, 4); math.Abs(got-want) > 1e-15 {
		t.Errorf("32x4, k=4: %v, want %v", got, want)
	}
}

// TestNearTextsRecallAtTextMatch plants pairs of texts at similarity
// 0.20..0.35 (a stored signature and a query that copies k of its 128
// slots) and counts how many NearTexts finds at the thresholds of
// evidence/similar (TextMatch 0.25, OCRTextMatch 0.2). The count must
// lie where the banding's S-curve puts it (bounds from the binomial, at
// 1e-9 each side, so that no seed fails by chance): for the default 64
// bands of 2, at least 96.6 % at 0.25 and 99 % at 0.30. A library with
// the first default, 32 bands of 4, finds 10 % at 0.25 and fails here;
// it still opens with its own banding and finds what that banding finds.
func TestNearTextsRecallAtTextMatch(t *testing.T) {
	const perLevel = 500
	levels := []struct {
		k      int // slots of 128 copied
		minSim float64
	}{
		{26, 0.2},  // 0.203: similar.OCRTextMatch
		{32, 0.25}, // 0.25: similar.TextMatch
		{39, 0.25}, // 0.305
		{45, 0.25}, // 0.352
	}
	ctx := context.Background()
	for _, shape := range []struct {
		bands, rows int
		opt         Options
	}{
		{DefaultLSHBands, DefaultLSHRows, Options{}},
		{32, 4, Options{LSHBands: 32, LSHRows: 4}},
	} {
		t.Run(fmt.Sprintf("%dx%d", shape.bands, shape.rows), func(t *testing.T) {
			dir := t.TempDir()
			l, err := Open(ctx, dir, shape.opt)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(17, 25))
			p := testPack("stored-texts.zip", 0, 1)
			queries := make([]TextSig, 0, len(levels)*perLevel)
			for i := range len(levels) * perLevel {
				s := randomSig(rng)
				p.Items = append(p.Items, Item{Path: fmt.Sprintf("stored-texts.zip!/%04d.txt", i), Kind: "text", Text: &s})
				queries = append(queries, changeSlots(rng, s, len(s)-levels[i/perLevel].k))
			}
			if err := l.Record(ctx, p); err != nil {
				t.Fatal(err)
			}
			// A library keeps its banding: reopened with zero options,
			// it searches with the bands it was made with.
			l.Close()
			l = openTest(t, dir)
			if l.set != (settings{bands: shape.bands, rows: shape.rows}) {
				t.Fatalf("reopened with %+v, want %dx%d", l.set, shape.bands, shape.rows)
			}
			for li, lv := range levels {
				found := 0
				for j := range perLevel {
					i := li*perLevel + j
					got, err := l.NearTexts(ctx, queries[i], lv.minSim, LookupOptions{})
					if err != nil {
						t.Fatal(err)
					}
					switch {
					case len(got) == 0:
					case len(got) == 1 && got[0].Path == p.Items[i].Path && got[0].Similarity == float64(lv.k)/128:
						found++
					default:
						t.Fatalf("query %d (%d slots copied): %+v", i, lv.k, got)
					}
				}
				prob := bandHitProb(shape.bands, shape.rows, lv.k)
				lo, hi := binomBounds(perLevel, prob, 1e-9)
				t.Logf("similarity %.3f at %.2f: found %d of %d (S-curve %.4f, bounds %d..%d)",
					float64(lv.k)/128, lv.minSim, found, perLevel, prob, lo, hi)
				if found < lo || found > hi {
					t.Errorf("similarity %.3f: found %d of %d, the %dx%d banding puts it in %d..%d",
						float64(lv.k)/128, found, perLevel, shape.bands, shape.rows, lo, hi)
				}
				if shape.opt == (Options{}) {
					// The figures the default must reach, whatever its
					// shape: 90 % at similar.TextMatch, 97 % at 0.30.
					need := map[int]float64{26: 0.85, 32: 0.90, 39: 0.97, 45: 0.97}[lv.k]
					if float64(lo) < need*perLevel {
						t.Errorf("similarity %.3f: the default banding's lower bound %d is below %.0f %%",
							float64(lv.k)/128, lo, 100*need)
					}
				}
			}
			// Near copies are found whatever the banding.
			for _, k := range []int{77, 100, 128} { // 0.60, 0.78, 1
				got, err := l.NearTexts(ctx, changeSlots(rng, *p.Items[k].Text, 128-k), 0.5, LookupOptions{})
				if err != nil || len(got) != 1 || got[0].Path != p.Items[k].Path {
					t.Errorf("%d slots of 128 copied: %+v, %v", k, got, err)
				}
			}
		})
	}
}

// TestNearTextsBoilerplateBounded: stored texts that share boilerplate
// with a query (here 6 groups of 300, each group sharing one band of the
// query's) crowd its band keys. A lookup reads at most MaxBandIDs texts
// of a key and verifies at most MaxTextCandidates, says so in its
// LookupStats, and still finds the one text that shares many bands with
// the query, recorded after the crowd.
func TestNearTextsBoilerplateBounded(t *testing.T) {
	const groups, perGroup = 6, 300
	ctx := context.Background()
	dir := t.TempDir()
	l := openTest(t, dir)
	if l.set.rows != 2 || l.set.bands < groups {
		t.Fatalf("test written for bands of 2 rows, library has %+v", l.set)
	}
	rng := rand.New(rand.NewPCG(17, 6))
	query := randomSig(rng)
	// The match copies 40 of the query's slots, none of the
	// boilerplate's bands: similarity 40/128.
	match := randomSig(rng)
	for _, i := range rng.Perm(128 - 2*groups)[:40] {
		match[2*groups+i] = query[2*groups+i]
	}
	crowd := testPack("crowd.zip", 0, 2)
	for g := range groups {
		for j := range perGroup {
			s := randomSig(rng)
			s[2*g], s[2*g+1] = query[2*g], query[2*g+1]
			crowd.Items = append(crowd.Items, Item{Path: fmt.Sprintf("crowd.zip!/%d/%03d.txt", g, j), Kind: "text", Text: &s})
		}
	}
	if err := l.Record(ctx, crowd); err != nil {
		t.Fatal(err)
	}

	first := testPack("first.zip", 0, 1)
	first.Items = []Item{{Path: "first.zip!/match.txt", Kind: "text", Text: &match}}
	if err := l.Record(ctx, first); err != nil {
		t.Fatal(err)
	}

	lookup := func(l *Library, q TextSig) ([]Sighting, LookupStats) {
		t.Helper()
		var st LookupStats
		got, err := l.NearTexts(ctx, q, 0.25, LookupOptions{Stats: &st})
		if err != nil {
			t.Fatal(err)
		}
		return got, st
	}
	t.Run("default caps", func(t *testing.T) {
		got, st := lookup(l, query)
		// Each crowded key gives its MaxBandIDs newest texts, and the
		// match comes through its own bands.
		want := LookupStats{Candidates: groups*MaxBandIDs + 1, Verified: DefaultMaxTextCandidates, Capped: true}
		if st != want {
			t.Errorf("stats %+v, want %+v", st, want)
		}
		if len(got) != 1 || got[0].Path != "first.zip!/match.txt" || got[0].Similarity != 40.0/128 {
			t.Errorf("got %+v, want the match alone", got)
		}
	})
	t.Run("few verified", func(t *testing.T) {
		small, err := Open(ctx, dir, Options{MaxTextCandidates: 5})
		if err != nil {
			t.Fatal(err)
		}
		defer small.Close()
		got, st := lookup(small, query)
		if want := (LookupStats{Candidates: groups*MaxBandIDs + 1, Verified: 5, Capped: true}); st != want {
			t.Errorf("stats %+v, want %+v", st, want)
		}
		if len(got) != 1 || got[0].Path != "first.zip!/match.txt" {
			t.Errorf("got %+v, want the match, verified first", got)
		}
	})
	t.Run("uncrowded", func(t *testing.T) {
		got, st := lookup(l, randomSig(rng))
		if len(got) != 0 || st != (LookupStats{}) {
			t.Errorf("a fresh text: %+v, stats %+v", got, st)
		}
	})
	t.Run("crowd member", func(t *testing.T) {
		// The newest text of a crowded key is not among the key's
		// first MaxBandIDs, and is found through its other bands.
		newest := crowd.Items[perGroup-1]
		got, st := lookup(l, *newest.Text)
		if want := (LookupStats{Candidates: MaxBandIDs + 1, Verified: MaxBandIDs + 1, Capped: true}); st != want {
			t.Errorf("stats %+v, want %+v", st, want)
		}
		if len(got) != 1 || got[0].Path != newest.Path || got[0].Similarity != 1 {
			t.Errorf("got %+v, want %s alone", got, newest.Path)
		}
	})
	t.Run("negative option", func(t *testing.T) {
		if _, err := Open(ctx, dir, Options{MaxTextCandidates: -1}); !errorsIs(err, ErrSettings) {
			t.Errorf("MaxTextCandidates -1: %v, want ErrSettings", err)
		}
	})
}
