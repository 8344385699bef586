package sandbox

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeEnv makes the test binary act as a child that behaves as its value
// says (see fake).
const fakeEnv = "SANDBOX_FAKE_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(fakeEnv); mode != "" {
		os.Exit(fake(mode))
	}
	os.Exit(m.Run())
}

func fake(mode string) int {
	switch mode {
	case "echo":
		_, _ = io.Copy(os.Stdout, os.Stdin)
		return 0
	case "trap":
		// Exits 130 on SIGINT, as the triage command does.
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt, syscall.SIGTERM)
		fmt.Println("ready")
		<-c
		return 130
	case "late":
		// Catches its signals only after a slow start, then as trap.
		time.Sleep(300 * time.Millisecond)
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt)
		fmt.Println("ready")
		<-c
		return 130
	case "deaf":
		signal.Ignore(os.Interrupt)
		fmt.Println("ready")
		time.Sleep(time.Minute)
		return 0
	case "leave":
		dir, _ := os.MkdirTemp("", "proofpack-")
		_ = os.WriteFile(filepath.Join(dir, "x"), []byte("abc"), 0o600)
		_ = os.WriteFile("out.bin", []byte("x"), 0o600)
		return 0
	case "grow":
		var keep [][]byte
		for range 64 {
			b := make([]byte, 64<<20)
			for i := range b {
				b[i] = 1
			}
			keep = append(keep, b)
		}
		fmt.Println(len(keep))
		return 0
	case "hold":
		// 64 MiB, touched and held for a while, then a normal exit.
		b := make([]byte, 64<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		time.Sleep(100 * time.Millisecond)
		fmt.Println(b[len(b)-1])
		return 0
	case "panic":
		panic("boom")
	}
	return 3
}

func run(t *testing.T, c Child, mode string) Result {
	t.Helper()
	if !Supported {
		t.Skip("needs Linux")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	c.Bin, c.Scratch = exe, t.TempDir()
	c.Env = append(c.Env, fakeEnv+"="+mode)
	r := c.Run(t.Context())
	require.NoError(t, r.Err)
	return r
}

func stdout(t *testing.T, r Result) string {
	b, err := os.ReadFile(r.Stdout)
	require.NoError(t, err)
	return string(b)
}

func TestStdinReachesTheChild(t *testing.T) {
	r := run(t, Child{Stdin: strings.NewReader("hello")}, "echo")
	assert.Equal(t, 0, r.Exit)
	assert.Equal(t, "hello", stdout(t, r))
	assert.Empty(t, r.Leftovers)
	assert.Positive(t, r.MaxRSS)
}

func TestInterrupt(t *testing.T) {
	// The fakes print a line once their signals are set, and the
	// interrupt counts from it: a loaded machine may start a child (a
	// race-detector build) later than any fixed delay.
	r := run(t, Child{Interrupt: 100 * time.Millisecond, InterruptAfterOutput: true}, "trap")
	assert.Equal(t, 130, r.Exit)
	assert.False(t, r.Hung)
	assert.Positive(t, r.Interrupted)
	assert.Less(t, r.Interrupted, r.Duration)
	assert.Empty(t, r.Crashed(), "an exit after the signal is not a crash")

	r = run(t, Child{Interrupt: 100 * time.Millisecond, Signal: syscall.SIGTERM, InterruptAfterOutput: true}, "trap")
	assert.Equal(t, 130, r.Exit)

	// A child that sets its signals late is signalled after its first
	// output, not 10 ms after its start (which would kill it).
	r = run(t, Child{Interrupt: 10 * time.Millisecond, InterruptAfterOutput: true}, "late")
	assert.Equal(t, 130, r.Exit, "signal %s", r.Signal)

	// A child deaf to SIGINT runs until the wall-clock bound.
	r = run(t, Child{Interrupt: 50 * time.Millisecond, MaxWall: 2 * time.Second, InterruptAfterOutput: true}, "deaf")
	assert.True(t, r.Hung)
	assert.Equal(t, "SIGKILL", r.Signal)
}

func TestLeftovers(t *testing.T) {
	r := run(t, Child{}, "leave")
	require.Equal(t, 0, r.Exit)
	require.Len(t, r.Leftovers, 3, "%v", r.Leftovers)
	assert.Equal(t, "cwd/out.bin (1 bytes)", r.Leftovers[2])
	assert.True(t, strings.HasPrefix(r.Leftovers[0], "TMPDIR/proofpack-"), r.Leftovers[0])
	assert.True(t, strings.HasSuffix(r.Leftovers[1], "/x (3 bytes)"), r.Leftovers[1])
}

func TestRSSGuard(t *testing.T) {
	r := run(t, Child{RSSGuard: 256 << 20}, "grow")
	assert.True(t, r.RSSGuard)
	assert.Equal(t, "SIGKILL", r.Signal)
	assert.GreaterOrEqual(t, r.MaxRSS, int64(256<<20))
	assert.Empty(t, r.Crashed(), "killed by the guard is reported as such, not as a crash")
}

// TestMaxRSSIsTheChilds: the peak is the child's own, not the starting
// process's. The test binary holds 512 MiB while it starts a child that
// takes 64 MiB (about 220 MiB with the race detector's shadow memory):
// ru_maxrss would say 512 MiB or more.
func TestMaxRSSIsTheChilds(t *testing.T) {
	parent := make([]byte, 512<<20)
	for i := 0; i < len(parent); i += 4096 {
		parent[i] = 1 // one byte a page makes it resident
	}
	r := run(t, Child{}, "hold")
	runtime.KeepAlive(parent)
	require.Equal(t, 0, r.Exit)
	assert.GreaterOrEqual(t, r.MaxRSS, int64(64<<20), "the child's 64 MiB are counted")
	assert.Less(t, r.MaxRSS, int64(384<<20), "peak %d MiB: the parent's memory is not the child's", r.MaxRSS>>20)
}

func TestCrash(t *testing.T) {
	r := run(t, Child{}, "panic")
	assert.Equal(t, 2, r.Exit)
	assert.Equal(t, "panic: boom", r.Crashed())
}

func TestHeadTail(t *testing.T) {
	h := &headTail{max: 8}
	fmt.Fprint(h, "panic: boom")
	fmt.Fprint(h, "...end")
	assert.Equal(t, "pani\n[… 9 bytes …]\n.end", h.String())
}
