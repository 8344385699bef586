//go:build ignore

// gen.go writes the Office fixtures that internal/docgen builds, with the
// parts docgen does not write (comments, tracked changes, an attached
// template, external links) added. Run from this directory:
//
//	go run gen.go
//
// then make.sh converts some of them with LibreOffice.
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

var jst = time.FixedZone("JST", 9*60*60)

func main() {
	docx, err := docgen.Docx(docgen.DocxSpec{
		Core: docgen.CoreProps{
			Title:          "購買発注書 2021-0412",
			Subject:        "Purchase order",
			Creator:        "山田 太郎",
			LastModifiedBy: "Hanako Suzuki",
			Keywords:       "PO; resin; confidential",
			Category:       "Procurement",
			Revision:       "7",
			Created:        time.Date(2021, 4, 12, 10, 30, 0, 0, jst),
			Modified:       time.Date(2021, 4, 13, 18, 5, 42, 0, jst),
		},
		App: docgen.AppProps{
			Company:   "Example Fibres K.K.",
			Manager:   "Jiro Sato",
			Template:  `\\fs01.corp.example-fibres.test\templates\PO.dotx`,
			TotalTime: 42,
		},
		Custom: []docgen.CustomProp{
			{Name: "Classification", Value: "社外秘"},
			{Name: "Department", Value: "Procurement Div."},
		},
		Paragraphs: []string{"# 購買発注書", "Supplier:\tExample Systems Ltd.", "Total: 1,200,000 JPY"},
	})
	check(err)
	docx, err = addParts(docx, docxExtra)
	check(err)
	check(os.WriteFile("docgen_po.docx", docx, 0o644))

	xlsx, err := docgen.Xlsx(docgen.XlsxSpec{
		Core: docgen.CoreProps{
			Title:          "Supplier ledger",
			Creator:        "Ichiro Tanaka",
			LastModifiedBy: "田中 一郎",
			Created:        time.Date(2020, 11, 2, 9, 0, 0, 0, time.UTC),
			Modified:       time.Date(2021, 3, 30, 23, 59, 1, 0, time.UTC),
		},
		App: docgen.AppProps{
			Company:  "Example Fibres K.K.",
			Template: `C:\Users\itanaka\AppData\Roaming\Microsoft\Templates\ledger.xltx`,
		},
		Custom: []docgen.CustomProp{{Name: "Owner", Value: "itanaka@example-fibres.test"}},
		Sheets: []docgen.Sheet{
			{Name: "取引先", Rows: [][]string{{"Code", "Name"}, {"S-001", "Example Systems Ltd."}, {"S-002", "東京樹脂株式会社"}}},
			{Name: "Totals", Rows: [][]string{{"Year", "Amount"}, {"2020", "4500000"}}},
		},
	})
	check(err)
	check(os.WriteFile("docgen_ledger.xlsx", xlsx, 0o644))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// docxExtra replaces or adds parts of the docgen document: a body with
// tracked changes and a comment reference, comments, settings with an
// attached template on a file server, and an external hyperlink.
var docxExtra = map[string]string{
	"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` +
		`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>購買発注書</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">Supplier:</w:t></w:r><w:r><w:tab/><w:t>Example Systems Ltd.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">Total: </w:t></w:r>` +
		`<w:del w:id="1" w:author="Hanako Suzuki" w:date="2021-04-13T09:12:00Z"><w:r><w:delText>1,100,000</w:delText></w:r></w:del>` +
		`<w:ins w:id="2" w:author="Hanako Suzuki" w:date="2021-04-13T09:12:00Z"><w:r><w:t>1,200,000</w:t></w:r></w:ins>` +
		`<w:r><w:t xml:space="preserve"> JPY</w:t></w:r></w:p>` +
		`<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Portal: </w:t></w:r>` +
		`<w:hyperlink r:id="rId10"><w:r><w:t>intranet order page</w:t></w:r></w:hyperlink>` +
		`<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>` +
		`<w:p><w:ins w:id="3" w:author="Jiro Sato" w:date="2021-04-13T10:00:00Z"><w:r><w:t>Approved.</w:t></w:r></w:ins></w:p>` +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`,
	"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>` +
		`<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://portal.corp.example-fibres.test/orders/2021-0412" TargetMode="External"/>` +
		`</Relationships>`,
	"word/settings.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<w:zoom w:percent="100"/><w:attachedTemplate r:id="rId1"/><w:defaultTabStop w:val="840"/></w:settings>`,
	"word/_rels/settings.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///\\fs01.corp.example-fibres.test\templates\PO.dotx" TargetMode="External"/>` +
		`</Relationships>`,
	"word/comments.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:comment w:id="0" w:author="Kenji Watanabe" w:date="2021-04-13T11:00:00Z" w:initials="KW"><w:p><w:r><w:t>Check the unit price with purchasing.</w:t></w:r></w:p></w:comment>` +
		`</w:comments>`,
}

// contentTypeAdds are the overrides the added parts need.
const contentTypeAdds = `<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>`

// addParts rewrites the zip in data with the parts of extra replacing or
// joining its own, in a stable order, and the content types extended.
func addParts(data []byte, extra map[string]string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := map[string]bool{}
	write := func(name string, body []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, ModifiedDate: 1<<5 | 1})
		if err != nil {
			return err
		}
		_, err = w.Write(body)
		return err
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if s, ok := extra[f.Name]; ok {
			body = []byte(s)
			done[f.Name] = true
		}
		if f.Name == "[Content_Types].xml" {
			body = []byte(strings.Replace(string(body), "</Types>", contentTypeAdds+"</Types>", 1))
		}
		if err := write(f.Name, body); err != nil {
			return nil, err
		}
	}
	for _, name := range []string{"word/settings.xml", "word/_rels/settings.xml.rels", "word/comments.xml"} {
		if !done[name] {
			if err := write(name, []byte(extra[name])); err != nil {
				return nil, err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("close: %w", err)
	}
	return buf.Bytes(), nil
}
