package attrpack

import (
	"net/mail"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The packs of this file hold the claimed organisation's own data (or,
// for the seller-notes packs that name another, an unrelated one's): its
// own staff's documents on its own share and its own internal mail.

// kuroganeDesignPack: Kurogane's design review of a press, claim by id.
func kuroganeDesignPack(*docgen.Fonts) *pack {
	f := kurogane
	p := &pack{root: "設計部_HP800/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("DR3_議事録_HP-800.docx", t(6, 12, 18, 5), f.doc(0, 1, "HP-800 設計審査 DR3 議事録", t(6, 11, 9, 0), t(6, 12, 18, 2), "議事録.dotx",
		"社外秘",
		"# 油圧プレス HP-800 設計審査 (DR3) 議事録",
		"日時: 2024年6月11日 13:00-16:30  場所: 尼崎工場 第2会議室",
		"出席: 長尾 (議長)、宮下、岩城、野々村",
		"1. フレーム剛性: FEM 解析結果 (最大たわみ 0.18 mm) を承認。",
		"2. 油圧ユニット: 騒音 78 dB の目標に対し実測 81 dB。防音カバーを追加検討。",
		"3. 安全回路: ライトカーテンの応答時間を試験で確認すること (担当: 岩城)。",
		`資料保存先: \\krfs01.kurogane-hi.co.jp\設計部\HP-800\DR3`,
	))
	p.xlsx("HP-800_試験日程.xlsx", t(6, 14, 9, 40), f.book(2, 0, "HP-800 試験日程", t(5, 20, 9, 0), t(6, 14, 9, 38), "日程表.xltx",
		sheet("日程", []string{"試験", "開始", "終了", "担当", "場所"},
			[]string{"フレーム静荷重試験", "2024/06/24", "2024/06/28", "岩城", "尼崎 試験棟"},
			[]string{"油圧ユニット騒音測定", "2024/07/01", "2024/07/03", "野々村", "尼崎 無響室"},
			[]string{"安全回路 応答試験", "2024/07/08", "2024/07/10", "岩城", "尼崎 試験棟"},
			[]string{"連続運転 (72 h)", "2024/07/16", "2024/07/19", "宮下", "尼崎 試験棟"})))
	p.eml("mail/RE_DR3議事録.eml", t(6, 12, 18, 30), f.mail(1, []int{0, 2, 3}, t(6, 12, 18, 30), "RE: HP-800 DR3 議事録",
		"長尾さん\n\n議事録を確認しました。防音カバーの試作は来週発注します。\n試験日程表も共有フォルダに置きました。\n\n宮下\n"))
	p.eml("mail/安全回路試験の件.eml", t(6, 17, 10, 2), f.mail(2, []int{0}, t(6, 17, 10, 2), "安全回路 応答試験の件",
		"長尾さん\n\nライトカーテンの応答試験の治具が揃いました。7/8 から予定どおり実施します。\n\n岩城\n"))
	return p
}

// chigusaRecipePack: Chigusa's product development, Japanese, tar.gz.
func chigusaRecipePack(*docgen.Fonts) *pack {
	f := chigusa
	p := &pack{root: "商品開発部/", tarGz: true}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2023, m, d, hh, mm) }
	p.docx("新商品企画書_冷凍惣菜2024春.docx", t(10, 3, 17, 20), f.doc(0, 1, "新商品企画書 冷凍惣菜 2024年春", t(9, 25, 10, 0), t(10, 3, 17, 18), "企画書.dotx",
		"社外秘",
		"# 新商品企画書: 冷凍惣菜シリーズ 2024年春",
		"コンセプト: 電子レンジ 3 分で主菜が一品。減塩 20%。",
		"品目: 鶏の黒酢あん、鯖の味噌煮、豚の生姜焼き (各 180 g)",
		"目標原価: 1 食 142 円以内。希望小売価格 398 円。",
		"製造: 第二工場 ライン 3。初回生産 12 万食。",
	))
	p.xlsx("原価計算_冷凍惣菜.xlsx", t(10, 5, 11, 45), f.book(2, 0, "原価計算 冷凍惣菜", t(9, 28, 9, 0), t(10, 5, 11, 43), "原価計算.xltx",
		sheet("原価", []string{"品目", "原材料", "包材", "加工費", "合計"},
			[]string{"鶏の黒酢あん", "71.2", "18.5", "49.0", "138.7"},
			[]string{"鯖の味噌煮", "78.9", "18.5", "44.1", "141.5"},
			[]string{"豚の生姜焼き", "69.4", "18.5", "47.3", "135.2"})))
	p.eml("RE_企画書レビュー.eml", t(10, 4, 9, 12), f.mail(1, []int{0}, t(10, 4, 9, 12), "RE: 冷凍惣菜 企画書レビュー",
		"朝比奈さん\n\n企画書を拝見しました。鯖の味噌煮の原価がやや高いので、包材の見直しを古賀さんに依頼しています。\n\n綾瀬\n"))
	p.eml("試食会の日程.eml", t(10, 6, 15, 30), f.mail(0, []int{1, 2}, t(10, 6, 15, 30), "試食会の日程について",
		"綾瀬さん、古賀さん\n\n試食会は 10/18 (水) 14 時から第二工場の会議室で行います。\n\n朝比奈\n"))
	return p
}

// marumiHQPack: Marumi Mart's head office, claim in half-width katakana.
func marumiHQPack(*docgen.Fonts) *pack {
	f := marumi
	p := &pack{root: "本部_販促/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("2024秋_販促計画.docx", t(8, 20, 19, 10), f.doc(0, 1, "2024年秋 販促計画 (本部)", t(8, 1, 9, 0), t(8, 20, 19, 8), "企画書.dotx",
		"社外秘 (本部内限り)",
		"# 2024年秋 販促計画",
		"期間: 9月2日から10月27日。重点: おでん、中華まん、秋スイーツ。",
		"全店共通: アプリ会員向け 50 円引きクーポンを毎週配信。",
		"加盟店への案内は 8/26 の店長会議で行う。",
	))
	p.xlsx("店舗別売上_2024-07.xlsx", t(8, 9, 8, 50), f.book(2, 2, "店舗別売上 2024年7月", t(8, 1, 7, 0), t(8, 9, 8, 48), "売上集計.xltx",
		sheet("売上", []string{"店番", "店名", "区分", "売上 (千円)", "前年比"},
			[]string{"1021", "北浦一丁目店", "加盟店", "18420", "103.2"},
			[]string{"1044", "川端駅前店", "加盟店", "21975", "98.7"},
			[]string{"0007", "本社ビル店", "直営", "12310", "101.5"},
			[]string{"1102", "港南通り店", "加盟店", "16888", "105.0"})))
	p.eml("mail/販促計画_最終.eml", t(8, 20, 19, 30), f.mail(0, []int{1, 2}, t(8, 20, 19, 30), "2024秋 販促計画 最終版",
		"千早さん、相良さん\n\n秋の販促計画の最終版を本部共有に置きました。店長会議の資料はこれをもとにお願いします。\n\n宇佐美\n"))
	return p
}

// narukamiCircuitPack: Narukami's circuit review, claim in full-width
// Latin letters.
func narukamiCircuitPack(*docgen.Fonts) *pack {
	f := narukami
	p := &pack{root: "開発_NK-PS40/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("回路レビュー記録_NK-PS40.docx", t(3, 7, 17, 40), f.doc(0, 2, "NK-PS40 回路レビュー記録", t(3, 6, 10, 0), t(3, 7, 17, 38), "レビュー記録.dotx",
		"社外秘",
		"# 電源ユニット NK-PS40 回路レビュー記録",
		"対象: 一次側 PFC 回路、二次側同期整流",
		"指摘 1: 突入電流制限の NTC を 5 Ω から 8 Ω へ。",
		"指摘 2: 出力コンデンサのリプル電流定格に余裕なし (85%)。",
		"次回: 試作 2 号機で温度上昇を確認。",
	))
	p.xlsx("部品表_NK-PS40_rev3.xlsx", t(3, 8, 9, 15), f.book(2, 2, "部品表 NK-PS40 rev3", t(2, 19, 9, 0), t(3, 8, 9, 13), "部品表.xltx",
		sheet("BOM", []string{"No.", "部品番号", "品名", "数量", "備考"},
			[]string{"1", "NK-C-4711", "電解コンデンサ 450V 120uF", "2", "105℃品"},
			[]string{"2", "NK-Q-2210", "MOSFET 650V", "4", ""},
			[]string{"3", "NK-T-0930", "トランス PQ3230", "1", "自社巻線"},
			[]string{"4", "NK-R-0118", "NTC 8Ω", "1", "rev3 で変更"})))
	p.eml("mail/レビュー指摘対応.eml", t(3, 8, 10, 5), f.mail(2, []int{0, 1}, t(3, 8, 10, 5), "NK-PS40 レビュー指摘の対応",
		"桐島さん\n\n指摘 1 は部品表 rev3 に反映しました。指摘 2 はコンデンサ変更の見積を依頼中です。\n\n御厨\n"))
	return p
}

// aizomeStabilityPack: Aizome's stability study, claim as a domain, 7z.
func aizomeStabilityPack(*docgen.Fonts) *pack {
	f := aizome
	p := &pack{root: "研究開発_AZ-207/", sevenZ: true}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("安定性試験計画書_AZ-207.docx", t(1, 22, 16, 0), f.doc(0, 1, "AZ-207 錠 安定性試験計画書", t(1, 10, 9, 0), t(1, 22, 15, 58), "試験計画書.dotx",
		"社外秘",
		"# AZ-207 錠 10 mg 長期安定性試験計画書",
		"保存条件: 25℃/60%RH (36 か月)、40℃/75%RH (6 か月)",
		"試験項目: 性状、含量、類縁物質、溶出性",
		"試験責任者: 白洲 隼人 (製剤研究部)",
	))
	p.xlsx("安定性データ_AZ-207_6M.xlsx", t(7, 30, 18, 20), f.book(1, 1, "AZ-207 安定性 6 か月", t(7, 24, 9, 0), t(7, 30, 18, 18), "データシート.xltx",
		sheet("40C75RH", []string{"時点", "含量 (%)", "類縁物質 (%)", "溶出 (%)", "判定"},
			[]string{"開始時", "100.2", "0.08", "98", "適合"},
			[]string{"1 か月", "99.8", "0.11", "97", "適合"},
			[]string{"3 か月", "99.1", "0.19", "96", "適合"},
			[]string{"6 か月", "98.4", "0.31", "95", "適合"})))
	p.eml("mail/6M結果.eml", t(7, 30, 18, 40), f.mail(1, []int{0, 2}, t(7, 30, 18, 40), "AZ-207 6 か月結果",
		"白洲さん、榊原さん\n\n加速条件 6 か月の結果をデータシートに入れました。類縁物質は規格内です。\n\n蓮見\n"))
	return p
}

// asanagiPlantPack: Asanagi's production plan, claim by ticker alias.
func asanagiPlantPack(*docgen.Fonts) *pack {
	f := asanagi
	p := &pack{root: "ASNC_production/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2023, m, d, hh, mm) }
	p.xlsx("生産計画_鹿島工場_FY2023H2.xlsx", t(9, 15, 17, 30), f.book(0, 1, "鹿島工場 生産計画 FY2023 下期", t(9, 1, 9, 0), t(9, 15, 17, 28), "生産計画.xltx",
		sheet("計画", []string{"品目", "10月 (t)", "11月 (t)", "12月 (t)", "備考"},
			[]string{"AS-PE 310", "1200", "1150", "980", "12月 定修"},
			[]string{"AS-PP 220", "860", "900", "700", ""},
			[]string{"AS-EVA 18", "240", "260", "210", "出荷は朝凪物流"})))
	p.docx("定期修理計画_2023.docx", t(9, 12, 11, 5), f.doc(2, 0, "鹿島工場 定期修理計画 2023", t(9, 4, 9, 0), t(9, 12, 11, 3), "計画書.dotx",
		"社外秘",
		"# 鹿島工場 定期修理計画 (2023年12月)",
		"期間: 12月4日から12月15日。対象: 第1反応器、押出機 2 基。",
		"在庫積み増し: AS-PE 310 を 600 t。出荷調整は朝凪物流と協議。",
	))
	p.eml("RE_定修期間の出荷.eml", t(9, 15, 18, 0), f.mail(1, []int{0, 2}, t(9, 15, 18, 0), "RE: 定修期間の出荷について",
		"藤堂さん\n\n定修期間の出荷は在庫で対応できる見込みです。計画表を更新しました。\n\n小早川\n"))
	return p
}

// hibariBackupPack: Hibari's files whose bodies name nobody; the owner
// is in a nested backup's metadata, templates and photo EXIF.
func hibariBackupPack(*docgen.Fonts) *pack {
	f := hibari
	p := &pack{root: "files_0412/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.nested("backup_0412.zip", t(4, 12, 23, 0), func(q *pack) {
		q.docx("点呼記録_2024-04.docx", t(4, 11, 19, 0), f.doc(1, 1, "点呼記録 2024年4月", t(4, 1, 5, 0), t(4, 11, 18, 58), "点呼記録.dotx",
			"# 点呼記録 (4月)", "4/1 乗務前点呼 22 名 異常なし", "4/2 乗務前点呼 21 名 1 名 体調不良で交代", "4/3 乗務前点呼 22 名 異常なし"))
	})
	ws := f.book(2, 2, "", time.Time{}, time.Time{}, "運行表.xltx",
		sheet("運行", []string{"便", "発", "着", "車番", "乗務員"},
			[]string{"101", "厚木", "名古屋", "8841", "A"},
			[]string{"102", "厚木", "大阪", "8856", "B"},
			[]string{"205", "相模原", "仙台", "9012", "C"}))
	ws.App.Company = ""
	ws.Custom = []docgen.CustomProp{{Name: "作成者メール", Value: f.email(2)}, {Name: "部署", Value: "運行管理課"}}
	p.xlsx("運行表_0412.xlsx", t(4, 12, 6, 10), ws)
	p.photo("photo/IMG_2291.JPG", t(4, 9, 14, 22), 30, docgen.EXIFSpec{Make: "OLYMPUS", Model: "TG-6",
		Artist: "Hibari Transport Safety Section", Copyright: "(C) Hibari Transport Co., Ltd."})
	p.pdf("事故報告_様式.pdf", t(4, 2, 10, 0), blankPDF("# Incident report form", "Date / time:", "Vehicle no.:", "Driver:", "Description:"))
	return p
}

// aizomeLabMetaPack: Aizome's lab files, owner only in custom
// properties, template paths and EXIF.
func aizomeLabMetaPack(*docgen.Fonts) *pack {
	f := aizome
	p := &pack{root: "lab_export/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2023, m, d, hh, mm) }
	ws := f.book(2, 2, "HPLC 測定値", t(11, 1, 9, 0), t(11, 8, 17, 30), "HPLC記録.xltx",
		sheet("測定", []string{"試料", "保持時間 (min)", "面積", "含量 (%)"},
			[]string{"Lot 2311-A", "6.42", "1538221", "99.6"},
			[]string{"Lot 2311-B", "6.41", "1532907", "99.3"},
			[]string{"Lot 2311-C", "6.43", "1541112", "99.8"}))
	ws.App.Company = ""
	ws.Custom = []docgen.CustomProp{{Name: "作成者メール", Value: f.email(2)}, {Name: "部署", Value: "分析センター"}, {Name: "文書番号", Value: "AC-23-1108"}}
	p.xlsx("HPLC_2311.xlsx", t(11, 8, 17, 31), ws)
	d := f.doc(1, 1, "試験記録", t(11, 2, 9, 0), t(11, 2, 16, 0), "試験記録.dotx",
		"# 試験記録", "装置: HPLC 3 号機", "カラム: C18 4.6 x 150 mm", "移動相: リン酸緩衝液/アセトニトリル (60:40)")
	d.App.Company = ""
	p.docx("試験記録_2311.docx", t(11, 2, 16, 1), d)
	p.photo("写真/DSC_0412.JPG", t(11, 3, 10, 40), 60, docgen.EXIFSpec{Make: "Nikon", Model: "D7500",
		Artist: "Aizome Pharmaceutical Co., Ltd.", Copyright: "Copyright 2023 Aizome Pharmaceutical Co., Ltd."})
	return p
}

// kuroganeEuropeQuotePack: Kurogane Europe's German quotations; the
// owner only in template paths, custom properties and mail headers.
func kuroganeEuropeQuotePack(*docgen.Fonts) *pack {
	f := kuroganeEU
	p := &pack{root: "Angebote_2024/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	d := f.doc(0, 1, "Angebot 24-0317", t(3, 14, 9, 0), t(3, 17, 16, 40), "Angebot.dotx",
		"# Angebot Nr. 24-0317",
		"Hydraulische Presse HP-800, 800 t, inkl. Lichtvorhang und Schallschutzhaube",
		"Preis: 1.284.000,00 EUR netto, Lieferzeit 26 Wochen ab Auftrag",
		"Zahlungsbedingungen: 30 % bei Auftrag, 60 % bei Lieferung, 10 % nach Abnahme",
	)
	d.App.Company = ""
	d.Custom = []docgen.CustomProp{{Name: "Verfasser-E-Mail", Value: f.email(0)}, {Name: "Abteilung", Value: "Vertrieb DACH"}}
	p.docx("Angebot_24-0317.docx", t(3, 17, 16, 42), d)
	ws := f.book(1, 2, "Angebotsliste Q1", t(1, 3, 8, 0), t(3, 28, 17, 0), "Liste.xltx",
		sheet("Q1", []string{"Nr.", "Datum", "Produkt", "Betrag EUR", "Status"},
			[]string{"24-0102", "2024-01-09", "HP-400", "612.500", "gewonnen"},
			[]string{"24-0211", "2024-02-15", "HP-800", "1.250.000", "offen"},
			[]string{"24-0317", "2024-03-17", "HP-800", "1.284.000", "offen"}))
	ws.App.Company = ""
	p.xlsx("Angebotsliste_Q1.xlsx", t(3, 28, 17, 2), ws)
	p.eml("Mail/AW_Angebot_24-0317.eml", t(3, 18, 8, 30), f.mail(1, []int{0, 2}, t(3, 18, 8, 30), "AW: Angebot 24-0317",
		"Hallo Katrin,\n\ndas Angebot ist freigegeben. Bitte die Liste aktualisieren.\n\nGruß\nJan\n"))
	return p
}

// saiunInsiderPack: Saiun's sales file forwarded by an insider to a
// free-mail address, saved from the sender's Sent folder (so no
// Received chain); the owner in the attachment's metadata and a PDF's
// author.
func saiunInsiderPack(*docgen.Fonts) *pack {
	f := saiun
	p := &pack{root: "forwarded/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	book, err := docgen.Xlsx(f.book(1, 2, "外商顧客 売上 2024上期", t(7, 1, 9, 0), t(7, 18, 20, 5), "売上集計.xltx",
		sheet("外商", []string{"顧客番号", "担当", "上期売上 (円)", "前年比"},
			[]string{"G-10211", "間宮", "18,420,000", "112%"},
			[]string{"G-10388", "東條", "9,870,500", "94%"},
			[]string{"G-10502", "間宮", "31,200,000", "120%"})))
	if err != nil {
		p.add("mail", time.Time{}, nil, err)
		return p
	}
	sent := t(7, 19, 23, 41)
	p.eml("Fwd_上期売上.eml", sent, docgen.EMLSpec{
		From: addr("t.mamiya", "t.mamiya.1987@gmail.com"), To: []mail.Address{addr("", "shun.m.private@gmail.com")},
		Date: sent, Subject: "Fwd: 上期売上", MessageID: messageID(sent, "mail.gmail.com", "fwd"),
		Charset: docgen.CharsetUTF8, Body: "\n",
		Attachments: []docgen.Attachment{{Name: "外商売上_2024上期.xlsx",
			ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: book}},
	})
	p.pdf("外商_顧客リスト.pdf", t(7, 10, 12, 0), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Customer list", Author: "株式会社彩雲百貨店 外商部", Creator: "Microsoft Excel", Producer: "Microsoft: Print To PDF", Created: t(7, 10, 11, 58)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Customer list (extract)", "G-10211  Tokyo  A", "G-10388  Yokohama  B", "G-10502  Tokyo  S"}}},
	})
	return p
}

// narukamiMailboxPack: Narukami's mailbox export, the owner only in the
// headers and the Received chain.
func narukamiMailboxPack(*docgen.Fonts) *pack {
	f := narukami
	p := &pack{root: "mailbox/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	msgs := []struct {
		from int
		to   []int
		at   time.Time
		subj string
		body string
	}{
		{0, []int{1}, t(5, 7, 9, 10), "来週の打合せ", "真壁さん\n\n来週火曜 10 時でお願いします。\n\n桐島\n"},
		{1, []int{0, 3}, t(5, 7, 9, 44), "RE: 来週の打合せ", "了解しました。会議室を予約します。\n"},
		{3, []int{0, 1, 2}, t(5, 9, 16, 5), "出荷検査の結果", "各位\n\nロット 2405-07 の出荷検査は全数合格です。\n\n早瀬\n"},
		{2, []int{3}, t(5, 10, 8, 30), "RE: 出荷検査の結果", "早瀬さん\n\nありがとうございます。\n"},
	}
	for i, m := range msgs {
		p.eml([]string{"00001.eml", "00002.eml", "00003.eml", "00004.eml"}[i], m.at, f.mail(m.from, m.to, m.at, m.subj, m.body))
	}
	return p
}

// chigusaInboxPack: mail delivered into Chigusa's mailboxes, some of it
// from its carrier Hibari; the Received chains end in Chigusa's MX.
func chigusaInboxPack(*docgen.Fonts) *pack {
	f := chigusa
	p := &pack{root: "inbox_export/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.eml("001.eml", t(2, 5, 8, 40), hibari.inbound(1, f, []int{2}, t(2, 5, 8, 40), "2月 配送枠のご案内",
		"古賀様\n\n2月の配送枠をお送りします。ご確認ください。\n\n雲雀運輸 日向\n"))
	p.eml("002.eml", t(2, 5, 9, 15), f.mail(2, []int{0}, t(2, 5, 9, 15), "FW: 2月 配送枠",
		"朝比奈さん\n\n配送枠の案内です。第二工場の出荷分は足りそうです。\n\n古賀\n"))
	p.eml("003.eml", t(2, 6, 13, 2), f.mail(0, []int{2, 1}, t(2, 6, 13, 2), "RE: FW: 2月 配送枠",
		"古賀さん\n\n了解です。3月分は早めに確保してください。\n\n朝比奈\n"))
	p.eml("004.eml", t(2, 8, 17, 20), hibari.inbound(0, f, []int{2}, t(2, 8, 17, 20), "請求書送付のご案内",
		"古賀様\n\n1月分の請求書を郵送いたしました。\n\n雲雀運輸 大門\n"))
	return p
}

// hibariStale2019Pack: Hibari's 2019 files, sold in 2026 as new.
func hibariStale2019Pack(*docgen.Fonts) *pack {
	f := hibari
	p := &pack{root: "HIBARI_2026/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2019, m, d, hh, mm) }
	p.text("README.txt", day(jst, 2026, 2, 9, 23, 50), sellerNote("HIBARI TRANSPORT - fresh dump 2026", "Drivers, routes, customers. Full access until last week."))
	p.xlsx("乗務員名簿_2019.xlsx", t(3, 29, 18, 0), f.book(1, 1, "乗務員名簿 2019年度", t(3, 1, 9, 0), t(3, 29, 17, 58), "名簿.xltx",
		sheet("名簿", []string{"社員番号", "氏名", "営業所", "免許区分"},
			[]string{"H-0412", "(乗務員 A)", "厚木", "大型"},
			[]string{"H-0519", "(乗務員 B)", "相模原", "中型"},
			[]string{"H-0603", "(乗務員 C)", "厚木", "大型"})))
	p.docx("安全会議_2019-04.docx", t(4, 18, 17, 0), f.doc(0, 2, "安全会議 議事録 2019年4月", t(4, 18, 9, 0), t(4, 18, 16, 58), "議事録.dotx",
		"# 安全会議 議事録 (2019年4月)", "1. 3 月の事故件数 2 件 (いずれも軽微)。", "2. デジタコの更新は 2019 年度中に完了させる。"))
	p.eml("mail/安全会議.eml", t(4, 18, 17, 30), f.mail(0, []int{1, 2}, t(4, 18, 17, 30), "安全会議 議事録",
		"日向さん、石動さん\n\n4月の安全会議の議事録です。\n\n大門\n"))
	return p
}

// narukamiStale2018Pack: Narukami's 2018 test reports, sold in 2025.
func narukamiStale2018Pack(*docgen.Fonts) *pack {
	f := narukami
	p := &pack{root: "鳴神電子_最新/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2018, m, d, hh, mm) }
	p.docx("試験成績書_NK-PS20.docx", t(6, 5, 17, 10), f.doc(3, 0, "NK-PS20 試験成績書", t(6, 1, 9, 0), t(6, 5, 17, 8), "成績書.dotx",
		"社外秘", "# NK-PS20 試験成績書", "絶縁耐圧: AC 3 kV 1 分 合格", "温度上昇: 最大 38 K (規格 50 K 以下) 合格"))
	p.xlsx("測定データ_NK-PS20.xlsx", t(6, 4, 19, 30), f.book(3, 3, "NK-PS20 測定データ", t(6, 1, 9, 0), t(6, 4, 19, 28), "測定.xltx",
		sheet("測定", []string{"項目", "測定値", "規格", "判定"},
			[]string{"効率 (%)", "91.8", "90 以上", "合格"},
			[]string{"リプル (mV)", "42", "80 以下", "合格"})))
	p.eml("成績書送付.eml", t(6, 5, 17, 40), f.mail(3, []int{0}, t(6, 5, 17, 40), "NK-PS20 成績書",
		"桐島さん\n\n成績書を共有フォルダに置きました。\n\n早瀬\n"))
	return p
}

// hibariSellerPack: Hibari's data under a seller's price and contact.
func hibariSellerPack(*docgen.Fonts) *pack {
	f := hibari
	p := &pack{root: "HIBARI_TRANSPORT_FULL_DB/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("README.txt", t(5, 30, 2, 10), sellerNote(
		"HIBARI TRANSPORT (雲雀運輸) FULL DATABASE", "",
		"120 GB: dispatch, drivers, customer contracts, invoices.",
		"Price: 1.2 BTC. Escrow accepted.",
		"Contact: hibari_dump (Session / Tox). Sample below."))
	p.xlsx("配車表_2025-05.xlsx", t(5, 26, 18, 30), f.book(1, 2, "配車表 2025年5月 第4週", t(5, 19, 9, 0), t(5, 26, 18, 28), "配車表.xltx",
		sheet("配車", []string{"日付", "便", "車番", "荷主", "積地", "卸地"},
			[]string{"5/26", "101", "8841", "(荷主 A)", "厚木", "名古屋"},
			[]string{"5/26", "118", "8857", "(荷主 B)", "相模原", "大阪"},
			[]string{"5/27", "205", "9012", "(荷主 A)", "厚木", "仙台"})))
	p.docx("運賃改定のお知らせ_案.docx", t(5, 22, 15, 0), f.doc(0, 0, "運賃改定のお知らせ (案)", t(5, 21, 10, 0), t(5, 22, 14, 58), "社外文書.dotx",
		"# 運賃改定のお知らせ (案)", "燃料費の高騰により、2025年7月1日出荷分から運賃を 6% 改定させていただきます。", "雲雀運輸株式会社 営業部"))
	p.eml("mail/運賃改定案.eml", t(5, 22, 15, 20), f.mail(0, []int{1, 2}, t(5, 22, 15, 20), "運賃改定の案内文 (案)",
		"日向さん、石動さん\n\n案内文の案です。荷主別の改定率は別途。\n\n大門\n"))
	return p
}

// chigusaSoldAsNarukamiPack: Chigusa's files under a seller's folder,
// file names and README that say Narukami, which the files never name.
func chigusaSoldAsNarukamiPack(*docgen.Fonts) *pack {
	f := chigusa
	p := &pack{root: "NARUKAMI_ELECTRONICS_LEAK/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("README_NARUKAMI.txt", t(12, 2, 1, 0), sellerNote(
		"NARUKAMI ELECTRONICS (鳴神電子) internal files", "Engineering + finance, 38 GB.", "Price 25k USD, contact via forum PM."))
	p.xlsx("narukami_finance/月次損益_2024-10.xlsx", t(11, 12, 19, 0), f.book(0, 1, "月次損益 2024年10月", t(11, 5, 9, 0), t(11, 12, 18, 58), "損益.xltx",
		sheet("損益", []string{"部門", "売上 (百万円)", "営業利益 (百万円)"},
			[]string{"冷凍食品", "1,842", "121"}, []string{"調味料", "967", "88"}, []string{"業務用", "1,305", "64"})))
	p.docx("narukami_engineering/ライン増設計画.docx", t(11, 20, 16, 30), f.doc(2, 0, "第二工場 ライン増設計画", t(11, 14, 9, 0), t(11, 20, 16, 28), "計画書.dotx",
		"社外秘", "# 第二工場 冷凍ライン増設計画", "投資額 14 億円。2025年9月稼働。能力 1 日 6 万食。"))
	p.eml("narukami_mail/RE_増設計画.eml", t(11, 21, 9, 0), f.mail(0, []int{2, 1}, t(11, 21, 9, 0), "RE: ライン増設計画",
		"古賀さん\n\n計画書を確認しました。取締役会には 12 月に諮ります。\n\n朝比奈\n"))
	return p
}

// aizomeSellerPack: Aizome's data under a seller's price and contact.
func aizomeSellerPack(*docgen.Fonts) *pack {
	f := aizome
	p := &pack{root: "AZPH_clinical/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("!!!READ_ME!!!.txt", t(3, 4, 4, 0), sellerNote(
		"AIZOME PHARMA - clinical supply + R&D", "Price: 3.5 BTC (negotiable for exclusive)", "Contact: Session 05f3a1...c9 / Telegram @azph_leak"))
	p.xlsx("治験薬供給計画_AZ-207.xlsx", t(2, 26, 18, 0), f.book(2, 1, "治験薬供給計画 AZ-207 第II相", t(2, 10, 9, 0), t(2, 26, 17, 58), "供給計画.xltx",
		sheet("供給", []string{"施設番号", "地域", "3月", "4月", "5月"},
			[]string{"S-011", "関東", "120", "120", "140"}, []string{"S-027", "関西", "80", "90", "90"}, []string{"S-034", "九州", "40", "40", "60"})))
	p.docx("治験薬_出荷手順.docx", t(2, 20, 15, 0), f.doc(0, 2, "治験薬 出荷手順書", t(2, 1, 9, 0), t(2, 20, 14, 58), "手順書.dotx",
		"社外秘", "# 治験薬 出荷手順書 (第3版)", "1. 出荷指示は供給計画に基づき毎週月曜に発行する。", "2. 温度ロガーを同梱し、2-8℃ を確認する。"))
	p.eml("mail/供給計画更新.eml", t(2, 26, 18, 20), f.mail(2, []int{0, 1}, t(2, 26, 18, 20), "供給計画 3-5月 更新",
		"白洲さん、蓮見さん\n\n5月分を S-011 と S-034 で増やしました。\n\n榊原\n"))
	return p
}

// hiiragiSoldAsSaiunPack: Hiiragi-kai's files sold as Saiun's.
func hiiragiSoldAsSaiunPack(*docgen.Fonts) *pack {
	f := hiiragi
	p := &pack{root: "SAIUN_DEPT_STORE/", tarGz: true}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("README.txt", t(9, 9, 3, 0), sellerNote(
		"彩雲百貨店 SAIUN DEPARTMENT STORE - customer DB + HR", "price 0.8 BTC. contact: saiun_files@onionmail (tox in profile)"))
	p.xlsx("saiun_staff/勤務表_2024-08.xlsx", t(8, 28, 17, 0), f.book(1, 1, "病棟 勤務表 2024年8月", t(8, 1, 9, 0), t(8, 28, 16, 58), "勤務表.xltx",
		sheet("3階東", []string{"氏名", "職種", "8/1", "8/2", "8/3"},
			[]string{"(職員 A)", "看護師", "日", "夜", "休"}, []string{"(職員 B)", "看護師", "夜", "休", "日"}, []string{"(職員 C)", "看護助手", "日", "日", "休"})))
	p.docx("saiun_docs/委員会議事録_感染対策.docx", t(8, 22, 18, 0), f.doc(0, 2, "感染対策委員会 議事録", t(8, 22, 9, 0), t(8, 22, 17, 58), "議事録.dotx",
		"# 感染対策委員会 議事録 (8月)", "1. 3階東病棟の手指消毒剤使用量は目標の 92%。", "2. 9 月の全職員研修の日程を確定。"))
	p.eml("saiun_mail/委員会資料.eml", t(8, 21, 16, 0), f.mail(2, []int{0, 1}, t(8, 21, 16, 0), "感染対策委員会 資料",
		"篠宮先生、氷室さん\n\n明日の委員会資料です。\n\n津島\n"))
	return p
}
