package meta_test

import (
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
)

func FuzzODF(f *testing.F) {
	officeFuzz(f, meta.NewODF(), officeOdt, []string{".odt", ".ods", ".odp"}, odfHostile(f))
}
