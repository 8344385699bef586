// Command attrfit fits attribution's confidence model and chooses the
// verdict's thresholds on the decided half of the labelled packs
// (attrpack.Calibrate), prints the coefficients, the thresholds and the
// figures they came from, and with -update rewrites fingerprint/fitted.go,
// the constants that fingerprint.DefaultWeights holds.
//
//	go run ./internal/attrpack/cmd/attrfit [-update]
//
// It triages the decided half only (the decided packs of the rounds up
// to attrpack.FittedRound: attrpack.FitLabels), with Tesseract OCR
// (libtesseract-dev, tesseract-ocr-eng, tesseract-ocr-jpn) and the
// default catalogue merged with orgs.yaml, as the accuracy test does;
// the held-out splits are never read.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/internal/attrpack"
	"github.com/proofpack/proofpack/ocr"
	"github.com/proofpack/proofpack/ocr/tesseract"
)

func main() {
	dir := flag.String("dir", "testdata/attribution", "directory of the labelled packs, labels.json and orgs.yaml")
	out := flag.String("out", "fingerprint/fitted.go", "the file -update rewrites")
	update := flag.Bool("update", false, "rewrite -out with the fitted constants")
	flag.Parse()
	if err := run(*dir, *out, *update); err != nil {
		fmt.Fprintln(os.Stderr, "attrfit:", err)
		os.Exit(1)
	}
}

func run(dir, out string, update bool) error {
	if err := tesseract.EnsureThreadLimit(); err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(dir, attrpack.LabelsFile))
	if err != nil {
		return err
	}
	var labels []attrpack.Label
	if err := json.Unmarshal(data, &labels); err != nil {
		return fmt.Errorf("%s: %w", attrpack.LabelsFile, err)
	}
	decided := attrpack.FitLabels(labels)
	add, err := fingerprint.LoadFile(filepath.Join(dir, attrpack.OrgsFile))
	if err != nil {
		return err
	}
	cat, err := fingerprint.Merge(fingerprint.Default(), add)
	if err != nil {
		return err
	}
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return tesseract.New(tesseract.Options{}) }, ocr.Options{})
	if err != nil {
		return err
	}
	defer pool.Close()
	packs, err := attrpack.Triage(context.Background(), dir, decided, cat, pool)
	if err != nil {
		return err
	}
	c, err := attrpack.Calibrate(cat, packs)
	if err != nil {
		return err
	}
	if err := c.WriteReport(os.Stdout); err != nil {
		return err
	}
	if !update {
		return nil
	}
	var b bytes.Buffer
	if err := c.WriteGo(&b); err != nil {
		return err
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Println("wrote", out)
	return nil
}
