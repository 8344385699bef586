package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/docgen"
)

// FuzzEmail fuzzes the e-mail extractor from the fixtures of
// testdata/mail, mails built by docgen, the hostile mails of the tests
// and the mail of TestHarvestSources, whose headers name addresses and
// Message-IDs of every kind.
func FuzzEmail(f *testing.F) {
	addFiles(f, "mail")
	f.Add(unfoldedBoundaryMail())
	for _, cs := range []string{docgen.CharsetUTF8, docgen.CharsetISO2022JP} {
		f.Add(docgenMail(f, cs, []docgen.Attachment{{Name: "見積書.pdf", Data: []byte("%PDF-1.4")}}))
	}
	f.Add([]byte(harvestMail))
	f.Add(nestedMultipart(50))
	f.Add(manyParts(50))
	f.Add([]byte(mailHeader + "Content-Type: text/html; charset=iso-2022-jp\r\n\r\n<p>x</p>"))
	f.Add([]byte("Content-type: text/HTML; charset=\"UTF-8Return-Path: x@example.com\nMIME-Version: 1.0\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExtract(t, meta.NewEmail(), "message/rfc822", data)
	})
}
