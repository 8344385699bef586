package meta

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence/identify"
)

// msgFuzzLimits keeps fuzz iterations small.
var msgFuzzLimits = Limits{MaxTextBytes: 4 << 10, MaxRecordBytes: 64 << 10, MaxRecords: 200}

func FuzzMSG(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "msg", "*.msg"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add(msgNested(f, 6))
	f.Add(msgExchangeHeaders(f))
	for _, h := range msgHostile(f) {
		if len(h.data) <= 64<<10 {
			f.Add(h.data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		in := Input{Name: "fuzz.msg", Type: identify.Type{MIME: mimeOutlook}, R: bytes.NewReader(data), Size: int64(len(data))}
		res, err := NewMSG().Extract(ctx, in, msgFuzzLimits)
		if res == nil {
			if err == nil {
				t.Fatal("nil result without an error")
			}
			return
		}
		if _, err := json.Marshal(res.Metadata); err != nil {
			t.Fatalf("metadata does not marshal: %v", err)
		}
		m := res.Metadata
		Harvest(&m)
		if err := CheckHarvested(&m); err != nil {
			t.Fatal(err)
		}
		if int64(len(res.Text)) > msgFuzzLimits.MaxTextBytes || !utf8.ValidString(res.Text) {
			t.Fatalf("text of %d bytes over the limit or not UTF-8", len(res.Text))
		}
		if len(res.Attachments) > msgFuzzLimits.MaxRecords {
			t.Fatalf("%d attachments over the limit", len(res.Attachments))
		}
		for _, a := range res.Attachments {
			// A rebuilt embedded message may add its compound-file
			// frame to the bytes it holds.
			if int64(len(a.Data)) > msgFuzzLimits.MaxRecordBytes+int64(len(data))+64<<10 {
				t.Fatalf("attachment of %d bytes over the limit", len(a.Data))
			}
		}
	})
}
