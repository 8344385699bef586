package meta_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence/meta"
)

// officeFuzzLimits keep each fuzz run small.
var officeFuzzLimits = meta.Limits{MaxTextBytes: 4 << 10, MaxRecordBytes: 256 << 10, MaxRecords: 200}

// officeFuzz seeds f with the fixtures of testdata/office whose name ends
// in one of exts and with the hostile cases, then checks that Extract
// never panics, returns errors wrapping the package's sentinels, gives
// results that marshal to JSON and harvest into lists that keep
// Harvest's promises, and never an empty result without error.
func officeFuzz(f *testing.F, ex meta.Extractor, mime string, exts []string, hostile []officeHostileCase) {
	entries, err := os.ReadDir(officeDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		for _, ext := range exts {
			if strings.HasSuffix(e.Name(), ext) {
				data, err := os.ReadFile(filepath.Join(officeDir, e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
	for _, h := range hostile {
		if len(h.data) < 1<<20 { // the 100 000-part zip is too big a seed
			f.Add(h.data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ex.Extract(context.Background(), officeInput("fuzz", mime, data), officeFuzzLimits)
		if err != nil {
			if !errors.Is(err, meta.ErrFormat) && !errors.Is(err, meta.ErrLimit) &&
				!errors.Is(err, meta.ErrEncrypted) && !errors.Is(err, meta.ErrPanic) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			if errors.Is(err, meta.ErrPanic) {
				t.Fatalf("panic recovered: %v", err)
			}
			return
		}
		if emptyResult(res) {
			t.Fatal("an empty result without error")
		}
		if int64(len(res.Text)) > officeFuzzLimits.MaxTextBytes {
			t.Fatalf("text of %d bytes", len(res.Text))
		}
		for _, w := range res.Warnings {
			if errors.Is(w, meta.ErrPanic) {
				t.Fatalf("panic recovered: %v", w)
			}
		}
		if _, err := json.Marshal(res.Metadata); err != nil {
			t.Fatal(err)
		}
		fuzzHarvest(t, res.Metadata)
	})
}
