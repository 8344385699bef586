package reusegen

import "github.com/proofpack/proofpack/internal/splitmix"

// Seed is the fixed seed of every draw of the set: the same seed gives the
// same pages, texts and transforms on every Go release.
const Seed = 0x5265557365313737 // "ReUse177"

// rng is the set's deterministic generator (SplitMix64, package
// splitmix), so that the set does not depend on math/rand's algorithms.
type rng = splitmix.Rand

// newRNG returns a generator for a stream number under Seed.
func newRNG(stream uint64) *rng { return splitmix.New(Seed ^ stream*0x9E3779B97F4A7C15) }

func pick[T any](r *rng, list []T) T { return splitmix.Pick(r, list) }
