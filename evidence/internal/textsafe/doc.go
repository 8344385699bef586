// Package textsafe shows text from a hostile package to a person: every
// character that a reader cannot see, or that acts on the display instead
// of being shown, is written as a visible escape, so that what a person
// reads is the real name.
//
// # Place in the flow
//
// It sits at the very end, between the report and people: the terminal
// summary of examples/triage, the Markdown and HTML reports of package
// render (which exports it as render.Escape and friends), and the
// deceptive_name problem of package evidence, which uses its classes. The
// JSON report does not use it: JSON keeps the true values.
//
// # What is escaped
//
//   - control characters: C0 (tab and newline too, except in blocks of
//     text, where CR is kept only before LF), DEL, C1, and the line and
//     paragraph separators U+2028 and U+2029 (class Control);
//   - bidirectional controls, which reorder what is shown:
//     "invoice_\u202Etxt.exe" reads as "invoice_exe.txt" (class Bidi);
//   - other format characters (Unicode category Cf: zero-width space and
//     joiners, word joiner, byte order mark, soft hyphen, tags, …) and the
//     other default-ignorable code points (Hangul fillers, combining
//     grapheme joiner), which are not shown at all (class Invisible);
//   - bytes that are not UTF-8 (class InvalidUTF8).
//
// A character is written <U+202E> (four to six upper-case hex digits, as
// Unicode writes code points), an invalid byte <0x9B>. A "<" that would
// read as an escape is itself written <U+003C>, so that Unescape gives the
// text back exactly. The notation holds no backslash, so Windows paths
// (C:\x64\new) read as they are; it holds "<" and ">", which every output
// escapes in its own way (html/template as &lt;, Markdown in a code span).
//
// # Threat model
//
// The input is anything: any bytes, of any length. Output grows at most
// eight bytes per input byte (an escape of a one-byte control), is valid
// UTF-8, and holds no character of the classes above; a fuzz test holds
// it to that and to the round trip. Nothing is allocated when nothing
// needs escaping.
package textsafe
