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
// draw every character (no fallback font).
//
// The people and organisations are fictional, and so are their domains:
// each stands where a real proof pack shows a real company, in the same
// shape (a katakana or kanji name with its 株式会社, an acronym, a
// subsidiary's name; a .com, .co.jp, .net domain with the hosts, addresses,
// URLs and UNC paths under it), so that the set is as hard to read as one
// with real names. The exceptions are Toray and Fujitsu, the owner of the
// data and the name claimed in the case proofpack is modelled on: the
// pages that show them keep their real names and public domains, with
// invented host names under them. Everyday software is named as screens
// name it (Outlook, Excel, Windows); the names of its vendors are invented
// too.
//
// The output is reproducible: fixed content, no clock, no randomness. The
// image bytes depend on the Chromium build and the font packages
// (fonts-liberation, fonts-dejavu-core, fonts-ipafont-gothic); the ground
// truth does not.
//
// The varied set (testdata/ocrvar, GenerateVaried) is drawn instead of
// written: VariedPages deals 96 pages from a fixed seed (VariedSeed) with
// the layouts of kinds.go and varied_kinds.go (framed ERP forms, login
// pages, messenger bubbles), every Japanese font Debian packages, text of
// 9-16 px, line heights of 1.2-1.5, fields of 18-30 px, JPEG qualities of
// 50-90 and downscales of 0.67-0.8, about invented organisations and
// people only (varied_content.go). Each page is dealt to the decided or
// the held-out half (Case.Split), half and half per language and kind; no
// rule of the OCR layer may be tuned on the held-out half. The draw uses
// its own SplitMix64 generator, so its ground truth is the same on every
// Go release.
//
// Load reads a set back and checks each image header against the manifest;
// it trusts nothing else in the directory.
package ocrset

//go:generate go run ./cmd/ocrset -q -out ../../testdata/ocr
//go:generate go run ./cmd/ocrset -q -varied -out ../../testdata/ocrvar
