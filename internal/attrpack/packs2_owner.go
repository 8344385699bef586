package attrpack

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The second round's packs of one owner: claimed in the forms sellers
// write, with custody only in deep metadata or mail, old data sold as
// new, the seller's notes and cover images, and dumps whose files are
// mostly neutral, custody resting on a few internal hosts.

// hoshikageClaimsSharePack: a file-share dump of an insurer's claims
// department, claimed by a ticker-like alias.
func hoshikageClaimsSharePack(*docgen.Fonts) *pack {
	f := hoshikage
	p := &pack{root: "hk-fs01_dump/損害サービス部/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.xlsx("事故受付/受付一覧_2025-05.xlsx", t(5, 31, 18, 10), f.book(1, 1, "事故受付一覧 2025年5月", t(5, 1, 9, 0), t(5, 31, 18, 8), "受付一覧.xltx",
		sheet("受付", []string{"受付番号", "受付日", "種目", "事故区分", "担当", "状況"},
			[]string{"HSK-CLM-250503", "2025/05/02", "自動車", "車両 単独", "芹沢", "査定中"},
			[]string{"HSK-CLM-250512", "2025/05/09", "火災", "店舗併用住宅", "鬼塚", "見積精査"},
			[]string{"HSK-CLM-250527", "2025/05/21", "自動車", "対物", "芹沢", "支払済"},
			[]string{"HSK-CLM-250544", "2025/05/28", "傷害", "通院", "久遠", "書類待ち"})))
	p.docx("事故受付/査定メモ_HSK-CLM-250512.docx", t(5, 20, 17, 40), f.doc(2, 2, "査定メモ HSK-CLM-250512", t(5, 12, 10, 0), t(5, 20, 17, 38), "査定メモ.dotx",
		"社外秘", "# 査定メモ (HSK-CLM-250512)",
		"事故日: 2025/05/09 種目: 火災 (店舗併用住宅、木造 2 階)",
		"損害額 (見積): 4,820,000 円。協力会社の修理見積を精査中。再調達価額で算定。",
		`写真: \\hk-fs01.hoshikage-sonpo.co.jp\損害サービス部\事故受付\写真\250512`))
	p.photo("事故受付/写真/250512/P5120031.JPG", t(5, 12, 14, 3), 40, docgen.EXIFSpec{Make: "OLYMPUS", Model: "TG-7"})
	p.photo("事故受付/写真/250512/P5120034.JPG", t(5, 12, 14, 9), 90, docgen.EXIFSpec{Make: "OLYMPUS", Model: "TG-7"})
	p.csv("事故受付/支払予定_2025-06.csv", t(5, 30, 16, 0), [][]string{{"受付番号", "支払予定日", "金額"},
		{"HSK-CLM-250503", "2025-06-05", "612000"}, {"HSK-CLM-250527", "2025-06-05", "148300"}, {"HSK-CLM-250544", "2025-06-12", "36000"}})
	p.pdf("規程/査定基準_2025改定.pdf", t(4, 1, 9, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Claims assessment standard (revised April 2025)", Author: "Claims Planning Section", Creator: "Microsoft Word", Producer: "Microsoft: Print To PDF", Created: t(3, 27, 15, 0)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Claims assessment standard (revised April 2025)",
			"1. Building fire: replacement cost, less betterment.", "2. Motor own damage: repair estimate checked against the parts price list.",
			"Internal use only."}}},
	})
	p.xlsx("規程/支払限度額表.xlsx", t(4, 1, 9, 30), f.book(0, 0, "支払限度額表 2025", t(3, 20, 9, 0), t(4, 1, 9, 28), "",
		sheet("限度額", []string{"役職", "自動車", "火災", "傷害"},
			[]string{"担当", "1,000,000", "3,000,000", "500,000"}, []string{"課長", "5,000,000", "10,000,000", "2,000,000"})))
	p.pdf("協力会社/修理見積_MA-2505-118.pdf", t(5, 16, 11, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Repair estimate MA-2505-118", Author: "Maruoka Auto Body", Producer: "PDF-XChange 9.0", Created: t(5, 16, 10, 50)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Repair estimate MA-2505-118", "Shop front shutter and signboard: 1,280,000 JPY",
			"Interior (fire and smoke): 3,540,000 JPY", "Valid 30 days."}}},
	})
	p.eml("mail/RE_250512_見積精査.eml", t(5, 20, 18, 0), f.mail(0, []int{2}, t(5, 20, 18, 0), "RE: 250512 見積精査",
		"鬼塚さん\n\n内装の見積は再調達価額で見直してください。写真は共有に置いたもので足ります。\n\n宇津木\n"))
	p.eml("mail/支払承認_250503.eml", t(5, 29, 10, 5), f.mail(1, []int{0, 3}, t(5, 29, 10, 5), "支払承認のお願い (HSK-CLM-250503)",
		"宇津木課長\n\n250503 の支払承認をお願いします。金額は 612,000 円です。\n\n芹沢\n"))
	p.eml("mail/FW_修理見積.eml", t(5, 16, 11, 30), f.mail(2, []int{0}, t(5, 16, 11, 30), "FW: 修理見積 MA-2505-118",
		"課長\n\n協力工場から見積が届きました。内装が高めです。\n\n鬼塚\n"))
	return p
}

// sumizomeProductionPack: a printer's production control files, claimed
// in half-width katakana.
func sumizomeProductionPack(*docgen.Fonts) *pack {
	f := sumizome
	p := &pack{root: "製造管理/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.xlsx("工程表/週間工程表_2025-W23.xlsx", t(6, 6, 17, 20), f.book(0, 1, "週間工程表 2025 第23週", t(6, 2, 8, 0), t(6, 6, 17, 18), "工程表.xltx",
		sheet("工程", []string{"ジョブ", "品名", "部数", "機械", "刷版", "印刷", "製本"},
			[]string{"J25-0611", "フライヤー A4 両面", "30,000", "LS-40 2号機", "6/2", "6/3", "-"},
			[]string{"J25-0614", "会社案内 16P", "5,000", "LS-40 1号機", "6/3", "6/4", "6/6"},
			[]string{"J25-0620", "商品カタログ 48P", "12,000", "輪転 R-1", "6/4", "6/5", "6/9"})))
	p.pptx("会議/製造会議_2025-06.pptx", t(6, 9, 9, 30), f.deck(0, 0, "製造会議 2025年6月", t(6, 5, 13, 0), t(6, 9, 9, 28), "会議資料.potx",
		slide("製造会議 2025年6月", "製造管理課"),
		slide("5月の実績", "稼働率 輪転 R-1: 82 %", "刷り直し 3 件 (色ブレ 2、見当ずれ 1)"),
		slide("6月の課題", "LS-40 2号機 ローラー交換 (6/14)", "用紙値上げへの対応")))
	p.docx("品質/刷り直し報告_J25-0577.docx", t(5, 28, 16, 0), f.doc(1, 2, "刷り直し報告 J25-0577", t(5, 27, 9, 0), t(5, 28, 15, 58), "報告書.dotx",
		"# 刷り直し報告 (J25-0577)", "現象: 4 色目の色ブレ (ベタ部)。原因: インキ供給量の設定誤り。",
		"対策: 刷り出し検査の濃度測定を 500 枚ごとに変更。",
		`記録: \\smfs01.sumizome-print.co.jp\製造管理\品質\2025\J25-0577`))
	p.pdf("校正/J25-0620_校正刷り.pdf", t(6, 3, 19, 0), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Catalogue 2025 summer - proof 2", Author: "design office", Creator: "Adobe InDesign 19.0", Producer: "Adobe PDF Library 17.0", Created: t(6, 3, 18, 40)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Summer catalogue 2025", "p.12-13: garden furniture", "Proof 2 - check colours against the swatch"}}},
	})
	p.csv("工程表/インキ使用量_5月.csv", t(5, 31, 20, 0), numberRows([]string{"日時", "C", "M", "Y", "K"}, 24, 101, f.at(2025, 5, 1, 8, 0), 31*time.Hour))
	p.eml("mail/RE_2号機ローラー.eml", t(6, 9, 10, 15), f.mail(2, []int{0, 1}, t(6, 9, 10, 15), "RE: 2号機 ローラー交換",
		"墨田さん\n\n14日の交換で段取りします。J25-0611 の刷了は 13 日までに前倒しします。\n\n刷子\n"))
	p.eml("mail/J25-0577_再発防止.eml", t(5, 28, 16, 20), f.mail(1, []int{0, 2, 3}, t(5, 28, 16, 20), "J25-0577 再発防止策",
		"各位\n\n報告書を共有に置きました。濃度測定の頻度変更は明日から実施します。\n\n灰谷\n"))
	p.eml("mail/週間工程.eml", t(6, 6, 17, 30), f.mail(0, []int{1, 2, 3}, t(6, 6, 17, 30), "第23週 工程表",
		"各位\n\n来週の工程表です。輪転は 6/5 に J25-0620 が入ります。\n\n墨田\n"))
	return p
}

// yukishiroHomeBackupPack: a home-directory backup whose bodies name
// nobody; the owner is only in document metadata (template paths, a
// custom property) and photo EXIF.
func yukishiroHomeBackupPack(*docgen.Fonts) *pack {
	f := yukishiro
	p := &pack{root: "backup_k.hayama_20250612/Users/k.hayama/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	strip := func(d docgen.DocxSpec) docgen.DocxSpec {
		d.App.Company = ""
		d.Core.Creator, d.Core.LastModifiedBy = "k.hayama", "k.hayama"
		return d
	}
	owner := []docgen.CustomProp{{Name: "担当者メール", Value: f.email(0)}, {Name: "文書区分", Value: "社内"}}
	d := strip(f.doc(0, 0, "安定性試験 計画", t(4, 2, 9, 0), t(5, 20, 18, 0), "試験計画書.dotx",
		"# 安定性試験 計画 (処方 L-2207)", "保存条件: 40 ℃ 75 %RH、25 ℃ 60 %RH、5 ℃", "測定項目: 外観、粘度、pH、におい", "測定時期: 0, 1, 3, 6 か月"))
	d.Custom = owner
	p.docx("Documents/試験計画/安定性試験計画_L-2207.docx", t(5, 20, 18, 2), d)
	x := f.book(0, 0, "粘度測定", t(5, 1, 9, 0), t(6, 10, 17, 0), "測定記録.xltx",
		sheet("粘度", []string{"ロット", "条件", "0M", "1M", "3M"},
			[]string{"L2207-01", "40/75", "12,400", "12,150", "11,820"},
			[]string{"L2207-01", "25/60", "12,400", "12,380", "12,310"},
			[]string{"L2207-02", "40/75", "12,600", "12,240", "11,900"}))
	x.App.Company = ""
	x.Core.Creator, x.Core.LastModifiedBy = "k.hayama", "k.hayama"
	x.Custom = owner
	p.xlsx("Documents/試験計画/粘度測定_L-2207.xlsx", t(6, 10, 17, 2), x)
	pr := f.deck(0, 0, "処方検討 進捗", t(6, 3, 9, 0), t(6, 11, 19, 0), "報告.potx",
		slide("処方検討 進捗", "6月11日"), slide("L-2207", "40 ℃ で粘度低下 4.7 % (3M)", "増粘剤の増量を検討"), slide("次回", "官能評価 6/20"))
	pr.App.Company = ""
	pr.Core.Creator, pr.Core.LastModifiedBy = "k.hayama", "k.hayama"
	p.pptx("Documents/報告/処方検討_進捗_0611.pptx", t(6, 11, 19, 2), pr)
	p.docx("Desktop/メモ_官能評価.docx", t(6, 11, 12, 0), strip(f.doc(0, 0, "メモ", t(6, 11, 11, 0), t(6, 11, 11, 58), "",
		"官能評価パネル 8 名", "評価項目: のび、べたつき、香り残り", "6/20 10:00-")))
	p.text("Desktop/todo.txt", t(6, 12, 8, 40), "・L-2207 3M データ入力\n・官能評価の案内\n・測定機器の校正予約\n")
	p.text("Documents/memo_0605.txt", t(6, 5, 18, 0), "pH メーター 2 台目 校正期限 6 月末\n粘度計 ローター No.4 破損 → 予備あり\n")
	p.photo("Pictures/2025-06/IMG_4410.JPG", t(6, 10, 15, 12), 70, docgen.EXIFSpec{Make: "OLYMPUS", Model: "TG-7",
		Artist: "Yukishiro Cosmetics R&D", Copyright: "(c) Yukishiro Cosmetics Co., Ltd."})
	p.photo("Pictures/2025-06/IMG_4411.JPG", t(6, 10, 15, 13), 110, docgen.EXIFSpec{Make: "OLYMPUS", Model: "TG-7",
		Artist: "Yukishiro Cosmetics R&D", Copyright: "(c) Yukishiro Cosmetics Co., Ltd."})
	p.pdf("Downloads/viscometer_manual.pdf", t(3, 2, 10, 0), blankPDF("# Rotational viscometer - operating manual", "Select rotor and speed.", "Calibrate with standard oil yearly."))
	p.pdf("Downloads/stability_guideline_summary.pdf", t(2, 14, 9, 0), blankPDF("# Stability testing - summary of guidance", "Long-term, intermediate and accelerated conditions."))
	p.csv("Downloads/temp_log_chamber3.csv", t(6, 12, 7, 0), numberRows([]string{"time", "temp_x10", "rh_x10"}, 40, 201, f.at(2025, 6, 1, 0, 0), 7*time.Hour))
	p.text("AppData/Roaming/Microsoft/Signatures/社内.txt", t(1, 10, 9, 0), "葉山 湊\n研究開発部 処方開発グループ\n内線 4417\n")
	p.text("Documents/desktop.ini", t(1, 10, 9, 0), "[.ShellClassInfo]\nLocalizedResourceName=@%SystemRoot%\\system32\\windows.storage.dll,-21770\n")
	p.text("Favorites/links.txt", t(3, 3, 9, 0), "勤怠: https://kintai.intra/\n試験データ: https://lims.intra/\n")
	return p
}

// fumizukiSitePhotosPack: a construction site's photos and a nested
// backup of its documents; the builder is named only in EXIF, document
// metadata and template paths.
func fumizukiSitePhotosPack(*docgen.Fonts) *pack {
	f := fumizuki
	p := &pack{root: "現場写真_2025-04/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	exif := docgen.EXIFSpec{Make: "Nikon", Model: "COOLPIX W300", Artist: "Fumizuki Construction - site office", Copyright: "Fumizuki Construction Co., Ltd."}
	for i, d := range []int{7, 7, 14, 14, 21} {
		p.photo(fmt.Sprintf("DSCN%04d.JPG", 1180+i), t(4, d, 10+i, 5*i), uint8(30+40*i), exif)
	}
	p.nested("backup_0425.zip", t(4, 25, 19, 0), func(q *pack) {
		x := f.book(2, 2, "出来形管理表", t(4, 1, 8, 0), t(4, 24, 18, 0), "出来形管理.xltx",
			sheet("出来形", []string{"工種", "設計", "実測", "差", "判定"},
				[]string{"基礎 天端高", "0", "+4", "+4", "可"}, []string{"柱芯 X1", "0", "-3", "-3", "可"}, []string{"柱芯 Y4", "0", "+7", "+7", "要確認"}))
		x.App.Company = ""
		q.xlsx("出来形管理表_0424.xlsx", t(4, 24, 18, 2), x)
		d := f.doc(3, 3, "施工計画 変更", t(4, 18, 9, 0), t(4, 22, 17, 0), "施工計画書.dotx",
			"# 施工計画 変更 (第 2 版)", "変更点: 鉄骨建方の順序を B 通りから開始。", "理由: 搬入路の確保。")
		d.App.Company = ""
		q.docx("施工計画_変更2.docx", t(4, 22, 17, 2), d)
	})
	pr := f.deck(1, 1, "工程会議 4月", t(4, 20, 9, 0), t(4, 24, 12, 0), "工程会議.potx",
		slide("工程会議 4月", "第 3 週"), slide("進捗", "基礎 100 %", "鉄骨建方 35 %"), slide("課題", "Y4 通り柱芯 +7 mm の是正"))
	pr.Custom = []docgen.CustomProp{{Name: "作成部署", Value: "文月建設 工事部 第二工事課"}}
	pr.App.Company = ""
	p.pptx("工程会議_0424.pptx", t(4, 24, 12, 2), pr)
	p.text("写真台帳メモ.txt", t(4, 25, 18, 0), "DSCN1180-1181 基礎完了\nDSCN1182-1183 鉄骨搬入\nDSCN1184 建方 1 節\n")
	return p
}

// kazahanaMailboxPack: a mailbox exported as Outlook messages whose
// bodies name nobody: every sender and recipient in the railway's
// domain, every Received chain through its own servers.
func kazahanaMailboxPack(*docgen.Fonts) *pack {
	f := kazahana
	p := &pack{root: "Outlook_export_minegishi/"}
	r := rand.New(rand.NewPCG(csvSeed, 301))
	subjects := []string{"点検計画", "保線作業 日程", "作業届", "週報", "打合せ 日程", "資料 確認", "RE: 点検計画", "RE: 作業届",
		"夜間作業の件", "安全会議 資料", "機材 返却", "RE: 週報"}
	bodies := []string{"資料を共有に置きました。確認をお願いします。", "日程は来週で調整します。", "了解しました。",
		"作業届を提出しました。承認をお願いします。", "当日の人員は 4 名です。", "修正版を送ります。"}
	start := f.at(2025, 3, 3, 8, 30)
	for i := range 24 {
		from := r.IntN(4)
		to := (from + 1 + r.IntN(3)) % 4
		sent := start.Add(time.Duration(i*31+r.IntN(20)) * time.Hour)
		box := "受信トレイ"
		if from == 3 {
			box = "送信済みアイテム"
		}
		subj := subjects[r.IntN(len(subjects))]
		body := fmt.Sprintf("%sさん\n\n%s\n\n%s\n", family(f.staff[to].ja), bodies[r.IntN(len(bodies))], family(f.staff[from].ja))
		p.msg(fmt.Sprintf("%s/%03d_%s.msg", box, i+1, subj), sent.Add(time.Minute), asMSG(f.mail(from, []int{to}, sent, subj, body)))
	}
	p.text("export_log.txt", start.Add(800*time.Hour), "Export started\nFolders: 2\nItems exported: 24\nErrors: 0\n")
	return p
}

// hoshikageInboxPack: a claims desk's inbox: policyholders' mail from
// free-mail and mobile addresses delivered into the insurer's mailboxes,
// and the desk's internal replies, as .eml and .msg.
func hoshikageInboxPack(*docgen.Fonts) *pack {
	f := hoshikage
	p := &pack{root: "claims_desk_inbox/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	senders := []outsider{
		{"", "k.tanabe1984@yahoo.co.jp", "sonicbox-smtp4.yahoo.co.jp", "182.22.12.40"},
		{"大平 由紀", "yuki-ohira@docomo.ne.jp", "mta-snd-e07.mail.docomo.ne.jp", "203.138.180.7"},
		{"", "sakura_mori@yahoo.co.jp", "sonicbox-smtp.yahoo.co.jp", "182.22.12.33"},
	}
	p.eml("inbox/001_事故の連絡.eml", t(7, 1, 21, 14), senders[0].to(f, []int{1}, t(7, 1, 21, 14), "事故の連絡",
		"本日、駐車場で接触事故を起こしました。証券番号は手元にありません。連絡をお願いします。\n"))
	p.msg("inbox/002_写真送付.msg", t(7, 2, 8, 50), asMSG(senders[1].to(f, []int{1}, t(7, 2, 8, 50), "写真を送ります",
		"昨日の事故の写真です。修理工場は近所で探しています。\n")))
	p.eml("inbox/003_保険金の振込.eml", t(7, 3, 12, 5), senders[2].to(f, []int{3}, t(7, 3, 12, 5), "保険金の振込について",
		"振込予定日を教えてください。口座は先日の書類の通りです。\n"))
	p.msg("inbox/004_RE_写真送付.msg", t(7, 2, 9, 30), asMSG(f.mail(1, []int{2}, t(7, 2, 9, 30), "FW: 写真を送ります",
		"鬼塚さん\n\n対物事故の写真が届きました。受付番号を振ってください。\n\n芹沢\n")))
	p.eml("inbox/005_受付番号.eml", t(7, 2, 10, 2), f.mail(2, []int{1}, t(7, 2, 10, 2), "RE: FW: 写真を送ります",
		"芹沢さん\n\nHSK-CLM-250702 で受け付けました。\n\n鬼塚\n"))
	p.msg("inbox/006_振込日回答.msg", t(7, 3, 13, 0), asMSG(f.mail(3, []int{0}, t(7, 3, 13, 0), "振込日の問い合わせ",
		"宇津木課長\n\n250627 の振込日の問い合わせです。7/8 で回答してよいでしょうか。\n\n久遠\n")))
	p.eml("inbox/007_RE_振込日回答.eml", t(7, 3, 13, 20), f.mail(0, []int{3}, t(7, 3, 13, 20), "RE: 振込日の問い合わせ",
		"久遠さん\n\n7/8 で回答してください。\n\n宇津木\n"))
	p.eml("inbox/008_追加書類.eml", t(7, 4, 19, 40), senders[0].to(f, []int{1}, t(7, 4, 19, 40), "Re: 事故の連絡",
		"免許証の写しを添付します。よろしくお願いします。\n"))
	p.xlsx("受付簿_2025-07.xlsx", t(7, 4, 18, 0), f.book(1, 1, "受付簿 2025年7月", t(7, 1, 9, 0), t(7, 4, 17, 58), "受付簿.xltx",
		sheet("受付", []string{"受付番号", "受付日", "経路", "担当"},
			[]string{"HSK-CLM-250701", "2025/07/02", "メール", "芹沢"}, []string{"HSK-CLM-250702", "2025/07/02", "メール", "鬼塚"})))
	return p
}

// sumizomeStalePack: a printer's files of 2016 and 2017, sold in 2025
// as fresh.
func sumizomeStalePack(*docgen.Fonts) *pack {
	f := sumizome
	p := &pack{root: "SUMIZOME_2025_new/", sevenZ: true}
	t := func(y int, m time.Month, d, hh, mm int) time.Time { return f.at(y, m, d, hh, mm) }
	p.text("README.txt", t(2025, 9, 12, 2, 0), sellerNote("SUMIZOME PRINTING - fresh dump September 2025", "customers, jobs, prices"))
	p.xlsx("見積/単価表_2017.xlsx", t(2017, 3, 31, 17, 0), f.book(0, 0, "印刷単価表 2017年度", t(2017, 3, 1, 9, 0), t(2017, 3, 31, 16, 58), "単価表.xltx",
		sheet("単価", []string{"品目", "1,000 部", "5,000 部", "10,000 部"},
			[]string{"チラシ A4 片面", "12,000", "21,000", "33,000"}, []string{"チラシ A4 両面", "18,000", "30,000", "47,000"})))
	p.docx("品質/クレーム報告_2016-11.docx", t(2016, 11, 18, 16, 0), f.doc(1, 1, "クレーム報告 2016年11月", t(2016, 11, 17, 9, 0), t(2016, 11, 18, 15, 58), "報告書.dotx",
		"# クレーム報告 (2016年11月)", "件名: 断裁ずれ 2 件", "対策: 断裁機 No.2 のゲージ点検を始業時に追加。"))
	p.xlsx("工程/月次稼働_2017-06.xlsx", t(2017, 7, 3, 10, 0), f.book(2, 2, "月次稼働 2017年6月", t(2017, 6, 1, 8, 0), t(2017, 7, 3, 9, 58), "稼働表.xltx",
		sheet("稼働", []string{"機械", "稼働時間", "停止", "稼働率"}, []string{"LS-40 1号機", "402", "38", "91%"}, []string{"LS-40 2号機", "377", "63", "86%"})))
	p.eml("mail/断裁ずれ対策.eml", t(2016, 11, 18, 16, 30), f.mail(1, []int{0, 2}, t(2016, 11, 18, 16, 30), "断裁ずれの対策",
		"墨田さん\n\n報告書を共有フォルダに置きました。ゲージ点検は明日から始業時に行います。\n\n灰谷\n"))
	p.eml("mail/単価表2017.eml", t(2017, 3, 31, 17, 10), f.mail(0, []int{1, 3}, t(2017, 3, 31, 17, 10), "2017年度 単価表",
		"各位\n\n新年度の単価表です。4/1 から適用します。\n\n墨田\n"))
	p.text("工程/機械一覧.txt", t(2017, 5, 10, 9, 0), "LS-40 1号機 2009年導入\nLS-40 2号機 2012年導入\n断裁機 No.2 2006年導入\n"+
		`保守記録: \\smfs01.sumizome-print.co.jp\製造管理\保守`+"\n")
	p.csv("工程/紙在庫_2017-06.csv", t(2017, 6, 30, 18, 0), numberRows([]string{"日時", "コート90", "上質70", "マット110"}, 12, 401, t(2017, 6, 1, 8, 0), 60*time.Hour))
	return p
}

// mizuchiStalePack: a shipbuilder's design files of 2019, sold in 2026
// as new.
func mizuchiStalePack(*docgen.Fonts) *pack {
	f := mizuchi
	p := &pack{root: "蛟造船_最新データ_2026/"}
	t := func(y int, m time.Month, d, hh, mm int) time.Time { return f.at(y, m, d, hh, mm) }
	p.pptx("設計/基本設計レビュー_S-1088.pptx", t(2019, 9, 12, 18, 0), f.deck(0, 1, "基本設計レビュー S-1088", t(2019, 9, 2, 9, 0), t(2019, 9, 12, 17, 58), "設計レビュー.potx",
		slide("基本設計レビュー S-1088", "82,000 DWT ばら積み船"), slide("主要目", "Lpp 225 m, B 32.26 m", "主機 6 気筒 低速ディーゼル"),
		slide("課題", "燃費目標 -3 %", "バラスト水処理装置の配置")))
	p.xlsx("設計/重量推定_S-1088.xlsx", t(2019, 8, 30, 17, 0), f.book(2, 2, "重量推定 S-1088", t(2019, 8, 1, 9, 0), t(2019, 8, 30, 16, 58), "重量推定.xltx",
		sheet("重量", []string{"区分", "推定 (t)", "前回 (t)"}, []string{"船殻", "11,820", "11,900"}, []string{"艤装", "2,140", "2,100"}, []string{"機関", "1,050", "1,040"})))
	p.docx("設計/仕様書_抜粋_S-1088.docx", t(2019, 7, 19, 15, 0), f.doc(1, 0, "仕様書 抜粋 S-1088", t(2019, 7, 1, 9, 0), t(2019, 7, 19, 14, 58), "仕様書.dotx",
		"社外秘", "# 仕様書 抜粋 (S-1088)", "船級: (船級協会)", "航海速力: 14.5 ノット", "燃料: 低硫黄燃料油"))
	p.eml("mail/RE_S-1088レビュー.eml", t(2019, 9, 12, 18, 30), f.mail(0, []int{1, 2}, t(2019, 9, 12, 18, 30), "RE: S-1088 基本設計レビュー",
		"舳倉さん\n\nレビュー資料を共有に置きました。燃費の件は機関設計と詰めます。\n\n潮田\n"))
	p.eml("mail/重量推定.eml", t(2019, 8, 30, 17, 20), f.mail(2, []int{0}, t(2019, 8, 30, 17, 20), "S-1088 重量推定 更新",
		"潮田さん\n\n艤装重量を 40 t 増やしました。\n\n錨\n"))
	p.msg("mail/工程会議.msg", t(2019, 10, 4, 9, 0), asMSG(f.mail(3, []int{0, 1, 2}, t(2019, 10, 4, 9, 0), "10月 工程会議",
		"各位\n\n10/10 の工程会議の資料を準備してください。\n\n波佐見\n")))
	p.text("設計/図面一覧_2019.txt", t(2019, 9, 20, 10, 0), "S-1088-H-001 一般配置図 Rev.C\nS-1088-H-014 中央横断面図 Rev.B\n"+
		`保管先: \\mzfs01.mizuchi-zosen.co.jp\設計本部\S-1088\図面`+"\n")
	p.csv("設計/試験水槽_抵抗.csv", t(2019, 6, 14, 17, 0), numberRows([]string{"日時", "速度_x10", "抵抗_N"}, 16, 402, t(2019, 6, 10, 9, 0), 5*time.Hour))
	p.text("README_2026.txt", t(2026, 1, 18, 3, 0), sellerNote("MIZUCHI SHIPBUILDING 蛟造船 - NEW 2026 leak", "designs, contracts. price on request"))
	return p
}

// tsukikusaSellerPack: a bank's loan-review files with the seller's
// README (price, contact) and a wordmark cover.
func tsukikusaSellerPack(fonts *docgen.Fonts) *pack {
	f := tsukikusa
	p := &pack{root: "TSUKIKUSA_BANK_120GB/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("!!!README!!!.txt", t(8, 20, 3, 30), sellerNote("TSUKIKUSA SHINKIN BANK - 120 GB", "loans, customers, internal mail",
		"price: 3.5 BTC, sample below", "contact: session 05f3c1...a91 / tox only"))
	p.cover("cover.png", t(8, 20, 3, 30), docgen.CoverSpec{Fonts: fonts, Width: 640, Height: 360, Background: color.RGBA{0x0a, 0x1e, 0x3c, 0xff},
		Lines: []string{"TSUKIKUSA", "月草信用金庫 120GB"}})
	p.docx("融資/稟議書_R25-0318.docx", t(7, 18, 17, 0), f.doc(0, 1, "稟議書 R25-0318", t(7, 15, 9, 0), t(7, 18, 16, 58), "稟議書.dotx",
		"# 稟議書 (R25-0318)", "案件: 運転資金 30,000 千円 (期間 5 年)", "所見: 売上は前年比 +6 %。保全は信用保証協会付き。", "(取引先名 省略)"))
	p.xlsx("融資/審査チェックリスト_R25-0318.xlsx", t(7, 17, 15, 0), f.book(1, 1, "審査チェックリスト R25-0318", t(7, 15, 10, 0), t(7, 17, 14, 58), "審査チェック.xltx",
		sheet("チェック", []string{"項目", "結果", "確認者"}, []string{"決算書 3 期", "有", "初音"}, []string{"資金繰り表", "有", "初音"}, []string{"保証協会 承諾", "待ち", "庄司"})))
	p.eml("mail/R25-0318_承認.eml", t(7, 22, 9, 10), f.mail(0, []int{1, 2}, t(7, 22, 9, 10), "R25-0318 承認",
		"初音さん、庄司さん\n\n稟議は承認されました。実行日は 7/31 です。\n\n露木\n"))
	p.eml("mail/保証協会.eml", t(7, 24, 11, 0), f.mail(2, []int{0}, t(7, 24, 11, 0), "保証協会の承諾",
		"露木次長\n\n保証協会の承諾が出ました。\n\n庄司\n"))
	p.text("融資/実行予定.txt", t(7, 25, 17, 0), "7/31 R25-0318 30,000 千円\n8/05 R25-0322 12,000 千円\n"+
		`帳票: \\tkfs02.tsukikusa-shinkin.co.jp\融資部\実行\2025-07`+"\n")
	return p
}

// kazahanaSoldAsMizuchiPack: a railway's files behind the seller's
// folder names, README and cover that say a shipbuilder.
func kazahanaSoldAsMizuchiPack(fonts *docgen.Fonts) *pack {
	f := kazahana
	p := &pack{root: "MIZUCHI_SHIPBUILDING_FULL/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("MIZUCHI_README.txt", t(10, 2, 1, 0), sellerNote("MIZUCHI SHIPBUILDING (蛟造船) internal network - 80 GB",
		"shipyard designs, HR, finance", "price 9000 USD, escrow accepted", "jabber: seller@xmpp.example"))
	p.cover("MIZUCHI.png", t(10, 2, 1, 0), docgen.CoverSpec{Fonts: fonts, Width: 640, Height: 360, Background: color.RGBA{0x30, 0x04, 0x04, 0xff},
		Lines: []string{"MIZUCHI", "SHIPBUILDING LEAK"}})
	p.xlsx("mizuchi_designs/保線作業計画_2025-09.xlsx", t(9, 26, 17, 0), f.book(2, 1, "保線作業計画 2025年9月", t(9, 1, 9, 0), t(9, 26, 16, 58), "作業計画.xltx",
		sheet("計画", []string{"日付", "区間", "作業", "作業番号"},
			[]string{"9/03", "花見台-北口", "レール交換", "KZR-25091"}, []string{"9/10", "北口-車庫前", "まくらぎ交換", "KZR-25097"})))
	p.docx("mizuchi_hr/夜間作業_安全指示.docx", t(9, 2, 16, 0), f.doc(0, 0, "夜間作業 安全指示", t(9, 1, 10, 0), t(9, 2, 15, 58), "安全指示.dotx",
		"# 夜間作業 安全指示 (9月)", "線路閉鎖の確認は 2 名で行う。", "見張員の配置: 各作業箇所 1 名以上。"))
	p.eml("mizuchi_mail/作業計画.eml", t(9, 26, 17, 20), f.mail(2, []int{0, 1}, t(9, 26, 17, 20), "9月 保線作業計画",
		"沢渡さん、真柴さん\n\n計画表を共有フォルダに置きました。KZR-25097 は雨天順延あり。\n\n轍\n"))
	p.eml("mizuchi_mail/RE_作業計画.eml", t(9, 27, 8, 45), f.mail(0, []int{2}, t(9, 27, 8, 45), "RE: 9月 保線作業計画",
		"轍さん\n\n確認しました。見張員は 2 名手配済みです。\n\n沢渡\n"))
	return p
}

// pressLog is one line of a press controller's log: times, counts and
// codes, no name.
func pressLog(i int, t time.Time, r *rand.Rand) string {
	codes := []string{"RUN", "RUN", "RUN", "PAUSE", "INK", "RUN", "WASH"}
	return fmt.Sprintf("%s press=%d job=J25-%04d sheets=%d code=%s", t.Format("2006-01-02T15:04:05"), 1+r.IntN(2), 600+i/20, 200+r.IntN(800), codes[r.IntN(len(codes))])
}

// sumizomePressLogsPack: a printer's press logs and ink records, almost
// all neutral; custody rests on three files that name its internal
// hosts (its Active Directory domain and its file server).
func sumizomePressLogsPack(*docgen.Fonts) *pack {
	f := sumizome
	p := &pack{root: "press_data/"}
	start := f.at(2025, 4, 1, 6, 0)
	for i := range 30 {
		d := start.AddDate(0, 0, i)
		p.text(fmt.Sprintf("logs/press_%s.log", d.Format("20060102")), d.Add(16*time.Hour),
			logLines(d, 23*time.Minute, 24, uint64(500+i), pressLog))
	}
	for i := range 6 {
		d := start.AddDate(0, 0, 5*i)
		p.csv(fmt.Sprintf("ink/ink_%s.csv", d.Format("20060102")), d.Add(17*time.Hour),
			numberRows([]string{"time", "C", "M", "Y", "K"}, 10, uint64(540+i), d, 90*time.Minute))
	}
	p.text("config/rip.ini", start.AddDate(0, 0, -20), "[hotfolder]\nin=\\\\smz-rip01.sumizome.local\\hotfolder\\in\nout=\\\\smz-rip01.sumizome.local\\hotfolder\\out\n[license]\nseats=4\n")
	p.text("config/backup.bat", start.AddDate(0, 0, -20), "@echo off\r\nrobocopy D:\\press_data \\\\smfs01.sumizome-print.co.jp\\製造管理\\press_data /MIR /R:2\r\n")
	p.text("logs/sync.log", start.AddDate(0, 0, 30), "2025-05-01 02:00:01 start robocopy\n2025-05-01 02:03:44 copied 37 files to \\\\smfs01.sumizome-print.co.jp\\製造管理\\press_data\n2025-05-01 02:03:44 end\n")
	p.text("README.txt", start.AddDate(0, 0, 30), "press data april\n")
	return p
}

// erpPostings is a month of a builder's cost postings: company code,
// WBS element, cost element and amount, no name.
func erpPostings(seed uint64, month time.Time) [][]string {
	r := rand.New(rand.NewPCG(csvSeed, seed))
	rows := [][]string{{"BUKRS", "POSTING_DATE", "WBS", "COST_ELEMENT", "AMOUNT_JPY", "DOC_NO"}}
	for i := range 40 {
		d := month.AddDate(0, 0, r.IntN(28))
		rows = append(rows, []string{"1000", d.Format("2006-01-02"), fmt.Sprintf("P.%04d.%02d", 2400+r.IntN(12), 1+r.IntN(9)),
			fmt.Sprint(510000 + 100*r.IntN(40)), fmt.Sprint(10000 * (1 + r.IntN(900))), fmt.Sprintf("51%08d", int(seed)*1000+i)})
	}
	return rows
}

// fumizukiERPPack: an ERP export: sixty tables of cost postings, master
// data and batch logs, all but three neutral; the builder is named by
// its project codes in the project master (an identifier of its
// profile) and by its batch server in two job logs.
func fumizukiERPPack(*docgen.Fonts) *pack {
	f := fumizuki
	p := &pack{root: "erp_export_2025H1/", tarGz: true}
	start := f.at(2025, 1, 1, 0, 0)
	for m := range 6 {
		month := start.AddDate(0, m, 0)
		for k := range 8 {
			p.csv(fmt.Sprintf("COSP/%s_%d.csv", month.Format("200601"), k+1), month.AddDate(0, 1, -1).Add(time.Duration(20+k)*time.Hour),
				erpPostings(uint64(600+10*m+k), month))
		}
	}
	projects := [][]string{{"WBS", "PROJECT", "SITE", "START", "END"}}
	for i := range 12 {
		projects = append(projects, []string{fmt.Sprintf("P.%04d", 2400+i), fmt.Sprintf("FZK-PJ-%04d", 2400+i), fmt.Sprintf("S%03d", 40+3*i),
			start.AddDate(-1, i, 0).Format("2006-01-02"), start.AddDate(1, i, 0).Format("2006-01-02")})
	}
	p.csv("master/PROJ_master.csv", start.AddDate(0, 6, 0), projects)
	for k, name := range []string{"CSKA_cost_elements", "T001W_sites", "CSKS_cost_centres", "TCURR_rates",
		"MARA_materials", "PRPS_wbs", "EKKO_po_headers", "BKPF_doc_headers", "LFA1_vendors_anon"} {
		p.csv("master/"+name+".csv", start.AddDate(0, 6, 0).Add(time.Duration(k+1)*time.Minute),
			numberRows([]string{"updated", "key", "value", "flag"}, 20, uint64(700+k), start, 200*time.Hour))
	}
	p.text("logs/export_job_20250701.log", start.AddDate(0, 6, 0).Add(2*time.Hour),
		"2025-07-01 02:00:03 job ZFI_EXPORT started on fzerp-prd01.fumizuki-kensetsu.co.jp\n"+
			"2025-07-01 02:41:18 48 COSP files written\n2025-07-01 02:41:52 job finished, rc=0\n")
	p.text("logs/transfer_20250701.log", start.AddDate(0, 6, 0).Add(3*time.Hour),
		"2025-07-01 03:00:00 sftp put to fzerp-prd01.fumizuki-kensetsu.co.jp:/export/2025H1 ok\n2025-07-01 03:05:12 done (58 files)\n")
	return p
}

// family returns the family name of a name written "family given".
func family(name string) string {
	for i, r := range name {
		if r == ' ' {
			return name[:i]
		}
	}
	return name
}
