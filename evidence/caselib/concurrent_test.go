package caselib

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const (
	concurrentWriters = 4
	packsPerWriter    = 5
	itemsPerPack      = 200
)

func writerPack(w, i int) Pack {
	return testPack(fmt.Sprintf("writer%d-pack%d.zip", w, i), itemsPerPack, uint64(100*w+i))
}

// checkAllRecorded checks that every pack of every writer is in the
// library at dir, with its items findable.
func checkAllRecorded(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	l := openTest(t, dir)
	packs, items, err := l.Packs(ctx)
	if err != nil || packs != concurrentWriters*packsPerWriter || items != concurrentWriters*packsPerWriter*itemsPerPack {
		t.Fatalf("%d packs, %d items (%v); want %d, %d", packs, items, err,
			concurrentWriters*packsPerWriter, concurrentWriters*packsPerWriter*itemsPerPack)
	}
	for w := range concurrentWriters {
		for i := range packsPerWriter {
			p := writerPack(w, i)
			last := p.Items[len(p.Items)-1]
			got, err := l.NearTexts(ctx, *last.Text, 1, LookupOptions{})
			if err != nil || len(got) != 1 || got[0].Pack.Name != p.Name {
				t.Errorf("%s: last item %+v, %v", p.Name, got, err)
			}
			got, err = l.NearImages(ctx, *p.Items[0].Image, 0, LookupOptions{})
			if err != nil || len(got) != 1 || got[0].Pack.Name != p.Name {
				t.Errorf("%s: first item %+v, %v", p.Name, got, err)
			}
		}
	}
}

// TestConcurrentGoroutines records from several goroutines at once, half
// sharing one Library and half with a Library each, while others look
// up.
func TestConcurrentGoroutines(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	shared := openTest(t, dir)
	var wg sync.WaitGroup
	errs := make(chan error, concurrentWriters*packsPerWriter+concurrentWriters)
	for w := range concurrentWriters {
		wg.Go(func() {
			l := shared
			if w%2 == 1 {
				own, err := Open(ctx, dir, Options{})
				if err != nil {
					errs <- err
					return
				}
				defer own.Close()
				l = own
			}
			for i := range packsPerWriter {
				p := writerPack(w, i)
				if err := l.Record(ctx, p); err != nil {
					errs <- fmt.Errorf("%s: %w", p.Name, err)
				}
				if _, err := l.NearImages(ctx, *p.Items[0].Image, 31, LookupOptions{}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkAllRecorded(t, dir)
}

const childEnv = "CASELIB_TEST_WRITER"

// TestConcurrentProcesses records from several processes at once: the
// test binary runs itself again as writers (TestWriterProcess).
func TestConcurrentProcesses(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		t.Skip("in a writer process")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmds := make([]*exec.Cmd, concurrentWriters)
	outs := make([][]byte, concurrentWriters)
	var wg sync.WaitGroup
	for w := range concurrentWriters {
		cmds[w] = exec.Command(exe, "-test.run=^TestWriterProcess$", "-test.count=1")
		cmds[w].Env = append(os.Environ(), childEnv+"="+strconv.Itoa(w)+":"+dir)
		wg.Go(func() { outs[w], _ = cmds[w].CombinedOutput() })
	}
	wg.Wait()
	for w, cmd := range cmds {
		if !cmd.ProcessState.Success() {
			t.Errorf("writer %d: %v\n%s", w, cmd.ProcessState, outs[w])
		}
	}
	checkAllRecorded(t, dir)
}

// TestWriterProcess is one writer of TestConcurrentProcesses; it does
// nothing in a plain test run.
func TestWriterProcess(t *testing.T) {
	arg := os.Getenv(childEnv)
	if arg == "" {
		t.Skip("run by TestConcurrentProcesses")
	}
	num, dir, _ := strings.Cut(arg, ":")
	w, err := strconv.Atoi(num)
	if err != nil || dir == "" {
		t.Fatalf("%s=%q: want WRITER:DIR", childEnv, arg)
	}
	ctx := context.Background()
	l, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for i := range packsPerWriter {
		p := writerPack(w, i)
		if err := l.Record(ctx, p); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if _, err := l.NearTexts(ctx, *p.Items[1].Text, 0.5, LookupOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}
