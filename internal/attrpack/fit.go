package attrpack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/format"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/internal/calibrate"
	"github.com/proofpack/proofpack/ocr"
)

// ErrHeldout is wrapped by Calibrate's error when a pack of the held-out
// half is given to it: the held-out half is scored, never fitted on.
var ErrHeldout = errors.New("attrpack: a held-out pack was given to the fit")

// FittedRound is the last round of packs (Label.Round) whose decided
// half the committed fit (fingerprint/fitted.go) was made on:
// TestConfidenceFit and cmd/attrfit fit on FitLabels, the decided packs
// of rounds 1 to FittedRound, so that adding a round of packs does not
// change the fit behind the model's back. Raise it to 2 and run
// `go run ./internal/attrpack/cmd/attrfit -update` to fit on the second
// round's decided packs too; the held-out splits never join the fit.
const FittedRound = 2

// FitLabels returns the labels of the packs the confidence fit reads:
// the decided packs of rounds 1 to FittedRound, in order.
func FitLabels(labels []Label) []Label {
	var out []Label
	for _, l := range labels {
		if l.Split == SplitDecided && l.Round <= FittedRound {
			out = append(out, l)
		}
	}
	return out
}

// Triaged is a labelled pack and its report.
type Triaged struct {
	Label  Label
	Report *evidence.Report
}

// Triage triages the packs of labels in dir as TestAttributionAccuracy
// does: with the label's claim and claim date, OCR from pool (nil: none)
// and the catalogue cat.
func Triage(ctx context.Context, dir string, labels []Label, cat *fingerprint.Catalogue, pool *ocr.Pool) ([]Triaged, error) {
	out := make([]Triaged, 0, len(labels))
	for _, l := range labels {
		opt := evidence.Options{Claim: l.Claim, OCR: pool, Orgs: cat}
		if l.ClaimDate != "" {
			d, err := time.Parse(time.DateOnly, l.ClaimDate)
			if err != nil {
				return nil, fmt.Errorf("%s: claim date: %w", l.File, err)
			}
			opt.ClaimDate = d
		}
		rep, err := evidence.Analyze(ctx, filepath.Join(dir, l.File), opt)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.File, err)
		}
		out = append(out, Triaged{Label: l, Report: rep})
	}
	return out, nil
}

// Rejudge returns the attribution of a report as package fingerprint
// judges it with the table w (fingerprint.NewResult): the report's
// ranking, its confidences and owners recomputed.
func Rejudge(cat *fingerprint.Catalogue, w fingerprint.Weights, rep *evidence.Report) *fingerprint.Result {
	cand := map[string]bool{}
	for _, c := range rep.Attribution.Candidates {
		cand[c.Key] = true
	}
	conv := func(os []evidence.Owner) []fingerprint.Owner {
		out := make([]fingerprint.Owner, 0, len(os))
		for _, o := range os {
			fo := fingerprint.Owner{Org: o.Org, Name: o.Name, Candidate: cand[o.Org], Score: o.Score,
				Custody: o.Custody, Authorship: o.Authorship, Mention: o.Mention,
				CustodyItems: o.CustodyItems, AuthorshipItems: o.AuthorshipItems, MentionItems: o.MentionItems,
				OwnCustody: o.OwnCustody, OwnCustodyItems: o.OwnCustodyItems, MoreParts: o.MoreParts}
			for _, p := range o.Parts {
				fo.Parts = append(fo.Parts, fingerprint.Part{Name: p.Name, Custody: p.Custody, OwnCustody: p.OwnCustody})
			}
			for _, e := range o.Evidence {
				fo.Evidence = append(fo.Evidence, fingerprint.Evidence{Item: e.Item, Signal: e.Signal,
					Role: fingerprint.Role(e.Role), Match: e.Match, Weight: e.Weight})
				if e.Role == string(fingerprint.ClaimEcho) {
					fo.ClaimEchoItems++
				}
			}
			out = append(out, fo)
		}
		return out
	}
	return fingerprint.NewResult(cat, w, conv(rep.Attribution.Ranking), conv(rep.Attribution.ClaimEcho))
}

// IsOwner reports whether the label names org as an owner of the pack
// (Owner, Owners or CandidateKey). Packs with no owner (thin, dressed
// up, split evenly) have none.
func (l Label) IsOwner(org string) bool {
	return org != "" && (org == l.Owner || org == l.CandidateKey || slices.Contains(l.Owners, org))
}

// OwnerMatches compares the owners a report names with the label, as
// the accuracy test scores them: the expected owner or candidate key;
// one of the tied organisations; for two victims, both when the report
// lists several owners and either when it names one; nothing for a pack
// without an owner.
func OwnerMatches(got []string, l Label) bool {
	first := ""
	if len(got) > 0 {
		first = got[0]
	}
	switch {
	case len(l.Owners) > 0:
		if len(got) > 1 {
			a, b := slices.Clone(got), slices.Clone(l.Owners)
			slices.Sort(a)
			slices.Sort(b)
			return slices.Equal(a, b)
		}
		return slices.Contains(l.Owners, first)
	case l.Owner != "":
		return first == l.Owner && len(got) == 1
	case l.CandidateKey != "":
		return first == l.CandidateKey && len(got) == 1
	case len(l.Tied) > 0:
		return slices.Contains(l.Tied, first)
	}
	return first == ""
}

// OwnersExact is OwnerMatches, except that a pack holding two victims'
// data needs both named.
func OwnersExact(got []string, l Label) bool {
	if len(l.Owners) > 0 && len(got) < 2 {
		return false
	}
	return OwnerMatches(got, l)
}

// Score counts the packs of a half whose owner, verdict and relation are
// right. Owner is scored as the accuracy test does (OwnerMatches);
// Owners is stricter: the owners named are exactly the label's (both
// victims of a pack that holds two).
type Score struct {
	N, Owner, Owners, Verdict, Relation int
}

// String gives the counts and percentages.
func (s Score) String() string {
	pc := func(k int) float64 {
		if s.N == 0 {
			return 0
		}
		return 100 * float64(k) / float64(s.N)
	}
	return fmt.Sprintf("owner %d/%d (%.1f %%; both victims named: %d), verdict %d/%d (%.1f %%), relation %d/%d (%.1f %%)",
		s.Owner, s.N, pc(s.Owner), s.Owners, s.Verdict, s.N, pc(s.Verdict), s.Relation, s.N, pc(s.Relation))
}

// ScoreWith judges every pack's report again with the table w (Rejudge)
// and counts what is right. The owners are Result.Owners or, when there
// are none, the first organisation of the ranking with custody evidence,
// as the accuracy test reads them.
func ScoreWith(cat *fingerprint.Catalogue, w fingerprint.Weights, packs []Triaged) Score {
	s := Score{N: len(packs)}
	for _, p := range packs {
		r := Rejudge(cat, w, p.Report)
		owners := r.Owners
		if len(owners) == 0 {
			for _, o := range r.Ranking {
				if o.Custody > 0 {
					owners = []string{o.Org}
					break
				}
			}
		}
		if OwnerMatches(owners, p.Label) {
			s.Owner++
		}
		if OwnersExact(owners, p.Label) {
			s.Owners++
		}
		v := r.Verdict(p.Label.Claim)
		if string(v.Verdict) == p.Label.Verdict {
			s.Verdict++
		}
		if v.Relation == p.Label.Relation {
			s.Relation++
		}
	}
	return s
}

// Samples returns one sample per ranked organisation of every pack: the
// confidence model's inputs (fingerprint.RankingFeatures with w, whose
// co-owner thresholds decide who is whose rival) and whether the label
// names it an owner.
func Samples(cat *fingerprint.Catalogue, w fingerprint.Weights, packs []Triaged) []calibrate.Sample {
	var out []calibrate.Sample
	for _, p := range packs {
		r := Rejudge(cat, w, p.Report)
		for i, f := range fingerprint.RankingFeatures(cat, w, r.Ranking) {
			out = append(out, calibrate.Sample{X: f.Vector(), Owner: p.Label.IsOwner(r.Ranking[i].Org)})
		}
	}
	return out
}

// Calibration is the confidence model and the thresholds fitted on the
// decided half (Calibrate), and the figures they came from.
type Calibration struct {
	// Weights is fingerprint.DefaultWeights with the fitted coefficients
	// (rounded to CoefficientDigits decimals) and the chosen thresholds.
	Weights fingerprint.Weights
	// Model is the fit, unrounded.
	Model calibrate.Model
	// Ridge is the L2 penalty of the fit, and RidgeLogLoss the
	// leave-one-pack-out log loss of each of Ridges on the decided half
	// (see chooseRidge).
	Ridge        float64
	RidgeLogLoss []float64
	// Packs, Samples and Owners count the packs, the ranked
	// organisations in them and the owners among those.
	Packs, Samples, Owners int
	// CoOwner, Mixed and OwnerMin are the choices of
	// CoOwnerCustodyShare, ClaimedCustodyShareMax and
	// OwnerMinConfidence.
	CoOwner, Mixed, OwnerMin Choice
	// Committed and After score the decided half with the committed
	// table (fingerprint.DefaultWeights) and with Weights.
	Committed, After Score
	// Brier, LogLoss and Reliability (ReliabilityBins bins) check the
	// fitted probabilities (Weights' coefficients) on the decided half.
	Brier, LogLoss float64
	Reliability    []calibrate.Bin
}

// Choice is a threshold chosen on the decided half: the values of the
// grid (steps of 0.01) that get the most owners (Score.Owners) and
// verdicts right (Best of 2·Packs) run from Lo to Hi, and Value is the one taken.
type Choice struct {
	Value, Lo, Hi float64
	Best          int
}

// CoefficientDigits is the number of decimals the coefficients are
// committed with; ReliabilityBins the bins of the reliability tables.
const (
	CoefficientDigits = 3
	ReliabilityBins   = 5
)

// Ridges are the L2 penalties Calibrate tries (see chooseRidge). The
// decided half separates owners from the rest almost perfectly, so the
// penalty is what keeps the probabilities from claiming certainty.
var Ridges = []float64{0.01, 0.03, 0.1, 0.3, 1, 3, 10}

// Calibrate fits the confidence model and chooses the thresholds on the
// packs of the decided half (an error wrapping ErrHeldout for any other
// pack), in this order:
//
//  1. CoOwnerCustodyShare, with every first of a ranking an owner and
//     custody never mixed: who is a co-owner decides whose rivals the
//     model sees;
//  2. the confidence model: a logistic regression (internal/calibrate)
//     of "the label names it an owner" on fingerprint.Features.Vector,
//     over every ranked organisation, with the penalty of Ridges that
//     the one-standard-error rule takes over fits that leave one pack
//     out (chooseRidge);
//  3. ClaimedCustodyShareMax, with every first of a ranking an owner;
//  4. OwnerMinConfidence, preferring 0.5 (more likely than not) when it
//     scores best.
//
// Each threshold is taken from a grid of steps of 0.01 by the number of
// packs whose owners (Score.Owners: both victims of two) and verdict are
// right (ScoreWith); among values that
// tie, the middle of the run of best values (or 0.5 for
// OwnerMinConfidence when it is in a best run).
func Calibrate(cat *fingerprint.Catalogue, packs []Triaged) (Calibration, error) {
	var err error
	for _, p := range packs {
		if p.Label.Split != SplitDecided {
			return Calibration{}, fmt.Errorf("%w: %s (%s)", ErrHeldout, p.Label.File, p.Label.Split)
		}
	}
	if len(packs) == 0 {
		return Calibration{}, fmt.Errorf("%w: no packs", calibrate.ErrInput)
	}
	c := Calibration{Packs: len(packs)}
	base := fingerprint.DefaultWeights()
	c.Committed = ScoreWith(cat, base, packs)
	w := base
	score := func(w fingerprint.Weights) int {
		s := ScoreWith(cat, w, packs)
		return s.Owners + s.Verdict
	}

	w.OwnerMinConfidence, w.ClaimedCustodyShareMax = 0, 1
	c.CoOwner = choose(0.01, 1, math.NaN(), func(x float64) int { w.CoOwnerCustodyShare = x; return score(w) })
	w.CoOwnerCustodyShare = c.CoOwner.Value

	byPack := make([][]calibrate.Sample, len(packs))
	var samples []calibrate.Sample
	for i := range packs {
		byPack[i] = Samples(cat, w, packs[i:i+1])
		samples = append(samples, byPack[i]...)
	}
	if c.Ridge, c.RidgeLogLoss, err = chooseRidge(byPack); err != nil {
		return Calibration{}, err
	}
	m, err := calibrate.Fit(fingerprint.ConfidenceFeatureNames(), samples, calibrate.Options{Ridge: c.Ridge})
	if err != nil {
		return Calibration{}, fmt.Errorf("attrpack: confidence fit: %w", err)
	}
	c.Model, c.Samples = m, len(samples)
	for _, s := range samples {
		if s.Owner {
			c.Owners++
		}
	}
	r := func(x float64) float64 {
		p := math.Pow(10, CoefficientDigits)
		return math.Round(x*p) / p
	}
	w.ConfidenceBias = r(m.Bias)
	w.ConfidenceCustodyItems = r(m.Weights[fingerprint.FeatureCustodyItems])
	w.ConfidenceAuthorshipItems = r(m.Weights[fingerprint.FeatureAuthorshipItems])
	w.ConfidenceMentionItems = r(m.Weights[fingerprint.FeatureMentionItems])
	w.ConfidenceCustodyLead = r(m.Weights[fingerprint.FeatureCustodyLead])

	c.Mixed = choose(0, 1, math.NaN(), func(x float64) int { w.ClaimedCustodyShareMax = x; return score(w) })
	w.ClaimedCustodyShareMax = c.Mixed.Value
	c.OwnerMin = choose(0.01, 0.99, 0.5, func(x float64) int { w.OwnerMinConfidence = x; return score(w) })
	w.OwnerMinConfidence = c.OwnerMin.Value
	if err := w.Validate(); err != nil {
		return Calibration{}, err
	}
	c.Weights = w
	c.After = ScoreWith(cat, w, packs)
	probs, owners := Probabilities(cat, w, packs)
	if c.Brier, err = calibrate.Brier(probs, owners); err != nil {
		return Calibration{}, err
	}
	if c.LogLoss, err = calibrate.LogLoss(probs, owners); err != nil {
		return Calibration{}, err
	}
	if c.Reliability, err = calibrate.Reliability(probs, owners, ReliabilityBins); err != nil {
		return Calibration{}, err
	}
	return c, nil
}

// chooseRidge returns the penalty of Ridges that the one-standard-error
// rule takes: each penalty's fits predict every pack left out of them
// (leave-one-pack-out), the mean log loss per sample and its standard
// error are taken over the packs, and the largest penalty whose loss is
// within one standard error of the least is chosen. The decided half
// is nearly separable, so the least loss alone would always take the
// weakest penalty and probabilities near 0 and 1; the rule takes the
// smoothest model the packs cannot tell from the best. It returns every
// penalty's mean loss too.
func chooseRidge(byPack [][]calibrate.Sample) (float64, []float64, error) {
	names := fingerprint.ConfidenceFeatureNames()
	n := 0
	for _, s := range byPack {
		n += len(s)
	}
	losses := make([]float64, len(Ridges))
	ses := make([]float64, len(Ridges))
	for k, ridge := range Ridges {
		// per[i] is pack i's share of the mean: its samples' summed loss
		// over the number of samples per pack on average.
		per := make([]float64, len(byPack))
		for i := range byPack {
			var train []calibrate.Sample
			for j, s := range byPack {
				if j != i {
					train = append(train, s...)
				}
			}
			m, err := calibrate.Fit(names, train, calibrate.Options{Ridge: ridge})
			if err != nil {
				return 0, nil, fmt.Errorf("attrpack: ridge %g: %w", ridge, err)
			}
			for _, s := range byPack[i] {
				p := min(max(m.Prob(s.X), 1e-15), 1-1e-15)
				if s.Owner {
					per[i] -= math.Log(p)
				} else {
					per[i] -= math.Log(1 - p)
				}
			}
			per[i] *= float64(len(byPack)) / float64(n)
		}
		mean := 0.0
		for _, x := range per {
			mean += x
		}
		mean /= float64(len(per))
		v := 0.0
		for _, x := range per {
			v += (x - mean) * (x - mean)
		}
		losses[k] = mean
		if len(per) > 1 {
			ses[k] = math.Sqrt(v / float64(len(per)-1) / float64(len(per)))
		}
	}
	best := 0
	for k := range losses {
		if losses[k] < losses[best] {
			best = k
		}
	}
	take := best
	for k := range losses {
		if Ridges[k] > Ridges[take] && losses[k] <= losses[best]+ses[best] {
			take = k
		}
	}
	return Ridges[take], losses, nil
}

// Probabilities returns the confidence model's probability (unrounded)
// for every ranked organisation of every pack, with whether the label
// names it an owner: what Brier, LogLoss and Reliability score.
func Probabilities(cat *fingerprint.Catalogue, w fingerprint.Weights, packs []Triaged) (probs []float64, owners []bool) {
	for _, p := range packs {
		r := Rejudge(cat, w, p.Report)
		for i, f := range fingerprint.RankingFeatures(cat, w, r.Ranking) {
			probs = append(probs, w.Probability(f))
			owners = append(owners, p.Label.IsOwner(r.Ranking[i].Org))
		}
	}
	return probs, owners
}

// choose evaluates score on the grid lo, lo+0.01 … hi and returns the
// best run's choice: prefer when it lies in a best run, else the middle
// of the best run nearest prefer (the first when prefer is NaN).
func choose(lo, hi, prefer float64, score func(float64) int) Choice {
	n := int(math.Round((hi-lo)*100)) + 1
	xs := make([]float64, n)
	ys := make([]int, n)
	best := math.MinInt
	for i := range n {
		xs[i] = math.Round((lo+float64(i)/100)*100) / 100
		ys[i] = score(xs[i])
		best = max(best, ys[i])
	}
	var runs []Choice
	for i := 0; i < n; i++ {
		if ys[i] != best {
			continue
		}
		j := i
		for j+1 < n && ys[j+1] == best {
			j++
		}
		runs = append(runs, Choice{Lo: xs[i], Hi: xs[j], Best: best, Value: math.Round((xs[i]+xs[j])*50) / 100})
		i = j
	}
	if math.IsNaN(prefer) {
		return runs[0]
	}
	dist := func(c Choice) float64 { return max(c.Lo-prefer, prefer-c.Hi, 0) }
	c := slices.MinFunc(runs, func(a, b Choice) int { return cmpFloat(dist(a), dist(b)) })
	if dist(c) == 0 {
		c.Value = prefer
	}
	return c
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// WriteReport writes the calibration as text: the coefficients, the
// thresholds with the runs they came from, the scores before and after,
// and the calibration of the probabilities.
func (c Calibration) WriteReport(out io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "confidence model fitted on the decided half: %d packs, %d ranked organisations, %d owners (ridge %g, %d Newton steps)\n",
		c.Packs, c.Samples, c.Owners, c.Ridge, c.Model.Iterations)
	coef, bias := c.Weights.Coefficients()
	fmt.Fprintf(&b, "  ridge by leave-one-pack-out log loss, one-standard-error rule:")
	for i, r := range Ridges {
		fmt.Fprintf(&b, " %g→%.4f", r, c.RidgeLogLoss[i])
	}
	fmt.Fprintf(&b, "\n  %-24s %8.3f\n", "bias", bias)
	for i, n := range fingerprint.ConfidenceFeatureNames() {
		fmt.Fprintf(&b, "  %-24s %8.3f  (odds ×%.2f per unit)\n", n, coef[i], math.Exp(coef[i]))
	}
	for _, t := range []struct {
		name string
		c    Choice
	}{{"co_owner_custody_share", c.CoOwner}, {"claimed_custody_share_max", c.Mixed}, {"owner_min_confidence", c.OwnerMin}} {
		fmt.Fprintf(&b, "  %-26s %.2f (best %d of %d owners and verdicts right for %.2f to %.2f)\n", t.name, t.c.Value, t.c.Best, 2*c.Packs, t.c.Lo, t.c.Hi)
	}
	fmt.Fprintf(&b, "decided half, committed table: %s\n", c.Committed)
	fmt.Fprintf(&b, "decided half, fitted table:    %s\n", c.After)
	fmt.Fprintf(&b, "decided half calibration: Brier %.4f, log loss %.4f\n", c.Brier, c.LogLoss)
	if _, err := io.WriteString(out, b.String()); err != nil {
		return err
	}
	return calibrate.WriteReliability(out, c.Reliability)
}

// fittedTemplate is fingerprint/fitted.go.
var fittedTemplate = template.Must(template.New("fitted").Parse(`// Code generated by go run ./internal/attrpack/cmd/attrfit -update; DO NOT EDIT.

package fingerprint

// The confidence model and the thresholds chosen with it, fitted on the
// decided half of the labelled packs of internal/attrpack ({{.Packs}} packs,
// {{.Samples}} ranked organisations, {{.Owners}} of them owners) by
// attrpack.Calibrate: a logistic regression (internal/calibrate, L2
// penalty {{.Ridge}}) of "the labels name it an owner" on the inputs of
// Features.Vector. A coefficient is a log-likelihood ratio: one unit of
// its input multiplies the odds of ownership by e^coefficient. The
// held-out half never saw the fit; attrpack's TestConfidenceFit refits
// and fails when these values drift from the fit.
const (
	// ConfidenceBias is the log-odds of ownership with every input zero.
	ConfidenceBias = {{.Bias}}
	// ConfidenceCustodyItems is the coefficient of ln(1 + custody
	// items).
	ConfidenceCustodyItems = {{.CustodyItems}}
	// ConfidenceAuthorshipItems is the coefficient of ln(1 + items with
	// authorship and no custody evidence).
	ConfidenceAuthorshipItems = {{.AuthorshipItems}}
	// ConfidenceMentionItems is the coefficient of ln(1 + items that
	// only mention the organisation).
	ConfidenceMentionItems = {{.MentionItems}}
	// ConfidenceCustodyLead is the coefficient of the custody lead: the
	// share of the organisation's custody score beyond its strongest
	// rival's.
	ConfidenceCustodyLead = {{.CustodyLead}}

	// CoOwnerCustodyShare is the share of the owner's custody score a
	// second organisation needs, with CoOwnerMinItems items of custody
	// evidence of its own, to be a co-owner (a pack holding two victims'
	// data). Chosen on the decided half: {{.CoOwner.Best}} of {{.Twice}} owners and
	// verdicts right for every value from {{.CoOwner.Lo}} to {{.CoOwner.Hi}}, the middle taken.
	CoOwnerCustodyShare = {{.CoOwner.Value}}
	// ClaimedCustodyShareMax is how much custody evidence the claimed
	// organisation may have, as a share of the owner's, for the claim to
	// be contradicted; above it, short of a co-owner, custody is mixed
	// and the verdict inconclusive. Authorship and mentions never make
	// a pack mixed. Chosen on the decided half: {{.Mixed.Best}} of {{.Twice}} right for
	// every value from {{.Mixed.Lo}} to {{.Mixed.Hi}}, the middle taken.
	ClaimedCustodyShareMax = {{.Mixed.Value}}
	// OwnerMinConfidence is the confidence the first organisation of the
	// ranking needs to be named the owner (with its co-owners), and so
	// for a claim to be supported or contradicted; below it no owner is
	// named and the verdict is inconclusive. Chosen on the decided half:
	// {{.OwnerMin.Best}} of {{.Twice}} right for every value from {{.OwnerMin.Lo}} to {{.OwnerMin.Hi}}{{if .OwnerMinPreferred}}, of which 0.5 (more
	// likely than not) is taken{{else}}, the middle taken{{end}}.
	OwnerMinConfidence = {{.OwnerMin.Value}}
)
`))

// WriteGo writes fingerprint/fitted.go: the coefficients and thresholds
// of c as the named constants of DefaultWeights, each with the figure it
// came from.
func (c Calibration) WriteGo(out io.Writer) error {
	w := c.Weights
	f := func(x float64) string { return fmt.Sprintf("%.*f", CoefficientDigits, x) }
	var b bytes.Buffer
	err := fittedTemplate.Execute(&b, map[string]any{
		"Packs": c.Packs, "Samples": c.Samples, "Owners": c.Owners, "Ridge": c.Ridge, "Twice": 2 * c.Packs,
		"Bias": f(w.ConfidenceBias), "CustodyItems": f(w.ConfidenceCustodyItems), "AuthorshipItems": f(w.ConfidenceAuthorshipItems),
		"MentionItems": f(w.ConfidenceMentionItems), "CustodyLead": f(w.ConfidenceCustodyLead),
		"CoOwner": c.CoOwner, "Mixed": c.Mixed, "OwnerMin": c.OwnerMin,
		"OwnerMinPreferred": c.OwnerMin.Value == 0.5 && c.OwnerMin.Lo <= 0.5 && c.OwnerMin.Hi >= 0.5,
	})
	if err != nil {
		return err
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return fmt.Errorf("attrpack: fitted.go: %w", err)
	}
	_, err = out.Write(src)
	return err
}
