//go:build cgo

package tesseract

import (
	"bytes"
	"fmt"
	"os"
	"syscall"
)

// threadLimitVar is the OpenMP variable that caps Tesseract's threads.
const threadLimitVar = "OMP_THREAD_LIMIT"

// ThreadLimited reports whether the process started with
// OMP_THREAD_LIMIT set, which is the only time libgomp (the OpenMP
// runtime Debian's libtesseract uses) reads it. It reads the initial
// environment from /proc/self/environ (Linux); elsewhere it reports
// whether the variable is set now.
func ThreadLimited() bool {
	data, err := os.ReadFile("/proc/self/environ")
	if err != nil {
		return os.Getenv(threadLimitVar) != ""
	}
	for _, kv := range bytes.Split(data, []byte{0}) {
		if v, ok := bytes.CutPrefix(kv, []byte(threadLimitVar+"=")); ok && len(v) > 0 {
			return true
		}
	}
	return false
}

// EnsureThreadLimit makes Tesseract run single-threaded, as a pool of
// engines needs (its OpenMP threads otherwise fight the pool's workers:
// here a screenshot took 1.85 s instead of 0.30 s on 2 cores). When the
// process did not start with OMP_THREAD_LIMIT set, it sets it to 1 and
// re-executes the program (same arguments and environment) with
// syscall.Exec, so it must be called first thing in main, before any
// other work. It returns nil without doing anything when the limit is
// already in force, and an error when the re-execution fails (the
// program can go on, slower).
func EnsureThreadLimit() error {
	if ThreadLimited() {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("tesseract: thread limit: %w", err)
	}
	if err := os.Setenv(threadLimitVar, "1"); err != nil {
		return fmt.Errorf("tesseract: thread limit: %w", err)
	}
	if err := syscall.Exec(exe, os.Args, os.Environ()); err != nil {
		return fmt.Errorf("tesseract: thread limit: re-exec %s: %w", exe, err)
	}
	return nil // not reached
}
