// Command benchtable prints the results of BenchmarkTriageCommand
// (examples/triage) as one table: pack, tool, entry bytes per second,
// package bytes per second, peak RSS, CPU per wall second, and the rest
// of the metrics, from the output of `go test -bench`, without benchstat.
//
// Usage:
//
//	go test -run '^$' -bench TriageCommand ./examples/triage | tee bench.out
//	go run ./internal/benchpack/cmd/benchtable bench.out
//
// With no file it reads standard input. -prefix chooses another
// benchmark whose sub-benchmarks are named PACK/TOOL. When several runs
// of a benchmark are given (go test -count), each metric is their median.
// It prints nothing, and exits 0, when the output holds no such result.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/proofpack/proofpack/internal/benchpack"
)

func main() {
	prefix := flag.String("prefix", "BenchmarkTriageCommand", "the benchmark whose PACK/TOOL sub-benchmarks make the rows")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "Usage: benchtable [-prefix NAME] [FILE...]   (go test -bench output; standard input without FILE)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(os.Stdout, *prefix, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, prefix string, files []string) error {
	var results []benchpack.Result
	read := func(r io.Reader) error {
		res, err := benchpack.ParseResults(r)
		results = append(results, res...)
		return err
	}
	if len(files) == 0 {
		if err := read(os.Stdin); err != nil {
			return err
		}
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = read(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	_, err := benchpack.WriteTable(w, results, prefix)
	return err
}
