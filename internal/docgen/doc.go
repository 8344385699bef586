// Package docgen builds small, realistic documents for fixtures: Office
// Open XML word-processing, spreadsheet and presentation files,
// hand-written PDF 1.4 files, RFC 5322 e-mail, the streams of Outlook
// messages (.msg, written into a compound file by
// archivegen.CompoundFile), screenshots rendered with real fonts, PNG
// files with text chunks, JPEG files with a hand-written Exif segment,
// and CSV files in Shift_JIS (CP932).
//
// It sits outside the triage flow: nothing in the library imports it at run
// time. The sample proof pack (internal/samplepack) and the tests of the
// metadata extractors use it to make inputs whose every field is known in
// advance.
//
// Every builder is deterministic: the same spec gives the same bytes on the
// same Go release. No builder reads the clock, the environment or a random
// source; zip entries carry fixed times, multipart boundaries and PDF file
// identifiers are derived from the content. The only file read from disk is
// the CJK font that screenshots need (see LoadFonts).
//
// The builders trust their input (it is written by the fixture author), but
// they still return errors instead of panicking when a spec is unusable.
package docgen
