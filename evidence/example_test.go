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

// Stream the items of a triage as each is done, as a program that writes
// one JSON line per item would: the report keeps none of them (its Items
// is empty), and still has the attribution and stats of them all.
func ExampleOptions_onItem() {
	var documents, archives int
	rep, err := evidence.Analyze(context.Background(), "../testdata/sample/fujitsu-proofpack.zip", evidence.Options{
		OnItem: func(it evidence.Item) error {
			// Called from one goroutine at a time; an archive comes after
			// its members. Write it out here; it is not kept.
			switch it.Kind {
			case "document", "spreadsheet", "presentation", "pdf":
				documents++
			case "archive":
				archives++
			}
			return nil
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(rep.Items), "items kept,", rep.Stats.Items, "handed on:", documents, "documents,", archives, "archives")
	fmt.Println("owner:", rep.Attribution.Ranking[0].Org)
	// Output:
	// 0 items kept, 19 handed on: 6 documents, 2 archives
	// owner: toray
}

// Bound a triage more tightly than the defaults: a literal names the
// fields it changes, and every other one takes its default.
func ExampleLimits() {
	lim := evidence.Limits{MaxDepth: 4, MaxTotalBytes: 1 << 30, MaxTextBytes: 256 << 10}
	rep, err := evidence.Analyze(context.Background(), "../testdata/sample/fujitsu-proofpack.zip", evidence.Options{Limits: lim})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("depth", rep.Limits.MaxDepth, "total", rep.Limits.MaxTotalBytes, "text", rep.Limits.MaxTextBytes, "entries", rep.Limits.MaxEntries)
	// Output:
	// depth 4 total 1073741824 text 262144 entries 100000
}
