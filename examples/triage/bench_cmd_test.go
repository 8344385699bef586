package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/benchpack"
	"github.com/proofpack/proofpack/internal/testenv"
)

// BenchmarkTriageCommand runs the triage command, as users run it, on
// generated packs (internal/benchpack), and beside it on each pack the
// peer `unzip -p PACK | sha256sum`: what it costs only to inflate every
// entry of the zip and hash it. Its sub-benchmarks are PACK/TOOL:
//
//	pack                what
//	dump-525MiB         benchpack.WriteDump: deflated CSV tables with two
//	                    e-mail columns, stored zips of text exports, random
//	                    blobs; 1.7 GB of entry bytes, 0.3 GB of item text
//	textbomb-2000x1MiB  archivegen.TextBomb{}: 2,000 repetitive 1 MiB logs
//	                    in a 7.8 MB zip
//	mixed-500MB         benchpack.Write: photos, screenshots, documents,
//	                    PDFs, CSV exports, nested zips and tar.gz
//	mixed-1.5GB         the same, with PROOFPACK_BENCH_LARGE=1
//	mixed-5GB           the same, with PROOFPACK_BENCH_LARGE=1
//
//	tool                what
//	triage-json-file    triage -json -q -ocr=false -o FILE PACK
//	triage-json-pipe    triage -json -q -ocr=false PACK | (read and dropped)
//	triage-ndjson-pipe  triage -ndjson -q -ocr=false PACK | (read and dropped),
//	                    when the command has -ndjson
//	triage-summary      triage -q -ocr=false PACK | (read and dropped)
//	base-...            the same modes of the command PROOFPACK_BENCH_BASE
//	                    names, each right after this tree's: a before and
//	                    after under the same load
//	unzip-sha256sum     unzip -p PACK | sha256sum
//
// Each reports, for the median run by wall time (peak RSS: the highest
// of all runs):
//
//	entry-MB/s    uncompressed entry bytes per wall second, 10^6 bytes:
//	              for the triage the report's stats.bytes (every level,
//	              nested archives counted at each), for the peer the
//	              pack's own entries (unzip does not open nested archives)
//	pack-MB/s     bytes of the pack file per wall second: the same
//	              measure for both
//	peak-RSS-MiB  peak resident set size of the process, as GNU time
//	              reports it (see meter); for the peer, of unzip and
//	              sha256sum added
//	wall-s        wall-clock seconds, start to exit (output drained)
//	cpu-s         user and system CPU seconds of the process(es)
//	cpu/wall      cpu-s per wall-s: how many cores the run kept busy
//	out-MB        bytes the triage wrote (report or summary), 10^6
//	problems      problems in the report (stats.problems); a pack meant
//	              to be read cleanly logs them
//
// The triage modes without a report of their own (the pipes, the
// summary) take entry bytes and problems from a -json run of the same
// pack (the triage is deterministic). Run it on an otherwise idle machine:
//
//	go test -run '^$' -bench TriageCommand -timeout 2h ./examples/triage | tee bench.out
//	PROOFPACK_BENCH_LARGE=1 go test -run '^$' -bench TriageCommand -timeout 4h ./examples/triage | tee bench.out
//	go run ./internal/benchpack/cmd/benchtable bench.out
//
// and, to compare with main under the same load:
//
//	(cd ../main && go build -o /tmp/base-triage ./examples/triage)
//	PROOFPACK_BENCH_BASE=/tmp/base-triage go test -run '^$' -bench TriageCommand -timeout 2h ./examples/triage
//
// `make bench` runs it with the other benchmarks and prints the table.
// Packs are generated once into benchpack.CacheDir() (the 525 MiB dump
// in about 7 s, 500 MB of mixed files in about 2 s; the 5 GB pack needs
// 5 GB of disk, and its -json report 1.5 GB more while it runs); they
// are read from the page cache after, so the figures are of CPU, not
// disk. Nothing here asserts a time or a size: the figures are for
// people to compare.
func BenchmarkTriageCommand(b *testing.B) {
	if testing.Short() {
		b.Skip("benchmark packs are hundreds of megabytes; skipped with -short")
	}
	bins := map[string]string{"triage": buildTriageCommand(b)}
	if base := os.Getenv(envBenchBase); base != "" {
		bins["base"] = base
	}
	m := &meter{time: testenv.Command(b, "time", "time"), dir: b.TempDir()}
	unzipPath := testenv.Command(b, "unzip", "unzip")
	shaPath := testenv.Command(b, "sha256sum", "coreutils")
	large := os.Getenv(envBenchLarge) == "1"
	for _, p := range cmdBenchPacks {
		b.Run(p.name, func(b *testing.B) {
			if p.large && !large {
				b.Skipf("set %s=1 for the packs of gigabytes", envBenchLarge)
			}
			path, size, generated, err := benchpack.Cached(benchpack.CacheDir(), p.file, p.write)
			require.NoError(b, err)
			if generated {
				b.Logf("generated %s (%d bytes)", path, size)
			}
			targets := map[string]*cmdBenchTarget{}
			for name, bin := range bins {
				targets[name] = &cmdBenchTarget{bin: bin, path: path}
			}
			for _, t := range cmdBenchTools(len(bins) > 1) {
				pk := targets[t.command]
				b.Run(t.name, func(b *testing.B) {
					if t.needs != "" && !commandHasFlag(b, pk.bin, t.needs) {
						b.Skipf("the command has no -%s", t.needs)
					}
					var runs []cmdRun
					for b.Loop() {
						if t.peer {
							runs = append(runs, m.runPeer(b, unzipPath, shaPath, path))
						} else {
							runs = append(runs, pk.runTriage(b, m, t))
						}
					}
					entries, problems := int64(0), -1
					if t.peer {
						entries = zipEntryBytes(b, path)
					} else {
						st := pk.stats(b)
						entries, problems = st.Bytes, st.Problems
						if problems > 0 && p.clean {
							b.Logf("%d problems in a pack meant to be read cleanly: the figures may be of less than the whole pack", problems)
						}
					}
					reportCmdRuns(b, runs, entries, size, problems)
				})
			}
		})
	}
}

// envBenchLarge, set to 1, adds the packs of gigabytes to
// BenchmarkTriageCommand (and the 1.5 GB pack to the benchmarks of
// package evidence).
const envBenchLarge = "PROOFPACK_BENCH_LARGE"

// cmdBenchSeed is the seed of every generated pack, as in the benchmarks
// of package evidence, which share the mixed packs' cache files.
const cmdBenchSeed = 1

// cmdBenchPack is a pack of BenchmarkTriageCommand.
type cmdBenchPack struct {
	name  string
	large bool // only with PROOFPACK_BENCH_LARGE=1
	clean bool // made to be read without a problem
	file  string
	write func(io.Writer) (int64, error)
}

func mixedPack(name string, size int64, large bool) cmdBenchPack {
	opt := benchpack.Options{Size: size, Seed: cmdBenchSeed}
	return cmdBenchPack{name: name, large: large, clean: true, file: benchpack.MixedName(opt),
		write: func(w io.Writer) (int64, error) { return benchpack.Write(w, opt) }}
}

var (
	dumpPackOptions = benchpack.DumpOptions{Seed: cmdBenchSeed}
	textBombPack    = archivegen.TextBomb{} // issue 12's: 2,000 logs of 1 MiB, one line repeated
)

var cmdBenchPacks = []cmdBenchPack{
	{name: "dump-525MiB", clean: true, file: benchpack.DumpName(dumpPackOptions),
		write: func(w io.Writer) (int64, error) { return benchpack.WriteDump(w, dumpPackOptions) }},
	// Not clean: 2 GiB of text out of 7.8 MB is over the package's
	// compression ratio limit (Limits.MaxRatio).
	{name: "textbomb-2000x1MiB", file: benchpack.TextBombName(textBombPack), write: textBombPack.WriteTo},
	mixedPack("mixed-500MB", 500e6, false),
	mixedPack("mixed-1.5GB", 1500e6, true),
	mixedPack("mixed-5GB", 5e9, true),
}

// envBenchBase names another build of the triage command (of main, say:
// go build -o /tmp/base-triage ./examples/triage in its work tree) that
// BenchmarkTriageCommand runs beside this tree's, each mode of one right
// after the same mode of the other, as tools base-json-file, ...: a
// before and after measured under the same load.
const envBenchBase = "PROOFPACK_BENCH_BASE"

// cmdBenchTool is a way of running the triage command, or the peer.
type cmdBenchTool struct {
	name    string
	command string   // "triage" (this tree's) or "base" (envBenchBase)
	args    []string // the command's flags, before the package
	file    bool     // the output goes to a file given with -o (else a pipe)
	needs   string   // a flag the command must have, else the tool is skipped
	peer    bool     // unzip -p PACK | sha256sum instead of the command
}

// cmdBenchTools returns the tools in the order they run, with the base
// command's after each of this tree's when withBase.
func cmdBenchTools(withBase bool) []cmdBenchTool {
	modes := []cmdBenchTool{
		{name: "json-file", args: []string{"-json", "-q", "-ocr=false"}, file: true},
		{name: "json-pipe", args: []string{"-json", "-q", "-ocr=false"}},
		{name: "ndjson-pipe", args: []string{"-ndjson", "-q", "-ocr=false"}, needs: "ndjson"},
		{name: "summary", args: []string{"-q", "-ocr=false"}},
	}
	commands := []string{"triage"}
	if withBase {
		commands = append(commands, "base")
	}
	var tools []cmdBenchTool
	for _, mode := range modes {
		for _, command := range commands {
			t := mode
			t.name, t.command = command+"-"+mode.name, command
			tools = append(tools, t)
		}
	}
	return append(tools, cmdBenchTool{name: "unzip-sha256sum", peer: true})
}

// cmdBenchTarget is one pack, with the stats of its report once a -json
// run has given them.
type cmdBenchTarget struct {
	bin, path string

	statsOnce sync.Once
	statsOK   bool
	st        evidence.Stats
}

// cmdRun is what one run of a command cost.
type cmdRun struct {
	wall, cpu time.Duration
	rss       int64 // peak resident set size, bytes
	out       int64 // bytes written, -1 when not measured
}

// runTriage runs the command once as t says, and keeps the stats of its
// report when it wrote one to a file.
func (pk *cmdBenchTarget) runTriage(b *testing.B, m *meter, t cmdBenchTool) cmdRun {
	b.Helper()
	args := slices.Clone(t.args)
	var report string
	if t.file {
		report = filepath.Join(b.TempDir(), "report.json")
		args = append(args, "-o", report)
	}
	cmd, usage := m.command(b, "triage", pk.bin, append(args, pk.path)...)
	var out countingWriter
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	start := time.Now()
	err := cmd.Run() // returns once the output is drained
	wall := time.Since(start)
	require.NoError(b, err, "triage %s: %s", strings.Join(args, " "), stderr.String())
	r := usage()
	r.wall, r.out = wall, out.n
	if report != "" {
		st, err := os.Stat(report)
		require.NoError(b, err)
		r.out = st.Size()
		pk.statsOnce.Do(func() { pk.st, pk.statsOK = readReportStats(b, report), true })
		require.NoError(b, os.Remove(report)) // reports of gigabytes
	}
	return r
}

// stats returns the stats of the pack's report, from a run of
// triage-json-file when one ran, else from a run of its own (not
// measured).
func (pk *cmdBenchTarget) stats(b *testing.B) evidence.Stats {
	b.Helper()
	pk.statsOnce.Do(func() {
		report := filepath.Join(b.TempDir(), "report.json")
		cmd := exec.Command(pk.bin, "-json", "-q", "-ocr=false", "-o", report, pk.path)
		out, err := cmd.CombinedOutput()
		require.NoError(b, err, "triage: %s", out)
		pk.st, pk.statsOK = readReportStats(b, report), true
		require.NoError(b, os.Remove(report))
	})
	require.True(b, pk.statsOK, "no stats: the run that should have read them failed")
	return pk.st
}

// readReportStats reads the stats of a JSON report, which come after the
// items, without holding the report.
func readReportStats(b *testing.B, path string) evidence.Stats {
	b.Helper()
	f, err := os.Open(path)
	require.NoError(b, err)
	defer f.Close()
	raw, err := benchpack.JSONField(f, "stats")
	require.NoError(b, err, path)
	var st evidence.Stats
	require.NoError(b, json.Unmarshal(raw, &st))
	return st
}

// runPeer runs unzip -p PACK | sha256sum once: two processes joined by a
// pipe, as the shell would run them.
func (m *meter) runPeer(b *testing.B, unzipPath, shaPath, pack string) cmdRun {
	b.Helper()
	pr, pw, err := os.Pipe()
	require.NoError(b, err)
	unzip, unzipUsage := m.command(b, "unzip", unzipPath, "-p", pack)
	sum, sumUsage := m.command(b, "sha256sum", shaPath)
	var unzipErr, sumOut, sumErr bytes.Buffer
	unzip.Stdout, unzip.Stderr = pw, &unzipErr
	sum.Stdin, sum.Stdout, sum.Stderr = pr, &sumOut, &sumErr
	start := time.Now()
	err = unzip.Start()
	if err == nil {
		err = sum.Start()
		if err != nil {
			_ = unzip.Process.Kill()
			_ = unzip.Wait()
		}
	}
	// The children hold their own ends of the pipe: sha256sum sees the
	// end of its input when unzip exits.
	pw.Close()
	pr.Close()
	require.NoError(b, err)
	uerr, serr := unzip.Wait(), sum.Wait()
	wall := time.Since(start)
	require.NoError(b, uerr, "unzip -p: %s", unzipErr.String())
	require.NoError(b, serr, "sha256sum: %s", sumErr.String())
	require.Len(b, strings.Fields(sumOut.String()), 2, "sha256sum printed %q", sumOut.String())
	u, v := unzipUsage(), sumUsage()
	return cmdRun{wall: wall, cpu: u.cpu + v.cpu, rss: u.rss + v.rss, out: -1}
}

// meter runs commands under GNU time, which reports their peak RSS and
// CPU time as their own (benchpack.TimedCommand says why the peak RSS of
// a child of the benchmark process would not be).
type meter struct {
	time string // path of GNU time
	dir  string // where its reports go
	n    int
}

// command returns a command that runs path with args under GNU time, and
// a function that returns its CPU time and peak RSS once it has exited.
func (m *meter) command(b *testing.B, name, path string, args ...string) (*exec.Cmd, func() cmdRun) {
	b.Helper()
	m.n++
	report := filepath.Join(m.dir, fmt.Sprintf("%s-%d.time", name, m.n))
	return benchpack.TimedCommand(m.time, report, path, args...), func() cmdRun {
		b.Helper()
		u, err := benchpack.ReadTimeReport(report)
		require.NoError(b, err)
		require.NoError(b, os.Remove(report))
		return cmdRun{rss: u.PeakRSS, cpu: u.CPU}
	}
}

// reportCmdRuns reports the metrics of the median run by wall time, and
// the highest peak RSS of all; problems < 0 is not reported.
func reportCmdRuns(b *testing.B, runs []cmdRun, entries, packSize int64, problems int) {
	b.Helper()
	require.NotEmpty(b, runs)
	var rss int64
	for _, r := range runs {
		rss = max(rss, r.rss)
	}
	slices.SortFunc(runs, func(x, y cmdRun) int { return int(x.wall - y.wall) })
	m := runs[len(runs)/2]
	wall := m.wall.Seconds()
	b.ReportMetric(float64(entries)/wall/1e6, benchpack.UnitEntryRate)
	b.ReportMetric(float64(packSize)/wall/1e6, benchpack.UnitPackRate)
	b.ReportMetric(float64(rss)/(1<<20), benchpack.UnitPeakRSS)
	b.ReportMetric(wall, benchpack.UnitWall)
	b.ReportMetric(m.cpu.Seconds(), benchpack.UnitCPU)
	b.ReportMetric(m.cpu.Seconds()/wall, benchpack.UnitCPUWall)
	if m.out >= 0 {
		b.ReportMetric(float64(m.out)/1e6, benchpack.UnitOutput)
	}
	if problems >= 0 {
		b.ReportMetric(float64(problems), benchpack.UnitProblems)
	}
}

// zipEntryBytes returns the uncompressed bytes of the files of a zip,
// its own entries only: what unzip -p writes.
func zipEntryBytes(b *testing.B, path string) int64 {
	b.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(b, err)
	defer zr.Close()
	var n int64
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() {
			n += int64(f.UncompressedSize64)
		}
	}
	return n
}

// countingWriter counts and drops what is written to it: the reader at
// the other end of the command's pipe.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// buildTriageCommand builds the command into a temporary directory: the
// benchmark measures the binary users run, not the test binary.
func buildTriageCommand(b *testing.B) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(b.TempDir(), "triage")
	out, err := exec.Command(goTool, "build", "-o", bin, "github.com/proofpack/proofpack/examples/triage").CombinedOutput()
	require.NoError(b, err, "go build: %s", out)
	return bin
}

// commandHasFlag reports whether the command's -h lists -name.
func commandHasFlag(b *testing.B, bin, name string) bool {
	b.Helper()
	out, _ := exec.Command(bin, "-h").CombinedOutput() // -h exits 0; its text is what matters
	return bytes.Contains(out, []byte(fmt.Sprintf("\n  -%s", name)))
}
