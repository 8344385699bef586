package textsafe

import (
	"io"
	"unicode/utf8"
)

// Writer escapes by the rules of Text whatever is written through it, as
// a backstop for an output assembled from many strings: a value that was
// not escaped on its own still reaches the reader escaped. It does not
// escape "<", which it cannot tell from its own writer's markup or from
// the escapes already in the stream; escape each value with Line or Text
// for a text that Unescape gives back exactly.
//
// A character cut between two writes is held until the next one; Flush
// writes what is left.
type Writer struct {
	w     io.Writer
	carry []byte // an incomplete character, or a CR, at the end of the last write
	out   []byte
	seen  Class
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w}
}

// Write escapes p and writes it. It returns len(p) when the underlying
// writer took everything.
func (t *Writer) Write(p []byte) (int, error) {
	data := p
	if len(t.carry) > 0 {
		data = append(t.carry, p...)
		t.carry = t.carry[:0:0]
	}
	// Keep a character cut at the end, or a CR that may be followed by
	// LF, for the next write.
	if n := len(data); n > 0 {
		if data[n-1] == '\r' {
			t.carry = append(t.carry, '\r')
			data = data[:n-1]
		} else {
			for i := max(0, n-utf8.UTFMax+1); i < n; i++ {
				if utf8.RuneStart(data[i]) && !utf8.FullRune(data[i:]) {
					t.carry = append(t.carry, data[i:]...)
					data = data[:i]
					break
				}
			}
		}
	}
	if err := t.write(data); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (t *Writer) write(data []byte) error {
	if len(data) == 0 {
		return nil
	}
	// Most of an output is markup and ASCII: it goes through as it is.
	i := 0
	for i < len(data) && (data[i] >= 0x20 && data[i] < 0x7f || data[i] == '\n' || data[i] == '\t') {
		i++
	}
	if i == len(data) {
		_, err := t.w.Write(data)
		return err
	}
	m := mode{text: true, keepLT: true}
	s := string(data[i:]) // the escaper reads strings
	out, seen := append(t.out[:0], data[:i]...), Class(0)
	if j := firstEscape(s, m); j < 0 {
		out = append(out, s...)
	} else {
		out = append(out, s[:j]...)
		out, seen = appendEscaped(out, s[j:], m)
	}
	t.out, t.seen = out, t.seen|seen
	_, err := t.w.Write(out)
	return err
}

// Flush writes what is left of a cut character, as escapes.
func (t *Writer) Flush() error {
	carry := t.carry
	t.carry = nil
	return t.write(carry)
}

// Seen returns the kinds of hidden characters the Writer escaped so far.
func (t *Writer) Seen() Class {
	return t.seen
}
