package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

// TestMarkdownCase: the Markdown's first line under the title marks it
// with its TLP and names the case, the analyst and the date, escaped.
func TestMarkdownCase(t *testing.T) {
	rep := sampleReport(t, 1)
	rep.TriagedAt = "2026-05-01T09:30:15Z"
	rep.Case = evidence.Case{ID: "CASE-7`|x", Analyst: "Aoi <b>Tanabe</b>", TLP: evidence.TLPAmberStrict}
	var b bytes.Buffer
	require.NoError(t, Markdown(&b, rep))
	lines := strings.Split(b.String(), "\n")
	require.Greater(t, len(lines), 2)
	assert.Equal(t, `**TLP:AMBER+STRICT** · case `+"`CASE-7'\\|x`"+` · analyst Aoi &lt;b&gt;Tanabe&lt;/b&gt; · triaged 2026-05-01T09:30:15Z  `, lines[2])

	v := buildView(rep)
	assert.Equal(t, "TLP:AMBER+STRICT", v.TLP)
	assert.Equal(t, "CASE-7`|x", v.Case.ID)
	assert.Equal(t, "2026-05-01T09:30:15Z", v.TriagedAt)

	// No case: only the date.
	rep.Case = evidence.Case{}
	b.Reset()
	require.NoError(t, Markdown(&b, rep))
	assert.Equal(t, "triaged 2026-05-01T09:30:15Z  ", strings.Split(b.String(), "\n")[2])
}
