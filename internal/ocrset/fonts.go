package ocrset

import (
	"fmt"
	"os"
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// FontFiles maps the CSS family names the pages use to the Debian font
// files that provide them (packages fonts-liberation, fonts-dejavu-core and
// fonts-ipafont-gothic).
var FontFiles = map[string]string{
	"Liberation Sans":  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
	"DejaVu Sans":      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"DejaVu Sans Mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
	"IPAGothic":        "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
}

// FontSet holds the parsed fonts, to check glyph coverage.
type FontSet struct {
	fonts map[string]*sfnt.Font
	buf   sfnt.Buffer
}

// LoadFonts parses the files of FontFiles.
func LoadFonts() (*FontSet, error) { return LoadFontFiles(FontFiles) }

// LoadFontFiles parses the fonts of a map from CSS family names to font
// files. A file ending in .ttc is a collection: the font whose family name
// is the map key is taken from it.
func LoadFontFiles(files map[string]string) (*FontSet, error) {
	fs := &FontSet{fonts: make(map[string]*sfnt.Font, len(files))}
	for family, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("ocrset: font %s: %w", family, err)
		}
		var f *sfnt.Font
		if strings.HasSuffix(path, ".ttc") {
			f, err = fs.fromCollection(raw, family)
		} else {
			f, err = sfnt.Parse(raw)
		}
		if err != nil {
			return nil, fmt.Errorf("ocrset: font %s: %w", family, err)
		}
		fs.fonts[family] = f
	}
	return fs, nil
}

// fromCollection returns the font of a collection whose family is family.
func (fs *FontSet) fromCollection(raw []byte, family string) (*sfnt.Font, error) {
	col, err := sfnt.ParseCollection(raw)
	if err != nil {
		return nil, err
	}
	for i := range col.NumFonts() {
		f, err := col.Font(i)
		if err != nil {
			return nil, err
		}
		name, err := f.Name(&fs.buf, sfnt.NameIDFamily)
		if err == nil && name == family {
			return f, nil
		}
	}
	return nil, fmt.Errorf("no font of family %q in the collection", family)
}

// Covers reports an error naming the first character of text that none of
// the families of the CSS stack can draw.
func (fs *FontSet) Covers(stack, text string) error {
	var fonts []*sfnt.Font
	for _, fam := range strings.Split(stack, ",") {
		fam = strings.Trim(strings.TrimSpace(fam), `"`)
		f, ok := fs.fonts[fam]
		if !ok {
			return fmt.Errorf("ocrset: font family %q is not in FontFiles", fam)
		}
		fonts = append(fonts, f)
	}
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		found := false
		for _, f := range fonts {
			if g, err := f.GlyphIndex(&fs.buf, r); err == nil && g != 0 {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("ocrset: no font of %s draws %q (U+%04X)", stack, r, r)
		}
	}
	return nil
}
