package evidence

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/proofpack/proofpack/fingerprint"
)

// attributionOf converts a fingerprint result to the report's form.
func attributionOf(res *fingerprint.Result) Attribution {
	out := Attribution{Ranking: make([]Owner, 0, len(res.Ranking)), Candidates: make([]Candidate, 0, len(res.Candidates)),
		ClaimEcho: make([]Owner, 0, len(res.ClaimEcho))}
	owner := func(o fingerprint.Owner) Owner {
		out := Owner{Org: o.Org, Name: o.Name, Score: o.Score, Custody: o.Custody, Authorship: o.Authorship, Mention: o.Mention,
			Confidence: o.Confidence, CustodyItems: o.CustodyItems, AuthorshipItems: o.AuthorshipItems, MentionItems: o.MentionItems,
			OwnCustody: o.OwnCustody, OwnCustodyItems: o.OwnCustodyItems, MoreParts: o.MoreParts,
			Evidence: evidenceOf(o.Evidence)}
		for _, p := range o.Parts {
			out.Parts = append(out.Parts, Part{Name: p.Name, Custody: p.Custody, OwnCustody: p.OwnCustody})
		}
		return out
	}
	for _, o := range res.Ranking {
		out.Ranking = append(out.Ranking, owner(o))
	}
	for _, o := range res.Candidates {
		out.Candidates = append(out.Candidates, Candidate{Key: o.Org, Score: o.Score, Evidence: evidenceOf(o.Evidence)})
	}
	for _, o := range res.ClaimEcho {
		out.ClaimEcho = append(out.ClaimEcho, owner(o))
	}
	return out
}

// claimOf converts a fingerprint verdict to the report's form.
func claimOf(v fingerprint.Claim) Claim {
	c := Claim{Claimed: v.Claimed, ClaimedOrg: v.ClaimedOrg, ClaimedName: v.ClaimedName, Verdict: v.Verdict,
		Owner: v.Owner, OwnerName: v.OwnerName, Relation: v.Relation, Reason: v.Reason}
	if len(v.Owners) > 0 {
		c.Owners = slices.Clone(v.Owners)
	}
	return c
}

// StaleClaimAge is how much older than Options.ClaimDate the newest
// content date may be before the claim gets a ClaimStale finding: a
// year. Files are seldom touched every day, so a pack taken last month
// may well hold nothing newer than some months; a year without a single
// newer date says the data is old.
const StaleClaimAge = 365 * 24 * time.Hour

// staleFinding returns the ClaimStale finding when the newest content
// date is more than StaleClaimAge before the claim's date; newestDay is
// the newest date as the timeline shows it.
func staleFinding(newest time.Time, newestDay string, claimDate time.Time) (ClaimFinding, bool) {
	if newest.IsZero() || claimDate.IsZero() || !newest.Before(claimDate.Add(-StaleClaimAge)) {
		return ClaimFinding{}, false
	}
	if newestDay == "" {
		newestDay = newest.Format(time.DateOnly)
	}
	return ClaimFinding{Kind: ClaimStale, Detail: fmt.Sprintf("the newest file is from %s; the claim says %s",
		newestDay, claimDate.Format(time.DateOnly))}, true
}

func evidenceOf(es []fingerprint.Evidence) []Evidence {
	out := make([]Evidence, len(es))
	for i, e := range es {
		out[i] = Evidence{Item: e.Item, Signal: e.Signal, Role: string(e.Role), Match: e.Match, Weight: e.Weight}
	}
	return out
}

// attributionItem converts an item: its path, its metadata values under
// the field names of package fingerprint, its text, and its Index, the
// order in which the attributor counts it (see stream.go: items are read
// as they are done, counted in the walk's order). Mail items give
// their senders, recipients and Received hosts as mail fields, not as
// authors and hosts, so that the addresses of outside recipients are
// never read as ownership.
func attributionItem(it *Item) fingerprint.Item {
	fi := fingerprint.Item{Path: it.Path, Kind: it.Kind, Text: it.Text, TextSource: it.TextSource, Index: it.Index}
	if it.OCR != nil && len(it.OCR.Alternatives) > 0 {
		fi.AltText = strings.Join(it.OCR.Alternatives, "\n")
	}
	m := &it.Metadata
	add := func(name string, vs ...string) {
		for _, v := range vs {
			if v != "" {
				fi.Fields = append(fi.Fields, fingerprint.Field{Name: name, Value: v})
			}
		}
	}
	add(fingerprint.FieldOrganisation, m.Organisation)
	add(fingerprint.FieldSoftware, m.Software, m.Camera)
	add(fingerprint.FieldTitle, m.Title)
	add(fingerprint.FieldPath, m.Paths...)
	mail := false
	for _, k := range []string{"email", "msg"} {
		raw, ok := m.Raw[k].(map[string]any)
		if !ok {
			continue
		}
		mail = true
		add(fingerprint.FieldMailFrom, rawStrings(raw["From"])...)
		add(fingerprint.FieldMailFrom, rawStrings(raw["Sender"])...)
		for _, h := range []string{"To", "Cc", "Bcc"} {
			add(fingerprint.FieldMailTo, rawStrings(raw[h])...)
		}
		add(fingerprint.FieldMailReceived, rawStrings(raw["ReceivedHosts"])...)
	}
	if !mail {
		add(fingerprint.FieldAuthor, m.Authors...)
		add(fingerprint.FieldHost, hostFieldValues(m)...)
	}
	add(fingerprint.FieldLastModifiedBy, m.LastModifiedBy)
	if raw, ok := m.Raw["exif"].(map[string]any); ok {
		add(fingerprint.FieldCopyright, rawStrings(raw["Artist"])...)
		add(fingerprint.FieldCopyright, rawStrings(raw["Copyright"])...)
	}
	if raw, ok := m.Raw["xmp"].(map[string]any); ok {
		add(fingerprint.FieldCopyright, rawStrings(raw["dc:rights"])...)
	}
	return fi
}

// hostFieldValues returns the values of an item's host field: its
// e-mail addresses, lower-cased, and the hosts something other than an
// address names (meta.Metadata.NamedHosts), sorted. The addresses are
// read as people's, the hosts as the item's own; the domain that
// Harvest adds to Hosts for each address is left out, so that an
// address counts once, as it did when addresses and hosts shared one
// list.
func hostFieldValues(m *Metadata) []string {
	named := m.NamedHosts()
	out := make([]string, 0, len(m.Emails)+len(named))
	for _, e := range m.Emails {
		out = append(out, strings.ToLower(e))
	}
	out = append(out, named...)
	slices.Sort(out)
	return slices.Compact(out)
}

// rawStrings returns the strings of a raw metadata value: a string, or a
// list of them.
func rawStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []string:
		return x
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
