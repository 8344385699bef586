package attrpack

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/internal/calibrate"
	"github.com/proofpack/proofpack/internal/testenv"
)

// TestConfidenceFit triages the decided half of the labelled packs (and
// only that half: the decided packs of rounds up to FittedRound,
// FitLabels), refits the confidence model and chooses the thresholds
// (Calibrate), and fails when the committed table
// (fingerprint.DefaultWeights, from fingerprint/fitted.go) differs from
// the fit beyond the rounding of its coefficients: the numbers cannot
// drift from their source. `go run ./internal/attrpack/cmd/attrfit
// -update` rewrites fitted.go. It also checks that judging a report
// again (Rejudge) gives the verdict and owners the pipeline gave, so
// that the thresholds chosen on reports are the pipeline's.
func TestConfidenceFit(t *testing.T) {
	decided := FitLabels(loadLabels(t))
	require.NotEmpty(t, decided)
	cat := catalogue(t)
	pool, ocrErr := newOCRPool()
	testenv.Need(t, ocrErr, "Tesseract with its English and Japanese data (packs whose evidence is only in screenshots)",
		"libtesseract-dev tesseract-ocr-eng tesseract-ocr-jpn")
	t.Cleanup(func() { assert.NoError(t, pool.Close()) })

	packs, err := Triage(context.Background(), dir, decided, cat, pool)
	require.NoError(t, err)
	committed := fingerprint.DefaultWeights()
	for _, p := range packs {
		r := Rejudge(cat, committed, p.Report)
		v := r.Verdict(p.Label.Claim)
		assert.Equal(t, p.Report.Claim.Verdict, v.Verdict, "%s: the report judged again", p.Label.File)
		assert.Equal(t, p.Report.Claim.Relation, v.Relation, p.Label.File)
		assert.Equal(t, p.Report.Claim.Owners, nilIfEmpty(v.Owners), p.Label.File)
		for i, o := range r.Ranking {
			assert.Equal(t, p.Report.Attribution.Ranking[i].Confidence, o.Confidence, "%s: %s", p.Label.File, o.Org)
		}
	}

	c, err := Calibrate(cat, packs)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, c.WriteReport(&b))
	t.Logf("refit on the decided half:\n%s", b.String())

	tol := 0.5*math.Pow(10, -CoefficientDigits) + 1e-9
	got, want := reflect.ValueOf(committed), reflect.ValueOf(c.Weights)
	for i := range got.NumField() {
		name := got.Type().Field(i).Name
		if got.Field(i).Kind() == reflect.Int {
			assert.Equal(t, want.Field(i).Int(), got.Field(i).Int(), name)
			continue
		}
		assert.InDelta(t, want.Field(i).Float(), got.Field(i).Float(), tol,
			"%s: committed %v, fitted %v: run go run ./internal/attrpack/cmd/attrfit -update", name, got.Field(i).Float(), want.Field(i).Float())
	}
	assert.Equal(t, c.Committed, c.After, "the committed table scores the decided half as the fit does")

	// fitted.go is what WriteGo writes for this fit.
	var src bytes.Buffer
	require.NoError(t, c.WriteGo(&src))
	onDisk, err := os.ReadFile(filepath.Join("..", "..", "fingerprint", "fitted.go"))
	require.NoError(t, err)
	assert.Equal(t, src.String(), string(onDisk), "run: go run ./internal/attrpack/cmd/attrfit -update")
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TestCalibrateRefusesHeldout: the held-out half is never fitted on.
func TestCalibrateRefusesHeldout(t *testing.T) {
	packs := []Triaged{
		{Label: Label{File: "a.zip", Split: SplitDecided}, Report: &evidence.Report{}},
		{Label: Label{File: "b.zip", Split: SplitHeldout}, Report: &evidence.Report{}},
	}
	_, err := Calibrate(fingerprint.Default(), packs)
	require.ErrorIs(t, err, ErrHeldout)
	assert.Contains(t, err.Error(), "b.zip")
	_, err = Calibrate(fingerprint.Default(), nil)
	require.ErrorIs(t, err, calibrate.ErrInput)
}

// TestChoose: the best run's middle, or the preferred value in a best
// run.
func TestChoose(t *testing.T) {
	step := func(lo, hi float64) func(float64) int {
		return func(x float64) int {
			if x >= lo-1e-9 && x <= hi+1e-9 {
				return 2
			}
			return 1
		}
	}
	c := choose(0, 1, math.NaN(), step(0.37, 0.99))
	assert.Equal(t, Choice{Value: 0.68, Lo: 0.37, Hi: 0.99, Best: 2}, c)
	c = choose(0.01, 0.99, 0.5, step(0.2, 0.8))
	assert.Equal(t, Choice{Value: 0.5, Lo: 0.2, Hi: 0.8, Best: 2}, c)
	c = choose(0.01, 0.99, 0.5, step(0.6, 0.9))
	assert.Equal(t, Choice{Value: 0.75, Lo: 0.6, Hi: 0.9, Best: 2}, c, "0.5 is not among the best")
}

// TestSamplesAndScore: samples and scores of reports built by hand.
func TestSamplesAndScore(t *testing.T) {
	rep := &evidence.Report{Attribution: evidence.Attribution{Ranking: []evidence.Owner{
		{Org: "toray", Name: "Toray Industries, Inc.", Custody: 22, CustodyItems: 3, Score: 22},
		{Org: "fujitsu", Name: "Fujitsu Limited", Authorship: 5, AuthorshipItems: 1, Mention: 1, MentionItems: 2, Score: 6},
	}}}
	l := Label{File: "x.zip", Owner: "toray", Claim: "Fujitsu", Verdict: Contradicted, Relation: RelationCounterparty, Split: SplitDecided}
	packs := []Triaged{{Label: l, Report: rep}}
	w := fingerprint.DefaultWeights()
	s := Samples(fingerprint.Default(), w, packs)
	require.Len(t, s, 2)
	assert.True(t, s[0].Owner)
	assert.False(t, s[1].Owner)
	assert.InDelta(t, math.Log(4), s[0].X[fingerprint.FeatureCustodyItems], 1e-12)
	assert.Equal(t, 1.0, s[0].X[fingerprint.FeatureCustodyLead])
	assert.Equal(t, Score{N: 1, Owner: 1, Owners: 1, Verdict: 1, Relation: 1}, ScoreWith(fingerprint.Default(), w, packs))
	probs, owners := Probabilities(fingerprint.Default(), w, packs)
	assert.Equal(t, []bool{true, false}, owners)
	assert.Greater(t, probs[0], 0.5)
	assert.Less(t, probs[1], 0.5)

	// Two victims: OwnersExact needs both, OwnerMatches either.
	tv := Label{Owner: "a", Owners: []string{"a", "b"}}
	assert.True(t, OwnerMatches([]string{"a"}, tv))
	assert.False(t, OwnersExact([]string{"a"}, tv))
	assert.True(t, OwnersExact([]string{"b", "a"}, tv))
}

// TestFitLabels: the fit reads the decided packs of the fitted rounds,
// never a held-out one.
func TestFitLabels(t *testing.T) {
	labels := Labels()
	fit := FitLabels(labels)
	require.NotEmpty(t, fit)
	decided := 0
	for _, l := range labels {
		if l.Split == SplitDecided && l.Round <= FittedRound {
			decided++
		}
	}
	assert.Len(t, fit, decided)
	for _, l := range fit {
		assert.Equal(t, SplitDecided, l.Split, l.File)
		assert.LessOrEqual(t, l.Round, FittedRound, l.File)
	}
	for _, l := range FitLabels([]Label{{File: "a", Split: SplitHeldout, Round: 1}, {File: "b", Split: SplitHeldout2, Round: 2}, {File: "c", Split: SplitDecided, Round: FittedRound + 1}}) {
		t.Errorf("%s must not be fitted on", l.File)
	}
}
