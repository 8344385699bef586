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

// The roles, in the order reports show them (RoleRank).
const (
	// Custody: the organisation's systems held the files: internal
	// hosts, intranet URLs, UNC paths, internal and delivered mail, a
	// mailbox or directory listing or a logged-in banner in a
	// screenshot, identifiers its profile names. The owner is the
	// custodian.
	Custody Role = "custody"
	// Authorship: the organisation made a document (Company, author and
	// last-modified-by, copyright, markings, metadata hosts, the sender
	// of outside mail). It supports custody when it agrees and is
	// expected to differ for a share of the files.
	Authorship Role = "authorship"
	// ClaimEcho: the seller says so (folder and file names inside the
	// package, a text that speaks of the sale, a wordmark cover):
	// recorded and shown, weighing nothing.
	ClaimEcho Role = "claim_echo"
	// Mention: the organisation is only named (body text,
	// counterparties, addresses of others).
	Mention Role = "mention"
)

// numRoles is the number of roles; roleIndex numbers them in RoleRank
// order.
const numRoles = 4

// RoleRank returns a role's place in reports: custody 0, authorship 1,
// claim echo 2, mention 3, and 4 for anything else.
func RoleRank(r Role) int {
	switch r {
	case Custody:
		return 0
	case Authorship:
		return 1
	case ClaimEcho:
		return 2
	case Mention:
		return 3
	}
	return numRoles
}

var roleByRank = [numRoles]Role{Custody, Authorship, ClaimEcho, Mention}

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
	// AltText is another reading of OCR text: the lines a second model
	// read differently (ocr.Line.Alt), one per line. Catalogue
	// organisations, and their hosts and addresses, found there but not
	// in Text are voted for as look-alike matches are (their class's
	// weight times Weights.LookalikeFactor, signal "<kind>_alt"); it
	// makes no candidate outside the catalogue.
	AltText string
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
	// Item is the item's path, or a folder's for a folder name; "" for
	// the entries that sum the evidence left out and the support of
	// subsidiaries.
	Item string `json:"item"`
	// Signal says where and what: "<source>/<kind>", the source being a
	// field name, "body", "ocr" or "item_path", the kind a SignalKind name
	// or a rule ("organisation/org_name", "mail_from/email",
	// "ocr/host", "ocr/mailbox", "mail_received/delivered",
	// "body/identifier", "ocr/partial_host", "body/sale_note",
	// "ocr/wordmark"); a match made with one look-alike character in
	// OCR text has "_lookalike" after its kind ("ocr/org_name_lookalike",
	// "ocr/email_lookalike", see Signal.Lookalike); "subsidiary" for a
	// subsidiary's support, "more" for the sum of the evidence left out.
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
	// Name is the catalogue name, or the candidate as first written (a
	// company name joined to its domain, when there is one).
	Name string `json:"name"`
	// Candidate is true for organisations in no profile.
	Candidate bool `json:"candidate"`
	// Score is Custody + Authorship + Mention: the sum of the evidence's
	// weights (claim echo weighs nothing).
	Score      float64 `json:"score"`
	Custody    float64 `json:"custody"`
	Authorship float64 `json:"authorship"`
	Mention    float64 `json:"mention"`
	// Confidence is the probability, in [0,1], that the organisation
	// held the data: the fitted model of Weights.Confidence over the
	// Features of this entry and its rivals (see Attribute).
	Confidence float64 `json:"confidence"`
	// CustodyItems counts the items with custody evidence,
	// AuthorshipItems those with authorship but no custody evidence,
	// MentionItems those that only mention it, ClaimEchoItems the items
	// and folders where only the seller names it.
	CustodyItems    int `json:"custody_items"`
	AuthorshipItems int `json:"authorship_items"`
	MentionItems    int `json:"mention_items"`
	ClaimEchoItems  int `json:"claim_echo_items"`
	// OwnCustody and OwnCustodyItems are the custody score and items
	// outside provenance: Custody less the items whose only custody
	// evidence is a host or path of their own metadata (a template or a
	// link on a file share) in documents whose metadata names this
	// organisation as their maker. Such a path says where a document was
	// made and travels with it to whoever receives it (a supplier's
	// certificate in its customer's share), so it never makes a second
	// owner nor mixed custody.
	OwnCustody      float64 `json:"own_custody"`
	OwnCustodyItems int     `json:"own_custody_items"`
	// Parts is where the custody evidence lies: its score per part of
	// the package (the folders and archives right below the folder
	// every item is in; TopPart for the files of that folder), the
	// strongest MaxParts first; MoreParts counts the parts left out. A
	// second owner needs custody of its own in a part where the owner
	// has none (see Attribute).
	Parts     []Part `json:"parts,omitempty"`
	MoreParts int    `json:"more_parts,omitempty"`
	// Evidence is the strongest evidence first, bounded by
	// Options.MaxEvidence, with the rest summed in "more" entries, one
	// per role.
	Evidence []Evidence `json:"evidence"`
}

// Part is an organisation's custody in one part of the package.
type Part struct {
	// Name is the folder or archive right below the folder every item
	// is in ("hr", "mailbox.pst", "backup.zip!"), or TopPart.
	Name string `json:"name"`
	// Custody and OwnCustody are the organisation's custody and own
	// custody scores there (see Owner.OwnCustody).
	Custody    float64 `json:"custody"`
	OwnCustody float64 `json:"own_custody"`
}

// TopPart names, in Part.Name, the files of the folder every item is in,
// rather than of one below it.
const TopPart = "."

// MaxParts bounds Owner.Parts.
const MaxParts = 16

// Result is the attribution of a set of items.
type Result struct {
	// Ranking holds every organisation with weighed evidence, catalogue
	// organisations and candidates together, by custody score, then by
	// score, highest first.
	Ranking []Owner `json:"ranking"`
	// Candidates are the organisations of Ranking that are in no profile,
	// in the same order: only those with custody or authorship evidence
	// are kept.
	Candidates []Owner `json:"candidates"`
	// Owners are the custodians of the data: the first of Ranking when
	// it has custody or authorship evidence, then every co-owner (see
	// Attribute); empty when nothing but mentions was found.
	Owners []string `json:"owners"`
	// ClaimEcho holds the catalogue organisations that only the seller
	// names (folder and file names, sale notes, wordmark covers), with
	// that evidence: shown, never ranked.
	ClaimEcho []Owner `json:"claim_echo"`
	// Items is the number of items read.
	Items int `json:"items"`
	cat   *Catalogue
	w     Weights
}

// Owner returns the ranked entry of the organisation or candidate key,
// or its ClaimEcho entry.
func (r *Result) Owner(org string) (Owner, bool) {
	for _, o := range r.Ranking {
		if o.Org == org {
			return o, true
		}
	}
	for _, o := range r.ClaimEcho {
		if o.Org == org {
			return o, true
		}
	}
	return Owner{}, false
}

// Weights returns the table the result was computed with.
func (r *Result) Weights() Weights { return r.w }

// evClass is a class of evidence: each has a role and a weight, and an
// item votes at most once per class and organisation.
type evClass uint8

const (
	// Custody.
	clsInternalMail evClass = iota
	clsMailbox
	clsDelivered
	clsBanner
	clsInternalHost
	clsMetaInternalHost
	clsIdentifier
	clsPartialHost
	// Authorship.
	clsOrgField
	clsMarking
	clsPerson
	clsCopyright
	clsMetaHost
	clsMailSender
	// The rest.
	clsMention
	clsEcho
	numClasses
)

func (c evClass) role() Role {
	switch {
	case c <= clsPartialHost:
		return Custody
	case c <= clsMailSender:
		return Authorship
	case c == clsMention:
		return Mention
	}
	return ClaimEcho
}

// weight returns the class's weight in w.
func (c evClass) weight(w *Weights) float64 {
	switch c {
	case clsInternalMail:
		return w.InternalMail
	case clsMailbox:
		return w.Mailbox
	case clsDelivered:
		return w.Delivered
	case clsBanner:
		return w.Banner
	case clsInternalHost:
		return w.InternalHost
	case clsMetaInternalHost:
		return w.MetadataInternalHost
	case clsIdentifier:
		return w.Identifier
	case clsPartialHost:
		return w.PartialHost
	case clsOrgField:
		return w.OrganisationField
	case clsMarking:
		return w.Marking
	case clsPerson:
		return w.MetadataPerson
	case clsCopyright:
		return w.Copyright
	case clsMetaHost:
		return w.MetadataHost
	case clsMailSender:
		return w.MailSender
	case clsMention:
		return w.Mention
	}
	return WeightClaimEcho
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
	// ownPaths, for candidates, are the items with custody or authorship
	// evidence, up to maxCandPaths: a candidate's domain and its company
	// name seen in one item are one organisation (see mergeCandidates).
	ownPaths map[string]bool
	// names, for candidates keyed by a domain, counts the company names
	// seen in the items of its custody or authorship evidence (the From
	// display name, a signature, a Company field), up to maxCandNames.
	names map[string]*seenName
	// w sums the weights per role and n counts items per role (each item
	// in its strongest role), indexed by RoleRank.
	w  [numRoles]float64
	n  [numRoles]int
	ev []Evidence
	// moreN and moreW count and sum evidence left out, per role.
	moreN [numRoles]int
	moreW [numRoles]float64
	// ownW and ownN are the custody score and items outside provenance
	// (see provenanceOnly): custody evidence of its own.
	ownW float64
	ownN int
	// dirs holds, per folder of the items with custody evidence, their
	// custody and own custody scores, up to maxCustodyDirs folders;
	// dirsCut is set when more were left out (see Owner.Parts).
	dirs    map[string]*partScore
	dirsCut bool
}

// partScore is the custody and own custody score of an organisation in
// one folder or part of the package.
type partScore struct{ custody, own float64 }

// maxCustodyDirs bounds the folders remembered per organisation for
// Owner.Parts.
const maxCustodyDirs = 256

// addDir adds custody (of which own is its own) found in an item of
// folder dir.
func (ac *acc) addDir(dir string, custody, own float64) {
	if p, ok := ac.dirs[dir]; ok {
		p.custody += custody
		p.own += own
		return
	}
	if len(ac.dirs) >= maxCustodyDirs {
		ac.dirsCut = true
		return
	}
	if ac.dirs == nil {
		ac.dirs = map[string]*partScore{}
	}
	ac.dirs[strings.Clone(dir)] = &partScore{custody, own}
}

// seenName is a company name seen beside a domain candidate's evidence:
// as first written, and in how many items.
type seenName struct {
	name string
	n    int
}

func (ac *acc) score() float64 { return ac.w[0] + ac.w[1] + ac.w[3] }

type voteKey struct {
	key string // "o:id" or "c:key"
	cls evClass
}

type vote struct {
	signal, match string
	// item, when set, replaces the item's path: a folder's vote names
	// the folder.
	item string
	// fuzzy marks a vote of a look-alike match (Signal.Lookalike): it
	// weighs the class's weight times Weights.LookalikeFactor, and an
	// exact vote of the same class replaces it.
	fuzzy bool
}

// weight returns the weight of a vote of class cls.
func (v vote) weight(cls evClass, w *Weights) float64 {
	if v.fuzzy {
		return cls.weight(w) * w.LookalikeFactor
	}
	return cls.weight(w)
}

// tally is the state of one attribution that all its items share: the
// accumulators, written only while an item is counted (under
// Attributor.mu), and what is read from many goroutines at once.
type tally struct {
	cat   *Catalogue
	x     *Extractor
	w     Weights
	maxEv int
	items int
	accs  map[string]*acc
	paths map[string]bool
	// okeys holds the vote key of every catalogue organisation; it is
	// not written after newTally.
	okeys map[string]string
	// hosts caches resolved host names.
	hostsMu sync.Mutex
	hosts   map[string]hostRes
	// seen and deferred serve the hosts that OCR read in part (see
	// custody.go): the full hosts and domains the package shows, by
	// organisation, and the items whose fragments wait to be matched to
	// them.
	seen     seenHosts
	deferred []deferred
	// root is the folder every item counted is in: the parts of the
	// package (Owner.Parts) are the folders and archives right below it.
	root   string
	rooted bool
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
	// echo is set for an item the seller wrote (a sale note, a wordmark
	// cover): every vote of it is claim echo, and why says which.
	echo bool
	why  string
	// names are the company names the item shows, of any role, for
	// joining a candidate's names to its domain; shown the full hosts it
	// shows, and frags the partial ones (custody.go).
	names []candName
	shown []seenHost
	frags []fragment
	// fuzzy is set while a signal matched with a look-alike character
	// is voted on: its votes are look-alike votes (see vote.fuzzy), and
	// its hosts are not remembered as shown in full.
	fuzzy bool
	// alt is set while the other reading of OCR text (Item.AltText) is
	// read: its votes are fuzzy, and it makes no candidate, names no
	// company and records no partial host.
	alt bool
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
// catalogue, and only candidates are ranked), with opt.Weights or, when
// that is nil or fails Weights.Validate, DefaultWeights.
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
// Every signal an Extractor finds in an item gets a role (custody,
// authorship, mention, claim echo: see Role) from where it was found, and
// a weight from its class (Weights; the hand-set values are the Weight
// constants). An item votes at most once per organisation and class, so
// a CSV naming a customer ten thousand times is one vote of
// WeightMention; when an item has custody or authorship evidence for an
// organisation its mentions of it are not counted again. An
// organisation's score is the sum of its items' votes, plus ParentShare
// of each subsidiary's custody, authorship and mention scores
// (ParentShare² for a grandparent …), each such share one "subsidiary"
// piece of evidence.
//
// Custody: internal mail (From and a recipient in one domain) and its
// Received hosts; mail from outside whose Received chain reaches a
// recipient's hosts; internal host names (.local and other private
// suffixes, intra/intranet/corp labels), intranet URLs and UNC paths in
// text, screenshots and metadata; hosts and identifiers a profile lists
// (Org.Hosts, Org.Identifiers); a screenshot's mailbox or directory
// listing (MailboxAddresses addresses of one domain) and its logged-in
// user banner; a host, UNC server or mail domain OCR read in part that
// matches one the package shows in full for one organisation.
// Authorship: organisation, author and last-modified-by fields (names,
// and the domains of addresses), copyright notices, public hosts of
// document metadata, confidentiality markings naming an organisation,
// the sender of outside mail. Claim echo: folder and file names in the
// package, every signal of a text that speaks of the sale (a seller's
// note: price, contact, "leak", "sample", Telegram, Tox, onion
// addresses …) and of a wordmark cover (a screenshot whose text is
// little more than a name). Mention: every other name, domain or
// address.
//
// The owner is the custodian: the first of the ranking (Result.Owners),
// when its confidence is at least OwnerMinConfidence; below it no owner
// is named. A second organisation outside the owner's parent line is a
// co-owner only with custody evidence in at least CoOwnerMinItems items
// and at least CoOwnerCustodyShare of the owner's custody score, some
// of it its own (Owner.OwnCustody: not only file-share paths in the
// metadata of documents it made, which travel with them), in a part of
// the package where the owner has none, while the owner has custody in
// a part where it has none (Owner.Parts); documents another
// organisation made (authorship) never make it one.
//
// A company name is read beside a Japanese corporate designation with
// the hiragana that may start it (さざなみカフェ株式会社), and a mail
// domain OCR cut inside its first label ("sato@toray-in") is matched to
// the one profile whose domains start so when the package shows no
// full host it could be.
//
// Candidates are organisations with custody or authorship evidence and
// no profile: an internal mail domain, an organisation field's value, a
// company marked confidential, an internal domain; mentions of unknown
// names are not tracked, so that a customer list does not make thousands
// of candidates. A candidate joins its names and hosts: a company name
// seen in the items of a domain's evidence (a Company field, the From
// display name, a signature) and an internal domain seen there fold into
// the domain's candidate, which keeps its registrable domain as key.
//
// Confidence is the probability that the organisation held the data,
// from a logistic model fitted on the decided half of the labelled packs
// (Weights.Confidence, the coefficients in fitted.go) over four inputs
// that the report shows (RankingFeatures): ln(1 + items with custody
// evidence), ln(1 + items with authorship and no custody evidence),
// ln(1 + items that only mention it), and its custody lead, the share
// of its custody score beyond the strongest rival's (1 for the only
// custodian, 0 for a tie or without custody of its own). Rivals in its
// own parent line and, for the owner and its co-owners, each other do
// not count. Custody raises the confidence; a tie, documents it made
// without custody, and mere mentions lower it: on the labelled packs the
// organisations with authorship only were counterparties, and public
// material a seller dressed up.
//
// The ranking puts custody first: by custody score, then by score.
//
// Attribute checks ctx between items and returns its error, with the
// result so far, when it ends; it returns an error wrapping ErrWeights,
// and no result, when opt.Weights fails Validate.
//
// Attribute is NewAttributor, Add for each item in turn (its Index set
// to its position in items) and Result.
func Attribute(ctx context.Context, cat *Catalogue, items []Item, opt Options) (*Result, error) {
	if opt.Weights != nil {
		if err := opt.Weights.Validate(); err != nil {
			return nil, err
		}
	}
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
		w:     DefaultWeights(),
		maxEv: opt.MaxEvidence,
		accs:  map[string]*acc{},
		paths: map[string]bool{},
		okeys: make(map[string]string, len(cat.byID)),
		hosts: map[string]hostRes{},
	}
	if opt.Weights != nil && opt.Weights.Validate() == nil {
		t.w = *opt.Weights
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
	switch {
	case isSaleNote(it):
		a.echo, a.why = true, "sale_note"
	case t.isWordmark(it):
		a.echo, a.why = true, "wordmark"
	}
	a.fields(it)
	a.text(it.Text, it.TextSource)
	if it.TextSource == TextOCR && it.AltText != "" {
		a.alt = true
		a.textSignals(it.AltText, TextOCR, true)
		a.alt = false
	}
	a.identifiers(it)
	return a
}

// count adds the item's votes, and those of the folders of its path, to
// the tally. The caller holds Attributor.mu.
func (a *attributor) count() {
	a.items++
	// The root is taken over the items with evidence: an archive holding
	// the rest names no part of it.
	if len(a.order) > 0 || len(a.frags) > 0 {
		if d := dirOf(a.itemPath); !a.rooted {
			a.root, a.rooted = strings.Clone(d), true
		} else {
			a.root = commonDir(a.root, d)
		}
	}
	a.path(a.itemPath)
	for _, c := range a.cands {
		if _, ok := a.accs[c.key]; !ok {
			a.accs[c.key] = &acc{key: c.key, org: c.key[2:], name: c.name, cand: true}
		}
	}
	a.flush(a.itemPath)
	a.remember()
	a.votes, a.order, a.cands, a.names, a.shown, a.frags = nil, nil, nil, nil, nil, nil
}

// cast records an item's vote for an organisation (key "o:id" or
// "c:key") in a class; the first vote of a class is kept, all weigh the
// same. In an item the seller wrote every vote is claim echo.
func (a *attributor) cast(key string, cls evClass, signal sigName, match string) {
	a.castAt(key, cls, signal, match, "")
}

// castAt is cast with the evidence's item given.
func (a *attributor) castAt(key string, cls evClass, signal sigName, match, item string) {
	if key == "" {
		return
	}
	if a.echo && cls != clsEcho {
		cls = clsEcho
		signal.kind = a.why
	}
	switch {
	case a.alt:
		signal.kind += "_alt"
	case a.fuzzy:
		signal.kind += "_lookalike"
	}
	k := voteKey{key, cls}
	old, had := a.votes[k]
	if had && (!old.fuzzy || a.fuzzy) {
		return
	}
	// The match is copied: a substring would hold the whole text it was
	// found in for as long as the evidence is kept.
	a.votes[k] = vote{signal: signal.src + "/" + signal.kind, match: strings.Clone(cutMatch(match)), item: item, fuzzy: a.fuzzy}
	if !had {
		a.order = append(a.order, k)
	}
}

// castCand records a vote for a candidate outside the catalogue, whose
// name as written is name.
func (a *attributor) castCand(key, name string, cls evClass, signal sigName, match string) {
	a.castCandAt(key, name, cls, signal, match, "")
}

// castCandAt is castCand with the evidence's item given. Mentions and
// what the seller says never make a candidate.
func (a *attributor) castCandAt(key, name string, cls evClass, signal sigName, match, item string) {
	if key == "" || cls == clsMention || cls == clsEcho || a.echo || a.alt {
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
	// best is the strongest role of the item's votes per organisation,
	// as a RoleRank; votes naming a folder are counted apart.
	best := map[string]int{}
	for _, k := range a.order {
		if a.votes[k].item != "" {
			continue
		}
		r := RoleRank(k.cls.role())
		if b, ok := best[k.key]; !ok || r < b {
			best[k.key] = r
		}
	}
	counted := map[string]bool{}
	custody := map[string]float64{}
	for _, k := range a.order {
		v := a.votes[k]
		r := RoleRank(k.cls.role())
		if k.cls == clsMention && best[k.key] < RoleRank(ClaimEcho) {
			continue
		}
		w := v.weight(k.cls, &a.w)
		if r == 0 && v.item == "" {
			custody[k.key] += w
		}
		ac := a.accOf(k.key)
		if ac == nil {
			continue
		}
		item := path
		if v.item != "" {
			item = v.item
		}
		ac.ev = append(ac.ev, Evidence{Item: item, Signal: v.signal, Role: k.cls.role(), Match: v.match, Weight: w})
		ac.w[r] += w
		switch {
		case v.item != "":
			ac.n[r]++ // a folder
		case !counted[k.key]:
			counted[k.key] = true
			b := best[k.key]
			ac.n[b]++
			if ac.cand && b <= RoleRank(Authorship) && len(ac.ownPaths) < maxCandPaths {
				if ac.ownPaths == nil {
					ac.ownPaths = map[string]bool{}
				}
				ac.ownPaths[path] = true
				a.joinNames(ac)
			}
		}
		if len(ac.ev) >= 4*a.maxEv {
			a.compact(ac)
		}
	}
	dir := dirOf(path)
	for _, key := range slices.Sorted(maps.Keys(custody)) {
		ac := a.accOf(key)
		if ac == nil {
			continue
		}
		c, own := custody[key], 0.0
		if !a.provenanceOnly(key) {
			own = c
			ac.ownW += c
			ac.ownN++
		}
		ac.addDir(dir, c, own)
	}
}

// provenanceOnly reports whether the item's custody evidence for key
// is provenance only: every piece of it is a host or path of the
// document's own metadata (a template or a link on a file share), and
// the document names key as its maker (organisation, author or
// copyright field, or a marking). Such a path says
// where the document was made, and travels with it to the customer, the
// auditor or the buyer that holds it: custody of the document's maker,
// not of whoever held the package (see Owner.OwnCustody).
func (a *attributor) provenanceOnly(key string) bool {
	meta, made := false, false
	for _, k := range a.order {
		if k.key != key || a.votes[k].item != "" {
			continue
		}
		switch {
		case k.cls == clsMetaInternalHost:
			meta = true
		case k.cls.role() == Custody:
			return false
		case k.cls == clsOrgField || k.cls == clsPerson || k.cls == clsCopyright || k.cls == clsMarking:
			// Not clsMetaHost: the path's own host name is no maker.
			made = true
		}
	}
	return meta && made
}

// dirOf returns the folder of an item's path ("" for one at the top):
// "pack.zip!/hr/list.xlsx" gives "pack.zip!/hr".
func dirOf(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[:i]
	}
	return ""
}

// commonDir returns the longest folder both x and y are in, whole
// names only: "a/b/c" and "a/bd" give "a".
func commonDir(x, y string) string {
	for x != y {
		if len(x) > len(y) {
			x, y = y, x
		}
		if strings.HasPrefix(y, x) && (x == "" || y[len(x)] == '/') {
			return x
		}
		y = dirOf(y)
	}
	return x
}

// maxCandPaths bounds the items remembered per candidate, maxCandNames
// the names remembered per domain candidate.
const (
	maxCandPaths = 1024
	maxCandNames = 16
)

// joinNames records, for a domain candidate with custody or authorship
// evidence in the item, the company names the item shows.
func (a *attributor) joinNames(ac *acc) {
	if !isDomainKey(ac.org) {
		return
	}
	for _, n := range a.names {
		if n.key[2:] == ac.org {
			continue
		}
		if _, ok := ac.names[n.key]; !ok && len(ac.names) >= maxCandNames {
			continue
		}
		if ac.names == nil {
			ac.names = map[string]*seenName{}
		}
		if sn, ok := ac.names[n.key]; ok {
			sn.n++
		} else {
			ac.names[n.key] = &seenName{n.name, 1}
		}
	}
}

// isDomainKey reports whether a candidate key is a domain (registrable
// or internal), not a company name's key.
func isDomainKey(k string) bool {
	return strings.Contains(k, ".") && !strings.ContainsAny(k, " \t")
}

// isInternalKey reports whether a candidate key is an internal domain
// (acme.local).
func isInternalKey(k string) bool {
	return isDomainKey(k) && internalTLDs[k[strings.LastIndexByte(k, '.')+1:]]
}

// mergeCandidates joins the candidates that are one organisation seen
// several ways: a company name, an internal domain (acme.local) and a
// registrable domain (acme-trading.co.jp) that have custody or authorship
// evidence in the same items, or a company name seen in the items of a
// domain's evidence (the From display name of its mail, a signature, the
// Company field beside its author's address). Counted apart they would
// split the organisation's confidence. The registrable domain stays the
// key (else the internal domain); the company name, being what people
// call it, becomes the display name.
func (a *attributor) mergeCandidates() {
	var names, internal []*acc
	// byPath indexes the domain candidates by the items they own, so that
	// the merge costs the items remembered, not names times domains (a
	// hostile package can hold thousands of each).
	byPath := map[string][]*acc{}
	byName := map[string][]*acc{}
	for _, ac := range a.accs {
		switch {
		case !ac.cand || len(ac.ownPaths) == 0:
		case isDomainKey(ac.org):
			for p := range ac.ownPaths {
				byPath[p] = append(byPath[p], ac)
			}
			for n := range ac.names {
				byName[n] = append(byName[n], ac)
			}
			if isInternalKey(ac.org) {
				internal = append(internal, ac)
			}
		default:
			names = append(names, ac)
		}
	}
	byKey := func(x, y *acc) int { return strings.Compare(x.key, y.key) }
	slices.SortFunc(names, byKey)
	slices.SortFunc(internal, byKey)
	// into finds the domain a candidate joins: the one sharing most of
	// its items (a registrable domain before an internal one), else the
	// one whose items show its name most often.
	into := func(n *acc, internalOK bool) *acc {
		shared := map[*acc]int{}
		for p := range n.ownPaths {
			for _, d := range byPath[p] {
				if d != n && (internalOK || !isInternalKey(d.org)) {
					shared[d]++
				}
			}
		}
		if !isDomainKey(n.org) {
			for _, d := range byName[n.key] {
				if d != n && (internalOK || !isInternalKey(d.org)) {
					shared[d] += d.names[n.key].n
				}
			}
		}
		// An internal domain and a registrable one whose items show the
		// same company name.
		for k, sn := range n.names {
			for _, d := range byName[k] {
				if d != n && (internalOK || !isInternalKey(d.org)) {
					shared[d] += min(sn.n, d.names[k].n)
				}
			}
		}
		var best *acc
		bestN := 0
		for d, c := range shared {
			if c > bestN || c == bestN && best != nil && rankInto(d, best) {
				best, bestN = d, c
			}
		}
		return best
	}
	merged := map[*acc]*acc{}
	for _, in := range internal {
		if d := into(in, false); d != nil {
			a.mergeInto(d, in)
			merged[in] = d
		}
	}
	for _, n := range names {
		d := into(n, true)
		if d == nil {
			continue
		}
		if m, ok := merged[d]; ok {
			// The internal domain it shares items with joined a
			// registrable one: so does the name.
			d = m
		}
		a.mergeInto(d, n)
		d.name = n.name
	}
	// A domain whose items name one company more than once takes that
	// name.
	for _, ac := range a.accs {
		if !ac.cand || !isDomainKey(ac.org) || !isDomainKey(ac.name) || len(ac.names) == 0 {
			continue
		}
		var best string
		bestN := 0
		for k, sn := range ac.names {
			if sn.n > bestN || sn.n == bestN && k < best {
				best, bestN = k, sn.n
			}
		}
		if bestN >= 2 {
			ac.name = ac.names[best].name
		}
	}
}

// rankInto reports whether d is a better target than e for a merge: a
// registrable domain before an internal one, then by key.
func rankInto(d, e *acc) bool {
	di, ei := isInternalKey(d.org), isInternalKey(e.org)
	if di != ei {
		return !di
	}
	return d.key < e.key
}

// mergeInto folds candidate n into candidate d.
func (a *attributor) mergeInto(d, n *acc) {
	union := len(d.ownPaths)
	for p := range n.ownPaths {
		if !d.ownPaths[p] && len(d.ownPaths) < maxCandPaths {
			if d.ownPaths == nil {
				d.ownPaths = map[string]bool{}
			}
			d.ownPaths[p] = true
			union++
		}
	}
	// Items counted in both are counted once, in the strongest role of
	// either: the overlap is taken from the weakest counts first.
	over := n.n[0] + n.n[1] + d.n[0] + d.n[1] - union
	for i := range d.w {
		d.w[i] += n.w[i]
		d.n[i] += n.n[i]
		d.moreN[i] += n.moreN[i]
		d.moreW[i] += n.moreW[i]
	}
	for i := RoleRank(Authorship); i >= 0 && over > 0; i-- {
		take := min(over, d.n[i])
		d.n[i] -= take
		over -= take
	}
	d.ownW += n.ownW
	d.ownN = min(d.ownN+n.ownN, d.n[0])
	for _, dir := range slices.Sorted(maps.Keys(n.dirs)) {
		p := n.dirs[dir]
		d.addDir(dir, p.custody, p.own)
	}
	d.dirsCut = d.dirsCut || n.dirsCut
	d.ev = append(d.ev, n.ev...)
	delete(a.accs, n.key)
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

// evidenceOrder puts the strongest evidence first, then by role
// (RoleRank), item and signal, so that output is stable.
func evidenceOrder(x, y Evidence) int {
	if c := cmp.Compare(y.Weight, x.Weight); c != 0 {
		return c
	}
	if c := cmp.Compare(RoleRank(x.Role), RoleRank(y.Role)); c != 0 {
		return c
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
		r := min(RoleRank(e.Role), numRoles-1)
		ac.moreN[r]++
		ac.moreW[r] += e.Weight
	}
	clear(ac.ev[a.maxEv:])
	ac.ev = ac.ev[:a.maxEv]
}

// fields reads the metadata values of an item.
func (a *attributor) fields(it *Item) {
	m := a.mailOf(it.Fields)
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
			a.mailField(f, m)
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

// orgField reads an organisation field: the whole value names the maker,
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
		a.noteName(key, v)
	}
}

// noteName remembers a company name the item shows, for joining a
// candidate's names to its domain.
func (a *attributor) noteName(key, name string) {
	if key == "" || len(a.names) >= maxItemNames || a.echo || a.alt {
		return
	}
	for _, n := range a.names {
		if n.key == "c:"+key {
			return
		}
	}
	a.names = append(a.names, candName{"c:" + key, strings.Clone(cutMatch(strings.TrimSpace(name)))})
}

// maxItemNames bounds the company names remembered per item.
const maxItemNames = 8

// metaSignals reads a metadata field whose signals are authorship of
// class cls: names, addresses, public hosts; internal hosts and UNC
// paths there are custody (clsMetaInternalHost).
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
			a.noteName(s.Value, s.Raw)
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
			if c == clsMetaHost && a.isInternal(h) {
				c = clsMetaInternalHost
			}
			if !a.castHost(h, c, sig, s.Raw) && c == clsMetaInternalHost {
				a.fragment(h, fragLabel, sig, s.Raw)
			}
		case UNCPath:
			h := hostOf(s)
			if !a.castHost(h, clsMetaInternalHost, sig, s.Raw) {
				a.fragment(h, fragLabel, sig, s.Raw)
			}
		}
		return true
	})
}

// castHost votes for the organisation of host h; candidates only for
// custody and authorship. It reports whether h named an organisation.
func (a *attributor) castHost(h string, cls evClass, sig sigName, match string) bool {
	k, cand, ok := a.hostOrg(h)
	if !ok {
		return false
	}
	if !a.fuzzy {
		a.sawHost(h, k)
	}
	if cand {
		a.castCand(k[2:], h, cls, sig, match)
		return true
	}
	a.cast(k, cls, sig, match)
	return true
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
	a.noteName(s.Org, s.Org)
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
	if src == TextOCR {
		a.partialAddresses(text)
	}
}

// textSignals reads text: mentions, except markings naming an
// organisation (authorship), internal hosts, UNC paths and, in a
// screenshot (ocr), what stands on a logged-in user banner line and
// mailbox listings (custody).
func (a *attributor) textSignals(text, src string, ocr bool) {
	lineStart, lineEnd, banner := -1, -1, false
	onBanner := func(off int) bool {
		if !ocr {
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
	// Addresses per domain, for the mailbox rule below: read exactly
	// and with a look-alike character.
	var domains map[string]*[2]int
	extract := a.x.Extract
	if ocr {
		extract = a.x.ExtractOCR
	}
	defer func() { a.fuzzy = false }()
	extract(text, func(s Signal) bool {
		if s.Boilerplate != "" {
			return true
		}
		a.fuzzy = s.Lookalike != "" || a.alt
		if ocr && s.Kind == Email {
			if d, ok := RegistrableDomain(hostOf(s)); ok {
				if domains == nil {
					domains = map[string]*[2]int{}
				}
				n, seen := domains[d]
				if !seen && len(domains) < maxMailboxDomains {
					n = new([2]int)
					domains[d] = n
				}
				if n != nil {
					n[b2i(a.fuzzy)]++
				}
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
			a.noteName(s.Value, s.Raw)
		case Email:
			h := hostOf(s)
			if onBanner(s.Offset) {
				a.castHost(h, clsBanner, sig, s.Raw)
			} else {
				a.castHost(h, clsMention, sig, s.Raw)
			}
			if ocr {
				a.fragment(h, fragPrefix, sigName{src, "partial_address"}, s.Raw)
			}
		case Host, URL:
			h := hostOf(s)
			switch {
			case strings.IndexByte(h, '.') < 0:
				// A single label: a machine whose domain is not shown.
				if !a.profileHost(h, sig, s.Raw) {
					a.fragment(h, fragLabel, sig, s.Raw)
				}
			case a.profileHost(h, sig, s.Raw):
			case a.isInternal(h):
				a.castHost(h, clsInternalHost, sig, s.Raw)
				if ocr {
					a.fragment(h, fragPrefix, sig, s.Raw)
				}
			default:
				a.castHost(h, clsMention, sig, s.Raw)
				if ocr {
					a.fragment(h, fragPrefix, sig, s.Raw)
				}
			}
		case Domain:
			a.castHost(s.Value, clsMention, sig, s.Raw)
		case UNCPath:
			h := hostOf(s)
			if !a.profileHost(h, sig, s.Raw) && !a.castHost(h, clsInternalHost, sig, s.Raw) {
				a.fragment(h, fragLabel, sig, s.Raw)
			}
		}
		return true
	})
	// A screenshot that shows MailboxAddresses or more addresses of one
	// domain shows a mailbox, an address book or a directory of that
	// domain: whoever took it reads that organisation's mail. When it
	// takes addresses read with a look-alike character to reach that
	// many, the vote is a look-alike one.
	for _, d := range slices.Sorted(maps.Keys(domains)) {
		n := domains[d]
		if n[0]+n[1] >= MailboxAddresses {
			a.fuzzy = n[0] < MailboxAddresses || a.alt
			a.castHost(d, clsMailbox, sigName{src, "mailbox"}, fmt.Sprintf("%d addresses @%s", n[0]+n[1], d))
		}
	}
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maxMailboxDomains bounds the domains counted per screenshot for the
// mailbox rule.
const maxMailboxDomains = 256

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
// package's own name: an organisation named there is what the seller
// says (claim echo), recorded once per folder (or file) for all the
// items under it.
func (a *attributor) path(p string) {
	base := 0
	if i := strings.Index(p, "!/"); i >= 0 {
		base = i + 2
	} else {
		return // the package itself: its name is the seller's, and not an item's
	}
	rest := p[base:]
	a.x.Extract(rest, func(s Signal) bool {
		if s.Kind != OrgName {
			return true
		}
		end := s.End()
		if i := strings.IndexByte(rest[end:], '/'); i >= 0 {
			end += i
		} else {
			end = len(rest)
		}
		prefix := p[:base+end]
		key := a.okey(s.Value)
		seen := key + "\x00" + prefix
		if a.paths[seen] {
			return true
		}
		if len(a.paths) >= maxEchoPaths {
			return false
		}
		a.paths[seen] = true
		// The evidence names the folder, not the item.
		a.castAt(key, clsEcho, sigName{"item_path", s.Kind.String()}, s.Raw, prefix)
		return true
	})
}

// maxEchoPaths bounds the folders remembered for claim echo: a package
// of a million folders named after organisations records the first.
const maxEchoPaths = 4096

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

// isInternal reports whether h is an internal name: isInternalHost, or
// a host a profile lists.
func (a *attributor) isInternal(h string) bool {
	if isInternalHost(h) {
		return true
	}
	_, ok := a.cat.ByHost(h)
	return ok
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
// by its hosts and domains, or by the label of an internal domain
// (toray.local); else a candidate ("c:key", true) keyed by the
// registrable or internal domain. ok is false for boilerplate, addresses
// and single labels a profile does not list.
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
	if h == "" {
		return "", false, false
	}
	if o, ok := a.cat.ByHost(h); ok {
		return a.okey(o.ID), false, true
	}
	if strings.IndexByte(h, '.') < 0 {
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
		if j, ok := a.cat.byLabel[ls[i]]; ok {
			// nttdata.local: the label of a listed domain.
			return a.okey(a.cat.entries[j].org.ID), false, true
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
