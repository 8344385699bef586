package ocr

import (
	"image"
	"math"
)

// weightBits is the fixed-point precision of resampling weights.
const weightBits = 14

// taps are the source indices and weights that make one output sample.
type taps struct {
	start   []int32 // first source index of each output sample
	weights []int32 // n weights per output sample, summing to 1<<weightBits
	n       int
}

// kernel returns the support radius and the weight function of f.
func kernel(f Filter) (float64, func(float64) float64) {
	switch f {
	case FilterNearest:
		return 0.5, func(x float64) float64 {
			if x >= -0.5 && x < 0.5 {
				return 1
			}
			return 0
		}
	case FilterBilinear:
		return 1, func(x float64) float64 {
			x = math.Abs(x)
			if x < 1 {
				return 1 - x
			}
			return 0
		}
	default: // Catmull-Rom, the cubic with B=0, C=1/2
		return 2, func(x float64) float64 {
			x = math.Abs(x)
			switch {
			case x < 1:
				return (1.5*x-2.5)*x*x + 1
			case x < 2:
				return ((-0.5*x+2.5)*x-4)*x + 2
			}
			return 0
		}
	}
}

// makeTaps computes the taps that upscale in samples to out samples.
// Source indices are clamped to the edge.
func makeTaps(in, out int, f Filter) taps {
	radius, k := kernel(f)
	n := int(math.Ceil(2 * radius))
	if f == FilterNearest {
		n = 1
	}
	t := taps{start: make([]int32, out), weights: make([]int32, out*n), n: n}
	ratio := float64(in) / float64(out)
	fw := make([]float64, n)
	for o := 0; o < out; o++ {
		center := (float64(o)+0.5)*ratio - 0.5
		first := int(math.Floor(center - radius + 1))
		if f == FilterNearest {
			first = int(math.Floor(center + 0.5))
		}
		var sum float64
		for i := range fw {
			fw[i] = k(float64(first+i) - center)
			if f == FilterNearest {
				fw[i] = 1
			}
			sum += fw[i]
		}
		// Fold taps that fall outside the source onto the edge pixels,
		// so that the start index stays in range.
		start := min(max(first, 0), in-n)
		if in < n {
			start = 0
		}
		ws := t.weights[o*n : (o+1)*n]
		var isum int32
		for i := range fw {
			src := min(max(first+i, 0), in-1)
			j := src - start
			if j < 0 || j >= n {
				j = min(max(j, 0), n-1)
			}
			v := int32(math.Round(fw[i] / sum * (1 << weightBits)))
			ws[j] += v
			isum += v
		}
		// Put the rounding error on the largest weight.
		big := 0
		for i := range ws {
			if ws[i] > ws[big] {
				big = i
			}
		}
		ws[big] += 1<<weightBits - isum
		t.start[o] = int32(start)
	}
	return t
}

// resample scales src (bounds from (0, 0), stride = width) into the
// rectangle r of dst with the separable kernel f.
func resample(dst *image.Gray, r image.Rectangle, src *image.Gray, f Filter) {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := r.Dx(), r.Dy()
	tx := makeTaps(sw, dw, f)
	ty := makeTaps(sh, dh, f)
	// Horizontal pass: sh rows of dw samples.
	tmp := make([]uint8, dw*sh)
	for y := 0; y < sh; y++ {
		s := src.Pix[y*sw : (y+1)*sw]
		d := tmp[y*dw : (y+1)*dw]
		switch tx.n {
		case 4:
			for x := range d {
				st := int(tx.start[x])
				if st+4 > len(s) {
					d[x] = hsum(s, st, tx.weights[x*tx.n:(x+1)*tx.n])
					continue
				}
				w := tx.weights[4*x : 4*x+4 : 4*x+4]
				p := s[st : st+4 : st+4]
				v := w[0]*int32(p[0]) + w[1]*int32(p[1]) + w[2]*int32(p[2]) + w[3]*int32(p[3])
				d[x] = clamp8((v + 1<<(weightBits-1)) >> weightBits)
			}
		default:
			for x := range d {
				d[x] = hsum(s, int(tx.start[x]), tx.weights[x*tx.n:(x+1)*tx.n])
			}
		}
	}
	// Vertical pass: accumulate weighted rows of tmp.
	acc := make([]int32, dw)
	for y := 0; y < dh; y++ {
		clear(acc)
		st := int(ty.start[y])
		for i, wt := range ty.weights[y*ty.n : (y+1)*ty.n] {
			row := st + i
			if wt == 0 || row >= sh {
				continue
			}
			s := tmp[row*dw : (row+1)*dw]
			for x, v := range s {
				acc[x] += wt * int32(v)
			}
		}
		d := dst.Pix[(r.Min.Y+y)*dst.Stride+r.Min.X:]
		d = d[:dw]
		for x, v := range acc {
			d[x] = clamp8((v + 1<<(weightBits-1)) >> weightBits)
		}
	}
}

// hsum is the general weighted sum of s[st:] for one output sample.
func hsum(s []uint8, st int, w []int32) uint8 {
	var v int32
	for i, wt := range w {
		if st+i < len(s) {
			v += wt * int32(s[st+i])
		}
	}
	return clamp8((v + 1<<(weightBits-1)) >> weightBits)
}

// Crop returns the part r of g (clipped to g's bounds), upscaled by
// scale (values ≤ 1 mean no scaling; at most 6) with the Catmull-Rom
// kernel and surrounded by a white border of pad pixels, as a new image
// whose bounds start at (0, 0). Engines use it to read one text segment
// at the size they read best. The scale actually applied is returned
// (the output size is rounded to whole pixels).
func Crop(g *image.Gray, r image.Rectangle, scale float64, pad int) (*image.Gray, float64, float64) {
	r = r.Intersect(g.Bounds())
	w, h := r.Dx(), r.Dy()
	pad = max(pad, 0)
	if w <= 0 || h <= 0 {
		return image.NewGray(image.Rect(0, 0, 2*pad+1, 2*pad+1)), 1, 1
	}
	scale = min(max(scale, 1), maxScale)
	ow, oh := int(math.Round(float64(w)*scale)), int(math.Round(float64(h)*scale))
	dst := image.NewGray(image.Rect(0, 0, ow+2*pad, oh+2*pad))
	for i := range dst.Pix {
		dst.Pix[i] = 0xff
	}
	src := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		i := g.PixOffset(r.Min.X, r.Min.Y+y)
		copy(src.Pix[y*w:(y+1)*w], g.Pix[i:i+w])
	}
	inner := image.Rect(pad, pad, pad+ow, pad+oh)
	if ow == w && oh == h {
		for y := 0; y < h; y++ {
			copy(dst.Pix[(pad+y)*dst.Stride+pad:], src.Pix[y*w:(y+1)*w])
		}
	} else {
		resample(dst, inner, src, FilterCatmullRom)
	}
	return dst, float64(ow) / float64(w), float64(oh) / float64(h)
}
