//go:build cgo

package tesseract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/ocreval"
	"github.com/proofpack/proofpack/internal/ocrset"
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
	{"eng03_inbox_deloitte.png", 0.8, 0.30},  // reached: recall 1.00, CER 0.242
	{"jpn05_mail_fujitsu.png", 0.8, 0.16},    // 1.00, 0.113
	{"eng15_chat_deloitte.png", 0.8, 0.20},   // 1.00, 0.118 (dark; chat panes)
	{"eng08_table_hitachi.png", 0.8, 0.05},   // 1.00, 0.012 (960x540)
	{"jpn01_portal_toray.png", 0.8, 0.40},    // 1.00, 0.355 (mixed cells: address, UNC path; 東レ株式会社 unspaced)
	{"jpn03_inbox_toray.png", 0.8, 0.46},     // 1.00, 0.416 (address after a Japanese name)
	{"jpn09_explorer_toray.png", 0.75, 0.52}, // 1.00, 0.472 (UNC path with Japanese folders, read part by part)
	{"jpn15_chat_hitachi.png", 0.75, 0.22},   // 1.00, 0.154 (URL beside a chat avatar)
}

// setScores OCRs the named set images through a Pool and scores them.
func setScores(t *testing.T, files []string) map[string]ocreval.CaseScore {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "ocr")
	cases, err := ocrset.Load(dir)
	require.NoError(t, err)
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return New(Options{}) }, ocr.Options{Workers: 2})
	if err != nil {
		t.Skipf("tesseract unavailable: %v", err)
	}
	defer pool.Close()
	want := map[string]bool{}
	for _, f := range files {
		want[f] = true
	}
	var picked []ocrset.Case
	texts := map[string]string{}
	for _, c := range cases {
		if !want[c.File] {
			continue
		}
		picked = append(picked, c)
		f, err := os.Open(filepath.Join(dir, c.File))
		require.NoError(t, err)
		img, err := ocr.Decode(f, 0)
		f.Close()
		require.NoError(t, err)
		res, err := pool.Recognize(context.Background(), img)
		require.NoError(t, err)
		texts[c.File] = res.Text
	}
	require.Len(t, picked, len(files), "set images missing")
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
