package evidence_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/fingerprint"
)

func TestSampleAttribution(t *testing.T) {
	tests := []struct {
		name    string
		opts    evidence.Options
		claim   string
		verdict string
	}{
		{name: "claim Fujitsu", claim: "Fujitsu", verdict: fingerprint.Contradicted},
		{name: "claim 東レ", claim: "東レ", verdict: fingerprint.Supported},
		{name: "claim by domain", claim: "toray.co.jp", verdict: fingerprint.Supported},
		{name: "no claim", verdict: ""},
		{name: "unknown claim", claim: "Umbrella Corporation", verdict: fingerprint.Inconclusive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Claim = tt.claim
			rep, err := evidence.Analyze(t.Context(), samplePath, opts)
			require.NoError(t, err)
			require.NotEmpty(t, rep.Attribution.Ranking)
			top := rep.Attribution.Ranking[0]
			assert.Equal(t, "toray", top.Org)
			assert.GreaterOrEqual(t, top.Confidence, fingerprint.VerdictMinConfidence)
			assert.LessOrEqual(t, top.Confidence, 1.0)
			if fj, ok := ranked(rep, "fujitsu"); assert.True(t, ok, "Fujitsu is named everywhere") {
				for _, e := range fj.Evidence {
					assert.Equal(t, "mention", e.Role, "Fujitsu is only a vendor: %+v", e)
				}
				assert.Less(t, fj.Score, top.Score/10)
			}
			assert.Equal(t, tt.verdict, rep.Claim.Verdict, rep.Claim.Reason)
			switch tt.verdict {
			case fingerprint.Contradicted, fingerprint.Supported:
				assert.Equal(t, "toray", rep.Claim.Owner)
				// The reason names an ownership signal, not a mention.
				assert.Contains(t, rep.Claim.Reason, "organisation field")
				assert.Contains(t, rep.Claim.Reason, "東レ株式会社")
			case fingerprint.Inconclusive:
				assert.Contains(t, rep.Claim.Reason, "no organisation profile")
			case "":
				assert.Equal(t, evidence.Claim{}, rep.Claim)
			}
		})
	}
}

func ranked(rep *evidence.Report, org string) (evidence.Owner, bool) {
	for _, o := range rep.Attribution.Ranking {
		if o.Org == org {
			return o, true
		}
	}
	return evidence.Owner{}, false
}

// With SkipMetadata attribution still runs, on folder and file names.
func TestAttributionSkipMetadata(t *testing.T) {
	rep, err := evidence.Analyze(t.Context(), samplePath, evidence.Options{SkipMetadata: true, Claim: "Fujitsu"})
	require.NoError(t, err)
	assert.NotNil(t, rep.Attribution.Ranking)
	assert.NotNil(t, rep.Attribution.Candidates)
	assert.Equal(t, fingerprint.Inconclusive, rep.Claim.Verdict, "names alone are no evidence of ownership here")
}

// Options.Orgs replaces the catalogue: an organisation it lacks cannot
// rank, and its own organisations can.
func TestAttributionCatalogue(t *testing.T) {
	cat, err := fingerprint.Load(strings.NewReader(`organisations:
  - id: toray-group
    name: Toray Group
    aliases: [東レ, Toray]
    domains: [toray.co.jp]
`))
	require.NoError(t, err)
	rep, err := evidence.Analyze(t.Context(), samplePath, evidence.Options{Orgs: cat, Claim: "Fujitsu"})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Attribution.Ranking)
	assert.Equal(t, "toray-group", rep.Attribution.Ranking[0].Org)
	_, ok := ranked(rep, "fujitsu")
	assert.False(t, ok)
	assert.Equal(t, fingerprint.Inconclusive, rep.Claim.Verdict)
	assert.Contains(t, rep.Claim.Reason, "no organisation profile")
}
