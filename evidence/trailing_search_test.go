package evidence

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// The searches of an item's end (lastIndex, zipEnds) replace
// bytes.LastIndex for speed: these tests hold them to it.

// lastIndexes returns what repeated bytes.LastIndex calls give, as
// appendedZip and zipEnd made them: the offsets of sep in b from the
// last, each search before the one found, at most n.
func lastIndexes(b, sep []byte, n int) []int {
	var out []int
	for i := len(b); len(out) < n; {
		if i = bytes.LastIndex(b[:i], sep); i < 0 {
			break
		}
		out = append(out, i)
	}
	return out
}

func zipEndsOf(b []byte) []int {
	var z zipEnds
	z.find(b)
	return slices.Collect(z.all())
}

func TestLastIndex(t *testing.T) {
	eocd := "PK\x05\x06"
	tests := []struct {
		name, b, sep string
	}{
		{"none", "no marker here", "%%EOF"},
		{"empty", "", "%%EOF"},
		{"shorter than sep", "%%EO", "%%EOF"},
		{"one", "%PDF-1.4 ... %%EOF\n", "%%EOF"},
		{"incremental updates", "%PDF %%EOF\n more %%EOF\n last %%EOF", "%%EOF"},
		{"at the start", "%%EOF and nothing after", "%%EOF"},
		{"overlapping prefix", "%%%EOF%%%%EOF", "%%EOF"},
		{"zip end", "PK\x03\x04 ... " + eocd + "\x00\x00", eocd},
		{"zip ends side by side", eocd + eocd + eocd, eocd},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, strings.LastIndex(tt.b, tt.sep), lastIndex([]byte(tt.b), []byte(tt.sep)))
		})
	}
}

func TestZipEnds(t *testing.T) {
	eocd := []byte("PK\x05\x06")
	assert.Empty(t, zipEndsOf(nil))
	assert.Empty(t, zipEndsOf([]byte("PK\x05 PK\x06 no record")))
	one := append([]byte("data"), eocd...)
	assert.Equal(t, []int{4}, zipEndsOf(one))

	// More signatures than are examined: the last zipMaxCandidates, the
	// last first, as repeated LastIndex calls give them.
	many := bytes.Repeat(append([]byte("xPK"), eocd...), 3*zipMaxCandidates+5)
	got := zipEndsOf(many)
	assert.Len(t, got, zipMaxCandidates)
	assert.Equal(t, lastIndexes(many, eocd, zipMaxCandidates), got)
	assert.Equal(t, len(many)-len(eocd), got[0])

	exactly := bytes.Repeat(eocd, zipMaxCandidates)
	assert.Equal(t, lastIndexes(exactly, eocd, zipMaxCandidates), zipEndsOf(exactly))
}

// FuzzTrailingSearch holds lastIndex and zipEnds to bytes.LastIndex on
// arbitrary bytes.
func FuzzTrailingSearch(f *testing.F) {
	eocd := []byte("PK\x05\x06")
	f.Add([]byte("%PDF-1.7\n%%EOF\r\n%%EOF"))
	f.Add(append(hiddenZip(f), "comment"...))
	f.Add(bytes.Repeat(eocd, 70))
	f.Add(bytes.Repeat([]byte("%%%EOF PK\x05"), 20))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, sep := range [][]byte{[]byte("%%EOF"), eocd, []byte("a"), []byte("aa")} {
			if got, want := lastIndex(b, sep), bytes.LastIndex(b, sep); got != want {
				t.Fatalf("lastIndex(%q) = %d, bytes.LastIndex %d", sep, got, want)
			}
		}
		if got, want := zipEndsOf(b), lastIndexes(b, eocd, zipMaxCandidates); !slices.Equal(got, want) {
			t.Fatalf("zipEnds %v, repeated bytes.LastIndex %v", got, want)
		}
	})
}

// BenchmarkFindTrailing looks for data after the end of the kinds of
// items a pack is made of, as the walk does for every item it holds
// whole: images, a PDF, a zip-based document, text and a polyglot.
func BenchmarkFindTrailing(b *testing.B) {
	docx := hiddenZip(b)
	text := bytes.Repeat([]byte("Minutes of the meeting, Example Fibres K.K.\n"), 3000)
	items := []struct {
		name string
		data []byte
	}{
		{"png", archivegen.PNGImage()}, {"jpeg", archivegen.JPEGImage()}, {"gif", archivegen.GIFImage()},
		{"pdf", archivegen.PDFDocument(2)}, {"zip", docx}, {"text", text},
		{"png+zip", appendZip(b, archivegen.PNGImage(), true)},
	}
	for _, it := range items {
		b.Run(it.name, func(b *testing.B) {
			r := bytes.NewReader(it.data)
			ctx := context.Background()
			b.SetBytes(int64(len(it.data)))
			b.ReportAllocs()
			for b.Loop() {
				findTrailing(ctx, identify.Type{}, r, int64(len(it.data)))
			}
		})
	}
}
