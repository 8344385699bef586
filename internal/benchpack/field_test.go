package benchpack_test

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/benchpack"
)

// fieldReport is a report whose items hold what could fool a scanner:
// "stats" as a key of nested objects and inside strings, escaped quotes
// and backslashes, brackets in text.
func fieldReport() *evidence.Report {
	return &evidence.Report{
		Items: []evidence.Item{
			{Path: `a "stats": {"bytes": 1}`, Text: "\"stats\":{\"items\":9}} ] \\\" {\n"},
			{Path: "b.txt", Text: strings.Repeat(`\"}]`, 1000)},
		},
		Problems: []evidence.Problem{{Code: "stats", Detail: `"stats"`}},
		Stats:    evidence.Stats{Items: 2, Bytes: 12345, Problems: 1, ByKind: map[string]int{"text": 2}},
	}
}

func TestJSONField(t *testing.T) {
	t.Parallel()
	rep := fieldReport()
	compact, err := json.Marshal(rep)
	require.NoError(t, err)
	indented, err := json.MarshalIndent(rep, "", "  ")
	require.NoError(t, err)
	var streamed bytes.Buffer
	require.NoError(t, rep.WriteJSON(&streamed))
	for name, doc := range map[string][]byte{"compact": compact, "indented": indented, "WriteJSON": streamed.Bytes()} {
		for rname, r := range map[string]func() io.Reader{
			"whole":    func() io.Reader { return bytes.NewReader(doc) },
			"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(doc)) },
			"halves":   func() io.Reader { return iotest.HalfReader(bytes.NewReader(doc)) },
		} {
			t.Run(name+"/"+rname, func(t *testing.T) {
				raw, err := benchpack.JSONField(r(), "stats")
				require.NoError(t, err)
				var st evidence.Stats
				require.NoError(t, json.Unmarshal(raw, &st), "%s", raw)
				assert.Equal(t, rep.Stats, st)

				raw, err = benchpack.JSONField(r(), "problems")
				require.NoError(t, err)
				var ps []evidence.Problem
				require.NoError(t, json.Unmarshal(raw, &ps), "%s", raw)
				assert.Equal(t, rep.Problems, ps)
			})
		}
	}
}

func TestJSONFieldScalarsAndErrors(t *testing.T) {
	t.Parallel()
	doc := `{"a": "x,}", "n": 42 , "t":true,"last":[1,{"n":2}]}`
	for key, want := range map[string]string{"a": `"x,}"`, "n": "42", "t": "true", "last": `[1,{"n":2}]`} {
		raw, err := benchpack.JSONField(strings.NewReader(doc), key)
		require.NoError(t, err, key)
		assert.Equal(t, want, string(raw), key)
	}
	_, err := benchpack.JSONField(strings.NewReader(doc), "stats")
	assert.ErrorIs(t, err, benchpack.ErrNoField)
	_, err = benchpack.JSONField(strings.NewReader(`{"stats": "`+strings.Repeat("x", 2<<20)+`"}`), "stats")
	assert.ErrorContains(t, err, "over")
	_, err = benchpack.JSONField(iotest.ErrReader(errDiskFull), "stats")
	assert.ErrorIs(t, err, errDiskFull)
}

// FuzzJSONField compares JSONField with encoding/json on valid
// documents: the value of the first top-level field of each name,
// compacted.
func FuzzJSONField(f *testing.F) {
	compact, err := json.Marshal(fieldReport())
	require.NoError(f, err)
	f.Add(compact, "stats")
	f.Add([]byte(`{"a": "x,}", "n": 42 , "t":true,"last":[1,{"n":2}]}`), "last")
	f.Add([]byte(`{"k\"": 1, "k": [" \\\" ]"]}`), "k")
	f.Fuzz(func(t *testing.T, doc []byte, key string) {
		want, ok := firstField(doc, key)
		got, err := benchpack.JSONField(bytes.NewReader(doc), key)
		if !ok {
			return // not an object, or the key is absent or escaped: only no panic
		}
		if len(want) > 1<<20 {
			return
		}
		require.NoError(t, err)
		var a, b bytes.Buffer
		require.NoError(t, json.Compact(&a, want))
		require.NoError(t, json.Compact(&b, got), "%q", got)
		assert.Equal(t, a.String(), b.String())
	})
}

// firstField returns the raw value of the first top-level field named
// key of a valid JSON object whose keys need no escapes.
func firstField(doc []byte, key string) (json.RawMessage, bool) {
	if !json.Valid(doc) || strings.ContainsAny(key, "\"\\") {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	for dec.More() {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		if bytes.IndexByte(doc[before:dec.InputOffset()], '\\') >= 0 {
			return nil, false // a key written with escapes, which JSONField does not read
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		if tok == key {
			return v, true
		}
	}
	return nil, false
}
