// Package ocr is the OCR stage of proofpack: it reads the text of the
// screenshots found in a proof pack, with word boxes and confidences, for
// the "ocr" block of a report item and for attribution.
//
// # Place in the flow
//
// The evidence walk hands image bytes to Decode, then the decoded image to
// a Pool. The Pool preprocesses it (Prepare) and runs an Engine on one of
// its workers; the Result (text, lines, words with boxes in the original
// image's pixels, mean confidence, engine name) goes into the item. The
// package is pure Go and builds with CGO_ENABLED=0; the Tesseract engine
// lives in ocr/tesseract, the only cgo package of the module, so a user
// who does not want OCR never links libtesseract.
//
// # Preprocessing
//
// Screenshots are 96 DPI images of small anti-aliased fonts, often with
// light text on dark bars. Prepare converts to 8-bit gray on pixel slices,
// inverts cells with a dark background after a neighbourhood vote (text
// is then always dark on light), upscales with its own separable
// fixed-point Catmull-Rom resampler (about 5x faster than
// golang.org/x/image/draw on a 1920x1080 image; see BenchmarkPrepare) and
// adds a white border. Every choice is a field of Preprocess whose zero
// value is the recommended setting, so that each can be measured.
//
// # Layout
//
// FindText finds the text lines and segments of a prepared image in Go,
// for engines that read segment by segment (FindTextContext stops when
// its context is done: a noise image keeps it busy for seconds). Each segment carries its
// glyph boxes, from which TextSegment.Respace sets the spaces of
// Japanese text (a word space between katakana words widens the fixed
// one-em pitch of Han and kana; a recogniser's own word boxes drift), and
// its backslash glyphs, at which TextSegment.Split cuts a Windows path
// whose parts are in different scripts.
//
// A segment is one text row: a recogniser told to read one line reads
// neither of two. Rows joined by a speck between them, by a descender
// at tight line spacing or by the side of a field's frame are cut apart
// where the middle halves of their glyphs stop overlapping; the sides of
// frames and cell borders are erased at any height when they join two
// horizontal rules, pieces of a border broken by JPEG noise are dropped
// when nothing as tall stands beside them, and the flat pieces of a
// light grid line are taken out of the cells they touch, so that the
// cells of a table row line up and the table is read row by row.
//
// # Identifiers
//
// RepairLine undoes what OCR commonly does to the identifiers attribution
// needs, each rule only where an identifier's grammar leaves one reading:
// spaces and commas in host names and addresses, the leading \\ of a UNC
// path read as W, V, い or one backslash (before NetBIOS host names too),
// an address's lost underscore, O for zero in upper-case codes, $ for
// the S that starts a code, a misread http scheme or co.jp suffix, W or
// P for @ before a host under a public suffix. RepairUNCLead does more
// where the layout saw a backslash as the first glyph. Identifiers counts
// the well-formed addresses, host names (under an ICANN public suffix)
// and UNC paths of a text: an engine that reads a segment twice keeps the
// read with more of them.
//
// # Text size
//
// Small text is misread: at 9 px, the interface text of a screenshot
// taken at 75 % zoom, look-alike kanji swap (富士遠 for 富士通) and Latin
// letters merge. Result.TextSize says how small the text read is, so that
// a report can tell an analyst not to trust it as read: the median line
// height, in the original image's pixels, and the share of characters in
// lines at most SmallTextPx (9) high (MeasureText; Summarize fills it).
// A line's height runs from the top of its ascenders to the bottom of its
// descenders, about its font's size, whatever letters it holds; the
// threshold is measured on text drawn at known sizes in DejaVu Sans,
// Liberation Sans and IPAGothic and read by the Tesseract engine
// (TestSmallTextCalibration in ocr/tesseract): a 9 px font gives lines
// of 8 or 9 px, a 12 px one of 11 or 12.
//
// # Threat model and limits
//
// Images come from criminals. Decode reads the header before the pixels
// and refuses images over Options.MaxPixels (40 megapixels by default)
// with ErrLimit, so a 100000x100000 "decompression bomb" allocates
// nothing; decoder panics become ErrFormat. Prepare bounds its output by
// Preprocess.MaxScaledPixels (30 megapixels). An engine fed a hostile
// image may crawl: each image has Options.TimeoutPerImage (60 s), after
// which Recognize returns ErrTimeout (also when the engine, watching the
// deadline by its own clock, fails just before the context's timer
// fires), and a cancelled context returns at once, even while the engine
// call is still finishing in the background (the worker is reused only
// when it ends; see Pool). Engines are never shared between goroutines.
// A bound on the OCR time of a whole triage is the caller's: package
// evidence has Limits.MaxOCRDuration.
//
// Not handled: text rotated by more than a few degrees, vertical Japanese
// text, and images with several frames (only the first GIF frame is read).
package ocr
