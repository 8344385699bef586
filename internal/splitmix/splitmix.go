// Package splitmix is the small deterministic generator of the generated
// test sets (internal/ocrset, internal/reusegen): SplitMix64, written out
// so that a set drawn from a seed is the same on every Go release, which
// math/rand does not promise. It is not for anything but test data.
package splitmix

// gamma is SplitMix64's increment, the odd integer nearest 2^64 over the
// golden ratio.
const gamma = 0x9E3779B97F4A7C15

// Rand is one stream of SplitMix64.
type Rand struct{ s uint64 }

// New returns a stream whose state starts at state and has made one
// draw: the sets' own seeding (a seed and a stream number mixed into the
// state) is theirs, and the first draw moves the state off it.
func New(state uint64) *Rand {
	r := &Rand{s: state}
	r.Uint64()
	return r
}

// Mix returns a state for a seed and a stream number, as internal/ocrset
// draws them: seed times gamma plus the stream.
func Mix(seed, stream uint64) uint64 { return seed*gamma + stream }

// Uint64 returns the next 64 random bits.
func (r *Rand) Uint64() uint64 {
	r.s += gamma
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// Intn returns a number in [0, n); n must be positive.
func (r *Rand) Intn(n int) int { return int(r.Uint64() % uint64(n)) }

// Between returns a number in [lo, hi].
func (r *Rand) Between(lo, hi int) int { return lo + r.Intn(hi-lo+1) }

// Chance is true num times in den.
func (r *Rand) Chance(num, den int) bool { return r.Intn(den) < num }

// Float64 returns a number in [0, 1) with 53 random bits.
func (r *Rand) Float64() float64 { return float64(r.Uint64()>>11) / (1 << 53) }

// Pick returns an element of list, which must not be empty.
func Pick[T any](r *Rand, list []T) T { return list[r.Intn(len(list))] }
