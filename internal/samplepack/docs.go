package samplepack

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"net/mail"
	"strings"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The fictional staff. Names and addresses are invented.
var (
	satoKenichi      = mail.Address{Name: "佐藤 健一", Address: "sato.kenichi@toray.co.jp"}
	nakamuraKoji     = mail.Address{Name: "中村 浩二", Address: "nakamura.koji@toray.co.jp"}
	takahashiMisaki  = mail.Address{Name: "高橋 美咲", Address: "takahashi.misaki@toray.co.jp"}
	moritaMakoto     = mail.Address{Name: "森田 誠", Address: "morita.makoto@fujitsu.com"}
	poTemplate       = `\\tfs01.toray.local\templates\PO.dotx`
	torayCompanyName = "東レ株式会社"
)

// purchaseOrder is Toray's purchase order to Fujitsu: Fujitsu is named
// as the vendor in the body, every metadata field points to Toray.
func purchaseOrder() ([]byte, error) {
	return docgen.Docx(docgen.DocxSpec{
		Core: docgen.CoreProps{
			Title:          "発注書 FJ-2021-0412",
			Subject:        "サーバ保守サービス発注",
			Creator:        "高橋 美咲",
			LastModifiedBy: "佐藤 健一",
			Revision:       "4",
			Created:        at(4, 9, 17, 20),
			Modified:       at(4, 12, 10, 5),
		},
		App: docgen.AppProps{
			Company:   torayCompanyName,
			Manager:   "渡辺 隆",
			Template:  poTemplate,
			TotalTime: 37,
		},
		Custom: []docgen.CustomProp{
			{Name: "文書管理番号", Value: "TR-PUR-2021-0412"},
			{Name: "機密区分", Value: "社外秘"},
		},
		Paragraphs: []string{
			"社外秘",
			"# 発注書",
			"発注番号: FJ-2021-0412",
			"発行日: 2021年4月12日",
			"",
			"富士通株式会社 御中",
			"(Fujitsu Limited / 担当: 森田 誠 様 morita.makoto@fujitsu.com)",
			"",
			"東レ株式会社 購買部",
			"担当: 高橋 美咲 (takahashi.misaki@toray.co.jp)",
			"",
			"下記のとおり発注いたします。",
			"品名\t数量\t単価\t金額",
			"PRIMERGY RX2540 M6 オンサイト保守 (24時間365日)\t4\t1,180,000\t4,720,000",
			"ETERNUS DX100 S5 ハードウェア保守\t1\t2,360,000\t2,360,000",
			"保守作業報告書の作成\t1\t150,000\t150,000",
			"合計 (税抜)\t\t\t7,230,000",
			"",
			"納入場所: 東レ株式会社 本社 情報システム部 サーバ室",
			"契約期間: 2021年6月1日 から 2022年5月31日 まで",
			"支払条件: 月末締め 翌月末払い",
			"",
			"承認: 購買部 課長 渡辺 隆",
		},
	})
}

// contractList is the maintenance contract register, several sheets.
func contractList() ([]byte, error) {
	return docgen.Xlsx(docgen.XlsxSpec{
		Core: docgen.CoreProps{
			Title:          "保守契約一覧 FY2021",
			Creator:        "中村 浩二",
			LastModifiedBy: "高橋 美咲",
			Created:        at(3, 2, 9, 40),
			Modified:       at(5, 18, 16, 47),
		},
		App: docgen.AppProps{
			Company: torayCompanyName,
			Manager: "渡辺 隆",
		},
		Sheets: []docgen.Sheet{
			{Name: "契約一覧", Rows: [][]string{
				{"契約番号", "対象", "保守会社", "開始日", "終了日", "年額(円)", "社内担当"},
				{"TR-MNT-2018-031", "基幹サーバ tsap01/tsap02", "富士通株式会社", "2018/06/01", "2021/05/31", "9840000", "中村 浩二"},
				{"TR-MNT-2021-007", "PRIMERGY RX2540 M6 (4台)", "富士通株式会社", "2021/06/01", "2022/05/31", "4720000", "中村 浩二"},
				{"TR-MNT-2021-008", "ETERNUS DX100 S5", "富士通株式会社", "2021/06/01", "2022/05/31", "2360000", "中村 浩二"},
				{"TR-MNT-2020-015", "ファイルサーバ tfs01", "富士通Japan株式会社", "2020/10/01", "2021/09/30", "1260000", "佐藤 健一"},
				{"TR-MNT-2019-022", "ネットワーク機器一式", "みなとネットワーク株式会社", "2019/04/01", "2022/03/31", "3150000", "佐藤 健一"},
			}},
			{Name: "機器台帳", Rows: [][]string{
				{"ホスト名", "機種", "設置場所", "IP アドレス", "契約番号"},
				{"tsap01.toray.local", "PRIMERGY RX2540 M6", "本社 サーバ室 R-03", "10.20.4.11", "TR-MNT-2021-007"},
				{"tsap02.toray.local", "PRIMERGY RX2540 M6", "本社 サーバ室 R-03", "10.20.4.12", "TR-MNT-2021-007"},
				{"tfs01.toray.local", "PRIMERGY RX2530 M5", "本社 サーバ室 R-05", "10.20.4.30", "TR-MNT-2020-015"},
				{"tbk01.toray.local", "ETERNUS DX100 S5", "本社 サーバ室 R-06", "10.20.4.40", "TR-MNT-2021-008"},
			}},
			{Name: "連絡先", Rows: [][]string{
				{"会社", "氏名", "部署", "メール", "電話"},
				{"東レ株式会社", "中村 浩二", "情報システム部", nakamuraKoji.Address, "内線 2214"},
				{"東レ株式会社", "高橋 美咲", "購買部", takahashiMisaki.Address, "内線 3105"},
				{"富士通株式会社", "森田 誠", "営業部 (担当営業)", moritaMakoto.Address, "03-0000-1234"},
			}},
		},
	})
}

// systemOverview is an engineer's overview of the core systems.
func systemOverview() ([]byte, error) {
	return docgen.PDF(docgen.PDFSpec{
		Info: docgen.PDFInfo{
			Title:    "基幹システム概要 (第2版)",
			Author:   "中村 浩二",
			Subject:  "Core systems overview",
			Creator:  "Microsoft Word",
			Producer: "Microsoft® Word for Microsoft 365",
			Created:  at(4, 26, 10, 30),
			Modified: at(4, 26, 11, 3),
		},
		Pages: []docgen.PDFPage{
			{Lines: []string{
				"Confidential - Toray Industries, Inc.",
				"",
				"# Core Systems Overview (rev. 2)",
				"Information Systems Department, Toray Industries, Inc.",
				"Author: Koji Nakamura (nakamura.koji@toray.co.jp)",
				"Date: 26 April 2021",
				"",
				"# 1. Servers",
				"tsap01.toray.local   SAP ERP application server (PRIMERGY RX2540 M6)",
				"tsap02.toray.local   SAP ERP database server (PRIMERGY RX2540 M6)",
				"tfs01.toray.local    departmental file server, shares \\\\tfs01.toray.local\\...",
				"tdc01.toray.local    Active Directory domain controller (TORAY)",
				"tbk01.toray.local    backup, ETERNUS DX100 S5",
				"",
				"# 2. External services",
				"mail.toray.co.jp            mail gateway",
				"portal.intra.toray.co.jp    intranet portal",
				"vpn.toray.co.jp             remote access",
			}},
			{Lines: []string{
				"# 3. Vendors and maintenance",
				"Hardware vendor: Fujitsu Limited (PRIMERGY servers, ETERNUS storage).",
				"Maintenance contracts TR-MNT-2021-007 and TR-MNT-2021-008, 1 June 2021 to 31 May 2022.",
				"Vendor contact: Makoto Morita, Fujitsu sales (morita.makoto@fujitsu.com).",
				"",
				"# 4. Operations",
				"Monitoring: https://monitor.intra.toray.co.jp/status/core",
				"Escalation: Toray IS help desk, extension 2210.",
				"",
				"Confidential - Toray Industries, Inc. Do not distribute outside the company.",
			}},
		},
	})
}

// paymentRequest is a Toray payment request for a Fujitsu invoice, saved
// as a Word document but named invoice.pdf.
func paymentRequest() ([]byte, error) {
	return docgen.Docx(docgen.DocxSpec{
		Core: docgen.CoreProps{
			Title:          "支払依頼書",
			Creator:        "小林 由紀",
			LastModifiedBy: "小林 由紀",
			Revision:       "2",
			Created:        at(5, 14, 15, 58),
			Modified:       at(5, 14, 16, 21),
		},
		App: docgen.AppProps{
			Company:  torayCompanyName,
			Template: `\\tfs01.toray.local\templates\支払依頼書.dotx`,
		},
		Paragraphs: []string{
			"# 支払依頼書",
			"起票部署: 東レ株式会社 経理部",
			"起票者: 小林 由紀 (kobayashi.yuki@toray.co.jp)",
			"",
			"請求元: 富士通株式会社",
			"請求書番号: FJ-INV-2021-05-0318",
			"件名: 基幹サーバ保守 (2021年5月分)",
			"金額: 820,000 円 (税抜)",
			"支払予定日: 2021年6月30日",
			"",
			"承認: 情報システム部 部長",
		},
	})
}

// renewalMail is an internal reply about the contract renewal, with the
// Fujitsu sales rep in copy, in ISO-2022-JP.
func renewalMail() ([]byte, error) {
	attach, err := docgen.PDF(docgen.PDFSpec{
		Info: docgen.PDFInfo{
			Title:    "Maintenance renewal FY2021",
			Author:   "中村 浩二",
			Creator:  "Microsoft Excel",
			Producer: "Microsoft® Excel for Microsoft 365",
			Created:  at(5, 20, 13, 50),
			Modified: at(5, 20, 13, 50),
		},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Maintenance renewal FY2021 - Toray Industries, Inc.",
			"TR-MNT-2021-007  PRIMERGY RX2540 M6 x4   4,720,000 JPY",
			"TR-MNT-2021-008  ETERNUS DX100 S5        2,360,000 JPY",
			"Vendor: Fujitsu Limited",
		}}},
	})
	if err != nil {
		return nil, err
	}
	body := strings.Join([]string{
		"佐藤さん、高橋さん",
		"",
		"情報システム部の中村です。",
		"保守契約の更新について、富士通の森田様からいただいた見積りを確認しました。",
		"PRIMERGY 4台と ETERNUS の保守は、発注書 FJ-2021-0412 の内容で問題ありません。",
		"tfs01.toray.local の保守は 9月末で切れるため、別途相談させてください。",
		"",
		"森田様 (Cc): 6月1日開始で手配をお願いいたします。",
		"",
		"--",
		"東レ株式会社 情報システム部",
		"中村 浩二 <nakamura.koji@toray.co.jp>",
		"内線 2214",
		"",
		"> -----Original Message-----",
		"> From: 佐藤 健一 <sato.kenichi@toray.co.jp>",
		"> Sent: Wednesday, May 19, 2021 6:40 PM",
		"> Subject: 保守契約の更新について",
		">",
		"> 中村さん",
		"> 富士通から FY2021 の保守更新見積りが届いています。確認をお願いします。",
	}, "\n")
	return docgen.EML(docgen.EMLSpec{
		From:      nakamuraKoji,
		To:        []mail.Address{satoKenichi, takahashiMisaki},
		Cc:        []mail.Address{moritaMakoto},
		Date:      at(5, 20, 14, 3),
		Subject:   "RE: 保守契約の更新について",
		MessageID: "TYAPR01MB4821A6C3F1D2E0B7C19E6A5DB0529@mail.toray.co.jp",
		InReplyTo: "TYAPR01MB4821F0E2A7B3C4D5E6F7A8B9C0519@mail.toray.co.jp",
		Received: []string{
			"from mail.toray.co.jp (mail.toray.co.jp [10.20.1.25]) by mbx02.toray.local (Postfix) with ESMTPS id 4FmN2x0Jq7z9vK for <sato.kenichi@toray.co.jp>; Thu, 20 May 2021 14:03:12 +0900 (JST)",
			"from tpc-nakamura.toray.local (tpc-nakamura.toray.local [10.31.8.144]) by mail.toray.co.jp (Postfix) with ESMTPSA id 4FmN2w6HkGz9vJ; Thu, 20 May 2021 14:03:11 +0900 (JST)",
		},
		XMailer: "Microsoft Outlook 16.0",
		Charset: docgen.CharsetISO2022JP,
		Body:    body,
		Attachments: []docgen.Attachment{
			{Name: "maintenance_renewal_FY2021.pdf", ContentType: "application/pdf", Data: attach},
		},
	})
}

// customerRows is a small export of fictional customers. The domains are
// under example.jp, which is reserved for documentation.
var customerRows = [][]string{
	{"顧客コード", "会社名", "担当者", "部署", "電話番号", "メールアドレス", "登録日"},
	{"C-100231", "株式会社みなと繊維", "田中 一郎", "購買課", "06-0000-2231", "tanaka@minato-seni.example.jp", "2015/04/01"},
	{"C-100245", "北陸テキスタイル株式会社", "木村 直子", "資材部", "076-000-4512", "n-kimura@hokuriku-tex.example.jp", "2016/09/12"},
	{"C-100318", "有限会社さくら化成", "山本 健太", "営業部", "052-000-8810", "yamamoto@sakura-kasei.example.jp", "2017/02/20"},
	{"C-100402", "東海フィルム工業株式会社", "井上 真理", "調達グループ", "053-000-3377", "inoue.mari@tokai-film.example.jp", "2018/07/03"},
	{"C-100455", "株式会社瀬戸内ファイバー", "松本 翔", "生産管理部", "086-000-6621", "s-matsumoto@setouchi-fiber.example.jp", "2019/11/15"},
	{"C-100517", "関東樹脂販売株式会社", "清水 彩", "営業企画室", "03-0000-9184", "shimizu@kanto-jushi.example.jp", "2020/05/08"},
	{"C-100560", "株式会社オオヤマ産業", "斎藤 大輔", "総務部", "011-000-2045", "d.saito@oyama-sangyo.example.jp", "2021/01/22"},
}

// orderList is the departmental order list whose file name is stored in
// CP932. Its content is CP932 as well, with CRLF line ends.
const orderList = `受注一覧 (社外秘)
東レ株式会社 営業本部 作成: 佐藤 健一 2021/04/30

受注番号	顧客コード	顧客名	品目	数量	受注日
R21-0401	C-100231	株式会社みなと繊維	ナイロン原糸 70d	1200	2021/04/02
R21-0412	C-100245	北陸テキスタイル株式会社	ポリエステル短繊維	800	2021/04/09
R21-0419	C-100402	東海フィルム工業株式会社	PET フィルム 50μm	350	2021/04/16
R21-0427	C-100517	関東樹脂販売株式会社	ABS 樹脂ペレット	2000	2021/04/23
保存先: \\tfs01.toray.local\営業本部\受注管理\受注一覧.txt
`

// oldShare is a zip holding a tar.gz of an old share: two levels of
// nesting inside the pack.
func oldShare() ([]byte, error) {
	files := []struct {
		name, body string
	}{
		{"share/hosts", `# hosts - TORAY internal servers (copied from \\tdc01.toray.local\netlogon)
10.20.4.11    tsap01.toray.local    tsap01
10.20.4.12    tsap02.toray.local    tsap02
10.20.4.30    tfs01.toray.local     tfs01
10.20.4.40    tbk01.toray.local     tbk01
10.20.1.10    tdc01.toray.local     tdc01
10.20.1.25    mail.toray.co.jp
10.20.2.15    portal.intra.toray.co.jp
`},
		{"share/logon.bat", "@echo off\r\nrem TORAY logon script - 情報システム部\r\nnet use S: \\\\tfs01.toray.local\\営業本部 /persistent:no\r\nnet use T: \\\\tfs01.toray.local\\templates /persistent:no\r\n"},
		{"share/README_shares.txt", "Shares on tfs01.toray.local (2020-12 snapshot)\n\\\\tfs01.toray.local\\営業本部\n\\\\tfs01.toray.local\\購買部\n\\\\tfs01.toray.local\\templates\nOwner: Toray Industries, Inc. Information Systems\n"},
	}
	var tgz bytes.Buffer
	gz, err := gzip.NewWriterLevel(&tgz, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	gz.Name = "old_share.tar"
	gz.ModTime = at(3, 31, 23, 10)
	tw := tar.NewWriter(gz)
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: "share/", Mode: 0o755, ModTime: at(12, 1, 0, 0).AddDate(-1, 0, 0), Uname: "backup", Gname: "backup", Format: tar.FormatUSTAR}); err != nil {
		return nil, fmt.Errorf("tar: %w", err)
	}
	for i, f := range files {
		h := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     f.name,
			Mode:     0o644,
			Size:     int64(len(f.body)),
			ModTime:  at(12, 1+i, 9, 30).AddDate(-1, 0, 0),
			Uname:    "backup",
			Gname:    "backup",
			Format:   tar.FormatUSTAR,
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, fmt.Errorf("tar: %w", err)
		}
		if _, err := tw.Write([]byte(f.body)); err != nil {
			return nil, fmt.Errorf("tar: %w", err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("tar: %w", err)
	}
	if err := gz.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}

	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "old_share.tar.gz", Method: zip.Store, Modified: at(3, 31, 23, 11)})
	if err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	if _, err := w.Write(tgz.Bytes()); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	return z.Bytes(), nil
}
