package attrpack

import (
	"image/color"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The packs of this file carry their custody evidence in screenshots:
// whole (a mailbox, a portal's logged-in banner, an intranet address) or
// only in part (a file server's short name in an Explorer breadcrumb, an
// address column cut short), which OCR reads and attribution must join
// with the full names seen elsewhere in the pack.

// Screenshot size of these packs: small enough to read quickly, large
// enough for Tesseract to read the address bar and the table.
const shotW, shotH = 1100, 640

// hibariWebmailPack: the owner only in a web-mail screenshot: the
// mailbox's host, the signed-in user and a list of colleagues.
func hibariWebmailPack(fonts *docgen.Fonts) *pack {
	f := hibari
	p := &pack{root: "screens_hibari/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.screenshotPNG("inbox.png", t(10, 7, 15, 48), docgen.ScreenshotSpec{
		Fonts: fonts, Width: shotW, Height: shotH,
		WindowTitle: "受信トレイ - 日向 莉子 - Outlook",
		Address:     "https://mail.hibari-unyu.co.jp/owa/#path=/mail/inbox",
		AppTitle:    "Outlook", AppColor: color.RGBA{0x00, 0x5a, 0x9e, 0xff},
		Banner:  "日向 莉子 hyuga@hibari-unyu.co.jp",
		Nav:     []string{"受信トレイ", "送信済み", "下書き", "アーカイブ"},
		Heading: "受信トレイ",
		Columns: []docgen.Column{{Title: "差出人", Width: 330}, {Title: "件名", Width: 330}, {Title: "受信日時", Width: 170}},
		Rows: [][]string{
			{"daimon@hibari-unyu.co.jp", "10月 配車計画", "2024/10/07 14:10"},
			{"isurugi@hibari-unyu.co.jp", "車両点検の結果", "2024/10/04 11:42"},
			{"daimon@hibari-unyu.co.jp", "安全会議 資料", "2024/10/02 09:05"},
			{"unkou@hibari-unyu.co.jp", "運行管理 週報", "2024/09/30 17:20"},
		},
		Highlight: 1, Status: "受信トレイ: 86 件", Clock: []string{"15:48", "2024/10/07"},
	}, "Greenshot")
	p.pdf("配車計画.pdf", t(10, 7, 14, 0), blankPDF("# Dispatch plan October", "Route 101: 22 trips", "Route 205: 18 trips"))
	p.csv("vehicles.csv", t(10, 4, 11, 0), [][]string{{"no", "type", "inspection"}, {"8841", "4t", "2024-10-03"}, {"8856", "4t", "2024-10-04"}})
	return p
}

// aizomePortalPack: the owner only in an intranet portal screenshot:
// its address, a UNC path and the logged-in banner naming the company.
func aizomePortalPack(fonts *docgen.Fonts) *pack {
	f := aizome
	p := &pack{root: "研究資料/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.screenshotPNG("portal.png", t(9, 5, 9, 31), docgen.ScreenshotSpec{
		Fonts: fonts, Width: shotW, Height: shotH,
		WindowTitle: "研究開発ポータル - Microsoft Edge",
		Address:     "https://portal.intra.aizome-pharma.co.jp/rd/top",
		AppTitle:    "研究開発ポータル", AppColor: color.RGBA{0x1f, 0x3b, 0x5c, 0xff},
		Banner:  "ログイン中: 藍染製薬株式会社 蓮見 かおり",
		Nav:     []string{"ホーム", "お知らせ", "試験計画", "文書管理", "申請"},
		Heading: "お知らせ",
		Lines:   []string{`試験データ: \\azfs01.aizome-pharma.co.jp\研究開発`},
		Columns: []docgen.Column{{Title: "掲載日", Width: 130}, {Title: "タイトル", Width: 480}, {Title: "部署", Width: 180}},
		Rows: [][]string{
			{"2024/09/02", "HPLC 3 号機 定期点検 (9/10)", "分析センター"},
			{"2024/08/29", "試験計画書の様式改訂", "品質保証部"},
			{"2024/08/22", "安定性試験 保管庫の温度逸脱について", "製剤研究部"},
		},
		Status: "完了", Clock: []string{"9:31", "2024/09/05"},
	}, "Greenshot")
	p.pdf("仕様書.pdf", t(8, 30, 11, 0), blankPDF("# Specification", "Tablet weight: 120 mg", "Hardness: 50-70 N"))
	p.xlsx("測定.xlsx", t(9, 2, 17, 20), docgen.XlsxSpec{Sheets: []docgen.Sheet{sheet("測定",
		[]string{"Lot", "Weight", "Hardness"}, []string{"2409-01", "120.4", "58"}, []string{"2409-02", "119.8", "61"})}})
	return p
}

// explorerShot is an Explorer window on a file server folder, its
// breadcrumb showing the server's short name only, as Windows shows a
// mapped share.
func explorerShot(fonts *docgen.Fonts, crumb, server string, rows [][]string, clock []string) docgen.ScreenshotSpec {
	return docgen.ScreenshotSpec{
		Fonts: fonts, Width: shotW, Height: shotH,
		WindowTitle: crumb[len(crumb)-min(len(crumb), 12):],
		Menu:        []string{"ファイル", "ホーム", "共有", "表示"},
		Address:     crumb,
		SearchHint:  "検索",
		Nav:         []string{"クイック アクセス", "デスクトップ", "ドキュメント", "PC", server, "ネットワーク"},
		Columns:     []docgen.Column{{Title: "名前", Width: 330}, {Title: "更新日時", Width: 180}, {Title: "種類", Width: 170}, {Title: "サイズ", Width: 100}},
		Rows:        rows,
		Status:      "項目数: 5",
		Clock:       clock,
	}
}

// narukamiPartialPack: Narukami's inspection folder seen in Explorer
// under the file server's short name; the full name is only in one
// document's template path.
func narukamiPartialPack(fonts *docgen.Fonts) *pack {
	f := narukami
	p := &pack{root: "検査記録/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.screenshotPNG("share.png", t(11, 7, 15, 52), explorerShot(fonts, `\\nkfs02\品質保証部\検査記録\2024`, "nkfs02", [][]string{
		{"2024-10", "2024/11/01 09:12", "ファイル フォルダー", ""},
		{"受入検査記録_2024-10.xlsx", "2024/10/31 18:00", "Microsoft Excel", "42 KB"},
		{"出荷検査記録_2024-10.xlsx", "2024/10/31 18:20", "Microsoft Excel", "38 KB"},
		{"不合格通知_C1021.docx", "2024/10/21 17:00", "Microsoft Word", "21 KB"},
		{"ミルシート", "2024/10/15 10:00", "ファイル フォルダー", ""},
	}, []string{"15:52", "2024/11/07"}), "Greenshot")
	d := f.doc(3, 3, "不合格通知", t(10, 21, 14, 0), t(10, 21, 16, 58), "通知書.dotx",
		"# 不合格通知 (受入検査)", "品目: NK-C-4711 ロット C1021", "理由: 容量 -21% (規格 ±20%)。")
	d.App.Company = ""
	d.Core.Creator, d.Core.LastModifiedBy = "QA01", "QA01"
	p.docx("不合格通知_C1021.docx", t(10, 21, 17, 0), d)
	p.pdf("検査基準.pdf", t(9, 1, 10, 0), blankPDF("# Inspection criteria", "Capacitance: +/-20 %", "Leakage current: < 3 uA"))
	return p
}

// saiunPartialPack: a web-mail screenshot whose address column is cut
// short, so the colleagues' domain is read only in part.
func saiunPartialPack(fonts *docgen.Fonts) *pack {
	f := saiun
	p := &pack{root: "外商部/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.screenshotPNG("mail.png", t(12, 2, 10, 15), docgen.ScreenshotSpec{
		Fonts: fonts, Width: shotW, Height: shotH,
		WindowTitle: "受信トレイ - 鷹野 千秋",
		Address:     "https://sumbx01/owa/#path=/mail/inbox",
		AppTitle:    "Outlook", AppColor: color.RGBA{0x00, 0x5a, 0x9e, 0xff},
		Banner:  "鷹野 千秋 takano.c@saiun-dept",
		Nav:     []string{"受信トレイ", "送信済み", "下書き"},
		Heading: "受信トレイ",
		Columns: []docgen.Column{{Title: "差出人", Width: 200}, {Title: "件名", Width: 450}, {Title: "受信日時", Width: 170}},
		Rows: [][]string{
			{"mamiya.s@saiun-de", "外商 新春催事 招待客", "2024/12/02 09:40"},
			{"tojo.a@saiun-dep", "催事 会場レイアウト", "2024/11/29 17:02"},
			{"mamiya.s@saiun-de", "RE: 顧客訪問 日程", "2024/11/28 11:15"},
			{"gaisho@saiun-dept", "外商部 週報", "2024/11/25 08:30"},
		},
		Highlight: 1, Status: "受信トレイ: 212 件", Clock: []string{"10:15", "2024/12/02"},
	}, "Snipping Tool")
	x := f.book(1, 1, "顧客訪問 予定 12月", t(11, 28, 9, 0), t(11, 28, 11, 0), "", sheet("予定",
		[]string{"日付", "顧客", "担当"}, []string{"12/03", "G-10211", "間宮"}, []string{"12/05", "G-10502", "間宮"}))
	p.xlsx("顧客訪問_12月.xlsx", t(11, 28, 11, 2), x)
	return p
}

// kuroganePartialPack: Kurogane's design folder seen in Explorer under
// the file server's short name, with one template path that gives its
// full name.
func kuroganePartialPack(fonts *docgen.Fonts) *pack {
	f := kurogane
	p := &pack{root: "HP-800/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.screenshotPNG("explorer.png", t(6, 14, 10, 20), explorerShot(fonts, `\\krfs01\共有\設計部\HP-800`, "krfs01", [][]string{
		{"DR3", "2024/06/12 18:05", "ファイル フォルダー", ""},
		{"DR3_議事録_HP-800.docx", "2024/06/12 18:02", "Microsoft Word", "24 KB"},
		{"HP-800_試験日程.xlsx", "2024/06/14 09:38", "Microsoft Excel", "18 KB"},
		{"フレーム_FEM結果.pdf", "2024/06/05 16:40", "PDF ドキュメント", "2.1 MB"},
		{"油圧", "2024/05/30 11:00", "ファイル フォルダー", ""},
	}, []string{"10:20", "2024/06/14"}), "Greenshot")
	d := f.doc(1, 1, "HP-800 試験日程 補足", t(6, 13, 9, 0), t(6, 13, 17, 0), "議事録.dotx",
		"# HP-800 試験日程 補足", "騒音測定は無響室の予約状況により 7/2 に変更の可能性あり。")
	d.App.Company = ""
	d.Core.Creator, d.Core.LastModifiedBy = "user", "user"
	p.docx("試験日程_補足.docx", t(6, 13, 17, 2), d)
	p.pdf("FEM_summary.pdf", t(6, 5, 16, 40), blankPDF("# FEM summary", "Max deflection: 0.18 mm", "Safety factor: 2.4"))
	return p
}

// hiiragiPartialPack: a file dialog whose path column cuts the server's
// domain short; one document's template path gives it whole.
func hiiragiPartialPack(fonts *docgen.Fonts) *pack {
	f := hiiragi
	p := &pack{root: "事務部/", tarGz: true}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.screenshotPNG("dialog.png", t(8, 20, 16, 5), docgen.ScreenshotSpec{
		Fonts: fonts, Width: shotW, Height: shotH,
		WindowTitle: "最近使ったファイル - 文書管理",
		Heading:     "最近使ったファイル",
		Columns:     []docgen.Column{{Title: "ファイル名", Width: 300}, {Title: "場所", Width: 360}, {Title: "更新日時", Width: 170}},
		Rows: [][]string{
			{"勤務表_2024-08.xlsx", `\\hgk-fs01.hiiragi-k…\事務部`, "2024/08/19 17:00"},
			{"委員会議事録_8月.docx", `\\hgk-fs01.hiiragi-k…\委員会`, "2024/08/18 10:22"},
			{"物品請求_8月.xlsx", `\\hgk-fs01.hiiragi-k…\事務部`, "2024/08/15 14:10"},
		},
		Status: "3 件", Clock: []string{"16:05", "2024/08/20"},
	}, "Snipping Tool")
	d := f.doc(2, 2, "物品請求 8月", t(8, 15, 9, 0), t(8, 15, 14, 8), "物品請求.dotx",
		"# 物品請求 (8月)", "手指消毒剤 1 L x 40", "ディスポ手袋 M x 60 箱")
	d.App.Company = ""
	p.docx("物品請求_8月.docx", t(8, 15, 14, 10), d)
	p.pdf("掲示.pdf", t(8, 1, 9, 0), blankPDF("# Notice", "Fire drill on 28 August.", "Meet at the east car park."))
	return p
}

// torayScreensPack: the seed case as it was sold: screenshots of
// Toray's systems, a maintenance contract naming its vendor Fujitsu, and
// the seller's claim that it is Fujitsu's data.
func torayScreensPack(fonts *docgen.Fonts) *pack {
	f := toray
	p := &pack{root: "Fujitsu_4GB_proof/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2021, m, d, hh, mm) }
	p.text("README.txt", t(12, 10, 2, 0), sellerNote("FUJITSU 4 GB internal data. Screenshots as proof.", "price 15000 USD"))
	p.screenshotPNG("proof/01.png", t(11, 30, 14, 12), docgen.ScreenshotSpec{
		Fonts: fonts, Width: shotW, Height: shotH,
		WindowTitle: "情報システム部 ポータル - Microsoft Edge",
		Address:     "https://portal.intra.toray.co.jp/jousys/assets",
		AppTitle:    "情報システム部 ポータル", AppColor: color.RGBA{0x0b, 0x3d, 0x91, 0xff},
		Banner:  "ログイン中: 東レ株式会社 中村 浩二",
		Nav:     []string{"ホーム", "資産管理", "保守契約", "障害報告"},
		Heading: "サーバ資産",
		Columns: []docgen.Column{{Title: "ホスト", Width: 150}, {Title: "機種", Width: 260}, {Title: "保守", Width: 200}, {Title: "期限", Width: 150}},
		Rows: [][]string{
			{"tsap01", "PRIMERGY RX2540 M6", "富士通", "2022/05/31"},
			{"tsap02", "PRIMERGY RX2540 M6", "富士通", "2022/05/31"},
			{"tfs03", "ETERNUS DX100 S5", "富士通", "2022/05/31"},
		},
		Status: "完了", Clock: []string{"14:12", "2021/11/30"},
	}, "Greenshot")
	p.screenshotPNG("proof/02.png", t(11, 30, 14, 20), explorerShot(fonts, `\\tsfs-jousys.toray.co.jp\情報システム部\保守契約`, "tsfs-jousys", [][]string{
		{"2021", "2021/11/01 09:00", "ファイル フォルダー", ""},
		{"保守契約書_富士通_2021.pdf", "2021/06/01 10:00", "PDF ドキュメント", "1.2 MB"},
		{"御見積書_PRIMERGY保守.docx", "2021/05/14 14:00", "Microsoft Word", "30 KB"},
	}, []string{"14:20", "2021/11/30"}), "Greenshot")
	p.pdf("proof/保守契約書_抜粋.pdf", t(6, 1, 10, 0), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Maintenance agreement (excerpt)", Author: "Fujitsu Limited", Producer: "Adobe PDF Library 15.0", Created: t(6, 1, 9, 50)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Maintenance agreement (excerpt)", "Customer: Toray Industries, Inc.", "Provider: Fujitsu Limited", "Term: 1 June 2021 - 31 May 2022"}}},
	})
	return p
}
