package ocr

import (
	"context"
	"errors"
	"image"
	"sync/atomic"
)

// fakeEngine is an Engine for tests: it "reads" one word, "ink", whose box
// is the bounding box of the dark pixels of the prepared image, mapped
// back to the original. It detects concurrent use and can block.
type fakeEngine struct {
	busy      atomic.Int32
	overlap   *atomic.Bool  // set when two calls ran at once on one engine
	calls     *atomic.Int64 // calls made on all fakes
	block     chan struct{} // when not nil, Recognize waits on it
	started   chan struct{} // when not nil, told (without waiting) that a call blocks
	returned  chan error    // when not nil, told (without waiting) what a blocked call returned
	ignoreCtx bool          // when blocking, do not watch ctx
	panicMsg  string        // when not empty, Recognize panics
	closed    atomic.Bool
}

func (f *fakeEngine) Name() string { return "fake 1.0" }

func (f *fakeEngine) Close() error {
	if f.closed.Swap(true) {
		return errors.New("fake: closed twice")
	}
	return nil
}

func (f *fakeEngine) Recognize(ctx context.Context, p *Prepared) (*Result, error) {
	if f.busy.Add(1) > 1 && f.overlap != nil {
		f.overlap.Store(true)
	}
	defer f.busy.Add(-1)
	if f.calls != nil {
		f.calls.Add(1)
	}
	if f.closed.Load() {
		return nil, errors.New("fake: used after close")
	}
	if f.panicMsg != "" {
		panic(f.panicMsg)
	}
	if f.block != nil {
		notify(f.started, struct{}{})
		if f.ignoreCtx {
			<-f.block
		} else {
			select {
			case <-f.block:
			case <-ctx.Done():
				notify(f.returned, ctx.Err())
				return nil, ctx.Err()
			}
		}
		notify(f.returned, nil)
	}
	box := inkBox(p.Gray, 128)
	res := &Result{Lang: "fake"}
	if !box.Empty() {
		w := Word{Text: "ink", Conf: 90, Box: p.ToOriginal(box)}
		res.Lines = []Line{{Conf: 90, Box: w.Box, Words: []Word{w}}}
	}
	res.Summarize()
	return res, nil
}

// notify sends v on ch when ch is not nil and has room.
func notify[T any](ch chan T, v T) {
	select {
	case ch <- v:
	default:
	}
}

// inkBox returns the bounding box of the pixels under level.
func inkBox(g *image.Gray, level uint8) image.Rectangle {
	var r image.Rectangle
	b := g.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if g.Pix[g.PixOffset(x, y)] < level {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}
