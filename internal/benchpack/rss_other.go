//go:build !(linux || freebsd || netbsd || openbsd || dragonfly || darwin)

package benchpack

import "os"

// PeakRSS reports that the peak resident set size of a process is not
// available on this system.
func PeakRSS(*os.ProcessState) (int64, bool) { return 0, false }
