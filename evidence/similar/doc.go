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
// TextMatch and ShingleWords were decided on the decided half of the
// generated set of internal/reusegen and reported on both halves (`go run
// ./internal/reusegen/cmd/reusemeasure`): re-saved documents and
// re-exported CSVs (other whitespace, line ends, page furniture and
// hyphens of PDF text, quoting, separators, a spreadsheet's date and
// number formats) are all recognised at TextMatch, and no document or
// CSV of the same templates with other content matches, on both halves.
//
// ImageMatch and OCRTextMatch were first decided there too (15 bits and
// 0.20), then again on the decided half of its pack set (reusegen.Packs:
// 64 proof packs of screenshots, documents and tables, 30 % of a pack's
// files re-used from an earlier pack after one transform; `go run
// ./internal/reusegen/cmd/packmeasure -pairs FILE` writes the screenshot
// pairs), where two screens of one template came within 14 bits and two
// Japanese screens of one template had OCR texts of similarity 0.20 (the
// window's fixed kanji weigh much when every kanji is a token). PDQ
// within ImageMatch recognises every JPEG at quality 60 and most screens
// halved in size (94 % and 88 % of the halves of reusemeasure, 14 of 15
// in packmeasure's), but no crop of up to 5 % and few screenshots of a
// screenshot: a crop of 1 % of every side moves a screenshot's hash by
// about 36 bits. The OCR text of a cropped or re-shot screen keeps 0.45
// or more of its source's signature instead, while a halved screen is
// too small to read well: a screenshot matches when its PDQ hash is
// within ImageMatch or its OCR text reaches OCRTextMatch. With both, the
// case library of package evidence recognised 100 % and 98.8 % of the
// re-used files of the two halves of the pack set, with no false match
// (every image and document transform and every CSV re-export; the one
// miss is a halved screen 14 bits from its source).
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
