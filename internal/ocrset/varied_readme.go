package ocrset

import (
	"fmt"
	"strings"
)

// VariedREADME returns the README.md of the varied set (testdata/ocrvar).
func VariedREADME(cases []Case, browser string, packages map[string]string) string {
	var b strings.Builder
	b.WriteString("# Varied OCR test set\n\n")
	b.WriteString("96 screenshots (48 English, 48 Japanese) of invented organisations: intranet\n")
	b.WriteString("portals, mail inboxes and opened mails, file explorers on UNC paths (NetBIOS\n")
	b.WriteString("`\\\\FILESRV01\\share\\...` and fully qualified `\\\\fs01.corp.example.co.jp\\...`,\n")
	b.WriteString("Japanese folder names), ERP forms with framed input fields, spreadsheets with\n")
	b.WriteString("tight rows, login pages, chat windows (channels, or bubbles with avatars) and\n")
	b.WriteString("admin consoles. Every organisation, person, domain and host is made up\n")
	b.WriteString("(`internal/ocrset/varied_content.go`); the Japanese company names take rare\n")
	b.WriteString("kanji (鷺, 檜, 鱒, 櫻, 藪, 蕗, 嵯峨 ...) with 株式会社, 有限会社 or 合同会社 before\n")
	b.WriteString("or after the name.\n\n")
	b.WriteString("## How they were made\n\n")
	b.WriteString("```\ngo run ./internal/ocrset/cmd/ocrset -varied -out testdata/ocrvar\n```\n\n")
	fmt.Fprintf(&b, "(also run by `go generate ./internal/ocrset`). `ocrset.VariedPages(%d)` draws\n", VariedSeed)
	b.WriteString("each page from a fixed seed with its own small generator (SplitMix64, not\n")
	b.WriteString("math/rand, so that no Go release changes the draw): the font family, the text\n")
	fmt.Fprintf(&b, "size (%d-%d px), the line height (%.2f-%.2f), the height of input fields\n", minTextPx, maxTextPx, float64(minLineHeight)/100, float64(maxLineHeight)/100)
	fmt.Fprintf(&b, "(%d-%d px, at least 4 px above the text size), a light or dark theme\n", minFieldPx, maxFieldPx)
	fmt.Fprintf(&b, "(one in three dark), PNG or JPEG (quality %d-%d, one in two), a downscale\n", minJPEG, maxJPEG)
	fmt.Fprintf(&b, "by %.2f-%.2f with Catmull-Rom (one in three, only while the text stays %d px\n", float64(minScale)/100, float64(maxScale)/100, minScaledPx)
	b.WriteString("or taller) and the content. The fonts and the text sizes are dealt, not\n")
	b.WriteString("drawn, so that every family and every size occurs. The pages are rendered by\n")
	b.WriteString("Debian's headless Chromium after the same checks as testdata/ocr: every\n")
	b.WriteString("character is drawn by the named font (no fallback), and in the browser no\n")
	b.WriteString("line wraps, is clipped or differs from the recorded line.\n\n")
	writeProvenance(&b, browser, packages)
	b.WriteString("- Japanese fonts: " + strings.Join(VariedJapaneseFonts, ", ") + "\n")
	b.WriteString("- English fonts: " + strings.Join(VariedEnglishFonts, ", ") + "\n\n")
	b.WriteString("## The split\n\n")
	b.WriteString("Each page is `decided` or `heldout` (`split` in the manifest), half and half\n")
	b.WriteString("in every (language, kind) group, dealt by the seed. Misses on the decided\n")
	b.WriteString("half may be studied and turned into rules (`ocrbench -set varied -split\n")
	b.WriteString("decided -misses`); the held-out half only measures: no rule may be tuned on\n")
	b.WriteString("it, and ocrbench refuses to list its misses.\n\n")
	b.WriteString("## Reproducibility\n\n")
	b.WriteString("The ground truth (`manifest.json`) depends on the seed and the code only;\n")
	b.WriteString("TestVariedManifestMatchesPages rebuilds it without a browser and compares.\n")
	b.WriteString("The image bytes depend on the Chromium build and the font package versions\n")
	b.WriteString("above.\n\n")
	b.WriteString("## Ground truth\n\n")
	b.WriteString("As in testdata/ocr (`file`, `lang`, `width`, `height`, `kind`, `theme`,\n")
	b.WriteString("`format`, `scaled`, `lines`, `key_tokens`), plus the parameters of the page:\n")
	b.WriteString("`split`, `font` (the CSS family), `text_px`, `line_height`, `field_px`,\n")
	b.WriteString("`jpeg_quality` and `scale` (the last two only when used). Key tokens are\n")
	b.WriteString("organisation names, e-mail addresses, host names, UNC paths, URLs, Windows\n")
	b.WriteString("logons and identifiers (employee, order, customer numbers), exactly as\n")
	b.WriteString("displayed.\n\n")
	b.WriteString("## Files\n\n")
	b.WriteString("| file | split | kind | theme | font | px | line | field | size | format |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, c := range cases {
		format := c.Format
		if c.JPEGQuality > 0 {
			format += fmt.Sprintf(" q%d", c.JPEGQuality)
		}
		if c.Scale > 0 {
			format += fmt.Sprintf(", scaled %.2f", c.Scale)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %.2f | %d | %dx%d | %s |\n", c.File, c.Split, c.Kind, c.Theme,
			strings.Trim(c.Font, `"`), c.TextPx, c.LineHeight, c.FieldPx, c.Width, c.Height, format)
	}
	return b.String()
}
