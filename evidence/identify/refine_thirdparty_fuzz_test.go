package identify

import (
	"bytes"
	"context"
	"testing"

	"github.com/proofpack/proofpack/internal/fuzzmem"
)

// FuzzIdentifyParsers drives the third-party parsers identification calls
// under a memory ceiling (internal/fuzzmem): h2non/filetype on the
// detection prefix, and, forced onto every input, archive/zip (the
// package parts of OOXML, ODF, JAR, APK) and richardlehane/mscfb (the
// streams of OLE2 documents) as Refine reads them. Run with
//
//	go test -run '^$' -fuzz '^FuzzIdentifyParsers$' -fuzztime 5m ./evidence/identify
func FuzzIdentifyParsers(f *testing.F) {
	addSeeds(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzmem.Run(t, len(data), func() {
			for _, in := range []Type{Detect(data), typeZip, typeOLE2} {
				_, _ = Refine(ctx, in, bytes.NewReader(data), int64(len(data)))
			}
		})
	})
}
