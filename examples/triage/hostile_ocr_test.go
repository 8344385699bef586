package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/ocr/tesseract"
)

// noiseScreens writes a zip of n screenshots of glyph noise (issue 11's
// r10: Tesseract reads every row of them as text, slowly, and finds
// nothing) into a new directory
// and returns its absolute path.
func noiseScreens(t *testing.T, n int) string {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		w, err := zw.Create(fmt.Sprintf("screens/shot_%d.png", i))
		require.NoError(t, err)
		noise, err := docgen.GlyphNoisePNG(640, 480, uint64(i))
		require.NoError(t, err)
		_, err = w.Write(noise)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	path := filepath.Join(t.TempDir(), "screens.zip")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

// TestHostileOCRTime: screenshots of glyph noise, each of which keeps
// Tesseract busy for seconds, cannot hold a triage longer than its OCR
// budget (-ocr-budget) or its -timeout, whatever their number and the
// per-image limit: the run ends with a report (status 0) whose images
// were read, or say which limit stopped them, never ocr_failed.
func TestHostileOCRTime(t *testing.T) {
	if !tesseract.Available {
		t.Skip("a build without cgo has no OCR")
	}
	pkg := noiseScreens(t, 3)
	tests := []struct {
		name  string
		flags []string
		limit string // the problem code of the limit that stops OCR
	}{
		{"OCR budget", []string{"-ocr-budget", "200ms"}, evidence.ProblemLimitPrefix + evidence.LimitOCRDuration},
		{"-timeout", []string{"-timeout", "1s"}, evidence.ProblemLimitPrefix + "duration"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-json", "-q", "-lang", "eng", "-ocr-workers", "1", "-ocr-timeout", "1m"}, tc.flags...)
			r := runHostile(t, hostileRun{Args: append(args, pkg), MaxWall: 30 * time.Second})
			assert.Equal(t, 0, r.Exit, r.Stderr)
			require.NotNil(t, r.Report, r.Stderr)
			assert.Contains(t, problemCodes(r.Report.Problems), tc.limit, "the report says OCR was cut")
			stopped := 0
			for _, it := range r.Report.Items {
				if it.Kind != "image" {
					continue
				}
				codes := problemCodes(it.Problems)
				assert.NotContains(t, codes, evidence.ProblemOCR, it.Path)
				if it.OCR == nil {
					assert.Equal(t, []string{tc.limit}, codes, "%s: not read, and says why", it.Path)
				}
				if len(codes) > 0 {
					stopped++
				}
			}
			assert.Positive(t, stopped, "images stopped or left unread by the limit")
		})
	}
}
