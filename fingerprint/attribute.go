package fingerprint

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Role says how a piece of evidence speaks for an organisation.
type Role string

// The roles.
const (
	// Ownership: the organisation's systems or staff made or held the
	// file (metadata, internal mail, internal hosts, markings, banners).
	Ownership Role = "ownership"
	// Mention: the organisation is only named (body text, counterparties,
	// addresses of others).
	Mention Role = "mention"
)

// Field names of Item.Fields. The name decides the role of what is found
// in the value; values of unknown names are read like body text.
const (
	// FieldOrganisation is the company a file says it belongs to (OOXML
	// and OLE2 Company, the mail Organization header).
	FieldOrganisation = "organisation"
	// FieldAuthor is a person who made the file (creator, PDF Author).
	FieldAuthor = "author"
	// FieldLastModifiedBy is the last person who saved the file.
	FieldLastModifiedBy = "last_modified_by"
	// FieldCopyright is an EXIF or XMP artist or copyright notice.
	FieldCopyright = "copyright"
	// FieldTitle is a document's title or subject: written by the owner
	// but about anything, so read like body text.
	FieldTitle = "title"
	// FieldSoftware is the program or device that made the file; nothing
	// found in it counts (see SoftwareField).
	FieldSoftware = "software"
	// FieldHost is a host name or address found in document metadata
	// (not in mail headers: use the mail fields).
	FieldHost = "host"
	// FieldPath is a file-system path found in metadata (templates, UNC
	// paths, home directories).
	FieldPath = "path"
	// FieldMailFrom is a sender address list of a mail ("Name <addr>").
	FieldMailFrom = "mail_from"
	// FieldMailTo is a recipient of a mail: To, Cc or Bcc.
	FieldMailTo = "mail_to"
	// FieldMailReceived is a host of a mail's Received chain.
	FieldMailReceived = "mail_received"
)

// Values of Item.TextSource.
const (
	TextBody = "body" // extracted from the document itself
	TextOCR  = "ocr"  // recognised in a screenshot or scan
)

// Field is one metadata value of an item, under the name of the field it
// came from (FieldOrganisation …).
type Field struct {
	Name  string
	Value string
}

// Item is one file of a package as attribution sees it: its path in the
// package, its metadata values by field, and its text. Package evidence
// converts its report items to these; this package knows nothing of
// reports.
type Item struct {
	// Path is the display path, "pack.zip!/docs/見積書.xlsx". The folders
	// and file name after the package's own name are read for
	// organisation names (WeightItemPath, once per folder).
	Path string
	// Kind is the item's kind ("document", "image" …), for messages.
	Kind string
	// Fields are the metadata values.
	Fields []Field
	// Text is the body text or OCR text, and TextSource says which
	// (TextBody, TextOCR); logged-in user banners are looked for in OCR
	// text only.
	Text       string
	TextSource string
	// Index is the item's place in the package (package evidence: its
	// walk order, parents before their members). An Attributor counts
	// items in Index order whatever order they are added in, so that the
	// result does not depend on which item was read first; Attribute
	// numbers its items itself.
	Index int
}

// Evidence is one point of an organisation's score, traceable to an item
// and the text matched there.
type Evidence struct {
	// Item is the item's path; "" for the entries that sum the evidence
	// left out and the support of subsidiaries.
	Item string `json:"item"`
	// Signal says where and what: "<source>/<kind>", the source being a
	// field name, "body", "ocr" or "item_path", the kind a SignalKind name
	// ("organisation/org_name", "mail_from/email", "ocr/host");
	// "subsidiary" for a subsidiary's support, "more" for the sum of
	// the evidence left out.
	Signal string `json:"signal"`
	Role   Role   `json:"role"`
	// Match is the text as found (cut at 200 bytes), or the subsidiary's
	// id, or how many pieces were summed.
	Match  string  `json:"match"`
	Weight float64 `json:"weight"`
}

// Owner is one organisation of a Result: a catalogue organisation, or a
// candidate outside the catalogue.
type Owner struct {
	// Org is the catalogue id, or for a candidate its key: a registrable
	// domain ("acme-trading.co.jp"), an internal domain ("acme.local") or
	// a company name's NormalizeName key ("acme trading").
	Org string `json:"org"`
	// Name is the catalogue name, or the candidate as first written.
	Name string `json:"name"`
	// Candidate is true for organisations in no profile.
	Candidate bool `json:"candidate"`
	// Score is Ownership + Mention: the sum of the evidence's weights.
	Score     float64 `json:"score"`
	Ownership float64 `json:"ownership"`
	Mention   float64 `json:"mention"`
	// Confidence is in [0,1]; see Attribute.
	Confidence float64 `json:"confidence"`
	// OwnershipItems and MentionItems count the items (and folders) that
	// gave ownership evidence, and those that only mentioned it.
	OwnershipItems int `json:"ownership_items"`
	MentionItems   int `json:"mention_items"`
	// Evidence is the strongest evidence first, bounded by
	// Options.MaxEvidence, with the rest summed in "more" entries.
	Evidence []Evidence `json:"evidence"`
}

// Result is the attribution of a set of items.
type Result struct {
	// Ranking holds every organisation with evidence, catalogue
	// organisations and candidates together, by score, highest first.
	Ranking []Owner `json:"ranking"`
	// Candidates are the organisations of Ranking that are in no profile,
	// in the same order: only those with ownership evidence are kept.
	Candidates []Owner `json:"candidates"`
	// Items is the number of items read.
	Items int `json:"items"`
	cat   *Catalogue
}

// Owner returns the ranked entry of the organisation or candidate key.
func (r *Result) Owner(org string) (Owner, bool) {
	for _, o := range r.Ranking {
		if o.Org == org {
			return o, true
		}
	}
	return Owner{}, false
}

// evClass is a class of evidence: each has a role and a weight, and an
// item votes at most once per class and organisation.
type evClass uint8

const (
	clsOrgField evClass = iota
	clsInternalMail
	clsMarking
	clsBanner
	clsPerson
	clsInternalHost
	clsMetaHost
	clsCopyright
	clsPath
	clsMention
	numClasses
)

var classWeight = [numClasses]float64{
	clsOrgField:     WeightOrganisationField,
	clsInternalMail: WeightInternalMail,
	clsMarking:      WeightMarking,
	clsBanner:       WeightBanner,
	clsPerson:       WeightMetadataPerson,
	clsInternalHost: WeightInternalHost,
	clsMetaHost:     WeightMetadataHost,
	clsCopyright:    WeightCopyright,
	clsPath:         WeightItemPath,
	clsMention:      WeightMention,
}

func (c evClass) role() Role {
	if c == clsMention {
		return Mention
	}
	return Ownership
}

// maxMatch bounds Evidence.Match.
const maxMatch = 200

// installerDefaults are organisation values that installers fill in
// when the user gives none: they name no owner.
var installerDefaults = map[string]bool{
	"microsoft": true, "microsoft corporation": true, "home": true, "user": true,
	"personal": true, "private": true, "company": true, "organization": true,
	"organisation": true, "none": true, "n/a": true, "na": true, "-": true,
	"unknown": true, "default": true, "admin": true, "administrator": true,
	"owner": true, "自宅": true, "個人": true, "なし": true,
}

// bannerCues are the words of logged-in user banners, folded.
var bannerCues = []string{
	"logged in as", "signed in as", "logged on as", "login user", "logged in:",
	"signed in:", "ログイン中", "ログインユーザ", "ログイン者", "サインイン中", "ようこそ",
}

// internalLabels are host labels that mark intranet names
// (portal.intra.toray.co.jp).
var internalLabels = map[string]bool{
	"intra": true, "intranet": true, "internal": true, "corp": true, "local": true,
	"lan": true, "ad": true, "int": true, "inside": true, "priv": true,
}

// genericLabels are labels of internal domains that name no organisation
// (corp.local, ad.local).
var genericLabels = map[string]bool{
	"corp": true, "ad": true, "intra": true, "intranet": true, "internal": true,
	"local": true, "lan": true, "office": true, "domain": true, "company": true,
	"home": true, "dom": true, "net": true, "int": true, "priv": true, "private": true,
	"localdomain": true, "hq": true, "main": true, "test": true, "dev": true,
}

// acc accumulates one organisation's evidence.
type acc struct {
	key, org, name string
	cand           bool
	// ownPaths, for candidates, are the items with ownership evidence,
	// up to maxCandPaths: a candidate's domain and its company name seen
	// in one item are one organisation (see mergeCandidates).
	ownPaths map[string]bool
	own, men float64
	ownItems int
	menItems int
	ev       []Evidence
	// moreN and moreW count and sum evidence left out, per role
	// (0 ownership, 1 mention).
	moreN [2]int
	moreW [2]float64
}

type voteKey struct {
	key string // "o:id" or "c:key"
	cls evClass
}

type vote struct {
	signal, match string
	// item, when set, replaces the item's path: a folder's vote names
	// the folder.
	item string
}

// tally is the state of one attribution that all its items share: the
// accumulators, written only while an item is counted (under
// Attributor.mu), and what is read from many goroutines at once.
type tally struct {
	cat   *Catalogue
	x     *Extractor
	maxEv int
	accs  map[string]*acc
	paths map[string]bool
	// okeys holds the vote key of every catalogue organisation; it is
	// not written after newTally.
	okeys map[string]string
	// hosts caches resolved host names.
	hostsMu sync.Mutex
	hosts   map[string]hostRes
}

// attributor reads one item: its votes, gathered from its fields and
// text, then counted into the shared tally in Index order.
type attributor struct {
	*tally
	votes map[voteKey]vote
	order []voteKey
	// cands are the candidates the votes name, with their names as
	// written, in order: their accumulators are made when the item is
	// counted, so that a candidate's name is the one of the first item
	// in Index order.
	cands    []candName
	itemPath string
	index    int
}

// candName is a candidate an item names.
type candName struct{ key, name string }

// Attributor ranks organisations from items added one at a time, as a
// triage reads them: Add reads an item's signals (the costly part, which
// several goroutines may do at once) and counts its votes; Result ranks.
// Memory does not grow with the items' text: an item's text is read by
// Add and not kept, each organisation keeps at most Options.MaxEvidence
// pieces of evidence, and an item added before the items that precede it
// in Index order waits as its votes only.
type Attributor struct {
	mu      sync.Mutex
	t       *tally
	pending map[int]*attributor
	next    int
	res     *Result
}

// NewAttributor returns an Attributor over cat (none: an empty
// catalogue, and only candidates are ranked).
func NewAttributor(cat *Catalogue, opt Options) *Attributor {
	if cat == nil {
		cat = &Catalogue{}
	}
	return &Attributor{t: newTally(cat, NewExtractor(cat, opt), opt), pending: map[int]*attributor{}}
}

// Add reads one item and counts it. It is safe to call from several
// goroutines at once; items are counted in Item.Index order (see Item),
// an item whose predecessors have not all been added waiting for them,
// and an Index already counted (or repeated) is counted at once. Items
// added after Result are ignored.
func (a *Attributor) Add(it Item) {
	r := a.t.read(&it)
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.res != nil {
		return
	}
	if _, dup := a.pending[r.index]; dup || r.index < a.next {
		r.count()
		return
	}
	if r.index > a.next {
		a.pending[r.index] = r
		return
	}
	r.count()
	a.next++
	for {
		p, ok := a.pending[a.next]
		if !ok {
			break
		}
		delete(a.pending, a.next)
		p.count()
		a.next++
	}
}

// Result ranks the organisations of the items added so far; items still
// waiting for a predecessor are counted first, in Index order. It ends
// the attribution: later calls return the same Result, and later items
// are ignored.
func (a *Attributor) Result() *Result {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.res == nil {
		for _, i := range slices.Sorted(maps.Keys(a.pending)) {
			a.pending[i].count()
		}
		clear(a.pending)
		a.res = (&attributor{tally: a.t}).result()
	}
	return a.res
}

// Attribute reads items and ranks the organisations they belong to.
//
// Every signal an Extractor finds in an item gets a role from where it
// was found, and a weight from its class (see the Weight constants). An
// item votes at most once per organisation and class, so a CSV naming a
// customer ten thousand times is one vote of WeightMention; when an item
// has ownership evidence for an organisation its mentions of it are not
// counted again. An organisation's score is the sum of its items' votes,
// plus ParentShare of each subsidiary's ownership and mention scores
// (ParentShare² for a grandparent …), each such share one "subsidiary"
// piece of evidence.
//
// Ownership: organisation, author and last-modified-by fields (names, and
// the domains of addresses), copyright notices, hosts and paths of
// document metadata, the shared domain of internal mail (From and a
// recipient in the same domain) and its Received hosts, internal host
// names (.local and other private suffixes, intra/intranet/corp labels),
// UNC paths, confidentiality markings naming an organisation, names and
// addresses on a logged-in user banner of a screenshot, and folder and
// file names in the package. Mention: every other name, domain or address,
// recipients of outside mail included.
//
// Candidates are organisations with ownership evidence and no profile: an
// internal mail domain, an organisation field's value, a company marked
// confidential, an internal domain; mentions of unknown names are not
// tracked, so that a customer list does not make thousands of candidates.
//
// Confidence = support × dominance. support = n / (n +
// ConfidenceHalfItems) for n items with ownership evidence, or
// MentionOnlySupport · m / (m + ConfidenceHalfItems) when the
// organisation is only mentioned, in m items: thin evidence gives low
// confidence. dominance = score / (score + rival), the rival being the
// highest score of an organisation outside its own parent line: evidence
// split between organisations gives low confidence, while a parent's
// share of its subsidiary's evidence does not.
//
// Attribute checks ctx between items and returns its error, with the
// result so far, when it ends.
//
// Attribute is NewAttributor, Add for each item in turn (its Index set
// to its position in items) and Result.
func Attribute(ctx context.Context, cat *Catalogue, items []Item, opt Options) (*Result, error) {
	a := NewAttributor(cat, opt)
	for i := range items {
		if err := ctx.Err(); err != nil {
			return a.Result(), err
		}
		it := items[i]
		it.Index = i
		a.Add(it)
	}
	return a.Result(), nil
}

func newTally(cat *Catalogue, x *Extractor, opt Options) *tally {
	t := &tally{
		cat:   cat,
		x:     x,
		maxEv: opt.MaxEvidence,
		accs:  map[string]*acc{},
		paths: map[string]bool{},
		okeys: make(map[string]string, len(cat.byID)),
		hosts: map[string]hostRes{},
	}
	for id := range cat.byID {
		t.okeys[id] = "o:" + id
	}
	if t.maxEv <= 0 {
		t.maxEv = DefaultMaxEvidence
	}
	return t
}

// read gathers the votes of an item's fields and text. It writes nothing
// shared but the host cache, and keeps nothing of the item but its path.
func (t *tally) read(it *Item) *attributor {
	a := &attributor{tally: t, votes: map[voteKey]vote{}, itemPath: it.Path, index: it.Index}
	a.fields(it)
	a.text(it.Text, it.TextSource)
	return a
}

// count adds the item's votes, and those of the folders of its path, to
// the tally. The caller holds Attributor.mu.
func (a *attributor) count() {
	a.path(a.itemPath)
	for _, c := range a.cands {
		if _, ok := a.accs[c.key]; !ok {
			a.accs[c.key] = &acc{key: c.key, org: c.key[2:], name: c.name, cand: true}
		}
	}
	a.flush(a.itemPath)
	a.votes, a.order, a.cands = nil, nil, nil
}

// cast records an item's vote for an organisation (key "o:id" or
// "c:key") in a class; the first vote of a class is kept, all weigh the
// same.
func (a *attributor) cast(key string, cls evClass, signal sigName, match string) {
	a.castAt(key, cls, signal, match, "")
}

// castAt is cast with the evidence's item given.
func (a *attributor) castAt(key string, cls evClass, signal sigName, match, item string) {
	if key == "" {
		return
	}
	k := voteKey{key, cls}
	if _, ok := a.votes[k]; ok {
		return
	}
	// The match is copied: a substring would hold the whole text it was
	// found in for as long as the evidence is kept.
	a.votes[k] = vote{signal: signal.src + "/" + signal.kind, match: strings.Clone(cutMatch(match)), item: item}
	a.order = append(a.order, k)
}

// castCand records a vote for a candidate outside the catalogue, whose
// name as written is name.
func (a *attributor) castCand(key, name string, cls evClass, signal sigName, match string) {
	a.castCandAt(key, name, cls, signal, match, "")
}

// castCandAt is castCand with the evidence's item given.
func (a *attributor) castCandAt(key, name string, cls evClass, signal sigName, match, item string) {
	if key == "" || cls == clsMention {
		return
	}
	k := "c:" + key
	a.cands = append(a.cands, candName{k, strings.Clone(cutMatch(strings.TrimSpace(name)))})
	a.castAt(k, cls, signal, match, item)
}

// flush turns the item's votes into evidence.
func (a *attributor) flush(path string) {
	if len(a.order) == 0 {
		return
	}
	owned := map[string]bool{}
	for _, k := range a.order {
		if k.cls.role() == Ownership {
			owned[k.key] = true
		}
	}
	counted := map[string]bool{}
	for _, k := range a.order {
		if k.cls == clsMention && owned[k.key] {
			continue
		}
		v := a.votes[k]
		ac := a.accOf(k.key)
		if ac == nil {
			continue
		}
		w := classWeight[k.cls]
		item := path
		if v.item != "" {
			item = v.item
		}
		ac.ev = append(ac.ev, Evidence{Item: item, Signal: v.signal, Role: k.cls.role(), Match: v.match, Weight: w})
		if k.cls.role() == Ownership {
			ac.own += w
		} else {
			ac.men += w
		}
		if !counted[k.key] {
			counted[k.key] = true
			if owned[k.key] {
				ac.ownItems++
				if ac.cand && len(ac.ownPaths) < maxCandPaths {
					if ac.ownPaths == nil {
						ac.ownPaths = map[string]bool{}
					}
					ac.ownPaths[path] = true
				}
			} else {
				ac.menItems++
			}
		}
		if len(ac.ev) >= 4*a.maxEv {
			a.compact(ac)
		}
	}
}

// maxCandPaths bounds the items remembered per candidate.
const maxCandPaths = 1024

// mergeCandidates folds a candidate company name into a candidate domain
// when both have ownership evidence in one item (a document whose Company
// field and author's address name them, a mail signed with the name and
// sent from the domain): they are one organisation seen two ways, and
// counted apart they would split its confidence. The domain stays the key;
// the name, being what people call it, becomes its display name.
func (a *attributor) mergeCandidates() {
	var names []*acc
	// byPath indexes the domain candidates by the items they own, so that
	// the merge costs the items remembered, not names times domains (a
	// hostile package can hold thousands of each).
	byPath := map[string][]*acc{}
	for _, ac := range a.accs {
		switch {
		case !ac.cand || len(ac.ownPaths) == 0:
		case strings.Contains(ac.org, ".") && !strings.ContainsAny(ac.org, " \t"):
			for p := range ac.ownPaths {
				byPath[p] = append(byPath[p], ac)
			}
		default:
			names = append(names, ac)
		}
	}
	slices.SortFunc(names, func(x, y *acc) int { return strings.Compare(x.key, y.key) })
	for _, n := range names {
		shared := map[*acc]int{}
		for p := range n.ownPaths {
			for _, d := range byPath[p] {
				shared[d]++
			}
		}
		var into *acc
		best := 0
		for d, c := range shared {
			if c > best || c == best && into != nil && d.key < into.key {
				into, best = d, c
			}
		}
		if into == nil {
			continue
		}
		union := len(into.ownPaths)
		for p := range n.ownPaths {
			if !into.ownPaths[p] {
				into.ownPaths[p] = true
				union++
			}
		}
		into.own += n.own
		into.men += n.men
		into.ownItems = union
		into.ev = append(into.ev, n.ev...)
		for i := range into.moreN {
			into.moreN[i] += n.moreN[i]
			into.moreW[i] += n.moreW[i]
		}
		into.name = n.name
		delete(a.accs, n.key)
	}
}

// accOf returns the accumulator of a key, creating it for catalogue
// organisations.
func (a *attributor) accOf(key string) *acc {
	if ac, ok := a.accs[key]; ok {
		return ac
	}
	if !strings.HasPrefix(key, "o:") {
		return nil
	}
	o, ok := a.cat.ByID(key[2:])
	if !ok {
		return nil
	}
	ac := &acc{key: key, org: o.ID, name: o.Name}
	a.accs[key] = ac
	return ac
}

// evidenceOrder puts the strongest evidence first, ownership before
// mention, then by item and signal, so that output is stable.
func evidenceOrder(x, y Evidence) int {
	if c := cmp.Compare(y.Weight, x.Weight); c != 0 {
		return c
	}
	if x.Role != y.Role {
		if x.Role == Ownership {
			return -1
		}
		return 1
	}
	if c := strings.Compare(x.Item, y.Item); c != 0 {
		return c
	}
	if c := strings.Compare(x.Signal, y.Signal); c != 0 {
		return c
	}
	return strings.Compare(x.Match, y.Match)
}

// compact keeps the strongest maxEv pieces of evidence and sums the rest.
func (a *attributor) compact(ac *acc) {
	slices.SortStableFunc(ac.ev, evidenceOrder)
	if len(ac.ev) <= a.maxEv {
		return
	}
	for _, e := range ac.ev[a.maxEv:] {
		r := 0
		if e.Role == Mention {
			r = 1
		}
		ac.moreN[r]++
		ac.moreW[r] += e.Weight
	}
	clear(ac.ev[a.maxEv:])
	ac.ev = ac.ev[:a.maxEv]
}

// fields reads the metadata values of an item.
func (a *attributor) fields(it *Item) {
	internal := a.internalMailDomain(it.Fields)
	for _, f := range it.Fields {
		if f.Value == "" {
			continue
		}
		switch f.Name {
		case FieldSoftware:
			// Weight zero: the maker of a tool.
		case FieldOrganisation:
			a.orgField(f)
		case FieldAuthor, FieldLastModifiedBy:
			a.metaSignals(f, clsPerson)
		case FieldCopyright:
			a.metaSignals(f, clsCopyright)
			if o, ok := a.cat.ByName(copyrightName(f.Value)); ok {
				a.cast(a.okey(o.ID), clsCopyright, sigName{f.Name, "org_name"}, f.Value)
			}
		case FieldHost, FieldPath:
			a.metaSignals(f, clsMetaHost)
		case FieldMailFrom, FieldMailTo, FieldMailReceived:
			a.mailField(f, internal)
		default:
			if SoftwareField(f.Name) {
				continue
			}
			a.textSignals(f.Value, f.Name, false)
		}
	}
}

// copyrightName strips a copyright notice to its holder: "© 2021 Toray
// Industries, Inc. All rights reserved." gives "Toray Industries, Inc.".
func copyrightName(s string) string {
	s = Fold(s)
	for _, p := range []string{"copyright", "(c)", "©", "all rights reserved."} {
		s = strings.ReplaceAll(s, p, " ")
	}
	s = strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '.' || r == ',' || r == '-' || (r >= '0' && r <= '9')
	})
	return s
}

// orgField reads an organisation field: the whole value names the owner,
// a catalogue organisation or a candidate.
func (a *attributor) orgField(f Field) {
	v := strings.TrimSpace(f.Value)
	key := NormalizeName(v)
	if key == "" || installerDefaults[key] || len(v) > 256 {
		return
	}
	sig := sigName{f.Name, "org_name"}
	if o, ok := a.cat.ByName(v); ok {
		a.cast(a.okey(o.ID), clsOrgField, sig, v)
		return
	}
	found := false
	a.x.Extract(v, func(s Signal) bool {
		if s.Boilerplate != "" {
			return true
		}
		switch s.Kind {
		case OrgName:
			if !IsSoftwareVendorContext(v, s) {
				a.cast(a.okey(s.Value), clsOrgField, sig, s.Raw)
				found = true
			}
		case Email, Domain, Host:
			if k, cand, ok := a.hostOrg(hostOf(s)); ok && !cand {
				a.cast(k, clsOrgField, sigName{f.Name, s.Kind.String()}, s.Raw)
				found = true
			}
		}
		return true
	})
	if !found {
		a.castCand(key, v, clsOrgField, sigName{f.Name, "company"}, v)
	}
}

// metaSignals reads a metadata field whose signals are ownership of
// class cls: names, addresses, hosts and paths.
func (a *attributor) metaSignals(f Field, cls evClass) {
	a.x.Extract(f.Value, func(s Signal) bool {
		if s.Boilerplate != "" {
			return true
		}
		sig := sigName{f.Name, s.Kind.String()}
		switch s.Kind {
		case OrgName:
			if !IsSoftwareVendorContext(f.Value, s) {
				a.cast(a.okey(s.Value), cls, sig, s.Raw)
			}
		case CompanyString:
			a.castCand(s.Value, s.Raw, cls, sig, s.Raw)
		case Marking:
			a.marking(s, sig)
		case Email:
			c := cls
			if c == clsMetaHost {
				c = clsPerson
			}
			a.castHost(hostOf(s), c, sig, s.Raw)
		case Host, Domain, URL:
			h := hostOf(s)
			c := cls
			if c == clsMetaHost && isInternalHost(h) {
				c = clsInternalHost
			}
			a.castHost(h, c, sig, s.Raw)
		case UNCPath:
			a.castHost(hostOf(s), clsInternalHost, sig, s.Raw)
		}
		return true
	})
}

// castHost votes for the organisation of host h; candidates only for
// ownership classes.
func (a *attributor) castHost(h string, cls evClass, sig sigName, match string) {
	k, cand, ok := a.hostOrg(h)
	if !ok {
		return
	}
	if cand {
		a.castCand(k[2:], h, cls, sig, match)
		return
	}
	a.cast(k, cls, sig, match)
}

// marking votes for the organisation named beside a marking.
func (a *attributor) marking(s Signal, sig sigName) {
	if s.Org == "" {
		return
	}
	match := s.Raw + " (" + s.Org + ")"
	if _, ok := a.cat.byID[s.Org]; ok {
		a.cast(a.okey(s.Org), clsMarking, sig, match)
		return
	}
	a.castCand(s.Org, s.Org, clsMarking, sig, match)
}

// internalMailDomain returns the registrable domain that a sender and a
// recipient of the item share, or "".
func (a *attributor) internalMailDomain(fs []Field) string {
	var from []string
	to := map[string]bool{}
	for _, f := range fs {
		if f.Name != FieldMailFrom && f.Name != FieldMailTo {
			continue
		}
		a.x.Extract(f.Value, func(s Signal) bool {
			if s.Kind != Email || s.Boilerplate != "" {
				return true
			}
			d, ok := RegistrableDomain(hostOf(s))
			if !ok {
				return true
			}
			if f.Name == FieldMailFrom {
				from = append(from, d)
			} else {
				to[d] = true
			}
			return true
		})
	}
	for _, d := range from {
		if to[d] {
			return d
		}
	}
	return ""
}

// mailField reads a sender, recipient or Received host: ownership when
// it is in the internal domain of an internal mail, mention otherwise.
func (a *attributor) mailField(f Field, internal string) {
	a.x.Extract(f.Value, func(s Signal) bool {
		if s.Boilerplate != "" {
			return true
		}
		switch s.Kind {
		case Email, Host, Domain:
		default:
			return true
		}
		if s.Kind == Domain && f.Name != FieldMailReceived {
			return true // the address's own vote covers it
		}
		h := hostOf(s)
		sig := sigName{f.Name, s.Kind.String()}
		if internal != "" {
			d, _ := RegistrableDomain(h)
			if d == internal || (f.Name == FieldMailReceived && isInternalHost(h) && a.sameOrg(h, internal)) {
				a.castHost(h, clsInternalMail, sig, s.Raw)
				return true
			}
		}
		a.castHost(h, clsMention, sig, s.Raw)
		return true
	})
}

// sameOrg reports whether host h and domain d resolve to the same
// organisation or candidate.
func (a *attributor) sameOrg(h, d string) bool {
	k1, _, ok1 := a.hostOrg(h)
	k2, _, ok2 := a.hostOrg(d)
	return ok1 && ok2 && k1 == k2
}

// text reads body or OCR text.
func (a *attributor) text(text, source string) {
	if text == "" {
		return
	}
	src := TextBody
	if source == TextOCR {
		src = TextOCR
	}
	a.textSignals(text, src, src == TextOCR)
}

// textSignals reads text: mentions, except markings naming an
// organisation, internal hosts, UNC paths and, with banners, what stands
// on a logged-in user banner line.
func (a *attributor) textSignals(text, src string, banners bool) {
	lineStart, lineEnd, banner := -1, -1, false
	onBanner := func(off int) bool {
		if !banners {
			return false
		}
		if off < lineStart || off >= lineEnd {
			lineStart = strings.LastIndexByte(text[:off], '\n') + 1
			lineEnd = len(text)
			if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
				lineEnd = off + i
			}
			banner = isBanner(text[lineStart:lineEnd])
		}
		return banner
	}
	// Addresses per domain, for the mailbox rule below.
	var domains map[string]int
	a.x.Extract(text, func(s Signal) bool {
		if s.Boilerplate != "" {
			return true
		}
		if banners && s.Kind == Email {
			if d, ok := RegistrableDomain(hostOf(s)); ok {
				if domains == nil {
					domains = map[string]int{}
				}
				domains[d]++
			}
		}
		sig := sigName{src, s.Kind.String()}
		switch s.Kind {
		case Marking:
			a.marking(s, sig)
		case OrgName:
			switch {
			case IsSoftwareVendorContext(text, s):
			case onBanner(s.Offset):
				a.cast(a.okey(s.Value), clsBanner, sig, s.Raw)
			default:
				a.cast(a.okey(s.Value), clsMention, sig, s.Raw)
			}
		case CompanyString:
			if onBanner(s.Offset) {
				a.castCand(s.Value, s.Raw, clsBanner, sig, s.Raw)
			}
		case Email:
			if onBanner(s.Offset) {
				a.castHost(hostOf(s), clsBanner, sig, s.Raw)
			} else {
				a.castHost(hostOf(s), clsMention, sig, s.Raw)
			}
		case Host, URL:
			h := hostOf(s)
			if isInternalHost(h) {
				a.castHost(h, clsInternalHost, sig, s.Raw)
			} else {
				a.castHost(h, clsMention, sig, s.Raw)
			}
		case Domain:
			a.castHost(s.Value, clsMention, sig, s.Raw)
		case UNCPath:
			a.castHost(hostOf(s), clsInternalHost, sig, s.Raw)
		}
		return true
	})
	// A screenshot that shows MailboxAddresses or more addresses of one
	// domain shows a mailbox, an address book or a directory of that
	// domain: whoever took it reads that organisation's mail.
	for _, d := range slices.Sorted(maps.Keys(domains)) {
		if n := domains[d]; n >= MailboxAddresses {
			a.castHost(d, clsInternalMail, sigName{src, "mailbox"}, fmt.Sprintf("%d addresses @%s", n, d))
		}
	}
}

// isBanner reports whether a line is a logged-in user banner.
func isBanner(line string) bool {
	if len(line) > 512 {
		line = line[:512]
	}
	l := strings.ToLower(line)
	for _, c := range bannerCues {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

// path reads the folders and file name of an item's path after the
// package's own name: an organisation named there votes once per folder
// (or file) for all the items under it.
func (a *attributor) path(p string) {
	base := 0
	if i := strings.Index(p, "!/"); i >= 0 {
		base = i + 2
	} else {
		return // the package itself: its name is the seller's
	}
	rest := p[base:]
	a.x.Extract(rest, func(s Signal) bool {
		if s.Kind != OrgName && s.Kind != CompanyString {
			return true
		}
		end := s.End()
		if i := strings.IndexByte(rest[end:], '/'); i >= 0 {
			end += i
		} else {
			end = len(rest)
		}
		prefix := p[:base+end]
		var key string
		if s.Kind == OrgName {
			key = "o:" + s.Value
		} else {
			key = "c:" + s.Value
		}
		seen := key + "\x00" + prefix
		if a.paths[seen] {
			return true
		}
		a.paths[seen] = true
		// The evidence names the folder, not the item.
		sig := sigName{"item_path", s.Kind.String()}
		if s.Kind == OrgName {
			a.castAt(key, clsPath, sig, s.Raw, prefix)
		} else {
			a.castCandAt(s.Value, s.Raw, clsPath, sig, s.Raw, prefix)
		}
		return true
	})
}

// hostOf returns the host name of an address, host, domain, URL or UNC
// signal, lower case.
func hostOf(s Signal) string {
	switch s.Kind {
	case Email:
		return s.Value[strings.LastIndexByte(s.Value, '@')+1:]
	case URL:
		h, _ := urlHost(s.Value)
		return strings.ToLower(h)
	case UNCPath:
		v := strings.TrimLeft(s.Value, `\`)
		if i := strings.IndexByte(v, '\\'); i >= 0 {
			v = v[:i]
		}
		return v
	}
	return s.Value
}

// isInternalHost reports whether h looks like a name on an internal
// network: a private suffix (.local, .corp …), or an intranet label
// before its registrable domain (portal.intra.toray.co.jp).
func isInternalHost(h string) bool {
	if h == "" {
		return false
	}
	tld := h[strings.LastIndexByte(h, '.')+1:]
	if internalTLDs[tld] {
		return true
	}
	reg, ok := RegistrableDomain(h)
	if !ok || len(reg) >= len(h) {
		return false
	}
	for l := range strings.SplitSeq(h[:len(h)-len(reg)-1], ".") {
		if internalLabels[l] {
			return true
		}
	}
	return false
}

// hostOrg resolves a host name: a catalogue organisation ("o:id", false)
// by its domains, or by the label of an internal domain (toray.local);
// else a candidate ("c:key", true) keyed by the registrable or internal
// domain. ok is false for boilerplate, addresses and single labels.
func (a *attributor) hostOrg(h string) (key string, cand, ok bool) {
	a.hostsMu.Lock()
	r, hit := a.hosts[h]
	a.hostsMu.Unlock()
	if hit {
		return r.key, r.cand, r.ok
	}
	key, cand, ok = a.resolveHost(h)
	a.hostsMu.Lock()
	if len(a.hosts) >= maxHostCache {
		clear(a.hosts)
	}
	a.hosts[strings.Clone(h)] = hostRes{key, cand, ok} // not a substring of the text h was found in
	a.hostsMu.Unlock()
	return key, cand, ok
}

// resolveHost is hostOrg without the cache.
func (a *attributor) resolveHost(h string) (key string, cand, ok bool) {
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "" || strings.IndexByte(h, '.') < 0 {
		return "", false, false
	}
	if _, bp := BoilerplateHost(h); bp {
		return "", false, false
	}
	if o, ok := a.cat.ByDomain(h); ok {
		return a.okey(o.ID), false, true
	}
	if reg, ok := RegistrableDomain(h); ok {
		return "c:" + reg, true, true
	}
	labels := strings.Split(h, ".")
	if len(labels) < 2 || !internalTLDs[labels[len(labels)-1]] {
		return "", false, false
	}
	// Labels before the suffix, nearest first; the first label of a
	// longer name is the machine.
	ls := labels[:len(labels)-1]
	if len(ls) > 1 {
		ls = ls[1:]
	}
	for i := len(ls) - 1; i >= 0; i-- {
		if genericLabels[ls[i]] {
			continue
		}
		if o, ok := a.cat.ByName(ls[i]); ok {
			return a.okey(o.ID), false, true
		}
		return "c:" + ls[i] + "." + labels[len(labels)-1], true, true
	}
	return "", false, false
}

// sigName is an Evidence.Signal in two parts, joined only when a vote
// is kept.
type sigName struct{ src, kind string }

// okey returns the vote key of a catalogue organisation, "o:id", without
// allocating it again.
func (a *attributor) okey(id string) string {
	if k, ok := a.okeys[id]; ok {
		return k
	}
	return "o:" + id
}

// maxHostCache bounds the cache of resolved host names.
const maxHostCache = 4096

type hostRes struct {
	key      string
	cand, ok bool
}

// cutMatch bounds a match at maxMatch bytes, on a rune boundary.
func cutMatch(s string) string {
	if len(s) <= maxMatch {
		return s
	}
	n := maxMatch
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
