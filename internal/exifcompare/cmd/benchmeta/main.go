// Command benchmeta times the library's metadata extraction against
// exiftool over one generated tree of mixed files and prints both rates
// side by side with their ratio.
//
//	go run ./internal/exifcompare/cmd/benchmeta -n 1000 -workers 2
//
// Each tool runs -rounds times over the same tree and its fastest round
// counts.
// The exit status is 1 when our rate is below exifcompare.MinSpeedRatio
// times exiftool's, 2 on any other failure.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/proofpack/proofpack/internal/exifcompare"
)

func main() {
	n := flag.Int("n", 1000, "files in the generated tree")
	workers := flag.Int("workers", 0, "extraction goroutines (0: one per CPU)")
	rounds := flag.Int("rounds", 3, "timed rounds of each tool; the fastest counts")
	fixtures := flag.String("fixtures", "", "the evidence/meta/testdata folder (found from the module root when empty)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir := *fixtures
	if dir == "" {
		var err error
		if dir, err = exifcompare.FixtureDir(); err != nil {
			fmt.Fprintln(os.Stderr, "benchmeta:", err)
			os.Exit(2)
		}
	}
	res, err := exifcompare.RunBench(ctx, *n, *workers, *rounds, dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchmeta:", err)
		os.Exit(2)
	}
	if err := res.Print(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchmeta:", err)
		os.Exit(2)
	}
	if res.Ratio() < exifcompare.MinSpeedRatio {
		os.Exit(1)
	}
}
