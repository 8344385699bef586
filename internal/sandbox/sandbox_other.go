//go:build !linux

package sandbox

import (
	"os"
	"os/exec"
	"time"
)

// Supported: the harness needs Linux to cap, watch and measure a child
// (RLIMIT_AS, /proc); elsewhere the corpus test skips.
const Supported = false

func setProcessGroup(*exec.Cmd)         {}
func killGroup(int)                     {}
func capAddressSpace(int, uint64) error { return nil }
func memory(int) (int64, int64, bool)   { return 0, 0, false }
func cpuTime(int) (time.Duration, bool) { return 0, false }
func signalOf(*os.ProcessState) string  { return "" }
