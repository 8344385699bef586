//go:build cgo

package tesseract

import (
	"testing"

	"github.com/otiai10/gosseract/v2"
	"github.com/stretchr/testify/assert"
)

// TestDefaultPageSegModeIsSparseText checks the number options.go spells
// out against gosseract's constant.
func TestDefaultPageSegModeIsSparseText(t *testing.T) {
	assert.Equal(t, int(gosseract.PSM_SPARSE_TEXT), DefaultPageSegMode)
	assert.True(t, Available)
}
