package meta_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// odfExiftoolTags maps the normalised fields to exiftool's tags for ODF.
// exiftool reports only the first user-defined field, so Organisation is
// checked against it only where that field is "Company" (see below).
var odfExiftoolTags = map[string]string{
	"authors":          "XMP:Initial-creator",
	"last_modified_by": "XMP:Creator",
	"software":         "XMP:Generator",
	"created":          "XMP:Creation-date",
	"modified":         "XMP:Date",
	"title":            "XMP:Title",
}

func TestODFFixtures(t *testing.T) {
	const lo = "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2"
	tests := []struct {
		file, mime string
		want       meta.Metadata
		raw        map[string]any
		text       []string
		notText    []string
		orgByET    bool // exiftool's first user-defined field is Company
	}{
		{
			file: "lo_po.odt", mime: officeOdt,
			want: meta.Metadata{
				Authors: []string{"山田 太郎"}, LastModifiedBy: "Hanako Suzuki", Organisation: "Example Fibres K.K.",
				Software: lo, Created: "2021-04-12T01:30:00", Modified: "2021-04-13T09:05:42", Title: "購買発注書 2021-0412",
			},
			raw: map[string]any{
				"dc:subject":            "Purchase order",
				"meta:keyword":          []string{"PO", "resin", "confidential"},
				"meta:editing-cycles":   "7",
				"meta:editing-duration": "PT42M",
				"meta:template":         map[string]any{"type": "simple", "actuate": "onRequest", "title": `\\fs01.corp.example-fibres.test\templates\PO.dotx`, "href": ""},
				"AnnotationAuthors":     []string{"Kenji Watanabe"},
				"TrackedChangeAuthors":  []string{"Hanako Suzuki", "Jiro Sato"},
				"Links":                 []string{"http://portal.corp.example-fibres.test/orders/2021-0412"},
				"meta:document-statistic": map[string]any{"table-count": int64(0), "image-count": int64(0), "object-count": int64(0),
					"page-count": int64(1), "paragraph-count": int64(5), "word-count": int64(16), "character-count": int64(90),
					"non-whitespace-character-count": int64(83)},
			},
			text:    []string{"購買発注書\nSupplier:\tExample Systems Ltd.\nTotal: 1,200,000 JPY\nPortal:intranet order page\nApproved."},
			notText: []string{"1,100,000", "Kenji", "unit price"},
		},
		{
			file: "lo_ledger.ods", mime: officeOds,
			want: meta.Metadata{
				Authors: []string{"Ichiro Tanaka"}, LastModifiedBy: "田中 一郎", Organisation: "Example Fibres K.K.",
				Software: lo, Created: "2020-11-02T09:00:00", Modified: "2021-03-30T23:59:01", Title: "Supplier ledger",
			},
			raw: map[string]any{
				"meta:user-defined": map[string]any{"AppVersion": "16.0000", "Company": "Example Fibres K.K.", "Owner": "itanaka@example-fibres.test"},
			},
			text: []string{"Code", "Name", "S-001", "Example Systems Ltd.", "東京樹脂株式会社", "4500000"},
		},
		{
			file: "lo_deck.odp", mime: officeOdp,
			want: meta.Metadata{
				Authors: []string{"Akiko Mori"}, LastModifiedBy: "Taro Yamada", Organisation: "Example Fibres K.K.",
				Software: lo, Created: "2021-02-01T08:15:00", Modified: "2021-02-03T17:40:12", Title: "Plant network review",
			},
			raw:     map[string]any{"Links": []string{"file://fs01.corp.example-fibres.test/plant/"}},
			text:    []string{"Plant network review\nFile server: fs01\nOwner: Example Fibres K.K.\n次のステップ"},
			orgByET: true,
		},
	}
	ex := meta.NewODF()
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data := officeRead(t, tc.file)
			res, err := ex.Extract(context.Background(), officeInput(tc.file, tc.mime, data), meta.Limits{})
			m := officeCheck(t, res, err, tc.want, tc.raw, tc.text, tc.notText, "LibreOffice writes local times without zone")
			tags := odfExiftoolTags
			if tc.orgByET {
				tags = map[string]string{"organisation": "XMP:User-defined"}
				for k, v := range odfExiftoolTags {
					tags[k] = v
				}
			}
			officeAgree(t, filepath.Join(officeDir, tc.file), m, tags)
		})
	}
}

func TestODFAccepts(t *testing.T) {
	ex := meta.NewODF()
	assert.Equal(t, "odf", ex.Name())
	assert.Equal(t, "1", ex.Version())
	for _, tc := range []struct {
		mime string
		want bool
	}{
		{officeOdt, true},
		{officeOds, true},
		{officeOdp, true},
		{"application/vnd.oasis.opendocument.text-template", true},
		{"application/vnd.oasis.opendocument.spreadsheet-template", true},
		{officeDocx, false},
		{"application/epub+zip", false},
		{identify.MIMEZip, false},
	} {
		t.Run(tc.mime, func(t *testing.T) {
			assert.Equal(t, tc.want, ex.Accepts(identify.Type{MIME: tc.mime}))
		})
	}
}

// odfMeta is the start of a meta.xml.
const odfMeta = `<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>`

// odfWith returns an odt whose content.xml is content, with a readable
// meta.xml naming the company.
func odfWith(t testing.TB, content string) []byte {
	return officeZip(t,
		officePart{"mimetype", "application/vnd.oasis.opendocument.text"},
		officePart{"meta.xml", odfMeta + `<meta:user-defined meta:name="Company">Example Fibres K.K.</meta:user-defined>` +
			`<meta:creation-date>2021-04-12T10:30:00.5+09:00</meta:creation-date></office:meta></office:document-meta>`},
		officePart{"content.xml", content},
	)
}

func odfHostile(t testing.TB) []officeHostileCase {
	big := strings.Repeat("A", 2<<20)
	encrypted := officeZip(t,
		officePart{"mimetype", "application/vnd.oasis.opendocument.text"},
		officePart{"META-INF/manifest.xml", `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` +
			`<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry>` +
			`<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum="y"/></manifest:file-entry>` +
			`</manifest:manifest>`},
		officePart{"meta.xml", "\x8f\x01 ciphertext"},
		officePart{"content.xml", "\x13\x37 ciphertext"},
	)
	return []officeHostileCase{
		{name: "billion laughs", data: odfWith(t, officeBillionLaughs+`<office:document-content><text:p>&lol9;</text:p></office:document-content>`), sentinel: meta.ErrDTD},
		{name: "unused DTD", data: odfWith(t, officeUnusedDTD+`<office:document-content/>`), sentinel: meta.ErrDTD},
		{name: "external DTD", data: odfWith(t, officeExternalDTD+`<office:document-content/>`), sentinel: meta.ErrDTD},
		{name: "huge attribute", data: odfWith(t, `<r x="`+big+`"/>`), lim: meta.Limits{MaxRecordBytes: 1 << 20}, sentinel: meta.ErrLimit},
		{name: "deep nesting", data: odfWith(t, officeDeep(100000)), sentinel: meta.ErrLimit},
		{name: "content not XML", data: odfWith(t, "\x00\x01 not < xml"), sentinel: meta.ErrFormat},
		{name: "encrypted", data: encrypted, sentinel: meta.ErrEncrypted, fails: true},
		{name: "100000 parts", data: officeManyParts(t, 100000), sentinel: meta.ErrLimit, fails: true},
		{name: "not a zip", data: []byte("mimetypeapplication/vnd.oasis.opendocument.text"), sentinel: meta.ErrFormat, fails: true},
	}
}

func TestODFHostile(t *testing.T) {
	checkHostile(t, meta.NewODF(), officeOdt, odfHostile(t))
}

// TestODFZone checks that a date with an offset keeps it and sets TZOffset.
func TestODFZone(t *testing.T) {
	data := odfWith(t, `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" `+
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>`+
		`<text:h>見積書</text:h><text:p>A<text:s text:c="3"/>B<text:line-break/>C</text:p></office:text></office:body></office:document-content>`)
	res, err := meta.NewODF().Extract(context.Background(), officeInput("z.odt", officeOdt, data), meta.Limits{})
	require.NoError(t, err)
	assert.Equal(t, "2021-04-12T10:30:00.5+09:00", res.Metadata.Created)
	assert.Equal(t, "+09:00", res.Metadata.TZOffset)
	assert.Equal(t, "見積書\nA   B\nC", res.Text)
}
