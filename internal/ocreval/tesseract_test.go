package ocreval

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/ocrset"
)

// TestTesseractBaseline runs the tesseract command with its defaults over
// the committed set and logs the scores: the baseline the OCR layer must
// beat. It asserts only that every image was read, and takes half a
// minute, so it runs only with PROOFPACK_OCR_BASELINE=1.
func TestTesseractBaseline(t *testing.T) {
	if testing.Short() || os.Getenv("PROOFPACK_OCR_BASELINE") == "" {
		t.Skip("runs tesseract over the whole set; set PROOFPACK_OCR_BASELINE=1")
	}
	bin, err := exec.LookPath("tesseract")
	if err != nil {
		t.Skip("tesseract not installed")
	}
	dir := filepath.Join("..", "..", "testdata", "ocr")
	cases, err := ocrset.Load(dir)
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	texts := make(map[string]string, len(cases))
	var mu sync.Mutex
	var wg sync.WaitGroup
	jobs := make(chan ocrset.Case)
	errs := make(chan error, len(cases))
	for range 2 {
		wg.Go(func() {
			for c := range jobs {
				lang := "eng"
				if c.Lang == "jpn" {
					lang = "jpn+eng"
				}
				cmd := exec.CommandContext(ctx, bin, filepath.Join(dir, c.File), "-", "-l", lang)
				cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					errs <- err
					continue
				}
				mu.Lock()
				texts[c.File] = string(out)
				mu.Unlock()
			}
		})
	}
	for _, c := range cases {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Len(t, texts, len(cases))

	r := Evaluate(cases, texts)
	var buf bytes.Buffer
	require.NoError(t, r.WriteTable(&buf))
	t.Logf("tesseract defaults (-l eng / -l jpn+eng, OMP_THREAD_LIMIT=1):\n%s", buf.String())
	for _, m := range r.MissedTokens() {
		t.Logf("missed %s", m)
	}
}
