package archivegen

import (
	"bytes"
	"io"
	"testing"

	"github.com/nwaples/rardecode/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Rar5WithZeros' hand-coded data decodes with rardecode to the zeros it
// stands for, between stored files.
func TestRar5WithZeros(t *testing.T) {
	const size = 1<<20 + 12345
	b, err := Rar5WithZeros([]File{{Name: "a.txt", Data: []byte("first\n")}}, Rar5ZeroFile{Name: "zeros.bin", Size: size},
		[]File{{Name: "b.txt", Data: []byte("last\n")}})
	require.NoError(t, err)
	assert.Less(t, len(b), 1<<10, "packed about 32 000:1")
	r, err := rardecode.NewReader(bytes.NewReader(b))
	require.NoError(t, err)
	want := map[string][]byte{"a.txt": []byte("first\n"), "zeros.bin": make([]byte, size), "b.txt": []byte("last\n")}
	var names []string
	for {
		h, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		names = append(names, h.Name)
		data, err := io.ReadAll(r)
		require.NoError(t, err, h.Name)
		assert.True(t, bytes.Equal(want[h.Name], data), "%s: %d bytes", h.Name, len(data))
	}
	assert.Equal(t, []string{"a.txt", "zeros.bin", "b.txt"}, names)

	_, err = Rar5WithZeros(nil, Rar5ZeroFile{Name: "z"}, nil)
	assert.ErrorIs(t, err, ErrInvalid)
}
