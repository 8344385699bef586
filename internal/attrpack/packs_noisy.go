package attrpack

import (
	"fmt"
	"math/rand/v2"
	"net/mail"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// csvRows is the number of data rows of the long CSV files.
const csvRows = 5000

// csvSeed seeds the generator of the long CSV files, so that they are the
// same on every build.
const csvSeed = 0x70726f6f667061 // "proofpa"

// customerCompanies are the companies the customer list names, with the
// domains of their contacts: big catalogue names and small fictional ones.
var customerCompanies = [][2]string{
	{"Sony Group Corporation", "sony.co.jp"},
	{"Panasonic Holdings Corporation", "panasonic.com"},
	{"Hitachi, Ltd.", "hitachi.co.jp"},
	{"Toyota Motor Corporation", "toyota.co.jp"},
	{"NEC Corporation", "nec.com"},
	{"Fujitsu Limited", "fujitsu.com"},
	{"Honda Motor Co., Ltd.", "honda.co.jp"},
	{"Nissan Motor Co., Ltd.", "nissan.co.jp"},
	{"Toshiba Corporation", "toshiba.co.jp"},
	{"KDDI Corporation", "kddi.com"},
	{"SoftBank Corp.", "softbank.jp"},
	{"Rakuten Group, Inc.", "rakuten.co.jp"},
	{"Mitsubishi Electric Corporation", "mitsubishielectric.co.jp"},
	{"Kawabe Printing Co., Ltd.", "kawabe-print.example"},
	{"Aoba Design Office", "aoba-design.example"},
}

var (
	givenNames  = []string{"Akira", "Yuko", "Hiroshi", "Mai", "Takeshi", "Naomi", "Ryo", "Saki", "Kenji", "Emi", "Daisuke", "Haruka"}
	familyNames = []string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada"}
	products    = []string{"imageRUNNER ADVANCE DX C5860F", "imageRUNNER ADVANCE DX C3930F", "imagePRESS V1000", "imageFORMULA DR-G2140", "uniFLOW Online"}
	depts       = []string{"General Affairs", "IT", "Purchasing", "Design", "Sales", "Accounting"}
)

// customerCSV is Canon's customer master: csvRows rows naming others.
func customerCSV() [][]string {
	r := rand.New(rand.NewPCG(csvSeed, 1))
	rows := [][]string{{"customer_id", "company", "department", "contact", "email", "product", "installed", "contract_end"}}
	for i := range csvRows {
		c := customerCompanies[r.IntN(len(customerCompanies))]
		g, f := givenNames[r.IntN(len(givenNames))], familyNames[r.IntN(len(familyNames))]
		inst := time.Date(2015+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		rows = append(rows, []string{
			fmt.Sprintf("C%06d", 100000+i), c[0], depts[r.IntN(len(depts))], g + " " + f,
			fmt.Sprintf("%c.%s@%s", g[0]+'a'-'A', lower(f), c[1]),
			products[r.IntN(len(products))], inst.Format("2006-01-02"), inst.AddDate(5, 0, -1).Format("2006-01-02"),
		})
	}
	return rows
}

// lower is strings.ToLower for ASCII names.
func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// canonPack: Canon's files among many mentions of others.
func canonPack(*docgen.Fonts) *pack {
	p := &pack{root: "canon_sales_jp/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2023, time.Month(m), d, hh, mm) }
	p.csv("data/customer_master_2023.csv", t(9, 29, 19, 4), customerCSV())
	p.pdf("press/Sony_press_release_20230912.pdf", t(9, 12, 15, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Sony announces new professional camera line", Author: "Sony Group Corporation", Creator: "Adobe InDesign 18.5", Producer: "Adobe PDF Library 17.0", Created: t(9, 12, 14, 30)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Sony announces new professional camera line",
			"TOKYO, 12 September 2023 - Sony Group Corporation today announced a new line of",
			"professional cameras for broadcast and cinema, shipping from November.",
			"Press contact: Sony Group Corporation, Corporate Communications (press@sony.com)",
		}}},
	})
	p.xlsx("invoices/NEC_invoice_INV-2023-08841.xlsx", t(9, 5, 10, 12), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "Invoice INV-2023-08841", Creator: "NEC Billing Center", LastModifiedBy: "NEC Billing Center", Created: t(9, 4, 17, 0), Modified: t(9, 4, 17, 5)},
		App:  docgen.AppProps{Company: "NEC Corporation"},
		Sheets: []docgen.Sheet{{Name: "Invoice", Rows: [][]string{
			{"NEC Corporation - Invoice INV-2023-08841"},
			{"Bill to", "Canon Inc., IT Division"},
			{"Item", "Qty", "Amount JPY"},
			{"Server maintenance, August 2023", "1", "1,320,000"},
			{"Remit to: NEC Corporation, billing@nec.com"},
		}}},
	})
	p.docx("sales/FY2023H2_sales_plan.docx", t(9, 28, 18, 20), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "FY2023 H2 sales plan - office solutions", Creator: "Takumi Okada", LastModifiedBy: "Nanami Endo",
			Created: t(9, 1, 9, 0), Modified: t(9, 28, 18, 18)},
		App: docgen.AppProps{Company: "Canon Inc.", Template: `\\cfs-sales.jp.canon.com\templates\plan_en.dotx`},
		Paragraphs: []string{
			"Canon Inc. - Confidential",
			"# FY2023 H2 sales plan: office solutions",
			"Key accounts: Sony, Panasonic, Hitachi, Toyota (renewals of multifunction fleets).",
			"Target: 1,840 units, of which 620 imageRUNNER ADVANCE DX replacements.",
			"Owner: Takumi Okada (okada.takumi@canon.com)",
		},
	})
	p.xlsx("sales/pipeline_2023-09.xlsx", t(9, 29, 9, 10), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "パイプライン 2023年9月", Creator: "遠藤 七海", LastModifiedBy: "岡田 拓海", Created: t(9, 1, 9, 0), Modified: t(9, 29, 9, 8)},
		App:  docgen.AppProps{Company: "キヤノン株式会社", Template: `\\cfs-sales.jp.canon.com\templates\pipeline.xltx`},
		Sheets: []docgen.Sheet{{Name: "案件", Rows: [][]string{
			{"顧客", "台数", "確度", "担当"},
			{"ソニーグループ株式会社", "120", "A", "岡田"},
			{"パナソニック", "85", "B", "遠藤"},
			{"トヨタ自動車株式会社", "210", "B", "岡田"},
		}}},
	})
	sent := t(9, 29, 19, 30)
	p.eml("mail/RE_H2_plan.eml", sent, internalMail{
		from: addr("Nanami Endo", "endo.nanami@canon.com"),
		to:   []mail.Address{addr("Takumi Okada", "okada.takumi@canon.com")},
		date: sent, subject: "RE: H2 plan and customer master",
		body: "Okada-san,\n\nThe customer master export is in the data folder. Sony and Toyota renewals\n" +
			"are in the pipeline sheet. The NEC invoice for server maintenance is filed.\n\nEndo\n",
		mbx: "mbx05.jp.canon.com", mbxIP: "10.9.5.18", gw: "mail.canon.com",
	}.spec())
	return p
}

// toyotaPlants are the consignees of Denso's shipments.
var toyotaPlants = []string{"トヨタ自動車株式会社 元町工場", "トヨタ自動車株式会社 堤工場", "トヨタ自動車株式会社 田原工場", "トヨタ自動車株式会社 高岡工場", "Toyota Motor Manufacturing Kentucky"}

// shipmentCSV is Denso's shipment record: csvRows rows naming Toyota.
func shipmentCSV() [][]string {
	r := rand.New(rand.NewPCG(csvSeed, 2))
	parts := []string{"89661-47A10", "89661-47B20", "23250-0T030", "88450-48010", "89341-33180"}
	rows := [][]string{{"出荷番号", "出荷日", "納入先", "品番", "数量", "ロット"}}
	start := time.Date(2022, 1, 4, 0, 0, 0, 0, time.UTC)
	for i := range csvRows {
		d := start.AddDate(0, 0, i*365/csvRows)
		rows = append(rows, []string{
			fmt.Sprintf("SH22-%05d", i+1), d.Format("2006/01/02"), toyotaPlants[r.IntN(len(toyotaPlants))],
			parts[r.IntN(len(parts))], fmt.Sprint(100 * (1 + r.IntN(40))), fmt.Sprintf("L%s-%02d", d.Format("0102"), r.IntN(20)),
		})
	}
	return rows
}

// densoPack: Denso's shipment files, Toyota the customer.
func densoPack(*docgen.Fonts) *pack {
	p := &pack{root: "TOYOTA_production/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2022, time.Month(m), d, hh, mm) }
	p.text("README.txt", t(12, 20, 4, 0), "TOYOTA MOTOR - production and logistics data (sample)\nトヨタ 生産データ 一部抜粋\n")
	p.csv("出荷実績_2022.csv", t(12, 28, 20, 15), shipmentCSV())
	p.pdf("注文書_PO-7741-2022-0815.pdf", t(8, 15, 9, 30), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Purchase Order PO-7741-2022-0815", Author: "Toyota Motor Corporation", Producer: "JasperReports Library 6.20", Created: t(8, 15, 9, 0)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Toyota Motor Corporation - Purchase Order",
			"PO number: PO-7741-2022-0815",
			"Supplier: DENSO Corporation",
			"Part 89661-47A10 ECU assembly  qty 12,000  delivery: Motomachi plant",
			"Part 23250-0T030 injector      qty 30,000  delivery: Tsutsumi plant",
		}}},
	})
	p.xlsx("納入計画_2023上期.xlsx", t(12, 26, 17, 45), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "納入計画 2023年度上期", Creator: "石原 慎也", LastModifiedBy: "酒井 綾", Created: t(12, 1, 9, 0), Modified: t(12, 26, 17, 43)},
		App:  docgen.AppProps{Company: "株式会社デンソー", Template: `\\dnfs-logi.denso.com\物流管理\様式\納入計画.xltx`},
		Sheets: []docgen.Sheet{{Name: "計画", Rows: [][]string{
			{"納入先", "品番", "4月", "5月", "6月"},
			{"トヨタ自動車 元町工場", "89661-47A10", "12000", "11500", "12400"},
			{"トヨタ自動車 堤工場", "23250-0T030", "30000", "28000", "31000"},
		}}},
	})
	p.docx("物流会議_議事録_1222.docx", t(12, 22, 18, 0), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "物流会議 議事録 12/22", Creator: "酒井 綾", LastModifiedBy: "石原 慎也", Created: t(12, 22, 15, 0), Modified: t(12, 22, 17, 58)},
		App:  docgen.AppProps{Company: "株式会社デンソー", Template: `\\dnfs-logi.denso.com\物流管理\様式\議事録.dotx`},
		Paragraphs: []string{
			"社外秘",
			"# 物流会議 議事録 (12月22日)",
			"株式会社デンソー 物流管理部",
			"1. トヨタ自動車向け 1月納入分の便数を週6便に増やす。",
			"2. 堤工場向けインジェクタの在庫を 2 日分積み増す。",
		},
	})
	for i, m := range []internalMail{
		{from: addr("石原 慎也", "ishihara.shinya@denso.com"), to: []mail.Address{addr("酒井 綾", "sakai.aya@denso.com")},
			date: t(12, 26, 18, 0), subject: "納入計画 上期版",
			body: "酒井さん\n\n上期の納入計画を共有フォルダに置きました。\n元町向けの数量を確認してください。\n\n石原\n"},
		{from: addr("酒井 綾", "sakai.aya@denso.com"), to: []mail.Address{addr("石原 慎也", "ishihara.shinya@denso.com")},
			cc: []mail.Address{addr("物流管理部", "logi-kanri@denso.com")}, date: t(12, 27, 9, 15), subject: "RE: 納入計画 上期版",
			body: "石原さん\n\n確認しました。5月分を 11,500 に修正済みです。\n\n酒井\n"},
	} {
		m.charset = docgen.CharsetISO2022JP
		m.mbx, m.mbxIP, m.gw = "mbx-logi.denso.com", "10.120.4.9", "mail.denso.com"
		p.eml([]string{"mail/納入計画上期版.eml", "mail/RE_納入計画上期版.eml"}[i], m.date, m.spec())
	}
	return p
}
