package main

import (
	"path/filepath"
	"sync"
	"testing"
)

// Reading the sample's five screenshots by OCR costs seconds a run. The
// tests whose subject is the OCR'd sample share two runs of the command,
// each made once, by whichever test asks first; every other test passes
// -ocr=false.

// sharedDir holds what the shared runs write; TestMain makes and removes
// it.
var sharedDir string

// The case of the shared run: a fictional ticket and analyst.
const (
	sampleCase    = "CERT-2026-0042"
	sampleAnalyst = "Rin Okada"
)

var (
	ocrJSONOnce    sync.Once
	ocrJSON        result
	ocrSummaryOnce sync.Once
	ocrSummary     result
)

// sampleJSONWithOCR returns the run `triage -json -claim Fujitsu -case
// CERT-2026-0042 -analyst "Rin Okada" -tlp amber -html PAGE` over the
// sample, with OCR, and the path of its HTML page.
func sampleJSONWithOCR(t *testing.T) (result, string) {
	t.Helper()
	page := filepath.Join(sharedDir, "report.html")
	ocrJSONOnce.Do(func() {
		ocrJSON = triage(t, "-json", "-claim", "Fujitsu", "-case", sampleCase, "-analyst", sampleAnalyst, "-tlp", "amber",
			"-html", page, "-tmpdir", sharedDir, samplePath)
	})
	return ocrJSON, page
}

// sampleSummaryWithOCR returns the run `triage -progress always -claim
// 東レ` over the sample, with OCR: the summary on standard output, the
// progress bar on standard error.
func sampleSummaryWithOCR(t *testing.T) result {
	t.Helper()
	ocrSummaryOnce.Do(func() {
		ocrSummary = triage(t, "-progress", "always", "-claim", "東レ", "-tmpdir", sharedDir, samplePath)
	})
	return ocrSummary
}
