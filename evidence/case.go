package evidence

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrOption is wrapped by the error a triage returns, before it reads
// anything, when an option holds a value it cannot take (a TLP level
// outside TLP 2.0). Test for it with errors.Is.
var ErrOption = errors.New("evidence: invalid option")

// TLP is a Traffic Light Protocol 2.0 marking (FIRST, 2022): who the
// recipients of a report may share it with. The values are the
// canonical upper-case labels without the "TLP:" prefix; "" is no
// marking.
type TLP string

// The TLP 2.0 levels, from the most open to the most restricted.
const (
	// TLPClear: no limit on disclosure (TLP:WHITE before 2.0).
	TLPClear TLP = "CLEAR"
	// TLPGreen: the recipient's community, not public channels.
	TLPGreen TLP = "GREEN"
	// TLPAmber: the recipient's organisation and its clients, on a
	// need-to-know basis.
	TLPAmber TLP = "AMBER"
	// TLPAmberStrict: the recipient's organisation only.
	TLPAmberStrict TLP = "AMBER+STRICT"
	// TLPRed: the named recipients only.
	TLPRed TLP = "RED"
)

// TLPLevels lists the TLP 2.0 levels, from the most open to the most
// restricted.
var TLPLevels = []TLP{TLPClear, TLPGreen, TLPAmber, TLPAmberStrict, TLPRed}

// ParseTLP reads a TLP marking: a TLP 2.0 level in any case, with or
// without the "TLP:" prefix, and WHITE, the 1.0 name of CLEAR
// ("amber+strict", "TLP:RED", "white"). It returns the canonical level;
// "" (or blanks) gives "" and no error. Any other value is an error
// wrapping ErrOption.
func ParseTLP(s string) (TLP, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "" {
		return "", nil
	}
	t = strings.TrimSpace(strings.TrimPrefix(t, "TLP:"))
	switch t {
	case "WHITE":
		return TLPClear, nil
	}
	for _, l := range TLPLevels {
		if t == string(l) {
			return l, nil
		}
	}
	return "", fmt.Errorf("%w: TLP %q is not a TLP 2.0 level (CLEAR, GREEN, AMBER, AMBER+STRICT or RED)", ErrOption, s)
}

// Label is the marking as documents show it ("TLP:AMBER"), or "" for no
// marking.
func (t TLP) Label() string {
	if t == "" {
		return ""
	}
	return "TLP:" + string(t)
}

// Case identifies the investigation a report belongs to, as the analyst
// gave it (Options.Case, Options.Analyst, Options.TLP). Every output
// echoes it.
type Case struct {
	// ID is the case or ticket identifier.
	ID string `json:"id"`
	// Analyst names who ran the triage.
	Analyst string `json:"analyst"`
	// TLP is the report's sharing marking, canonical (see ParseTLP).
	TLP TLP `json:"tlp"`
}

// IsZero reports whether the case is empty, in which case the report
// leaves it out.
func (c Case) IsZero() bool { return c == Case{} }

// check validates the options a triage cannot run with, before anything
// is read, and returns the case they name with its TLP canonical.
func (o *Options) check() (Case, error) {
	tlp, err := ParseTLP(string(o.TLP))
	if err != nil {
		return Case{}, fmt.Errorf("Options.TLP: %w", err)
	}
	return Case{ID: o.Case, Analyst: o.Analyst, TLP: tlp}, nil
}

// triagedAt is the report's TriagedAt for a triage started at now:
// RFC 3339 in UTC, to the second.
func triagedAt(now func() time.Time) string {
	if now == nil {
		now = time.Now
	}
	return now().UTC().Truncate(time.Second).Format(time.RFC3339)
}
