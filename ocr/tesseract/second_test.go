//go:build cgo

package tesseract

import (
	"context"
	"errors"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/testenv"
	"github.com/proofpack/proofpack/ocr"
)

// TestSecondModel: with Options.SecondModel the CJK segments read under
// SecondBelow are read again by that model, and a line whose two reads
// differ keeps the other in Alt; a second model that is not CJK, or not
// installed, is refused with ocr.ErrUnavailable.
func TestSecondModel(t *testing.T) {
	e := newEngine(t, Options{})
	dir := e.opt.DataPath
	if _, err := os.Stat(filepath.Join(dir, "Japanese.traineddata")); err != nil {
		testenv.Need(t, err, "Tesseract's Japanese script model", "tesseract-ocr-script-jpan")
	}
	_, err := New(Options{SecondModel: "eng"})
	assert.True(t, errors.Is(err, ocr.ErrUnavailable), "a Latin second model: %v", err)
	_, err = New(Options{SecondModel: "Hangul_vert", DataPath: dir})
	assert.True(t, errors.Is(err, ocr.ErrUnavailable), "a model not installed: %v", err)

	// Small Japanese text, every CJK segment read twice.
	face := loadFace(t, japaneseFont, 10)
	c := newCanvas(600, 200)
	for i, s := range []string{"有限会社蘇芳海運 購買部 長谷川恵", "合同会社鷺ノ宮物産 経理部 清水彩", "株式会社鰐ヶ淵運輸 営業部 鈴木陽子"} {
		c.text(face, 20, 30+i*40, s, color.RGBA{30, 30, 30, 255})
	}
	two := newEngine(t, Options{SecondModel: "Japanese", SecondBelow: 101})
	require.NotNil(t, two.second, "the second model is loaded")
	res, err := two.Recognize(context.Background(), prepare(t, c.img))
	require.NoError(t, err)
	alts := 0
	for _, l := range res.Lines {
		t.Logf("%q alt %q", l.Text, l.Alt)
		if l.Alt != "" {
			alts++
			assert.NotEqual(t, l.Text, l.Alt)
		}
	}
	assert.Positive(t, alts, "some line was read differently by the second model")
	one, err := e.Recognize(context.Background(), prepare(t, c.img))
	require.NoError(t, err)
	for _, l := range one.Lines {
		assert.Empty(t, l.Alt, "no second model, no second reading of Japanese")
	}
}

// TestIdentifierSecondScale: addresses and host names in 9 px text,
// which the first read at Options.LineHeight gets wrong, are read again
// at two to three times their size, and the read with more well-formed
// identifiers wins; the first read stays as the line's Alt.
func TestIdentifierSecondScale(t *testing.T) {
	lines := []string{
		"From: hartley_i@quenbypolymers.example.io",
		"VPN: vpn.corp.ettrickrobotics.example.net",
		"Cc: s.hartley@varnell-maritime.example.co.uk",
		"Ask victor.maddox@ettrickrobotics.example.net",
	}
	face := loadFace(t, latinFont, 9)
	c := newCanvas(500, 40*len(lines)+20)
	for i, s := range lines {
		c.text(face, 20, 30+i*40, s, color.RGBA{30, 30, 30, 255})
	}
	e := newEngine(t, Options{})
	res, err := e.Recognize(context.Background(), prepare(t, c.img))
	require.NoError(t, err)
	found, alts := 0, 0
	for _, l := range res.Lines {
		t.Logf("%q alt %q", l.Text, l.Alt)
		if l.Alt != "" {
			alts++
			assert.GreaterOrEqual(t, ocr.Identifiers(l.Text), ocr.Identifiers(l.Alt), "the kept read has no fewer identifiers")
		}
		for _, want := range lines {
			if l.Text == want {
				found++
			}
		}
	}
	t.Logf("%d of %d lines read exactly, %d read twice", found, len(lines), alts)
	// Reached: 2 exactly (the other two lose a dot of an address and
	// read rn as m), 1 read twice.
	assert.GreaterOrEqual(t, found, 2)
	assert.Positive(t, alts)
}
