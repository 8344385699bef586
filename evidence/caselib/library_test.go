package caselib

import (
	"context"
	"crypto/sha256"
	"math/rand/v2"
	"testing"
	"time"
)

func openTest(t testing.TB, dir string) *Library {
	t.Helper()
	l, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestRecordAndLookup(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, t.TempDir())
	old := testPack("old-sample.zip", 40, 1)
	if err := l.Record(ctx, old); err != nil {
		t.Fatal(err)
	}
	img := old.Items[10] // an image
	txt := old.Items[11] // a text
	rng := rand.New(rand.NewPCG(5, 5))

	t.Run("exact", func(t *testing.T) {
		got, err := l.Exact(ctx, img.SHA256, LookupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("got %d sightings, want 1: %+v", len(got), got)
		}
		s := got[0]
		if s.Path != img.Path || s.Kind != "image" || s.Match != MatchExact || s.Pack.Name != old.Name ||
			s.Pack.SHA256 != old.SHA256 || !s.Pack.TriagedAt.Equal(old.TriagedAt) || s.Pack.Claim != old.Claim ||
			s.Pack.OwnerID != "marlow" || s.Pack.OwnerName != old.OwnerName || s.Pack.Verdict != "contradicted" || s.Pack.CaseID != "CASE-7" {
			t.Errorf("sighting %+v does not name %s in %s", s, img.Path, old.Name)
		}
		none, err := l.Exact(ctx, sha256.Sum256([]byte("never recorded")), LookupOptions{})
		if err != nil || len(none) != 0 {
			t.Errorf("unknown hash: %v, %v", none, err)
		}
		excl, err := l.Exact(ctx, img.SHA256, LookupOptions{ExcludePack: old.SHA256})
		if err != nil || len(excl) != 0 {
			t.Errorf("excluded pack still sighted: %v, %v", excl, err)
		}
	})

	t.Run("near images", func(t *testing.T) {
		for _, d := range []int{0, 1, 15, 16, 17, 31} {
			q := flipBits(rng, *img.Image, d)
			got, err := l.NearImages(ctx, q, 31, LookupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Path != img.Path || got[0].Distance != d || got[0].Match != MatchImage {
				t.Errorf("distance %d: got %+v", d, got)
			}
		}
		far := flipBits(rng, *img.Image, 40)
		if got, err := l.NearImages(ctx, far, 31, LookupOptions{}); err != nil || len(got) != 0 {
			t.Errorf("distance 40 within 31: %+v, %v", got, err)
		}
		if got, err := l.NearImages(ctx, far, 40, LookupOptions{}); err != nil || len(got) != 1 || got[0].Distance != 40 {
			t.Errorf("distance 40 within 40: %+v, %v", got, err)
		}
		if _, err := l.NearImages(ctx, far, 300, LookupOptions{}); err == nil {
			t.Error("distance 300 accepted")
		}
	})

	t.Run("near texts", func(t *testing.T) {
		for _, k := range []int{0, 16, 32, 51} { // similarity 1, 0.875, 0.75, 0.6
			q := changeSlots(rng, *txt.Text, k)
			want := float64(128-k) / 128
			got, err := l.NearTexts(ctx, q, 0.5, LookupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Path != txt.Path || got[0].Similarity != want || got[0].Match != MatchText {
				t.Errorf("%d slots changed: got %+v, want similarity %v", k, got, want)
			}
		}
		low := changeSlots(rng, *txt.Text, 120)
		if got, err := l.NearTexts(ctx, low, 0.5, LookupOptions{}); err != nil || len(got) != 0 {
			t.Errorf("similarity 0.06 found at 0.5: %+v, %v", got, err)
		}
		if got, err := l.NearTexts(ctx, *txt.Text, 0.5, LookupOptions{ExcludePack: old.SHA256}); err != nil || len(got) != 0 {
			t.Errorf("excluded pack still sighted: %+v, %v", got, err)
		}
	})
}

func TestSightingsOrderAndCap(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, t.TempDir())
	rng := rand.New(rand.NewPCG(9, 9))
	base := randomHash(rng)
	shared := sha256.Sum256([]byte("shared.png"))
	// Five packs hold the same bytes and variants of one image at
	// distances 10, 8, 6, 4, 2, triaged on five days.
	for i := range 5 {
		p := testPack("pack"+string(rune('a'+i))+".zip", 0, uint64(i))
		p.TriagedAt = time.Date(2025, 1, 10-i, 0, 0, 0, 0, time.UTC)
		h := flipBits(rng, base, 10-2*i)
		p.Items = []Item{{Path: "shared.png", Kind: "image", SHA256: shared, Image: &h}}
		if err := l.Record(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	near, err := l.NearImages(ctx, base, 31, LookupOptions{MaxSightings: 3})
	if err != nil {
		t.Fatal(err)
	}
	var dists []int
	for _, s := range near {
		dists = append(dists, s.Distance)
	}
	if len(dists) != 3 || dists[0] != 2 || dists[1] != 4 || dists[2] != 6 {
		t.Errorf("distances %v, want the 3 nearest [2 4 6]", dists)
	}
	exact, err := l.Exact(ctx, shared, LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(exact) != 5 || exact[0].Pack.Name != "packe.zip" || exact[4].Pack.Name != "packa.zip" {
		t.Errorf("exact sightings not oldest first: %+v", exact)
	}
}

func TestRecordAgainReplaces(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, t.TempDir())
	first := testPack("again.zip", 20, 1)
	if err := l.Record(ctx, first); err != nil {
		t.Fatal(err)
	}
	second := testPack("again.zip", 6, 2) // same SHA-256, other items
	second.Verdict = "supported"
	if err := l.Record(ctx, second); err != nil {
		t.Fatal(err)
	}
	packs, items, err := l.Packs(ctx)
	if err != nil || packs != 1 || items != 6 {
		t.Fatalf("after re-recording: %d packs, %d items, %v; want 1, 6", packs, items, err)
	}
	// The first triage's image and text are gone from every index; the
	// first item of the second is found, with the new verdict.
	if got, _ := l.NearImages(ctx, *first.Items[2].Image, 31, LookupOptions{}); len(got) != 0 {
		t.Errorf("replaced image still found: %+v", got)
	}
	if got, _ := l.NearTexts(ctx, *first.Items[3].Text, 0.5, LookupOptions{}); len(got) != 0 {
		t.Errorf("replaced text still found: %+v", got)
	}
	var bands int
	if err := l.db.QueryRow(`SELECT count(*) FROM text_bands`).Scan(&bands); err != nil || bands != 3*DefaultLSHBands {
		t.Errorf("%d band rows, want %d (3 texts)", bands, 3*DefaultLSHBands)
	}
	got, err := l.NearImages(ctx, *second.Items[2].Image, 0, LookupOptions{})
	if err != nil || len(got) != 1 || got[0].Pack.Verdict != "supported" {
		t.Errorf("new image: %+v, %v", got, err)
	}
	got, err = l.NearTexts(ctx, *second.Items[3].Text, 1, LookupOptions{})
	if err != nil || len(got) != 1 || got[0].Path != second.Items[3].Path {
		t.Errorf("new text: %+v, %v", got, err)
	}
}

func TestRecordRefusesInvalid(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, t.TempDir())
	p := testPack("bad.zip", 2, 1)
	p.SHA256 = [32]byte{}
	if err := l.Record(ctx, p); !errorsIs(err, ErrInvalid) {
		t.Errorf("pack without SHA-256: %v", err)
	}
	p = testPack("bad.zip", 2, 1)
	p.Items[1].Path = string(make([]byte, MaxPathBytes+1))
	if err := l.Record(ctx, p); !errorsIs(err, ErrInvalid) {
		t.Errorf("long path: %v", err)
	}
	// Nothing of the refused pack was kept.
	if packs, items, err := l.Packs(ctx); err != nil || packs != 0 || items != 0 {
		t.Errorf("after refusals: %d packs, %d items, %v", packs, items, err)
	}
}

func TestClosed(t *testing.T) {
	l := openTest(t, t.TempDir())
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Exact(context.Background(), [32]byte{1}, LookupOptions{}); !errorsIs(err, ErrClosed) {
		t.Errorf("Exact after Close: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestLookupSeesOtherWriters: a library opened before another handle
// (another triage, another process) records a pack finds that pack's
// images, which its in-memory index did not hold at Open.
func TestLookupSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	reader := openTest(t, dir)
	writer := openTest(t, dir)
	p := testPack("later.zip", 10, 4)
	if err := writer.Record(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := reader.NearImages(ctx, *p.Items[4].Image, 31, LookupOptions{})
	if err != nil || len(got) != 1 || got[0].Path != p.Items[4].Path {
		t.Fatalf("image recorded by another handle: %+v, %v", got, err)
	}
	if got, err := reader.NearImages(ctx, *p.Items[4].Image, 31, LookupOptions{ExcludePack: p.SHA256}); err != nil || len(got) != 0 {
		t.Errorf("excluded pack's image: %+v, %v", got, err)
	}
	// Recorded again by the writer: the reader's index still holds the
	// old ids, and must drop them rather than report deleted items.
	again := testPack("later.zip", 2, 5)
	if err := writer.Record(ctx, again); err != nil {
		t.Fatal(err)
	}
	if got, err := reader.NearImages(ctx, *p.Items[4].Image, 31, LookupOptions{}); err != nil || len(got) != 0 {
		t.Errorf("image of the replaced record: %+v, %v", got, err)
	}
}
