// Command reuseocr measures re-use of screenshots by the text signature
// of their OCR text (package evidence/similar over ocr/tesseract), on the
// screens of internal/reusegen: the threshold is decided on the decided
// half and both halves are reported. It links libtesseract (cgo) and is
// slow: one OCR run per screen and per transform.
//
//	go run ./internal/reusegen/cmd/reuseocr [-templates 0,2] [-cache FILE]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/reusegen"
	"github.com/proofpack/proofpack/ocr"
	"github.com/proofpack/proofpack/ocr/tesseract"
)

func main() {
	templates := flag.String("templates", "", "comma-separated screen templates to use (all when empty)")
	cache := flag.String("cache", "", "JSON file of the texts read: read from it when it exists, written to it otherwise")
	flag.Parse()
	if err := run(*templates, *cache); err != nil {
		fmt.Fprintln(os.Stderr, "reuseocr:", err)
		os.Exit(1)
	}
}

func run(templates, cache string) error {
	var keep map[int]bool
	if templates != "" {
		keep = map[int]bool{}
		for _, f := range strings.Split(templates, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				return fmt.Errorf("-templates: %w", err)
			}
			keep[n] = true
		}
	}
	fonts, err := docgen.LoadFonts("")
	if err != nil {
		return err
	}
	set, err := readCache(cache)
	if err != nil {
		return err
	}
	if set == nil {
		pool, err := ocr.NewPool(func() (ocr.Engine, error) { return tesseract.New(tesseract.Options{}) }, ocr.Options{})
		if err != nil {
			return err
		}
		defer pool.Close()
		read := func(img image.Image) (string, error) {
			res, err := pool.Recognize(context.Background(), img)
			if err != nil {
				return "", err
			}
			return res.Text, nil
		}
		if set, err = reusegen.ScreenTexts(fonts, reusegen.Pages(fonts), keep, read); err != nil {
			return err
		}
		if cache != "" {
			b, err := json.Marshal(set)
			if err != nil {
				return err
			}
			if err := os.WriteFile(cache, b, 0o644); err != nil {
				return err
			}
		}
	}
	var cands []float64
	for s := 5; s <= 100; s++ {
		cands = append(cands, float64(s)/100)
	}
	fmt.Printf("screens read: %d library, %d queries\n", len(set.Library), len(set.Queries))
	for k := 1; k <= 5; k++ {
		qs := set.TextQueriesOf(k)
		th := reusegen.Choose(qs, cands, reusegen.AtLeastSimilar)
		for _, sp := range []reusegen.Split{reusegen.Decided, reusegen.HeldOut} {
			own, other := reusegen.Spread(qs, sp, false)
			fmt.Printf("k=%d %s: worst own similarity %.3f, most similar other %.3f\n", k, sp, own, other)
		}
		reusegen.Report(os.Stdout, fmt.Sprintf("k=%d OCR text, decided similarity", k), qs, th, reusegen.AtLeastSimilar)
		if k == similar.ShingleWords {
			reusegen.Report(os.Stdout, fmt.Sprintf("k=%d OCR text, similar.OCRTextMatch", k), qs, similar.OCRTextMatch, reusegen.AtLeastSimilar)
		}
	}
	fmt.Printf("\nPDQ within similar.ImageMatch (%d) or OCR text at least similar.OCRTextMatch (%g), k=%d:\n", similar.ImageMatch, similar.OCRTextMatch, similar.ShingleWords)
	reusegen.Report(os.Stdout, "either", set.EitherQueries(similar.ShingleWords, similar.ImageMatch, similar.OCRTextMatch), 1, reusegen.AtLeastSimilar)
	return nil
}

// readCache reads the texts of an earlier run, or returns nil when there
// is no cache.
func readCache(path string) (*reusegen.ScreenTextSet, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var set reusegen.ScreenTextSet
	if err := json.Unmarshal(b, &set); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &set, nil
}
