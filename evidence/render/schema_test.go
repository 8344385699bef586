package render

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/reportschema"
)

// validateReport checks a JSON report against docs/report.schema.json.
func validateReport(t testing.TB, doc []byte) {
	t.Helper()
	require.NoError(t, reportschema.Validate(doc))
}

// TestJSONSchemaTextModes: the sample's report follows the schema in
// every text mode, as one document and as NDJSON.
func TestJSONSchemaTextModes(t *testing.T) {
	rep := fixtureReports(t)["fujitsu-proofpack.zip"]
	for _, mode := range TextModes {
		for _, lines := range []bool{false, true} {
			var buf bytes.Buffer
			require.NoError(t, WriteJSON(&buf, rep, JSONOptions{Text: mode, Lines: lines}))
			if lines {
				require.NoError(t, reportschema.ValidateNDJSON(buf.Bytes()), "%s", mode)
				continue
			}
			validateReport(t, buf.Bytes())
		}
	}
}
