package evidence_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// BenchmarkAnalyzeTextBomb triages the text bomb of issue 12: a zip of
// about 10.6 MB holding 2,000 logs of 1 MiB (archivegen.ZipTextBomb).
// Run it with
//
//	go test -run '^$' -bench TextBomb -benchtime 3x ./evidence/
//
// Metrics: MB/s of the bytes read at every level, B/op and allocs/op of
// the whole triage, kept-text-MiB the item text the report holds, and
// peak-RSS-MiB the process's peak resident set size during the loop
// (Linux: VmHWM, reset before the loop; it includes the benchmark's own
// heap). The variants collect the items (the default) and hand them to
// Options.OnItem.
func BenchmarkAnalyzeTextBomb(b *testing.B) {
	skipShort(b)
	data, err := archivegen.ZipTextBomb(2000, 1<<20)
	require.NoError(b, err)
	path := filepath.Join(b.TempDir(), "textbomb.zip")
	require.NoError(b, os.WriteFile(path, data, 0o644))
	b.Run("collect", func(b *testing.B) {
		benchTextBomb(b, path, evidence.Options{})
	})
}

func benchTextBomb(b *testing.B, path string, opts evidence.Options) {
	ctx := context.Background()
	var rep *evidence.Report
	runtime.GC()
	resetPeakRSS()
	b.ReportAllocs()
	for b.Loop() {
		rep = nil
		var err error
		rep, err = evidence.Analyze(ctx, path, opts)
		require.NoError(b, err)
	}
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

var _ = fmt.Sprint
