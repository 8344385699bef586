package archivegen

import (
	"bytes"
	"io"
	"testing"

	"github.com/bodgit/sevenzip"
	"github.com/nwaples/rardecode/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRar4 reads a stored RAR 4 archive back with rardecode: names, kinds
// and data.
func TestRar4(t *testing.T) {
	files := rarFiles[:5] // no link: RAR 4 here has none
	b, err := Rar4(files)
	require.NoError(t, err)
	got, err := readRar(b, "")
	require.NoError(t, err)
	require.Len(t, got, len(files))
	for i, f := range files {
		assert.Equal(t, f.Name, got[i].name)
		assert.Equal(t, f.isDir(), got[i].dir, f.Name)
		assert.Equal(t, string(f.Data), got[i].data, f.Name)
	}
	_, err = Rar4([]File{{Name: "l", Link: "x"}})
	assert.ErrorIs(t, err, ErrInvalid)
}

// TestRar4Raw checks that rardecode reaches the packed data of Rar4Raw and
// Rar5Packed files: the headers pass its checks, and a stored file after a
// compressed one reads back.
func TestRar4Raw(t *testing.T) {
	for name, b := range map[string][]byte{
		"ppmd": Rar4PPMdModel(1),
		"rar5": Rar5Packed("a.txt", 3, 0, []byte("noise noise noise"), 64),
	} {
		r, err := rardecode.NewReader(bytes.NewReader(b))
		require.NoError(t, err, name)
		var names []string
		var last string
		for {
			h, err := r.Next()
			if err != nil {
				assert.ErrorIs(t, err, io.EOF, name)
				break
			}
			names = append(names, h.Name)
			data, _ := io.ReadAll(r)
			last = string(data)
		}
		assert.Contains(t, last, "after", "%s: the stored file after the packed one: %v", name, names)
	}
	assert.Equal(t, []byte{0xa7, 63}, Rar3PPMdBlock(64)[:2])
}

// TestSevenZipCoded reads back a 7z whose one file is in a zstd folder.
func TestSevenZipCoded(t *testing.T) {
	b := SevenZipZstdWindow(1 << 20)
	r, err := sevenzip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	require.Len(t, r.File, 1)
	rc, err := r.File[0].Open()
	require.NoError(t, err)
	defer rc.Close()
	data, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.Equal(t, SevenZipBombPayload, string(data))

	b = SevenZipZstdRLE(1<<20, 4)
	r, err = sevenzip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	rc2, err := r.File[0].Open()
	require.NoError(t, err)
	defer rc2.Close()
	data, err = io.ReadAll(rc2)
	require.NoError(t, err)
	assert.Equal(t, bytes.Repeat([]byte("A"), 4<<17), data)
}
