package testenv

import (
	"os"
	"testing"
)

// GenerateEnv turns on the tests that re-create committed fixtures and
// compare them with the files in testdata, byte for byte, and the tests
// of the large generated packs (`make check-generate` sets it). They take
// minutes under the race detector and check the generators, not the
// library: the ordinary run keeps cheap structural tests of the same
// generators.
const GenerateEnv = "PROOFPACK_GENERATE"

// Generate skips t unless GenerateEnv is 1; what says what the test
// re-creates.
func Generate(t testing.TB, what string) {
	t.Helper()
	if os.Getenv(GenerateEnv) != "1" {
		t.Skipf("re-creates %s: set %s=1 to run (make check-generate)", what, GenerateEnv)
	}
}
