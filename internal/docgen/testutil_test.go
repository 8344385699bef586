package docgen

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/oracle"
)

// jst is Japan Standard Time for test fixtures.
var jst = time.FixedZone("JST", 9*60*60)

// oracleRun returns the record of tool run with args on data (named name),
// from its golden under testdata/oracle, named by the test, the input, the
// tool and the switches that set the run apart, as in
// testdata/oracle/TestJPEG_exiftool.a.jpg.exiftool-validate-warning-a.json.
// The generators are deterministic, so the recorded input hash holds.
func oracleRun(t *testing.T, tool *oracle.Tool, switches []string, name string, data []byte, args ...string) *oracle.Record {
	t.Helper()
	label := tool.Name
	for _, a := range switches {
		label += "-" + strings.TrimLeft(a, "-")
	}
	golden := filepath.Join("testdata", "oracle", strings.ReplaceAll(t.Name(), "/", "_")+"."+name+"."+label+".json")
	return oracle.Run(t, oracle.Spec{Tool: tool, Args: args, Name: name, Data: data, Golden: golden})
}

// exiftool returns the first object of `exiftool -json [args]` on data
// written as name, as recorded.
func exiftool(t *testing.T, name string, data []byte, args ...string) map[string]any {
	t.Helper()
	rec := oracleRun(t, oracle.Exiftool, args, name, data, append(append([]string{"-json"}, args...), oracle.In)...)
	tags, err := rec.ExiftoolTags()
	require.NoError(t, err)
	return tags
}

// tool returns the standard output of a poppler command (pdfinfo, or
// pdftotext writing to "-") on data written as name, as recorded, and
// requires that it succeeded without a complaint.
func tool(t *testing.T, cmd *oracle.Tool, name string, data []byte, args ...string) string {
	t.Helper()
	all := append(append([]string{}, args...), oracle.In)
	if cmd != oracle.Pdfinfo {
		all = append(all, "-")
	}
	rec := oracleRun(t, cmd, args, name, data, all...)
	require.Zero(t, rec.ExitCode, rec.Stderr())
	require.Empty(t, rec.Stderr(), "%s complained", cmd.Name)
	return rec.Stdout()
}
