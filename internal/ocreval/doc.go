// Package ocreval scores OCR output against the ground truth of the OCR
// test set (internal/ocrset, testdata/ocr): the character error rate of the
// whole text and the recall of the key tokens that attribution needs
// (company names, e-mail addresses, host names, UNC paths, URLs).
//
// Both scores normalise the text first; the rules are on CER and
// KeyTokenRecall. Neither forgives what would break attribution: a token
// read with an inserted space ("a. b@c.com") is missed, because the
// fingerprint layer would miss it too.
//
// The package only compares strings; it runs no OCR engine. Memory is
// linear in the shorter text (the edit distance keeps two rows).
package ocreval
