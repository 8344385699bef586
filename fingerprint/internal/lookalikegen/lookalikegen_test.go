package lookalikegen

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/testenv"
)

func TestChars(t *testing.T) {
	cs := Chars()
	// 83 hiragana, 86 katakana, 2 965 + 3 390 kanji, 9 marks of row 1,
	// 12 compatibility ideographs.
	assert.Len(t, cs, 83+86+2965+3390+len(row1Marks)+12)
	assert.True(t, slices.IsSorted(cs))
	for _, r := range "社杜ロ口ーッ々﨑鴫" {
		_, ok := slices.BinarySearch(cs, r)
		assert.True(t, ok, "%c missing", r)
	}
	for _, r := range "A、・Ａ\uF900\uFADA" { // NFKC maps U+F900 to U+8C48; U+FADA is unassigned
		_, ok := slices.BinarySearch(cs, r)
		assert.False(t, ok, "%c listed", r)
	}
}

// gothic is the one face the test environment installs.
func gothic(t *testing.T) []FontFile {
	testenv.File(t, Fonts[0].Path, Fonts[0].Package)
	return Fonts[:1]
}

func TestBuildSmall(t *testing.T) {
	fonts := gothic(t)
	chars := []rune("口ロ日目社杜鬱一ーツッ鳴")
	slices.Sort(chars)
	o := Options{Fonts: fonts, Neighbours: 1}
	tb, err := Build(context.Background(), chars, o)
	require.NoError(t, err)
	assert.Empty(t, tb.Skipped)
	has := func(a, b rune) bool {
		return slices.ContainsFunc(tb.Pairs, func(p Pair) bool { return p.A == min(a, b) && p.B == max(a, b) })
	}
	for _, p := range []string{"口ロ", "社杜", "一ー", "ツッ"} {
		r := []rune(p)
		assert.True(t, has(r[0], r[1]), "%s not listed", p)
	}
	for _, p := range []string{"鬱一", "口ー", "社ツ"} {
		r := []rune(p)
		assert.False(t, has(r[0], r[1]), "%s listed", p)
	}
	for _, p := range tb.Pairs {
		assert.Less(t, p.A, p.B)
		assert.GreaterOrEqual(t, p.Sim, DefaultThreshold)
		assert.LessOrEqual(t, p.Sim, 1.0+1e-9)
	}
	// The same bytes twice, in the form fingerprint reads.
	var b1, b2 bytes.Buffer
	n, err := tb.WriteTo(&b1)
	require.NoError(t, err)
	assert.EqualValues(t, b1.Len(), n)
	tb2, err := Build(context.Background(), chars, o)
	require.NoError(t, err)
	_, err = tb2.WriteTo(&b2)
	require.NoError(t, err)
	assert.Equal(t, b1.String(), b2.String())
	pairs := 0
	for l := range strings.Lines(b1.String()) {
		if strings.HasPrefix(l, "#") {
			continue
		}
		rs := []rune(strings.TrimSuffix(l, "\n"))
		require.GreaterOrEqual(t, len(rs), 2, "line %q", l)
		for _, r := range rs[1:] {
			assert.Greater(t, r, rs[0])
			pairs++
		}
	}
	assert.Equal(t, len(tb.Pairs), pairs)
}

func TestBuildCancelled(t *testing.T) {
	fonts := gothic(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Build(ctx, Chars(), Options{Fonts: fonts})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestMissingFont(t *testing.T) {
	fs := []FontFile{{Name: "none", Path: "/nonexistent/font.ttf", Package: "fonts-none"}}
	assert.Equal(t, []string{"fonts-none"}, MissingFonts(fs))
	_, err := Build(context.Background(), []rune("口"), Options{Fonts: fs})
	assert.ErrorIs(t, err, ErrFontMissing)
}
