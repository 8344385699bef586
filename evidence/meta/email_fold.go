package meta

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// mailFoldBuffer is the longest line the header folder looks at whole:
// longer lines pass through untouched.
const mailFoldBuffer = 4 << 10

// mailHeaderFolder repairs the headers of the parts of one multipart body
// as mail clients read them: a header line without a colon that follows a
// header ending with ";" continues it, although it is not indented
// ("Content-Type: multipart/alternative;" then "boundary=..." at the start
// of the next line, as some servers write it). net/textproto refuses such a
// header, and the rest of the message with it. Only the lines between a
// delimiter of this body's boundary and the blank line that ends the part's
// header are looked at; the bytes are otherwise passed through as they are.
type mailHeaderFolder struct {
	r         *bufio.Reader
	delimiter []byte // "--" and the boundary
	pending   []byte // bytes of the current line not yet returned
	inHeader  bool   // the lines since a delimiter are a part's header
	continues bool   // the header line before ended with ";"
	midLine   bool   // the current line did not fit the buffer
}

func newMailHeaderFolder(r io.Reader, boundary string) *mailHeaderFolder {
	return &mailHeaderFolder{r: bufio.NewReaderSize(r, mailFoldBuffer), delimiter: []byte("--" + boundary)}
}

func (f *mailHeaderFolder) Read(p []byte) (int, error) {
	for len(f.pending) == 0 {
		line, err := f.r.ReadSlice('\n')
		if len(line) == 0 && err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			return 0, err
		}
		f.pending = f.fold(line, err == nil)
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) && len(f.pending) == 0 {
			return 0, err
		}
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}

// fold returns line, indented when it continues the header line before.
// whole is false for a part of a line longer than the buffer.
func (f *mailHeaderFolder) fold(line []byte, whole bool) []byte {
	start := !f.midLine
	f.midLine = !whole
	if !start {
		return line
	}
	body := bytes.TrimRight(line, "\r\n")
	switch {
	case bytes.HasPrefix(body, f.delimiter):
		f.inHeader = !bytes.HasPrefix(body[len(f.delimiter):], []byte("--"))
		f.continues = false
		return line
	case !f.inHeader:
		return line
	case len(body) == 0:
		f.inHeader = false
		return line
	}
	folded := f.continues && body[0] != ' ' && body[0] != '\t' && !mailHeaderName(body)
	f.continues = bytes.HasSuffix(bytes.TrimRight(body, " \t"), []byte(";"))
	if folded {
		return append([]byte{' '}, line...)
	}
	return line
}

// mailHeaderName reports whether line starts a header field: a name of
// printable characters, then a colon. A name holding '=', '"' or ';' is a
// parameter that lost its indentation, not a field.
func mailHeaderName(line []byte) bool {
	for i, c := range line {
		switch {
		case c == ':':
			return i > 0
		case c <= ' ' || c >= 0x7f || c == '=' || c == '"' || c == ';':
			return false
		}
	}
	return false
}
