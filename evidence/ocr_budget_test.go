package evidence

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/ocr"
)

// fakeClock is an ocrClock whose time moves only when Advance is called;
// timers due by then run in Advance, before it returns.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at   time.Time
	f    func()
	done bool
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2021, 5, 24, 9, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		stopped := !t.done
		t.done = true
		return stopped
	}
}

// Advance moves the clock on by d and runs the timers due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []func()
	for _, t := range c.timers {
		if !t.done && !t.at.After(c.now) {
			t.done = true
			due = append(due, t.f)
		}
	}
	c.mu.Unlock()
	for _, f := range due {
		f()
	}
}

// costEngine is an OCR engine whose every image costs cost on clock:
// it advances the clock, and then stops, as a real engine is stopped,
// when that spent the budget. Otherwise it "reads" one word. With block
// set it waits instead until its ctx is done (an image that would take
// the engine forever).
type costEngine struct {
	clock *fakeClock
	cost  time.Duration
	block bool
	// selfDeadline: it waits for its ctx's deadline by its own clock and
	// then fails with an error of its own, as Tesseract's monitor does.
	selfDeadline bool
	started      chan struct{} // when set, told (without waiting) that a call blocks
	calls        *atomic.Int64
}

func (e costEngine) Name() string { return "cost 1" }
func (e costEngine) Close() error { return nil }
func (e costEngine) Recognize(ctx context.Context, p *ocr.Prepared) (*ocr.Result, error) {
	e.calls.Add(1)
	switch {
	case e.block:
		select {
		case e.started <- struct{}{}:
		default:
		}
		<-ctx.Done()
		return nil, ctx.Err()
	case e.selfDeadline:
		d, ok := ctx.Deadline()
		if !ok {
			return nil, errors.New("cost: no deadline")
		}
		for time.Now().Before(d) {
			time.Sleep(time.Until(d))
		}
		return nil, errors.New("cost: gave up at the deadline")
	}
	e.clock.Advance(e.cost)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w := ocr.Word{Text: "word", Conf: 90, Box: p.Source}
	r := &ocr.Result{Lang: "test", Lines: []ocr.Line{{Box: p.Source, Conf: 90, Words: []ocr.Word{w}}}}
	r.Summarize()
	return r, nil
}

// costPool returns a pool of workers costEngines.
func costPool(t *testing.T, e costEngine, workers int, perImage time.Duration) *ocr.Pool {
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return e, nil },
		ocr.Options{Workers: workers, TimeoutPerImage: perImage})
	require.NoError(t, err)
	t.Cleanup(func() { pool.Close() })
	return pool
}

// screenPNG is a w×h gray PNG with a dark bar, large enough to be read.
func screenPNG(t *testing.T, w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xF0
	}
	for x := w / 4; x < w*3/4; x++ {
		img.Pix[img.PixOffset(x, h/2)] = 0
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// screensZip is a zip of n screenshots, s00.png on, each of its own
// height: copies of one image would be duplicates, read once.
func screensZip(t *testing.T, n int) []byte {
	var files []archivegen.File
	for i := range n {
		files = append(files, archivegen.File{Name: fmt.Sprintf("s%02d.png", i), Data: screenPNG(t, 200, 100+i)})
	}
	data, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	return data
}

func analyzeZip(t *testing.T, data []byte, opts Options) (*Report, error) {
	t.Helper()
	opts.TempDir = t.TempDir()
	return AnalyzeReaderAt(t.Context(), "p.zip", bytes.NewReader(data), int64(len(data)), opts)
}

// ocrTally counts what OCR made of the items of a given kind: read (an
// OCR block and no problem), and the items with each problem code.
type ocrTally struct {
	items int
	read  int
	codes map[string]int
}

func tally(rep *Report, kind string) ocrTally {
	tl := ocrTally{codes: map[string]int{}}
	for _, it := range rep.Items {
		if it.Kind != kind {
			continue
		}
		tl.items++
		if it.OCR != nil && len(it.Problems) == 0 {
			tl.read++
		}
		for _, p := range it.Problems {
			tl.codes[p.Code]++
		}
	}
	return tl
}

func reportCodes(rep *Report) []string {
	var codes []string
	for _, p := range rep.Problems {
		codes = append(codes, p.Code)
	}
	sort.Strings(codes)
	return codes
}

const limitOCRDuration = ProblemLimitPrefix + LimitOCRDuration

// TestOCRBudgetStopsTheRun: six images that cost a minute each, a
// budget of two and a half minutes, a per-image limit of an hour: two
// images are read, the third is stopped as the budget runs out, and the
// other three are not read, where without the budget all six would be.
// The clock is a fake one that only the engine moves.
func TestOCRBudgetStopsTheRun(t *testing.T) {
	clock := newFakeClock()
	var calls atomic.Int64
	pool := costPool(t, costEngine{clock: clock, cost: time.Minute, calls: &calls}, 1, time.Hour)
	data := screensZip(t, 6)

	rep, err := analyzeZip(t, data, Options{OCR: pool, ocrClock: clock,
		Limits: Limits{MaxOCRDuration: 150 * time.Second}})
	require.NoError(t, err)
	tl := tally(rep, "image")
	assert.Equal(t, 2, tl.read, "images read within the budget")
	assert.Equal(t, map[string]int{limitOCRDuration: 4}, tl.codes, "the one stopped and the three not read")
	assert.Equal(t, int64(3), calls.Load(), "engine calls: no image is given to the engine once the budget is spent")
	assert.Equal(t, []string{limitOCRDuration}, reportCodes(rep))
	assert.Contains(t, rep.Problems[0].Detail, "2m30s")
	assert.Equal(t, int64(150), rep.Limits.MaxOCRDurationSeconds)
	for _, it := range rep.Items {
		for _, p := range it.Problems {
			assert.Contains(t, p.Detail, "OCR time budget", it.Path)
		}
	}

	// The same images with the budget a package of their size gets by
	// default (two minutes and more): all six are read.
	clock = newFakeClock()
	calls.Store(0)
	pool = costPool(t, costEngine{clock: clock, cost: time.Second, calls: &calls}, 1, time.Hour)
	rep, err = analyzeZip(t, data, Options{OCR: pool, ocrClock: clock})
	require.NoError(t, err)
	tl = tally(rep, "image")
	assert.Equal(t, 6, tl.read)
	assert.Empty(t, tl.codes)
	assert.Equal(t, int64(6), calls.Load())
	assert.Empty(t, rep.Problems)
	assert.Equal(t, int64(DefaultOCRBase/time.Second+DefaultOCRPerMiB/time.Second), rep.Limits.MaxOCRDurationSeconds,
		"a package under one MiB")
}

// pageRasterizer is a PDFRasterizer that "renders" every PDF as pages
// screenshots, whatever it holds.
type pageRasterizer struct {
	page  []byte
	pages int
}

func (r pageRasterizer) Rasterize(ctx context.Context, pdf io.Reader, dir string) ([]string, error) {
	if _, err := io.Copy(io.Discard, pdf); err != nil {
		return nil, err
	}
	var files []string
	for i := range r.pages {
		if err := ctx.Err(); err != nil {
			return files, err
		}
		f := filepath.Join(dir, fmt.Sprintf("page-%d.png", i+1))
		if err := os.WriteFile(f, r.page, 0o600); err != nil {
			return files, err
		}
		files = append(files, f)
	}
	return files, nil
}

// TestOCRBudgetCountsPDFPages: the pages of scanned PDFs share the budget
// with images. Two PDFs of three pages at a minute each and a budget of
// four and a half minutes: four pages are read, the fifth stopped, the
// sixth not read, and each PDF not read whole says why.
func TestOCRBudgetCountsPDFPages(t *testing.T) {
	clock := newFakeClock()
	var calls atomic.Int64
	pool := costPool(t, costEngine{clock: clock, cost: time.Minute, calls: &calls}, 1, time.Hour)
	var page bytes.Buffer
	require.NoError(t, jpeg.Encode(&page, image.NewGray(image.Rect(0, 0, 200, 100)), nil))
	scan, err := docgen.ScannedPDF(docgen.PDFInfo{Title: "Signed order"}, [][]byte{page.Bytes()})
	require.NoError(t, err)
	// Two scans, not two copies of one: a copy would be a duplicate.
	scan2, err := docgen.ScannedPDF(docgen.PDFInfo{Title: "Signed order, second copy"}, [][]byte{page.Bytes()})
	require.NoError(t, err)
	data, err := archivegen.Zip([]archivegen.File{{Name: "a.pdf", Data: scan}, {Name: "b.pdf", Data: scan2}}, archivegen.ZipOptions{})
	require.NoError(t, err)

	rep, err := analyzeZip(t, data, Options{OCR: pool, ocrClock: clock,
		PDFRasterizer: pageRasterizer{page: screenPNG(t, 200, 100), pages: 3},
		Limits:        Limits{MaxOCRDuration: 270 * time.Second}})
	require.NoError(t, err)
	var pages, short int
	for _, it := range rep.Items {
		if it.Kind != "pdf" {
			continue
		}
		n := 0
		if it.OCR != nil {
			n = it.OCR.Pages
		}
		pages += n
		if n < 3 {
			short++
			require.Len(t, it.Problems, 1, it.Path)
			assert.Equal(t, limitOCRDuration, it.Problems[0].Code, it.Path)
		} else {
			assert.Empty(t, it.Problems, it.Path)
		}
	}
	assert.Equal(t, 4, pages, "pages read within the budget")
	assert.Positive(t, short)
	assert.Equal(t, int64(5), calls.Load(), "engine calls: four pages read and one stopped")
	assert.Equal(t, []string{limitOCRDuration}, reportCodes(rep))
}

// TestOCRBudgetStopsRunningImages: every image would keep the engine
// forever (the per-image limit is an hour). Once both workers are at
// work, the budget's clock passes the budget: the images being read are
// stopped, and no other image reaches the engine.
func TestOCRBudgetStopsRunningImages(t *testing.T) {
	clock := newFakeClock()
	var calls atomic.Int64
	started := make(chan struct{}, 2)
	pool := costPool(t, costEngine{block: true, started: started, calls: &calls}, 2, time.Hour)
	go func() {
		<-started
		<-started
		clock.Advance(time.Minute)
	}()
	rep, err := analyzeZip(t, screensZip(t, 6), Options{OCR: pool, ocrClock: clock,
		Limits: Limits{MaxOCRDuration: time.Minute}})
	require.NoError(t, err)
	tl := tally(rep, "image")
	assert.Zero(t, tl.read)
	assert.Equal(t, map[string]int{limitOCRDuration: 6}, tl.codes)
	assert.Equal(t, int64(2), calls.Load(), "engine calls: the two stopped")
	assert.Equal(t, []string{limitOCRDuration}, reportCodes(rep))
}

// TestOCRMaxDurationBoundsOCR: Limits.MaxDuration ends OCR too, with
// limit_duration on the images it stopped and on the report, and the
// triage returns its report without an error, as when it cuts the walk.
// The caller's deadline does the same, and the triage returns its error.
// Neither is reported as the OCR budget, which they make moot.
func TestOCRMaxDurationBoundsOCR(t *testing.T) {
	// The walk of four small screenshots must end well before the limit,
	// also on a loaded machine: the limit is to end OCR, not the walk.
	const limit = 1500 * time.Millisecond
	tests := []struct {
		name     string
		lim      Limits
		deadline time.Duration // the caller's
		wantErr  error
	}{
		{"MaxDuration", Limits{MaxDuration: limit}, 0, nil},
		{"MaxDuration below the budget set", Limits{MaxDuration: limit, MaxOCRDuration: time.Hour}, 0, nil},
		{"the caller's deadline", Limits{}, limit, context.DeadlineExceeded},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int64
			pool := costPool(t, costEngine{block: true, calls: &calls}, 2, time.Hour)
			data := screensZip(t, 4)
			ctx := t.Context()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			rep, err := AnalyzeReaderAt(ctx, "p.zip", bytes.NewReader(data), int64(len(data)),
				Options{OCR: pool, Limits: tc.lim, TempDir: t.TempDir()})
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
			} else {
				require.NoError(t, err)
			}
			require.NotNil(t, rep)
			tl := tally(rep, "image")
			assert.Zero(t, tl.read)
			assert.Positive(t, tl.items)
			assert.Equal(t, map[string]int{ProblemLimitPrefix + "duration": tl.items}, tl.codes, "every image says why it was not read")
			assert.LessOrEqual(t, calls.Load(), int64(2))
			assert.Equal(t, []string{ProblemLimitPrefix + "duration"}, reportCodes(rep))
		})
	}
}

// TestOCRPerImageTimeoutIsOCRTimeout: an engine that stops at the
// per-image deadline by its own clock, before or as the context's timer
// fires, gives ocr_timeout on every image, never ocr_failed.
func TestOCRPerImageTimeoutIsOCRTimeout(t *testing.T) {
	var calls atomic.Int64
	pool := costPool(t, costEngine{selfDeadline: true, calls: &calls}, 2, time.Millisecond)
	rep, err := analyzeZip(t, screensZip(t, 12), Options{OCR: pool})
	require.NoError(t, err)
	tl := tally(rep, "image")
	assert.Equal(t, map[string]int{ProblemOCRTimeout: 12}, tl.codes)
	assert.Empty(t, rep.Problems)
}

func TestLimitsOCRDuration(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name string
		lim  Limits
		size int64
		want time.Duration
	}{
		{"empty package", Limits{}, 0, DefaultOCRBase},
		{"one byte is a started MiB", Limits{}, 1, DefaultOCRBase + DefaultOCRPerMiB},
		{"the Fujitsu pack, 24.5 MB", Limits{}, 24_500_000, DefaultOCRBase + 24*DefaultOCRPerMiB},
		{"capped by MaxDuration's default", Limits{}, 1 << 30, unpack.DefaultMaxDuration},
		{"capped, MaxDuration raised", Limits{MaxDuration: 10 * time.Hour}, 1 << 30, DefaultMaxOCRDuration},
		{"largest size", Limits{MaxDuration: 10 * time.Hour}, math.MaxInt64, DefaultMaxOCRDuration},
		{"negative size", Limits{}, -1, DefaultOCRBase},
		{"within MaxDuration", Limits{MaxDuration: 30 * time.Second}, 6 * mib, 30 * time.Second},
		{"set", Limits{MaxOCRDuration: 5 * time.Second}, 600 * mib, 5 * time.Second},
		{"set beyond MaxDuration", Limits{MaxOCRDuration: 2 * time.Hour}, 0, unpack.DefaultMaxDuration},
		{"negative is the default", Limits{MaxOCRDuration: -time.Second}, 0, DefaultOCRBase},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.lim.OCRDuration(tc.size))
		})
	}
}
