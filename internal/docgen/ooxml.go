package docgen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"
	"time"
)

// CoreProps is the Dublin Core part of an Office document
// (docProps/core.xml). Empty strings and zero times are left out.
type CoreProps struct {
	Title          string
	Subject        string
	Creator        string // dc:creator, the author
	LastModifiedBy string // cp:lastModifiedBy
	Keywords       string
	Description    string
	Category       string
	Revision       string
	Created        time.Time // dcterms:created, written as W3CDTF in UTC
	Modified       time.Time // dcterms:modified, written as W3CDTF in UTC
}

// AppProps is the extended-properties part of an Office document
// (docProps/app.xml). Application defaults to "Microsoft Office Word" or
// "Microsoft Excel" and AppVersion to "16.0000" when empty.
type AppProps struct {
	Application string
	AppVersion  string
	Company     string
	Manager     string
	Template    string // for example \\server\templates\PO.dotx
	TotalTime   int    // editing minutes
}

// CustomProp is one user-defined property (docProps/custom.xml), always
// written as a string (vt:lpwstr).
type CustomProp struct {
	Name  string
	Value string
}

// ContentTypesFirst and ContentTypesLast are convenient values for the
// ContentTypesIndex field of DocxSpec and XlsxSpec.
const (
	ContentTypesFirst = 0
	ContentTypesLast  = -1
)

// officeEntryDate is the MS-DOS date Office writes into its packages:
// 1980-01-01, with time 00:00 (a zero ModifiedTime).
const officeEntryDate = 1<<5 | 1

// ooxmlPart is one part of an OPC package.
type ooxmlPart struct {
	name string
	data []byte
}

// xmlHeader starts every part, as Office writes it.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"

// esc returns s escaped for XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		// EscapeText only fails when the writer fails; strings.Builder does not.
		return ""
	}
	return b.String()
}

// w3cdtf formats t as Office does in core.xml.
func w3cdtf(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// corePart renders docProps/core.xml.
func corePart(c CoreProps) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	el := func(tag, v string) {
		if v != "" {
			fmt.Fprintf(&b, "<%s>%s</%s>", tag, esc(v), tag)
		}
	}
	el("dc:title", c.Title)
	el("dc:subject", c.Subject)
	el("dc:creator", c.Creator)
	el("cp:keywords", c.Keywords)
	el("dc:description", c.Description)
	el("cp:lastModifiedBy", c.LastModifiedBy)
	el("cp:revision", c.Revision)
	if !c.Created.IsZero() {
		fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>`, w3cdtf(c.Created))
	}
	if !c.Modified.IsZero() {
		fmt.Fprintf(&b, `<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`, w3cdtf(c.Modified))
	}
	el("cp:category", c.Category)
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

// appPart renders docProps/app.xml. extra holds application-specific
// elements (already XML) placed before Company.
func appPart(a AppProps, defApp, extra string) []byte {
	if a.Application == "" {
		a.Application = defApp
	}
	if a.AppVersion == "" {
		a.AppVersion = "16.0000"
	}
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	if a.Template != "" {
		fmt.Fprintf(&b, "<Template>%s</Template>", esc(a.Template))
	}
	fmt.Fprintf(&b, "<TotalTime>%d</TotalTime>", a.TotalTime)
	fmt.Fprintf(&b, "<Application>%s</Application>", esc(a.Application))
	b.WriteString("<DocSecurity>0</DocSecurity>")
	b.WriteString(extra)
	if a.Manager != "" {
		fmt.Fprintf(&b, "<Manager>%s</Manager>", esc(a.Manager))
	}
	if a.Company != "" {
		fmt.Fprintf(&b, "<Company>%s</Company>", esc(a.Company))
	}
	b.WriteString("<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>")
	fmt.Fprintf(&b, "<AppVersion>%s</AppVersion>", esc(a.AppVersion))
	b.WriteString(`</Properties>`)
	return []byte(b.String())
}

// customPart renders docProps/custom.xml.
func customPart(props []CustomProp) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	for i, p := range props {
		// pid starts at 2 by specification; fmtid is the fixed GUID for
		// user-defined properties.
		fmt.Fprintf(&b, `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>`,
			i+2, esc(p.Name), esc(p.Value))
	}
	b.WriteString(`</Properties>`)
	return []byte(b.String())
}

// contentTypes renders [Content_Types].xml with one Override per part.
func contentTypes(overrides map[string]string, hasCustom bool) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	names := make([]string, 0, len(overrides))
	for n := range overrides {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, `<Override PartName="/%s" ContentType="%s"/>`, n, overrides[n])
	}
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	b.WriteString(`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	if hasCustom {
		b.WriteString(`<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`)
	}
	b.WriteString(`</Types>`)
	return []byte(b.String())
}

// rootRels renders _rels/.rels pointing at the main part and the property
// parts.
func rootRels(mainPart string, hasCustom bool) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	b.WriteString(`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`)
	b.WriteString(`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`)
	fmt.Fprintf(&b, `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/>`, mainPart)
	if hasCustom {
		b.WriteString(`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>`)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

// writePackage zips parts in order, inserting [Content_Types].xml at
// index ctIndex (negative or past the end means last).
func writePackage(ct []byte, parts []ooxmlPart, ctIndex int) ([]byte, error) {
	if ctIndex < 0 || ctIndex > len(parts) {
		ctIndex = len(parts)
	}
	all := make([]ooxmlPart, 0, len(parts)+1)
	all = append(all, parts[:ctIndex]...)
	all = append(all, ooxmlPart{name: "[Content_Types].xml", data: ct})
	all = append(all, parts[ctIndex:]...)

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range all {
		w, err := zw.CreateHeader(&zip.FileHeader{
			Name:         p.name,
			Method:       zip.Deflate,
			ModifiedDate: officeEntryDate,
		})
		if err != nil {
			return nil, fmt.Errorf("docgen: zip entry %s: %w", p.name, err)
		}
		if _, err := w.Write(p.data); err != nil {
			return nil, fmt.Errorf("docgen: zip entry %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docgen: close zip: %w", err)
	}
	return buf.Bytes(), nil
}

// propParts returns the docProps parts common to every Office document.
func propParts(core CoreProps, app []byte, custom []CustomProp) []ooxmlPart {
	parts := []ooxmlPart{
		{name: "docProps/core.xml", data: corePart(core)},
		{name: "docProps/app.xml", data: app},
	}
	if len(custom) > 0 {
		parts = append(parts, ooxmlPart{name: "docProps/custom.xml", data: customPart(custom)})
	}
	return parts
}
