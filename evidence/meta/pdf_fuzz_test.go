package meta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzPDF feeds the PDF extractor the fixtures, the hostile files (those
// of pdfHostile and of pdfSecurity, the r02 CMap bombs among them), the
// encrypted files of pdfCryptCases and their mutations: no panic may
// escape Extract, every warning wraps a sentinel, the output marshals
// to JSON, and its values harvest into lists that keep Harvest's
// promises (CheckHarvested).
func FuzzPDF(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "pdf", "*.pdf"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, h := range pdfHostile {
		if data := h.build(); len(data) < 1<<20 {
			f.Add(data)
		}
	}
	for _, h := range pdfSecurity {
		if data := h.build(); len(data) < 1<<20 {
			f.Add(data)
		}
	}
	for _, c := range pdfCryptCases {
		f.Add(c.build())
	}
	f.Add(pdfSimple())
	// Small limits keep each run short: bombs stop at 64 KiB.
	lim := Limits{MaxTextBytes: 16 << 10, MaxRecordBytes: 64 << 10, MaxRecords: 200}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := NewPDF().Extract(context.Background(), Input{Name: "fuzz.pdf", Type: pdfType, R: bytes.NewReader(data), Size: int64(len(data))}, lim)
		if err != nil {
			if res != nil {
				t.Fatalf("result with error %v", err)
			}
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrLimit) && !errors.Is(err, ErrEncrypted) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		for _, w := range res.Warnings {
			if !errors.Is(w, ErrFormat) && !errors.Is(w, ErrLimit) && !errors.Is(w, ErrEncrypted) {
				t.Fatalf("warning without sentinel: %v", w)
			}
		}
		if int64(len(res.Text)) > lim.MaxTextBytes {
			t.Fatalf("text of %d bytes over the limit", len(res.Text))
		}
		if _, err := json.Marshal(res.Metadata); err != nil {
			t.Fatalf("metadata does not marshal: %v", err)
		}
		m := res.Metadata
		Harvest(&m)
		if err := CheckHarvested(&m); err != nil {
			t.Fatal(err)
		}
	})
}
