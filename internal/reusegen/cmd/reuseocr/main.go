// Command reuseocr measures re-use of screenshots by the text signature
// of their OCR text (package evidence/similar over ocr/tesseract), on the
// screens of internal/reusegen: the threshold is decided on the decided
// half and both halves are reported. It links libtesseract (cgo) and is
// slow: one OCR run per screen and per transform.
//
//	go run ./internal/reusegen/cmd/reuseocr [-templates 0,2]
package main

import (
	"context"
	"flag"
	"fmt"
	"image"
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
	flag.Parse()
	if err := run(*templates); err != nil {
		fmt.Fprintln(os.Stderr, "reuseocr:", err)
		os.Exit(1)
	}
}

func run(templates string) error {
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
	set, err := reusegen.ScreenTexts(fonts, reusegen.Pages(fonts), keep, read)
	if err != nil {
		return err
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
			reusegen.Report(os.Stdout, fmt.Sprintf("k=%d OCR text, similar.TextMatch", k), qs, similar.TextMatch, reusegen.AtLeastSimilar)
		}
	}
	return nil
}
