package evidence_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/ocr"
)

// TestOCRUnavailable checks that a triage which wanted OCR and could not
// have it says so once, on the report, with the reason and the count of
// images left unread; and says nothing when there was nothing to read.
func TestOCRUnavailable(t *testing.T) {
	why := fmt.Errorf("%w: built without cgo", ocr.ErrUnavailable)
	shots := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "shots/a.png", Data: pngOf(t, 640, 360)},
		{Name: "shots/b.png", Data: pngOf(t, 320, 200)},
		{Name: "notes.txt", Data: []byte("a note")},
	}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "p.zip", shots, evidence.Options{OCRUnavailable: why})
	require.NoError(t, err)
	var got []evidence.Problem
	for _, p := range rep.Problems {
		if p.Code == evidence.ProblemOCRUnavailable {
			got = append(got, p)
		}
	}
	require.Len(t, got, 1, "one problem on the report: %+v", rep.Problems)
	assert.Contains(t, got[0].Detail, "2 images")
	assert.Contains(t, got[0].Detail, "built without cgo")
	assert.Contains(t, evidence.ProblemCodes, evidence.ProblemOCRUnavailable)
	for _, it := range rep.Items {
		assert.Nil(t, it.OCR, it.Path)
	}

	text := must(t)(archivegen.Zip([]archivegen.File{{Name: "notes.txt", Data: []byte("a note")}}, archivegen.ZipOptions{}))
	rep, err = analyzeBytes(t, "p.zip", text, evidence.Options{OCRUnavailable: why})
	require.NoError(t, err)
	for _, p := range rep.Problems {
		assert.NotEqual(t, evidence.ProblemOCRUnavailable, p.Code, "no image, nothing lost")
	}

	// With a pool, the reason is not used: OCR ran.
	pool, _ := sizePool(t, nil)
	rep, err = analyzeBytes(t, "p.zip", shots, evidence.Options{OCR: pool, OCRUnavailable: errors.New("stale")})
	require.NoError(t, err)
	for _, p := range rep.Problems {
		assert.NotEqual(t, evidence.ProblemOCRUnavailable, p.Code)
	}
}
