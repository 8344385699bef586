package exifcompare

import (
	"context"
	"os/exec"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkMetaVsExiftool times identify + meta.Run over a generated tree
// of 1 000 mixed files against `exiftool -json -r` over the same tree, and
// reports both rates and their ratio (the target is 20x or more).
func BenchmarkMetaVsExiftool(b *testing.B) {
	if testing.Short() {
		b.Skip("-short: the exiftool comparison takes seconds")
	}
	if _, err := exec.LookPath("exiftool"); err != nil {
		b.Skip("exiftool not on PATH")
	}
	fixtures, err := FixtureDir()
	require.NoError(b, err)
	dir := b.TempDir()
	_, err = BuildTree(dir, 1000, fixtures)
	require.NoError(b, err)
	ctx := context.Background()
	var ours, et Timing
	for b.Loop() {
		et, err = TimeExiftool(ctx, dir)
		require.NoError(b, err)
		ours, err = TimeOurs(ctx, dir, runtime.NumCPU())
		require.NoError(b, err)
	}
	b.ReportMetric(ours.Rate(), "ours-files/s")
	b.ReportMetric(et.Rate(), "exiftool-files/s")
	b.ReportMetric(BenchResult{Ours: ours, Exiftool: et}.Ratio(), "ratio")
}

// BenchmarkOurs times our extraction alone over the tree, per file.
func BenchmarkOurs(b *testing.B) {
	fixtures, err := FixtureDir()
	require.NoError(b, err)
	dir := b.TempDir()
	_, err = BuildTree(dir, 200, fixtures)
	require.NoError(b, err)
	files, err := treeFiles(dir)
	require.NoError(b, err)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range files {
			Extract(ctx, p, nil)
		}
	}
	b.ReportMetric(float64(b.N*len(files))/b.Elapsed().Seconds(), "files/s")
}
