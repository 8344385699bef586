package similar

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// naiveBox is the moving average of boxFilter written directly: the mean
// of the samples of the window that exist.
func naiveBox(v []float64, win int) []float64 {
	out := make([]float64, len(v))
	before := (win - 1) / 2
	after := win - 1 - before
	for i := range v {
		s, n := 0.0, 0
		for j := i - before; j <= i+after; j++ {
			if j >= 0 && j < len(v) {
				s += v[j]
				n++
			}
		}
		out[i] = s / float64(n)
	}
	return out
}

func TestBoxFilterMatchesNaive(t *testing.T) {
	v := make([]float64, 37)
	for i := range v {
		v[i] = float64((i * 7919) % 255)
	}
	for _, win := range []int{1, 2, 3, 4, 8, 36, 37, 80} {
		want := naiveBox(v, win)
		got := append([]float64(nil), v...)
		boxFilter(got, make([]float64, len(v)), win)
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-9 {
				t.Fatalf("win %d: [%d] = %g, want %g", win, i, got[i], want[i])
			}
		}
	}
}

// TestDownsampleMatchesFullFilter checks the claim of downsample: filtering
// rows twice then columns twice, keeping only the sampled columns, gives
// the grid of the reference order (X, Y, X, Y over the whole image).
func TestDownsampleMatchesFullFilter(t *testing.T) {
	w, h := 301, 517
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	s := uint32(1)
	for y := range h {
		for x := range w {
			s = s*1664525 + 1013904223
			img.SetRGBA(x, y, color.RGBA{uint8(s >> 24), uint8(s >> 16), uint8(s >> 8), 0xff})
		}
	}
	full := make([][]float64, h)
	for y := range h {
		full[y] = make([]float64, w)
		luminanceRow(img, y, full[y])
	}
	winX, winY := boxWindow(w), boxWindow(h)
	for range 2 {
		for y := range h {
			full[y] = naiveBox(full[y], winX)
		}
		col := make([]float64, h)
		for x := range w {
			for y := range h {
				col[y] = full[y][x]
			}
			col = naiveBox(col, winY)
			for y := range h {
				full[y][x] = col[y]
			}
		}
	}
	rows, cols := sampleIndex(h), sampleIndex(w)
	got := downsample(img)
	for r := range gridSide {
		for c := range gridSide {
			if want := full[rows[r]][cols[c]]; math.Abs(got[r*gridSide+c]-want) > 1e-6 {
				t.Fatalf("grid[%d][%d] = %g, want %g", r, c, got[r*gridSide+c], want)
			}
		}
	}
}

func TestDCTMatchesDefinition(t *testing.T) {
	var g [gridSide * gridSide]float64
	for i := range g {
		g[i] = float64((i*31)%97) - 40
	}
	got := dct16(&g)
	for u := range dctSide {
		for v := range dctSide {
			want := 0.0
			for i := range gridSide {
				for j := range gridSide {
					want += dctMatrix[u][i] * g[i*gridSide+j] * dctMatrix[v][j]
				}
			}
			if math.Abs(got[u*dctSide+v]-want) > 1e-6 {
				t.Fatalf("coefficient (%d,%d) = %g, want %g", u, v, got[u*dctSide+v], want)
			}
		}
	}
	// The basis rows are orthonormal, as a DCT-II's are.
	for a := range dctSide {
		for b := range dctSide {
			dot := 0.0
			for j := range gridSide {
				dot += dctMatrix[a][j] * dctMatrix[b][j]
			}
			want := 0.0
			if a == b {
				want = 1
			}
			if math.Abs(dot-want) > 1e-9 {
				t.Fatalf("rows %d·%d = %g, want %g", a, b, dot, want)
			}
		}
	}
}

func TestBoxWindowAndSamples(t *testing.T) {
	for _, c := range []struct{ n, win int }{{5, 1}, {128, 1}, {129, 2}, {1024, 8}, {1366, 11}} {
		if got := boxWindow(c.n); got != c.win {
			t.Errorf("boxWindow(%d) = %d, want %d", c.n, got, c.win)
		}
	}
	idx := sampleIndex(64)
	for k, x := range idx {
		if x != k {
			t.Fatalf("sampleIndex(64)[%d] = %d, want %d", k, x, k)
		}
	}
	idx = sampleIndex(5)
	if idx[0] != 0 || idx[63] != 4 {
		t.Errorf("sampleIndex(5) ends = %d, %d, want 0, 4", idx[0], idx[63])
	}
}
