package attrpack

import (
	"image/color"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// hondaPack: the owner is visible only in a screenshot.
func hondaPack(fonts *docgen.Fonts) *pack {
	p := &pack{root: "engineering_dump/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2023, time.Month(m), d, hh, mm) }
	p.screenshotPNG("screenshots/portal.png", t(11, 7, 15, 48), docgen.ScreenshotSpec{
		Fonts:       fonts,
		WindowTitle: "Parts Engineering Portal - Microsoft Edge",
		Address:     "https://portal.intra.honda.co.jp/engineering/parts",
		AppTitle:    "Parts Engineering Portal",
		AppColor:    color.RGBA{0x8b, 0x1a, 0x1a, 0xff},
		Banner:      "Signed in: yamada.hanako@honda.co.jp",
		Nav:         []string{"Home", "Drawing releases", "Change requests", "Test reports", "Suppliers", "Help"},
		Heading:     "Drawing releases",
		Lines: []string{
			`Drawings archive: \\drawings.eng.honda.co.jp\released`,
			"Change requests: https://ecr.intra.honda.co.jp/queue",
		},
		Columns: []docgen.Column{{Title: "Drawing", Width: 170}, {Title: "Title", Width: 360}, {Title: "Rev", Width: 70}, {Title: "Released by", Width: 200}, {Title: "Date", Width: 130}},
		Rows: [][]string{
			{"DR-4471-A", "Front subframe bracket", "C", "H. Yamada", "2023-11-06"},
			{"DR-4472-B", "Rear damper mount", "B", "K. Ogura", "2023-11-02"},
			{"DR-4480-A", "Battery tray, left", "A", "H. Yamada", "2023-10-30"},
			{"DR-4481-A", "Battery tray, right", "A", "H. Yamada", "2023-10-30"},
			{"DR-4502-C", "Steering column cover", "D", "M. Sugita", "2023-10-24"},
			{"DR-4519-A", "Cooling duct, inverter", "A", "K. Ogura", "2023-10-19"},
		},
		Status: "Done",
		Clock:  []string{"15:48", "2023/11/07"},
	}, "Greenshot")
	p.screenshotPNG("screenshots/share.png", t(11, 7, 15, 52), docgen.ScreenshotSpec{
		Fonts:       fonts,
		WindowTitle: "released",
		Menu:        []string{"File", "Home", "Share", "View"},
		Address:     `\\drawings.eng.honda.co.jp\released`,
		SearchHint:  "Search released",
		Nav:         []string{"drawings.eng.honda.co.jp", "Quick access", "Desktop", "Downloads", "Documents", "This PC", "Network"},
		Columns:     []docgen.Column{{Title: "Name", Width: 360}, {Title: "Date modified", Width: 200}, {Title: "Type", Width: 200}, {Title: "Size", Width: 110}},
		Rows: [][]string{
			{"archive", "2023-10-02 09:12", "File folder", ""},
			{"DR-4471-A.pdf", "2023-11-06 10:00", "PDF Document", "412 KB"},
			{"DR-4472-B.pdf", "2023-11-02 16:31", "PDF Document", "388 KB"},
			{"DR-4480-A.pdf", "2023-10-30 16:00", "PDF Document", "520 KB"},
			{"DR-4481-A.pdf", "2023-10-30 16:04", "PDF Document", "517 KB"},
			{"bom_export.csv", "2023-11-07 15:40", "CSV File", "2 KB"},
		},
		Highlight: 2,
		Status:    "6 items    1 item selected",
		Clock:     []string{"15:52", "2023/11/07"},
	}, "Greenshot")
	p.pdf("docs/DR-4471-A.pdf", t(11, 6, 10, 0), blankPDF(
		"# DR-4471-A Front subframe bracket", "Material: SPFH590, t = 2.3 mm", "Surface: cationic electrodeposition", "Tolerance: ISO 2768-m"))
	p.pdf("docs/DR-4480-A.pdf", t(10, 30, 16, 0), blankPDF(
		"# DR-4480-A Battery tray, left", "Material: A6061-T6", "Weld: MIG, inspected 100 %", "Tolerance: ISO 2768-m"))
	p.csv("docs/bom_export.csv", t(11, 7, 15, 40), [][]string{
		{"part", "description", "qty", "rev"},
		{"DR-4471-A", "Front subframe bracket", "2", "C"},
		{"DR-4472-B", "Rear damper mount", "2", "B"},
		{"DR-4480-A", "Battery tray, left", "1", "A"},
		{"DR-4481-A", "Battery tray, right", "1", "A"},
	})
	return p
}

// melcoPack: a Japanese intranet screenshot is the only owner evidence.
func melcoPack(fonts *docgen.Fonts) *pack {
	p := &pack{root: "設計資料/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2022, time.Month(m), d, hh, mm) }
	p.screenshotPNG("画面/portal.png", t(9, 5, 9, 31), docgen.ScreenshotSpec{
		Fonts:       fonts,
		WindowTitle: "設計部ポータル - Microsoft Edge",
		Address:     "https://portal.intra.mitsubishielectric.co.jp/sekkei/top",
		AppTitle:    "設計部ポータル",
		AppColor:    color.RGBA{0x1f, 0x3b, 0x5c, 0xff},
		Banner:      "ログイン中: 三菱電機株式会社 設計部 田中 美穂",
		Nav:         []string{"ホーム", "お知らせ", "図面管理", "試験成績", "申請", "リンク集"},
		Heading:     "お知らせ",
		Lines: []string{
			`図面サーバ: \\zumen.mitsubishielectric.co.jp\設計部`,
			"問い合わせ: tanaka.miho@mitsubishielectric.co.jp",
		},
		Columns: []docgen.Column{{Title: "掲載日", Width: 130}, {Title: "タイトル", Width: 560}, {Title: "掲載部署", Width: 200}},
		Rows: [][]string{
			{"2022/09/02", "図面管理システム 定期保守 (9/10 夜間)", "設計部"},
			{"2022/08/29", "試験成績書の様式改訂について", "品質保証部"},
			{"2022/08/22", "設計審査 日程 (第3四半期)", "設計部"},
			{"2022/08/18", "夏季休暇中の問い合わせ窓口", "総務部"},
			{"2022/08/08", "CAD ライセンスの更新", "情報システム部"},
		},
		Status: "完了",
		Clock:  []string{"9:31", "2022/09/05"},
	}, "Greenshot")
	p.screenshotPNG("画面/mail.png", t(9, 5, 9, 40), docgen.ScreenshotSpec{
		Fonts:       fonts,
		WindowTitle: "メール - 田中 美穂 - Outlook - Microsoft Edge",
		Address:     "https://mail.mitsubishielectric.co.jp/owa/#path=/mail/inbox",
		AppTitle:    "Outlook",
		AppColor:    color.RGBA{0x00, 0x5a, 0x9e, 0xff},
		Banner:      "田中 美穂 tanaka.miho@mitsubishielectric.co.jp",
		Nav:         []string{"受信トレイ", "下書き", "送信済みアイテム", "削除済みアイテム", "アーカイブ"},
		Heading:     "受信トレイ",
		Columns:     []docgen.Column{{Title: "差出人", Width: 420}, {Title: "件名", Width: 440}, {Title: "受信日時", Width: 170}},
		Rows: [][]string{
			{"kimura.jun@mitsubishielectric.co.jp", "設計審査の日程について", "2022/09/02 17:10"},
			{"hayashi.emi@mitsubishielectric.co.jp", "試験成績書 様式改訂版", "2022/08/29 11:42"},
			{"kimura.jun@mitsubishielectric.co.jp", "図面サーバ 定期保守のお知らせ", "2022/08/26 09:05"},
			{"sato.ken@mitsubishielectric.co.jp", "CAD ライセンス 更新完了", "2022/08/08 15:20"},
		},
		Highlight: 1,
		Status:    "受信トレイ: 128 件",
		Clock:     []string{"9:40", "2022/09/05"},
	}, "Greenshot")
	p.pdf("仕様書_rev2.pdf", t(8, 30, 11, 0), blankPDF(
		"# Specification rev.2", "Rated voltage: 200 V AC", "Ambient: -10 to 50 C", "Protection: IP54"))
	p.xlsx("部品表.xlsx", t(9, 2, 17, 20), docgen.XlsxSpec{Sheets: []docgen.Sheet{{Name: "部品", Rows: [][]string{
		{"品番", "名称", "数量"},
		{"K-1021", "端子台", "4"},
		{"K-2040", "リレー", "2"},
		{"K-3307", "冷却ファン", "1"},
	}}}})
	return p
}
