package reusegen

// Seed is the fixed seed of every draw of the set: the same seed gives the
// same pages, texts and transforms on every Go release.
const Seed = 0x5265557365313737 // "ReUse177"

// rng is a small deterministic generator (SplitMix64), so that the set
// does not depend on math/rand's algorithms.
type rng struct{ s uint64 }

// newRNG returns a generator for a stream number under Seed.
func newRNG(stream uint64) *rng {
	r := &rng{s: Seed ^ stream*0x9E3779B97F4A7C15}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

func pick[T any](r *rng, list []T) T { return list[r.intn(len(list))] }
