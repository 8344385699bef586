package caselib

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestRecordLargePackBoundedMemory records a pack of 100,000 items (half
// images, half texts) from a stream and checks that the heap stays small
// while it does: no slice of all the items, in the test or the library.
func TestRecordLargePackBoundedMemory(t *testing.T) {
	const n = 100_000
	if testing.Short() || raceEnabled {
		t.Skip("100,000 items: not in -short or -race runs")
	}
	ctx := context.Background()
	l := openTest(t, t.TempDir())
	p := testPack("huge.zip", 0, 1)
	rng := rand.New(rand.NewPCG(1, 2))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	baseRSS, rssOK := residentBytes()
	var peakRSS uint64
	items := func(yield func(Item, error) bool) {
		for i := range n {
			if i%5000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
				if rss, ok := residentBytes(); ok {
					peakRSS = max(peakRSS, rss)
				}
			}
			if !yield(testItem(rng, fmt.Sprintf("huge.zip!/rows/%06d.csv", i), i), nil) {
				return
			}
		}
	}
	if err := l.RecordItems(ctx, p, items); err != nil {
		t.Fatal(err)
	}
	// The items' hashes alone are 100,000 × (32 + 512/2 + 32) bytes,
	// about 31 MB; SQLite's cache is DefaultCacheKiB per connection.
	const bound = 48 << 20
	if grew := peak - min(peak, base); grew > bound {
		t.Errorf("heap grew by %d MB while recording, bound %d MB", grew>>20, bound>>20)
	}
	// SQLite's own memory (modernc.org/libc allocates outside the Go
	// heap) shows in the resident set: its page cache, its statements.
	const rssBound = 128 << 20
	if rssOK && peakRSS > baseRSS && peakRSS-baseRSS > rssBound {
		t.Errorf("resident set grew by %d MB while recording, bound %d MB", (peakRSS-baseRSS)>>20, rssBound>>20)
	}
	t.Logf("resident set grew by at most %.1f MB", float64(peakRSS-min(peakRSS, baseRSS))/(1<<20))
	t.Logf("heap grew by at most %.1f MB while recording %d items", float64(peak-min(peak, base))/(1<<20), n)
	packs, items2, err := l.Packs(ctx)
	if err != nil || packs != 1 || items2 != n {
		t.Fatalf("%d packs, %d items, %v", packs, items2, err)
	}
}

// TestRecordItemsError rolls back a pack whose stream fails.
func TestRecordItemsError(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, t.TempDir())
	p := testPack("broken.zip", 10, 1)
	items := func(yield func(Item, error) bool) {
		for i, it := range p.Items {
			if i == 5 {
				yield(Item{}, fmt.Errorf("spool read failed"))
				return
			}
			if !yield(it, nil) {
				return
			}
		}
	}
	if err := l.RecordItems(ctx, p, items); err == nil {
		t.Fatal("RecordItems with a failing stream returned nil")
	}
	if packs, n, err := l.Packs(ctx); err != nil || packs != 0 || n != 0 {
		t.Errorf("after a failed stream: %d packs, %d items, %v", packs, n, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := l.Record(cctx, testPack("cancelled.zip", 300, 1)); err == nil {
		t.Error("Record with a cancelled context returned nil")
	}
}

// residentBytes returns the process's resident set size, where
// /proc/self/statm tells it.
func residentBytes() (uint64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * uint64(os.Getpagesize()), true
}
