package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -stix and -misp write the exports of the triage beside the summary, to
// their files, marked with -tlp and naming -seller; -claim-date dates the
// claim.
func TestSTIXAndMISPFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stixPath, mispPath := filepath.Join(dir, "case.stix.json"), filepath.Join(dir, "case.misp.json")
	res := triage(t, samplePath, "-ocr=false", "-q", "-claim", "Fujitsu", "-claim-date", "2021-06-20",
		"-tlp", "amber+strict", "-case", "CASE-7", "-seller", "kurogane_market", "-stix", stixPath, "-misp", mispPath)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "CONTRADICTED", "the summary is printed as before")

	var bundle struct {
		Type    string
		Objects []map[string]any
	}
	b, err := os.ReadFile(stixPath)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &bundle))
	assert.Equal(t, "bundle", bundle.Type)
	byType := map[string][]map[string]any{}
	for _, o := range bundle.Objects {
		byType[o["type"].(string)] = append(byType[o["type"].(string)], o)
	}
	assert.Equal(t, "strongly-disagree", byType["opinion"][0]["opinion"])
	assert.Equal(t, "2021-06-20T00:00:00.000Z", byType["report"][0]["published"])
	assert.Equal(t, "TLP:AMBER+STRICT", byType["marking-definition"][0]["name"])
	var names []string
	for _, o := range byType["identity"] {
		names = append(names, o["name"].(string))
	}
	assert.ElementsMatch(t, []string{"proofpack", "Toray Industries, Inc.", "Fujitsu Limited", "kurogane_market"}, names)
	assert.Len(t, byType["file"], 20, "19 items and the package: the command keeps the items for the exports")

	var event struct {
		Event struct {
			Info, Date string
			Tag        []struct{ Name string }
			Object     []struct{ Name string }
		}
	}
	b, err = os.ReadFile(mispPath)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &event))
	assert.Equal(t, "2021-06-20", event.Event.Date)
	assert.Contains(t, event.Event.Info, "(case CASE-7)")
	assert.Equal(t, "tlp:amber+strict", event.Event.Tag[0].Name)
	files := 0
	for _, o := range event.Event.Object {
		if o.Name == "file" {
			files++
		}
	}
	assert.Equal(t, 20, files)
}

// -stix - (or -misp -) writes the export to standard output, which then
// holds nothing else; the JSON report must go to a file.
func TestSTIXAndMISPOnStandardOutput(t *testing.T) {
	t.Parallel()
	res := triage(t, samplePath, "-ocr=false", "-q", "-claim", "Fujitsu", "-stix", "-")
	require.Equal(t, 0, res.code, res.stderr)
	var bundle map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &bundle), "standard output is the bundle alone")
	assert.Equal(t, "bundle", bundle["type"])

	res = triage(t, samplePath, "-ocr=false", "-q", "-misp", "-")
	require.Equal(t, 0, res.code, res.stderr)
	var event map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &event))
	assert.Contains(t, event, "Event")

	out := filepath.Join(t.TempDir(), "report.json")
	res = triage(t, samplePath, "-ocr=false", "-q", "-json", "-o", out, "-misp", "-")
	require.Equal(t, 0, res.code, res.stderr)
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &event))
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, json.Valid(b), "the report went to -o")

	for _, args := range [][]string{
		{"-json", "-stix", "-"},
		{"-stix", "-", "-misp", "-"},
		{"-stix", samplePath},
	} {
		res := triage(t, append([]string{samplePath, "-ocr=false", "-q"}, args...)...)
		assert.Equal(t, 2, res.code, "%v", args)
		assert.True(t, strings.Contains(res.stderr, "-stix") || strings.Contains(res.stderr, "-misp"), res.stderr)
	}
}
