// Package reusegen builds the re-use set on which the similarity hashes
// of package evidence/similar are measured: screenshots, documents and
// CSV files of fixed templates, some published again after the
// transforms a seller applies (JPEG at quality 60, a 50 % resize, a crop
// of up to 1 % or 5 %, a screenshot of the screenshot, a combination; a
// document re-saved or printed to PDF, a CSV re-exported with other
// quoting, separators, line ends or a spreadsheet's formats), the others
// fresh: the same templates with other content, which must not match.
//
// Every item is dealt to the decided or the held-out half (Split), and
// in each half a third of the items per template are in the library
// (Role Library: published before) and two thirds are fresh. Thresholds
// are chosen on the decided half only (Choose) and reported on both
// (Report); cmd/reusemeasure prints the figures for the PDQ hash and the
// text signature, cmd/reuseocr for the text signature of the OCR text of
// the screens (it links libtesseract).
//
// Packs builds the pack set on which a case library is measured as a
// whole (cmd/packmeasure): at least MinPacks proof packs, zip files of 8
// to 12 screenshots (PNG, JPEG), documents (DOCX, PDF) and tables (CSV,
// XLSX) drawn from the same templates, each pack with a claim and a
// date. Packs are dealt to the halves by pack, each half a sequence of
// its own; after the first FreshPacks of a half, ReuseShare of a pack's
// files are taken from an earlier pack of its half after one transform
// (PackTransforms: JPEG at quality 60, a 50 % resize, a crop of up to
// 5 %, a screenshot of the screenshot; a document re-saved with other
// metadata or printed to PDF; a table re-exported as CSV), and the rest
// are fresh. The ground truth says, for every file, whether it is fresh
// or which file of which pack it re-uses, after which transform.
//
// Screens are drawn with internal/docgen (Go fonts and IPA Gothic,
// fonts-ipafont-gothic), texts written in Go. Everything comes from
// Seed through a SplitMix64 generator of the package's own, so the set
// is the same on every run and Go release. The people, organisations,
// towns and domains (.example, .test) are invented.
package reusegen
