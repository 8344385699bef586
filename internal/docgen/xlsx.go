package docgen

import (
	"fmt"
	"regexp"
	"strings"
)

// Sheet is one worksheet: a name (at most 31 characters, as Excel
// requires) and rows of cells, the first row usually being the header.
type Sheet struct {
	Name string
	Rows [][]string
}

// XlsxSpec describes a SpreadsheetML workbook.
type XlsxSpec struct {
	Core   CoreProps
	App    AppProps // Application defaults to "Microsoft Excel"
	Custom []CustomProp

	// Sheets are written in order. Cells that look like plain decimal
	// numbers ("42", "-3.5", but not "0042") are written as numbers; all
	// others go to the shared-string table.
	Sheets []Sheet

	// ContentTypesIndex places [Content_Types].xml, as in DocxSpec.
	ContentTypesIndex int
}

// numberCell matches the cell text written as a number.
var numberCell = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$`)

// sheetNameBad holds the characters Excel refuses in sheet names.
const sheetNameBad = `[]:*?/\`

// Xlsx returns the bytes of an .xlsx file built from spec.
func Xlsx(spec XlsxSpec) ([]byte, error) {
	if len(spec.Sheets) == 0 {
		return nil, fmt.Errorf("xlsx: %w", errEmptyBody)
	}
	seen := map[string]bool{}
	for _, s := range spec.Sheets {
		n := []rune(s.Name)
		if len(n) == 0 || len(n) > 31 || strings.ContainsAny(s.Name, sheetNameBad) {
			return nil, fmt.Errorf("xlsx: invalid sheet name %q", s.Name)
		}
		if seen[strings.ToLower(s.Name)] {
			return nil, fmt.Errorf("xlsx: duplicate sheet name %q", s.Name)
		}
		seen[strings.ToLower(s.Name)] = true
	}

	// Shared strings, in order of first use.
	var shared []string
	index := map[string]int{}
	count := 0
	sheetXML := make([][]byte, len(spec.Sheets))
	for i, s := range spec.Sheets {
		var b strings.Builder
		b.WriteString(xmlHeader)
		b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
		if i == 0 {
			b.WriteString(`<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>`)
		}
		b.WriteString(`<sheetFormatPr defaultRowHeight="18.75"/><sheetData>`)
		for r, row := range s.Rows {
			fmt.Fprintf(&b, `<row r="%d">`, r+1)
			for c, v := range row {
				if v == "" {
					continue
				}
				ref := colName(c) + fmt.Sprint(r+1)
				if numberCell.MatchString(v) {
					fmt.Fprintf(&b, `<c r="%s"><v>%s</v></c>`, ref, v)
					continue
				}
				k, ok := index[v]
				if !ok {
					k = len(shared)
					index[v] = k
					shared = append(shared, v)
				}
				count++
				fmt.Fprintf(&b, `<c r="%s" t="s"><v>%d</v></c>`, ref, k)
			}
			b.WriteString(`</row>`)
		}
		b.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
		sheetXML[i] = []byte(b.String())
	}

	var wb, wbRels, titles strings.Builder
	wb.WriteString(xmlHeader)
	wb.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	wb.WriteString(`<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="23801"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>`)
	wbRels.WriteString(xmlHeader)
	wbRels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	overrides := map[string]string{
		"xl/workbook.xml":      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
		"xl/styles.xml":        "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
		"xl/sharedStrings.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
	}
	var sheetParts []ooxmlPart
	for i, s := range spec.Sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, esc(s.Name), i+1, i+1)
		fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		part := fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		overrides[part] = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
		sheetParts = append(sheetParts, ooxmlPart{name: part, data: sheetXML[i]})
		fmt.Fprintf(&titles, "<vt:lpstr>%s</vt:lpstr>", esc(s.Name))
	}
	n := len(spec.Sheets)
	wb.WriteString(`</sheets></workbook>`)
	fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+1)
	fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, n+2)
	wbRels.WriteString(`</Relationships>`)

	var sst strings.Builder
	sst.WriteString(xmlHeader)
	fmt.Fprintf(&sst, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, count, len(shared))
	for _, s := range shared {
		fmt.Fprintf(&sst, `<si><t xml:space="preserve">%s</t></si>`, esc(s))
	}
	sst.WriteString(`</sst>`)

	extra := fmt.Sprintf(`<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>ワークシート</vt:lpstr></vt:variant><vt:variant><vt:i4>%d</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="%d" baseType="lpstr">%s</vt:vector></TitlesOfParts>`,
		n, n, titles.String())
	app := appPart(spec.App, "Microsoft Excel", extra)

	parts := []ooxmlPart{
		{name: "_rels/.rels", data: rootRels("xl/workbook.xml", len(spec.Custom) > 0)},
		{name: "xl/workbook.xml", data: []byte(wb.String())},
		{name: "xl/_rels/workbook.xml.rels", data: []byte(wbRels.String())},
	}
	parts = append(parts, sheetParts...)
	parts = append(parts,
		ooxmlPart{name: "xl/styles.xml", data: []byte(xmlHeader + xlsxStyles)},
		ooxmlPart{name: "xl/sharedStrings.xml", data: []byte(sst.String())},
	)
	parts = append(parts, propParts(spec.Core, app, spec.Custom)...)
	return writePackage(contentTypes(overrides, len(spec.Custom) > 0), parts, spec.ContentTypesIndex)
}

// xlsxStyles is the smallest style sheet Excel accepts without repair.
const xlsxStyles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="1"><font><sz val="11"/><name val="游ゴシック"/><family val="2"/><charset val="128"/><scheme val="minor"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="標準" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`

// colName returns the spreadsheet column letters for a zero-based index.
func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}
