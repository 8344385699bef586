package calibrate

import (
	"errors"
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"gonum.org/v1/gonum/mat"
)

// ErrInput is wrapped by the errors of Fit and of the scores for input
// that cannot be fitted or scored: no samples, vectors of different
// lengths, values that are not finite.
var ErrInput = errors.New("calibrate: bad input")

// ErrNoConvergence is wrapped by Fit's error when Newton's method does
// not settle within Options.MaxIter steps.
var ErrNoConvergence = errors.New("calibrate: fit did not converge")

// Sample is one organisation in one labelled pack.
type Sample struct {
	// X is the organisation's features, in the order of the names given
	// to Fit.
	X []float64
	// Owner is true when the labels say the organisation owns the data.
	Owner bool
}

// Options tune Fit. The zero value uses the defaults.
type Options struct {
	// Ridge is the L2 penalty on the weights (not the bias); default
	// DefaultRidge.
	Ridge float64
	// MaxIter bounds Newton's steps; default 100.
	MaxIter int
	// Tol is the largest change of any weight at which the fit has
	// converged; default 1e-9.
	Tol float64
}

// DefaultRidge is the default Options.Ridge: weak enough that a few dozen
// packs decide the weights, strong enough to keep them finite when the
// owners are separated perfectly.
const DefaultRidge = 0.1

// Model is a fitted logistic regression.
type Model struct {
	// Names are the features, in the order of Weights.
	Names []string
	// Weights are the log-likelihood ratios of one unit of each feature.
	Weights []float64
	// Bias is the log-odds of ownership with every feature at zero.
	Bias float64
	// Iterations is the number of Newton steps the fit took.
	Iterations int
}

// Prob returns the model's probability of ownership for x.
func (m Model) Prob(x []float64) float64 {
	z := m.Bias
	for i, w := range m.Weights {
		if i < len(x) {
			z += w * x[i]
		}
	}
	return sigmoid(z)
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// Fit fits a logistic regression of Owner on X for the features names.
func Fit(names []string, samples []Sample, opt Options) (Model, error) {
	d := len(names)
	if err := checkSamples(d, samples); err != nil {
		return Model{}, err
	}
	if opt.Ridge <= 0 {
		opt.Ridge = DefaultRidge
	}
	if opt.MaxIter <= 0 {
		opt.MaxIter = 100
	}
	if opt.Tol <= 0 {
		opt.Tol = 1e-9
	}
	// beta[0] is the bias, beta[1:] the weights.
	n := d + 1
	beta := make([]float64, n)
	grad := mat.NewVecDense(n, nil)
	hess := mat.NewSymDense(n, nil)
	var chol mat.Cholesky
	step := mat.NewVecDense(n, nil)
	row := make([]float64, n)
	for it := 1; it <= opt.MaxIter; it++ {
		grad.Zero()
		hess.Zero()
		for _, s := range samples {
			row[0] = 1
			copy(row[1:], s.X)
			z := 0.0
			for j := range n {
				z += beta[j] * row[j]
			}
			p := sigmoid(z)
			y := 0.0
			if s.Owner {
				y = 1
			}
			wgt := p * (1 - p)
			for j := range n {
				grad.SetVec(j, grad.AtVec(j)+(y-p)*row[j])
				for k := j; k < n; k++ {
					hess.SetSym(j, k, hess.At(j, k)+wgt*row[j]*row[k])
				}
			}
		}
		// The penalty: -ridge·|w|²/2 on the weights, a tiny one on the
		// bias so that the Hessian stays positive definite when every
		// sample has the same label.
		for j := range n {
			r := opt.Ridge
			if j == 0 {
				r = 1e-6
			}
			grad.SetVec(j, grad.AtVec(j)-r*beta[j])
			hess.SetSym(j, j, hess.At(j, j)+r)
		}
		if ok := chol.Factorize(hess); !ok {
			return Model{}, fmt.Errorf("%w: the penalised Hessian is not positive definite", ErrNoConvergence)
		}
		if err := chol.SolveVecTo(step, grad); err != nil {
			return Model{}, fmt.Errorf("%w: %w", ErrNoConvergence, err)
		}
		largest := 0.0
		for j := range n {
			beta[j] += step.AtVec(j)
			largest = max(largest, math.Abs(step.AtVec(j)))
		}
		if largest < opt.Tol {
			return Model{Names: append([]string(nil), names...), Weights: beta[1:], Bias: beta[0], Iterations: it}, nil
		}
	}
	return Model{}, fmt.Errorf("%w after %d steps", ErrNoConvergence, opt.MaxIter)
}

func checkSamples(d int, samples []Sample) error {
	if len(samples) == 0 {
		return fmt.Errorf("%w: no samples", ErrInput)
	}
	for i, s := range samples {
		if len(s.X) != d {
			return fmt.Errorf("%w: sample %d has %d features, want %d", ErrInput, i, len(s.X), d)
		}
		for _, v := range s.X {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: sample %d has a value that is not finite", ErrInput, i)
			}
		}
	}
	return nil
}

func checkPreds(probs []float64, owners []bool) error {
	if len(probs) == 0 || len(probs) != len(owners) {
		return fmt.Errorf("%w: %d probabilities for %d outcomes", ErrInput, len(probs), len(owners))
	}
	for i, p := range probs {
		if !(p >= 0 && p <= 1) {
			return fmt.Errorf("%w: probability %d is %v", ErrInput, i, p)
		}
	}
	return nil
}

// Brier returns the mean squared difference between the probabilities
// and the outcomes (1 for an owner, 0 otherwise).
func Brier(probs []float64, owners []bool) (float64, error) {
	if err := checkPreds(probs, owners); err != nil {
		return 0, err
	}
	sum := 0.0
	for i, p := range probs {
		y := 0.0
		if owners[i] {
			y = 1
		}
		sum += (p - y) * (p - y)
	}
	return sum / float64(len(probs)), nil
}

// LogLoss returns the mean negative log-likelihood of the outcomes, in
// nats; probabilities are clipped to [1e-15, 1-1e-15].
func LogLoss(probs []float64, owners []bool) (float64, error) {
	if err := checkPreds(probs, owners); err != nil {
		return 0, err
	}
	sum := 0.0
	for i, p := range probs {
		p = min(max(p, 1e-15), 1-1e-15)
		if owners[i] {
			sum -= math.Log(p)
		} else {
			sum -= math.Log(1 - p)
		}
	}
	return sum / float64(len(probs)), nil
}

// Bin is one row of a reliability table: the predictions in [Lo, Hi)
// (the last bin includes 1).
type Bin struct {
	Lo, Hi float64
	// N is the number of predictions in the bin.
	N int
	// MeanProb is their mean, Observed the share of owners among them;
	// both are zero when N is zero.
	MeanProb, Observed float64
}

// Reliability groups the predictions into bins of equal width and returns
// every bin, empty ones included.
func Reliability(probs []float64, owners []bool, bins int) ([]Bin, error) {
	if err := checkPreds(probs, owners); err != nil {
		return nil, err
	}
	if bins < 1 {
		return nil, fmt.Errorf("%w: %d bins", ErrInput, bins)
	}
	out := make([]Bin, bins)
	for i := range out {
		out[i].Lo, out[i].Hi = float64(i)/float64(bins), float64(i+1)/float64(bins)
	}
	for i, p := range probs {
		k := min(int(p*float64(bins)), bins-1)
		b := &out[k]
		b.N++
		b.MeanProb += p
		if owners[i] {
			b.Observed++
		}
	}
	for i := range out {
		if out[i].N > 0 {
			out[i].MeanProb /= float64(out[i].N)
			out[i].Observed /= float64(out[i].N)
		}
	}
	return out, nil
}

// WriteReliability writes the bins as an aligned table.
func WriteReliability(w io.Writer, bins []Bin) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "predicted\tn\tmean predicted\towners\t")
	for _, b := range bins {
		if b.N == 0 {
			fmt.Fprintf(tw, "%.1f–%.1f\t0\t–\t–\t\n", b.Lo, b.Hi)
			continue
		}
		fmt.Fprintf(tw, "%.1f–%.1f\t%d\t%.2f\t%.2f\t\n", b.Lo, b.Hi, b.N, b.MeanProb, b.Observed)
	}
	return tw.Flush()
}
