//go:build !unix

package exifcompare

import (
	"os"
	"time"
)

// selfCPU is not measured on this system.
func selfCPU() time.Duration { return 0 }

// childCPU is the CPU time of a finished child process.
func childCPU(ps *os.ProcessState) time.Duration {
	if ps == nil {
		return 0
	}
	return ps.UserTime() + ps.SystemTime()
}
