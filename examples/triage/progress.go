package main

import (
	"fmt"
	"io"
	"time"

	"github.com/proofpack/proofpack/evidence/render"
)

// progressBar draws one status line on a terminal, at most ten times a
// second.
type progressBar struct {
	w     io.Writer
	start time.Time
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer) *progressBar {
	return &progressBar{w: w, start: time.Now()}
}

func (p *progressBar) update(ev progressEvent) {
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	rate := float64(ev.Bytes) / max(now.Sub(p.start).Seconds(), 1e-3)
	// The path comes from the package: cut it by characters, never
	// inside one, and escape what would hide or act on the line.
	path := ev.Path
	if r := []rune(path); len(r) > 50 {
		path = "…" + string(r[len(r)-49:])
	}
	path = render.Escape(path)
	ocr := ""
	if ev.OCRQueued > 0 {
		ocr = fmt.Sprintf("  OCR %d/%d", ev.OCRDone, ev.OCRQueued)
	}
	fmt.Fprintf(p.w, "\r\x1b[K%6d items  %10s  %10s/s%s  %s", ev.Items, humanBytes(ev.Bytes), humanBytes(int64(rate)), ocr, path)
	p.drawn = true
}

func (p *progressBar) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
