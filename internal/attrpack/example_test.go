package attrpack_test

import (
	"fmt"

	"github.com/proofpack/proofpack/internal/attrpack"
)

// The labels come with their round and split: within each round and
// pattern the packs alternate between the decided half, which rules may
// be tuned on, and the round's held-out half, which is only scored.
func ExampleLabels() {
	n := map[int]map[string]int{}
	patterns := map[int]map[string]bool{}
	for _, l := range attrpack.Labels() {
		if n[l.Round] == nil {
			n[l.Round], patterns[l.Round] = map[string]int{}, map[string]bool{}
		}
		n[l.Round][l.Split]++
		patterns[l.Round][l.Pattern] = true
	}
	for r := 1; r <= len(n); r++ {
		fmt.Printf("round %d: %d patterns; %s %d, %s %d, %s %d\n", r, len(patterns[r]),
			attrpack.SplitDecided, n[r][attrpack.SplitDecided], attrpack.SplitHeldout, n[r][attrpack.SplitHeldout],
			attrpack.SplitHeldout2, n[r][attrpack.SplitHeldout2])
	}
	// Output:
	// round 1: 23 patterns; decided 35, heldout 35, heldout2 0
	// round 2: 19 patterns; decided 20, heldout 0, heldout2 20
}

// The confidence fit reads the decided packs of the rounds it was made
// on, never a held-out one.
func ExampleFitLabels() {
	fit := attrpack.FitLabels(attrpack.Labels())
	rounds := map[int]int{}
	for _, l := range fit {
		rounds[l.Round]++
	}
	fmt.Printf("fitted on round 1 to %d: %d decided packs, %d of round 1\n", attrpack.FittedRound, len(fit), rounds[1])
	// Output: fitted on round 1 to 2: 55 decided packs, 35 of round 1
}
