// Package similar computes the similarity hashes by which proofpack
// recognises a sample that was published before, exactly or re-encoded:
// a PDQ perceptual hash for images (ImageHash, compared by Hamming
// distance) and a MinHash signature of normalised text for documents,
// CSV files and OCR text (TextSig, compared by the share of equal slots,
// with LSH band keys for an index). It is pure Go and has no state; a case
// library stores what it computes and looks it up.
//
// # Place in the flow
//
// After an item's pixels are decoded (images) or its body or OCR text is
// extracted (everything else), HashImage and HashText turn them into
// fixed-size values: 32 bytes for an image, SigLen (128) 32-bit slots
// for a text. Nothing here reads a file or keeps anything between calls.
//
// # Images: PDQ
//
// HashImage implements PDQ as Meta describes it (hashing.pdf in
// facebook/ThreatExchange): luminance, a two-pass box (tent) filter and
// a 64×64 sampling, a 16×16 block of a DCT, each bit above or below the
// median, and a quality from 0 to 100 that says whether the image has
// enough structure to be matched on (MinQuality). The details the
// description leaves open (the filter's edges, rounding, the bit order)
// are documented where they are chosen. The dihedral variants (the hashes
// of the image rotated or mirrored) are not computed: re-published
// samples are not mirrored.
//
// PDQ is robust to re-encoding and resizing, and weak against crops and
// shifts, which move every stripe of the DCT at once; and two
// screenshots of one screen with other text in it differ only in the
// high frequencies. On the generated screens of internal/reusegen (see
// below) a JPEG at quality 60 or a 50 % resize stays within ImageMatch,
// a crop of a few per cent or a screenshot of a screenshot often does
// not. For screenshots, the text signature of their OCR text is the
// stronger witness.
//
// # Texts: MinHash
//
// HashText normalises the text (Tokens: NFKC, case folding, punctuation
// and separators as token breaks, numbers and dates in one form, each
// Han or kana character a token), takes the distinct shingles of
// ShingleWords consecutive tokens, and keeps for each of SigLen seeded
// hash functions the smallest value over the shingles. The share of equal
// slots of two signatures estimates the Jaccard index of their shingle
// sets. A text of fewer than MinShingles shingles gets no signature
// (nil), so that "OK" or a one-line note matches nothing. Bands cuts a
// signature into Bands keys of BandRows slots, for an index that finds
// candidates without a scan. The seeds, SigLen, ShingleWords and the
// normalisation are a schema: a stored signature is only comparable with
// one of the same SigVersion.
//
// # Thresholds and what they were measured on
//
// ImageMatch, TextMatch, OCRTextMatch and ShingleWords were decided on
// the decided half of the generated set of internal/reusegen and reported
// on both halves (`go run ./internal/reusegen/cmd/reusemeasure`, and
// `go run ./internal/reusegen/cmd/reuseocr` for the OCR text of screens).
// Re-saved documents and re-exported CSVs (other whitespace, line ends,
// page furniture and hyphens of PDF text, quoting, separators, a
// spreadsheet's date and number formats) are all recognised at TextMatch,
// and no document or CSV of the same templates with other content
// matches, on both halves. PDQ within ImageMatch recognises every JPEG at
// quality 60 and 97 % of the screens halved in size with no false match,
// but only 28-66 % of the crops of up to 1 %, none of the crops of up to
// 5 % and under a tenth of the screenshots of a screenshot: a crop of 1 %
// of every side moves a screenshot's hash by about 36 bits, while two
// screens of one application with other text come as near as 16. The
// OCR text of a cropped or re-shot screen keeps its signature instead,
// and a halved one is too small to read: a screenshot matches when its
// PDQ hash is within ImageMatch or its OCR text reaches OCRTextMatch. On
// three of the screen templates read by Tesseract, that rule recognised
// every JPEG, crop of up to 5 % and screenshot of a screenshot and 92-100 %
// of the halved screens on both halves; one fresh Japanese screen of 24
// matched another of its template (the window's fixed text weighs much
// when every kanji is a token).
//
// # Hostile input
//
// Every input is bounded: HashImage refuses images of more than
// MaxImagePixels pixels (or under MinImageSide a side) before reading a
// pixel and allocates height × 64 values; HashText reads at most
// MaxTextBytes bytes. ParseImageHash and ParseTextSig check lengths before
// they allocate. Nothing panics on any input (see the fuzz tests).
package similar

//go:generate go run gen_testdata.go
