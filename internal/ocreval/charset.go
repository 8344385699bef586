package ocreval

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrModel marks a .traineddata file that cannot be read as one.
var ErrModel = errors.New("ocreval: bad traineddata")

// Limits of ModelCharacters: a Debian model is under 20 MB and its
// character set under 200 kB, with a few thousand entries.
const (
	maxModelFile    = 256 << 20
	maxUnicharset   = 16 << 20
	maxUnichars     = 1 << 20
	lstmUnicharset  = 21 // TessdataType LSTM_UNICHARSET
	maxModelEntries = 64
)

// ModelCharacters returns the characters a Tesseract LSTM model can write
// (the lstm-unicharset component of its .traineddata file): a key token
// with a character outside it can never be read exactly by that model,
// whatever the image. Written here because no Go library reads the
// format: a count of components, their offsets, then the components;
// the character set is text, one character and its properties a line.
func ModelCharacters(path string) (map[rune]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ocreval: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxModelFile+1))
	if err != nil {
		return nil, fmt.Errorf("ocreval: %w", err)
	}
	if len(data) > maxModelFile {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrModel, path, maxModelFile)
	}
	return parseModelCharacters(data)
}

// parseModelCharacters is ModelCharacters on the file's bytes.
func parseModelCharacters(data []byte) (map[rune]bool, error) {
	if len(data) < 4 {
		return nil, fmt.Errorf("%w: too short", ErrModel)
	}
	n := int(int32(binary.LittleEndian.Uint32(data)))
	if n <= lstmUnicharset || n > maxModelEntries || len(data) < 4+8*n {
		return nil, fmt.Errorf("%w: %d components", ErrModel, n)
	}
	offs := make([]int64, n)
	for i := range offs {
		offs[i] = int64(binary.LittleEndian.Uint64(data[4+8*i:]))
	}
	start := offs[lstmUnicharset]
	if start < int64(4+8*n) || start >= int64(len(data)) {
		return nil, fmt.Errorf("%w: no LSTM character set", ErrModel)
	}
	end := int64(len(data))
	for _, o := range offs[lstmUnicharset+1:] {
		if o > start && o < end {
			end = o
		}
	}
	if end-start > maxUnicharset {
		return nil, fmt.Errorf("%w: character set of %d bytes", ErrModel, end-start)
	}
	sc := bufio.NewScanner(bytes.NewReader(data[start:end]))
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	if !sc.Scan() {
		return nil, fmt.Errorf("%w: empty character set", ErrModel)
	}
	count, err := strconv.Atoi(strings.TrimSpace(sc.Text()))
	if err != nil || count <= 0 || count > maxUnichars {
		return nil, fmt.Errorf("%w: character count %q", ErrModel, sc.Text())
	}
	out := make(map[rune]bool, count)
	for i := 0; i < count && sc.Scan(); i++ {
		ch, _, _ := strings.Cut(sc.Text(), " ")
		if r, size := utf8.DecodeRuneInString(ch); r != utf8.RuneError && size == len(ch) {
			out[r] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	return out, nil
}

// Writable reports whether every character of s other than spaces is in
// one of the character sets.
func Writable(s string, sets ...map[rune]bool) bool {
	for _, r := range s {
		if r == ' ' {
			continue
		}
		ok := false
		for _, set := range sets {
			if set[r] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
