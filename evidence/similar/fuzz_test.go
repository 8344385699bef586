package similar_test

import (
	"bytes"
	"image"
	_ "image/jpeg" // seeds and inputs in JPEG
	_ "image/png"  // seeds and inputs in PNG
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/proofpack/proofpack/evidence/similar"
)

// maxFuzzPixels bounds the images the image fuzzer decodes, as
// evidence.Limits bounds them before HashImage in the pipeline.
const maxFuzzPixels = 1 << 20

// addSeeds adds every file of testdata to f.
func addSeeds(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join("testdata", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzHashImage(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || int64(cfg.Width)*int64(cfg.Height) > maxFuzzPixels {
			return
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		h1, q1, err1 := similar.HashImage(img)
		h2, q2, err2 := similar.HashImage(img)
		if (err1 == nil) != (err2 == nil) || h1 != h2 || q1 != q2 {
			t.Fatalf("two runs disagree: %s/%d/%v and %s/%d/%v", h1, q1, err1, h2, q2, err2)
		}
		if err1 != nil {
			return
		}
		if q1 < 0 || q1 > 100 {
			t.Fatalf("quality %d out of 0-100", q1)
		}
		if n := h1.Distance(similar.ImageHash{}); n > 128 {
			t.Fatalf("%d bits set, more than the median allows", n)
		}
		if back, err := similar.ParseImageHash(h1.String()); err != nil || back != h1 {
			t.Fatalf("string round trip: %v", err)
		}
	})
}

func FuzzHashText(f *testing.F) {
	addSeeds(f)
	f.Add([]byte("2024-03-15,\"1,250.00\",0041;x\t\xff\xfe東レ"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := string(data)
		sig := similar.HashText(s)
		if sig == nil {
			if similar.HashText(s) != nil {
				t.Fatal("nil signature not stable")
			}
			return
		}
		if len(sig) != similar.SigLen {
			t.Fatalf("%d slots, want %d", len(sig), similar.SigLen)
		}
		if !slices.Equal(sig, similar.HashText(s)) {
			t.Fatal("signature not stable")
		}
		if sig.Similarity(sig) != 1 {
			t.Fatal("signature not similar to itself")
		}
		if len(sig.Bands()) != similar.Bands {
			t.Fatal("wrong number of band keys")
		}
		b, _ := sig.MarshalBinary()
		if back, err := similar.ParseTextSig(b); err != nil || !slices.Equal(back, sig) {
			t.Fatalf("binary round trip: %v", err)
		}
		// Tokens are already normal: normalising them again changes
		// nothing (canonical numbers and NFKC are idempotent).
		toks := similar.Tokens(s)
		joined := ""
		for i, tok := range toks {
			if i > 0 {
				joined += " "
			}
			joined += tok
		}
		if again := similar.Tokens(joined); !slices.Equal(again, toks) {
			t.Fatalf("tokens not stable under renormalisation: %q → %q", toks, again)
		}
	})
}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if sig, err := similar.ParseTextSig(data); err == nil && len(sig) != 0 && len(sig) != similar.SigLen {
			t.Fatalf("accepted %d slots", len(sig))
		}
		_, _ = similar.ParseImageHash(string(data))
	})
}
