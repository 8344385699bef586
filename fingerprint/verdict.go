package fingerprint

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// result ranks the accumulated organisations: parents' shares, scores,
// confidences, bounded evidence.
func (a *attributor) result() *Result {
	r := &Result{Ranking: []Owner{}, Candidates: []Owner{}, cat: a.cat}
	a.mergeCandidates()
	// Subsidiaries support their ancestors, from their own evidence only
	// (computed before any share is added).
	type share struct {
		child    string
		own, men float64
	}
	shares := map[string][]share{}
	for _, ac := range a.accs {
		if ac.cand || ac.own+ac.men == 0 {
			continue
		}
		f := 1.0
		for _, p := range a.cat.Ancestors(ac.org) {
			f *= ParentShare
			shares["o:"+p] = append(shares["o:"+p], share{ac.org, f * ac.own, f * ac.men})
		}
	}
	for key, ss := range shares {
		ac := a.accOf(key)
		if ac == nil {
			continue
		}
		for _, s := range ss {
			if s.own > 0 {
				ac.ev = append(ac.ev, Evidence{Signal: "subsidiary", Role: Ownership, Match: s.child, Weight: round4(s.own)})
				ac.own += s.own
			}
			if s.men > 0 {
				ac.ev = append(ac.ev, Evidence{Signal: "subsidiary", Role: Mention, Match: s.child, Weight: round4(s.men)})
				ac.men += s.men
			}
		}
	}
	keys := make([]string, 0, len(a.accs))
	for k, ac := range a.accs {
		if ac.own+ac.men > 0 && (!ac.cand || ac.own > 0) {
			keys = append(keys, k)
		}
	}
	score := func(k string) float64 { return a.accs[k].own + a.accs[k].men }
	slices.SortFunc(keys, func(x, y string) int {
		if c := cmp.Compare(score(y), score(x)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.accs[y].own, a.accs[x].own); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	for _, k := range keys {
		ac := a.accs[k]
		a.compact(ac)
		ev := ac.ev
		for i, role := range []Role{Ownership, Mention} {
			if ac.moreN[i] > 0 {
				ev = append(ev, Evidence{Signal: "more", Role: role,
					Match: fmt.Sprintf("%d weaker pieces of evidence", ac.moreN[i]), Weight: round4(ac.moreW[i])})
			}
		}
		if ev == nil {
			ev = []Evidence{}
		}
		o := Owner{
			Org: ac.org, Name: ac.name, Candidate: ac.cand,
			Score: round4(ac.own + ac.men), Ownership: round4(ac.own), Mention: round4(ac.men),
			OwnershipItems: ac.ownItems, MentionItems: ac.menItems, Evidence: ev,
		}
		o.Confidence = a.confidence(ac, keys)
		r.Ranking = append(r.Ranking, o)
		if o.Candidate {
			r.Candidates = append(r.Candidates, o)
		}
	}
	return r
}

// confidence is support × dominance (see Attribute), rounded to two
// decimals.
func (a *attributor) confidence(ac *acc, keys []string) float64 {
	var support float64
	if n := float64(ac.ownItems); n > 0 {
		support = n / (n + ConfidenceHalfItems)
	} else {
		m := float64(ac.menItems)
		support = MentionOnlySupport * m / (m + ConfidenceHalfItems)
	}
	s := ac.own + ac.men
	rival := 0.0
	for _, k := range keys {
		o := a.accs[k]
		if o == ac || a.related(ac, o) {
			continue
		}
		rival = max(rival, o.own+o.men)
	}
	if s <= 0 {
		return 0
	}
	return math.Round(100*support*s/(s+rival)) / 100
}

// related reports whether two catalogue organisations are in one parent
// line (one is an ancestor of the other).
func (a *attributor) related(x, y *acc) bool {
	if x.cand || y.cand {
		return false
	}
	return slices.Contains(a.cat.Ancestors(x.org), y.org) || slices.Contains(a.cat.Ancestors(y.org), x.org)
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// Verdicts of a Claim.
const (
	Supported    = "supported"
	Contradicted = "contradicted"
	Inconclusive = "inconclusive"
)

// Claim is the verdict on a seller's claim that the data belongs to an
// organisation.
type Claim struct {
	// Claimed is the claimed organisation's id (or candidate key) when
	// the name is known, else the name as given.
	Claimed string `json:"claimed"`
	// Verdict is Supported, Contradicted or Inconclusive.
	Verdict string `json:"verdict"`
	// Owner is the top owner's id or candidate key, "" when there is none.
	Owner string `json:"owner"`
	// Reason is one sentence naming the decisive evidence.
	Reason string `json:"reason"`
	// Known is false when the claimed name is in no profile and is no
	// candidate of the package.
	Known bool `json:"-"`
}

// Verdict judges the claim that the data belongs to the organisation
// named claim: a catalogue id, a name or alias in any script (compared
// after NormalizeName, so "FUJITSU", "富士通" and "富士通株式会社" are
// Fujitsu), a domain or e-mail address, or a candidate's key.
//
//   - Supported: the top owner has at least VerdictMinConfidence and is
//     the claimed organisation or one of its subsidiaries (claim "NTT",
//     owner NTT DATA: the group's data).
//   - Contradicted: the top owner has at least VerdictMinConfidence, is
//     outside the claimed organisation's parent line, and the claimed
//     organisation's ownership score is at most ClaimedOwnershipShareMax
//     of the owner's (it is mentioned, or barely more).
//   - Inconclusive: otherwise: no ownership evidence, too little
//     confidence, a mixed package, or a claim naming a subsidiary of the
//     owner (the parent's data, claimed for one of its companies), and a
//     name in no profile (Known false).
//
// The reason names the owner's strongest ownership evidence, never a
// mention.
func (r *Result) Verdict(claim string) Claim {
	claim = strings.TrimSpace(claim)
	c := Claim{Claimed: claim, Verdict: Inconclusive}
	if claim == "" {
		c.Reason = "no claim was given"
		return c
	}
	claimed, name, cand, ok := r.resolveClaim(claim)
	if !ok {
		c.Reason = fmt.Sprintf("the claimed organisation %q is in no organisation profile, so the evidence cannot be compared with it", claim)
		return c
	}
	c.Known = true
	c.Claimed = claimed
	if len(r.Ranking) == 0 || r.Ranking[0].Ownership == 0 {
		c.Reason = "no item carries ownership evidence (metadata, internal mail or hosts, markings), so ownership cannot be judged"
		return c
	}
	top := r.Ranking[0]
	c.Owner = top.Org
	own := func(o Owner) string { return fmt.Sprintf("%s (%s, confidence %.2f)", o.Name, o.Org, o.Confidence) }
	decisive := decisiveEvidence(top)
	if top.Confidence < VerdictMinConfidence {
		c.Reason = fmt.Sprintf("the strongest owner, %s, is below the confidence of %.2f a verdict needs; its strongest evidence is %s",
			own(top), VerdictMinConfidence, decisive)
		return c
	}
	isClaimed := !cand && !top.Candidate && top.Org == claimed
	if !cand && !top.Candidate && !isClaimed {
		anc := r.ancestors(top.Org)
		if slices.Contains(anc, claimed) {
			c.Verdict = Supported
			c.Reason = fmt.Sprintf("the data belongs to %s, a subsidiary of the claimed %s: %s", own(top), name, decisive)
			return c
		}
		if slices.Contains(r.ancestors(claimed), top.Org) {
			c.Reason = fmt.Sprintf("the data belongs to %s, the parent of the claimed %s, not to the subsidiary itself: %s", own(top), name, decisive)
			return c
		}
	}
	if cand && top.Candidate && top.Org == claimed {
		isClaimed = true
	}
	if isClaimed {
		c.Verdict = Supported
		c.Reason = fmt.Sprintf("the claimed organisation owns the data, %s: %s", own(top), decisive)
		return c
	}
	co, _ := r.Owner(claimed)
	if co.Ownership > ClaimedOwnershipShareMax*top.Ownership {
		c.Reason = fmt.Sprintf("the package is mixed: %s leads, but the claimed %s has ownership evidence too (%.1f against %.1f)",
			own(top), name, co.Ownership, top.Ownership)
		return c
	}
	c.Verdict = Contradicted
	how := "is not named at all"
	switch {
	case co.Ownership > 0:
		how = fmt.Sprintf("has only weak ownership evidence (%.1f)", co.Ownership)
	case co.MentionItems > 0:
		how = fmt.Sprintf("is only mentioned (in %d %s)", co.MentionItems, plural(co.MentionItems, "item", "items"))
	}
	c.Reason = fmt.Sprintf("the data belongs to %s, not to the claimed %s, which %s: %s", own(top), name, how, decisive)
	return c
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (r *Result) ancestors(id string) []string {
	if r.cat == nil {
		return nil
	}
	return r.cat.Ancestors(id)
}

// resolveClaim finds the claimed organisation: a catalogue id, name,
// alias or domain, else a candidate of the result.
func (r *Result) resolveClaim(claim string) (key, name string, cand, ok bool) {
	cat := r.cat
	if cat == nil {
		cat = &Catalogue{}
	}
	if o, ok := cat.Lookup(claim); ok {
		return o.ID, o.Name, false, true
	}
	host := claimHost(claim)
	if d, ok := RegistrableDomain(host); ok {
		host = d
	}
	for _, k := range []string{host, NormalizeName(claim)} {
		for _, o := range r.Candidates {
			if o.Org == k {
				return o.Org, o.Name, true, true
			}
		}
	}
	return "", "", false, false
}

// decisiveEvidence describes an owner's strongest ownership evidence.
func decisiveEvidence(o Owner) string {
	for _, e := range o.Evidence {
		if e.Role != Ownership || e.Signal == "more" {
			continue
		}
		if e.Signal == "subsidiary" {
			return fmt.Sprintf("the ownership evidence of its subsidiary %s", e.Match)
		}
		item := e.Item
		if i := strings.Index(item, "!/"); i >= 0 {
			item = item[i+2:]
		}
		return fmt.Sprintf("%s %q in %s (weight %g)", describeSignal(e.Signal), e.Match, item, e.Weight)
	}
	return "no ownership evidence"
}

// signalWords says what an Evidence.Signal source is, in words.
var signalWords = map[string]string{
	FieldOrganisation:   "the organisation field",
	FieldAuthor:         "the author field",
	FieldLastModifiedBy: "the last-modified-by field",
	FieldCopyright:      "the copyright notice",
	FieldHost:           "a metadata host",
	FieldPath:           "a metadata path",
	FieldMailFrom:       "the sender of an internal mail",
	FieldMailTo:         "a recipient of an internal mail",
	FieldMailReceived:   "the Received chain of an internal mail",
	TextBody:            "the text",
	TextOCR:             "a screenshot",
	"item_path":         "the name of a folder or file",
	FieldTitle:          "the title",
}

var kindWords = map[string]string{
	"org_name": "name", "company_string": "company", "company": "company",
	"email": "address", "domain": "domain", "host": "host", "url": "URL",
	"unc_path": "UNC path", "marking": "confidentiality marking",
}

func describeSignal(sig string) string {
	src, kind, _ := strings.Cut(sig, "/")
	w, ok := signalWords[src]
	if !ok {
		w = "the " + src + " field"
	}
	if k, ok := kindWords[kind]; ok {
		return k + " in " + w
	}
	return w
}

// Lookup finds the organisation a user names: by id, by name or alias in
// any script (ByName), or by a domain or e-mail address (ByDomain).
func (c *Catalogue) Lookup(name string) (Org, bool) {
	name = strings.TrimSpace(name)
	if o, ok := c.ByID(strings.ToLower(name)); ok {
		return o, true
	}
	if o, ok := c.ByName(name); ok {
		return o, true
	}
	if h := claimHost(name); strings.Contains(h, ".") {
		return c.ByDomain(h)
	}
	return Org{}, false
}

// claimHost returns the host of a name that is a domain or an address,
// lower case, or "" when it is neither.
func claimHost(name string) string {
	h := strings.ToLower(strings.TrimSpace(name))
	if at := strings.LastIndexByte(h, '@'); at >= 0 {
		h = h[at+1:]
	}
	if !strings.Contains(h, ".") || strings.ContainsAny(h, " /\\") || !validHostname(h) {
		return ""
	}
	return h
}
