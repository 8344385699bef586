//go:build cgo

package tesseract

import (
	"fmt"
	"os"
	"testing"
)

// TestMain runs the tests with OpenMP limited to one thread, as programs
// do through EnsureThreadLimit.
func TestMain(m *testing.M) {
	if err := EnsureThreadLimit(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(m.Run())
}
