package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
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
		assert.Equal(t, evidence.VerdictContradicted, rep.Claim.Verdict, rep.Claim.Reason)
		assert.Equal(t, "toray", rep.Claim.Owner)
		assert.Equal(t, "counterparty", rep.Claim.Relation)
		assert.Contains(t, rep.Claim.Reason, "custody:", "the decisive evidence is custody")
		assert.NotContains(t, rep.Claim.Reason, "mention/")
		screens := 0
		for _, e := range top.Evidence {
			if strings.HasPrefix(e.Signal, "ocr/") && e.Role == "custody" {
				screens++
			}
		}
		assert.Positive(t, screens, "screenshots give custody evidence: %+v", top.Evidence)
		for _, o := range rep.Attribution.Ranking {
			if o.Org != "fujitsu" {
				continue
			}
			for _, e := range o.Evidence {
				assert.Contains(t, []string{"mention", "claim_echo"}, e.Role, "%+v", e)
			}
		}
	})
	t.Run("東レ", func(t *testing.T) {
		r := sampleSummaryWithOCR(t)
		require.Equal(t, 0, r.code, r.stderr)
		_, section, ok := strings.Cut(r.stdout, "\nVERDICT\n")
		require.True(t, ok, "no VERDICT section in:\n%s", r.stdout)
		_, claim, ok := strings.Cut(section, `  claim "東レ": SUPPORTED (owner toray; relation same)`+"\n")
		require.True(t, ok, "the claim is supported:\n%s", section)
		reason, _, _ := strings.Cut(claim, "\n")
		assert.Contains(t, reason, "custody:", "the decisive evidence is custody")
		assert.NotContains(t, reason, "mention/")
	})
}

func TestAttributionSummary(t *testing.T) {
	r := triage(t, "-ocr=false", "-claim", "Fujitsu", samplePath)
	require.Equal(t, 0, r.code, r.stderr)
	_, section, ok := strings.Cut(r.stdout, "\nATTRIBUTION\n")
	require.True(t, ok, "no ATTRIBUTION section in:\n%s", r.stdout)
	assert.Contains(t, section, "1. Toray Industries, Inc. (toray)  score ")
	assert.Contains(t, section, "(custody 58.0, authorship 19.0)")
	// Custody first; what the seller says before mentions.
	assert.Contains(t, section, "custody    mail_from/email \"nakamura.koji@toray.co.jp\"")
	echo := strings.Index(section, "claim_echo body/sale_note \"FUJITSU\"  FJ_sample/README.txt")
	mention := strings.Index(section, "mention    body/org_name")
	assert.Positive(t, echo, section)
	assert.Greater(t, mention, echo, section)
	assert.NotContains(t, section, `claim "Fujitsu"`, "the verdict opens the summary")
	_, verdict, ok := strings.Cut(r.stdout, "\nVERDICT\n")
	require.True(t, ok, "no VERDICT section in:\n%s", r.stdout)
	assert.Contains(t, verdict, `claim "Fujitsu": CONTRADICTED (owner toray; relation counterparty)`)
	assert.Contains(t, verdict, "the seller's own labels name Fujitsu")
	assert.Empty(t, r.stderr)

	// A claim date years after the files: a finding in the reason.
	r = triage(t, "-ocr=false", "-claim", "Fujitsu", "-claim-date", "2026-05-01", samplePath)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Regexp(t, `; the newest file is from 2021-\d\d-\d\d; the claim says 2026-05-01`, r.stdout)
	r = triage(t, "-ocr=false", "-claim-date", "2026-05-01T09:00:00+09:00", "-json", samplePath)
	require.Equal(t, 0, r.code, r.stderr)
	rep := decodeReport(t, r.stdout)
	require.Len(t, rep.Claim.Findings, 1)
	assert.Equal(t, "stale_data", rep.Claim.Findings[0].Kind)
	r = triage(t, "-claim-date", "1 May 2026", samplePath)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "YYYY-MM-DD or RFC 3339")

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
	// A subsidiary under an organisation of the default catalogue.
	sub := writeTemp(t, "sub.yaml", []byte(`organisations:
  - id: toray-fabric
    name: Toray Fabric Works Ltd.
    aliases: [Toray Fabric]
    domains: [toray-fabric.example.jp]
    parent: toray
`))
	orphan := writeTemp(t, "orphan.yaml", []byte(`organisations:
  - id: toray-fabric
    name: Toray Fabric Works Ltd.
    parent: torayy
`))
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
		stdout []string
	}{
		{name: "add under a default parent", args: []string{"-orgs-add", sub, "-claim", "Toray Fabric"}, code: 0,
			stdout: []string{`claim "Toray Fabric": CONTRADICTED (owner toray; relation parent_of_claimed)`}},
		{name: "add under an unknown parent", args: []string{"-orgs-add", orphan}, code: 2,
			stderr: []string{"triage: -orgs-add: " + orphan + `:4: unknown parent "torayy" of "toray-fabric"`}},
		{name: "add", args: []string{"-orgs-add", good, "-claim", "Umbrella"}, code: 0,
			stdout: []string{`claim "Umbrella": CONTRADICTED (owner toray; relation unrelated)`}},
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
