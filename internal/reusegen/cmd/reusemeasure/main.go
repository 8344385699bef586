// Command reusemeasure measures the similarity hashes of package
// evidence/similar on the re-use set of internal/reusegen: it decides the
// image and text thresholds on the decided half and reports recall of
// re-use and false matches at them on both halves.
//
//	go run ./internal/reusegen/cmd/reusemeasure [-images=false] [-texts=false]
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/reusegen"
)

func main() {
	images := flag.Bool("images", true, "measure the image hash")
	texts := flag.Bool("texts", true, "measure the text signature")
	flag.Parse()
	if err := run(*images, *texts); err != nil {
		fmt.Fprintln(os.Stderr, "reusemeasure:", err)
		os.Exit(1)
	}
}

func run(images, texts bool) error {
	out := os.Stdout
	if texts {
		set := reusegen.Texts()
		var cands []float64
		for s := 5; s <= 100; s++ {
			cands = append(cands, float64(s)/100)
		}
		fmt.Fprintf(out, "texts: %d (k = shingle words; threshold decided on the decided half)\n", len(set))
		for k := 1; k <= 5; k++ {
			qs, err := reusegen.TextQueries(set, k)
			if err != nil {
				return err
			}
			th := reusegen.Choose(qs, cands, reusegen.AtLeastSimilar)
			own, other := reusegen.Spread(qs, reusegen.Decided, false)
			fmt.Fprintf(out, "k=%d decided: worst own %.3f, best other %.3f; ", k, own, other)
			reusegen.Report(out, "similarity", qs, th, reusegen.AtLeastSimilar)
		}
		qs, err := reusegen.TextQueries(set, similar.ShingleWords)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "\nlibrary constants (k=%d):\n", similar.ShingleWords)
		reusegen.Report(out, "similar.TextMatch", qs, similar.TextMatch, reusegen.AtLeastSimilar)
		for _, sp := range []reusegen.Split{reusegen.Decided, reusegen.HeldOut} {
			rec, cand, err := reusegen.BandRecall(set, sp)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "  LSH %dx%d %s: re-used copies sharing a band key with their own text %.1f%%, library texts per query %.2f\n",
				similar.Bands, similar.BandRows, sp, 100*rec, cand)
		}
	}
	if images {
		fonts, err := docgen.LoadFonts("")
		if err != nil {
			return err
		}
		pages := reusegen.Pages(fonts)
		qs, quality, err := reusegen.ImageQueries(fonts, pages)
		if err != nil {
			return err
		}
		slices.Sort(quality)
		fmt.Fprintf(out, "\nimages: %d pages, PDQ quality min %d median %d max %d\n", len(pages), quality[0], quality[len(quality)/2], quality[len(quality)-1])
		var cands []float64
		for d := 0; d <= 128; d++ {
			cands = append(cands, float64(d))
		}
		th := reusegen.Choose(qs, cands, reusegen.WithinDistance)
		for _, sp := range []reusegen.Split{reusegen.Decided, reusegen.HeldOut} {
			own, other := reusegen.Spread(qs, sp, true)
			fmt.Fprintf(out, "%s: worst own distance %.0f, nearest other %.0f\n", sp, own, other)
		}
		reusegen.Report(out, "decided distance", qs, th, reusegen.WithinDistance)
		reusegen.Report(out, "similar.ImageMatch", qs, similar.ImageMatch, reusegen.WithinDistance)
		reusegen.Report(out, "PDQ's suggested 31", qs, 31, reusegen.WithinDistance)
		if err := cropSweep(fonts, pages); err != nil {
			return err
		}
	}
	return nil
}

// cropSweep prints, for the library pages of the decided half, the median
// and largest PDQ distance between a page and the page cropped by the
// same share on every side.
func cropSweep(fonts *docgen.Fonts, pages []reusegen.Page) error {
	pcts := []float64{0.25, 0.5, 1, 2, 3, 5}
	dists := make([][]int, len(pcts))
	var issue []int // the issue's example: resized to 90 %, JPEG at 85
	for _, p := range pages {
		if p.Split != reusegen.Decided || p.Role != reusegen.Library {
			continue
		}
		img, err := docgen.Screenshot(p.Spec)
		if err != nil {
			return err
		}
		h0, _, err := similar.HashImage(img)
		if err != nil {
			return err
		}
		for i, pct := range pcts {
			h, _, err := similar.HashImage(reusegen.CropUniform(img, pct))
			if err != nil {
				return err
			}
			dists[i] = append(dists[i], h0.Distance(h))
		}
		small, err := reusegen.ResizeJPEG(img, 0.9, 85)
		if err != nil {
			return err
		}
		h, _, err := similar.HashImage(small)
		if err != nil {
			return err
		}
		issue = append(issue, h0.Distance(h))
	}
	slices.Sort(issue)
	fmt.Printf("resized to 90 %% and JPEG 85 (decided library pages), median/largest distance: %d/%d\n", issue[len(issue)/2], issue[len(issue)-1])
	var b strings.Builder
	for i, pct := range pcts {
		slices.Sort(dists[i])
		fmt.Fprintf(&b, " %g%%: %d/%d", pct, dists[i][len(dists[i])/2], dists[i][len(dists[i])-1])
	}
	fmt.Printf("crop of every side (decided library pages), median/largest distance:%s\n", b.String())
	return nil
}
