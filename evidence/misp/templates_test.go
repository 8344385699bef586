package misp_test

// The rules a MISP event of this package must keep, written down from
// the MISP object templates (github.com/MISP/misp-objects,
// objects/<name>/definition.json), MISP's relationships
// (relationships/definition.json, version 17), MISP's attribute types
// and categories (the type and category definitions of MISP's
// Attribute model), the MISP core format (draft-dulaunoy-misp-core-format)
// and the tlp and estimative-language taxonomies (misp-taxonomies). They
// are ours, not the official files, which could not be vendored; the
// same checks run on the official definition.json files when
// PROOFPACK_MISP_OBJECTS names a checkout of misp-objects (official_test.go).

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// relation is one attribute of a template.
type relation struct {
	Type     string `json:"misp-attribute"`
	Multiple bool   `json:"multiple,omitempty"`
}

// templateRule is what a template says of its objects.
type templateRule struct {
	UUID          string              `json:"uuid"`
	Version       int                 `json:"version"`
	MetaCategory  string              `json:"meta-category"`
	Attributes    map[string]relation `json:"attributes"`
	RequiredOneOf []string            `json:"requiredOneOf,omitempty"`
	Required      []string            `json:"required,omitempty"`
}

// ourTemplates are the four templates the events use, as read.
var ourTemplates = map[string]templateRule{
	// ransomware-group-post, version 4.
	"ransomware-group-post": {UUID: "52a0e179-4942-41e6-90f5-7db856fd6f39", Version: 4, MetaCategory: "misc",
		Attributes: map[string]relation{
			"actor-geo-stats-30d": {Type: "text"}, "actor-total-stats-30d": {Type: "text"},
			"date": {Type: "datetime"}, "date-published": {Type: "datetime"}, "description": {Type: "text"},
			"entity-name": {Type: "text"}, "geo": {Type: "text"}, "leak-site-url": {Type: "link"}, "link": {Type: "link"},
			"ransomware-group": {Type: "text"}, "sector": {Type: "text"}, "severity": {Type: "text"},
			"title": {Type: "text"}, "website": {Type: "link"},
		},
		RequiredOneOf: []string{"title", "description", "link", "website", "leak-site-url"}},
	// victim, version 10.
	"victim": {UUID: "a8806e40-39ad-435f-be02-ac2a13d6fc7d", Version: 10, MetaCategory: "misc",
		Attributes: map[string]relation{
			"classification": {Type: "text"}, "description": {Type: "text"},
			"domain": {Type: "domain", Multiple: true}, "email": {Type: "target-email", Multiple: true},
			"external": {Type: "target-external", Multiple: true}, "ip-address": {Type: "ip-dst", Multiple: true},
			"name": {Type: "target-org", Multiple: true}, "node": {Type: "target-machine", Multiple: true},
			"reference": {Type: "text", Multiple: true}, "regions": {Type: "target-location", Multiple: true},
			"roles": {Type: "text", Multiple: true}, "sectors": {Type: "text", Multiple: true},
			"user": {Type: "target-user", Multiple: true},
		},
		RequiredOneOf: []string{"name", "regions", "sectors"}},
	// annotation, version 2.
	"annotation": {UUID: "5d8dc046-15a1-4ca3-a09f-ed4ede7c4487", Version: 2, MetaCategory: "misc",
		Attributes: map[string]relation{
			"text": {Type: "text"}, "ref": {Type: "link", Multiple: true}, "type": {Type: "text"}, "format": {Type: "text"},
			"creation-date": {Type: "datetime"}, "modification-date": {Type: "datetime"},
			"attachment": {Type: "attachment", Multiple: true},
		},
		RequiredOneOf: []string{"text"}},
	// file, version 23: the relations an event may hold (the template
	// has more: hashes of other kinds, fuzzy hashes, samples).
	"file": {UUID: "688c46fb-5edb-40a3-8273-1af7923e2215", Version: 23, MetaCategory: "file",
		Attributes: map[string]relation{
			"filename": {Type: "filename", Multiple: true}, "fullpath": {Type: "text", Multiple: true},
			"path": {Type: "text", Multiple: true}, "md5": {Type: "md5"}, "sha1": {Type: "sha1"},
			"sha256": {Type: "sha256"}, "sha512": {Type: "sha512"}, "size-in-bytes": {Type: "size-in-bytes"},
			"mimetype": {Type: "mime-type"}, "text": {Type: "text"},
		},
		RequiredOneOf: []string{"filename", "size-in-bytes", "md5", "sha1", "sha256", "sha512", "path", "fullpath"}},
}

// ourRelationships are the relationship types of MISP (relationships,
// version 17) that events may use.
var ourRelationships = []string{"belongs-to", "mentions", "contains", "annotates"}

// categoriesOf lists the categories each attribute type may take.
var categoriesOf = map[string][]string{
	"text":          {"Internal reference", "Antivirus detection", "Payload delivery", "Artifacts dropped", "Payload installation", "Persistence mechanism", "Network activity", "Payload type", "Attribution", "External analysis", "Financial fraud", "Support Tool", "Social network", "Person", "Other"},
	"datetime":      {"Other"},
	"size-in-bytes": {"Other"},
	"target-org":    {"Targeting data"},
	"filename":      {"Payload delivery", "Artifacts dropped", "Payload installation", "Persistence mechanism", "External analysis"},
	"md5":           {"Payload delivery", "Artifacts dropped", "Payload installation", "External analysis"},
	"sha1":          {"Payload delivery", "Artifacts dropped", "Payload installation", "External analysis"},
	"sha256":        {"Payload delivery", "Artifacts dropped", "Payload installation", "External analysis"},
	"mime-type":     {"Payload delivery", "Artifacts dropped", "Payload installation"},
}

var (
	uuidRE   = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	hexRE    = map[string]*regexp.Regexp{"md5": regexp.MustCompile(`^[0-9a-f]{32}$`), "sha1": regexp.MustCompile(`^[0-9a-f]{40}$`), "sha256": regexp.MustCompile(`^[0-9a-f]{64}$`)}
	tagRE    = regexp.MustCompile(`^(tlp:(clear|green|amber|amber\+strict|red)|estimative-language:likelihood-probability="(almost-no-chance|very-unlikely|unlikely|roughly-even-chance|likely|very-likely|almost-certain)"|estimative-language:confidence-in-analytic-judgment="(low|moderate|high)")$`)
	digitsRE = regexp.MustCompile(`^[0-9]+$`)
)

// eventViolations returns every rule (above, or of the templates and
// relationships given) that the MISP JSON document breaks.
func eventViolations(doc []byte, templates map[string]templateRule, relationships []string) []string {
	var errs []string
	fail := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	var d struct {
		Event map[string]any `json:"Event"`
	}
	if err := json.Unmarshal(doc, &d); err != nil || d.Event == nil {
		return []string{fmt.Sprintf("not a MISP document: %v", err)}
	}
	ev := d.Event
	if !uuidRE.MatchString(s(ev["uuid"])) {
		fail("event uuid %v", ev["uuid"])
	}
	if s(ev["info"]) == "" {
		fail("event without info")
	}
	if _, err := time.Parse(time.DateOnly, s(ev["date"])); err != nil {
		fail("event date %v", ev["date"])
	}
	if !digitsRE.MatchString(s(ev["timestamp"])) {
		fail("event timestamp %v", ev["timestamp"])
	}
	for k, allowed := range map[string][]string{"threat_level_id": {"1", "2", "3", "4"}, "analysis": {"0", "1", "2"}, "distribution": {"0", "1", "2", "3", "4"}} {
		if !slices.Contains(allowed, s(ev[k])) {
			fail("event %s %v", k, ev[k])
		}
	}
	tlps := 0
	for _, t := range l(ev["Tag"]) {
		name := s(t.(map[string]any)["name"])
		if !tagRE.MatchString(name) {
			fail("tag %q", name)
		}
		if regexp.MustCompile(`^tlp:`).MatchString(name) {
			tlps++
		}
	}
	if tlps != 1 {
		fail("%d tlp tags", tlps)
	}
	objects := map[string]bool{}
	for _, o := range l(ev["Object"]) {
		objects[s(o.(map[string]any)["uuid"])] = true
	}
	if len(objects) != len(l(ev["Object"])) {
		fail("object uuids repeat")
	}
	attrUUIDs := map[string]bool{}
	for _, o := range l(ev["Object"]) {
		obj := o.(map[string]any)
		name, id := s(obj["name"]), s(obj["uuid"])
		at := func(format string, a ...any) { fail("%s %s: "+format, append([]any{name, id}, a...)...) }
		if !uuidRE.MatchString(id) {
			at("uuid")
		}
		t, ok := templates[name]
		if !ok {
			at("no template %s", name)
			continue
		}
		if s(obj["template_uuid"]) != t.UUID || s(obj["template_version"]) != strconv.Itoa(t.Version) {
			at("template %v version %v, not %s %d", obj["template_uuid"], obj["template_version"], t.UUID, t.Version)
		}
		if s(obj["meta-category"]) != t.MetaCategory {
			at("meta-category %v", obj["meta-category"])
		}
		seen := map[string]int{}
		for _, a := range l(obj["Attribute"]) {
			attr := a.(map[string]any)
			rel, typ, val := s(attr["object_relation"]), s(attr["type"]), s(attr["value"])
			seen[rel]++
			if attrUUIDs[s(attr["uuid"])] || !uuidRE.MatchString(s(attr["uuid"])) {
				at("attribute uuid %v", attr["uuid"])
			}
			attrUUIDs[s(attr["uuid"])] = true
			r, ok := t.Attributes[rel]
			if !ok {
				at("relation %q is not in the template", rel)
				continue
			}
			if typ != r.Type {
				at("%s is a %s, not a %s", rel, r.Type, typ)
			}
			if cats, ok := categoriesOf[typ]; ok && !slices.Contains(cats, s(attr["category"])) {
				at("%s: category %v for type %s", rel, attr["category"], typ)
			}
			if val == "" {
				at("%s is empty", rel)
			}
			switch typ {
			case "datetime":
				if _, err := time.Parse(time.RFC3339, val); err != nil {
					at("%s: %v", rel, err)
				}
			case "size-in-bytes":
				if !digitsRE.MatchString(val) {
					at("%s %q", rel, val)
				}
			case "md5", "sha1", "sha256":
				if !hexRE[typ].MatchString(val) {
					at("%s %q", rel, val)
				}
			}
			if _, isBool := attr["to_ids"].(bool); !isBool {
				at("%s: to_ids %v", rel, attr["to_ids"])
			}
		}
		for rel, n := range seen {
			if r, ok := t.Attributes[rel]; ok && n > 1 && !r.Multiple {
				at("%s %d times, not multiple", rel, n)
			}
		}
		if len(t.RequiredOneOf) > 0 && !slices.ContainsFunc(t.RequiredOneOf, func(r string) bool { return seen[r] > 0 }) {
			at("none of %v", t.RequiredOneOf)
		}
		for _, r := range t.Required {
			if seen[r] == 0 {
				at("no %s", r)
			}
		}
		for _, rf := range l(obj["ObjectReference"]) {
			ref := rf.(map[string]any)
			if s(ref["object_uuid"]) != id {
				at("reference from %v", ref["object_uuid"])
			}
			if !objects[s(ref["referenced_uuid"])] {
				at("reference to %v, no object of the event", ref["referenced_uuid"])
			}
			if !slices.Contains(relationships, s(ref["relationship_type"])) {
				at("relationship %v", ref["relationship_type"])
			}
			if !uuidRE.MatchString(s(ref["uuid"])) {
				at("reference uuid %v", ref["uuid"])
			}
		}
	}
	slices.Sort(errs)
	return errs
}

func s(v any) string {
	x, _ := v.(string)
	return x
}

func l(v any) []any {
	x, _ := v.([]any)
	return x
}
