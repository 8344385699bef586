package pdftoppm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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

// endlessZeros is an endless reader of zeros that calls cancel on its
// fourth read. Reads after that are counted, and fail after 64 of them so
// that a copy that does not watch the context ends.
type endlessZeros struct {
	reads  int
	after  int // reads after cancel was called
	cancel func()
}

func (z *endlessZeros) Read(p []byte) (int, error) {
	z.reads++
	switch {
	case z.reads == 4:
		z.cancel()
	case z.reads > 4:
		z.after++
		if z.after > 64 {
			return 0, errors.New("test: read on after the cancellation")
		}
	}
	clear(p)
	return len(p), nil
}

func TestRasterizeStopsWithContext(t *testing.T) {
	r := rasterizer(t, Options{})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	in := &endlessZeros{cancel: cancel}
	_, err := r.Rasterize(ctx, in, t.TempDir())
	require.ErrorIs(t, err, context.Canceled, "an endless input stops with the context")
	assert.LessOrEqual(t, in.after, 1, "reads after the cancellation")
}

// hangingRenderer writes a script that stands for pdftoppm: it notes
// that it started, sleeps for 30 s, then notes that it finished. A killed
// renderer never finishes.
func hangingRenderer(t *testing.T) (script, started, finished string) {
	dir := t.TempDir()
	script = filepath.Join(dir, "hang.sh")
	started, finished = filepath.Join(dir, "started"), filepath.Join(dir, "finished")
	body := fmt.Sprintf("#!/bin/sh\ntouch %q\nsleep 30 </dev/null >/dev/null 2>&1\ntouch %q\n", started, finished)
	require.NoError(t, os.WriteFile(script, []byte(body), 0o700))
	return script, started, finished
}

func TestRasterizeKillsHangingRenderer(t *testing.T) {
	t.Run("context cancelled", func(t *testing.T) {
		script, started, finished := hangingRenderer(t)
		r, err := New(Options{Path: script})
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		go func() {
			// Cancel once the renderer runs.
			for {
				if _, err := os.Stat(started); err == nil {
					cancel()
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
		_, err = r.Rasterize(ctx, bytes.NewReader([]byte("%PDF-1.4")), t.TempDir())
		require.ErrorIs(t, err, context.Canceled)
		assert.FileExists(t, started)
		assert.NoFileExists(t, finished, "the renderer was killed")
	})
	t.Run("time limit", func(t *testing.T) {
		script, _, finished := hangingRenderer(t)
		r, err := New(Options{Path: script, Timeout: 200 * time.Millisecond})
		require.NoError(t, err)
		_, err = r.Rasterize(t.Context(), bytes.NewReader([]byte("%PDF-1.4")), t.TempDir())
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.NoFileExists(t, finished, "the renderer was killed")
	})
}
