package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/fuzzmem"
)

// FuzzNetMail drives net/mail, mime/multipart, mime/quotedprintable,
// encoding/base64 and the x/text charset decoders through the e-mail
// extractor.
func FuzzNetMail(f *testing.F) {
	addFiles(f, "mail")
	f.Add(docgenMail(f, docgen.CharsetISO2022JP, []docgen.Attachment{{Name: "見積書.pdf", Data: []byte("%PDF-1.4")}}))
	f.Add(nestedMultipart(20))
	f.Add(manyParts(20))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzmem.Run(t, len(data), func() { fuzzExtract(t, meta.NewEmail(), "message/rfc822", data) })
	})
}
