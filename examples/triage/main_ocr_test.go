package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/ocr/tesseract"
)

// TestMain limits Tesseract's threads as main does: the test binary
// re-executes itself once with OMP_THREAD_LIMIT=1. It also makes the
// directory of the shared runs (shared_test.go). With asTriageEnv set,
// the test binary is the triage command (hostile_test.go).
func TestMain(m *testing.M) {
	if os.Getenv(asTriageEnv) == "1" {
		main()
	}
	if err := tesseract.EnsureThreadLimit(); err != nil {
		fmt.Fprintln(os.Stderr, "warning:", err)
	}
	dir, err := os.MkdirTemp("", "triage-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sharedDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestOCRScreenshots(t *testing.T) {
	r, _ := sampleJSONWithOCR(t)
	require.Equal(t, 0, r.code, r.stderr)
	rep := decodeReport(t, r.stdout)
	assert.Equal(t, 5, rep.Stats.OCRImages, "the sample's five screenshots")
	portal := item(t, rep, "FJ_sample/screenshots/portal_top.png")
	require.NotNil(t, portal.OCR)
	assert.Equal(t, "ocr", portal.TextSource)
	assert.Contains(t, portal.OCR.Engine, "tesseract")
	assert.Equal(t, "jpn+eng", portal.OCR.Lang)
	assert.NotEmpty(t, portal.OCR.Words)
	for _, w := range portal.OCR.Words {
		assert.True(t, w.Box[0] >= 0 && w.Box[1] >= 0 && w.Box[2] > 0 && w.Box[3] > 0, "box %v of %q", w.Box, w.Text)
	}
	inbox := item(t, rep, "FJ_sample/screenshots/mail_inbox.png")
	assert.Contains(t, inbox.Text, "mail.toray.co.jp", "the inbox's address bar is read")

	// -ocr=false leaves images unread; so does -metadata=false.
	for _, flag := range []string{"-ocr=false", "-metadata=false"} {
		r = triage(t, "-json", flag, samplePath)
		require.Equal(t, 0, r.code, r.stderr)
		rep = decodeReport(t, r.stdout)
		assert.Zero(t, rep.Stats.OCRImages, flag)
		assert.Nil(t, item(t, rep, "FJ_sample/screenshots/portal_top.png").OCR, flag)
	}
}

func TestOCRSummary(t *testing.T) {
	r := sampleSummaryWithOCR(t)
	require.Equal(t, 0, r.code, r.stderr)
	_, section, ok := strings.Cut(r.stdout, "\nOCR (5 images)\n")
	require.True(t, ok, "no OCR section in:\n%s", r.stdout)
	assert.Contains(t, section, "FJ_sample/screenshots/mail_inbox.png  [tesseract ")
	assert.Contains(t, section, ", jpn+eng, confidence ")
}

func TestOCRMissingLanguage(t *testing.T) {
	r := triage(t, "-lang", "eng+xyz", samplePath)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "tesseract-ocr-xyz", "the error names the package to install")
	assert.Contains(t, r.stderr, "-ocr=false")
	assert.Empty(t, r.stdout)

	r = triage(t, "-lang", "+", samplePath)
	assert.Equal(t, 1, r.code)
	assert.True(t, strings.Contains(r.stderr, "-lang is empty"), r.stderr)
}
