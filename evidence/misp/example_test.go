package misp_test

import (
	"context"
	"fmt"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/misp"
)

// Judge the sample pack's claim ("Fujitsu data") and share the verdict
// as a MISP event.
func ExampleNewEvent() {
	rep, err := evidence.Analyze(context.Background(), "../../testdata/sample/fujitsu-proofpack.zip", evidence.Options{
		Claim: "Fujitsu", TLP: evidence.TLPAmber,
		Now: func() time.Time { return time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := misp.NewEvent(rep, misp.Options{Seller: "kurogane_market"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Event.Info)
	for _, t := range doc.Event.Tag {
		fmt.Println("tag", t.Name)
	}
	count := map[string]int{}
	for _, o := range doc.Event.Object {
		count[o.Name]++
	}
	fmt.Println(count["victim"], "victims,", count["file"], "files,", count["annotation"], "annotation")
	// Output:
	// Proof pack fujitsu-proofpack.zip: claim of Fujitsu Limited data contradicted; the data belongs to Toray Industries, Inc.
	// tag tlp:amber
	// tag estimative-language:likelihood-probability="almost-no-chance"
	// tag estimative-language:confidence-in-analytic-judgment="high"
	// 2 victims, 20 files, 1 annotation
}
