package ocrset

import (
	"fmt"
	"html"
	"strconv"
	"strings"
)

// The screen layouts. Each one writes its regions in reading order: top
// bars, then the left pane, then the panes to its right, then the bottom
// bars; inside a region, top to bottom. That is the order in which a
// page-segmenting OCR engine reads a screen, and the order of Case.Lines.

// browserChrome draws a tab strip and an address bar.
func browserChrome(d *doc, tab, url string) {
	d.open("div", "panel sep", "padding:6px 10px 0")
	d.open("div", "", "display:inline-block;padding:5px 16px;border:1px solid #c8c8c8;border-bottom:none;border-radius:6px 6px 0 0;background:inherit;filter:brightness(1.04)")
	d.iconLine("", "round", "#7a8ca3", c(tab))
	d.close("div")
	d.close("div")
	d.open("div", "bar sep", "height:34px")
	d.icon("round", "#9aa0a6")
	d.icon("round", "#9aa0a6")
	d.open("div", "input", "flex:1;display:flex;align-items:center;padding:0 10px;border-radius:14px")
	d.line("", c(url))
	d.close("div")
	d.close("div")
}

// titleBar draws a desktop window title bar.
func titleBar(d *doc, title string) {
	d.open("div", "bar panel sep", "height:30px")
	d.icon("", "#2b7cd3")
	d.line("", c(title))
	d.close("div")
}

// toolbar draws one line of toolbar buttons.
func toolbar(d *doc, items []string) {
	if len(items) == 0 {
		return
	}
	d.open("div", "bar sep", "height:34px")
	cells := make([]cell, len(items))
	for i, it := range items {
		cells[i] = cell{Text: it, Class: "btn"}
	}
	d.line("", cells...)
	d.close("div")
}

// statusBar draws the bottom status line.
func statusBar(d *doc, cells ...string) {
	if len(cells) == 0 {
		return
	}
	d.open("div", "bar panel sept", "height:26px;font-size:0.92em")
	cs := make([]cell, len(cells))
	for i, s := range cells {
		cs[i] = cell{Text: s, Class: "sb"}
	}
	d.line("", cs...)
	d.close("div")
}

// navPane draws a left navigation list; entries starting with "#" are
// section headings, and sel is the index of the selected entry (-1: none).
func navPane(d *doc, width int, items []string, sel int, extra string) {
	d.open("div", "col nav panel sepr "+extra, fmt.Sprintf("width:%dpx;flex:none;padding:6px 0", width))
	for i, it := range items {
		class := ""
		if i == sel {
			class = "sel"
		}
		if len(it) > 1 && it[0] == '#' {
			d.line("h", c(it[1:]))
			continue
		}
		d.iconLine(class, "", "#8a96a8", c(it))
	}
	d.close("div")
}

// PortalSpec is an intranet portal page in a browser.
type PortalSpec struct {
	Tab, URL     string
	Brand, User  string
	Nav          []string
	NavSel       int
	Heading      string
	Notes        []string
	Widths       []int
	Header       []string
	Rows         [][]string
	BoxTitle     string
	BoxLines     []string
	Footer       string
	BrandColor   string
	SidebarWidth int
}

func (s PortalSpec) build(d *doc) {
	browserChrome(d, s.Tab, s.URL)
	color := s.BrandColor
	if color == "" {
		color = "#0f5ea8"
	}
	d.open("div", "bar", "height:44px;justify-content:space-between;color:#fff;background:"+color)
	d.line("", cell{Text: s.Brand, Class: "b", W: 0}, cell{Text: s.User})
	d.close("div")
	d.open("div", "row", "")
	w := s.SidebarWidth
	if w == 0 {
		w = 210
	}
	navPane(d, w, s.Nav, s.NavSel, "")
	d.open("div", "fill pad", "")
	d.text("h1", s.Heading)
	for _, n := range s.Notes {
		d.text("", n)
	}
	d.open("div", "", "height:8px")
	d.close("div")
	d.grid("flat", s.Widths, s.Header, s.Rows)
	if s.BoxTitle != "" {
		d.open("div", "box", "display:inline-block;margin-top:14px")
		d.text("b", s.BoxTitle)
		for _, l := range s.BoxLines {
			d.text("", l)
		}
		d.close("div")
	}
	d.close("div")
	d.close("div")
	statusBar(d, s.Footer)
}

// InboxSpec is a mail client with a folder pane, a message list and an
// optional reading pane.
type InboxSpec struct {
	Title        string
	Toolbar      []string
	Folders      []string
	FolderSel    int
	ListTitle    string
	Widths       []int
	Header       []string
	Rows         [][]string
	Selected     int
	Preview      []string // header lines of the reading pane
	PreviewBody  []string
	Status       []string
	FolderWidth  int
	PreviewWidth int
}

func (s InboxSpec) build(d *doc) {
	titleBar(d, s.Title)
	toolbar(d, s.Toolbar)
	d.open("div", "row", "")
	fw := s.FolderWidth
	if fw == 0 {
		fw = 230
	}
	navPane(d, fw, s.Folders, s.FolderSel, "")
	d.open("div", "fill pad", "")
	d.text("h2", s.ListTitle)
	d.open("table", "grid flat", "")
	d.b.WriteString("<colgroup>")
	for _, w := range s.Widths {
		fmt.Fprintf(&d.b, `<col style="width:%dpx">`, w)
	}
	d.b.WriteString("</colgroup><thead>")
	d.trow("th", s.Header)
	d.b.WriteString("</thead><tbody>")
	for i, r := range s.Rows {
		if i == s.Selected {
			d.b.WriteString(`<tr class="t sel">`)
		} else {
			d.b.WriteString(`<tr class="t">`)
		}
		trowCells(d, r)
	}
	d.b.WriteString("</tbody></table>")
	d.close("div")
	if len(s.Preview) > 0 {
		pw := s.PreviewWidth
		if pw == 0 {
			pw = 560
		}
		d.open("div", "col pad", fmt.Sprintf("width:%dpx;flex:none;border-left:1px solid #c8c8c8", pw))
		for i, l := range s.Preview {
			if i == 0 {
				d.text("h2", l)
			} else {
				d.text("muted", l)
			}
		}
		d.open("div", "", "height:12px")
		d.close("div")
		for _, l := range s.PreviewBody {
			d.text("", l)
		}
		d.close("div")
	}
	d.close("div")
	statusBar(d, s.Status...)
}

// trowCells writes the cells of an already opened table row and records it.
func trowCells(d *doc, cells []string) {
	var texts []string
	for _, s := range cells {
		d.b.WriteString("<td>")
		d.b.WriteString(escape(s))
		d.b.WriteString("</td>")
		if s != "" {
			texts = append(texts, s)
		}
	}
	d.b.WriteString("</tr>")
	d.record(join(texts))
}

// MailSpec is one opened e-mail message.
type MailSpec struct {
	Title   string
	Toolbar []string
	Subject string
	Headers [][2]string // label, value
	Attach  []string
	Body    []string
	Status  []string
}

func (s MailSpec) build(d *doc) {
	titleBar(d, s.Title)
	toolbar(d, s.Toolbar)
	d.open("div", "fill pad", "padding:14px 28px")
	d.text("h1", s.Subject)
	d.open("div", "kv", "")
	for _, h := range s.Headers {
		d.line("", cw(90, h[0]), c(h[1]))
	}
	d.close("div")
	if len(s.Attach) > 0 {
		d.open("div", "box", "display:inline-block")
		for _, a := range s.Attach {
			d.iconLine("", "doc", "#c0392b", c(a))
		}
		d.close("div")
	}
	d.open("div", "sept", "margin-top:10px;padding-top:12px")
	for _, l := range s.Body {
		if l == "" {
			d.open("div", "", "height:14px")
			d.close("div")
			continue
		}
		d.text("", l)
	}
	d.close("div")
	d.close("div")
	statusBar(d, s.Status...)
}

// SheetSpec is a spreadsheet window.
type SheetSpec struct {
	Title   string
	Menu    []string
	CellRef string
	Formula string
	Widths  []int // data columns; the row-number column is added
	Rows    [][]string
	Tabs    []string
	Status  []string
}

func (s SheetSpec) build(d *doc) {
	titleBar(d, s.Title)
	toolbar(d, s.Menu)
	d.open("div", "bar sep", "height:28px")
	d.line("", cell{Text: s.CellRef, W: 80, Class: "input"}, c(s.Formula))
	d.close("div")
	d.open("div", "fill", "")
	widths := append([]int{40}, s.Widths...)
	header := []string{""}
	for i := range s.Widths {
		header = append(header, string(rune('A'+i)))
	}
	rows := make([][]string, len(s.Rows))
	for i, r := range s.Rows {
		rows[i] = append([]string{strconv.Itoa(i + 1)}, r...)
	}
	d.grid("sheet", widths, header, rows)
	d.close("div")
	d.open("div", "bar sept", "height:28px")
	cs := make([]cell, len(s.Tabs))
	for i, t := range s.Tabs {
		cs[i] = cell{Text: t, Class: "btn"}
	}
	d.line("", cs...)
	d.close("div")
	statusBar(d, s.Status...)
}

// ExplorerSpec is a file manager showing a share.
type ExplorerSpec struct {
	Title  string
	Ribbon []string
	Path   string
	Tree   []string // entries, "#" prefix for headings, leading spaces indent
	TreeSe int
	Widths []int
	Header []string
	Rows   [][]string // first column is the name; Folder rows end with "/" removed
	Kinds  []bool     // true when the row is a folder
	Status []string
}

func (s ExplorerSpec) build(d *doc) {
	titleBar(d, s.Title)
	toolbar(d, s.Ribbon)
	d.open("div", "bar sep", "height:34px")
	d.icon("", "#9aa0a6")
	d.open("div", "input", "flex:1;display:flex;align-items:center;padding:0 8px")
	d.iconLine("", "folder", "#e8b43a", c(s.Path))
	d.close("div")
	d.open("div", "input", "width:220px")
	d.close("div")
	d.close("div")
	d.open("div", "row", "")
	navPane(d, 250, s.Tree, s.TreeSe, "")
	d.open("div", "fill pad", "")
	d.open("table", "grid flat", "")
	d.b.WriteString("<colgroup>")
	for _, w := range s.Widths {
		fmt.Fprintf(&d.b, `<col style="width:%dpx">`, w)
	}
	d.b.WriteString("</colgroup><thead>")
	d.trow("th", s.Header)
	d.b.WriteString("</thead><tbody>")
	for i, r := range s.Rows {
		d.b.WriteString(`<tr class="t">`)
		var texts []string
		for j, v := range r {
			d.b.WriteString("<td>")
			if j == 0 {
				if i < len(s.Kinds) && s.Kinds[i] {
					d.icon("folder", "#e8b43a")
				} else {
					d.icon("doc", "#6d8fb8")
				}
			}
			d.b.WriteString(escape(v) + "</td>")
			if v != "" {
				texts = append(texts, v)
			}
		}
		d.b.WriteString("</tr>")
		d.record(join(texts))
	}
	d.b.WriteString("</tbody></table>")
	d.close("div")
	d.close("div")
	statusBar(d, s.Status...)
}

// ERPSpec is an order or master-data screen of a business system.
type ERPSpec struct {
	Tab, URL    string
	Brand, User string
	Menu        []string
	Title       string
	Fields      [][2]string // shown two per line
	Widths      []int
	Header      []string
	Items       [][]string
	Totals      []string
	Status      []string
	BrandColor  string
}

func (s ERPSpec) build(d *doc) {
	if s.URL != "" {
		browserChrome(d, s.Tab, s.URL)
	}
	color := s.BrandColor
	if color == "" {
		color = "#354a5f"
	}
	d.open("div", "bar", "height:40px;justify-content:space-between;color:#fff;background:"+color)
	d.line("", cell{Text: s.Brand, Class: "b"}, c(s.User))
	d.close("div")
	toolbar(d, s.Menu)
	d.open("div", "fill pad", "padding:12px 24px")
	d.text("h1", s.Title)
	d.open("div", "kv box", "")
	for i := 0; i < len(s.Fields); i += 2 {
		cells := []cell{cw(140, s.Fields[i][0]), cw(420, s.Fields[i][1])}
		if i+1 < len(s.Fields) {
			cells = append(cells, cw(140, s.Fields[i+1][0]), c(s.Fields[i+1][1]))
		}
		d.line("", cells...)
	}
	d.close("div")
	d.grid("", s.Widths, s.Header, s.Items)
	d.open("div", "", "margin-top:10px")
	for _, t := range s.Totals {
		d.text("b", t)
	}
	d.close("div")
	d.close("div")
	statusBar(d, s.Status...)
}

// ConsoleSpec is an administration console.
type ConsoleSpec struct {
	Tab, URL    string
	Brand, User string
	Nav         []string
	NavSel      int
	Heading     string
	Summary     []string // one line of counters
	Widths      []int
	Header      []string
	Rows        [][]string
	LogTitle    string
	Log         []string
	Status      []string
}

func (s ConsoleSpec) build(d *doc) {
	if s.URL != "" {
		browserChrome(d, s.Tab, s.URL)
	}
	d.open("div", "bar accent", "height:42px;justify-content:space-between")
	d.line("", cell{Text: s.Brand, Class: "b"}, c(s.User))
	d.close("div")
	d.open("div", "row", "")
	navPane(d, 220, s.Nav, s.NavSel, "")
	d.open("div", "fill pad", "")
	d.text("h1", s.Heading)
	if len(s.Summary) > 0 {
		cs := make([]cell, len(s.Summary))
		for i, v := range s.Summary {
			cs[i] = cell{Text: v, Class: "btn"}
		}
		d.line("", cs...)
		d.open("div", "", "height:10px")
		d.close("div")
	}
	d.grid("", s.Widths, s.Header, s.Rows)
	if s.LogTitle != "" {
		d.text("h2", s.LogTitle)
		d.open("div", "box", "font-family:"+fontMono+";font-size:12px")
		for _, l := range s.Log {
			d.text("", l)
		}
		d.close("div")
	}
	d.close("div")
	d.close("div")
	statusBar(d, s.Status...)
}

// Message is one chat message.
type Message struct {
	Who, When string
	Text      []string
	Color     string
}

// ChatSpec is a team chat window.
type ChatSpec struct {
	Title     string
	Workspace string
	Channels  []string
	ChanSel   int
	Channel   string
	Topic     string
	Messages  []Message
	Status    []string
}

func (s ChatSpec) build(d *doc) {
	titleBar(d, s.Title)
	d.open("div", "row", "")
	d.open("div", "col", "width:250px;flex:none")
	d.open("div", "pad accent", "")
	d.text("b", s.Workspace)
	d.close("div")
	navPane(d, 250, s.Channels, s.ChanSel, "fill")
	d.close("div")
	d.open("div", "fill col", "")
	d.open("div", "pad sep", "")
	d.line("", cell{Text: s.Channel, Class: "b"}, cell{Text: s.Topic, Class: "muted"})
	d.close("div")
	d.open("div", "fill pad", "")
	for _, m := range s.Messages {
		d.open("div", "", "display:flex;margin:10px 0")
		color := m.Color
		if color == "" {
			color = "#6d8fb8"
		}
		d.icon("av", color)
		d.open("div", "", "")
		d.line("", cell{Text: m.Who, Class: "b"}, cell{Text: m.When, Class: "muted"})
		for _, l := range m.Text {
			d.text("", l)
		}
		d.close("div")
		d.close("div")
	}
	d.close("div")
	d.open("div", "pad", "")
	d.open("div", "input", "height:38px;border-radius:6px")
	d.close("div")
	d.close("div")
	d.close("div")
	d.close("div")
	statusBar(d, s.Status...)
}

// escape is html.EscapeString.
func escape(s string) string { return html.EscapeString(s) }

// join joins the texts of one line with single spaces.
func join(texts []string) string { return strings.Join(texts, " ") }
