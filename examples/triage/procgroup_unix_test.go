//go:build unix

package main

import (
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// ownProcessGroup makes cmd the leader of a new process group, so that
// killProcessGroup reaches the children it starts.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killProcessGroup kills what is left of cmd's process group and waits
// until none of it remains: the group is gone when signalling it fails
// with ESRCH. Orphans are reaped by init; should one stay a zombie, the
// wait gives up after a while and says so (the profile's removal then
// reports what is left).
func killProcessGroup(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if cmd.Process == nil {
		return
	}
	pgid := -cmd.Process.Pid
	for range 500 {
		if err := syscall.Kill(pgid, syscall.SIGKILL); errors.Is(err, syscall.ESRCH) {
			return
		}
		time.Sleep(20 * time.Millisecond) // let init reap them, then look again
	}
	t.Logf("chromium's process group %d is still there after it was killed", -pgid)
}
