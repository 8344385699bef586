package attrpack

import (
	"fmt"
	"image/color"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The second round's packs of groups (a subsidiary's data claimed as
// the group's, the parent's claimed as a subsidiary's, each on its
// country's domain), of two victims with unequal shares, of evidence
// genuinely split, and of custody in screenshots read only in part.

// mizuchiAsiaPack: the Singapore subsidiary's ship-repair files, sold
// as the group's.
func mizuchiAsiaPack(*docgen.Fonts) *pack {
	f := mizuchiSG
	p := &pack{root: "MIZUCHI_GROUP_leak/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("README.txt", t(9, 1, 2, 0), sellerNote("MIZUCHI SHIPBUILDING group - repair yard data", "quotations, crews, clients"))
	officeSet(p, f, "Repair/", t(7, 14, 16, 0), "Dry-dock schedule Q3 2025", []string{
		"Mizuchi Marine Asia - internal",
		"# Dry-dock schedule Q3 2025 (Tuas yard)",
		"Dock 1: 3 vessels, Dock 2: 2 vessels. Steel renewal 140 t on the first.",
		"Group engineering support from Mizuchi Shipbuilding (Japan) for the scrubber retrofit.",
		`Files: \\sg-fs01.mizuchi-marine.com.sg\Repair\Schedules\2025Q3`,
	}, "Repair quotations July", [][]string{{"Vessel", "Scope", "Quote SGD", "Status"},
		{"(vessel A)", "Hull blasting and painting", "412,000", "won"}, {"(vessel B)", "Scrubber retrofit", "1,850,000", "pending"}},
		"Q3 schedule", "Darren, Priyanka,\n\nthe Q3 schedule is on the share. Dock 2 is tight in September.\n\nKaito\n")
	p.xlsx("Crew/manning_2025-08.xlsx", t(7, 28, 17, 0), f.book(1, 1, "Manning plan August 2025", t(7, 20, 9, 0), t(7, 28, 16, 58), "manning.xltx",
		sheet("Manning", []string{"Trade", "Own staff", "Subcontract"}, []string{"Welders", "42", "30"}, []string{"Painters", "18", "25"}, []string{"Fitters", "26", "12"})))
	p.eml("Repair/RE_scrubber.eml", t(7, 16, 9, 30), f.mail(0, []int{2}, t(7, 16, 9, 30), "RE: scrubber retrofit quote",
		"Kaito,\n\nwe send the quote on Friday once the steel weights are in.\n\nDarren\n"))
	return p
}

// yukishiroKoreaPack: the Korean subsidiary's sales files in Korean,
// claimed as the group's in kanji.
func yukishiroKoreaPack(*docgen.Fonts) *pack {
	f := yukishiroKR
	p := &pack{root: "雪代化粧品_韓国/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	officeSet(p, f, "영업/", t(5, 12, 17, 0), "5월 영업 보고", []string{
		"대외비",
		"# 5월 영업 보고 (서울·부산)",
		"면세점 매출 전년 대비 +12 %. 신제품 세럼 재고 부족.",
		"본사(일본) 마케팅 자료는 6월 도착 예정.",
		`자료: \\sel-fs01.yukishiro.co.kr\영업\보고\2025-05`,
	}, "매장 목록", [][]string{{"매장", "지역", "5월 매출 (만원)", "담당"},
		{"(매장 A)", "서울", "18,400", "김서연"}, {"(매장 B)", "부산", "9,120", "박지훈"}, {"(매장 C)", "서울", "7,760", "이하은"}},
		"5월 보고", "서연 님, 지훈 님,\n\n5월 보고서를 공유 폴더에 올렸습니다.\n\n하은\n")
	p.eml("영업/RE_재고.eml", t(5, 15, 10, 0), f.mail(1, []int{0}, t(5, 15, 10, 0), "RE: 세럼 재고",
		"서연 님,\n\n세럼 재고는 다음 주 입고됩니다.\n\n지훈\n"))
	p.csv("영업/일별매출_2025-05.csv", t(5, 31, 21, 0), numberRows([]string{"일시", "매장1", "매장2", "매장3"}, 31, 1601, f.at(2025, 5, 1, 21, 0), 24*time.Hour))
	return p
}

// yukishiroHQPack: the parent's global brand plan naming its French
// and Korean subsidiaries, claimed as the French subsidiary's.
func yukishiroHQPack(*docgen.Fonts) *pack {
	f := yukishiro
	p := &pack{root: "YUKISHIRO_FRANCE_data/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("README.txt", t(10, 3, 1, 0), sellerNote("YUKISHIRO FRANCE SAS - marketing data", "Paris office"))
	p.pptx("グローバル/2026_ブランド計画.pptx", t(9, 19, 18, 0), f.deck(1, 1, "2026 グローバル ブランド計画", t(9, 1, 9, 0), t(9, 19, 17, 58), "経営会議.potx",
		slide("2026 グローバル ブランド計画", "経営企画部"),
		slide("地域別", "日本: 既存 3 ブランドの刷新", "韓国 (Yukishiro Korea): 免税店", "フランス (Yukishiro France): 百貨店 2 店の新規出店"),
		slide("投資", "広告宣伝費 +8 %")))
	p.xlsx("グローバル/子会社別予算_2026.xlsx", t(9, 24, 17, 0), f.book(1, 3, "子会社別予算 2026", t(9, 10, 9, 0), t(9, 24, 16, 58), "予算.xltx",
		sheet("予算", []string{"会社", "売上 (百万円)", "広告費 (百万円)"}, []string{"雪代化粧品 (本社)", "28,400", "2,950"},
			[]string{"Yukishiro Korea", "3,120", "410"}, []string{"Yukishiro France", "1,480", "290"})))
	p.docx("グローバル/フランス出店_検討メモ.docx", t(9, 12, 16, 0), f.doc(1, 1, "フランス出店 検討メモ", t(9, 11, 9, 0), t(9, 12, 15, 58), "メモ.dotx",
		"社外秘", "# フランス出店 検討メモ", "Yukishiro France からの提案: パリの百貨店 2 店。", "本社の判断: 2026 年下期に 1 店から。"))
	p.eml("mail/ブランド計画.eml", t(9, 19, 18, 20), f.mail(1, []int{0, 2}, t(9, 19, 18, 20), "2026 ブランド計画 (経営会議資料)",
		"葉山さん、白露さん\n\n経営会議の資料を共有に置きました。フランスの出店は下期 1 店で調整します。\n\n雪村\n"))
	p.eml("mail/RE_ブランド計画.eml", t(9, 20, 9, 0), f.mail(0, []int{1}, t(9, 20, 9, 0), "RE: 2026 ブランド計画 (経営会議資料)",
		"雪村さん\n\n確認しました。\n\n葉山\n"))
	return p
}

// mizuchiHQPack: the parent's yard-capacity plan naming its Vietnamese
// subsidiary throughout, claimed as the subsidiary's.
func mizuchiHQPack(*docgen.Fonts) *pack {
	f := mizuchi
	p := &pack{root: "Mizuchi_Vietnam_internal/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.xlsx("生産企画/建造能力計画_2026-2028.xlsx", t(8, 29, 18, 0), f.book(0, 1, "建造能力計画 2026-2028", t(8, 1, 9, 0), t(8, 29, 17, 58), "能力計画.xltx",
		sheet("能力", []string{"工場", "2026", "2027", "2028"}, []string{"本社 第1工場", "6 隻", "6 隻", "7 隻"},
			[]string{"Mizuchi Vietnam (ハイフォン)", "4 隻", "5 隻", "6 隻"}, []string{"Mizuchi Marine Asia (修繕)", "40 隻", "42 隻", "45 隻"})))
	p.docx("生産企画/ベトナム工場_ブロック移管.docx", t(8, 27, 17, 0), f.doc(0, 3, "ベトナム工場へのブロック移管", t(8, 20, 9, 0), t(8, 27, 16, 58), "検討書.dotx",
		"社外秘", "# ベトナム工場へのブロック移管 (検討書)", "対象: 82,000 DWT 型の船尾ブロック。", "Mizuchi Vietnam の溶接工 60 名を増員。本社から指導員 4 名派遣。"))
	p.pptx("生産企画/経営会議_能力計画.pptx", t(8, 29, 18, 10), f.deck(3, 3, "経営会議 建造能力計画", t(8, 25, 9, 0), t(8, 29, 18, 8), "会議資料.potx",
		slide("建造能力計画 2026-2028", "生産企画部"), slide("方針", "船尾ブロックを Mizuchi Vietnam へ移管", "本社は艤装と搭載に集中")))
	p.eml("mail/能力計画.eml", t(8, 29, 18, 30), f.mail(3, []int{0, 1}, t(8, 29, 18, 30), "建造能力計画 (経営会議資料)",
		"潮田さん、舳倉さん\n\n経営会議の資料を共有に置きました。ベトナムの増員計画を添えています。\n\n波佐見\n"))
	p.eml("mail/RE_能力計画.eml", t(8, 30, 9, 0), f.mail(0, []int{3}, t(8, 30, 9, 0), "RE: 建造能力計画 (経営会議資料)",
		"波佐見さん\n\n指導員の人選は来週決めます。\n\n潮田\n"))
	return p
}

// kazahanaShare adds n files of a railway's maintenance share under
// dir: work plans, inspection records and internal mail.
func kazahanaShare(p *pack, dir string, n int) {
	f := kazahana
	start := f.at(2025, 4, 7, 9, 0)
	for i := range n {
		at := start.Add(time.Duration(i) * 53 * time.Hour)
		switch i % 4 {
		case 0:
			p.xlsx(fmt.Sprintf("%s点検記録/点検記録_%02d.xlsx", dir, i), at, f.book(3, 3, fmt.Sprintf("軌道点検記録 第%d回", i+1), at.Add(-4*time.Hour), at, "点検記録.xltx",
				sheet("記録", []string{"区間", "軌間 (mm)", "水準 (mm)", "判定"}, []string{"花見台-北口", fmt.Sprint(1067 + i%3), fmt.Sprint(i % 5), "良"})))
		case 1:
			p.docx(fmt.Sprintf("%s作業計画/作業計画_KZR-%d.docx", dir, 25040+i), at, f.doc(2, 2, fmt.Sprintf("作業計画 KZR-%d", 25040+i), at.Add(-20*time.Hour), at, "作業計画.dotx",
				fmt.Sprintf("# 作業計画 (KZR-%d)", 25040+i), "作業: まくらぎ交換 12 本", "線路閉鎖: 0:40-4:10"))
		case 2:
			p.eml(fmt.Sprintf("%smail/%02d.eml", dir, i), at, f.mail(i%3, []int{(i + 1) % 4}, at, fmt.Sprintf("作業報告 KZR-%d", 25039+i),
				"作業は予定どおり完了しました。記録は共有に置きました。\n"))
		default:
			p.csv(fmt.Sprintf("%s計測/軌道計測_%02d.csv", dir, i), at, numberRows([]string{"time", "gauge_x10", "level_x10"}, 12, uint64(1300+i), at, 10*time.Minute))
		}
	}
}

// sumizomeShare adds a printer's share of five files under dir: a job
// sheet, a report, internal mail and a UNC path to its file server.
func sumizomeShare(p *pack, dir string, t time.Time, n int) {
	f := sumizome
	files := []func(){
		func() {
			p.xlsx(dir+"工程表_2025-05.xlsx", t, f.book(0, 0, "工程表 2025年5月", t.Add(-200*time.Hour), t, "工程表.xltx",
				sheet("工程", []string{"ジョブ", "品名", "部数"}, []string{"J25-0533", "ポスター B2", "2,000"}, []string{"J25-0541", "冊子 32P", "8,000"})))
		},
		func() {
			p.docx(dir+"設備点検報告.docx", t.Add(time.Hour), f.doc(2, 2, "設備点検報告", t.Add(-20*time.Hour), t.Add(time.Hour), "報告書.dotx",
				"# 設備点検報告 (5月)", "LS-40 1号機: 給紙部の調整", `記録: \\smfs01.sumizome-print.co.jp\製造管理\設備\2025-05`))
		},
		func() {
			p.eml(dir+"mail/工程表.eml", t.Add(2*time.Hour), f.mail(0, []int{1, 2}, t.Add(2*time.Hour), "5月 工程表", "各位\n\n5月の工程表です。\n\n墨田\n"))
		},
		func() {
			p.eml(dir+"mail/RE_工程表.eml", t.Add(3*time.Hour), f.mail(1, []int{0}, t.Add(3*time.Hour), "RE: 5月 工程表", "墨田さん\n\n確認しました。\n\n灰谷\n"))
		},
		func() {
			p.csv(dir+"インキ使用量.csv", t.Add(4*time.Hour), numberRows([]string{"日時", "C", "M", "Y", "K"}, 10, 1401, t, 24*time.Hour))
		},
	}
	for _, add := range files[:n] {
		add()
	}
}

// kazahanaSumizomeBundlePack: a file-share dump of forty files, four in
// five a railway's, one in five a printer's in a folder of its own with
// its own custody evidence.
func kazahanaSumizomeBundlePack(*docgen.Fonts) *pack {
	p := &pack{root: "dump_0611/"}
	kazahanaShare(p, "kzfs02/施設部/", 32)
	sumizomeShare(p, "other/smfs01/製造管理/", sumizome.at(2025, 5, 20, 17, 0), 5)
	p.csv("other/smfs01/製造管理/紙在庫.csv", sumizome.at(2025, 5, 21, 9, 0), numberRows([]string{"日時", "コート90", "上質70"}, 8, 1402, sumizome.at(2025, 5, 1, 9, 0), 48*time.Hour))
	p.text("other/smfs01/製造管理/機械一覧.txt", sumizome.at(2025, 5, 21, 9, 5), "LS-40 1号機\nLS-40 2号機\n輪転 R-1\n")
	p.text("dump_info.txt", sumizome.at(2025, 6, 11, 3, 0), "2 shares, 40 files\n")
	return p
}

// fumizukiShare adds n files of a builder's project share under dir.
func fumizukiShare(p *pack, dir string, n int) {
	f := fumizuki
	start := f.at(2025, 2, 3, 9, 0)
	for i := range n {
		at := start.Add(time.Duration(i) * 61 * time.Hour)
		switch i % 4 {
		case 0:
			p.xlsx(fmt.Sprintf("%s工程/週間工程_%02d.xlsx", dir, i), at, f.book(1, 1, fmt.Sprintf("週間工程 第%d週", i+1), at.Add(-10*time.Hour), at, "週間工程.xltx",
				sheet("工程", []string{"工種", "予定", "実績"}, []string{"鉄骨", fmt.Sprint(10 + i), fmt.Sprint(9 + i)})))
		case 1:
			p.docx(fmt.Sprintf("%s安全/KY活動_%02d.docx", dir, i), at, f.doc(2, 2, "KY 活動記録", at.Add(-3*time.Hour), at, "KY記録.dotx",
				"# KY 活動記録", "作業: 高所作業車での外装取付", "対策: 親綱の二重確認"))
		case 2:
			p.eml(fmt.Sprintf("%smail/%02d.eml", dir, i), at, f.mail(i%2, []int{2 + i%2}, at, "工程の件", "工程表を更新しました。共有にあります。\n"))
		default:
			p.csv(fmt.Sprintf("%s計測/沈下計測_%02d.csv", dir, i), at, numberRows([]string{"time", "p1", "p2", "p3"}, 10, uint64(1500+i), at, 12*time.Hour))
		}
	}
}

// tsukikusaFumizukiBundlePack: a builder's project share and, in one
// file in five, a bank's loan files with custody of their own; the
// claim names the bank, the smaller victim.
func tsukikusaFumizukiBundlePack(*docgen.Fonts) *pack {
	p := &pack{root: "leak_bundle/"}
	fumizukiShare(p, "share_A/工事部/FZK-PJ-2407/", 20)
	f := tsukikusa
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.docx("share_B/融資部/稟議書_R25-0402.docx", t(4, 18, 17, 0), f.doc(0, 1, "稟議書 R25-0402", t(4, 15, 9, 0), t(4, 18, 16, 58), "稟議書.dotx",
		"# 稟議書 (R25-0402)", "案件: 設備資金 18,000 千円", "所見: 返済原資は十分。"))
	p.xlsx("share_B/融資部/実行予定_2025-04.xlsx", t(4, 25, 17, 0), f.book(2, 2, "実行予定 2025年4月", t(4, 1, 9, 0), t(4, 25, 16, 58), "実行予定.xltx",
		sheet("予定", []string{"日付", "稟議", "金額 (千円)"}, []string{"4/30", "R25-0402", "18,000"})))
	p.eml("share_B/融資部/mail/R25-0402.eml", t(4, 22, 9, 0), f.mail(0, []int{1, 2}, t(4, 22, 9, 0), "R25-0402 承認",
		"初音さん、庄司さん\n\nR25-0402 は承認されました。\n\n露木\n"))
	p.eml("share_B/融資部/mail/RE_R25-0402.eml", t(4, 22, 10, 0), f.mail(2, []int{0}, t(4, 22, 10, 0), "RE: R25-0402 承認",
		"露木次長\n\n実行は 4/30 で準備します。\n\n庄司\n"))
	p.text("share_B/融資部/保管先.txt", t(4, 25, 17, 10), `\\tkfs02.tsukikusa-shinkin.co.jp\融資部\稟議\2025-04`+"\n")
	return p
}

// jointPackagingPack: a joint packaging project of a printer and a
// cosmetics maker: one document from each, mail each way delivered
// into the other's mailbox, an unsigned schedule.
func jointPackagingPack(*docgen.Fonts) *pack {
	a, b := sumizome, yukishiro
	p := &pack{root: "joint_package_2025/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return a.at(2025, m, d, hh, mm) }
	p.docx("デザイン指示書_化粧箱.docx", t(6, 2, 17, 0), b.doc(2, 2, "化粧箱 デザイン指示書", t(5, 28, 9, 0), t(6, 2, 16, 58), "指示書.dotx",
		"# 化粧箱 デザイン指示書 (秋の限定品)", "特色 2 色 + 箔押し", "納期: 8月末"))
	p.docx("印刷仕様書_化粧箱.docx", t(6, 9, 17, 0), a.doc(1, 1, "化粧箱 印刷仕様書", t(6, 5, 9, 0), t(6, 9, 16, 58), "仕様書.dotx",
		"# 化粧箱 印刷仕様書", "用紙: コートボール 350 g", "加工: 箔押し、型抜き"))
	p.eml("mail/指示書送付.eml", t(6, 2, 17, 20), b.inbound(2, a, []int{1}, t(6, 2, 17, 20), "化粧箱 デザイン指示書の送付", "墨染印刷 灰谷様\n\n指示書を送ります。\n\n白露\n"))
	p.eml("mail/仕様書送付.eml", t(6, 9, 17, 20), a.inbound(1, b, []int{2}, t(6, 9, 17, 20), "化粧箱 印刷仕様書の送付", "雪代化粧品 白露様\n\n仕様書を送ります。\n\n灰谷\n"))
	p.xlsx("日程表.xlsx", t(6, 10, 10, 0), docgen.XlsxSpec{Sheets: []docgen.Sheet{sheet("日程",
		[]string{"工程", "予定"}, []string{"校正 1", "7/04"}, []string{"校正 2", "7/18"}, []string{"本機", "8/05"})}})
	return p
}

// jointStationPack: a joint station rebuild of a railway and a
// builder: one document from each, mail each way, an unsigned schedule.
func jointStationPack(*docgen.Fonts) *pack {
	a, b := kazahana, fumizuki
	p := &pack{root: "北口駅_改良工事/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return a.at(2025, m, d, hh, mm) }
	p.docx("要求仕様_北口駅.docx", t(3, 7, 17, 0), a.doc(1, 1, "北口駅 改良工事 要求仕様", t(3, 1, 9, 0), t(3, 7, 16, 58), "仕様書.dotx",
		"# 北口駅 改良工事 要求仕様", "ホーム延伸 20 m、エレベーター 2 基", "営業線近接工事: 夜間作業"))
	p.xlsx("施工工程_北口駅.xlsx", t(3, 20, 17, 0), b.book(1, 1, "北口駅 施工工程", t(3, 10, 9, 0), t(3, 20, 16, 58), "工程表.xltx",
		sheet("工程", []string{"工種", "開始", "終了"}, []string{"仮設", "2025/05", "2025/06"}, []string{"ホーム延伸", "2025/07", "2025/12"})))
	p.eml("mail/要求仕様.eml", t(3, 7, 17, 20), a.inbound(1, b, []int{0}, t(3, 7, 17, 20), "北口駅 要求仕様の送付", "文月建設 現王園様\n\n要求仕様を送ります。\n\n真柴\n"))
	p.eml("mail/施工工程.eml", t(3, 20, 17, 20), b.inbound(1, a, []int{1}, t(3, 20, 17, 20), "北口駅 施工工程の送付", "風花鉄道 真柴様\n\n施工工程を送ります。\n\n梁瀬\n"))
	p.xlsx("打合せ日程.xlsx", t(3, 21, 10, 0), docgen.XlsxSpec{Sheets: []docgen.Sheet{sheet("日程",
		[]string{"回", "日付", "議題"}, []string{"1", "4/02", "夜間作業の調整"}, []string{"2", "4/16", "仮設計画"})}})
	return p
}

// Screenshot size of the second round: smaller than the first's, so
// that OCR stays quick.
const shot2W, shot2H = 960, 540

// fumizukiCutAddressPack: a web-mail screenshot whose address bar and
// banner are cut at the window's edge, beside a document templated on
// the builder's file server whose author is a generic account.
func fumizukiCutAddressPack(fonts *docgen.Fonts) *pack {
	f := fumizuki
	p := &pack{root: "現場事務所/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.screenshotPNG("mail.png", t(10, 6, 8, 12), docgen.ScreenshotSpec{
		Fonts: fonts, Width: shot2W, Height: shot2H,
		WindowTitle: "受信トレイ - 梁瀬 真琴",
		Address:     "https://mail.fumizuki-kense",
		AppTitle:    "メール", AppColor: color.RGBA{0x2b, 0x57, 0x9a, 0xff},
		Banner:  "yanase@fumizuki-kense",
		Nav:     []string{"受信トレイ", "送信済み", "下書き"},
		Heading: "受信トレイ",
		Columns: []docgen.Column{{Title: "差出人", Width: 200}, {Title: "件名", Width: 320}, {Title: "受信日時", Width: 160}},
		Rows: [][]string{
			{"genouzono@fumizuki-k", "10月 工程会議", "2025/10/06 07:50"},
			{"ishizue@fumizuki-ke", "足場 検査結果", "2025/10/03 16:22"},
			{"samaru@fumizuki-ken", "安全書類 提出", "2025/10/02 11:05"},
		},
		Highlight: 1, Status: "受信トレイ: 57 件", Clock: []string{"8:12", "2025/10/06"},
	}, "Snipping Tool")
	d := f.doc(1, 1, "足場 検査記録", t(10, 3, 9, 0), t(10, 3, 16, 0), "検査記録.dotx",
		"# 足場 検査記録", "検査日: 10/3", "結果: 手すり 2 箇所 是正済み")
	d.App.Company = ""
	d.Core.Creator, d.Core.LastModifiedBy = "genba01", "genba01"
	p.docx("足場検査記録_1003.docx", t(10, 3, 16, 2), d)
	p.pdf("工程表.pdf", t(10, 1, 9, 0), blankPDF("# Schedule October", "Week 41: facade panels", "Week 42: roof waterproofing"))
	p.xlsx("安全書類チェック.xlsx", t(10, 2, 11, 0), docgen.XlsxSpec{Sheets: []docgen.Sheet{sheet("チェック",
		[]string{"書類", "提出", "確認"}, []string{"作業員名簿", "済", "済"}, []string{"持込機械届", "済", ""})}})
	p.text("メモ.txt", t(10, 6, 7, 40), "足場 是正 2 箇所 → 10/3 完了\n外装パネル 搬入 10/8\n")
	return p
}

// tsukikusaBreadcrumbPack: an intranet screenshot whose breadcrumb and
// address give the bank's portal and file server by their short names,
// beside a document templated on the file server by its full name.
func tsukikusaBreadcrumbPack(fonts *docgen.Fonts) *pack {
	f := tsukikusa
	p := &pack{root: "融資部/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.screenshotPNG("portal.png", t(11, 12, 14, 3), docgen.ScreenshotSpec{
		Fonts: fonts, Width: shot2W, Height: shot2H,
		WindowTitle: "稟議書 - 融資部 ポータル",
		Address:     "https://tkportal/sites/yushi/ringi/2025",
		AppTitle:    "融資部 ポータル", AppColor: color.RGBA{0x1d, 0x4e, 0x3a, 0xff},
		Nav:     []string{"ホーム", "融資部", "稟議書", "2025"},
		Heading: "ホーム > 融資部 > 稟議書 > 2025",
		Lines:   []string{`保存先: \\tkfs02\融資部\稟議\2025`},
		Columns: []docgen.Column{{Title: "名前", Width: 300}, {Title: "更新日時", Width: 180}, {Title: "更新者", Width: 160}},
		Rows: [][]string{
			{"稟議書_R25-0511.docx", "2025/11/11 17:40", "初音 美里"},
			{"稟議書_R25-0507.docx", "2025/11/07 16:02", "庄司 航平"},
			{"審査チェック_R25-0511.xlsx", "2025/11/11 17:45", "初音 美里"},
		},
		Status: "3 項目", Clock: []string{"14:03", "2025/11/12"},
	}, "Greenshot")
	d := f.doc(1, 1, "稟議書 R25-0511", t(11, 10, 9, 0), t(11, 11, 17, 38), "稟議書.dotx",
		"# 稟議書 (R25-0511)", "案件: 運転資金 8,000 千円", "所見: 季節資金。")
	d.App.Company = ""
	d.Core.Creator, d.Core.LastModifiedBy = "yushi02", "yushi02"
	p.docx("稟議書_R25-0511.docx", t(11, 11, 17, 40), d)
	p.pdf("金利表.pdf", t(11, 1, 9, 0), blankPDF("# Rate table November", "Short-term prime: 1.875 %", "Long-term: see circular"))
	p.text("審査メモ.txt", t(11, 11, 18, 0), "R25-0511 季節資金 8,000 千円\n決算書 3 期 受領済\n")
	p.csv("実行日程.csv", t(11, 11, 18, 5), [][]string{{"稟議", "実行日", "金額(千円)"}, {"R25-0507", "2025-11-20", "5000"}, {"R25-0511", "2025-11-28", "8000"}})
	return p
}
