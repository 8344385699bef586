// Package fuzzmem runs one fuzz input under a memory ceiling, so that a
// parser which sizes an allocation from a count read from its input fails
// the fuzz target instead of a triage.
//
// # Place in the flow
//
// fuzzmem sits outside the pipeline: only tests import it. Each fuzz target
// that drives a third-party parser (the *_thirdparty_fuzz_test.go files of
// evidence/unpack, evidence/meta and evidence/identify) wraps the work on
// one input in Run, calling the parser the way the library does, through
// its wrapper, so that the wrapper's own checks count.
//
// # What is measured, and why this way
//
// A size read from a file reaches the parser as one make call or as a loop
// of appends. Nothing outside the parser can check an allocation before it
// happens, so fuzzmem measures what the call allocated and keeps the
// process alive long enough to say so:
//
//   - Run reads the runtime's cumulative allocation count
//     (/gc/heap/allocs:bytes, runtime.MemStats.TotalAlloc) before and after
//     the call and fails the input when the difference passes Bound(n). The
//     cumulative count is deterministic for a given input and catches an
//     allocation that was freed at once as well as one that was kept.
//   - While the call runs, a watchdog samples the heap in use
//     (/memory/classes/heap/objects:bytes) every millisecond. When it has
//     grown by more than Ceiling.Kill since the call began, the watchdog
//     ends the process with every goroutine's stack: the call may never
//     return (a parser that appends without end), or return only after the
//     machine is out of memory. `go test -fuzz` runs inputs in worker
//     processes, each with its own heap; a worker that dies is reported as
//     a crash and its input is written to testdata/fuzz like any failure.
//   - In a fuzz worker, debug.SetMemoryLimit lowers the soft limit of the
//     process to SoftLimit, so that the garbage of earlier inputs is
//     collected before it can be mistaken for growth, and the heap stays
//     near what is live. (A plain `go test` run keeps its own limit: there
//     the targets only replay their seeds, beside the package's tests.)
//
// An allocation larger than the machine's memory cannot be observed at
// all: the runtime ends the process with "fatal error: runtime: out of
// memory" inside make. The fuzzer still reports that input as a crash.
// Other options were weighed and left: RLIMIT_AS breaks the race detector
// (which reserves terabytes of shadow address space) and turns every large
// reservation into the same fatal error, without a message that names the
// input's size; a per-call goroutine cannot stop another goroutine's make.
//
// # The bound
//
// Bound(n) is max(Floor, PerByte·n): 64 MiB or 1000 bytes per input byte.
// Each target sets the library's limits low (dictionaries of 1 MiB, spools
// of 1 MiB, a few hundred entries), so that everything the limits allow
// stays well under the floor: above it, an allocation is governed by no
// limit. Allocation that grows with the input is expected (a record per
// few bytes of a directory); the densest encodings seen cost about 200
// bytes per input byte (a 7z file record, goexif's values of overlapping
// tags), so 1000 leaves room, while a count read from a file (four bytes
// declaring 2^32 elements) passes it a million times over.
package fuzzmem
