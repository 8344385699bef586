package pdftoppm

import (
	"bytes"
	"context"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/testenv"
	"github.com/proofpack/proofpack/ocr"
)

// scan is a JPEG screenshot of the OCR test set, used as a scanned page.
func scan(t *testing.T) []byte {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ocr", "eng05_mail_fujitsu.jpg"))
	require.NoError(t, err)
	return b
}

func rasterizer(t *testing.T, opt Options) *Rasterizer {
	testenv.Command(t, "pdftoppm", "poppler-utils")
	r, err := New(opt)
	require.NoError(t, err)
	return r
}

func TestRasterize(t *testing.T) {
	r := rasterizer(t, Options{MaxPages: 2, MaxSide: 1200})
	page := scan(t)
	pdf, err := docgen.ScannedPDF(docgen.PDFInfo{Title: "scan"}, [][]byte{page, page, page})
	require.NoError(t, err)

	dir := t.TempDir()
	pages, err := r.Rasterize(t.Context(), bytes.NewReader(pdf), dir)
	require.NoError(t, err)
	require.Len(t, pages, 2, "MaxPages bounds the pages rendered")
	for _, p := range pages {
		assert.Equal(t, dir, filepath.Dir(p), "pages are written only into the caller's directory")
		f, err := os.Open(p)
		require.NoError(t, err)
		cfg, format, err := image.DecodeConfig(f)
		f.Close()
		require.NoError(t, err)
		assert.Equal(t, "png", format)
		assert.Equal(t, 1200, max(cfg.Width, cfg.Height), "the longest side is scaled to MaxSide")
	}
	assert.True(t, strings.HasSuffix(pages[0], "-1.png") || strings.HasSuffix(pages[0], "-01.png"), pages[0])
}

func TestRasterizeErrors(t *testing.T) {
	r := rasterizer(t, Options{})
	pages, err := r.Rasterize(t.Context(), strings.NewReader("%PDF-1.4 not really"), t.TempDir())
	require.ErrorIs(t, err, ocr.ErrFormat)
	assert.Empty(t, pages)

	_, err = New(Options{Path: "no-such-pdftoppm-here"})
	require.ErrorIs(t, err, ocr.ErrUnavailable)
	assert.Contains(t, err.Error(), "poppler-utils")
}

// slowZeros is an endless reader giving 1 KiB every 10 ms.
type slowZeros struct{}

func (slowZeros) Read(p []byte) (int, error) {
	time.Sleep(10 * time.Millisecond)
	n := min(len(p), 1024)
	clear(p[:n])
	return n, nil
}

func TestRasterizeStopsWithContext(t *testing.T) {
	r := rasterizer(t, Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := r.Rasterize(ctx, slowZeros{}, t.TempDir())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 3*time.Second, "an endless input stops with the context")

	// A renderer that hangs is killed at the time limit.
	script := filepath.Join(t.TempDir(), "hang.sh")
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\nsleep 30\n"), 0o700))
	r, err = New(Options{Path: script, Timeout: 300 * time.Millisecond})
	require.NoError(t, err)
	start = time.Now()
	_, err = r.Rasterize(t.Context(), bytes.NewReader([]byte("%PDF-1.4")), t.TempDir())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 3*time.Second, "a hanging renderer is killed")
}
