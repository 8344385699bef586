package evidence_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/reportschema"
)

// samplePeople are the fictional people of the sample package
// (internal/samplepack): in metadata, mail headers, labelled text, the
// customer list's 担当者 column and the mail's greeting (佐藤さん).
var samplePeople = []string{
	"高橋 美咲", "中村 浩二", "小林 由紀", "佐藤 健一", "森田 誠", "渡辺 隆", "Koji Nakamura", "Makoto Morita",
	"田中 一郎", "木村 直子", "山本 健太", "井上 真理", "松本 翔", "清水 彩", "斎藤 大輔",
	"佐藤さん", "高橋さん", "中村です", "森田様",
	"nakamura.koji@", "sato.kenichi@", "takahashi.misaki@", "kobayashi.yuki@", "morita.makoto@", "tanaka@",
	"06-0000-2231", "03-0000-9184",
}

// TestRedactSample redacts the sample's report and searches its JSON
// for every personal string the package holds: none is left, the
// domains of the addresses are, and attribution is unchanged.
func TestRedactSample(t *testing.T) {
	rep, err := evidence.Analyze(t.Context(), samplePath, evidence.Options{TempDir: t.TempDir(), Claim: "Fujitsu"})
	require.NoError(t, err)
	before, err := json.Marshal(rep)
	require.NoError(t, err)
	for _, p := range samplePeople {
		require.Contains(t, string(before), p, "the sample holds %q before redaction", p)
	}
	attr, _ := json.Marshal(struct {
		R []float64
		V string
		O string
	}{scores(rep), string(rep.Claim.Verdict), rep.Claim.Owner})

	red := evidence.Redact(rep, evidence.RedactOptions{})
	after, err := json.Marshal(rep)
	require.NoError(t, err)
	require.NoError(t, reportschema.Validate(after), "a redacted report is a report")
	for _, p := range samplePeople {
		assert.NotContains(t, string(after), p, "left after redaction")
		// a name's words alone too (佐藤, 健一)
		for _, w := range strings.Fields(p) {
			if len([]rune(w)) >= 2 && !strings.ContainsAny(w, "@-0123456789") {
				assert.NotContains(t, string(after), w, "a word of %q left after redaction", p)
			}
		}
	}
	assert.Positive(t, red.Names)
	assert.Positive(t, red.Values)
	t.Logf("%d names looked for, %d strings masked", red.Names, red.Values)
	assert.True(t, rep.Redacted())
	for _, keep := range []string{"***@toray.co.jp", "***@fujitsu.com", "tfs01.toray.local", "東レ株式会社", "Toray Industries, Inc.", "富士通株式会社"} {
		assert.Contains(t, string(after), keep, "evidence that is no person's stays")
	}
	attr2, _ := json.Marshal(struct {
		R []float64
		V string
		O string
	}{scores(rep), string(rep.Claim.Verdict), rep.Claim.Owner})
	assert.JSONEq(t, string(attr), string(attr2), "scores, verdict and owner unchanged")
	for _, it := range rep.Items {
		assert.Nil(t, it.Thumbnail)
	}

	// Redacting twice changes nothing more, and says so once.
	again := evidence.Redact(rep, evidence.RedactOptions{})
	assert.Zero(t, again.Values)
	n := 0
	for _, e := range rep.Tool.Extractors {
		if e.Name == evidence.RedactExtractor {
			n++
		}
	}
	assert.Equal(t, 1, n)
}

func scores(rep *evidence.Report) []float64 {
	var out []float64
	for _, o := range rep.Attribution.Ranking {
		out = append(out, o.Score, o.Confidence, o.Custody)
	}
	return out
}

// TestRedactStrings masks each kind of personal value wherever the
// report holds it: OCR words and other readings, text, evidence
// matches, the claim's reason, raw metadata, paths and the timeline.
func TestRedactStrings(t *testing.T) {
	rep := &evidence.Report{
		Package: evidence.Package{Name: "pack.zip", SHA256: "ada0ada0"},
		Items: []evidence.Item{{
			Path: "pack.zip!/Users/Jane Roe/cv_Jane_Roe.docx", RawName: []byte("x"), SHA256: "adaada",
			Metadata: evidence.Metadata{
				Authors: []string{"Jane Roe"}, LastModifiedBy: "Hugo Brandt",
				Emails:     []string{"jane.roe@example-corp.example"},
				MessageIDs: []string{"abc.def@mail.example-corp.example"},
				Paths:      []string{`C:\Users\jroe\Documents\plan.xlsx`, `\\fs01.example-corp.local\home\hbrandt\x`},
				Raw: map[string]any{"ooxml": map[string]any{"dc:creator": "Jane Roe", "Manager": "Pia Lindqvist",
					"Message-ID": "<abc.def@mail.example-corp.example>", "Count": 3}},
			},
			Text: "Contact: Rolf Meyer, +49 30 1234 5678\nTel 03-1234-5678\n〒100-0005 東京都千代田区丸の内1-1-1\n" +
				"logged on as EXAMPLE\\rmeyer; order ORD-2021-44259 on 2021-04-12, host 10.20.4.11\n" +
				"Pia wrote to Brandt. 担当: 北村 葵 様\nhttps://intra.example-corp.local/home/index.html",
			TextSource: evidence.TextFromOCR,
			OCR:        &evidence.OCR{Words: []evidence.OCRWord{{Text: "Jane"}, {Text: "Roe"}, {Text: "j.roe@example-corp.example"}, {Text: "北村"}, {Text: "0312345678"}}, Alternatives: []string{"Jane Roe 北村 葵"}},
			Thumbnail:  &evidence.Thumbnail{JPEG: []byte{1}},
		}},
		Attribution: evidence.Attribution{Ranking: []evidence.Owner{{Org: "examplecorp", Name: "Example Corp", Score: 9,
			Evidence: []evidence.Evidence{{Item: "pack.zip!/Users/Jane Roe/cv_Jane_Roe.docx", Match: "jane.roe@example-corp.example", Role: "custody"}}}}},
		Claim:    evidence.Claim{Verdict: "contradicted", Reason: `custody: "jane.roe@example-corp.example" by Jane Roe`},
		Timeline: evidence.Timeline{Events: []evidence.TimelineEvent{{Item: "pack.zip!/Users/Jane Roe/cv_Jane_Roe.docx"}}},
	}
	rep.Items[0].Text += "\nAuthor: Nordwind Logistics\nAuthor: Nordwind"
	evidence.Redact(rep, evidence.RedactOptions{Names: []string{"Hugo Brandt"}, Keep: []string{"Nordwind"}})
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	out := string(b)
	for _, p := range []string{"Jane", "Roe", "jroe", "hbrandt", "Hugo", "Brandt", "Pia", "Lindqvist", "Rolf", "Meyer", "rmeyer",
		"1234 5678", "03-1234-5678", "0312345678", "丸の内", "北村", "葵", "jane.roe", "j.roe"} {
		assert.NotContains(t, out, p)
	}
	for _, keep := range []string{"Author: Nordwind Logistics", "Author: Nordwind\"", "***@example-corp.example", "abc.def@mail.example-corp.example", "ORD-2021-44259", "2021-04-12",
		"10.20.4.11", `C:\\Users\\***\\Documents`, `home\\***\\x`, `EXAMPLE\\***`, "fs01.example-corp.local", "/home/index.html",
		`"sha256":"adaada"`, `"Count":3`, "Example Corp"} {
		assert.Contains(t, out, keep)
	}
	it := rep.Items[0]
	assert.Nil(t, it.Thumbnail, "the screenshot shows what the text no longer holds")
	assert.Nil(t, it.RawName, "the stored name of a path that changed")
	assert.Equal(t, it.Path, rep.Attribution.Ranking[0].Evidence[0].Item, "paths masked alike stay linked")
	assert.Equal(t, it.Path, rep.Timeline.Events[0].Item)
	assert.Equal(t, "contradicted", string(rep.Claim.Verdict))
	assert.Equal(t, 9.0, rep.Attribution.Ranking[0].Score)
}

// TestRedactHostile: names from a hostile package cannot make the
// redactor blow up: many names, regexp syntax, huge values.
func TestRedactHostile(t *testing.T) {
	rep := &evidence.Report{}
	for i := range 20000 {
		rep.Items = append(rep.Items, evidence.Item{Metadata: evidence.Metadata{
			Authors: []string{strings.Repeat("(a+)+", 3) + " Name" + string(rune('A'+i%26)) + strings.Repeat("x", i%7),
				"Wx" + strings.Repeat("z", 50) + fmt.Sprint(i)}}})
	}
	rep.Items[0].Text = strings.Repeat("Namex Wxzz 山田 (a+)+ 0", 1<<16)
	require.NotPanics(t, func() { evidence.Redact(rep, evidence.RedactOptions{}) })
	evidence.Redact(nil, evidence.RedactOptions{})
}

// FuzzRedact: any text, metadata and path of a hostile package leaves
// Redact without a panic, with valid UTF-8 kept valid, and twice
// masked as once for the addresses it masked.
func FuzzRedact(f *testing.F) {
	f.Add("Contact: Jane Roe, +49 30 1234 5678", "Jane Roe <j.roe@example.com>", `C:\Users\jroe\a.txt`)
	f.Add("担当: 北村 葵 様 (aoi@example.co.jp)\n〒100-0005 東京都", "北村 葵", `\\fs\home\akita\x`)
	f.Add("氏名,電話\n山田 花子,03-0000-0000", "", "EXAMPLE\\hyamada")
	f.Add("a@b.c @@ <> (( :: ,,", "((((", `\\\\`)
	f.Fuzz(func(t *testing.T, text, author, path string) {
		rep := &evidence.Report{Items: []evidence.Item{{Path: "p.zip!/" + path, Text: text,
			Metadata: evidence.Metadata{Authors: []string{author}, Paths: []string{path}},
			OCR:      &evidence.OCR{Words: []evidence.OCRWord{{Text: text}}}}}}
		evidence.Redact(rep, evidence.RedactOptions{})
		it := rep.Items[0]
		for _, pair := range [][2]string{{text, it.Text}, {author, it.Metadata.Authors[0]}, {path, it.Metadata.Paths[0]}} {
			if utf8.ValidString(pair[0]) && !utf8.ValidString(pair[1]) {
				t.Fatalf("valid %q became invalid %q", pair[0], pair[1])
			}
		}
		once := it.Text
		evidence.Redact(rep, evidence.RedactOptions{})
		if strings.Count(rep.Items[0].Text, "@") != strings.Count(once, "@") {
			t.Fatalf("a second pass changed the addresses: %q then %q", once, rep.Items[0].Text)
		}
	})
}

// BenchmarkRedact masks the sample's report (no OCR).
func BenchmarkRedact(b *testing.B) {
	rep, err := evidence.Analyze(b.Context(), samplePath, evidence.Options{TempDir: b.TempDir()})
	require.NoError(b, err)
	data, err := json.Marshal(rep)
	require.NoError(b, err)
	for b.Loop() {
		var r evidence.Report
		require.NoError(b, json.Unmarshal(data, &r))
		evidence.Redact(&r, evidence.RedactOptions{})
	}
}
