package evidence

import (
	"context"
	"errors"
	"fmt"
	"github.com/proofpack/proofpack/evidence/similar"
	"image"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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
// walk: the walk (or the worker that read the item's metadata) hands over
// an image's spool and goes on; the job that reads it writes the result
// into the item, which it then owns, and completes the item (see
// stream.go).
type ocrStage struct {
	// ctx is the triage's context, cut at the end of Limits.MaxDuration
	// (counted from the start of the triage) and when the OCR budget is
	// spent, its cause saying which: jobs outlive the walk (whose
	// context ends with it), and are bounded by these and by the pool's
	// per-image time limit.
	ctx     context.Context
	stopCtx func()
	budget  *ocrBudget
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

	// hashImages: the images decoded get their perceptual hash too.
	hashImages bool

	// complete is called with each item once its outcome is written.
	complete func(*itemState)

	// mu guards the counts of outcomes, for the report: images read,
	// items stopped and not read by the OCR budget, and the
	// MaxDuration error that cut the stage.
	mu              sync.Mutex
	images          int
	stopped, unread int
	cut             error
	// thumbs, if set, makes a thumbnail of each image read, from the
	// image decoded for OCR.
	thumbs *thumbnailer
}

// ocrOutcome is what OCR made of one item: one result for an image, one
// per page rendered for a PDF.
type ocrOutcome struct {
	st    *itemState
	pages []*ocr.Result
	pdf   bool
	err   error
	thumb *Thumbnail
	// hash is the image's perceptual hash, when hashing
	// (ocrStage.hashImages); nil otherwise.
	hash *imageHashResult
	// started: the item was decoded or rendered (and counts in
	// Stats.OCRImages); false when the stage ended before.
	started bool
}

// PDFRasterizer renders the first pages of a PDF to image files for OCR
// (package ocr/pdftoppm has one). Rasterize reads the PDF from pdf, writes
// the pages only into dir, which the triage owns and removes, and returns
// their paths in page order, with those rendered before an error.
type PDFRasterizer interface {
	Rasterize(ctx context.Context, pdf io.Reader, dir string) ([]string, error)
}

// maxPDFTextForOCR is the most body text a PDF may have and still be
// taken for a scan: page numbers and a stamp's few words do not make a
// text layer.
const maxPDFTextForOCR = 32

// newOCRStage returns the OCR stage of the triage of package pkg, of
// size bytes, started at start, with lim's defaults filled in. clock
// measures the OCR budget (nil: the system's). The caller calls stop
// when the stage is done.
func newOCRStage(ctx context.Context, pool *ocr.Pool, lim Limits, pkg string, size int64, start time.Time, clock ocrClock) *ocrStage {
	workers := pool.Options().Workers
	secs := int64(lim.MaxDuration / time.Second)
	ctx, cancelDeadline := context.WithDeadlineCause(ctx, start.Add(lim.MaxDuration),
		&unpack.LimitError{Limit: unpack.LimitDuration, Value: secs, Max: secs, Path: pkg})
	ctx, spend := context.WithCancelCause(ctx)
	if clock == nil {
		clock = systemClock{}
	}
	budget := newOCRBudget(lim.OCRDuration(size), clock, spend)
	// OCR time counts from the first image and MaxDuration from the
	// start: a budget that reaches the deadline (MaxDuration's or the
	// caller's) is never spent before it, and the deadline is what the
	// report must name when it stops OCR.
	if d, ok := ctx.Deadline(); ok && !start.Add(budget.limit).Before(d) {
		budget.off = true
	}
	return &ocrStage{
		ctx: ctx,
		stopCtx: func() {
			spend(nil)
			cancelDeadline()
		},
		budget:   budget,
		pool:     pool,
		maxText:  lim.MaxTextBytes,
		pending:  make(chan struct{}, maxOCRPending),
		decoding: make(chan struct{}, workers+1),
		finished: make(chan struct{}, 1),
	}
}

// stop releases the stage's context and timer once every job is done
// and the outcomes applied.
func (s *ocrStage) stop() {
	s.budget.close()
	s.stopCtx()
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

// submit hands the spool of item st to a job, which closes it and
// completes the item. It waits only when maxOCRPending images are waiting
// already (or until ctx ends).
func (s *ocrStage) submit(ctx context.Context, st *itemState, sp *unpack.Spool) {
	if !s.admit(ctx, st, sp, false) {
		return
	}
	s.wg.Go(func() {
		defer s.release()
		res, th, hash, started, err := s.read(s.ctx, sp)
		s.finish(ocrOutcome{st: st, pages: []*ocr.Result{res}, err: s.why(err, started), thumb: th, hash: hash, started: started})
	})
}

// submitPDF hands the spool of a PDF item without a text layer to a job
// that renders its first pages into a directory of its own under the
// triage's private one and reads each page. It closes sp.
func (s *ocrStage) submitPDF(ctx context.Context, st *itemState, sp *unpack.Spool, rast PDFRasterizer, tempDir string) {
	if !s.admit(ctx, st, sp, true) {
		return
	}
	s.wg.Go(func() {
		defer s.release()
		pages, started, err := s.readPDF(s.ctx, sp, rast, tempDir)
		s.finish(ocrOutcome{st: st, pages: pages, pdf: true, err: s.why(err, started), started: started})
	})
}

// admit counts item st in and opens a job for it on the OCR budget,
// waiting for room among the pending ones. When the stage has ended (the
// budget or MaxDuration spent, the triage cancelled) or ctx ends first,
// it closes sp, records why the item is not read (which completes it),
// and reports false.
func (s *ocrStage) admit(ctx context.Context, st *itemState, sp *unpack.Spool, pdf bool) bool {
	s.queued.Add(1)
	if s.ctx.Err() == nil {
		select {
		case s.pending <- struct{}{}:
			s.budget.begin()
			return true
		case <-s.ctx.Done():
		case <-ctx.Done():
		}
	}
	sp.Close()
	cause := context.Cause(s.ctx)
	if cause == nil {
		cause = context.Cause(ctx)
	}
	s.finish(ocrOutcome{st: st, pdf: pdf, err: fmt.Errorf("not read: %w", cause)})
	return false
}

// release closes a job that admit opened.
func (s *ocrStage) release() {
	s.budget.end()
	<-s.pending
}

// why returns the error of a job, or, when the stage's context ended it,
// the reason the context ended (the OCR budget, MaxDuration, the
// caller): the pool and the renderer only say "context canceled". A
// per-image timeout stays one.
func (s *ocrStage) why(err error, started bool) error {
	if err == nil || s.ctx.Err() == nil || errors.Is(err, ocr.ErrTimeout) ||
		!errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	verb := "stopped"
	if !started {
		verb = "not read"
	}
	return fmt.Errorf("%s: %w", verb, context.Cause(s.ctx))
}

// finish writes an outcome into its item, counts it, signals wait, and
// completes the item.
func (s *ocrStage) finish(o ocrOutcome) {
	s.apply(o)
	s.done.Add(1)
	select {
	case s.finished <- struct{}{}:
	default:
	}
	if s.complete != nil {
		s.complete(o.st)
	}
}

// readPDF renders the PDF's first pages (one decoding slot held: the
// renderer is a process of its own) and reads them one by one. The pages
// read before an error are returned with it; started reports that the
// rendering began.
func (s *ocrStage) readPDF(ctx context.Context, sp *unpack.Spool, rast PDFRasterizer, tempDir string) (pages []*ocr.Result, started bool, err error) {
	select {
	case s.decoding <- struct{}{}:
	case <-ctx.Done():
		sp.Close()
		return nil, false, ctx.Err()
	}
	dir, err := os.MkdirTemp(tempDir, "pdf-")
	if err != nil {
		<-s.decoding
		sp.Close()
		return nil, true, fmt.Errorf("%w: %w", errOCR, err)
	}
	defer os.RemoveAll(dir)
	files, rerr := rast.Rasterize(ctx, io.NewSectionReader(sp, 0, sp.Size()), dir)
	sp.Close()
	<-s.decoding
	for _, f := range files {
		res, err := s.readFile(ctx, f)
		if err != nil {
			return pages, true, err
		}
		pages = append(pages, res)
	}
	if rerr != nil {
		return pages, true, fmt.Errorf("%w: %w", errOCR, rerr)
	}
	return pages, true, nil
}

// readFile reads one rendered page.
func (s *ocrStage) readFile(ctx context.Context, path string) (*ocr.Result, error) {
	select {
	case s.decoding <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.decoding }()
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errOCR, err)
	}
	img, err := ocr.Decode(f, s.pool.Options().MaxPixels)
	f.Close()
	if err != nil {
		return nil, err
	}
	return s.pool.Recognize(ctx, img)
}

// read decodes the image when a worker is about to be free, and reads it.
// With thumbnails on, the decoded image also gives the item's thumbnail.
// started reports that the decoding began.
func (s *ocrStage) read(ctx context.Context, sp *unpack.Spool) (res *ocr.Result, th *Thumbnail, hash *imageHashResult, started bool, err error) {
	select {
	case s.decoding <- struct{}{}:
	case <-ctx.Done():
		sp.Close()
		return nil, nil, nil, false, ctx.Err()
	}
	defer func() { <-s.decoding }()
	img, err := ocr.Decode(io.NewSectionReader(sp, 0, sp.Size()), s.pool.Options().MaxPixels)
	sp.Close()
	if err != nil {
		return nil, nil, nil, true, err
	}
	if s.thumbs != nil {
		th, _ = s.thumbs.fromImage(img, false) // a failed thumbnail only leaves the report without it
	}
	if s.hashImages {
		hash = &imageHashResult{}
		hash.h, hash.quality, hash.err = similar.HashImage(img)
	}
	res, err = s.pool.Recognize(ctx, img)
	return res, th, hash, true, err
}

// imageHashResult is the perceptual hash of an image OCR decoded.
type imageHashResult struct {
	h       similar.ImageHash
	quality int
	err     error
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

// apply writes an outcome into its item: the OCR block, the text when
// the item has none of its own (a PDF's rendered pages replace its few
// words), the thumbnail, and the error as a problem; and counts it.
func (s *ocrStage) apply(o ocrOutcome) {
	it := &o.st.it
	var pages []*ocr.Result
	for _, p := range o.pages {
		if p != nil {
			pages = append(pages, p)
		}
	}
	s.mu.Lock()
	if o.started {
		s.images += max(len(pages), 1)
	}
	if o.err != nil {
		var le *unpack.LimitError
		switch {
		case errors.Is(o.err, errOCRBudget) && o.started:
			s.stopped++
		case errors.Is(o.err, errOCRBudget):
			s.unread++
		case errors.As(o.err, &le) && le.Limit == unpack.LimitDuration:
			s.cut = le
		}
	}
	s.mu.Unlock()
	if o.thumb != nil {
		it.Thumbnail = o.thumb
	}
	if h := o.hash; h != nil {
		if h.err != nil {
			addProblem(it, fmt.Errorf("%w: %w", errHash, h.err))
		} else {
			if it.Hashes == nil {
				it.Hashes = &Hashes{}
			}
			it.Hashes.PDQ, it.Hashes.PDQQuality = &h.h, h.quality
		}
	}
	if o.err != nil {
		addProblem(it, fmt.Errorf("%w: %w", errOCR, o.err))
	}
	if len(pages) == 0 {
		return
	}
	var size ocr.TextSize
	it.OCR, size = ocrBlock(pages, o.pdf)
	if p, ok := smallTextProblem(size); ok {
		it.Problems = append(it.Problems, p)
	}
	texts := make([]string, 0, len(pages))
	for _, p := range pages {
		if t := strings.TrimSpace(p.Text); t != "" {
			texts = append(texts, t)
		}
	}
	if len(texts) > 0 && (it.TextSource == "" || o.pdf) {
		it.TextSource = TextFromOCR
		it.Text = strings.Join(texts, "\n\n")
		it.TextTruncated = false
		if int64(len(it.Text)) > s.maxText {
			it.Text, it.TextTruncated = meta.CutText(it.Text, s.maxText), true
		}
	}
}

// summary writes, once every job is done, the OCR budget into the
// report's limits and the images read into its stats. When the budget
// was spent, a problem on the report counts the items stopped and not
// read; when MaxDuration cut the stage, summary returns its
// *unpack.LimitError, for the report.
func (s *ocrStage) summary(a *analysis) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a.rep.Limits.MaxOCRDurationSeconds = int64(s.budget.limit / time.Second)
	a.rep.Stats.OCRImages += s.images
	if s.stopped+s.unread > 0 {
		a.rep.Problems = append(a.rep.Problems, Problem{
			Code:   ProblemLimitPrefix + LimitOCRDuration,
			Detail: fmt.Sprintf("%v: %d items stopped, %d not read", s.budget.cause, s.stopped, s.unread),
			Path:   a.rep.Package.Name,
		})
	}
	return s.cut
}

// errOCR marks the problems of the OCR stage.
var errOCR = errors.New("ocr")

// errOCRBudget is the cause of the end of an OCR stage whose time,
// Limits.MaxOCRDuration, is spent.
var errOCRBudget = errors.New("the OCR time budget is spent")

// ocrClock is the clock of the OCR budget; tests use a fake one.
type ocrClock interface {
	Now() time.Time
	// AfterFunc calls f in its own goroutine once d has passed; stop
	// cancels the call and reports whether it did.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// systemClock is the system's clock.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) AfterFunc(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }

// ocrBudget measures the OCR time of a triage (Limits.MaxOCRDuration):
// the time during which at least one job is open, from its admission to
// its end, whatever the number of workers. When the time passes limit, it
// ends the stage's context with cause (wrapping errOCRBudget): running
// jobs are stopped at once, and the rest are not read.
type ocrBudget struct {
	limit time.Duration
	cause error
	clock ocrClock
	spend context.CancelCauseFunc

	// off: the budget is not measured, a deadline comes first.
	off bool

	mu     sync.Mutex
	open   int           // jobs open
	spent  time.Duration // OCR time before since
	since  time.Time     // when open went from 0 to 1
	cancel func() bool   // stops the timer armed while jobs are open
	over   bool          // the budget is spent
}

func newOCRBudget(limit time.Duration, clock ocrClock, spend context.CancelCauseFunc) *ocrBudget {
	return &ocrBudget{
		limit: limit,
		cause: fmt.Errorf("%w (%s, Limits.MaxOCRDuration)", errOCRBudget, limit),
		clock: clock,
		spend: spend,
	}
}

// begin opens a job; the first open job starts the clock.
func (b *ocrBudget) begin() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.open++
	if b.open > 1 || b.over || b.off {
		return
	}
	b.since = b.clock.Now()
	b.cancel = b.clock.AfterFunc(b.limit-b.spent, b.expire)
}

// end closes a job; the last open job stops the clock.
func (b *ocrBudget) end() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.open--
	if b.open > 0 || b.over || b.off {
		return
	}
	b.cancel()
	b.spent += b.clock.Now().Sub(b.since)
	if b.spent >= b.limit {
		b.overLocked()
	}
}

// expire is the timer's call: the budget is spent while jobs are open.
func (b *ocrBudget) expire() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.overLocked()
}

func (b *ocrBudget) overLocked() {
	if !b.over {
		b.over = true
		b.spend(b.cause)
	}
}

// close stops the timer, if one is armed.
func (b *ocrBudget) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.open > 0 && !b.over && !b.off {
		b.cancel()
	}
}

// ocrBlock is the report's view of the results of an item: an image's
// one, or the pages of a PDF, whose words carry their page number. It
// returns the size of the text too, measured over every page.
func ocrBlock(pages []*ocr.Result, pdf bool) (*OCR, ocr.TextSize) {
	out := &OCR{Engine: pages[0].Engine, Lang: pages[0].Lang, Words: []OCRWord{}}
	var sum float64
	var lines []ocr.Line
	for i, r := range pages {
		page := 0
		if pdf {
			page = i + 1
			out.Pages++
		}
		for _, w := range r.Words() {
			b := w.Box
			out.Words = append(out.Words, OCRWord{Text: w.Text, Conf: round2(w.Conf), Box: [4]int{b.Min.X, b.Min.Y, b.Dx(), b.Dy()}, Page: page})
			sum += w.Conf
		}
		if len(pages) == 1 {
			lines = r.Lines
		} else {
			lines = append(lines, r.Lines...)
		}
		for _, l := range r.Lines {
			if l.Alt != "" && len(out.Alternatives) < MaxOCRAlternatives {
				out.Alternatives = append(out.Alternatives, l.Alt)
			}
		}
	}
	if len(out.Words) > 0 {
		out.Confidence = round2(sum / float64(len(out.Words)))
	}
	// Measured here rather than taken from the results: an engine need
	// not call Summarize, and a PDF's pages are measured as one text.
	size := ocr.MeasureText(lines)
	out.TextPx = size.Px
	out.SmallTextShare = round2(size.SmallShare)
	return out, size
}

// smallTextProblem is the problem of an item whose text is too small to
// trust as read (ocr.TextSize.Small), and reports false for other text.
func smallTextProblem(size ocr.TextSize) (Problem, bool) {
	if !size.Small() {
		return Problem{}, false
	}
	return Problem{
		Code: ProblemOCRSmallText,
		Detail: fmt.Sprintf("text too small to trust as read: %.0f%% of the characters are in lines at most %d px high (median line %d px); names and identifiers read from it may be misread (look-alike kanji, merged letters): check them on the image",
			100*size.SmallShare, ocr.SmallTextPx, size.Px),
	}, true
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

// isPDF reports a PDF item.
func isPDF(t identify.Type) bool { return t.MIME == "application/pdf" }

// ocrUnavailable is the report's problem for a triage that wanted OCR
// and ran without it: why, and how many items it would have read (images,
// and PDFs with no text layer, counted as items are handed on). It
// reports false when there were none.
func ocrUnavailable(images, scans int, why error) (Problem, bool) {
	if images+scans == 0 {
		return Problem{}, false
	}
	return Problem{
		Code:   ProblemOCRUnavailable,
		Detail: fmt.Sprintf("%d images and %d PDFs without a text layer were not read by OCR: %v", images, scans, why),
	}, true
}
