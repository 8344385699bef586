// Package render turns a triage report into documents analysts read: a
// self-contained HTML page (HTML) and Markdown for tickets and chat
// (Markdown).
//
// Its place in the flow is the very end: it reads an evidence.Report and
// writes; it never opens the package again. It is pure Go and builds
// without cgo.
//
// Threat model: every string of a report comes from a hostile package
// (file names, metadata, OCR text). The HTML is produced by html/template,
// which escapes each value for its context; the page carries a strict
// Content-Security-Policy (no network at all: images are data: URIs,
// styles and the one sorting script are inline), so a string that slipped
// through could still neither load nor send anything. Markdown output
// escapes the characters Markdown and HTML give meaning to.
//
// Limits: the HTML shows at most MaxEvidence pieces of evidence per
// organisation, MaxTimelineRows timeline rows and embeds only the
// thumbnails of items that carry evidence, so that the page of a package
// of thousands of screenshots stays small (the report of 50
// screenshots is about 1.5 MB).
package render
