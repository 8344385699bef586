// Command packmeasure measures how well a case library recognises
// recycled samples across proof packs (issue 17, item 4): it writes the
// pack set of internal/reusegen (reusegen.Packs) to a temporary
// directory, opens one case library per half, triages the packs of each
// half in order with evidence.Analyze into that half's library, and
// scores the reports against the ground truth: recall of re-use (a
// re-used file whose SeenBefore names its source pack and path) per
// transform, false matches (a fresh file with any sighting, a re-used
// file with a sighting that is neither its source nor a copy of it),
// time per pack and the time of the lookups.
//
//	go run ./internal/reusegen/cmd/packmeasure [-packs 64] [-ocr=false] [-v] [-keep DIR] [-bands B -rows R]
//
// -bands and -rows make the libraries with another LSH banding of text
// signatures than caselib's default, to tell a text the index did not
// return from one below the threshold. -keep DIR keeps the packs, their ground truth (reusegen.TruthFile),
// the two libraries and the reports (DIR/reports/PACK.json) in DIR.
//
// With -ocr (the default) the screenshots are read by Tesseract through
// ocr/tesseract, which links libtesseract (cgo), and a screenshot may be
// recognised by its OCR text as well as by its PDQ hash; -ocr=false
// measures the PDQ hash alone. -v lists every miss and false match with
// the PDQ distance and text similarity of the file to its source.
package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/caselib"
	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/reusegen"
	"github.com/proofpack/proofpack/ocr"
	"github.com/proofpack/proofpack/ocr/tesseract"
)

// config is what the flags set.
type config struct {
	packs   int
	ocr     bool
	verbose bool
	keep    string // directory to write the set and libraries to, kept; "" for a temporary one
	// bands and rows are the libraries' LSH banding of text signatures
	// (caselib.Options); zero means the library's default.
	bands, rows int
	// pairs is a TSV file to write every pair of screenshots of a half
	// to (writePairs); "" for none.
	pairs string
}

func main() {
	var c config
	flag.IntVar(&c.packs, "packs", reusegen.MinPacks, "number of packs in the set (dealt to two halves)")
	flag.BoolVar(&c.ocr, "ocr", true, "read the screenshots with Tesseract (cgo)")
	flag.BoolVar(&c.verbose, "v", false, "list every miss and false match")
	flag.StringVar(&c.keep, "keep", "", "write the packs, the ground truth and the libraries to this directory and keep them")
	flag.IntVar(&c.bands, "bands", 0, "LSH bands of the libraries' text index (0: caselib's default)")
	flag.IntVar(&c.rows, "rows", 0, "LSH rows per band of the libraries' text index (0: caselib's default)")
	flag.StringVar(&c.pairs, "pairs", "", "write every pair of screenshots of a half, with their PDQ distance and OCR text similarity and whether one re-uses the other, to this TSV `FILE`")
	flag.Parse()
	if _, err := run(context.Background(), c, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "packmeasure:", err)
		os.Exit(1)
	}
}

// run builds the set, triages it and prints the table to out (progress
// to progress); it returns the scores.
func run(ctx context.Context, c config, out, progress io.Writer) (map[reusegen.Split]*halfScore, error) {
	fonts, err := docgen.LoadFonts("")
	if err != nil {
		return nil, err
	}
	packs, err := reusegen.Packs(fonts, c.packs)
	if err != nil {
		return nil, err
	}
	dir := c.keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "packmeasure-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	start := time.Now()
	if err := reusegen.WritePacks(dir, packs); err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "wrote %d packs in %s\n", len(packs), time.Since(start).Round(time.Millisecond))

	var pool *ocr.Pool
	if c.ocr {
		if pool, err = ocr.NewPool(func() (ocr.Engine, error) { return tesseract.New(tesseract.Options{}) }, ocr.Options{}); err != nil {
			return nil, err
		}
		defer pool.Close()
	}
	libs := map[reusegen.Split]*caselib.Library{}
	for _, sp := range []reusegen.Split{reusegen.Decided, reusegen.HeldOut} {
		lib, err := caselib.Open(ctx, filepath.Join(dir, "library-"+string(sp)), caselib.Options{LSHBands: c.bands, LSHRows: c.rows})
		if err != nil {
			return nil, err
		}
		defer lib.Close()
		libs[sp] = lib
	}
	// Packs alternate between the halves and each half's packs come in
	// order: triaging them in the set's order keeps each half in order.
	var runs []triaged
	for _, p := range packs {
		date := p.Date
		t0 := time.Now()
		rep, err := evidence.Analyze(ctx, filepath.Join(dir, p.Name), evidence.Options{
			Library: libs[p.Split], OCR: pool, Claim: p.Claim,
			Now: func() time.Time { return date },
		})
		took := time.Since(t0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Name, err)
		}
		lk, err := timeLookups(ctx, libs[p.Split], rep)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Name, err)
		}
		if c.keep != "" {
			if err := writeReport(filepath.Join(dir, "reports", p.Name+".json"), rep); err != nil {
				return nil, err
			}
		}
		runs = append(runs, triaged{pack: p, report: rep, duration: took, lookups: lk})
		seen := 0
		if rep.Library != nil {
			seen = rep.Library.Seen
		}
		fmt.Fprintf(progress, "%s %-8s #%02d: %d items, %d seen before, %s\n", p.Name, p.Split, p.Seq, len(rep.Items), seen, took.Round(time.Millisecond))
	}
	if c.pairs != "" {
		if err := writePairs(c.pairs, runs); err != nil {
			return nil, err
		}
	}
	scores := score(runs)
	ocrNote := "OCR off (PDQ for screenshots)"
	if c.ocr {
		ocrNote = "OCR on (PDQ or OCR text for screenshots)"
	}
	lsh := "caselib's default LSH bands"
	if c.bands != 0 || c.rows != 0 {
		lsh = fmt.Sprintf("LSH %d bands of %d rows", c.bands, c.rows)
	}
	fmt.Fprintf(out, "pack set: %d packs, %s; %s; %s\n", len(packs), ocrNote, thresholds(), lsh)
	printTable(out, scores, c.verbose)
	for _, sp := range []reusegen.Split{reusegen.Decided, reusegen.HeldOut} {
		if err := librarySize(ctx, out, sp, libs[sp]); err != nil {
			return nil, err
		}
	}
	return scores, nil
}

// librarySize writes how many packs and items lib holds and the bytes its
// files take (the database and its write-ahead log) per item.
func librarySize(ctx context.Context, out io.Writer, sp reusegen.Split, lib *caselib.Library) error {
	packs, items, err := lib.Packs(ctx)
	if err != nil {
		return err
	}
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		st, err := os.Stat(lib.Path() + suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		size += st.Size()
	}
	fmt.Fprintf(out, "%s library: %d packs, %d items, %d bytes on disk (%d per item)\n", sp, packs, items, size, size/max(1, items))
	return nil
}

// timeLookups looks up each item of rep in lib again, as its triage did,
// leaving out the pack itself (which the triage recorded at its end), and
// times each lookup: the SHA-256 of every item, the PDQ hash of images
// within similar.ImageMatch, the text signature within similar.TextMatch
// (similar.OCRTextMatch for OCR text).
func timeLookups(ctx context.Context, lib *caselib.Library, rep *evidence.Report) ([]lookup, error) {
	self, ok := sha256Of(rep.Package.SHA256)
	if !ok {
		return nil, fmt.Errorf("package hash %q is not a SHA-256", rep.Package.SHA256)
	}
	opt := caselib.LookupOptions{ExcludePack: self}
	var out []lookup
	timed := func(kind string, f func() error) error {
		t0 := time.Now()
		err := f()
		out = append(out, lookup{kind, time.Since(t0)})
		return err
	}
	for _, it := range rep.Items {
		sha, ok := sha256Of(it.SHA256)
		if !ok {
			continue // not read whole: no hash
		}
		if err := timed(evidence.MatchExact, func() error { _, err := lib.Exact(ctx, sha, opt); return err }); err != nil {
			return nil, err
		}
		if it.Hashes == nil {
			continue
		}
		if it.Hashes.PDQ != nil {
			h := caselib.ImageHash(*it.Hashes.PDQ)
			if err := timed(evidence.MatchImage, func() error { _, err := lib.NearImages(ctx, h, similar.ImageMatch, opt); return err }); err != nil {
				return nil, err
			}
		}
		if len(it.Hashes.Text) == similar.SigLen {
			var sig caselib.TextSig
			copy(sig[:], it.Hashes.Text)
			th := similar.TextMatch
			if it.TextSource == evidence.TextFromOCR {
				th = similar.OCRTextMatch
			}
			if err := timed(evidence.MatchText, func() error { _, err := lib.NearTexts(ctx, sig, th, opt); return err }); err != nil {
				return nil, err
			}
		}
	}
	if len(out) == 0 && len(rep.Items) > 0 {
		return nil, errors.New("no item has a SHA-256")
	}
	return out, nil
}

// sha256Of decodes a SHA-256 in hex.
func sha256Of(s string) ([32]byte, bool) {
	var h [32]byte
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(h) {
		return h, false
	}
	copy(h[:], b)
	return h, true
}

// writeReport writes rep as JSON to path, making its directory.
func writeReport(path string, rep *evidence.Report) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
