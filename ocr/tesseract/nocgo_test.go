//go:build !cgo

package tesseract

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/ocr"
)

// TestNoCgoUnavailable checks what a build without cgo offers: New and
// Recognize fail with ocr.ErrUnavailable and a reason that says how to
// get OCR, and a pool built on New fails the same way.
func TestNoCgoUnavailable(t *testing.T) {
	assert.False(t, Available)
	e, err := New(Options{})
	require.ErrorIs(t, err, ocr.ErrUnavailable)
	assert.Nil(t, e)
	assert.Contains(t, err.Error(), "CGO_ENABLED=0")
	assert.Contains(t, err.Error(), "libtesseract-dev")

	_, err = (&Engine{}).Recognize(context.Background(), &ocr.Prepared{})
	require.ErrorIs(t, err, ocr.ErrUnavailable)

	_, err = ocr.NewPool(func() (ocr.Engine, error) { return New(Options{}) }, ocr.Options{Workers: 1})
	require.ErrorIs(t, err, ocr.ErrUnavailable)
	assert.NoError(t, EnsureThreadLimit())
}
