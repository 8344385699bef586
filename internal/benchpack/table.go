package benchpack

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// A Result is one result line of `go test -bench` output.
type Result struct {
	// Name is the benchmark's name without its GOMAXPROCS suffix, as
	// BenchmarkTriageCommand/dump-525MiB/triage-json-file.
	Name string
	// Iterations is the number of iterations the result is of.
	Iterations int64
	// Metrics maps each unit to its value: "ns/op", and those reported
	// with testing.B.ReportMetric.
	Metrics map[string]float64
}

// ParseResults reads `go test -bench` output and returns its result
// lines in order; every other line (package headers, logs, PASS) is
// skipped.
func ParseResults(r io.Reader) ([]Result, error) {
	var out []Result
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || len(f)%2 != 0 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		res := Result{Name: trimProcs(f[0]), Iterations: n, Metrics: map[string]float64{}}
		ok := true
		for i := 2; i < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			res.Metrics[f[i+1]] = v
		}
		if ok {
			out = append(out, res)
		}
	}
	return out, sc.Err()
}

// trimProcs removes the -N suffix the testing package adds to a
// benchmark's name when GOMAXPROCS is not 1.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 || i < strings.LastIndexByte(name, '/') {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}

// Units of the metrics BenchmarkTriageCommand reports (examples/triage),
// which WriteTable puts in its columns.
const (
	UnitEntryRate = "entry-MB/s"   // uncompressed entry bytes per wall second
	UnitPackRate  = "pack-MB/s"    // bytes of the package file per wall second
	UnitPeakRSS   = "peak-RSS-MiB" // peak resident set size
	UnitWall      = "wall-s"       // wall-clock seconds
	UnitCPU       = "cpu-s"        // user and system CPU seconds
	UnitCPUWall   = "cpu/wall"     // CPU seconds per wall second: the cores used
	UnitOutput    = "out-MB"       // bytes of the command's output
	UnitProblems  = "problems"     // problems in the report
)

// unitEntryPerCPU is a column WriteTable derives: entry bytes per CPU
// second (entry-MB/s divided by cpu/wall), the throughput other load on
// the machine changes least, and the one a speed target on n cores
// needs n times less of.
const unitEntryPerCPU = "entry-MB/cpu-s"

// tableColumns are the columns of WriteTable after pack and tool.
var tableColumns = []struct {
	head, unit, format string
}{
	{"entry MB/s", UnitEntryRate, "%.1f"},
	{"pack MB/s", UnitPackRate, "%.1f"},
	{"peak RSS MiB", UnitPeakRSS, "%.0f"},
	{"CPU/wall", UnitCPUWall, "%.2f"},
	{"entry MB/CPU s", unitEntryPerCPU, "%.1f"},
	{"wall s", UnitWall, "%.2f"},
	{"CPU s", UnitCPU, "%.2f"},
	{"output MB", UnitOutput, "%.1f"},
	{"problems", UnitProblems, "%.0f"},
}

// WriteTable writes, as one aligned text table, the results whose names
// start with prefix and a slash and then have two more parts, pack and
// tool (BenchmarkTriageCommand/PACK/TOOL): one row per pack and tool, in
// the order they first appear, with the median of each metric when a
// name has several results (go test -count), and the entry bytes per
// CPU second derived from the rate and the cores used. A metric a
// result lacks is shown as a dash. It writes nothing when no result matches, and
// reports whether any did.
func WriteTable(w io.Writer, results []Result, prefix string) (bool, error) {
	type row struct {
		pack, tool string
		values     map[string][]float64
	}
	var rows []*row
	byName := map[string]*row{}
	for _, r := range results {
		rest, ok := strings.CutPrefix(r.Name, prefix+"/")
		if !ok {
			continue
		}
		pack, tool, ok := strings.Cut(rest, "/")
		if !ok || strings.Contains(tool, "/") {
			continue
		}
		ro := byName[r.Name]
		if ro == nil {
			ro = &row{pack: pack, tool: tool, values: map[string][]float64{}}
			byName[r.Name] = ro
			rows = append(rows, ro)
		}
		for unit, v := range r.Metrics {
			ro.values[unit] = append(ro.values[unit], v)
		}
		rate, okRate := r.Metrics[UnitEntryRate]
		cores, okCores := r.Metrics[UnitCPUWall]
		if okRate && okCores && cores > 0 {
			ro.values[unitEntryPerCPU] = append(ro.values[unitEntryPerCPU], rate/cores)
		}
	}
	if len(rows) == 0 {
		return false, nil
	}
	// Numbers align right; pack and tool are padded to their widths so
	// that they read left-aligned.
	packW, toolW := len("pack"), len("tool")
	for _, ro := range rows {
		packW, toolW = max(packW, len(ro.pack)), max(toolW, len(ro.tool))
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\t%-*s\t", packW, "pack", toolW, "tool")
	for _, c := range tableColumns {
		fmt.Fprintf(tw, "%s\t", c.head)
	}
	fmt.Fprintln(tw)
	for _, ro := range rows {
		fmt.Fprintf(tw, "%-*s\t%-*s\t", packW, ro.pack, toolW, ro.tool)
		for _, c := range tableColumns {
			if vs := ro.values[c.unit]; len(vs) > 0 {
				fmt.Fprintf(tw, c.format+"\t", median(vs))
			} else {
				fmt.Fprint(tw, "-\t")
			}
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return true, err
	}
	// Right alignment pads the first column too: the table starts at
	// the margin.
	for line := range bytes.Lines(buf.Bytes()) {
		if _, err := w.Write(bytes.TrimPrefix(line, []byte("  "))); err != nil {
			return true, err
		}
	}
	return true, nil
}

// median returns the median of vs, which is not empty; vs is sorted in
// place.
func median(vs []float64) float64 {
	slices.Sort(vs)
	m := len(vs) / 2
	if len(vs)%2 == 1 {
		return vs[m]
	}
	return (vs[m-1] + vs[m]) / 2
}
