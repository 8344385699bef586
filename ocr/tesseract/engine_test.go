//go:build cgo

package tesseract

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/proofpack/proofpack/internal/testenv"
	"github.com/proofpack/proofpack/ocr"
)

// Fonts from Debian packages (fonts-dejavu-core, fonts-ipafont-gothic).
const (
	latinFont    = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	japaneseFont = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
)

// loadFace returns a face of the font file at size pixels (at 72 DPI a
// point is a pixel, as on a 96 DPI screen rendering 9.75 pt text).
func loadFace(t testing.TB, path string, size float64) font.Face {
	t.Helper()
	data, err := os.ReadFile(path)
	testenv.Need(t, err, "the font "+path, "fonts-dejavu-core fonts-ipafont-gothic")
	f, err := opentype.Parse(data)
	require.NoError(t, err)
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	require.NoError(t, err)
	return face
}

// placed is a string drawn at a known place.
type placed struct {
	text string
	box  image.Rectangle // ink box, from the font metrics
}

// canvas is a screenshot-like RGBA image that text is drawn on.
type canvas struct {
	img    *image.RGBA
	placed []placed
}

func newCanvas(w, h int) *canvas {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{250, 250, 250, 255}), image.Point{}, draw.Src)
	return &canvas{img: img}
}

// fill paints r with c (a toolbar, a selected row).
func (c *canvas) fill(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// text draws s with its baseline starting at (x, y) and records each
// space-separated word's box.
func (c *canvas) text(face font.Face, x, y int, s string, col color.Color) {
	d := &font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face, Dot: fixed.P(x, y)}
	for i, word := range strings.Split(s, " ") {
		if i > 0 {
			d.DrawString(" ")
		}
		start := d.Dot
		b, _ := d.BoundString(word)
		d.DrawString(word)
		c.placed = append(c.placed, placed{word, image.Rect(b.Min.X.Floor(), b.Min.Y.Floor(), b.Max.X.Ceil(), b.Max.Y.Ceil())})
		_ = start
	}
}

// newEngine returns an engine or skips the test when Tesseract or its
// languages are not installed.
func newEngine(t testing.TB, opt Options) *Engine {
	t.Helper()
	e, err := New(opt)
	if err != nil {
		testenv.Need(t, err, "Tesseract with its English and Japanese data", "libtesseract-dev tesseract-ocr-eng tesseract-ocr-jpn")
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

// screenshot returns a 1366x768 image like a business application: a
// dark title bar with light text, and rows of dark text.
func screenshot(t testing.TB) *canvas {
	latin := loadFace(t, latinFont, 13)
	c := newCanvas(1366, 768)
	c.fill(image.Rect(0, 0, 1366, 40), color.RGBA{32, 36, 44, 255})
	c.text(latin, 16, 26, "Purchase Order Viewer", color.RGBA{235, 235, 235, 255})
	rows := []string{
		"Supplier: Fujitsu Limited",
		"Customer: Toray Industries",
		"Order number 4500012345",
		"Delivery date 2021-05-14",
		"Amount 1,250,000 JPY",
	}
	for i, r := range rows {
		c.text(latin, 40, 90+i*28, r, color.RGBA{30, 30, 30, 255})
	}
	return c
}

func prepare(t testing.TB, img image.Image) *ocr.Prepared {
	t.Helper()
	// As the Pool prepares images for a segmented engine (AdjustPreprocess).
	p, err := ocr.Prepare(img, ocr.Preprocess{Scale: 1})
	require.NoError(t, err)
	return p
}

func abs(v int) int { return max(v, -v) }

// center returns the middle of r.
func center(r image.Rectangle) image.Point {
	return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

func TestRecognizeWordsAndBoxes(t *testing.T) {
	for _, path := range []string{"native", "gosseract"} {
		t.Run(path, func(t *testing.T) {
			e := newEngine(t, Options{Languages: []string{"eng"}})
			if path == "gosseract" {
				e.handle = nil
			} else {
				require.NotNil(t, e.handle, "gosseract's client layout changed: the native path is off")
			}
			c := screenshot(t)
			res, err := e.Recognize(context.Background(), prepare(t, c.img))
			require.NoError(t, err)
			assert.Equal(t, "eng", res.Lang)
			assert.True(t, strings.HasPrefix(res.Engine, "tesseract 5"), res.Engine)
			got := map[string][]ocr.Word{}
			for _, w := range res.Words() {
				got[w.Text] = append(got[w.Text], w)
			}
			found := 0
			for _, p := range c.placed {
				cands := got[p.text]
				if len(cands) == 0 {
					continue
				}
				// The same word may appear twice: take the nearest.
				w := cands[0]
				for _, c := range cands[1:] {
					if abs(center(c.Box).Y-center(p.box).Y) < abs(center(w.Box).Y-center(p.box).Y) {
						w = c
					}
				}
				found++
				// The word's box is where it was drawn, within 3 px.
				assert.InDelta(t, p.box.Min.X, w.Box.Min.X, 3, p.text)
				assert.InDelta(t, p.box.Max.X, w.Box.Max.X, 3, p.text)
				assert.True(t, center(p.box).In(w.Box.Inset(-2)), "%s: drawn at %v, found at %v", p.text, p.box, w.Box)
				assert.Greater(t, w.Conf, 50.0, p.text)
			}
			assert.GreaterOrEqual(t, found, len(c.placed)*8/10, "words found: %q", res.Text)
			assert.Contains(t, res.Text, "Fujitsu Limited")
			assert.Contains(t, res.Text, "Industries")
			assert.Contains(t, res.Text, "Viewer", "the light-on-dark title bar")
			assert.Greater(t, res.Confidence, 70.0)
			for _, l := range res.Lines {
				for _, w := range l.Words {
					assert.True(t, w.Box.In(l.Box.Inset(-2)), "word %v outside line %v", w.Box, l.Box)
				}
			}
		})
	}
}

func TestRecognizeJapanese(t *testing.T) {
	e := newEngine(t, Options{})
	jp := loadFace(t, japaneseFont, 16)
	c := newCanvas(600, 120)
	c.text(jp, 20, 40, "東レ株式会社 御中", color.Black)
	c.text(jp, 20, 80, "見積書 社外秘", color.Black)
	res, err := e.Recognize(context.Background(), prepare(t, c.img))
	require.NoError(t, err)
	assert.Equal(t, "jpn+eng", res.Lang)
	text := strings.ReplaceAll(res.Text, " ", "")
	assert.Contains(t, text, "東レ株式会社")
	assert.Contains(t, text, "見積書")
	require.NotEmpty(t, res.Lines)
	assert.InDelta(t, 20, res.Lines[0].Box.Min.X, 4)
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name    string
		opt     Options
		wantMsg string
	}{
		{"missing language", Options{Languages: []string{"eng", "xyz"}}, "tesseract-ocr-xyz"},
		{"bad language name", Options{Languages: []string{"../eng"}}, "invalid"},
		{"empty data dir", Options{Languages: []string{"eng"}, DataPath: t.TempDir()}, "tesseract-ocr-eng"},
		{"no data dir", Options{DataPath: "/nonexistent/tessdata"}, "no tessdata directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opt)
			require.ErrorIs(t, err, ocr.ErrUnavailable)
			assert.ErrorContains(t, err, tc.wantMsg)
		})
	}
	t.Run("page segmentation mode", func(t *testing.T) {
		_, err := New(Options{PageSegMode: 99})
		require.Error(t, err)
	})
}

func TestOptionsApplied(t *testing.T) {
	for _, psm := range []int{3, 6, 11} {
		t.Run(fmt.Sprint(psm), func(t *testing.T) {
			e := newEngine(t, Options{Languages: []string{"eng"}, PageSegMode: psm, WholePage: true})
			require.NotNil(t, e.handle)
			assert.Equal(t, psm, pageSegMode(e.handle))
		})
	}
	t.Run("segmented reads single lines", func(t *testing.T) {
		e := newEngine(t, Options{Languages: []string{"jpn", "eng"}})
		require.NotNil(t, e.handle)
		require.NotNil(t, e.latin, "a Latin-only API for Latin segments")
		assert.Equal(t, 7, pageSegMode(e.handle))
		assert.Equal(t, 7, pageSegMode(e.latin))
		assert.Equal(t, 1.0, e.AdjustPreprocess(ocr.Preprocess{}).Scale)
		assert.Equal(t, 2.0, e.AdjustPreprocess(ocr.Preprocess{Scale: 2}).Scale)
	})
	assert.Equal(t, "1", os.Getenv("OMP_THREAD_LIMIT"))
	assert.True(t, ThreadLimited(), "TestMain re-executes with the limit")
}

func TestRecognizeRejectsBadInput(t *testing.T) {
	e := newEngine(t, Options{Languages: []string{"eng"}})
	_, err := e.Recognize(context.Background(), nil)
	require.ErrorIs(t, err, ocr.ErrFormat)
	_, err = e.Recognize(context.Background(), &ocr.Prepared{Gray: image.NewGray(image.Rect(0, 0, 40000, 1))})
	require.ErrorIs(t, err, ocr.ErrLimit)
	require.NoError(t, e.Close())
	_, err = e.Recognize(context.Background(), prepare(t, image.NewGray(image.Rect(0, 0, 8, 8))))
	require.ErrorIs(t, err, ocr.ErrUnavailable)
	require.NoError(t, e.Close())
}

func TestPoolMatchesSingleEngine(t *testing.T) {
	opt := Options{Languages: []string{"eng"}}
	single := newEngine(t, opt)
	c := screenshot(t)
	want, err := single.Recognize(context.Background(), prepare(t, c.img))
	require.NoError(t, err)

	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return New(opt) }, ocr.Options{Workers: 2})
	require.NoError(t, err)
	defer pool.Close()
	var wg sync.WaitGroup
	results := make([]*ocr.Result, 4)
	for i := range results {
		wg.Go(func() {
			r, err := pool.Recognize(context.Background(), c.img)
			assert.NoError(t, err)
			results[i] = r
		})
	}
	wg.Wait()
	for _, r := range results {
		require.NotNil(t, r)
		assert.Equal(t, want.Text, r.Text)
		assert.Equal(t, want.Lines, r.Lines)
	}
}

// page returns a page of n lines of dense text.
func page(t testing.TB, n int) *canvas {
	latin := loadFace(t, latinFont, 13)
	c := newCanvas(1366, 30+20*n)
	for i := range n {
		c.text(latin, 10, 30+20*i, strings.Repeat("Quarterly shipment ledger entry 0042 approved ", 4), color.Black)
	}
	return c
}

// flag reads the engine's cancel flag, which Tesseract's monitor reads.
func (e *Engine) flag() int32 { return atomic.LoadInt32((*int32)(unsafe.Pointer(e.cancel.p))) }

// recordingEngine is an ocr.Engine that runs e, tells started when a call
// begins, and sends on ended what e returned.
type recordingEngine struct {
	*Engine
	started chan struct{}
	ended   chan error
}

func (r recordingEngine) Recognize(ctx context.Context, p *ocr.Prepared) (*ocr.Result, error) {
	r.started <- struct{}{}
	res, err := r.Engine.Recognize(ctx, p)
	r.ended <- err
	return res, err
}

// TestCancellation checks the chain that stops Tesseract: its monitor
// abandons a page once the engine's flag is raised, a done context raises
// the flag while Tesseract runs, and a Pool hands its context to the
// engine. No clock is read: a Tesseract that does not stop returns the
// page's words instead of an error, and a hang is left to go test's
// -timeout.
func TestCancellation(t *testing.T) {
	opt := Options{Languages: []string{"eng"}}
	t.Run("monitor", func(t *testing.T) {
		e := newEngine(t, Options{Languages: []string{"eng"}, WholePage: true})
		require.NotNil(t, e.handle)
		p := prepare(t, page(t, 12).img)
		done := make(chan struct{})
		go func() {
			// Raise the flag (again and again: the call lowers it
			// when it starts) until the call returns.
			for {
				select {
				case <-done:
					return
				default:
					e.cancel.set(1)
					time.Sleep(time.Millisecond)
				}
			}
		}()
		res, err := e.Recognize(context.Background(), p)
		close(done)
		require.ErrorIs(t, err, errRecognize, "Tesseract abandons the page (a finished page has %d lines)", linesOf(res))
		// The engine still works afterwards.
		small := screenshot(t)
		res, err = e.Recognize(context.Background(), prepare(t, small.img))
		require.NoError(t, err)
		assert.Contains(t, res.Text, "Fujitsu")
	})
	t.Run("context raises the flag", func(t *testing.T) {
		e := newEngine(t, Options{Languages: []string{"eng"}, WholePage: true})
		p := prepare(t, page(t, 12).img)
		e.cancel.set(2) // the call lowers it to 0 when it starts
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			for e.flag() == 2 {
				time.Sleep(time.Millisecond)
			}
			cancel() // Tesseract is at work
		}()
		_, err := e.Recognize(ctx, p)
		require.ErrorIs(t, err, context.Canceled)
		assert.EqualValues(t, 1, e.flag(), "the cancellation raised the flag")
	})
	t.Run("pool", func(t *testing.T) {
		started, ended := make(chan struct{}, 1), make(chan error, 1)
		pool, err := ocr.NewPool(func() (ocr.Engine, error) {
			e, err := New(opt)
			return recordingEngine{e, started, ended}, err
		}, ocr.Options{Workers: 1})
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			<-started
			cancel()
		}()
		_, err = pool.Recognize(ctx, page(t, 12).img)
		require.ErrorIs(t, err, context.Canceled)
		require.ErrorIs(t, <-ended, context.Canceled, "the engine stops when the pool's caller gives up")
		require.NoError(t, pool.Close())
	})
	t.Run("pool timeout", func(t *testing.T) {
		started, ended := make(chan struct{}, 1), make(chan error, 1)
		pool, err := ocr.NewPool(func() (ocr.Engine, error) {
			e, err := New(opt)
			return recordingEngine{e, started, ended}, err
		}, ocr.Options{Workers: 1, TimeoutPerImage: 100 * time.Millisecond})
		require.NoError(t, err)
		_, err = pool.Recognize(context.Background(), page(t, 12).img)
		require.ErrorIs(t, err, ocr.ErrTimeout)
		require.NoError(t, pool.Close())
		select {
		case <-started: // the timeout came during the engine call
			require.ErrorIs(t, <-ended, context.DeadlineExceeded, "the engine stops at the pool's timeout")
		default: // or before it began
		}
	})
}

// linesOf returns the number of lines of res, or 0.
func linesOf(res *ocr.Result) int {
	if res == nil {
		return 0
	}
	return len(res.Lines)
}

// vmRSS returns the process's resident set size in kB.
func vmRSS(t testing.TB) int64 {
	data, err := os.ReadFile("/proc/self/status")
	require.NoError(t, err)
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			var kb int64
			_, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb)
			require.NoError(t, err)
			return kb
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// TestMemoryGrowth runs 500 recognitions on one engine and reports the
// growth of the resident set, for the native path and for gosseract's
// own calls (which never free the word strings nor the iterator).
func TestMemoryGrowth(t *testing.T) {
	if os.Getenv("PROOFPACK_OCR_RSS") == "" {
		t.Skip("1100 recognitions (about 7 minutes): set PROOFPACK_OCR_RSS=1 to run")
	}
	latin := loadFace(t, latinFont, 13)
	c := newCanvas(420, 60)
	c.text(latin, 10, 25, "Toray Industries confidential invoice 2021 ledger", color.Black)
	c.text(latin, 10, 48, "alpha beta gamma delta epsilon zeta eta theta iota", color.Black)
	p := prepare(t, c.img)
	for _, path := range []string{"native", "gosseract"} {
		t.Run(path, func(t *testing.T) {
			e := newEngine(t, Options{Languages: []string{"eng"}})
			if path == "gosseract" {
				e.handle = nil
			}
			run := func(n int) {
				for range n {
					res, err := e.Recognize(context.Background(), p)
					require.NoError(t, err)
					require.NotEmpty(t, res.Lines)
				}
			}
			run(50) // warm up caches and allocator
			before := vmRSS(t)
			run(500)
			after := vmRSS(t)
			growth := after - before
			t.Logf("%s: VmRSS %d kB -> %d kB over 500 calls: %+d kB (%.1f kB per call)",
				path, before, after, growth, float64(growth)/500)
			if path == "native" {
				assert.Less(t, growth, int64(8<<10), "native path grows by %d kB", growth)
			}
		})
	}
}

func BenchmarkRecognize(b *testing.B) {
	for _, langs := range [][]string{{"eng"}, {"jpn", "eng"}} {
		b.Run(strings.Join(langs, "+"), func(b *testing.B) {
			e := newEngine(b, Options{Languages: langs})
			p := prepare(b, screenshot(b).img)
			for b.Loop() {
				if _, err := e.Recognize(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPool(b *testing.B) {
	img := screenshot(b).img
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return New(Options{Languages: []string{"eng"}}) },
		ocr.Options{Workers: 2})
	if err != nil {
		b.Skipf("tesseract unavailable: %v", err)
	}
	defer pool.Close()
	b.SetParallelism(1) // GOMAXPROCS callers for 2 workers
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := pool.Recognize(context.Background(), img); err != nil {
				b.Error(err)
			}
		}
	})
}
