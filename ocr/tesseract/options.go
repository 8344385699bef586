package tesseract

// This file holds what the package offers with and without cgo: the
// options and their defaults. engine.go (cgo) and nocgo.go (without cgo)
// provide the Engine.

import "github.com/proofpack/proofpack/ocr"

// Defaults used when the matching Options field is zero.
const (
	// DefaultPageSegMode is Tesseract's "sparse text" mode (11): find as
	// much text as possible in no particular order, which suits user
	// interfaces better than the page layout analysis of mode 3. It is
	// gosseract.PSM_SPARSE_TEXT, written as a number so that the package
	// builds without cgo (a test checks the two agree).
	DefaultPageSegMode = 11
	// DefaultDPI is the resolution announced to Tesseract. Screenshots
	// are 96 DPI; after ocr.Prepare's 2-3x upscale, text has the pixel
	// size of a 200-300 DPI scan. Without it gosseract lets Tesseract
	// guess, or assume 70.
	DefaultDPI = 300
	// DefaultLineHeight is the ink height segments are scaled to: text
	// from cap top to descender of about 40 pixels puts the x-height
	// near 20 pixels, where Tesseract reads best.
	DefaultLineHeight = 40
	// DefaultSecondBelow is the confidence under which a segment read by
	// the CJK model is read again by Options.SecondModel.
	DefaultSecondBelow = 90
	// maxSide is the largest image side Tesseract accepts.
	maxSide = 32767
)

// Options configures an Engine. The zero value is valid.
type Options struct {
	// Languages are Tesseract language names ("jpn", "eng", "chi_sim",
	// "Japanese" or "script/Japanese", a script model). Default: ocr.DefaultLanguages() (jpn, eng).
	Languages []string
	// PageSegMode is Tesseract's page segmentation mode (0-13).
	// Default: DefaultPageSegMode (11, sparse text). Use 3 for full
	// automatic layout analysis.
	PageSegMode int
	// DPI is the resolution announced to Tesseract. Default: DefaultDPI.
	DPI int
	// WholePage makes the engine hand the whole prepared image to
	// Tesseract with PageSegMode, as before segmented reading. Default
	// false: lines are found in Go (ocr.FindText), each text segment is
	// scaled to LineHeight and read as one line (mode 7) in the language
	// its glyph shapes suggest, and lines come in screen reading order.
	WholePage bool
	// LineHeight is the height, in pixels, a text segment's ink is
	// scaled to before Tesseract reads it. Default DefaultLineHeight.
	LineHeight int
	// SecondModel is a CJK model that reads a second time the segments
	// the main CJK model read with low confidence (see SecondBelow): the
	// more trustworthy read (confidence, corporate designations read
	// whole, well-formed identifiers) is kept and the other stays as
	// the line's alternative (ocr.Line.Alt), which attribution also
	// reads. "Japanese" is Tesseract's Japanese script model (Debian
	// tesseract-ocr-script-jpan). Default "": no second model. Measured
	// on the decided half of the varied OCR test set (testdata/ocrvar),
	// it found one key token more of 164 for 35 % more CPU on Japanese
	// pages, so it is not on by default.
	SecondModel string
	// SecondBelow is the mean word confidence under which a CJK
	// segment is read a second time. Default DefaultSecondBelow.
	SecondBelow float64
	// DataPath is the tessdata directory holding <lang>.traineddata.
	// Default: $TESSDATA_PREFIX (or its tessdata subdirectory), else the
	// first of the usual system directories that has the languages.
	DataPath string
}

// withDefaults returns o with every zero field replaced by its default.
func (o Options) withDefaults() Options {
	if len(o.Languages) == 0 {
		o.Languages = ocr.DefaultLanguages()
	}
	if o.PageSegMode == 0 {
		o.PageSegMode = DefaultPageSegMode
	}
	if o.DPI <= 0 {
		o.DPI = DefaultDPI
	}
	if o.LineHeight <= 0 {
		o.LineHeight = DefaultLineHeight
	}
	if o.SecondBelow <= 0 {
		o.SecondBelow = DefaultSecondBelow
	}
	return o
}
