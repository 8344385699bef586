package lookalikegen

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// FontFile is a font the table is rendered in: a file of a Debian
// package and, for a collection, the family to take from it.
type FontFile struct {
	// Name is the family as the table's header names it.
	Name string
	// Path is the file; Family, when set, picks the face of a
	// collection (.ttc) whose family name it is.
	Path, Family string
	// Package is the Debian package that installs Path.
	Package string
}

// Fonts are the faces the table is rendered in: a gothic and a mincho
// of the IPA fonts (the faces of most Japanese Linux desktops and of the
// OCR test set) and of Noto CJK (Source Han, the faces of most current
// systems), so that sans-serif and serif shapes both count.
var Fonts = []FontFile{
	{Name: "IPAGothic", Path: "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", Package: "fonts-ipafont-gothic"},
	{Name: "IPAMincho", Path: "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", Package: "fonts-ipafont-mincho"},
	{Name: "Noto Sans CJK JP", Path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", Family: "Noto Sans CJK JP", Package: "fonts-noto-cjk"},
	{Name: "Noto Serif CJK JP", Path: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", Family: "Noto Serif CJK JP", Package: "fonts-noto-cjk"},
}

// ErrFontMissing is wrapped by LoadFonts when a font file is absent.
var ErrFontMissing = errors.New("font missing")

// MissingFonts returns the Debian packages of the fonts that are not
// installed, each once.
func MissingFonts(fs []FontFile) []string {
	var pkgs []string
	for _, f := range fs {
		if _, err := os.Stat(f.Path); err != nil && !containsString(pkgs, f.Package) {
			pkgs = append(pkgs, f.Package)
		}
	}
	return pkgs
}

func containsString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// loadFont reads one font: the whole file, or the face of a collection
// whose family is f.Family.
func loadFont(f FontFile) (*sfnt.Font, error) {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s (Debian package %s)", ErrFontMissing, f.Path, f.Package)
		}
		return nil, err
	}
	if f.Family == "" {
		return opentype.Parse(data)
	}
	c, err := opentype.ParseCollection(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	var b sfnt.Buffer
	for i := range c.NumFonts() {
		ft, err := c.Font(i)
		if err != nil {
			return nil, fmt.Errorf("%s: face %d: %w", f.Path, i, err)
		}
		name, err := ft.Name(&b, sfnt.NameIDFamily)
		if err == nil && strings.EqualFold(name, f.Family) {
			return ft, nil
		}
	}
	return nil, fmt.Errorf("%s: no face of family %q", f.Path, f.Family)
}
