package meta

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pdfOpen reads the cross-reference of data as Extract does, rebuilding
// it by a scan when it cannot be read.
func pdfOpen(t testing.TB, data []byte, lim Limits) (*pdfDoc, error) {
	t.Helper()
	d := newPDFDoc(context.Background(), bytes.NewReader(data), int64(len(data)), lim.WithDefaults())
	if _, _, err := d.header(); err != nil {
		return d, err
	}
	if err := d.readXrefChain(); err != nil {
		return d, d.reconstruct()
	}
	return d, nil
}

// pdfNums returns the object numbers of every revision of d, sorted.
func pdfNums(d *pdfDoc) []int64 {
	seen := map[int64]bool{}
	var nums []int64
	for _, sec := range d.sections {
		for num := range sec.entries {
			if !seen[num] {
				seen[num] = true
				nums = append(nums, num)
			}
		}
	}
	slices.Sort(nums)
	return nums
}

func TestPDFObjHeaderBefore(t *testing.T) {
	tests := []struct {
		in       string
		num, gen int64
		ok       bool
	}{
		{"12 0 obj", 12, 0, true},
		{"\n7 3 obj<<", 7, 3, true},
		{"x7 3 obj", 0, 0, false},
		{"7 3 objx", 0, 0, false},
		{"3 obj", 0, 0, false},
		{"12345678901 0 obj", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			b := []byte(tt.in)
			num, gen, start, ok := pdfObjHeaderBefore(b, bytes.Index(b, []byte("obj")))
			require.Equal(t, tt.ok, ok)
			if ok {
				assert.Equal(t, tt.num, num)
				assert.Equal(t, tt.gen, gen)
				assert.Equal(t, bytes.IndexAny(b, "0123456789"), start)
			}
		})
	}
}

func TestPDFXref(t *testing.T) {
	objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
	table := pdfBuild(objs, pdfTrailer)
	stream := pdfBuildXrefStream(objs, []int{5, 6}, false, 0, "/Root 1 0 R /Info 5 0 R")
	tests := []struct {
		name      string
		data      []byte
		revisions int
		rebuilt   bool
	}{
		{name: "table", data: table, revisions: 1},
		{name: "stream with an object stream", data: stream, revisions: 1},
		{name: "three updates", data: pdfRevisions(table, 3, func(int) string { return "/Size 7 /Root 1 0 R /Info 5 0 R" }), revisions: 4},
		{name: "truncated", data: table[:bytes.Index(table, []byte("xref"))], revisions: 1, rebuilt: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := pdfOpen(t, tt.data, Limits{})
			require.NoError(t, err)
			require.Len(t, d.sections, tt.revisions)
			assert.Equal(t, tt.rebuilt, d.sections[0].off < 0)
			info, ok := d.get(d.trailerKey("Info")).(pdfDict)
			require.True(t, ok)
			assert.Equal(t, pdfString("Jane Roe"), info["Author"])
			catalog, ok := d.get(d.trailerKey("Root")).(pdfDict)
			require.True(t, ok)
			assert.Equal(t, pdfName("Catalog"), catalog["Type"])
			content, ok := d.get(pdfRef{4, 0}).(*pdfStream)
			require.True(t, ok)
			data, err := d.streamData(content)
			require.NoError(t, err)
			assert.Equal(t, "BT /F1 9 Tf (x) Tj ET", string(data))
		})
	}
}

// TestPDFObjectsReadAlike reads every object of every fixture twice:
// in one document, whose object lexers share one window, and each in a
// document of its own. Both must read the same.
func TestPDFObjectsReadAlike(t *testing.T) {
	for i, data := range pdfFixtureFiles(t) {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			shared, err := pdfOpen(t, data, Limits{})
			require.NoError(t, err)
			for _, num := range pdfNums(shared) {
				e, _ := shared.lookup(num, len(shared.sections)-1)
				if e.kind != 1 {
					continue
				}
				fresh, err := pdfOpen(t, data, Limits{})
				require.NoError(t, err)
				want, werr := fresh.readObjectAt(e.off, pdfRef{num, e.gen})
				got, gerr := shared.readObjectAt(e.off, pdfRef{num, e.gen})
				require.Equal(t, fmt.Sprint(werr), fmt.Sprint(gerr), "object %d", num)
				require.Equal(t, want, got, "object %d", num)
			}
		})
	}
}

// FuzzPDFXref feeds the fixtures and their mutations to the reader of
// the cross-reference and of objects: whatever the file, every object it
// lists is read within the bounds, and errors wrap the sentinels.
func FuzzPDFXref(f *testing.F) {
	for _, data := range pdfFixtureFiles(f) {
		f.Add(data)
	}
	objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
	f.Add(pdfBuildXrefStream(objs, []int{5, 6}, true, 0, "/Root 1 0 R /Info 5 0 R"))
	f.Add(pdfPrevCycle())
	f.Add(pdfSelfObjStm())
	lim := Limits{MaxRecordBytes: 64 << 10, MaxRecords: 200}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := pdfOpen(t, data, lim)
		if err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrLimit) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		if d.entries > pdfMaxXrefEntries {
			t.Fatalf("%d cross-reference entries", d.entries)
		}
		// Past MaxRecords objects every read fails: the first 2×MaxRecords
		// are enough to reach the bound.
		nums := pdfNums(d)
		for _, num := range nums[:min(len(nums), 2*lim.MaxRecords)] {
			if v, ok := d.get(pdfRef{num, 0}).(*pdfStream); ok {
				_, _ = d.streamData(v)
			}
		}
		if d.reads > lim.MaxRecords+1 {
			t.Fatalf("%d objects read", d.reads)
		}
		// The objects kept are dropped once they pass the budget: only
		// one object larger than it is ever kept over it.
		if len(d.cache) > 1 && d.held > d.heldBudget {
			t.Fatalf("objects of %d bytes kept, over %d", d.held, d.heldBudget)
		}
		for _, w := range d.warn {
			if !errors.Is(w, ErrFormat) && !errors.Is(w, ErrLimit) && !errors.Is(w, ErrEncrypted) {
				t.Fatalf("warning without sentinel: %v", w)
			}
		}
	})
}
