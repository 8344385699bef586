package evidence_test

import (
	"strings"
	"testing"
	"time"

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
		verdict evidence.Verdict
		// org and orgName: the profile the claim matched.
		org, orgName string
	}{
		{name: "claim Fujitsu", claim: "Fujitsu", verdict: evidence.VerdictContradicted, org: "fujitsu", orgName: "Fujitsu Limited"},
		{name: "claim 東レ", claim: "東レ", verdict: evidence.VerdictSupported, org: "toray", orgName: "Toray Industries, Inc."},
		{name: "claim by domain", claim: " toray.co.jp ", verdict: evidence.VerdictSupported, org: "toray", orgName: "Toray Industries, Inc."},
		{name: "no claim", verdict: ""},
		{name: "unknown claim", claim: "Umbrella Corporation", verdict: evidence.VerdictInconclusive},
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
			assert.GreaterOrEqual(t, top.Confidence, fingerprint.OwnerMinConfidence)
			assert.LessOrEqual(t, top.Confidence, 1.0)
			assert.Greater(t, top.Custody, top.Authorship, "Toray's systems held the files")
			if fj, ok := ranked(rep, "fujitsu"); assert.True(t, ok, "Fujitsu is named everywhere") {
				echo := 0
				for _, e := range fj.Evidence {
					switch e.Role {
					case "claim_echo":
						// The seller's README speaks of the sale.
						assert.Equal(t, "fujitsu-proofpack.zip!/FJ_sample/README.txt", e.Item)
						assert.Zero(t, e.Weight)
						echo++
					default:
						assert.Equal(t, "mention", e.Role, "Fujitsu is only a vendor: %+v", e)
					}
				}
				assert.Equal(t, 1, echo, "%+v", fj.Evidence)
				assert.Zero(t, fj.Custody+fj.Authorship)
				assert.Less(t, fj.Score, top.Score/10)
			}
			assert.Equal(t, tt.verdict, rep.Claim.Verdict, rep.Claim.Reason)
			// The claim as typed, and the profile it matched.
			assert.Equal(t, strings.TrimSpace(tt.claim), rep.Claim.Claimed)
			assert.Equal(t, tt.org, rep.Claim.ClaimedOrg)
			assert.Equal(t, tt.orgName, rep.Claim.ClaimedName)
			switch tt.verdict {
			case fingerprint.Contradicted, fingerprint.Supported:
				assert.Equal(t, "toray", rep.Claim.Owner)
				assert.Equal(t, "Toray Industries, Inc.", rep.Claim.OwnerName)
				assert.Equal(t, []string{"toray"}, rep.Claim.Owners)
				// The reason names custody evidence, not a mention.
				assert.Contains(t, rep.Claim.Reason, "custody: address in the sender of an internal mail")
				assert.Contains(t, rep.Claim.Reason, "nakamura.koji@toray.co.jp")
				if tt.verdict == fingerprint.Contradicted {
					assert.Equal(t, fingerprint.RelationCounterparty, rep.Claim.Relation)
					assert.Contains(t, rep.Claim.Reason, "the seller's own labels name Fujitsu")
				} else {
					assert.Equal(t, fingerprint.RelationSame, rep.Claim.Relation)
				}
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

// TestClaimFreshness: a claim date far after the newest content date is a
// finding on the claim, and its reason says so; a recent one is not.
func TestClaimFreshness(t *testing.T) {
	tests := []struct {
		name      string
		claim     string
		claimDate time.Time
		stale     bool
	}{
		{"years later", "Fujitsu", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), true},
		{"a month later", "Fujitsu", time.Date(2021, 7, 15, 0, 0, 0, 0, time.UTC), false},
		{"no claim date", "Fujitsu", time.Time{}, false},
		{"a date without a claim", "", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := evidence.Analyze(t.Context(), samplePath, evidence.Options{Claim: tt.claim, ClaimDate: tt.claimDate})
			require.NoError(t, err)
			if !tt.stale {
				assert.Empty(t, rep.Claim.Findings)
				assert.NotContains(t, rep.Claim.Reason, "the newest file")
				return
			}
			require.Len(t, rep.Claim.Findings, 1)
			f := rep.Claim.Findings[0]
			assert.Equal(t, evidence.ClaimStale, f.Kind)
			// The sample's files are of spring 2021.
			assert.Regexp(t, `^the newest file is from 2021-0[56]-\d\d; the claim says 2026-05-01$`, f.Detail)
			assert.Contains(t, rep.Claim.Reason, f.Detail)
			if tt.claim != "" {
				assert.Equal(t, fingerprint.Contradicted, rep.Claim.Verdict, "the finding does not change the verdict")
			}
		})
	}
}
