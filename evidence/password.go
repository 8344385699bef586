package evidence

import (
	"fmt"

	"github.com/proofpack/proofpack/evidence/identify"
)

// lockCount counts, as items are handed on, those that stayed locked for
// want of a password and those that had content, for the
// password_needed problem.
type lockCount struct {
	locked  int // encrypted items not decrypted
	content int // other items with bytes of their own (archives, whose members count, left out)
}

// add counts one item handed on.
func (c *lockCount) add(it *Item) {
	locked := false
	for _, p := range it.Problems {
		locked = locked || p.Code == ProblemEncrypted || p.Code == ProblemWrongPassword
	}
	switch {
	case it.Encrypted && locked:
		c.locked++
	case it.Size > 0 && it.Kind != string(identify.KindArchive):
		c.content++
	}
}

// problem returns the password_needed problem when nothing could be read
// for want of a password: locked items and none with content, or no item
// at all from an archive whose own headers are encrypted (a problem of
// the report says so). withPassword says a password was given.
func (c *lockCount) problem(rep *Report, withPassword bool) (Problem, bool) {
	if c.content > 0 {
		return Problem{}, false
	}
	why := "no password was given"
	if withPassword {
		why = "the password given does not decrypt them"
	}
	if c.locked > 0 {
		what := fmt.Sprintf("all %d entries with content are encrypted", c.locked)
		if c.locked == 1 {
			what = "the one entry with content is encrypted"
		}
		return Problem{Code: ProblemPasswordNeeded, Detail: fmt.Sprintf("%s and %s: nothing could be read; triage it again with the password", what, why)}, true
	}
	if rep.Stats.Items == 0 {
		for _, p := range rep.Problems {
			if p.Code == ProblemEncrypted || p.Code == ProblemWrongPassword {
				return Problem{Code: ProblemPasswordNeeded, Detail: fmt.Sprintf("the archive's headers are encrypted and %s: nothing could be read, not even the names of its entries; triage it again with the password", why)}, true
			}
		}
	}
	return Problem{}, false
}
