package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestClaimWithOCR triages the sample with OCR on: the screenshots add
// Toray's intranet, file server and logged-in banner to the evidence.
func TestClaimWithOCR(t *testing.T) {
	t.Run("Fujitsu", func(t *testing.T) {
		r, _ := sampleJSONWithOCR(t)
		require.Equal(t, 0, r.code, r.stderr)
		rep := decodeReport(t, r.stdout)
		require.Positive(t, rep.Stats.OCRImages)
		require.NotEmpty(t, rep.Attribution.Ranking)
		top := rep.Attribution.Ranking[0]
		assert.Equal(t, "toray", top.Org)
		assert.Equal(t, "contradicted", rep.Claim.Verdict, rep.Claim.Reason)
		assert.Equal(t, "toray", rep.Claim.Owner)
		assert.Contains(t, rep.Claim.Reason, "organisation field", "the decisive evidence is an ownership signal")
		assert.NotContains(t, rep.Claim.Reason, "mention/")
		screens := 0
		for _, e := range top.Evidence {
			if strings.HasPrefix(e.Signal, "ocr/") && e.Role == "ownership" {
				screens++
			}
		}
		assert.Positive(t, screens, "screenshots give ownership evidence: %+v", top.Evidence)
		for _, o := range rep.Attribution.Ranking {
			if o.Org != "fujitsu" {
				continue
			}
			for _, e := range o.Evidence {
				assert.Equal(t, "mention", e.Role, "%+v", e)
			}
		}
	})
	t.Run("東レ", func(t *testing.T) {
		r := sampleSummaryWithOCR(t)
		require.Equal(t, 0, r.code, r.stderr)
		_, section, ok := strings.Cut(r.stdout, "\nATTRIBUTION\n")
		require.True(t, ok, "no ATTRIBUTION section in:\n%s", r.stdout)
		_, claim, ok := strings.Cut(section, `  claim "toray": SUPPORTED (owner toray)`+"\n")
		require.True(t, ok, "the claim is supported:\n%s", section)
		reason, _, _ := strings.Cut(claim, "\n")
		assert.Contains(t, reason, "organisation field", "the decisive evidence is an ownership signal")
		assert.NotContains(t, reason, "mention/")
	})
}

func TestAttributionSummary(t *testing.T) {
	r := triage(t, "-ocr=false", "-claim", "Fujitsu", samplePath)
	require.Equal(t, 0, r.code, r.stderr)
	_, section, ok := strings.Cut(r.stdout, "\nATTRIBUTION\n")
	require.True(t, ok, "no ATTRIBUTION section in:\n%s", r.stdout)
	assert.Contains(t, section, "1. Toray Industries, Inc. (toray)  score ")
	assert.Contains(t, section, "ownership organisation/org_name \"東レ株式会社\"")
	assert.Contains(t, section, `claim "fujitsu": CONTRADICTED (owner toray)`)
	assert.Empty(t, r.stderr)

	r = triage(t, "-ocr=false", "-claim", "Umbrella", samplePath)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, `-claim "Umbrella" is in no organisation profile`)
	assert.Contains(t, r.stdout, `claim "Umbrella": INCONCLUSIVE`)
}

func TestOrgsFlags(t *testing.T) {
	good := writeTemp(t, "orgs.yaml", []byte(`organisations:
  - id: umbrella
    name: Umbrella Corporation
    aliases: [Umbrella]
    domains: [umbrella.example.jp]
`))
	bad := writeTemp(t, "bad.yaml", []byte(`organisations:
  - id: umbrella
    name: Umbrella Corporation
  - id: umbrella
    name: Again
    colour: red
`))
	clash := writeTemp(t, "clash.yaml", []byte(`organisations:
  - id: fake-toray
    name: Fake
    domains: [toray.co.jp]
`))
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
		stdout []string
	}{
		{name: "add", args: []string{"-orgs-add", good, "-claim", "Umbrella"}, code: 0,
			stdout: []string{`claim "umbrella": CONTRADICTED (owner toray)`}},
		{name: "replace", args: []string{"-orgs", good, "-claim", "Toray"}, code: 0,
			stderr: []string{`-claim "Toray" is in no organisation profile`}},
		{name: "errors with file and line", args: []string{"-orgs", bad}, code: 2,
			stderr: []string{"triage: -orgs: " + bad + `:6: unknown field "colour"`}},
		{name: "merge clash", args: []string{"-orgs-add", clash}, code: 2,
			stderr: []string{clash + `:4: domain "toray.co.jp"`}},
		{name: "missing file", args: []string{"-orgs", clash + ".none"}, code: 2, stderr: []string{"-orgs:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := triage(t, append(append([]string{"-ocr=false"}, tt.args...), samplePath)...)
			assert.Equal(t, tt.code, r.code, r.stderr)
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
			for _, s := range tt.stdout {
				assert.Contains(t, r.stdout, s)
			}
			if tt.code == 2 {
				assert.Empty(t, r.stdout)
			}
		})
	}
}
