package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSplitFlags checks the refusals that need no OCR: -misses outside
// the decided half of the varied set, -split on the fixed set, an unknown
// split.
func TestSplitFlags(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		errSub string
	}{
		{"misses on the held-out half", []string{"-set", "varied", "-split", "heldout", "-misses"}, "only allowed on the decided half"},
		{"misses on both halves", []string{"-set", "varied", "-misses"}, "no rule may be tuned on the held-out half"},
		{"split of the fixed set", []string{"-split", "decided"}, "need the varied set"},
		{"unknown split", []string{"-set", "varied", "-split", "train"}, "want decided, heldout or all"},
		{"half of the varied set", []string{"-set", "varied", "-half", "odd"}, "use -split"},
		{"bad cpu reference", []string{"-set", "varied", "-cpuref", "eng=fast"}, "want S or eng=S,jpn=S"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr.String(), tt.errSub)
			assert.Empty(t, stdout.String(), "nothing measured")
		})
	}
}

func TestParseCPURef(t *testing.T) {
	ref, err := parseCPURef("0.7")
	assert.NoError(t, err)
	assert.Equal(t, 0.7, cpuRefFor(ref, "eng"))
	assert.Equal(t, 0.7, cpuRefFor(ref, "jpn"))
	ref, err = parseCPURef("eng=0.62, jpn=0.73")
	assert.NoError(t, err)
	assert.Equal(t, 0.62, cpuRefFor(ref, "eng"))
	assert.Equal(t, 0.73, cpuRefFor(ref, "jpn"))
	assert.Zero(t, cpuRefFor(ref, "kor"))
	_, err = parseCPURef("eng=-1")
	assert.Error(t, err)
}
