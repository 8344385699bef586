package ocreval

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/testenv"
)

// modelFile builds a .traineddata file whose LSTM character set is set.
func modelFile(set string) []byte {
	const n = 24
	head := make([]byte, 4+8*n)
	binary.LittleEndian.PutUint32(head, n)
	for i := 0; i < n; i++ {
		binary.LittleEndian.PutUint64(head[4+8*i:], ^uint64(0))
	}
	binary.LittleEndian.PutUint64(head[4+8*lstmUnicharset:], uint64(len(head)))
	return append(head, set...)
}

func TestModelCharacters(t *testing.T) {
	set, err := parseModelCharacters(modelFile("4\nNULL 0 Common 0\n東 1 Han 2\nレ 1 Katakana 3\nfi 1 Latin 4\n"))
	require.NoError(t, err)
	assert.Equal(t, map[rune]bool{'東': true, 'レ': true}, set, "NULL and the ligature are no single character")
	assert.True(t, Writable("東レ レ", set))
	assert.False(t, Writable("東レ株式会社", set))

	for name, data := range map[string][]byte{
		"short":        {1, 0},
		"no set":       append(binary.LittleEndian.AppendUint32(nil, 24), make([]byte, 8*24)...),
		"bad count":    modelFile("many\n"),
		"huge count":   modelFile("99999999\n"),
		"many entries": binary.LittleEndian.AppendUint32(nil, 1000),
	} {
		_, err := parseModelCharacters(data)
		assert.ErrorIs(t, err, ErrModel, name)
	}

	// Debian's Japanese model has the common kanji and not the rare ones
	// of the varied set's company names.
	path := "/usr/share/tesseract-ocr/5/tessdata/jpn.traineddata"
	if _, err := os.Stat(path); err != nil {
		testenv.Need(t, err, "Tesseract's Japanese data", "tesseract-ocr-jpn")
	}
	jpn, err := ModelCharacters(filepath.Clean(path))
	require.NoError(t, err)
	assert.Greater(t, len(jpn), 2000)
	assert.True(t, Writable("株式会社 東レ", jpn))
	assert.False(t, Writable("欅", jpn))
}

func FuzzModelCharacters(f *testing.F) {
	f.Add(modelFile("2\nNULL 0 Common 0\n東 1 Han 2\n"))
	f.Add(modelFile(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := parseModelCharacters(data)
		if err == nil && len(set) > maxUnichars {
			t.Fatalf("%d characters", len(set))
		}
	})
}
