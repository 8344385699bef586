package evidence

import (
	"context"

	"github.com/proofpack/proofpack/fingerprint"
)

// attribute ranks the organisations the report's items belong to and
// judges the claim, filling rep.Attribution and rep.Claim. It runs last,
// when metadata and OCR text are in the items.
func attribute(ctx context.Context, rep *Report, opts Options) error {
	cat := opts.Orgs
	if cat == nil {
		cat = fingerprint.Default()
	}
	items := make([]fingerprint.Item, len(rep.Items))
	for i := range rep.Items {
		items[i] = attributionItem(&rep.Items[i])
	}
	res, err := fingerprint.Attribute(ctx, cat, items, fingerprint.Options{})
	if err != nil {
		return err
	}
	rep.Attribution = attributionOf(res)
	if opts.Claim != "" {
		v := res.Verdict(opts.Claim)
		rep.Claim = Claim{Claimed: v.Claimed, Verdict: v.Verdict, Owner: v.Owner, Reason: v.Reason}
	}
	return nil
}

// attributionOf converts a fingerprint result to the report's form.
func attributionOf(res *fingerprint.Result) Attribution {
	out := Attribution{Ranking: make([]Owner, 0, len(res.Ranking)), Candidates: make([]Candidate, 0, len(res.Candidates))}
	for _, o := range res.Ranking {
		out.Ranking = append(out.Ranking, Owner{Org: o.Org, Name: o.Name, Score: o.Score,
			Confidence: o.Confidence, Evidence: evidenceOf(o.Evidence)})
	}
	for _, o := range res.Candidates {
		out.Candidates = append(out.Candidates, Candidate{Key: o.Org, Score: o.Score, Evidence: evidenceOf(o.Evidence)})
	}
	return out
}

func evidenceOf(es []fingerprint.Evidence) []Evidence {
	out := make([]Evidence, len(es))
	for i, e := range es {
		out[i] = Evidence{Item: e.Item, Signal: e.Signal, Role: string(e.Role), Match: e.Match, Weight: e.Weight}
	}
	return out
}

// attributionItem converts an item: its path, its metadata values under
// the field names of package fingerprint, and its text. Mail items give
// their senders, recipients and Received hosts as mail fields, not as
// authors and hosts, so that the addresses of outside recipients are
// never read as ownership.
func attributionItem(it *Item) fingerprint.Item {
	fi := fingerprint.Item{Path: it.Path, Kind: it.Kind, Text: it.Text, TextSource: it.TextSource}
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
		add(fingerprint.FieldHost, m.Hosts...)
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
