package stix_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/stix"
)

// Judge the sample pack's claim ("Fujitsu data") and share the verdict
// as a STIX bundle.
func ExampleBundle() {
	rep, err := evidence.Analyze(context.Background(), "../../testdata/sample/fujitsu-proofpack.zip", evidence.Options{
		Claim: "Fujitsu", TLP: evidence.TLPAmber,
		Now: func() time.Time { return time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	bundle, err := stix.Bundle(rep, stix.Options{Seller: "kurogane_market"})
	if err != nil {
		fmt.Println(err)
		return
	}
	count := map[string]int{}
	for _, o := range bundle.Objects {
		count[o.STIXType()]++
		switch o := o.(type) {
		case *stix.Report:
			fmt.Println(o.Name, "published", o.Published)
		case *stix.Opinion:
			fmt.Println("opinion:", o.Opinion, "confidence", *o.Confidence)
		case *stix.MarkingDefinition:
			fmt.Println("marked", o.Name)
		}
	}
	fmt.Println(count["identity"], "identities,", count["file"], "files,", count["note"], "notes")
	// Output:
	// marked TLP:AMBER
	// Claim: Fujitsu Limited data published 2026-05-01T09:30:00.000Z
	// opinion: strongly-disagree confidence 99
	// 4 identities, 20 files, 14 notes
}

// Write the bundle to a file, as the triage command's -stix does.
func ExampleWrite() {
	rep := &evidence.Report{
		Tool:      evidence.Tool{Name: "proofpack", Version: evidence.Version},
		TriagedAt: "2026-05-01T09:30:00Z",
		Package:   evidence.Package{Name: "pack.zip", Format: "zip"},
	}
	if err := stix.Write(os.Stdout, rep, stix.Options{TLP: "green"}); err != nil {
		fmt.Println(err)
	}
}
