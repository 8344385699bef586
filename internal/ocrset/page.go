package ocrset

import (
	"fmt"
	"strings"
)

// screen is a layout filled with its content.
type screen interface {
	build(d *doc)
}

// Page is one screenshot of the set before rendering: where it goes, how it
// is rendered and saved, and the screen it shows.
type Page struct {
	// Name is the file name without extension.
	Name string
	// Lang, Kind and Theme are copied to the Case.
	Lang, Kind, Theme string
	// Width and Height are the size of the browser window.
	Width, Height int
	// ScaleTo, when not zero, is the width the capture is downscaled to
	// (keeping the aspect ratio) with Catmull-Rom.
	ScaleTo int
	// JPEGQuality, when not zero, saves the image as JPEG at that quality;
	// otherwise it is saved as PNG.
	JPEGQuality int
	// Font is the CSS font-family stack and FontSize the base size in px.
	Font     string
	FontSize int
	// LineHeight is the CSS line-height of the text (0: 1.35) and FieldPx
	// the height of input fields in px (0: 24).
	LineHeight float64
	FieldPx    int
	// Scale, when not zero, is the downscale factor that ScaleTo was
	// computed from; it is recorded in the Case.
	Scale float64
	// ExtraCSS is appended to the shared style sheet.
	ExtraCSS string
	// Split, when not empty, is the half of the varied set the page
	// belongs to (SplitDecided or SplitHeldOut); the Case of such a page
	// records its rendering parameters.
	Split string
	// KeyTokens are the strings attribution needs; each must occur in a line.
	KeyTokens []string
	// Screen is the content.
	Screen screen
}

// File returns the image name of the page.
func (p Page) File() string {
	if p.JPEGQuality > 0 {
		return p.Name + ".jpg"
	}
	return p.Name + ".png"
}

// OutSize returns the size of the saved image.
func (p Page) OutSize() (int, int) {
	if p.ScaleTo > 0 {
		return p.ScaleTo, p.Height * p.ScaleTo / p.Width
	}
	return p.Width, p.Height
}

// HTML builds the page and returns its markup and its ground-truth lines.
func (p Page) HTML() (string, []string, error) {
	if p.Screen == nil {
		return "", nil, fmt.Errorf("ocrset: page %s has no screen", p.Name)
	}
	pal := lightPalette
	if p.Theme == "dark" {
		pal = darkPalette
	}
	var d doc
	p.Screen.build(&d)
	if d.err != nil {
		return "", nil, fmt.Errorf("page %s: %w", p.Name, d.err)
	}
	lang := "en"
	if p.Lang == "jpn" {
		lang = "ja"
	}
	css := baseCSS(p.Width, p.Height, p.Font, p.FontSize, pal, p.LineHeight, p.FieldPx) + p.ExtraCSS
	return wrapHTML(lang, p.Name, css, d.b.String()), d.lines, nil
}

// Case returns the manifest entry of the page for the given lines.
func (p Page) Case(lines []string) Case {
	w, h := p.OutSize()
	format := "png"
	if p.JPEGQuality > 0 {
		format = "jpeg"
	}
	c := Case{
		File: p.File(), Lang: p.Lang, Width: w, Height: h, Kind: p.Kind, Theme: p.Theme,
		Format: format, Scaled: p.ScaleTo > 0, Lines: lines, KeyTokens: p.KeyTokens,
	}
	if p.Split != "" {
		c.Split = p.Split
		c.Font = p.Font
		c.TextPx = p.FontSize
		c.LineHeight = p.LineHeight
		c.FieldPx = p.FieldPx
		c.JPEGQuality = p.JPEGQuality
		c.Scale = p.Scale
	}
	return c
}

// Validate checks what can be checked without a browser: the metadata,
// that every key token occurs in a line, and that the fonts of the page
// have a glyph for every character (so no fallback font is ever used).
func (p Page) Validate(fonts *FontSet) error {
	_, lines, err := p.HTML()
	if err != nil {
		return err
	}
	if p.Lang != "eng" && p.Lang != "jpn" {
		return fmt.Errorf("page %s: lang %q", p.Name, p.Lang)
	}
	if p.Theme != "light" && p.Theme != "dark" {
		return fmt.Errorf("page %s: theme %q", p.Name, p.Theme)
	}
	if p.Split != "" && p.Split != SplitDecided && p.Split != SplitHeldOut {
		return fmt.Errorf("page %s: split %q", p.Name, p.Split)
	}
	if len(p.KeyTokens) < 3 {
		return fmt.Errorf("page %s: %d key tokens, want at least 3", p.Name, len(p.KeyTokens))
	}
	all := strings.Join(lines, "\n")
	for _, t := range p.KeyTokens {
		if !strings.Contains(all, t) {
			return fmt.Errorf("page %s: key token %q is not in any line", p.Name, t)
		}
	}
	if fonts != nil {
		stack := p.Font
		if p.Kind == "console" {
			stack += ", " + fontMono
		}
		if err := fonts.Covers(stack, all); err != nil {
			return fmt.Errorf("page %s: %w", p.Name, err)
		}
	}
	return nil
}
