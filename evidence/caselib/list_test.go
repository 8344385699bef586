package caselib

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestPackAndListPacks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dir := t.TempDir()
	l := openTest(t, dir)
	day := func(d int) time.Time { return time.Date(2025, 4, d, 12, 0, 0, 0, time.UTC) }
	// Recorded in this order; listed newest first, and of two packs
	// triaged at the same second, the one recorded later first.
	recorded := []struct {
		name string
		at   time.Time
	}{
		{"b.zip", day(3)}, {"a.zip", day(1)}, {"d.zip", day(9)}, {"c.zip", day(3)},
	}
	for i, r := range recorded {
		p := testPack(r.name, 2, uint64(i))
		p.TriagedAt = r.at
		p.Size = int64(1000 * (i + 1))
		p.ClaimedOrg = "kestrel-" + r.name
		if err := l.Record(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	list := func(l *Library, stopAfter int) []string {
		t.Helper()
		var names []string
		err := l.ListPacks(ctx, func(p PackRef) bool {
			names = append(names, p.Name)
			return len(names) != stopAfter
		})
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	if got, want := list(l, 0), []string{"d.zip", "c.zip", "b.zip", "a.zip"}; !slices.Equal(got, want) {
		t.Errorf("listed %v, want %v", got, want)
	}
	if got, want := list(l, 2), []string{"d.zip", "c.zip"}; !slices.Equal(got, want) {
		t.Errorf("stopped after 2: %v, want %v", got, want)
	}

	t.Run("pack", func(t *testing.T) {
		want := testPack("c.zip", 0, 3)
		got, ok, err := l.Pack(ctx, want.SHA256)
		if err != nil || !ok {
			t.Fatalf("Pack(c.zip): %v, %v", ok, err)
		}
		wantRef := PackRef{Name: "c.zip", Size: 4000, SHA256: want.SHA256, TriagedAt: day(3), Claim: want.Claim,
			ClaimedOrg: "kestrel-c.zip", OwnerID: want.OwnerID, OwnerName: want.OwnerName, Verdict: want.Verdict, CaseID: want.CaseID}
		if got != wantRef {
			t.Errorf("Pack(c.zip) = %+v, want %+v", got, wantRef)
		}
		// A sighting names its pack with the same fields.
		s, err := l.Exact(ctx, testPack("c.zip", 2, 3).Items[0].SHA256, LookupOptions{})
		if err != nil || len(s) != 1 || s[0].Pack != wantRef {
			t.Errorf("sighting's pack %+v, %v; want %+v", s, err, wantRef)
		}
		if got, ok, err := l.Pack(ctx, [32]byte{1}); ok || err != nil || got != (PackRef{}) {
			t.Errorf("unknown pack: %+v, %v, %v", got, ok, err)
		}
	})

	t.Run("re-recorded", func(t *testing.T) {
		again := testPack("a.zip", 1, 9)
		again.TriagedAt, again.Verdict = day(20), "supported"
		if err := l.Record(ctx, again); err != nil {
			t.Fatal(err)
		}
		if got, want := list(l, 0), []string{"a.zip", "d.zip", "c.zip", "b.zip"}; !slices.Equal(got, want) {
			t.Errorf("listed %v, want %v", got, want)
		}
		if p, ok, err := l.Pack(ctx, again.SHA256); err != nil || !ok || p.Verdict != "supported" || !p.TriagedAt.Equal(day(20)) {
			t.Errorf("re-recorded pack: %+v, %v, %v", p, ok, err)
		}
	})

	t.Run("fn uses the library", func(t *testing.T) {
		// Recording from inside the listing neither waits for the
		// listing nor joins it.
		var names []string
		err := l.ListPacks(ctx, func(p PackRef) bool {
			names = append(names, p.Name)
			if p.Name == "d.zip" {
				late := testPack("late.zip", 3, 11)
				late.TriagedAt = day(28)
				if err := l.Record(ctx, late); err != nil {
					t.Errorf("Record during ListPacks: %v", err)
				}
			}
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"a.zip", "d.zip", "c.zip", "b.zip"}; !slices.Equal(names, want) {
			t.Errorf("listed %v during a record, want %v", names, want)
		}
		if got := list(l, 1); !slices.Equal(got, []string{"late.zip"}) {
			t.Errorf("after the listing: %v, want late.zip first", got)
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		cctx, ccancel := context.WithCancel(ctx)
		n := 0
		err := l.ListPacks(cctx, func(PackRef) bool { n++; ccancel(); return true })
		if !errors.Is(err, context.Canceled) || n != 1 {
			t.Errorf("cancelled after the first pack: %d packs, %v", n, err)
		}
	})

	t.Run("corrupt", func(t *testing.T) {
		execRaw(t, rawDB(t, dir), `UPDATE packs SET sha256 = x'0102' WHERE name = 'b.zip'`)
		err := l.ListPacks(ctx, func(PackRef) bool { return true })
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("a pack SHA-256 of 2 bytes: %v, want ErrCorrupt", err)
		}
		if _, _, err := l.Pack(ctx, [32]byte{}); err != nil {
			t.Errorf("Pack of an unknown hash beside a corrupt row: %v", err)
		}
	})

	t.Run("closed", func(t *testing.T) {
		c := openTest(t, dir)
		c.Close()
		if err := c.ListPacks(ctx, func(PackRef) bool { return true }); !errors.Is(err, ErrClosed) {
			t.Errorf("ListPacks after Close: %v", err)
		}
		if _, _, err := c.Pack(ctx, [32]byte{}); !errors.Is(err, ErrClosed) {
			t.Errorf("Pack after Close: %v", err)
		}
	})
}
