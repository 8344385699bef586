//go:build linux || freebsd || netbsd || openbsd || dragonfly || darwin

package benchpack

import (
	"os"
	"syscall"
)

// PeakRSS returns the peak resident set size, in bytes, of the finished
// process ps, and whether the system reports it (getrusage's ru_maxrss,
// whose unit is maxrssUnit on this system). On Linux it is never below
// the peak of the process that started ps: see TimedCommand.
func PeakRSS(ps *os.ProcessState) (int64, bool) {
	if ps == nil {
		return 0, false
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, false
	}
	return int64(ru.Maxrss) * maxrssUnit, true
}
