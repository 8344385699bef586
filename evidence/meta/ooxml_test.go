package meta_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// ooxmlExiftoolTags maps the normalised fields to exiftool's tags for
// OOXML ("A+B" joins two tags with a space).
var ooxmlExiftoolTags = map[string]string{
	"authors":          "XMP:Creator",
	"last_modified_by": "XML:LastModifiedBy",
	"organisation":     "XML:Company",
	"software":         "XML:Application+XML:AppVersion",
	"created":          "XML:CreateDate",
	"modified":         "XML:ModifyDate",
	"title":            "XMP:Title",
}

func TestOOXMLFixtures(t *testing.T) {
	const lo = "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2 15.0000"
	tests := []struct {
		file, mime string
		want       meta.Metadata // normalised fields only
		raw        map[string]any
		text       []string // substrings of the text, in order
		notText    []string
	}{
		{
			file: "docgen_po.docx", mime: officeDocx,
			want: meta.Metadata{
				Authors: []string{"山田 太郎"}, LastModifiedBy: "Hanako Suzuki", Organisation: "Example Fibres K.K.",
				Software: "Microsoft Office Word 16.0000", Created: "2021-04-12T01:30:00Z", Modified: "2021-04-13T09:05:42Z",
				Title: "購買発注書 2021-0412",
			},
			raw: map[string]any{
				"dc:subject": "Purchase order", "cp:keywords": "PO; resin; confidential", "cp:category": "Procurement",
				"cp:revision": "7", "Manager": "Jiro Sato", "TotalTime": int64(42), "Pages": int64(1), "ScaleCrop": false,
				"Template":             `\\fs01.corp.example-fibres.test\templates\PO.dotx`,
				"custom":               map[string]any{"Classification": "社外秘", "Department": "Procurement Div."},
				"AttachedTemplate":     `file:///\\fs01.corp.example-fibres.test\templates\PO.dotx`,
				"CommentAuthors":       []string{"Kenji Watanabe"},
				"TrackedChangeAuthors": []string{"Hanako Suzuki", "Jiro Sato"},
				"TrackedChanges": []any{
					map[string]any{"Kind": "del", "Author": "Hanako Suzuki", "Date": "2021-04-13T09:12:00Z"},
					map[string]any{"Kind": "ins", "Author": "Hanako Suzuki", "Date": "2021-04-13T09:12:00Z"},
					map[string]any{"Kind": "ins", "Author": "Jiro Sato", "Date": "2021-04-13T10:00:00Z"},
				},
				"ExternalRelationships": []any{
					map[string]any{"Part": "word/document.xml", "Type": "hyperlink", "Target": "http://portal.corp.example-fibres.test/orders/2021-0412"},
					map[string]any{"Part": "word/settings.xml", "Type": "attachedTemplate", "Target": `file:///\\fs01.corp.example-fibres.test\templates\PO.dotx`},
				},
			},
			text:    []string{"購買発注書\nSupplier:\tExample Systems Ltd.\nTotal: 1,200,000 JPY\nPortal: intranet order page\nApproved."},
			notText: []string{"1,100,000", "unit price"},
		},
		{
			file: "docgen_ledger.xlsx", mime: officeXlsx,
			want: meta.Metadata{
				Authors: []string{"Ichiro Tanaka"}, LastModifiedBy: "田中 一郎", Organisation: "Example Fibres K.K.",
				Software: "Microsoft Excel 16.0000", Created: "2020-11-02T09:00:00Z", Modified: "2021-03-30T23:59:01Z",
				Title: "Supplier ledger",
			},
			raw: map[string]any{
				"SheetNames": []string{"取引先", "Totals"},
				"custom":     map[string]any{"Owner": "itanaka@example-fibres.test"},
				"Template":   `C:\Users\itanaka\AppData\Roaming\Microsoft\Templates\ledger.xltx`,
			},
			text: []string{"Code", "Example Systems Ltd.", "東京樹脂株式会社"},
		},
		{
			file: "lo_po.docx", mime: officeDocx,
			want: meta.Metadata{
				Authors: []string{"山田 太郎"}, LastModifiedBy: "Hanako Suzuki", Organisation: "Example Fibres K.K.",
				Software: lo, Created: "2021-04-12T01:30:00Z", Modified: "2021-04-13T09:05:42Z", Title: "購買発注書 2021-0412",
			},
			raw: map[string]any{
				"CommentAuthors":       []string{"Kenji Watanabe"},
				"TrackedChangeAuthors": []string{"Hanako Suzuki", "Jiro Sato"},
				"custom":               map[string]any{"Classification": "社外秘", "Department": "Procurement Div."},
			},
			text:    []string{"購買発注書", "Supplier:\tExample Systems Ltd.", "1,200,000", "Approved."},
			notText: []string{"1,100,000"},
		},
		{
			file: "lo_ledger.xlsx", mime: officeXlsx,
			want: meta.Metadata{
				Authors: []string{"Ichiro Tanaka"}, LastModifiedBy: "田中 一郎", Organisation: "Example Fibres K.K.",
				Software: lo, Created: "2020-11-02T09:00:00Z", Modified: "2021-03-30T23:59:01Z", Title: "Supplier ledger",
			},
			raw:  map[string]any{"SheetNames": []string{"取引先", "Totals"}},
			text: []string{"東京樹脂株式会社"},
		},
		{
			file: "lo_deck.pptx", mime: officePptx,
			want: meta.Metadata{
				Authors: []string{"Akiko Mori"}, LastModifiedBy: "Taro Yamada", Organisation: "Example Fibres K.K.",
				Software: lo, Created: "2021-02-01T08:15:00Z", Modified: "2021-02-03T17:40:12Z", Title: "Plant network review",
			},
			text: []string{"Plant network review", "File server: fs01", "Owner: Example Fibres K.K.", "次のステップ"},
		},
	}
	ex := meta.NewOOXML()
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data := officeRead(t, tc.file)
			res, err := ex.Extract(context.Background(), officeInput(tc.file, tc.mime, data), meta.Limits{})
			m := officeCheck(t, res, err, tc.want, tc.raw, tc.text, tc.notText, "Office writes UTC with Z: no zone of the author")
			officeAgree(t, filepath.Join(officeDir, tc.file), m, ooxmlExiftoolTags)
		})
	}
}

// TestOOXMLHarvest checks that the leaks of relationships and templates
// reach Hosts and Paths through Run.
func TestOOXMLHarvest(t *testing.T) {
	data := officeRead(t, "docgen_po.docx")
	res, err := meta.Run(context.Background(), []meta.Extractor{meta.NewOOXML()}, officeInput("po.docx", officeDocx, data), meta.Limits{})
	require.NoError(t, err)
	assert.Contains(t, res.Metadata.Hosts, "portal.corp.example-fibres.test")
	assert.Contains(t, res.Metadata.Hosts, "fs01.corp.example-fibres.test")
	assert.Contains(t, res.Metadata.Paths, `\\fs01.corp.example-fibres.test\templates\PO.dotx`)
	assert.Contains(t, res.Metadata.Raw, "ooxml")
}

func TestOOXMLAccepts(t *testing.T) {
	ex := meta.NewOOXML()
	assert.Equal(t, "ooxml", ex.Name())
	assert.Equal(t, "2", ex.Version(), "2: a workbook's text is its cells")
	for _, tc := range []struct {
		mime string
		want bool
	}{
		{officeDocx, true},
		{officeXlsx, true},
		{officePptx, true},
		{"application/vnd.ms-word.document.macroEnabled.12", true},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.template", true},
		{"application/vnd.ms-excel.sheet.macroEnabled.12", true},
		{"application/vnd.openxmlformats-officedocument.presentationml.slideshow", true},
		{"application/vnd.ms-powerpoint.template.macroEnabled.12", true},
		{identify.MIMEZip, false},
		{officeOdt, false},
		{"application/msword", false},
	} {
		t.Run(tc.mime, func(t *testing.T) {
			assert.Equal(t, tc.want, ex.Accepts(identify.Type{MIME: tc.mime}))
		})
	}
}

func TestOOXMLTextLimit(t *testing.T) {
	data := officeRead(t, "docgen_po.docx")
	res, err := meta.NewOOXML().Extract(context.Background(), officeInput("po.docx", officeDocx, data), meta.Limits{MaxTextBytes: 7})
	require.NoError(t, err)
	assert.True(t, res.TextTruncated)
	assert.Equal(t, "購買", res.Text, "cut at 7 bytes without splitting a character")
}

func TestOOXMLCancelled(t *testing.T) {
	data := officeRead(t, "docgen_po.docx")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := meta.NewOOXML().Extract(ctx, officeInput("po.docx", officeDocx, data), meta.Limits{})
	require.ErrorIs(t, err, context.Canceled)
}

// ooxmlWith returns a small docx whose core.xml is core, with a readable
// app.xml beside it.
func ooxmlWith(t testing.TB, core string) []byte {
	return officeZip(t,
		officePart{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		officePart{"docProps/core.xml", core},
		officePart{"docProps/app.xml", `<Properties><Company>Example Fibres K.K.</Company></Properties>`},
	)
}

func ooxmlHostile(t testing.TB) []officeHostileCase {
	big := strings.Repeat("A", 2<<20)
	return []officeHostileCase{
		{name: "billion laughs", data: ooxmlWith(t, officeBillionLaughs+`<cp:coreProperties `+officeCoreNS+`><dc:creator>&lol9;</dc:creator></cp:coreProperties>`), sentinel: meta.ErrDTD},
		{name: "unused DTD", data: ooxmlWith(t, officeUnusedDTD+`<cp:coreProperties `+officeCoreNS+`><dc:creator>a</dc:creator></cp:coreProperties>`), sentinel: meta.ErrDTD},
		{name: "external DTD", data: ooxmlWith(t, officeExternalDTD+`<cp:coreProperties `+officeCoreNS+`><dc:creator>a</dc:creator></cp:coreProperties>`), sentinel: meta.ErrDTD},
		{name: "DTD in UTF-16", data: ooxmlWith(t, officeUTF16(`<?xml version="1.0" encoding="UTF-16"?>`+officeBillionLaughs[len(`<?xml version="1.0"?>`):]+
			`<cp:coreProperties `+officeCoreNS+`><dc:creator>&lol9;</dc:creator></cp:coreProperties>`)), sentinel: meta.ErrDTD},
		{name: "huge attribute", data: ooxmlWith(t, `<cp:coreProperties `+officeCoreNS+` x="`+big+`"><dc:creator>a</dc:creator></cp:coreProperties>`),
			lim: meta.Limits{MaxRecordBytes: 1 << 20}, sentinel: meta.ErrLimit},
		{name: "deep nesting", data: ooxmlWith(t, `<cp:coreProperties `+officeCoreNS+`>`+officeDeep(100000)+`</cp:coreProperties>`), sentinel: meta.ErrLimit},
		{name: "core not XML", data: ooxmlWith(t, "\x00\x01PK garbage < > &"), sentinel: meta.ErrFormat},
		{name: "core truncated", data: ooxmlWith(t, `<cp:coreProperties `+officeCoreNS+`><dc:creator>a`), sentinel: meta.ErrFormat},
		{name: "too many tokens", data: ooxmlWith(t, `<r>`+strings.Repeat("<b/>", 5000)+`</r>`), lim: meta.Limits{MaxRecords: 10}, sentinel: meta.ErrLimit},
		{name: "100000 parts", data: officeManyParts(t, 100000), sentinel: meta.ErrLimit, fails: true},
		{name: "part declaring 4 GiB", data: officeDeclaring(t, 4<<30), sentinel: meta.ErrLimit, fails: true},
		{name: "not a zip", data: []byte("PK\x03\x04 but nothing else"), sentinel: meta.ErrFormat, fails: true},
		{name: "empty", data: nil, sentinel: meta.ErrFormat, fails: true},
		{name: "no parts", data: officeZip(t), sentinel: meta.ErrFormat, fails: true},
		{name: "shared string out of range", data: xlsxBadIndex(t), sentinel: meta.ErrFormat},
		// Small enough to be fuzz seeds: TestOOXMLSharedStringsBudget and
		// TestOOXMLHugeSheet read larger ones.
		{name: "huge shared-string table", data: xlsxManyStrings(t, 2000), lim: meta.Limits{MaxTextBytes: 4 << 10}, sentinel: meta.ErrLimit},
		{name: "huge sheet", data: xlsxHugeSheet(t, 400), lim: meta.Limits{MaxRecordBytes: 16 << 10}, sentinel: meta.ErrLimit},
	}
}

func TestOOXMLHostile(t *testing.T) {
	checkHostile(t, meta.NewOOXML(), officeDocx, ooxmlHostile(t))
}

// TestOOXMLHostileMemory checks that the worst cases allocate little: the
// 100 000-part zip is refused before archive/zip reads its directory, the
// billion laughs are never expanded.
func TestOOXMLHostileMemory(t *testing.T) {
	ex := meta.NewOOXML()
	for _, tc := range ooxmlHostile(t) {
		switch tc.name {
		case "100000 parts", "billion laughs", "part declaring 4 GiB", "deep nesting":
		default:
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, _ = ex.Extract(context.Background(), officeInput(tc.name, officeDocx, tc.data), tc.lim)
			runtime.ReadMemStats(&after)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(8<<20))
		})
	}
}

// TestOOXMLPackageBudget checks that a package of many parts each within
// the record limit stops at the package budget.
func TestOOXMLPackageBudget(t *testing.T) {
	body := strings.Repeat("<w:p><w:r><w:t>x</w:t></w:r></w:p>", 4000) // about 136 KiB
	parts := []officePart{{"docProps/app.xml", `<Properties><Company>Example Fibres K.K.</Company></Properties>`}}
	for i := range 40 {
		parts = append(parts, officePart{fmt.Sprintf("ppt/slides/slide%d.xml", i+1), "<p:sld>" + body + "</p:sld>"})
	}
	data := officeZip(t, parts...)
	res, err := meta.NewOOXML().Extract(context.Background(), officeInput("deck.pptx", officePptx, data),
		meta.Limits{MaxRecordBytes: 256 << 10, MaxTextBytes: 64 << 20})
	require.NoError(t, err)
	found := false
	for _, w := range res.Warnings {
		found = found || errors.Is(w, meta.ErrLimit) && strings.Contains(w.Error(), "decompresses")
	}
	assert.True(t, found, "%v", res.Warnings)
	// The budget is 8 × 256 KiB: about 15 of the 40 slides, 2 bytes of
	// text each paragraph.
	assert.Less(t, len(res.Text), 20*4000*2)
	assert.Greater(t, len(res.Text), 10*4000*2)
}

func ExampleNewOOXML() {
	data, err := os.ReadFile("testdata/office/docgen_po.docx")
	if err != nil {
		fmt.Println(err)
		return
	}
	in := meta.Input{Name: "po.docx", R: bytes.NewReader(data), Size: int64(len(data)),
		Type: identify.Type{MIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}}
	res, err := meta.Run(context.Background(), []meta.Extractor{meta.NewOOXML()}, in, meta.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := res.Metadata
	fmt.Println(m.Authors, "/", m.LastModifiedBy, "/", m.Organisation)
	fmt.Println(m.Software, "/", m.Created)
	fmt.Println(m.Hosts)
	// Output:
	// [山田 太郎] / Hanako Suzuki / Example Fibres K.K.
	// Microsoft Office Word 16.0000 / 2021-04-12T01:30:00Z
	// [fs01.corp.example-fibres.test portal.corp.example-fibres.test]
}
