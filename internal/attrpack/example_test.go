package attrpack_test

import (
	"fmt"

	"github.com/proofpack/proofpack/internal/attrpack"
)

// The labels come with their half: within each pattern the packs
// alternate between the decided half, which rules may be tuned on, and
// the held-out half, which is only scored.
func ExampleLabels() {
	n := map[string]int{}
	patterns := map[string]bool{}
	for _, l := range attrpack.Labels() {
		n[l.Split]++
		patterns[l.Pattern] = true
	}
	fmt.Printf("%d patterns; decided %d, held out %d\n", len(patterns), n[attrpack.SplitDecided], n[attrpack.SplitHeldout])
	// Output: 23 patterns; decided 35, held out 35
}
