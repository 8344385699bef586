package evidence

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/testenv"
)

// TestNameProblemsCost: the deceptive-name check costs the same small
// allocation whatever the name's length, so that a name of thousands of
// hidden characters (tar names reach a megabyte) costs no more than one
// of ten.
func TestNameProblemsCost(t *testing.T) {
	deceptive := func(pairs int) string {
		var b strings.Builder
		for i := range pairs {
			b.WriteRune(rune(0x202a + i%5))   // bidi embeddings and overrides
			b.WriteRune(rune(0xe0020 + i%90)) // tag characters
		}
		return b.String()
	}
	var perName []uint64
	for _, pairs := range []int{10, 1_000, 100_000} {
		name := deceptive(pairs)
		require.Len(t, nameProblems(name, name), 2)
		const runs = 10
		n := testenv.Allocated(func() {
			for range runs {
				_ = nameProblems(name, name)
			}
		})
		t.Logf("a %d-byte name and link target: %d bytes allocated a check", len(name), n/runs)
		perName = append(perName, n/runs)
	}
	assert.Less(t, perName[2], uint64(4<<10), "a check allocates a few hundred bytes whatever the length")
	assert.Less(t, perName[2], 2*perName[0]+512, "a name of 700 KB costs what one of 70 bytes does")
}
