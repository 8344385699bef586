package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

// TestCaseFlags: -case, -analyst and -tlp reach the JSON, the summary's
// header and the Markdown; -tlp takes any case and WHITE, and refuses
// what TLP 2.0 does not define.
func TestCaseFlags(t *testing.T) {
	t.Parallel()
	args := []string{"-q", "-ocr=false", "-case", "CASE-2026-0042", "-analyst", "Aoi Tanabe", "-tlp", "amber+strict"}

	res := triage(t, append([]string{"-json", samplePath}, args...)...)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	rep := decodeReport(t, res.stdout)
	assert.Equal(t, evidence.Case{ID: "CASE-2026-0042", Analyst: "Aoi Tanabe", TLP: evidence.TLPAmberStrict}, rep.Case)
	at, err := time.Parse(time.RFC3339, rep.TriagedAt)
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), at, 10*time.Minute)
	assert.NotEmpty(t, rep.Package.SHA256)

	md := filepath.Join(t.TempDir(), "r.md")
	res = triage(t, append([]string{samplePath, "-md", md}, args...)...)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	assert.Equal(t, "  case    CASE-2026-0042, analyst Aoi Tanabe, TLP:AMBER+STRICT", lineWith(t, res.stdout, "CASE-2026-0042"))
	assert.Contains(t, lineWith(t, res.stdout, "  triaged "), rep.TriagedAt[:10])
	b, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.Contains(t, string(b), "**TLP:AMBER+STRICT** · case `CASE-2026-0042` · analyst Aoi Tanabe · triaged ")

	res = triage(t, "-json", "-q", "-ocr=false", "-tlp", "white", samplePath)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	assert.Equal(t, evidence.Case{TLP: evidence.TLPClear}, decodeReport(t, res.stdout).Case)

	res = triage(t, "-json", "-q", "-ocr=false", samplePath)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	assert.NotContains(t, res.stdout, `"case"`)

	res = triage(t, "-tlp", "yellow", samplePath)
	assert.Equal(t, 2, res.code)
	assert.Empty(t, res.stdout)
	assert.True(t, strings.HasPrefix(res.stderr, "triage: -tlp: "), res.stderr)
	assert.Contains(t, res.stderr, "AMBER+STRICT")
}
