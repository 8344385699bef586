package docgen

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGlyphNoise(t *testing.T) {
	a, err := GlyphNoisePNG(120, 60, 3)
	require.NoError(t, err)
	b, err := GlyphNoisePNG(120, 60, 3)
	require.NoError(t, err)
	assert.Equal(t, a, b, "the same seed gives the same bytes")
	c, err := GlyphNoisePNG(120, 60, 4)
	require.NoError(t, err)
	assert.NotEqual(t, a, c)

	img, err := png.Decode(bytes.NewReader(a))
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 120, 60), img.Bounds())
	g := GlyphNoise(120, 60, 3)
	ink := 0
	for _, v := range g.Pix {
		if v == 0 {
			ink++
		}
	}
	assert.Greater(t, ink, len(g.Pix)/20, "ink in every glyph cell")
	assert.Less(t, ink, len(g.Pix)/2)
	assert.Empty(t, GlyphNoise(0, 0, 1).Pix)
	assert.Empty(t, GlyphNoise(-5, 9, 1).Pix)
}
