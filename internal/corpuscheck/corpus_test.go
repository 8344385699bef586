package corpuscheck

import (
	"github.com/proofpack/proofpack/internal/sandbox"

	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/exifcompare"
)

// Whether each pass runs OCR, decided by measuring (see the package
// documentation): the per-file pass runs OCR as users do, and the whole
// make corpus stays near ten minutes on an idle two-core machine; the
// zipped package with OCR needs about five times MaxDuration, so it runs
// without.
const (
	perFileOCR = true
	zipOCR     = false
)

// corpusFlag turns TestCorpus on: make test (go test ./...) must not run
// it, even where the corpus is present; make corpus passes -corpus.
var corpusFlag = flag.Bool("corpus", false, "run TestCorpus over the development corpus (make corpus)")

// ocrOffEnv, set to "off", turns OCR off in the per-file pass too, for
// a quicker run while working on the harness; metadata agreement does
// not depend on OCR.
const ocrOffEnv = "PROOFPACK_CORPUS_OCR"

// TestCorpus triages every file of the development corpus, then the
// whole corpus zipped as one package, and fails on a crash, a run over
// MaxDuration, a file written outside the library's temporary directory,
// peak RSS over MaxRSS, a change to the corpus, or metadata agreement
// with exiftool.json below AgreementFloor. It skips when the corpus is
// absent, and unless -corpus is given. make corpus runs it.
func TestCorpus(t *testing.T) {
	if !*corpusFlag {
		t.Skip("the corpus check runs with -corpus (make corpus)")
	}
	if !sandbox.Supported {
		t.Skip("the corpus check needs Linux (RLIMIT_AS, /proc, ru_maxrss)")
	}
	repo, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	root := locateCorpus(repo)
	if _, err := os.Stat(filepath.Join(root, "files")); err != nil {
		t.Skipf("no corpus at %s (set %s to its directory): skipped", root, corpusEnv)
	}
	ctx := t.Context()
	start := time.Now()
	c, err := openCorpus(root)
	if err != nil {
		t.Fatalf("corpus %s: %v", root, err)
	}
	records, err := exiftoolRecords(filepath.Join(root, "exiftool.json"))
	if err != nil {
		t.Fatal(err)
	}
	before, err := snapshot(root)
	if err != nil {
		t.Fatal(err)
	}
	scratch := t.TempDir()
	bin, err := buildTriage(ctx, repo, scratch)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("corpus %s: %d files, %s; triage built in %s\n", root, len(c.Files), mb(c.Bytes), time.Since(start).Round(time.Second))

	p := runFilePass(ctx, c, records, bin, scratch, perFileOCR && os.Getenv(ocrOffEnv) != "off")
	z := runZipPass(ctx, c, bin, scratch)

	after, err := snapshot(root)
	if err != nil {
		t.Fatal(err)
	}
	changed := diffSnapshots(before, after)

	p.print(os.Stdout)
	z.print(os.Stdout)
	fmt.Printf("\ncorpus tree unchanged: %v\n", len(changed) == 0)
	fmt.Printf("make corpus total: %s\n", time.Since(start).Round(time.Second))

	for _, r := range p.failures() {
		t.Errorf("%s: %s", r.Path, strings.Join(r.Failures, "; "))
	}
	for _, f := range z.Run.Failures {
		t.Errorf("zipped corpus: %s", f)
	}
	if len(changed) > 0 {
		t.Errorf("the corpus tree changed during the runs (- before, + after):\n%s", strings.Join(cut(changed, 20), "\n"))
	}
	if got := p.Agreement.Total.Rate(); got < AgreementFloor {
		t.Errorf("metadata agreement with exiftool.json %.1f %% is below the floor %.1f %%", got, AgreementFloor)
	}
}

// runFilePass triages each file as its own package and compares each
// report's top-level item with exiftool's record.
func runFilePass(ctx context.Context, c *corpus, records map[string]exifcompare.Tags, bin, scratch string, ocrOn bool) *pass {
	p := &pass{Files: len(c.Files), Bytes: c.Bytes, OCR: ocrOn, Problems: map[string]int{}, Agreement: newAgreement()}
	start := time.Now()
	next := 0
	fmt.Printf("per-file pass: %s, %d at once\n", ocrNote(ocrOn), workers)
	runAll(ctx, c, bin, scratch, ocrOn, func(fr fileRun) {
		if rep := fr.Report; rep != nil {
			fr.Kind = "archive"
			if it, ok := topItem(rep); ok {
				fr.Kind = it.Kind
			}
			p.Items += len(rep.Items)
			if countProblems(rep, p.Problems) {
				p.Panicked = append(p.Panicked, fr.Path)
			}
		}
		p.Agreement.add(fr.Path, fr.Report, records[fr.Path])
		fr.Report = nil
		p.Runs = append(p.Runs, fr)
		if n := len(p.Runs); n*10/len(c.Files) > next || n == len(c.Files) {
			next = n * 10 / len(c.Files)
			fmt.Printf("  %4d/%d files, %s\n", n, len(c.Files), time.Since(start).Round(time.Second))
		}
	})
	p.Wall = time.Since(start)
	return p
}

// runZipPass zips the corpus in scratch and triages the zip once.
func runZipPass(ctx context.Context, c *corpus, bin, scratch string) *zipPass {
	z := &zipPass{Entries: len(c.Files), OCR: zipOCR, Problems: map[string]int{}}
	pkg := filepath.Join(scratch, "corpus.zip")
	if err := zipCorpus(c, pkg); err != nil {
		z.Run = fileRun{Path: pkg, outcome: outcome{Status: StatusNotRun, Failures: []string{"zipping the corpus: " + err.Error()}}}
		return z
	}
	defer os.Remove(pkg)
	if fi, err := os.Stat(pkg); err == nil {
		z.Size = fi.Size()
	}
	fmt.Printf("zipped pass: %s\n", ocrNote(zipOCR))
	r := triageChild(bin, triageArgs(pkg, zipOCR), scratch).Run(ctx)
	z.Run = fileRun{Path: "corpus.zip", Size: z.Size, Result: r, outcome: classify(r)}
	os.Remove(r.Stdout)
	if rep := z.Run.Report; rep != nil {
		z.Items = len(rep.Items)
		countProblems(rep, z.Problems)
		z.Run.Report = nil
	}
	return z
}
