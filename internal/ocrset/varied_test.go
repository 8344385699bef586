package ocrset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/testenv"
)

const variedDir = "../../testdata/ocrvar"

// maxVariedBytes bounds the size of the committed varied set.
const maxVariedBytes = 8 << 20

// TestVariedManifestMatchesPages proves the committed ground truth of the
// varied set is what VariedPages(VariedSeed) draws today, without a
// browser (run go generate ./internal/ocrset when it fails).
func TestVariedManifestMatchesPages(t *testing.T) {
	cases, err := Load(variedDir)
	require.NoError(t, err)
	pages := VariedPages(VariedSeed)
	require.Len(t, cases, len(pages))
	for i, p := range pages {
		t.Run(p.Name, func(t *testing.T) {
			_, lines, err := p.HTML()
			require.NoError(t, err)
			assert.Equal(t, p.Case(lines), cases[i])
		})
	}
}

// TestVariedDrawIsReproducible draws the set twice: same pages, same
// markup; another seed draws other pages.
func TestVariedDrawIsReproducible(t *testing.T) {
	a, b := VariedPages(VariedSeed), VariedPages(VariedSeed)
	other := VariedPages(VariedSeed + 1)
	require.Len(t, b, len(a))
	differ := 0
	for i := range a {
		ha, la, err := a[i].HTML()
		require.NoError(t, err)
		hb, lb, err := b[i].HTML()
		require.NoError(t, err)
		assert.Equal(t, ha, hb, a[i].Name)
		assert.Equal(t, a[i].Case(la), b[i].Case(lb), a[i].Name)
		_, lo, err := other[i].HTML()
		require.NoError(t, err)
		if strings.Join(lo, "\n") != strings.Join(la, "\n") {
			differ++
		}
	}
	assert.Equal(t, len(a), differ, "another seed must draw other content on every page")
}

func TestVariedPagesValidate(t *testing.T) {
	fonts, err := LoadFontFiles(VariedFontFiles)
	testenv.Need(t, err, "the fonts the varied OCR set is drawn with",
		"fonts-liberation fonts-dejavu-core fonts-ipafont-gothic fonts-ipafont-mincho fonts-ipaexfont-gothic fonts-ipaexfont-mincho fonts-noto-cjk fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho")
	names := map[string]bool{}
	for _, p := range VariedPages(VariedSeed) {
		require.NoError(t, p.Validate(fonts))
		assert.False(t, names[p.File()], "duplicate file %s", p.File())
		names[p.File()] = true
	}
}

func TestVariedSplitIsBalanced(t *testing.T) {
	cases, err := Load(variedDir)
	require.NoError(t, err)
	require.Len(t, cases, 96)
	type group struct{ lang, kind string }
	count := map[group]map[string]int{}
	perLang := map[string]map[string]int{}
	for _, c := range cases {
		g := group{c.Lang, c.Kind}
		if count[g] == nil {
			count[g] = map[string]int{}
		}
		count[g][c.Split]++
		if perLang[c.Lang] == nil {
			perLang[c.Lang] = map[string]int{}
		}
		perLang[c.Lang][c.Split]++
	}
	for _, lang := range []string{"eng", "jpn"} {
		assert.Equal(t, map[string]int{SplitDecided: 24, SplitHeldOut: 24}, perLang[lang], lang)
	}
	for _, k := range variedKinds {
		for _, lang := range []string{"eng", "jpn"} {
			n := count[group{lang, k.kind}]
			assert.Equal(t, k.count/2, n[SplitDecided], "%s %s decided", lang, k.kind)
			assert.Equal(t, k.count/2, n[SplitHeldOut], "%s %s held out", lang, k.kind)
		}
	}
}

// TestVariedCoversTheRanges checks that the committed set spans what the
// issue asks for: every font, every size, the ranges of line height, field
// height, JPEG quality and downscale, both themes, every kind, NetBIOS and
// fully qualified UNC paths, Japanese names with the suffix before and
// after, rare kanji.
func TestVariedCoversTheRanges(t *testing.T) {
	cases, err := Load(variedDir)
	require.NoError(t, err)
	fonts := map[string]map[string]bool{"eng": {}, "jpn": {}}
	sizes := map[int]bool{}
	themes := map[string]int{}
	kinds := map[string]map[string]bool{"eng": {}, "jpn": {}}
	var lhs, fields, quals []float64
	var scales []float64
	var netbios, fqdn, prefix, suffix, rare int
	for _, c := range cases {
		fonts[c.Lang][strings.Trim(c.Font, `"`)] = true
		sizes[c.TextPx] = true
		themes[c.Theme]++
		kinds[c.Lang][c.Kind] = true
		lhs = append(lhs, c.LineHeight)
		fields = append(fields, float64(c.FieldPx))
		assert.GreaterOrEqual(t, c.FieldPx, c.TextPx+4, "%s: field lower than its text", c.File)
		if c.Format == "jpeg" {
			quals = append(quals, float64(c.JPEGQuality))
		} else {
			assert.Zero(t, c.JPEGQuality, c.File)
		}
		if c.Scaled {
			scales = append(scales, c.Scale)
			assert.GreaterOrEqual(t, float64(c.TextPx)*c.Scale, float64(minScaledPx)-1e-9, "%s: scaled text too small", c.File)
		} else {
			assert.Zero(t, c.Scale, c.File)
		}
		for _, tok := range c.KeyTokens {
			if strings.HasPrefix(tok, `\\`) {
				host := strings.SplitN(tok[2:], `\`, 2)[0]
				if strings.Contains(host, ".") {
					fqdn++
				} else {
					netbios++
				}
			}
			for _, s := range []string{"株式会社", "有限会社", "合同会社"} {
				if strings.HasPrefix(tok, s) {
					prefix++
				} else if strings.HasSuffix(tok, s) {
					suffix++
				}
			}
			if strings.ContainsAny(tok, "鷺檜鱒櫻藪蕗嵯峨鴫欅楢蘆鶯鷲柊槇薊鵜雫榧篁樺鰐") {
				rare++
			}
		}
	}
	for _, f := range VariedEnglishFonts {
		assert.True(t, fonts["eng"][f], "English font %s unused", f)
	}
	for _, f := range VariedJapaneseFonts {
		assert.True(t, fonts["jpn"][f], "Japanese font %s unused", f)
	}
	for px := minTextPx; px <= maxTextPx; px++ {
		assert.True(t, sizes[px], "text size %d px unused", px)
	}
	span := func(name string, v []float64, lo, hi, loBelow, hiAbove float64) {
		require.NotEmpty(t, v, name)
		mn, mx := v[0], v[0]
		for _, x := range v {
			mn, mx = min(mn, x), max(mx, x)
		}
		assert.GreaterOrEqual(t, mn, lo, "%s below its range", name)
		assert.LessOrEqual(t, mx, hi, "%s above its range", name)
		assert.LessOrEqual(t, mn, loBelow, "%s does not reach the low end", name)
		assert.GreaterOrEqual(t, mx, hiAbove, "%s does not reach the high end", name)
	}
	span("line height", lhs, 1.2, 1.5, 1.22, 1.48)
	span("field height", fields, minFieldPx, maxFieldPx, minFieldPx, maxFieldPx)
	span("JPEG quality", quals, minJPEG, maxJPEG, 55, 85)
	span("downscale", scales, 0.67, 0.80, 0.70, 0.78)
	assert.GreaterOrEqual(t, len(quals), 30, "JPEG cases")
	assert.GreaterOrEqual(t, len(scales), 15, "downscaled cases")
	assert.GreaterOrEqual(t, themes["dark"], 20)
	assert.GreaterOrEqual(t, themes["light"], 40)
	for _, lang := range []string{"eng", "jpn"} {
		for _, k := range variedKinds {
			assert.True(t, kinds[lang][k.kind], "%s has no %s", lang, k.kind)
		}
	}
	assert.GreaterOrEqual(t, netbios, 10, "NetBIOS UNC paths")
	assert.GreaterOrEqual(t, fqdn, 10, "fully qualified UNC paths")
	assert.GreaterOrEqual(t, prefix, 10, "Japanese names with the suffix first")
	assert.GreaterOrEqual(t, suffix, 10, "Japanese names with the suffix last")
	assert.GreaterOrEqual(t, rare, 40, "key tokens with rare kanji")
}

func TestVariedSetSize(t *testing.T) {
	entries, err := os.ReadDir(variedDir)
	require.NoError(t, err)
	var total int64
	for _, e := range entries {
		info, err := e.Info()
		require.NoError(t, err)
		total += info.Size()
	}
	assert.Less(t, total, int64(maxVariedBytes), "testdata/ocrvar is %d bytes", total)
	_, err = os.Stat(filepath.Join(variedDir, "README.md"))
	assert.NoError(t, err)
}

func TestLoadFontFilesCollection(t *testing.T) {
	fs, err := LoadFontFiles(map[string]string{"Noto Serif CJK JP": VariedFontFiles["Noto Serif CJK JP"]})
	testenv.Need(t, err, "Noto CJK", "fonts-noto-cjk")
	require.NoError(t, fs.Covers(`"Noto Serif CJK JP"`, "鷺ノ宮 Abc"))
	_, err = LoadFontFiles(map[string]string{"No Such Family": VariedFontFiles["Noto Serif CJK JP"]})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "No Such Family")
}
