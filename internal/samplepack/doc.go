// Package samplepack builds the sample proof pack that the demo and the
// tests triage: a zip modelled on the 2021 case in which a marketplace sold
// "4 GB of Fujitsu data" whose evidence actually belonged to Toray
// Industries, a Japanese customer of Fujitsu.
//
// The pack mixes everything the triage pipeline must handle: screenshots
// (PNG with text chunks, JPEG with a hand-written Exif block, a PNG saved
// as .jpg), Office documents with Toray metadata and Fujitsu named only as
// the vendor, PDF files, an ISO-2022-JP e-mail, a Shift_JIS CSV, an entry
// whose name is stored in CP932 without the UTF-8 flag, and a zip holding a
// tar.gz (two levels of nesting). Every person in it is fictional; host
// names are invented; only the two companies and their public domains are
// real, because the case is.
//
// Build is deterministic: fixed times, fixed order, no randomness, so the
// committed file testdata/sample/fujitsu-proofpack.zip can be re-created
// byte for byte (on the same Go release) with:
//
//	go generate ./internal/samplepack
//
// The screenshots need the IPA Gothic font (Debian package
// fonts-ipafont-gothic).
package samplepack

//go:generate go run ./cmd/gen-samplepack -out ../../testdata/sample
