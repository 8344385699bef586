package samplepack

import (
	"image/color"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// shot is a rendered screenshot file.
type shot struct {
	name     string
	modified time.Time
	data     []byte
}

// torayBlue is the header colour of the fictional intranet.
var torayBlue = color.RGBA{0x00, 0x4a, 0x97, 0xff}

// screenshots renders the four screenshots of the pack.
func screenshots(fonts *docgen.Fonts) ([]shot, error) {
	var out []shot

	// The intranet portal, with the logged-in user banner.
	img, err := docgen.Screenshot(docgen.ScreenshotSpec{
		Fonts:       fonts,
		WindowTitle: "社内ポータル - トップ - Microsoft Edge",
		Address:     "https://portal.intra.toray.co.jp/top/index.aspx",
		AppTitle:    "TORAY 社内ポータル",
		AppColor:    torayBlue,
		Banner:      "ログイン中: 東レ株式会社 情報システム部 佐藤 健一 (sato.kenichi@toray.co.jp)",
		Nav:         []string{"ホーム", "お知らせ", "社内規程", "申請・承認", "設備予約", "人事・給与", "情報システム", "文書管理", "リンク集"},
		Heading:     "お知らせ",
		Lines: []string{
			"【社外秘】本ポータルの掲載情報を社外へ持ち出すことを禁じます。",
			"東レ株式会社 情報システム部 ヘルプデスク 内線 2210",
		},
		Columns: []docgen.Column{{Title: "掲載日", Width: 120}, {Title: "区分", Width: 110}, {Title: "タイトル", Width: 560}, {Title: "掲載部署", Width: 250}},
		Rows: [][]string{
			{"2021/06/03", "システム", "基幹サーバ定期保守に伴うサービス停止 (6/12 22:00-)", "情報システム部"},
			{"2021/06/01", "人事", "2021年度 夏季休暇の取得について", "人事部"},
			{"2021/05/28", "システム", "富士通製ストレージ ファームウェア更新のお知らせ", "情報システム部"},
			{"2021/05/24", "総務", "本社ビル 空調設備点検の実施について", "総務部"},
			{"2021/05/20", "購買", "保守契約の更新手続き (FY2021) について", "購買部"},
			{"2021/05/17", "安全", "在宅勤務時の情報セキュリティ遵守事項", "情報セキュリティ室"},
			{"2021/05/10", "システム", "VPN 接続手順の変更 (vpn.toray.co.jp)", "情報システム部"},
			{"2021/04/26", "広報", "新中期経営課題に関する社長メッセージ", "広報室"},
			{"2021/04/12", "購買", "発注書テンプレート改訂 (\\\\tfs01.toray.local\\templates)", "購買部"},
		},
		Status: "https://portal.intra.toray.co.jp/top/index.aspx",
		Clock:  []string{"10:32", "2021/06/04"},
	})
	if err != nil {
		return nil, err
	}
	data, err := docgen.PNG(img, map[string]string{"Software": "Greenshot"})
	if err != nil {
		return nil, err
	}
	out = append(out, shot{"portal_top.png", at(6, 4, 10, 32), data})

	// An Explorer window on the departmental share.
	img, err = docgen.Screenshot(docgen.ScreenshotSpec{
		Fonts:       fonts,
		WindowTitle: "受注管理",
		Menu:        []string{"ファイル", "ホーム", "共有", "表示"},
		Address:     `\\tfs01.toray.local\営業本部\受注管理`,
		SearchHint:  "受注管理の検索",
		Nav:         []string{"tfs01.toray.local", "クイック アクセス", "デスクトップ", "ダウンロード", "ドキュメント", "PC", "ネットワーク"},
		Columns:     []docgen.Column{{Title: "名前", Width: 420}, {Title: "更新日時", Width: 180}, {Title: "種類", Width: 220}, {Title: "サイズ", Width: 110}},
		Rows: [][]string{
			{"2020年度", "2021/04/01 9:12", "ファイル フォルダー", ""},
			{"見積書", "2021/05/27 15:40", "ファイル フォルダー", ""},
			{"受注一覧.txt", "2021/04/30 17:01", "テキスト ドキュメント", "2 KB"},
			{"受注一覧_2021Q1.xlsx", "2021/04/08 11:23", "Microsoft Excel ワークシート", "84 KB"},
			{"発注書_FJ-2021-0412.docx", "2021/04/12 10:05", "Microsoft Word 文書", "36 KB"},
			{"保守契約一覧.xlsx", "2021/05/18 16:47", "Microsoft Excel ワークシート", "52 KB"},
			{"system_overview.pdf", "2021/04/26 11:03", "Adobe Acrobat Document", "412 KB"},
			{"顧客マスタ_202106.csv", "2021/06/02 18:29", "Microsoft Excel CSV ファイル", "1,208 KB"},
			{"富士通_保守見積_FY2021.pdf", "2021/05/14 13:55", "Adobe Acrobat Document", "268 KB"},
			{"東レ_取引先一覧.xlsx", "2021/03/19 10:31", "Microsoft Excel ワークシート", "117 KB"},
			{"ログオン.bat", "2020/11/05 8:47", "Windows バッチ ファイル", "1 KB"},
		},
		Highlight: 5,
		Status:    "11 個の項目    1 個の項目を選択  36.2 KB",
		Clock:     []string{"10:41", "2021/06/04"},
	})
	if err != nil {
		return nil, err
	}
	data, err = docgen.JPEG(img, 70, &docgen.EXIFSpec{Software: "Greenshot"})
	if err != nil {
		return nil, err
	}
	out = append(out, shot{"fileserver.jpg", at(6, 4, 10, 41), data})

	// The web mail inbox: internal senders and one Fujitsu sales rep.
	img, err = docgen.Screenshot(docgen.ScreenshotSpec{
		Fonts:       fonts,
		WindowTitle: "メール - 佐藤 健一 - Outlook - Microsoft Edge",
		Address:     "https://mail.toray.co.jp/owa/#path=/mail/inbox",
		AppTitle:    "Outlook",
		AppColor:    color.RGBA{0x00, 0x5a, 0x9e, 0xff},
		Banner:      "佐藤 健一 sato.kenichi@toray.co.jp",
		Nav:         []string{"受信トレイ  12", "下書き", "送信済みアイテム", "削除済みアイテム", "迷惑メール", "アーカイブ", "保守契約", "プロジェクト"},
		Heading:     "受信トレイ",
		Columns:     []docgen.Column{{Title: "差出人", Width: 380}, {Title: "件名", Width: 520}, {Title: "受信日時", Width: 150}},
		Rows: [][]string{
			{"中村 浩二 <nakamura.koji@toray.co.jp>", "RE: 保守契約の更新について", "2021/05/20 14:03"},
			{"森田 誠 <morita.makoto@fujitsu.com>", "【富士通】FY2021 保守更新のお見積りについて", "2021/05/19 18:22"},
			{"高橋 美咲 <takahashi.misaki@toray.co.jp>", "発注書 FJ-2021-0412 の承認依頼", "2021/05/18 09:15"},
			{"helpdesk@toray.co.jp", "[障害] tfs01 ファイルサーバ応答遅延 (復旧)", "2021/05/17 11:48"},
			{"小林 由紀 <kobayashi.yuki@toray.co.jp>", "支払依頼書の回付 (富士通 5月分)", "2021/05/14 16:30"},
			{"渡辺 隆 <watanabe.takashi@toray.co.jp>", "FY2021 IT 予算 最終版", "2021/05/12 10:02"},
			{"noreply@portal.intra.toray.co.jp", "[ポータル] 承認待ちの申請が 3 件あります", "2021/05/11 08:00"},
			{"中村 浩二 <nakamura.koji@toray.co.jp>", "基幹システム概要 資料 (第2版)", "2021/04/26 11:10"},
			{"森田 誠 <morita.makoto@fujitsu.com>", "PRIMERGY 保守部品の交換日程", "2021/04/21 17:45"},
		},
		Highlight: 1,
		Status:    "受信トレイ: 214 件 (未読 12 件)",
		Clock:     []string{"14:06", "2021/05/20"},
	})
	if err != nil {
		return nil, err
	}
	data, err = docgen.PNG(img, map[string]string{"Software": "Snipping Tool"})
	if err != nil {
		return nil, err
	}
	out = append(out, shot{"mail_inbox.png", at(5, 20, 14, 6), data})

	// A monitoring page saved as PNG under a .jpg name.
	img, err = docgen.Screenshot(docgen.ScreenshotSpec{
		Fonts:       fonts,
		Width:       1280,
		Height:      720,
		WindowTitle: "基幹システム稼働状況 - Microsoft Edge",
		Address:     "https://monitor.intra.toray.co.jp/status/core",
		AppTitle:    "基幹システム 稼働監視",
		AppColor:    color.RGBA{0x2b, 0x3a, 0x4a, 0xff},
		Banner:      "ログイン中: 東レ株式会社 中村 浩二",
		Heading:     "サーバ稼働状況 (2021/06/04 09:55 更新)",
		Columns:     []docgen.Column{{Title: "ホスト名", Width: 260}, {Title: "役割", Width: 300}, {Title: "状態", Width: 100}, {Title: "CPU", Width: 80}, {Title: "保守", Width: 250}},
		Rows: [][]string{
			{"tsap01.toray.local", "SAP ERP 本番 (APP)", "正常", "38%", "富士通 24H 保守"},
			{"tsap02.toray.local", "SAP ERP 本番 (DB)", "正常", "52%", "富士通 24H 保守"},
			{"tfs01.toray.local", "ファイルサーバ", "警告", "91%", "富士通 平日保守"},
			{"tdc01.toray.local", "ドメインコントローラ", "正常", "12%", "社内運用"},
			{"mail.toray.co.jp", "メールゲートウェイ", "正常", "23%", "社内運用"},
			{"portal.intra.toray.co.jp", "社内ポータル", "正常", "17%", "社内運用"},
			{"tbk01.toray.local", "バックアップ (ETERNUS)", "正常", "8%", "富士通 平日保守"},
		},
		Status: "監視対象 7 台  警告 1 台",
		Clock:  []string{"09:56", "2021/06/04"},
	})
	if err != nil {
		return nil, err
	}
	data, err = docgen.PNG(img, map[string]string{"Software": "Greenshot"})
	if err != nil {
		return nil, err
	}
	out = append(out, shot{"status.jpg", at(6, 4, 9, 56), data})

	// A small chat window whose name and visible text are markup: the
	// reports must show both as text (HostileScreenshotName).
	img, err = docgen.Screenshot(docgen.ScreenshotSpec{
		Fonts:       fonts,
		Width:       800,
		Height:      450,
		WindowTitle: "チャット - 共有メモ",
		AppTitle:    "共有メモ",
		AppColor:    color.RGBA{0x44, 0x44, 0x55, 0xff},
		Heading:     "メモ",
		Lines: []string{
			HostileScreenshotText,
			"<script>alert(1)</script>",
		},
		Clock: []string{"10:45", "2021/06/04"},
	})
	if err != nil {
		return nil, err
	}
	data, err = docgen.PNG(img, map[string]string{"Software": "Greenshot"})
	if err != nil {
		return nil, err
	}
	out = append(out, shot{HostileScreenshotName, at(6, 4, 10, 45), data})
	return out, nil
}

// HostileScreenshotName is the name of the sample's screenshot whose name
// is markup (its "/" makes "<script>alert(1)<" a folder in the zip); a
// report must show it as text.
const HostileScreenshotName = "<script>alert(1)</script>.png"

// HostileScreenshotText is a line of markup drawn as text in that
// screenshot, which OCR reads back.
const HostileScreenshotText = "<b>東レ</b> <img src=x onerror=alert(1)>"
