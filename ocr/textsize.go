package ocr

import (
	"image"
	"slices"
	"strings"
	"unicode"
)

// SmallTextPx is the text line height, in the original image's pixels,
// at or below which text is too small to trust as read: the most that
// MeasureText gives a line of 9 px text (a 9 px font, as a screenshot
// taken at 75 % zoom shows 12 px interface text). At that size OCR
// misreads look-alike kanji (富士遠 for 富士通) and merges Latin
// letters. The value is measured, not guessed: TestSmallTextCalibration
// in ocr/tesseract draws lines of interface text in DejaVu Sans,
// Liberation Sans and IPAGothic at 7 to 16 px and reads them with the
// Tesseract engine. Lines of a 9 px font measure 8 or 9 px there, of a
// 10 px font 9 or 10 (IPAGothic draws its 10 px ideographs as high as
// its 9 px ones), of a 12 px font 11 or 12, of a 14 px font 13 or 14.
const SmallTextPx = 9

// TextSize is the size of the text of a recognition, measured on its
// lines (see MeasureText).
type TextSize struct {
	// Px is the median line height in the original image's pixels,
	// weighted by characters: half of the characters measured are in
	// lines at most Px high. 0 when no line could be measured.
	Px int `json:"px"`
	// SmallShare is the share of the characters measured, 0 to 1, that
	// are in lines at most SmallTextPx high.
	SmallShare float64 `json:"small_share"`
	// Chars is the number of characters measured: the letters and
	// digits of the lines measured.
	Chars int `json:"chars"`
}

// Small reports whether the text is too small to trust as read: more
// than a quarter of its characters are in lines at most SmallTextPx
// high (which holds whenever Px is at most SmallTextPx).
func (s TextSize) Small() bool { return s.Chars > 0 && 4*s.SmallShare > 1 }

// MeasureText measures the height of the text of lines, in the pixels
// their boxes are in (the original image's for a Result).
//
// A line's ink height is the lesser of the height of its box and that
// of the union of the boxes of its words that hold a letter or a digit
// (an icon beside the text may widen the one, a recogniser's loose word
// boxes the other; an icon read as "@" or "|" does not count). Its line
// height is the ink height from the top of the ascenders to the bottom
// of the descenders, about the font's size: a line of Latin text that
// has capitals, digits or ascenders but no descender (or descenders but
// nothing above the x-height) lacks a quarter of it, and its ink height
// is counted 4/3 times. A line of Latin lower case without ascenders or
// descenders ("name", "ocean") is as high as the x-height, half the
// font's size, and is not measured; neither is a line without letters
// or digits. A line that holds Han, kana or letters of other scripts is
// counted as it is: the ideographs fill most of the em.
//
// The letters and digits of the lines measured are counted; the rest of
// the text (spaces, punctuation, the lines not measured) is not.
func MeasureText(lines []Line) TextSize {
	type measured struct{ h, chars int }
	var ms []measured
	total := 0
	for _, l := range lines {
		h, chars := lineHeight(l)
		if h <= 0 || chars == 0 {
			continue
		}
		ms = append(ms, measured{h, chars})
		total += chars
	}
	if total == 0 {
		return TextSize{}
	}
	slices.SortStableFunc(ms, func(a, b measured) int { return a.h - b.h })
	var s TextSize
	s.Chars = total
	small, seen := 0, 0
	for _, m := range ms {
		if m.h <= SmallTextPx {
			small += m.chars
		}
		if s.Px == 0 && 2*(seen+m.chars) >= total {
			s.Px = m.h
		}
		seen += m.chars
	}
	s.SmallShare = float64(small) / float64(total)
	return s
}

// zones says which vertical zones of a line's font its characters
// reach besides the x-height.
type zones struct {
	chars int  // letters and digits
	above bool // a capital, a digit or an ascender (b d f h k l t)
	below bool // a descender (g j p q y)
	other bool // a letter of another script than Latin: Han, kana
}

func (z *zones) add(text string) int {
	n := 0
	for _, r := range text {
		switch {
		case unicode.IsDigit(r):
			z.above = true
		case !unicode.IsLetter(r):
			continue
		case !unicode.Is(unicode.Latin, r):
			z.other = true
		case strings.ContainsRune("gjpqy", r):
			z.below = true
		case !strings.ContainsRune("acemnorsuvwxz", r): // the dot of i stays low in some fonts
			z.above = true
		}
		n++
	}
	z.chars += n
	return n
}

// lineHeight returns the line height of l and its letters and digits, or
// 0, 0 when it is not measured (see MeasureText).
func lineHeight(l Line) (h, chars int) {
	var z zones
	var words image.Rectangle
	for _, w := range l.Words {
		if z.add(w.Text) > 0 {
			words = words.Union(w.Box)
		}
	}
	if len(l.Words) == 0 {
		z.add(l.Text)
	}
	h = l.Box.Dy()
	if !words.Empty() && (h <= 0 || words.Dy() < h) {
		h = words.Dy()
	}
	switch {
	case z.chars == 0 || h <= 0:
		return 0, 0
	case z.other:
	case z.above && z.below:
	case z.above || z.below:
		h = (4*h + 1) / 3 // rounded
	default:
		return 0, 0
	}
	return h, z.chars
}
