package similar

import (
	"encoding/binary"
	"fmt"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Text signature parameters. SigLen, ShingleWords, the seeds (sigSeed and
// the way slotHash derives one hash function per slot from it) and the
// normalisation of Tokens define what a stored signature means: changing
// any of them makes old signatures incomparable with new ones, a schema
// change for a stored library, marked by bumping SigVersion.
const (
	// SigVersion names the signature scheme below; a library stores it
	// beside its signatures and re-hashes when it differs.
	SigVersion = 1
	// SigLen is the number of MinHash slots of a TextSig. The standard
	// error of Similarity as an estimate of the Jaccard index J is
	// sqrt(J(1-J)/SigLen): at most 0.044.
	SigLen = 128
	// ShingleWords is k, the number of consecutive tokens in a shingle,
	// chosen by measurement (internal/reusegen/cmd/reusemeasure): of
	// k = 1…5, k = 4 and 5 leave the widest gaps on the decided half
	// between the least similar re-saved copy and the most similar fresh
	// text of the same template (0.328 against 0.180, and 0.328 against
	// 0.133), and both keep every copy and no fresh text on the held-out
	// half; k = 4 loses fewer shingles to a misread word in OCR text. With
	// k = 1 or 2, fresh texts of one template share their vocabulary
	// (towns, first names, column names) and come within 0.15 and 0.08 of
	// the copies.
	ShingleWords = 4
	// MinShingles is the fewest distinct shingles a text needs to get a
	// signature. A shorter text ("OK", a one-line note) would match any
	// other that contains the same few words, so HashText gives it none.
	MinShingles = 8
	// MaxTextBytes bounds the text HashText reads: the rest is ignored.
	// Item text is capped earlier by evidence.Limits; this bound keeps the
	// cost of one call at a few tens of milliseconds whatever the caller.
	MaxTextBytes = 4 << 20

	// Bands and BandRows are the LSH banding of a signature: Bands keys of
	// BandRows slots each (Bands × BandRows = SigLen). Two texts of
	// Jaccard index J share at least one key with probability
	// 1 - (1 - J^BandRows)^Bands: 50 % at J ≈ (1/Bands)^(1/BandRows) =
	// 0.125 for 64 × 2, 95 % at J = 0.21 and 99.9 % at J = 0.32, so that
	// candidates by band miss almost no text at TextMatch (0.25). 32 × 4
	// would put the 50 % point at 0.42, above TextMatch. Unrelated texts
	// have J near 0 and share a key with probability about 64·J².
	Bands    = 64
	BandRows = SigLen / Bands

	// sigSeed is the fixed seed of the slot hash functions. Never change
	// it without bumping SigVersion.
	sigSeed = 0x70726f6f667061c7 // "proofpa" and a tag byte
)

// TextSig is a MinHash signature of a text: SigLen slots, each the
// smallest value of one hash function over the text's shingles. A nil
// TextSig means the text was too short to sign (see MinShingles); it is
// similar to nothing.
type TextSig []uint32

// slotCoef holds, for each slot, the odd multiplier and the addend of its
// multiply-shift hash function, drawn from sigSeed by SplitMix64. They are
// derived in code rather than listed, which is as stable: the derivation
// is part of the schema (SigVersion).
var slotCoef = func() (c [SigLen][2]uint64) {
	s := uint64(sigSeed)
	for i := range c {
		c[i][0] = splitmix(&s) | 1
		c[i][1] = splitmix(&s)
	}
	return c
}()

// splitmix advances the SplitMix64 state s and returns its next output.
func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// HashText returns the MinHash signature of s's normalised text with
// shingles of ShingleWords tokens, or nil when s has fewer than
// MinShingles distinct shingles.
func HashText(s string) TextSig { return HashTextK(s, ShingleWords) }

// HashTextK is HashText with shingles of k tokens (k ≥ 1). It exists to
// measure the choice of ShingleWords; signatures of different k do not
// compare, and a library stores HashText's only.
func HashTextK(s string, k int) TextSig {
	if k < 1 {
		k = 1
	}
	shingles := Shingles(s, k)
	if len(shingles) < MinShingles {
		return nil
	}
	sig := make(TextSig, SigLen)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, x := range shingles {
		for i := range sig {
			// Multiply-shift: the high half of a·x + b with a odd is a
			// universal hash of x; x is already a 64-bit hash.
			v := uint32((slotCoef[i][0]*x + slotCoef[i][1]) >> 32)
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Shingles returns the distinct shingles of k consecutive tokens of s
// (see Tokens), each as a 64-bit hash, in order of first occurrence. A
// text with fewer than k tokens has one shingle of them all, or none when
// it has no token.
func Shingles(s string, k int) []uint64 {
	toks := Tokens(s)
	if len(toks) == 0 {
		return nil
	}
	if k < 1 {
		k = 1
	}
	th := make([]uint64, len(toks))
	for i, t := range toks {
		th[i] = fnv64(t)
	}
	n := max(len(th)-k+1, 1)
	seen := make(map[uint64]struct{}, n)
	out := make([]uint64, 0, n)
	for i := range n {
		h := uint64(k)
		for _, t := range th[i:min(i+k, len(th))] {
			h = mix64(h*0x9e3779b97f4a7c15 ^ t)
		}
		if _, dup := seen[h]; !dup {
			seen[h] = struct{}{}
			out = append(out, h)
		}
	}
	return out
}

// Tokens returns the words of s as the signature sees them: s (at most
// MaxTextBytes of it) in Unicode NFKC, case-folded, cut at every character
// that is neither a letter, a mark nor a digit. Punctuation, spaces,
// line ends, CSV quotes and separators all only break tokens, so a text
// re-saved with other whitespace or a CSV re-exported with other quoting
// or separators gives the same tokens. Digits are kept: numbers are most
// of what tells one record from another, and a point between two digits
// is part of its token (a decimal number, an IP address). Numbers and
// dates are first
// written one way (see canonicalNumbers), so that a CSV a spreadsheet has
// opened and saved again, with its own date and number formats, keeps
// its tokens. Han, hiragana and katakana
// characters are tokens of one character each, since Japanese text does
// not separate its words.
func Tokens(s string) []string {
	if len(s) > MaxTextBytes {
		s = s[:MaxTextBytes]
	}
	s = canonicalNumbers(cases.Fold().String(norm.NFKC.String(s)))
	var toks []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			tok := s[start:end]
			if isDigits(tok) {
				tok = trimZeros(tok) // 0041 and 41 are one number
			}
			toks = append(toks, tok)
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case isIdeographic(r):
			flush(i)
			toks = append(toks, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if start < 0 {
				start = i
			}
		case r == '.' && start >= 0 && i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1]):
			// A point between digits stays in the token: 980.5, 10.0.0.1.
		default:
			flush(i)
		}
	}
	flush(len(s))
	return toks
}

func isIdeographic(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// fnv64 is 64-bit FNV-1a, then mixed so that short tokens spread over all
// bits.
func fnv64(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return mix64(h)
}

// mix64 is the SplitMix64 finaliser.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Similarity returns the share of slots in which a and b agree: an
// estimate of the Jaccard index of their shingle sets. It is 0 when
// either signature is nil (a text too short to sign) or when their
// lengths differ.
func (a TextSig) Similarity(b TextSig) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// Bands returns the LSH keys of a: one per band of BandRows consecutive
// slots, the band's number and slots hashed to 64 bits. Two signatures
// that share a key agree on a whole band; an index of keys finds, for a
// new signature, the stored ones that probably have a Similarity above
// the S-curve's midpoint (see Bands, the constant). The band number is in
// the key, so that one table can hold the keys of every band. A nil or
// wrong-length signature has no keys.
func (a TextSig) Bands() []uint64 {
	if len(a) != SigLen {
		return nil
	}
	keys := make([]uint64, Bands)
	var buf [4]byte
	for b := range Bands {
		h := uint64(0xcbf29ce484222325) ^ uint64(b)
		for _, v := range a[b*BandRows : (b+1)*BandRows] {
			binary.LittleEndian.PutUint32(buf[:], v)
			for _, c := range buf {
				h ^= uint64(c)
				h *= 0x100000001b3
			}
		}
		keys[b] = mix64(h)
	}
	return keys
}

// MarshalBinary returns a as SigLen little-endian 32-bit words (empty for
// a nil signature), the form a library stores.
func (a TextSig) MarshalBinary() ([]byte, error) {
	out := make([]byte, 4*len(a))
	for i, v := range a {
		binary.LittleEndian.PutUint32(out[4*i:], v)
	}
	return out, nil
}

// ParseTextSig reads back what MarshalBinary wrote: empty bytes give a
// nil signature, SigLen words a signature, anything else an error.
func ParseTextSig(b []byte) (TextSig, error) {
	if len(b) == 0 {
		return nil, nil
	}
	if len(b) != 4*SigLen {
		return nil, fmt.Errorf("%w: text signature of %d bytes, want %d", ErrHash, len(b), 4*SigLen)
	}
	sig := make(TextSig, SigLen)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig, nil
}
