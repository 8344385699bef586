package evidence

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
)

// TestAddProblemOneStop: a triage stopped by its deadline or cancelled
// gives an item one problem, whichever stages saw the stop (the read
// said "context deadline exceeded", then OCR said it did not read the
// image): the one that says more is kept. Other problems of a code still
// add up when their details differ.
func TestAddProblemOneStop(t *testing.T) {
	var it Item
	addProblem(&it, context.DeadlineExceeded)
	addProblem(&it, fmt.Errorf("ocr: not read: %w", &unpack.LimitError{Limit: unpack.LimitDuration, Path: "p.zip"}))
	require.Len(t, it.Problems, 1)
	assert.Equal(t, ProblemLimitPrefix+unpack.LimitDuration, it.Problems[0].Code)
	assert.Contains(t, it.Problems[0].Detail, "ocr: not read")

	addProblem(&it, context.Canceled)
	addProblem(&it, fmt.Errorf("ocr: %w", context.Canceled))
	require.Len(t, it.Problems, 2, "a cancellation is its own stop")
	assert.Equal(t, "ocr: context canceled", it.Problems[1].Detail)

	addProblem(&it, fmt.Errorf("%w: part 1", unpack.ErrTruncated))
	addProblem(&it, fmt.Errorf("%w: part 2", unpack.ErrTruncated))
	assert.Len(t, it.Problems, 4)
}
