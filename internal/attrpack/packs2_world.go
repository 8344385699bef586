package attrpack

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The second round's packs of owners outside the catalogue (a bakery
// franchisee, a convenience-store franchisee, a heavy-haul carrier, a
// design office), of public material dressed up by the seller, and of
// packs with almost nothing to go on.

// posLog is one line of a store's POS gateway log.
func posLog(host string) func(i int, t time.Time, r *rand.Rand) string {
	return func(i int, t time.Time, r *rand.Rand) string {
		return fmt.Sprintf("%s %s settle batch=%d items=%d total=%d", t.Format("2006-01-02T15:04:05"), host, 1000+i, 20+r.IntN(200), 5000+r.IntN(90000))
	}
}

// yuzutsuFranchiseePack: a bakery franchisee's two stores: its company
// name in documents and signatures, its domain in mail, its NAS and
// POS gateway under the same domain; the brand's manual and notice.
func yuzutsuFranchiseePack(*docgen.Fonts) *pack {
	f, b := yuzutsu, kokage
	p := &pack{root: "KOKAGE_BAKERY_stores/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("README.txt", t(11, 2, 3, 0), sellerNote("木陰ベーカリー KOKAGE BAKERY - franchise stores data", "POS, staff, sales. price 1500 USD"))
	for i, store := range []string{"駅東口店", "みなと通り店"} {
		p.xlsx(fmt.Sprintf("店舗/%s/売上日報_2025-10.xlsx", store), t(10, 31, 21, 10+i), f.book(1, 1, "木陰ベーカリー "+store+" 売上日報 10月", t(10, 1, 7, 0), t(10, 31, 21, 8+i), "日報.xltx",
			sheet("日報", []string{"日", "売上 (円)", "客数", "廃棄 (個)"}, []string{"1", "284,300", "512", "38"}, []string{"2", "301,120", "540", "29"}, []string{"3", "266,780", "498", "44"})))
		p.xlsx(fmt.Sprintf("店舗/%s/シフト_2025-11.xlsx", store), t(10, 25, 22, 0+i), f.book(0, 2, store+" シフト 11月", t(10, 20, 9, 0), t(10, 25, 21, 58), "シフト.xltx",
			sheet("シフト", []string{"氏名", "月", "火", "水", "木", "金", "土"}, []string{"(スタッフ A)", "5-13", "5-13", "休", "5-13", "休", "6-14"},
				[]string{"(スタッフ B)", "13-21", "休", "13-21", "13-21", "13-21", "休"})))
	}
	p.docx("本部対応/衛生点検_是正報告.docx", t(10, 18, 17, 0), f.doc(0, 0, "衛生点検 是正報告", t(10, 17, 9, 0), t(10, 18, 16, 58), "報告.dotx",
		"# 衛生点検 是正報告 (駅東口店)", "指摘: 焼成室の温度記録に欠落 (10/3-10/5)。", "是正: 記録を温度ロガーの自動保存に変更。",
		"株式会社夕星フーズ 代表取締役 星野 夕子"))
	p.text("pos/gw_20251031.log", t(10, 31, 23, 59), logLines(t(10, 31, 7, 0), 40*time.Minute, 20, 1101, posLog("pos-gw.yuzutsu-foods.jp")))
	p.text("pos/backup.txt", t(10, 31, 23, 59), "nightly backup to "+`\\nas01.yuzutsu-foods.jp\店舗共有\pos`+" ok\n")
	p.pdf("本部資料/加盟店運営マニュアル.pdf", t(4, 1, 9, 0), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Franchise store manual 2025", Author: b.company, Creator: "Microsoft Word", Producer: "Adobe PDF Library 17.0", Created: t(3, 20, 9, 0)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Franchise store manual (2025 edition)", "Chapter 2: baking schedule", "Chapter 4: hygiene records"}}},
	})
	p.eml("mail/本部_衛生点検.eml", t(10, 16, 15, 0), b.inbound(1, f, []int{0}, t(10, 16, 15, 0), "【本部】衛生点検の結果について",
		"加盟店オーナー各位\n\n10月の衛生点検の結果をお送りします。是正報告を 10/20 までにご提出ください。\n\n木陰ベーカリー 加盟店支援部\n"))
	p.eml("mail/是正報告_提出.eml", t(10, 18, 17, 20), f.mail(0, []int{1, 2}, t(10, 18, 17, 20), "是正報告を提出しました",
		"宵宮さん、明石さん\n\n本部に是正報告を出しました。温度ロガーは今日から自動保存です。\n\n株式会社夕星フーズ 星野\n"+f.email(0)+"\n"))
	p.eml("mail/RE_シフト.eml", t(10, 25, 22, 10), f.mail(1, []int{0}, t(10, 25, 22, 10), "RE: 11月シフト",
		"社長\n\nみなと通り店の早番が一人足りません。\n\n宵宮\n"))
	return p
}

// komadoriyaFranchiseePack: a convenience-store franchisee's office
// files, claimed by its own company name.
func komadoriyaFranchiseePack(*docgen.Fonts) *pack {
	f, b := komadoriya, marumi
	p := &pack{root: "こまどり屋/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.xlsx("経理/月次損益_2025-08.xlsx", t(9, 5, 20, 0), f.book(1, 1, "月次損益 2025年8月", t(9, 1, 9, 0), t(9, 5, 19, 58), "損益.xltx",
		sheet("損益", []string{"項目", "金額 (円)"}, []string{"売上", "24,812,000"}, []string{"本部チャージ", "3,470,000"}, []string{"人件費", "4,920,000"}, []string{"営業利益", "1,304,000"})))
	p.xlsx("人事/従業員名簿.xlsx", t(8, 1, 10, 0), f.book(0, 0, "従業員名簿", t(4, 1, 9, 0), t(8, 1, 9, 58), "",
		sheet("名簿", []string{"No.", "氏名", "区分", "入社"}, []string{"1", "(従業員 1)", "パート", "2021/04"}, []string{"2", "(従業員 2)", "アルバイト", "2024/10"})))
	p.docx("経理/本部との契約更新メモ.docx", t(8, 20, 16, 0), f.doc(0, 0, "契約更新メモ", t(8, 19, 9, 0), t(8, 20, 15, 58), "メモ.dotx",
		"# 加盟契約 更新メモ", "更新: 2026年3月。チャージ率の見直しを本部 (まるみマート) に相談。", "有限会社こまどり屋 駒鳥 正"))
	p.pdf("本部資料/まるみマート_発注ガイド.pdf", t(6, 1, 9, 0), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Ordering guide 2025", Author: b.company, Producer: "Adobe PDF Library 17.0", Created: t(5, 25, 9, 0)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Ordering guide 2025", "Daily items: order by 10:00", "Frozen: twice weekly"}}},
	})
	p.eml("mail/本部からのお知らせ.eml", t(8, 28, 14, 0), b.inbound(1, f, []int{0}, t(8, 28, 14, 0), "【本部】9月の販促について",
		"加盟店オーナー各位\n\n9月の販促計画を送付します。\n\nまるみマート 店舗運営部\n"))
	p.eml("mail/月次損益.eml", t(9, 5, 20, 10), f.mail(1, []int{0}, t(9, 5, 20, 10), "8月の月次損益",
		"社長\n\n8月の損益をまとめました。人件費が少し増えています。\n\n有限会社こまどり屋 駒鳥 京子\n"+f.email(1)+"\n"))
	p.eml("mail/RE_月次損益.eml", t(9, 6, 8, 0), f.mail(0, []int{1, 2}, t(9, 6, 8, 0), "RE: 8月の月次損益",
		"京子さん\n\n確認しました。9月はシフトを見直します。\n\n駒鳥\n"))
	return p
}

// umibeCarrierPack: a heavy-haul carrier outside the catalogue moving a
// shipbuilder's hull blocks; the shipbuilder is claimed.
func umibeCarrierPack(*docgen.Fonts) *pack {
	f := umibe
	p := &pack{root: "MIZUCHI_yard_logistics/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("README.txt", t(9, 30, 2, 0), "MIZUCHI SHIPBUILDING yard logistics - internal\n蛟造船 内部資料\n")
	p.xlsx("輸送計画/ブロック輸送計画_S-1120.xlsx", t(8, 22, 18, 0), f.book(0, 1, "ブロック輸送計画 S-1120 (蛟造船様)", t(8, 1, 9, 0), t(8, 22, 17, 58), "輸送計画.xltx",
		sheet("計画", []string{"ブロック", "重量 (t)", "出発", "到着", "車両"},
			[]string{"S-1120 B31", "212", "第1工場", "2号岸壁", "SPMT 24 軸"}, []string{"S-1120 B32", "198", "第1工場", "2号岸壁", "SPMT 24 軸"})))
	p.docx("許可/特殊車両通行許可_申請メモ.docx", t(8, 12, 15, 0), f.doc(2, 2, "特殊車両通行許可 申請メモ", t(8, 11, 9, 0), t(8, 12, 14, 58), "申請メモ.dotx",
		"# 特殊車両通行許可 申請メモ", "経路: 第1工場-市道 12 号-2号岸壁 (夜間)", "荷主: 蛟造船株式会社", "誘導員: 6 名"))
	p.pdf("荷主資料/蛟造船_構内交通規則.pdf", t(7, 1, 9, 0), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Yard traffic rules", Author: "Mizuchi Shipbuilding Co., Ltd.", Producer: "Adobe PDF Library 17.0", Created: t(6, 20, 9, 0)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Yard traffic rules for contractors", "Speed limit 10 km/h", "Escort required for loads above 100 t"}}},
	})
	p.eml("mail/B31輸送.eml", t(8, 22, 18, 20), f.mail(0, []int{1, 2}, t(8, 22, 18, 20), "S-1120 B31 輸送の件",
		"渚さん、磯貝さん\n\nB31 は 8/28 夜間に確定しました。SPMT の手配をお願いします。\n\n浜崎\n"))
	p.eml("mail/RE_B31輸送.eml", t(8, 23, 8, 30), f.mail(2, []int{0}, t(8, 23, 8, 30), "RE: S-1120 B31 輸送の件",
		"浜崎さん\n\n手配済みです。誘導員は 6 名です。\n\n海辺海陸運送株式会社 重量物課 磯貝\n"+f.email(2)+"\n"))
	p.eml("mail/許可申請.eml", t(8, 12, 15, 20), f.mail(2, []int{0}, t(8, 12, 15, 20), "特殊車両 許可申請",
		"浜崎さん\n\n申請メモを共有に置きました。\n\n磯貝\n"))
	p.text("輸送計画/保管先.txt", t(8, 22, 18, 30), `\\ubk-fs.umibe-kairiku.co.jp\重量物\S-1120`+"\n")
	return p
}

// shiginoDesignPack: a design office outside the catalogue whose print
// jobs go to a printer; the printer is claimed.
func shiginoDesignPack(*docgen.Fonts) *pack {
	f, pr := shigino, sumizome
	p := &pack{root: "SUMIZOME_PRINTING_jobs/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("README.txt", t(11, 20, 1, 0), sellerNote("SUMIZOME PRINTING 墨染印刷 - customer jobs and artwork", "more on request"))
	p.docx("works/2025-10_商品カタログ/入稿指示書.docx", t(10, 14, 18, 0), f.doc(0, 0, "入稿指示書 商品カタログ", t(10, 13, 9, 0), t(10, 14, 17, 58), "入稿指示.dotx",
		"# 入稿指示書", "印刷会社: 墨染印刷株式会社 製造管理課 御中", "品名: 商品カタログ 48P、12,000 部", "特色: 1 色 (表紙のみ、色見本を添付)",
		"合同会社鴫野デザイン 鴫野 遥人"))
	p.pdf("works/2025-10_商品カタログ/catalogue_v3.pdf", t(10, 14, 17, 0), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Catalogue 2025 autumn v3", Author: "Haruto Shigino", Creator: "Adobe InDesign 19.0", Producer: "Adobe PDF Library 17.0", Created: t(10, 14, 16, 50)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Autumn catalogue 2025", "p.4-5 new arrivals", "p.46 order form"}}},
	})
	p.xlsx("works/案件一覧_2025.xlsx", t(10, 31, 19, 0), f.book(0, 1, "案件一覧 2025", t(1, 6, 9, 0), t(10, 31, 18, 58), "",
		sheet("案件", []string{"月", "案件", "印刷", "状態"}, []string{"9", "会社案内 16P", "墨染印刷", "納品済"}, []string{"10", "商品カタログ 48P", "墨染印刷", "校正中"})))
	p.eml("mail/校正刷り_J25-0620.eml", t(10, 20, 11, 0), pr.inbound(1, f, []int{0}, t(10, 20, 11, 0), "商品カタログ 校正刷りの送付 (J25-0620)",
		"鴫野デザイン 鴫野様\n\n2 校の校正刷りを発送しました。色校の確認をお願いします。\n\n墨染印刷 製造管理課 灰谷\n"))
	p.eml("mail/色校確認.eml", t(10, 21, 10, 0), f.mail(0, []int{1}, t(10, 21, 10, 0), "色校の確認",
		"瑞さん\n\n墨染さんから 2 校が届いたので、表紙の特色を確認してください。\n\n遥人\n"))
	p.eml("mail/RE_色校確認.eml", t(10, 21, 15, 30), f.mail(1, []int{0}, t(10, 21, 15, 30), "RE: 色校の確認",
		"遥人さん\n\n表紙は OK です。p.12 の写真が少し暗いです。\n\n合同会社鴫野デザイン 藤壺 瑞\n"+f.email(1)+"\n"))
	return p
}

// mizuchiPublicPack: a shipbuilder's investor presentation, brochures
// and releases under the seller's folder names, README and cover.
func mizuchiPublicPack(fonts *docgen.Fonts) *pack {
	p := &pack{root: "MIZUCHI_confidential_designs/"}
	t := func(y int, m time.Month, d int) time.Time { return day(jst, y, m, d, 10, 0) }
	p.text("README.txt", t(2025, 12, 1), sellerNote("MIZUCHI SHIPBUILDING (MZCH) - confidential designs and IR", "price 2 BTC", "contact: tox 93AB..."))
	p.cover("cover.png", t(2025, 12, 1), docgen.CoverSpec{Fonts: fonts, Width: 640, Height: 360, Background: color.RGBA{0x08, 0x22, 0x3a, 0xff},
		Lines: []string{"MIZUCHI", "CONFIDENTIAL DESIGNS"}})
	ir := mizuchi.deck(3, 3, "FY2024 決算説明資料", t(2025, 5, 8), t(2025, 5, 14), "",
		slide("2025年3月期 決算説明資料", "蛟造船株式会社 (証券コード 7xxx)"), slide("業績", "売上高 2,840 億円 (+9 %)", "受注残 3.1 年分"),
		slide("中期計画", "アンモニア燃料船の開発"))
	ir.App.Template = ""
	p.pptx("secret_designs/FY2024_決算説明資料.pptx", t(2025, 5, 14), ir)
	const a = "Mizuchi Shipbuilding Co., Ltd."
	p.pdf("secret_designs/82k_bulk_carrier_brochure.pdf", t(2024, 9, 1), publicPDF(a, "82,000 DWT bulk carrier", t(2024, 9, 1),
		"Fuel-efficient hull form, 14.5 knots.", "www.mizuchi-ship.com/products"))
	p.pdf("secret_designs/press_ammonia_2025.pdf", t(2025, 4, 2), publicPDF(a, "Mizuchi to develop ammonia-fuelled bulk carrier", t(2025, 4, 2),
		"TOKYO, 2 April 2025 - Mizuchi Shipbuilding Co., Ltd. (MZCH) announced a joint study.", "Press: pr@mizuchi-zosen.co.jp"))
	p.pdf("finance/integrated_report_2024_excerpt.pdf", t(2024, 10, 30), publicPDF(a, "Integrated report 2024 (excerpt)", t(2024, 10, 30),
		"Our yards: Japan, Singapore, Vietnam."))
	return p
}

// hoshikagePublicPack: an insurer's pamphlets, policy terms and CSR
// report in folders the seller named like customer data.
func hoshikagePublicPack(*docgen.Fonts) *pack {
	p := &pack{root: "星影損保_顧客データ/"}
	t := func(y int, m time.Month, d int) time.Time { return day(jst, y, m, d, 11, 0) }
	const a = "Hoshikage Fire & Marine Insurance Co., Ltd."
	p.pdf("顧客情報/auto_insurance_pamphlet_2025.pdf", t(2025, 1, 10), publicPDF(a, "Motor insurance 2025 - pamphlet", t(2025, 1, 10),
		"24-hour accident support.", "www.hoshikage-sonpo.co.jp/auto"))
	p.pdf("社外秘_約款/fire_insurance_terms_2025.pdf", t(2025, 4, 1), publicPDF(a, "Fire insurance - policy terms (April 2025)", t(2025, 4, 1),
		"Article 1: insured perils", "Article 12: claims procedure"))
	p.pdf("社外秘_約款/csr_report_2024.pdf", t(2024, 9, 30), publicPDF(a, "Sustainability report 2024", t(2024, 9, 30),
		"Disaster-prevention education in 120 schools."))
	p.pdf("顧客情報/agency_guide_2025.pdf", t(2025, 6, 1), publicPDF(a, "How to find an agency near you", t(2025, 6, 1),
		"Search by postcode on our website.", "www.hoshikage-sonpo.co.jp/agency"))
	p.text("顧客情報/問い合わせ窓口.txt", t(2025, 1, 10), "星影損害保険 事故受付センター 0120-000-000 (24 時間)\nwww.hoshikage-sonpo.co.jp\n")
	return p
}

// thinLogsPack: a handful of neutral logs and readings, nothing named.
func thinLogsPack(*docgen.Fonts) *pack {
	p := &pack{root: "data/"}
	start := day(jst, 2025, 2, 3, 0, 0)
	p.text("syslog_0203.txt", start.Add(23*time.Hour), logLines(start, 45*time.Minute, 30, 1201, func(i int, t time.Time, r *rand.Rand) string {
		return fmt.Sprintf("%s 192.168.20.%d sshd[%d]: session opened for user ops", t.Format("Jan _2 15:04:05"), 10+r.IntN(20), 2000+r.IntN(5000))
	}))
	p.csv("sensor_0203.csv", start.Add(23*time.Hour), numberRows([]string{"time", "current_x10", "temp_x10"}, 30, 1202, start, 45*time.Minute))
	p.csv("sensor_0204.csv", start.Add(47*time.Hour), numberRows([]string{"time", "current_x10", "temp_x10"}, 30, 1203, start.Add(24*time.Hour), 45*time.Minute))
	p.pdf("timetable.pdf", start.Add(-240*time.Hour), blankPDF("# Timetable (weekday)", "First train 5:12", "Last train 23:48"))
	p.text("notes.txt", start.Add(20*time.Hour), "check breaker 3\nreplace fan in cabinet B\n")
	return p
}

// thinMentionsPack: a drugstore's shelf plan and order sheet naming the
// claimed cosmetics maker as the maker of what it sells, no metadata.
func thinMentionsPack(*docgen.Fonts) *pack {
	p := &pack{root: "雪代化粧品_流出/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return day(jst, 2025, m, d, hh, mm) }
	p.csv("棚割.csv", t(3, 2, 10, 0), [][]string{{"棚", "メーカー", "商品", "フェイス"},
		{"A-3", "雪代化粧品", "薬用化粧水 200 mL", "3"}, {"A-3", "雪代化粧品", "乳液 120 mL", "2"}, {"A-4", "(メーカー C)", "日焼け止め", "4"}})
	p.xlsx("発注.xlsx", t(3, 3, 9, 0), docgen.XlsxSpec{Sheets: []docgen.Sheet{sheet("発注",
		[]string{"商品", "メーカー", "数量"}, []string{"薬用化粧水 200 mL", "雪代化粧品", "24"}, []string{"日焼け止め", "(メーカー C)", "36"})}})
	p.pdf("売場メモ.pdf", t(3, 4, 11, 0), blankPDF("# Floor memo", "Spring display from 10 March.", "Move sunscreen to the front."))
	p.text("pop.txt", t(3, 4, 12, 0), "春の新作 スキンケア 10% OFF\n")
	p.csv("売上_2月.csv", t(3, 1, 22, 0), numberRows([]string{"日時", "化粧品", "日用品", "医薬品"}, 28, 1602, day(jst, 2025, 2, 1, 22, 0), 24*time.Hour))
	return p
}
