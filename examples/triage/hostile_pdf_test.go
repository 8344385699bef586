package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// hostileCMapPDF builds the PDF of issue 11, r02: fonts Type0 fonts
// sharing one ToUnicode CMap whose two bfranges map 131072 codes each to
// 32768 × "A" (64 KiB of UTF-16). Each font shows code <0041>; a
// Helvetica line follows. The file is about 1.3 KB with one font, 2 KB
// with six; expanded eagerly, one font took 70 s and 4.8 GB, six over
// 20 GB.
func hostileCMapPDF(fonts int) []byte {
	deflate := func(b []byte) []byte {
		var z bytes.Buffer
		w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression) // the level is valid
		_, _ = w.Write(b)                                     // writes to memory do not fail
		_ = w.Close()
		return z.Bytes()
	}
	stream := func(data []byte) string {
		z := deflate(data)
		return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(z), z)
	}
	base := "<" + strings.Repeat("0041", 32768) + ">"
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"2 beginbfrange\n<0000> <FFFF> " + base + "\n<010000> <01FFFF> " + base + "\nendbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end\n"
	var names, content strings.Builder
	for i := range fonts {
		fmt.Fprintf(&names, " /F%d %d 0 R", i, 10+i)
		fmt.Fprintf(&content, "BT /F%d 12 Tf 10 %d Td <0041> Tj ET\n", i, 10+20*i)
	}
	content.WriteString("BT /H 12 Tf 10 500 Td (Quotation for Example Fibres) Tj ET\n")
	objs := map[int]string{
		1: "<< /Type /Catalog /Pages 2 0 R >>",
		2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 600] /Resources << /Font << /H 6 0 R" + names.String() + " >> >> /Contents 4 0 R >>",
		4: stream([]byte(content.String())),
		5: stream([]byte(cmap)),
		6: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		7: "<< /Author (Hanako Sato) >>",
	}
	for i := range fonts {
		objs[10+i] = fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /X%d /Encoding /Identity-H /ToUnicode 5 0 R >>", i)
	}
	size := 10 + fonts
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := map[int]int{}
	for n := 1; n < size; n++ {
		if o, ok := objs[n]; ok {
			offs[n] = b.Len()
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, o)
		}
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		if o, ok := offs[n]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n", size, x)
	return b.Bytes()
}

// TestHostilePDFCMap runs the triage on r02's PDFs, one font and six,
// in a zip between two text files: each PDF is read in bounded time and
// memory, its text and author come out, the cut CMap is a limit_metadata
// problem, and the files after it are read.
func TestHostilePDFCMap(t *testing.T) {
	data, err := archivegen.Zip([]archivegen.File{
		{Name: "readme.txt", Data: []byte("Sample of the Example Fibres file share.\n")},
		{Name: "r02_cmap_1font.pdf", Data: hostileCMapPDF(1)},
		{Name: "r02_cmap_6font.pdf", Data: hostileCMapPDF(6)},
		{Name: "orders.txt", Data: []byte("Order 4711, Example Fibres Co., Ltd.\n")},
	}, archivegen.ZipOptions{})
	require.NoError(t, err)
	pkg := filepath.Join(t.TempDir(), "pack.zip")
	require.NoError(t, os.WriteFile(pkg, data, 0o600))

	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", pkg}})
	require.NotNil(t, r.Report, "stdout: %s", r.Stdout)
	rep := r.Report
	require.Len(t, rep.Items, 4)
	line := strings.Repeat("A", 255) + "\u0082" // <0041> in the range from <0000>: 'A' + 0x41
	for _, c := range []struct {
		name  string
		fonts int
	}{{"r02_cmap_1font.pdf", 1}, {"r02_cmap_6font.pdf", 6}} {
		it := item(t, rep, c.name)
		assert.Equal(t, "pdf", it.Kind)
		assert.Contains(t, problemCodes(it.Problems), evidence.ProblemMetadataLimit, c.name)
		assert.Equal(t, strings.Repeat(line+"\n", c.fonts)+"Quotation for Example Fibres", it.Text, c.name)
		assert.Equal(t, []string{"Hanako Sato"}, it.Metadata.Authors, c.name)
	}
	assert.Contains(t, item(t, rep, "orders.txt").Text, "Order 4711")
	assert.Contains(t, item(t, rep, "readme.txt").Text, "Example Fibres file share")
}
