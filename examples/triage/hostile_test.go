package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/sandbox"
)

// asTriageEnv makes the test binary run as the triage command: TestMain
// calls main. The hostile-input tests run it so in a sandbox, as a user
// runs the command, and measure the whole process.
const asTriageEnv = "PROOFPACK_TEST_AS_TRIAGE"

// hostileMaxRSS is the peak resident memory a run on a hostile input may
// reach: the bound DESIGN.md's "memory bounded by Limits" is measured
// against for the command (256 MiB, issue 12). The test binary is built
// with -race under make test, which costs memory of its own: passing under
// it passes without it. The sandbox measures the child's own peak, not the
// test process's (internal/sandbox).
const hostileMaxRSS = 256 << 20

// hostileRun is one run of the command on a hostile input.
type hostileRun struct {
	// Args are the command's arguments; a package path in them is
	// absolute (the run's working directory is the sandbox's).
	Args []string
	// Stdin is the command's standard input (nil: /dev/null).
	Stdin io.Reader
	// Interrupt sends SIGINT this long after the start (Signal: another
	// signal); the run must then end within interruptGrace.
	Interrupt time.Duration
	Signal    os.Signal
	// AfterOutput counts Interrupt from the command's first byte of
	// standard output rather than its start (sandbox.Child
	// InterruptAfterOutput): the triage is then under way, its signals
	// caught, however slowly a loaded machine started it.
	AfterOutput bool
	// MaxWall bounds the run's wall-clock time: what the limits given
	// allow, with room for a busy machine. Default one minute.
	MaxWall time.Duration
}

// interruptGrace is how soon after SIGINT or SIGTERM a run must end.
const interruptGrace = 5 * time.Second

// hostileResult is what a run did, with its JSON report when it wrote one
// (-json, or -ndjson whose lines make it).
type hostileResult struct {
	sandbox.Result
	Stdout string
	Report *evidence.Report
}

// runHostile runs the command on a hostile input in a sandbox (empty
// TMPDIR, HOME and working directory) and checks what every hostile input
// must get (DESIGN.md, issue 11): the process ends by itself within
// MaxWall, or within interruptGrace of the signal, without a crash; its
// peak resident memory stays under hostileMaxRSS; it leaves nothing in
// the sandbox, TMPDIR included.
func runHostile(t *testing.T, c hostileRun) hostileResult {
	t.Helper()
	if !sandbox.Supported {
		t.Skip("the sandbox needs Linux")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	wall := c.MaxWall
	if wall == 0 {
		wall = time.Minute
	}
	r := sandbox.Child{
		Bin: exe, Args: c.Args, Scratch: t.TempDir(), Stdin: c.Stdin,
		Interrupt: c.Interrupt, Signal: c.Signal, InterruptAfterOutput: c.AfterOutput,
		MaxCPU: 4 * wall, MaxWall: wall, RSSGuard: 2 * hostileMaxRSS,
		Env: []string{asTriageEnv + "=1"},
	}.Run(t.Context())
	require.NoError(t, r.Err)
	out, err := os.ReadFile(r.Stdout)
	require.NoError(t, err)
	res := hostileResult{Result: r, Stdout: string(out)}
	stderr := strings.TrimSpace(r.Stderr)
	assert.Empty(t, r.Crashed(), "the run crashed; stderr:\n%s", stderr)
	assert.False(t, r.Hung, "the run did not end within %s; stderr:\n%s", wall, stderr)
	assert.False(t, r.RSSGuard, "killed when its resident memory passed %d MiB", 2*hostileMaxRSS>>20)
	assert.Less(t, r.MaxRSS, int64(hostileMaxRSS), "peak RSS %d MiB", r.MaxRSS>>20)
	if c.Interrupt > 0 {
		assert.Positive(t, r.Interrupted, "the run ended before it was interrupted")
		assert.Less(t, r.Interrupted, interruptGrace, "the run went on after the signal")
	}
	assert.Empty(t, r.Leftovers, "the run left files behind")
	switch {
	case slices.Contains(c.Args, "-ndjson") && res.Stdout != "":
		res.Report = decodeNDJSON(t, res.Stdout)
	case strings.HasPrefix(strings.TrimSpace(res.Stdout), "{"):
		var rep evidence.Report
		if assert.NoError(t, json.Unmarshal(out, &rep), "the JSON report") {
			res.Report = &rep
		}
	}
	t.Logf("%s: exit %d, %s wall, %s CPU, peak RSS %d MiB", filepath.Base(c.Args[len(c.Args)-1]), r.Exit,
		r.Duration.Round(time.Millisecond), r.CPU.Round(time.Millisecond), r.MaxRSS>>20)
	return res
}

// TestHostileHarness checks the harness on the bundled sample: a clean
// run passes every bound.
func TestHostileHarness(t *testing.T) {
	abs, err := filepath.Abs(samplePath)
	require.NoError(t, err)
	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", abs}})
	assert.Equal(t, 0, r.Exit)
	require.NotNil(t, r.Report)
	assert.NotEmpty(t, r.Report.Items)
}
