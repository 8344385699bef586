package calibrate_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/calibrate"
)

// draw returns n samples of a known logistic model: three features of
// different scales, outcomes drawn from the model's probability.
func draw(r *rand.Rand, n int, bias float64, w []float64) []calibrate.Sample {
	out := make([]calibrate.Sample, n)
	for i := range out {
		x := []float64{float64(r.IntN(4)), r.Float64() * 2, float64(r.IntN(2))}
		z := bias
		for j := range w {
			z += w[j] * x[j]
		}
		p := 1 / (1 + math.Exp(-z))
		out[i] = calibrate.Sample{X: x, Owner: r.Float64() < p}
	}
	return out
}

// TestFitRecoversWeights: on 20,000 samples of a known model the fit
// finds its weights, which are log-likelihood ratios.
func TestFitRecoversWeights(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	want := []float64{1.2, -0.7, 2.0}
	samples := draw(r, 20000, -2.5, want)
	m, err := calibrate.Fit([]string{"custody", "mention", "authorship"}, samples, calibrate.Options{Ridge: 1e-3})
	require.NoError(t, err)
	assert.InDelta(t, -2.5, m.Bias, 0.15)
	for j := range want {
		assert.InDelta(t, want[j], m.Weights[j], 0.1, "weight %s", m.Names[j])
	}
	assert.Less(t, m.Iterations, 30)
}

// TestFitSeparable: when the features separate owners perfectly, the
// penalty keeps the weights finite and the probabilities on the right
// side of one half; a stronger penalty gives smaller weights.
func TestFitSeparable(t *testing.T) {
	var samples []calibrate.Sample
	for i := range 20 {
		samples = append(samples,
			calibrate.Sample{X: []float64{float64(1 + i%3)}, Owner: true},
			calibrate.Sample{X: []float64{0}, Owner: false})
	}
	weak, err := calibrate.Fit([]string{"custody"}, samples, calibrate.Options{Ridge: 0.01})
	require.NoError(t, err)
	strong, err := calibrate.Fit([]string{"custody"}, samples, calibrate.Options{Ridge: 1})
	require.NoError(t, err)
	for _, m := range []calibrate.Model{weak, strong} {
		assert.False(t, math.IsInf(m.Weights[0], 0) || math.IsNaN(m.Weights[0]))
		assert.Greater(t, m.Prob([]float64{1}), 0.5)
		assert.Less(t, m.Prob([]float64{0}), 0.5)
	}
	assert.Greater(t, weak.Weights[0], strong.Weights[0])
}

func TestFitBadInput(t *testing.T) {
	_, err := calibrate.Fit([]string{"a"}, nil, calibrate.Options{})
	assert.ErrorIs(t, err, calibrate.ErrInput)
	_, err = calibrate.Fit([]string{"a", "b"}, []calibrate.Sample{{X: []float64{1}}}, calibrate.Options{})
	assert.ErrorIs(t, err, calibrate.ErrInput)
	_, err = calibrate.Fit([]string{"a"}, []calibrate.Sample{{X: []float64{math.NaN()}}}, calibrate.Options{})
	assert.ErrorIs(t, err, calibrate.ErrInput)
	_, err = calibrate.Fit([]string{"a"}, []calibrate.Sample{{X: []float64{1}, Owner: true}, {X: []float64{2}}}, calibrate.Options{MaxIter: 1, Tol: 1e-300})
	assert.True(t, errors.Is(err, calibrate.ErrNoConvergence), "one step does not converge: %v", err)
}

// TestScores: the Brier score and log loss of perfect, constant and
// wrong predictions, and the reliability table of a calibrated model.
func TestScores(t *testing.T) {
	owners := []bool{true, false, true, false}
	b, err := calibrate.Brier([]float64{1, 0, 1, 0}, owners)
	require.NoError(t, err)
	assert.Zero(t, b)
	b, err = calibrate.Brier([]float64{0.5, 0.5, 0.5, 0.5}, owners)
	require.NoError(t, err)
	assert.InDelta(t, 0.25, b, 1e-12)
	b, err = calibrate.Brier([]float64{0, 1, 0, 1}, owners)
	require.NoError(t, err)
	assert.InDelta(t, 1, b, 1e-12)

	l, err := calibrate.LogLoss([]float64{0.5, 0.5, 0.5, 0.5}, owners)
	require.NoError(t, err)
	assert.InDelta(t, math.Ln2, l, 1e-12)
	l, err = calibrate.LogLoss([]float64{0, 1, 0, 1}, owners)
	require.NoError(t, err)
	assert.InDelta(t, -math.Log(1e-15), l, 1e-3, "clipped, not infinite")

	_, err = calibrate.Brier([]float64{0.5}, owners)
	assert.ErrorIs(t, err, calibrate.ErrInput)
	_, err = calibrate.LogLoss([]float64{1.5}, []bool{true})
	assert.ErrorIs(t, err, calibrate.ErrInput)
	_, err = calibrate.Reliability([]float64{0.5}, []bool{true}, 0)
	assert.ErrorIs(t, err, calibrate.ErrInput)

	// Draw outcomes from their own probabilities: each bin's share of
	// owners is near its mean prediction.
	r := rand.New(rand.NewPCG(3, 4))
	var probs []float64
	var outs []bool
	for range 50000 {
		p := r.Float64()
		probs = append(probs, p)
		outs = append(outs, r.Float64() < p)
	}
	bins, err := calibrate.Reliability(probs, outs, 10)
	require.NoError(t, err)
	require.Len(t, bins, 10)
	total := 0
	for _, bin := range bins {
		total += bin.N
		assert.InDelta(t, bin.MeanProb, bin.Observed, 0.03, "bin %.1f–%.1f", bin.Lo, bin.Hi)
	}
	assert.Equal(t, len(probs), total)
	edge, err := calibrate.Reliability([]float64{1, 0}, []bool{true, false}, 4)
	require.NoError(t, err)
	assert.Equal(t, 1, edge[3].N, "1 falls in the last bin")
	assert.Equal(t, 1, edge[0].N)

	var sb strings.Builder
	require.NoError(t, calibrate.WriteReliability(&sb, edge))
	assert.Contains(t, sb.String(), "0.8–1.0")
	assert.Equal(t, 5, strings.Count(sb.String(), "\n"))
}
