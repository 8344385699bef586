package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
)

// FuzzOOXML fuzzes the OOXML extractor from the docx, xlsx and pptx
// fixtures and the hostile packages of ooxmlHostile.
func FuzzOOXML(f *testing.F) {
	officeFuzz(f, meta.NewOOXML(), officeDocx, []string{".docx", ".xlsx", ".pptx"}, ooxmlHostile(f))
}
