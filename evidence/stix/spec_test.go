package stix_test

// The rules of STIX 2.1 that the bundles of this package must keep,
// written down from the OASIS specification (STIX Version 2.1, OASIS
// Standard, 10 June 2021: sections 2 (data types: identifier,
// timestamp, hashes), 3 (common properties), 4.5 identity, 4.12 note,
// 4.14 opinion, 4.15 report, 6.7 file and its archive-ext, 7.2 data
// markings) and from the TLP 2.0 marking definitions OASIS publishes
// (cti-stix-common-objects, extension-definition-specifications/tlp-2.0).
// They are ours, not the official JSON schemas, which could not be
// vendored (see official_test.go for the test that uses them when a
// checkout is at hand).

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

var (
	uuidRE      = `[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`
	identRE     = regexp.MustCompile(`^([a-z][a-z0-9-]+[a-z0-9])--(` + uuidRE + `)$`)
	timestampRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)
	// created and modified must be precise to the millisecond.
	millisRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)
)

// Vocabularies and enumerations of the specification that the bundle
// uses (section 10).
var (
	identityClassOV = []string{"individual", "group", "system", "organization", "class", "unknown"}
	reportTypeOV    = []string{"attack-pattern", "campaign", "identity", "indicator", "intrusion-set", "malware", "observed-data", "threat-actor", "threat-report", "tool", "vulnerability"}
	opinionEnum     = []string{"strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"}
	// hashing-algorithm-ov, with the length in hex of the fixed-size ones.
	hashLen = map[string]int{"MD5": 32, "SHA-1": 40, "SHA-256": 64, "SHA-512": 128, "SHA3-256": 64, "SHA3-512": 128, "SSDEEP": 0, "TLSH": 0}
)

// The TLP 2.0 marking definitions: id → level.
var tlp20 = map[string]string{
	"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": "clear",
	"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": "green",
	"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": "amber",
	"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": "amber+strict",
	"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": "red",
}

const tlp20Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

// sdoRequired lists the required properties of each domain object
// type, beyond the common type, spec_version, id, created and modified.
var sdoRequired = map[string][]string{
	"identity": {"name"},
	"report":   {"name", "published", "object_refs"},
	"opinion":  {"opinion", "object_refs"},
	"note":     {"content", "object_refs"},
}

// specViolations returns every rule of STIX 2.1 (as above) that the
// JSON bundle breaks; none for a valid bundle.
func specViolations(bundleJSON []byte) []string {
	var errs []string
	fail := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	var bundle map[string]any
	if err := json.Unmarshal(bundleJSON, &bundle); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	if bundle["type"] != "bundle" {
		fail("bundle type %v", bundle["type"])
	}
	if m := identRE.FindStringSubmatch(str(bundle["id"])); m == nil || m[1] != "bundle" {
		fail("bundle id %v", bundle["id"])
	}
	if _, ok := bundle["spec_version"]; ok {
		fail("a 2.1 bundle has no spec_version")
	}
	objs, _ := bundle["objects"].([]any)
	if len(objs) == 0 {
		fail("bundle without objects")
	}
	byID := map[string]map[string]any{}
	for i, o := range objs {
		obj, ok := o.(map[string]any)
		if !ok {
			fail("object %d is not an object", i)
			continue
		}
		id := str(obj["id"])
		if byID[id] != nil {
			fail("id %s twice", id)
		}
		byID[id] = obj
	}
	for _, obj := range byID {
		typ, id := str(obj["type"]), str(obj["id"])
		at := func(format string, a ...any) { fail("%s: "+format, append([]any{id}, a...)...) }
		m := identRE.FindStringSubmatch(id)
		if m == nil {
			at("id is not type--UUID")
			continue
		}
		if m[1] != typ {
			at("id type %q, object type %q", m[1], typ)
		}
		if obj["spec_version"] != "2.1" {
			at("spec_version %v", obj["spec_version"])
		}
		switch typ {
		case "marking-definition":
			level, ok := tlp20[id]
			if !ok {
				at("not a TLP 2.0 marking")
				break
			}
			if obj["name"] != "TLP:"+strings.ToUpper(level) || obj["created"] != "2022-10-01T00:00:00.000Z" {
				at("name %v created %v", obj["name"], obj["created"])
			}
			ext, _ := obj["extensions"].(map[string]any)
			e, _ := ext[tlp20Extension].(map[string]any)
			if len(ext) != 1 || e["extension_type"] != "property-extension" || e["tlp_2_0"] != level || len(e) != 2 {
				at("extensions %v", obj["extensions"])
			}
			continue
		case "identity", "report", "opinion", "note":
			if m[2][14] != '5' {
				at("not a UUIDv5")
			}
			for _, p := range []string{"created", "modified"} {
				if !millisRE.MatchString(str(obj[p])) {
					at("%s %v is not a timestamp to the millisecond", p, obj[p])
				}
			}
			if str(obj["modified"]) < str(obj["created"]) {
				at("modified before created")
			}
			for _, p := range sdoRequired[typ] {
				if _, ok := obj[p]; !ok {
					at("no %s", p)
				}
			}
			if c, ok := obj["confidence"]; ok {
				if f, isNum := c.(float64); !isNum || f != float64(int(f)) || f < 0 || f > 100 {
					at("confidence %v", c)
				}
			}
		case "file":
			if m[2][14] != '5' {
				at("an observable's id is a UUIDv5")
			}
			for _, p := range []string{"created", "modified", "created_by_ref", "confidence", "labels", "external_references", "revoked", "lang"} {
				if _, ok := obj[p]; ok {
					at("%s does not apply to an observable", p)
				}
			}
			hashes, _ := obj["hashes"].(map[string]any)
			if len(hashes) == 0 && str(obj["name"]) == "" {
				at("a file needs hashes or a name")
			}
			for k, v := range hashes {
				n, known := hashLen[k]
				if !known {
					at("hash %q not in hashing-algorithm-ov", k)
				}
				if n > 0 && !regexp.MustCompile(fmt.Sprintf("^[0-9a-f]{%d}$", n)).MatchString(str(v)) {
					at("hash %s %v", k, v)
				}
			}
			if s, ok := obj["size"]; ok {
				if f, _ := s.(float64); f < 0 || f != float64(int64(f)) {
					at("size %v", s)
				}
			}
			if t, ok := obj["mtime"]; ok && !timestampRE.MatchString(str(t)) {
				at("mtime %v", t)
			}
			if exts, ok := obj["extensions"].(map[string]any); ok {
				for k, v := range exts {
					if k != "archive-ext" {
						at("extension %s", k)
						continue
					}
					refs, _ := v.(map[string]any)["contains_refs"].([]any)
					if len(refs) == 0 {
						at("archive-ext without contains_refs")
					}
					for _, r := range refs {
						if !strings.HasPrefix(str(r), "file--") && !strings.HasPrefix(str(r), "directory--") {
							at("contains_refs holds %v", r)
						}
					}
				}
			}
		default:
			at("type %q is not one this package writes", typ)
		}
		switch typ {
		case "identity":
			if c, ok := obj["identity_class"]; ok && !slices.Contains(identityClassOV, str(c)) {
				at("identity_class %v", c)
			}
		case "report":
			if !timestampRE.MatchString(str(obj["published"])) {
				at("published %v", obj["published"])
			}
			for _, t := range list(obj["report_types"]) {
				if !slices.Contains(reportTypeOV, str(t)) {
					at("report type %v", t)
				}
			}
		case "opinion":
			if !slices.Contains(opinionEnum, str(obj["opinion"])) {
				at("opinion %v", obj["opinion"])
			}
		}
		if r, ok := obj["created_by_ref"]; ok {
			if target := byID[str(r)]; target == nil || target["type"] != "identity" {
				at("created_by_ref %v is no identity of the bundle", r)
			}
		}
		marks := list(obj["object_marking_refs"])
		if len(marks) == 0 {
			at("no object_marking_refs")
		}
		for _, mk := range marks {
			if !strings.HasPrefix(str(mk), "marking-definition--") {
				at("object_marking_refs holds %v", mk)
			}
		}
		for _, ref := range refs(obj, "") {
			if byID[ref] == nil && tlp20[ref] == "" {
				at("reference %s resolves to nothing in the bundle", ref)
			}
			if identRE.FindStringSubmatch(ref) == nil {
				at("reference %s is not an identifier", ref)
			}
		}
		for _, p := range []string{"created", "modified", "published"} {
			if v, ok := obj[p]; ok {
				if _, err := time.Parse(time.RFC3339Nano, str(v)); err != nil {
					at("%s: %v", p, err)
				}
			}
		}
		for _, p := range []string{"object_refs"} {
			if v, ok := obj[p]; ok && len(list(v)) == 0 {
				at("%s is empty", p)
			}
		}
	}
	slices.Sort(errs)
	return errs
}

// refs returns every value of a property named *_ref or *_refs in v, at
// any depth.
func refs(v any, name string) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			out = append(out, refs(e, k)...)
		}
	case []any:
		for _, e := range v {
			out = append(out, refs(e, name)...)
		}
	case string:
		if strings.HasSuffix(name, "_ref") || strings.HasSuffix(name, "_refs") {
			out = append(out, v)
		}
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}
