package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
)

func FuzzOOXML(f *testing.F) {
	officeFuzz(f, meta.NewOOXML(), officeDocx, []string{".docx", ".xlsx", ".pptx"}, ooxmlHostile(f))
}
