package misp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/exportfacts"
)

// Options are the choices of an export. The zero value works for a report
// that records when it was made (Report.TriagedAt).
type Options struct {
	// TLP is the TLP 2.0 level of the event's tlp tag: CLEAR, GREEN,
	// AMBER, AMBER+STRICT or RED (any case; WHITE is CLEAR). Empty takes
	// the report's (Report.Case.TLP), then AMBER.
	TLP string
	// Seller is the name the seller goes by (the post's
	// ransomware-group); empty leaves it out.
	Seller string
	// Created is the time of the event and of everything in it; zero
	// takes the report's triage time (Report.TriagedAt). A report
	// without one needs it: Event returns an error wrapping ErrOptions.
	Created time.Time
	// ClaimDate is when the seller published the claim: the post's
	// date-published and the event's date. Zero leaves the post undated
	// and dates the event by Created.
	ClaimDate time.Time
	// Distribution is the event's MISP distribution: 0 your
	// organisation only (the default), 1 this community, 2 connected
	// communities, 3 all communities.
	Distribution int
	// ThreatLevel is the event's threat_level_id: 1 high, 2 medium, 3
	// low, 4 undefined; zero takes 2 when the report names an owner (a
	// real organisation's data is out) and 4 otherwise.
	ThreatLevel int
}

// ErrOptions is wrapped by the errors of options Event cannot use.
var ErrOptions = errors.New("misp: options")

// Document is what MISP imports: {"Event": {…}}.
type Document struct {
	Event Event `json:"Event"`
}

// Event is a MISP event, in the MISP core format.
type Event struct {
	UUID          string   `json:"uuid"`
	Info          string   `json:"info"`
	Date          string   `json:"date"`
	Timestamp     string   `json:"timestamp"`
	Published     bool     `json:"published"`
	ThreatLevelID string   `json:"threat_level_id"`
	Analysis      string   `json:"analysis"`
	Distribution  string   `json:"distribution"`
	Tag           []Tag    `json:"Tag"`
	Attribute     []Attr   `json:"Attribute"`
	Object        []Object `json:"Object"`
}

// Tag is a tag of the event: a taxonomy's machine tag.
type Tag struct {
	Name string `json:"name"`
}

// Object is a MISP object: attributes made after one template of the
// MISP object templates (misp-objects), and its references to other
// objects of the event.
type Object struct {
	UUID            string      `json:"uuid"`
	Name            string      `json:"name"`
	MetaCategory    string      `json:"meta-category"`
	Description     string      `json:"description"`
	TemplateUUID    string      `json:"template_uuid"`
	TemplateVersion string      `json:"template_version"`
	Timestamp       string      `json:"timestamp"`
	Distribution    string      `json:"distribution"`
	SharingGroupID  string      `json:"sharing_group_id"`
	Comment         string      `json:"comment"`
	Deleted         bool        `json:"deleted"`
	Attribute       []Attr      `json:"Attribute"`
	ObjectReference []Reference `json:"ObjectReference"`
}

// Attr is a MISP attribute; in an object, ObjectRelation names its place
// in the template.
type Attr struct {
	UUID               string `json:"uuid"`
	Type               string `json:"type"`
	Category           string `json:"category"`
	ObjectRelation     string `json:"object_relation,omitempty"`
	Value              string `json:"value"`
	ToIDS              bool   `json:"to_ids"`
	DisableCorrelation bool   `json:"disable_correlation"`
	Distribution       string `json:"distribution"`
	Timestamp          string `json:"timestamp"`
	Comment            string `json:"comment"`
}

// Reference links one object to another: relationship_type is one of
// MISP's relationships (belongs-to, mentions, contains, annotates).
type Reference struct {
	UUID             string `json:"uuid"`
	ObjectUUID       string `json:"object_uuid"`
	ReferencedUUID   string `json:"referenced_uuid"`
	RelationshipType string `json:"relationship_type"`
	Timestamp        string `json:"timestamp"`
	Comment          string `json:"comment"`
}

// MarshalJSON writes the event as MISP exports it: its object and
// attribute lists never null.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	p := plain(e)
	if p.Tag == nil {
		p.Tag = []Tag{}
	}
	if p.Attribute == nil {
		p.Attribute = []Attr{}
	}
	if p.Object == nil {
		p.Object = []Object{}
	}
	for i := range p.Object {
		if p.Object[i].ObjectReference == nil {
			p.Object[i].ObjectReference = []Reference{}
		}
	}
	return json.Marshal(p)
}

// NewEvent returns the MISP event of r: a ransomware-group-post object
// for the seller's claim; victim objects for the owner(s) and the
// claimed organisation; a file object per item and for the package,
// which belongs-to the owner whose evidence it holds, mentions the
// claimed organisation where the file does, and contains the members
// of an archive; an annotation with the verdict and its reason; tags for
// the TLP and in estimative language. Uuids are UUIDv5 of the objects'
// content and times come from the report or the options, so that one
// report gives the same event byte for byte.
func NewEvent(r *evidence.Report, opt Options) (*Document, error) {
	b, err := newBuilder(r, opt)
	if err != nil {
		return nil, err
	}
	return &Document{Event: b.build()}, nil
}

// Write writes the event of r (see NewEvent) to w as indented JSON.
func Write(w io.Writer, r *evidence.Report, opt Options) error {
	doc, err := NewEvent(r, opt)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

type builder struct {
	r       *evidence.Report
	opt     Options
	meta    exportfacts.Meta
	tlp     string
	created time.Time
	ts      string
	event   string // the event's uuid
}

func newBuilder(r *evidence.Report, opt Options) (*builder, error) {
	b := &builder{r: r, opt: opt, meta: exportfacts.ReportMeta(r)}
	level := opt.TLP
	if level == "" {
		level = b.meta.TLP
	}
	if level == "" {
		level = exportfacts.DefaultTLP
	}
	l, err := exportfacts.ParseTLP(level)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrOptions, err)
	}
	b.tlp = l
	b.created = opt.Created
	if b.created.IsZero() {
		b.created = b.meta.TriagedAt
	}
	if b.created.IsZero() {
		return nil, fmt.Errorf("%w: the report has no triaged_at: set Options.Created", ErrOptions)
	}
	b.created = b.created.UTC()
	b.ts = strconv.FormatInt(b.created.Unix(), 10)
	if opt.Distribution < 0 || opt.Distribution > 3 {
		return nil, fmt.Errorf("%w: distribution %d is not 0 to 3", ErrOptions, opt.Distribution)
	}
	if opt.ThreatLevel < 0 || opt.ThreatLevel > 4 {
		return nil, fmt.Errorf("%w: threat level %d is not 1 to 4", ErrOptions, opt.ThreatLevel)
	}
	return b, nil
}

func (b *builder) uuid(parts ...string) string {
	return exportfacts.ID(append([]string{"misp", b.event}, parts...)...).String()
}

// datetime formats t as MISP datetime attributes are written.
func datetime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func (b *builder) build() Event {
	r := b.r
	pkgKey := r.Package.SHA256
	if pkgKey == "" {
		pkgKey = exportfacts.Clean(r.Package.Name)
	}
	claimed, hasClaim := exportfacts.ClaimedOrg(r)
	b.event = exportfacts.ID("misp-event", pkgKey, claimed.Key, claimed.Name, strings.TrimSpace(b.opt.Seller)).String()

	date := b.created
	if !b.opt.ClaimDate.IsZero() {
		date = b.opt.ClaimDate.UTC()
	}
	owners := exportfacts.Owners(r)
	threat := b.opt.ThreatLevel
	if threat == 0 {
		threat = 4
		if len(owners) > 0 {
			threat = 2
		}
	}
	analysis := "1" // ongoing: an analyst reviews what the triage could not decide
	if r.Claim.Verdict == evidence.VerdictSupported || r.Claim.Verdict == evidence.VerdictContradicted {
		analysis = "2"
	}
	ev := Event{
		UUID:          b.event,
		Info:          b.info(claimed, hasClaim, owners),
		Date:          date.Format(time.DateOnly),
		Timestamp:     b.ts,
		ThreatLevelID: strconv.Itoa(threat),
		Analysis:      analysis,
		Distribution:  strconv.Itoa(b.opt.Distribution),
		Tag:           b.tags(hasClaim, claimed),
	}

	// Victims: the owners, then the claimed organisation (one object
	// when it is the owner).
	victims := map[string]*Object{} // org key or name → victim
	var victimOrder []string
	victim := func(key, name, role string) *Object {
		k := key
		if k == "" {
			k = "name:" + name
		}
		if v := victims[k]; v != nil {
			v.Attribute[2].Value += "; " + role
			return v
		}
		v := b.object(templateVictim, "victim", k)
		v.Attribute = []Attr{
			b.attr(v, "name", "target-org", exportfacts.Clean(name), false),
			b.attr(v, "classification", "text", "organization", true),
			b.attr(v, "description", "text", role, false),
		}
		victims[k] = v
		victimOrder = append(victimOrder, k)
		return v
	}
	ownerVictim := map[string]*Object{}
	for i, key := range owners {
		role := "Owner of the data"
		if i > 0 {
			role = "Second owner of the data"
		}
		if o, ok := exportfacts.Owner(r, key); ok {
			role += fmt.Sprintf(" (custody evidence in %d items, confidence %.2f; profile %s)", o.CustodyItems, o.Confidence, exportfacts.Clean(key))
		}
		ownerVictim[key] = victim(key, exportfacts.OrgName(r, key), role)
	}
	var claimedVictim *Object
	if hasClaim {
		role := "Named by the seller's claim"
		if r.Claim.Relation != "" {
			role += " (relation to the owner: " + r.Claim.Relation + ")"
		}
		claimedVictim = victim(claimed.Key, claimed.Name, role)
	}

	var post *Object
	if hasClaim {
		post = b.object(templatePost, "ransomware-group-post", "claim")
		who := "The seller"
		if s := strings.TrimSpace(b.opt.Seller); s != "" {
			who += " " + exportfacts.Clean(s)
		}
		post.Attribute = []Attr{
			b.attr(post, "title", "text", "Claim: "+claimed.Name+" data", false),
			b.attr(post, "description", "text", fmt.Sprintf("%s claims that the proof pack %s%s holds data of %s%s.",
				who, exportfacts.Clean(r.Package.Name), hashPhrase(r.Package.SHA256), claimed.Name, typedPhrase(claimed)), false),
			b.attr(post, "entity-name", "text", claimed.Name, false),
		}
		if !b.opt.ClaimDate.IsZero() {
			post.Attribute = append(post.Attribute, b.attr(post, "date-published", "datetime", datetime(b.opt.ClaimDate), true))
		}
		if s := strings.TrimSpace(b.opt.Seller); s != "" {
			post.Attribute = append(post.Attribute, b.attr(post, "ransomware-group", "text", exportfacts.Clean(s), true))
		}
		post.ObjectReference = append(post.ObjectReference, b.ref(post, claimedVictim, "mentions", "the organisation the seller names"))
	}

	files := b.files(owners, ownerVictim, claimed, claimedVictim)

	var objects []Object
	if post != nil {
		objects = append(objects, *post)
	}
	for _, k := range victimOrder {
		objects = append(objects, *victims[k])
	}
	if hasClaim {
		ann := b.object(templateAnnotation, "annotation", "verdict")
		text := fmt.Sprintf("Verdict on the claim: %s. %s", r.Claim.Verdict, exportfacts.Clean(r.Claim.Reason))
		if r.Claim.Verdict == "" {
			text = exportfacts.Clean(r.Claim.Reason)
		}
		ann.Attribute = []Attr{
			b.attr(ann, "text", "text", text, false),
			b.attr(ann, "type", "text", "Conclusion", true),
			b.attr(ann, "format", "text", "text", true),
			b.attr(ann, "creation-date", "datetime", datetime(b.created), false),
		}
		ann.ObjectReference = append(ann.ObjectReference, b.ref(ann, post, "annotates", "the verdict on the claim"))
		objects = append(objects, *ann)
	}
	objects = append(objects, files...)
	ev.Object = objects
	return ev
}

func (b *builder) info(c exportfacts.Claimed, hasClaim bool, owners []string) string {
	r := b.r
	s := "Proof pack " + exportfacts.Clean(r.Package.Name)
	if hasClaim {
		s += fmt.Sprintf(": claim of %s data %s", c.Name, r.Claim.Verdict)
	}
	if len(owners) > 0 {
		s += "; the data belongs to " + exportfacts.OrgName(r, owners[0])
	}
	if b.meta.CaseID != "" {
		s += " (case " + exportfacts.Clean(b.meta.CaseID) + ")"
	}
	return s
}

// tags are the event's: its TLP, the likelihood that the claim is true
// and the confidence in the verdict, in estimative language (ICD 203).
func (b *builder) tags(hasClaim bool, c exportfacts.Claimed) []Tag {
	tags := []Tag{{Name: "tlp:" + strings.ToLower(b.tlp)}}
	if !hasClaim {
		return tags
	}
	if c.Key != "" {
		tags = append(tags, Tag{Name: `estimative-language:likelihood-probability="` + Likelihood(exportfacts.ClaimLikelihood(b.r)) + `"`})
	}
	conf := "low"
	if p, ok := exportfacts.VerdictConfidence(b.r); ok {
		switch {
		case p >= exportfacts.StrongConfidence:
			conf = "high"
		case p >= 0.7:
			conf = "moderate"
		}
	}
	tags = append(tags, Tag{Name: `estimative-language:confidence-in-analytic-judgment="` + conf + `"`})
	return tags
}

// Likelihood names a probability (0 to 1) in the estimative language of
// ICD 203, as the MISP taxonomy estimative-language spells it: below
// 0.05 almost-no-chance, then very-unlikely (to 0.20), unlikely (0.45),
// roughly-even-chance (0.55), likely (0.80), very-likely (0.95),
// almost-certain.
func Likelihood(p float64) string {
	switch {
	case p < 0.05:
		return "almost-no-chance"
	case p < 0.20:
		return "very-unlikely"
	case p < 0.45:
		return "unlikely"
	case p <= 0.55:
		return "roughly-even-chance"
	case p < 0.80:
		return "likely"
	case p < 0.95:
		return "very-likely"
	}
	return "almost-certain"
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

// object starts an object of template t; key makes its uuid.
func (b *builder) object(t template, name, key string) *Object {
	return &Object{
		UUID: b.uuid("object", name, key), Name: name, MetaCategory: t.metaCategory, Description: t.description,
		TemplateUUID: t.uuid, TemplateVersion: strconv.Itoa(t.version), Timestamp: b.ts,
		Distribution: "5", SharingGroupID: "0",
	}
}

// attr returns an attribute of o; the category is the default of its
// MISP type.
func (b *builder) attr(o *Object, relation, typ, value string, noCorrelation bool) Attr {
	n := 0
	for _, a := range o.Attribute {
		if a.ObjectRelation == relation {
			n++
		}
	}
	return Attr{
		UUID: b.uuid("attribute", o.UUID, relation, strconv.Itoa(n), value),
		Type: typ, Category: categories[typ], ObjectRelation: relation, Value: value,
		DisableCorrelation: noCorrelation, Distribution: "5", Timestamp: b.ts,
	}
}

func (b *builder) ref(from, to *Object, rel, comment string) Reference {
	return Reference{
		UUID: b.uuid("reference", from.UUID, to.UUID, rel), ObjectUUID: from.UUID, ReferencedUUID: to.UUID,
		RelationshipType: rel, Timestamp: b.ts, Comment: comment,
	}
}

// categories is the default category of each MISP attribute type used
// here (MISP's type definitions).
var categories = map[string]string{
	"text":          "Other",
	"datetime":      "Other",
	"size-in-bytes": "Other",
	"target-org":    "Targeting data",
	"filename":      "Payload delivery",
	"md5":           "Payload delivery",
	"sha1":          "Payload delivery",
	"sha256":        "Payload delivery",
	"mime-type":     "Artifacts dropped",
}

// files returns the file objects of the package and its items, the
// package first, then the items in walk order.
func (b *builder) files(owners []string, ownerVictim map[string]*Object, claimed exportfacts.Claimed, claimedVictim *Object) []Object {
	r := b.r
	items := make([]*evidence.Item, len(r.Items))
	for i := range r.Items {
		items[i] = &r.Items[i]
	}
	slices.SortStableFunc(items, func(x, y *evidence.Item) int { return x.Index - y.Index })

	// Which owners hold evidence of custody or authorship on an item,
	// and which items mention the claimed organisation.
	held := map[string][]string{}
	for _, key := range owners {
		o, _ := exportfacts.Owner(r, key)
		for _, e := range o.Evidence {
			if (e.Role == "custody" || e.Role == "authorship") && !slices.Contains(held[e.Item], key) {
				held[e.Item] = append(held[e.Item], key)
			}
		}
	}
	mentions := map[string]bool{}
	if claimedVictim != nil && claimed.Key != "" {
		if co, ok := exportfacts.Owner(r, claimed.Key); ok {
			for _, e := range co.Evidence {
				if e.Role == "mention" {
					mentions[e.Item] = true
				}
			}
		}
	}

	var out []Object
	index := map[string]int{} // item path → place in out
	fileObject := func(key, path, name string, complete bool, md5, sha1, sha256 string, size int64, mime string) *Object {
		f := b.object(templateFile, "file", key)
		f.Attribute = append(f.Attribute, b.attr(f, "filename", "filename", exportfacts.Clean(name), true))
		if path != "" {
			f.Attribute = append(f.Attribute, b.attr(f, "fullpath", "text", exportfacts.Clean(path), false))
		}
		if complete {
			for _, h := range []struct{ rel, v string }{{"sha256", sha256}, {"sha1", sha1}, {"md5", md5}} {
				if h.v != "" {
					f.Attribute = append(f.Attribute, b.attr(f, h.rel, h.rel, h.v, false))
				}
			}
		}
		if size >= 0 {
			f.Attribute = append(f.Attribute, b.attr(f, "size-in-bytes", "size-in-bytes", strconv.FormatInt(size, 10), true))
		}
		if mime != "" {
			f.Attribute = append(f.Attribute, b.attr(f, "mimetype", "mime-type", exportfacts.Clean(mime), true))
		}
		return f
	}

	p := r.Package
	hasPkg := p.Format != "" || len(items) == 0 // a lone file is its own only item
	if hasPkg {
		pkg := fileObject("package", "", exportfacts.Base(p.Name), p.SHA256 != "", p.MD5, p.SHA1, p.SHA256, p.Size, p.MIME)
		out = append(out, *pkg)
	}
	for _, it := range items {
		if _, dup := index[it.Path]; dup {
			continue
		}
		f := fileObject("item "+it.Path, it.Path, exportfacts.Base(it.Path), it.Complete, it.MD5, it.SHA1, it.SHA256, it.Size, it.MIME)
		holders := held[it.Path]
		if len(holders) == 0 && len(owners) == 1 {
			holders = owners // one victim: the pack is its data
		}
		for _, key := range holders {
			f.ObjectReference = append(f.ObjectReference, b.ref(f, ownerVictim[key], "belongs-to", "custody or authorship evidence, or the pack's one owner"))
		}
		if mentions[it.Path] {
			f.ObjectReference = append(f.ObjectReference, b.ref(f, claimedVictim, "mentions", "the file names the claimed organisation"))
		}
		index[it.Path] = len(out)
		out = append(out, *f)
	}
	// Nesting: each container contains its members.
	for _, it := range items {
		i, ok := index[it.Path]
		if !ok {
			continue
		}
		parent := exportfacts.Parent(p.Name, it.Path)
		j := 0 // the package
		if parent == "" && !hasPkg {
			continue
		}
		if parent != "" {
			pj, ok := index[parent]
			if !ok {
				continue
			}
			j = pj
		}
		member := out[i]
		out[j].ObjectReference = append(out[j].ObjectReference, b.ref(&out[j], &member, "contains", ""))
	}
	return out
}
