package corpuscheck

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/exifcompare"
)

// pass is the per-file pass: every run, and what the reports held.
type pass struct {
	Files int
	Bytes int64
	OCR   bool
	Wall  time.Duration
	// Runs hold each run's verdict; their reports are dropped once read.
	Runs []fileRun
	// Problems counts the problems of every report (items at any depth
	// and the package), by code.
	Problems map[string]int
	// Panicked lists the files whose report holds a recovered
	// parser_panic problem.
	Panicked []string
	// Items counts the items of every report.
	Items     int
	Agreement *agreement
}

// zipPass is the run over the whole corpus zipped as one package.
type zipPass struct {
	Size     int64
	Entries  int
	OCR      bool
	Run      fileRun
	Items    int
	Problems map[string]int
}

// countProblems adds the problems of rep to into, by code, and reports
// whether one of them is a recovered parser panic.
func countProblems(rep *evidence.Report, into map[string]int) (panicked bool) {
	add := func(ps []evidence.Problem) {
		for _, p := range ps {
			into[p.Code]++
			panicked = panicked || p.Code == evidence.ProblemParserPanic
		}
	}
	add(rep.Problems)
	for _, it := range rep.Items {
		add(it.Problems)
	}
	return panicked
}

// failures returns every failing run of the pass.
func (p *pass) failures() []fileRun {
	var out []fileRun
	for _, r := range p.Runs {
		if len(r.Failures) > 0 {
			out = append(out, r)
		}
	}
	return out
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// ocrNote says how OCR ran.
func ocrNote(on bool) string {
	if on {
		return "OCR on, as users run it (-ocr-workers 1: one Tesseract engine per run)"
	}
	return "OCR off (-ocr=false)"
}

// print writes the per-file pass's tables.
func (p *pass) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	defer tw.Flush()
	fmt.Fprintf(tw, "\n== per-file pass: %d files (%s), %s, %d runs at once: %s\n",
		p.Files, mb(p.Bytes), ocrNote(p.OCR), workers, p.Wall.Round(time.Second))
	var cpu time.Duration
	for _, r := range p.Runs {
		cpu += r.CPU
	}
	fmt.Fprintf(tw, "   CPU time of the runs %s (user+system; on an otherwise idle machine the pass takes about CPU/%d)\n", cpu.Round(time.Second), workers)
	fmt.Fprintf(tw, "   %d items in all the reports\n", p.Items)

	byStatus := map[Status]int{}
	for _, r := range p.Runs {
		byStatus[r.Status]++
	}
	fmt.Fprintln(tw, "\noutcomes by exit status:")
	for _, s := range []Status{StatusTriaged, StatusUnreadable, StatusNotOpened, StatusPasswordNeeded, StatusOtherExit, StatusCrash, StatusTimeout, StatusHung, StatusMemory, StatusNotRun} {
		if byStatus[s] > 0 || s == StatusTriaged {
			fmt.Fprintf(tw, "  %s\t%d\n", s, byStatus[s])
		}
	}
	tw.Flush()

	fails := p.failures()
	fmt.Fprintf(tw, "\nfailures: %d\n", len(fails))
	for _, r := range fails {
		fmt.Fprintf(tw, "  %s  [%s, %s, %d MiB]\n", r.Path, r.Status, r.Duration.Round(10*time.Millisecond), r.MaxRSS>>20)
		for _, f := range r.Failures {
			fmt.Fprintf(tw, "      - %s\n", f)
		}
	}
	tw.Flush()

	var nonZero []fileRun
	for _, r := range p.Runs {
		if r.Status != StatusTriaged {
			nonZero = append(nonZero, r)
		}
	}
	sort.Slice(nonZero, func(i, j int) bool {
		if nonZero[i].Status != nonZero[j].Status {
			return nonZero[i].Status < nonZero[j].Status
		}
		return nonZero[i].Path < nonZero[j].Path
	})
	fmt.Fprintf(tw, "\nevery non-zero outcome: %d\n", len(nonZero))
	for _, r := range nonZero {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.Status, r.Path, oneLine(r.Message))
	}
	tw.Flush()

	type cost struct {
		runs     int
		cpu, max time.Duration
	}
	byKind := map[string]*cost{}
	var kinds []string
	for _, r := range p.Runs {
		k := r.Kind
		if k == "" {
			k = "(no report)"
		}
		if byKind[k] == nil {
			byKind[k] = &cost{}
			kinds = append(kinds, k)
		}
		c := byKind[k]
		c.runs++
		c.cpu += r.CPU
		c.max = max(c.max, r.CPU)
	}
	sort.Slice(kinds, func(i, j int) bool { return byKind[kinds[i]].cpu > byKind[kinds[j]].cpu })
	fmt.Fprintln(tw, "\nCPU time by kind of package:\n  kind\truns\tCPU\tlargest run")
	for _, k := range kinds {
		c := byKind[k]
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\n", k, c.runs, c.cpu.Round(time.Second), c.max.Round(10*time.Millisecond))
	}
	tw.Flush()

	top := func(title string, less func(a, b fileRun) bool) {
		runs := append([]fileRun(nil), p.Runs...)
		sort.SliceStable(runs, func(i, j int) bool { return less(runs[i], runs[j]) })
		fmt.Fprintf(tw, "\n%s:\n", title)
		for _, r := range runs[:min(10, len(runs))] {
			fmt.Fprintf(tw, "  %s\t(CPU %s)\t%d MiB\t%s\t%s\n", r.Duration.Round(10*time.Millisecond), r.CPU.Round(10*time.Millisecond), r.MaxRSS>>20, r.Status, r.Path)
		}
		tw.Flush()
	}
	top("slowest 10 runs", func(a, b fileRun) bool { return a.Duration > b.Duration })
	top("largest 10 peak RSS", func(a, b fileRun) bool { return a.MaxRSS > b.MaxRSS })

	fmt.Fprintln(tw, "\nproblems in the reports, by code (items at every depth; not failures):")
	printCounts(tw, p.Problems)
	if len(p.Panicked) > 0 {
		sort.Strings(p.Panicked)
		fmt.Fprintf(tw, "  files with a recovered parser_panic (turned into a problem, as DESIGN.md asks): %d\n", len(p.Panicked))
		for _, f := range cut(p.Panicked, 20) {
			fmt.Fprintf(tw, "    %s\n", f)
		}
	}
	tw.Flush()
	p.Agreement.print(tw)
}

func printCounts(tw *tabwriter.Writer, m map[string]int) {
	var codes []string
	for c := range m {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if m[codes[i]] != m[codes[j]] {
			return m[codes[i]] > m[codes[j]]
		}
		return codes[i] < codes[j]
	})
	for _, c := range codes {
		fmt.Fprintf(tw, "  %s\t%d\n", c, m[c])
	}
	tw.Flush()
}

// print writes the agreement tables.
func (a *agreement) print(tw *tabwriter.Writer) {
	fmt.Fprintln(tw, "\n== metadata agreement with exiftool.json (ExifTool 12.57, -G -n)")
	fmt.Fprintln(tw, "   per file, the top-level item of its run against exiftool's record, mapped to our fields by internal/exifcompare;")
	fmt.Fprintln(tw, "   agreement = (agree + intended difference) / fields exiftool has a value for")
	fmt.Fprintln(tw, "\nfamily\tfiles\tfields\tagree\tintended\tdiffer\tmissing\tagreement")
	row := func(name string, t tally) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f %%\n", name, t.Files, t.Fields, t.Agree, t.Intended, t.Differ, t.Missing, t.Rate())
	}
	for _, f := range a.families() {
		row(string(f), *a.ByFamily[f])
	}
	row("total", a.Total)
	tw.Flush()
	fmt.Fprintln(tw, "\nfield\t\tfields\tagree\tintended\tdiffer\tmissing\tagreement")
	for _, f := range exifcompare.Fields {
		if t := a.ByField[f]; t != nil {
			fmt.Fprintf(tw, "%s\t\t%d\t%d\t%d\t%d\t%d\t%.1f %%\n", f, t.Fields, t.Agree, t.Intended, t.Differ, t.Missing, t.Rate())
		}
	}
	tw.Flush()
	fmt.Fprintf(tw, "\n%d files typed as no compared family by the triage (or without a report) were compared under exiftool's family, with nothing on our side\n", a.ByExiftool)
	if len(a.NoRecord) > 0 {
		fmt.Fprintf(tw, "%d files have no record in exiftool.json: %s\n", len(a.NoRecord), strings.Join(cut(a.NoRecord, 5), ", "))
	}
	fmt.Fprintln(tw, "\nworst 15 files (fields that differ or that we miss):")
	for _, f := range a.worst(15) {
		how := string(f.Family)
		if f.ByExiftool {
			how += " by exiftool's type"
		}
		fmt.Fprintf(tw, "  %s [%s] %d of %d fields\n", f.Path, how, f.Tally.Differ+f.Tally.Missing, f.Tally.Fields)
		for _, c := range f.Cells {
			if c.Outcome == exifcompare.Differ {
				fmt.Fprintf(tw, "      %s\tours %s\texiftool %s (%s)\n", c.Field, short(c.Ours), short(c.Exiftool), c.Tag)
			}
		}
		tw.Flush()
	}
	fmt.Fprintf(tw, "\nagreement: %.1f %% (%d of %d fields; floor %.1f %%)\n",
		a.Total.Rate(), a.Total.Agree+a.Total.Intended, a.Total.Fields, AgreementFloor)
	tw.Flush()
}

// print writes the zipped pass.
func (z *zipPass) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	defer tw.Flush()
	r := z.Run
	fmt.Fprintf(tw, "\n== zipped pass: the whole corpus as one zip (%d entries, stored, %s), %s\n", z.Entries, mb(z.Size), ocrNote(z.OCR))
	fmt.Fprintf(tw, "  outcome\t%s %s\n", r.Status, oneLine(r.Message))
	fmt.Fprintf(tw, "  duration\t%s (CPU %s)\n", r.Duration.Round(10*time.Millisecond), r.CPU.Round(10*time.Millisecond))
	fmt.Fprintf(tw, "  peak RSS\t%d MiB\n", r.MaxRSS>>20)
	fmt.Fprintf(tw, "  items\t%d\n", z.Items)
	if len(r.Failures) == 0 {
		fmt.Fprintln(tw, "  failures\tnone")
	}
	for _, f := range r.Failures {
		fmt.Fprintf(tw, "  failure\t%s\n", f)
	}
	tw.Flush()
	if len(z.Problems) > 0 {
		fmt.Fprintln(tw, "  problems by code:")
		printCounts(tw, z.Problems)
	}
}
