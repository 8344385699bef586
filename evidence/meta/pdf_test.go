package meta

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/oracle"
)

var pdfType = identify.Type{MIME: "application/pdf", Ext: "pdf", Kind: identify.KindPDF, By: identify.ByMagic}

func pdfExtract(t testing.TB, data []byte, lim Limits) (*Result, error) {
	return NewPDF().Extract(context.Background(), Input{Name: "test.pdf", Type: pdfType, R: bytes.NewReader(data), Size: int64(len(data))}, lim)
}

// pdfRawOf returns the raw record of a result.
func pdfRawOf(t testing.TB, res *Result) map[string]any {
	require.NotNil(t, res)
	return res.Metadata.Raw
}

// requirePDFWarnings checks that every warning wraps one of the package's
// sentinels, and that want (when not nil) is among them.
func requirePDFWarnings(t testing.TB, warnings []error, want error) {
	found := want == nil
	for _, w := range warnings {
		assert.True(t, errors.Is(w, ErrFormat) || errors.Is(w, ErrLimit) || errors.Is(w, ErrEncrypted) || errors.Is(w, ErrPanic),
			"warning without sentinel: %v", w)
		if want != nil && errors.Is(w, want) {
			found = true
		}
	}
	assert.True(t, found, "no warning wraps %v in %v", want, warnings)
}

func TestPDFFixtures(t *testing.T) {
	baseText := []string{"Quotation\nExample Fibres Co., Ltd.\nItem: carbon fibre samples, 3 kg", "Contact: sales@example.co.jp"}
	base := func(t *testing.T, res *Result) {
		md := res.Metadata
		assert.Equal(t, []string{"Hanako Sato"}, md.Authors)
		assert.Equal(t, "Microsoft Word", md.Software)
		assert.Equal(t, "Quotation Q-2021-0412", md.Title)
		assert.Equal(t, "2021-04-12T10:30:00+09:00", md.Created)
		assert.Equal(t, "2021-04-13T09:15:00+09:00", md.Modified)
		assert.Equal(t, "+09:00", md.TZOffset)
		info := md.Raw["Info"].(map[string]any)
		assert.Equal(t, "Microsoft: Print To PDF", info["Producer"])
		assert.Equal(t, "D:20210412103000+09'00'", info["CreationDate"])
		assert.Equal(t, int64(2), md.Raw["PageCount"])
	}
	letter := func(t *testing.T, res *Result) {
		md := res.Metadata
		assert.Equal(t, []string{"佐藤 花子"}, md.Authors)
		assert.Equal(t, "Writer", md.Software)
		assert.Equal(t, "見積書", md.Title)
		assert.Equal(t, "+09:00", md.TZOffset)
		assert.True(t, strings.HasSuffix(md.Created, "+09:00"), md.Created)
		assert.Equal(t, "LibreOffice 7.4", md.Raw["Info"].(map[string]any)["Producer"])
		assert.Equal(t, "en-US", md.Raw["Lang"])
		assert.Equal(t, int64(1), md.Raw["PageCount"])
	}
	letterText := []string{"見積書\n株式会社サンプル御中\nQuotation for carbon fibre samples, delivery in May.\n担当: 佐藤 花子 (sato@example.co.jp)"}
	tests := []struct {
		file     string
		warn     error // a warning that must be there; nil: none at all
		updates  int64
		text     []string
		check    func(t *testing.T, res *Result)
		noString bool // strings unreadable: compare nothing with exiftool but the structure
	}{
		{file: "base.pdf", text: baseText, check: base},
		{file: "linearized.pdf", text: baseText, check: func(t *testing.T, res *Result) {
			base(t, res)
			assert.Equal(t, true, res.Metadata.Raw["Linearized"])
			assert.NotContains(t, res.Metadata.Raw, "revisions")
		}},
		{file: "edited.pdf", updates: 1, text: baseText, check: func(t *testing.T, res *Result) {
			md := res.Metadata
			assert.Equal(t, []string{"Taro Yamada"}, md.Authors)
			assert.Equal(t, "Quotation Q-2021-0412 rev. 2", md.Title)
			assert.Equal(t, "Microsoft Word", md.Software)
			revs := md.Raw["revisions"].([]any)
			require.Len(t, revs, 2)
			first := revs[0].(map[string]any)
			assert.Equal(t, int64(1), first["revision"])
			assert.Equal(t, "Hanako Sato", first["Info"].(map[string]any)["Author"], "the earlier author leaks")
			assert.Equal(t, "Taro Yamada", revs[1].(map[string]any)["Info"].(map[string]any)["Author"])
			xmp := md.Raw["xmp"].(map[string]any)
			assert.Equal(t, []string{"Taro Yamada"}, xmp["dc:creator"])
			assert.Equal(t, "Acme PDF Editor 3.1", xmp["xmp:CreatorTool"])
		}},
		{file: "libreoffice.pdf", text: letterText, check: letter},
		{file: "objstm.pdf", text: letterText, check: letter},
		{file: "encrypted-aes128.pdf", warn: ErrEncrypted, text: letterText, check: func(t *testing.T, res *Result) {
			letter(t, res)
			assert.Equal(t, int64(4), res.Metadata.Raw["Encrypt"].(map[string]any)["R"])
		}},
		{file: "encrypted-aes256.pdf", warn: ErrEncrypted, text: baseText, check: func(t *testing.T, res *Result) {
			base(t, res)
			assert.Equal(t, int64(6), res.Metadata.Raw["Encrypt"].(map[string]any)["R"])
		}},
		{file: "encrypted-rc4.pdf", warn: ErrEncrypted, text: baseText, check: base},
		{file: "encrypted-rc4-40.pdf", warn: ErrEncrypted, text: baseText, check: func(t *testing.T, res *Result) {
			base(t, res)
			assert.Equal(t, int64(2), res.Metadata.Raw["Encrypt"].(map[string]any)["R"])
		}},
		{file: "encrypted-userpw.pdf", warn: ErrEncrypted, noString: true, check: func(t *testing.T, res *Result) {
			md := res.Metadata
			assert.Empty(t, md.Authors)
			assert.Empty(t, md.Created)
			assert.NotContains(t, md.Raw, "Info", "ciphertext is not reported as text")
			assert.Equal(t, int64(2), md.Raw["PageCount"])
			assert.Empty(t, res.Text)
			assert.Contains(t, fmt.Sprint(res.Warnings), "user password")
		}},
		{file: "encrypted-userpw-objstm.pdf", warn: ErrEncrypted, noString: true, check: func(t *testing.T, res *Result) {
			md := res.Metadata
			assert.Empty(t, md.Authors)
			assert.NotContains(t, md.Raw, "Info")
			assert.NotContains(t, md.Raw, "PageCount", "the page tree is in an encrypted object stream")
			assert.Equal(t, int64(6), md.Raw["Encrypt"].(map[string]any)["R"])
			assert.Empty(t, res.Text)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "pdf", tt.file)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			res, err := pdfExtract(t, data, Limits{})
			require.NoError(t, err)
			if tt.warn == nil {
				assert.Empty(t, res.Warnings)
			}
			requirePDFWarnings(t, res.Warnings, tt.warn)
			raw := pdfRawOf(t, res)
			assert.Equal(t, tt.updates, raw["IncrementalUpdates"])
			eofs := int64(bytes.Count(data, []byte("%%EOF")))
			assert.Equal(t, eofs, raw["EOFMarkers"])
			for _, s := range tt.text {
				assert.Contains(t, res.Text, s)
			}
			tt.check(t, res)
			_, err = json.Marshal(res.Metadata)
			require.NoError(t, err)
			pdfCompareExiftool(t, path, res, tt.noString)
		})
	}
}

// pdfCompareExiftool checks the normalised fields against what
// `exiftool -json -G -n` reports for the same file, field by field, as
// kept in its golden (testdata/pdf/oracle).
func pdfCompareExiftool(t *testing.T, path string, res *Result, noString bool) {
	t.Helper()
	rec, err := oracle.Fixture(t, oracle.Exiftool, path, "-json", "-G", "-n", oracle.In).ExiftoolTags()
	require.NoError(t, err)
	md := res.Metadata
	str := func(k string) string {
		if v, ok := rec[k]; ok {
			return fmt.Sprint(v)
		}
		return ""
	}
	if a := str("PDF:Author"); a != "" {
		assert.Equal(t, []string{a}, md.Authors, "PDF:Author")
	} else if str("XMP:Creator") == "" {
		assert.Empty(t, md.Authors, "exiftool reports no author")
	}
	assert.Equal(t, str("PDF:Title"), md.Title, "PDF:Title")
	software := str("PDF:Creator")
	if software == "" {
		software = str("PDF:Producer")
	}
	assert.Equal(t, software, md.Software, "PDF:Creator")
	for _, c := range []struct{ key, got string }{{"PDF:CreateDate", md.Created}, {"PDF:ModifyDate", md.Modified}} {
		want := str(c.key)
		if want == "" {
			assert.Empty(t, c.got, c.key)
			continue
		}
		if ts, err := time.Parse("2006:01:02 15:04:05Z07:00", want); err == nil {
			assert.Equal(t, FormatTime(ts, true), c.got, c.key)
		} else {
			ts, err := time.Parse("2006:01:02 15:04:05", want)
			require.NoError(t, err, c.key)
			assert.Equal(t, FormatTime(ts, false), c.got, c.key)
		}
	}
	if v, ok := rec["PDF:PageCount"].(float64); ok {
		assert.Equal(t, int64(v), md.Raw["PageCount"], "PDF:PageCount")
	}
	if v, ok := rec["PDF:PDFVersion"].(float64); ok {
		assert.Equal(t, strconv.FormatFloat(v, 'f', -1, 64), md.Raw["PDFVersion"], "PDF:PDFVersion")
	}
	if v, ok := rec["PDF:Linearized"].(bool); ok {
		assert.Equal(t, v, md.Raw["Linearized"] == true, "PDF:Linearized")
	}
	if noString {
		assert.Empty(t, str("PDF:Author"))
	}
}

func TestPDFInfoEncodings(t *testing.T) {
	ny := time.FixedZone("", -5*3600)
	data, err := docgen.PDF(docgen.PDFSpec{
		Info: docgen.PDFInfo{
			Author:   "山田 太郎",
			Title:    "Überblick (Entwurf)",
			Producer: "Acrobat Distiller 21.0",
			Created:  time.Date(2022, 1, 31, 23, 5, 9, 0, ny),
			Modified: time.Date(2022, 2, 1, 4, 5, 9, 0, time.UTC),
		},
		Pages: []docgen.PDFPage{{Lines: []string{"Bericht für Kunden"}}},
	})
	require.NoError(t, err)
	res, err := pdfExtract(t, data, Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	md := res.Metadata
	assert.Equal(t, []string{"山田 太郎"}, md.Authors)
	assert.Equal(t, "Überblick (Entwurf)", md.Title)
	assert.Equal(t, "Acrobat Distiller 21.0", md.Software, "Producer when Creator is empty")
	assert.Equal(t, "2022-01-31T23:05:09-05:00", md.Created)
	assert.Equal(t, "2022-02-01T04:05:09Z", md.Modified)
	assert.Equal(t, "-05:00", md.TZOffset)
	assert.Equal(t, "Bericht für Kunden", res.Text)
}

func TestPDFText(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"PDFDocEncoding", "Caf\xe9 \x84 \x93le \x8dquoted\x8e"},
		{"UTF-16BE", "\xfe\xff\x00A\x00\x1bja\x00\x1b\x30\xb5"},
		{"UTF-16LE", "\xff\xfeA\x00B\x00"},
		{"UTF-8", "\xef\xbb\xbf\xe6\x9d\xb1\xe3\x83\xac"},
	}
	want := []string{"Café — ﬁle “quoted”", "Aサ", "AB", "東レ"}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, want[i], pdfText([]byte(tt.text)))
		})
	}
}

func TestParsePDFDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // FormatTime; "" for invalid
	}{
		{"D:20210412103000+09'00'", "2021-04-12T10:30:00+09:00"},
		{"D:20210412103000+09'00", "2021-04-12T10:30:00+09:00"},
		{"D:20210412103000-05'30'", "2021-04-12T10:30:00-05:30"},
		{"D:20210412103000Z", "2021-04-12T10:30:00Z"},
		{"D:20210412103000Z00'00'", "2021-04-12T10:30:00Z"},
		{"20210412103000+0900", "2021-04-12T10:30:00+09:00"},
		{"D:20210412103000", "2021-04-12T10:30:00"},
		{"D:202104121030", "2021-04-12T10:30:00"},
		{"D:2021", "2021-01-01T00:00:00"},
		{"D:20211312", ""},
		{"D:202", ""},
		{"", ""},
		{"yesterday", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ts, zone, ok := parsePDFDate(tt.in)
			if tt.want == "" {
				assert.False(t, ok)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.want, FormatTime(ts, zone))
		})
	}
}

// pdfBuild assembles a PDF: object i+1 is objs[i], an xref table with
// exact offsets, and trailer, in which "{xref}" becomes the table's
// offset.
func pdfBuild(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	trailer = strings.ReplaceAll(trailer, "{xref}", strconv.Itoa(x))
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, x)
	return b.Bytes()
}

// pdfStreamObj renders a stream object body.
func pdfStreamObj(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func pdfDeflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}

// pdfObjects returns the objects of a small file: 1 catalog, 2 pages,
// 3 page, 4 content, 5 info, 6 font. content is the page's content
// stream object.
func pdfObjects(content string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
		content,
		"<< /Author (Jane Roe) /Producer (pdfTeX-1.40.21) /CreationDate (D:20200102030405+01'00') >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
}

const pdfTrailer = "<< /Size 7 /Root 1 0 R /Info 5 0 R >>"

// pdfSimple is a small valid file whose page shows "Hello world".
func pdfSimple() []byte {
	return pdfBuild(pdfObjects(pdfStreamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello world) Tj ET"))), pdfTrailer)
}

func TestPDFContentText(t *testing.T) {
	cmap := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0001> <6771> <0002> <30EC> endbfchar
1 beginbfrange <0010> <0012> <0041> endbfrange
1 beginbfrange <0020> <0021> [<0078> <0079>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	type0 := "<< /Type /Font /Subtype /Type0 /BaseFont /IPAGothic /Encoding /Identity-H /ToUnicode 8 0 R >>"
	tests := []struct {
		name    string
		content string
		fonts   string // the font dictionary of the page
		extra   []string
		want    string
		warn    error
	}{
		{name: "Tj and TJ with kerning and spaces", content: "BT /F1 11 Tf 72 700 Td [(Qu) 20 (otation) -300 (Q-1)] TJ 0 -14 Td (second \\(line\\)) Tj ET",
			want: "Quotation Q-1\nsecond (line)"},
		{name: "quote operators and hex strings", content: "BT /F1 11 Tf 14 TL <48656c6c6f> Tj (next) ' 1 2 (third) \" ET",
			want: "Hello\nnext\nthird"},
		{name: "WinAnsi bytes", content: "BT /F1 11 Tf (Caf\\351 \\200 5) Tj ET", want: "Café € 5"},
		{name: "Differences", content: "BT /F2 11 Tf (\\001\\002) Tj ET",
			fonts: "/F2 << /Type /Font /Subtype /Type1 /Encoding << /Differences [1 /quoteright /uni6771] >> >>", want: "’東"},
		{name: "ToUnicode two-byte codes", content: "BT /F3 11 Tf <00010002> Tj <001000110012> Tj [<0020> -500 <0021>] TJ ET",
			fonts: "/F3 7 0 R", extra: []string{type0, pdfStreamObj("", []byte(cmap))}, want: "東レABCx y"},
		{name: "CID font without ToUnicode", content: "BT /F3 11 Tf <0001> Tj ET /F1 11 Tf BT (after) Tj ET",
			fonts: "/F3 7 0 R", extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /MS-Mincho /Encoding /Identity-H >>"},
			want: "after", warn: ErrFormat},
		{name: "UCS2 CMap", content: "BT /F3 11 Tf <67716771> Tj ET",
			fonts: "/F3 7 0 R", extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /Gothic /Encoding /UniJIS-UCS2-H >>"}, want: "東東"},
		{name: "inline image skipped", content: "BI /W 2 /H 1 /BPC 8 /CS /G ID \x00(\xff EI Q BT /F1 9 Tf (ok) Tj ET", want: "ok"},
		{name: "cells of one line in separate text objects", content: "BT /F1 10 Tf 72 700 Td (Item) Tj ET BT /F1 10 Tf 200 700 Td (Qty) Tj ET BT /F1 10 Tf 72 680 Td (Hel) Tj ET BT /F1 10 Tf 87 680 Td (lo) Tj ET",
			want: "Item Qty\nHello"},
		{name: "text matrix scale", content: "BT /F1 1 Tf 12 0 0 12 72 700 Tm (one) Tj 0 -1.2 Td (two) Tj ET", want: "one\ntwo"},
		{name: "unknown operators and junk", content: "q 1 0 0 1 0 0 cm } ] >> /F1 9 Tf BT (still) Tj ET Q", want: "still"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objs := pdfObjects(pdfStreamObj("/Filter /FlateDecode", pdfDeflate([]byte(tt.content))))
			objs[2] = fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R %s >> >> /Contents 4 0 R >>", tt.fonts)
			objs = append(objs, tt.extra...)
			res, err := pdfExtract(t, pdfBuild(objs, pdfTrailer), Limits{})
			require.NoError(t, err)
			if tt.warn == nil {
				assert.Empty(t, res.Warnings)
			}
			requirePDFWarnings(t, res.Warnings, tt.warn)
			assert.Equal(t, tt.want, res.Text)
		})
	}
}

func TestPDFTextTruncated(t *testing.T) {
	var content strings.Builder
	content.WriteString("BT /F1 9 Tf ")
	for i := range 200 {
		fmt.Fprintf(&content, "(line %03d of a long report) ' ", i)
	}
	content.WriteString("ET")
	data := pdfBuild(pdfObjects(pdfStreamObj("", []byte(content.String()))), pdfTrailer)
	res, err := pdfExtract(t, data, Limits{MaxTextBytes: 100})
	require.NoError(t, err)
	assert.True(t, res.TextTruncated)
	assert.LessOrEqual(t, len(res.Text), 100)
	assert.True(t, strings.HasPrefix(res.Text, "line 000 of a long report\nline 001"), res.Text)
}

func TestPDFXMPOnly(t *testing.T) {
	packet := `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmp:CreatorTool="Adobe InDesign 16.0" xmp:CreateDate="2021-06-01T08:00:00+09:00">
<dc:creator><rdf:Seq><rdf:li>Ichiro Suzuki</rdf:li><rdf:li>Jiro Tanaka</rdf:li></rdf:Seq></dc:creator>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Annual plan</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`
	objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (plan) Tj ET")))
	objs[0] = "<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>"
	objs = append(objs, pdfStreamObj("/Type /Metadata /Subtype /XML", []byte(packet)))
	res, err := pdfExtract(t, pdfBuild(objs, "<< /Size 8 /Root 1 0 R >>"), Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	md := res.Metadata
	assert.Equal(t, []string{"Ichiro Suzuki", "Jiro Tanaka"}, md.Authors)
	assert.Equal(t, "Adobe InDesign 16.0", md.Software)
	assert.Equal(t, "Annual plan", md.Title)
	assert.Equal(t, "2021-06-01T08:00:00+09:00", md.Created)
	assert.Equal(t, "+09:00", md.TZOffset)
	assert.Contains(t, md.Raw, "xmp")
	assert.NotContains(t, md.Raw, "Info")
}

// pdfHostile are files made to hurt a reader. Each must give a result
// with the warning, or the error, named, quickly and within the limits.
var pdfHostile = []struct {
	name  string
	build func() []byte
	lim   Limits
	err   error // the fatal error; nil when a result is expected
	warn  error
	// alloc bounds the bytes allocated; 0 means a few record limits plus
	// the file itself.
	alloc uint64
	check func(t *testing.T, res *Result)
}{
	{name: "xref Prev pointing to itself", build: func() []byte {
		return pdfBuild(pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET"))), "<< /Size 7 /Root 1 0 R /Info 5 0 R /Prev {xref} >>")
	}, warn: ErrFormat, check: pdfHasAuthor},
	{name: "xref Prev cycle of two sections", build: pdfPrevCycle, warn: ErrFormat, check: pdfHasAuthor},
	{name: "object stream holding itself", build: pdfSelfObjStm, warn: ErrFormat, check: func(t *testing.T, res *Result) {
		assert.Empty(t, res.Metadata.Authors)
		assert.Equal(t, int64(1), res.Metadata.Raw["PageCount"])
	}},
	{name: "Length of 2^40", build: func() []byte {
		objs := pdfObjects("<< /Length 1099511627776 >>\nstream\nBT /F1 9 Tf (survived) Tj ET\nendstream")
		return pdfBuild(objs, pdfTrailer)
	}, warn: ErrFormat, check: func(t *testing.T, res *Result) {
		assert.Equal(t, "survived", res.Text)
	}},
	{name: "Length referring to its own stream", build: func() []byte {
		objs := pdfObjects("<< /Length 4 0 R >>\nstream\nBT /F1 9 Tf (self) Tj ET\nendstream")
		return pdfBuild(objs, pdfTrailer)
	}, warn: ErrFormat, check: func(t *testing.T, res *Result) {
		assert.Equal(t, "self", res.Text)
	}},
	{name: "arrays nested a million deep", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		objs[4] = strings.Repeat("[", 1_000_000)
		return pdfBuild(objs, pdfTrailer)
	}, warn: ErrLimit},
	{name: "dictionaries nested in content", build: func() []byte {
		return pdfBuild(pdfObjects(pdfStreamObj("", []byte(strings.Repeat("<<", 100_000)))), pdfTrailer)
	}, warn: ErrLimit, check: pdfHasAuthor},
	{name: "FlateDecode bomb in content", build: func() []byte {
		bomb := zlibZeros(64 << 20)
		return pdfBuild(pdfObjects(pdfStreamObj("/Filter /FlateDecode", bomb)), pdfTrailer)
	}, lim: Limits{MaxRecordBytes: 1 << 20}, warn: ErrLimit, check: pdfHasAuthor},
	{name: "one bomb shown by many pages", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("/Filter /FlateDecode", zlibZeros(4<<20)))
		var kids []string
		for i := range 200 {
			kids = append(kids, fmt.Sprintf("%d 0 R", 7+i))
			objs = append(objs, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>")
		}
		objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count 200 >>", strings.Join(kids, " "))
		return pdfBuild(objs, pdfTrailer)
	}, lim: Limits{MaxRecordBytes: 1 << 20}, warn: ErrLimit, check: pdfHasAuthor,
		// The work budget (16 records) stops it; unbounded, it inflates
		// 200 × 4 MiB.
		alloc: 128 << 20},
	{name: "Info value of a MiB", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		objs[4] = "<< /Author (" + strings.Repeat("A", 1<<20) + ") >>"
		return pdfBuild(objs, pdfTrailer)
	}, warn: ErrLimit, check: func(t *testing.T, res *Result) {
		require.Len(t, res.Metadata.Authors, 1)
		assert.Len(t, res.Metadata.Authors[0], 64<<10)
	}},
	{name: "string over the record limit", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		objs[4] = "<< /Author (" + strings.Repeat("A", 2<<20) + ") >>"
		return pdfBuild(objs, pdfTrailer)
	}, lim: Limits{MaxRecordBytes: 1 << 20}, warn: ErrLimit},
	{name: "reference loop", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		objs = append(objs, "8 0 R", "7 0 R")
		return pdfBuild(objs, "<< /Size 9 /Root 1 0 R /Info 7 0 R >>")
	}, warn: ErrFormat},
	{name: "page tree loop", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		objs[1] = "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>"
		return pdfBuild(objs, pdfTrailer)
	}, warn: ErrFormat, check: func(t *testing.T, res *Result) {
		assert.Equal(t, "x", res.Text)
	}},
	{name: "huge xref subsection", build: func() []byte {
		return []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 999999999999\ntrailer\n<< /Root 1 0 R >>\nstartxref\n44\n%%EOF\n")
	}, warn: ErrFormat},
	{name: "truncated download", build: func() []byte {
		data := pdfSimple()
		return data[:bytes.Index(data, []byte("xref"))]
	}, warn: ErrFormat, check: pdfHasAuthor},
	{name: "many revisions", build: func() []byte {
		data := pdfSimple()
		prev := bytes.LastIndex(data, []byte("\nxref\n")) + 1 // not the "xref" of startxref
		for range 50 {
			off := len(data)
			data = fmt.Appendf(data, "xref\n0 0\ntrailer\n<< /Size 7 /Root 1 0 R /Info 5 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", prev, off)
			prev = off
		}
		return data
	}, lim: Limits{MaxRecords: 20}, warn: ErrLimit},
	{name: "unknown security handler", build: func() []byte {
		objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
		objs = append(objs, "<< /Filter /Adobe.PubSec /V 4 /R 4 >>")
		return pdfBuild(objs, "<< /Size 8 /Root 1 0 R /Info 5 0 R /Encrypt 7 0 R >>")
	}, warn: ErrEncrypted, check: func(t *testing.T, res *Result) {
		assert.Empty(t, res.Metadata.Authors)
		assert.Empty(t, res.Text)
	}},
	{name: "RC4 /U shorter than 32 bytes", build: func() []byte {
		// Found by FuzzPDF: the revision 2 check read 32 bytes of a short /U.
		return []byte("%PDF- 10 0 obj<</Filter/Standard/O<" + strings.Repeat("0", 63) + ">/R 2/U<" + strings.Repeat("0", 29) +
			"trailer<</Root <>/Encrypt 10 0 R>")
	}, err: ErrEncrypted},
	{name: "no structure at all", build: func() []byte {
		return []byte("%PDF-1.4\n" + strings.Repeat("garbage ", 1000))
	}, err: ErrFormat},
	{name: "no header", build: func() []byte { return []byte("GIF89a") }, err: ErrFormat},
}

func pdfHasAuthor(t *testing.T, res *Result) {
	assert.Equal(t, []string{"Jane Roe"}, res.Metadata.Authors)
	assert.Equal(t, "2020-01-02T03:04:05+01:00", res.Metadata.Created)
}

// pdfPrevCycle builds two cross-reference sections whose /Prev entries
// name each other.
func pdfPrevCycle() []byte {
	data := pdfBuild(pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET"))), "<< /Size 7 /Root 1 0 R /Info 5 0 R /Prev PPPPPPPPPP >>")
	first := bytes.LastIndex(data, []byte("xref"))
	second := len(data)
	data = fmt.Appendf(data, "xref\n0 0\ntrailer\n<< /Size 7 /Root 1 0 R /Info 5 0 R /Prev %010d >>\nstartxref\n%d\n%%%%EOF\n", first, second)
	return bytes.Replace(data, []byte("PPPPPPPPPP"), fmt.Appendf(nil, "%010d", second), 1)
}

// pdfSelfObjStm builds a file with a cross-reference stream in which the
// Info dictionary and the object stream holding it are both "in"
// object stream 7, that is in itself.
func pdfSelfObjStm() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	objs := pdfObjects(pdfStreamObj("", []byte("BT /F1 9 Tf (x) Tj ET")))
	objs[4] = "null"
	objs = append(objs, pdfStreamObj("/Type /ObjStm /N 1 /First 4", []byte("5 0 << /Author (Hidden) >>")))
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	var rows bytes.Buffer
	row := func(typ byte, f1 uint32, f2 uint16) {
		rows.Write([]byte{typ, byte(f1 >> 24), byte(f1 >> 16), byte(f1 >> 8), byte(f1), byte(f2 >> 8), byte(f2)})
	}
	row(0, 0, 0xffff)
	for i, off := range offs {
		switch i + 1 {
		case 5:
			row(2, 7, 0)
		case 7:
			row(2, 7, 0)
		default:
			row(1, uint32(off), 0)
		}
	}
	row(1, uint32(x), 0)
	fmt.Fprintf(&b, "8 0 obj\n<< /Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R /Info 5 0 R /Length %d >>\nstream\n", rows.Len())
	b.Write(rows.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

func TestPDFHostile(t *testing.T) {
	for _, tt := range pdfHostile {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.build()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			res, err := pdfExtract(t, data, tt.lim)
			runtime.ReadMemStats(&after)
			lim := tt.lim.WithDefaults()
			// A file is read at most a few records at a time: never more
			// than some record limits plus the file itself.
			bound := tt.alloc
			if bound == 0 {
				bound = uint64(4*lim.MaxRecordBytes + 8*int64(len(data)) + (8 << 20))
			}
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, bound)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				assert.Nil(t, res)
				return
			}
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

func TestPDFCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := pdfSimple()
	res, err := NewPDF().Extract(ctx, Input{Type: pdfType, R: bytes.NewReader(data), Size: int64(len(data))}, Limits{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, res)
}

func TestPDFAccepts(t *testing.T) {
	ex := NewPDF()
	assert.Equal(t, "pdf", ex.Name())
	assert.Equal(t, "2", ex.Version())
	assert.True(t, ex.Accepts(pdfType))
	assert.False(t, ex.Accepts(identify.Type{MIME: "image/png"}))
}

func ExampleNewPDF() {
	data, _ := docgen.PDF(docgen.PDFSpec{
		Info: docgen.PDFInfo{
			Author:  "Hanako Sato",
			Creator: "Microsoft Word",
			Created: time.Date(2021, 4, 12, 10, 30, 0, 0, time.FixedZone("JST", 9*3600)),
		},
		Pages: []docgen.PDFPage{{Lines: []string{"Purchase order 4711"}}},
	})
	res, err := NewPDF().Extract(context.Background(),
		Input{Name: "po.pdf", Type: identify.Type{MIME: "application/pdf"}, R: bytes.NewReader(data), Size: int64(len(data))},
		Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	md := res.Metadata
	fmt.Println(md.Authors, md.Software, md.Created, md.TZOffset)
	fmt.Println(md.Raw["PageCount"], md.Raw["IncrementalUpdates"])
	fmt.Println(res.Text)
	// Output:
	// [Hanako Sato] Microsoft Word 2021-04-12T10:30:00+09:00 +09:00
	// 1 0
	// Purchase order 4711
}

func BenchmarkPDF(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "pdf", "*.pdf"))
	require.NoError(b, err)
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(b, err)
		b.Run(filepath.Base(name), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := pdfExtract(b, data, Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestPDFEOFMarkers(t *testing.T) {
	data := pdfSimple()
	xref := bytes.LastIndex(data, []byte("xref"))
	// A marker across the first 1 MiB boundary of the scan, then a
	// startxref the reader can find.
	pad := (1 << 20) - 2 - len(data)
	data = append(data, '%')
	data = append(data, bytes.Repeat([]byte{'x'}, pad-2)...)
	data = append(data, '\n')
	require.Equal(t, (1<<20)-2, len(data))
	data = fmt.Appendf(data, "%%%%EOF\nstartxref\n%d\n%%%%EOF\n", xref)
	res, err := pdfExtract(t, data, Limits{})
	require.NoError(t, err)
	assert.Equal(t, int64(3), res.Metadata.Raw["EOFMarkers"])
	assert.Equal(t, int64(0), res.Metadata.Raw["IncrementalUpdates"])
	pdfHasAuthor(t, res)
}

func TestPDFFormsAndAnnotations(t *testing.T) {
	page := func(extra string) string {
		return "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> /XObject << /Fm1 7 0 R >> >> /Contents 4 0 R " + extra + " >>"
	}
	form := func(content, resources string) string {
		return pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 500 50] "+resources, []byte(content))
	}
	tests := []struct {
		name    string
		content string
		page    string
		extra   []string
		want    string
		warn    error
		authors []string
	}{
		{name: "stamp drawn as a form", content: "BT /F1 9 Tf 72 700 Td (Body text) Tj ET /Fm1 Do BT /F1 9 Tf 72 600 Td (after) Tj ET",
			extra: []string{form("BT /F2 20 Tf 100 20 Td (CONFIDENTIAL - Example Fibres) Tj ET", "/Resources << /Font << /F2 6 0 R >> >>")},
			want:  "Body text\nCONFIDENTIAL - Example Fibres\nafter"},
		{name: "form drawing itself", content: "/Fm1 Do /Fm1 Do",
			extra: []string{form("BT /F1 9 Tf (once) Tj ET /Fm1 Do", "/Resources << /Font << /F1 6 0 R >> /XObject << /Fm1 7 0 R >> >>")},
			want:  "once"},
		{name: "forms nested too deep", content: "/Fm1 Do",
			extra: func() []string {
				var objs []string
				for i := range 12 {
					objs = append(objs, form(fmt.Sprintf("BT /F1 9 Tf (level %d) Tj ET /Fm1 Do", i),
						fmt.Sprintf("/Resources << /Font << /F1 6 0 R >> /XObject << /Fm1 %d 0 R >> >>", 8+i)))
				}
				return objs
			}(),
			want: "level 0\nlevel 1\nlevel 2\nlevel 3\nlevel 4\nlevel 5\nlevel 6\nlevel 7", warn: ErrLimit},
		{name: "annotation authors", content: "BT /F1 9 Tf (reviewed) Tj ET",
			page:  "/Annots [<< /Type /Annot /Subtype /Text /T (Kenji Ito) /Contents (check the price) >> 8 0 R << /Subtype /Widget /T (field1) >> << /Subtype /FreeText /T <FEFF4F0A85E4> >>]",
			extra: []string{form("", ""), "<< /Type /Annot /Subtype /Highlight /T (Kenji Ito) >>"},
			want:  "reviewed", authors: []string{"Kenji Ito", "伊藤"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objs := pdfObjects(pdfStreamObj("", []byte(tt.content)))
			objs[2] = page(tt.page)
			objs = append(objs, tt.extra...)
			res, err := pdfExtract(t, pdfBuild(objs, pdfTrailer), Limits{})
			require.NoError(t, err)
			if tt.warn == nil {
				assert.Empty(t, res.Warnings)
			}
			requirePDFWarnings(t, res.Warnings, tt.warn)
			assert.Equal(t, tt.want, res.Text)
			if tt.authors == nil {
				assert.NotContains(t, res.Metadata.Raw, "AnnotationAuthors")
			} else {
				assert.Equal(t, tt.authors, res.Metadata.Raw["AnnotationAuthors"])
			}
		})
	}
}
