package evidence_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// TestDeceptiveNames (issue 11, r11): a name whose bidi, zero-width or
// control characters make it read as something else is a deceptive_name
// problem on its item, mail attachments included; ordinary right-to-left
// and Persian names are not; the walk goes on; the JSON keeps the names
// as they are.
func TestDeceptiveNames(t *testing.T) {
	data := must(t)(archivegen.DeceptiveNames())
	rep, err := analyzeBytes(t, "r11.zip", data, evidence.Options{})
	require.NoError(t, err)
	byName := map[string]evidence.Item{}
	for _, it := range rep.Items {
		byName[strings.TrimPrefix(it.Path, "r11.zip!/")] = it
	}
	tests := []struct {
		name   string
		detail string // "" for no deceptive_name problem
	}{
		{archivegen.DeceptiveRLO, "name holds characters that hide, reorder or control how it reads: U+202E RIGHT-TO-LEFT OVERRIDE"},
		{archivegen.DeceptiveIsolates, "U+2067 RIGHT-TO-LEFT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE"},
		{archivegen.DeceptiveZeroWidth, "U+200B ZERO WIDTH SPACE, U+FEFF ZERO WIDTH NO-BREAK SPACE"},
		{"mail/m.eml!/" + archivegen.DeceptiveAttachment, "U+202E RIGHT-TO-LEFT OVERRIDE"},
		{archivegen.DeceptivePersian, ""},
		{"mail/m.eml", ""},
		{archivegen.DeceptiveLast, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, ok := byName[tt.name]
			require.True(t, ok, "item %q is in the report", tt.name)
			var got []string
			for _, p := range it.Problems {
				if p.Code == evidence.ProblemDeceptiveName {
					got = append(got, p.Detail)
				}
			}
			if tt.detail == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.Contains(t, got[0], tt.detail)
		})
	}
	assert.NotEmpty(t, byName[archivegen.DeceptiveLast].SHA256, "the walk reached the last entry")
	assert.Equal(t, archivegen.DeceptiveSubject, byName["mail/m.eml"].Metadata.Title, "metadata keeps the true value")

	// The JSON keeps the true characters: the contract, for machines.
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	validateReport(t, b)
	var back evidence.Report
	require.NoError(t, json.Unmarshal(b, &back))
	var paths []string
	for _, it := range back.Items {
		paths = append(paths, it.Path)
	}
	assert.Contains(t, paths, "r11.zip!/"+archivegen.DeceptiveRLO)
}

// TestDeceptiveNameCost: the problem of a name made of nothing but
// hidden characters stays small (its detail names a few distinct
// characters); what finding it costs is TestNameProblemsCost's.
func TestDeceptiveNameDetail(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		b.WriteRune(rune(0x202a + i%5))
		b.WriteRune(rune(0xe0020 + i%90))
	}
	name := b.String()
	data := must(t)(archivegen.Zip([]archivegen.File{{Name: name, Data: []byte("x"), UTF8: true}, {Name: "after.txt", Data: []byte("y")}}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "n.zip", data, evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err)
	require.Len(t, rep.Items, 2)
	var detail string
	for _, p := range rep.Items[0].Problems {
		if p.Code == evidence.ProblemDeceptiveName {
			detail = p.Detail
		}
	}
	require.NotEmpty(t, detail)
	assert.Less(t, len(detail), 300, detail)
	assert.Contains(t, detail, "and others")
	// What the check costs is measured on the check itself, in
	// TestNameProblemsCost: the whole pipeline's allocations vary by a
	// pooled buffer (256 KiB) from run to run, more than the check costs.
}

// TestJSONKeepsHiddenCharacters: the JSON report is the contract for
// machines and keeps every value as it is. encoding/json escapes what a
// JSON string cannot hold raw (C0 controls) and what breaks JavaScript
// (U+2028, U+2029), and, as it documents, replaces bytes that are not
// UTF-8 with U+FFFD (written \ufffd); bidi controls, DEL and C1 stay as
// they are. Outputs for people
// (package render) escape them all.
func TestJSONKeepsHiddenCharacters(t *testing.T) {
	title := "a\x1b[2J\u2028\u2029\u202e\u200b\x7f\u009b\xffz"
	rep := &evidence.Report{Items: []evidence.Item{{Path: "p.zip!/invoice_\u202etxt.exe", Metadata: evidence.Metadata{Title: title}}}}
	var buf strings.Builder
	require.NoError(t, rep.WriteJSON(&buf))
	out := buf.String()
	for _, want := range []string{`a\u001b[2J\u2028\u2029` + "\u202e\u200b\x7f\u009b" + `\ufffdz`, "invoice_\u202etxt.exe"} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "\x1b")
	assert.NotContains(t, out, "\u2028")
	var back evidence.Report
	require.NoError(t, json.Unmarshal([]byte(out), &back))
	assert.Equal(t, strings.ToValidUTF8(title, "\ufffd"), back.Items[0].Metadata.Title)
}
