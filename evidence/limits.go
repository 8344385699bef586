package evidence

import (
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/unpack"
)

// Limits bounds every resource a triage may use. It embeds the archive
// limits of package unpack and the metadata limits of package meta, whose
// fields are promoted (Limits.MaxDepth, Limits.MaxTextBytes and so on).
// Zero fields take their defaults, never "unlimited".
type Limits struct {
	unpack.Limits
	MetadataLimits
}

// MetadataLimits are the limits of the metadata stage (package meta),
// embedded in Limits.
type MetadataLimits = meta.Limits

// DefaultLimits returns the limits used for zero fields.
func DefaultLimits() Limits {
	return Limits{}.WithDefaults()
}

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	l.Limits = l.Limits.WithDefaults()
	l.MetadataLimits = l.MetadataLimits.WithDefaults()
	return l
}
