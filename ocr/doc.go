// Package ocr will hold the OCR stage of proofpack: the Engine interface,
// image preprocessing for screen text, a pool of engines and the result
// types, in pure Go. The Tesseract engine will live in ocr/tesseract, the
// only package of the module that needs cgo. The package has no API yet.
package ocr
