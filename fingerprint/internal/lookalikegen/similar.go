package lookalikegen

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// Options says how the table is made; the zero value of a field means
// its default.
type Options struct {
	// Fonts are the faces the characters are drawn in (default Fonts).
	Fonts []FontFile
	// Threshold is the similarity a pair needs to be listed (default
	// DefaultThreshold).
	Threshold float64
	// Neighbours bounds the characters listed as similar to one
	// character: a pair is listed when it is among the Neighbours most
	// similar of either of its characters (default DefaultNeighbours).
	Neighbours int
	// Blur is the standard deviation, in grid cells, of the Gaussian the
	// bitmaps are blurred with before they are compared (default
	// DefaultBlur).
	Blur float64
}

// Defaults of Options, chosen on the decided half of the known OCR
// confusions (see the package documentation).
const (
	DefaultThreshold  = 0.55
	DefaultNeighbours = 10
	DefaultBlur       = 1.5
)

func (o Options) withDefaults() Options {
	if len(o.Fonts) == 0 {
		o.Fonts = Fonts
	}
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Neighbours == 0 {
		o.Neighbours = DefaultNeighbours
	}
	if o.Blur == 0 {
		o.Blur = DefaultBlur
	}
	return o
}

// Pair is two characters that look alike, A < B, with their
// similarity.
type Pair struct {
	A, B rune
	Sim  float64
}

// Table is the result of Build.
type Table struct {
	// Options are the options it was made with, defaults filled in.
	Options Options
	// Chars are the characters compared, Skipped those left out because
	// a font has no glyph for them.
	Chars, Skipped []rune
	// Pairs are the listed pairs, by A then B.
	Pairs []Pair
}

// features holds every character's bitmaps, blurred and standardised
// (zero mean, unit norm, scaled by 1/sqrt(fonts)), font after font: the
// dot product of two rows is the mean over the fonts of the Pearson
// correlation of the two characters' bitmaps.
type features struct {
	n, dim int
	data   []float32
}

func (f *features) row(i int) []float32 { return f.data[i*f.dim : (i+1)*f.dim] }

// render draws every character in every font. A character some font
// lacks is skipped.
func render(ctx context.Context, chars []rune, o Options) (*features, []rune, []rune, error) {
	var rds []*renderer
	for _, ff := range o.Fonts {
		f, err := loadFont(ff)
		if err != nil {
			return nil, nil, nil, err
		}
		rd, err := newRenderer(f)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", ff.Path, err)
		}
		rds = append(rds, rd)
	}
	kernel := gaussian(o.Blur)
	dim := Grid * Grid * len(rds)
	scale := float32(1 / math.Sqrt(float64(len(rds))))
	ft := &features{dim: dim}
	var kept, skipped []rune
	row := make([]float32, dim)
next:
	for _, r := range chars {
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, err
		}
		for k, rd := range rds {
			g, ok, err := rd.glyph(r)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("%s: %w", o.Fonts[k].Path, err)
			}
			if !ok {
				skipped = append(skipped, r)
				continue next
			}
			blurred := blur(&g, kernel)
			standardise(blurred[:], scale)
			copy(row[k*Grid*Grid:], blurred[:])
		}
		ft.data = append(ft.data, row...)
		kept = append(kept, r)
	}
	ft.n = len(kept)
	return ft, kept, skipped, nil
}

// gaussian returns a normalised 1-D kernel of standard deviation s.
func gaussian(s float64) []float64 {
	rad := int(math.Ceil(3 * s))
	k := make([]float64, 2*rad+1)
	sum := 0.0
	for i := range k {
		x := float64(i - rad)
		k[i] = math.Exp(-x * x / (2 * s * s))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	return k
}

// blur convolves g with the kernel along both axes (zero outside).
func blur(g *Glyph, k []float64) Glyph {
	rad := len(k) / 2
	var tmp [Grid * Grid]float64
	for y := range Grid {
		for x := range Grid {
			s := 0.0
			for i, w := range k {
				if xx := x + i - rad; xx >= 0 && xx < Grid {
					s += w * float64(g[y*Grid+xx])
				}
			}
			tmp[y*Grid+x] = s
		}
	}
	var out Glyph
	for y := range Grid {
		for x := range Grid {
			s := 0.0
			for i, w := range k {
				if yy := y + i - rad; yy >= 0 && yy < Grid {
					s += w * tmp[yy*Grid+x]
				}
			}
			out[y*Grid+x] = float32(s)
		}
	}
	return out
}

// standardise makes v zero-mean with norm scale (all zero stays so).
func standardise(v []float32, scale float32) {
	mean := 0.0
	for _, x := range v {
		mean += float64(x)
	}
	mean /= float64(len(v))
	ss := 0.0
	for i := range v {
		d := float64(v[i]) - mean
		v[i] = float32(d)
		ss += d * d
	}
	if ss == 0 {
		return
	}
	f := float64(scale) / math.Sqrt(ss)
	for i := range v {
		v[i] = float32(float64(v[i]) * f)
	}
}

// exactSim is the similarity of rows i and j summed in float64 in one
// fixed order, so that the listed figures do not depend on how the
// matrix product below was blocked or vectorised.
func (f *features) exactSim(i, j int) float64 {
	a, b := f.row(i), f.row(j)
	s := 0.0
	for k := range a {
		s += float64(a[k]) * float64(b[k])
	}
	return s
}

// candidateExtra is how many more candidates than Neighbours the fast
// float32 product keeps per character before exactSim ranks them again:
// rounding may swap near ties, never move a pair that far.
const candidateExtra = 8

// blockRows is how many rows one matrix product takes at a time.
const blockRows = 256

// Build renders the characters, compares every pair and returns the
// table: the pairs whose similarity is at least o.Threshold and that are
// among the o.Neighbours most similar of either character.
func Build(ctx context.Context, chars []rune, o Options) (*Table, error) {
	o = o.withDefaults()
	ft, kept, skipped, err := render(ctx, chars, o)
	if err != nil {
		return nil, err
	}
	n := ft.n
	// near[i] holds the best candidates of character i.
	near := make([][]Pair, n)
	impl := gonum.Implementation{}
	out := make([]float32, blockRows*n)
	keep := o.Neighbours + candidateExtra
	type cand struct {
		j int
		s float32
	}
	top := make([]cand, 0, keep+1)
	for i0 := 0; i0 < n; i0 += blockRows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m := min(blockRows, n-i0)
		impl.Sgemm(blas.NoTrans, blas.Trans, m, n, ft.dim, 1,
			ft.data[i0*ft.dim:], ft.dim, ft.data, ft.dim, 0, out, n)
		for ii := range m {
			i := i0 + ii
			top = top[:0]
			for j, s := range out[ii*n : (ii+1)*n] {
				if j == i || (len(top) == keep && s <= top[keep-1].s) {
					continue
				}
				k := len(top)
				if k < keep {
					top = append(top, cand{})
				} else {
					k--
				}
				for k > 0 && top[k-1].s < s {
					top[k] = top[k-1]
					k--
				}
				top[k] = cand{j, s}
			}
			var ps []Pair
			for _, c := range top {
				if s := ft.exactSim(i, c.j); s >= o.Threshold {
					ps = append(ps, Pair{A: kept[i], B: kept[c.j], Sim: s})
				}
			}
			slices.SortFunc(ps, func(x, y Pair) int {
				if c := cmp.Compare(y.Sim, x.Sim); c != 0 {
					return c
				}
				return cmp.Compare(x.B, y.B)
			})
			if len(ps) > o.Neighbours {
				ps = ps[:o.Neighbours]
			}
			near[i] = ps
		}
	}
	seen := map[[2]rune]bool{}
	var pairs []Pair
	for _, l := range near {
		for _, p := range l {
			a, b := min(p.A, p.B), max(p.A, p.B)
			if seen[[2]rune{a, b}] {
				continue
			}
			seen[[2]rune{a, b}] = true
			pairs = append(pairs, Pair{A: a, B: b, Sim: p.Sim})
		}
	}
	slices.SortFunc(pairs, func(x, y Pair) int {
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	return &Table{Options: o, Chars: kept, Skipped: skipped, Pairs: pairs}, nil
}
