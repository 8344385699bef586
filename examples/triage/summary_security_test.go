package main

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/testenv"
)

// The summary's memory must not grow with the package (issue 12): it
// keeps a bounded number of rows, and copies out of an item only what a
// row shows, never its text or its raw metadata. These tests bound the
// heap kept and the bytes allocated, never time; they do not run in
// parallel.

// liveHeap returns the bytes of the heap in use after a collection.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestSummaryMemoryFlat hands the summary 2,000 items of 64 KiB of text
// each (125 MiB, each item's text its own allocation, in the OCR text of
// every tenth and in every item's raw metadata): what it keeps is the
// rows, not the items.
func TestSummaryMemoryFlat(t *testing.T) {
	const n, size = 2000, 64 << 10
	text := func(i int) string {
		line := fmt.Sprintf("%05d line of a log that a screenshot shows\n", i)
		return strings.Repeat(line, size/len(line))
	}
	s := newSummary("full")
	before := liveHeap()
	for it := range manyItems(n, text) {
		s.add(&it)
	}
	kept := int64(liveHeap()) - int64(before)
	t.Logf("%d items of %d KiB: %d KiB kept", n, size>>10, kept>>10)
	// 530 rows, 200 metadata entries, 100 OCR excerpts, 30 problems:
	// under a kilobyte each. One text held by mistake is 64 KiB.
	assert.Less(t, kept, int64(1<<20))

	var out bytes.Buffer
	rep := &evidence.Report{Package: evidence.Package{Name: "p.zip"}, Stats: evidence.Stats{Items: n}}
	alloc := testenv.Allocated(func() { require.NoError(t, s.write(&out, rep)) })
	t.Logf("summary of %d bytes, %d KiB allocated", out.Len(), alloc>>10)
	assert.Less(t, alloc, uint64(20*out.Len()), "writing costs what is written")
	runtime.KeepAlive(s)
}
