// Package attrpack builds the labelled proof packs that measure
// attribution: small archives whose true owner, and the right verdict on a
// seller's claim about them, are known because they were written to be so.
//
// # Place in the flow
//
// attrpack sits outside the pipeline: nothing in the library imports it.
// Its generator (cmd/attrpack) writes the packs into testdata/attribution
// with labels.json, one Label per pack, and a README.md; its test triages
// every pack with evidence.Analyze, the claim and Tesseract OCR, and
// compares the owner ranked first and the verdict with the labels. The
// test fails below 100 % accuracy on either.
//
// # The cases
//
// Each pack exercises one way attribution can go right or wrong: a claim
// that names the owner (by name, by a Japanese alias, by domain); a claim
// that names the vendor, customer or audit client the documents mention
// while every ownership signal points to another organisation; a
// subsidiary; packs with almost no signals or with evidence split evenly
// between two organisations; owner signals drowned in mentions (a CSV of
// 5 000 rows naming other companies, a third party's press release, a
// vendor's invoice); owner evidence found only in the OCR text of a
// screenshot, only in document and image metadata, or only in mail
// headers; and owners outside the catalogue, known only by their domain.
// Labels lists them, and labels.json holds the same list.
//
// # Determinism
//
// Everything is fixed: times, names, order; the two long tables (CSV files
// of 5 000 rows) come from a PCG generator with a fixed seed. The same Go
// release and the same IPA Gothic font give the same bytes, so
//
//	go generate ./internal/attrpack
//
// re-creates the committed files byte for byte, and a test checks that
// they are current. Every person in the packs is fictional and so are the
// two companies outside the catalogue; the well-known companies appear as
// real proof packs show them, with their public domains, and every host
// name under those domains is invented.
package attrpack

//go:generate go run ./cmd/attrpack -out ../../testdata/attribution
