package attrpack

import (
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The packs of this file belong to organisations in no profile: a
// brand's franchisees, a regional supplier, a reseller. Their documents
// carry the company's name (Company fields, signatures) and their mail
// its domain, mostly in different files: an analyst joins the two and
// names the owner by its registrable domain.

// franchisee adds a franchisee's store files: documents with its
// Company field and no address, its internal mail (one with a
// signature that names the company beside the address), and the
// brand's manual and notice as a franchisee receives them.
func franchisee(p *pack, f, brand firm, t time.Time, store, brandName string) {
	at := func(h int) time.Time { return t.Add(time.Duration(h) * time.Hour) }
	p.xlsx("店舗/シフト表_"+t.Format("2006-01")+".xlsx", at(0), f.book(1, 1, store+" シフト表", at(-200), at(0), "シフト表.xltx",
		sheet("シフト", []string{"氏名", "月", "火", "水", "木", "金"},
			[]string{"(スタッフ A)", "6-14", "6-14", "休", "14-22", "14-22"},
			[]string{"(スタッフ B)", "14-22", "休", "6-14", "6-14", "休"},
			[]string{"(スタッフ C)", "22-6", "22-6", "22-6", "休", "休"})))
	p.xlsx("店舗/日報_"+t.Format("2006-01")+".xlsx", at(20), f.book(0, 2, store+" 売上日報", at(-190), at(20), "日報.xltx",
		sheet("日報", []string{"日付", "売上 (円)", "客数", "廃棄 (円)"},
			[]string{"1", "512,300", "884", "14,200"}, []string{"2", "498,110", "861", "11,050"}, []string{"3", "530,940", "902", "16,780"})))
	p.docx("店舗/本部指導_対応記録.docx", at(30), f.doc(0, 0, store+" 本部指導 対応記録", at(28), at(30), "記録.dotx",
		"# 本部指導 対応記録", "指導内容: 揚げ物の廃棄率が基準を超過 ("+brandName+" 本部 巡回)。", "対応: 発注量を 15% 削減。"))
	p.pdf("本部資料/加盟店マニュアル.pdf", at(-500), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Franchise operations manual", Author: brand.company, Creator: "Microsoft Word", Producer: "Adobe PDF Library 17.0", Created: at(-600)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Franchise operations manual (2024 edition)", "Chapter 3: ordering and waste", "Chapter 5: hygiene inspections"}}},
	})
	p.eml("mail/本部からのお知らせ.eml", at(40), brand.inbound(1, f, []int{0}, at(40), "【本部】年末年始の営業について",
		"加盟店オーナー各位\n\n年末年始の営業体制について、添付の通りご確認ください。\n\n"+brandName+" 本部 店舗運営部\n"))
	p.eml("mail/RE_シフト.eml", at(44), f.mail(1, []int{0, 2}, at(44), "RE: 来月のシフト",
		"店長\n\n来月のシフト案です。夜勤が一人足りません。\n"))
	p.eml("mail/本部対応.eml", at(48), f.mail(0, []int{1}, at(48), "本部巡回の件",
		"巡回指導の件、対応記録を作りました。発注量は明日から減らします。\n\n"+f.company+" "+f.name(0)+"\n"+f.email(0)+"\n"))
}

// kawabataMarumiPack: a Marumi Mart franchisee's store files, sold as
// Marumi Mart's.
func kawabataMarumiPack(*docgen.Fonts) *pack {
	p := &pack{root: "MARUMI_MART_stores_data/"}
	p.text("README.txt", day(jst, 2024, 12, 1, 3, 0), sellerNote("MARUMI MART (まるみマート) - store data, sales, staff", "sample of 1 store"))
	franchisee(p, kawabata, marumi, kawabata.at(2024, 11, 10, 22, 0), "まるみマート 川端駅前店", "まるみマート")
	return p
}

// tomoebashiBeanhollowPack: a Beanhollow franchisee's café files, sold
// as Beanhollow's.
func tomoebashiBeanhollowPack(*docgen.Fonts) *pack {
	p := &pack{root: "Beanhollow_Japan_internal/"}
	p.text("README.txt", day(jst, 2025, 4, 2, 3, 0), sellerNote("BEANHOLLOW COFFEE JAPAN - stores + staff", "price 4000 USD"))
	franchisee(p, tomoebashi, beanhollow, tomoebashi.at(2025, 3, 10, 21, 0), "ビーンホロウ 巴橋通り店", "Beanhollow Coffee")
	return p
}

// kitauraMarumiPack: a Marumi Mart franchisee's files, the claim naming
// the franchisee by its domain.
func kitauraMarumiPack(*docgen.Fonts) *pack {
	p := &pack{root: "kitaura/"}
	franchisee(p, kitaura, marumi, kitaura.at(2024, 8, 12, 22, 0), "まるみマート 北浦一丁目店", "まるみマート")
	return p
}

// sazanamiBeanhollowPack: a Beanhollow franchisee's files, the claim
// naming the franchisee by its company name.
func sazanamiBeanhollowPack(*docgen.Fonts) *pack {
	p := &pack{root: "さざなみカフェ/"}
	franchisee(p, sazanami, beanhollow, sazanami.at(2025, 1, 20, 21, 0), "ビーンホロウ 汐見台店", "Beanhollow Coffee")
	return p
}

// hoshizoraPack: a regional supplier outside the catalogue, Kurogane its
// customer, sold as Kurogane's data.
func hoshizoraPack(*docgen.Fonts) *pack {
	f := hoshizora
	p := &pack{root: "KUROGANE_supplier_data/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("README.txt", t(3, 2, 2, 40), "KUROGANE HEAVY INDUSTRIES internal data - supplier network\n黒鉄重工 内部データ サンプル\n")
	p.docx("品質/不具合報告書_Q-24-017.docx", t(2, 21, 16, 30), f.doc(0, 1, "不具合報告書 Q-24-017", t(2, 20, 9, 0), t(2, 21, 16, 28), "不具合報告書.dotx",
		"社外秘", "# 不具合報告書 (Q-24-017)", "黒鉄重工業株式会社 御中",
		"対象品: ブラケット 52118-HS04 (ロット 2402-11)", "現象: 穴位置ずれ 0.3 mm。原因: 治具の摩耗。対策: 治具交換と全数検査。"))
	p.xlsx("出荷/出荷実績_2024-02.xlsx", t(2, 29, 18, 5), f.book(1, 1, "出荷実績 2024年2月", t(2, 1, 8, 30), t(2, 29, 18, 3), "出荷実績.xltx",
		sheet("出荷", []string{"出荷日", "納入先", "品番", "数量"},
			[]string{"2024/02/05", "黒鉄重工業 尼崎工場", "52118-HS04", "1200"},
			[]string{"2024/02/12", "黒鉄重工業 尼崎工場", "52118-HS04", "1600"},
			[]string{"2024/02/19", "鳴神電子 甲府工場", "89341-HS11", "800"})))
	p.eml("mail/Q-24-017報告書.eml", t(2, 21, 16, 45), f.mail(0, []int{1}, t(2, 21, 16, 45), "Q-24-017 報告書 最終版",
		"原田さん\n\n不具合報告書の最終版を共有に置きました。出荷前の全数検査は来週まで継続します。\n\n内田\n"))
	p.eml("mail/RE_Q-24-017報告書.eml", t(2, 22, 8, 50), f.mail(1, []int{0, 2}, t(2, 22, 8, 50), "RE: Q-24-017 報告書 最終版",
		"内田さん\n\n確認しました。尼崎工場向けの次回出荷分から検査記録を添付します。\n\n原田\n"))
	p.eml("mail/治具交換完了.eml", t(2, 26, 7, 55), f.mail(2, []int{0, 1}, t(2, 26, 7, 55), "治具交換の完了について",
		"各位\n\n第2ラインの治具交換が完了しました。本日から通常の抜き取り検査に戻します。\n\n石井\n"))
	return p
}

// minatoPack: a reseller outside the catalogue selling Narukami's
// products, sold as Narukami's data.
func minatoPack(*docgen.Fonts) *pack {
	f := minato
	p := &pack{root: "NARUKAMI_sales_leak/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("README.txt", t(11, 30, 3, 12), "NARUKAMI ELECTRONICS internal sales data / 鳴神電子 社内データ\n\nSample of 12 GB. Dealer prices, orders, customer lists.\n")
	p.xlsx("在庫表_鳴神電子製品_2024-11.xlsx", t(11, 25, 18, 3), f.book(0, 1, "在庫表 鳴神電子製品 2024年11月", t(11, 1, 9, 0), t(11, 25, 18, 1), "在庫表.xltx",
		sheet("在庫", []string{"メーカー", "型番", "品名", "仕入単価", "在庫"},
			[]string{"鳴神電子", "NK-UPS1500", "UPS 1.5 kVA", "118000", "14"},
			[]string{"鳴神電子", "NK-PS40", "電源ユニット 400 W", "25100", "60"},
			[]string{"Narukami", "NK-DC48", "DC-DC コンバータ", "8500", "42"})))
	p.docx("発注書_MAV-2024-1187.docx", t(11, 18, 11, 40), f.doc(0, 0, "発注書 MAV-2024-1187", t(11, 18, 11, 0), t(11, 18, 11, 38), "発注書.dotx",
		"# 発注書 (MAV-2024-1187)", "鳴神電子株式会社 営業部 御中", "品名: NK-UPS1500 20 台、NK-PS40 50 台", "納期: 2024年12月2日"))
	p.pdf("鳴神電子_販売店価格表_2024冬.pdf", t(10, 31, 10, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Dealer price list winter 2024", Author: "Narukami Electronics Corporation", Producer: "Adobe PDF Library 17.0", Created: t(10, 28, 15, 0)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Narukami Electronics - dealer price list, winter 2024",
			"NK-UPS1500 ........ 118,000 JPY", "NK-PS40 ........... 25,100 JPY", "For authorised dealers only."}}},
	})
	p.eml("mail/在庫表11月分.eml", t(11, 25, 18, 20), f.mail(1, []int{0}, t(11, 25, 18, 20), "在庫表 11月分 更新しました",
		"佐々木さん\n\n11月分の在庫表を共有フォルダに置きました。UPS の在庫が少ないので追加発注をご検討ください。\n\n井上\n"))
	p.eml("mail/RE_在庫表11月分.eml", t(11, 25, 19, 2), f.mail(0, []int{1, 2}, t(11, 25, 19, 2), "RE: 在庫表 11月分 更新しました",
		"井上さん\n\nありがとうございます。来週の発注に含めます。\n\n佐々木\n"))
	return p
}
