// Package ocrset builds and loads the OCR test set of proofpack
// (testdata/ocr): screenshots of the screens a proof pack shows, with exact
// ground truth, so that the OCR layer can be measured (internal/ocreval
// scores a run).
//
// The screens are intranet portals, mail inboxes and opened mails,
// spreadsheets, file explorers on UNC paths, ERP order screens, admin
// consoles and chat windows, half in English and half in Japanese, some in
// a dark theme. Each page is a Go value (pages_eng.go, pages_jpn.go) laid
// out by kinds.go into HTML; the builder records every text line as it
// writes it, so Case.Lines is the very text rendered, never a transcription.
// Generate renders the pages with Debian's headless Chromium, after a
// layout check in the browser that fails on any wrapped, clipped,
// off-page or unrecorded text, and after checking that the named fonts
// draw every character (no fallback font). The people are fictional; the
// companies and their public domains are real, as in a real proof pack.
//
// The output is reproducible: fixed content, no clock, no randomness. The
// image bytes depend on the Chromium build and the font packages
// (fonts-liberation, fonts-dejavu-core, fonts-ipafont-gothic); the ground
// truth does not.
//
// Load reads a set back and checks each image header against the manifest;
// it trusts nothing else in the directory.
package ocrset

//go:generate go run ./cmd/ocrset -q -out ../../testdata/ocr
