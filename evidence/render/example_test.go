package render_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
)

// exampleReport is a small hand-made report; a real one comes from
// evidence.Analyze.
func exampleReport() *evidence.Report {
	return &evidence.Report{
		Package: evidence.Package{Name: "pack.zip"},
		Claim:   evidence.Claim{Claimed: "Fujitsu", Verdict: "contradicted", Owner: "toray"},
		Attribution: evidence.Attribution{Ranking: []evidence.Owner{
			{Org: "toray", Name: "Toray Industries, Inc.", Score: 42, Confidence: 0.8},
		}},
	}
}

func ExampleMarkdown() {
	var buf bytes.Buffer
	if err := render.Markdown(&buf, exampleReport()); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "- **") {
			fmt.Println(line)
		}
	}
	// Output:
	// - **Claim:** Fujitsu
	// - **Verdict:** **CONTRADICTED**
	// - **Owner of the data:** Toray Industries, Inc.
}

func ExampleHTML() {
	var buf bytes.Buffer
	// For screenshots with their OCR boxes, triage with
	// evidence.Options{Thumbnails: true}.
	if err := render.HTML(&buf, exampleReport(), render.HTMLOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(buf.String(), `<div class="badge">contradicted</div>`))
	// Output: true
}

// Write the report of a triage as NDJSON, each item as soon as it is
// done. With evidence.Options.OnItem, the triage hands each item over
// (call WriteItem there), and the report Analyze returns holds everything
// but the items (give it to Finish).
func ExampleJSONWriter() {
	var out bytes.Buffer
	j, err := render.NewJSONWriter(&out, render.JSONOptions{Lines: true, Text: render.TextSnippet})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range []evidence.Item{
		{Path: "pack.zip!/docs/見積書.txt", Kind: "text", Text: strings.Repeat("東レ株式会社 御中 ", 200)},
		{Path: "pack.zip!/docs.zip", Kind: "archive"},
	} {
		if err := j.WriteItem(&it); err != nil {
			fmt.Println(err) // the output failed: stop the triage
			return
		}
	}
	if err := j.Finish(exampleReport()); err != nil {
		fmt.Println(err)
		return
	}
	// Each line is one JSON object: {"item":…} or, last, {"report":…}.
	for sc := bufio.NewScanner(&out); sc.Scan(); {
		line := sc.Text()
		cut := ""
		if strings.Contains(line, `"text_truncated":true`) {
			cut = " (text cut to a snippet)"
		}
		fmt.Printf("%s…%s\n", line[:strings.Index(line, ",")], cut)
	}
	// Output:
	// {"item":{"path":"pack.zip!/docs/見積書.txt"… (text cut to a snippet)
	// {"item":{"path":"pack.zip!/docs.zip"…
	// {"report":{"schema_version":""…
}

// Write the items as CSV for a spreadsheet: a name that a spreadsheet
// would run as a formula (a package the seller named so) starts with an
// apostrophe.
func ExampleCSV() {
	rep := &evidence.Report{
		Case: evidence.Case{ID: "CASE-7", TLP: evidence.TLPAmber},
		Items: []evidence.Item{
			{Path: "=HYPERLINK(\"http://x.example\").txt", Kind: "text", MIME: "text/plain", Size: 12,
				Problems: []evidence.Problem{{Code: "corrupt"}}},
			{Path: "pack.zip!/見積書.xlsx", Kind: "spreadsheet", Size: 2048,
				Metadata: evidence.Metadata{Authors: []string{"高橋 美咲", "佐藤 健一"}, Organisation: "東レ株式会社"}},
		},
	}
	var b strings.Builder
	if err := render.CSV(&b, rep); err != nil {
		fmt.Println(err)
		return
	}
	r := csv.NewReader(strings.NewReader(b.String()))
	rows, _ := r.ReadAll()
	for _, row := range rows[1:] {
		fmt.Println(row[0], "|", row[3], "|", row[13], "|", row[15], "|", row[24], "|", row[25], row[26])
	}
	// Output:
	// '=HYPERLINK("http://x.example").txt | 12 |  |  | corrupt | CASE-7 AMBER
	// pack.zip!/見積書.xlsx | 2048 | 高橋 美咲; 佐藤 健一 | 東レ株式会社 |  | CASE-7 AMBER
}
