package meta_test

// The *_thirdparty_fuzz_test.go files drive each third-party parser this
// package calls (richardlehane/mscfb, rwcarlsen/goexif, archive/zip and
// the deflate decoder of Office files, compress/zlib of PNG text chunks,
// net/mail and mime/multipart, x/net/html) through the extractor that
// calls it, under a memory ceiling (internal/fuzzmem): an input that
// makes a parser allocate more than its size and the limits can justify
// fails. Run one with, for example,
//
//	go test -run '^$' -fuzz '^FuzzMSCFB$' -fuzztime 5m ./evidence/meta

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/fuzzmem"
)

// FuzzMSCFB drives richardlehane/mscfb (sector size, DIFAT and FAT
// chains, directory entries, the mini stream) through the OLE2 and Outlook
// extractors, after their own checks of the compound file.
func FuzzMSCFB(f *testing.F) {
	addFiles(f, "ole2")
	addFiles(f, "msg")
	f.Add(cp932Document(f))
	for _, h := range hostileOLE2(f) {
		if len(h.data) < 64<<10 {
			f.Add(h.data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzmem.Run(t, len(data), func() {
			fuzzExtract(t, meta.NewOLE2(), "application/msword", data)
			fuzzExtract(t, meta.NewMSG(), "application/vnd.ms-outlook", data)
		})
	})
}
