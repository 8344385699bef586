package evidence

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/ocr"
)

// Which images are read by OCR.
const (
	// minOCRSide is the smallest width and height read: icons, avatars,
	// spacers and tracking pixels carry no text worth a worker's time.
	minOCRSide = 48
	// minOCRPixels is the smallest area read (a 200x50 banner is read; a
	// 64x64 icon is not).
	minOCRPixels = 8000
	// maxOCRPending bounds the images waiting for a worker. Each holds
	// its spool: in memory within Limits.MaxMemorySpool (the walker's
	// budget for all spools), else an open temporary file. Past the
	// bound, the walk waits for OCR to catch up rather than hold more
	// files open.
	maxOCRPending = 256
)

// ocrStage reads the text of image items through Options.OCR beside the
// walk: the walk hands over an image's spool and goes on, and the results
// are written into the report when the walk has ended (the items slice
// grows meanwhile, so jobs never touch it).
type ocrStage struct {
	// ctx is the triage's context: jobs outlive the walk (whose context
	// ends with it) and are bounded by the caller and the pool's
	// per-image time limit, not by Limits.MaxDuration.
	ctx     context.Context
	pool    *ocr.Pool
	maxText int64
	// pending holds a token per image handed over and not yet done.
	pending chan struct{}
	// decoding holds a token per decoded image: no more are decoded than
	// there are workers to read them, plus one ready.
	decoding chan struct{}
	wg       sync.WaitGroup
	queued   atomic.Int64
	done     atomic.Int64
	// finished is signalled (without blocking) when a job ends.
	finished chan struct{}

	mu       sync.Mutex
	outcomes []ocrOutcome
}

// ocrOutcome is what OCR made of one item.
type ocrOutcome struct {
	idx int
	res *ocr.Result
	err error
}

func newOCRStage(ctx context.Context, pool *ocr.Pool, lim Limits) *ocrStage {
	workers := pool.Options().Workers
	return &ocrStage{
		ctx:      ctx,
		pool:     pool,
		maxText:  lim.MaxTextBytes,
		pending:  make(chan struct{}, maxOCRPending),
		decoding: make(chan struct{}, workers+1),
		finished: make(chan struct{}, 1),
	}
}

// wants reports whether the image item should be read, and if not, why:
// it is read unless it is clearly a camera photograph (camera make or
// model in its EXIF and no screenshot tool named) or too small to hold
// text. The size comes from the image header only.
func (s *ocrStage) wants(md meta.Metadata, r io.ReaderAt, size int64) bool {
	if md.Camera != "" && !screenshotSoftware(md.Software) {
		return false
	}
	cfg, _, err := image.DecodeConfig(io.NewSectionReader(r, 0, size))
	if err != nil {
		return true // the decoder's error goes into the report
	}
	return cfg.Width >= minOCRSide && cfg.Height >= minOCRSide && int64(cfg.Width)*int64(cfg.Height) >= minOCRPixels
}

// screenshotSoftware reports software that names a screen capture, which
// phones write beside their camera tags.
func screenshotSoftware(sw string) bool {
	l := strings.ToLower(sw)
	return strings.Contains(l, "screenshot") || strings.Contains(l, "snipping") || strings.Contains(l, "screen capture")
}

// submit hands the spool of item idx to a job, which closes it. It waits
// only when maxOCRPending images are waiting already (or until the walk's
// ctx ends).
func (s *ocrStage) submit(ctx context.Context, idx int, sp *unpack.Spool) {
	select {
	case s.pending <- struct{}{}:
	case <-ctx.Done():
		sp.Close()
		return
	}
	s.queued.Add(1)
	s.wg.Go(func() {
		defer func() { <-s.pending }()
		res, err := s.read(s.ctx, sp)
		s.mu.Lock()
		s.outcomes = append(s.outcomes, ocrOutcome{idx: idx, res: res, err: err})
		s.mu.Unlock()
		s.done.Add(1)
		select {
		case s.finished <- struct{}{}:
		default:
		}
	})
}

// read decodes the image when a worker is about to be free, and reads it.
func (s *ocrStage) read(ctx context.Context, sp *unpack.Spool) (*ocr.Result, error) {
	select {
	case s.decoding <- struct{}{}:
	case <-ctx.Done():
		sp.Close()
		return nil, ctx.Err()
	}
	defer func() { <-s.decoding }()
	img, err := ocr.Decode(io.NewSectionReader(sp, 0, sp.Size()), s.pool.Options().MaxPixels)
	sp.Close()
	if err != nil {
		return nil, err
	}
	return s.pool.Recognize(ctx, img)
}

// wait waits for every job, calling tick after each one ends.
func (s *ocrStage) wait(tick func()) {
	all := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(all)
	}()
	for {
		select {
		case <-all:
			return
		case <-s.finished:
			if tick != nil {
				tick()
			}
		}
	}
}

// apply writes the outcomes into the report's items.
func (s *ocrStage) apply(a *analysis) {
	for _, o := range s.outcomes {
		a.rep.Stats.OCRImages++
		if o.err != nil {
			a.problem(o.idx, fmt.Errorf("%w: %w", errOCR, o.err))
			continue
		}
		it := &a.rep.Items[o.idx]
		it.OCR = ocrBlock(o.res)
		if it.TextSource == "" && strings.TrimSpace(o.res.Text) != "" {
			it.TextSource = TextFromOCR
			it.Text = o.res.Text
			if int64(len(it.Text)) > s.maxText {
				it.Text, it.TextTruncated = meta.CutText(it.Text, s.maxText), true
			}
		}
	}
	s.outcomes = nil
}

// errOCR marks the problems of the OCR stage.
var errOCR = errors.New("ocr")

// ocrBlock is the report's view of a result.
func ocrBlock(r *ocr.Result) *OCR {
	words := r.Words()
	out := &OCR{Engine: r.Engine, Lang: r.Lang, Confidence: round2(r.Confidence), Words: make([]OCRWord, 0, len(words))}
	for _, w := range words {
		b := w.Box
		out.Words = append(out.Words, OCRWord{Text: w.Text, Conf: round2(w.Conf), Box: [4]int{b.Min.X, b.Min.Y, b.Dx(), b.Dy()}})
	}
	return out
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// isImage reports the item types OCR reads: raster images a decoder of
// package ocr knows.
func isImage(t identify.Type) bool {
	switch t.MIME {
	case "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/webp":
		return true
	}
	return false
}
