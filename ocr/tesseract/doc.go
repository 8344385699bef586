// Package tesseract is the ocr.Engine backed by Tesseract 5 through
// github.com/otiai10/gosseract/v2. It is the only package of proofpack
// that needs cgo and libtesseract (Debian: libtesseract-dev,
// libleptonica-dev, and tesseract-ocr-jpn, tesseract-ocr-eng or
// tesseract-ocr-<lang> for the languages).
//
// Built without cgo (CGO_ENABLED=0), the package keeps its API but New
// always fails with an error wrapping ocr.ErrUnavailable that says so
// (nocgo.go), and Available is false: a program that imports it builds
// both ways, and runs without OCR when it cannot have it.
//
// # Place in the flow
//
// A program builds an ocr.Pool with New as the engine constructor:
//
//	pool, err := ocr.NewPool(func() (ocr.Engine, error) {
//		return tesseract.New(tesseract.Options{Languages: []string{"jpn", "eng"}})
//	}, ocr.Options{})
//
// and calls tesseract.EnsureThreadLimit first thing in main: Debian's
// libtesseract uses OpenMP, which reads OMP_THREAD_LIMIT only when the
// process starts, and unlimited OpenMP threads fighting the pool made a
// screenshot six times slower here.
//
// Each Engine owns one gosseract client for its life. gosseract
// initialises Tesseract (languages, data path, variables, page
// segmentation mode); recognition then goes through Tesseract's C API on
// the same handle (capi.go): the gray image is passed as raw pixels (no
// PNG or PNM encoding), the resolution is set explicitly (DefaultDPI),
// Recognize runs under a monitor that stops it when the context is done,
// and every string and iterator Tesseract returns is freed. gosseract's
// own result calls free neither and cannot be stopped; they remain as a
// fallback if a gosseract release moves its handle.
//
// # Mixed Japanese and Latin text
//
// In the default segmented mode with both CJK and Latin languages the
// engine holds two Tesseract instances: one with the CJK languages alone
// and one with the Latin ones. Each segment is read by the one its glyph
// shapes suggest (the other is tried when the read is poor). Then the
// Latin runs of a line read by the CJK model (host names, addresses,
// paths, which the Japanese model misreads: "co.jD") are taken from the
// Latin model's read of the line, or of the run cut out, when that is
// about as confident; and poorly read runs of a line read by the Latin
// model (a Japanese folder name at the end of a UNC path) are cut out
// and read by the CJK model. Loading jpn alone rather than jpn+eng is
// also faster, and reads Japanese inside Latin lines that Tesseract's
// per-word choice between models would give to English. A segment that
// the layout and the first read agree is a Windows path mixing scripts
// (backslash glyphs, a backslash in the text) is read again part by part
// between its backslashes, each part by both models, the more confident
// read kept. Spaces between Japanese characters come from the layout's
// glyph pitch (ocr.TextSegment.Respace), not from Tesseract's word
// boxes.
//
// # Second readings
//
// A Latin segment read with a mean confidence under 85 that holds an
// identifier (an @, a dotted name, a backslash) in text under 16 pixels
// high is read again at two to three times its size (about 25 pixels),
// where small host names and addresses read better than at LineHeight.
// With Options.SecondModel (Tesseract's Japanese script model, Debian
// tesseract-ocr-script-jpan), CJK segments read under SecondBelow are
// read again by that model. Of two reads, the one with more well-formed
// identifiers (ocr.Identifiers) or whole corporate designations
// (株式会社 …), then the higher confidence, is the line's text; the
// other is the line's Alt, which package evidence hands to attribution
// as a look-alike reading. The second model is off by default: on the
// decided half of the varied test set it found one key token more of
// 164 for 35 % more CPU on Japanese pages; most Japanese misses there
// are kanji that neither Debian model has (嵯, 欅, 篁 …), which no
// reading finds.
//
// # Threat model and limits
//
// Language names are checked against a strict pattern and their
// traineddata files looked up by New itself, before Tesseract is asked,
// so a missing language is a clear error wrapping ocr.ErrUnavailable that
// names the Debian package, not a message on stderr. Images are bounded
// upstream (ocr.Decode, ocr.Prepare) and here to 32767 pixels a side.
// Tesseract checks its monitor between words, not during page layout
// analysis, so a cancelled call on a very large page can run on for a
// few seconds inside the engine (the Pool's caller returns at once).
// Tesseract is C++: a crash inside it takes the process down; it is not
// isolated in a subprocess.
package tesseract
