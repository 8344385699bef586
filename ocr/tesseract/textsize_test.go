//go:build cgo

package tesseract

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/ocreval"
	"github.com/proofpack/proofpack/internal/ocrset"
	"github.com/proofpack/proofpack/ocr"
)

// liberationFont is the Latin font of most screenshots of the OCR test
// set (fonts-liberation; metrics of Arial).
const liberationFont = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"

// Lines of interface text, drawn at known sizes to measure them. The
// Latin ones mix lines with and without descenders.
var (
	sizeLinesLatin = []string{
		"Supplier: Kitaura Precision Ltd.",
		"Order number 4500012345",
		"Delivery date 2021-05-14",
		"Shared folder ksfs01 quality",
	}
	sizeLinesJapanese = []string{
		"北浦精機株式会社 御中",
		"見積書 社外秘 第三営業部",
		"ファイルサーバー 共有フォルダ",
		"担当者 山田太郎 品質管理課",
	}
)

// sizeFonts are the fonts the calibration draws with: those of the
// Debian packages the tests need.
var sizeFonts = []struct {
	name, path string
	lines      []string
}{
	{"DejaVu Sans", latinFont, sizeLinesLatin},
	{"Liberation Sans", liberationFont, sizeLinesLatin},
	{"IPAGothic", japaneseFont, sizeLinesJapanese},
}

// drawLines draws lines in the font at size pixels, one every two sizes,
// and reads them with e.
func drawLines(t *testing.T, e *Engine, path string, size int, lines []string) *ocr.Result {
	t.Helper()
	face := loadFace(t, path, float64(size))
	c := newCanvas(40*size, 60+len(lines)*2*size)
	for i, l := range lines {
		c.text(face, 20, 30+size+i*2*size, l, color.RGBA{30, 30, 30, 255})
	}
	res, err := e.Recognize(context.Background(), prepare(t, c.img))
	require.NoError(t, err)
	return res
}

// TestSmallTextCalibration is where ocr.SmallTextPx comes from: lines of
// 9 px text measure at most SmallTextPx in every font (8 px in Liberation
// Sans, 9 in DejaVu Sans and IPAGothic), and are small; lines of 12 and
// 14 px text measure more (11 to 14 px) and are not. (10 px text
// measures 9 or 10: IPAGothic hints its 10 px ideographs to the height
// of its 9 px ones.) -v prints every size from 7 to 16 px.
func TestSmallTextCalibration(t *testing.T) {
	e := newEngine(t, Options{})
	for _, f := range sizeFonts {
		t.Run(f.name, func(t *testing.T) {
			for size := 7; size <= 16; size++ {
				if !testing.Verbose() && size != 9 && size != 12 && size != 14 {
					continue
				}
				res := drawLines(t, e, f.path, size, f.lines)
				ts := res.TextSize
				t.Logf("%2d px font: %+v, small %t", size, ts, ts.Small())
				if size == 14 {
					// The text is read: the size is that of real lines.
					assert.Contains(t, strings.ReplaceAll(res.Text, " ", ""), strings.ReplaceAll(f.lines[0][:9], " ", ""))
				}
				switch {
				case size <= 9:
					assert.LessOrEqual(t, ts.Px, ocr.SmallTextPx, "%d px", size)
					assert.True(t, ts.Small(), "%d px: %+v", size, ts)
				case size >= 12:
					assert.Greater(t, ts.Px, ocr.SmallTextPx, "%d px", size)
					assert.GreaterOrEqual(t, ts.Px, size-2, "%d px", size)
					assert.LessOrEqual(t, ts.Px, size+1, "%d px", size)
					assert.False(t, ts.Small(), "%d px: %+v", size, ts)
				}
				if !ts.Small() {
					assert.Zero(t, ts.SmallShare, "%d px: every line of one size", size)
				}
			}
		})
	}
}

// TestSmallTextShare: a screen of 14 px text with a 9 px status line of
// a few words is not small; with a third of its text at 9 px, it is.
func TestSmallTextShare(t *testing.T) {
	e := newEngine(t, Options{})
	big := loadFace(t, liberationFont, 14)
	small := loadFace(t, liberationFont, 9)
	for _, tc := range []struct {
		smallLines int
		want       bool
	}{{1, false}, {4, true}} {
		t.Run(fmt.Sprint(tc.smallLines), func(t *testing.T) {
			c := newCanvas(600, 400)
			y := 40
			for _, l := range sizeLinesLatin {
				c.text(big, 20, y, l, color.RGBA{30, 30, 30, 255})
				y += 28
			}
			status := []string{"Connected to ksfs01", "Last sync 2021-05-14 10:32", "Quota 12 GB of 50 GB", "Signed in as Hanako Kitaura"}
			for _, l := range status[:tc.smallLines] {
				c.text(small, 20, y, l, color.RGBA{30, 30, 30, 255})
				y += 18
			}
			res, err := e.Recognize(context.Background(), prepare(t, c.img))
			require.NoError(t, err)
			ts := res.TextSize
			t.Logf("%+v", ts)
			assert.Equal(t, tc.want, ts.Small(), "%+v", ts)
			assert.Greater(t, ts.SmallShare, 0.0, "the status line is small")
			assert.Greater(t, ts.Px, ocr.SmallTextPx, "the median is the 14 px text's")
		})
	}
}

// ocrSetEnv names the directory of an OCR test set that
// TestSmallTextSet measures instead of a few images of the committed one:
// every image, with a table of text sizes, flags and scores. A set shown
// at 75 % zoom is made by
//
//	go run ./internal/ocrset/cmd/ocrset -q -zoom 0.75 -out /tmp/ocr75
//	PROOFPACK_OCRSET=/tmp/ocr75 go test -run TestSmallTextSet -v ./ocr/tesseract/
const ocrSetEnv = "PROOFPACK_OCRSET"

// smallTextSetFiles are images of the committed OCR test set, rendered
// by Chromium, that must not be flagged: the 10.5 px text of pages
// downscaled from 14 px (the smallest of the set; one has a third of
// its characters in lines of 10 px) and 12 px pages.
var smallTextSetFiles = []string{
	"eng08_table_aosaki.png", "eng16_chat_oruni.png", "jpn06_mail_tessonic.png", "jpn16_chat_kze.jpg",
	"eng14_console_kze.png", "jpn02_portal_aosaki.jpg", "jpn10_explorer_fujitsu.jpg",
}

// TestSmallTextSet: screenshots of 10.5 px text and more, rendered by a
// browser, are not small. With PROOFPACK_OCRSET, it measures that set
// instead (see ocrSetEnv) and asserts nothing but that every image is
// read.
func TestSmallTextSet(t *testing.T) {
	if testing.Short() {
		t.Skip("OCRs seven screenshots")
	}
	dir := os.Getenv(ocrSetEnv)
	measure := dir != ""
	if !measure {
		dir = filepath.Join("..", "..", "testdata", "ocr")
	}
	cases, err := ocrset.Load(dir)
	require.NoError(t, err)
	if !measure {
		cases = pickCases(t, cases, smallTextSetFiles)
	}
	results := readCases(t, dir, cases)
	texts := map[string]string{}
	for i, c := range cases {
		require.NotNil(t, results[i], c.File)
		texts[c.File] = results[i].Text
	}
	type tally struct{ items, flagged, tokens, missed, missedFlagged int }
	sum := map[string]*tally{}
	for i, cs := range ocreval.Evaluate(cases, texts).Cases {
		ts := results[i].TextSize
		t.Logf("%-30s %2d px, %3.0f%% small, flagged %-5t  CER %.3f, key tokens %d/%d, missed %q",
			cs.File, ts.Px, 100*ts.SmallShare, ts.Small(), cs.CER, len(cs.Found), len(cs.Found)+len(cs.Missed), cs.Missed)
		s := sum[cs.Lang]
		if s == nil {
			s = &tally{}
			sum[cs.Lang] = s
		}
		s.items++
		s.tokens += len(cs.Found) + len(cs.Missed)
		s.missed += len(cs.Missed)
		if ts.Small() {
			s.flagged++
			s.missedFlagged += len(cs.Missed)
		}
		if !measure {
			assert.False(t, ts.Small(), "%s: %+v", cs.File, ts)
			assert.Greater(t, ts.Px, ocr.SmallTextPx, cs.File)
		}
	}
	for _, lang := range []string{"eng", "jpn"} {
		if s := sum[lang]; s != nil {
			t.Logf("%s: %d of %d images flagged; key tokens missed %d of %d, %d of them in flagged images",
				lang, s.flagged, s.items, s.missed, s.tokens, s.missedFlagged)
		}
	}
}
