package evidence_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// BenchmarkAnalyzeTextBomb triages the text bomb of issue 12: a zip of
// about 11 MB holding 2,000 logs of 1 MiB (archivegen.TextBomb, in a
// cycle of 8 lines: within the package's ratio limit, so every log is
// read).
// Run it with
//
//	go test -run '^$' -bench TextBomb -benchtime 3x ./evidence/
//
// Metrics: MB/s of the bytes read at every level, B/op and allocs/op of
// the whole triage, kept-text-MiB the item text the report holds, and
// peak-RSS-MiB the process's peak resident set size during the loop
// (Linux: VmHWM, reset before the loop; it includes the benchmark's own
// heap), cpu-s/op the CPU time of the process per triage. The variants collect the items (the default; "serial" with no
// workers beside the walk) and hand them to Options.OnItem.
func BenchmarkAnalyzeTextBomb(b *testing.B) {
	skipShort(b)
	data, err := archivegen.TextBomb{Files: 2000, FileSize: 1 << 20, Cycle: 8}.Bytes()
	require.NoError(b, err)
	path := filepath.Join(b.TempDir(), "textbomb.zip")
	require.NoError(b, os.WriteFile(path, data, 0o644))
	b.Run("collect", func(b *testing.B) {
		benchTextBomb(b, path, evidence.Options{})
	})
	b.Run("collect-serial", func(b *testing.B) {
		benchTextBomb(b, path, evidence.Options{Workers: -1})
	})
	b.Run("onitem", func(b *testing.B) {
		benchTextBomb(b, path, evidence.Options{OnItem: func(evidence.Item) error { return nil }})
	})
}

// BenchmarkAnalyzeStream triages the 500 MB dump-like pack of
// BenchmarkAnalyze (internal/benchpack: deflated CSV exports, nested zips,
// tar.gz of mail and logs, photos, screenshots, documents) with the full
// pipeline, with the same metrics and variants as
// BenchmarkAnalyzeTextBomb:
//
//	go test -run '^$' -bench AnalyzeStream -benchtime 2x ./evidence/
func BenchmarkAnalyzeStream(b *testing.B) {
	skipShort(b)
	for _, v := range []struct {
		name string
		opts evidence.Options
	}{
		{"collect", evidence.Options{}},
		{"collect-serial", evidence.Options{Workers: -1}},
		{"onitem", evidence.Options{OnItem: func(evidence.Item) error { return nil }}},
	} {
		b.Run("500MB/"+v.name, func(b *testing.B) {
			path, pkgSize := benchPackage(b, 500e6)
			benchTextBomb(b, path, v.opts)
			reportPackageRate(b, pkgSize)
		})
	}
}

func benchTextBomb(b *testing.B, path string, opts evidence.Options) {
	ctx := context.Background()
	var rep *evidence.Report
	runtime.GC()
	resetPeakRSS()
	cpu0 := cpuTime()
	b.ReportAllocs()
	for b.Loop() {
		rep = nil
		var err error
		rep, err = evidence.Analyze(ctx, path, opts)
		require.NoError(b, err)
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	var text int64
	for i := range rep.Items {
		text += int64(len(rep.Items[i].Text))
	}
	b.SetBytes(rep.Stats.Bytes)
	b.ReportMetric(float64(text)/(1<<20), "kept-text-MiB")
	if peak, ok := peakRSS(); ok {
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
	}
}

// cpuTime returns the CPU time the process used so far, user and system:
// on a machine shared with other work it measures the triage's cost
// where wall-clock time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS resets the peak resident set size the kernel keeps for
// the process (Linux; elsewhere it does nothing).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns the process's peak resident set size since the last
// resetPeakRSS (Linux's VmHWM).
func peakRSS() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			f := strings.Fields(string(rest))
			if len(f) == 2 && f[1] == "kB" {
				n, err := strconv.ParseInt(f[0], 10, 64)
				return n << 10, err == nil
			}
		}
	}
	return 0, false
}
