package fingerprint

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// result ranks the accumulated organisations: partial hosts matched,
// candidates joined, parents' shares, scores, bounded evidence; then
// judge sets confidences and owners from the ranking alone.
func (a *attributor) result() *Result {
	r := &Result{Ranking: []Owner{}, Candidates: []Owner{}, Owners: []string{}, ClaimEcho: []Owner{},
		Items: a.items, cat: a.cat, w: a.w}
	a.resolveFragments()
	a.mergeCandidates()
	// Subsidiaries support their ancestors, from their own evidence only
	// (computed before any share is added).
	type share struct {
		child string
		w     [numRoles]float64
		f     float64
		from  *acc
	}
	shares := map[string][]share{}
	for _, ac := range a.accs {
		if ac.cand || ac.score() == 0 {
			continue
		}
		f := 1.0
		for _, p := range a.cat.Ancestors(ac.org) {
			f *= a.w.ParentShare
			sh := share{child: ac.org, f: f, from: ac}
			for i, x := range ac.w {
				sh.w[i] = f * x
			}
			shares["o:"+p] = append(shares["o:"+p], sh)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(shares)) {
		ac := a.accOf(key)
		if ac == nil {
			continue
		}
		for _, s := range shares[key] {
			for i, x := range s.w {
				if x > 0 {
					ac.ev = append(ac.ev, Evidence{Signal: "subsidiary", Role: roleByRank[i], Match: s.child, Weight: round4(x)})
					ac.w[i] += x
				}
			}
			// The subsidiary's custody is the parent's where it lies.
			ac.ownW += s.f * s.from.ownW
			for _, dir := range slices.Sorted(maps.Keys(s.from.dirs)) {
				p := s.from.dirs[dir]
				ac.addDir(dir, s.f*p.custody, s.f*p.own)
			}
			ac.dirsCut = ac.dirsCut || s.from.dirsCut
		}
	}
	var keys, echoes []string
	for k, ac := range a.accs {
		switch {
		case ac.score() > 0 && (!ac.cand || ac.w[0]+ac.w[1] > 0):
			keys = append(keys, k)
		case !ac.cand && len(ac.ev) > 0:
			echoes = append(echoes, k)
		}
	}
	// The owner is the custodian: custody ranks first, the score breaks
	// ties (and ranks the organisations with none).
	slices.SortFunc(keys, func(x, y string) int {
		if c := cmp.Compare(a.accs[y].w[0], a.accs[x].w[0]); c != 0 {
			return c
		}
		if c := cmp.Compare(a.accs[y].score(), a.accs[x].score()); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	slices.Sort(echoes)
	for _, k := range keys {
		r.Ranking = append(r.Ranking, a.owner(a.accs[k]))
	}
	for _, k := range echoes {
		r.ClaimEcho = append(r.ClaimEcho, a.owner(a.accs[k]))
	}
	r.judge()
	return r
}

// owner makes the Owner of an accumulator, its evidence bounded.
func (a *attributor) owner(ac *acc) Owner {
	a.compact(ac)
	ev := ac.ev
	for i, role := range roleByRank {
		if ac.moreN[i] > 0 {
			ev = append(ev, Evidence{Signal: "more", Role: role,
				Match: fmt.Sprintf("%d weaker pieces of evidence", ac.moreN[i]), Weight: round4(ac.moreW[i])})
		}
	}
	if ev == nil {
		ev = []Evidence{}
	}
	parts, more := a.parts(ac)
	return Owner{
		Org: ac.org, Name: ac.name, Candidate: ac.cand,
		Score: round4(ac.score()), Custody: round4(ac.w[0]), Authorship: round4(ac.w[1]), Mention: round4(ac.w[3]),
		OwnCustody:   round4(min(ac.ownW, ac.w[0])),
		CustodyItems: ac.n[0], OwnCustodyItems: min(ac.ownN, ac.n[0]), AuthorshipItems: ac.n[1], ClaimEchoItems: ac.n[2], MentionItems: ac.n[3],
		Parts: parts, MoreParts: more,
		Evidence: ev,
	}
}

// parts sums an organisation's custody by part of the package: the
// folder or archive right below the folder every item is in (TopPart
// for the items of that folder itself), the strongest MaxParts first;
// more counts the parts left out (one more when folders were left out
// of the accumulator, see maxCustodyDirs).
func (a *attributor) parts(ac *acc) (parts []Part, more int) {
	by := map[string]*Part{}
	for dir, p := range ac.dirs {
		name := partOf(a.root, dir)
		q, ok := by[name]
		if !ok {
			q = &Part{Name: name}
			by[name] = q
		}
		q.Custody += p.custody
		q.OwnCustody += p.own
	}
	for _, p := range by {
		p.Custody, p.OwnCustody = round4(p.Custody), round4(p.OwnCustody)
		parts = append(parts, *p)
	}
	slices.SortFunc(parts, func(x, y Part) int {
		if c := cmp.Compare(y.Custody, x.Custody); c != 0 {
			return c
		}
		return strings.Compare(x.Name, y.Name)
	})
	if len(parts) > MaxParts {
		more = len(parts) - MaxParts
		parts = parts[:MaxParts:MaxParts]
	}
	if ac.dirsCut {
		more++
	}
	return parts, more
}

// partOf returns the part of the package a folder is in, given the
// folder every item is in.
func partOf(root, dir string) string {
	rest := dir
	if root != "" {
		if !strings.HasPrefix(dir, root+"/") {
			return TopPart
		}
		rest = dir[len(root)+1:]
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	if rest == "" {
		return TopPart
	}
	return rest
}

// related reports whether two accumulated catalogue organisations are
// in one parent line.
func (a *attributor) related(x, y *acc) bool {
	return related(a.cat, Owner{Org: x.org, Candidate: x.cand}, Owner{Org: y.org, Candidate: y.cand})
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// Verdict is the judgement of a seller's claim: Supported, Contradicted
// or Inconclusive; "" when no claim was judged (package evidence leaves
// it so when no claim was given).
type Verdict string

// Verdicts of a Claim.
const (
	// Supported: the claimed organisation itself held the data.
	Supported Verdict = "supported"
	// Contradicted: another organisation held the data.
	Contradicted Verdict = "contradicted"
	// Inconclusive: the evidence does not decide, or the claimed name
	// is in no profile.
	Inconclusive Verdict = "inconclusive"
)

// Relations of the claimed organisation to the owner (Claim.Relation).
const (
	// RelationSame: the claimed organisation is an owner.
	RelationSame = "same"
	// RelationSubsidiaryOfClaimed: the owner is a subsidiary of the
	// claimed organisation (a claim on the group for one company's data).
	RelationSubsidiaryOfClaimed = "subsidiary_of_claimed"
	// RelationParentOfClaimed: the owner is the parent of the claimed
	// organisation.
	RelationParentOfClaimed = "parent_of_claimed"
	// RelationCounterparty: the claimed organisation appears in the
	// owner's files (as vendor, customer, client or supplier: named,
	// or the maker of some documents) without holding them.
	RelationCounterparty = "counterparty"
	// RelationUnrelated: nothing in the files names the claimed
	// organisation, except perhaps the seller's own labels.
	RelationUnrelated = "unrelated"
)

// Claim is the verdict on a seller's claim that the data belongs to an
// organisation.
type Claim struct {
	// Claimed is the claim as given, blanks trimmed ("富士通",
	// "fujitsu.com").
	Claimed string `json:"claimed"`
	// ClaimedOrg is the catalogue id (or candidate key) the claim
	// resolved to, ClaimedName that organisation's name; both "" when
	// the claim names no known organisation (Known false).
	ClaimedOrg  string `json:"claimed_org"`
	ClaimedName string `json:"claimed_name"`
	// Verdict is Supported, Contradicted or Inconclusive.
	Verdict Verdict `json:"verdict"`
	// Owner is the owner's id or candidate key (Result.Owners[0]), ""
	// when there is none; OwnerName is its name.
	Owner     string `json:"owner"`
	OwnerName string `json:"owner_name"`
	// Owners are every owner, Owner first (a package holding two
	// victims' data lists both).
	Owners []string `json:"owners"`
	// Relation is the claimed organisation's relation to the owner (the
	// Relation constants); "" when there is no owner or the claimed name
	// is unknown.
	Relation string `json:"relation"`
	// Reason is one sentence naming the decisive evidence.
	Reason string `json:"reason"`
	// Known is false when the claimed name is in no profile and is no
	// candidate of the package.
	Known bool `json:"-"`
}

// Verdict judges the claim that the data belongs to the organisation
// named claim: a catalogue id, a name or alias in any script or width
// (compared after NormalizeName, so "FUJITSU", "富士通", "富士通株式会社"
// and "ﾌｼﾞﾂｳ" written as an alias are Fujitsu), a domain, an e-mail
// address or a URL, the first label of a profile's domain ("nttdata"), or
// a candidate's key, name, or domain label. The owner is the custodian
// (Result.Owners); the claimed organisation's relation to it decides:
//
//   - Supported: there is an owner (the first of the ranking has at
//     least OwnerMinConfidence) and the claimed organisation is an owner
//     itself (RelationSame); with two owners the reason names the other.
//   - Contradicted: there is an owner, and it is a
//     subsidiary of the claimed organisation (the group was reached
//     through its subsidiary), its parent, or another organisation whose
//     files name the claimed one (RelationCounterparty) or do not
//     (RelationUnrelated), the claimed organisation's custody score being
//     at most ClaimedCustodyShareMax of the owner's.
//   - Inconclusive: otherwise: no custody or authorship evidence, no
//     organisation with OwnerMinConfidence (the reason names the
//     strongest and its confidence), custody shared short of a co-owner,
//     and a name in no profile (Known false).
//
// The reason names the owner's strongest custody evidence (authorship
// when it has none), never a mention or what the seller says; it says
// when only the seller's labels name the claimed organisation.
func (r *Result) Verdict(claim string) Claim {
	claim = strings.TrimSpace(claim)
	c := Claim{Claimed: claim, Verdict: Inconclusive, Owners: []string{}}
	if claim == "" {
		c.Reason = "no claim was given"
		return c
	}
	w := r.w
	if w == (Weights{}) {
		w = DefaultWeights()
	}
	claimed, name, cand, ok := r.resolveClaim(claim)
	if !ok {
		c.Reason = fmt.Sprintf("the claimed organisation %q is in no organisation profile, so the evidence cannot be compared with it", claim)
		return c
	}
	c.Known = true
	c.ClaimedOrg, c.ClaimedName = claimed, name
	own := func(o Owner) string { return fmt.Sprintf("%s (%s, confidence %.2f)", o.Name, o.Org, o.Confidence) }
	co, _ := r.Owner(claimed)
	echo := ""
	if co.ClaimEchoItems > 0 && co.Custody == 0 {
		echo = fmt.Sprintf("; the seller's own labels name %s (%s), which is not evidence", name, echoWhere(co))
	}
	if len(r.Owners) == 0 {
		if len(r.Ranking) > 0 && r.Ranking[0].Custody+r.Ranking[0].Authorship > 0 {
			top := r.Ranking[0]
			c.Reason = fmt.Sprintf("no organisation is likely enough to hold the data: the strongest, %s, is below the confidence of %.2f an owner needs; its strongest evidence is %s",
				own(top), w.OwnerMinConfidence, decisiveEvidence(top))
			if len(r.Ranking) > 1 && top.Custody > 0 && r.Ranking[1].Custody > 0 && !related(r.cat, top, r.Ranking[1]) {
				o := r.Ranking[1]
				c.Reason += fmt.Sprintf("; %s (%s) has custody evidence too (%.1f against %.1f)", o.Name, o.Org, o.Custody, top.Custody)
			}
			c.Reason += echo
			return c
		}
		c.Reason = "no item carries custody or authorship evidence (internal mail or hosts, screenshots of the owner's systems, document metadata), so ownership cannot be judged"
		if co.ClaimEchoItems > 0 {
			c.Reason += fmt.Sprintf("; only the seller's own labels name %s (%s)", name, echoWhere(co))
		}
		return c
	}
	top, _ := r.Owner(r.Owners[0])
	c.Owner, c.OwnerName = top.Org, top.Name
	c.Owners = append(c.Owners, r.Owners...)
	c.Relation = r.relation(claimed, cand)
	decisive := decisiveEvidence(top)
	switch c.Relation {
	case RelationSame:
		c.Verdict = Supported
		var others []string
		for _, o := range r.Owners {
			if o != claimed {
				oo, _ := r.Owner(o)
				others = append(others, own(oo)+partsPhrase(co, oo))
			}
		}
		holder := co
		if claimed != top.Org {
			holder = co
			decisive = decisiveEvidence(co)
		}
		if len(others) == 0 {
			c.Reason = fmt.Sprintf("the claimed organisation holds the data, %s: %s", own(holder), decisive)
		} else {
			c.Reason = fmt.Sprintf("the claimed organisation holds data in the package, %s, and so does %s, a second owner with custody evidence of its own: %s",
				own(holder), strings.Join(others, " and "), decisive)
		}
		return c
	case RelationSubsidiaryOfClaimed:
		c.Verdict = Contradicted
		c.Reason = fmt.Sprintf("the data belongs to %s, a subsidiary of the claimed %s: the group was reached through its subsidiary, whose systems held the files: %s",
			own(top), name, decisive) + echo
		return c
	case RelationParentOfClaimed:
		c.Verdict = Contradicted
		c.Reason = fmt.Sprintf("the data belongs to %s, the parent of the claimed %s, not to the subsidiary itself: %s", own(top), name, decisive) + echo
		return c
	}
	if top.Custody > 0 && co.OwnCustody > w.ClaimedCustodyShareMax*top.Custody {
		c.Reason = fmt.Sprintf("custody is mixed: %s leads, but the claimed %s has custody evidence too (%.1f against %.1f), short of a second owner",
			own(top), name, co.OwnCustody, top.Custody)
		return c
	}
	c.Verdict = Contradicted
	how := "is not named in the files at all"
	switch {
	case co.Custody > 0 && co.OwnCustody == 0:
		how = fmt.Sprintf("made some of the documents (authorship in %d %s), whose metadata carries its own file-share paths: they say where a document was made and travel with it, as a counterparty's do",
			co.AuthorshipItems+co.CustodyItems, plural(co.AuthorshipItems+co.CustodyItems, "item", "items"))
	case co.Custody > 0:
		how = fmt.Sprintf("has only weak custody evidence (%.1f)", co.Custody)
	case co.Authorship > 0:
		how = fmt.Sprintf("only made some of the documents (authorship in %d %s), as a counterparty does",
			co.AuthorshipItems, plural(co.AuthorshipItems, "item", "items"))
	case co.MentionItems > 0:
		how = fmt.Sprintf("is only mentioned (in %d %s)", co.MentionItems, plural(co.MentionItems, "item", "items"))
	}
	c.Reason = fmt.Sprintf("the data belongs to %s, not to the claimed %s, which %s: %s", own(top), name, how, decisive) + echo
	return c
}

// partsPhrase says where a second owner y holds custody of its own that
// x has none in: " (in hr/, mail/)"; "" when nothing is.
func partsPhrase(x, y Owner) string {
	ps := partsOfOwn(x, y)
	if len(ps) == 0 {
		return ""
	}
	if len(ps) > 3 {
		ps = append(ps[:3:3], "…")
	}
	for i, p := range ps {
		if p != TopPart && p != "…" {
			ps[i] = p + "/"
		}
	}
	return " (in " + strings.Join(ps, ", ") + ")"
}

// relation returns the claimed organisation's relation to the owners.
func (r *Result) relation(claimed string, cand bool) string {
	if slices.Contains(r.Owners, claimed) {
		return RelationSame
	}
	if !cand {
		for _, kin := range []string{RelationSubsidiaryOfClaimed, RelationParentOfClaimed} {
			for _, o := range r.Owners {
				if r.cat.Kinship(claimed, o) == kin {
					return kin
				}
			}
		}
	}
	for _, o := range r.Ranking {
		if o.Org == claimed {
			return RelationCounterparty
		}
	}
	return RelationUnrelated
}

// echoWhere says where the seller names an organisation: its first
// claim-echo evidence.
func echoWhere(o Owner) string {
	for _, e := range o.Evidence {
		if e.Role == ClaimEcho && e.Signal != "more" {
			item := e.Item
			if i := strings.Index(item, "!/"); i >= 0 {
				item = item[i+2:]
			}
			return fmt.Sprintf("%s %q in %s", describeSignal(e.Signal), e.Match, item)
		}
	}
	return "names of folders and files"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// resolveClaim finds the claimed organisation: a catalogue id, name,
// alias, domain or domain label, else a candidate of the result by key,
// name or domain label.
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
	nk := NormalizeName(claim)
	for _, o := range r.Candidates {
		if o.Org == host || o.Org == nk || (nk != "" && NormalizeName(o.Name) == nk) {
			return o.Org, o.Name, true, true
		}
	}
	// A candidate's domain label ("minato-av" of minato-av.co.jp), or the
	// first words of its name ("acme" of "Acme Trading Co., Ltd.").
	if len(nk) >= 3 {
		for _, o := range r.Candidates {
			if isDomainKey(o.Org) {
				l := o.Org[:strings.IndexByte(o.Org, '.')]
				if l == nk || strings.ReplaceAll(l, "-", " ") == nk || strings.ReplaceAll(l, "-", "") == strings.ReplaceAll(nk, " ", "") {
					return o.Org, o.Name, true, true
				}
			}
			if n := NormalizeName(o.Name); strings.HasPrefix(n, nk+" ") {
				return o.Org, o.Name, true, true
			}
		}
	}
	return "", "", false, false
}

// decisiveEvidence describes an owner's strongest custody evidence, or
// its strongest authorship evidence when it has none.
func decisiveEvidence(o Owner) string {
	for _, role := range []Role{Custody, Authorship} {
		for _, e := range o.Evidence {
			if e.Role != role || e.Signal == "more" {
				continue
			}
			if e.Signal == "subsidiary" {
				return fmt.Sprintf("the %s evidence of its subsidiary %s", role, e.Match)
			}
			item := e.Item
			if i := strings.Index(item, "!/"); i >= 0 {
				item = item[i+2:]
			}
			return fmt.Sprintf("%s: %s %q in %s (weight %g)", role, describeSignal(e.Signal), e.Match, item, e.Weight)
		}
	}
	return "no custody or authorship evidence"
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
	"mailbox": "mailbox listing", "delivered": "delivery host",
	"identifier": "internal identifier", "partial_host": "host read in part",
	"sale_note": "seller's note", "wordmark": "wordmark",
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
// any script or width (ByName), by a domain, e-mail address or URL
// (ByDomain), or by the first label of a listed domain that one
// organisation alone has ("nttdata" for nttdata.com).
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
	if i, ok := c.byLabel[strings.ToLower(Fold(name))]; ok {
		return c.entries[i].org, true
	}
	return Org{}, false
}

// claimHost returns the host of a name that is a domain, an address or a
// URL, lower case, or "" when it is none of these.
func claimHost(name string) string {
	h := strings.ToLower(strings.TrimSpace(Fold(name)))
	if _, rest, ok := strings.Cut(h, "://"); ok {
		h = rest
		if i := strings.IndexAny(h, "/?#"); i >= 0 {
			h = h[:i]
		}
		if i := strings.LastIndexByte(h, ':'); i >= 0 {
			h = h[:i]
		}
	}
	h = strings.TrimSuffix(h, "/")
	if at := strings.LastIndexByte(h, '@'); at >= 0 {
		h = h[at+1:]
	}
	if !strings.Contains(h, ".") || strings.ContainsAny(h, " /\\") || !validHostname(h) {
		return ""
	}
	return h
}
