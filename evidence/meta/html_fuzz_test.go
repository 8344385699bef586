package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
)

// FuzzHTML fuzzes the HTML extractor from pages with and without
// charsets, links and scripts.
func FuzzHTML(f *testing.F) {
	f.Add([]byte(testPage))
	f.Add([]byte("<html><head><meta charset=shift_jis><title>\x8c\xa9</title><base href=x>"))
	f.Add([]byte("<a href=\"mailto:?\">x</a><script>"))
	f.Add([]byte("<html>\n"))
	f.Add([]byte("<html><body><pre>\n\n\n</pre></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExtract(t, meta.NewHTML(), "text/html", data)
	})
}
