package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/proofpack/proofpack/evidence/render"
)

// progressInterval is how often the bar is drawn at most: events come
// in bursts (one per item, one per image read), and a terminal need not
// show more than ten states a second.
const progressInterval = 100 * time.Millisecond

// progressBar draws one status line on a terminal: items seen, bytes
// read (and the package's size), images read by OCR of those queued, and
// the time elapsed. Events are coalesced, never lost: an event that comes
// too soon after a drawing is kept and drawn by a ticker within
// progressInterval, so the line always ends on the latest state, and the
// elapsed time goes on while OCR works with no event to report.
type progressBar struct {
	w     io.Writer
	name  string // the package, when the run triages several; "" otherwise
	size  int64  // the package's size, 0 when unknown (standard input)
	start time.Time

	mu      sync.Mutex
	ev      progressEvent
	seen    bool // an event has come
	pending bool // ev has not been drawn
	last    time.Time
	drawn   bool
	stopped bool

	stop chan struct{}
	wg   sync.WaitGroup
}

// newProgressBar starts a bar on w for the package name (shown when not
// "") of size bytes (0: unknown); done stops it.
func newProgressBar(w io.Writer, name string, size int64) *progressBar {
	p := &progressBar{w: w, name: name, size: size, start: time.Now(), stop: make(chan struct{})}
	p.wg.Add(1)
	go p.tick()
	return p
}

// update takes the latest state of the triage; it draws it at once
// unless the line was drawn less than progressInterval ago.
func (p *progressBar) update(ev progressEvent) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	p.ev, p.seen, p.pending = ev, true, true
	if time.Since(p.last) >= progressInterval {
		p.draw()
	}
}

// tick draws what update kept back, and refreshes the elapsed time once
// a second when no event comes (a long OCR of one image).
func (p *progressBar) tick() {
	defer p.wg.Done()
	t := time.NewTicker(progressInterval)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			if p.seen && (p.pending || time.Since(p.last) >= time.Second) {
				p.draw()
			}
			p.mu.Unlock()
		}
	}
}

// draw writes the line of the latest event; p.mu is held.
func (p *progressBar) draw() {
	now := time.Now()
	p.last, p.pending, p.drawn = now, false, true
	ev := p.ev
	// The path comes from the package: cut it by characters, never
	// inside one, and escape what would hide or act on the line.
	path := ev.Path
	if r := []rune(path); len(r) > 50 {
		path = "…" + string(r[len(r)-49:])
	}
	path = render.Escape(path)
	name := ""
	if p.name != "" {
		name = render.Escape(p.name) + ": "
	}
	read := humanBytes(ev.Bytes) + " read"
	if p.size > 0 {
		read += " of a " + humanBytes(p.size) + " package"
	}
	ocr := ""
	if ev.OCRQueued > 0 {
		ocr = fmt.Sprintf("  OCR %d/%d", ev.OCRDone, ev.OCRQueued)
	}
	elapsed := now.Sub(p.start).Truncate(time.Second)
	fmt.Fprintf(p.w, "\r\x1b[K%s%d items  %s%s  %s  %s", name, ev.Items, read, ocr, elapsed, path)
}

// done draws the last event if it was kept back, stops the ticker and
// clears the line.
func (p *progressBar) done() {
	close(p.stop)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	if p.pending {
		p.draw()
	}
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
