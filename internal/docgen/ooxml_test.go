package docgen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readZip returns the entry names in order and their contents.
func readZip(t *testing.T, data []byte) ([]string, map[string][]byte) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		require.NoError(t, rc.Close())
		names = append(names, f.Name)
		files[f.Name] = b
	}
	return names, files
}

// coreXML is what core.xml is read back into.
type coreXML struct {
	Title          string `xml:"http://purl.org/dc/elements/1.1/ title"`
	Creator        string `xml:"http://purl.org/dc/elements/1.1/ creator"`
	LastModifiedBy string `xml:"http://schemas.openxmlformats.org/package/2006/metadata/core-properties lastModifiedBy"`
	Created        string `xml:"http://purl.org/dc/terms/ created"`
	Modified       string `xml:"http://purl.org/dc/terms/ modified"`
}

// appXML is what app.xml is read back into.
type appXML struct {
	Application string
	AppVersion  string
	Company     string
	Manager     string
	Template    string
}

// customXML is what custom.xml is read back into.
type customXML struct {
	Props []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"lpwstr"`
	} `xml:"property"`
}

func testCore() CoreProps {
	return CoreProps{
		Title:          "発注書 テスト",
		Creator:        "鈴木 花子",
		LastModifiedBy: "伊藤 悟",
		Created:        time.Date(2021, 4, 9, 17, 20, 0, 0, jst),
		Modified:       time.Date(2021, 4, 12, 10, 5, 0, 0, jst),
	}
}

func testApp() AppProps {
	return AppProps{Company: "Example 株式会社 & Co.", Manager: "部長 <test>", Template: `\\srv01.example.local\templates\PO.dotx`}
}

// checkProps verifies the property parts of an Office package.
func checkProps(t *testing.T, files map[string][]byte, wantApp string) {
	var core coreXML
	require.NoError(t, xml.Unmarshal(files["docProps/core.xml"], &core))
	assert.Equal(t, "発注書 テスト", core.Title)
	assert.Equal(t, "鈴木 花子", core.Creator)
	assert.Equal(t, "伊藤 悟", core.LastModifiedBy)
	assert.Equal(t, "2021-04-09T08:20:00Z", core.Created)
	assert.Equal(t, "2021-04-12T01:05:00Z", core.Modified)

	var app appXML
	require.NoError(t, xml.Unmarshal(files["docProps/app.xml"], &app))
	assert.Equal(t, wantApp, app.Application)
	assert.Equal(t, "16.0000", app.AppVersion)
	assert.Equal(t, "Example 株式会社 & Co.", app.Company)
	assert.Equal(t, "部長 <test>", app.Manager)
	assert.Equal(t, `\\srv01.example.local\templates\PO.dotx`, app.Template)

	var custom customXML
	require.NoError(t, xml.Unmarshal(files["docProps/custom.xml"], &custom))
	require.Len(t, custom.Props, 1)
	assert.Equal(t, "機密区分", custom.Props[0].Name)
	assert.Equal(t, "社外秘", custom.Props[0].Value)

	// Every part is well-formed XML.
	for name, b := range files {
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, name)
		}
	}
}

func TestDocx(t *testing.T) {
	tests := []struct {
		name    string
		ctIndex int
		wantPos func(n int) int
	}{
		{"content types first", ContentTypesFirst, func(int) int { return 0 }},
		{"content types third", 2, func(int) int { return 2 }},
		{"content types last", ContentTypesLast, func(n int) int { return n - 1 }},
		{"index past end means last", 99, func(n int) int { return n - 1 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := DocxSpec{
				Core:              testCore(),
				App:               testApp(),
				Custom:            []CustomProp{{Name: "機密区分", Value: "社外秘"}},
				Paragraphs:        []string{"# 発注書", "富士通株式会社 御中", "品名\t数量", ""},
				ContentTypesIndex: tc.ctIndex,
			}
			data, err := Docx(spec)
			require.NoError(t, err)
			again, err := Docx(spec)
			require.NoError(t, err)
			assert.Equal(t, data, again, "output must be deterministic")

			names, files := readZip(t, data)
			assert.Equal(t, tc.wantPos(len(names)), indexOf(names, "[Content_Types].xml"))
			for _, part := range []string{"_rels/.rels", "word/document.xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"} {
				assert.Contains(t, files, part)
			}
			checkProps(t, files, "Microsoft Office Word")

			var doc struct {
				Paras []struct {
					Runs []struct {
						Texts []string `xml:"t"`
					} `xml:"r"`
				} `xml:"body>p"`
			}
			require.NoError(t, xml.Unmarshal(files["word/document.xml"], &doc))
			require.Len(t, doc.Paras, 4)
			var got []string
			for _, p := range doc.Paras {
				var s []string
				for _, r := range p.Runs {
					s = append(s, r.Texts...)
				}
				got = append(got, strings.Join(s, "|"))
			}
			assert.Equal(t, []string{"発注書", "富士通株式会社 御中", "品名|数量", ""}, got)
			assert.Contains(t, string(files["[Content_Types].xml"]), "wordprocessingml.document.main+xml")
		})
	}
}

func TestDocxExiftool(t *testing.T) {
	data, err := Docx(DocxSpec{Core: testCore(), App: testApp(), Paragraphs: []string{"x"}})
	require.NoError(t, err)
	got := exiftool(t, "a.docx", data)
	assert.Equal(t, "鈴木 花子", got["Creator"])
	assert.Equal(t, "伊藤 悟", got["LastModifiedBy"])
	assert.Equal(t, "Example 株式会社 & Co.", got["Company"])
	assert.Equal(t, `\\srv01.example.local\templates\PO.dotx`, got["Template"])
	assert.Equal(t, "2021:04:09 08:20:00Z", got["CreateDate"])
}

func TestDocxErrors(t *testing.T) {
	_, err := Docx(DocxSpec{})
	require.ErrorIs(t, err, errEmptyBody)
}

func TestXlsx(t *testing.T) {
	spec := XlsxSpec{
		Core:   testCore(),
		App:    testApp(),
		Custom: []CustomProp{{Name: "機密区分", Value: "社外秘"}},
		Sheets: []Sheet{
			{Name: "契約一覧", Rows: [][]string{{"番号", "金額", "会社"}, {"0012", "4720000", "富士通株式会社"}, {"A&B", "-3.5", "富士通株式会社"}}},
			{Name: "連絡先", Rows: [][]string{{"氏名"}, {"", "右"}}},
		},
		ContentTypesIndex: 1,
	}
	data, err := Xlsx(spec)
	require.NoError(t, err)
	again, err := Xlsx(spec)
	require.NoError(t, err)
	assert.Equal(t, data, again)

	names, files := readZip(t, data)
	assert.Equal(t, 1, indexOf(names, "[Content_Types].xml"))
	checkProps(t, files, "Microsoft Excel")

	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	require.NoError(t, xml.Unmarshal(files["xl/workbook.xml"], &wb))
	require.Len(t, wb.Sheets, 2)
	assert.Equal(t, "契約一覧", wb.Sheets[0].Name)
	assert.Equal(t, "連絡先", wb.Sheets[1].Name)

	var sst struct {
		Count  int      `xml:"count,attr"`
		Unique int      `xml:"uniqueCount,attr"`
		Items  []string `xml:"si>t"`
	}
	require.NoError(t, xml.Unmarshal(files["xl/sharedStrings.xml"], &sst))
	assert.Equal(t, []string{"番号", "金額", "会社", "0012", "富士通株式会社", "A&B", "氏名", "右"}, sst.Items)
	assert.Equal(t, 9, sst.Count)
	assert.Equal(t, 8, sst.Unique)

	type cell struct {
		Ref  string `xml:"r,attr"`
		Type string `xml:"t,attr"`
		V    string `xml:"v"`
	}
	var ws struct {
		Rows []struct {
			Cells []cell `xml:"c"`
		} `xml:"sheetData>row"`
	}
	require.NoError(t, xml.Unmarshal(files["xl/worksheets/sheet1.xml"], &ws))
	require.Len(t, ws.Rows, 3)
	assert.Equal(t, cell{Ref: "A2", Type: "s", V: "3"}, ws.Rows[1].Cells[0], "leading zero stays text")
	assert.Equal(t, cell{Ref: "B2", V: "4720000"}, ws.Rows[1].Cells[1])
	assert.Equal(t, cell{Ref: "B3", V: "-3.5"}, ws.Rows[2].Cells[1])
	ws.Rows = nil // Unmarshal appends to slices
	require.NoError(t, xml.Unmarshal(files["xl/worksheets/sheet2.xml"], &ws))
	require.Len(t, ws.Rows, 2)
	assert.Equal(t, "B2", ws.Rows[1].Cells[0].Ref, "empty cells are skipped")

	t.Run("exiftool", func(t *testing.T) {
		got := exiftool(t, "a.xlsx", data)
		assert.Equal(t, "鈴木 花子", got["Creator"])
		assert.Equal(t, "Example 株式会社 & Co.", got["Company"])
		assert.Equal(t, []any{"契約一覧", "連絡先"}, got["TitlesOfParts"])
	})
}

func TestXlsxErrors(t *testing.T) {
	tests := []struct {
		name   string
		sheets []Sheet
	}{
		{"no sheets", nil},
		{"empty name", []Sheet{{Name: ""}}},
		{"bad character", []Sheet{{Name: "a/b"}}},
		{"too long", []Sheet{{Name: strings.Repeat("長", 32)}}},
		{"duplicate", []Sheet{{Name: "Data"}, {Name: "data"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Xlsx(XlsxSpec{Sheets: tc.sheets})
			require.Error(t, err)
		})
	}
}

func TestColName(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{{0, "A"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {52, "BA"}, {701, "ZZ"}, {702, "AAA"}}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			assert.Equal(t, tc.want, colName(tc.in))
		})
	}
}

// indexOf returns the position of s in list, or -1.
func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
