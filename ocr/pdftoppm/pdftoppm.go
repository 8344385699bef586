// Package pdftoppm renders the pages of PDF files to images for OCR with
// Poppler's pdftoppm command (Debian package poppler-utils).
//
// # Place in the flow
//
// Scanned documents in proof packs are often PDFs with no text layer:
// package meta finds no text in them. When evidence.Options.PDFRasterizer
// is set (the triage command sets it when pdftoppm is installed), such a
// PDF's first pages are rendered here into the triage's private temporary
// directory, and the pages are read by OCR like screenshots.
//
// Why a command: no maintained Go library renders PDF pages (the pure-Go
// readers read objects and text, not page graphics), and Poppler is the
// renderer Debian's own tools use.
//
// # Threat model
//
// The PDF is hostile and Poppler is C. The command runs with no shell,
// reads the PDF from a file in a directory the caller owns and writes only
// there, renders at most MaxPages pages scaled to fit
// MaxSide pixels (so a page claiming to be a square kilometre is still a
// few megapixels), and is killed when its time limit or the caller's
// context ends. Its standard error is kept, cut, for the error message.
package pdftoppm

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/proofpack/proofpack/ocr"
)

// Defaults for the zero fields of Options.
const (
	// DefaultMaxPages is how many pages of one PDF are rendered: the
	// first pages of a scan carry the letterhead, the addressee and the
	// stamp; a whole 300-page scan would hold a worker for many minutes.
	DefaultMaxPages = 5
	// DefaultMaxSide is the longest side of a rendered page in pixels:
	// an A4 page at about 210 DPI, enough for 10-point scanned text.
	DefaultMaxSide = 2480
	// DefaultTimeout bounds one PDF's rendering.
	DefaultTimeout = 60 * time.Second
)

// maxStderr is how much of the command's standard error is kept.
const maxStderr = 4 << 10

// Options configure a Rasterizer. Zero fields take the defaults above;
// Path empty means "pdftoppm" looked up on PATH.
type Options struct {
	Path     string
	MaxPages int
	MaxSide  int
	Timeout  time.Duration
}

// Rasterizer renders PDF pages with pdftoppm. It is safe for concurrent
// use: each call runs its own process.
type Rasterizer struct {
	bin string
	opt Options
}

// New finds the pdftoppm command. Its absence is an error wrapping
// ocr.ErrUnavailable that names the Debian package.
func New(opt Options) (*Rasterizer, error) {
	name := opt.Path
	if name == "" {
		name = "pdftoppm"
	}
	bin, err := exec.LookPath(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s not found (Debian package poppler-utils): %w", ocr.ErrUnavailable, name, err)
	}
	if opt.MaxPages <= 0 {
		opt.MaxPages = DefaultMaxPages
	}
	if opt.MaxSide <= 0 {
		opt.MaxSide = DefaultMaxSide
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	return &Rasterizer{bin: bin, opt: opt}, nil
}

// Rasterize renders the first pages of the PDF read from pdf into gray
// PNG files in dir, which must exist and belong to the caller, and returns
// their paths in page order. Pages rendered before a failure are returned
// with the error.
func (r *Rasterizer) Rasterize(ctx context.Context, pdf io.Reader, dir string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, r.opt.Timeout)
	defer cancel()
	// The PDF goes to a file first: a command's standard input fed from a
	// reader is copied by a goroutine that exec waits for, and that no
	// deadline can stop while the reader blocks.
	in := filepath.Join(dir, "input.pdf")
	if err := writeFile(ctx, in, pdf); err != nil {
		return nil, err
	}
	defer os.Remove(in)
	root := filepath.Join(dir, "page")
	cmd := exec.CommandContext(ctx, r.bin,
		"-png", "-gray",
		"-f", "1", "-l", strconv.Itoa(r.opt.MaxPages),
		"-scale-to", strconv.Itoa(r.opt.MaxSide),
		in, root)
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{b: &stderr, max: maxStderr}
	cmd.Dir = dir
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()
	pages, err := pagesIn(dir)
	if err != nil {
		return nil, err
	}
	if runErr != nil {
		msg := strings.TrimSpace(stderr.String())
		if ctx.Err() != nil {
			return pages, fmt.Errorf("pdftoppm: %w (%s)", context.Cause(ctx), msg)
		}
		return pages, fmt.Errorf("%w: pdftoppm: %w: %s", ocr.ErrFormat, runErr, msg)
	}
	return pages, nil
}

// writeFile copies r into a new file at path, checking ctx between
// chunks.
func writeFile(ctx context.Context, path string, r io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("pdftoppm: %w", err)
	}
	buf := make([]byte, 256<<10)
	for {
		if err := ctx.Err(); err != nil {
			f.Close()
			return fmt.Errorf("pdftoppm: %w", context.Cause(ctx))
		}
		n, rerr := r.Read(buf)
		if _, err := f.Write(buf[:n]); err != nil {
			f.Close()
			return fmt.Errorf("pdftoppm: %w", err)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			f.Close()
			return fmt.Errorf("pdftoppm: reading the PDF: %w", rerr)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("pdftoppm: %w", err)
	}
	return nil
}

// pagesIn lists the page files pdftoppm wrote (page-1.png, page-02.png…:
// it pads the number to the width of the page count), in page order.
func pagesIn(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("pdftoppm: %w", err)
	}
	type page struct {
		n    int
		path string
	}
	var pages []page
	for _, e := range ents {
		name := e.Name()
		num, ok := strings.CutPrefix(strings.TrimSuffix(name, ".png"), "page-")
		if !ok || !strings.HasSuffix(name, ".png") || !e.Type().IsRegular() {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		pages = append(pages, page{n, filepath.Join(dir, name)})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].n < pages[j].n })
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.path
	}
	return out, nil
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	b   *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
