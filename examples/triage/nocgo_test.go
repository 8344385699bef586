package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

// TestWithoutCgo builds the command with CGO_ENABLED=0, as a user without
// a C toolchain or libtesseract would, and triages the sample with it:
// the command runs without OCR, says so on standard error, and the report
// says so too, while everything else (metadata, attribution) still works.
func TestWithoutCgo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	gobin, err := exec.LookPath("go")
	require.NoError(t, err, "the go tool must be on PATH")
	bin := filepath.Join(t.TempDir(), "triage-nocgo")
	build := exec.Command(gobin, "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "CGO_ENABLED=0 go build: %s", out)

	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "-json", "-claim", "Fujitsu", samplePath)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	require.False(t, errors.As(err, &exit), "exit status %v; stderr:\n%s", err, stderr.String())
	require.NoError(t, err)

	assert.Contains(t, stderr.String(), "OCR unavailable")
	assert.Contains(t, stderr.String(), "CGO_ENABLED=0")
	rep := decodeReport(t, stdout.String())
	assert.Contains(t, problemCodes(rep.Problems), evidence.ProblemOCRUnavailable)
	for _, it := range rep.Items {
		assert.Nil(t, it.OCR, "%s was read by OCR in a build without it", it.Path)
	}
	assert.Zero(t, rep.Stats.OCRImages)
	assert.NotEmpty(t, rep.Items)
	assert.Equal(t, "toray", rep.Claim.Owner, "attribution works from metadata and text alone")

	// -ocr=false asks for no OCR: no warning, no problem.
	stdout.Reset()
	stderr.Reset()
	cmd = exec.Command(bin, "-json", "-ocr=false", samplePath)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	assert.NotContains(t, stderr.String(), "OCR unavailable")
	assert.NotContains(t, problemCodes(decodeReport(t, stdout.String()).Problems), evidence.ProblemOCRUnavailable)
}
