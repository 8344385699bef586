package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/reportschema"
)

// validateReport checks a JSON report the command wrote against
// docs/report.schema.json.
func validateReport(t testing.TB, doc []byte) {
	t.Helper()
	require.NoError(t, reportschema.Validate(doc))
}
