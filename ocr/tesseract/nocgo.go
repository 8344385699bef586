//go:build !cgo

package tesseract

// Without cgo there is no Tesseract: this file keeps the package's API so
// that a program importing it builds both ways (CGO_ENABLED=0 go build
// ./...), and New says why OCR cannot run. Programs then triage without
// OCR (examples/triage does, and says so).

import (
	"context"
	"fmt"

	"github.com/proofpack/proofpack/ocr"
)

// Available reports whether this build can run Tesseract: false, because
// it was built without cgo.
const Available = false

// errNoCgo is what New returns in a build without cgo.
var errNoCgo = fmt.Errorf("%w: tesseract: this program was built without cgo (CGO_ENABLED=0); "+
	"rebuild it with cgo and the Debian packages libtesseract-dev and libleptonica-dev to read images", ocr.ErrUnavailable)

// Engine is the Tesseract engine. In a build without cgo none can be
// made: New always fails.
type Engine struct{}

var _ ocr.Engine = (*Engine)(nil)

// New returns an error wrapping ocr.ErrUnavailable: this build has no
// Tesseract.
func New(opt Options) (*Engine, error) {
	_ = opt.withDefaults()
	return nil, errNoCgo
}

// Name returns "tesseract".
func (e *Engine) Name() string { return "tesseract" }

// Languages returns "": no language is loaded.
func (e *Engine) Languages() string { return "" }

// Recognize returns an error wrapping ocr.ErrUnavailable.
func (e *Engine) Recognize(ctx context.Context, p *ocr.Prepared) (*ocr.Result, error) {
	return nil, errNoCgo
}

// AdjustPreprocess returns p unchanged.
func (e *Engine) AdjustPreprocess(p ocr.Preprocess) ocr.Preprocess { return p }

// Close does nothing.
func (e *Engine) Close() error { return nil }

// ThreadLimited reports true: there are no Tesseract threads to limit.
func ThreadLimited() bool { return true }

// EnsureThreadLimit does nothing and returns nil: without Tesseract
// there are no OpenMP threads to limit, and no reason to re-execute.
func EnsureThreadLimit() error { return nil }
