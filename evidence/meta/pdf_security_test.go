package meta

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The files below each drive one expansion of the PDF reader: a number or
// a string in the file that, read naively, makes work or memory out of
// proportion to the file (issue 11, r02: a 1.3 KB file whose ToUnicode
// CMap maps 131072 codes to 32 KiB each took 70 s and 4.8 GB). Each must
// give its warning, keep the text and metadata that are really there,
// and allocate no more than a small bound.

// pdfCMapBombBase is the destination of the r02 ranges: 32768 × "A" in
// UTF-16BE, 64 KiB.
var pdfCMapBombBase = "<" + strings.Repeat("0041", 32768) + ">"

// pdfCMapBombCMap is the ToUnicode CMap of r02: two ranges of 65536 codes
// whose every code maps to 32 KiB of text.
func pdfCMapBombCMap() string {
	return "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"2 beginbfrange\n<0000> <FFFF> " + pdfCMapBombBase + "\n<010000> <01FFFF> " + pdfCMapBombBase + "\nendbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end\n"
}

// pdfCMapBomb builds the file of r02 with fonts Type0 fonts: each shows
// code <0041>, through one shared CMap (as r02 does) or each through a
// copy of its own; a Helvetica line and an Info dictionary follow.
func pdfCMapBomb(fonts int, shared bool) []byte {
	cmap := pdfStreamObj("/Filter /FlateDecode", pdfDeflate([]byte(pdfCMapBombCMap())))
	var content strings.Builder
	var names []string
	// 1 catalog, 2 pages, 3 page, 4 content, 5 info, 6 Helvetica, then
	// the fonts and their CMaps.
	objs := pdfObjects("")
	for i := range fonts {
		font := len(objs) + 1
		toUnicode := 7 + fonts
		if !shared {
			toUnicode = 7 + fonts + i
		}
		objs = append(objs, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /X%d /Encoding /Identity-H /ToUnicode %d 0 R >>", i, toUnicode))
		names = append(names, fmt.Sprintf("/F%d %d 0 R", 10+i, font))
		fmt.Fprintf(&content, "BT /F%d 12 Tf 10 %d Td <0041> Tj ET\n", 10+i, 10+20*i)
	}
	for range fonts {
		objs = append(objs, cmap)
		if shared {
			break
		}
	}
	content.WriteString("BT /F1 12 Tf 10 500 Td (after the fonts) Tj ET\n")
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 6 0 R " + strings.Join(names, " ") + " >> >> /Contents 4 0 R >>"
	objs[3] = pdfStreamObj("/Filter /FlateDecode", pdfDeflate([]byte(content.String())))
	return pdfBuild(objs, pdfTrailer)
}

// pdfCMapBombText checks the text of pdfCMapBomb: each font's code maps
// to the first 512 bytes of its range's destination, incremented.
func pdfCMapBombText(fonts int) func(t *testing.T, res *Result) {
	return func(t *testing.T, res *Result) {
		line := strings.Repeat("A", 255) + "\u0082" // <0041> in the range from <0000>: 'A' + 0x41
		want := strings.Repeat(line+"\n", fonts) + "after the fonts"
		assert.Equal(t, want, res.Text)
		pdfHasAuthor(t, res)
	}
}

// pdfFontsPage builds a page that shows, in each of fonts Type0 fonts of
// its own ToUnicode CMap (cmap(i)), the string show(i); then a line in
// Helvetica.
func pdfFontsPage(fonts int, cmap func(i int) string, show func(i int) string) []byte {
	objs := pdfObjects("")
	var content strings.Builder
	var names []string
	for i := range fonts {
		font := len(objs) + 1
		objs = append(objs, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /X%d /Encoding /Identity-H /ToUnicode %d 0 R >>", i, font+1))
		objs = append(objs, pdfStreamObj("/Filter /FlateDecode", pdfDeflate([]byte(cmap(i)))))
		names = append(names, fmt.Sprintf("/F%d %d 0 R", 10+i, font))
		fmt.Fprintf(&content, "BT /F%d 12 Tf 10 %d Td %s Tj ET\n", 10+i, 10+20*i, show(i))
	}
	content.WriteString("BT /F1 12 Tf 10 5000 Td (after the fonts) Tj ET\n")
	objs[2] = "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R " + strings.Join(names, " ") + " >> >> /Contents 4 0 R >>"
	objs[3] = pdfStreamObj("/Filter /FlateDecode", pdfDeflate([]byte(content.String())))
	return pdfBuild(objs, pdfTrailer)
}

// pdfCMapOf wraps mapping sections in a CMap with a two-byte codespace.
func pdfCMapOf(sections string) string {
	return "begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + sections + "\nendcmap"
}

// pdfBuildXrefStream assembles a PDF whose cross-reference is a stream:
// object i+1 is objs[i], those listed in packed are in one object stream
// (written after objs), and extra rows of type 0 follow up to size
// entries. When wrongIndex is set every packed object claims index 0.
func pdfBuildXrefStream(objs []string, packed []int, wrongIndex bool, size int, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	inStm := map[int]int{}
	var header, body strings.Builder
	for k, num := range packed {
		inStm[num] = k
		fmt.Fprintf(&header, "%d %d ", num, body.Len())
		body.WriteString(objs[num-1])
		body.WriteString("\n")
	}
	stmNum := len(objs) + 1
	offs := map[int]int{}
	for i, o := range objs {
		if _, ok := inStm[i+1]; ok {
			continue
		}
		offs[i+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	if len(packed) > 0 {
		data := header.String() + body.String()
		offs[stmNum] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", stmNum, pdfStreamObj(fmt.Sprintf("/Type /ObjStm /N %d /First %d /Filter /FlateDecode", len(packed), header.Len()), pdfDeflate([]byte(data))))
	}
	xrefNum := stmNum + 1
	offs[xrefNum] = b.Len()
	var rows bytes.Buffer
	for num := range max(size, xrefNum+1) {
		switch k, ok := inStm[num]; {
		case ok:
			if wrongIndex {
				k = 0
			}
			rows.Write([]byte{2, 0, 0, byte(stmNum >> 8), byte(stmNum), byte(k >> 8), byte(k)})
		case offs[num] > 0:
			rows.Write([]byte{1})
			rows.Write(binary.BigEndian.AppendUint32(nil, uint32(offs[num])))
			rows.Write([]byte{0, 0})
		default:
			rows.Write([]byte{0, 0, 0, 0, 0, 0, 0})
		}
	}
	dict := fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Filter /FlateDecode %s", max(size, xrefNum+1), trailer)
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefNum, pdfStreamObj(dict, pdfDeflate(rows.Bytes())), offs[xrefNum])
	return b.Bytes()
}

// pdfPages builds a page tree of n pages made by page(i), under the
// objects of pdfObjects; page i is object 7+i.
func pdfPages(n int, page func(i int) string, extra ...string) []string {
	objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
	var kids []string
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", 7+i))
		objs = append(objs, page(i))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	return append(objs, extra...)
}

// pdfRevisions appends n incremental updates, each a cross-reference
// section with the trailer trailer(i) (its /Prev added).
func pdfRevisions(data []byte, n int, trailer func(i int) string) []byte {
	prev := bytes.LastIndex(data, []byte("\nxref\n")) + 1
	for i := range n {
		off := len(data)
		data = fmt.Appendf(data, "xref\n0 0\ntrailer\n<< %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", trailer(i), prev, off)
		prev = off
	}
	return data
}

// pdfSecurity are the expansions bounded, one file each.
var pdfSecurity = []struct {
	name  string
	build func() []byte
	lim   Limits
	warn  error // a warning that must be there; nil: any (sentinels only)
	// alloc bounds the bytes allocated by Extract.
	alloc uint64
	check func(t *testing.T, res *Result)
}{
	{name: "r02 one font", build: func() []byte { return pdfCMapBomb(1, true) },
		warn: ErrLimit, alloc: 8 << 20, check: pdfCMapBombText(1)},
	{name: "r02 six fonts", build: func() []byte { return pdfCMapBomb(6, true) },
		warn: ErrLimit, alloc: 8 << 20, check: pdfCMapBombText(6)},
	{name: "fifty CMaps of two full ranges", build: func() []byte {
		// Each maps 131072 codes to short text: materialised, 50 fonts
		// made 6.5 million strings of a 15 KB file.
		return pdfFontsPage(50, func(int) string {
			return pdfCMapOf("2 beginbfrange <0000> <FFFF> <0000> <010000> <01FFFF> <0000> endbfrange")
		}, func(i int) string { return fmt.Sprintf("<%04X>", 0x4e00+i) })
	}, alloc: 8 << 20, check: func(t *testing.T, res *Result) {
		lines := strings.Split(res.Text, "\n")
		require.Len(t, lines, 51)
		assert.Equal(t, "一", lines[0])
		assert.Equal(t, string(rune(0x4e00+49)), lines[49])
		assert.Equal(t, "after the fonts", lines[50])
	}},
	{name: "CMaps over the file's budget", build: func() []byte {
		// 10 CMaps of 200 mappings to 32 bytes: 160 KB of CMaps, over
		// the 128 KiB that MaxRecordBytes of 64 KiB allows.
		return pdfFontsPage(10, func(i int) string {
			var b strings.Builder
			b.WriteString("200 beginbfchar\n")
			for c := range 200 {
				fmt.Fprintf(&b, "<%04X> <%s%04X>\n", c, strings.Repeat("0041", 31), 0x30+i%10)
			}
			b.WriteString("endbfchar")
			return pdfCMapOf(b.String())
		}, func(int) string { return "<0001>" })
	}, lim: Limits{MaxRecordBytes: 64 << 10}, warn: ErrLimit, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		assert.Contains(t, fmt.Sprint(res.Warnings), "ToUnicode CMaps of the file over 131072 bytes")
		assert.True(t, strings.HasPrefix(res.Text, strings.Repeat("A", 31)+"0\n"+strings.Repeat("A", 31)+"1\n"), res.Text[:80])
		assert.True(t, strings.HasSuffix(res.Text, "after the fonts"))
	}},
	{name: "Tj of 65536 codes", build: func() []byte {
		// Each code stands for 512 bytes: unbounded, 32 MiB of text
		// made before the text limit cuts it.
		return pdfFontsPage(1, func(int) string {
			return pdfCMapOf("1 beginbfrange <0000> <FFFF> <" + strings.Repeat("0041", 256) + "> endbfrange")
		}, func(int) string { return "<" + strings.Repeat("0000", 1<<16) + ">" })
	}, lim: Limits{MaxTextBytes: 64 << 10}, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		assert.True(t, res.TextTruncated)
		assert.Len(t, res.Text, 64<<10)
		assert.True(t, strings.HasPrefix(res.Text, "AAAA"))
	}},
	{name: "overlapping CMap mappings", build: func() []byte {
		return pdfFontsPage(1, func(int) string {
			return pdfCMapOf("1 beginbfrange <0000> <00FF> <0061> endbfrange\n" +
				"2 beginbfchar <0010> <0058> <0012> <0059> endbfchar\n" +
				"1 beginbfrange <0011> <0013> [<0031> <0032> <0033>] endbfrange\n" +
				"1 beginbfchar <0011> <005A> endbfchar")
		}, func(int) string { return "<000F0010001100120013001400FF0100>" })
	}, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		// The mapping read last wins: as if each were written over the
		// ones before.
		assert.Equal(t, "pXZ23u\u0160\nafter the fonts", res.Text)
	}},
	{name: "more filters than eight", build: func() []byte {
		hex := func(b []byte) []byte { return fmt.Appendf(nil, "%x>", b) }
		data := []byte("BT /F1 9 Tf (nine times hex) Tj ET")
		for range 9 {
			data = hex(data)
		}
		objs := pdfObjects(pdfStreamObj("/Filter ["+strings.Repeat("/AHx ", 9)+"]", data))
		objs[2] = "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Contents [4 0 R 7 0 R] >>"
		objs = append(objs, pdfStreamObj("", []byte("BT /F1 9 Tf 0 -20 Td (plain) Tj ET")))
		return pdfBuild(objs, pdfTrailer)
	}, warn: ErrLimit, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		assert.Equal(t, "plain", res.Text)
		assert.Contains(t, fmt.Sprint(res.Warnings), "9 filters, over 8")
	}},
	{name: "PNG predictor of one-byte rows", build: func() []byte {
		content := []byte("BT /F1 9 Tf (predicted) Tj ET" + strings.Repeat(" ", 64<<10))
		var rows []byte
		prev := byte(0)
		for _, c := range content {
			rows = append(rows, 2, c-prev) // Up: each byte less the one above
			prev = c
		}
		return pdfBuild(pdfObjects(pdfStreamObj("/Filter /FlateDecode /DecodeParms << /Predictor 11 /Columns 1 >>", pdfDeflate(rows))), pdfTrailer)
	}, alloc: 2 << 20, check: func(t *testing.T, res *Result) {
		assert.Equal(t, "predicted", res.Text)
	}},
	{name: "object stream of wrong indexes", build: func() []byte {
		// The Info dictionary names 1000 objects of the stream, all
		// claiming index 0: each is found by number, not by a scan.
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		var info strings.Builder
		info.WriteString("<< /Author (Jane Roe) /CreationDate (D:20200102030405+01'00') ")
		packed := []int{5}
		for i := range 1000 {
			fmt.Fprintf(&info, "/K%d %d 0 R ", i, 7+i)
			objs = append(objs, strconv.Itoa(i))
			packed = append(packed, 7+i)
		}
		objs[4] = info.String() + ">>"
		return pdfBuildXrefStream(objs, packed, true, 0, "/Root 1 0 R /Info 5 0 R")
	}, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		pdfHasAuthor(t, res)
		info := res.Metadata.Raw["Info"].(map[string]any)
		assert.Equal(t, int64(999), info["K999"])
	}},
	{name: "objects holding more than their budget", build: func() []byte {
		// 100 arrays of 500 numbers in an object stream of 250 KB, each
		// named by the Info dictionary: 3 MB of objects as estimated,
		// kept at most 512 KiB at a time, and the pages read after them
		// are read all the same. Allocation is that of parsing.
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		var info strings.Builder
		info.WriteString("<< /Author (Jane Roe) /CreationDate (D:20200102030405+01'00') ")
		var packed []int
		for i := range 100 {
			fmt.Fprintf(&info, "/K%03d %d 0 R ", i, 7+i)
			objs = append(objs, "["+strings.Repeat("1000 ", 500)+"]")
			packed = append(packed, 7+i)
		}
		objs[4] = info.String() + ">>"
		return pdfBuildXrefStream(objs, packed, false, 0, "/Root 1 0 R /Info 5 0 R")
	}, lim: Limits{MaxRecordBytes: 256 << 10}, alloc: 8 << 20, check: func(t *testing.T, res *Result) {
		pdfHasAuthor(t, res)
		assert.Empty(t, res.Warnings)
		assert.Equal(t, "x", res.Text)
	}},
	{name: "operands without an operator", build: func() []byte {
		// Two arrays of 2^15 numbers: the operand stack drops the first
		// when the second comes (64 arrays of 2^18 would be 256 MiB).
		// Parsing them still allocates in proportion to the content.
		content := "BT /F1 9 Tf (before) Tj ET " + strings.Repeat("["+strings.Repeat("0 ", 1<<15)+"] ", 2) + " BT /F1 9 Tf 0 -20 Td (after) Tj ET"
		return pdfBuild(pdfObjects(pdfStreamObj("/Filter /FlateDecode", pdfDeflate([]byte(content)))), pdfTrailer)
	}, alloc: 8 << 20, check: func(t *testing.T, res *Result) {
		assert.Equal(t, "before\nafter", res.Text)
	}},
	{name: "Pages nodes sharing one Kids array", build: func() []byte {
		// 20 Pages nodes, each naming array 9 of 5000 references to
		// page 10: 10^5 kids, of which 2×MaxRecords are taken.
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (page) Tj ET")))
		var nodes []string
		for i := range 20 {
			nodes = append(nodes, fmt.Sprintf("%d 0 R", 11+i))
		}
		objs[1] = "<< /Type /Pages /Kids [" + strings.Join(nodes, " ") + "] >>"
		objs = append(objs, "null", "null", "["+strings.Repeat("10 0 R ", 5000)+"]",
			"<< /Type /Page /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R >>")
		for range 20 {
			objs = append(objs, "<< /Type /Pages /Kids 9 0 R >>")
		}
		return pdfBuild(objs, pdfTrailer)
	}, lim: Limits{MaxRecords: 500}, warn: ErrLimit, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		assert.Equal(t, "page", res.Text)
		assert.Contains(t, fmt.Sprint(res.Warnings), "page tree over 1000 nodes")
	}},
	{name: "annotations shared by every page", build: func() []byte {
		// 200 pages name Annots array 207 of 500 references to one
		// annotation whose /T is 64 KiB: unbounded, 6.4 GB decoded.
		return pdfBuild(pdfPages(200, func(int) string {
			return "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots 207 0 R >>"
		}, "["+strings.Repeat("208 0 R ", 500)+"]", "<< /Subtype /Text /T 209 0 R >>",
			"(Kenji Ito"+strings.Repeat(" ", 64<<10)+")"), pdfTrailer)
	}, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		assert.Equal(t, []string{"Kenji Ito"}, res.Metadata.Raw["AnnotationAuthors"])
	}},
	{name: "300 revisions of one large Info", build: func() []byte {
		// Info names one 60 KiB string 300 times, in each of 300
		// revisions: unbounded, 5.4 GB of values.
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		var info strings.Builder
		info.WriteString("<< /Author (Jane Roe) /CreationDate (D:20200102030405+01'00') ")
		for i := range 300 {
			fmt.Fprintf(&info, "/K%03d 7 0 R ", i)
		}
		objs[4] = info.String() + ">>"
		objs = append(objs, "("+strings.Repeat("v", 60<<10)+")")
		data := pdfBuild(objs, "<< /Size 8 /Root 1 0 R /Info 5 0 R >>")
		return pdfRevisions(data, 300, func(int) string { return "/Size 8 /Root 1 0 R /Info 5 0 R" })
	}, warn: ErrLimit, alloc: 8 << 20, check: func(t *testing.T, res *Result) {
		pdfHasAuthor(t, res)
		assert.NotContains(t, res.Metadata.Raw, "revisions")
		assert.Contains(t, fmt.Sprint(res.Warnings), "Info dictionaries over 1048576 bytes")
		assert.Equal(t, int64(300), res.Metadata.Raw["IncrementalUpdates"])
	}},
	{name: "revisions alternating two Info dictionaries", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		objs[4] = "<< /Author (Jane Roe) /CreationDate (D:20200102030405+01'00') /Notes (" + strings.Repeat("a", 60<<10) + ") >>"
		objs = append(objs, "<< /Author (John Doe) /Notes ("+strings.Repeat("b", 60<<10)+") >>")
		data := pdfBuild(objs, pdfTrailer)
		return pdfRevisions(data, 100, func(i int) string { return fmt.Sprintf("/Size 8 /Root 1 0 R /Info %d 0 R", 5+2*(i%2)) })
	}, warn: ErrLimit, alloc: 8 << 20, check: func(t *testing.T, res *Result) {
		revs := res.Metadata.Raw["revisions"].([]any)
		assert.Len(t, revs, 17)
		assert.Contains(t, fmt.Sprint(res.Warnings), "17 of 101 revisions listed")
		data, err := json.Marshal(res.Metadata)
		require.NoError(t, err)
		assert.Less(t, len(data), 2<<20)
	}},
	{name: "trailer candidates that run to the end", build: func() []byte {
		// No cross-reference; every "trailer" opens a string that runs
		// to the end: tried one by one, 20000 candidates read 1.6 GB.
		// Only the last ones are tried.
		return []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n5 0 obj\n<< /Author (Jane Roe) >>\nendobj\n" +
			strings.Repeat("trailer(", 20000))
	}, warn: ErrFormat, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		assert.Equal(t, []string{"Jane Roe"}, res.Metadata.Authors)
	}},
	{name: "a Length array read by many pages", build: func() []byte {
		// A bad /Length of 20000 numbers, in a warning for each of 100
		// pages that show the stream: formatted, 100 × 40 KB.
		stream := "<< /Length [" + strings.Repeat("0 ", 20000) + "] >>\nstream\nBT /F1 9 Tf (x) Tj ET\nendstream"
		return pdfBuild(pdfPages(100, func(int) string {
			return "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Contents 107 0 R >>"
		}, stream), pdfTrailer)
	}, warn: ErrFormat, alloc: 4 << 20, check: func(t *testing.T, res *Result) {
		assert.Equal(t, strings.Repeat("x\n", 99)+"x", res.Text)
		assert.Contains(t, fmt.Sprint(res.Warnings), "bad /Length an array of 20000")
	}},
	{name: "Differences in every page's font", build: func() []byte {
		// The font dictionary is written in shared resources, so it is
		// read for each of 300 pages, its 4096 names each time: paid for
		// from the work budget, which 1.2 million names pass.
		font := "<< /Font << /F1 << /Type /Font /Subtype /Type1 /Encoding << /Differences [0 " + strings.Repeat("/a ", 1<<12) + "] >> >> >> >>"
		return pdfBuild(pdfPages(300, func(int) string {
			return "<< /Type /Page /Parent 2 0 R /Resources 307 0 R /Contents 4 0 R >>"
		}, font), pdfTrailer)
	}, lim: Limits{MaxRecordBytes: 64 << 10}, warn: ErrLimit, alloc: 24 << 20, check: func(t *testing.T, res *Result) {
		assert.Contains(t, fmt.Sprint(res.Warnings), "read or decoded")
		assert.True(t, strings.HasPrefix(res.Text, "a\na\n"), "the pages read before the budget ran out")
	}},
	{name: "Lang of 128 KiB", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		objs[0] = "<< /Type /Catalog /Pages 2 0 R /Lang (" + strings.Repeat("en", 64<<10) + ") >>"
		return pdfBuild(objs, pdfTrailer)
	}, warn: ErrLimit, alloc: 2 << 20, check: func(t *testing.T, res *Result) {
		assert.Len(t, res.Metadata.Raw["Lang"], pdfMaxToken)
		pdfHasAuthor(t, res)
	}},
	{name: "a chain of 5000 references", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		for i := range 5000 {
			objs = append(objs, fmt.Sprintf("%d 0 R", 8+i))
		}
		objs = append(objs, "<< /Author (Deep) >>")
		return pdfBuild(objs, "<< /Size 5008 /Root 1 0 R /Info 7 0 R >>")
	}, warn: ErrFormat, alloc: 8 << 20, check: func(t *testing.T, res *Result) {
		assert.Empty(t, res.Metadata.Authors)
		assert.Equal(t, "x", res.Text)
	}},
	{name: "xref stream of 2^18 rows", build: func() []byte {
		// 1.8 MiB of rows deflated to 2 KB: at a million, the entries
		// made 240 MB.
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		return pdfBuildXrefStream(objs, nil, false, 1<<18, "/Root 1 0 R /Info 5 0 R")
	}, warn: ErrLimit, alloc: 16 << 20, check: func(t *testing.T, res *Result) {
		pdfHasAuthor(t, res)
		assert.Equal(t, "x", res.Text)
		assert.Contains(t, fmt.Sprint(res.Warnings), "cross-reference streams of more entries than the file has bytes")
	}},
}

func TestPDFSecurity(t *testing.T) {
	for _, tt := range pdfSecurity {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.build()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res, err := pdfExtract(t, data, tt.lim)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes in, %d MiB allocated", len(data), alloc>>20)
			assert.Less(t, alloc, tt.alloc, "bytes allocated")
			require.NoError(t, err)
			requirePDFWarnings(t, res.Warnings, tt.warn)
			if tt.check != nil {
				tt.check(t, res)
			}
			_, err = json.Marshal(res.Metadata)
			require.NoError(t, err)
		})
	}
}
