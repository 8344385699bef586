package calibrate_test

import (
	"fmt"
	"math"
	"os"

	"github.com/proofpack/proofpack/internal/calibrate"
)

// Fit the weight of custody evidence on a decided half, then score a
// held-out half the fit never saw.
func Example() {
	decided := []calibrate.Sample{
		{X: []float64{3}, Owner: true}, {X: []float64{2}, Owner: true}, {X: []float64{1}, Owner: true},
		{X: []float64{1}, Owner: false}, {X: []float64{0}, Owner: false}, {X: []float64{0}, Owner: false},
	}
	m, err := calibrate.Fit([]string{"custody items"}, decided, calibrate.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("log-likelihood ratio %.2f: each custody item multiplies the odds by %.1f\n", m.Weights[0], math.Exp(m.Weights[0]))

	heldOut := []calibrate.Sample{{X: []float64{4}, Owner: true}, {X: []float64{0}, Owner: false}, {X: []float64{1}, Owner: false}}
	var probs []float64
	var owners []bool
	for _, s := range heldOut {
		probs = append(probs, m.Prob(s.X))
		owners = append(owners, s.Owner)
	}
	brier, _ := calibrate.Brier(probs, owners)
	fmt.Printf("held-out Brier score %.2f\n", brier)
	bins, _ := calibrate.Reliability(probs, owners, 2)
	calibrate.WriteReliability(os.Stdout, bins)
	// Output:
	// log-likelihood ratio 2.46: each custody item multiplies the odds by 11.7
	// held-out Brier score 0.08
	//   predicted  n  mean predicted  owners
	//     0.0–0.5  2            0.27    0.00
	//     0.5–1.0  1            1.00    1.00
}
