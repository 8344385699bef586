package similar

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"math"
	"math/bits"
	"slices"
)

// ImageHash is a 256-bit PDQ perceptual hash. Its bytes hold the hash as
// one big-endian 256-bit number whose bit k (k = 16·row + column of the
// 16×16 DCT block) is 1 when that coefficient is above the median;
// String writes that number in hex, most significant digit first. The
// hashes were not compared with another PDQ implementation's on the same
// images (none can be run here), so treat them as proofpack's own.
type ImageHash [32]byte

// Distance returns the Hamming distance between h and o: the number of
// bits, out of 256, in which they differ. It is symmetric, and 0 only for
// equal hashes.
func (h ImageHash) Distance(o ImageHash) int {
	d := 0
	for i := 0; i < len(h); i += 8 {
		d += bits.OnesCount64(binary.LittleEndian.Uint64(h[i:]) ^ binary.LittleEndian.Uint64(o[i:]))
	}
	return d
}

// String returns h as 64 lower-case hex digits.
func (h ImageHash) String() string { return hex.EncodeToString(h[:]) }

// ParseImageHash reads the 64 hex digits String writes.
func ParseImageHash(s string) (ImageHash, error) {
	var h ImageHash
	if len(s) != 2*len(h) {
		return h, fmt.Errorf("%w: image hash of %d hex digits, want %d", ErrHash, len(s), 2*len(h))
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("%w: %w", ErrHash, err)
	}
	return h, nil
}

// Image hashing parameters. They are PDQ's; changing any of them changes
// every hash (a schema change for a stored library).
const (
	// MinImageSide is the smallest width or height HashImage accepts: a
	// smaller image has too few pixels for 64 distinct samples to mean
	// anything.
	MinImageSide = 5
	// MaxImagePixels bounds the pixels HashImage reads (width × height),
	// so that a synthetic image.Image that claims a huge bounds cannot
	// keep it busy for minutes. Decoded images are bounded earlier by
	// evidence.Limits; this is a backstop 4× the largest default there.
	MaxImagePixels = 1 << 28

	// MinQuality is the PDQ quality under which a hash says little about
	// its image (flat or nearly empty pictures): PDQ's authors advise not
	// to match on such hashes, and so does this package.
	MinQuality = 50

	gridSide = 64 // side of the downsampled luminance grid
	dctSide  = 16 // side of the kept DCT block: 16×16 = 256 bits
)

// ErrImage marks an image HashImage cannot hash: too small, too large, or
// with empty bounds.
var ErrImage = errors.New("similar: image cannot be hashed")

// ErrHash marks a stored hash or signature that cannot be read back.
var ErrHash = errors.New("similar: malformed hash")

// dctMatrix is the 16×64 DCT-II basis PDQ uses: row i is the cosine of
// frequency i+1 (the constant row 0 is left out, as PDQ does, since the
// mean brightness says nothing about the picture's structure), scaled by
// sqrt(2/64).
var dctMatrix = func() (m [dctSide][gridSide]float64) {
	scale := math.Sqrt(2.0 / gridSide)
	for i := range dctSide {
		for j := range gridSide {
			m[i][j] = scale * math.Cos(math.Pi/2/gridSide*float64(i+1)*float64(2*j+1))
		}
	}
	return m
}()

// HashImage computes the PDQ hash of img and its quality (0-100; under
// MinQuality the hash should not be matched on). It follows the published
// description of PDQ (Meta, "The TMK+PDQF Video-Hashing Algorithm and the
// PDQ Image Similarity Algorithm", hashing.pdf in facebook/ThreatExchange):
//
//  1. luminance Y = 0.299 R + 0.587 G + 0.114 B (on 0-255);
//  2. two passes of horizontal and vertical box filters (Jarosz's fast
//     tent filter) whose window is ceil(side / 128), half the distance
//     between two of the 64 samples per axis, then 64×64 samples taken at
//     the centres of 64 equal strips of each axis;
//  3. a 2-D DCT of that grid, of which the 16×16 lowest frequencies but
//     the constant one are kept;
//  4. each bit is 1 when its coefficient is above the median of the 256.
//
// Transparent pixels count as the colour img's RGBA method gives them
// (premultiplied: fully transparent is black). HashImage reads every
// pixel once and allocates a buffer of height × 64 values, never one of
// the image's size.
func HashImage(img image.Image) (ImageHash, int, error) {
	var h ImageHash
	if img == nil {
		return h, 0, fmt.Errorf("%w: nil image", ErrImage)
	}
	b := img.Bounds()
	w, ht := b.Dx(), b.Dy()
	if w < MinImageSide || ht < MinImageSide {
		return h, 0, fmt.Errorf("%w: %dx%d is under %d pixels a side", ErrImage, w, ht, MinImageSide)
	}
	if int64(w)*int64(ht) > MaxImagePixels {
		return h, 0, fmt.Errorf("%w: %dx%d is over %d pixels", ErrImage, w, ht, MaxImagePixels)
	}
	grid := downsample(img)
	quality := gridQuality(&grid)
	coef := dct16(&grid)
	sorted := coef
	slices.Sort(sorted[:])
	// The lower median: with 256 distinct values exactly 128 bits are set.
	median := sorted[len(sorted)/2-1]
	for k, v := range coef {
		if v > median {
			h[len(h)-1-k/8] |= 1 << (k % 8)
		}
	}
	return h, quality, nil
}

// downsample returns the 64×64 luminance grid of img (row-major).
//
// The reference filters the whole image X, Y, X, Y and then samples it.
// Box filters along rows and along columns act on different axes, so they
// commute, and X, Y, X, Y equals X, X then Y, Y: each row is filtered
// twice and only its 64 sampled columns are kept, then each of those 64
// columns is filtered twice and sampled. The result is the same numbers
// (up to rounding) with a buffer of height × 64 instead of the image.
func downsample(img image.Image) [gridSide * gridSide]float64 {
	b := img.Bounds()
	w, ht := b.Dx(), b.Dy()
	winX, winY := boxWindow(w), boxWindow(ht)
	colIdx, rowIdx := sampleIndex(w), sampleIndex(ht)

	row := make([]float64, w)
	tmp := make([]float64, max(w, ht))
	cols := make([]float64, gridSide*ht) // column-major: cols[c*ht+y]
	for y := range ht {
		luminanceRow(img, b.Min.Y+y, row)
		boxFilter(row, tmp[:w], winX)
		boxFilter(row, tmp[:w], winX)
		for c, x := range colIdx {
			cols[c*ht+y] = row[x]
		}
	}
	var grid [gridSide * gridSide]float64
	for c := range gridSide {
		col := cols[c*ht : (c+1)*ht]
		boxFilter(col, tmp[:ht], winY)
		boxFilter(col, tmp[:ht], winY)
		for r, y := range rowIdx {
			grid[r*gridSide+c] = col[y]
		}
	}
	return grid
}

// boxWindow is the box filter's width for a side of n pixels: the
// description asks for half of n/64 (two passes make a tent as wide as
// one sample's strip); it is rounded up so that it is never 0, and 1 (no
// filtering) for sides up to 128.
func boxWindow(n int) int { return (n + 2*gridSide - 1) / (2 * gridSide) }

// sampleIndex returns the pixel index of each of the 64 samples along a
// side of n pixels: the centre of the k-th of 64 equal strips, rounded
// down.
func sampleIndex(n int) [gridSide]int {
	var idx [gridSide]int
	for k := range idx {
		idx[k] = int((float64(k) + 0.5) * float64(n) / gridSide)
	}
	return idx
}

// boxFilter replaces v by its moving average over a window of win
// samples centred on each position (for an even window, one more sample
// after than before). Near the ends the window is cut to the samples that
// exist and the average is over those, so that the edges are not darkened
// by imaginary black pixels; the description leaves the edges open.
func boxFilter(v, tmp []float64, win int) {
	n := len(v)
	if win <= 1 || n == 0 {
		return
	}
	before := (win - 1) / 2
	after := win - 1 - before
	// Running sum over [i-before, i+after] clipped to [0, n).
	sum := 0.0
	for j := 0; j < min(after, n-1)+1; j++ {
		sum += v[j]
	}
	for i := range n {
		lo, hi := max(i-before, 0), min(i+after, n-1)
		tmp[i] = sum / float64(hi-lo+1)
		if next := i + after + 1; next < n {
			sum += v[next]
		}
		if out := i - before; out >= 0 {
			sum -= v[out]
		}
	}
	copy(v, tmp)
}

// luminanceRow writes the luminance (0-255) of row y of img into dst.
// The common concrete types are read directly; a YCbCr image (a decoded
// JPEG) gives its Y plane, which JPEG defines with the same coefficients.
func luminanceRow(img image.Image, y int, dst []float64) {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.RGBA:
		p := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := range dst {
			dst[x] = luma(p[4*x], p[4*x+1], p[4*x+2])
		}
	case *image.NRGBA:
		p := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := range dst {
			a := float64(p[4*x+3]) / 255
			dst[x] = a * luma(p[4*x], p[4*x+1], p[4*x+2])
		}
	case *image.Gray:
		p := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := range dst {
			dst[x] = float64(p[x])
		}
	case *image.YCbCr:
		off := m.YOffset(b.Min.X, y)
		for x := range dst {
			dst[x] = float64(m.Y[off+x])
		}
	default:
		for x := range dst {
			r, g, bb, _ := img.At(b.Min.X+x, y).RGBA()
			dst[x] = (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(bb)) / 257
		}
	}
}

func luma(r, g, b uint8) float64 {
	return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
}

// gridQuality is PDQ's quality: the sum of the absolute differences of
// vertically and horizontally adjacent grid values, each value first
// taken as a whole percentage of full scale (0-100, rounded down), divided
// by 90 and capped at 100. A flat image scores 0; a busy photograph 100.
func gridQuality(g *[gridSide * gridSide]float64) int {
	pct := func(v float64) int { return int(v * 100 / 255) }
	sum := 0
	for i := range gridSide - 1 {
		for j := range gridSide {
			sum += abs(pct(g[(i+1)*gridSide+j]) - pct(g[i*gridSide+j]))
			sum += abs(pct(g[j*gridSide+i+1]) - pct(g[j*gridSide+i]))
		}
	}
	return min(sum/90, 100)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// dct16 returns the 16×16 block D·G·Dᵀ of the grid G, row-major.
func dct16(g *[gridSide * gridSide]float64) [dctSide * dctSide]float64 {
	var t [dctSide][gridSide]float64 // D·G
	for i := range dctSide {
		for k := range gridSide {
			d := dctMatrix[i][k]
			row := g[k*gridSide : (k+1)*gridSide]
			for j, v := range row {
				t[i][j] += d * v
			}
		}
	}
	var out [dctSide * dctSide]float64
	for i := range dctSide {
		for j := range dctSide {
			s := 0.0
			for k := range gridSide {
				s += t[i][k] * dctMatrix[j][k]
			}
			out[i*dctSide+j] = s
		}
	}
	return out
}

// MarshalText writes h as String does, so that a hash in JSON is its 64
// hex digits.
func (h ImageHash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads the 64 hex digits MarshalText writes.
func (h *ImageHash) UnmarshalText(b []byte) error {
	v, err := ParseImageHash(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}
