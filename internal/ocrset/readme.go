package ocrset

import (
	"fmt"
	"sort"
	"strings"
)

// DebianPackages are the packages whose versions decide the pixels of the
// set; README.md records them.
var DebianPackages = []string{"chromium", "fonts-liberation", "fonts-dejavu-core", "fonts-ipafont-gothic"}

// README returns the README.md of a generated set: how it was made, what
// its bytes depend on, and one line per image.
func README(cases []Case, browser string, packages map[string]string) string {
	var b strings.Builder
	b.WriteString("# OCR test set\n\n")
	b.WriteString("Screenshots of fictional intranet portals, mail clients, spreadsheets, file\n")
	b.WriteString("shares (UNC paths), ERP screens, admin consoles and chat windows, in English\n")
	b.WriteString("and Japanese, with their exact ground truth in `manifest.json`. The people,\n")
	b.WriteString("the organisations and their domains are invented, in the shapes real ones\n")
	b.WriteString("have, but for Toray and Fujitsu, the owner and the claimed name of the case\n")
	b.WriteString("proofpack is modelled on, whose pages keep their real names and public\n")
	b.WriteString("domains; host names under every domain are invented.\n\n")
	b.WriteString("## How they were made\n\n")
	b.WriteString("```\ngo run ./internal/ocrset/cmd/ocrset -out testdata/ocr\n```\n\n")
	b.WriteString("(also run by `go generate ./internal/ocrset`). Each page is built from Go\n")
	b.WriteString("data in `internal/ocrset` (pages_eng.go, pages_jpn.go): the generator writes\n")
	b.WriteString("the HTML and records every text line it writes, so `lines` is the very text\n")
	b.WriteString("rendered. Before capture, the page is loaded once more with a check script\n")
	b.WriteString("(`--dump-dom`) that fails the build if any line wraps, is clipped, leaves the\n")
	b.WriteString("page, or differs from the recorded line, or if any text sits outside a\n")
	b.WriteString("recorded line. Every character is checked to exist in the named fonts, so no\n")
	b.WriteString("fallback font is used. Icons are coloured shapes, never text.\n\n")
	b.WriteString("The capture is made by Debian's headless Chromium:\n\n")
	b.WriteString("```\nchromium " + strings.Join(chromiumFlags, " ") + " \\\n")
	b.WriteString("  --user-data-dir=<fresh temp dir> --window-size=W,H --screenshot=FILE file:///...html\n```\n\n")
	b.WriteString("then decoded and re-encoded by Go: pages with `scaled: true` are rendered at\n")
	b.WriteString("1280x720 and downscaled to 960x540 with golang.org/x/image/draw CatmullRom;\n")
	b.WriteString("`format: jpeg` files are saved by image/jpeg at quality 60-75, the rest by\n")
	b.WriteString("image/png.\n\n")
	writeProvenance(&b, browser, packages)
	b.WriteString("- Fonts, named in the CSS: English pages in Liberation Sans or DejaVu Sans\n")
	b.WriteString("  (logs in DejaVu Sans Mono); Japanese pages in Liberation Sans + IPAGothic\n")
	b.WriteString("  (kana and kanji) or IPAGothic alone.\n\n")
	b.WriteString("## Reproducibility\n\n")
	b.WriteString("No clock, no randomness: the content is fixed tables. The image bytes depend\n")
	b.WriteString("on the Chromium build and the font package versions above (anti-aliasing,\n")
	b.WriteString("hinting, glyph shapes); on the same versions the generator rewrites them byte\n")
	b.WriteString("for byte. The ground truth (`manifest.json`) does not depend on them.\n\n")
	b.WriteString("## Ground truth\n\n")
	b.WriteString("`manifest.json` is a JSON array; each case has `file`, `lang` (eng, jpn),\n")
	b.WriteString("`width`, `height`, `kind`, `theme` (light, dark), `format` (png, jpeg),\n")
	b.WriteString("`scaled`, `lines` and `key_tokens`. `lines` lists every visible text line in\n")
	b.WriteString("reading order: region by region (top bars, left pane, the panes to its right,\n")
	b.WriteString("bottom bars), each top to bottom; the cells of one row are joined by one\n")
	b.WriteString("space. `key_tokens` are the strings attribution needs (company names, e-mail\n")
	b.WriteString("addresses, domains, host names, UNC paths, URLs), exactly as displayed.\n")
	b.WriteString("Scoring lives in `internal/ocreval`. `oracle/` keeps what the tesseract\n")
	b.WriteString("command read from each image, the baseline of TestTesseractBaseline; run\n")
	b.WriteString("`make oracles` after the images change (see internal/oracle).\n\n")
	b.WriteString("## Files\n\n")
	b.WriteString("| file | lang | kind | theme | size | format | scaled | lines |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %dx%d | %s | %t | %d |\n", c.File, c.Lang, c.Kind, c.Theme, c.Width, c.Height, c.Format, c.Scaled, len(c.Lines))
	}
	return b.String()
}

// writeProvenance lists, in a set's README, the browser and the Debian
// packages (name and version) the images were made with.
func writeProvenance(b *strings.Builder, browser string, packages map[string]string) {
	fmt.Fprintf(b, "- Browser: %s\n", browser)
	names := make([]string, 0, len(packages))
	for n := range packages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(b, "- Debian package %s %s\n", n, packages[n])
	}
}
