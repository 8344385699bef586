package ocrset

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig of the JPEG cases
	_ "image/png"  // DecodeConfig of the PNG cases
	"os"
	"path/filepath"
	"strings"
)

// ManifestName is the name of the ground-truth file in a set directory.
const ManifestName = "manifest.json"

// maxManifestSize bounds the manifest read by Load; the committed one is
// far smaller.
const maxManifestSize = 16 << 20

// ErrManifest marks a manifest that is malformed or disagrees with the
// images beside it.
var ErrManifest = errors.New("ocrset: bad manifest")

// Case is the ground truth of one screenshot, as stored in manifest.json.
type Case struct {
	// File is the image name, relative to the set directory.
	File string `json:"file"`
	// Lang is "eng" or "jpn" (the Tesseract language of the main text).
	Lang string `json:"lang"`
	// Width and Height are the pixel size of the stored image.
	Width  int `json:"width"`
	Height int `json:"height"`
	// Kind is the kind of screen: portal, inbox, mail, table, explorer,
	// erp, console or chat.
	Kind string `json:"kind"`
	// Theme is "light" (dark text on light) or "dark" (light text on dark).
	Theme string `json:"theme"`
	// Format is "png" or "jpeg".
	Format string `json:"format"`
	// Scaled is true when the page was rendered larger and downscaled.
	Scaled bool `json:"scaled"`
	// Lines is every visible text line in reading order: region by region
	// (top bars, left pane, right panes, bottom bars), each top to bottom;
	// the cells of one row are joined by a single space.
	Lines []string `json:"lines"`
	// KeyTokens are the strings attribution needs, exactly as displayed;
	// each occurs in Lines.
	KeyTokens []string `json:"key_tokens"`

	// The fields below are set in the varied set (testdata/ocrvar) only.

	// Split is the half the case belongs to: SplitDecided (rules may be
	// tuned on it) or SplitHeldOut (no rule may be).
	Split string `json:"split,omitempty"`
	// Font is the CSS font-family stack of the page.
	Font string `json:"font,omitempty"`
	// TextPx is the base text size in CSS px, before any downscale.
	TextPx int `json:"text_px,omitempty"`
	// LineHeight is the CSS line-height of the text.
	LineHeight float64 `json:"line_height,omitempty"`
	// FieldPx is the height of input fields in CSS px.
	FieldPx int `json:"field_px,omitempty"`
	// JPEGQuality is the quality of a JPEG case.
	JPEGQuality int `json:"jpeg_quality,omitempty"`
	// Scale is the downscale factor of a scaled case.
	Scale float64 `json:"scale,omitempty"`
}

// The halves of the varied set.
const (
	// SplitDecided is the half whose misses may be studied and turned
	// into rules.
	SplitDecided = "decided"
	// SplitHeldOut is the half no rule is tuned on: it only measures.
	SplitHeldOut = "heldout"
)

// Text returns the lines joined by newlines: the reference text for CER.
func (c Case) Text() string { return strings.Join(c.Lines, "\n") }

// Load reads dir/manifest.json and checks that every image it lists exists
// and has the declared format and size (read from the image header only).
func Load(dir string) ([]Case, error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("ocrset: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("ocrset: %w", err)
	}
	if st.Size() > maxManifestSize {
		return nil, fmt.Errorf("%w: %s is %d bytes, more than %d", ErrManifest, ManifestName, st.Size(), maxManifestSize)
	}
	var cases []Case
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cases); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrManifest, err)
	}
	seen := make(map[string]bool, len(cases))
	for i, c := range cases {
		if err := checkCase(dir, c); err != nil {
			return nil, fmt.Errorf("case %d (%s): %w", i, c.File, err)
		}
		if seen[c.File] {
			return nil, fmt.Errorf("%w: %s listed twice", ErrManifest, c.File)
		}
		seen[c.File] = true
	}
	return cases, nil
}

// checkCase validates one manifest entry against its image.
func checkCase(dir string, c Case) error {
	if c.File == "" || c.File != filepath.Base(c.File) || strings.HasPrefix(c.File, ".") {
		return fmt.Errorf("%w: file name %q must be a plain name", ErrManifest, c.File)
	}
	if c.Lang != "eng" && c.Lang != "jpn" {
		return fmt.Errorf("%w: lang %q", ErrManifest, c.Lang)
	}
	if c.Theme != "light" && c.Theme != "dark" {
		return fmt.Errorf("%w: theme %q", ErrManifest, c.Theme)
	}
	if c.Split != "" && c.Split != SplitDecided && c.Split != SplitHeldOut {
		return fmt.Errorf("%w: split %q", ErrManifest, c.Split)
	}
	f, err := os.Open(filepath.Join(dir, c.File))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrManifest, err)
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrManifest, err)
	}
	if format != c.Format {
		return fmt.Errorf("%w: format is %s, manifest says %s", ErrManifest, format, c.Format)
	}
	if cfg.Width != c.Width || cfg.Height != c.Height {
		return fmt.Errorf("%w: image is %dx%d, manifest says %dx%d", ErrManifest, cfg.Width, cfg.Height, c.Width, c.Height)
	}
	return nil
}
