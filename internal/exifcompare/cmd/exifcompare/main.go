// Command exifcompare compares the metadata the library reads with what
// exiftool reads from the same files, field by field.
//
//	go run ./internal/exifcompare/cmd/exifcompare testdata evidence/meta/testdata
//
// Zips under the folders are unpacked into a temporary directory and
// their entries compared too. The exit status is 1 when a difference is
// not one of exifcompare.IntendedDifferences, 2 on any other failure.
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
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: exifcompare DIR...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(run(flag.Args()))
}

func run(roots []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	tmp, err := os.MkdirTemp("", "exifcompare-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "exifcompare:", err)
		return 2
	}
	defer os.RemoveAll(tmp)
	rep, err := exifcompare.Compare(ctx, roots, tmp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "exifcompare:", err)
		return 2
	}
	if err := rep.Print(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "exifcompare:", err)
		return 2
	}
	if u := rep.Unexpected(); len(u) > 0 {
		fmt.Fprintf(os.Stderr, "\nexifcompare: %d unexpected differences:\n", len(u))
		for _, s := range u {
			fmt.Fprintln(os.Stderr, "  "+s)
		}
		return 1
	}
	return 0
}
