package fingerprint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ErrProfile is wrapped by every error about an organisation profile: a
// file that cannot be read or parsed, or a catalogue that fails
// validation.
var ErrProfile = errors.New("invalid organisation profile")

// MaxProfileBytes bounds the size of a profile file that Load reads: the
// embedded catalogue is a few kilobytes and a large organisation list a
// few hundred.
const MaxProfileBytes = 8 << 20

// MaxOrgs bounds the number of organisations in one catalogue.
const MaxOrgs = 100000

// Org is one organisation of a catalogue.
type Org struct {
	// ID is the organisation's key in reports: lower-case ASCII letters,
	// digits, '-', '_' and '.', starting with a letter or digit.
	ID string `json:"id" yaml:"id"`
	// Name is the organisation's name as it presents itself.
	Name string `json:"name" yaml:"name"`
	// Aliases are other names it is written as, in any script.
	Aliases []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	// Domains are its registrable domains or subdomains of them, in lower
	// case; each covers its subdomains.
	Domains []string `json:"domains,omitempty" yaml:"domains,omitempty"`
	// Parent is the id of the parent organisation for a subsidiary.
	Parent string `json:"parent,omitempty" yaml:"parent,omitempty"`
	// Hosts are names of the organisation's internal machines and
	// networks that its public domains do not show: an internal domain
	// ("toray.local", covering its subdomains), a machine ("tsap01"), or
	// a prefix of a machine's first label ending in '*' ("tfs*" matches
	// tfs01 and tfs01.corp.example). A host in a UNC path, URL or text
	// that matches is custody evidence (see Attribute). At most
	// MaxProfileHosts per organisation.
	Hosts []string `json:"hosts,omitempty" yaml:"hosts,omitempty"`
	// Identifiers are patterns of identifiers only the organisation's own
	// systems show: ERP company codes, internal ticket keys, asset tags.
	// A pattern is a literal of at least MinIdentifierLiteral characters,
	// optionally ending in '#' (one or more digits follow) or '*' (one or
	// more letters or digits follow): "TRY-#" matches TRY-1234, "BUKRS
	// T100" matches itself. Matching is case-sensitive, at word
	// boundaries. At most MaxProfileIdentifiers per organisation.
	Identifiers []string `json:"identifiers,omitempty" yaml:"identifiers,omitempty"`
}

// Bounds of the optional profile fields, so that a hostile or careless
// profile cannot make every text expensive to scan.
const (
	// MaxProfileHosts bounds Org.Hosts.
	MaxProfileHosts = 64
	// MaxProfileIdentifiers bounds Org.Identifiers.
	MaxProfileIdentifiers = 64
	// MinIdentifierLiteral is the shortest literal part of an identifier
	// pattern: shorter ones ("T-#") match everyone's documents.
	MinIdentifierLiteral = 3
	// MaxIdentifierLiteral is the longest literal part.
	MaxIdentifierLiteral = 64
)

// ProfileError is one problem found in a profile, with its place.
type ProfileError struct {
	// Source is the file name ("profiles.yaml"), or "" for organisations
	// built in code.
	Source string
	// Line is the 1-based line, or 0 when unknown.
	Line int
	// Msg says what is wrong.
	Msg string
}

// Error returns "source:line: msg".
func (e *ProfileError) Error() string {
	switch {
	case e.Source != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Msg)
	case e.Source != "":
		return e.Source + ": " + e.Msg
	}
	return e.Msg
}

// Unwrap returns ErrProfile.
func (e *ProfileError) Unwrap() error { return ErrProfile }

// entry is an Org with the place each of its parts was read from.
type entry struct {
	org         Org
	src         string
	line        int
	parentLine  int
	aliasLines  []int
	domainLines []int
	hostLines   []int
	idLines     []int
}

func (e *entry) lineOf(lines []int, i int) int {
	if i < len(lines) && lines[i] > 0 {
		return lines[i]
	}
	return e.line
}

// Catalogue is a validated set of organisations with lookups by id,
// domain and name. It is immutable and safe for concurrent use.
type Catalogue struct {
	entries  []entry
	byID     map[string]int
	byDomain map[string]int // domain → index of its owner
	byName   map[string]int // NormalizeName(name or alias) → index
	// byHost holds the exact and suffix names of Org.Hosts, hostPrefix
	// the label prefixes ("tfs*" as "tfs"), byLabel the first label of
	// each listed domain that one organisation alone has ("toray" of
	// toray.co.jp), for claims written that way.
	byHost     map[string]int
	hostPrefix map[string]int
	byLabel    map[string]int
	// ids are the identifier patterns of every organisation, by their
	// first MinIdentifierLiteral bytes.
	ids map[string][]idPattern
	// domains are the keys of byDomain, sorted, for prefix look-ups.
	domains []string
}

// byDomainPrefix returns the organisation whose listed domains are the
// only ones that start with p ("toray-ind" of toray-ind.co.jp): a mail
// domain cut short. Several organisations, none, or a p that is a whole
// listed domain give false.
func (c *Catalogue) byDomainPrefix(p string) (int, bool) {
	i, _ := slices.BinarySearch(c.domains, p)
	idx := -1
	for ; i < len(c.domains) && strings.HasPrefix(c.domains[i], p); i++ {
		d := c.domains[i]
		if len(d) == len(p) {
			return 0, false
		}
		k := c.byDomain[d]
		if idx >= 0 && k != idx {
			return 0, false
		}
		idx = k
	}
	return idx, idx >= 0
}

// New validates orgs and returns their catalogue. Errors, all reported at
// once, wrap ErrProfile.
func New(orgs []Org) (*Catalogue, error) {
	es := make([]entry, len(orgs))
	for i, o := range orgs {
		es[i] = entry{org: o}
	}
	return build(es, false)
}

// Len returns the number of organisations.
func (c *Catalogue) Len() int { return len(c.entries) }

// Orgs returns the organisations in the order they were defined.
func (c *Catalogue) Orgs() []Org {
	out := make([]Org, len(c.entries))
	for i := range c.entries {
		out[i] = c.entries[i].org
	}
	return out
}

// ByID returns the organisation with the given id. The Org's slices are
// shared with the catalogue and must not be modified.
func (c *Catalogue) ByID(id string) (Org, bool) {
	if i, ok := c.byID[id]; ok {
		return c.entries[i].org, true
	}
	return Org{}, false
}

// ByDomain returns the organisation that owns host: the one that lists
// host itself or the nearest of its parent domains ("mail.jp.fujitsu.com"
// finds the owner of jp.fujitsu.com, else of fujitsu.com). host may carry
// upper case and a trailing dot.
func (c *Catalogue) ByDomain(host string) (Org, bool) {
	h := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(host), "."))
	for h != "" {
		if i, ok := c.byDomain[h]; ok {
			return c.entries[i].org, true
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			break
		}
		h = h[dot+1:]
	}
	return Org{}, false
}

// ByName returns the organisation whose name or alias has the same
// NormalizeName key as name: "ＴＯＲＡＹ", "東レ㈱" and "Toray Industries,
// Inc." all find Toray.
func (c *Catalogue) ByName(name string) (Org, bool) {
	if i, ok := c.byName[NormalizeName(name)]; ok {
		return c.entries[i].org, true
	}
	return Org{}, false
}

// Kinship is the catalogue relation of a claimed organisation to an
// owner: RelationSame when they are one, RelationSubsidiaryOfClaimed when
// the owner is a subsidiary of the claimed organisation (at any depth),
// RelationParentOfClaimed when it is the claimed organisation's parent
// (at any depth), and "" when the catalogue relates them in neither way.
func (c *Catalogue) Kinship(claimed, owner string) string {
	switch {
	case claimed == owner:
		return RelationSame
	case c == nil:
		return ""
	case slices.Contains(c.Ancestors(owner), claimed):
		return RelationSubsidiaryOfClaimed
	case slices.Contains(c.Ancestors(claimed), owner):
		return RelationParentOfClaimed
	}
	return ""
}

// Ancestors returns the ids of id's parent, its parent's parent and so on,
// nearest first; nil for a top-level or unknown organisation.
func (c *Catalogue) Ancestors(id string) []string {
	var out []string
	for i, ok := c.byID[id]; ok && len(out) < len(c.entries); {
		p := c.entries[i].org.Parent
		if p == "" {
			break
		}
		out = append(out, p)
		i, ok = c.byID[p]
	}
	return out
}

// isAncestor reports whether a is a strict ancestor of b (by index).
func (c *Catalogue) isAncestor(es []entry, byID map[string]int, a, b int) bool {
	for n := 0; n <= len(es); n++ {
		p := es[b].org.Parent
		if p == "" {
			return false
		}
		j, ok := byID[p]
		if !ok {
			return false
		}
		if j == a {
			return true
		}
		b = j
	}
	return false
}

// Load reads a catalogue in YAML, or JSON, of the form
//
//	organisations:
//	  - id: toray
//	    name: Toray Industries, Inc.
//	    aliases: [Toray, 東レ, 東レ株式会社]
//	    domains: [toray.co.jp, toray.com]
//	    parent: ""
//
// ("organizations" is accepted as the top-level key too), validates it and
// returns it. Unknown fields, YAML anchors and aliases, and more than one
// document are errors. Every problem is reported at once (errors.Join) as
// a *ProfileError with its line, "profiles.yaml:12: duplicate id "toray"
// (first at line 3)"; the file name is r's Name() when r has one (an
// *os.File), else "profiles". Load reads at most MaxProfileBytes.
func Load(r io.Reader) (*Catalogue, error) {
	src := "profiles"
	if n, ok := r.(interface{ Name() string }); ok && n.Name() != "" {
		src = n.Name()
	}
	return load(r, src)
}

// LoadFile opens path and calls Load.
func LoadFile(path string) (*Catalogue, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProfile, err)
	}
	defer f.Close()
	return Load(f)
}

// LoadExtension reads a profile document as Load does, to be added to a
// catalogue with Merge: a parent may then be an organisation the document
// does not hold, one of the catalogue it is merged into (a subsidiary
// added under a default organisation: parent: fujitsu). Merge checks the
// parents against the merged catalogue, and reports one that is in
// neither with this document's file and line. Used alone, the catalogue's
// Ancestors name such a parent but Lookup does not know it.
func LoadExtension(r io.Reader) (*Catalogue, error) {
	src := "profiles"
	if n, ok := r.(interface{ Name() string }); ok && n.Name() != "" {
		src = n.Name()
	}
	return loadAs(r, src, true)
}

// LoadExtensionFile opens path and calls LoadExtension.
func LoadExtensionFile(path string) (*Catalogue, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProfile, err)
	}
	defer f.Close()
	return LoadExtension(f)
}

func load(r io.Reader, src string) (*Catalogue, error) { return loadAs(r, src, false) }

// loadAs reads and validates a profile document; outsideParents lets a
// parent name an organisation the document does not hold (LoadExtension).
func loadAs(r io.Reader, src string, outsideParents bool) (*Catalogue, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxProfileBytes+1))
	if err != nil {
		return nil, &ProfileError{Source: src, Msg: fmt.Sprintf("read: %v", err)}
	}
	if len(data) > MaxProfileBytes {
		return nil, &ProfileError{Source: src, Msg: fmt.Sprintf("larger than %d bytes", MaxProfileBytes)}
	}
	es, err := parse(data, src)
	if err != nil {
		return nil, err
	}
	return build(es, outsideParents)
}

// parse reads the entries of a profile document with their lines.
func parse(data []byte, src string) (es []entry, err error) {
	defer func() {
		// The YAML parser is third-party code fed hostile input.
		if p := recover(); p != nil {
			es, err = nil, &ProfileError{Source: src, Msg: fmt.Sprintf("parse: %v", p)}
		}
	}()
	perr := func(line int, format string, a ...any) error {
		return &ProfileError{Source: src, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, perr(0, "empty: no organisations key")
		}
		return nil, perr(yamlErrLine(err), "%v", yamlErrMsg(err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, perr(extra.Line, "more than one document")
	} else if !errors.Is(err, io.EOF) {
		return nil, perr(yamlErrLine(err), "%v", yamlErrMsg(err))
	}
	if len(doc.Content) == 0 {
		return nil, perr(0, "empty: no organisations key")
	}
	root := doc.Content[0]
	if bad := findAlias(&doc); bad != nil {
		return nil, perr(bad.Line, "YAML anchors and aliases are not supported")
	}
	if root.Kind != yaml.MappingNode {
		return nil, perr(root.Line, "the document must be a mapping with an organisations key")
	}
	var errs []error
	var list *yaml.Node
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			errs = append(errs, perr(k.Line, "duplicate key %q (first at line %d)", k.Value, first))
			continue
		}
		seen[k.Value] = k.Line
		switch k.Value {
		case "organisations", "organizations":
			if list != nil {
				errs = append(errs, perr(k.Line, "both organisations and organizations"))
				continue
			}
			list = v
		default:
			errs = append(errs, perr(k.Line, "unknown field %q (want organisations)", k.Value))
		}
	}
	if list == nil {
		if len(errs) == 0 {
			errs = append(errs, perr(root.Line, "no organisations key"))
		}
		return nil, errors.Join(errs...)
	}
	if list.Kind == yaml.ScalarNode && list.Tag == "!!null" {
		return nil, errors.Join(errs...)
	}
	if list.Kind != yaml.SequenceNode {
		errs = append(errs, perr(list.Line, "organisations must be a list"))
		return nil, errors.Join(errs...)
	}
	if len(list.Content) > MaxOrgs {
		return nil, perr(list.Line, "more than %d organisations", MaxOrgs)
	}
	for _, item := range list.Content {
		e, ierrs := parseOrg(item, perr)
		errs = append(errs, ierrs...)
		if e != nil {
			e.src = src
			es = append(es, *e)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return es, nil
}

func parseOrg(n *yaml.Node, perr func(int, string, ...any) error) (*entry, []error) {
	if n.Kind != yaml.MappingNode {
		return nil, []error{perr(n.Line, "an organisation must be a mapping with id and name")}
	}
	e := &entry{line: n.Line}
	var errs []error
	seen := map[string]int{}
	scalar := func(k, v *yaml.Node) string {
		if v.Kind != yaml.ScalarNode {
			errs = append(errs, perr(v.Line, "%s must be a string", k.Value))
			return ""
		}
		if v.Tag == "!!null" {
			return ""
		}
		return strings.TrimSpace(v.Value)
	}
	list := func(k, v *yaml.Node) ([]string, []int) {
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			return nil, nil
		}
		if v.Kind != yaml.SequenceNode {
			errs = append(errs, perr(v.Line, "%s must be a list of strings", k.Value))
			return nil, nil
		}
		var out []string
		var lines []int
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
				errs = append(errs, perr(it.Line, "%s must be a list of strings", k.Value))
				continue
			}
			out = append(out, strings.TrimSpace(it.Value))
			lines = append(lines, it.Line)
		}
		return out, lines
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			errs = append(errs, perr(k.Line, "duplicate key %q (first at line %d)", k.Value, first))
			continue
		}
		seen[k.Value] = k.Line
		switch k.Value {
		case "id":
			e.org.ID = scalar(k, v)
			e.line = k.Line
		case "name":
			e.org.Name = scalar(k, v)
		case "aliases":
			e.org.Aliases, e.aliasLines = list(k, v)
		case "domains":
			e.org.Domains, e.domainLines = list(k, v)
		case "parent":
			e.org.Parent = scalar(k, v)
			e.parentLine = k.Line
		case "hosts":
			e.org.Hosts, e.hostLines = list(k, v)
		case "identifiers":
			e.org.Identifiers, e.idLines = list(k, v)
		default:
			errs = append(errs, perr(k.Line, "unknown field %q (want id, name, aliases, domains, parent, hosts, identifiers)", k.Value))
		}
	}
	return e, errs
}

// findAlias returns the first alias node under n, or nil.
func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

// yamlErrLine digs the line out of a yaml error ("yaml: line 3: ...").
func yamlErrLine(err error) int {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return 0
	}
	s := err.Error()
	if rest, ok := strings.CutPrefix(s, "yaml: line "); ok {
		n := 0
		for i := 0; i < len(rest) && rest[i] >= '0' && rest[i] <= '9' && n < 1e8; i++ {
			n = n*10 + int(rest[i]-'0')
		}
		return n
	}
	return 0
}

// yamlErrMsg strips the "yaml: line N: " prefix that ProfileError
// replaces with its own.
func yamlErrMsg(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(s, "line "); ok {
		if i := strings.Index(rest, ": "); i >= 0 {
			return rest[i+2:]
		}
	}
	return s
}

// idOK reports whether id is a valid organisation id.
func idOK(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '-' || c == '_' || c == '.') && i > 0:
		default:
			return false
		}
	}
	return id != "" && len(id) <= 128
}

// build validates entries and indexes them. Every problem is reported.
// With outsideParents, a parent that is none of es is left for Merge to
// check (LoadExtension).
func build(es []entry, outsideParents bool) (*Catalogue, error) {
	if len(es) > MaxOrgs {
		return nil, &ProfileError{Msg: fmt.Sprintf("more than %d organisations", MaxOrgs)}
	}
	var errs []error
	perr := func(e *entry, line int, format string, a ...any) {
		if line == 0 {
			line = e.line
		}
		errs = append(errs, &ProfileError{Source: e.src, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	c := &Catalogue{
		byID:     make(map[string]int, len(es)),
		byDomain: make(map[string]int),
		byName:   make(map[string]int),
	}
	// Copy, so that the caller's slices are never shared or modified.
	out := make([]entry, 0, len(es))
	for i := range es {
		e := es[i]
		e.org.Aliases = slices.Clone(e.org.Aliases)
		e.org.Domains = slices.Clone(e.org.Domains)
		e.org.Hosts = slices.Clone(e.org.Hosts)
		e.org.Identifiers = slices.Clone(e.org.Identifiers)
		ok := true
		switch {
		case e.org.ID == "":
			perr(&e, 0, "empty id")
			ok = false
		case !idOK(e.org.ID):
			perr(&e, 0, "id %q: use lower-case letters, digits, '-', '_' and '.'", e.org.ID)
			ok = false
		}
		if strings.TrimSpace(e.org.Name) == "" {
			perr(&e, 0, "organisation %q has an empty name", e.org.ID)
		}
		if !ok {
			continue
		}
		if first, dup := c.byID[e.org.ID]; dup {
			perr(&e, 0, "duplicate id %q (first at %s)", e.org.ID, placeOf(&out[first], e.src))
			continue
		}
		c.byID[e.org.ID] = len(out)
		out = append(out, e)
	}
	// Parents, and cycles.
	for i := range out {
		e := &out[i]
		if p := e.org.Parent; p != "" {
			if _, ok := c.byID[p]; !ok && !outsideParents {
				perr(e, e.parentLine, "unknown parent %q of %q", p, e.org.ID)
			}
		}
	}
	inCycle := make([]bool, len(out))
	for i := range out {
		if inCycle[i] {
			continue
		}
		path := []int{i}
		for j := i; ; {
			p, ok := c.byID[out[j].org.Parent]
			if !ok || out[j].org.Parent == "" || len(path) > len(out) {
				break
			}
			if k := slices.Index(path, p); k >= 0 {
				names := make([]string, 0, len(path)-k+1)
				for _, x := range path[k:] {
					names = append(names, out[x].org.ID)
					inCycle[x] = true
				}
				names = append(names, out[p].org.ID)
				e := &out[path[k]]
				perr(e, e.parentLine, "parent cycle: %s", strings.Join(names, " → "))
				break
			}
			if inCycle[p] {
				break
			}
			path = append(path, p)
			j = p
		}
	}
	// Domains and names: each claimed by one organisation, or by an
	// organisation and its ancestors (then the ancestor keeps it).
	type claim struct{ idx, line int }
	domains := map[string]claim{}
	names := map[string]claim{}
	hosts := map[string]claim{}
	prefixes := map[string]claim{}
	ids := map[string]claim{}
	take := func(m map[string]claim, what, key, raw string, i, line int) {
		prev, dup := m[key]
		switch {
		case !dup:
			m[key] = claim{i, line}
		case prev.idx == i:
			// Listed twice by one organisation: harmless.
		case c.isAncestor(out, c.byID, prev.idx, i):
			// The ancestor keeps it.
		case c.isAncestor(out, c.byID, i, prev.idx):
			m[key] = claim{i, line}
		default:
			perr(&out[i], line, "%s %q of %q is already claimed by %q (%s)", what, raw, out[i].org.ID,
				out[prev.idx].org.ID, placeAt(&out[prev.idx], prev.line, out[i].src))
		}
	}
	for i := range out {
		e := &out[i]
		for j, d := range e.org.Domains {
			nd, err := NormalizeDomain(d)
			if err != nil {
				perr(e, e.lineOf(e.domainLines, j), "%v", err)
				continue
			}
			e.org.Domains[j] = nd
			take(domains, "domain", nd, nd, i, e.lineOf(e.domainLines, j))
		}
		all := append([]string{e.org.Name}, e.org.Aliases...)
		for j, n := range all {
			line := e.line
			if j > 0 {
				line = e.lineOf(e.aliasLines, j-1)
			}
			if strings.TrimSpace(n) == "" {
				if j > 0 {
					perr(e, line, "empty alias of %q", e.org.ID)
				}
				continue
			}
			key := NormalizeName(n)
			if key == "" {
				perr(e, line, "alias %q of %q is only a corporate designation", n, e.org.ID)
				continue
			}
			take(names, "name", key, n, i, line)
		}
		if len(e.org.Hosts) > MaxProfileHosts {
			perr(e, e.lineOf(e.hostLines, MaxProfileHosts), "%q has more than %d hosts", e.org.ID, MaxProfileHosts)
		} else {
			for j, h := range e.org.Hosts {
				nh, prefix, err := normalizeProfileHost(h)
				if err != nil {
					perr(e, e.lineOf(e.hostLines, j), "host %q of %q: %v", h, e.org.ID, err)
					continue
				}
				e.org.Hosts[j] = nh
				if prefix {
					take(prefixes, "host", strings.TrimSuffix(nh, "*"), nh, i, e.lineOf(e.hostLines, j))
				} else {
					take(hosts, "host", nh, nh, i, e.lineOf(e.hostLines, j))
				}
			}
		}
		if len(e.org.Identifiers) > MaxProfileIdentifiers {
			perr(e, e.lineOf(e.idLines, MaxProfileIdentifiers), "%q has more than %d identifiers", e.org.ID, MaxProfileIdentifiers)
		} else {
			for j, p := range e.org.Identifiers {
				if _, err := parseIdentifier(p); err != nil {
					perr(e, e.lineOf(e.idLines, j), "identifier %q of %q: %v", p, e.org.ID, err)
					continue
				}
				take(ids, "identifier", p, p, i, e.lineOf(e.idLines, j))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for d, cl := range domains {
		c.byDomain[d] = cl.idx
	}
	for n, cl := range names {
		c.byName[n] = cl.idx
	}
	c.byHost = make(map[string]int, len(hosts))
	for h, cl := range hosts {
		c.byHost[h] = cl.idx
	}
	c.hostPrefix = make(map[string]int, len(prefixes))
	for h, cl := range prefixes {
		c.hostPrefix[h] = cl.idx
	}
	c.ids = map[string][]idPattern{}
	for p, cl := range ids {
		ip, _ := parseIdentifier(p)
		ip.org = cl.idx
		c.ids[ip.lit[:MinIdentifierLiteral]] = append(c.ids[ip.lit[:MinIdentifierLiteral]], ip)
	}
	for k := range c.ids {
		// Longest literal first, then by pattern: the scan takes the
		// first that matches, the same whatever the map's order.
		slices.SortFunc(c.ids[k], func(x, y idPattern) int {
			if len(x.lit) != len(y.lit) {
				return len(y.lit) - len(x.lit)
			}
			return strings.Compare(x.lit+string(x.tail), y.lit+string(y.tail))
		})
	}
	c.byLabel = map[string]int{}
	ambiguous := map[string]bool{}
	for d, cl := range domains {
		reg, ok := RegistrableDomain(d)
		if !ok || reg != d {
			continue
		}
		l := d[:strings.IndexByte(d, '.')]
		if prev, dup := c.byLabel[l]; dup && prev != cl.idx && !c.isAncestor(out, c.byID, prev, cl.idx) {
			if c.isAncestor(out, c.byID, cl.idx, prev) {
				c.byLabel[l] = cl.idx
				continue
			}
			ambiguous[l] = true
		}
		if _, dup := c.byLabel[l]; !dup {
			c.byLabel[l] = cl.idx
		}
	}
	for l := range ambiguous {
		delete(c.byLabel, l)
	}
	c.domains = make([]string, 0, len(c.byDomain))
	for d := range c.byDomain {
		c.domains = append(c.domains, d)
	}
	slices.Sort(c.domains)
	c.entries = out
	return c, nil
}

// normalizeProfileHost checks and lower-cases an Org.Hosts entry; prefix
// is true for a label prefix ("tfs*").
func normalizeProfileHost(h string) (string, bool, error) {
	h = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(h), "."))
	if rest, ok := strings.CutSuffix(h, "*"); ok {
		if len(rest) < 2 || strings.ContainsAny(rest, ".*") || !validHostname(rest) {
			return "", false, errors.New("a prefix is one label of at least two characters followed by '*'")
		}
		return h, true, nil
	}
	if h == "" || strings.Contains(h, "*") || !validHostname(h) {
		return "", false, errors.New("not a host name")
	}
	return h, false, nil
}

// idPattern is a compiled Org.Identifiers entry: a literal, and what
// must follow it.
type idPattern struct {
	lit  string
	tail byte // 0: nothing, '#': digits, '*': letters or digits
	org  int
}

// parseIdentifier compiles an identifier pattern.
func parseIdentifier(p string) (idPattern, error) {
	var ip idPattern
	lit := p
	if n := len(p); n > 0 && (p[n-1] == '#' || p[n-1] == '*') {
		ip.tail, lit = p[n-1], p[:n-1]
	}
	switch {
	case len(lit) < MinIdentifierLiteral:
		return ip, fmt.Errorf("the literal part needs at least %d characters", MinIdentifierLiteral)
	case len(lit) > MaxIdentifierLiteral:
		return ip, fmt.Errorf("the literal part is longer than %d characters", MaxIdentifierLiteral)
	case strings.ContainsAny(lit, "#*\n\r\t"):
		return ip, errors.New("'#' and '*' may only end a pattern, and it is one line")
	case !isAlnumByte[lit[0]&0x7f] || lit[0] >= 0x80:
		return ip, errors.New("the pattern must start with an ASCII letter or digit")
	}
	ip.lit = lit
	return ip, nil
}

// ByHost returns the organisation whose Org.Hosts lists host: the name
// itself, one of its parent names ("tsap01.toray.local" under
// toray.local), or a label prefix of its first label ("tfs*" for
// tfs01). host may be a single label.
func (c *Catalogue) ByHost(host string) (Org, bool) {
	h := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(host), "."))
	if h == "" {
		return Org{}, false
	}
	for s := h; s != ""; {
		if i, ok := c.byHost[s]; ok {
			return c.entries[i].org, true
		}
		dot := strings.IndexByte(s, '.')
		if dot < 0 {
			break
		}
		s = s[dot+1:]
	}
	if len(c.hostPrefix) == 0 {
		return Org{}, false
	}
	first := h
	if dot := strings.IndexByte(h, '.'); dot >= 0 {
		first = h[:dot]
	}
	// The longest listed prefix wins; labels are at most 63 bytes.
	for n := min(len(first), 63); n >= 2; n-- {
		if i, ok := c.hostPrefix[first[:n]]; ok {
			return c.entries[i].org, true
		}
	}
	return Org{}, false
}

// placeOf describes where e was defined, for "first at …".
func placeOf(e *entry, src string) string {
	return placeAt(e, e.line, src)
}

func placeAt(e *entry, line int, src string) string {
	switch {
	case line == 0 && e.src == "":
		return fmt.Sprintf("organisation %q", e.org.ID)
	case line == 0:
		return e.src
	case e.src == src:
		return fmt.Sprintf("line %d", line)
	}
	return fmt.Sprintf("%s:%d", e.src, line)
}

// Merge returns a catalogue of base's organisations extended with add's.
// A parent of add may be an organisation of base (add loaded with
// LoadExtension); one that is in neither is an error.
// An organisation of add whose id is in base replaces base's entry whole
// (at base's place in the order): this is how a user corrects or extends a
// default organisation, by restating it. The result is validated again,
// so a domain or name of add that another base organisation claims is an
// error, with add's file and line. Either argument may be nil.
func Merge(base, add *Catalogue) (*Catalogue, error) {
	if base == nil {
		base = &Catalogue{}
	}
	if add == nil {
		add = &Catalogue{}
	}
	es := make([]entry, 0, len(base.entries)+len(add.entries))
	for _, e := range base.entries {
		if i, ok := add.byID[e.org.ID]; ok {
			es = append(es, add.entries[i])
			continue
		}
		es = append(es, e)
	}
	for _, e := range add.entries {
		if _, ok := base.byID[e.org.ID]; !ok {
			es = append(es, e)
		}
	}
	return build(es, false)
}
