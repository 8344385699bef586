package docgen

import (
	"errors"
	"fmt"
	"strings"
)

// DocxSpec describes a WordprocessingML document.
type DocxSpec struct {
	Core   CoreProps
	App    AppProps // Application defaults to "Microsoft Office Word"
	Custom []CustomProp

	// Paragraphs is the body, one string per paragraph. A tab character
	// becomes a Word tab; a paragraph that starts with "# " is written in
	// bold at 14 points (without the marker).
	Paragraphs []string

	// ContentTypesIndex is the position of [Content_Types].xml among the
	// zip entries: 0 (ContentTypesFirst) puts it first, as Office does; a
	// negative value (ContentTypesLast) or one past the last part puts it
	// last.
	ContentTypesIndex int
}

// errEmptyBody is returned when a document would have no content at all.
var errEmptyBody = errors.New("docgen: no body content")

// Docx returns the bytes of a .docx file built from spec.
func Docx(spec DocxSpec) ([]byte, error) {
	if len(spec.Paragraphs) == 0 {
		return nil, fmt.Errorf("docx: %w", errEmptyBody)
	}
	words := 0
	chars := 0
	for _, p := range spec.Paragraphs {
		words += len(strings.Fields(p))
		chars += len([]rune(p))
	}
	stats := fmt.Sprintf("<Pages>1</Pages><Words>%d</Words><Characters>%d</Characters><Lines>%d</Lines><Paragraphs>%d</Paragraphs><ScaleCrop>false</ScaleCrop>",
		words, chars, len(spec.Paragraphs), len(spec.Paragraphs))
	app := appPart(spec.App, "Microsoft Office Word", stats)

	parts := []ooxmlPart{
		{name: "_rels/.rels", data: rootRels("word/document.xml", len(spec.Custom) > 0)},
		{name: "word/document.xml", data: docxBody(spec.Paragraphs)},
		{name: "word/_rels/document.xml.rels", data: []byte(xmlHeader +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`</Relationships>`)},
		{name: "word/styles.xml", data: []byte(xmlHeader + docxStyles)},
	}
	parts = append(parts, propParts(spec.Core, app, spec.Custom)...)
	ct := contentTypes(map[string]string{
		"word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
		"word/styles.xml":   "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
	}, len(spec.Custom) > 0)
	return writePackage(ct, parts, spec.ContentTypesIndex)
}

// docxStyles sets the document defaults Japanese Word installations use.
const docxStyles = `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Century" w:eastAsia="ＭＳ 明朝" w:hAnsi="Century" w:cs="Times New Roman"/>` +
	`<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault/></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`</w:styles>`

// docxBody renders word/document.xml.
func docxBody(paras []string) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	for _, p := range paras {
		b.WriteString("<w:p>")
		rpr := ""
		if rest, ok := strings.CutPrefix(p, "# "); ok {
			p = rest
			rpr = `<w:rPr><w:b/><w:sz w:val="28"/></w:rPr>`
		}
		if p != "" {
			b.WriteString("<w:r>")
			b.WriteString(rpr)
			for i, seg := range strings.Split(p, "\t") {
				if i > 0 {
					b.WriteString("<w:tab/>")
				}
				if seg != "" {
					fmt.Fprintf(&b, `<w:t xml:space="preserve">%s</w:t>`, esc(seg))
				}
			}
			b.WriteString("</w:r>")
		}
		b.WriteString("</w:p>")
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1985" w:right="1701" w:bottom="1701" w:left="1701" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return []byte(b.String())
}
