package meta_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/docgen"
)

// Namespaces of the hand-built workbooks.
const (
	xlsxMainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	xlsxRelNS  = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
)

// xlsxCustomers are the rows of a generated customer sheet: strings that
// repeat (departments, towns), numbers, a code with leading zeros (kept
// as a string), an empty cell inside a row, Japanese text.
var xlsxCustomers = [][]string{
	{"顧客番号", "氏名", "部署", "所在地", "年間取引額", "担当"},
	{"0041", "青柳 誠", "営業部", "横浜市", "1250000", "三枝"},
	{"0042", "Hanna Lindqvist", "購買部", "横浜市", "98000.5", "三枝"},
	{"0043", "小野寺 沙織", "営業部", "", "-3200", "Otto Brandt"},
	{"0044", "Kasumi Ono", "購買部", "川崎市", "0", "三枝"},
}

// xlsxOrders are the rows of a second sheet.
var xlsxOrders = [][]string{
	{"受注番号", "顧客番号", "数量", "単価"},
	{"J-2024-118", "0041", "12", "4800"},
	{"J-2024-119", "0043", "3", "15000"},
}

// xlsxJoin writes rows one a line, a tab between cells.
func xlsxJoin(rows [][]string) string {
	lines := make([]string, len(rows))
	for i, row := range rows {
		lines[i] = strings.Join(row, "\t")
	}
	return strings.Join(lines, "\n")
}

// TestOOXMLSheetsAsCSV checks that the text of a generated workbook is its
// cells, sheet after sheet, row by row, numbers included, and that it
// gives the similarity signature the tokens of the sheets' CSV export.
func TestOOXMLSheetsAsCSV(t *testing.T) {
	sheets := []docgen.Sheet{{Name: "顧客一覧", Rows: xlsxCustomers}, {Name: "Orders", Rows: xlsxOrders}}
	data, err := docgen.Xlsx(docgen.XlsxSpec{
		Core:   docgen.CoreProps{Creator: "Mirei Tanabe", Title: "顧客一覧"},
		Sheets: sheets,
	})
	require.NoError(t, err)
	res, err := meta.NewOOXML().Extract(context.Background(), officeInput("customers.xlsx", officeXlsx, data), meta.Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.False(t, res.TextTruncated)
	assert.Equal(t, xlsxJoin(xlsxCustomers)+"\n\n"+xlsxJoin(xlsxOrders), res.Text)
	for _, n := range []string{"1250000", "98000.5", "-3200", "4800"} {
		assert.Contains(t, res.Text, n, "numbers are in the text")
	}

	var csv strings.Builder
	for _, s := range sheets {
		b, err := docgen.CSV(s.Rows, false)
		require.NoError(t, err)
		csv.Write(b)
	}
	assert.Equal(t, strings.Fields(strings.ReplaceAll(csv.String(), ",", " ")), strings.Fields(res.Text),
		"after whitespace normalisation the text is the CSV export")
	assert.Equal(t, similar.Tokens(csv.String()), similar.Tokens(res.Text))
	assert.Equal(t, 1.0, similar.HashText(res.Text).Similarity(similar.HashText(csv.String())))
}

// xlsxPackage builds a workbook by hand: workbook.xml with sheets, its
// relationships (rels: id → target, the shared strings as rIdS), the
// shared strings sst (none when empty), the parts of sheets (part →
// sheetData content) and an app.xml naming the company.
func xlsxPackage(t testing.TB, sheets, rels [][2]string, sst string, parts [][2]string) []byte {
	t.Helper()
	var wb, wr strings.Builder
	wb.WriteString(`<workbook ` + xlsxMainNS + `><sheets>`)
	for i, s := range sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="%s"/>`, s[0], i+1, s[1])
	}
	wb.WriteString(`</sheets></workbook>`)
	wr.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range rels {
		fmt.Fprintf(&wr, `<Relationship Id="%s" Type="%sworksheet" Target="%s"/>`, r[0], xlsxRelNS, r[1])
	}
	fmt.Fprintf(&wr, `<Relationship Id="rIdS" Type="%ssharedStrings" Target="sharedStrings.xml"/>`, xlsxRelNS)
	wr.WriteString(`</Relationships>`)
	ps := []officePart{
		{"docProps/app.xml", `<Properties><Application>Microsoft Excel</Application><Company>Example Fibres K.K.</Company></Properties>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", wr.String()},
	}
	if sst != "" {
		ps = append(ps, officePart{"xl/sharedStrings.xml", `<sst ` + xlsxMainNS + `>` + sst + `</sst>`})
	}
	for _, p := range parts {
		ps = append(ps, officePart{p[0], `<worksheet ` + xlsxMainNS + `><sheetData>` + p[1] + `</sheetData></worksheet>`})
	}
	return officeZip(t, ps...)
}

// xlsxCellsWorkbook is a workbook of three sheets listed out of the order
// of their parts (one by an absolute target), with a cell of each kind:
// shared strings (rich text, phonetic runs), inline strings, booleans,
// errors, formulas with and without a cached value, dates, numbers, cells
// with gaps before them and without a reference.
func xlsxCellsWorkbook(t testing.TB) []byte {
	return xlsxPackage(t,
		[][2]string{{"Summary", "rId3"}, {"Data", "rId1"}, {"Hidden", "rId2"}},
		[][2]string{{"rId1", "worksheets/sheet1.xml"}, {"rId2", "worksheets/sheet2.xml"}, {"rId3", "/xl/worksheets/sheet3.xml"}},
		`<si><t>Code</t></si>`+
			`<si><r><t>東京</t></r><r><rPr><b/></rPr><t>樹脂</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>`+
			`<si><t xml:space="preserve"> padded </t></si>`,
		[][2]string{
			{"xl/worksheets/sheet1.xml", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
				`<row r="2"><c r="A2" t="inlineStr"><is><t>横浜</t><rPh sb="0" eb="2"><t>ヨコハマ</t></rPh></is></c>` +
				`<c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#N/A</v></c></row>` +
				`<row r="4"><c r="A4"><f>SUM(B4:C4)</f><v>3</v></c><c r="B4"><v>1</v></c><c r="C4"><v>2</v></c>` +
				`<c r="D4" t="str"><f>"Total: "&amp;A4</f><v>Total: 3</v></c><c r="E4"><f>NOW()</f></c><c r="F4" t="s"><v>2</v></c></row>` +
				`<row r="5"><c t="d"><v>2024-01-31T00:00:00</v></c><c><v>0.1</v></c><c s="3"/><c><v>1.5E-3</v></c></row>`},
			{"xl/worksheets/sheet2.xml", `<row r="1"><c r="A1" t="inlineStr"><is><r><t>hidden </t></r><r><t>row</t></r></is></c></row>`},
			{"xl/worksheets/sheet3.xml", `<row r="1"><c r="B1" t="s"><v>0</v></c></row><row r="2"/>`},
		})
}

// TestOOXMLSheetCells checks every kind of cell, the sheets' order and
// the resolution of their parts.
func TestOOXMLSheetCells(t *testing.T) {
	data := xlsxCellsWorkbook(t)
	res, err := meta.NewOOXML().Extract(context.Background(), officeInput("cells.xlsx", officeXlsx, data), meta.Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, []string{"Summary", "Data", "Hidden"}, res.Metadata.Raw["SheetNames"])
	assert.Equal(t, "\tCode\n\n"+ // Summary: B1, a field before it
		"Code\t東京樹脂\n"+
		"横浜\t\t\tTRUE\tFALSE\t#N/A\n"+
		"3\t1\t2\tTotal: 3\t\t padded \n"+ // E4 has no cached value: an empty field
		"2024-01-31T00:00:00\t0.1\t1.5E-3\n\n"+
		"hidden row", res.Text)
	assert.NotContains(t, res.Text, "トウキョウ", "phonetic runs are left out")
	assert.NotContains(t, res.Text, "SUM(", "formulas are left out, their values kept")
}

// TestOOXMLSheetsFixtures checks the cells of the workbooks of
// testdata/office: one from internal/docgen, one LibreOffice wrote.
func TestOOXMLSheetsFixtures(t *testing.T) {
	for _, f := range []string{"docgen_ledger.xlsx", "lo_ledger.xlsx"} {
		t.Run(f, func(t *testing.T) {
			res, err := meta.NewOOXML().Extract(context.Background(), officeInput(f, officeXlsx, officeRead(t, f)), meta.Limits{})
			require.NoError(t, err)
			assert.Equal(t, "Code\tName\nS-001\tExample Systems Ltd.\nS-002\t東京樹脂株式会社\n\nYear\tAmount\n2020\t4500000", res.Text)
		})
	}
}

// xlsxBadIndex is a workbook whose sheet refers to shared strings that
// the table of two does not hold, or by no number.
func xlsxBadIndex(t testing.TB) []byte {
	return xlsxPackage(t, [][2]string{{"Data", "rId1"}}, [][2]string{{"rId1", "worksheets/sheet1.xml"}},
		`<si><t>Code</t></si><si><t>Name</t></si>`,
		[][2]string{{"xl/worksheets/sheet1.xml",
			`<row><c t="s"><v>0</v></c><c t="s"><v>99</v></c><c t="s"><v>1</v></c></row>` +
				`<row><c t="s"><v>-1</v></c><c t="s"><v>1e3</v></c><c t="s"><v>99999999999999999999</v></c><c><v>7</v></c></row>`}})
}

func TestOOXMLSheetBadIndex(t *testing.T) {
	res, err := meta.NewOOXML().Extract(context.Background(), officeInput("bad.xlsx", officeXlsx, xlsxBadIndex(t)), meta.Limits{})
	require.NoError(t, err)
	assert.Equal(t, "Code\tName\n7", res.Text, "the cells that resolve, and the number")
	assert.False(t, res.TextTruncated, "nothing was left out for a limit")
	require.Len(t, res.Warnings, 1)
	assert.ErrorIs(t, res.Warnings[0], meta.ErrFormat)
	assert.Contains(t, res.Warnings[0].Error(), "4 cells refer to no shared string (the table holds 2)")
}

// xlsxManyStrings is a workbook whose table holds n strings "sNNNNNN"
// and whose sheet refers to each in turn, ten a row.
func xlsxManyStrings(t testing.TB, n int) []byte {
	var sst, rows strings.Builder
	for i := range n {
		fmt.Fprintf(&sst, `<si><t>s%06d</t></si>`, i)
		if i%10 == 0 {
			rows.WriteString(`<row>`)
		}
		fmt.Fprintf(&rows, `<c t="s"><v>%d</v></c>`, i)
		if i%10 == 9 || i == n-1 {
			rows.WriteString(`</row>`)
		}
	}
	return xlsxPackage(t, [][2]string{{"Data", "rId1"}}, [][2]string{{"rId1", "worksheets/sheet1.xml"}},
		sst.String(), [][2]string{{"xl/worksheets/sheet1.xml", rows.String()}})
}

// TestOOXMLSharedStringsBudget checks that the table is kept within the
// text budget, each entry counting its bytes and one more, and that the
// cells past it are left out with a warning and the text marked cut.
func TestOOXMLSharedStringsBudget(t *testing.T) {
	data := xlsxManyStrings(t, 20000)
	const budget = 4000 // 500 entries of 7 bytes and one
	res, err := meta.NewOOXML().Extract(context.Background(), officeInput("many.xlsx", officeXlsx, data), meta.Limits{MaxTextBytes: budget})
	require.NoError(t, err)
	assert.True(t, res.TextTruncated)
	assert.LessOrEqual(t, len(res.Text), budget)
	assert.True(t, strings.HasPrefix(res.Text, "s000000\ts000001\t"), res.Text[:40])
	assert.Contains(t, res.Text, "s000499")
	assert.NotContains(t, res.Text, "s000500", "past the table kept")
	var limits []string
	for _, w := range res.Warnings {
		if errors.Is(w, meta.ErrLimit) {
			limits = append(limits, w.Error())
		}
	}
	assert.Len(t, limits, 2, "%v", res.Warnings)
	assert.Contains(t, strings.Join(limits, "\n"), "shared strings past the first 500 (3500 bytes) not kept")
	assert.Contains(t, strings.Join(limits, "\n"), "sheet \"Data\": 19500 cells refer to shared strings past the 500 kept")

	// With the default budget every string is kept and used.
	res, err = meta.NewOOXML().Extract(context.Background(), officeInput("many.xlsx", officeXlsx, data), meta.Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.False(t, res.TextTruncated)
	assert.Equal(t, 20000, len(strings.Fields(res.Text)))
	assert.True(t, strings.HasSuffix(res.Text, "s019999"))
}

// xlsxHugeSheet is a workbook of one sheet of n rows of four cells: a
// shared string, an inline string, two numbers.
func xlsxHugeSheet(t testing.TB, n int) []byte {
	var rows strings.Builder
	for i := range n {
		fmt.Fprintf(&rows, `<row r="%d"><c t="s"><v>%d</v></c><c t="inlineStr"><is><t>row %d</t></is></c><c><v>%d</v></c><c><v>%d.25</v></c></row>`, i+1, i%2, i+1, i*7, i)
	}
	return xlsxPackage(t, [][2]string{{"Data", "rId1"}}, [][2]string{{"rId1", "worksheets/sheet1.xml"}},
		`<si><t>even</t></si><si><t>odd</t></si>`, [][2]string{{"xl/worksheets/sheet1.xml", rows.String()}})
}

// TestOOXMLHugeSheet checks that a sheet is read until the text budget is
// full, and that one larger than the record limit is read up to it.
func TestOOXMLHugeSheet(t *testing.T) {
	data := xlsxHugeSheet(t, 100000) // about 9 MB of XML
	t.Run("text budget", func(t *testing.T) {
		res, err := meta.NewOOXML().Extract(context.Background(), officeInput("huge.xlsx", officeXlsx, data), meta.Limits{MaxTextBytes: 10000})
		require.NoError(t, err)
		assert.True(t, res.TextTruncated)
		assert.LessOrEqual(t, len(res.Text), 10000)
		assert.Greater(t, len(res.Text), 9900)
		assert.True(t, strings.HasPrefix(res.Text, "even\trow 1\t0\t0.25\nodd\trow 2\t7\t1.25\n"), res.Text[:40])
		assert.Empty(t, res.Warnings)
	})
	t.Run("record limit", func(t *testing.T) {
		res, err := meta.NewOOXML().Extract(context.Background(), officeInput("huge.xlsx", officeXlsx, data),
			meta.Limits{MaxRecordBytes: 256 << 10, MaxTextBytes: 64 << 20})
		require.NoError(t, err)
		assert.True(t, res.TextTruncated, "the rows past the limit are left out")
		require.Len(t, res.Warnings, 1)
		assert.ErrorIs(t, res.Warnings[0], meta.ErrLimit)
		lines := strings.Split(res.Text, "\n")
		// 256 KiB of rows of 110 to 130 bytes of XML each.
		assert.Greater(t, len(lines), 256<<10/130)
		assert.Less(t, len(lines), 256<<10/110)
		for i, l := range lines {
			if i < len(lines)-1 { // the last line may be cut inside its row
				require.Equal(t, fmt.Sprintf("%s\trow %d\t%d\t%d.25", []string{"even", "odd"}[i%2], i+1, i*7, i), l)
			}
		}
	})
}

// TestOOXMLSheetsFallback checks that a workbook whose sheets cannot be
// read gives its shared strings, with a warning, and that one without
// workbook.xml gives its worksheets in the order of their numbers.
func TestOOXMLSheetsFallback(t *testing.T) {
	sst := `<si><t>Code</t></si><si><t>Name</t><rPh><t>ナマエ</t></rPh></si><si><t>S-001</t></si>`
	t.Run("sheets damaged", func(t *testing.T) {
		data := officeZip(t,
			officePart{"docProps/app.xml", `<Properties><Company>Example Fibres K.K.</Company></Properties>`},
			officePart{"xl/workbook.xml", `<workbook ` + xlsxMainNS + `><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/></sheets></workbook>`},
			officePart{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="` + xlsxRelNS + `worksheet" Target="worksheets/sheet1.xml"/>` +
				`<Relationship Id="rId2" Type="` + xlsxRelNS + `worksheet" Target="worksheets/missing.xml"/></Relationships>`},
			officePart{"xl/worksheets/sheet1.xml", "\x00\x01 not XML <<<"},
			officePart{"xl/sharedStrings.xml", `<sst ` + xlsxMainNS + `>` + sst + `</sst>`},
		)
		res, err := meta.NewOOXML().Extract(context.Background(), officeInput("damaged.xlsx", officeXlsx, data), meta.Limits{})
		require.NoError(t, err)
		assert.Equal(t, "Code\nName\nS-001", res.Text)
		var msgs []string
		for _, w := range res.Warnings {
			assert.ErrorIs(t, w, meta.ErrFormat)
			msgs = append(msgs, w.Error())
		}
		assert.Contains(t, strings.Join(msgs, "\n"), "none of the 2 worksheets could be read")
		assert.Contains(t, strings.Join(msgs, "\n"), "the text is the shared-string table")
	})
	t.Run("no workbook part", func(t *testing.T) {
		data := officeZip(t,
			officePart{"docProps/app.xml", `<Properties><Company>Example Fibres K.K.</Company></Properties>`},
			officePart{"xl/worksheets/sheet10.xml", `<worksheet ` + xlsxMainNS + `><sheetData><row><c><v>10</v></c></row></sheetData></worksheet>`},
			officePart{"xl/worksheets/sheet2.xml", `<worksheet ` + xlsxMainNS + `><sheetData><row><c t="s"><v>2</v></c><c><v>2</v></c></row></sheetData></worksheet>`},
			officePart{"xl/sharedStrings.xml", `<sst ` + xlsxMainNS + `>` + sst + `</sst>`},
		)
		res, err := meta.NewOOXML().Extract(context.Background(), officeInput("noworkbook.xlsx", officeXlsx, data), meta.Limits{})
		require.NoError(t, err)
		assert.Empty(t, res.Warnings)
		assert.Equal(t, "S-001\t2\n\n10", res.Text)
	})
}

func TestOOXMLSheetCancelled(t *testing.T) {
	data := xlsxHugeSheet(t, 20000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := meta.NewOOXML().Extract(ctx, officeInput("huge.xlsx", officeXlsx, data), meta.Limits{})
	require.ErrorIs(t, err, context.Canceled)
}

// BenchmarkOOXMLSheet reads a workbook of one sheet of 20 000 rows (about
// 2.4 MB of sheet XML, 500 KB of text, within the default text budget);
// the bytes per second are of the package's XML, uncompressed.
func BenchmarkOOXMLSheet(b *testing.B) {
	data := xlsxHugeSheet(b, 20000)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(b, err)
	var size int64
	for _, f := range zr.File {
		size += int64(f.UncompressedSize64)
	}
	ex := meta.NewOOXML()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		res, err := ex.Extract(context.Background(), officeInput("huge.xlsx", officeXlsx, data), meta.Limits{})
		if err != nil || res.TextTruncated {
			b.Fatal(err, res.TextTruncated)
		}
	}
}
