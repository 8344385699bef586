package docgen

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// DefaultCJKFontPath is where Debian's fonts-ipafont-gothic package puts
// IPA Gothic, the font screenshots use for Japanese text.
const DefaultCJKFontPath = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"

// ErrFontMissing is returned by LoadFonts when the CJK font file cannot
// be read.
var ErrFontMissing = errors.New("docgen: CJK font missing (install Debian package fonts-ipafont-gothic or pass its path)")

// Fonts holds the parsed fonts screenshots are drawn with: the Go fonts
// for Latin text and a CJK font for everything the Go fonts lack. A Fonts
// value is read-only once loaded and may be shared.
type Fonts struct {
	latin, latinBold, cjk *opentype.Font
}

// LoadFonts parses the Go fonts and the CJK font at cjkFontPath (an
// OpenType or TrueType file; DefaultCJKFontPath when empty).
func LoadFonts(cjkFontPath string) (*Fonts, error) {
	if cjkFontPath == "" {
		cjkFontPath = DefaultCJKFontPath
	}
	raw, err := os.ReadFile(cjkFontPath)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFontMissing, cjkFontPath, err)
	}
	cjk, err := opentype.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("docgen: parse CJK font %s: %w", cjkFontPath, err)
	}
	latin, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("docgen: parse Go Regular: %w", err)
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("docgen: parse Go Bold: %w", err)
	}
	return &Fonts{latin: latin, latinBold: bold, cjk: cjk}, nil
}

// Column is one column of the table a screenshot shows.
type Column struct {
	Title string
	Width int // pixels
}

// ScreenshotSpec describes a maximised application window on a Windows
// desktop: title bar, optional ribbon or menu line, address bar, an
// optional coloured application header with the logged-in user banner, a
// navigation pane, a heading, a few lines of text, a table, a status bar
// and the taskbar with its clock.
type ScreenshotSpec struct {
	Fonts  *Fonts // required; see LoadFonts
	Width  int    // 1366 when zero
	Height int    // 768 when zero

	WindowTitle string   // title bar text
	Menu        []string // ribbon tabs or menu items under the title bar
	Address     string   // address bar text: a URL or a UNC path
	SearchHint  string   // greyed text of the search box right of the address bar

	AppTitle  string     // text in the coloured application header; no header when empty
	AppColor  color.RGBA // header colour; a dark blue when zero
	Banner    string     // logged-in user banner, right-aligned in the header
	Nav       []string   // navigation pane items; the first is highlighted
	NavWidth  int        // 220 when zero
	Heading   string     // bold line above the content
	Lines     []string   // text lines between heading and table
	Columns   []Column   // table columns
	Rows      [][]string // table rows
	Highlight int        // 1-based row drawn as selected; 0 for none
	Status    string     // status bar text
	Clock     []string   // taskbar clock lines, e.g. {"10:32", "2021/04/12"}
}

// Palette used by every screenshot.
var (
	colDesktop  = color.RGBA{0x1c, 0x3f, 0x6e, 0xff}
	colTaskbar  = color.RGBA{0x20, 0x20, 0x24, 0xff}
	colChrome   = color.RGBA{0xf3, 0xf3, 0xf3, 0xff}
	colBorder   = color.RGBA{0xc8, 0xc8, 0xc8, 0xff}
	colText     = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	colGrey     = color.RGBA{0x6e, 0x6e, 0x6e, 0xff}
	colWhite    = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colNav      = color.RGBA{0xf7, 0xf8, 0xfa, 0xff}
	colSelect   = color.RGBA{0xcc, 0xe8, 0xff, 0xff}
	colHeadRow  = color.RGBA{0xe9, 0xee, 0xf4, 0xff}
	colZebra    = color.RGBA{0xfa, 0xfb, 0xfc, 0xff}
	colLink     = color.RGBA{0x00, 0x4b, 0x9c, 0xff}
	colDefaultH = color.RGBA{0x00, 0x3d, 0x7c, 0xff}
)

// painter draws mixed Latin and CJK text with cached faces.
type painter struct {
	dst   *image.RGBA
	fonts *Fonts
	faces map[faceKey]font.Face
	buf   sfnt.Buffer
}

// faceKey identifies a cached face.
type faceKey struct {
	cjk, bold bool
	size      float64
}

// face returns (and caches) the face for the given font and size.
func (p *painter) face(cjk, bold bool, size float64) (font.Face, error) {
	k := faceKey{cjk: cjk, bold: bold && !cjk, size: size}
	if f, ok := p.faces[k]; ok {
		return f, nil
	}
	src := p.fonts.latin
	switch {
	case cjk:
		src = p.fonts.cjk
	case bold:
		src = p.fonts.latinBold
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("docgen: font face: %w", err)
	}
	p.faces[k] = f
	return f, nil
}

// textRun is a piece of text set in one font.
type textRun struct {
	s   string
	cjk bool
}

// runs splits s into runs the Go font can draw and runs that need CJK.
func (p *painter) runs(s string) []textRun {
	var out []textRun
	for _, r := range s {
		gi, err := p.fonts.latin.GlyphIndex(&p.buf, r)
		cjk := err != nil || gi == 0
		if r == ' ' && len(out) > 0 {
			cjk = out[len(out)-1].cjk
		}
		if len(out) > 0 && out[len(out)-1].cjk == cjk {
			out[len(out)-1].s += string(r)
			continue
		}
		out = append(out, textRun{s: string(r), cjk: cjk})
	}
	return out
}

// measure returns the advance of s in pixels.
func (p *painter) measure(s string, size float64, bold bool) (int, error) {
	var w fixed.Int26_6
	for _, r := range p.runs(s) {
		f, err := p.face(r.cjk, bold, size)
		if err != nil {
			return 0, err
		}
		w += font.MeasureString(f, r.s)
	}
	return w.Ceil(), nil
}

// text draws s with its baseline at (x, y), clipped to clip.
func (p *painter) text(x, y int, s string, size float64, bold bool, c color.Color, clip image.Rectangle) error {
	dst, ok := p.dst.SubImage(clip).(*image.RGBA)
	if !ok {
		return fmt.Errorf("docgen: unexpected image type")
	}
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Dot: fixed.P(x, y)}
	for _, r := range p.runs(s) {
		f, err := p.face(r.cjk, bold, size)
		if err != nil {
			return err
		}
		d.Face = f
		d.DrawString(r.s)
	}
	return nil
}

// fill paints a rectangle.
func (p *painter) fill(r image.Rectangle, c color.Color) {
	draw.Draw(p.dst, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// hline and vline draw one-pixel lines.
func (p *painter) hline(x0, x1, y int, c color.Color) {
	p.fill(image.Rect(x0, y, x1, y+1), c)
}

func (p *painter) vline(x, y0, y1 int, c color.Color) {
	p.fill(image.Rect(x, y0, x+1, y1), c)
}

// frame draws a one-pixel rectangle outline.
func (p *painter) frame(r image.Rectangle, c color.Color) {
	p.hline(r.Min.X, r.Max.X, r.Min.Y, c)
	p.hline(r.Min.X, r.Max.X, r.Max.Y-1, c)
	p.vline(r.Min.X, r.Min.Y, r.Max.Y, c)
	p.vline(r.Max.X-1, r.Min.Y, r.Max.Y, c)
}

// Screenshot renders spec into an opaque RGBA image.
func Screenshot(spec ScreenshotSpec) (image.Image, error) {
	if spec.Fonts == nil {
		return nil, fmt.Errorf("screenshot: %w", ErrFontMissing)
	}
	w, h := spec.Width, spec.Height
	if w == 0 {
		w = 1366
	}
	if h == 0 {
		h = 768
	}
	if w < 640 || h < 400 || w > 4096 || h > 4096 {
		return nil, fmt.Errorf("screenshot: size %dx%d out of range", w, h)
	}
	p := &painter{dst: image.NewRGBA(image.Rect(0, 0, w, h)), fonts: spec.Fonts, faces: map[faceKey]font.Face{}}
	if err := p.render(spec, w, h); err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	return p.dst, nil
}

// render lays the window out from top to bottom.
func (p *painter) render(spec ScreenshotSpec, w, h int) error {
	full := image.Rect(0, 0, w, h)
	p.fill(full, colDesktop)

	// Taskbar with start button, a few pinned icons and the clock.
	const taskH = 40
	tb := image.Rect(0, h-taskH, w, h)
	p.fill(tb, colTaskbar)
	p.fill(image.Rect(14, h-28, 24, h-18), colWhite)
	p.fill(image.Rect(26, h-28, 36, h-18), colWhite)
	p.fill(image.Rect(14, h-16, 24, h-6), colWhite)
	p.fill(image.Rect(26, h-16, 36, h-6), colWhite)
	for i, c := range []color.RGBA{{0xf0, 0xc0, 0x40, 0xff}, {0x30, 0x90, 0xe0, 0xff}, {0x20, 0x70, 0xc0, 0xff}} {
		x := 70 + i*48
		p.fill(image.Rect(x, h-30, x+22, h-10), c)
		if i == 1 {
			p.hline(x-10, x+32, h-2, color.RGBA{0x7a, 0xb8, 0xf0, 0xff})
		}
	}
	for i, line := range spec.Clock {
		tw, err := p.measure(line, 12, false)
		if err != nil {
			return err
		}
		if err := p.text(w-14-tw, h-taskH+17+i*16, line, 12, false, colWhite, tb); err != nil {
			return err
		}
	}

	win := image.Rect(0, 0, w, h-taskH)
	p.fill(win, colWhite)

	// Title bar with caption buttons.
	y := 0
	const titleH = 32
	p.fill(image.Rect(0, 0, w, titleH), colChrome)
	p.fill(image.Rect(10, 9, 24, 23), colLink)
	if err := p.text(34, 21, spec.WindowTitle, 13, false, colText, image.Rect(0, 0, w-150, titleH)); err != nil {
		return err
	}
	bx := w - 46*3
	p.hline(bx+18, bx+28, 16, colText) // minimise
	p.frame(image.Rect(bx+46+18, 11, bx+46+28, 21), colText)
	for i := 0; i < 10; i++ { // close: two diagonals
		p.fill(image.Rect(bx+92+18+i, 11+i, bx+92+19+i, 12+i), colText)
		p.fill(image.Rect(bx+92+27-i, 11+i, bx+92+28-i, 12+i), colText)
	}
	y = titleH

	if len(spec.Menu) > 0 {
		const menuH = 28
		p.fill(image.Rect(0, y, w, y+menuH), colChrome)
		x := 14
		for i, m := range spec.Menu {
			c := colText
			if i == 0 {
				p.fill(image.Rect(x-8, y+2, x+mustMeasure(p, m, 13)+8, y+menuH), colLink)
				c = colWhite
			}
			if err := p.text(x, y+19, m, 13, false, c, full); err != nil {
				return err
			}
			x += mustMeasure(p, m, 13) + 26
		}
		y += menuH
	}

	// Address bar: back, forward, reload, the field and a search box.
	const addrH = 40
	p.fill(image.Rect(0, y, w, y+addrH), colChrome)
	for i := 0; i < 3; i++ {
		cx := 20 + i*32
		cy := y + addrH/2
		switch i {
		case 0, 1:
			// Back points left, forward points right.
			tip, dir := cx-6, 1
			if i == 1 {
				tip, dir = cx+6, -1
			}
			for k := 0; k < 6; k++ {
				p.fill(image.Rect(tip+dir*k, cy-k, tip+dir*k+1, cy-k+1), colGrey)
				p.fill(image.Rect(tip+dir*k, cy+k, tip+dir*k+1, cy+k+1), colGrey)
			}
			if dir > 0 {
				p.hline(tip, tip+13, cy, colGrey)
			} else {
				p.hline(tip-12, tip+1, cy, colGrey)
			}
		default:
			p.frame(image.Rect(cx-6, cy-6, cx+7, cy+7), colGrey)
		}
	}
	searchW := 0
	if spec.SearchHint != "" {
		searchW = 260
	}
	field := image.Rect(120, y+6, w-16-searchW, y+addrH-6)
	p.fill(field, colWhite)
	p.frame(field, colBorder)
	tx := field.Min.X + 10
	if strings.HasPrefix(spec.Address, "https://") {
		// A padlock.
		p.fill(image.Rect(tx, y+19, tx+10, y+28), colGrey)
		p.frame(image.Rect(tx+2, y+13, tx+8, y+20), colGrey)
		tx += 18
	}
	if err := p.text(tx, y+25, spec.Address, 14, false, colText, field.Inset(2)); err != nil {
		return err
	}
	if searchW > 0 {
		sf := image.Rect(w-8-searchW, y+6, w-16, y+addrH-6)
		p.fill(sf, colWhite)
		p.frame(sf, colBorder)
		if err := p.text(sf.Min.X+10, y+25, spec.SearchHint, 13, false, colGrey, sf.Inset(2)); err != nil {
			return err
		}
	}
	y += addrH
	p.hline(0, w, y, colBorder)
	y++

	// Application header with the user banner.
	if spec.AppTitle != "" {
		const appH = 48
		c := spec.AppColor
		if c == (color.RGBA{}) {
			c = colDefaultH
		}
		p.fill(image.Rect(0, y, w, y+appH), c)
		if err := p.text(20, y+31, spec.AppTitle, 18, true, colWhite, full); err != nil {
			return err
		}
		if spec.Banner != "" {
			bw, err := p.measure(spec.Banner, 14, false)
			if err != nil {
				return err
			}
			if err := p.text(w-20-bw, y+30, spec.Banner, 14, false, colWhite, full); err != nil {
				return err
			}
		}
		y += appH
	} else if spec.Banner != "" {
		bw, err := p.measure(spec.Banner, 13, false)
		if err != nil {
			return err
		}
		if err := p.text(w-20-bw, y+20, spec.Banner, 13, false, colGrey, full); err != nil {
			return err
		}
		y += 28
	}

	// Status bar.
	const statusH = 24
	bottom := h - taskH - statusH
	p.fill(image.Rect(0, bottom, w, h-taskH), colChrome)
	p.hline(0, w, bottom, colBorder)
	if err := p.text(12, bottom+17, spec.Status, 13, false, colText, full); err != nil {
		return err
	}

	// Navigation pane.
	left := 0
	if len(spec.Nav) > 0 {
		navW := spec.NavWidth
		if navW == 0 {
			navW = 220
		}
		p.fill(image.Rect(0, y, navW, bottom), colNav)
		p.vline(navW, y, bottom, colBorder)
		for i, item := range spec.Nav {
			iy := y + 12 + i*32
			if iy+32 > bottom {
				break
			}
			c := colText
			if i == 0 {
				p.fill(image.Rect(0, iy, navW, iy+30), colSelect)
				p.fill(image.Rect(0, iy, 4, iy+30), colLink)
			}
			if err := p.text(20, iy+21, item, 14, i == 0, c, image.Rect(0, iy, navW-4, iy+30)); err != nil {
				return err
			}
		}
		left = navW + 1
	}

	// Content.
	content := image.Rect(left, y, w, bottom)
	x0 := left + 24
	cy := y + 16
	if spec.Heading != "" {
		if err := p.text(x0, cy+20, spec.Heading, 20, true, colText, content); err != nil {
			return err
		}
		cy += 38
	}
	for _, l := range spec.Lines {
		if err := p.text(x0, cy+16, l, 14, false, colText, content); err != nil {
			return err
		}
		cy += 24
	}
	if len(spec.Lines) > 0 {
		cy += 10
	}
	return p.table(spec, x0, cy, content)
}

// mustMeasure measures s at size in the regular weight, or 0 on error.
func mustMeasure(p *painter, s string, size float64) int {
	n, err := p.measure(s, size, false)
	if err != nil {
		return 0
	}
	return n
}

// table draws the column headers and rows, clipping each cell.
func (p *painter) table(spec ScreenshotSpec, x0, y int, content image.Rectangle) error {
	if len(spec.Columns) == 0 {
		return nil
	}
	const rowH = 28
	tw := 0
	for _, c := range spec.Columns {
		tw += c.Width
	}
	right := min(x0+tw, content.Max.X-16)
	p.fill(image.Rect(x0, y, right, y+rowH), colHeadRow)
	p.hline(x0, right, y+rowH-1, colBorder)
	x := x0
	for _, c := range spec.Columns {
		cell := image.Rect(x, y, min(x+c.Width, right), y+rowH).Intersect(content)
		if err := p.text(x+8, y+19, c.Title, 14, true, colText, cell.Inset(1)); err != nil {
			return err
		}
		x += c.Width
		if x < right {
			p.vline(x-1, y+5, y+rowH-5, colBorder)
		}
	}
	y += rowH
	for i, row := range spec.Rows {
		if y+rowH > content.Max.Y {
			break
		}
		switch {
		case spec.Highlight == i+1:
			p.fill(image.Rect(x0, y, right, y+rowH), colSelect)
		case i%2 == 1:
			p.fill(image.Rect(x0, y, right, y+rowH), colZebra)
		}
		p.hline(x0, right, y+rowH-1, color.RGBA{0xe6, 0xe6, 0xe6, 0xff})
		x := x0
		for j, c := range spec.Columns {
			if j < len(row) {
				cell := image.Rect(x, y, min(x+c.Width, right), y+rowH).Intersect(content)
				if err := p.text(x+8, y+19, row[j], 14, false, colText, cell.Inset(1)); err != nil {
					return err
				}
			}
			x += c.Width
		}
		y += rowH
	}
	return nil
}
