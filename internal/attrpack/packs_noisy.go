package attrpack

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// csvRows is the number of data rows of the long CSV files.
const csvRows = 3000

// csvSeed seeds the generator of the long CSV files, so that they are the
// same on every build.
const csvSeed = 0x70726f6f667061 // "proofpa"

// customerCompanies are the companies a customer list names, with the
// domains of their contacts: organisations of orgs.yaml and small
// fictional ones outside it.
var customerCompanies = [][2]string{
	{"Chigusa Foods Co., Ltd.", "chigusa-foods.co.jp"},
	{"Kurogane Heavy Industries, Ltd.", "kurogane-hi.co.jp"},
	{"Asanagi Chemical Co., Ltd.", "asanagi-chem.co.jp"},
	{"Hibari Transport Co., Ltd.", "hibari-unyu.co.jp"},
	{"Saiun Department Store Co., Ltd.", "saiun-dept.co.jp"},
	{"Aizome Pharmaceutical Co., Ltd.", "aizome-pharma.co.jp"},
	{"Hiiragi-kai Medical Corporation", "hiiragi-kai.or.jp"},
	{"Orvantis Systems Co., Ltd.", "orvantis.co.jp"},
	{"Hoshizora Seiki Co., Ltd.", "hoshizora-seiki.co.jp"},
	{"Minato AV Trading Co., Ltd.", "minato-av.co.jp"},
	{"Kitaura Retail Co., Ltd.", "kitaura-retail.co.jp"},
	{"Tomoebashi Foods Co., Ltd.", "tomoebashi-foods.co.jp"},
}

var (
	givenNames  = []string{"Akira", "Yuko", "Hiroshi", "Mai", "Takeshi", "Naomi", "Ryo", "Saki", "Kenji", "Emi", "Daisuke", "Haruka"}
	familyNames = []string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada"}
	products    = []string{"NK-PS20", "NK-PS40", "NK-UPS1500", "NK-DC48", "NK-INV7"}
	depts       = []string{"General Affairs", "IT", "Purchasing", "Design", "Sales", "Facilities"}
)

// customerCSV is Narukami's customer master: csvRows rows naming others.
func customerCSV() [][]string {
	r := rand.New(rand.NewPCG(csvSeed, 1))
	rows := [][]string{{"customer_id", "company", "department", "contact", "email", "product", "installed", "contract_end"}}
	for i := range csvRows {
		c := customerCompanies[r.IntN(len(customerCompanies))]
		g, f := givenNames[r.IntN(len(givenNames))], familyNames[r.IntN(len(familyNames))]
		inst := time.Date(2016+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		rows = append(rows, []string{
			fmt.Sprintf("C%06d", 200000+i), c[0], depts[r.IntN(len(depts))], g + " " + f,
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

// narukamiNoisyPack: Narukami's sales files among many mentions of
// others: a customer master of 3 000 rows, a vendor's invoice, another
// company's press release.
func narukamiNoisyPack(*docgen.Fonts) *pack {
	f := narukami
	p := &pack{root: "sales_2024/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.csv("data/customer_master_2024.csv", t(9, 27, 19, 4), customerCSV())
	p.pdf("press/Asanagi_press_20240910.pdf", t(9, 10, 15, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Asanagi Chemical to expand Kashima plant", Author: "Asanagi Chemical Co., Ltd.", Creator: "Adobe InDesign 18.5", Producer: "Adobe PDF Library 17.0", Created: t(9, 10, 14, 30)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Asanagi Chemical to expand Kashima plant",
			"TOKYO, 10 September 2024 - Asanagi Chemical Co., Ltd. today announced a new polyethylene line.",
			"Press contact: Corporate Communications (press@asanagi-chem.co.jp)",
		}}},
	})
	inv := orvantis.book(2, 2, "Invoice OV-2024-08841", t(9, 4, 17, 0), t(9, 4, 17, 5), "",
		sheet("Invoice", []string{"Orvantis Systems Co., Ltd. - Invoice OV-2024-08841"},
			[]string{"Bill to", "Narukami Electronics Corporation, IT Dept."},
			[]string{"Item", "Qty", "Amount JPY"},
			[]string{"Server maintenance, August 2024", "1", "1,320,000"},
			[]string{"Remit to: Orvantis Systems Co., Ltd., billing@orvantis.co.jp"}))
	p.xlsx("invoices/Orvantis_invoice_OV-2024-08841.xlsx", t(9, 5, 10, 12), inv)
	p.docx("plan/FY2024H2_sales_plan.docx", t(9, 26, 18, 20), f.doc(1, 0, "FY2024 H2 sales plan - power supplies", t(9, 2, 9, 0), t(9, 26, 18, 18), "plan_en.dotx",
		"Narukami Electronics - Confidential",
		"# FY2024 H2 sales plan: industrial power supplies",
		"Key accounts: Kurogane Heavy Industries, Asanagi Chemical, Hibari Transport (depot UPS renewals).",
		"Target: 4,200 units, of which 1,300 NK-UPS1500 replacements.",
		"Owner: Saori Makabe ("+f.email(1)+")",
	))
	p.xlsx("plan/pipeline_2024-09.xlsx", t(9, 27, 9, 10), f.book(1, 0, "パイプライン 2024年9月", t(9, 2, 9, 0), t(9, 27, 9, 8), "pipeline.xltx",
		sheet("案件", []string{"顧客", "台数", "確度", "担当"},
			[]string{"黒鉄重工業株式会社", "320", "A", "真壁"},
			[]string{"朝凪化学", "140", "B", "桐島"},
			[]string{"雲雀運輸株式会社", "210", "B", "真壁"})))
	p.eml("mail/RE_H2_plan.eml", t(9, 27, 19, 30), f.mail(0, []int{1}, t(9, 27, 19, 30), "RE: H2 plan and customer master",
		"真壁さん\n\n顧客マスタは data フォルダにあります。黒鉄重工の更新案件はパイプラインに入れました。\nオーヴァンティスの保守請求も処理済みです。\n\n桐島\n"))
	return p
}

// chigusaPlants are the consignees of Hibari's deliveries.
var chigusaPlants = []string{"千草食品株式会社 第一工場", "千草食品株式会社 第二工場", "千草食品株式会社 厚木物流センター", "千草食品 関西配送センター", "Chigusa Foods Co., Ltd. Osaka DC"}

// deliveryCSV is Hibari's delivery record: 5 000 rows naming Chigusa.
func deliveryCSV() [][]string {
	r := rand.New(rand.NewPCG(csvSeed, 2))
	rows := [][]string{{"伝票番号", "配送日", "荷主", "届け先", "個数", "車番"}}
	start := time.Date(2024, 1, 4, 0, 0, 0, 0, time.UTC)
	const n = 5000
	for i := range n {
		d := start.AddDate(0, 0, i*365/n)
		rows = append(rows, []string{
			fmt.Sprintf("HB24-%05d", i+1), d.Format("2006/01/02"), "千草食品株式会社", chigusaPlants[r.IntN(len(chigusaPlants))],
			fmt.Sprint(10 * (1 + r.IntN(60))), fmt.Sprint(8800 + r.IntN(300)),
		})
	}
	return rows
}

// hibariDeliveriesPack: Hibari's delivery records for its shipper
// Chigusa, sold as Chigusa's.
func hibariDeliveriesPack(*docgen.Fonts) *pack {
	f := hibari
	p := &pack{root: "CHIGUSA_FOODS_logistics/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("README.txt", t(12, 20, 4, 0), "CHIGUSA FOODS - logistics and production data (sample)\n千草食品 物流データ 一部\n")
	p.csv("配送実績_2024.csv", t(12, 28, 20, 15), deliveryCSV())
	p.pdf("発注書_CG-PO-2024-0815.pdf", t(8, 15, 9, 30), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Transport order CG-PO-2024-0815", Author: "Chigusa Foods Co., Ltd.", Producer: "JasperReports Library 6.20", Created: t(8, 15, 9, 0)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Chigusa Foods Co., Ltd. - Transport order",
			"Order: CG-PO-2024-0815   Carrier: Hibari Transport Co., Ltd.",
			"Frozen, -18 C: Plant 2 -> Osaka DC, 40 pallets weekly",
		}}},
	})
	p.xlsx("配車計画_2025上期.xlsx", t(12, 26, 17, 45), f.book(0, 1, "配車計画 2025年度上期 (千草食品様)", t(12, 1, 9, 0), t(12, 26, 17, 43), "配車計画.xltx",
		sheet("計画", []string{"届け先", "4月", "5月", "6月"},
			[]string{"千草食品 第二工場", "42", "40", "44"},
			[]string{"千草食品 関西配送センター", "30", "28", "31"})))
	p.eml("mail/配車計画.eml", t(12, 26, 18, 0), f.mail(0, []int{1}, t(12, 26, 18, 0), "千草食品様 上期配車計画",
		"日向さん\n\n上期の配車計画を共有フォルダに置きました。冷凍車の台数を確認してください。\n\n大門\n"))
	p.eml("mail/RE_配車計画.eml", t(12, 27, 9, 15), f.mail(1, []int{0, 2}, t(12, 27, 9, 15), "RE: 千草食品様 上期配車計画",
		"大門さん\n\n確認しました。5月は 40 便で足ります。\n\n日向\n"))
	return p
}
