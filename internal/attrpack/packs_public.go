package attrpack

import (
	"image/color"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The packs of this file show no custody at all: public material that
// the seller dressed up as a breach (folder and file names, a README, a
// cover image echoing the claim), and packs with almost nothing to go on.

// publicPDF is a document its organisation published: a brochure, a
// press release, a data sheet, with the author its marketing tools set.
func publicPDF(author, title string, created time.Time, lines ...string) docgen.PDFSpec {
	return docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: title, Author: author, Creator: "Adobe InDesign 19.0", Producer: "Adobe PDF Library 17.0", Created: created, Modified: created},
		Pages: []docgen.PDFPage{{Lines: append([]string{"# " + title}, lines...)}},
	}
}

// kuroganePublicPack: Kurogane's brochures and press releases under a
// seller's folder names, README and cover image.
func kuroganePublicPack(fonts *docgen.Fonts) *pack {
	p := &pack{root: "KUROGANE_internal_confidential/"}
	t := func(y int, m time.Month, d int) time.Time { return day(jst, y, m, d, 10, 0) }
	p.text("README.txt", t(2025, 2, 1), sellerNote("KUROGANE HEAVY INDUSTRIES - INTERNAL CONFIDENTIAL", "40 GB: designs, customers, finance. This is proof.", "price 6 BTC, contact tox 7F3A..."))
	p.cover("KUROGANE_LEAK.png", t(2025, 2, 1), docgen.CoverSpec{Fonts: fonts, Background: color.RGBA{0x12, 0x12, 0x14, 0xff},
		Lines: []string{"KUROGANE", "黒鉄重工業 社内資料 40GB", "LEAKED 2025"}})
	const a = "Kurogane Heavy Industries, Ltd."
	p.pdf("internal_designs/kurogane_HP800_brochure.pdf", t(2024, 4, 2), publicPDF(a, "HP-800 hydraulic press", t(2024, 4, 2),
		"800 t servo-hydraulic press for deep drawing.", "Light curtain and noise hood as standard.", "www.kurogane-hi.co.jp/products/hp800"))
	p.pdf("internal_designs/kurogane_HP400_brochure.pdf", t(2023, 9, 14), publicPDF(a, "HP-400 hydraulic press", t(2023, 9, 14),
		"400 t press for blanking and forming.", "Contact: sales@kurogane-hi.co.jp"))
	p.pdf("finance_confidential/press_release_FY2024_results.pdf", t(2024, 5, 10), publicPDF(a, "Kurogane reports FY2024 results", t(2024, 5, 10),
		"TOKYO, 10 May 2024 - Kurogane Heavy Industries, Ltd. (KRGN) today reported net sales of JPY 201.4 billion.",
		"Investor relations: ir@kurogane-hi.co.jp"))
	p.pdf("finance_confidential/integrated_report_2024_excerpt.pdf", t(2024, 8, 30), publicPDF(a, "Integrated report 2024 (excerpt)", t(2024, 8, 30),
		"Message from the president", "Our group: Japan, Europe, China, Americas."))
	return p
}

// aizomePublicPack: Aizome's press kit and investor material, sold as
// R&D data.
func aizomePublicPack(*docgen.Fonts) *pack {
	p := &pack{root: "AIZOME_PHARMA_RnD_DB/"}
	t := func(y int, m time.Month, d int) time.Time { return day(jst, y, m, d, 15, 0) }
	p.text("AIZOME_README.txt", t(2025, 6, 1), sellerNote("AIZOME PHARMA R&D DATABASE DUMP", "clinical, formulations, partners. Proof inside."))
	const a = "Aizome Pharmaceutical Co., Ltd."
	p.pdf("RnD_secret/AZ-207_phase2_press.pdf", t(2024, 11, 6), publicPDF(a, "Aizome starts phase II study of AZ-207", t(2024, 11, 6),
		"TOKYO, 6 November 2024 - Aizome Pharmaceutical Co., Ltd. today announced the first patient dosed.", "Media contact: pr@aizome-pharma.co.jp"))
	p.pdf("RnD_secret/pipeline_2025.pdf", t(2025, 2, 14), publicPDF(a, "R&D pipeline (as of February 2025)", t(2025, 2, 14),
		"AZ-207  phase II  chronic pain", "AZ-311  phase I   orally disintegrating formulation"))
	p.pdf("investors/IR_presentation_FY2024.pdf", t(2025, 5, 12), publicPDF(a, "FY2024 financial results presentation", t(2025, 5, 12),
		"Revenue JPY 48.2 billion (+6 %)", "R&D expenses JPY 9.1 billion"))
	kit := aizome.doc(1, 1, "Press kit AZ-207", t(2024, 11, 5), t(2024, 11, 5), "",
		"# Press kit: AZ-207", "For immediate release", "About Aizome Pharmaceutical: founded 1952, Tokyo.", "https://www.aizome-pharma.co.jp/news/")
	p.docx("RnD_secret/press_kit_AZ-207.docx", t(2024, 11, 6), kit)
	return p
}

// saiunPublicPack: Saiun's catalogues and flyers under folders named
// like customer data.
func saiunPublicPack(*docgen.Fonts) *pack {
	p := &pack{root: "彩雲百貨店_社外秘/"}
	t := func(y int, m time.Month, d int) time.Time { return day(jst, y, m, d, 11, 0) }
	const a = "Saiun Department Store Co., Ltd."
	p.pdf("顧客データ/flyer_winter_sale.pdf", t(2024, 12, 20), publicPDF(a, "Winter sale 2025", t(2024, 12, 20),
		"2-8 January, all floors", "www.saiun-dept.co.jp/sale"))
	p.pdf("顧客データ/gift_catalogue_2024.pdf", t(2024, 10, 1), publicPDF(a, "Year-end gift catalogue 2024", t(2024, 10, 1),
		"Order online or at the gift counter, 8F.", "Frozen gift sets from Chigusa Foods, p.42"))
	p.pdf("人事/recruit_2025.pdf", t(2024, 3, 1), publicPDF(a, "Careers at Saiun 2025", t(2024, 3, 1),
		"Graduate recruitment, store and head office roles.", "recruit@saiun-dept.co.jp"))
	p.text("人事/求人情報.txt", t(2024, 3, 2), "彩雲百貨店 2025年度 新卒採用\n募集職種: 販売職、本社スタッフ\n応募: 採用サイトから\n")
	return p
}

// narukamiPublicPack: Narukami's data sheets and manuals behind a cover
// image.
func narukamiPublicPack(fonts *docgen.Fonts) *pack {
	p := &pack{root: "NRKM_engineering_full/"}
	t := func(y int, m time.Month, d int) time.Time { return day(jst, y, m, d, 9, 0) }
	p.cover("cover.png", t(2025, 3, 3), docgen.CoverSpec{Fonts: fonts, Background: color.RGBA{0x60, 0x08, 0x08, 0xff},
		Lines: []string{"NARUKAMI", "ELECTRONICS - FULL ENGINEERING DUMP"}})
	const a = "Narukami Electronics Corporation"
	p.pdf("schematics/NK-PS40_datasheet.pdf", t(2024, 2, 1), publicPDF(a, "NK-PS40 400 W power supply - data sheet", t(2024, 2, 1),
		"Input 90-264 V AC, efficiency 92 %", "www.narukami-electronics.com/nk-ps40"))
	p.pdf("schematics/NK-UPS1500_manual.pdf", t(2023, 6, 15), publicPDF(a, "NK-UPS1500 user manual", t(2023, 6, 15),
		"Safety instructions", "Battery replacement: contact your dealer."))
	p.pdf("internal/NK-DC48_application_note.pdf", t(2024, 7, 9), publicPDF(a, "Application note AN-48-02", t(2024, 7, 9),
		"Paralleling NK-DC48 converters", "support@narukami-electronics.com"))
	return p
}

// thinSaiunPack: almost nothing to go on.
func thinSaiunPack(fonts *docgen.Fonts) *pack {
	p := &pack{root: "files/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return day(jst, 2024, m, d, hh, mm) }
	p.pdf("report_q2.pdf", t(7, 10, 9, 0), blankPDF("# Quarterly figures", "Sales grew 4.2 % over the previous quarter.", "Inventory: 312 units."))
	p.pdf("minutes.pdf", t(7, 12, 14, 30), blankPDF("# Meeting notes", "Attendees: section heads.", "1. Budget for the second half approved."))
	p.screenshotPNG("screen1.png", t(7, 14, 10, 2), docgen.ScreenshotSpec{
		Fonts: fonts, Width: 1024, Height: 600,
		WindowTitle: "Sign in - Microsoft Edge",
		Address:     "https://192.168.10.20/login",
		Heading:     "Sign in",
		Lines:       []string{"User name", "Password", "Remember me on this computer"},
		Status:      "Connected",
		Clock:       []string{"10:02", "2024/07/14"},
	}, "Snipping Tool")
	return p
}

// thinChigusaPack: the claimed maker only named, in a shop's price list
// and an order sheet that carry no metadata.
func thinChigusaPack(*docgen.Fonts) *pack {
	p := &pack{root: "千草食品_data/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return day(jst, 2024, m, d, hh, mm) }
	p.csv("price_list.csv", t(5, 2, 10, 0), [][]string{{"メーカー", "商品", "売価"},
		{"千草食品", "鶏の黒酢あん", "398"}, {"千草食品", "鯖の味噌煮", "398"}, {"(メーカー B)", "冷凍餃子", "298"}})
	p.xlsx("order_sheet.xlsx", t(5, 3, 9, 0), docgen.XlsxSpec{Sheets: []docgen.Sheet{sheet("発注",
		[]string{"商品", "メーカー", "数量"}, []string{"鶏の黒酢あん", "千草食品", "24"}, []string{"冷凍餃子", "(メーカー B)", "36"})}})
	p.pdf("memo.pdf", t(5, 4, 11, 0), blankPDF("# Memo", "Frozen section reset on Monday.", "Check freezer 3 temperature log."))
	return p
}
