package benchpack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrNoField is returned by JSONField when the object has no such
// top-level field.
var ErrNoField = errors.New("benchpack: no such top-level field")

// maxFieldBytes bounds the value JSONField returns: the stats of a
// report are a few hundred bytes.
const maxFieldBytes = 1 << 20

// JSONField returns the raw value of the top-level field key of the JSON
// object r holds, reading r once and no further than that value. It
// holds only the value, never the document: a report of the triage
// command may be gigabytes of item text, and its stats come after the
// items. It scans, it does not validate: the document is taken to be
// the valid JSON that encoding/json writes, compact or indented. A key
// must be written without escapes; a value over 1 MiB is refused.
func JSONField(r io.Reader, key string) (json.RawMessage, error) {
	s := fieldScanner{want: []byte(key)}
	// The buffer starts small and grows to 256 KiB while the reader
	// fills it: small documents cost little, reports of gigabytes are
	// read in large blocks.
	buf := make([]byte, 4<<10)
	for {
		n, err := r.Read(buf)
		if done, ferr := s.feed(buf[:n]); done || ferr != nil {
			return s.value, ferr
		}
		if n == len(buf) && len(buf) < 256<<10 {
			buf = make([]byte, 2*len(buf))
		}
		if err == io.EOF {
			return nil, fmt.Errorf("%w: %q", ErrNoField, key)
		}
		if err != nil {
			return nil, err
		}
	}
}

// fieldScanner follows the nesting of a JSON document byte by byte,
// skipping through strings, to find a key of the top-level object.
type fieldScanner struct {
	want    []byte
	depth   int
	inStr   bool
	escaped bool
	wantKey bool   // the next string at depth 1 is a key
	inKey   bool   // the current string is a key
	key     []byte // the current key, up to len(want)+1 bytes
	matched bool   // the last key was want: its value comes next
	capture bool   // inside the value of want
	value   []byte
}

// feed scans b and reports whether the value is complete.
func (s *fieldScanner) feed(b []byte) (bool, error) {
	for i := 0; i < len(b); i++ {
		if s.inStr && !s.inKey && !s.capture && !s.escaped {
			// Skip the body of a string at once: item text is most of a
			// report.
			j := bytes.IndexAny(b[i:], `"\`)
			if j < 0 {
				return false, nil
			}
			i += j
		}
		c := b[i]
		if s.capture {
			if len(s.value) >= maxFieldBytes {
				return false, fmt.Errorf("benchpack: value of %q over %d bytes", s.want, maxFieldBytes)
			}
			if !s.inStr && s.depth == 1 && (c == ',' || c == '}') {
				s.value = bytes.TrimSpace(s.value)
				return true, nil
			}
			s.value = append(s.value, c)
		}
		if s.inStr {
			switch {
			case s.escaped:
				s.escaped = false
			case c == '\\':
				s.escaped = true
			case c == '"':
				s.inStr = false
				if s.inKey {
					s.inKey = false
					s.matched = bytes.Equal(s.key, s.want)
				}
			case s.inKey && len(s.key) <= len(s.want):
				s.key = append(s.key, c)
			}
			continue
		}
		switch c {
		case '"':
			s.inStr = true
			if s.depth == 1 && s.wantKey {
				s.inKey, s.wantKey, s.key = true, false, s.key[:0]
			}
		case '{', '[':
			s.depth++
			if s.depth == 1 {
				s.wantKey = c == '{'
			}
		case '}', ']':
			s.depth--
		case ',':
			if s.depth == 1 {
				s.wantKey = true
			}
		case ':':
			if s.depth == 1 && s.matched {
				s.matched, s.capture = false, true
			}
		}
	}
	return false, nil
}
