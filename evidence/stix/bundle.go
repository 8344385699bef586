package stix

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/exportfacts"
)

// DefaultMaxNotes is the number of notes per owner when Options.MaxNotes
// is zero: the strongest custody evidence, then authorship, which is
// what the verdict rests on; the report holds the rest.
const DefaultMaxNotes = 16

// Options are the choices of an export. The zero value works for a report
// that records when it was made (Report.TriagedAt).
type Options struct {
	// TLP is the TLP 2.0 level marking every object: CLEAR, GREEN,
	// AMBER, AMBER+STRICT or RED (any case; WHITE is CLEAR). Empty takes
	// the report's (Report.Case.TLP), then AMBER.
	TLP string
	// Seller is the name the seller goes by; empty leaves the seller out.
	Seller string
	// Created is the time of every object's created and modified; zero
	// takes the report's triage time (Report.TriagedAt). A report
	// without one needs it: Bundle returns an error wrapping ErrOptions.
	Created time.Time
	// ClaimDate is when the seller made the claim (the report's
	// published); zero takes Created.
	ClaimDate time.Time
	// MaxNotes bounds the notes per owner; zero means DefaultMaxNotes.
	MaxNotes int
}

// ErrOptions is wrapped by the errors of options Bundle cannot use.
var ErrOptions = errors.New("stix: options")

// producerName is the name of proofpack's own identity.
const producerName = "proofpack"

// scoNamespace is the namespace STIX 2.1 fixes for the deterministic
// ids of cyber-observable objects (section 2.9 of the specification).
var scoNamespace = uuid.MustParse("00abedb4-aa42-466c-9c01-fed23315a9b7")

// Bundle returns the STIX 2.1 bundle of r: identities for the owners,
// the claimed organisation, the seller (Options.Seller) and proofpack;
// the claim as a report whose objects are the claimed organisation and
// the files, and the verdict as an opinion on it; a note per piece of
// decisive evidence; a file observable per item and for the package,
// archives listing their members (archive-ext); every object marked
// with one TLP 2.0 marking. Ids are UUIDv5 of the objects' content and
// times come from the report or the options, so that one report gives
// the same bundle byte for byte.
func Bundle(r *evidence.Report, opt Options) (*BundleObject, error) {
	b, err := newBuilder(r, opt)
	if err != nil {
		return nil, err
	}
	return b.build(), nil
}

// Write writes the bundle of r (see Bundle) to w as indented JSON.
func Write(w io.Writer, r *evidence.Report, opt Options) error {
	bundle, err := Bundle(r, opt)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(bundle)
}

type builder struct {
	r        *evidence.Report
	opt      Options
	meta     exportfacts.Meta
	created  string
	marking  *MarkingDefinition
	producer string

	objects []Object
	seen    map[string]bool
	files   map[string]string // item path → file id
}

func newBuilder(r *evidence.Report, opt Options) (*builder, error) {
	b := &builder{r: r, opt: opt, meta: exportfacts.ReportMeta(r), seen: map[string]bool{}, files: map[string]string{}}
	level := opt.TLP
	if level == "" {
		level = b.meta.TLP
	}
	if level == "" {
		level = exportfacts.DefaultTLP
	}
	m, err := tlpMarking(level)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrOptions, err)
	}
	b.marking = m
	created := opt.Created
	if created.IsZero() {
		created = b.meta.TriagedAt
	}
	if created.IsZero() {
		return nil, fmt.Errorf("%w: the report has no triaged_at: set Options.Created", ErrOptions)
	}
	b.created = stamp(created)
	if b.opt.MaxNotes <= 0 {
		b.opt.MaxNotes = DefaultMaxNotes
	}
	return b, nil
}

// stamp formats t as STIX timestamps are written: UTC, milliseconds, Z.
func stamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

func (b *builder) id(typ string, parts ...string) string {
	return typ + "--" + exportfacts.ID(append([]string{typ}, parts...)...).String()
}

// common returns the properties of a domain object of type typ.
func (b *builder) common(typ, id string) Common {
	return Common{
		Type: typ, SpecVersion: SpecVersion, ID: id,
		CreatedByRef: b.producer, Created: b.created, Modified: b.created,
		ObjectMarkingRefs: []string{b.marking.ID},
	}
}

func (b *builder) add(o Object) {
	if b.seen[o.STIXID()] {
		return
	}
	b.seen[o.STIXID()] = true
	b.objects = append(b.objects, o)
}

func (b *builder) build() *BundleObject {
	r := b.r
	b.add(b.marking)
	b.producer = b.id("identity", "system", producerName)
	producer := &Identity{Common: b.common("identity", b.producer), Name: producerName, IdentityClass: "system",
		Description: strings.TrimSpace(fmt.Sprintf("proofpack %s, which triaged the proof pack and judged the claim", exportfacts.Clean(r.Tool.Version)))}
	b.add(producer)

	// Organisations: owners, then the claimed one; one identity each,
	// whose description gives every role it has here.
	type org struct {
		ident *Identity
		roles []string
	}
	var orgs []*org
	byID := map[string]*org{}
	orgIdentity := func(key, name, role string) string {
		var id string
		if key != "" {
			id = b.id("identity", "organization", key)
		} else {
			id = b.id("identity", "organization-name", name)
		}
		o := byID[id]
		if o == nil {
			o = &org{ident: &Identity{Common: b.common("identity", id), Name: exportfacts.Clean(name), IdentityClass: "organization"}}
			byID[id] = o
			orgs = append(orgs, o)
		}
		o.roles = append(o.roles, role)
		return id
	}
	owners := exportfacts.Owners(r)
	ownerIDs := map[string]string{}
	for i, key := range owners {
		role := "Owner of the data"
		if i > 0 {
			role = "Second owner of the data"
		}
		if o, ok := exportfacts.Owner(r, key); ok {
			role += fmt.Sprintf(" (custody evidence in %d items, confidence %.2f)", o.CustodyItems, o.Confidence)
		}
		ownerIDs[key] = orgIdentity(key, exportfacts.OrgName(r, key), role)
	}
	claimed, hasClaim := exportfacts.ClaimedOrg(r)
	var claimedID string
	if hasClaim {
		role := "Named by the seller's claim"
		if claimed.Key != "" {
			role += " (profile " + exportfacts.Clean(claimed.Key) + ")"
		}
		claimedID = orgIdentity(claimed.Key, claimed.Name, role)
	}
	for _, o := range orgs {
		o.ident.Description = strings.Join(o.roles, "; ") + "."
		b.add(o.ident)
	}
	var sellerID string
	if s := strings.TrimSpace(b.opt.Seller); s != "" {
		sellerID = b.id("identity", "seller", s)
		b.add(&Identity{Common: b.common("identity", sellerID), Name: exportfacts.Clean(s), IdentityClass: "unknown",
			Description: "The seller who published the proof pack and made the claim."})
	}

	files := b.fileObjects()

	var opinionID string
	if hasClaim {
		published := b.opt.ClaimDate
		if published.IsZero() {
			published = b.opt.Created
			if published.IsZero() {
				published = b.meta.TriagedAt
			}
		}
		pkgKey := r.Package.SHA256
		if pkgKey == "" {
			pkgKey = exportfacts.Clean(r.Package.Name)
		}
		reportID := b.id("report", pkgKey, claimedID, sellerID, stamp(published))
		refs := []string{claimedID}
		if sellerID != "" {
			refs = append(refs, sellerID)
		}
		refs = append(refs, files...)
		who := "The seller"
		if sellerID != "" {
			who = "The seller " + exportfacts.Clean(strings.TrimSpace(b.opt.Seller))
		}
		rep := &Report{Common: b.common("report", reportID),
			Name: "Claim: " + claimed.Name + " data",
			Description: fmt.Sprintf("%s claims that the proof pack %s%s holds data of %s%s.", who,
				exportfacts.Clean(r.Package.Name), hashPhrase(r.Package.SHA256), claimed.Name, typedPhrase(claimed)),
			ReportTypes: []string{"threat-report"},
			Published:   stamp(published),
			ObjectRefs:  refs,
		}
		if b.meta.CaseID != "" {
			ref := ExternalReference{SourceName: "case", ExternalID: exportfacts.Clean(b.meta.CaseID)}
			if b.meta.Analyst != "" {
				ref.Description = "analyst: " + exportfacts.Clean(b.meta.Analyst)
			}
			rep.ExternalReferences = []ExternalReference{ref}
			rep.Labels = []string{"case:" + exportfacts.Clean(b.meta.CaseID)}
		}
		b.add(rep)

		opinionID = b.id("opinion", reportID, string(r.Claim.Verdict), r.Claim.Owner, exportfacts.Clean(r.Claim.Reason))
		op := &Opinion{Common: b.common("opinion", opinionID),
			Explanation: exportfacts.Clean(r.Claim.Reason),
			Authors:     b.authors(),
			Opinion:     OpinionOf(r),
			ObjectRefs:  []string{reportID},
		}
		if p, ok := exportfacts.VerdictConfidence(r); ok {
			c := exportfacts.Percent(p)
			op.Confidence = &c
		}
		b.add(op)
	}

	for _, key := range owners {
		o, ok := exportfacts.Owner(r, key)
		if !ok {
			continue
		}
		for _, e := range exportfacts.Decisive(o, b.opt.MaxNotes) {
			b.add(b.note(o, e, ownerIDs[key], opinionID))
		}
	}

	ids := make([]string, len(b.objects))
	for i, o := range b.objects {
		ids[i] = o.STIXID()
	}
	return &BundleObject{Type: "bundle", ID: b.id("bundle", ids...), Objects: b.objects}
}

// OpinionOf returns the STIX opinion that the verdict of r takes of the
// claim: contradicted is disagree, strongly-disagree when the verdict's
// confidence is at least 0.9; supported is agree or strongly-agree
// alike; inconclusive (or no verdict) is neutral.
func OpinionOf(r *evidence.Report) string {
	p, ok := exportfacts.VerdictConfidence(r)
	strong := ok && p >= exportfacts.StrongConfidence
	switch r.Claim.Verdict {
	case evidence.VerdictContradicted:
		if strong {
			return StronglyDisagree
		}
		return Disagree
	case evidence.VerdictSupported:
		if strong {
			return StronglyAgree
		}
		return Agree
	}
	return Neutral
}

func (b *builder) authors() []string {
	a := []string{strings.TrimSpace(producerName + " " + exportfacts.Clean(b.r.Tool.Version))}
	if b.meta.Analyst != "" {
		a = append(a, exportfacts.Clean(b.meta.Analyst))
	}
	return a
}

// typedPhrase quotes the claim as typed when it is not the name the
// claimed organisation's profile gives.
func typedPhrase(c exportfacts.Claimed) string {
	if c.Typed == "" || c.Typed == c.Name {
		return ""
	}
	return fmt.Sprintf(" (claimed as %q)", c.Typed)
}

func hashPhrase(sha256 string) string {
	if sha256 == "" {
		return ""
	}
	return " (SHA-256 " + sha256 + ")"
}

// note is the note of one piece of evidence for owner o.
func (b *builder) note(o evidence.Owner, e evidence.Evidence, ownerID, opinionID string) *Note {
	item := exportfacts.Clean(e.Item)
	match := exportfacts.Clean(e.Match)
	id := b.id("note", o.Org, item, e.Signal, e.Role, match, fmt.Sprintf("%g", e.Weight))
	refs := []string{}
	if f, ok := b.files[e.Item]; ok {
		refs = append(refs, f)
	}
	refs = append(refs, ownerID)
	if opinionID != "" {
		refs = append(refs, opinionID)
	}
	name := exportfacts.Clean(o.Name)
	if name == "" {
		name = o.Org
	}
	return &Note{Common: b.common("note", id),
		Abstract: fmt.Sprintf("%s evidence for %s: %s", e.Role, name, e.Signal),
		Content: fmt.Sprintf("%s evidence that %s (%s) held the data: signal %s matched %q in %s (weight %g).",
			e.Role, name, o.Org, e.Signal, match, item, e.Weight),
		Authors:    b.authors(),
		ObjectRefs: refs,
	}
}

// fileObjects adds the file observables of the package and its items,
// members before the archive that lists them, and returns their ids in
// the items' walk order, the package first.
func (b *builder) fileObjects() []string {
	r := b.r
	items := make([]*evidence.Item, len(r.Items))
	for i := range r.Items {
		items[i] = &r.Items[i]
	}
	// Items handed on one by one come in the order they were finished;
	// Index restores the walk order (all zero in a report read back from
	// JSON, whose order is the walk's already).
	slices.SortStableFunc(items, func(x, y *evidence.Item) int { return x.Index - y.Index })

	byPath := make(map[string]*evidence.Item, len(items))
	members := map[string][]*evidence.Item{} // parent path ("" for the package) → members
	for _, it := range items {
		if _, dup := byPath[it.Path]; dup {
			continue
		}
		byPath[it.Path] = it
		p := exportfacts.Parent(r.Package.Name, it.Path)
		if p != "" {
			if _, ok := byPath[p]; !ok && !strings.HasPrefix(p, r.Package.Name+"!/") {
				p = "" // a path outside the package's: list it at the top
			}
		}
		members[p] = append(members[p], it)
	}

	var fileOf func(it *evidence.Item, depth int) string
	fileOf = func(it *evidence.Item, depth int) string {
		if id, ok := b.files[it.Path]; ok {
			return id
		}
		var contains []string
		if depth < len(items) { // paths shorten at each step: a bound, never reached
			kids := members[it.Path]
			if len(kids) == 0 && it.DuplicateOf != "" {
				kids = members[it.DuplicateOf] // a duplicate archive holds the first's members
			}
			for _, k := range kids {
				contains = append(contains, fileOf(k, depth+1))
			}
		}
		f := b.file(exportfacts.Base(it.Path), it.Complete, it.MD5, it.SHA1, it.SHA256, it.Size, it.MIME, it.Modified, contains, it.Container, it.Kind)
		if f.Name == "" && f.Hashes == nil {
			f = b.file(exportfacts.Clean(it.Path), false, "", "", "", it.Size, it.MIME, it.Modified, contains, it.Container, it.Kind)
		}
		b.files[it.Path] = f.ID
		b.add(f)
		return f.ID
	}

	var ids []string
	if r.Package.Format != "" || len(items) == 0 {
		var contains []string
		for _, it := range members[""] {
			contains = append(contains, fileOf(it, 1))
		}
		p := r.Package
		f := b.file(exportfacts.Base(exportfacts.Clean(p.Name)), p.SHA256 != "", p.MD5, p.SHA1, p.SHA256, p.Size, p.MIME, "", contains, "", "archive")
		b.add(f)
		ids = append(ids, f.ID)
	}
	for _, it := range items {
		ids = append(ids, fileOf(it, 1))
	}
	return uniq(ids)
}

// file returns a file observable; its id is STIX's deterministic id of
// a file: the UUIDv5, in STIX's namespace, of the canonical JSON of its
// id contributing properties (one hash, MD5 first, as STIX orders them;
// name; extensions).
func (b *builder) file(name string, hashed bool, md5, sha1, sha256 string, size int64, mime, modified string, contains []string, container, kind string) *File {
	f := &File{Common: Common{Type: "file", SpecVersion: SpecVersion, ObjectMarkingRefs: []string{b.marking.ID}},
		Name: exportfacts.Clean(name), MimeType: mimeType(mime)}
	if size >= 0 {
		s := size
		f.Size = &s
	}
	if t, ok := exportfacts.UTC(modified); ok {
		f.Mtime = stamp(t)
	}
	contrib := map[string]any{}
	if hashed {
		f.Hashes = map[string]string{}
		for _, h := range []struct{ name, v string }{{"MD5", md5}, {"SHA-1", sha1}, {"SHA-256", sha256}} {
			if h.v != "" {
				f.Hashes[h.name] = h.v
				if contrib["hashes"] == nil {
					contrib["hashes"] = map[string]any{h.name: h.v}
				}
			}
		}
		if len(f.Hashes) == 0 {
			f.Hashes = nil
		}
	}
	if f.Name != "" {
		contrib["name"] = f.Name
	}
	if len(contains) > 0 {
		contains = uniq(contains)
		comment := "archive"
		if kind != "archive" {
			comment = "files embedded in it (" + kind + ")"
		}
		f.Extensions = &FileExtensions{Archive: &ArchiveExt{ContainsRefs: contains, Comment: comment}}
		refs := make([]any, len(contains))
		for i, c := range contains {
			refs[i] = c
		}
		contrib["extensions"] = map[string]any{"archive-ext": map[string]any{"contains_refs": refs, "comment": comment}}
	}
	var sb strings.Builder
	canonical(&sb, contrib)
	f.ID = "file--" + uuid.NewSHA1(scoNamespace, []byte(sb.String())).String()
	return f
}

// mimeType keeps a MIME type only when it has the type/subtype shape.
func mimeType(m string) string {
	if i := strings.IndexByte(m, '/'); i <= 0 || i == len(m)-1 || strings.ContainsAny(m, " \t\r\n\"") {
		return ""
	}
	return m
}

func uniq(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
