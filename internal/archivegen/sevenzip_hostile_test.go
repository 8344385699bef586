package archivegen

import (
	"bytes"
	"io"
	"testing"

	"github.com/bodgit/sevenzip"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSevenZipNumber(t *testing.T) {
	for _, tc := range []struct {
		v    uint64
		wide bool
		want []byte
	}{
		{0, false, []byte{0x00}},
		{0x7f, false, []byte{0x7f}},
		{0x80, false, []byte{0x80, 0x80}},
		{0x3fff, false, []byte{0xbf, 0xff}},
		{0x4000, false, []byte{0xc0, 0x00, 0x40}},
		{0xffffffff, false, []byte{0xf0, 0xff, 0xff, 0xff, 0xff}},
		{1 << 40, false, []byte{0xf9, 0, 0, 0, 0, 0}},
		{1 << 63, false, []byte{0xff, 0, 0, 0, 0, 0, 0, 0, 0x80}},
		{5, true, []byte{0xf0, 5, 0, 0, 0}},
		{1 << 40, true, []byte{0xff, 0, 0, 0, 0, 0, 1, 0, 0}},
	} {
		assert.Equal(t, tc.want, sevenZipNumber(nil, tc.v, tc.wide), "%#x wide=%v", tc.v, tc.wide)
	}
}

// The well-formed crafted archives read back with bodgit/sevenzip. The
// bombs are not opened here: that is what they are for, and it would take
// the test process down.
func TestSevenZipCraftedReadable(t *testing.T) {
	for name, b := range map[string][]byte{
		"declared-1": SevenZipDeclaredFiles(1),
		"encoded":    SevenZipEncoded(),
	} {
		t.Run(name, func(t *testing.T) {
			r, err := sevenzip.NewReader(bytes.NewReader(b), int64(len(b)))
			require.NoError(t, err)
			require.Len(t, r.File, 1)
			assert.Equal(t, "a.txt", r.File[0].Name)
			rc, err := r.File[0].Open()
			require.NoError(t, err)
			data, err := io.ReadAll(rc)
			require.NoError(t, err)
			assert.Equal(t, SevenZipBombPayload, string(data))
		})
	}
}

func TestSevenZipBombsSmall(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range SevenZipBombs() {
		assert.False(t, seen[b.Name], "duplicate name %s", b.Name)
		seen[b.Name] = true
		assert.Less(t, len(b.Data), 300, b.Name)
		assert.NotEmpty(t, b.What, b.Name)
		assert.True(t, bytes.HasPrefix(b.Data, []byte{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c}), b.Name)
	}
}

func TestSevenZipSolidCopy(t *testing.T) {
	b := SevenZipSolidCopy(3, 4, 100)
	r, err := sevenzip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	require.Len(t, r.File, 12)
	for i, f := range r.File {
		assert.Equal(t, i/4, f.Stream, f.Name)
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		assert.Equal(t, bytes.Repeat([]byte{byte(i)}, 100), data, f.Name)
	}
	assert.Equal(t, "b02-03.bin", r.File[11].Name)
}
