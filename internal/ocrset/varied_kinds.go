package ocrset

import "fmt"

// The layouts only the varied set uses: an ERP form of framed input
// fields, a login page, and a messenger with speech bubbles. Like the
// layouts of kinds.go, each writes its regions in reading order.

// FormSpec is an ERP entry form: labelled input fields with visible
// frames (class fld, whose height is the page's FieldPx), two per line,
// then a table of items.
type FormSpec struct {
	Tab, URL    string
	Brand, User string
	Menu        []string
	Title       string
	// LabelW and FieldW are the widths of a label and of a field.
	LabelW, FieldW int
	Fields         [][2]string // label, value
	Widths         []int
	Header         []string
	Items          [][]string
	Totals         []string
	Status         []string
	BrandColor     string
}

func (s FormSpec) build(d *doc) {
	if s.URL != "" {
		browserChrome(d, s.Tab, s.URL)
	}
	d.open("div", "bar", "height:40px;justify-content:space-between;color:#fff;background:"+s.BrandColor)
	d.line("", cell{Text: s.Brand, Class: "b"}, c(s.User))
	d.close("div")
	toolbar(d, s.Menu)
	d.open("div", "fill pad", "padding:12px 24px")
	d.text("h1", s.Title)
	d.open("div", "box", "display:inline-block")
	for i := 0; i < len(s.Fields); i += 2 {
		cells := []cell{cw(s.LabelW, s.Fields[i][0]), {Text: s.Fields[i][1], W: s.FieldW, Class: "fld"}}
		if i+1 < len(s.Fields) {
			cells = append(cells, cw(s.LabelW, s.Fields[i+1][0]), cell{Text: s.Fields[i+1][1], W: s.FieldW, Class: "fld"})
		}
		d.line("frow", cells...)
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

// LoginField is one field of a login form; a Secret field shows dots
// (shapes, not text) instead of its value.
type LoginField struct {
	Label, Value string
	Secret       bool
}

// LoginSpec is a sign-in page in a browser.
type LoginSpec struct {
	Tab, URL string
	Brand    string
	Title    string
	Fields   []LoginField
	Remember string
	Button   string
	Links    []string
	Footer   string
	// CardW is the width of the sign-in card.
	CardW int
}

func (s LoginSpec) build(d *doc) {
	browserChrome(d, s.Tab, s.URL)
	d.open("div", "fill", "display:flex;align-items:center;justify-content:center")
	d.open("div", "box", fmt.Sprintf("width:%dpx;padding:20px 24px", s.CardW))
	d.text("h1", s.Brand)
	d.text("", s.Title)
	for _, f := range s.Fields {
		d.open("div", "", "height:8px")
		d.close("div")
		d.text("muted", f.Label)
		if f.Secret {
			d.open("div", "input", "display:flex;align-items:center;padding:0 8px")
			for range 8 {
				d.icon("round", "#777")
			}
			d.close("div")
			continue
		}
		d.line("", cell{Text: f.Value, W: s.CardW - 50, Class: "fld"})
	}
	if s.Remember != "" {
		d.open("div", "", "height:8px")
		d.close("div")
		d.iconLine("", "", "#9aa0a6", c(s.Remember))
	}
	d.open("div", "", "height:10px")
	d.close("div")
	d.line("", cell{Text: s.Button, Class: "btn b"})
	for _, l := range s.Links {
		d.text("muted", l)
	}
	d.close("div")
	d.close("div")
	statusBar(d, s.Footer)
}

// Bubble is one message of a messenger.
type Bubble struct {
	Who, When string
	Text      []string
	Mine      bool
	Color     string
}

// BubbleChatSpec is a messenger: a list of conversations with avatars on
// the left, the messages as speech bubbles on the right.
type BubbleChatSpec struct {
	Title   string
	Convs   [][2]string // name, last message
	ConvSel int
	ConvW   int
	Header  string
	Sub     string
	Bubbles []Bubble
	Status  []string
}

func (s BubbleChatSpec) build(d *doc) {
	titleBar(d, s.Title)
	d.open("div", "row", "")
	d.open("div", "col panel sepr", fmt.Sprintf("width:%dpx;flex:none;padding:6px 0", s.ConvW))
	for i, cv := range s.Convs {
		style := "display:flex;align-items:center;padding:6px 10px"
		class := ""
		if i == s.ConvSel {
			class = "cvsel"
		}
		d.open("div", class, style)
		d.icon("av", avatarColors[i%len(avatarColors)])
		d.open("div", "", "")
		d.text("b", cv[0])
		d.text("muted", cv[1])
		d.close("div")
		d.close("div")
	}
	d.close("div")
	d.open("div", "fill col", "")
	d.open("div", "pad sep", "")
	d.line("", cell{Text: s.Header, Class: "b"}, cell{Text: s.Sub, Class: "muted"})
	d.close("div")
	d.open("div", "fill pad", "")
	for _, m := range s.Bubbles {
		justify := "flex-start"
		if m.Mine {
			justify = "flex-end"
		}
		d.open("div", "", "display:flex;align-items:flex-start;margin:8px 0;justify-content:"+justify)
		if !m.Mine {
			d.icon("av", m.Color)
		}
		d.open("div", "", "")
		d.line("muted", c(m.Who), c(m.When))
		class := "bub"
		if m.Mine {
			class = "bub mine"
		}
		d.open("div", class, "")
		for _, l := range m.Text {
			d.text("", l)
		}
		d.close("div")
		d.close("div")
		d.close("div")
	}
	d.close("div")
	d.open("div", "pad", "")
	d.open("div", "input", "border-radius:6px")
	d.close("div")
	d.close("div")
	d.close("div")
	d.close("div")
	statusBar(d, s.Status...)
}

// avatarColors colour the avatars of the conversation list.
var avatarColors = []string{"#c0392b", "#2e86c1", "#28b463", "#af7ac5", "#d68910", "#17a589"}

// variedCSS is the style sheet the varied layouts add: framed fields,
// bubbles and the selected conversation, in the colours of a theme. Text
// boxes get 0.16 em of padding above and below: the glyph box of a CJK
// font (Noto CJK: 1.45 em) is taller than a line height of 1.2, and the
// layout check would report the overflow as clipped text.
func variedCSS(theme string, fieldPx int) string {
	p := lightPalette
	mine := "#d6eaff"
	if theme == "dark" {
		p = darkPalette
		mine = "#2c4a6b"
	}
	return fmt.Sprintf(`
.c.fld{border:1px solid %[1]s;height:%[2]dpx;line-height:%[3]dpx;padding:0 6px;background:%[4]s;overflow:visible;border-radius:2px}
.frow{padding:4px 0}
.frow .c:nth-child(odd){color:%[5]s}
.bub{border-radius:12px;padding:6px 12px;background:%[6]s;margin-top:2px}
.bub.mine{background:%[7]s}
.cvsel{background:%[8]s}
.c{padding-top:.16em;padding-bottom:.16em}
.c.fld,.c.input{padding-top:0;padding-bottom:0;overflow:visible}
.grid th,.grid td{padding-top:calc(.16em + 2px);padding-bottom:calc(.16em + 2px)}
.sheet td,.sheet th{padding:.16em 6px}
`, p.border, fieldPx, fieldPx-2, p.bg, p.muted, p.panel, mine, p.sel)
}
