package meta

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// pdfFont decodes the strings a font shows.
type pdfFont struct {
	// cmap is the ToUnicode CMap; code lengths come from its codespace
	// ranges (two bytes when twoByte and none are given).
	cmap    *pdfCMap
	twoByte bool
	// enc is the byte encoding of a simple font without ToUnicode.
	enc *[256]rune
	// ucs2 is a CID font whose codes are UTF-16BE (Uni…-UCS2 and
	// Uni…-UTF16 CMaps).
	ucs2 bool
	skip bool
}

// font returns the decoder of the font named name in the page's font
// dictionary, cached per page by name and per file by reference.
func (c *pdfContent) font(name []byte) *pdfFont {
	if f, ok := c.byName[string(name)]; ok {
		return f
	}
	v := c.fontDict[string(name)]
	ref, isRef := v.(pdfRef)
	f, ok := c.fonts[ref]
	if !isRef || !ok {
		f = c.d.newFont(c.d.get(v))
		if isRef {
			c.fonts[ref] = f
		}
	}
	if c.byName == nil {
		c.byName = map[string]*pdfFont{}
	}
	c.byName[string(name)] = f
	return f
}

func (d *pdfDoc) newFont(v any) *pdfFont {
	dict, _ := v.(pdfDict)
	f := &pdfFont{}
	subtype, _ := dict["Subtype"].(pdfName)
	f.twoByte = subtype == "Type0"
	if s, ok := d.get(dict["ToUnicode"]).(*pdfStream); ok {
		if cm := d.toUnicode(s); !cm.empty() {
			f.cmap = cm
			return f
		}
	}
	if f.twoByte {
		enc, _ := dict["Encoding"].(pdfName)
		if strings.HasPrefix(string(enc), "Uni") && (strings.Contains(string(enc), "UCS2") || strings.Contains(string(enc), "UTF16")) {
			f.ucs2 = true
			return f
		}
		f.skip = true
		d.warnf("%w: text of a CID font without ToUnicode (%s) skipped", ErrFormat, pdfBrief(dict["BaseFont"]))
		return f
	}
	f.enc = pdfSimpleEncoding(d, d.get(dict["Encoding"]))
	return f
}

// toUnicode returns the parsed ToUnicode CMap s, parsed once per file
// however many fonts share it.
func (d *pdfDoc) toUnicode(s *pdfStream) *pdfCMap {
	if cm, ok := d.cmaps[s.start]; ok {
		return cm
	}
	data, err := d.streamData(s)
	if err != nil {
		d.warnf("ToUnicode: %w", err)
	}
	cm := d.parseCMap(data)
	d.cmaps[s.start] = cm
	return cm
}

// pdfWinAnsi is WinAnsiEncoding, the default base of simple fonts here
// (StandardEncoding differs only in rare punctuation).
var pdfWinAnsi = func() *[256]rune {
	var t [256]rune
	for i := range 256 {
		r := charmap.Windows1252.DecodeByte(byte(i))
		if r == utf8.RuneError {
			r = 0
		}
		t[i] = r
	}
	return &t
}()

var pdfMacRoman = func() *[256]rune {
	var t [256]rune
	for i := range 256 {
		t[i] = charmap.Macintosh.DecodeByte(byte(i))
	}
	return &t
}()

// pdfGlyphs names the glyphs of /Differences arrays most seen outside
// ASCII letters and digits, which name themselves.
var pdfGlyphs = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '\u2019', "quoteleft": '\u2018', "parenleft": '(',
	"parenright": ')', "asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "period": '.', "slash": '/',
	"colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>', "question": '?', "at": '@',
	"bracketleft": '[', "backslash": '\\', "bracketright": ']', "underscore": '_', "braceleft": '{', "bar": '|',
	"braceright": '}', "asciitilde": '~', "bullet": '\u2022', "endash": '\u2013', "emdash": '\u2014',
	"quotedblleft": '\u201c', "quotedblright": '\u201d', "fi": '\ufb01', "fl": '\ufb02', "Euro": '\u20ac',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "ellipsis": '\u2026', "copyright": '\u00a9', "registered": '\u00ae',
}

// pdfSimpleEncoding builds the byte encoding of a simple font.
func pdfSimpleEncoding(d *pdfDoc, v any) *[256]rune {
	base := pdfWinAnsi
	var diffs []any
	switch e := v.(type) {
	case pdfName:
		if e == "MacRomanEncoding" {
			base = pdfMacRoman
		}
	case pdfDict:
		if b, _ := e["BaseEncoding"].(pdfName); b == "MacRomanEncoding" {
			base = pdfMacRoman
		}
		diffs, _ = d.get(e["Differences"]).([]any)
	}
	if len(diffs) == 0 {
		return base
	}
	// A font dictionary written in each page's resources is read for
	// each page: its array is paid for each time.
	if err := d.spend(int64(len(diffs))); err != nil {
		d.warnf("font /Differences: %w", err)
		return base
	}
	t := *base
	code := int64(-1)
	for _, x := range diffs {
		switch x := x.(type) {
		case int64:
			code = x
		case pdfName:
			if code >= 0 && code < 256 {
				t[code] = pdfGlyphRune(string(x))
			}
			code++
		}
	}
	return &t
}

func pdfGlyphRune(name string) rune {
	if r, ok := pdfGlyphs[name]; ok {
		return r
	}
	if len(name) == 1 {
		return rune(name[0])
	}
	if h, ok := strings.CutPrefix(name, "uni"); ok && len(h) >= 4 {
		if n, err := strconv.ParseUint(h[:4], 16, 16); err == nil {
			return rune(n)
		}
	}
	return 0
}

// appendText appends the text of a string shown in the font to dst,
// stopping once it has appended more than max bytes: a string of a
// megabyte whose every code stands for 512 bytes of text makes no more
// than the room left.
func (f *pdfFont) appendText(dst, s []byte, max int) []byte {
	if max < 0 {
		max = 0
	}
	start := len(dst)
	switch {
	case f.skip:
	case f.ucs2:
		// Each UTF-16 unit makes at least one byte of text.
		dst = pdfAppendUTF16(dst, s[:min(len(s), 2*max+2)], true)
	case f.cmap != nil:
		for i := 0; i < len(s) && len(dst)-start <= max; {
			n := f.cmap.codeLen(s[i:], f.twoByte)
			var c uint32
			for _, b := range s[i:min(i+n, len(s))] {
				c = c<<8 | uint32(b)
			}
			i += n
			dst = f.cmap.appendCode(dst, c)
		}
	case f.enc != nil:
		for _, b := range s {
			if len(dst)-start > max {
				break
			}
			if r := f.enc[b]; r != 0 {
				dst = utf8.AppendRune(dst, r)
			}
		}
	}
	return dst
}
