package ocrset

import (
	"context"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/testenv"
)

const setDir = "../../testdata/ocr"

func TestLoadCommittedSet(t *testing.T) {
	cases, err := Load(setDir)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(cases), 32)

	perLang := map[string]int{}
	themes := map[string]int{}
	formats := map[string]int{}
	kinds := map[string]int{}
	scaled := 0
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			assert.GreaterOrEqual(t, len(c.KeyTokens), 3)
			text := c.Text()
			for _, tok := range c.KeyTokens {
				assert.Contains(t, text, tok, "key token not in lines")
			}
			assert.NotEmpty(t, c.Lines)
			for _, l := range c.Lines {
				assert.Equal(t, strings.Join(strings.Fields(l), " "), l, "line not normalised")
			}
			if c.Scaled {
				assert.Equal(t, [2]int{960, 540}, [2]int{c.Width, c.Height})
			}
		})
		perLang[c.Lang]++
		themes[c.Theme]++
		formats[c.Format]++
		kinds[c.Kind]++
		if c.Scaled {
			scaled++
		}
	}
	assert.GreaterOrEqual(t, perLang["eng"], 16)
	assert.GreaterOrEqual(t, perLang["jpn"], 16)
	assert.Positive(t, themes["light"])
	assert.Positive(t, themes["dark"])
	assert.Positive(t, formats["png"])
	assert.GreaterOrEqual(t, formats["jpeg"], len(cases)/4)
	assert.Positive(t, scaled)
	for _, k := range []string{"portal", "inbox", "mail", "table", "explorer", "erp", "console", "chat"} {
		assert.Positive(t, kinds[k], "kind %s", k)
	}
}

// TestManifestMatchesPages proves the committed ground truth is what the
// page definitions produce today (run go generate when it fails).
func TestManifestMatchesPages(t *testing.T) {
	cases, err := Load(setDir)
	require.NoError(t, err)
	pages := Pages()
	require.Len(t, cases, len(pages))
	for i, p := range pages {
		t.Run(p.Name, func(t *testing.T) {
			_, lines, err := p.HTML()
			require.NoError(t, err)
			assert.Equal(t, p.Case(lines), cases[i])
		})
	}
}

func TestPagesValidate(t *testing.T) {
	fonts, err := LoadFonts()
	testenv.Need(t, err, "the fonts the OCR set is drawn with", "fonts-liberation fonts-dejavu-core fonts-ipafont-gothic")
	names := map[string]bool{}
	for _, p := range Pages() {
		t.Run(p.Name, func(t *testing.T) {
			require.NoError(t, p.Validate(fonts))
			assert.False(t, names[p.File()], "duplicate file")
			names[p.File()] = true
			if p.JPEGQuality > 0 {
				assert.True(t, p.JPEGQuality >= 60 && p.JPEGQuality <= 75)
			}
		})
	}
}

func TestValidateRejects(t *testing.T) {
	fonts, err := LoadFonts()
	testenv.Need(t, err, "the fonts the OCR set is drawn with", "fonts-liberation fonts-dejavu-core fonts-ipafont-gothic")
	base := Page{Name: "x", Lang: "eng", Kind: "mail", Theme: "light", Width: 800, Height: 600, Font: fontLatin, FontSize: 13,
		KeyTokens: []string{"a@b.com", "b.com", "Fujitsu"},
		Screen:    MailSpec{Title: "Fujitsu", Subject: "a@b.com"}}
	require.NoError(t, base.Validate(fonts))
	tests := []struct {
		name   string
		change func(p *Page)
		errSub string
	}{
		{"token not shown", func(p *Page) { p.KeyTokens = append(p.KeyTokens, "Toray") }, "not in any line"},
		{"few tokens", func(p *Page) { p.KeyTokens = p.KeyTokens[:2] }, "key tokens"},
		{"kanji in a Latin font", func(p *Page) { p.Screen = MailSpec{Title: "Fujitsu 富士通", Subject: "a@b.com"} }, "no font"},
		{"double space", func(p *Page) { p.Screen = MailSpec{Title: "Fujitsu  Ltd", Subject: "a@b.com"} }, "normalised"},
		{"bad theme", func(p *Page) { p.Theme = "sepia" }, "theme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			p.KeyTokens = append([]string(nil), base.KeyTokens...)
			tt.change(&p)
			err := p.Validate(fonts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.errSub)
		})
	}
}

func TestLoadRejects(t *testing.T) {
	writeSet := func(t *testing.T, cases any) string {
		dir := t.TempDir()
		img := image.NewRGBA(image.Rect(0, 0, 40, 30))
		f, err := os.Create(filepath.Join(dir, "a.png"))
		require.NoError(t, err)
		require.NoError(t, png.Encode(f, img))
		require.NoError(t, f.Close())
		js, err := json.Marshal(cases)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, ManifestName), js, 0o644))
		return dir
	}
	good := Case{File: "a.png", Lang: "eng", Width: 40, Height: 30, Kind: "mail", Theme: "light", Format: "png"}
	tests := []struct {
		name   string
		change func(c *Case)
		errSub string
	}{
		{"ok", func(c *Case) {}, ""},
		{"wrong size", func(c *Case) { c.Width = 41 }, "40x30"},
		{"wrong format", func(c *Case) { c.Format = "jpeg" }, "format"},
		{"missing file", func(c *Case) { c.File = "b.png" }, "no such file"},
		{"path escape", func(c *Case) { c.File = "../a.png" }, "plain name"},
		{"bad lang", func(c *Case) { c.Lang = "fra" }, "lang"},
		{"bad split", func(c *Case) { c.Split = "train" }, "split"},
		{"held out", func(c *Case) { c.Split = SplitHeldOut }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			tt.change(&c)
			cases, err := Load(writeSet(t, []Case{c}))
			if tt.errSub == "" {
				require.NoError(t, err)
				assert.Len(t, cases, 1)
				return
			}
			require.ErrorIs(t, err, ErrManifest)
			assert.Contains(t, err.Error(), tt.errSub)
		})
	}
	t.Run("duplicate", func(t *testing.T) {
		_, err := Load(writeSet(t, []Case{good, good}))
		require.ErrorIs(t, err, ErrManifest)
	})
	t.Run("not json", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, ManifestName), []byte("{"), 0o644))
		_, err := Load(dir)
		require.ErrorIs(t, err, ErrManifest)
	})
	t.Run("no manifest", func(t *testing.T) {
		_, err := Load(t.TempDir())
		require.Error(t, err)
	})
}

// narrowScreen is a page whose only cell is too narrow for its text.
type narrowScreen struct{}

func (narrowScreen) build(d *doc) { d.line("", cw(30, "a.long.host.name.example.co.jp")) }

// strayScreen writes text outside any recorded line.
type strayScreen struct{}

func (strayScreen) build(d *doc) {
	d.text("", "recorded")
	d.b.WriteString("<div>not recorded</div>")
}

func TestLayoutCheckInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Chromium")
	}
	testenv.Command(t, "chromium", "chromium")
	tests := []struct {
		name   string
		screen screen
		errSub string
	}{
		{"fits", MailSpec{Title: "Fujitsu", Subject: "a@b.com"}, ""},
		{"clipped cell", narrowScreen{}, "clipped"},
		{"unrecorded text", strayScreen{}, "outside a line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Page{Name: "t", Lang: "eng", Kind: "mail", Theme: "light", Width: 640, Height: 360, Font: fontLatin, FontSize: 13, Screen: tt.screen}
			data, c, err := renderPage(context.Background(), "chromium", t.TempDir(), p)
			if tt.errSub != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.errSub)
				return
			}
			require.NoError(t, err)
			cfg, format, err := image.DecodeConfig(strings.NewReader(string(data)))
			require.NoError(t, err)
			assert.Equal(t, "png", format)
			assert.Equal(t, [2]int{640, 360}, [2]int{cfg.Width, cfg.Height})
			assert.Equal(t, []string{"Fujitsu", "a@b.com"}, c.Lines)
		})
	}
}

// TestZoomed: Options.Zoom downscales every page to that share of its
// window's width; a page downscaled further already stays as it is.
func TestZoomed(t *testing.T) {
	p := Page{Name: "p", Width: 1366, Height: 768}
	assert.Equal(t, 1025, zoomed(p, 0.75).ScaleTo)
	w, h := zoomed(p, 0.75).OutSize()
	assert.Equal(t, [2]int{1025, 576}, [2]int{w, h})
	assert.True(t, zoomed(p, 0.75).Case(nil).Scaled)
	assert.Equal(t, 0, zoomed(p, 1).ScaleTo, "1: as set")
	assert.Equal(t, 0, zoomed(p, 0).ScaleTo, "the zero value: as set")
	scaled := Page{Name: "s", Width: 1280, Height: 720, ScaleTo: 960}
	assert.Equal(t, 960, zoomed(scaled, 0.8).ScaleTo, "already narrower")
	assert.Equal(t, 640, zoomed(scaled, 0.5).ScaleTo)
}
