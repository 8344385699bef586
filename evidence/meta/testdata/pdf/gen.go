//go:build ignore

// gen writes the base files of the PDF fixtures: base.pdf (built by
// internal/docgen) and letter.docx, which make.sh turns into the
// LibreOffice, exiftool and qpdf variants. Run from this folder:
//
//	go run gen.go && sh make.sh
package main

import (
	"log"
	"os"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

func main() {
	jst := time.FixedZone("JST", 9*3600)
	pdf, err := docgen.PDF(docgen.PDFSpec{
		Info: docgen.PDFInfo{
			Title:    "Quotation Q-2021-0412",
			Author:   "Hanako Sato",
			Subject:  "Purchase of carbon fibre samples",
			Keywords: "quotation, samples",
			Creator:  "Microsoft Word",
			Producer: "Microsoft: Print To PDF",
			Created:  time.Date(2021, 4, 12, 10, 30, 0, 0, jst),
			Modified: time.Date(2021, 4, 13, 9, 15, 0, 0, jst),
		},
		Pages: []docgen.PDFPage{
			{Lines: []string{"# Quotation", "Example Fibres Co., Ltd.", "Item: carbon fibre samples, 3 kg"}},
			{Lines: []string{"Terms: net 30 days", "Contact: sales@example.co.jp"}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("base.pdf", pdf, 0o644); err != nil {
		log.Fatal(err)
	}
	docx, err := docgen.Docx(docgen.DocxSpec{
		Core: docgen.CoreProps{
			Title:   "見積書",
			Creator: "佐藤 花子",
			Created: time.Date(2021, 4, 12, 1, 30, 0, 0, time.UTC),
		},
		App: docgen.AppProps{Company: "Example Fibres Co., Ltd."},
		Paragraphs: []string{
			"# 見積書",
			"株式会社サンプル御中",
			"Quotation for carbon fibre samples, delivery in May.",
			"担当: 佐藤 花子 (sato@example.co.jp)",
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("letter.docx", docx, 0o644); err != nil {
		log.Fatal(err)
	}
}
