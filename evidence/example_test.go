package evidence_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/proofpack/proofpack/evidence"
)

// Triage the bundled sample proof pack and list what is not what its name
// says.
func ExampleAnalyze() {
	rep, err := evidence.Analyze(context.Background(), "../testdata/sample/fujitsu-proofpack.zip", evidence.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Stats.Items, "items, deepest at depth", rep.Stats.MaxDepth)
	for _, it := range rep.Items {
		if it.ExtMismatch {
			fmt.Printf("%s: .%s is really %s\n", strings.TrimPrefix(it.Path, rep.Package.Name+"!/"), it.DeclaredExt, it.DetectedExt)
		}
	}
	// Output:
	// 19 items, deepest at depth 3
	// FJ_sample/screenshots/status.jpg: .jpg is really png
	// FJ_sample/docs/invoice.pdf: .pdf is really docx
}
