package benchpack_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/benchpack"
)

// benchOutput is go test -bench output as the triage command's benchmark
// prints it, with what surrounds it: other benchmarks, logs, a skipped
// sub-benchmark, and two runs of one (-count 2).
const benchOutput = `goos: linux
goarch: amd64
pkg: github.com/proofpack/proofpack/examples/triage
cpu: AMD EPYC 7B13
BenchmarkReportsVsTriage-2   	       1	1234567 ns/op	  12.5 ms/triage
BenchmarkTriageCommand/dump-525MiB/triage-json-file-2         	       1	21900000000 ns/op	        78.00 entry-MB/s	        25.13 pack-MB/s	       322.8 peak-RSS-MiB	        21.90 wall-s	        33.90 cpu-s	         1.548 cpu/wall	       302.8 out-MB	         0 problems	  123456 B/op	  789 allocs/op
--- BENCH: BenchmarkTriageCommand/dump-525MiB/triage-json-file-2
    bench_cmd_test.go:99: generated /tmp/proofpack-bench-cache/dump-v1-550502400-seed1.zip (550505394 bytes)
BenchmarkTriageCommand/dump-525MiB/triage-ndjson-pipe-2       	--- SKIP: BenchmarkTriageCommand/dump-525MiB/triage-ndjson-pipe-2
    bench_cmd_test.go:103: the command has no -ndjson
BenchmarkTriageCommand/dump-525MiB/unzip-sha256sum-2          	       1	4000000000 ns/op	       333.0 entry-MB/s	       137.6 pack-MB/s	         3.0 peak-RSS-MiB	         4.000 wall-s	         4.500 cpu-s	         1.125 cpu/wall
BenchmarkTriageCommand/dump-525MiB/unzip-sha256sum-2          	       1	4000000000 ns/op	       335.0 entry-MB/s	       137.6 pack-MB/s	         5.0 peak-RSS-MiB	         3.900 wall-s	         4.400 cpu-s	         1.128 cpu/wall
BenchmarkTriageCommand/mixed-5GB-2                            	--- SKIP: BenchmarkTriageCommand/mixed-5GB-2
PASS
ok  	github.com/proofpack/proofpack/examples/triage	80.123s
`

func TestParseResults(t *testing.T) {
	t.Parallel()
	res, err := benchpack.ParseResults(strings.NewReader(benchOutput))
	require.NoError(t, err)
	require.Len(t, res, 4)
	assert.Equal(t, "BenchmarkReportsVsTriage", res[0].Name)
	assert.Equal(t, "BenchmarkTriageCommand/dump-525MiB/triage-json-file", res[1].Name, "without the GOMAXPROCS suffix")
	assert.Equal(t, int64(1), res[1].Iterations)
	assert.Equal(t, map[string]float64{"ns/op": 21.9e9, "entry-MB/s": 78, "pack-MB/s": 25.13, "peak-RSS-MiB": 322.8,
		"wall-s": 21.9, "cpu-s": 33.9, "cpu/wall": 1.548, "out-MB": 302.8, "problems": 0, "B/op": 123456, "allocs/op": 789}, res[1].Metrics)
}

func TestWriteTable(t *testing.T) {
	t.Parallel()
	res, err := benchpack.ParseResults(strings.NewReader(benchOutput))
	require.NoError(t, err)
	var b bytes.Buffer
	ok, err := benchpack.WriteTable(&b, res, "BenchmarkTriageCommand")
	require.NoError(t, err)
	require.True(t, ok)
	want := "" +
		"pack         tool              entry MB/s  pack MB/s  peak RSS MiB  CPU/wall  entry MB/CPU s  wall s  CPU s  output MB  problems\n" +
		"dump-525MiB  triage-json-file        78.0       25.1           323      1.55            50.4   21.90  33.90      302.8         0\n" +
		"dump-525MiB  unzip-sha256sum        334.0      137.6             4      1.13           296.5    3.95   4.45          -         -\n"
	assert.Equal(t, want, b.String(), "the median of two runs; a dash for what the peer does not report")

	b.Reset()
	ok, err = benchpack.WriteTable(&b, res, "BenchmarkNothing")
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Empty(t, b.String())
}
