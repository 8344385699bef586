package tesseract

import (
	"context"
	"image"
	"math"
	"strings"
	"unsafe"

	"github.com/proofpack/proofpack/ocr"
)

// Script-guess thresholds on ocr.TextSegment.CJK: above cjkSure a segment
// is read with the full language set, below latinSure with the Latin
// languages alone; in between both are tried when the Latin read is not
// confident (latinConf).
const (
	cjkSure   = 0.7
	latinSure = 0.15
	latinConf = 80
	// segPad is the white border around a segment given to Tesseract.
	segPad = 12
	// segMargin is the context kept around a segment's ink box, in the
	// layout image's pixels (anti-aliased edges).
	segMargin = 1
)

// cjkLanguages are Tesseract languages written in Han, kana or Hangul.
var cjkLanguages = map[string]bool{
	"jpn": true, "jpn_vert": true, "chi_sim": true, "chi_tra": true, "chi_sim_vert": true,
	"chi_tra_vert": true, "kor": true, "kor_vert": true, "script/Japanese": true,
	"script/HanS": true, "script/HanT": true, "script/Hangul": true,
}

// latinSubset returns the languages of langs that are not CJK, or nil
// when langs has no CJK language or only CJK ones (then one API does all).
func latinSubset(langs []string) []string {
	var latin []string
	cjk := false
	for _, l := range langs {
		if cjkLanguages[l] {
			cjk = true
		} else {
			latin = append(latin, l)
		}
	}
	if !cjk || len(latin) == 0 {
		return nil
	}
	return latin
}

// AdjustPreprocess implements ocr.PreprocessAdjuster: in the default
// (segmented) mode the engine scales each text segment itself, so the
// whole image is not upscaled unless Preprocess.Scale asks for it.
func (e *Engine) AdjustPreprocess(p ocr.Preprocess) ocr.Preprocess {
	if !e.opt.WholePage && p.Scale == 0 {
		p.Scale = 1
	}
	return p
}

// segRead is one segment's recognised words, in the prepared image's
// coordinates.
type segRead struct {
	words []ocr.Word
	conf  float64
}

// recognizeSegments finds the text lines in Go (ocr.FindText) and reads
// each segment as a single line, scaled to Options.LineHeight, with the
// language its shape suggests.
func (e *Engine) recognizeSegments(ctx context.Context, p *ocr.Prepared) ([]ocr.Line, error) {
	found := ocr.FindText(p.Gray, p.Scale)
	var lines []ocr.Line
	for _, tl := range found {
		var parts []string
		var words []ocr.Word
		var confSum float64
		for _, seg := range tl.Segments {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			r, err := e.readSegment(ctx, p, seg)
			if err != nil {
				return nil, err
			}
			if len(r.words) == 0 {
				continue
			}
			parts = append(parts, joinSegment(r.words))
			words = append(words, r.words...)
			confSum += r.conf * float64(len(r.words))
		}
		if len(words) == 0 {
			continue
		}
		l := ocr.Line{Box: p.ToOriginal(tl.Box), Words: words, Conf: confSum / float64(len(words))}
		l.Text = ocr.RepairLine(strings.Join(parts, " "))
		for i := range l.Words {
			l.Words[i].Box = p.ToOriginal(l.Words[i].Box)
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// readSegment reads one segment, choosing the language from its shape.
func (e *Engine) readSegment(ctx context.Context, p *ocr.Prepared, seg ocr.TextSegment) (segRead, error) {
	r := seg.Box.Inset(-int(segMargin*p.Scale + 0.5)).Intersect(p.Gray.Bounds())
	scale := float64(e.opt.LineHeight) / float64(max(seg.Box.Dy(), 1))
	img, sx, sy := ocr.Crop(p.Gray, r, scale, segPad)
	read := func(h unsafe.Pointer) (segRead, error) {
		raw, err := e.recognizeGray(ctx, h, img)
		if err != nil {
			return segRead{}, err
		}
		var out segRead
		for _, w := range raw {
			if strings.TrimSpace(w.text) == "" {
				continue
			}
			b := image.Rect(
				r.Min.X+int(math.Floor(float64(w.box.Min.X-segPad)/sx)),
				r.Min.Y+int(math.Floor(float64(w.box.Min.Y-segPad)/sy)),
				r.Min.X+int(math.Ceil(float64(w.box.Max.X-segPad)/sx)),
				r.Min.Y+int(math.Ceil(float64(w.box.Max.Y-segPad)/sy)),
			).Intersect(r)
			out.words = append(out.words, ocr.Word{Text: w.text, Conf: w.conf, Box: b})
			out.conf += w.conf
		}
		if n := len(out.words); n > 0 {
			out.conf /= float64(n)
		}
		return out, nil
	}
	if e.latin == nil {
		return read(e.handle)
	}
	switch {
	case seg.CJK >= cjkSure:
		return read(e.handle)
	case seg.CJK <= latinSure:
		return read(e.latin)
	}
	lr, err := read(e.latin)
	if err != nil || lr.conf >= latinConf {
		return lr, err
	}
	cr, err := read(e.handle)
	if err != nil {
		return segRead{}, err
	}
	if cr.conf > lr.conf {
		return cr, nil
	}
	return lr, nil
}

// joinSegment joins a segment's words: a space where Tesseract split
// words, except between two CJK characters set closer than a third of
// three quarters of the text height (Japanese has no spaces; Tesseract
// cuts it into words at places of its own), and between CJK and Latin
// where the gap is no wider than letter
// spacing. Between Latin words Tesseract's own split is kept.
func joinSegment(words []ocr.Word) string {
	var b strings.Builder
	var prev ocr.Word
	for i, w := range words {
		t := strings.TrimSpace(w.Text)
		if t == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			gap := w.Box.Min.X - prev.Box.Max.X
			h := max(w.Box.Dy(), prev.Box.Dy(), 1)
			pr := []rune(strings.TrimSpace(prev.Text))
			first := []rune(t)[0]
			space := true
			switch {
			case len(pr) > 0 && ocr.IsCJK(pr[len(pr)-1]) && ocr.IsCJK(first):
				space = 4*gap >= 3*h
			case len(pr) > 0 && (ocr.IsCJK(pr[len(pr)-1]) || ocr.IsCJK(first)):
				space = 5*gap >= h
			}
			if space {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
		prev = w
	}
	return b.String()
}
