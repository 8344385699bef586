package caselib

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestImageIndexAgreesWithScan checks the multi-index against a plain scan
// over the same hashes, at every chunk radius (0, 1, 2 and the scan from
// 3), with hashes both in the built tables and in the unbuilt tail, and
// with planted neighbours at every distance up to 64.
func TestImageIndexAgreesWithScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := newImageIndex()
	var all []ImageHash
	var queries []ImageHash
	addBatch := func(n int) {
		ids := make([]int64, n)
		hs := make([]ImageHash, n)
		for i := range hs {
			ids[i] = int64(len(all) + i + 1)
			if i%4 == 0 && len(queries) > 0 {
				// a neighbour of a query at a known distance
				hs[i] = flipBits(rng, queries[rng.IntN(len(queries))], rng.IntN(65))
			} else {
				hs[i] = randomHash(rng)
			}
		}
		all = append(all, hs...)
		if err := x.add(ids, hs); err != nil {
			t.Fatal(err)
		}
		x.settle()
	}
	for range 20 {
		queries = append(queries, randomHash(rng))
	}
	addBatch(40_000) // built: past mihMinTail
	if x.built != 40_000 {
		t.Fatalf("built %d of 40000", x.built)
	}
	addBatch(3_000) // tail
	if x.built != 40_000 || len(x.hashes) != 43_000 {
		t.Fatalf("built %d, have %d; want 40000 built of 43000", x.built, len(x.hashes))
	}
	for qi, q := range queries {
		for _, maxDist := range []int{0, 5, 15, 16, 31, 32, 47, 48, 64} {
			var got, want []candidate
			x.search(&q, maxDist, func(c candidate) { got = append(got, c) })
			for i, h := range all {
				if d := q.Distance(h); d <= maxDist {
					want = append(want, candidate{id: int64(i + 1), dist: d})
				}
			}
			cmp := func(a, b candidate) int { return int(a.id - b.id) }
			slices.SortFunc(got, cmp)
			slices.SortFunc(want, cmp)
			if !slices.Equal(got, want) {
				t.Errorf("query %d within %d: index found %d, scan %d", qi, maxDist, len(got), len(want))
			}
			if maxDist == 64 && len(want) < 2 {
				t.Errorf("query %d: only %d planted neighbours within 64", qi, len(want))
			}
		}
	}
}

func TestImageHashDistance(t *testing.T) {
	var a, b ImageHash
	if d := a.Distance(b); d != 0 {
		t.Errorf("equal hashes: %d", d)
	}
	for i := range b {
		b[i] = 0xff
	}
	if d := a.Distance(b); d != 256 {
		t.Errorf("opposite hashes: %d", d)
	}
	b = ImageHash{}
	b[0], b[31] = 0x81, 0x10
	if d := a.Distance(b); d != 3 {
		t.Errorf("three bits: %d", d)
	}
}
