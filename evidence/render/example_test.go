package render_test

import (
	"bytes"
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
