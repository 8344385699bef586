//go:build cgo

package tesseract

import (
	"context"
	"image"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
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
	// latinPoor: a segment that looks Latin is read again with the CJK
	// model when the Latin read's confidence is below it (the glyph
	// shapes misled, e.g. an icon beside Japanese text).
	latinPoor = 60
	// latinRunConf: words of a Latin read below it are re-read with the
	// CJK model (see refine).
	latinRunConf = 50
	// latinSureConf: a Latin run of a CJK read whose every word is at
	// least this confident is kept as it is.
	latinSureConf = 90
	// latinMargin: the Latin re-read of a run replaces the CJK model's
	// when its least confident word is at most this much less confident
	// than the CJK model's.
	latinMargin = 8
	// runMargin is the white space kept on each side of a re-read run,
	// in the pixels of the scaled segment.
	runMargin = 6
	// pathMargin: a segment read part by part between its backslashes
	// is kept unless its mean confidence is more than this below the
	// read of the whole segment.
	pathMargin = 5
	// segPad is the white border around a segment given to Tesseract.
	segPad = 12
	// segMargin is the context kept around a segment's ink box, in the
	// layout image's pixels (anti-aliased edges).
	segMargin = 1
)

// cjkLanguages are Tesseract languages written in Han, kana or Hangul:
// the language models and the script models, which tessdata_fast names
// script/Japanese and Debian's tesseract-ocr-script-jpan (and -hans,
// -hant, -hang, their _vert forms) installs as Japanese.traineddata
// beside the languages, so that Options.Languages names it "Japanese".
var cjkLanguages = map[string]bool{
	"jpn": true, "jpn_vert": true, "chi_sim": true, "chi_tra": true, "chi_sim_vert": true,
	"chi_tra_vert": true, "kor": true, "kor_vert": true,
	"Japanese": true, "Japanese_vert": true, "HanS": true, "HanS_vert": true,
	"HanT": true, "HanT_vert": true, "Hangul": true, "Hangul_vert": true,
}

// isCJKLanguage reports whether a Tesseract language name, with or
// without the script/ folder, is written in Han, kana or Hangul.
func isCJKLanguage(l string) bool {
	return cjkLanguages[strings.TrimPrefix(l, "script/")]
}

// latinSubset returns the languages of langs that are not CJK, or nil
// when langs has no CJK language or only CJK ones (then one API does all).
func latinSubset(langs []string) []string {
	var latin []string
	cjk := false
	for _, l := range langs {
		if isCJKLanguage(l) {
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

// cjkSubset returns the CJK languages of langs.
func cjkSubset(langs []string) []string {
	var out []string
	for _, l := range langs {
		if isCJKLanguage(l) {
			out = append(out, l)
		}
	}
	return out
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
	text  string
	// alt is the segment as the second model read it, when it was read
	// twice and the reads differ.
	alt string
}

// recognizeSegments finds the text lines in Go (ocr.FindText) and reads
// each segment as a single line, scaled to Options.LineHeight, with the
// language its shape suggests.
func (e *Engine) recognizeSegments(ctx context.Context, p *ocr.Prepared) ([]ocr.Line, error) {
	found, err := ocr.FindTextContext(ctx, p.Gray, p.Scale)
	if err != nil {
		return nil, err
	}
	var lines []ocr.Line
	for _, tl := range found {
		var parts, alts []string
		var words []ocr.Word
		var confSum float64
		hasAlt := false
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
			parts = append(parts, r.text)
			if r.alt != "" {
				alts, hasAlt = append(alts, r.alt), true
			} else {
				alts = append(alts, r.text)
			}
			words = append(words, r.words...)
			confSum += r.conf * float64(len(r.words))
		}
		if len(words) == 0 {
			continue
		}
		l := ocr.Line{Box: p.ToOriginal(tl.Box), Words: words, Conf: confSum / float64(len(words))}
		l.Text = ocr.RepairLine(strings.Join(parts, " "))
		if hasAlt {
			if alt := ocr.RepairLine(strings.Join(alts, " ")); alt != l.Text {
				l.Alt = alt
			}
		}
		for i := range l.Words {
			l.Words[i].Box = p.ToOriginal(l.Words[i].Box)
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// cropRead is one read of a segment crop: its words in the crop's
// pixels, their mean confidence, and whether the CJK model made it.
type cropRead struct {
	words []rawWord
	conf  float64
	cjk   bool
}

// readCrop reads img with the API h, keeping the non-blank words.
func (e *Engine) readCrop(ctx context.Context, h unsafe.Pointer, img *image.Gray) (cropRead, error) {
	raw, err := e.recognizeGray(ctx, h, img)
	if err != nil {
		return cropRead{}, err
	}
	out := cropRead{cjk: (h == e.handle || h == e.second) && e.latin != nil}
	for _, w := range raw {
		if strings.TrimSpace(w.text) == "" {
			continue
		}
		out.words = append(out.words, w)
		out.conf += w.conf
	}
	if n := len(out.words); n > 0 {
		out.conf /= float64(n)
	}
	return out, nil
}

// readSegment reads one segment (see readPlain). A segment with both
// scripts that the layout and the read agree holds a Windows path (the
// layout found backslash glyphs, the read has a backslash) is read again
// part by part between its backslashes, so that each part is read by
// the model of its script (a Latin host name, a Japanese folder name).
func (e *Engine) readSegment(ctx context.Context, p *ocr.Prepared, seg ocr.TextSegment) (segRead, error) {
	r, err := e.readSegmentRaw(ctx, p, seg)
	if err == nil && seg.LeadingBackslash() {
		r.text = ocr.RepairUNCLead(r.text)
		if r.alt != "" {
			r.alt = ocr.RepairUNCLead(r.alt)
		}
	}
	return r, err
}

// readSegmentRaw is readSegment without the repair of a misread UNC
// lead-in.
func (e *Engine) readSegmentRaw(ctx context.Context, p *ocr.Prepared, seg ocr.TextSegment) (segRead, error) {
	r, err := e.readPlain(ctx, p, seg)
	if err != nil || e.latin == nil || len(seg.Backslashes) == 0 || !strings.ContainsAny(r.text, `\¥￥`) {
		return r, err
	}
	parts, seps := seg.Split()
	cjk, latin := false, false
	for _, pt := range parts {
		if pt.Glyphs > 0 {
			cjk = cjk || pt.CJK >= cjkSure
			latin = latin || pt.CJK <= latinSure
		}
	}
	if !cjk || !latin {
		return r, nil
	}
	pr, err := e.readPath(ctx, p, parts, seps)
	if err != nil || pr.conf+pathMargin < r.conf {
		return r, err
	}
	// A read of the whole that has every backslash is kept against a
	// split read that adds characters at the cuts (a part's edge takes
	// a sliver of the backslash beside it for a comma or an i), unless
	// the split read is clearly more confident.
	if strings.Count(yenless(r.text), `\`) >= len(seps) &&
		utf8.RuneCountInString(pr.text) > utf8.RuneCountInString(r.text) && pr.conf <= r.conf+pathMargin {
		return r, nil
	}
	return pr, nil
}

// yenless turns the yen signs that fonts of Japanese draw for the
// backslash into backslashes.
func yenless(s string) string { return strings.NewReplacer("¥", `\`, "￥", `\`).Replace(s) }

// readPart reads one part of a path with both models and keeps the more
// confident read (a CJK read only when it has CJK text): a short folder
// name (東レ) has too few glyphs for its shape to choose the model.
func (e *Engine) readPart(ctx context.Context, p *ocr.Prepared, seg ocr.TextSegment) (segRead, error) {
	seg.CJK = 1
	cr, err := e.readPlain(ctx, p, seg)
	if err != nil {
		return segRead{}, err
	}
	seg.CJK = 0
	lr, err := e.readPlain(ctx, p, seg)
	if err != nil {
		return segRead{}, err
	}
	if cr.conf > lr.conf && strings.ContainsFunc(cr.text, ocr.IsCJK) {
		return cr, nil
	}
	return lr, nil
}

// readPath reads the parts of a segment cut at its backslashes (see
// ocr.TextSegment.Split) and joins them with backslashes; the part before
// the first backslash (a label, an icon) keeps a space before it when it
// is set apart.
func (e *Engine) readPath(ctx context.Context, p *ocr.Prepared, parts []ocr.TextSegment, seps []image.Rectangle) (segRead, error) {
	var out segRead
	var b strings.Builder
	var n int
	for i, pt := range parts {
		if pt.Glyphs > 0 {
			r, err := e.readPart(ctx, p, pt)
			if err != nil {
				return segRead{}, err
			}
			b.WriteString(r.text)
			out.words = append(out.words, r.words...)
			out.conf += r.conf * float64(len(r.words))
			n += len(r.words)
			if i == 0 && len(seps) > 0 && r.text != "" && 10*(seps[0].Min.X-pt.Box.Max.X) >= 3*pt.Box.Dy() {
				b.WriteByte(' ')
			}
		}
		if i < len(seps) {
			b.WriteByte('\\')
			out.words = append(out.words, ocr.Word{Text: `\`, Conf: out.conf / float64(max(n, 1)), Box: seps[i]})
		}
	}
	if n > 0 {
		out.conf /= float64(n)
	}
	out.text = b.String()
	return out, nil
}

// readPlain reads one segment, choosing the language from its shape,
// then re-reads the parts of the line written in the other script (see
// refine).
func (e *Engine) readPlain(ctx context.Context, p *ocr.Prepared, seg ocr.TextSegment) (segRead, error) {
	r := seg.Box.Inset(-int(segMargin*p.Scale + 0.5)).Intersect(p.Gray.Bounds())
	scale := float64(e.opt.LineHeight) / float64(max(seg.Box.Dy(), 1))
	img, sx, sy := ocr.Crop(p.Gray, r, scale, segPad)
	cr, other, err := e.chooseRead(ctx, img, seg)
	if err != nil {
		return segRead{}, err
	}
	if e.latin != nil {
		if cr, err = e.refine(ctx, img, cr, other); err != nil {
			return segRead{}, err
		}
	}
	out := e.toSeg(cr, seg, r, sx, sy)
	var alt *segRead
	switch {
	case e.second != nil && cr.cjk && cr.conf < e.opt.SecondBelow && hasCJK(cr.words):
		// A poorly read CJK segment: the second model.
		sr, err := e.readCrop(ctx, e.second, img)
		if err != nil {
			return segRead{}, err
		}
		if sr, err = e.refine(ctx, img, sr, other); err != nil {
			return segRead{}, err
		}
		if len(sr.words) > 0 {
			a := e.toSeg(sr, seg, r, sx, sy)
			alt = &a
		}
	case e.latin != nil && !cr.cjk && cr.conf < identBelow && ocr.HasIdentifier(out.text):
		// A poorly read identifier in small text: a second scale.
		h0 := float64(seg.Box.Dy()) / max(p.Scale, 1)
		s2 := max(min(max(identLineHeight/h0, 2), 3)/max(p.Scale, 1), 1)
		if h0 >= identMaxHeight || math.Abs(s2-scale) < 0.5 {
			break
		}
		img2, sx2, sy2 := ocr.Crop(p.Gray, r, s2, segPad)
		lr, err := e.readCrop(ctx, e.latin, img2)
		if err != nil {
			return segRead{}, err
		}
		if len(lr.words) > 0 && !hasCJK(lr.words) {
			a := e.toSeg(lr, seg, r, sx2, sy2)
			alt = &a
		}
	}
	if alt == nil || alt.text == out.text {
		return out, nil
	}
	if prefer(*alt, out) {
		out, *alt = *alt, out
	}
	out.alt = alt.text
	return out, nil
}

// Second scale of identifiers: a Latin segment whose read has an
// identifier (ocr.HasIdentifier) and a mean confidence under identBelow,
// in text under identMaxHeight pixels high, is read again scaled to about
// identLineHeight pixels (2 to 3 times): small host names and addresses
// read better there than at Options.LineHeight.
const (
	identBelow      = 85
	identMaxHeight  = 16
	identLineHeight = 25
)

// toSeg turns a read of the crop r of a segment, scaled by sx and sy, into
// words in the prepared image's pixels and the segment's text.
func (e *Engine) toSeg(cr cropRead, seg ocr.TextSegment, r image.Rectangle, sx, sy float64) segRead {
	out := segRead{conf: cr.conf}
	for _, w := range cr.words {
		b := image.Rect(
			r.Min.X+int(math.Floor(float64(w.box.Min.X-segPad)/sx)),
			r.Min.Y+int(math.Floor(float64(w.box.Min.Y-segPad)/sy)),
			r.Min.X+int(math.Ceil(float64(w.box.Max.X-segPad)/sx)),
			r.Min.Y+int(math.Ceil(float64(w.box.Max.Y-segPad)/sy)),
		).Intersect(r)
		out.words = append(out.words, ocr.Word{Text: w.text, Conf: w.conf, Box: b})
	}
	out.text = seg.Respace(joinSegment(out.words))
	return out
}

// designations are the corporate designations of Japanese company names:
// a read that has one whole is worth more than one that damaged it
// (株式会杜, 合同会吐), whatever the confidences.
var designations = []string{
	"株式会社", "有限会社", "合同会社", "合資会社", "合名会社",
	"一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "特定非営利活動法人",
	"独立行政法人", "学校法人", "医療法人", "社会福祉法人",
}

// designationBonus is what a whole corporate designation adds to a
// read's confidence when the other read of the segment lacks it.
const designationBonus = 15

// identBonus is what each well-formed identifier (ocr.Identifiers: an
// address or host name under a public suffix, a UNC path) adds to a
// read's confidence when the other read of the segment has fewer.
const identBonus = 10

// prefer reports whether read a of a segment is to be trusted over read
// b: each starts from its mean confidence, and gains designationBonus for
// each corporate designation it has whole and the other does not, and
// identBonus for each well-formed identifier more than the other has.
func prefer(a, b segRead) bool {
	sa, sb := a.conf, b.conf
	na, nb := ocr.Identifiers(ocr.RepairLine(a.text)), ocr.Identifiers(ocr.RepairLine(b.text))
	if na > nb {
		sa += float64(na-nb) * identBonus
	} else {
		sb += float64(nb-na) * identBonus
	}
	for _, d := range designations {
		ha, hb := strings.Contains(a.text, d), strings.Contains(b.text, d)
		switch {
		case ha && !hb:
			sa += designationBonus
		case hb && !ha:
			sb += designationBonus
		}
	}
	return sa > sb
}

// chooseRead reads a segment crop with the model its shape suggests,
// trying the other when the first read is poor. It returns the chosen
// read and the other one when it was made.
func (e *Engine) chooseRead(ctx context.Context, img *image.Gray, seg ocr.TextSegment) (cropRead, *cropRead, error) {
	if e.latin == nil || seg.CJK >= cjkSure {
		cr, err := e.readCrop(ctx, e.handle, img)
		return cr, nil, err
	}
	lr, err := e.readCrop(ctx, e.latin, img)
	if err != nil {
		return cropRead{}, nil, err
	}
	limit := float64(latinConf)
	if seg.CJK <= latinSure {
		limit = latinPoor
	}
	if lr.conf >= limit {
		return lr, nil, nil
	}
	cr, err := e.readCrop(ctx, e.handle, img)
	if err != nil {
		return cropRead{}, nil, err
	}
	// A CJK read without CJK text is the Latin text read less well.
	if cr.conf > lr.conf && hasCJK(cr.words) {
		return cr, &lr, nil
	}
	return lr, &cr, nil
}

// run is a span [i, j) of a read's words.
type run struct{ i, j int }

// scriptRuns cuts a read into runs of Latin words and runs of CJK
// words. A one-character CJK word between two identifier-like Latin
// words (a slash or a dotted name misread as a kana) joins their run.
func scriptRuns(ws []rawWord) ([]run, []bool) {
	latin := make([]bool, len(ws))
	for i, w := range ws {
		latin[i] = latinWord(w.text)
	}
	for i := 1; i+1 < len(ws); i++ {
		if !latin[i] && len([]rune(ws[i].text)) == 1 && latin[i-1] && latin[i+1] &&
			identLike(ws[i-1].text) && identLike(ws[i+1].text) {
			latin[i] = true
		}
	}
	var runs []run
	var kinds []bool
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && latin[j] == latin[i] {
			j++
		}
		runs = append(runs, run{i, j})
		kinds = append(kinds, latin[i])
		i = j
	}
	return runs, kinds
}

// refine re-reads the runs of words that the chosen model is likely to
// have misread because they are in the other script. Latin runs (host
// names, addresses, paths) of a line read by the CJK model are taken from
// the Latin model's read of the line (made here when not yet made) when
// it is about as confident; poorly recognised runs of a line read by the
// Latin model (a Japanese folder name at the end of a Windows path) are
// cut out and read by the CJK model, and kept when the read is CJK and
// more confident.
func (e *Engine) refine(ctx context.Context, img *image.Gray, cr cropRead, other *cropRead) (cropRead, error) {
	ws := cr.words
	if len(ws) == 0 {
		return cr, nil
	}
	runs, kinds := scriptRuns(ws)
	var out []rawWord
	changed := false
	lineH := img.Rect.Dy() - 2*segPad
	tol := lineH / 2
	for k, rn := range runs {
		span := ws[rn.i:rn.j]
		x0, x1 := span[0].box.Min.X, span[len(span)-1].box.Max.X
		rc := meanConf(span)
		var repl []rawWord
		switch {
		case cr.cjk && kinds[k] && worthLatin(span):
			if other == nil {
				lr, err := e.readCrop(ctx, e.latin, img)
				if err != nil {
					return cropRead{}, err
				}
				other = &lr
			}
			var got []rawWord
			inside := true
			for _, w := range other.words {
				if w.box.Max.X <= x0 || w.box.Min.X >= x1 {
					continue
				}
				if w.box.Min.X < x0-tol || w.box.Max.X > x1+tol || !latinWord(w.text) {
					inside = false
				}
				got = append(got, w)
			}
			if !inside || len(got) == 0 {
				rr, err := e.readSub(ctx, e.latin, img, ws, rn)
				if err != nil {
					return cropRead{}, err
				}
				got = rr.words
			}
			if len(got) > 0 && minConf(got)+latinMargin >= minConf(span) {
				repl = got
			}
		case !cr.cjk && minConf(span) < latinRunConf && rc < latinRunConf:
			rr, err := e.readSub(ctx, e.handle, img, ws, rn)
			if err != nil {
				return cropRead{}, err
			}
			if len(rr.words) > 0 && rr.conf > rc && hasCJK(rr.words) {
				repl = rr.words
			}
		}
		if repl == nil {
			out = append(out, span...)
			continue
		}
		out = append(out, repl...)
		changed = true
	}
	if !changed {
		return cr, nil
	}
	cr.words = out
	cr.conf = meanConf(out)
	return cr, nil
}

// readSub reads the part of a segment crop under the run rn of its
// words ws with the API h, keeping a little white space around the run
// but never more than half-way to the neighbouring words. The words come
// back in the crop's coordinates.
func (e *Engine) readSub(ctx context.Context, h unsafe.Pointer, img *image.Gray, ws []rawWord, rn run) (cropRead, error) {
	x0, x1 := ws[rn.i].box.Min.X, ws[rn.j-1].box.Max.X
	a, b := x0-runMargin, x1+runMargin
	if rn.i > 0 {
		a = max(a, (ws[rn.i-1].box.Max.X+x0+1)/2)
	}
	if rn.j < len(ws) {
		b = min(b, (x1+ws[rn.j].box.Min.X)/2)
	}
	sub := image.Rect(max(a, 0), segPad/2, min(b, img.Rect.Dx()), img.Rect.Dy()-segPad/2)
	simg, _, _ := ocr.Crop(img, sub, 1, segPad/2)
	rr, err := e.readCrop(ctx, h, simg)
	if err != nil {
		return cropRead{}, err
	}
	off := sub.Min.Sub(image.Pt(segPad/2, segPad/2))
	for i := range rr.words {
		rr.words[i].box = rr.words[i].box.Add(off)
	}
	return rr, nil
}

// identLike reports whether a word has the punctuation of an identifier
// (host name, address, path, URL).
func identLike(s string) bool { return strings.ContainsAny(s, "./@:\\_-") }

// latinWord reports whether a word has more Latin letters and digits
// than CJK characters.
func latinWord(s string) bool {
	var l, c int
	for _, r := range s {
		switch {
		case ocr.IsCJK(r):
			c++
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			l++
		}
	}
	return l > c
}

// worthLatin reports whether a Latin run read by the CJK model is worth
// reading again: it is long enough to be an identifier and not read
// with full confidence.
func worthLatin(run []rawWord) bool {
	n := 0
	for _, w := range run {
		n += len([]rune(w.text))
	}
	return n >= 3 && minConf(run) < latinSureConf
}

func hasCJK(ws []rawWord) bool {
	for _, w := range ws {
		for _, r := range w.text {
			if ocr.IsCJK(r) {
				return true
			}
		}
	}
	return false
}

func minConf(ws []rawWord) float64 {
	m := 100.0
	for _, w := range ws {
		m = min(m, w.conf)
	}
	return m
}

func meanConf(ws []rawWord) float64 {
	if len(ws) == 0 {
		return 0
	}
	var s float64
	for _, w := range ws {
		s += w.conf
	}
	return s / float64(len(ws))
}

// joinSegment joins a segment's words with a space where Tesseract
// split them, except where wordSpace says otherwise.
func joinSegment(words []ocr.Word) string {
	var b strings.Builder
	var prev ocr.Word
	for _, w := range words {
		t := strings.TrimSpace(w.Text)
		if t == "" {
			continue
		}
		if b.Len() > 0 && wordSpace(prev, w) {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		prev = w
	}
	return b.String()
}

// wordSpace reports whether Tesseract's split between the words a and b
// is kept as a space: always between Latin words; between two CJK
// characters only when they are set further apart than three quarters of
// the text height (Japanese has no spaces, and Tesseract cuts it into
// words at places of its own); between CJK and Latin when the gap is
// wider than letter spacing.
func wordSpace(a, b ocr.Word) bool {
	pr := []rune(strings.TrimSpace(a.Text))
	t := []rune(strings.TrimSpace(b.Text))
	if len(pr) == 0 || len(t) == 0 {
		return false
	}
	gap := b.Box.Min.X - a.Box.Max.X
	h := max(a.Box.Dy(), b.Box.Dy(), 1)
	last, first := pr[len(pr)-1], t[0]
	switch {
	case ocr.IsCJK(last) && ocr.IsCJK(first):
		return 4*gap >= 3*h
	case ocr.IsCJK(last) || ocr.IsCJK(first):
		return 5*gap >= h
	}
	return true
}
