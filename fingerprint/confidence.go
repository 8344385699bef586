package fingerprint

import (
	"math"
	"slices"
)

// Features are what the confidence model reads of one ranked
// organisation: its own fields and those of its rivals, as a report's
// ranking shows them, so that a confidence can be recomputed from the
// report alone (RankingFeatures, NewResult).
type Features struct {
	// CustodyItems, AuthorshipItems and MentionItems are the
	// organisation's Owner fields: items with custody evidence, items
	// with authorship and no custody evidence, items that only mention
	// it.
	CustodyItems    int
	AuthorshipItems int
	MentionItems    int
	// Custody is its custody score (Owner.Custody, a subsidiary's share
	// included).
	Custody float64
	// RivalCustody is the highest custody score of its own
	// (Owner.OwnCustody: provenance left out) of another ranked
	// organisation outside its parent line; for an owner and its
	// co-owners (see RankingFeatures) the other owners are no rivals. A
	// supplier whose certificates carry its template paths is no rival
	// of the customer holding them.
	RivalCustody float64
}

// The inputs of the confidence model, in the order of
// ConfidenceFeatureNames and of the coefficients in Weights.
const (
	// FeatureCustodyItems is ln(1 + CustodyItems): each item of custody
	// is a piece of the organisation's systems, and the tenth adds less
	// than the second.
	FeatureCustodyItems = iota
	// FeatureAuthorshipItems is ln(1 + AuthorshipItems): documents the
	// organisation made, which anyone it sent them to may hold.
	FeatureAuthorshipItems
	// FeatureMentionItems is ln(1 + MentionItems): items that name it
	// and nothing more.
	FeatureMentionItems
	// FeatureCustodyLead is 1 − RivalCustody / Custody, at least 0, when
	// the organisation has custody evidence in items of its own, else 0:
	// the share of its custody score beyond its strongest rival's. The
	// only custodian has 1, custody split evenly 0 (a tie decides
	// nothing), and custody a subsidiary lends its parent does not count.
	FeatureCustodyLead
	// NumFeatures is the number of inputs.
	NumFeatures
)

// ConfidenceFeatureNames returns the names of the confidence model's
// inputs, in the order of Features.Vector.
func ConfidenceFeatureNames() []string {
	return []string{"ln(1+custody items)", "ln(1+authorship items)", "ln(1+mention items)", "custody lead"}
}

// Vector returns the confidence model's inputs (FeatureCustodyItems …).
func (f Features) Vector() []float64 {
	x := make([]float64, NumFeatures)
	x[FeatureCustodyItems] = math.Log1p(float64(max(f.CustodyItems, 0)))
	x[FeatureAuthorshipItems] = math.Log1p(float64(max(f.AuthorshipItems, 0)))
	x[FeatureMentionItems] = math.Log1p(float64(max(f.MentionItems, 0)))
	if f.CustodyItems > 0 && f.Custody > 0 {
		x[FeatureCustodyLead] = max(0, 1-max(f.RivalCustody, 0)/f.Custody)
	}
	return x
}

// Coefficients returns the confidence model's weights in the order of
// Features.Vector, and its bias.
func (w Weights) Coefficients() (coef []float64, bias float64) {
	coef = make([]float64, NumFeatures)
	coef[FeatureCustodyItems] = w.ConfidenceCustodyItems
	coef[FeatureAuthorshipItems] = w.ConfidenceAuthorshipItems
	coef[FeatureMentionItems] = w.ConfidenceMentionItems
	coef[FeatureCustodyLead] = w.ConfidenceCustodyLead
	return coef, w.ConfidenceBias
}

// Probability returns the probability that an organisation with the
// features f held the data: the logistic model
//
//	P = 1 / (1 + exp(-(ConfidenceBias + Σ coefficient · input)))
//
// over the inputs of f.Vector, fitted on the decided half of the
// labelled packs (see fitted.go).
func (w Weights) Probability(f Features) float64 {
	coef, z := w.Coefficients()
	for i, x := range f.Vector() {
		z += coef[i] * x
	}
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// Confidence is Probability rounded to two decimals: Owner.Confidence.
func (w Weights) Confidence(f Features) float64 {
	return math.Round(100*w.Probability(f)) / 100
}

// RankingFeatures returns the Features of every organisation of a
// ranking (Result.Ranking, or a report's), in its order. The first
// organisation and its co-owners (coOwners: custody of their own in
// CoOwnerMinItems items or more and at least CoOwnerCustodyShare of the
// first's custody score, outside the parent lines of the owners before
// them) are not each other's rivals; nobody is the rival of an
// organisation in its own parent line.
func RankingFeatures(cat *Catalogue, w Weights, ranking []Owner) []Features {
	out := make([]Features, len(ranking))
	owners := coOwners(cat, w, ranking)
	for i, o := range ranking {
		f := Features{CustodyItems: o.CustodyItems, AuthorshipItems: o.AuthorshipItems, MentionItems: o.MentionItems, Custody: o.Custody}
		owner := slices.Contains(owners, i)
		for j, r := range ranking {
			if j == i || related(cat, o, r) || owner && slices.Contains(owners, j) {
				continue
			}
			f.RivalCustody = max(f.RivalCustody, r.OwnCustody)
		}
		out[i] = f
	}
	return out
}

// coOwners returns the indices in ranking of the first organisation and
// its co-owners, whatever their confidence: the first when it has
// custody or authorship evidence, then each organisation outside the
// parent lines of those before it with custody evidence in
// CoOwnerMinItems items or more, at least CoOwnerCustodyShare of the
// first's custody score, custody of its own (Owner.OwnCustodyItems) and
// a part of the package of its own (ownParts).
func coOwners(cat *Catalogue, w Weights, ranking []Owner) []int {
	if len(ranking) == 0 {
		return nil
	}
	top := ranking[0]
	if top.Custody+top.Authorship <= 0 {
		return nil
	}
	out := []int{0}
	if top.Custody <= 0 {
		return out
	}
	for i, o := range ranking[1:] {
		if o.CustodyItems < w.CoOwnerMinItems || o.OwnCustodyItems == 0 || o.Custody < w.CoOwnerCustodyShare*top.Custody ||
			!ownParts(top, o) {
			continue
		}
		if !slices.ContainsFunc(out, func(k int) bool { return related(cat, o, ranking[k]) }) {
			out = append(out, i+1)
		}
	}
	return out
}

// ownParts reports whether the owner x and a second organisation y
// each hold custody in a part of the package of their own: y custody
// of its own (Part.OwnCustody) in a part where x has none, and x
// custody in a part where y has none. Parts left out (MoreParts) might
// hold anyone's custody, so they count as the other's.
func ownParts(x, y Owner) bool {
	return len(partsOfOwn(x, y)) > 0 && slices.ContainsFunc(x.Parts, func(p Part) bool { return p.Custody > 0 && !custodyIn(y, p.Name) })
}

// partsOfOwn returns the parts where y has custody of its own and x
// has no custody.
func partsOfOwn(x, y Owner) []string {
	var out []string
	for _, p := range y.Parts {
		if p.OwnCustody > 0 && !custodyIn(x, p.Name) {
			out = append(out, p.Name)
		}
	}
	return out
}

// custodyIn reports whether o may have custody in the part name.
func custodyIn(o Owner, name string) bool {
	return o.MoreParts > 0 || slices.ContainsFunc(o.Parts, func(p Part) bool { return p.Name == name && p.Custody > 0 })
}

// related reports whether two catalogue organisations are in one parent
// line (one is an ancestor of the other).
func related(cat *Catalogue, x, y Owner) bool {
	if x.Candidate || y.Candidate || cat == nil {
		return false
	}
	return slices.Contains(cat.Ancestors(x.Org), y.Org) || slices.Contains(cat.Ancestors(y.Org), x.Org)
}

// judge sets the confidence of every ranked organisation, the
// candidates (the ranked organisations outside the catalogue) and the
// owners: the first of the ranking and its co-owners when the first's
// confidence is at least OwnerMinConfidence, none otherwise.
func (r *Result) judge() {
	fs := RankingFeatures(r.cat, r.w, r.Ranking)
	for i := range r.Ranking {
		r.Ranking[i].Confidence = r.w.Confidence(fs[i])
	}
	r.Candidates = []Owner{}
	for _, o := range r.Ranking {
		if o.Candidate {
			r.Candidates = append(r.Candidates, o)
		}
	}
	r.Owners = []string{}
	owners := coOwners(r.cat, r.w, r.Ranking)
	if len(owners) == 0 || r.Ranking[0].Confidence < r.w.OwnerMinConfidence {
		return
	}
	for _, i := range owners {
		r.Owners = append(r.Owners, r.Ranking[i].Org)
	}
}

// NewResult returns the Result of a ranking as a report shows it: the
// organisations in their order with their scores, item counts and
// evidence (Candidate set for those outside cat), and the organisations
// only the seller names. Confidences and owners are recomputed with w
// (DefaultWeights when w fails Validate), so that a report can be
// judged again with another table, and Verdict judges a claim on it as
// on the Result of Attribute.
func NewResult(cat *Catalogue, w Weights, ranking, claimEcho []Owner) *Result {
	if cat == nil {
		cat = &Catalogue{}
	}
	if w.Validate() != nil {
		w = DefaultWeights()
	}
	r := &Result{Ranking: append([]Owner{}, ranking...), ClaimEcho: append([]Owner{}, claimEcho...), cat: cat, w: w}
	r.judge()
	return r
}
