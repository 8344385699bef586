package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
)

// FuzzODF fuzzes the ODF extractor from the odt, ods and odp fixtures
// and the hostile packages of odfHostile.
func FuzzODF(f *testing.F) {
	officeFuzz(f, meta.NewODF(), officeOdt, []string{".odt", ".ods", ".odp"}, odfHostile(f))
}
