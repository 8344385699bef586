package evidence_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/caselib"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/benchpack"
	"github.com/proofpack/proofpack/internal/testenv"
)

// The speed and memory benchmarks of the non-OCR path (unpack, identify,
// hash) on generated packs of mixed files; see internal/benchpack for
// what a pack holds. Run them with
//
//	go test -run '^$' -bench 'Analyze|PeakRSS' -benchtime 3x ./evidence/
//
// and add PROOFPACK_BENCH_LARGE=1 for the 1.5 GB pack of the memory
// benchmark. Packs are generated once and kept in
// $TMPDIR/proofpack-bench-cache, keyed by layout version, size and seed;
// delete the directory to reclaim the space. The pack is read from the
// page cache after the first run, so the figures are of CPU, not disk.
//
// Metrics: MB/s (from b.SetBytes) is of the uncompressed bytes the walk
// read and hashed at every level, which is Stats.Bytes of the report;
// pkg-MB/s is of the package file itself.

// benchSeed is the seed of every benchmark pack.
const benchSeed = 1

// envLarge, set to 1, adds the 1.5 GB pack to BenchmarkTriagePeakRSS.
const envLarge = "PROOFPACK_BENCH_LARGE"

// benchPackage returns the path and size of the cached pack of the given
// size, generating it on first use.
func benchPackage(b *testing.B, size int64) (string, int64) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "proofpack-bench-cache")
	require.NoError(b, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, fmt.Sprintf("pack-v%s-%d-seed%d.zip", benchpack.Version, size, benchSeed))
	if st, err := os.Stat(path); err == nil {
		return path, st.Size()
	}
	start := time.Now()
	// Write to a temporary name and rename, so that a run interrupted or
	// racing another never leaves a partial pack under the final name.
	f, err := os.CreateTemp(dir, "pack-*.partial")
	require.NoError(b, err)
	defer os.Remove(f.Name())
	bw := bufio.NewWriterSize(f, 1<<20)
	n, err := benchpack.Write(bw, benchpack.Options{Size: size, Seed: benchSeed})
	require.NoError(b, err)
	require.NoError(b, bw.Flush())
	require.NoError(b, f.Close())
	require.NoError(b, os.Rename(f.Name(), path))
	d := time.Since(start)
	b.Logf("generated %s: %d bytes in %v (%.0f MB/s)", path, n, d.Round(time.Millisecond), float64(n)/d.Seconds()/1e6)
	return path, n
}

func sizeName(size int64) string { return fmt.Sprintf("%dMB", size/1e6) }

func skipShort(b *testing.B) {
	if testing.Short() {
		b.Skip("benchmark packs are hundreds of megabytes; skipped with -short")
	}
}

// reportPackageRate adds the package bytes per second as a metric.
func reportPackageRate(b *testing.B, pkgSize int64) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(pkgSize)*float64(b.N)/s/1e6, "pkg-MB/s")
	}
}

// BenchmarkAnalyze measures evidence.Analyze on packs of 100 MB and
// 500 MB, three times: "walk" is unpack, identify and hash only
// (Options.SkipMetadata), "full" adds the metadata stage (default
// options), "library" adds a case library (Options.Library: every image
// decoded and hashed, every text signed, every item looked up, the pack
// recorded; the library holds the pack from the first loop on, which the
// lookups leave out as the pack triaged).
func BenchmarkAnalyze(b *testing.B) {
	skipShort(b)
	for _, size := range []int64{100e6, 500e6} {
		for _, mode := range []struct {
			name    string
			skip    bool
			library bool
		}{{"walk", true, false}, {"full", false, false}, {"library", false, true}} {
			b.Run(sizeName(size)+"/"+mode.name, func(b *testing.B) {
				path, pkgSize := benchPackage(b, size)
				ctx := context.Background()
				opts := evidence.Options{SkipMetadata: mode.skip}
				if mode.library {
					lib, err := caselib.Open(ctx, b.TempDir(), caselib.Options{})
					require.NoError(b, err)
					defer lib.Close()
					opts.Library = lib
				}
				var rep *evidence.Report
				for b.Loop() {
					var err error
					rep, err = evidence.Analyze(ctx, path, opts)
					require.NoError(b, err)
				}
				// A pack the walk does not read cleanly would measure less
				// than it claims. (The generated JPEGs are headers and
				// noise, which no decoder reads: with a library each is
				// hash_failed, and was read as far as the others.)
				problems := rep.Stats.Problems
				for _, it := range rep.Items {
					for _, p := range it.Problems {
						if p.Code == evidence.ProblemHash {
							problems--
						}
					}
				}
				require.Zero(b, problems, "problems in the generated pack")
				require.Greater(b, rep.Stats.Bytes, pkgSize)
				b.SetBytes(rep.Stats.Bytes)
				reportPackageRate(b, pkgSize)
				b.ReportMetric(float64(rep.Stats.Items), "items/op")
				b.ReportMetric(float64(rep.Stats.SpooledToDisk), "spooled/op")
			})
		}
	}
}

// BenchmarkTriagePeakRSS runs the triage command on the 500 MB pack (and
// on a 1.5 GB pack when PROOFPACK_BENCH_LARGE=1) and reports the peak
// resident set size of the process, the whole of it: runtime, walk, report
// and JSON output, as GNU time measures it (benchpack.TimedCommand: the
// benchmark process generated the pack, and its own peak would otherwise
// be the floor of the command's).
func BenchmarkTriagePeakRSS(b *testing.B) {
	skipShort(b)
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skip("the go command is needed to build examples/triage")
	}
	bin := filepath.Join(b.TempDir(), "triage")
	build := exec.Command(goTool, "build", "-o", bin, "github.com/proofpack/proofpack/examples/triage")
	out, err := build.CombinedOutput()
	require.NoError(b, err, "go build: %s", out)

	timeTool := testenv.Command(b, "time", "time")
	sizes := []int64{500e6}
	if os.Getenv(envLarge) == "1" {
		sizes = append(sizes, 1500e6)
	}
	for _, size := range sizes {
		b.Run(sizeName(size), func(b *testing.B) {
			path, pkgSize := benchPackage(b, size)
			report := filepath.Join(b.TempDir(), "report.json")
			usage := filepath.Join(b.TempDir(), "usage.time")
			var peak int64
			for b.Loop() {
				cmd := benchpack.TimedCommand(timeTool, usage, bin, "-json", "-q", "-o", report, path)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				require.NoError(b, cmd.Run(), "triage: %s", stderr.String())
				u, err := benchpack.ReadTimeReport(usage)
				require.NoError(b, err)
				peak = max(peak, u.PeakRSS)
			}
			stats := readStats(b, report)
			require.Zero(b, stats.Problems, "problems in the generated pack")
			b.SetBytes(stats.Bytes)
			reportPackageRate(b, pkgSize)
			b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
		})
	}
}

// BenchmarkTriagePeakRSSManyItems is the other direction of growth: not
// bytes but items. A zip declaring 10^6 empty entries is walked up to the
// default MaxEntries (100 000 items, the most a report can hold), and the
// peak RSS of the whole process is reported.
func BenchmarkTriagePeakRSSManyItems(b *testing.B) {
	skipShort(b)
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skip("the go command is needed to build examples/triage")
	}
	bin := filepath.Join(b.TempDir(), "triage")
	out, err := exec.Command(goTool, "build", "-o", bin, "github.com/proofpack/proofpack/examples/triage").CombinedOutput()
	require.NoError(b, err, "go build: %s", out)
	data, err := archivegen.ZipManyEmpty(1_000_000)
	require.NoError(b, err)
	path := filepath.Join(b.TempDir(), "many.zip")
	require.NoError(b, os.WriteFile(path, data, 0o644))
	report := filepath.Join(b.TempDir(), "report.json")
	usage := filepath.Join(b.TempDir(), "usage.time")
	timeTool := testenv.Command(b, "time", "time")
	var peak int64
	for b.Loop() {
		cmd := benchpack.TimedCommand(timeTool, usage, bin, "-json", "-q", "-o", report, path)
		require.NoError(b, cmd.Run())
		u, err := benchpack.ReadTimeReport(usage)
		require.NoError(b, err)
		peak = max(peak, u.PeakRSS)
	}
	stats := readStats(b, report)
	require.Equal(b, evidence.DefaultLimits().MaxEntries, stats.Items)
	b.ReportMetric(float64(stats.Items), "items")
	b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
}

// readStats decodes the stats of a JSON report.
func readStats(b *testing.B, path string) evidence.Stats {
	b.Helper()
	f, err := os.Open(path)
	require.NoError(b, err)
	defer f.Close()
	var rep struct {
		Stats evidence.Stats `json:"stats"`
	}
	require.NoError(b, json.NewDecoder(bufio.NewReader(f)).Decode(&rep))
	return rep.Stats
}
