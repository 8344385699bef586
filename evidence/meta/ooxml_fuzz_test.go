package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
)

// FuzzOOXML fuzzes the OOXML extractor from the docx, xlsx and pptx
// fixtures, the hostile packages of ooxmlHostile and a workbook with a
// cell of every kind (xlsxCellsWorkbook).
func FuzzOOXML(f *testing.F) {
	f.Add(xlsxCellsWorkbook(f))
	officeFuzz(f, meta.NewOOXML(), officeDocx, []string{".docx", ".xlsx", ".pptx"}, ooxmlHostile(f))
}
