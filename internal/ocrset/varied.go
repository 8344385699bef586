package ocrset

import (
	"fmt"
	"math"
	"strings"
)

// VariedSeed is the seed of the varied set (testdata/ocrvar): every page
// draws its fonts, sizes, theme, encoding and content from it.
const VariedSeed = 15

// Ranges of the parameters the varied pages draw.
const (
	minTextPx, maxTextPx   = 9, 16
	minFieldPx, maxFieldPx = 18, 30
	minJPEG, maxJPEG       = 50, 90
	// minScale and maxScale bound the downscale, in hundredths; a page is
	// only downscaled while its text stays at least minScaledPx tall.
	minScale, maxScale = 67, 80
	minScaledPx        = 9
)

// Line heights are drawn in hundredths from 1.20 to 1.50.
const minLineHeight, maxLineHeight = 120, 150

// VariedJapaneseFonts are the CSS families the Japanese pages are drawn in:
// every Japanese font Debian packages (fonts-ipafont-gothic,
// fonts-ipafont-mincho, fonts-ipaexfont-gothic, fonts-ipaexfont-mincho,
// fonts-noto-cjk, fonts-morisawa-bizud-gothic, fonts-morisawa-bizud-mincho).
var VariedJapaneseFonts = []string{
	"IPAGothic", "IPAPGothic", "IPAMincho", "IPAPMincho", "IPAexGothic", "IPAexMincho",
	"Noto Sans CJK JP", "Noto Serif CJK JP", "Noto Sans Mono CJK JP",
	"BIZ UDGothic", "BIZ UDPGothic", "BIZ UDMincho", "BIZ UDPMincho",
}

// VariedEnglishFonts are the CSS families the English pages are drawn in
// (fonts-liberation, fonts-dejavu-core, and the Latin letters of
// fonts-noto-cjk: Debian's Noto Sans proper, fonts-noto-core, is not among
// the packages the set needs).
var VariedEnglishFonts = []string{
	"Liberation Sans", "Liberation Serif", "Liberation Mono", "Liberation Sans Narrow",
	"DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Noto Sans CJK JP",
}

// VariedFontFiles maps every family of the varied set to its Debian file.
var VariedFontFiles = map[string]string{
	"IPAGothic":              "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
	"IPAPGothic":             "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
	"IPAMincho":              "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
	"IPAPMincho":             "/usr/share/fonts/opentype/ipafont-mincho/ipamp.ttf",
	"IPAexGothic":            "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
	"IPAexMincho":            "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
	"Noto Sans CJK JP":       "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"Noto Serif CJK JP":      "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
	"Noto Sans Mono CJK JP":  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"BIZ UDGothic":           "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf",
	"BIZ UDPGothic":          "/usr/share/fonts/truetype/bizud-gothic/BIZUDPGothic-Regular.ttf",
	"BIZ UDMincho":           "/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf",
	"BIZ UDPMincho":          "/usr/share/fonts/truetype/bizud-mincho/BIZUDPMincho-Regular.ttf",
	"Liberation Sans":        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
	"Liberation Serif":       "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
	"Liberation Mono":        "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
	"Liberation Sans Narrow": "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf",
	"DejaVu Sans":            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"DejaVu Serif":           "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
	"DejaVu Sans Mono":       "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
}

// VariedDebianPackages are the packages whose versions decide the pixels
// of the varied set.
var VariedDebianPackages = []string{
	"chromium", "fonts-liberation", "fonts-dejavu-core", "fonts-ipafont-gothic", "fonts-ipafont-mincho",
	"fonts-ipaexfont-gothic", "fonts-ipaexfont-mincho", "fonts-noto-cjk",
	"fonts-morisawa-bizud-gothic", "fonts-morisawa-bizud-mincho",
}

// variedKinds are the kinds of screen of each language and how many pages
// of each: even counts, so that each (language, kind) splits in halves.
var variedKinds = []struct {
	kind  string
	count int
}{
	{"portal", 6}, {"inbox", 6}, {"mail", 4}, {"explorer", 6}, {"erp", 6},
	{"table", 6}, {"login", 4}, {"chat", 6}, {"console", 4},
}

// VariedPages returns the pages of the varied set for a seed (VariedSeed
// for the committed one): 48 English pages then 48 Japanese, each with
// parameters drawn from the seed. Every font of the language's list and
// every text size from 9 to 16 px is dealt to at least three pages; each
// (language, kind) group is split in equal halves between SplitDecided
// and SplitHeldOut.
func VariedPages(seed uint64) []Page {
	var pages []Page
	for li, lang := range []string{"eng", "jpn"} {
		deal := newRNG(seed, uint64(1000+li))
		var kinds []string
		var splits []string
		for _, k := range variedKinds {
			group := make([]string, k.count)
			for i := range group {
				group[i] = SplitDecided
				if i%2 == 1 {
					group[i] = SplitHeldOut
				}
				kinds = append(kinds, k.kind)
			}
			shuffle(deal, group)
			splits = append(splits, group...)
		}
		n := len(kinds)
		fonts := VariedEnglishFonts
		if lang == "jpn" {
			fonts = VariedJapaneseFonts
		}
		fontDeal := make([]string, n)
		sizeDeal := make([]int, n)
		for i := range n {
			fontDeal[i] = fonts[i%len(fonts)]
			sizeDeal[i] = minTextPx + i%(maxTextPx-minTextPx+1)
		}
		shuffle(deal, fontDeal)
		shuffle(deal, sizeDeal)
		for i := range n {
			r := newRNG(seed, uint64(li*100+i))
			p := variedPage(r, lang, kinds[i], fontDeal[i], sizeDeal[i])
			p.Name = fmt.Sprintf("%s%02d_%s", lang, i+1, kinds[i])
			p.Split = splits[i]
			pages = append(pages, p)
		}
	}
	return pages
}

// variedPage draws the rendering parameters and the content of one page.
func variedPage(r *rng, lang, kind, family string, px int) Page {
	g := &vgen{r: r, lang: lang, kind: kind, px: px, family: family}
	g.lh = float64(r.Between(minLineHeight, maxLineHeight)) / 100
	// A field is at least 4 px taller than the text in it.
	g.field = r.Between(max(minFieldPx, px+4), maxFieldPx)
	g.mono = strings.Contains(family, "Mono")
	theme := "light"
	if r.Chance(1, 3) {
		theme = "dark"
	}
	g.o = newOrg(r, lang)
	for range 3 {
		g.others = append(g.others, newOrg(r, lang))
	}
	for range 8 {
		g.people = append(g.people, newPerson(r, lang, g.o))
	}
	p := Page{
		Lang: lang, Kind: kind, Theme: theme, Font: `"` + family + `"`, FontSize: px,
		LineHeight: g.lh, FieldPx: g.field, ExtraCSS: variedCSS(theme, g.field),
	}
	var w, h int
	switch kind {
	case "portal":
		p.Screen, w, h = g.portal()
	case "inbox":
		p.Screen, w, h = g.inbox()
	case "mail":
		p.Screen, w, h = g.mail()
	case "explorer":
		p.Screen, w, h = g.explorer()
	case "erp":
		p.Screen, w, h = g.erp()
	case "table":
		p.Screen, w, h = g.table()
	case "login":
		p.Screen, w, h = g.login()
	case "chat":
		p.Screen, w, h = g.chat()
	case "console":
		p.Screen, w, h = g.console()
	}
	// The window: the estimate with a margin, rounded up to 8 px.
	p.Width = roundUp(max(w+40, 800), 8)
	p.Height = roundUp(max(h+40, 480), 8)
	p.KeyTokens = g.tokens
	if r.Chance(1, 2) {
		p.JPEGQuality = r.Between(minJPEG, maxJPEG)
	}
	if r.Chance(1, 3) {
		// The smallest factor that keeps the text minScaledPx tall.
		lo := max(minScale, int(math.Ceil(100*float64(minScaledPx)/float64(px))))
		if lo <= maxScale {
			s := r.Between(lo, maxScale)
			p.Scale = float64(s) / 100
			p.ScaleTo = p.Width * s / 100
		}
	}
	return p
}

// roundUp rounds n up to a multiple of m.
func roundUp(n, m int) int { return (n + m - 1) / m * m }
