package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
)

// FuzzOLE2 fuzzes the OLE2 extractor (compound file, property sets,
// Word dates) from the fixtures, the files built by the tests and the
// hostile files of hostileOLE2.
func FuzzOLE2(f *testing.F) {
	addFiles(f, "ole2")
	f.Add(cp932Document(f))
	f.Add(docSummaryWithParts(f, false))
	f.Add(docSummaryWithParts(f, true))
	f.Add(embeddedBeforeRoot(f))
	for _, c := range oleEncryptedCases() {
		f.Add(buildOLE2(f, c.streams))
	}
	for _, c := range wordCases() {
		f.Add(buildOLE2(f, c.streams))
	}
	for _, h := range hostileOLE2(f) {
		if len(h.data) < 64<<10 {
			f.Add(h.data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExtract(t, meta.NewOLE2(), "application/msword", data)
	})
}
