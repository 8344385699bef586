package main

import (
	"flag"

	"github.com/proofpack/proofpack/evidence"
)

// redactFlags declares -redact.
func (c *config) redactFlags(fs *flag.FlagSet) {
	fs.BoolVar(&c.redact, "redact", false, "mask personal data in every output (people's names, the local parts of e-mail addresses, phone numbers, postal addresses, account and home-directory users; evidence.Redact): the domains, hosts, hashes, scores and verdict stay, and the HTML shows no screenshot; the items are held until the triage ends, so that a name found in one is masked in all, and memory grows with them as for -html")
}

// redaction holds the items of a run with -redact until the triage is
// over: a name found in the last item must be masked in the first, so
// nothing is written before every item is read.
type redaction struct {
	on    bool
	items []evidence.Item
}

// hold keeps an item back, when -redact is on; it reports whether it
// did.
func (r *redaction) hold(it evidence.Item) bool {
	if !r.on {
		return false
	}
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
