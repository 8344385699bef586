package exifcompare

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/render"
)

// The goals of the corpus comparison (issue 14): the non-OCR triage of
// the package takes at most 1/CorpusWallGoal of exiftool's wall-clock
// time over the same files, and at most 1/CorpusCPUGoal of its CPU time.
const (
	CorpusWallGoal = 20
	CorpusCPUGoal  = 10
)

// tripleHashBuf is the read size of the hashing floor, the walk's
// (evidence's copyBufSize).
const tripleHashBuf = 256 << 10

// commandMemoryLimit is the Go runtime's soft memory limit the triage
// command sets when GOMEMLIMIT is not (examples/triage): the in-process
// row runs under it too.
const commandMemoryLimit = 128 << 20

// Sample is one timed run of one tool.
type Sample struct {
	// Wall is the wall-clock time, CPU the processor time (user and
	// system: from the child's rusage for a command, from this process's
	// for a row run in process).
	Wall, CPU time.Duration
	// MaxRSS is the peak resident memory of a command in bytes, as GNU
	// time measures it (see measure); 0 for a row run in process, or
	// without GNU time.
	MaxRSS int64
}

// Series is the samples of one tool, one per round.
type Series struct {
	Name    string
	Samples []Sample
}

// Median returns the median wall time, CPU time and peak RSS of s, each
// taken on its own (the mean of the middle two for an even count).
func (s Series) Median() Sample {
	return Sample{
		Wall:   time.Duration(median(s.Samples, func(x Sample) float64 { return float64(x.Wall) })),
		CPU:    time.Duration(median(s.Samples, func(x Sample) float64 { return float64(x.CPU) })),
		MaxRSS: int64(median(s.Samples, func(x Sample) float64 { return float64(x.MaxRSS) })),
	}
}

// Best returns the least wall time, CPU time and peak RSS of s, each
// taken on its own: the rounds least disturbed by other load.
func (s Series) Best() Sample {
	if len(s.Samples) == 0 {
		return Sample{}
	}
	b := s.Samples[0]
	for _, x := range s.Samples[1:] {
		b.Wall, b.CPU, b.MaxRSS = min(b.Wall, x.Wall), min(b.CPU, x.CPU), min(b.MaxRSS, x.MaxRSS)
	}
	return b
}

func median[T any](xs []T, f func(T) float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	v := make([]float64, len(xs))
	for i, x := range xs {
		v[i] = f(x)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// Ratios returns, round by round, exiftool's wall and CPU time over
// ours: the figures least affected by load that changes between rounds,
// since both tools of one round ran within seconds of each other.
func Ratios(exiftool, ours Series) (wall, cpu []float64) {
	for i := range min(len(exiftool.Samples), len(ours.Samples)) {
		e, o := exiftool.Samples[i], ours.Samples[i]
		if o.Wall > 0 {
			wall = append(wall, float64(e.Wall)/float64(o.Wall))
		}
		if o.CPU > 0 {
			cpu = append(cpu, float64(e.CPU)/float64(o.CPU))
		}
	}
	return wall, cpu
}

// CorpusBenchOptions configure RunCorpusBench.
type CorpusBenchOptions struct {
	// Set is the files to read.
	Set *CorpusSet
	// Triage is the path of the triage command (examples/triage), built
	// once by the caller.
	Triage string
	// Baseline, if set, is another triage command timed as a row of its
	// own in the same rounds (one built from another commit, to compare).
	Baseline string
	// Rounds is how many times each tool runs; 5 when zero.
	Rounds int
	// InProcess adds a row: evidence.Analyze in this process, the report
	// written by render.JSONWriter as the command writes it.
	InProcess bool
	// TempDir is the parent of the benchmark's scratch folder (the
	// package, the unpacked tree, the outputs); "" is os.TempDir().
	TempDir string
	// Log, if set, gets a line per timed run.
	Log io.Writer
}

// CorpusBenchResult is one run of the corpus comparison.
type CorpusBenchResult struct {
	Set *CorpusSet
	// PackageBytes is the size of the zip the triage reads.
	PackageBytes int64
	// Exiftool is `exiftool -json -G -n -r -ext '*' DIR`; Triage the
	// command `triage -json -q -ocr=false -o FILE PACKAGE`; InProcess
	// (empty unless asked for) evidence.Analyze and render.JSONWriter in
	// this process; Floor the three digests of every member and of the
	// package, the hashing the triage cannot do without.
	Exiftool, Triage, InProcess, Floor Series
	// Baseline is CorpusBenchOptions.Baseline's row; empty without it.
	Baseline Series
	// ExiftoolRead and ExiftoolFailed are exiftool's closing counts of
	// files read and not read, TriageItems the items of the triage's
	// report.
	ExiftoolRead, ExiftoolFailed, TriageItems int
	// Load is /proc/loadavg's 1-minute figure before each round, when
	// the system has it.
	Load []string
	// PeakRSSMeasured: GNU time was there to measure the commands' peak
	// RSS (see Sample.MaxRSS).
	PeakRSSMeasured bool
}

// exiftoolFailed matches exiftool's count of files it could not read.
var exiftoolFailed = regexp.MustCompile(`(\d+) files could not be read`)

// RunCorpusBench writes the set's package and unpacks it into a scratch
// folder, then runs every tool once per round, interleaved (exiftool
// first in odd rounds, last in even ones), and removes the folder.
func RunCorpusBench(ctx context.Context, opts CorpusBenchOptions) (*CorpusBenchResult, error) {
	if opts.Set == nil || len(opts.Set.Files) == 0 {
		return nil, errors.New("exifcompare: no files to read")
	}
	if opts.Rounds <= 0 {
		opts.Rounds = 5
	}
	exiftool, err := exec.LookPath("exiftool")
	if err != nil {
		return nil, ErrNoExiftool
	}
	dir, err := os.MkdirTemp(opts.TempDir, "benchmeta-")
	if err != nil {
		return nil, fmt.Errorf("scratch: %w", err)
	}
	defer os.RemoveAll(dir)
	pkg := filepath.Join(dir, "corpus.zip")
	if err := opts.Set.WritePackage(pkg); err != nil {
		return nil, err
	}
	tree := filepath.Join(dir, "tree")
	if err := os.Mkdir(tree, 0o700); err != nil {
		return nil, fmt.Errorf("scratch: %w", err)
	}
	if _, err := UnpackPackage(pkg, tree); err != nil {
		return nil, err
	}
	st, err := os.Stat(pkg)
	if err != nil {
		return nil, fmt.Errorf("scratch: %w", err)
	}
	res := &CorpusBenchResult{Set: opts.Set, PackageBytes: st.Size()}
	res.Exiftool.Name = "exiftool -json -G -n -r -ext '*' DIR"
	res.Triage.Name = "triage -json -q -ocr=false -o FILE PACKAGE"
	res.InProcess.Name = "evidence.Analyze + render.JSONWriter, in process"
	res.Baseline.Name = "baseline " + opts.Baseline
	res.Floor.Name = "floor: MD5+SHA-1+SHA-256 of members and package"
	// The first reads of the package and the tree fill the page cache,
	// for every round alike.
	if err := warmCache(pkg, tree); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "out")
	m := newMeasurer(ctx, filepath.Join(dir, "rss"))
	res.PeakRSSMeasured = m.gnuTime != ""
	runs := []func() error{
		func() error {
			s, read, failed, err := timeExiftool(ctx, m, exiftool, tree, out+".exiftool.json")
			res.Exiftool.Samples = append(res.Exiftool.Samples, s)
			res.ExiftoolRead, res.ExiftoolFailed = read, failed
			opts.logf("  %-9s wall %7.3f s  cpu %7.3f s  rss %4d MB", "exiftool", s.Wall.Seconds(), s.CPU.Seconds(), s.MaxRSS>>20)
			return err
		},
		func() error {
			s, items, err := timeTriage(ctx, m, opts.Triage, pkg, out+".triage.json", dir)
			res.Triage.Samples = append(res.Triage.Samples, s)
			res.TriageItems = items
			opts.logf("  %-9s wall %7.3f s  cpu %7.3f s  rss %4d MB", "triage", s.Wall.Seconds(), s.CPU.Seconds(), s.MaxRSS>>20)
			return err
		},
	}
	if opts.Baseline != "" {
		runs = append(runs, func() error {
			s, _, err := timeTriage(ctx, m, opts.Baseline, pkg, out+".baseline.json", dir)
			res.Baseline.Samples = append(res.Baseline.Samples, s)
			opts.logf("  %-9s wall %7.3f s  cpu %7.3f s  rss %4d MB", "baseline", s.Wall.Seconds(), s.CPU.Seconds(), s.MaxRSS>>20)
			return err
		})
	}
	if opts.InProcess {
		runs = append(runs, func() error {
			s, err := timeInProcess(ctx, pkg, out+".inproc.json", dir)
			res.InProcess.Samples = append(res.InProcess.Samples, s)
			opts.logf("  %-9s wall %7.3f s  cpu %7.3f s", "in-proc", s.Wall.Seconds(), s.CPU.Seconds())
			return err
		})
	}
	runs = append(runs, func() error {
		s, err := timeFloor(ctx, pkg)
		res.Floor.Samples = append(res.Floor.Samples, s)
		opts.logf("  %-9s wall %7.3f s  cpu %7.3f s", "floor", s.Wall.Seconds(), s.CPU.Seconds())
		return err
	})
	for round := range opts.Rounds {
		load := loadAverage()
		res.Load = append(res.Load, load)
		opts.logf("round %d/%d (load %s)", round+1, opts.Rounds, load)
		order := slices.Clone(runs)
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, run := range order {
			if err := run(); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

func (o CorpusBenchOptions) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// warmCache reads the package and every file of the tree once.
func warmCache(pkg, tree string) error {
	read := func(p string) error {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(io.Discard, f)
		return err
	}
	if err := read(pkg); err != nil {
		return fmt.Errorf("warm: %w", err)
	}
	files, err := treeFiles(tree)
	if err != nil {
		return err
	}
	for _, p := range files {
		if err := read(p); err != nil {
			return fmt.Errorf("warm: %w", err)
		}
	}
	return nil
}

// timeExiftool runs exiftool over tree with its JSON written to out.
func timeExiftool(ctx context.Context, m measurer, bin, tree, out string) (Sample, int, int, error) {
	f, err := os.Create(out)
	if err != nil {
		return Sample{}, 0, 0, fmt.Errorf("exiftool: %w", err)
	}
	defer f.Close()
	var stderr bytes.Buffer
	cmd := m.command(ctx, bin, "-json", "-G", "-n", "-r", "-ext", "*", tree)
	cmd.Stdout, cmd.Stderr = f, &stderr
	s, runErr := m.run(cmd)
	var read, failed int
	if m := filesRead.FindStringSubmatch(stderr.String()); m != nil {
		read, _ = strconv.Atoi(m[1])
	}
	if m := exiftoolFailed.FindStringSubmatch(stderr.String()); m != nil {
		failed, _ = strconv.Atoi(m[1])
	}
	// exiftool exits 1 when some file could not be read; it has read
	// the others.
	if runErr != nil && read == 0 {
		return s, read, failed, fmt.Errorf("exiftool: %w: %s", runErr, lastLines(stderr.String(), 3))
	}
	return s, read, failed, nil
}

// timeTriage runs the triage command over pkg, without OCR, with its
// JSON report written to out, in the working directory dir, without
// GOMEMLIMIT or GOGC (the command sets its own memory limit, as users
// get it). It returns the report's item count.
func timeTriage(ctx context.Context, m measurer, bin, pkg, out, dir string) (Sample, int, error) {
	var stderr bytes.Buffer
	cmd := m.command(ctx, bin, "-json", "-q", "-ocr=false", "-o", out, pkg)
	cmd.Dir, cmd.Stderr = dir, &stderr
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOMEMLIMIT=") && !strings.HasPrefix(kv, "GOGC=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	s, runErr := m.run(cmd)
	if runErr != nil {
		return s, 0, fmt.Errorf("triage: %w: %s", runErr, lastLines(stderr.String(), 3))
	}
	n, err := reportItems(out)
	return s, n, err
}

// measurer runs the timed commands. With GNU time (gnuTime, its path),
// each command runs as GNU time's child, which writes the command's peak
// RSS to file: the rusage of a child of this process would count this
// process's own memory, because Linux keeps in ru_maxrss the peak of
// the address space that exec replaced, a copy of (or, for Go's vfork,
// the very) address space of the parent, which holds the heap of the
// in-process triage. CPU and wall-clock time are taken around GNU time
// (its rusage covers the command it waited for; its own part is a
// millisecond).
type measurer struct {
	gnuTime string
	file    string
}

// newMeasurer finds GNU time (make peer-deps installs it) and checks
// that it writes a peak RSS to file; without it the peak RSS is not
// measured.
func newMeasurer(ctx context.Context, file string) measurer {
	bin, err := exec.LookPath("time")
	if err != nil {
		return measurer{}
	}
	m := measurer{gnuTime: bin, file: file}
	if _, err := m.run(m.command(ctx, "true")); err != nil || m.peak() <= 0 {
		return measurer{}
	}
	return m
}

// command returns the command to run bin with args, through GNU time
// when there is one.
func (m measurer) command(ctx context.Context, bin string, args ...string) *exec.Cmd {
	if m.gnuTime == "" {
		return exec.CommandContext(ctx, bin, args...)
	}
	return exec.CommandContext(ctx, m.gnuTime, append([]string{"-f", "%M", "-o", m.file, "--", bin}, args...)...)
}

// run runs cmd (from command) and times it.
func (m measurer) run(cmd *exec.Cmd) (Sample, error) {
	if m.gnuTime != "" {
		os.Remove(m.file)
	}
	start := time.Now()
	err := cmd.Run()
	s := Sample{Wall: time.Since(start), CPU: childCPU(cmd.ProcessState)}
	if m.gnuTime != "" {
		s.MaxRSS = m.peak()
	}
	return s, err
}

// peak reads the peak RSS GNU time wrote, in bytes: the last line of its
// file holds %M, in kilobytes (a line before it may say that the command
// failed); 0 when there is none.
func (m measurer) peak() int64 {
	b, err := os.ReadFile(m.file)
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	kb, err := strconv.ParseInt(f[len(f)-1], 10, 64)
	if err != nil || kb < 0 {
		return 0
	}
	return kb << 10
}

// reportItems reads the item count of the report at path.
func reportItems(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("report: %w", err)
	}
	defer f.Close()
	var rep struct {
		Stats struct {
			Items int `json:"items"`
		} `json:"stats"`
	}
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&rep); err != nil {
		return 0, fmt.Errorf("report: %w", err)
	}
	return rep.Stats.Items, nil
}

// timeInProcess triages pkg in this process as the command does without
// OCR: evidence.Analyze with the items handed to a render.JSONWriter
// that writes to out, under the command's memory limit.
func timeInProcess(ctx context.Context, pkg, out, tmp string) (Sample, error) {
	f, err := os.Create(out)
	if err != nil {
		return Sample{}, fmt.Errorf("in process: %w", err)
	}
	defer f.Close()
	runtime.GC() // the garbage of the rounds before is not this one's
	old := debug.SetMemoryLimit(commandMemoryLimit)
	defer debug.SetMemoryLimit(old)
	start, cpu := time.Now(), selfCPU()
	j, err := render.NewJSONWriter(f, render.JSONOptions{})
	if err != nil {
		return Sample{}, err
	}
	rep, err := evidence.Analyze(ctx, pkg, evidence.Options{TempDir: tmp, OnItem: func(it evidence.Item) error { return j.WriteItem(&it) }})
	if err != nil {
		return Sample{}, fmt.Errorf("in process: %w", err)
	}
	if err := j.Finish(rep); err != nil {
		return Sample{}, fmt.Errorf("in process: %w", err)
	}
	return Sample{Wall: time.Since(start), CPU: selfCPU() - cpu}, nil
}

// timeFloor computes what the triage computes of hashes and nothing
// else: MD5, SHA-1 and SHA-256 of every member of pkg (read from the
// package, where they are stored) on one goroutine, and of the package
// itself on another, as the triage hashes it beside the walk.
func timeFloor(ctx context.Context, pkg string) (Sample, error) {
	f, err := os.Open(pkg)
	if err != nil {
		return Sample{}, fmt.Errorf("floor: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Sample{}, fmt.Errorf("floor: %w", err)
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return Sample{}, fmt.Errorf("floor: %w", err)
	}
	runtime.GC()
	start, cpu := time.Now(), selfCPU()
	var wg sync.WaitGroup
	var pkgErr error
	wg.Go(func() {
		pkgErr = tripleHash(ctx, io.NewSectionReader(f, 0, st.Size()))
	})
	var memberErr error
	for _, e := range zr.File {
		off, err := e.DataOffset()
		if err == nil {
			err = tripleHash(ctx, io.NewSectionReader(f, off, int64(e.CompressedSize64)))
		}
		if err != nil {
			memberErr = fmt.Errorf("floor: %s: %w", e.Name, err)
			break
		}
	}
	wg.Wait()
	s := Sample{Wall: time.Since(start), CPU: selfCPU() - cpu}
	if memberErr != nil {
		return s, memberErr
	}
	if pkgErr != nil {
		return s, fmt.Errorf("floor: package: %w", pkgErr)
	}
	return s, nil
}

var floorBufs = sync.Pool{New: func() any { b := make([]byte, tripleHashBuf); return &b }}

// tripleHash reads r to its end into MD5, SHA-1 and SHA-256.
func tripleHash(ctx context.Context, r io.Reader) error {
	bp := floorBufs.Get().(*[]byte)
	defer floorBufs.Put(bp)
	hs := []hash.Hash{md5.New(), sha1.New(), sha256.New()}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := r.Read(*bp)
		for _, h := range hs {
			h.Write((*bp)[:n])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	for _, h := range hs {
		h.Sum(nil)
	}
	return nil
}

// loadAverage returns the 1-minute load average, or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

// lastLines returns the last n lines of s, joined by "; ".
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "; ")
}

// Met reports whether the triage command met both goals, by the median of
// the per-round ratios.
func (r *CorpusBenchResult) Met() bool {
	w, c := Ratios(r.Exiftool, r.Triage)
	return median(w, func(x float64) float64 { return x }) >= CorpusWallGoal &&
		median(c, func(x float64) float64 { return x }) >= CorpusCPUGoal
}

// Print writes the side-by-side table: each tool's median and best wall
// and CPU time, the ratios of exiftool's times over ours (per round,
// then their median and range), and the goals.
func (r *CorpusBenchResult) Print(w io.Writer) error {
	s := r.Set
	half := s.Half
	if half == "" {
		half = "both halves"
	}
	fmt.Fprintf(w, "corpus %s (%s): %d files that are not archives, %.1f MB (", s.Root, half, len(s.Files), float64(s.Bytes)/1e6)
	kinds := make([]string, 0, len(s.ByKind))
	for k := range s.ByKind {
		kinds = append(kinds, string(k))
	}
	slices.Sort(kinds)
	for i, k := range kinds {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%s %d", k, s.ByKind[identify.Kind(k)])
	}
	fmt.Fprintf(w, "); %d archives (%.1f MB) left out\n", s.Archives, float64(s.ArchiveBytes)/1e6)
	fmt.Fprintf(w, "package: one stored zip of %.1f MB; triage items %d; exiftool read %d, could not read %d\n",
		float64(r.PackageBytes)/1e6, r.TriageItems, r.ExiftoolRead, r.ExiftoolFailed)
	fmt.Fprintf(w, "%d rounds, interleaved; 1-minute load before each: %s; %d CPUs\n",
		len(r.Triage.Samples), strings.Join(r.Load, " "), runtime.NumCPU())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\twall median s\twall best s\tCPU median s\tCPU best s\tpeak RSS MB\t")
	for _, row := range []Series{r.Exiftool, r.Triage, r.Baseline, r.InProcess, r.Floor} {
		if len(row.Samples) == 0 {
			continue
		}
		m, b := row.Median(), row.Best()
		rss := "-"
		if m.MaxRSS > 0 {
			rss = strconv.FormatInt(m.MaxRSS>>20, 10)
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t\n", row.Name, m.Wall.Seconds(), b.Wall.Seconds(), m.CPU.Seconds(), b.CPU.Seconds(), rss)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print: %w", err)
	}
	if !r.PeakRSSMeasured {
		fmt.Fprintln(w, "peak RSS not measured: GNU time (/usr/bin/time, make peer-deps installs it) not found")
	}
	for _, ours := range []Series{r.Triage, r.Baseline, r.InProcess} {
		if len(ours.Samples) == 0 {
			continue
		}
		wr, cr := Ratios(r.Exiftool, ours)
		em, om := r.Exiftool.Median(), ours.Median()
		fmt.Fprintf(w, "exiftool / %s:\n", ours.Name)
		fmt.Fprintf(w, "  wall: per round %s; median %.1fx (goal %dx: %s); of the medians %.1fx\n",
			ratioList(wr), medianOf(wr), CorpusWallGoal, verdict(medianOf(wr), CorpusWallGoal), em.Wall.Seconds()/om.Wall.Seconds())
		fmt.Fprintf(w, "  CPU:  per round %s; median %.1fx (goal %dx: %s); of the medians %.1fx\n",
			ratioList(cr), medianOf(cr), CorpusCPUGoal, verdict(medianOf(cr), CorpusCPUGoal), em.CPU.Seconds()/om.CPU.Seconds())
	}
	if f, t := r.Floor.Median(), r.Triage.Median(); f.CPU > 0 && f.Wall > 0 {
		fmt.Fprintf(w, "triage over the hashing floor: wall %.1fx, CPU %.1fx\n", t.Wall.Seconds()/f.Wall.Seconds(), t.CPU.Seconds()/f.CPU.Seconds())
	}
	return nil
}

func medianOf(xs []float64) float64 { return median(xs, func(x float64) float64 { return x }) }

func ratioList(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.1f", x)
	}
	return strings.Join(parts, " ")
}

func verdict(x float64, goal int) string {
	if x >= float64(goal) {
		return "met"
	}
	return "NOT met"
}
