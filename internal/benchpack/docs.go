package benchpack

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// OOXML parts of a word-processing document with one embedded picture.
const (
	docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`
	docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`
	docxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.jpeg"/></Relationships>`
	docxCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>`
	docxApp = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Company>%s</Company><AppVersion>16.0000</AppVersion></Properties>`
	docxBodyHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	docxBodyTail = `</w:body></w:document>`
)

// fictionalCompanies fill the Company property of documents.
var fictionalCompanies = []string{"Example Trading Co., Ltd.", "サンプル工業株式会社", "Example Chemicals K.K.", "Example Logistics Inc."}

// docx builds a word-processing document of roughly n bytes: about two
// thirds an embedded JPEG, the rest deflated body text.
func (g *gen) docx(n int64) ([]byte, error) {
	var b bytes.Buffer
	zw := g.newZip(&b)
	when := g.now.UTC().Format("2006-01-02T15:04:05Z")
	author := givenNames[g.pick.IntN(len(givenNames))] + " " + familyNames[g.pick.IntN(len(familyNames))]
	parts := []struct {
		name   string
		method uint16
		write  func(io.Writer) error
	}{
		{"[Content_Types].xml", zip.Deflate, writeString(docxContentTypes)},
		{"_rels/.rels", zip.Deflate, writeString(docxRels)},
		{"docProps/core.xml", zip.Deflate, writeString(fmt.Sprintf(docxCore, "Document "+when[:10], author, author, when, when))},
		{"docProps/app.xml", zip.Deflate, writeString(fmt.Sprintf(docxApp, fictionalCompanies[g.pick.IntN(len(fictionalCompanies))]))},
		{"word/_rels/document.xml.rels", zip.Deflate, writeString(docxDocRels)},
		{"word/document.xml", zip.Deflate, func(w io.Writer) error { return g.writeDocxBody(w, n) }},
		{"word/media/image1.jpeg", zip.Store, func(w io.Writer) error { return g.writeJPEG(w, n*2/3) }},
	}
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: p.method, Modified: g.now})
		if err != nil {
			return nil, err
		}
		if err := p.write(w); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeDocxBody writes the document part: paragraphs of prose, about as
// many bytes as the document should hold once deflated.
func (g *gen) writeDocxBody(w io.Writer, n int64) error {
	if _, err := io.WriteString(w, docxBodyHead); err != nil {
		return err
	}
	pool := g.text().prose
	var b []byte
	for size := int64(0); size < n; size += int64(len(b)) {
		b = append(b[:0], "<w:p><w:r><w:t>"...)
		line := pool[g.pick.IntN(len(pool))]
		b = append(b, line[:len(line)-1]...) // prose has no markup characters
		b = append(b, "</w:t></w:r></w:p>"...)
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, docxBodyTail)
	return err
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// pdf builds a one-page PDF 1.4 file of roughly n bytes whose bulk is a
// JPEG image XObject, with a text stream, an info dictionary and an exact
// cross-reference table.
func (g *gen) pdf(n int64) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 5 0 R >> >> /Contents 6 0 R >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")

	img := max(n-2048, 1024)
	offsets = append(offsets, b.Len())
	fmt.Fprintf(&b, "5 0 obj\n<< /Type /XObject /Subtype /Image /Width 800 /Height 600 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n", img)
	_ = g.writeJPEG(&b, img) // writes to memory cannot fail
	b.WriteString("\nendstream\nendobj\n")

	pool := g.text().prose
	line := pool[g.pick.IntN(len(pool))]
	text := fmt.Sprintf("BT /F1 14 Tf 56 780 Td (Monthly report %d) Tj ET\nBT /F1 9 Tf 56 760 Td (%s) Tj ET\nq 480 0 0 360 56 360 cm /Im1 Do Q\n",
		len(offsets), asciiOnly(line))
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text)+1, text))
	author := givenNames[g.pick.IntN(len(givenNames))] + " " + familyNames[g.pick.IntN(len(familyNames))]
	obj(fmt.Sprintf("<< /Title (Monthly report) /Author (%s) /Producer (Example PDF Writer 2.1) /CreationDate (D:%s+09'00') >>",
		author, g.now.Format("20060102150405")))

	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, len(offsets), xref)
	return b.Bytes()
}

// asciiOnly keeps the printable ASCII of a line, without the characters
// PDF strings escape, for the text stream of a PDF.
func asciiOnly(b []byte) string {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c >= ' ' && c < 0x7f && c != '(' && c != ')' && c != '\\' {
			out = append(out, c)
		}
	}
	return string(out)
}
