package reportschema_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/internal/reportschema"
)

// sampleDoc is the JSON report of the bundled sample, with a claim and a
// case, decoded as a tree to change.
func sampleDoc(t *testing.T) map[string]any {
	t.Helper()
	rep, err := evidence.Analyze(t.Context(), "../../testdata/sample/fujitsu-proofpack.zip", evidence.Options{
		Claim: "富士通", Case: "CASE-1", TLP: "green", TempDir: t.TempDir(),
		Now: func() time.Time { return time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC) }})
	require.NoError(t, err)
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	require.NoError(t, reportschema.Validate(b))
	var v map[string]any
	require.NoError(t, json.Unmarshal(b, &v))
	return v
}

func item(v map[string]any, i int) map[string]any   { return v["items"].([]any)[i].(map[string]any) }
func obj(v map[string]any, k string) map[string]any { return v[k].(map[string]any) }

// TestValidateRefuses: a report with a value of the wrong type, an
// unknown field, a value outside an enumeration, a missing field or a
// null list fails, each with the place it failed at.
func TestValidateRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, where string
		change      func(v map[string]any)
	}{
		{"size a string", "/items/0/size", func(v map[string]any) { item(v, 0)["size"] = "433" }},
		{"hash a number", "/package/sha256", func(v map[string]any) { obj(v, "package")["sha256"] = 5 }},
		{"hash not hex", "/items/1/md5", func(v map[string]any) { item(v, 1)["md5"] = strings.Repeat("Z", 32) }},
		{"unknown item field", "/items/0", func(v map[string]any) { item(v, 0)["colour"] = "red" }},
		{"unknown top-level field", "", func(v map[string]any) { v["extra"] = true }},
		{"unknown metadata field", "/items/6/metadata", func(v map[string]any) { obj(item(v, 6), "metadata")["company"] = "x" }},
		{"verdict outside the enumeration", "/claim/verdict", func(v map[string]any) { obj(v, "claim")["verdict"] = "likely" }},
		{"kind outside the enumeration", "/items/2/kind", func(v map[string]any) { item(v, 2)["kind"] = "video" }},
		{"role outside the enumeration", "/attribution/ranking/0/evidence/0/role", func(v map[string]any) {
			obj(v, "attribution")["ranking"].([]any)[0].(map[string]any)["evidence"].([]any)[0].(map[string]any)["role"] = "owner"
		}},
		{"tlp not canonical", "/case/tlp", func(v map[string]any) { obj(v, "case")["tlp"] = "green" }},
		{"text_source outside the enumeration", "/items/0/text_source", func(v map[string]any) { item(v, 0)["text_source"] = "ocr+body" }},
		{"missing triaged_at", "", func(v map[string]any) { delete(v, "triaged_at") }},
		{"triaged_at not UTC", "/triaged_at", func(v map[string]any) { v["triaged_at"] = "2026-05-01T18:30:00+09:00" }},
		{"null problems", "/problems", func(v map[string]any) { v["problems"] = nil }},
		{"old schema version", "/schema_version", func(v map[string]any) { v["schema_version"] = "2" }},
		{"box of three", "/items/0/ocr", func(v map[string]any) {
			item(v, 0)["ocr"] = map[string]any{"engine": "t", "lang": "eng", "confidence": 50, "text_px": 10, "small_text_share": 0,
				"words": []any{map[string]any{"text": "a", "conf": 1, "box": []any{1, 2, 3}}}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := sampleDoc(t)
			tc.change(v)
			b, err := json.Marshal(v)
			require.NoError(t, err)
			err = reportschema.Validate(b)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "'"+tc.where+"'", "fails at %s", tc.where)
		})
	}
}

// TestValidateAccepts: metadata.raw is free-form, and a report of OCR
// words and a case passes.
func TestValidateAccepts(t *testing.T) {
	v := sampleDoc(t)
	obj(item(v, 6), "metadata")["raw"] = map[string]any{"any": []any{1, "two", nil, map[string]any{"x": true}}}
	item(v, 0)["ocr"] = map[string]any{"engine": "tesseract 5.3.0", "lang": "jpn+eng", "confidence": 81.5, "text_px": 14,
		"small_text_share": 0.1, "words": []any{map[string]any{"text": "東レ", "conf": 91, "box": []any{1, 2, 3, 4}}}}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.NoError(t, reportschema.Validate(b))
}

// TestValidateNDJSON: the lines of -ndjson, put together, follow the
// schema; a stream cut before its report line does not.
func TestValidateNDJSON(t *testing.T) {
	rep, err := evidence.Analyze(t.Context(), "../../testdata/sample/fujitsu-proofpack.zip", evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, render.WriteJSON(&b, rep, render.JSONOptions{Lines: true}))
	require.NoError(t, reportschema.ValidateNDJSON(b.Bytes()))
	lines := bytes.SplitAfter(b.Bytes(), []byte("\n"))
	cut := bytes.Join(lines[:len(lines)-2], nil)
	assert.ErrorContains(t, reportschema.ValidateNDJSON(cut), "no report line")
	bad := bytes.Replace(b.Bytes(), []byte(`"kind":"text"`), []byte(`"kind":7`), 1)
	assert.Error(t, reportschema.ValidateNDJSON(bad))
}
