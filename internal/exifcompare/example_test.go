package exifcompare_test

import (
	"fmt"
	"time"

	"github.com/proofpack/proofpack/internal/exifcompare"
)

// The corpus is split by path, so that a file stays in its half whatever
// else the corpus holds.
func ExampleCorpusHalf() {
	for _, rel := range []string{"imagemeta/images/sunrise.jpg", "mimetype/testdata/a.pdf"} {
		fmt.Println(rel, exifcompare.CorpusHalf(rel))
	}
	// Output:
	// imagemeta/images/sunrise.jpg decided
	// mimetype/testdata/a.pdf held-out
}

// Ratios pairs the tools' rounds: both ran within seconds of each other,
// under the same load.
func ExampleRatios() {
	exiftool := exifcompare.Series{Samples: []exifcompare.Sample{
		{Wall: 38 * time.Second, CPU: 38 * time.Second},
		{Wall: 45 * time.Second, CPU: 39 * time.Second},
	}}
	triage := exifcompare.Series{Samples: []exifcompare.Sample{
		{Wall: 1 * time.Second, CPU: 1900 * time.Millisecond},
		{Wall: 1500 * time.Millisecond, CPU: 1950 * time.Millisecond},
	}}
	wall, cpu := exifcompare.Ratios(exiftool, triage)
	fmt.Printf("wall %.0f %.0f, CPU %.0f %.0f\n", wall[0], wall[1], cpu[0], cpu[1])
	// Output: wall 38 30, CPU 20 20
}
