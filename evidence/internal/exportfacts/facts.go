// Package exportfacts reads from a triage report what the exports to
// other systems (packages evidence/stix and evidence/misp) share: the
// deterministic ids of what they write, the TLP level, the names of the
// organisations of the claim, the probability the verdict rests on, and
// the nesting of the items.
//
// Nothing here reads a package: the report is the library's own output,
// built by evidence.Analyze; its strings came from a hostile package and
// are passed on as data, never interpreted.
package exportfacts

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/fingerprint"
)

// Namespace is proofpack's UUIDv5 namespace: the ids of the objects the
// exports make are uuid.NewSHA1(Namespace, content), so that one report
// exported twice gives the same ids, and the same organisation the same
// id in every export.
var Namespace = uuid.MustParse("1638cbee-c4ad-4976-8d0e-903df89ffa7f")

// ID is the UUIDv5 of parts in Namespace. The parts are joined with a
// NUL byte, which no part holds once it is valid UTF-8 text of a report
// (Clean), so that ("ab", "c") and ("a", "bc") differ.
func ID(parts ...string) uuid.UUID {
	return uuid.NewSHA1(Namespace, []byte(strings.Join(parts, "\x00")))
}

// Clean returns s as valid UTF-8, each byte that is not replaced by
// U+FFFD, as encoding/json writes it: an id made from the string and
// the string written out then agree.
func Clean(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// TLP 2.0 levels, as the exports name them.
const (
	TLPClear       = "CLEAR"
	TLPGreen       = "GREEN"
	TLPAmber       = "AMBER"
	TLPAmberStrict = "AMBER+STRICT"
	TLPRed         = "RED"
)

// DefaultTLP is the level of an export whose options and report name
// none: the report tells whose data leaked and where, which its
// recipients' organisations need and nobody else.
const DefaultTLP = TLPAmber

// ParseTLP returns the TLP 2.0 level s names, in upper case, as
// evidence.ParseTLP reads it (any case, with or without "TLP:", WHITE
// for CLEAR); "" stays "". Its error wraps evidence.ErrOption.
func ParseTLP(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	t, err := evidence.ParseTLP(s)
	return string(t), err
}

// Meta is what a report says of its triage: when it ran and the case.
type Meta struct {
	// TriagedAt is zero when the report does not say.
	TriagedAt time.Time
	CaseID    string
	Analyst   string
	TLP       string
}

// ReportMeta returns the triage time and case of r.
func ReportMeta(r *evidence.Report) Meta {
	var m Meta
	if t, err := time.Parse(time.RFC3339, r.TriagedAt); err == nil {
		m.TriagedAt = t.UTC()
	}
	m.CaseID = r.Case.ID
	m.Analyst = r.Case.Analyst
	m.TLP = string(r.Case.TLP)
	return m
}

// Owner returns the ranking entry of org.
func Owner(r *evidence.Report, org string) (evidence.Owner, bool) {
	for _, o := range r.Attribution.Ranking {
		if o.Org == org {
			return o, true
		}
	}
	return evidence.Owner{}, false
}

// OrgName is the profile name of org, from the ranking; org itself when
// the ranking does not hold it.
func OrgName(r *evidence.Report, org string) string {
	if o, ok := Owner(r, org); ok && o.Name != "" {
		return o.Name
	}
	return org
}

// Claimed describes the claimed organisation: Key is its catalogue id
// ("" when the claim matched no profile), Name its profile name, or the
// claim as typed; Typed is the claim as the analyst typed it.
type Claimed struct {
	Key   string
	Name  string
	Typed string
}

// ClaimedOrg returns the claimed organisation of r, and false when r has
// no claim.
func ClaimedOrg(r *evidence.Report) (Claimed, bool) {
	c := r.Claim
	if c.Verdict == "" && c.Claimed == "" {
		return Claimed{}, false
	}
	org, name := c.ClaimedOrg, c.ClaimedName
	if org == "" && c.Relation != "" {
		// A report of schema 2, whose claimed held the profile id.
		org = c.Claimed
	}
	if name == "" && org != "" {
		name = OrgName(r, org)
	}
	typed := Clean(c.Claimed)
	if name == "" {
		name = typed
	}
	return Claimed{Key: Clean(org), Name: Clean(name), Typed: typed}, true
}

// Owners returns the owners of r, the first first; none when no
// organisation is likely enough to hold the data. When the claim names
// none (there is no claim, or the claimed name is in no profile), the
// owner is the first of the ranking when it has custody evidence and its
// confidence reaches fingerprint.OwnerMinConfidence, as the verdict
// would have it.
func Owners(r *evidence.Report) []string {
	if len(r.Claim.Owners) > 0 {
		return r.Claim.Owners
	}
	if r.Claim.Owner != "" {
		return []string{r.Claim.Owner}
	}
	if len(r.Attribution.Ranking) > 0 {
		if top := r.Attribution.Ranking[0]; top.Custody > 0 && top.Confidence >= fingerprint.OwnerMinConfidence {
			return []string{top.Org}
		}
	}
	return nil
}

// VerdictConfidence is the probability, 0 to 1, that the verdict is
// right, from the confidence model of package fingerprint: for a
// contradicted claim the owner's confidence (that it, not the claimed
// organisation, held the data; the verdict needs the claimed one's
// custody to be small beside it), for a supported claim the claimed
// organisation's. An inconclusive verdict states no probability: ok is
// false.
func VerdictConfidence(r *evidence.Report) (p float64, ok bool) {
	switch r.Claim.Verdict {
	case evidence.VerdictContradicted:
		o, found := Owner(r, r.Claim.Owner)
		return o.Confidence, found
	case evidence.VerdictSupported:
		c, _ := ClaimedOrg(r)
		o, found := Owner(r, c.Key)
		return o.Confidence, found
	}
	return 0, false
}

// ClaimLikelihood is the probability, 0 to 1, that the claim is true:
// the confidence model's probability that the claimed organisation held
// the data (0 when it is in no ranking: nothing in the files points to
// it).
func ClaimLikelihood(r *evidence.Report) float64 {
	c, ok := ClaimedOrg(r)
	if !ok || c.Key == "" {
		return 0
	}
	o, _ := Owner(r, c.Key)
	return o.Confidence
}

// Percent is p (0 to 1) as a whole percentage, 0 to 100.
func Percent(p float64) int {
	return int(math.Round(math.Max(0, math.Min(1, p)) * 100))
}

// Strength says how strongly a verdict is held: StrongConfidence and
// above is strong (strongly-disagree, strongly-agree, and in MISP high
// confidence).
const StrongConfidence = 0.9

// Decisive returns the evidence for org's ownership that an export
// shows: custody first, then authorship, the strongest first within a
// role, in the ranking's order otherwise; at most max pieces (all when
// max <= 0).
func Decisive(o evidence.Owner, max int) []evidence.Evidence {
	var out []evidence.Evidence
	for _, role := range []string{"custody", "authorship"} {
		var part []evidence.Evidence
		for _, e := range o.Evidence {
			if e.Role == role {
				part = append(part, e)
			}
		}
		// Stable: by weight, ties in the ranking's order.
		for i := 1; i < len(part); i++ {
			for j := i; j > 0 && part[j].Weight > part[j-1].Weight; j-- {
				part[j], part[j-1] = part[j-1], part[j]
			}
		}
		out = append(out, part...)
	}
	if max > 0 && len(out) > max {
		out = out[:max]
	}
	return out
}

// Parent returns the path of the item that holds the item at path: the
// path before its last "!/", or "" when that is the package itself (or
// the path has no step into an archive).
func Parent(pkg, path string) string {
	i := strings.LastIndex(path, "!/")
	if i < 0 {
		return ""
	}
	p := path[:i]
	if p == pkg {
		return ""
	}
	return p
}

// Base returns the file name of the item at path: what follows its last
// "/" (a step into an archive ends in "!/" and so is cut too).
func Base(path string) string {
	return path[strings.LastIndex(path, "/")+1:]
}

// UTC returns the instant an item's Modified time names in UTC, and
// false for a time without offset (a zip's MS-DOS wall clock) or none.
func UTC(modified string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, modified)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}
