//go:build linux

package exifcompare

import (
	"context"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMeasurerPeakRSS: the peak RSS of a small command, run by this
// process while it holds a large heap, is the command's own. A child's
// ru_maxrss on Linux counts the address space exec replaced, a copy of
// this process's: measured so, the shell below would weigh as much as
// the test.
func TestMeasurerPeakRSS(t *testing.T) {
	m := newMeasurer(context.Background(), filepath.Join(t.TempDir(), "rss"))
	if m.gnuTime == "" {
		t.Skip("GNU time not installed (make peer-deps)")
	}
	const held = 192 << 20
	heap := make([]byte, held)
	for i := 0; i < len(heap); i += 4096 {
		heap[i] = 1 // resident
	}
	s, err := m.run(m.command(context.Background(), "sh", "-c", "exit 0"))
	require.NoError(t, err)
	assert.Positive(t, s.MaxRSS)
	assert.Less(t, s.MaxRSS, int64(held/4), "a shell's peak RSS, not this process's")
	assert.Positive(t, s.Wall)

	// The same shell without GNU time: its rusage says the parent's size.
	cmd := exec.Command("sh", "-c", "exit 0")
	require.NoError(t, cmd.Run())
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		assert.GreaterOrEqual(t, int64(ru.Maxrss)<<10, int64(held/2), "why the peak comes from GNU time")
	}
	runtime.KeepAlive(heap)

	// A command that fails: its status comes back, and its peak still.
	s, err = m.run(m.command(context.Background(), "sh", "-c", "exit 3"))
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, 3, ee.ExitCode())
	assert.Positive(t, s.MaxRSS)
}
