package ocreval

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/ocrset"
	"github.com/proofpack/proofpack/internal/oracle"
)

// TestTesseractBaseline scores what the tesseract command read with its
// defaults from the committed set and logs the scores: the baseline the
// OCR layer must beat. The command's output is kept in
// testdata/ocr/oracle (`make oracles` records it again, a few seconds per
// image); the test asserts that every image was read.
func TestTesseractBaseline(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "ocr")
	cases, err := ocrset.Load(dir)
	require.NoError(t, err)

	texts := make(map[string]string, len(cases))
	var mu sync.Mutex
	t.Run("tesseract", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.File, func(t *testing.T) {
				t.Parallel() // only update mode runs the command
				lang := "eng"
				if c.Lang == "jpn" {
					lang = "jpn+eng"
				}
				path := filepath.Join(dir, c.File)
				data, err := os.ReadFile(path)
				require.NoError(t, err)
				rec := oracle.Run(t, oracle.Spec{Tool: oracle.Tesseract, Args: []string{oracle.In, "-", "-l", lang},
					Env: []string{"OMP_THREAD_LIMIT=1"}, Name: c.File, Data: data, Golden: oracle.Golden(path, oracle.Tesseract, "")})
				require.Zero(t, rec.ExitCode, "%s", rec.Stderr())
				mu.Lock()
				texts[c.File] = rec.Stdout()
				mu.Unlock()
			})
		}
	})
	require.Len(t, texts, len(cases))

	r := Evaluate(cases, texts)
	var buf bytes.Buffer
	require.NoError(t, r.WriteTable(&buf))
	t.Logf("tesseract defaults (-l eng / -l jpn+eng, OMP_THREAD_LIMIT=1):\n%s", buf.String())
	for _, m := range r.MissedTokens() {
		t.Logf("missed %s", m)
	}
}
