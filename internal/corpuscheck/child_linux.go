package corpuscheck

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// supported: this system lets the harness cap, watch and measure a child.
const supported = true

// setProcessGroup starts the child in a process group of its own, which
// killGroup ends, and has the kernel kill it if the harness dies first
// (the thread that starts it is locked by run until the child is reaped).
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the process group pid leads; one already gone is no error.
func killGroup(pid int) {
	_ = syscall.Kill(-pid, syscall.SIGKILL)
}

// capAddressSpace sets RLIMIT_AS of the running process pid. It is set
// right after the start: the child cannot have allocated much before.
func capAddressSpace(pid int, max uint64) error {
	lim := unix.Rlimit{Cur: max, Max: max}
	if err := unix.Prlimit(pid, unix.RLIMIT_AS, &lim, nil); err != nil && err != unix.ESRCH {
		return err
	}
	return nil
}

// residentBytes reads the resident set size of pid from /proc.
func residentBytes(pid int) (int64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}

// signalOf names the signal that ended the process, or "".
func signalOf(ps *os.ProcessState) string {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() {
		return ""
	}
	return unix.SignalName(ws.Signal())
}

// peakRSS is ru_maxrss of the finished process, in bytes (Linux counts
// it in KiB).
func peakRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0
	}
	return ru.Maxrss << 10
}
