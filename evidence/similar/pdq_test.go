package similar_test

import (
	"errors"
	"image"
	"image/color"
	"math/bits"
	"testing"

	"github.com/proofpack/proofpack/evidence/similar"
)

func mustHash(t testing.TB, img image.Image) (similar.ImageHash, int) {
	t.Helper()
	h, q, err := similar.HashImage(img)
	if err != nil {
		t.Fatal(err)
	}
	return h, q
}

func onesCount(h similar.ImageHash) int {
	n := 0
	for _, b := range h {
		n += bits.OnesCount8(b)
	}
	return n
}

func TestHashImageNearAndFar(t *testing.T) {
	orig := screen(1366, 768, 1)
	h0, q := mustHash(t, orig)
	if q < similar.MinQuality {
		t.Errorf("quality of a busy screen = %d, want at least %d", q, similar.MinQuality)
	}
	if n := onesCount(h0); n != 128 {
		t.Errorf("bits set = %d, want 128 (median threshold)", n)
	}
	again, _ := mustHash(t, screen(1366, 768, 1))
	if again != h0 {
		t.Errorf("hash of the same drawing differs: %s vs %s", again, h0)
	}
	near := []struct {
		name string
		img  image.Image
	}{
		{"jpeg60", reencodeJPEG(t, orig, 60)},
		{"resize90 jpeg85", reencodeJPEG(t, scaled(orig, 0.9), 85)},
	}
	// A screen halved in size lands 4 to 14 bits from its source: most
	// within ImageMatch, not all (reusemeasure: 94 % and 88 % of the
	// halves). It stays far nearer than the far cases below.
	if h, _ := mustHash(t, scaled(orig, 0.5)); h0.Distance(h) > similar.ImageMatch+4 {
		t.Errorf("resize50: distance %d > ImageMatch+4", h0.Distance(h))
	}
	for _, c := range near {
		h, _ := mustHash(t, c.img)
		if d := h0.Distance(h); d > similar.ImageMatch {
			t.Errorf("%s: distance %d > ImageMatch %d", c.name, d, similar.ImageMatch)
		}
	}
	far := []struct {
		name string
		img  image.Image
	}{
		{"flipped", flipped(orig)},
		{"other content", screen(1366, 768, 2)},
		{"other shape", screen(800, 1200, 3)},
	}
	for _, c := range far {
		h, _ := mustHash(t, c.img)
		if d := h0.Distance(h); d <= similar.ImageMatch {
			t.Errorf("%s: distance %d ≤ ImageMatch %d", c.name, d, similar.ImageMatch)
		}
		if h0.Distance(h) != h.Distance(h0) {
			t.Errorf("%s: distance not symmetric", c.name)
		}
	}
}

func TestHashImagePixelTypesAgree(t *testing.T) {
	rgba := screen(300, 200, 7)
	b := rgba.Bounds()
	gray := image.NewGray(b)
	nrgba := image.NewNRGBA(b)
	for y := range b.Dy() {
		for x := range b.Dx() {
			c := rgba.RGBAAt(x, y)
			nrgba.SetNRGBA(x, y, color.NRGBA{c.R, c.G, c.B, 0xff})
			// The luminance the hash takes, so Gray should hash alike.
			gray.SetGray(x, y, color.Gray{uint8(0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B) + 0.5)})
		}
	}
	h0, _ := mustHash(t, rgba)
	// An image whose bounds start at a non-zero origin.
	sub := image.NewRGBA(image.Rect(20, 30, 320, 230))
	for y := 30; y < 230; y++ {
		for x := 20; x < 320; x++ {
			sub.SetRGBA(x, y, rgba.RGBAAt(x-20, y-30))
		}
	}
	for name, img := range map[string]image.Image{"nrgba": nrgba, "gray": gray, "offset origin": sub, "generic": genericImage{rgba}} {
		h, _ := mustHash(t, img)
		if d := h0.Distance(h); d > 4 {
			t.Errorf("%s: distance %d from the RGBA hash", name, d)
		}
	}
}

// genericImage hides the concrete type, so that HashImage reads At.
type genericImage struct{ image.Image }

func TestHashImageQualityOfFlatImage(t *testing.T) {
	flat := image.NewGray(image.Rect(0, 0, 200, 100))
	for i := range flat.Pix {
		flat.Pix[i] = 0x80
	}
	_, q := mustHash(t, flat)
	if q != 0 {
		t.Errorf("quality of a flat image = %d, want 0", q)
	}
}

func TestHashImageRejects(t *testing.T) {
	cases := map[string]image.Image{
		"nil":        nil,
		"empty":      image.NewRGBA(image.Rectangle{}),
		"too narrow": image.NewRGBA(image.Rect(0, 0, similar.MinImageSide-1, 100)),
		"huge":       image.NewUniform(color.White), // bounds of ±1e9
	}
	for name, img := range cases {
		if _, _, err := similar.HashImage(img); !errors.Is(err, similar.ErrImage) {
			t.Errorf("%s: err = %v, want ErrImage", name, err)
		}
	}
	if _, _, err := similar.HashImage(image.NewRGBA(image.Rect(0, 0, similar.MinImageSide, similar.MinImageSide))); err != nil {
		t.Errorf("smallest image: %v", err)
	}
}

func TestImageHashStringRoundTrip(t *testing.T) {
	h, _ := mustHash(t, screen(400, 300, 5))
	back, err := similar.ParseImageHash(h.String())
	if err != nil || back != h {
		t.Fatalf("ParseImageHash(%s) = %s, %v", h, back, err)
	}
	for _, bad := range []string{"", "zz", h.String()[:62] + "zz", h.String() + "00"} {
		if _, err := similar.ParseImageHash(bad); !errors.Is(err, similar.ErrHash) {
			t.Errorf("ParseImageHash(%q): err = %v, want ErrHash", bad, err)
		}
	}
	var zero similar.ImageHash
	var ones similar.ImageHash
	for i := range ones {
		ones[i] = 0xff
	}
	if d := zero.Distance(ones); d != 256 {
		t.Errorf("distance of complements = %d, want 256", d)
	}
}
