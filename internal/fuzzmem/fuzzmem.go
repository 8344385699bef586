package fuzzmem

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Defaults of Ceiling's fields. See the package documentation for the
// reasoning behind the bound.
const (
	// DefaultFloor is the allocation every input may make whatever its
	// size: more than the limits a target sets allow in total.
	DefaultFloor int64 = 64 << 20
	// DefaultPerByte is what an input may allocate per byte of its own.
	DefaultPerByte int64 = 1000
	// DefaultKill is the growth of the heap in use during one input at
	// which the watchdog ends the process: 16 times the floor, and low
	// enough that two fuzz workers per core do not exhaust a small
	// machine.
	DefaultKill int64 = 1 << 30
)

// SoftLimit is the soft memory limit (debug.SetMemoryLimit) a fuzz worker
// process is given on its first Run, unless it already has a lower one. It
// sits below DefaultKill, so that the garbage collector fights garbage
// before the watchdog counts it as growth. A plain `go test` run, where the
// targets only replay their seeds beside the package's other tests, keeps
// its limit.
const SoftLimit int64 = 512 << 20

// watchEvery is how often the watchdog samples the heap during a call.
const watchEvery = time.Millisecond

// Names of the runtime metrics read.
const (
	metricAllocs = "/gc/heap/allocs:bytes"
	metricHeap   = "/memory/classes/heap/objects:bytes"
)

// Ceiling bounds what one input may cost. The zero value uses the
// defaults.
type Ceiling struct {
	// Floor is what any input may allocate. Default DefaultFloor.
	Floor int64
	// PerByte is what an input may allocate per byte of its own, when
	// that is more than Floor. Default DefaultPerByte.
	PerByte int64
	// Kill is the growth of the heap in use during one call at which
	// the process is ended. Default DefaultKill.
	Kill int64
}

func (c Ceiling) withDefaults() Ceiling {
	if c.Floor <= 0 {
		c.Floor = DefaultFloor
	}
	if c.PerByte <= 0 {
		c.PerByte = DefaultPerByte
	}
	if c.Kill <= 0 {
		c.Kill = DefaultKill
	}
	return c
}

// Bound returns what an input of n bytes may allocate: max(Floor,
// PerByte·n).
func (c Ceiling) Bound(n int) int64 {
	c = c.withDefaults()
	if n > 0 && int64(n) > c.Floor/c.PerByte {
		return int64(n) * c.PerByte
	}
	return c.Floor
}

// Usage is what one call cost.
type Usage struct {
	// Allocated is the bytes allocated on the heap during the call,
	// whether freed or not.
	Allocated int64
	// Peak is the largest growth of the heap in use seen during the
	// call (sampled every millisecond, and at its end).
	Peak int64
}

// Run calls fn, the work of a parser on an input of n bytes, and fails t
// when fn allocated more than c.Bound(n). While fn runs, the process is
// ended with every goroutine's stack if the heap in use grows by more than
// c.Kill (see the package documentation).
func (c Ceiling) Run(t testing.TB, n int, fn func()) {
	t.Helper()
	c = c.withDefaults()
	u := c.measure(n, fn)
	if bound := c.Bound(n); u.Allocated > bound {
		t.Fatalf("fuzzmem: a %d-byte input allocated %d bytes (heap grew by up to %d), over the bound of %d",
			n, u.Allocated, u.Peak, bound)
	}
}

// Run calls fn under the default Ceiling.
func Run(t testing.TB, n int, fn func()) {
	t.Helper()
	Ceiling{}.Run(t, n, fn)
}

// Measure calls fn and returns what it cost, watched by the default
// Ceiling's watchdog. Regression tests use it to assert a bound of their
// own. It collects garbage first, so that earlier garbage collected
// during fn does not hide what fn keeps from the peak.
func Measure(fn func()) Usage {
	runtime.GC()
	return Ceiling{}.withDefaults().measure(0, fn)
}

var softLimitOnce sync.Once

// lowerSoftLimit lowers a fuzz worker's soft memory limit to SoftLimit,
// once.
func lowerSoftLimit() {
	softLimitOnce.Do(func() {
		if f := flag.Lookup("test.fuzzworker"); f != nil && f.Value.String() == "true" {
			lowerTo(SoftLimit)
		}
	})
}

// lowerTo sets the process's soft memory limit to limit unless it is
// already lower, and returns what restores the previous one.
func lowerTo(limit int64) (restore func()) {
	prev := debug.SetMemoryLimit(-1)
	if prev > limit {
		debug.SetMemoryLimit(limit)
	}
	return func() { debug.SetMemoryLimit(prev) }
}

func (c Ceiling) measure(n int, fn func()) Usage {
	lowerSoftLimit()
	samples := []metrics.Sample{{Name: metricAllocs}, {Name: metricHeap}}
	metrics.Read(samples)
	allocs0, heap0 := samples[0].Value.Uint64(), samples[1].Value.Uint64()

	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		watch(heap0, uint64(c.Kill), n, &peak, stop)
	}()
	defer func() {
		close(stop)
		<-done
	}()

	fn()

	metrics.Read(samples)
	allocs1, heap1 := samples[0].Value.Uint64(), samples[1].Value.Uint64()
	if heap1 > heap0 {
		raise(&peak, heap1-heap0)
	}
	return Usage{Allocated: int64(allocs1 - allocs0), Peak: int64(peak.Load())}
}

// watch samples the heap in use until stop is closed, keeping its largest
// growth over base in peak, and ends the process when that growth passes
// kill.
func watch(base, kill uint64, n int, peak *atomic.Uint64, stop <-chan struct{}) {
	samples := []metrics.Sample{{Name: metricHeap}}
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		metrics.Read(samples)
		h := samples[0].Value.Uint64()
		if h <= base {
			continue
		}
		raise(peak, h-base)
		if h-base > kill {
			// The call may never return, or return after the machine
			// ran out of memory: end the process now, with the
			// parser's stack, so that the fuzzer keeps the input.
			msg := fmt.Sprintf("fuzzmem: the heap grew by %d bytes during one %d-byte input, past the ceiling of %d", h-base, n, kill)
			fmt.Fprintln(os.Stderr, msg)
			// runtime.Stack stops the world, so it has the stack of the
			// parser even while it runs on another thread, which a
			// panic's traceback would show as "stack unavailable".
			buf := make([]byte, 1<<20)
			os.Stderr.Write(buf[:runtime.Stack(buf, true)])
			panic(msg)
		}
	}
}

func raise(peak *atomic.Uint64, v uint64) {
	for {
		p := peak.Load()
		if v <= p || peak.CompareAndSwap(p, v) {
			return
		}
	}
}
