//go:build cgo

package tesseract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/ocreval"
	"github.com/proofpack/proofpack/internal/ocrset"
	"github.com/proofpack/proofpack/internal/testenv"
	"github.com/proofpack/proofpack/ocr"
)

// setFloors are the scores a few images of the OCR test set must keep:
// English, Japanese (addresses, host names and UNC paths with Japanese
// folder names inside mixed Japanese/Latin cells, a URL beside a chat
// avatar), a dark theme, a 960x540 downscale. The
// floors sit below what the engine reaches (printed by setScores) so
// that a real regression fails, not noise.
var setFloors = []struct {
	file      string
	minRecall float64
	maxCER    float64
}{
	{"eng03_inbox_penwick.png", 0.8, 0.30},   // reached: recall 1.00, CER 0.106
	{"jpn05_mail_fujitsu.png", 0.8, 0.16},    // 1.00, 0.030
	{"eng15_chat_penwick.png", 0.8, 0.20},    // 1.00, 0.124 (dark; chat panes)
	{"eng08_table_aosaki.png", 0.8, 0.05},    // 1.00, 0.012 (960x540)
	{"jpn01_portal_toray.png", 0.8, 0.40},    // 1.00, 0.032 (mixed cells: address, UNC path; 東レ株式会社 unspaced)
	{"jpn03_inbox_toray.png", 0.8, 0.46},     // 1.00, 0.121 (address after a Japanese name)
	{"jpn09_explorer_toray.png", 0.75, 0.52}, // 1.00, 0.188 (UNC path with Japanese folders, read part by part)
	{"jpn15_chat_aosaki.png", 0.75, 0.22},    // 1.00, 0.155 (URL beside a chat avatar)
}

// readCases OCRs the images of cases in dir through a Pool of two
// engines, one goroutine per image (the workers read them two at a
// time), and returns their results in the order of cases; an image that
// fails fails the test.
func readCases(t *testing.T, dir string, cases []ocrset.Case) []*ocr.Result {
	t.Helper()
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return New(Options{}) }, ocr.Options{Workers: 2})
	if err != nil {
		testenv.Need(t, err, "Tesseract with its English and Japanese data", "libtesseract-dev tesseract-ocr-eng tesseract-ocr-jpn")
	}
	defer pool.Close()
	results := make([]*ocr.Result, len(cases))
	var wg sync.WaitGroup
	for i, c := range cases {
		wg.Go(func() {
			f, err := os.Open(filepath.Join(dir, c.File))
			if !assert.NoError(t, err) {
				return
			}
			img, err := ocr.Decode(f, 0)
			f.Close()
			if !assert.NoError(t, err, c.File) {
				return
			}
			res, err := pool.Recognize(context.Background(), img)
			if assert.NoError(t, err, c.File) {
				results[i] = res
			}
		})
	}
	wg.Wait()
	for i, r := range results {
		require.NotNil(t, r, cases[i].File)
	}
	return results
}

// pickCases returns the cases of the named files, in the set's order; a
// file the set does not have fails the test.
func pickCases(t *testing.T, cases []ocrset.Case, files []string) []ocrset.Case {
	t.Helper()
	want := map[string]bool{}
	for _, f := range files {
		want[f] = true
	}
	var picked []ocrset.Case
	for _, c := range cases {
		if want[c.File] {
			picked = append(picked, c)
		}
	}
	require.Len(t, picked, len(files), "set images missing")
	return picked
}

// setScores OCRs the named set images through a Pool and scores them.
func setScores(t *testing.T, files []string) map[string]ocreval.CaseScore {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "ocr")
	cases, err := ocrset.Load(dir)
	require.NoError(t, err)
	picked := pickCases(t, cases, files)
	texts := map[string]string{}
	for i, res := range readCases(t, dir, picked) {
		texts[picked[i].File] = res.Text
	}
	out := map[string]ocreval.CaseScore{}
	for _, cs := range ocreval.Evaluate(picked, texts).Cases {
		out[cs.File] = cs
		t.Logf("%s: CER %.3f, recall %.2f, missed %q", cs.File, cs.CER, cs.Recall, cs.Missed)
	}
	return out
}

func TestSetAccuracyFloor(t *testing.T) {
	if testing.Short() {
		t.Skip("OCRs eight screenshots")
	}
	var files []string
	for _, f := range setFloors {
		files = append(files, f.file)
	}
	got := setScores(t, files)
	for _, f := range setFloors {
		t.Run(f.file, func(t *testing.T) {
			s := got[f.file]
			assert.GreaterOrEqual(t, s.Recall, f.minRecall, fmt.Sprintf("missed %q", s.Missed))
			assert.LessOrEqual(t, s.CER, f.maxCER)
		})
	}
}
