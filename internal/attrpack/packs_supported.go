package attrpack

import (
	"net/mail"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// hitachiPack: Hitachi's own design-review papers.
func hitachiPack(*docgen.Fonts) *pack {
	p := &pack{root: "hitachi_rail_review/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2022, time.Month(m), d, hh, mm) }
	p.docx("docs/design_review_minutes_SC4.docx", t(3, 9, 17, 42), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "Design review minutes - signalling controller SC-4", Creator: "Kenta Mori", LastModifiedBy: "Aya Ishida",
			Revision: "7", Created: t(3, 8, 10, 0), Modified: t(3, 9, 17, 40)},
		App: docgen.AppProps{Company: "Hitachi, Ltd.", Template: `\\hfs-share.rail.hitachi.co.jp\templates\minutes_en.dotx`, TotalTime: 94},
		Paragraphs: []string{
			"Confidential - Hitachi, Ltd.",
			"# Design review minutes: signalling controller SC-4 (DR3)",
			"Date: 8 March 2022, 10:00-12:00, Mito works, meeting room 4B",
			"Attendees: Kenta Mori (chair, mori.kenta@hitachi.co.jp), Aya Ishida, Shun Kaneko, Yui Hamada",
			"1. The CPU board keeps the Intel Atom x6000E part; second source to be evaluated by May.",
			"2. Watchdog timing: the 50 ms window was confirmed on the test bench (ref. TR-SC4-0117).",
			"3. Open item: EMC test slot at the Omika lab is not yet booked. Owner: Y. Hamada.",
			"Next review: DR4, week 16. Minutes filed on the department share.",
		},
	})
	p.xlsx("docs/SC4_test_schedule.xlsx", t(3, 14, 9, 5), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "SC-4 試験日程", Creator: "石田 彩", LastModifiedBy: "森 健太", Created: t(2, 1, 9, 0), Modified: t(3, 14, 9, 4)},
		App:  docgen.AppProps{Company: "株式会社日立製作所"},
		Sheets: []docgen.Sheet{{Name: "日程", Rows: [][]string{
			{"試験", "開始", "終了", "担当", "場所"},
			{"単体試験 (CPU)", "2022/03/14", "2022/03/25", "金子", "水戸 4B"},
			{"結合試験", "2022/04/04", "2022/04/22", "浜田", "水戸 試験棟"},
			{"EMC 試験", "2022/05/09", "2022/05/13", "浜田", "大みか"},
			{"耐久試験", "2022/05/16", "2022/06/10", "石田", "水戸 試験棟"},
		}}},
	})
	sent := t(3, 9, 18, 2)
	p.eml("mail/FW_DR3_minutes.eml", sent, internalMail{
		from: addr("Kenta Mori", "mori.kenta@hitachi.co.jp"),
		to:   []mail.Address{addr("Aya Ishida", "ishida.aya@hitachi.co.jp"), addr("Yui Hamada", "hamada.yui@hitachi.co.jp")},
		cc:   []mail.Address{addr("Shun Kaneko", "kaneko.shun@hitachi.co.jp")},
		date: sent, subject: "FW: DR3 minutes and EMC slot",
		body: "Ishida-san, Hamada-san,\n\nThe DR3 minutes are on the share. Please book the EMC slot at Omika this week;\n" +
			"the lab asks for the request form by Friday.\n\nKenta\n",
		mbx: "mbx03.hitachi.co.jp", mbxIP: "10.41.3.13", gw: "mail.hitachi.co.jp",
	}.spec())
	return p
}

// toyotaPack: Toyota production planning, Japanese, as a tar.gz.
func toyotaPack(*docgen.Fonts) *pack {
	p := &pack{root: "生産管理部/", tarGz: true}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2022, time.Month(m), d, hh, mm) }
	p.xlsx("生産計画_2022Q3.xlsx", t(6, 20, 18, 11), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "生産計画 2022年度 第3四半期", Creator: "山本 直樹", LastModifiedBy: "大西 真理",
			Created: t(5, 30, 9, 0), Modified: t(6, 20, 18, 10)},
		App: docgen.AppProps{Company: "トヨタ自動車株式会社", Template: `\\tmfs-seikan.toyota.co.jp\テンプレート\生産計画.xltx`},
		Sheets: []docgen.Sheet{{Name: "計画", Rows: [][]string{
			{"ライン", "車種", "7月", "8月", "9月", "備考"},
			{"第1組立", "セダン A", "18200", "12100", "17900", "8月 稼働停止 5日"},
			{"第2組立", "SUV B", "21400", "15000", "22100", ""},
			{"第3組立", "HV C", "9600", "7200", "10400", "電池供給 要確認"},
		}}},
	})
	p.docx("工程変更連絡書_2022-041.docx", t(6, 17, 15, 30), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "工程変更連絡書 2022-041", Creator: "大西 真理", LastModifiedBy: "山本 直樹",
			Created: t(6, 16, 10, 0), Modified: t(6, 17, 15, 28)},
		App: docgen.AppProps{Company: "トヨタ自動車株式会社", Template: `\\tmfs-seikan.toyota.co.jp\テンプレート\連絡書.dotx`},
		Paragraphs: []string{
			"社外秘",
			"# 工程変更連絡書 (No. 2022-041)",
			"株式会社デンソー 御中",
			"トヨタ自動車株式会社 生産管理部 大西 真理 (onishi.mari@toyota.co.jp)",
			"下記のとおり、第3組立ラインの工程を変更いたしますのでご連絡いたします。",
			"変更内容: インバータ組付工程の順序変更 (検査工程を前倒し)",
			"適用開始: 2022年7月11日",
			"ご不明な点は生産管理部までお問い合わせください。",
		},
	})
	sent := t(6, 20, 18, 25)
	p.eml("RE_第3四半期生産計画.eml", sent, internalMail{
		from: addr("山本 直樹", "yamamoto.naoki@toyota.co.jp"),
		to:   []mail.Address{addr("大西 真理", "onishi.mari@toyota.co.jp")},
		cc:   []mail.Address{addr("生産管理部", "seikan-all@toyota.co.jp")},
		date: sent, subject: "RE: 第3四半期 生産計画 (最終版)", charset: docgen.CharsetISO2022JP,
		body: "大西さん\n\n生産計画の最終版を共有フォルダに置きました。\n8月の稼働停止日は工場カレンダーと合わせてあります。\n" +
			"電池の供給見通しは来週の会議で確認します。\n\n山本\n",
		mbx: "mbx-seikan.toyota.co.jp", mbxIP: "10.60.8.21", gw: "mx.toyota.co.jp",
	}.spec())
	return p
}

// necPack: NEC internal mail and a cloud migration plan.
func necPack(*docgen.Fonts) *pack {
	p := &pack{root: "NEC_infra/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2023, time.Month(m), d, hh, mm) }
	p.docx("plan/cloud_migration_plan_v3.docx", t(2, 2, 11, 20), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "Cloud migration plan v3", Creator: "Haruto Ueda", LastModifiedBy: "Rina Sakamoto",
			Created: t(1, 16, 9, 30), Modified: t(2, 2, 11, 18)},
		App: docgen.AppProps{Company: "NEC Corporation", Template: `\\ntfs-infra.jp.nec.com\templates\plan.dotx`},
		Paragraphs: []string{
			"NEC Corporation - Internal Use Only",
			"# Cloud migration plan (v3)",
			"Scope: 42 internal business systems of the IT Platform Division.",
			"Target: AWS (Tokyo region), with the identity platform kept on premises.",
			"Wave 1 (April): file transfer, wiki, build servers.",
			"Wave 2 (July): purchasing workflow, expense system.",
			"Contacts: Haruto Ueda (ueda.haruto@nec.com), Rina Sakamoto (sakamoto.rina@nec.com).",
		},
	})
	mails := []internalMail{
		{from: addr("Haruto Ueda", "ueda.haruto@nec.com"), to: []mail.Address{addr("Rina Sakamoto", "sakamoto.rina@nec.com")},
			date: t(2, 2, 11, 25), subject: "Migration plan v3 for review",
			body: "Rina,\n\nv3 of the plan is on the team share. Wave 2 moved to July as discussed.\nComments by Monday, please.\n\nHaruto\n"},
		{from: addr("Rina Sakamoto", "sakamoto.rina@nec.com"), to: []mail.Address{addr("Haruto Ueda", "ueda.haruto@nec.com")},
			cc: []mail.Address{addr("Daichi Fujii", "fujii.daichi@nec.com")}, date: t(2, 6, 9, 12), subject: "RE: Migration plan v3 for review",
			body: "Haruto,\n\nLooks fine. One point: the expense system needs the new VPN profile before wave 2.\nDaichi can check the firewall change.\n\nRina\n"},
		{from: addr("Daichi Fujii", "fujii.daichi@nec.com"), to: []mail.Address{addr("Rina Sakamoto", "sakamoto.rina@nec.com"), addr("Haruto Ueda", "ueda.haruto@nec.com")},
			date: t(2, 7, 16, 40), subject: "RE: RE: Migration plan v3 for review",
			body: "Both,\n\nFirewall change request FW-2023-0219 is filed. Expected in place by end of March.\n\nDaichi\n"},
	}
	names := []string{"mail/migration_plan_v3.eml", "mail/RE_migration_plan_v3.eml", "mail/RE_RE_migration_plan_v3.eml"}
	for i, m := range mails {
		m.mbx, m.mbxIP, m.gw = "mbx11.jp.nec.com", "10.72.11.5", "mail.nec.com"
		p.eml(names[i], m.date, m.spec())
	}
	return p
}

// fujitsuPack: Fujitsu's own sales files about its customer Toray.
func fujitsuPack(*docgen.Fonts) *pack {
	p := &pack{root: "FJ_営業/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2021, time.Month(m), d, hh, mm) }
	p.xlsx("案件管理_FY2021.xlsx", t(5, 19, 19, 2), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "案件管理 FY2021 (製造第二営業部)", Creator: "森田 誠", LastModifiedBy: "木村 彩花",
			Created: t(4, 1, 9, 10), Modified: t(5, 19, 19, 0)},
		App: docgen.AppProps{Company: "富士通株式会社"},
		Sheets: []docgen.Sheet{{Name: "案件", Rows: [][]string{
			{"案件番号", "顧客", "内容", "金額(千円)", "確度", "担当"},
			{"FJS-21-0412", "東レ株式会社", "PRIMERGY 保守更新", "7080", "A", "森田"},
			{"FJS-21-0433", "東レ株式会社", "ETERNUS 増設", "12400", "B", "森田"},
			{"FJS-21-0502", "東レ株式会社", "SAP 基盤 保守", "9600", "A", "木村"},
		}}},
	})
	p.docx("見積書_東レ様_FY2021保守.docx", t(5, 14, 13, 55), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "御見積書 FY2021 保守更新", Creator: "森田 誠", LastModifiedBy: "森田 誠",
			Created: t(5, 13, 16, 0), Modified: t(5, 14, 13, 50)},
		App: docgen.AppProps{Company: "富士通株式会社", Template: `\\fjfs-sales2.jp.fujitsu.com\様式\見積書.dotx`},
		Paragraphs: []string{
			"# 御見積書",
			"東レ株式会社 御中 (情報システム部 中村 浩二 様)",
			"富士通株式会社 製造第二営業部 森田 誠 (morita.makoto@fujitsu.com)",
			"件名: PRIMERGY RX2540 M6 (4台) および ETERNUS DX100 S5 保守更新",
			"金額: 7,080,000 円 (税抜)  有効期限: 2021年6月30日",
			"保守期間: 2021年6月1日 から 2022年5月31日",
		},
	})
	sent := t(5, 19, 19, 10)
	p.eml("RE_東レ様_保守更新の件.eml", sent, internalMail{
		from: addr("木村 彩花", "kimura.ayaka@fujitsu.com"),
		to:   []mail.Address{addr("森田 誠", "morita.makoto@fujitsu.com")},
		date: sent, subject: "RE: 東レ様 保守更新の件", charset: docgen.CharsetISO2022JP,
		body: "森田さん\n\n東レ様向けの見積書、部長承認が下りました。\n案件管理表も更新済みです。\n\n木村\n",
		mbx:  "mbx21.jp.fujitsu.com", mbxIP: "10.33.21.7", gw: "mail.fujitsu.com",
	}.spec())
	return p
}

// nttDataPack: NTT DATA project files; NTT, its parent, only mentioned.
func nttDataPack(*docgen.Fonts) *pack {
	return nttDataFiles(&pack{root: "PJ_共通基盤/"})
}

// nttGroupPack: the same files, sold as NTT's, with the seller's note.
func nttGroupPack(*docgen.Fonts) *pack {
	p := &pack{root: "NTT_group_internal/"}
	p.text("README.txt", day(jst, 2023, time.October, 2, 1, 30), "NTT GROUP internal project documents - sample\nNTT 社内資料\n")
	return nttDataFiles(p)
}

// nttDataFiles adds NTT DATA's project files to p.
func nttDataFiles(p *pack) *pack {
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2023, time.Month(m), d, hh, mm) }
	p.docx("要件定義書_v1.2.docx", t(9, 8, 20, 15), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "共通基盤 要件定義書 v1.2", Creator: "松本 翔", LastModifiedBy: "岡田 恵",
			Created: t(8, 1, 9, 0), Modified: t(9, 8, 20, 12)},
		App: docgen.AppProps{Company: "株式会社NTTデータ", Template: `\\nd-pjfs.nttdata.co.jp\PJ共通\様式\要件定義書.dotx`},
		Paragraphs: []string{
			"社外秘",
			"# 共通基盤 要件定義書 (v1.2)",
			"作成: 株式会社NTTデータ 第三公共事業本部 松本 翔 (matsumoto.sho@nttdata.co.jp)",
			"本書は NTT グループ共通セキュリティ規程 (第5版) に準拠して作成する。",
			"非機能要件: 稼働率 99.95%、RPO 15分、RTO 4時間。",
			"ログ基盤は NEC 製品の継続利用を前提とする。",
		},
	})
	p.xlsx("課題管理表.xlsx", t(9, 11, 18, 40), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "課題管理表", Creator: "岡田 恵", LastModifiedBy: "松本 翔", Created: t(8, 3, 10, 0), Modified: t(9, 11, 18, 38)},
		App:  docgen.AppProps{Company: "NTT DATA"},
		Sheets: []docgen.Sheet{{Name: "課題", Rows: [][]string{
			{"No.", "課題", "起票者", "期限", "状態"},
			{"1", "認証基盤の冗長構成", "松本", "2023/09/29", "対応中"},
			{"2", "ログ保管期間の確認", "岡田", "2023/10/13", "未着手"},
			{"3", "移行リハーサル日程", "松本", "2023/10/20", "未着手"},
		}}},
	})
	sent := t(9, 11, 19, 3)
	p.eml("RE_要件定義書レビュー.eml", sent, internalMail{
		from: addr("岡田 恵", "okada.megumi@nttdata.co.jp"),
		to:   []mail.Address{addr("松本 翔", "matsumoto.sho@nttdata.co.jp")},
		date: sent, subject: "RE: 要件定義書 v1.2 レビュー", charset: docgen.CharsetISO2022JP,
		body: "松本さん\n\nv1.2 を確認しました。非機能要件の RTO は顧客確認が必要です。\n課題管理表に追記しました。\n\n岡田\n",
		mbx:  "mbx-pj3.nttdata.co.jp", mbxIP: "10.88.3.40", gw: "mail.nttdata.co.jp",
	}.spec())
	return p
}
