package evidence_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/reportschema"
)

// validateReport checks a JSON report against docs/report.schema.json.
func validateReport(t testing.TB, doc []byte) {
	t.Helper()
	require.NoError(t, reportschema.Validate(doc))
}

// validateBoth checks rep as json.Marshal and as WriteJSON write it.
func validateBoth(t testing.TB, rep *evidence.Report) {
	t.Helper()
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	validateReport(t, b)
	var w bytes.Buffer
	require.NoError(t, rep.WriteJSON(&w))
	validateReport(t, w.Bytes())
}

// TestReportSchema: the report of every sample package of the
// repository follows the schema, with a claim and a case, and without,
// with a case library and without.
func TestReportSchema(t *testing.T) {
	var packs []string
	for _, glob := range []string{"../testdata/sample/*.zip", "../testdata/archives/*.7z", "../testdata/attribution/*.zip",
		"../testdata/attribution/*.tar.gz", "../testdata/attribution/*.7z"} {
		m, err := filepath.Glob(glob)
		require.NoError(t, err)
		packs = append(packs, m...)
	}
	require.Greater(t, len(packs), 100)
	lib := openLibrary(t)
	for i, p := range packs {
		opts := evidence.Options{TempDir: t.TempDir()}
		if i%2 == 0 {
			opts.Claim, opts.Case, opts.Analyst, opts.TLP = "Fujitsu", "CASE-1", "Aoi Tanabe", "amber+strict"
		}
		if i%3 != 1 {
			// Two packs in three go through one case library, so that
			// reports hold hashes, sightings and the library section.
			opts.Library = lib
		}
		rep, err := evidence.Analyze(t.Context(), p, opts)
		if !errors.Is(err, evidence.ErrUnreadable) { // encrypted headers: a report and the problem
			require.NoError(t, err, p)
		}
		require.NotNil(t, rep, p)
		validateBoth(t, rep)
	}
}

// TestReportSchemaCut: the reports of a triage cut short follow the
// schema too: cancelled before the stream was read (no items, no
// attribution), and a package of which nothing could be read.
func TestReportSchemaCut(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	rep, err := evidence.AnalyzeReader(ctx, "stdin", strings.NewReader("PK\x03\x04"), evidence.Options{TempDir: t.TempDir()})
	require.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, rep)
	validateBoth(t, rep)

	rep, err = analyzeBytes(t, "broken.zip", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00garbage"), evidence.Options{Claim: "Fujitsu"})
	require.NotNil(t, rep, "%v", err)
	validateBoth(t, rep)
}
