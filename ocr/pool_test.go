package ocr

import (
	"context"
	"errors"
	"image"
	"image/color"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inkImage returns a white w×h image with a black rectangle at r.
func inkImage(w, h int, r image.Rectangle) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{255, 255, 255, 255}
			if image.Pt(x, y).In(r) {
				c = color.RGBA{0, 0, 0, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func TestPoolRecognizeMapsBoxes(t *testing.T) {
	ink := image.Rect(40, 20, 90, 32)
	tests := []struct {
		name  string
		scale float64
	}{
		{"auto scale", 0},
		{"no scale", 1},
		{"scale 2.5", 2.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPool(func() (Engine, error) { return &fakeEngine{}, nil },
				Options{Workers: 1, Preprocess: Preprocess{Scale: tc.scale, Filter: FilterNearest}})
			require.NoError(t, err)
			defer func() { require.NoError(t, p.Close()) }()
			res, err := p.Recognize(context.Background(), inkImage(200, 60, ink))
			require.NoError(t, err)
			require.Len(t, res.Lines, 1)
			got := res.Lines[0].Words[0].Box
			assert.InDelta(t, ink.Min.X, got.Min.X, 1)
			assert.InDelta(t, ink.Min.Y, got.Min.Y, 1)
			assert.InDelta(t, ink.Max.X, got.Max.X, 1)
			assert.InDelta(t, ink.Max.Y, got.Max.Y, 1)
			assert.Equal(t, "ink", res.Text)
			assert.Equal(t, "fake 1.0", res.Engine)
			assert.InDelta(t, 90, res.Confidence, 0.001)
			assert.GreaterOrEqual(t, res.Scale, 1.0)
			assert.Positive(t, res.Duration)
		})
	}
}

func TestPoolConcurrentCallersNeverShareAnEngine(t *testing.T) {
	var overlap atomic.Bool
	var calls atomic.Int64
	var created atomic.Int32
	const workers = 3
	p, err := NewPool(func() (Engine, error) {
		created.Add(1)
		return &fakeEngine{overlap: &overlap, calls: &calls}, nil
	}, Options{Workers: workers})
	require.NoError(t, err)
	img := inkImage(64, 32, image.Rect(8, 8, 30, 20))
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			_, err := p.Recognize(context.Background(), img)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	require.NoError(t, p.Close())
	assert.False(t, overlap.Load(), "two calls ran on one engine at once")
	assert.EqualValues(t, 40, calls.Load())
	assert.LessOrEqual(t, created.Load(), int32(workers))
}

// TestPoolCancellation: Recognize returns when the caller's ctx is done
// or the per-image timeout passes, whether or not the engine stops. The
// blocked engine call is released only after Recognize has returned, so
// Recognize returning at all shows that it did not wait for the engine
// (a regression hangs until go test's -timeout). An engine that watches
// its ctx is told to stop.
func TestPoolCancellation(t *testing.T) {
	tests := []struct {
		name      string
		ignoreCtx bool // the engine does not stop when asked
		timeout   time.Duration
		cancel    bool // the caller cancels once the engine is at work
		want      error
	}{
		{"caller cancels, engine stops", false, time.Hour, true, context.Canceled},
		{"caller cancels, engine keeps going", true, time.Hour, true, context.Canceled},
		// The timeout also bounds the second call below: not too short.
		{"per-image timeout, engine stops", false, 500 * time.Millisecond, false, ErrTimeout},
		{"per-image timeout, engine keeps going", true, 500 * time.Millisecond, false, ErrTimeout},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			block := make(chan struct{})
			started := make(chan struct{}, 1)
			returned := make(chan error, 2)
			var overlap atomic.Bool
			p, err := NewPool(func() (Engine, error) {
				return &fakeEngine{block: block, started: started, returned: returned, ignoreCtx: tc.ignoreCtx, overlap: &overlap}, nil
			}, Options{Workers: 1, TimeoutPerImage: tc.timeout})
			require.NoError(t, err)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel {
				go func() {
					<-started // the engine is at work
					cancel()
				}()
			}
			_, err = p.Recognize(ctx, inkImage(32, 32, image.Rect(1, 1, 5, 5)))
			require.ErrorIs(t, err, tc.want)

			if tc.cancel && !tc.ignoreCtx {
				// The engine call ends by itself, told by its ctx.
				require.ErrorIs(t, <-returned, context.Canceled, "the engine was asked to stop")
			}
			// The only worker is busy until the engine call ends: a
			// second call waits for it, then reuses the engine.
			close(block)
			res, err := p.Recognize(context.Background(), inkImage(32, 32, image.Rect(1, 1, 5, 5)))
			require.NoError(t, err)
			assert.Equal(t, "ink", res.Text)
			require.NoError(t, p.Close())
			assert.False(t, overlap.Load())
		})
	}
}

// TestPoolWaitingForWorkerHonorsContext: a call waiting for a worker
// held by an engine that never stops returns when its ctx is done.
func TestPoolWaitingForWorkerHonorsContext(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	started := make(chan struct{}, 1)
	p, err := NewPool(func() (Engine, error) {
		return &fakeEngine{block: block, started: started, ignoreCtx: true}, nil
	}, Options{Workers: 1})
	require.NoError(t, err)
	img := inkImage(16, 16, image.Rect(1, 1, 4, 4))
	ctx1, cancel1 := context.WithCancel(context.Background())
	go func() { _, _ = p.Recognize(ctx1, img) }() // occupies the worker
	<-started
	cancel1() // its caller gives up; the engine keeps the worker
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err = p.Recognize(ctx, img)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorContains(t, err, "waiting for a worker")
}

func TestPoolErrors(t *testing.T) {
	t.Run("constructor error", func(t *testing.T) {
		_, err := NewPool(func() (Engine, error) { return nil, ErrUnavailable }, Options{})
		require.ErrorIs(t, err, ErrUnavailable)
	})
	t.Run("nil constructor", func(t *testing.T) {
		_, err := NewPool(nil, Options{})
		require.ErrorIs(t, err, ErrUnavailable)
	})
	t.Run("engine panic replaces the engine", func(t *testing.T) {
		var n atomic.Int32
		p, err := NewPool(func() (Engine, error) {
			if n.Add(1) == 1 {
				return &fakeEngine{panicMsg: "boom"}, nil
			}
			return &fakeEngine{}, nil
		}, Options{Workers: 1})
		require.NoError(t, err)
		img := inkImage(16, 16, image.Rect(1, 1, 4, 4))
		_, err = p.Recognize(context.Background(), img)
		require.ErrorContains(t, err, "boom")
		res, err := p.Recognize(context.Background(), img)
		require.NoError(t, err)
		assert.Equal(t, "ink", res.Text)
		require.NoError(t, p.Close())
	})
	t.Run("over the pixel limit", func(t *testing.T) {
		p, err := NewPool(func() (Engine, error) { return &fakeEngine{}, nil }, Options{MaxPixels: 100})
		require.NoError(t, err)
		defer p.Close()
		_, err = p.Recognize(context.Background(), image.NewGray(image.Rect(0, 0, 11, 10)))
		require.ErrorIs(t, err, ErrLimit)
	})
	t.Run("after close", func(t *testing.T) {
		p, err := NewPool(func() (Engine, error) { return &fakeEngine{}, nil }, Options{})
		require.NoError(t, err)
		require.NoError(t, p.Close())
		require.NoError(t, p.Close())
		_, err = p.Recognize(context.Background(), image.NewGray(image.Rect(0, 0, 8, 8)))
		require.ErrorIs(t, err, ErrClosed)
	})
	t.Run("cancelled before start", func(t *testing.T) {
		p, err := NewPool(func() (Engine, error) { return &fakeEngine{}, nil }, Options{})
		require.NoError(t, err)
		defer p.Close()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err = p.Recognize(ctx, image.NewGray(image.Rect(0, 0, 8, 8)))
		require.True(t, errors.Is(err, context.Canceled))
	})
}

func TestOptionsWithDefaults(t *testing.T) {
	o := Options{}.withDefaults()
	assert.Equal(t, []string{"jpn", "eng"}, o.Languages)
	assert.Positive(t, o.Workers)
	assert.Equal(t, DefaultTimeoutPerImage, o.TimeoutPerImage)
	assert.Equal(t, DefaultMaxPixels, o.MaxPixels)
	assert.Equal(t, FilterCatmullRom, o.Preprocess.Filter)
	assert.Equal(t, defaultPad, o.Preprocess.Pad)
}

// deadlineEngine stops by itself when its ctx's deadline passes, as
// Tesseract's monitor does, and says so in an error of its own that does
// not wrap ctx.Err(): it may return before the ctx's timer has fired.
type deadlineEngine struct{}

func (deadlineEngine) Name() string { return "deadline 1" }
func (deadlineEngine) Close() error { return nil }
func (deadlineEngine) Recognize(ctx context.Context, _ *Prepared) (*Result, error) {
	d, ok := ctx.Deadline()
	if !ok {
		return nil, errors.New("deadline: no deadline")
	}
	for time.Now().Before(d) {
		time.Sleep(time.Until(d))
	}
	return nil, errors.New("deadline: gave up at the deadline")
}

// TestPoolTimeoutIsAlwaysErrTimeout: an engine that stops at the
// per-image deadline by its own clock returns before, or as, the ctx's
// timer fires; every such call is reported as ErrTimeout, never as the
// engine's own failure.
func TestPoolTimeoutIsAlwaysErrTimeout(t *testing.T) {
	p, err := NewPool(func() (Engine, error) { return deadlineEngine{}, nil },
		Options{Workers: 1, TimeoutPerImage: time.Millisecond})
	require.NoError(t, err)
	defer p.Close()
	img := inkImage(16, 16, image.Rect(1, 1, 4, 4))
	for i := range 50 {
		_, err := p.Recognize(context.Background(), img)
		require.ErrorIs(t, err, ErrTimeout, "call %d", i)
		require.NotErrorIs(t, err, context.Canceled, "call %d", i)
	}
}
