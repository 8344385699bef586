package benchpack

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"time"
)

// Usage is what a finished command cost.
type Usage struct {
	// PeakRSS is the peak resident set size in bytes.
	PeakRSS int64
	// CPU is the user and system CPU time.
	CPU time.Duration
}

// timeFormat is the GNU time format TimedCommand asks for, and
// ReadTimeReport reads: peak RSS in KiB, user and system seconds.
const timeFormat = "%M %U %S"

// TimedCommand returns a command that runs name with args under GNU
// time (the program at timePath, Debian's package time), which writes
// what the run cost to the file report; ReadTimeReport reads it once
// the command has exited.
//
// This, not PeakRSS of the command itself, is how a benchmark measures a
// command's peak memory: the peak the kernel reports for a child
// (ru_maxrss) is never below the peak of its parent before the child's
// exec, since exec records the peak of the memory it replaces, which
// under vfork, as Go starts children, is the parent's. A benchmark that
// generated a pack in its own process would see its own peak in every
// child's. GNU time's is about 2 MiB.
func TimedCommand(timePath, report, name string, args ...string) *exec.Cmd {
	return exec.Command(timePath, append([]string{"-f", timeFormat, "-o", report, "--", name}, args...)...)
}

// ReadTimeReport reads the report of a command of TimedCommand. GNU time
// writes a line before its figures when the command's status was not 0;
// the figures are on the last line.
func ReadTimeReport(report string) (Usage, error) {
	data, err := os.ReadFile(report)
	if err != nil {
		return Usage{}, err
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	var kib int64
	var user, sys float64
	if _, err := fmt.Sscanf(string(lines[len(lines)-1]), "%d %f %f", &kib, &user, &sys); err != nil {
		return Usage{}, fmt.Errorf("benchpack: GNU time report %q: %w", data, err)
	}
	return Usage{PeakRSS: kib << 10, CPU: time.Duration((user + sys) * float64(time.Second))}, nil
}
