// Command ocrbench measures proofpack's OCR against the tesseract command
// on the OCR test set (testdata/ocr): accuracy (pooled CER, key-token
// recall) and speed (images per second), per language, for
//
//   - the tesseract command with its defaults, run image by image, one
//     process at a time (-l eng, or -l jpn+eng for Japanese cases), with
//     OMP_THREAD_LIMIT=1;
//   - proofpack's ocr.Pool with one worker (one engine);
//   - proofpack's ocr.Pool with one worker per CPU.
//
// Decoding is timed with proofpack's runs. It exits with status 1 when a
// target is not met (key-token recall, CER below the command's, pool
// scaling, speed against the command), 0 otherwise.
//
// With -set varied it reads the varied set (testdata/ocrvar) instead: the
// tesseract command and the pool with one worker per CPU, each half of
// the set (-split all, the default there) reported on its own, per
// language: CER, key-token recall and CPU seconds per image. The goals of
// issue 15 (Japanese recall >= 90 %, English >= 97 %, CER < 0.20, CPU per
// image <= 1.3x the landed pipeline's, given by -cpuref) are printed as
// goals: not meeting them does not change the exit status. -misses lists
// each missed key token of the decided half with the text read around it
// and a likely cause; it is refused on the held-out half, on which no rule
// may be tuned.
//
// Usage:
//
//	go run ./internal/ocreval/cmd/ocrbench [-set fixed|varied|DIR] [-split decided|heldout|all] [-misses] [-cpuref S|eng=S,jpn=S] [-only eng|jpn] [-lang jpn,eng] [-rounds N] [-half odd|even] [-v]
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/proofpack/proofpack/internal/ocreval"
	"github.com/proofpack/proofpack/internal/ocrset"
	"github.com/proofpack/proofpack/ocr"
	"github.com/proofpack/proofpack/ocr/tesseract"
)

// Targets.
const (
	targetRecallEng = 0.95
	targetRecallJpn = 0.90
	targetPoolRatio = 1.8
)

func main() {
	if err := tesseract.EnsureThreadLimit(); err != nil {
		fmt.Fprintln(os.Stderr, "ocrbench:", err)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is the parsed command line.
type config struct {
	set     string
	only    string
	langs   []string
	rounds  int
	half    string
	verbose bool
	noCmd   bool
	dump    string
	// varied is true for the varied set: report per split, goals only.
	varied bool
	split  string
	misses bool
	cpuRef map[string]float64
}

// timing is the result of one way of reading the set.
type timing struct {
	name  string
	texts map[string]string
	// secs is the wall time per language (best round); total is the
	// whole set.
	secs  map[string]float64
	total float64
	count map[string]int
	// cpu is the CPU time (user and system) per group of cases (see
	// groupKey).
	cpu map[string]float64
}

// groupKey is the group a case is timed in: its split and language.
func groupKey(c ocrset.Case) string { return c.Split + "/" + c.Lang }

func (t timing) rate(lang string) float64 {
	if lang == "" {
		n := 0
		for _, c := range t.count {
			n += c
		}
		return float64(n) / t.total
	}
	return float64(t.count[lang]) / t.secs[lang]
}

func run(args []string, stdout, stderr io.Writer) int {
	var cfg config
	fs := flag.NewFlagSet("ocrbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.set, "set", "", "OCR test set: fixed (testdata/ocr, the default), varied (testdata/ocrvar) or a directory")
	fs.StringVar(&cfg.split, "split", "", "half of the varied set: decided, heldout or all (default all)")
	fs.BoolVar(&cfg.misses, "misses", false, "list each missed key token with the text read around it (decided half only)")
	cpuRef := fs.String("cpuref", "", "CPU seconds per image of the landed pipeline on the same cases, to judge the 1.3x goal: S, or eng=S,jpn=S")
	fs.StringVar(&cfg.only, "only", "", "only the cases of this language: eng or jpn")
	lang := fs.String("lang", "", "languages of proofpack's engines, comma-separated (default: the library's, jpn,eng)")
	fs.IntVar(&cfg.rounds, "rounds", 1, "timed rounds of each runner; the best is kept")
	fs.StringVar(&cfg.half, "half", "", "only the odd- or even-numbered cases: odd or even")
	fs.BoolVar(&cfg.verbose, "v", false, "list the missed key tokens of each image")
	fs.StringVar(&cfg.dump, "dump", "", "write each runner's text of each image under this directory")
	fs.BoolVar(&cfg.noCmd, "nocmd", false, "skip the tesseract command (targets against it are then not judged)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *lang != "" {
		cfg.langs = strings.Split(*lang, ",")
	}
	if *cpuRef != "" {
		ref, err := parseCPURef(*cpuRef)
		if err != nil {
			fmt.Fprintln(stderr, "ocrbench:", err)
			return 2
		}
		cfg.cpuRef = ref
	}
	if cfg.rounds < 1 {
		cfg.rounds = 1
	}
	switch cfg.set {
	case "", "fixed", "varied":
		name := "ocr"
		if cfg.set == "varied" {
			name = "ocrvar"
			cfg.varied = true
		}
		dir, err := findSet(name)
		if err != nil {
			fmt.Fprintln(stderr, "ocrbench:", err)
			return 2
		}
		cfg.set = dir
	}
	cases, err := ocrset.Load(cfg.set)
	if err != nil {
		fmt.Fprintln(stderr, "ocrbench:", err)
		return 2
	}
	if hasSplits(cases) {
		cfg.varied = true
	}
	if msg := checkSplit(&cfg); msg != "" {
		fmt.Fprintln(stderr, "ocrbench:", msg)
		return 2
	}
	cases = filter(cases, cfg.only, cfg.half)
	if cfg.split != "all" && cfg.split != "" {
		cases = filterSplit(cases, cfg.split)
	}
	if len(cases) == 0 {
		fmt.Fprintln(stderr, "ocrbench: no cases selected")
		return 2
	}
	ctx := context.Background()

	var runs []timing
	if !cfg.noCmd {
		t, err := best(cfg.rounds, func() (timing, error) { return runCommand(ctx, cfg.set, cases) })
		if err != nil {
			fmt.Fprintln(stderr, "ocrbench: tesseract command:", err)
			return 2
		}
		runs = append(runs, t)
	}
	workerCounts := []int{1, runtime.NumCPU()}
	if cfg.varied {
		// The pool's scaling is measured on the fixed set; here only the
		// pool as programs run it.
		workerCounts = []int{runtime.NumCPU()}
	}
	for _, workers := range workerCounts {
		t, err := best(cfg.rounds, func() (timing, error) { return runPool(ctx, cfg, cases, workers) })
		if err != nil {
			fmt.Fprintln(stderr, "ocrbench: proofpack:", err)
			return 2
		}
		runs = append(runs, t)
	}
	if cfg.dump != "" {
		for i, r := range runs {
			d := filepath.Join(cfg.dump, fmt.Sprint(i))
			if err := os.MkdirAll(d, 0o755); err != nil {
				fmt.Fprintln(stderr, "ocrbench:", err)
				return 2
			}
			for f, text := range r.texts {
				if err := os.WriteFile(filepath.Join(d, f+".txt"), []byte(text), 0o644); err != nil {
					fmt.Fprintln(stderr, "ocrbench:", err)
					return 2
				}
			}
		}
	}
	if cfg.varied {
		reportVaried(stdout, cfg, cases, runs)
		return 0
	}
	ok := report(stdout, cfg, cases, runs)
	if !ok {
		return 1
	}
	return 0
}

// findSet returns testdata/NAME of the module that holds the working
// directory.
func findSet(name string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata", name), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory; pass -set")
		}
		dir = parent
	}
}

// filter keeps the cases of one language and one half.
func filter(cases []ocrset.Case, only, half string) []ocrset.Case {
	var out []ocrset.Case
	for _, c := range cases {
		if only != "" && c.Lang != only {
			continue
		}
		if half != "" {
			var n int
			_, _ = fmt.Sscanf(strings.TrimLeft(c.File, "abcdefghijklmnopqrstuvwxyz"), "%d", &n)
			if (half == "odd") != (n%2 == 1) {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// best runs f rounds times and keeps the fastest run.
func best(rounds int, f func() (timing, error)) (timing, error) {
	var out timing
	for i := 0; i < rounds; i++ {
		t, err := f()
		if err != nil {
			return t, err
		}
		if i == 0 || t.total < out.total {
			out = t
		}
	}
	return out, nil
}

// tessLang is the command's language for a case.
func tessLang(c ocrset.Case) string {
	if c.Lang == "jpn" {
		return "jpn+eng"
	}
	return "eng"
}

// runCommand runs the tesseract command on each image, one at a time.
func runCommand(ctx context.Context, dir string, cases []ocrset.Case) (timing, error) {
	bin, err := exec.LookPath("tesseract")
	if err != nil {
		return timing{}, err
	}
	t := timing{name: "tesseract command", texts: map[string]string{}, secs: map[string]float64{}, count: map[string]int{}, cpu: map[string]float64{}}
	env := append(os.Environ(), "OMP_THREAD_LIMIT=1")
	for _, c := range cases {
		start := time.Now()
		cmd := exec.CommandContext(ctx, bin, filepath.Join(dir, c.File), "-", "-l", tessLang(c))
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return t, fmt.Errorf("%s: %w: %s", c.File, err, strings.TrimSpace(stderr.String()))
		}
		d := time.Since(start).Seconds()
		t.texts[c.File] = string(out)
		if ps := cmd.ProcessState; ps != nil {
			t.cpu[groupKey(c)] += (ps.UserTime() + ps.SystemTime()).Seconds()
		}
		t.secs[c.Lang] += d
		t.total += d
		t.count[c.Lang]++
	}
	return t, nil
}

// runPool reads the set with a Pool of the given size: all images are
// submitted at once, each language timed from its first submission to
// its last result when run alone (the whole set's wall time otherwise).
func runPool(ctx context.Context, cfg config, cases []ocrset.Case, workers int) (timing, error) {
	langs := cfg.langs
	pool, err := ocr.NewPool(func() (ocr.Engine, error) {
		return tesseract.New(tesseract.Options{Languages: langs})
	}, ocr.Options{Workers: workers, Languages: langs})
	if err != nil {
		return timing{}, err
	}
	defer pool.Close()
	name := fmt.Sprintf("proofpack, %d worker", workers)
	if workers > 1 {
		name += "s"
	}
	t := timing{name: name, texts: map[string]string{}, secs: map[string]float64{}, count: map[string]int{}, cpu: map[string]float64{}}
	// Each language (and each split) is timed on its own so that images/s
	// and CPU per language mean the same as for the command.
	byGroup := map[string][]ocrset.Case{}
	var order []string
	for _, c := range cases {
		k := groupKey(c)
		if byGroup[k] == nil {
			order = append(order, k)
		}
		byGroup[k] = append(byGroup[k], c)
	}
	var mu sync.Mutex
	for _, key := range order {
		group := byGroup[key]
		lang := group[0].Lang
		start := time.Now()
		cpuStart := processCPU()
		jobs := make(chan ocrset.Case)
		errs := make(chan error, len(group))
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for c := range jobs {
					text, err := readOne(ctx, pool, filepath.Join(cfg.set, c.File))
					if err != nil {
						errs <- fmt.Errorf("%s: %w", c.File, err)
						continue
					}
					mu.Lock()
					t.texts[c.File] = text
					mu.Unlock()
				}
			})
		}
		for _, c := range group {
			jobs <- c
		}
		close(jobs)
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			return t, err
		}
		d := time.Since(start).Seconds()
		t.cpu[key] += processCPU() - cpuStart
		t.secs[lang] += d
		t.total += d
		t.count[lang] += len(group)
	}
	return t, nil
}

// processCPU returns the user and system CPU seconds this process has
// used so far (0 where getrusage fails).
func processCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// readOne decodes and recognises one image file.
func readOne(ctx context.Context, pool *ocr.Pool, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	img, err := ocr.Decode(f, 0)
	if err != nil {
		return "", err
	}
	res, err := pool.Recognize(ctx, img)
	if err != nil {
		return "", err
	}
	return res.Text, nil
}

// report prints the table and the targets, and reports whether all
// targets were met.
func report(w io.Writer, cfg config, cases []ocrset.Case, runs []timing) bool {
	evals := make([]ocreval.Report, len(runs))
	for i, r := range runs {
		evals[i] = ocreval.Evaluate(cases, r.texts)
	}
	langs := map[string]bool{}
	for _, c := range cases {
		langs[c.Lang] = true
	}
	var names []string
	for l := range langs {
		names = append(names, l)
	}
	sort.Strings(names)

	fmt.Fprintf(w, "OCR test set %s: %d images", cfg.set, len(cases))
	if cfg.half != "" {
		fmt.Fprintf(w, " (%s-numbered half)", cfg.half)
	}
	fmt.Fprintf(w, ", %d CPUs\n\n", runtime.NumCPU())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lang\trunner\tCER\tkey tokens\trecall\timages/s\tseconds\t")
	for _, lang := range names {
		for i, r := range runs {
			s := langScore(evals[i], lang)
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%d/%d\t%.1f%%\t%.2f\t%.1f\t\n", lang, r.name, s.CER, s.Found, s.Tokens, 100*s.Recall, r.rate(lang), r.secs[lang])
		}
	}
	fmt.Fprintln(tw, "\t\t\t\t\t\t\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "all\t%s\t\t\t\t%.2f\t%.1f\t\n", r.name, r.rate(""), r.total)
	}
	_ = tw.Flush()

	single, multi := runs[len(runs)-2], runs[len(runs)-1]
	ok := true
	check := func(met bool, format string, a ...any) {
		mark := "met"
		if !met {
			mark = "NOT MET"
			ok = false
		}
		fmt.Fprintf(w, "  %-7s  %s\n", mark, fmt.Sprintf(format, a...))
	}
	fmt.Fprintln(w)
	ratio := multi.rate("") / single.rate("")
	fmt.Fprintf(w, "pool/single: %.2fx images/s", ratio)
	var cmd *timing
	if len(runs) == 3 {
		cmd = &runs[0]
		fmt.Fprintf(w, "; proofpack (%d workers) vs command: %.2fx", runtime.NumCPU(), multi.rate("")/cmd.rate(""))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "\ntargets:")
	ours := evals[len(evals)-1]
	for _, lang := range names {
		s := langScore(ours, lang)
		target := targetRecallEng
		if lang == "jpn" {
			target = targetRecallJpn
		}
		check(s.Recall >= target, "%s key-token recall %.1f%% >= %.0f%%", lang, 100*s.Recall, 100*target)
		if cmd != nil {
			c := langScore(evals[0], lang)
			check(s.CER < c.CER, "%s CER %.3f < command's %.3f", lang, s.CER, c.CER)
		}
	}
	if runtime.NumCPU() > 1 {
		check(ratio >= targetPoolRatio, "pool on %d CPUs %.2fx one engine >= %.1fx", runtime.NumCPU(), ratio, targetPoolRatio)
	}
	if cmd != nil {
		check(multi.total <= cmd.total, "whole set in %.1f s <= command's %.1f s", multi.total, cmd.total)
	}

	if cfg.verbose {
		fmt.Fprintln(w, "\nper image (proofpack, last runner):")
		_ = ours.WriteTable(w)
		for _, m := range ours.MissedTokens() {
			fmt.Fprintln(w, "  missed", m)
		}
	}
	return ok
}
