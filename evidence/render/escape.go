package render

import (
	"io"

	"github.com/proofpack/proofpack/evidence/internal/textsafe"
)

// Escape returns s ready to be shown on one line to a person: every
// character that a reader cannot see or that acts on the display is
// written as a visible escape, so that the real name shows. Such
// characters are control characters (C0, tab and newline included, DEL,
// C1, U+2028, U+2029), bidirectional controls (a file named
// "invoice_\u202Etxt.exe" reads as "invoice_exe.txt"), the other format
// characters (zero-width characters, byte order mark, soft hyphen, tags,
// Hangul fillers) and bytes that are not UTF-8.
//
// A character is written <U+202E>, an invalid byte <0x9B>, and a "<" that
// would read as an escape <U+003C>, so that Unescape gives s back. HTML,
// Markdown and the triage command's summary all show package strings so.
// Escape returns s itself when nothing needs escaping.
func Escape(s string) string { return textsafe.Line(s) }

// EscapeText is Escape for a block of text shown over several lines (OCR
// or body text): tab and newline are kept, and CR before LF.
func EscapeText(s string) string { return textsafe.Text(s) }

// Unescape gives back the string that Escape or EscapeText escaped.
func Unescape(s string) (string, error) { return textsafe.Unescape(s) }

// Hidden says which kinds of characters of s Escape writes as escapes, in
// words for a marker beside a name: "bidi control", "control character,
// invalid UTF-8"; "" when there are none.
func Hidden(s string) string { return textsafe.Scan(s).String() }

// SafeWriter escapes everything written through it as EscapeText does,
// but leaves "<" alone: it is the backstop of an output assembled from
// many strings (the triage command wraps its summary in one, and HTML and
// Markdown write through one), so that a value that was not escaped on
// its own still reaches the reader escaped. Call Flush at the end: a
// character cut between two writes is held until then.
type SafeWriter struct {
	t *textsafe.Writer
}

// NewSafeWriter returns a SafeWriter that writes to w.
func NewSafeWriter(w io.Writer) *SafeWriter {
	return &SafeWriter{t: textsafe.NewWriter(w)}
}

// Write escapes p and writes it to the underlying writer.
func (s *SafeWriter) Write(p []byte) (int, error) { return s.t.Write(p) }

// Flush writes what is left of a character cut at the end of the last
// Write, as escapes.
func (s *SafeWriter) Flush() error { return s.t.Flush() }
