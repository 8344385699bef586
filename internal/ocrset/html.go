package ocrset

import (
	"fmt"
	"html"
	"strconv"
	"strings"
)

// Font stacks named explicitly, so that the rendering does not depend on the
// fontconfig defaults of the machine. Every family listed is checked for
// glyph coverage before a page is rendered (see checkGlyphs).
const (
	// fontLatin is the UI font of the English pages.
	fontLatin = `"Liberation Sans"`
	// fontLatinAlt is the second UI font of the English pages.
	fontLatinAlt = `"DejaVu Sans"`
	// fontMono is used for terminals and log views.
	fontMono = `"DejaVu Sans Mono", "IPAGothic"`
	// fontJapanese is the proportional Japanese UI font (Latin letters in
	// Liberation Sans, kana and kanji in IPA Gothic).
	fontJapanese = `"Liberation Sans", "IPAGothic"`
	// fontJapaneseFixed is the all-IPA Gothic stack of older intranets.
	fontJapaneseFixed = `"IPAGothic"`
)

// palette is the colour set of one theme.
type palette struct {
	bg, fg, muted, panel, panelFg, border, zebra, head, headFg, accent, accentFg, sel string
}

var (
	lightPalette = palette{
		bg: "#ffffff", fg: "#1f1f1f", muted: "#5f6368", panel: "#f3f3f3", panelFg: "#242424",
		border: "#c8c8c8", zebra: "#f6f8fa", head: "#e9ecef", headFg: "#202124",
		accent: "#0f5ea8", accentFg: "#ffffff", sel: "#cce4f7",
	}
	darkPalette = palette{
		bg: "#1e1f22", fg: "#d4d4d4", muted: "#9aa0a6", panel: "#2b2d31", panelFg: "#cfd2d6",
		border: "#3c3f44", zebra: "#25272b", head: "#313338", headFg: "#e3e5e8",
		accent: "#3b4a63", accentFg: "#e8eef7", sel: "#2f4f6f",
	}
)

// doc is an HTML page under construction. Every visible text line goes
// through line or row, which both write the markup and record the string,
// so the ground truth is the very text that was rendered.
type doc struct {
	b     strings.Builder
	lines []string
	err   error
}

// cell is one text run of a visual line; W is a fixed width in pixels (0 means
// the natural width) and Class an extra CSS class.
type cell struct {
	Text  string
	W     int
	Class string
}

// c is a shorthand for a natural-width cell.
func c(text string) cell { return cell{Text: text} }

// cw is a shorthand for a fixed-width cell.
func cw(w int, text string) cell { return cell{Text: text, W: w} }

// open writes an opening tag with a class and an optional inline style.
func (d *doc) open(tag, class, style string) {
	d.b.WriteString("<" + tag)
	if class != "" {
		d.b.WriteString(` class="` + class + `"`)
	}
	if style != "" {
		d.b.WriteString(` style="` + html.EscapeString(style) + `"`)
	}
	d.b.WriteString(">")
}

// close writes a closing tag.
func (d *doc) close(tag string) { d.b.WriteString("</" + tag + ">") }

// icon writes a small coloured shape (an image, never text).
func (d *doc) icon(shape, color string) {
	fmt.Fprintf(&d.b, `<i class="ic %s" style="background:%s"></i>`, shape, color)
}

// record adds a ground-truth line after checking that it is a single,
// already-normalised visual line (HTML would collapse anything else).
func (d *doc) record(text string) {
	if text == "" {
		return
	}
	if strings.TrimSpace(text) != text || strings.Contains(text, "  ") || strings.ContainsAny(text, "\t\n\r") {
		if d.err == nil {
			d.err = fmt.Errorf("ocrset: line %q is not a normalised single line", text)
		}
	}
	d.lines = append(d.lines, text)
}

// line writes one visual line made of cells inside a div of the given class;
// icon, when not empty, is a shape class drawn before the text.
func (d *doc) line(class string, cells ...cell) {
	d.iconLine(class, "", "", cells...)
}

// iconLine is line with a leading icon.
func (d *doc) iconLine(class, shape, color string, cells ...cell) {
	d.open("div", strings.TrimSpace("t "+class), "")
	if shape != "" {
		d.icon(shape, color)
	}
	var texts []string
	for _, ce := range cells {
		style := ""
		if ce.W > 0 {
			style = fmt.Sprintf("width:%dpx", ce.W)
		}
		d.open("span", strings.TrimSpace("c "+ce.Class), style)
		d.b.WriteString(html.EscapeString(ce.Text))
		d.close("span")
		if ce.Text != "" {
			texts = append(texts, ce.Text)
		}
	}
	d.close("div")
	d.record(strings.Join(texts, " "))
}

// text writes a one-cell line.
func (d *doc) text(class, s string) { d.line(class, c(s)) }

// grid writes a table whose header and rows are each one visual line; widths
// are the column widths in pixels.
func (d *doc) grid(class string, widths []int, header []string, rows [][]string) {
	d.open("table", strings.TrimSpace("grid "+class), "")
	d.b.WriteString("<colgroup>")
	for _, w := range widths {
		fmt.Fprintf(&d.b, `<col style="width:%dpx">`, w)
	}
	d.b.WriteString("</colgroup>")
	if header != nil {
		d.b.WriteString("<thead>")
		d.trow("th", header)
		d.b.WriteString("</thead>")
	}
	d.b.WriteString("<tbody>")
	for _, r := range rows {
		d.trow("td", r)
	}
	d.b.WriteString("</tbody></table>")
}

// trow writes one table row as one line.
func (d *doc) trow(cellTag string, cells []string) {
	d.b.WriteString(`<tr class="t">`)
	var texts []string
	for _, s := range cells {
		d.b.WriteString("<" + cellTag + ">" + html.EscapeString(s) + "</" + cellTag + ">")
		if s != "" {
			texts = append(texts, s)
		}
	}
	d.b.WriteString("</tr>")
	d.record(strings.Join(texts, " "))
}

// Defaults of the fixed set, which the varied set draws from a range.
const (
	// defaultLineHeight is the CSS line-height of the body text.
	defaultLineHeight = 1.35
	// defaultFieldPx is the height of input fields (address bars, path
	// boxes, search boxes).
	defaultFieldPx = 24
)

// baseCSS is the style sheet shared by every page; %s verbs take the page
// size, fonts, palette, line height (0: defaultLineHeight) and field
// height (0: defaultFieldPx).
func baseCSS(w, h int, font string, size int, p palette, lineHeight float64, fieldPx int) string {
	if lineHeight == 0 {
		lineHeight = defaultLineHeight
	}
	if fieldPx == 0 {
		fieldPx = defaultFieldPx
	}
	return fmt.Sprintf(`
html,body{margin:0;padding:0;width:%[1]dpx;height:%[2]dpx;overflow:hidden}
body{font-family:%[3]s;font-size:%[4]dpx;line-height:%[17]s;color:%[6]s;background:%[5]s;
 -webkit-font-smoothing:antialiased;display:flex;flex-direction:column}
*{box-sizing:border-box}
.t{white-space:nowrap}
.c{display:inline-block;vertical-align:middle;white-space:nowrap;overflow:hidden}
.c+.c{margin-left:10px}
.ic{display:inline-block;width:14px;height:14px;margin-right:7px;vertical-align:middle;border-radius:2px}
.ic.round{border-radius:50%%}
.ic.folder{width:16px;height:12px;border-radius:1px 4px 1px 1px}
.ic.doc{width:11px;height:14px;border-radius:0 4px 0 0}
.ic.av{width:28px;height:28px;border-radius:50%%;margin-right:10px}
.muted{color:%[7]s}
.b{font-weight:bold}
.row{display:flex;flex:1;min-height:0}
.col{display:flex;flex-direction:column;min-width:0}
.fill{flex:1;min-width:0;min-height:0;overflow:hidden}
.pad{padding:10px 16px}
.panel{background:%[8]s;color:%[9]s}
.bar{display:flex;align-items:center;gap:18px;padding:0 14px;white-space:nowrap}
.bar .t{display:flex;align-items:center}
.sep{border-bottom:1px solid %[10]s}
.sepr{border-right:1px solid %[10]s}
.sept{border-top:1px solid %[10]s}
.accent{background:%[14]s;color:%[15]s}
.nav .t{padding:5px 14px;display:flex;align-items:center}
.nav .t.sel{background:%[16]s}
.nav .h{font-weight:bold;padding-top:12px}
.grid{border-collapse:collapse;table-layout:fixed}
.grid th,.grid td{border:1px solid %[10]s;padding:3px 8px;text-align:left;white-space:nowrap;overflow:hidden}
.grid th{background:%[12]s;color:%[13]s;font-weight:normal}
.grid tbody tr:nth-child(even){background:%[11]s}
.grid tr.sel{background:%[16]s}
.flat td,.flat th{border-left:none;border-right:none}
.kv .t{padding:3px 0}
.kv .c:first-child{color:%[7]s}
h1,h2,h3{margin:0;font-weight:bold}
.h1{font-size:1.5em;font-weight:bold;margin:6px 0 10px}
.h2{font-size:1.15em;font-weight:bold;margin:10px 0 6px}
.box{border:1px solid %[10]s;border-radius:3px;padding:8px 12px;margin:8px 0}
.btn{border:1px solid %[10]s;border-radius:3px;padding:2px 10px;background:%[8]s}
.input{border:1px solid %[10]s;height:%[18]dpx;background:%[5]s}
`, w, h, font, size, p.bg, p.fg, p.muted, p.panel, p.panelFg, p.border, p.zebra, p.head, p.headFg, p.accent, p.accentFg, p.sel,
		strconv.FormatFloat(lineHeight, 'f', -1, 64), fieldPx)
}

// wrapHTML returns the complete document.
func wrapHTML(lang, title, css, body string) string {
	return `<!DOCTYPE html><html lang="` + lang + `"><head><meta charset="utf-8"><title>` +
		html.EscapeString(title) + `</title><style>` + css + `</style></head><body>` + body + `</body></html>`
}
