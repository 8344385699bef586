package evidence_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
	"github.com/proofpack/proofpack/ocr"
)

// Fonts from Debian packages (fonts-dejavu-core, fonts-ipafont-gothic).
const (
	latinFont    = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	japaneseFont = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
)

// shotLines are the lines of the screenshots drawn, each with its font.
// The organisation and the people are fictional.
var shotLines = []struct{ font, text string }{
	{japaneseFont, "北浦精機株式会社 御中"},
	{latinFont, "Supplier: Kitaura Precision Ltd."},
	{japaneseFont, "見積書 社外秘 第三営業部"},
	{latinFont, "Shared folder ksfs01.kitaura.co.jp"},
}

// drawShot draws shotLines at size pixels (a point is a pixel at 72 DPI),
// dark on light as a screenshot, and returns it as a PNG.
func drawShot(t *testing.T, size int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40*size, 40+len(shotLines)*2*size))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{250, 250, 250, 255}), image.Point{}, draw.Src)
	faces := map[string]font.Face{}
	for i, l := range shotLines {
		face := faces[l.font]
		if face == nil {
			data, err := os.ReadFile(l.font)
			testenv.Need(t, err, "the font "+l.font, "fonts-dejavu-core fonts-ipafont-gothic")
			f, err := opentype.Parse(data)
			require.NoError(t, err)
			face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingFull})
			require.NoError(t, err)
			faces[l.font] = face
		}
		d := &font.Drawer{Dst: img, Src: image.NewUniform(color.RGBA{30, 30, 30, 255}), Face: face, Dot: fixed.P(20, 20+size+i*2*size)}
		d.DrawString(l.text)
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// layoutEngine is an OCR engine for tests that knows the text drawn: it
// finds the text lines of the image with the layout analysis of package
// ocr (ocr.FindText, as the Tesseract engine does) and gives each the
// text of its place in shotLines, split into words, each with the box of
// its segment; so the boxes are those of the drawn pixels.
type layoutEngine struct{}

func (layoutEngine) Name() string { return "layout 1" }
func (layoutEngine) Close() error { return nil }
func (layoutEngine) Recognize(ctx context.Context, p *ocr.Prepared) (*ocr.Result, error) {
	found := ocr.FindText(p.Gray, p.Scale)
	if len(found) != len(shotLines) {
		return nil, fmt.Errorf("layout: %d lines found, %d drawn", len(found), len(shotLines))
	}
	r := &ocr.Result{Lang: "test", Engine: "layout 1"}
	for i, tl := range found {
		words := strings.Fields(shotLines[i].text)
		if len(words) != len(tl.Segments) {
			words = []string{shotLines[i].text} // segments are not words: one word for the line
		}
		l := ocr.Line{Box: p.ToOriginal(tl.Box), Conf: 90}
		for j, w := range words {
			box := tl.Box
			if len(words) == len(tl.Segments) {
				box = tl.Segments[j].Box
			}
			l.Words = append(l.Words, ocr.Word{Text: w, Conf: 90, Box: p.ToOriginal(box)})
		}
		r.Lines = append(r.Lines, l)
	}
	r.Summarize()
	return r, nil
}

// TestOCRSmallText: a screenshot of 9 px text gets the problem
// ocr_small_text and its size in the ocr block; one of 14 px text does
// not.
func TestOCRSmallText(t *testing.T) {
	data := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "shots/small.png", Data: drawShot(t, 9)},
		{Name: "shots/large.png", Data: drawShot(t, 14)},
	}, archivegen.ZipOptions{}))
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return layoutEngine{}, nil },
		ocr.Options{Workers: 1, TimeoutPerImage: 10 * time.Second})
	require.NoError(t, err)
	t.Cleanup(func() { pool.Close() })
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{OCR: pool})
	require.NoError(t, err)
	m := itemsByPath(rep)

	small := m["p.zip!/shots/small.png"]
	require.NotNil(t, small.OCR, "%+v", small.Problems)
	assert.LessOrEqual(t, small.OCR.TextPx, ocr.SmallTextPx)
	assert.Positive(t, small.OCR.TextPx)
	assert.Equal(t, 1.0, small.OCR.SmallTextShare)
	var flags []evidence.Problem
	for _, p := range small.Problems {
		if p.Code == evidence.ProblemOCRSmallText {
			flags = append(flags, p)
		}
	}
	require.Len(t, flags, 1, "%+v", small.Problems)
	assert.Contains(t, flags[0].Detail, "100% of the characters are in lines at most 9 px high")
	assert.Contains(t, flags[0].Detail, fmt.Sprintf("median line %d px", small.OCR.TextPx))
	assert.Contains(t, flags[0].Detail, "may be misread")
	assert.Contains(t, small.Text, "北浦精機株式会社", "the text is kept: the flag warns, it does not hide")

	large := m["p.zip!/shots/large.png"]
	require.NotNil(t, large.OCR, "%+v", large.Problems)
	assert.Greater(t, large.OCR.TextPx, 12)
	assert.Zero(t, large.OCR.SmallTextShare)
	assert.Empty(t, large.Problems)

	js, err := json.Marshal(rep)
	require.NoError(t, err)
	validateReport(t, js)
	assert.Contains(t, string(js), fmt.Sprintf(`"text_px":%d,"small_text_share":1,`, small.OCR.TextPx))
	assert.Contains(t, string(js), `"code":"ocr_small_text"`)
}
