package evidence

// This file moves items through the triage. The walk is one reader of the
// package: for each entry it makes an item (analysis.add), reads its body
// once (hashes, type, nested archives, trailing data) and, when it is done
// with it (analysis.walked), hands what remains to do to others:
//
//   - the metadata stage (extractors, body text) of items that need no
//     walk of their own goes to a worker (Options.Workers), while the walk
//     reads the next entry; mail, whose attachments are walked as items,
//     stays on the walk;
//   - an image or a scanned PDF goes to OCR, after its metadata.
//
// When an item's last stage is done (analysis.complete), attribution
// reads it, on the goroutine that finished it, and it is handed on: to
// Options.OnItem, or into the report's items. Items are handed on one at
// a time in the order the walk finished them (their fin number), whatever
// the scheduling: an item done early waits for those before it, and the
// walk waits while the waiting items hold more than maxHeldBytes. Once
// handed on, nothing of an item is kept but what the report keeps (its
// text within Limits.MaxReportText, when the items are collected), the
// attributor's evidence (Options.MaxEvidence per organisation) and the
// timeline's records (bounded).

import (
	"bytes"
	"context"
	"fmt"
	"github.com/proofpack/proofpack/ocr"
	"io"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/fingerprint"
)

// maxHeldBytes bounds what the items done but not yet handed on hold
// (their text, about, and itemOverhead each): past it the walk waits for
// the item they wait for (on a worker, or read by OCR). 64 MiB holds
// sixty items of the largest text, or thousands of common ones, so that
// the walk goes on beside an image OCR takes a minute to read.
const maxHeldBytes = 64 << 20

// itemOverhead is what an item holds besides its text, as counted
// against maxHeldBytes: its strings, metadata and problems.
const itemOverhead = 2 << 10

// itemState is one item on its way through the triage.
type itemState struct {
	it Item
	// fin numbers the items in the order the walk finished them: the
	// order they are handed on.
	fin int
	// attributed: attribution has read the item already (an archive or
	// a mail, before its members).
	attributed bool
	// meta is the item's metadata stage, left to a worker; nil when done.
	meta *extraction
	// ocr is the item's spool waiting for OCR; nil when not read by OCR.
	ocr *ocrJob
}

// extraction is the metadata stage of an item, left to a worker.
type extraction struct {
	t    identify.Type
	exs  []meta.Extractor
	r    io.ReaderAt
	size int64
	// mark is where the stage's problems go among the item's, so that
	// they come where the walk would have put them.
	mark int
	// sp is the item's spool, closed (or handed to OCR) after the stage;
	// head is the kept head of a text item, released after it.
	sp   *unpack.Spool
	head *prefixWriter
}

// ocrJob is an item's spool to hand to OCR once its other stages are
// done: an image, or a PDF to render into dir.
type ocrJob struct {
	sp  *unpack.Spool
	pdf bool
	dir string
}

// stream is the state of the items on their way, in analysis.
type stream struct {
	// ctx is the triage's context, for the work done after the walk:
	// it ends with the walk's MaxDuration, and when OnItem fails.
	ctx       context.Context
	cancelCtx context.CancelFunc
	// stopItems ends the triage when OnItem fails.
	stopItems context.CancelCauseFunc

	// live holds the items the walk has not finished, by Index; only
	// the walk's goroutine uses it, and nseq and nfin.
	live       map[int]*itemState
	nseq, nfin int

	jobs    chan *itemState
	workers sync.WaitGroup
	// noAttachments holds the extractor types deferMeta may leave to a
	// worker.
	noAttachments map[reflect.Type]bool
	// heads holds free buffers for text items' kept heads (newHead): as
	// many as items can be in flight, so that they are reused, not
	// allocated per item, whatever the collector does.
	heads chan []byte

	attr *fingerprint.Attributor

	// mu guards what follows: the items done and waiting to be handed
	// on (ready, by fin), and the output. room signals the walk when
	// held drops.
	mu       sync.Mutex
	room     sync.Cond
	ready    map[int]*itemState
	next     int
	held     int64
	draining bool
	// The output, written by one goroutine at a time (emit).
	items    []Item
	count    int
	stopErr  error
	timeline *timelineBuilder
	text     *TextBudget // of the collected report (OnItem nil)
	// unread counts the items OCR would have read (ocr_unavailable).
	unread struct{ images, scans int }
	// locks counts the items locked for want of a password, and those
	// with content (password_needed, password.go).
	locks lockCount
}

// startStream sets the stream up: the workers, the attributor and the
// timeline.
func (a *analysis) startStream(ctx context.Context, stopItems context.CancelCauseFunc) {
	secs := int64(a.lim.MaxDuration / time.Second)
	a.ctx, a.cancelCtx = context.WithDeadlineCause(ctx, a.w.Deadline(),
		&unpack.LimitError{Limit: unpack.LimitDuration, Value: secs, Max: secs, Path: a.rep.Package.Name})
	a.stopItems = stopItems
	a.live = map[int]*itemState{}
	a.ready = map[int]*itemState{}
	a.room.L = &a.mu
	a.timeline = newTimelineBuilder()
	a.text = NewTextBudget(a.lim.MaxReportText)
	a.attr = fingerprint.NewAttributor(a.catalogue(), fingerprint.Options{Weights: a.opts.Weights})
	n := a.opts.Workers
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	a.heads = make(chan []byte, 2*max(n, 0)+2)
	if n > 0 {
		a.noAttachments = extractorsWithoutAttachments()
		jobs := make(chan *itemState, n)
		a.jobs = jobs
		for range n {
			a.workers.Go(func() {
				for st := range jobs {
					a.runMeta(st)
				}
			})
		}
	}
}

// stopWorkers waits for the items on workers; they are then done, or
// with OCR. It may be called more than once.
func (a *analysis) stopWorkers() {
	if a.jobs != nil {
		close(a.jobs)
		a.jobs = nil
	}
	a.workers.Wait()
}

// endCtx releases the stream's context, once every item is done.
func (a *analysis) endCtx() {
	if a.cancelCtx != nil {
		a.cancelCtx()
	}
}

// item returns the item idx, which the walk has not finished.
func (a *analysis) item(idx int) *Item { return &a.live[idx].it }

// deferMeta leaves the metadata stage of item st, read from r, to a
// worker when there are workers and none of the extractors exs may
// return embedded files (mail attachments are items, which only the walk
// makes). It reports whether it did.
func (a *analysis) deferMeta(st *itemState, t identify.Type, exs []meta.Extractor, r io.ReaderAt, size int64) bool {
	if a.jobs == nil {
		return false
	}
	for _, ex := range exs {
		if !a.noAttachments[reflect.TypeOf(ex)] {
			return false
		}
	}
	st.meta = &extraction{t: t, exs: exs, r: r, size: size, mark: len(st.it.Problems)}
	return true
}

// extractorsWithoutAttachments returns the types of the extractors known
// never to return Attachments: those of package meta but the mail
// readers. An item read by any other (an application's own) stays on the
// walk, which triages what it embeds.
func extractorsWithoutAttachments() map[reflect.Type]bool {
	m := map[reflect.Type]bool{}
	for _, ex := range meta.Extractors() {
		m[reflect.TypeOf(ex)] = true
	}
	delete(m, reflect.TypeOf(meta.NewEmail()))
	delete(m, reflect.TypeOf(meta.NewMSG()))
	return m
}

// walked hands item idx on once the walk is done with it: to a worker, to
// OCR, or as done.
func (a *analysis) walked(ctx context.Context, idx int) {
	st := a.live[idx]
	delete(a.live, idx)
	st.fin = a.nfin
	a.nfin++
	if st.meta != nil {
		a.jobs <- st // waits while the workers have as many queued
		return
	}
	a.release(ctx, st)
}

// runMeta runs the metadata stage of st on a worker, then hands the item
// to OCR or as done.
func (a *analysis) runMeta(st *itemState) {
	x := st.meta
	st.meta = nil
	res, err := meta.Run(a.ctx, x.exs, meta.Input{Name: st.it.Path, Type: x.t, R: x.r, Size: x.size}, a.lim.MetadataLimits())
	// The problems go where the walk would have put them: before those
	// it found after the metadata stage.
	after := slices.Clone(st.it.Problems[x.mark:])
	st.it.Problems = st.it.Problems[:x.mark]
	applyMeta(&st.it, res, err)
	for _, p := range after {
		if !slices.Contains(st.it.Problems, p) {
			st.it.Problems = append(st.it.Problems, p)
		}
	}
	if x.head != nil {
		x.head.release()
	} else {
		a.afterMeta(st, x.t, x.sp) // OCR, or an image's decode for its thumbnail and hash, here beside the walk
	}
	a.release(a.ctx, st)
}

// afterMeta decides, once its metadata is read, what becomes of the spool
// of item st: OCR (an image that is not a camera photograph, a PDF
// without text), the decode of an image for its thumbnail and perceptual
// hash, or nothing. It closes sp or keeps it for OCR in st.ocr.
func (a *analysis) afterMeta(st *itemState, t identify.Type, sp *unpack.Spool) {
	it := &st.it
	switch {
	case a.ocr != nil && isImage(t) && a.ocr.wants(it.Metadata, sp, sp.Size()):
		st.ocr = &ocrJob{sp: sp}
	case a.ocr != nil && isPDF(t) && a.opts.PDFRasterizer != nil && len(bytes.TrimSpace([]byte(it.Text))) <= maxPDFTextForOCR:
		dir, err := a.w.MakeTempDir()
		if err != nil {
			addProblem(it, fmt.Errorf("%w: %w", errOCR, err))
			sp.Close()
			break
		}
		st.ocr = &ocrJob{sp: sp, pdf: true, dir: dir}
	case (a.thumbs != nil || a.hashing) && isImage(t):
		a.pixels(st, t, sp)
		sp.Close()
	default:
		sp.Close()
	}
}

// pixels decodes an image item that OCR does not read, once, for its
// thumbnail (when thumbnails are on and some are left) and its
// perceptual hash (when hashing).
func (a *analysis) pixels(st *itemState, t identify.Type, sp *unpack.Spool) {
	if !isImage(t) || (a.thumbs == nil && !a.hashing) {
		return
	}
	reserved := a.thumbs != nil && a.thumbs.reserve()
	if !reserved && !a.hashing {
		return
	}
	img, err := ocr.Decode(io.NewSectionReader(sp, 0, sp.Size()), a.pixelLimit)
	if err != nil {
		if reserved {
			a.thumbs.account(0)
		}
		if a.hashing {
			addProblem(&st.it, fmt.Errorf("%w: %w", errHash, err))
		}
		return
	}
	if reserved {
		if th, err := a.thumbs.fromImage(img, true); err == nil {
			st.it.Thumbnail = th
		}
	}
	if a.hashing {
		setImageHash(&st.it, img)
	}
}

// release hands st to OCR, which completes it, or completes it.
func (a *analysis) release(ctx context.Context, st *itemState) {
	switch j := st.ocr; {
	case j == nil:
		a.complete(st)
	case j.pdf:
		st.ocr = nil
		a.ocr.submitPDF(ctx, st, j.sp, a.opts.PDFRasterizer, j.dir) // the job closes sp
	default:
		st.ocr = nil
		a.ocr.submit(ctx, st, j.sp) // the job closes sp
	}
}

// attributeEarly has attribution read an archive or a mail item (of type
// t) before its members, as soon as what attribution reads of it is known.
func (a *analysis) attributeEarly(st *itemState, t identify.Type) {
	if st == nil || st.attributed {
		return
	}
	st.attributed = true
	fi := attributionItem(&st.it)
	fi.Kind = string(t.Kind)
	a.attr.Add(fi)
}

// complete is called, from any goroutine, when an item's last stage is
// done: attribution reads it there, and it waits its turn to be handed on.
func (a *analysis) complete(st *itemState) {
	if a.hashing {
		setTextHash(&st.it)
	}
	if a.lib != nil {
		a.lib.lookup(a.ctx, a, &st.it)
	}
	if !st.attributed {
		st.attributed = true
		a.attr.Add(attributionItem(&st.it))
	}
	a.mu.Lock()
	a.ready[st.fin] = st
	a.held += heldBytes(&st.it)
	if a.draining {
		a.mu.Unlock()
		return
	}
	a.draining = true
	for {
		next, ok := a.ready[a.next]
		if !ok {
			break
		}
		delete(a.ready, a.next)
		a.next++
		a.held -= heldBytes(&next.it)
		a.mu.Unlock()
		a.emit(next)
		a.mu.Lock()
	}
	a.draining = false
	a.room.Broadcast()
	a.mu.Unlock()
}

// heldBytes is what an item holds, as counted against maxHeldBytes.
func heldBytes(it *Item) int64 {
	n := int64(len(it.Text)) + itemOverhead
	if it.OCR != nil {
		n += int64(len(it.OCR.Words)) * 64
	}
	return n
}

// wait waits, on the walk's goroutine, while the items done and waiting
// for an earlier one hold more than maxHeldBytes. The item they wait for
// is on a worker or with OCR, whose ends do not wait for the walk.
func (a *analysis) wait() {
	a.mu.Lock()
	for a.held > maxHeldBytes {
		a.room.Wait()
	}
	a.mu.Unlock()
}

// emit hands one item on; one goroutine at a time calls it, in fin order.
func (a *analysis) emit(st *itemState) {
	if a.stopErr != nil {
		return // OnItem failed: nothing more is handed on
	}
	it := &st.it
	switch {
	case it.DuplicateOf != "":
		// A copy: its text is the first's, counted there.
	case it.Kind == string(identify.KindImage):
		a.unread.images++
	case it.Kind == string(identify.KindPDF) && len(bytes.TrimSpace([]byte(it.Text))) <= maxPDFTextForOCR:
		a.unread.scans++
	}
	a.locks.add(it)
	if a.opts.OnItem == nil {
		a.text.Keep(it)
	}
	s := &a.rep.Stats
	a.count++
	s.ByKind[it.Kind]++
	s.MaxDepth = max(s.MaxDepth, it.Depth)
	s.Problems += len(it.Problems)
	if !it.Metadata.IsZero() {
		s.WithMetadata++
	}
	a.timeline.add(it)
	if a.opts.OnItem == nil {
		a.items = append(a.items, *it)
		return
	}
	if err := a.opts.OnItem(*it); err != nil {
		a.stopErr = err
		a.stopItems(err)
	}
}

// handed returns the number of items handed on.
func (a *analysis) handed() int {
	if a.live == nil {
		return 0
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.count
}

// attribution fills the report's attribution and claim from what the
// attributor has read.
func (a *analysis) attribution() {
	res := a.attr.Result()
	a.rep.Attribution = attributionOf(res)
	if len(res.Owners) > 0 {
		if o, ok := res.Owner(res.Owners[0]); ok {
			a.owner, a.ownerName = o.Org, o.Name
		}
	}
	if a.opts.Claim != "" {
		a.rep.Claim = claimOf(res.Verdict(a.opts.Claim))
	}
}

// claimFreshness adds the ClaimStale finding to the claim, and its
// detail to the reason, once the timeline is built.
func (a *analysis) claimFreshness() {
	f, ok := staleFinding(a.timeline.newest, a.timeline.newestDay, a.opts.ClaimDate)
	if !ok {
		return
	}
	c := &a.rep.Claim
	c.Findings = append(c.Findings, f)
	if c.Reason == "" {
		c.Reason = f.Detail
	} else {
		c.Reason += "; " + f.Detail
	}
}

// endStream puts the items handed on into the report, in walk order, and
// the timeline, once every item is done.
func (a *analysis) endStream() {
	rep := a.rep
	slices.SortFunc(a.items, func(x, y Item) int { return x.Index - y.Index })
	if a.items != nil {
		rep.Items = a.items
	}
	a.items = nil
	rep.Stats.Items = a.count
	rep.Timeline = a.timeline.timeline()
	if p, ok := a.text.Problem(rep.Package.Name); ok {
		rep.Problems = append(rep.Problems, p)
	}
}

// newHead returns a prefixWriter that keeps the first n bytes of a text
// item whose header declares size bytes (-1: unknown). A smaller item
// gets a buffer of its declared size (which grows, up to n, if the
// header lies); any other a buffer of n bytes from a.heads, which the
// items after reuse.
func (a *analysis) newHead(n, size int64) *prefixWriter {
	if size >= 0 && size < n {
		return &prefixWriter{buf: make([]byte, 0, size), max: n}
	}
	select {
	case b := <-a.heads:
		if int64(cap(b)) == n {
			return &prefixWriter{buf: b[:0], max: n, free: a.heads}
		}
	default:
	}
	return &prefixWriter{buf: make([]byte, 0, n), max: n, free: a.heads}
}

// catalogue is the organisation catalogue attribution ranks against.
func (a *analysis) catalogue() *fingerprint.Catalogue {
	if a.opts.Orgs != nil {
		return a.opts.Orgs
	}
	return fingerprint.Default()
}
