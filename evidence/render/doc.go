// Package render turns a triage report into documents analysts read: a
// self-contained HTML page (HTML) and Markdown for tickets and chat
// (Markdown); into JSON for other programs (JSONWriter, WriteJSON):
// one document, compact or indented, or NDJSON, one line per item; and
// into CSV for spreadsheets, one row per item (CSV, CSVWriter), the
// report's case and TLP on every row.
//
// Its place in the flow is the very end: it reads an evidence.Report and
// writes; it never opens the package again. It is pure Go and builds
// without cgo. The JSON writer also takes the items one at a time as the
// triage finishes them (evidence.Options.OnItem) and the rest of the
// report at the end, and holds one item at a time: its memory does not
// grow with the package. TextMode chooses how much of each item's text
// the JSON holds (all, a snippet of SnippetBytes, none).
//
// Threat model: every string of a report comes from a hostile package
// (file names, metadata, OCR text). The HTML is produced by html/template,
// which escapes each value for its context; the page carries a strict
// Content-Security-Policy (no network at all: images are data: URIs,
// styles and the one sorting script are inline), so a string that slipped
// through could still neither load nor send anything. Markdown output
// escapes the characters Markdown and HTML give meaning to, and makes no
// link of anything, not even a bare URL, domain or mail address.
//
// Names and values also hold characters that html/template and Markdown
// pass as they are: a right-to-left override makes
// "invoice_\u202Etxt.exe" read as "invoice_exe.txt", zero-width
// characters hide, and control characters (an ESC from a mail Subject)
// act on a terminal that shows the file. Every string of a report is
// escaped once, by Escape, before either output sees it: such characters
// are shown as <U+202E>, bytes that are not UTF-8 as <0x9B>, highlighted
// in the HTML and in code spans in Markdown; a name that held one is
// marked ("hidden characters: bidi control") and a notice at the top says
// the package holds some. The CSV shows cells so too, and starts with an
// apostrophe a cell that a spreadsheet would run as a formula (=, +, -,
// @, tab, carriage return first), so that a file named
// "=HYPERLINK(…)" stays a name. Both outputs also write through a SafeWriter,
// the backstop for a value a later change would let through. The triage
// command's summary uses the same functions, so a name reads the same in
// all three. The JSON report is left as it is (encoding/json escapes
// only what JSON needs, and <, > and & as \u003c…, as json.Marshal
// does; bytes that are not UTF-8 become U+FFFD): it is the contract for
// machines.
//
// Both documents open with a header (the triage date, the case, the
// analyst and the TLP 2.0 marking, in FIRST's colours in the HTML and
// at the foot of every printed page; the source's size and hashes, one
// line each; the claim as typed and the profile it matched; the tool)
// and a plain-language summary of two to four sentences; then the
// verdict (the claim, its relation to the owner, a second owner, the
// claim's findings, the reason), the ranking and what the seller says
// (organisations named only by folder and file names, sale notes and
// wordmark covers, which weigh nothing); then Exposure, aggregated
// from the items' metadata, text and OCR and deduplicated: host names
// (internal first), file shares, URLs (intranet first), people, e-mail
// and postal addresses, each with the items it came from, at most
// MaxExposure a list; the content's dates and the items by kind; then
// each organisation's evidence by role: custody first, then
// authorship, then what the seller says, then mentions, the strongest
// first within a role. Mentions say why a name is in the files, not
// whose files they are: the HTML folds them (under "Why the seller may
// have named X" for the claimed organisation) and shows no screenshot
// for them. A report masked by evidence.Redact says so at the top.
//
// OCR text too small to trust (problem ocr_small_text: more than a
// quarter of its characters in lines at most 9 px high) is shown, not
// hidden: the item's OCR details give the text's height and say that
// names and identifiers read from it may be misread, and every piece of
// evidence matched in its text is marked "small text: may be misread".
//
// Limits: the HTML shows at most MaxEvidence pieces of evidence per
// organisation, MaxTimelineRows timeline rows and embeds only the
// thumbnails of items that carry evidence, so that the page of a package
// of thousands of screenshots stays small (the report of 50
// screenshots is about 1.5 MB).
package render
