package evidence

import "github.com/proofpack/proofpack/evidence/unpack"

// Limits bounds every resource a triage may use. It embeds the archive
// limits of package unpack, whose fields are promoted (Limits.MaxDepth and
// so on); later stages add theirs here. Zero fields take their defaults,
// never "unlimited".
type Limits struct {
	unpack.Limits
}

// DefaultLimits returns the limits used for zero fields.
func DefaultLimits() Limits {
	return Limits{Limits: unpack.DefaultLimits()}
}

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	l.Limits = l.Limits.WithDefaults()
	return l
}
