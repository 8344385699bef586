package testenv

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// Command returns the path of the named command, or fails t naming the
// Debian package that installs it.
func Command(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is needed and not on PATH: install the Debian package %s (make test-deps does): %v", name, debianPackage, err)
	}
	return path
}

// File checks that a file a test reads (a font, language data) exists,
// or fails t naming the Debian package that installs it.
func File(t testing.TB, path, debianPackage string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is needed: install the Debian package %s (make test-deps does): %v", path, debianPackage, err)
	}
}

// Need fails t when err, the error of setting up a capability, is not
// nil, naming the Debian package(s) that provide it and saying what for.
func Need(t testing.TB, err error, what, debianPackages string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s is needed: install the Debian package %s (make test-deps does): %v", what, debianPackages, err)
	}
}

// Allocated returns the bytes the heap allocated while f ran, after a
// collection so that earlier garbage does not count. The count covers
// every goroutine: tests that bound it do not run in parallel.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
