package main

import (
	"flag"
	"slices"

	"github.com/proofpack/proofpack/evidence"
)

// redactFlags declares -redact.
func (c *config) redactFlags(fs *flag.FlagSet) {
	fs.BoolVar(&c.redact, "redact", false, "mask personal data in every output (people's names, the local parts of e-mail addresses, phone numbers, postal addresses, account and home-directory users; evidence.Redact): the domains, hosts, hashes, scores and verdict stay, and the HTML shows no screenshot; the items are held until the triage ends, so that a name found in one is masked in all, and their text is bounded by -max-report-text as for -html")
}

// redaction holds the items of a run with -redact until the triage is
// over: a name found in the last item must be masked in the first, so
// nothing is written before every item is read.
type redaction struct {
	on    bool
	items []evidence.Item
	// text bounds the text of the items held (-max-report-text), as
	// for -html: past it an item is held without its text, and the
	// report says so (limit_report_text). Without it a pack of text
	// would be held whole in memory.
	text *evidence.TextBudget
}

// newRedaction returns the redaction of a run: on with -redact, holding
// at most max bytes of item text.
func newRedaction(on bool, max int64) *redaction {
	return &redaction{on: on, text: evidence.NewTextBudget(max)}
}

// hold keeps an item back, when -redact is on; it reports whether it
// did.
func (r *redaction) hold(it evidence.Item) bool {
	if !r.on {
		return false
	}
	it.Problems = slices.Clip(it.Problems) // Keep may add one
	r.text.Keep(&it)
	r.items = append(r.items, it)
	return true
}

// release masks the report and the items held (evidence.Redact) and
// hands each item to handle, in the order they came; every output is
// written from them. It does nothing without -redact.
func (r *redaction) release(rep *evidence.Report, handle func(evidence.Item) error) error {
	if !r.on || rep == nil {
		return nil
	}
	if p, ok := r.text.Problem(rep.Package.Name); ok {
		n, _ := r.text.Dropped()
		rep.Problems = append(rep.Problems, p)
		rep.Stats.Problems += n + 1 // the items' problems and the report's
	}
	rep.Items = r.items
	evidence.Redact(rep, evidence.RedactOptions{})
	items := rep.Items
	rep.Items, r.items = nil, nil
	for _, it := range items {
		if err := handle(it); err != nil {
			return err
		}
	}
	return nil
}
