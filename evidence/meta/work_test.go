package meta

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
)

// This file measures the work an extractor does on a hostile input
// without a clock: the bytes it reads from its input and the bytes it
// allocates. A limit that stops working shows up as a count far past the
// bound a test sets, on any machine, however busy; a real hang is left to
// go test's -timeout.

// Work is what one call cost.
type Work struct {
	// Read is the bytes read through the input's ReaderAt.
	Read int64
	// Alloc is the bytes allocated meanwhile (runtime.MemStats.TotalAlloc,
	// all goroutines).
	Alloc uint64
	// OverBudget reports that the call tried to read more than its read
	// budget; those reads failed, so a loop that reads the same bytes
	// again and again ends instead of hanging.
	OverBudget bool
}

func (w Work) String() string {
	return fmt.Sprintf("%d bytes read, %d bytes allocated", w.Read, w.Alloc)
}

// errReadBudget is what reads past a MeasureWork budget return.
var errReadBudget = errors.New("test: read budget spent")

// countingReaderAt counts the bytes read through it and fails reads once
// budget bytes were read.
type countingReaderAt struct {
	r      io.ReaderAt
	budget int64
	read   atomic.Int64
	over   atomic.Bool
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if c.read.Load()+int64(len(p)) > c.budget {
		c.over.Store(true)
		return 0, errReadBudget
	}
	n, err := c.r.ReadAt(p, off)
	c.read.Add(int64(n))
	return n, err
}

// MeasureWork runs f on in, whose reader is replaced by one that counts
// the bytes read and refuses to read more than budget bytes in all, and
// returns the work done.
func MeasureWork(in Input, budget int64, f func(Input)) Work {
	c := &countingReaderAt{r: in.R, budget: budget}
	in.R = c
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f(in)
	runtime.ReadMemStats(&after)
	return Work{Read: c.read.Load(), Alloc: after.TotalAlloc - before.TotalAlloc, OverBudget: c.over.Load()}
}
