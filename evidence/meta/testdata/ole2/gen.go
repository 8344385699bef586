//go:build ignore

// gen writes the Office Open XML sources of the OLE2 fixtures into the
// directory named by its argument; gen.sh converts them with LibreOffice.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run gen.go DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	jst := time.FixedZone("JST", 9*60*60)
	core := docgen.CoreProps{
		Title:          "購買依頼書 2021年4月",
		Subject:        "Purchase request",
		Creator:        "北川 花",
		LastModifiedBy: "Kenji Morita",
		Keywords:       "purchase; fibre",
		Description:    "Draft for the Shiga plant",
		Category:       "Procurement",
		Created:        time.Date(2021, 4, 12, 10, 30, 0, 0, jst),
		Modified:       time.Date(2021, 4, 13, 18, 5, 0, 0, jst),
	}
	app := docgen.AppProps{
		Company:  "株式会社サンプル繊維",
		Manager:  "Yuki Sato",
		Template: `\\fs01.corp.example.co.jp\templates\memo.dotx`,
	}
	custom := []docgen.CustomProp{{Name: "Department", Value: "調達部"}}
	doc, err := docgen.Docx(docgen.DocxSpec{Core: core, App: app, Custom: custom,
		Paragraphs: []string{"# 購買依頼書", "Please order 40 rolls of fibre for the Shiga plant."}})
	check(err)
	check(os.WriteFile(filepath.Join(dir, "memo.docx"), doc, 0o644))
	core.Title = "Supplier list"
	xls, err := docgen.Xlsx(docgen.XlsxSpec{Core: core, App: app, Custom: custom,
		Sheets: []docgen.Sheet{{Name: "仕入先", Rows: [][]string{{"code", "name"}, {"1001", "Example Parts KK"}}}}})
	check(err)
	check(os.WriteFile(filepath.Join(dir, "sheet.xlsx"), xls, 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
