package caselib

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// The organisations, people and packs in these tests are fictional.

// testPack makes a pack named name with n items, each with a random image
// hash (even items) or text signature (odd items), from seed.
func testPack(name string, n int, seed uint64) Pack {
	rng := rand.New(rand.NewPCG(seed, 17))
	p := Pack{
		Name:       name,
		Size:       int64(1000 + n),
		SHA256:     sha256.Sum256([]byte(name)),
		Claim:      "Kestrel Shipping data",
		ClaimedOrg: "kestrel",
		OwnerID:    "marlow",
		OwnerName:  "Marlow Logistics K.K.",
		Verdict:    "contradicted",
		TriagedAt:  time.Date(2025, 3, 2, 10, 0, 0, 0, time.UTC),
		CaseID:     "CASE-7",
	}
	for i := range n {
		p.Items = append(p.Items, testItem(rng, fmt.Sprintf("%s!/files/%05d", name, i), i))
	}
	return p
}

func testItem(rng *rand.Rand, path string, i int) Item {
	it := Item{Path: path, Kind: "document", Size: int64(i), SHA256: sha256.Sum256([]byte(path))}
	if i%2 == 0 {
		h := randomHash(rng)
		it.Kind, it.Image = "image", &h
	} else {
		s := randomSig(rng)
		it.Text = &s
	}
	return it
}

func randomHash(rng *rand.Rand) ImageHash {
	var h ImageHash
	for i := 0; i < len(h); i += 8 {
		v := rng.Uint64()
		for j := range 8 {
			h[i+j] = byte(v >> (8 * j))
		}
	}
	return h
}

func randomSig(rng *rand.Rand) TextSig {
	var s TextSig
	for i := range s {
		s[i] = rng.Uint32()
	}
	return s
}

// flipBits returns h with exactly d distinct bits flipped.
func flipBits(rng *rand.Rand, h ImageHash, d int) ImageHash {
	for _, b := range rng.Perm(256)[:d] {
		h[b/8] ^= 1 << (b % 8)
	}
	return h
}

// changeSlots returns s with exactly k slots given new values.
func changeSlots(rng *rand.Rand, s TextSig, k int) TextSig {
	for _, i := range rng.Perm(len(s))[:k] {
		for {
			v := rng.Uint32()
			if v != s[i] {
				s[i] = v
				break
			}
		}
	}
	return s
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
