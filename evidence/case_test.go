package evidence_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

// fixedNow is a clock for reports whose date a test compares.
func fixedNow() time.Time {
	return time.Date(2026, 5, 1, 18, 30, 15, 999_000_000, time.FixedZone("JST", 9*3600))
}

func TestParseTLP(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want evidence.TLP
	}{
		{"", ""},
		{"  ", ""},
		{"clear", evidence.TLPClear},
		{"CLEAR", evidence.TLPClear},
		{"white", evidence.TLPClear},
		{"TLP:WHITE", evidence.TLPClear},
		{"green", evidence.TLPGreen},
		{"Amber", evidence.TLPAmber},
		{"amber+strict", evidence.TLPAmberStrict},
		{"tlp:amber+strict", evidence.TLPAmberStrict},
		{" RED ", evidence.TLPRed},
	} {
		got, err := evidence.ParseTLP(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	for _, bad := range []string{"amber strict", "AMBER+", "yellow", "TLP:", "RED\x00", "ＲＥＤ"} {
		_, err := evidence.ParseTLP(bad)
		require.Error(t, err, "%q", bad)
		assert.ErrorIs(t, err, evidence.ErrOption, "%q", bad)
	}
	assert.Equal(t, "TLP:AMBER+STRICT", evidence.TLPAmberStrict.Label())
	assert.Empty(t, evidence.TLP("").Label())
}

// TestCaseAndDate: the report is dated by Options.Now (UTC, to the
// second) and carries the case, its TLP canonical, in both encodings.
func TestCaseAndDate(t *testing.T) {
	rep, err := analyzeBytes(t, "one.txt", []byte("hello"), evidence.Options{
		Now: fixedNow, Case: "CASE-2026-0042", Analyst: "Aoi Tanabe", TLP: "amber+strict"})
	require.NoError(t, err)
	assert.Equal(t, "2026-05-01T09:30:15Z", rep.TriagedAt)
	assert.Equal(t, evidence.Case{ID: "CASE-2026-0042", Analyst: "Aoi Tanabe", TLP: evidence.TLPAmberStrict}, rep.Case)
	assert.Equal(t, "one.txt", rep.Package.Name)
	assert.Equal(t, sha([]byte("hello")), rep.Package.SHA256)

	var streamed bytes.Buffer
	require.NoError(t, rep.WriteJSON(&streamed))
	marshalled, err := json.Marshal(rep)
	require.NoError(t, err)
	for _, b := range [][]byte{streamed.Bytes(), marshalled} {
		validateReport(t, b)
		var v struct {
			TriagedAt string         `json:"triaged_at"`
			Case      map[string]any `json:"case"`
		}
		require.NoError(t, json.Unmarshal(b, &v))
		assert.Equal(t, "2026-05-01T09:30:15Z", v.TriagedAt)
		assert.Equal(t, map[string]any{"id": "CASE-2026-0042", "analyst": "Aoi Tanabe", "tlp": "AMBER+STRICT"}, v.Case)
	}

	// No case given: no "case" at all; the date is there.
	rep, err = analyzeBytes(t, "one.txt", []byte("hello"), evidence.Options{})
	require.NoError(t, err)
	streamed.Reset()
	require.NoError(t, rep.WriteJSON(&streamed))
	marshalled, err = json.Marshal(rep)
	require.NoError(t, err)
	for _, b := range [][]byte{streamed.Bytes(), marshalled} {
		validateReport(t, b)
		var v map[string]any
		require.NoError(t, json.Unmarshal(b, &v))
		assert.NotContains(t, v, "case")
		at, err := time.Parse(time.RFC3339, v["triaged_at"].(string))
		require.NoError(t, err)
		assert.WithinDuration(t, time.Now(), at, time.Minute)
		assert.True(t, strings.HasSuffix(v["triaged_at"].(string), "Z"))
	}

	// Only a TLP: the case holds it, and empty id and analyst.
	rep, err = analyzeBytes(t, "one.txt", []byte("hello"), evidence.Options{TLP: "white"})
	require.NoError(t, err)
	assert.Equal(t, evidence.Case{TLP: evidence.TLPClear}, rep.Case)
}

// TestUnknownTLP: every entry point refuses a TLP outside TLP 2.0
// before it reads anything.
func TestUnknownTLP(t *testing.T) {
	opts := evidence.Options{TLP: "AMBER-ISH", TempDir: t.TempDir()}
	check := func(rep *evidence.Report, err error) {
		t.Helper()
		assert.Nil(t, rep)
		require.ErrorIs(t, err, evidence.ErrOption)
		assert.Contains(t, err.Error(), "AMBER-ISH")
	}
	check(evidence.Analyze(t.Context(), "/nonexistent/pack.zip", opts))
	check(evidence.AnalyzeReaderAt(t.Context(), "p", strings.NewReader("x"), 1, opts))
	read := false
	check(evidence.AnalyzeReader(t.Context(), "p", readerFunc(func([]byte) (int, error) {
		read = true
		return 0, errors.New("read")
	}), opts))
	assert.False(t, read, "the stream was read")
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
