package sandbox

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Supported: this system lets the harness cap, watch and measure a child.
const Supported = true

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

// memory reads the resident set size of pid and its peak (VmRSS and
// VmHWM of /proc/PID/status), in bytes.
func memory(pid int) (rss, peak int64, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0, false
	}
	var seen int
	for line := range bytes.Lines(b) {
		name, value, found := bytes.Cut(line, []byte(":"))
		if !found {
			continue
		}
		var dst *int64
		switch string(name) {
		case "VmRSS":
			dst = &rss
		case "VmHWM":
			dst = &peak
		default:
			continue
		}
		f := bytes.Fields(value) // "123456 kB"
		if len(f) != 2 || string(f[1]) != "kB" {
			return 0, 0, false
		}
		kb, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil {
			return 0, 0, false
		}
		*dst = kb << 10
		seen++
	}
	return rss, peak, seen == 2
}

// clockTicks is USER_HZ, the unit of the times in /proc/PID/stat: 100
// on every Linux architecture Go supports.
const clockTicks = 100

// cpuTime reads the user and system time of pid and of its reaped
// children from /proc/PID/stat.
func cpuTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// The command name may hold spaces and parentheses: fields start
	// after the last ')', with the state, field 3.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 15 {
		return 0, false
	}
	var ticks int64
	for _, s := range f[11:15] { // utime, stime, cutime, cstime: fields 14 to 17
		n, err := strconv.ParseInt(string(s), 10, 64)
		if err != nil {
			return 0, false
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, true
}

// signalOf names the signal that ended the process, or "".
func signalOf(ps *os.ProcessState) string {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() {
		return ""
	}
	return unix.SignalName(ws.Signal())
}
