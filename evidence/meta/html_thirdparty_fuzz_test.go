package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/fuzzmem"
)

// FuzzHTMLTokenizer drives golang.org/x/net/html's tokenizer and charset
// detection through the HTML extractor.
func FuzzHTMLTokenizer(f *testing.F) {
	f.Add([]byte(testPage))
	f.Add([]byte("<html><head><meta charset=shift_jis><title>\x8c\xa9</title><base href=x>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzmem.Run(t, len(data), func() { fuzzExtract(t, meta.NewHTML(), "text/html", data) })
	})
}
