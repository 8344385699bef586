package corpuscheck

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/exifcompare"
)

// agreementDumpEnv names a file to which TestAgreementCorpus writes, one
// line per file and field, every field exiftool has a value for with its
// outcome, so that two runs (before and after a change) can be diffed.
const agreementDumpEnv = "PROOFPACK_AGREEMENT_DUMP"

// corpusHalf splits the corpus in two fixed halves by the SHA-256 of a
// file's path under files/, as package evidence's corpus rule does:
// "decided" holds the files looked at while fixing extractors, "held-out"
// the others, whose figure says whether the fixes hold beyond them.
func corpusHalf(rel string) string {
	if sha256.Sum256([]byte(rel))[0]%2 == 0 {
		return "decided"
	}
	return "held-out"
}

// TestAgreementCorpus measures metadata agreement with exiftool.json in
// process, as make corpus computes it but without the command, its
// sandbox and OCR (agreement does not depend on OCR): each corpus file is
// triaged by evidence.Analyze as a package of its own, and its top-level
// item is compared with exiftool's record. It prints the agreement tables
// of make corpus for the decided half, the held-out half and the whole
// corpus, and the top-level items that carry a metadata problem although
// exiftool reads a field we map. It runs with -corpus and skips when the
// corpus is absent; it fails when the agreement of the whole corpus is
// below AgreementFloor, and when more than MaxProblemLosses items lose a
// field to a metadata problem or one of them is not in
// explainedProblemLosses.
//
//	go test -count=1 -v -run '^TestAgreementCorpus$' ./internal/corpuscheck -corpus
func TestAgreementCorpus(t *testing.T) {
	if !*corpusFlag {
		t.Skip("the in-process agreement over the corpus runs with -corpus")
	}
	repo, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	root := locateCorpus(repo)
	if _, err := os.Stat(filepath.Join(root, "files")); err != nil {
		t.Skipf("no corpus at %s (set %s to its directory): skipped", root, corpusEnv)
	}
	c, err := openCorpus(root)
	if err != nil {
		t.Fatalf("corpus %s: %v", root, err)
	}
	records, err := exiftoolRecords(filepath.Join(root, "exiftool.json"))
	if err != nil {
		t.Fatal(err)
	}
	halves := map[string]*agreement{"decided": newAgreement(), "held-out": newAgreement(), "both": newAgreement()}
	var losses []problemLoss
	var mu sync.Mutex
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for rel := range jobs {
				rep, err := evidence.Analyze(t.Context(), c.path(rel), evidence.Options{TempDir: t.TempDir()})
				if rep == nil && err != nil {
					t.Logf("%s: %v", rel, err)
				}
				tg := records[rel]
				mu.Lock()
				half := corpusHalf(rel)
				halves[half].add(rel, rep, tg)
				halves["both"].add(rel, rep, tg)
				if l, ok := lostToProblem(rel, rep, tg); ok {
					l.Half = half
					losses = append(losses, l)
				}
				mu.Unlock()
			}
		})
	}
	for _, rel := range c.Files {
		if t.Context().Err() != nil {
			break
		}
		jobs <- rel
	}
	close(jobs)
	wg.Wait()

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	for _, half := range []string{"decided", "held-out", "both"} {
		title := half + " half"
		if half == "both" {
			title = "the whole corpus"
		}
		fmt.Fprintf(tw, "\n######## %s\n", title)
		halves[half].print(tw)
	}
	sort.Slice(losses, func(i, j int) bool { return losses[i].Path < losses[j].Path })
	byHalf := map[string]int{}
	for _, l := range losses {
		byHalf[l.Half]++
	}
	lost := map[string]int{}
	for _, l := range losses {
		if l.Lost > 0 {
			lost[l.Half]++
		}
	}
	fmt.Fprintf(tw, "\n== top-level items with a metadata problem where exiftool reads a field we map: %d (decided %d, held-out %d); of which with a field lost: %d (decided %d, held-out %d; at most %d)\n",
		len(losses), byHalf["decided"], byHalf["held-out"], lost["decided"]+lost["held-out"], lost["decided"], lost["held-out"], MaxProblemLosses)
	for _, l := range losses {
		fmt.Fprintf(tw, "  %s [%s] %d of %d fields lost\n", l.Path, l.Half, l.Lost, l.Fields)
		for _, d := range l.Details {
			fmt.Fprintf(tw, "      problem: %s\n", d)
		}
		for _, m := range l.Missed {
			fmt.Fprintf(tw, "      lost: %s\n", m)
		}
		if why := explainedProblemLosses[l.Path]; why != "" && l.Lost > 0 {
			fmt.Fprintf(tw, "      why: %s\n", why)
		}
	}
	tw.Flush()
	for _, bad := range checkProblemLosses(losses) {
		t.Error(bad)
	}
	if rate := halves["both"].Total.Rate(); rate < AgreementFloor {
		t.Errorf("agreement %.2f %% is below AgreementFloor (%.1f %%)", rate, AgreementFloor)
	}
	if path := os.Getenv(agreementDumpEnv); path != "" {
		if err := os.WriteFile(path, []byte(dumpCells(halves["both"])), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// dumpCells writes one line per file and field exiftool has a value
// for: path, family, field, outcome, ours, exiftool.
func dumpCells(a *agreement) string {
	var lines []string
	for _, f := range a.Files {
		for _, c := range f.Cells {
			o := string(c.Outcome)
			if c.Outcome == exifcompare.Differ && c.Ours == "" {
				o = "missing"
			}
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s\t%q\t%q", f.Path, f.Family, c.Field, o, c.Ours, c.Exiftool))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}
