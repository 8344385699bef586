//go:build cgo

package tesseract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/otiai10/gosseract/v2"

	"github.com/proofpack/proofpack/ocr"
)

// Available reports whether this build can run Tesseract: true in a build
// with cgo (the engine may still fail to start when libtesseract's
// language data is missing; New says which package to install).
const Available = true

// tessdataDirs are where Debian and other systems install language data,
// tried in order after Options.DataPath and TESSDATA_PREFIX.
var tessdataDirs = []string{
	"/usr/share/tesseract-ocr/5/tessdata",
	"/usr/share/tesseract-ocr/4.00/tessdata",
	"/usr/local/share/tessdata",
	"/usr/share/tessdata",
	"/opt/homebrew/share/tessdata",
}

// initMu serialises Tesseract initialisation: gosseract redirects the
// process's stderr while Init runs, which is not safe to do from two
// goroutines at once.
var initMu sync.Mutex

// errRecognize reports that Tesseract's Recognize failed.
var errRecognize = errors.New("tesseract: recognition failed")

// Engine is an ocr.Engine backed by one Tesseract instance (one
// gosseract client, reused for every image). It is not safe for
// concurrent use; use an ocr.Pool to run several.
type Engine struct {
	opt    Options
	client *gosseract.Client
	handle unsafe.Pointer // the client's TessBaseAPI; nil: gosseract path
	// latinClient reads the segments that look Latin with the
	// non-CJK languages alone (faster, and no kanji look-alikes);
	// nil when the languages are all CJK or all not.
	latinClient *gosseract.Client
	latin       unsafe.Pointer
	// secondClient reads again the CJK segments read poorly
	// (Options.SecondModel); nil when there is no second model.
	secondClient *gosseract.Client
	second       unsafe.Pointer
	cancel       cancelFlag
	name         string
	lang         string
}

var _ ocr.Engine = (*Engine)(nil)

// langName is what a Tesseract language name may look like.
var langName = regexp.MustCompile(`^[A-Za-z0-9_]+(/[A-Za-z0-9_]+)?$`)

// New loads Tesseract with the options' languages. When a language's
// traineddata file is missing the error wraps ocr.ErrUnavailable and
// names the Debian package to install; the check is done here, before
// Tesseract is asked, so it prints nothing.
//
// New sets OMP_THREAD_LIMIT=1 in the environment when it is unset:
// Tesseract's OpenMP threads compete with a pool's workers. But libgomp
// reads the variable once, when the process starts, before any Go code
// runs, so this only helps child processes: programs call
// EnsureThreadLimit first thing in main (see threads.go; measured here,
// 0.30 s instead of 1.85 s per screenshot on 2 cores).
func New(opt Options) (*Engine, error) {
	opt = opt.withDefaults()
	if opt.PageSegMode < 0 || opt.PageSegMode >= int(gosseract.PSM_COUNT) {
		return nil, fmt.Errorf("tesseract: page segmentation mode %d out of range", opt.PageSegMode)
	}
	dir, err := findData(opt.DataPath, opt.Languages)
	if err != nil {
		return nil, err
	}
	opt.DataPath = dir
	if m := opt.SecondModel; m != "" {
		if !langName.MatchString(m) || !isCJKLanguage(m) {
			return nil, fmt.Errorf("%w: second model %q is not a CJK language", ocr.ErrUnavailable, m)
		}
		if len(missing(dir, []string{m})) > 0 {
			return nil, fmt.Errorf("%w: tesseract language data %s not found in %s; install the Debian package tesseract-ocr-%s",
				ocr.ErrUnavailable, m, dir, debianName(m))
		}
	}
	if os.Getenv("OMP_THREAD_LIMIT") == "" {
		_ = os.Setenv("OMP_THREAD_LIMIT", "1")
	}

	c := gosseract.NewClient()
	e := &Engine{opt: opt, client: c, lang: strings.Join(opt.Languages, "+")}
	// In segmented mode with both CJK and Latin languages, the main
	// instance loads the CJK ones alone: Tesseract's per-word choice
	// between two models gives a Japanese word in a Latin line to the
	// Latin model, and the Latin runs of Japanese lines are read again
	// by the Latin instance anyway (see refine).
	main := opt.Languages
	latin := latinSubset(opt.Languages)
	if latin != nil && !opt.WholePage {
		main = cjkSubset(opt.Languages)
	}
	if err := e.init(c, main); err != nil {
		_ = c.Close()
		return nil, err
	}
	e.handle = clientHandle(c)
	if latin != nil && !opt.WholePage && e.handle == nil {
		// gosseract path: no second instance, so the first needs all.
		if err := e.init(c, opt.Languages); err != nil {
			_ = c.Close()
			return nil, err
		}
	}
	if latin != nil && !opt.WholePage && e.handle != nil {
		if e.latinClient, e.latin, err = e.extraClient(latin); err != nil {
			_ = c.Close()
			return nil, err
		}
	}
	if m := opt.SecondModel; m != "" && !opt.WholePage && e.latin != nil {
		if e.secondClient, e.second, err = e.extraClient([]string{m}); err != nil {
			_ = e.Close()
			return nil, err
		}
	}
	e.cancel = newCancelFlag()
	e.name = "tesseract " + c.Version()
	return e, nil
}

// extraClient starts one more Tesseract instance with langs, for the
// segments the main one should not read alone, and returns it with its
// TessBaseAPI; both are nil when gosseract does not expose the handle
// (the instance is then of no use and is closed).
func (e *Engine) extraClient(langs []string) (*gosseract.Client, unsafe.Pointer, error) {
	c := gosseract.NewClient()
	if err := e.init(c, langs); err != nil {
		_ = c.Close()
		return nil, nil, err
	}
	h := clientHandle(c)
	if h == nil {
		_ = c.Close()
		return nil, nil, nil
	}
	return c, h, nil
}

// init configures the client and makes gosseract initialise Tesseract by
// reading a small blank image.
func (e *Engine) init(c *gosseract.Client, langs []string) error {
	if err := c.SetLanguage(langs...); err != nil {
		return fmt.Errorf("tesseract: %w", err)
	}
	if err := c.SetTessdataPrefix(e.opt.DataPath); err != nil {
		return fmt.Errorf("tesseract: %w", err)
	}
	_ = c.SetVariable(gosseract.DEBUG_FILE, os.DevNull) // no chatter on stderr
	_ = c.SetVariable("user_defined_dpi", strconv.Itoa(e.opt.DPI))
	blank := image.NewGray(image.Rect(0, 0, 16, 16))
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	if err := c.SetImageFromBytes(pgm(blank)); err != nil {
		return fmt.Errorf("tesseract: %w", err)
	}
	initMu.Lock()
	_, err := c.Text()
	initMu.Unlock()
	if err != nil {
		return fmt.Errorf("%w: tesseract init (%s in %s): %w", ocr.ErrUnavailable, strings.Join(langs, "+"), e.opt.DataPath, err)
	}
	// Init resets the mode, so it is set afterwards.
	psm := gosseract.PageSegMode(e.opt.PageSegMode)
	if !e.opt.WholePage {
		psm = gosseract.PSM_SINGLE_LINE
	}
	_ = c.SetPageSegMode(psm)
	return nil
}

// findData returns the tessdata directory holding every language, or an
// error wrapping ocr.ErrUnavailable that names the missing packages.
func findData(dataPath string, langs []string) (string, error) {
	for _, l := range langs {
		if !langName.MatchString(l) {
			return "", fmt.Errorf("%w: invalid tesseract language name %q", ocr.ErrUnavailable, l)
		}
	}
	var dirs []string
	switch {
	case dataPath != "":
		dirs = []string{dataPath}
	default:
		if p := os.Getenv("TESSDATA_PREFIX"); p != "" {
			dirs = append(dirs, p, filepath.Join(p, "tessdata"))
		}
		dirs = append(dirs, tessdataDirs...)
	}
	first := ""
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		if first == "" {
			first = d
		}
		if len(missing(d, langs)) == 0 {
			return d, nil
		}
	}
	if first == "" {
		return "", fmt.Errorf("%w: no tessdata directory (looked in %s); install tesseract-ocr-%s",
			ocr.ErrUnavailable, strings.Join(dirs, ", "), debianName(langs[0]))
	}
	miss := missing(first, langs)
	pkgs := make([]string, len(miss))
	for i, l := range miss {
		pkgs[i] = "tesseract-ocr-" + debianName(l)
	}
	return "", fmt.Errorf("%w: tesseract language data %s not found in %s; install the Debian package %s",
		ocr.ErrUnavailable, strings.Join(miss, ", "), first, strings.Join(pkgs, " "))
}

// missing returns the languages with no usable traineddata file in dir.
func missing(dir string, langs []string) []string {
	var out []string
	for _, l := range langs {
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(l)+".traineddata"))
		if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
			out = append(out, l)
		}
	}
	return out
}

// debianName turns a Tesseract language name into the suffix of its
// Debian package: chi_sim → chi-sim, script/Latin → script-latin.
func debianName(l string) string {
	return strings.ToLower(strings.NewReplacer("_", "-", "/", "-").Replace(l))
}

// Name returns "tesseract" and the library version, e.g.
// "tesseract 5.3.0".
func (e *Engine) Name() string { return e.name }

// Languages returns the languages the engine loaded, joined by "+".
func (e *Engine) Languages() string { return e.lang }

// Recognize reads the words and lines of p. It stops within a fraction
// of a second when ctx is done (through Tesseract's progress monitor,
// checked between words) and then returns an error wrapping ctx.Err().
// Boxes are in the original image's coordinates.
func (e *Engine) Recognize(ctx context.Context, p *ocr.Prepared) (*ocr.Result, error) {
	if e.client == nil {
		return nil, fmt.Errorf("%w: tesseract engine closed", ocr.ErrUnavailable)
	}
	if p == nil || p.Gray == nil || len(p.Gray.Pix) == 0 {
		return nil, fmt.Errorf("%w: no prepared image", ocr.ErrFormat)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("tesseract: %w", err)
	}
	w, h := p.Gray.Rect.Dx(), p.Gray.Rect.Dy()
	if w > maxSide || h > maxSide || p.Gray.Rect.Min != (image.Point{}) {
		return nil, fmt.Errorf("%w: prepared image %v (Tesseract takes at most %d per side)", ocr.ErrLimit, p.Gray.Rect, maxSide)
	}
	var lines []ocr.Line
	var err error
	switch {
	case e.handle != nil && !e.opt.WholePage:
		lines, err = e.recognizeSegments(ctx, p)
	case e.handle != nil:
		lines, err = e.recognizeNative(ctx, p)
	default:
		_ = e.client.SetPageSegMode(gosseract.PageSegMode(e.opt.PageSegMode))
		lines, err = e.recognizeGosseract(p)
	}
	if err != nil {
		return nil, fmt.Errorf("tesseract: %w", err)
	}
	res := &ocr.Result{Lines: lines, Lang: e.lang, Engine: e.name, Scale: p.Scale}
	res.Summarize()
	return res, nil
}

// recognizeGosseract is the fallback through gosseract's own calls: it
// leaks the word strings Tesseract returns and cannot be cancelled.
func (e *Engine) recognizeGosseract(p *ocr.Prepared) ([]ocr.Line, error) {
	if err := e.client.SetImageFromBytes(pgm(p.Gray)); err != nil {
		return nil, err
	}
	boxes, err := e.client.GetBoundingBoxesVerbose()
	if err != nil {
		return nil, err
	}
	var lines []ocr.Line
	type key struct{ b, p, l int }
	var last key
	for i, bb := range boxes {
		k := key{bb.BlockNum, bb.ParNum, bb.LineNum}
		if i == 0 || k != last {
			lines = append(lines, ocr.Line{})
			last = k
		}
		if bb.Word == "" {
			continue
		}
		l := &lines[len(lines)-1]
		wb := p.ToOriginal(bb.Box)
		l.Words = append(l.Words, ocr.Word{Text: bb.Word, Conf: bb.Confidence, Box: wb})
		l.Box = l.Box.Union(wb)
		l.Conf += bb.Confidence
	}
	for i := range lines {
		if n := len(lines[i].Words); n > 0 {
			lines[i].Conf /= float64(n)
		}
	}
	return dropEmptyLines(lines), nil
}

// dropEmptyLines removes lines without words.
func dropEmptyLines(lines []ocr.Line) []ocr.Line {
	out := lines[:0]
	for _, l := range lines {
		if len(l.Words) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// pgm encodes g as a binary PGM (P5), which Leptonica reads without
// decompression.
func pgm(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	var b bytes.Buffer
	fmt.Fprintf(&b, "P5\n%d %d\n255\n", w, h)
	b.Grow(w * h)
	for y := 0; y < h; y++ {
		i := g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y)
		b.Write(g.Pix[i : i+w])
	}
	return b.Bytes()
}

// Close releases Tesseract. The engine cannot be used afterwards.
func (e *Engine) Close() error {
	if e.client == nil {
		return nil
	}
	err := e.client.Close()
	if e.latinClient != nil {
		err = errors.Join(err, e.latinClient.Close())
	}
	if e.secondClient != nil {
		err = errors.Join(err, e.secondClient.Close())
	}
	e.client, e.handle, e.latinClient, e.latin = nil, nil, nil, nil
	e.secondClient, e.second = nil, nil
	if e.cancel.p != nil {
		e.cancel.free()
		e.cancel.p = nil
	}
	if err != nil {
		return fmt.Errorf("tesseract: close: %w", err)
	}
	return nil
}
