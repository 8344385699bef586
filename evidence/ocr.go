package evidence

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
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
	// thumbs, if set, makes a thumbnail of each image read, from the
	// image decoded for OCR.
	thumbs *thumbnailer
}

// ocrOutcome is what OCR made of one item: one result for an image, one
// per page rendered for a PDF.
type ocrOutcome struct {
	idx   int
	pages []*ocr.Result
	pdf   bool
	err   error
	thumb *Thumbnail
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
		res, th, err := s.read(s.ctx, sp)
		s.finish(ocrOutcome{idx: idx, pages: []*ocr.Result{res}, err: err, thumb: th})
	})
}

// submitPDF hands the spool of a PDF item without a text layer to a job
// that renders its first pages into a directory of its own under the
// triage's private one and reads each page. It closes sp.
func (s *ocrStage) submitPDF(ctx context.Context, idx int, sp *unpack.Spool, rast PDFRasterizer, tempDir string) {
	select {
	case s.pending <- struct{}{}:
	case <-ctx.Done():
		sp.Close()
		return
	}
	s.queued.Add(1)
	s.wg.Go(func() {
		defer func() { <-s.pending }()
		pages, err := s.readPDF(s.ctx, sp, rast, tempDir)
		s.finish(ocrOutcome{idx: idx, pages: pages, pdf: true, err: err})
	})
}

// finish records an outcome and signals wait.
func (s *ocrStage) finish(o ocrOutcome) {
	s.mu.Lock()
	s.outcomes = append(s.outcomes, o)
	s.mu.Unlock()
	s.done.Add(1)
	select {
	case s.finished <- struct{}{}:
	default:
	}
}

// readPDF renders the PDF's first pages (one decoding slot held: the
// renderer is a process of its own) and reads them one by one. The pages
// read before an error are returned with it.
func (s *ocrStage) readPDF(ctx context.Context, sp *unpack.Spool, rast PDFRasterizer, tempDir string) ([]*ocr.Result, error) {
	select {
	case s.decoding <- struct{}{}:
	case <-ctx.Done():
		sp.Close()
		return nil, ctx.Err()
	}
	dir, err := os.MkdirTemp(tempDir, "pdf-")
	if err != nil {
		<-s.decoding
		sp.Close()
		return nil, fmt.Errorf("%w: %w", errOCR, err)
	}
	defer os.RemoveAll(dir)
	files, rerr := rast.Rasterize(ctx, io.NewSectionReader(sp, 0, sp.Size()), dir)
	sp.Close()
	<-s.decoding
	var pages []*ocr.Result
	for _, f := range files {
		res, err := s.readFile(ctx, f)
		if err != nil {
			return pages, err
		}
		pages = append(pages, res)
	}
	if rerr != nil {
		return pages, fmt.Errorf("%w: %w", errOCR, rerr)
	}
	return pages, nil
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
func (s *ocrStage) read(ctx context.Context, sp *unpack.Spool) (*ocr.Result, *Thumbnail, error) {
	select {
	case s.decoding <- struct{}{}:
	case <-ctx.Done():
		sp.Close()
		return nil, nil, ctx.Err()
	}
	defer func() { <-s.decoding }()
	img, err := ocr.Decode(io.NewSectionReader(sp, 0, sp.Size()), s.pool.Options().MaxPixels)
	sp.Close()
	if err != nil {
		return nil, nil, err
	}
	var th *Thumbnail
	if s.thumbs != nil {
		th, _ = s.thumbs.fromImage(img, false) // a failed thumbnail only leaves the report without it
	}
	res, err := s.pool.Recognize(ctx, img)
	return res, th, err
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
		var pages []*ocr.Result
		for _, p := range o.pages {
			if p != nil {
				pages = append(pages, p)
			}
		}
		a.rep.Stats.OCRImages += max(len(pages), 1)
		if o.thumb != nil {
			a.rep.Items[o.idx].Thumbnail = o.thumb
		}
		if o.err != nil {
			a.problem(o.idx, fmt.Errorf("%w: %w", errOCR, o.err))
		}
		if len(pages) == 0 {
			continue
		}
		it := &a.rep.Items[o.idx]
		it.OCR = ocrBlock(pages, o.pdf)
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
	s.outcomes = nil
}

// errOCR marks the problems of the OCR stage.
var errOCR = errors.New("ocr")

// ocrBlock is the report's view of the results of an item: an image's
// one, or the pages of a PDF, whose words carry their page number.
func ocrBlock(pages []*ocr.Result, pdf bool) *OCR {
	out := &OCR{Engine: pages[0].Engine, Lang: pages[0].Lang, Words: []OCRWord{}}
	var sum float64
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
	}
	if len(out.Words) > 0 {
		out.Confidence = round2(sum / float64(len(out.Words)))
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

// isPDF reports a PDF item.
func isPDF(t identify.Type) bool { return t.MIME == "application/pdf" }

// ocrUnavailable is the report's problem for a triage that wanted OCR
// and ran without it: why, and how many items it would have read
// (images, and PDFs with no text layer). It reports false when there
// were none.
func ocrUnavailable(items []Item, why error) (Problem, bool) {
	var images, scans int
	for i := range items {
		switch {
		case items[i].Kind == string(identify.KindImage):
			images++
		case items[i].Kind == string(identify.KindPDF) && len(strings.TrimSpace(items[i].Text)) <= maxPDFTextForOCR:
			scans++
		}
	}
	if images+scans == 0 {
		return Problem{}, false
	}
	return Problem{
		Code:   ProblemOCRUnavailable,
		Detail: fmt.Sprintf("%d images and %d PDFs without a text layer were not read by OCR: %v", images, scans, why),
	}, true
}
