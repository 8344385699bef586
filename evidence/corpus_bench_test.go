package evidence_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/internal/exifcompare"
)

// envBenchHalf names the corpus half BenchmarkAnalyzeCorpus reads:
// decided (the default: the half the code is tuned on), held-out, or all.
const envBenchHalf = "PROOFPACK_BENCH_HALF"

// BenchmarkAnalyzeCorpus triages, as the triage command does without
// OCR (its JSON report written by render.JSONWriter, here to nothing),
// the package make bench-meta times against exiftool: the files of the
// development corpus that are not archives, zipped as one stored package
// (exifcompare.CorpusSet). It skips when the corpus is absent. Profile
// it with
//
//	go test -run '^$' -bench AnalyzeCorpus -benchtime 5x -cpuprofile cpu.prof ./evidence/
func BenchmarkAnalyzeCorpus(b *testing.B) {
	skipShort(b)
	repo, err := exifcompare.RepoRoot()
	if err != nil {
		repo = ".." // a test binary run elsewhere: PROOFPACK_CORPUS is best absolute
	}
	half := os.Getenv(envBenchHalf)
	switch half {
	case "":
		half = exifcompare.HalfDecided
	case "all":
		half = ""
	}
	set, err := exifcompare.LoadCorpusSet(context.Background(), exifcompare.LocateCorpus(repo), half)
	if errors.Is(err, exifcompare.ErrNoCorpus) {
		b.Skip(err)
	}
	require.NoError(b, err)
	pkg := filepath.Join(b.TempDir(), "corpus.zip")
	require.NoError(b, set.WritePackage(pkg))
	st, err := os.Stat(pkg)
	require.NoError(b, err)
	ctx := context.Background()
	var rep *evidence.Report
	cpu, idle := cpuTime(), idleTime()
	for b.Loop() {
		bw := bufio.NewWriter(io.Discard)
		j, err := render.NewJSONWriter(bw, render.JSONOptions{})
		require.NoError(b, err)
		rep, err = evidence.Analyze(ctx, pkg, evidence.Options{OnItem: func(it evidence.Item) error { return j.WriteItem(&it) }})
		require.NoError(b, err)
		require.NoError(b, j.Finish(rep))
	}
	// CPU time per triage, which other load on the machine does not
	// inflate as it does the wall-clock time of ns/op.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	// The time the scheduler had a P with nothing to run: cores left
	// idle by the triage itself (waiting on one goroutine), which other
	// load on the machine does not change.
	b.ReportMetric(float64(idleTime()-idle)/float64(b.N)/1e6, "idle-P-ms/op")
	require.GreaterOrEqual(b, rep.Stats.Items, len(set.Files), "every file is an item")
	b.SetBytes(rep.Stats.Bytes)
	reportPackageRate(b, st.Size())
	b.ReportMetric(float64(rep.Stats.Items), "items/op")
}

// idleTime is the runtime's estimate of the processor time its Ps have
// spent with no goroutine to run, so far.
func idleTime() time.Duration {
	s := []metrics.Sample{{Name: "/cpu/classes/idle:cpu-seconds"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindFloat64 {
		return 0
	}
	return time.Duration(s[0].Value.Float64() * 1e9)
}
