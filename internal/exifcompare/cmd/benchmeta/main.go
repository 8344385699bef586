// Command benchmeta times the triage against exiftool over the same
// files, side by side, and prints both with their ratios (make
// bench-meta).
//
//	go run ./internal/exifcompare/cmd/benchmeta [-half decided|held-out] [-rounds 5]
//
// By default it reads the files of the development corpus
// ($PROOFPACK_CORPUS, a relative path taken from the repository root,
// default ../shared/corpus) that are not archives by our identification
// (exifcompare.CorpusSet says which are kept, and why), zipped as one
// stored package in a temporary folder and unpacked beside it. It builds
// examples/triage once into that folder (or takes -triage), then runs,
// -rounds times and interleaved:
//
//   - `exiftool -json -G -n -r -ext '*' DIR` over the unpacked files;
//   - `triage -json -q -ocr=false -o FILE PACKAGE`;
//   - evidence.Analyze with render.JSONWriter in this process (-inprocess);
//   - the hashing floor: MD5, SHA-1 and SHA-256 of every member and of
//     the package, which is all the triage must do at the least.
//
// It prints each tool's median and best wall-clock and CPU time (user and
// system, from the child's rusage) and peak RSS (by GNU time,
// /usr/bin/time, when installed), and exiftool's times over
// ours, round by round and their median. The goals are 20x the wall time
// and 10x the CPU time (exifcompare.CorpusWallGoal, CorpusCPUGoal). When
// the corpus is absent it says so and exits 0.
//
// -baseline COMMAND adds another triage command (one built from another
// commit) as a row of its own, timed in the same rounds.
//
// -package FILE writes the package and exits, for timing or profiling the
// triage by hand.
//
// -tree N times instead the metadata extraction alone (identify and
// meta.Run in a pool of -workers goroutines) over a generated tree of N
// mixed files against `exiftool -json -r`, the benchmark of issue 3.
//
// The exit status is 1 when a goal is not met, 2 on any other failure.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"

	"github.com/proofpack/proofpack/internal/exifcompare"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchmeta", flag.ContinueOnError)
	fs.SetOutput(stderr)
	half := fs.String("half", "all", "the corpus half to read: decided, held-out or all")
	rounds := fs.Int("rounds", 5, "timed rounds of each tool, interleaved")
	inProcess := fs.Bool("inprocess", true, "also time evidence.Analyze in this process")
	triage := fs.String("triage", "", "the triage command to time (built from this repository into the scratch folder when empty)")
	baseline := fs.String("baseline", "", "also time this triage `COMMAND` (one built from another commit) in the same rounds, as a row of its own")
	tmp := fs.String("tmpdir", "", "parent `DIR` of the scratch folder (default: $TMPDIR or /tmp)")
	quiet := fs.Bool("q", false, "no line per timed run on standard error")
	tree := fs.Int("tree", 0, "time the metadata extraction over a generated tree of `N` files instead of the corpus")
	workers := fs.Int("workers", 0, "with -tree: extraction goroutines (0: one per CPU)")
	pkgOut := fs.String("package", "", "write the package to `FILE` (which must not exist) and exit, timing nothing: to profile or time the triage by hand")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *tree > 0 {
		return runTree(ctx, *tree, *workers, *rounds, stdout, stderr)
	}
	if *half == "all" {
		*half = ""
	}
	// Outside the repository, the corpus path is taken from the working
	// directory, and the triage command must be given.
	repo, repoErr := exifcompare.RepoRoot()
	if repoErr != nil {
		repo = "."
	}
	root := exifcompare.LocateCorpus(repo)
	set, err := exifcompare.LoadCorpusSet(ctx, root, *half)
	if errors.Is(err, exifcompare.ErrNoCorpus) {
		fmt.Fprintf(stdout, "benchmeta: no corpus at %s (set %s): skipped\n", root, exifcompare.CorpusEnv)
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "benchmeta:", err)
		return 2
	}
	if *pkgOut != "" {
		if err := set.WritePackage(*pkgOut); err != nil {
			fmt.Fprintln(stderr, "benchmeta:", err)
			return 2
		}
		fmt.Fprintf(stdout, "%s: %d files that are not archives, %.1f MB\n", *pkgOut, len(set.Files), float64(set.Bytes)/1e6)
		return 0
	}
	if _, err := exec.LookPath("exiftool"); err != nil {
		fmt.Fprintln(stderr, "benchmeta: exiftool is not on PATH (make peer-deps installs it)")
		return 2
	}
	bin := *triage
	if bin == "" && repoErr != nil {
		fmt.Fprintln(stderr, "benchmeta: -triage is needed outside the repository:", repoErr)
		return 2
	}
	if bin == "" {
		dir, err := os.MkdirTemp(*tmp, "benchmeta-bin-")
		if err != nil {
			fmt.Fprintln(stderr, "benchmeta:", err)
			return 2
		}
		defer os.RemoveAll(dir)
		if bin, err = buildTriage(ctx, repo, dir); err != nil {
			fmt.Fprintln(stderr, "benchmeta:", err)
			return 2
		}
	}
	opts := exifcompare.CorpusBenchOptions{Set: set, Triage: bin, Baseline: *baseline, Rounds: *rounds, InProcess: *inProcess, TempDir: *tmp}
	if !*quiet {
		opts.Log = stderr
	}
	res, err := exifcompare.RunCorpusBench(ctx, opts)
	if err != nil {
		fmt.Fprintln(stderr, "benchmeta:", err)
		return 2
	}
	if err := res.Print(stdout); err != nil {
		fmt.Fprintln(stderr, "benchmeta:", err)
		return 2
	}
	if !res.Met() {
		return 1
	}
	return 0
}

// buildTriage builds examples/triage of the repository at repo into dir,
// as users build it, and returns its path.
func buildTriage(ctx context.Context, repo, dir string) (string, error) {
	bin := filepath.Join(dir, "triage")
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("go: %w", err)
	}
	cmd := exec.CommandContext(ctx, goBin, "build", "-o", bin, "./examples/triage")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./examples/triage: %w\n%s", err, out)
	}
	return bin, nil
}

// runTree is the benchmark of the generated tree.
func runTree(ctx context.Context, n, workers, rounds int, stdout, stderr io.Writer) int {
	dir, err := exifcompare.FixtureDir()
	if err != nil {
		fmt.Fprintln(stderr, "benchmeta:", err)
		return 2
	}
	res, err := exifcompare.RunBench(ctx, n, workers, rounds, dir)
	if err != nil {
		fmt.Fprintln(stderr, "benchmeta:", err)
		return 2
	}
	if err := res.Print(stdout); err != nil {
		fmt.Fprintln(stderr, "benchmeta:", err)
		return 2
	}
	if res.Ratio() < exifcompare.MinSpeedRatio {
		return 1
	}
	return 0
}
