package ocr

import (
	"context"
	"errors"
	"image"
	"runtime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors. Errors returned by this package and by engines wrap one
// of them when it applies, so callers test with errors.Is.
var (
	// ErrUnavailable reports that no OCR engine can run: the engine library
	// is missing or the language data it needs is not installed.
	ErrUnavailable = errors.New("ocr: engine unavailable")
	// ErrLimit reports that an image is over a size limit (pixels or
	// dimensions) and was not decoded or not recognised.
	ErrLimit = errors.New("ocr: image over limit")
	// ErrTimeout reports that recognising one image took longer than
	// Options.TimeoutPerImage.
	ErrTimeout = errors.New("ocr: timed out")
	// ErrFormat reports that the bytes are not an image this package can
	// decode, or that the decoder failed on them.
	ErrFormat = errors.New("ocr: not a decodable image")
	// ErrClosed reports a call on a Pool after Close.
	ErrClosed = errors.New("ocr: pool closed")
)

// Defaults used when the matching Options field is zero.
const (
	// DefaultTimeoutPerImage bounds one Recognize call. A 1920x1080
	// screenshot upscaled 2x takes a few seconds on one core; a minute
	// leaves room for dense pages while still stopping a hostile image
	// that makes the engine crawl.
	DefaultTimeoutPerImage = 60 * time.Second
	// DefaultMaxPixels bounds the decoded size of one image (40
	// megapixels, 160 MB as RGBA). Screenshots are far below it; a
	// decompression bomb that claims 100000x100000 is far above.
	DefaultMaxPixels int64 = 40_000_000
)

// DefaultLanguages returns the languages used when Options.Languages is
// empty: Japanese and English, the two that proof packs of Japanese
// organisations mix. The slice is a fresh copy.
func DefaultLanguages() []string { return []string{"jpn", "eng"} }

// Word is one recognised word.
type Word struct {
	// Text is the word as recognised, in UTF-8.
	Text string `json:"text"`
	// Conf is the engine's confidence, from 0 to 100.
	Conf float64 `json:"conf"`
	// Box is where the word is, in the original image's pixel
	// coordinates (not the preprocessed image's).
	Box image.Rectangle `json:"box"`
}

// Line is one recognised text line and its words.
type Line struct {
	// Text is the words of the line joined by single spaces, except
	// between two CJK characters, where no space is written.
	Text string `json:"text"`
	// Conf is the engine's confidence for the line, from 0 to 100.
	Conf float64 `json:"conf"`
	// Box is the line's box in the original image's pixel coordinates.
	Box image.Rectangle `json:"box"`
	// Words are the line's words in reading order.
	Words []Word `json:"words"`
	// Alt is the line as the other reading has it, when an engine
	// reads poorly recognised text twice (ocr/tesseract: a second
	// model, Options.SecondModel, or small identifiers at a second
	// scale) and the reads differ; "" otherwise. It is not in Text:
	// attribution looks for names in it too.
	Alt string `json:"alt,omitempty"`
}

// Result is what an engine read in one image.
type Result struct {
	// Text is the lines' text joined by newlines.
	Text string `json:"text"`
	// Lines are the recognised lines in reading order.
	Lines []Line `json:"lines"`
	// Lang is the languages the engine used, as it names them (for
	// Tesseract "jpn+eng").
	Lang string `json:"lang"`
	// Confidence is the mean confidence of the words, 0 to 100; 0 when
	// no word was found.
	Confidence float64 `json:"confidence"`
	// Engine names the engine and its version, e.g. "tesseract 5.3.0".
	Engine string `json:"engine"`
	// Duration is the wall time spent on the image. The Pool sets it to
	// the time from decode hand-over to result, preprocessing included.
	Duration time.Duration `json:"duration"`
	// Scale is the upscale factor the preprocessing applied.
	Scale float64 `json:"scale"`
	// TextSize is the size of the text read, measured on Lines
	// (MeasureText): text at most SmallTextPx high is not to be trusted
	// as read.
	TextSize TextSize `json:"text_size"`
}

// Words returns every word of the result in reading order.
func (r *Result) Words() []Word {
	var n int
	for _, l := range r.Lines {
		n += len(l.Words)
	}
	out := make([]Word, 0, n)
	for _, l := range r.Lines {
		out = append(out, l.Words...)
	}
	return out
}

// Summarize fills Text, Confidence and TextSize from Lines, and each
// line's Text from its words when the line has none. Engines call it
// after filling Lines.
func (r *Result) Summarize() {
	var b strings.Builder
	var sum float64
	var n int
	for i := range r.Lines {
		l := &r.Lines[i]
		if l.Text == "" {
			l.Text = JoinWords(l.Words)
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text)
		for _, w := range l.Words {
			sum += w.Conf
			n++
		}
	}
	r.Text = b.String()
	r.TextSize = MeasureText(r.Lines)
	r.Confidence = 0
	if n > 0 {
		r.Confidence = sum / float64(n)
	}
}

// JoinWords joins the words' text with single spaces, leaving out the
// space between two CJK characters: Japanese has no spaces between words,
// and engines cut it into "words" at places of their own choosing.
func JoinWords(words []Word) string {
	var b strings.Builder
	var prev rune
	for i, w := range words {
		t := strings.TrimSpace(w.Text)
		if t == "" {
			continue
		}
		first := []rune(t)[0]
		if i > 0 && b.Len() > 0 && !(isCJK(prev) && isCJK(first)) {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		r := []rune(t)
		prev = r[len(r)-1]
	}
	return b.String()
}

// IsCJK reports whether r belongs to a script written without spaces
// (see JoinWords).
func IsCJK(r rune) bool { return isCJK(r) }

// isCJK reports whether r belongs to a script written without spaces:
// Han, Hiragana, Katakana, and full-width forms and CJK punctuation.
func isCJK(r rune) bool {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return true
	case r >= 0x3000 && r <= 0x303f: // CJK symbols and punctuation
		return true
	case r >= 0xff00 && r <= 0xffef: // half-width and full-width forms
		return true
	case r == 0x30fc: // katakana-hiragana prolonged sound mark
		return true
	}
	return false
}

// Engine recognises text in a preprocessed image. An Engine is not safe
// for concurrent use: a Pool gives each of its workers its own.
type Engine interface {
	// Recognize reads the text of img. Boxes in the result are in the
	// original image's coordinates (see Prepared.ToOriginal). It should
	// stop early when ctx is done and then return an error wrapping
	// ctx.Err().
	Recognize(ctx context.Context, img *Prepared) (*Result, error)
	// Name names the engine and its version, e.g. "tesseract 5.3.0".
	Name() string
	// Close releases the engine's resources.
	Close() error
}

// PreprocessAdjuster is implemented by engines that want other
// preprocessing than the Pool's options give (for example no upscaling,
// because they scale each text line themselves). The Pool calls it with
// its Options.Preprocess before each image and uses the result.
type PreprocessAdjuster interface {
	AdjustPreprocess(p Preprocess) Preprocess
}

// Options configures a Pool. The zero value is valid: every zero field
// means the default documented on it, set in one place (withDefaults).
type Options struct {
	// Languages are the languages engines should load. The Pool does not
	// read it; the constructor given to NewPool does (for example by
	// passing it to tesseract.Options). Default: DefaultLanguages().
	Languages []string
	// Workers is the number of engines, each in its own worker.
	// Default: runtime.NumCPU().
	Workers int
	// TimeoutPerImage bounds one image, preprocessing and recognition.
	// Default: DefaultTimeoutPerImage (60 s).
	TimeoutPerImage time.Duration
	// MaxPixels bounds the size of an image, both for Decode and for
	// images given to Pool.Recognize. Default: DefaultMaxPixels (40 MP).
	MaxPixels int64
	// Preprocess is the preprocessing applied before recognition. Its
	// zero value is the recommended setting.
	Preprocess Preprocess
	// MinWordConfidence: a word of one or two characters that starts or
	// ends a line, set apart from it by a space, and was read with a
	// confidence under MinWordConfidence is left out of the line's text
	// and the result's Text; it stays in the line's Words. It is the icon
	// before a file name or the favicon before a page title, read as a
	// kanji at confidence 0. Other words stay whatever their confidence:
	// Tesseract's Japanese model gives confidence 0 to many kanji it
	// reads right (給与, 経費). Default DefaultMinWordConfidence;
	// negative keeps every word.
	MinWordConfidence float64
}

// DefaultMinWordConfidence is the default Options.MinWordConfidence.
const DefaultMinWordConfidence = 10

// withDefaults returns o with every zero field replaced by its default.
func (o Options) withDefaults() Options {
	if len(o.Languages) == 0 {
		o.Languages = DefaultLanguages()
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.TimeoutPerImage <= 0 {
		o.TimeoutPerImage = DefaultTimeoutPerImage
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	o.Preprocess = o.Preprocess.withDefaults()
	if o.MinWordConfidence == 0 {
		o.MinWordConfidence = DefaultMinWordConfidence
	}
	return o
}

// dropNoiseWords takes out of each line's text the short, poorly read
// words at its ends that Options.MinWordConfidence describes, and
// summarises the result again when it changed a line.
func dropNoiseWords(r *Result, minConf float64) {
	if minConf <= 0 {
		return
	}
	noise := func(w Word) bool {
		n := utf8.RuneCountInString(strings.TrimSpace(w.Text))
		return w.Conf < minConf && n > 0 && n <= 2
	}
	changed := false
	for i := range r.Lines {
		l := &r.Lines[i]
		if len(l.Words) < 2 {
			continue
		}
		t := l.Text
		if first := strings.TrimSpace(l.Words[0].Text); noise(l.Words[0]) && strings.HasPrefix(t, first+" ") {
			t = strings.TrimLeft(t[len(first):], " ")
		}
		if last := strings.TrimSpace(l.Words[len(l.Words)-1].Text); noise(l.Words[len(l.Words)-1]) && strings.HasSuffix(t, " "+last) {
			t = strings.TrimRight(t[:len(t)-len(last)], " ")
		}
		if t != l.Text && t != "" {
			l.Text, changed = t, true
		}
	}
	if changed {
		r.Summarize()
	}
}
