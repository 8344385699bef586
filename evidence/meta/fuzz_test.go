package meta_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// fuzzLimits keeps fuzz iterations small.
var fuzzLimits = meta.Limits{MaxTextBytes: 4 << 10, MaxRecordBytes: 64 << 10, MaxRecords: 200}

// fuzzExtract runs ex on data and checks that it neither panics nor
// returns output that does not marshal, nor an empty result without
// saying why (an error, ErrNoRecord among them), and that its values
// harvest into lists that keep Harvest's promises.
func fuzzExtract(t *testing.T, ex meta.Extractor, mime string, data []byte) {
	in := meta.Input{Name: "fuzz", Type: identify.Type{MIME: mime}, R: bytes.NewReader(data), Size: int64(len(data))}
	res, err := ex.Extract(context.Background(), in, fuzzLimits)
	if err == nil && emptyResult(res) {
		t.Fatalf("%s: an empty result and no error", ex.Name())
	}
	if err != nil && res != nil && res.Metadata.Raw != nil {
		// A result beside an error must still be well formed.
		if _, err := json.Marshal(res.Metadata); err != nil {
			t.Fatalf("result does not marshal: %v", err)
		}
	}
	if res == nil {
		return
	}
	if _, err := json.Marshal(res.Metadata); err != nil {
		t.Fatalf("result does not marshal: %v", err)
	}
	if int64(len(res.Text)) > fuzzLimits.MaxTextBytes {
		t.Fatalf("text of %d bytes over the limit", len(res.Text))
	}
	for _, a := range res.Attachments {
		if int64(len(a.Data)) > fuzzLimits.MaxRecordBytes {
			t.Fatalf("attachment of %d bytes over the limit", len(a.Data))
		}
	}
	fuzzHarvest(t, res.Metadata)
}

// fuzzHarvest runs Harvest on m, as Run does, and checks that its lists
// keep Harvest's promises (meta.CheckHarvested): no "@" in a host, every
// address one that parses, no Message-ID among them.
func fuzzHarvest(t *testing.T, m meta.Metadata) {
	if err := meta.Harvest(&m); err != nil && !errors.Is(err, meta.ErrLimit) {
		t.Fatalf("harvest: %v", err)
	}
	if err := meta.CheckHarvested(&m); err != nil {
		t.Fatal(err)
	}
}

// emptyResult reports whether res holds nothing: no metadata, text,
// attachment or warning.
func emptyResult(res *meta.Result) bool {
	return res == nil || res.Metadata.IsZero() && strings.TrimSpace(res.Text) == "" && len(res.Attachments) == 0 && len(res.Warnings) == 0
}

func addFiles(f *testing.F, dir string) {
	files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && filepath.Ext(p) != ".md" && filepath.Ext(p) != ".go" && filepath.Ext(p) != ".sh" {
			f.Add(b)
		}
	}
}
