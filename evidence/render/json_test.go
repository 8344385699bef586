package render

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

// fixtureReports returns the reports of the bundled sample and the
// attribution packs, triaged once without OCR. Callers must not change
// them.
func fixtureReports(t *testing.T) map[string]*evidence.Report {
	t.Helper()
	fixtures.once.Do(func() {
		paths, err := filepath.Glob("../../testdata/attribution/*.zip")
		if err != nil {
			fixtures.err = err
			return
		}
		more, _ := filepath.Glob("../../testdata/attribution/*.tar.gz")
		paths = append(append(paths, more...), "../../testdata/sample/fujitsu-proofpack.zip")
		fixtures.reps = map[string]*evidence.Report{}
		for _, p := range paths {
			rep, err := evidence.Analyze(context.Background(), p, evidence.Options{Claim: "Fujitsu"})
			if err != nil {
				fixtures.err = err
				return
			}
			fixtures.reps[filepath.Base(p)] = rep
		}
	})
	require.NoError(t, fixtures.err)
	require.Greater(t, len(fixtures.reps), 10)
	for name, rep := range fixtures.reps {
		require.NotEmpty(t, rep.Items, name)
	}
	return fixtures.reps
}

var fixtures struct {
	once sync.Once
	reps map[string]*evidence.Report
	err  error
}

// hostileReports are hand-made reports whose strings hold hidden
// characters, markup and bytes that are not UTF-8, and a report with
// nothing in it.
func hostileReports(t *testing.T) map[string]*evidence.Report {
	reps := map[string]*evidence.Report{
		"hidden":       hostileReport(hidden),
		"invalid":      hostileReport("\xff\xfe\xc3(\xe2\x82\xed\xa0\x80"),
		"separators":   hostileReport("\u2028\u2029\x00\n\r\"\\</script>&"),
		"screenshots":  sampleReport(t, 3),
		"empty report": {},
	}
	long := hostileReport("\x1b")
	long.Items[0].Text = strings.Repeat("ログ\x1b[31m", 20000)
	long.Items[0].TextTruncated = true
	reps["long text"] = long
	return reps
}

// normalJSON decodes a JSON document into a tree where the items are in
// path order and a null or an empty list is left out, so that two
// documents compare equal when they say the same.
func normalJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(b, &v), "not JSON: %.300s", b)
	if m, ok := v.(map[string]any); ok {
		if items, ok := m["items"].([]any); ok {
			slices.SortStableFunc(items, func(a, b any) int {
				return cmp.Compare(itemKey(a), itemKey(b))
			})
		}
	}
	return prune(v)
}

func itemKey(v any) string {
	m, _ := v.(map[string]any)
	s, _ := json.Marshal([]any{m["path"], m["sha256"], m["size"]})
	return string(s)
}

func prune(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			e = prune(e)
			if l, ok := e.([]any); e == nil || ok && len(l) == 0 {
				delete(v, k)
				continue
			}
			v[k] = e
		}
	case []any:
		for i := range v {
			v[i] = prune(v[i])
		}
	}
	return v
}

// marshalled is the report as json.Marshal gives it, the reference.
func marshalled(t *testing.T, rep *evidence.Report) []byte {
	t.Helper()
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	return b
}

// joinLines assembles the NDJSON output into the document it stands for,
// checking each line on the way: one JSON object per line, item lines
// {"item":…} and then one line {"report":…} without items, last.
func joinLines(t *testing.T, out []byte) []byte {
	t.Helper()
	require.True(t, bytes.HasSuffix(out, []byte("\n")), "the last line ends with a newline")
	lines := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
	var items []json.RawMessage
	var report map[string]json.RawMessage
	for i, line := range lines {
		var obj map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(line, &obj), "line %d: %.200s", i+1, line)
		require.Len(t, obj, 1, "line %d holds one key", i+1)
		if it, ok := obj["item"]; ok {
			require.Nil(t, report, "an item line after the report line")
			items = append(items, it)
			continue
		}
		require.Contains(t, obj, "report", "line %d", i+1)
		require.Equal(t, len(lines)-1, i, "the report line is the last")
		require.NoError(t, json.Unmarshal(obj["report"], &report))
	}
	require.NotNil(t, report, "no report line")
	require.NotContains(t, report, "items", "the report line leaves the items to the item lines")
	report["items"], _ = json.Marshal(items)
	doc, err := json.Marshal(report)
	require.NoError(t, err)
	return doc
}

func TestJSONMatchesMarshal(t *testing.T) {
	reps := hostileReports(t)
	for name, rep := range fixtureReports(t) {
		reps[name] = rep
	}
	opts := map[string]JSONOptions{
		"compact": {},
		"indent":  {Indent: true},
		"ndjson":  {Lines: true},
	}
	for name, rep := range reps {
		want := normalJSON(t, marshalled(t, rep))
		for oname, o := range opts {
			fixture := strings.HasSuffix(name, ".zip") || strings.HasSuffix(name, ".tar.gz")
			if o.Indent && fixture && name != "fujitsu-proofpack.zip" {
				continue // indenting changes no value: the sample and the hand-made reports show it
			}
			t.Run(name+"/"+oname, func(t *testing.T) {
				var buf bytes.Buffer
				require.NoError(t, WriteJSON(&buf, rep, o))
				out := buf.Bytes()
				switch {
				case o.Lines:
					out = joinLines(t, out)
				case o.Indent:
					assert.True(t, bytes.HasPrefix(out, []byte("{\n  \"items\": [")), "%.40q", out)
					var compact bytes.Buffer
					require.NoError(t, json.Compact(&compact, out))
					assert.Greater(t, len(out), compact.Len(), "indented")
				default:
					assert.True(t, bytes.HasPrefix(out, []byte(`{"items":[`)), "%.40q", out)
					assert.Equal(t, 1, bytes.Count(out, []byte("\n")), "compact: one line")
				}
				assert.True(t, utf8.Valid(out))
				if fixture {
					// Reports the library made follow the schema;
					// the hand-made ones hold values no triage gives.
					validateReport(t, out)
				}
				var typed evidence.Report
				require.NoError(t, json.Unmarshal(out, &typed), "decodes into evidence.Report")
				assert.Len(t, typed.Items, len(rep.Items))
				assert.Equal(t, want, normalJSON(t, out))
			})
		}
	}
}

// TestJSONStreamed writes the items one by one in another order than the
// report's, as OnItem hands them over, then the report without them.
func TestJSONStreamed(t *testing.T) {
	rep := fixtureReports(t)["fujitsu-proofpack.zip"]
	want := normalJSON(t, marshalled(t, rep))
	for _, o := range []JSONOptions{{}, {Indent: true}, {Lines: true}} {
		var buf bytes.Buffer
		j, err := NewJSONWriter(&buf, o)
		require.NoError(t, err)
		for i := len(rep.Items) - 1; i >= 0; i-- {
			require.NoError(t, j.WriteItem(&rep.Items[i]))
		}
		rest := *rep
		rest.Items = []evidence.Item{}
		require.NoError(t, j.Finish(&rest))
		out := buf.Bytes()
		if o.Lines {
			out = joinLines(t, out)
		}
		validateReport(t, out)
		assert.Equal(t, want, normalJSON(t, out), "%+v", o)

		var typed evidence.Report
		require.NoError(t, json.Unmarshal(out, &typed))
		require.Len(t, typed.Items, len(rep.Items))
		assert.Equal(t, rep.Items[len(rep.Items)-1].Path, typed.Items[0].Path, "items in the order written")

		assert.ErrorIs(t, j.WriteItem(&rep.Items[0]), errFinished)
		assert.ErrorIs(t, j.Finish(rep), errFinished)
	}
}

func TestJSONTextModes(t *testing.T) {
	long := strings.Repeat("東レ株式会社 ", 400) // 19 bytes a repeat
	items := []evidence.Item{
		{Path: "p!/long.txt", TextSource: evidence.TextFromBody, Text: long},
		{Path: "p!/short.txt", TextSource: evidence.TextFromBody, Text: "short"},
		{Path: "p!/cut.txt", TextSource: evidence.TextFromBody, Text: "cut by the library", TextTruncated: true},
		{Path: "p!/empty.bin"},
	}
	rep := &evidence.Report{Items: items}
	tests := []struct {
		mode      TextMode
		text      []string
		truncated []bool
	}{
		{"", []string{long, "short", "cut by the library", ""}, []bool{false, false, true, false}},
		{TextFull, []string{long, "short", "cut by the library", ""}, []bool{false, false, true, false}},
		{TextSnippet, []string{long[:1022], "short", "cut by the library", ""}, []bool{true, false, true, false}},
		{TextNone, []string{"", "", "", ""}, []bool{true, true, true, false}},
	}
	for _, tt := range tests {
		t.Run(string(tt.mode), func(t *testing.T) {
			for _, lines := range []bool{false, true} {
				var buf bytes.Buffer
				require.NoError(t, WriteJSON(&buf, rep, JSONOptions{Text: tt.mode, Lines: lines}))
				out := buf.Bytes()
				if lines {
					out = joinLines(t, out)
				}
				var got evidence.Report
				require.NoError(t, json.Unmarshal(out, &got))
				require.Len(t, got.Items, len(items))
				for i, it := range got.Items {
					assert.Equal(t, tt.text[i], it.Text, it.Path)
					assert.Equal(t, tt.truncated[i], it.TextTruncated, it.Path)
					assert.LessOrEqual(t, len(it.Text), max(SnippetBytes, len(items[i].Text)))
				}
			}
		})
	}
	// The other readings of OCR text are written by the full mode only.
	shot := &evidence.Report{Items: []evidence.Item{{Path: "p!/a.png", TextSource: evidence.TextFromOCR, Text: "東し",
		OCR: &evidence.OCR{Words: []evidence.OCRWord{{Text: "東し"}}, Alternatives: []string{"東レ"}}}}}
	for _, mode := range TextModes {
		var buf bytes.Buffer
		require.NoError(t, WriteJSON(&buf, shot, JSONOptions{Text: mode}))
		var got evidence.Report
		require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
		require.NotNil(t, got.Items[0].OCR)
		assert.Len(t, got.Items[0].OCR.Words, 1, "words stay in every mode")
		if mode == TextFull {
			assert.Equal(t, []string{"東レ"}, got.Items[0].OCR.Alternatives)
		} else {
			assert.Empty(t, got.Items[0].OCR.Alternatives, mode)
		}
	}
	assert.Equal(t, []string{"東レ"}, shot.Items[0].OCR.Alternatives, "the report is not changed")
	assert.Equal(t, long, rep.Items[0].Text, "the report is not changed")
	assert.False(t, rep.Items[0].TextTruncated)
	assert.True(t, utf8.ValidString(long[:1022]) && !utf8.ValidString(long[:SnippetBytes]), "the test cuts inside a character")
}

func TestCutText(t *testing.T) {
	tests := []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"short", "abc", 5, "abc"},
		{"ascii", "abcdef", 4, "abcd"},
		{"before a character", "ab東", 2, "ab"},
		{"inside a character", "ab東", 3, "ab"},
		{"inside a character, one byte left", "ab東", 4, "ab"},
		{"after a character", "ab東c", 5, "ab東"},
		{"four-byte character", "a😀b", 3, "a"},
		{"invalid bytes", "a\xff\xfe\xfd", 2, "a\xff"},
		{"stray continuation bytes", "a\x80\x80\x80\x80\x80", 4, "a\x80\x80\x80"},
		{"bad lead byte", "a\xf0\x41\x80\x80", 4, "a\xf0\x41\x80"},
		{"zero", "abc", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cutText(tt.s, tt.n)
			assert.Equal(t, tt.want, got)
			assert.LessOrEqual(t, len(got), tt.n)
		})
	}
}

func TestJSONOptionsAndErrors(t *testing.T) {
	_, err := NewJSONWriter(&bytes.Buffer{}, JSONOptions{Text: "some"})
	assert.ErrorIs(t, err, ErrJSONOptions)
	_, err = NewJSONWriter(&bytes.Buffer{}, JSONOptions{Lines: true, Indent: true})
	assert.ErrorIs(t, err, ErrJSONOptions)
	assert.ErrorIs(t, WriteJSON(&bytes.Buffer{}, &evidence.Report{}, JSONOptions{Text: "FULL"}), ErrJSONOptions)
	assert.Error(t, WriteJSON(&bytes.Buffer{}, nil, JSONOptions{}))
	j, err := NewJSONWriter(&bytes.Buffer{}, JSONOptions{})
	require.NoError(t, err)
	assert.Error(t, j.WriteItem(nil))
	for _, m := range TextModes {
		_, err := NewJSONWriter(&bytes.Buffer{}, JSONOptions{Text: m})
		assert.NoError(t, err, m)
	}
}

// errBroken stands for EPIPE: the reader went away.
var errBroken = errors.New("broken pipe")

// failingWriter accepts n bytes, then fails every write.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, errBroken
}

// TestJSONWriteError: the first error of the underlying writer comes
// back from WriteItem (at once for NDJSON, which flushes each line; once
// the buffer fills for a document) and from every call after it.
func TestJSONWriteError(t *testing.T) {
	it := &evidence.Item{Path: "p!/a.txt", Text: strings.Repeat("x", 10<<10)}
	for _, o := range []JSONOptions{{}, {Lines: true}} {
		j, err := NewJSONWriter(&failingWriter{n: 100}, o)
		require.NoError(t, err)
		var first int
		for i := 1; i <= 20 && first == 0; i++ {
			if err := j.WriteItem(it); err != nil {
				assert.ErrorIs(t, err, errBroken)
				first = i
			}
		}
		require.Positive(t, first, "%+v: the error is returned", o)
		if o.Lines {
			assert.Equal(t, 1, first, "NDJSON writes each line at once")
		}
		assert.ErrorIs(t, j.WriteItem(it), errBroken, "and again")
		assert.ErrorIs(t, j.Finish(&evidence.Report{}), errBroken)
	}
}

// FuzzJSON puts one string in every field of a report, and its item's
// text: every output (document, indented, NDJSON; each text mode) is
// UTF-8 JSON that says what json.Marshal says, but for the text the mode
// cuts, and each NDJSON object stays on its line.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{hidden, "", "plain", "invoice_\u202etxt.exe", "\u2028\u2029", "a\nb\r\nc\x00d", "\"\\/", "</script>&<!--",
		"\xff\xfe\xc3(\xe2\x82\xed\xa0\x80", "\xe2\x80", strings.Repeat("東", 400), strings.Repeat("\x1b", 1100), hostileName, hostileText} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rep := hostileReport(s)
		rep.Items = append(rep.Items, evidence.Item{Path: s, Text: s + s + s})
		want := normalJSON(t, marshalled(t, rep))
		for _, o := range []JSONOptions{{}, {Indent: true}, {Lines: true}, {Text: TextSnippet}, {Lines: true, Text: TextNone}} {
			var buf bytes.Buffer
			require.NoError(t, WriteJSON(&buf, rep, o))
			out := buf.Bytes()
			require.True(t, utf8.Valid(out), "%+v: not UTF-8", o)
			if o.Lines {
				out = joinLines(t, out)
			}
			if o.Text == "" {
				assert.Equal(t, want, normalJSON(t, out), "%+v", o)
				continue
			}
			var got evidence.Report
			require.NoError(t, json.Unmarshal(out, &got))
			require.Len(t, got.Items, len(rep.Items))
			for i, it := range got.Items {
				text := rep.Items[i].Text
				if o.Text == TextNone {
					assert.Empty(t, it.Text)
					assert.Equal(t, text != "", it.TextTruncated)
					continue
				}
				cut := cutText(text, SnippetBytes)
				assert.True(t, strings.HasPrefix(text, cut))
				assert.Equal(t, viaJSON(t, cut), it.Text)
				assert.Equal(t, len(cut) < len(text), it.TextTruncated)
			}
		}
	})
}

// viaJSON returns s as it reads after a JSON round trip: each byte that
// is not UTF-8 becomes U+FFFD.
func viaJSON(t *testing.T, s string) string {
	b, err := json.Marshal(s)
	require.NoError(t, err)
	var out string
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}
