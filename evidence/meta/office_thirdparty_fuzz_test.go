package meta_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/fuzzmem"
)

// FuzzOfficeZip drives archive/zip (the central directory of an Office or
// ODF package) and klauspost/compress/flate (its parts) through the OOXML
// and ODF extractors.
func FuzzOfficeZip(f *testing.F) {
	entries, err := os.ReadDir(officeDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp":
			if b, err := os.ReadFile(filepath.Join(officeDir, e.Name())); err == nil {
				f.Add(b)
			}
		}
	}
	// The zip-level hostile cases of the Office tests, smaller.
	f.Add(officeDeclaring(f, 4<<30))
	f.Add(officeManyParts(f, 600))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzmem.Run(t, len(data), func() {
			for _, c := range []struct {
				ex   meta.Extractor
				mime string
			}{{meta.NewOOXML(), officeDocx}, {meta.NewODF(), officeOdt}} {
				_, _ = c.ex.Extract(context.Background(), officeInput("fuzz", c.mime, data), officeFuzzLimits)
			}
		})
	})
}
