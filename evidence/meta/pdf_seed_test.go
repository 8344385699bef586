package meta

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// The fuzz targets of the PDF file group are seeded from the fixtures of
// testdata/pdf (see its README for how each was made): the files whole,
// and the streams in them, read by the reader itself.

// pdfFixtureFiles returns the bytes of every fixture of testdata/pdf.
func pdfFixtureFiles(tb testing.TB) [][]byte {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "pdf", "*.pdf"))
	require.NoError(tb, err)
	require.NotEmpty(tb, names)
	var out [][]byte
	for _, name := range names {
		data, err := os.ReadFile(name)
		require.NoError(tb, err)
		out = append(out, data)
	}
	return out
}

// pdfSeedStream is a stream of a fixture: its data as written (after
// decryption), its first filter, and its data decoded.
type pdfSeedStream struct {
	raw     []byte
	filter  string
	parm    pdfDict
	decoded []byte
	// cmap reports a ToUnicode CMap, content a content stream (of a
	// page or a form); the others hold objects or cross-references.
	cmap, content bool
}

// pdfFixtureStreams returns the streams of every fixture but images, in
// the order of their files and object numbers.
func pdfFixtureStreams(tb testing.TB) []pdfSeedStream {
	tb.Helper()
	var out []pdfSeedStream
	for _, data := range pdfFixtureFiles(tb) {
		d := newPDFDoc(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{}.WithDefaults())
		if _, _, err := d.header(); err != nil {
			continue
		}
		if err := d.readXrefChain(); err != nil {
			continue
		}
		if enc := d.trailerKey("Encrypt"); enc != nil {
			d.setupCrypt(enc, map[string]any{})
		}
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
		for _, num := range nums {
			s, ok := d.get(pdfRef{num, 0}).(*pdfStream)
			if !ok || s.dict["Subtype"] == pdfName("Image") {
				continue
			}
			decoded, err := d.streamData(s)
			if err != nil {
				continue
			}
			seed := pdfSeedStream{decoded: decoded}
			if n, ok := d.get(s.dict["Length"]).(int64); ok && n >= 0 && n <= d.size-s.start {
				seed.raw = data[s.start : s.start+n]
				if d.crypt != nil && d.crypt.ok {
					seed.raw = d.crypt.decrypt(seed.raw, s.ref)
				}
			}
			if names, parms := d.filters(s.dict); len(names) > 0 {
				seed.filter = names[0]
				if len(parms) > 0 {
					seed.parm, _ = d.get(parms[0]).(pdfDict)
				}
			}
			typ := s.dict["Type"]
			switch {
			case bytes.Contains(decoded, []byte("begincmap")):
				seed.cmap = true
			case typ != pdfName("XRef") && typ != pdfName("ObjStm") && typ != pdfName("Metadata"):
				seed.content = true
			}
			out = append(out, seed)
		}
	}
	require.NotEmpty(tb, out)
	return out
}
