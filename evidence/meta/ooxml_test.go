package meta_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/oracle"
)

// MIME types of the fixtures.
const (
	officeDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	officeXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	officePptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	officeOdt  = "application/vnd.oasis.opendocument.text"
	officeOds  = "application/vnd.oasis.opendocument.spreadsheet"
	officeOdp  = "application/vnd.oasis.opendocument.presentation"
)

// officeDir holds the office fixtures (see its README.md).
const officeDir = "testdata/office"

func officeInput(name, mime string, data []byte) meta.Input {
	return meta.Input{Name: name, Type: identify.Type{MIME: mime}, R: bytes.NewReader(data), Size: int64(len(data))}
}

func officeRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(officeDir, name))
	require.NoError(t, err)
	return data
}

// officePart is one entry of a zip built by officeZip.
type officePart struct {
	name, body string
}

// officeZip builds a zip of parts, deflated, in order.
func officeZip(t testing.TB, parts ...officePart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		require.NoError(t, err)
		_, err = w.Write([]byte(p.body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// officeExiftool returns what `exiftool -json -G -n` reports for a
// fixture, from its golden (testdata/office/oracle), as strings (numbers
// as exiftool wrote them).
func officeExiftool(t *testing.T, path string) map[string]string {
	t.Helper()
	res, err := oracle.Fixture(t, oracle.Exiftool, path, "-json", "-G", "-n", oracle.In).ExiftoolTagsNumbers()
	require.NoError(t, err)
	tags := map[string]string{}
	for k, v := range res {
		tags[k] = fmt.Sprint(v)
	}
	return tags
}

// officeExifDate turns exiftool's "2021:04:12 01:30:00Z" into the
// report's "2021-04-12T01:30:00Z".
func officeExifDate(s string) string {
	if len(s) < 19 {
		return s
	}
	return strings.ReplaceAll(s[:10], ":", "-") + "T" + s[11:]
}

// officeAgree asserts that each normalised field of m equals what
// exiftool reports under the tag mapped to it; a tag exiftool does not
// report must leave the field empty.
func officeAgree(t *testing.T, path string, m meta.Metadata, tags map[string]string) {
	t.Helper()
	et := officeExiftool(t, path)
	got := map[string]string{
		"authors":          strings.Join(m.Authors, "; "),
		"last_modified_by": m.LastModifiedBy,
		"organisation":     m.Organisation,
		"software":         m.Software,
		"created":          m.Created,
		"modified":         m.Modified,
		"title":            m.Title,
	}
	for field, tag := range tags {
		var want string
		for i, part := range strings.Split(tag, "+") {
			v, ok := et[part]
			if !ok {
				continue
			}
			if i > 0 && want != "" {
				want += " "
			}
			want += v
		}
		if field == "created" || field == "modified" {
			want = officeExifDate(want)
		}
		assert.Equal(t, want, got[field], "%s against exiftool %s", field, tag)
	}
}

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

// officeCheck asserts what the extraction of an office fixture must give:
// no error nor warning, the normalised fields of want, no zone (zoneWhy
// says why), the raw values, the texts in order and not the notText, an
// untruncated text, and metadata that marshals. It returns the metadata.
func officeCheck(t *testing.T, res *meta.Result, err error, want meta.Metadata, raw map[string]any, text, notText []string, zoneWhy string) meta.Metadata {
	t.Helper()
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	m := res.Metadata
	assert.Equal(t, want.Authors, m.Authors)
	assert.Equal(t, want.LastModifiedBy, m.LastModifiedBy)
	assert.Equal(t, want.Organisation, m.Organisation)
	assert.Equal(t, want.Software, m.Software)
	assert.Equal(t, want.Created, m.Created)
	assert.Equal(t, want.Modified, m.Modified)
	assert.Equal(t, want.Title, m.Title)
	assert.Empty(t, m.TZOffset, zoneWhy)
	for k, v := range raw {
		assert.Equal(t, v, m.Raw[k], "raw %s", k)
	}
	rest := res.Text
	for _, s := range text {
		i := strings.Index(rest, s)
		require.GreaterOrEqual(t, i, 0, "text %q in %q", s, res.Text)
		rest = rest[i+len(s):]
	}
	for _, s := range notText {
		assert.NotContains(t, res.Text, s)
	}
	assert.False(t, res.TextTruncated)
	_, err = json.Marshal(res.Metadata)
	require.NoError(t, err)
	return m
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
	assert.Equal(t, "1", ex.Version())
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

// Hostile parts shared by the OOXML and ODF tests.
const (
	officeBillionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
`
	officeCoreNS = `xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"`
	// officeUnusedDTD declares an entity that nothing uses; officeExternalDTD
	// names an external subset. Both are refused as the bomb is: the part
	// is refused for its DTD, not for what the DTD would do.
	officeUnusedDTD   = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]>`
	officeExternalDTD = `<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd">`
)

// officeUTF16 encodes an XML part in UTF-16LE with its byte order mark,
// the form that goes to encoding/xml rather than xmltok.
func officeUTF16(s string) string {
	u := utf16.Encode([]rune(s))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return string(b)
}

// officeDeep returns n nested elements.
func officeDeep(n int) string {
	return strings.Repeat("<a>", n) + strings.Repeat("</a>", n)
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

// officeManyPartsZip caches officeManyParts(100 000), slow to build
// under the race detector.
var officeManyPartsZip = sync.OnceValues(func() ([]byte, error) { return officeManyPartsBuild(100000) })

// officeManyParts returns a stored zip of n empty parts.
func officeManyParts(t testing.TB, n int) []byte {
	t.Helper()
	build := func() ([]byte, error) { return officeManyPartsBuild(n) }
	if n == 100000 {
		build = officeManyPartsZip
	}
	data, err := build()
	require.NoError(t, err)
	return data
}

func officeManyPartsBuild(n int) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("p/%d", i), Method: zip.Store}); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// officeDeclaring returns a zip whose core.xml declares size bytes
// uncompressed while holding a few.
func officeDeclaring(t testing.TB, size uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "docProps/core.xml", Method: zip.Store,
		CompressedSize64: 5, UncompressedSize64: size})
	require.NoError(t, err)
	_, err = w.Write([]byte("<a/>\n"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// officeHostile lists hostile packages for both extractors: name, data,
// and the sentinel the error (whole failure) or a warning must wrap.
type officeHostileCase struct {
	name     string
	data     []byte
	lim      meta.Limits
	sentinel error
	// fails: the extraction as a whole fails (nothing readable).
	fails bool
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
	}
}

// checkHostile runs ex on every case: it must finish fast, with a warning
// or an error wrapping the sentinel, and whatever it returns must marshal.
func checkHostile(t *testing.T, ex meta.Extractor, mime string, cases []officeHostileCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var res *meta.Result
			var err error
			in := officeInput(tc.name, mime, tc.data)
			work := meta.MeasureWork(in, 64*in.Size+(1<<20), func(in meta.Input) {
				res, err = ex.Extract(context.Background(), in, tc.lim)
			})
			t.Log(work)
			// Each zip entry is read once; neither the bombs nor the
			// deep trees reach memory (the worst case allocates under
			// 1 MiB; without the depth or token limits, tens of MiB).
			assert.False(t, work.OverBudget, "bytes read again and again")
			assert.LessOrEqual(t, work.Read, 4*in.Size+(64<<10), "bytes read")
			assert.Less(t, work.Alloc, uint64(8<<20), "bytes allocated")
			if tc.fails {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.sentinel)
				assert.Nil(t, res)
				return
			}
			require.NoError(t, err)
			require.NotNil(t, res)
			found := false
			for _, w := range res.Warnings {
				found = found || errors.Is(w, tc.sentinel)
			}
			assert.True(t, found, "a warning wraps %v: %v", tc.sentinel, res.Warnings)
			assert.Equal(t, "Example Fibres K.K.", res.Metadata.Organisation, "the rest is still read")
			_, err = json.Marshal(res)
			require.NoError(t, err)
		})
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
