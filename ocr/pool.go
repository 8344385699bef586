package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"
	"time"
)

// Pool runs OCR on a fixed number of workers, each owning one Engine for
// its whole life. It is safe for concurrent use; Recognize blocks until a
// worker is free.
//
// Engines are created lazily: the first one in NewPool (so that a missing
// engine or language fails there), the others when concurrent calls need
// them, up to Options.Workers.
//
// Cancellation: when ctx is done or the per-image timeout passes,
// Recognize returns at once, even if the engine is still busy. The engine
// call goes on in its goroutine (engines are asked to stop through their
// ctx; Tesseract does within a fraction of a second). Its worker slot
// stays taken until the call ends, then the engine goes back to the pool
// and is reused; an engine whose call panicked is closed and replaced by
// a new one on demand. No engine ever runs two calls at once, and no more
// than Workers engines exist.
type Pool struct {
	opt       Options
	newEngine func() (Engine, error)
	slots     chan struct{} // one token per running call
	idle      chan Engine   // engines waiting for work
	running   sync.WaitGroup

	mu     sync.Mutex
	closed bool
}

// NewPool returns a pool whose workers use engines from newEngine. The
// first engine is created now and its error returned (wrapping
// ErrUnavailable when the engine says so).
func NewPool(newEngine func() (Engine, error), opt Options) (*Pool, error) {
	if newEngine == nil {
		return nil, fmt.Errorf("%w: no engine constructor", ErrUnavailable)
	}
	opt = opt.withDefaults()
	p := &Pool{
		opt:       opt,
		newEngine: newEngine,
		slots:     make(chan struct{}, opt.Workers),
		idle:      make(chan Engine, opt.Workers),
	}
	e, err := p.create()
	if err != nil {
		return nil, err
	}
	p.idle <- e
	return p, nil
}

// Options returns the pool's options with defaults filled in.
func (p *Pool) Options() Options { return p.opt }

// create makes one engine, turning a panic into an error.
func (p *Pool) create() (e Engine, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, fmt.Errorf("%w: engine constructor panic: %v", ErrUnavailable, r)
		}
	}()
	e, err = p.newEngine()
	if err != nil {
		return nil, fmt.Errorf("ocr: new engine: %w", err)
	}
	if e == nil {
		return nil, fmt.Errorf("%w: engine constructor returned nil", ErrUnavailable)
	}
	return e, nil
}

// outcome is what an engine call sends back.
type outcome struct {
	res *Result
	err error
}

// Recognize preprocesses img (Options.Preprocess) and reads its text on a
// free worker. The image must have at most Options.MaxPixels pixels. It
// returns when the result is ready, when ctx is done (the error wraps
// ctx.Err()) or when Options.TimeoutPerImage has passed (the error wraps
// ErrTimeout), whichever comes first.
func (p *Pool) Recognize(ctx context.Context, img image.Image) (*Result, error) {
	if img == nil {
		return nil, fmt.Errorf("%w: nil image", ErrFormat)
	}
	b := img.Bounds()
	if err := CheckSize(b.Dx(), b.Dy(), p.opt.MaxPixels); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	start := time.Now()
	// Take a worker slot.
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("ocr: waiting for a worker: %w", ctx.Err())
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		<-p.slots
		return nil, ErrClosed
	}
	p.running.Add(1)
	p.mu.Unlock()

	var e Engine
	select {
	case e = <-p.idle:
	default:
		var err error
		if e, err = p.create(); err != nil {
			p.release(nil)
			return nil, err
		}
	}

	runCtx, cancel := context.WithTimeoutCause(ctx, p.opt.TimeoutPerImage,
		fmt.Errorf("%w: after %s", ErrTimeout, p.opt.TimeoutPerImage))
	defer cancel() // also tells an abandoned engine call to stop
	done := make(chan outcome, 1)
	go func() {
		res, broken, err := p.run(runCtx, e, img)
		if broken {
			_ = e.Close()
			e = nil
		}
		p.release(e)
		done <- outcome{res, err}
	}()

	select {
	case o := <-done:
		if o.err != nil {
			settle(runCtx)
			return nil, p.wrapCtxErr(ctx, runCtx, o.err)
		}
		o.res.Duration = time.Since(start)
		return o.res, nil
	case <-runCtx.Done():
		select {
		case o := <-done: // finished at the same moment
			if o.err == nil {
				o.res.Duration = time.Since(start)
				return o.res, nil
			}
		default:
		}
		// The call goes on in its goroutine; it frees the worker when
		// the engine returns.
		return nil, p.wrapCtxErr(ctx, runCtx, runCtx.Err())
	}
}

// maxSettle bounds how long settle waits for a context whose deadline
// has passed to end: its timer fires at once, unless the machine is
// very busy.
const maxSettle = time.Second

// settle waits, when ctx's deadline has passed, until ctx is done. An
// engine that watches the deadline by its own clock (Tesseract's monitor
// does) can fail just before the context's timer fires; settling first
// makes such a failure a timeout, as it is, and not the engine's error.
func settle(ctx context.Context) {
	d, ok := ctx.Deadline()
	if !ok || time.Now().Before(d) || ctx.Err() != nil {
		return
	}
	t := time.NewTimer(maxSettle)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// wrapCtxErr names why a call ended early: the caller's ctx or the
// per-image timeout.
func (p *Pool) wrapCtxErr(ctx, runCtx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		if errors.Is(err, ctx.Err()) {
			return fmt.Errorf("ocr: %w", err)
		}
		return fmt.Errorf("ocr: %w (%w)", ctx.Err(), err)
	case runCtx.Err() != nil:
		if errors.Is(err, ErrTimeout) {
			return err
		}
		return fmt.Errorf("%w: %w", context.Cause(runCtx), err)
	}
	return err
}

// run preprocesses img and calls the engine, turning a panic into an
// error; broken reports a panic, after which the engine is not reused.
func (p *Pool) run(ctx context.Context, e Engine, img image.Image) (res *Result, broken bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, broken, err = nil, true, fmt.Errorf("ocr: engine panic: %v", r)
		}
	}()
	pp := p.opt.Preprocess
	if a, ok := e.(PreprocessAdjuster); ok {
		pp = a.AdjustPreprocess(pp)
	}
	prep, err := Prepare(img, pp)
	if err != nil {
		return nil, false, err
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	res, err = e.Recognize(ctx, prep)
	if err != nil {
		return nil, false, err
	}
	if res == nil {
		return nil, false, errors.New("ocr: engine returned no result")
	}
	if res.Engine == "" {
		res.Engine = e.Name()
	}
	res.Scale = prep.Scale
	dropNoiseWords(res, p.opt.MinWordConfidence)
	return res, false, nil
}

// release returns e (if not nil) to the idle engines, or closes it when
// the pool is closed, and frees the worker slot.
func (p *Pool) release(e Engine) {
	if e != nil {
		p.mu.Lock()
		closed := p.closed
		p.mu.Unlock()
		if closed {
			_ = e.Close()
		} else {
			p.idle <- e // never blocks: at most Workers engines exist
		}
	}
	<-p.slots
	p.running.Done()
}

// Close waits for the engine calls still running (including calls whose
// caller has already given up) and closes every engine. Recognize calls
// after Close return ErrClosed. Close is safe to call more than once.
func (p *Pool) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	p.mu.Unlock()
	p.running.Wait()
	var errs []error
	for {
		select {
		case e := <-p.idle:
			if err := e.Close(); err != nil {
				errs = append(errs, err)
			}
		default:
			return errors.Join(errs...)
		}
	}
}
