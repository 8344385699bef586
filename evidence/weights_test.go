package evidence_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/fingerprint"
)

// TestOptionsWeights: a table of one's own reaches attribution and the
// verdict; one that fails its Validate stops the triage before it reads
// anything, with an error callers can test.
func TestOptionsWeights(t *testing.T) {
	const sample = "../testdata/sample/fujitsu-proofpack.zip"
	ctx := context.Background()
	def, err := evidence.Analyze(ctx, sample, evidence.Options{Claim: "Fujitsu"})
	require.NoError(t, err)
	require.Equal(t, evidence.VerdictContradicted, def.Claim.Verdict)
	require.Equal(t, "toray", def.Claim.Owner)

	// A model that trusts nothing: no organisation reaches the owner's
	// confidence, so the claim can be neither supported nor contradicted.
	w := fingerprint.DefaultWeights()
	w.ConfidenceBias, w.ConfidenceCustodyItems, w.ConfidenceCustodyLead = -100, 0, 0
	doubt, err := evidence.Analyze(ctx, sample, evidence.Options{Claim: "Fujitsu", Weights: &w})
	require.NoError(t, err)
	assert.Equal(t, evidence.VerdictInconclusive, doubt.Claim.Verdict)
	assert.Empty(t, doubt.Claim.Owner)
	require.NotEmpty(t, doubt.Attribution.Ranking)
	assert.Less(t, doubt.Attribution.Ranking[0].Confidence, 0.01)
	assert.Equal(t, def.Attribution.Ranking[0].Score, doubt.Attribution.Ranking[0].Score, "the class weights are the default ones")

	bad := fingerprint.DefaultWeights()
	bad.OwnerMinConfidence = 2
	rep, err := evidence.Analyze(ctx, sample, evidence.Options{Weights: &bad})
	assert.Nil(t, rep)
	assert.ErrorIs(t, err, fingerprint.ErrWeights)
}
