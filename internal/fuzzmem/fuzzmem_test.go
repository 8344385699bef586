package fuzzmem

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
)

// toyRecords is a deliberately bad parser: its input is a 4-byte count
// followed by 8-byte records, and it makes the slice of records from the
// count before it looks at how many bytes follow, as the parsers this
// package guards against do.
func toyRecords(data []byte) ([]uint64, error) {
	if len(data) < 4 {
		return nil, errors.New("short")
	}
	n := binary.LittleEndian.Uint32(data)
	out := make([]uint64, n)
	for i := range out {
		off := 4 + 8*i
		if off+8 > len(data) {
			return out[:i], errors.New("truncated")
		}
		out[i] = binary.LittleEndian.Uint64(data[off:])
	}
	return out, nil
}

// toyRecordsChecked is the same parser with the check that belongs
// before the allocation.
func toyRecordsChecked(data []byte) ([]uint64, error) {
	if len(data) < 4 {
		return nil, errors.New("short")
	}
	n := binary.LittleEndian.Uint32(data)
	if int64(n) > int64(len(data)-4)/8 {
		return nil, fmt.Errorf("%d records cannot fit in %d bytes", n, len(data)-4)
	}
	return toyRecords(data)
}

// toyAppender is a bad parser of another shape: it fills a 1 MiB buffer
// per unit of its count, as a decoder fills its window, so the heap grows
// while it runs.
func toyAppender(data []byte) [][]byte {
	var out [][]byte
	for range binary.LittleEndian.Uint32(data) {
		b := make([]byte, 1<<20)
		for i := range b {
			b[i] = byte(i)
		}
		out = append(out, b)
	}
	return out
}

func declare(count uint32, records int) []byte {
	b := binary.LittleEndian.AppendUint32(nil, count)
	return append(b, make([]byte, 8*records)...)
}

// recorder is a testing.TB whose Fatalf records the failure and ends the
// calling goroutine, as testing.T's does.
type recorder struct {
	testing.TB
	failure string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// runRecorded runs Ceiling.Run on a recorder and returns its failure.
func runRecorded(t *testing.T, c Ceiling, n int, fn func()) string {
	r := &recorder{TB: t}
	var wg sync.WaitGroup
	wg.Go(func() { c.Run(r, n, fn) })
	wg.Wait()
	return r.failure
}

func TestBound(t *testing.T) {
	for _, tc := range []struct {
		c    Ceiling
		n    int
		want int64
	}{
		{Ceiling{}, 0, 64 << 20},
		{Ceiling{}, 1 << 10, 64 << 20},
		{Ceiling{}, 1 << 20, 1000 << 20},
		{Ceiling{Floor: 1 << 20, PerByte: 10}, 1 << 20, 10 << 20},
		{Ceiling{Floor: 1 << 20, PerByte: 10}, 100, 1 << 20},
	} {
		if got := tc.c.Bound(tc.n); got != tc.want {
			t.Errorf("%+v.Bound(%d) = %d, want %d", tc.c, tc.n, got, tc.want)
		}
	}
}

// TestRunCatchesCount checks that a 12-byte input whose count makes the
// toy parser allocate 256 MiB fails, that the same count behind the check
// passes, and that an honest input passes.
func TestRunCatchesCount(t *testing.T) {
	hostile := declare(32<<20, 1) // 32 Mi records of 8 bytes declared, one present
	honest := declare(1000, 1000)

	failure := runRecorded(t, Ceiling{}, len(hostile), func() { _, _ = toyRecords(hostile) })
	if !strings.Contains(failure, "allocated") || !strings.Contains(failure, "over the bound") {
		t.Errorf("the unchecked parser on a hostile count: failure %q, want one over the bound", failure)
	}
	if failure := runRecorded(t, Ceiling{}, len(hostile), func() { _, _ = toyRecordsChecked(hostile) }); failure != "" {
		t.Errorf("the checked parser on a hostile count failed: %s", failure)
	}
	if failure := runRecorded(t, Ceiling{}, len(honest), func() { _, _ = toyRecords(honest) }); failure != "" {
		t.Errorf("the unchecked parser on an honest input failed: %s", failure)
	}
}

// TestRunCatchesFreedAllocation checks that an allocation is caught even
// when it is garbage by the time the call returns.
func TestRunCatchesFreedAllocation(t *testing.T) {
	hostile := declare(32<<20, 0)
	failure := runRecorded(t, Ceiling{}, len(hostile), func() {
		recs, _ := toyRecords(hostile)
		_ = len(recs) // dropped here
	})
	if failure == "" {
		t.Error("an allocation freed before the call returned was not caught")
	}
}

func TestMeasure(t *testing.T) {
	var keep []byte
	u := Measure(func() { keep = make([]byte, 8<<20) })
	// The peak is the heap above its size when fn started, which may
	// still hold a little garbage that a collection during fn frees (264
	// bytes on one run): the peak may fall short of 8 MiB by that much,
	// never by a page of the allocation.
	const slack = 64 << 10
	if u.Allocated < 8<<20 || u.Peak < 8<<20-slack {
		t.Errorf("Measure of an 8 MiB allocation = %+v", u)
	}
	runtime.KeepAlive(keep)
}

func TestLowerTo(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	restore := lowerTo(SoftLimit)
	if lim := debug.SetMemoryLimit(-1); lim > SoftLimit {
		t.Errorf("soft memory limit %d, want at most %d", lim, SoftLimit)
	}
	restore()
	if lim := debug.SetMemoryLimit(-1); lim != prev {
		t.Errorf("soft memory limit %d after restore, want %d", lim, prev)
	}
}

// watchdogChild names the environment variable that makes
// TestWatchdogEndsProcess run the hostile call in its child.
const watchdogChild = "FUZZMEM_WATCHDOG_CHILD"

// TestWatchdogEndsProcess checks that a parser which keeps growing the
// heap is stopped before it returns: the test binary runs itself with a
// ceiling of 64 MiB on a toy that would fill 384 MiB, and must die with
// the watchdog's message and the toy's stack.
func TestWatchdogEndsProcess(t *testing.T) {
	if os.Getenv(watchdogChild) == "1" {
		data := binary.LittleEndian.AppendUint32(nil, 384)
		Ceiling{Kill: 64 << 20}.Run(t, len(data), func() { runtime.KeepAlive(toyAppender(data)) })
		fmt.Println("the toy parser returned")
		return
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWatchdogEndsProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), watchdogChild+"=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("child: %v, want it ended by the watchdog; output:\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{"fuzzmem: the heap grew by", "past the ceiling of 67108864", "toyAppender"} {
		if !strings.Contains(got, want) {
			t.Errorf("child output lacks %q:\n%.3000s", want, got)
		}
	}
	if strings.Contains(got, "the toy parser returned") {
		t.Error("the toy parser ran to its end")
	}
}
