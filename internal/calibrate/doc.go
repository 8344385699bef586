// Package calibrate fits and checks the model behind attribution's
// confidence: a logistic regression from the evidence an organisation has
// in a pack (items with custody evidence, with authorship, mentions …) to
// the probability that it owns the data.
//
// # Place in the flow
//
// calibrate sits outside the pipeline: nothing in the library imports it
// at run time. The fit runs over the labelled packs (internal/attrpack,
// Calibrate), on their decided half only; its weights are then written
// into package fingerprint as named constants (fingerprint/fitted.go, by
// `go run ./internal/attrpack/cmd/attrfit -update`), each with the
// figure it came from.
// The held-out half is scored with the same functions (Brier, LogLoss,
// Reliability), never used to fit.
//
// # The model
//
// Each Sample is one organisation in one pack: a vector of features and
// whether it is the owner. Fit finds the weights w and bias b that
// maximise the likelihood of the owners under
//
//	P(owner | x) = 1 / (1 + exp(-(b + w·x)))
//
// with an L2 penalty (Options.Ridge) that keeps the weights finite when
// the decided half separates owners from the rest perfectly, as small
// labelled sets often do. A weight is a log-likelihood ratio: one more
// unit of its feature multiplies the odds of ownership by exp(w). The
// fit is Newton's method (iteratively reweighted least squares), each
// step a Cholesky solve of the penalised Hessian (gonum/mat), which
// converges in a handful of steps for the few features attribution has.
//
// # Checking calibration
//
// A model is calibrated when, of the organisations it gives 0.8, about
// eight in ten are owners. Reliability groups predictions in bins of equal
// width and gives each bin's mean prediction beside the share of owners;
// Brier is the mean squared error of the probabilities (0 is perfect,
// 0.25 is a constant 0.5); LogLoss punishes confident mistakes most.
package calibrate
