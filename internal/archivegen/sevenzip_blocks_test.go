package archivegen

import (
	"bytes"
	"io"
	"testing"

	"github.com/bodgit/sevenzip"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SevenZipBlocks' archives read back with bodgit/sevenzip, zero runs
// included: a repeated run decodes to the zeros it stands for.
func TestSevenZipBlocksReadable(t *testing.T) {
	text := bytes.Repeat([]byte("Purchase order 4711, Example Trading Ltd.\n"), 100)
	for _, method := range []SevenZipMethod{SevenZipDeflate, SevenZipLZMA2} {
		t.Run(string(method), func(t *testing.T) {
			zeros := int64(3*deflateZeroRun + 12345) // a run repeated once, and the rest
			if method == SevenZipLZMA2 {
				zeros = 64<<10 + 123 // no repetition: keep the Go encoder's work small
			}
			blocks := []SevenZipBlock{
				{Method: method, Files: []SevenZipMember{{Name: "a.txt", Data: text}, {Name: "zeros.bin", Zeros: zeros}, {Name: "b.txt", Data: text[:50]}}},
				{Method: method, DictCap: 64 << 10, Files: []SevenZipMember{{Name: "c.txt", Data: text[7:]}}},
			}
			b, err := SevenZipBlocks(blocks)
			require.NoError(t, err)
			if method == SevenZipDeflate {
				assert.Less(t, len(b), 16<<10, "the zero run is packed by repetition")
			}
			r, err := sevenzip.NewReader(bytes.NewReader(b), int64(len(b)))
			require.NoError(t, err)
			require.Len(t, r.File, 4)
			want := map[string][]byte{"a.txt": text, "zeros.bin": make([]byte, zeros), "b.txt": text[:50], "c.txt": text[7:]}
			for _, f := range r.File {
				rc, err := f.Open()
				require.NoError(t, err, f.Name)
				data, err := io.ReadAll(rc)
				rc.Close()
				require.NoError(t, err, f.Name)
				assert.True(t, bytes.Equal(want[f.Name], data), "%s: %d bytes", f.Name, len(data))
			}
		})
	}
	_, err := SevenZipBlocks([]SevenZipBlock{{Method: SevenZipDeflate, Files: []SevenZipMember{{Name: "e"}}}})
	assert.ErrorIs(t, err, ErrInvalid)
}
