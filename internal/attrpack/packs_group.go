package attrpack

import (
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The packs of this file test groups (a claim on the group for a
// subsidiary's data, and the reverse), packs that hold two victims'
// data, and packs whose evidence is genuinely split.

// officeSet adds to p, under dir, a memo, a workbook and an internal
// mail of f: the everyday files of one department.
func officeSet(p *pack, f firm, dir string, t time.Time, memoTitle string, memo []string, bookTitle string, rows [][]string, subject, body string) {
	p.docx(dir+memoTitle+".docx", t, f.doc(0, 1, memoTitle, t.Add(-50*time.Hour), t.Add(-2*time.Minute), "memo.dotx", memo...))
	p.xlsx(dir+bookTitle+".xlsx", t.Add(26*time.Hour), f.book(1, 2, bookTitle, t.Add(-100*time.Hour), t.Add(26*time.Hour-2*time.Minute), "list.xltx", sheet("Sheet1", rows...)))
	p.eml(dir+"mail_"+t.Format("0102")+".eml", t.Add(27*time.Hour), f.mail(2, []int{0, 1}, t.Add(27*time.Hour), subject, body))
}

// kuroganeEuropeSalesPack: Kurogane Europe's German sales files, sold
// as the group's.
func kuroganeEuropeSalesPack(*docgen.Fonts) *pack {
	f := kuroganeEU
	p := &pack{root: "KUROGANE_GROUP_leak/"}
	t := f.at(2024, 10, 8, 16, 0)
	p.text("README.txt", t.Add(800*time.Hour), sellerNote("KUROGANE HEAVY INDUSTRIES (黒鉄重工) - group sales data", "EU customers, prices, margins"))
	officeSet(p, f, "Vertrieb/", t, "Vertriebsbericht Q3 2024", []string{
		"Kurogane Europe GmbH - vertraulich",
		"# Vertriebsbericht Q3 2024 (DACH und Benelux)",
		"Auftragseingang: 14,2 Mio. EUR (+8 % ggü. Vorjahr). HP-800: 6 Einheiten.",
		"Preisvorgaben der Muttergesellschaft Kurogane Heavy Industries für 2025 liegen noch nicht vor.",
		`Ablage: \\dus-fs01.kurogane-hi.de\Vertrieb\Berichte\2024`,
	}, "Kundenliste DACH", [][]string{{"Kunde", "Ort", "Umsatz 2024 EUR", "Betreuer"},
		{"(Kunde A)", "Düsseldorf", "2.410.000", "Vogler"}, {"(Kunde B)", "Linz", "1.184.000", "Oberhuber"}, {"(Kunde C)", "Eindhoven", "960.500", "Brückner"}},
		"Q3 Bericht", "Hallo Katrin, hallo Jan,\n\nder Q3-Bericht liegt auf dem Share. Bitte bis Freitag prüfen.\n\nLena\n")
	p.eml("Vertrieb/AW_Preisliste_2025.eml", t.Add(50*time.Hour), f.mail(0, []int{1, 2}, t.Add(50*time.Hour), "AW: Preisliste 2025",
		"Jan,\n\ndie neue Preisliste kommt erst nach der Freigabe in Japan.\n\nKatrin\n"))
	return p
}

// kuroganeSuzhouPack: Kurogane's Suzhou plant's production files in
// Chinese, sold as the group's (claim in Japanese).
func kuroganeSuzhouPack(*docgen.Fonts) *pack {
	f := kuroganeSZ
	p := &pack{root: "黒鉄重工_中国工場/"}
	t := f.at(2024, 7, 15, 17, 0)
	officeSet(p, f, "生产/", t, "7月生产会议纪要", []string{
		"内部资料",
		"# 7月生产会议纪要",
		"1. HP-400 机架焊接产能提升至每月 42 台。",
		"2. 液压单元的来料检验不合格率 1.8%，需与供应商沟通。",
		`文件位置: \\szfs01.kurogane-hi.cn\生产\会议\2024-07`,
	}, "生产计划 2024年8月", [][]string{{"产品", "8月计划", "实际(7月)", "备注"},
		{"HP-400", "42", "38", ""}, {"HP-250", "60", "61", ""}, {"液压单元 HU-30", "110", "97", "来料不良"}},
		"8月生产计划", "周总、陈经理：\n\n8月生产计划已放在共享文件夹。\n\n王磊\n")
	return p
}

// asanagiThailandPack: Asanagi's Thai plant files in English, sold as
// the group's.
func asanagiThailandPack(*docgen.Fonts) *pack {
	f := asanagiTH
	p := &pack{root: "asanagi_chemical_dump/"}
	t := f.at(2024, 3, 11, 15, 0)
	p.text("info.txt", t.Add(900*time.Hour), sellerNote("Asanagi Chemical (ASNC) internal", "plant data, HR, customers"))
	officeSet(p, f, "Rayong plant/", t, "Monthly plant report February 2024", []string{
		"Asanagi Chemical (Thailand) - internal",
		"# Rayong plant: monthly report, February 2024",
		"Production: AS-PP 220 3,120 t (plan 3,000 t). Utilisation 91 %.",
		"Safety: no lost-time incident. Two near misses at the bagging line.",
		`Reports folder: \\rayong-fs1.asanagi-chem.co.th\Plant\Reports\2024`,
	}, "Shift roster March 2024", [][]string{{"Shift", "Lead", "Line", "Headcount"},
		{"A", "Somchai W.", "PP-1", "14"}, {"B", "Pimchanok R.", "PP-1", "13"}, {"C", "(lead C)", "PP-2", "12"}},
		"February report", "Khun Somchai, Khun Pimchanok,\n\nthe February report is on the plant share. Please check the near-miss section.\n\nHiroki\n")
	return p
}

// kuroganeAmericasPack: Kurogane Americas' service files on a subdomain
// of the group's .com, sold with the group's domain as the claim.
func kuroganeAmericasPack(*docgen.Fonts) *pack {
	f := kuroganeUS
	p := &pack{root: "kurogane-hi.com_files/"}
	t := f.at(2024, 5, 20, 11, 0)
	officeSet(p, f, "Service/", t, "Field service summary April 2024", []string{
		"Kurogane Americas, Inc. - Confidential",
		"# Field service summary, April 2024",
		"Calls: 184 (HP-400 112, HP-800 31, other 41). First-time fix rate 87 %.",
		"Open issue: light-curtain controller firmware on HP-800 units shipped before 2023.",
		`Service reports: \\chi-fs02.us.kurogane-hi.com\Shared\Service\2024-04`,
	}, "Service contracts renewals Q2", [][]string{{"Customer", "State", "Units", "Renewal"},
		{"(Customer A)", "OH", "6", "2024-06-30"}, {"(Customer B)", "IL", "2", "2024-05-31"}, {"(Customer C)", "MI", "11", "2024-06-15"}},
		"April service summary", "Dana, Marcus,\n\nApril summary is on the share. The firmware issue needs a field notice.\n\nPriya\n")
	return p
}

// kuroganeGroupBudgetPack: Kurogane's head-office group budget, sold as
// its European subsidiary's data.
func kuroganeGroupBudgetPack(*docgen.Fonts) *pack {
	f := kurogane
	p := &pack{root: "Kurogane_Europe_finance/"}
	t := f.at(2024, 11, 18, 18, 0)
	p.text("README.txt", t.Add(500*time.Hour), sellerNote("KUROGANE EUROPE GmbH - finance, budget 2025", "price 9000 USD"))
	officeSet(p, f, "経営企画部/", t, "2025年度 グループ予算 方針", []string{
		"社外秘 (経営企画部)",
		"# 2025年度 グループ予算 編成方針",
		"連結売上目標 2,140 億円。欧州子会社 (Kurogane Europe) は受注 6,200 万ユーロ。",
		"中国子会社 (苏州) はコスト削減 5%。米州は保守契約の拡大。",
		`予算様式: \\krfs01.kurogane-hi.co.jp\経営企画部\予算\2025`,
	}, "子会社別予算 2025", [][]string{{"会社", "売上", "営業利益", "投資"},
		{"Kurogane Europe GmbH", "62,000 kEUR", "4,100 kEUR", "1,800 kEUR"}, {"黑铁机械(苏州)", "410 MCNY", "28 MCNY", "12 MCNY"}, {"Kurogane Americas", "88 MUSD", "6.2 MUSD", "2.0 MUSD"}},
		"予算方針の件", "長尾さん、宮下さん\n\n予算方針と子会社別の表を経営企画部の共有に置きました。\n\n岩城\n")
	return p
}

// asanagiLogisticsPlanPack: Asanagi's head-office logistics planning,
// sold as its logistics subsidiary's data.
func asanagiLogisticsPlanPack(*docgen.Fonts) *pack {
	f := asanagi
	p := &pack{root: "朝凪物流_社内資料/"}
	t := f.at(2024, 2, 6, 17, 0)
	officeSet(p, f, "物流企画/", t, "2024年度 物流委託計画", []string{
		"社外秘",
		"# 2024年度 物流委託計画 (本社 物流企画)",
		"委託先: 朝凪物流株式会社 (子会社)。委託費 18.4 億円 (前年比 +4%)。",
		"鹿島工場の出荷は朝凪物流の鹿島センター経由に一本化する。",
		`計画書保存先: \\asfs-hq.asanagi-chem.co.jp\部門共有\物流企画\2024`,
	}, "委託費 内訳 2024", [][]string{{"区分", "委託先", "金額 (百万円)"},
		{"工場出荷", "朝凪物流", "1,120"}, {"倉庫保管", "朝凪物流", "540"}, {"輸出通関", "(委託先 B)", "180"}},
		"物流委託計画", "藤堂さん、小早川さん\n\n委託計画を共有に置きました。朝凪物流への説明は来週です。\n\n設楽\n")
	return p
}

// twoVictims adds each firm's part under its own folder.
func twoVictims(p *pack, parts ...func(p *pack)) {
	for _, part := range parts {
		part(p)
	}
}

// bundleChigusaHibariPack: a seller's bundle of two victims, Chigusa's
// and Hibari's, each with its own custody evidence.
func bundleChigusaHibariPack(*docgen.Fonts) *pack {
	p := &pack{root: "JP_bundle_0925/"}
	p.text("README.txt", day(jst, 2024, 9, 25, 2, 0), sellerNote("2 Japanese companies, food + logistics. Samples below.", "Chigusa Foods full SMB share + Hibari mail. price per company."))
	twoVictims(p, func(p *pack) {
		f := chigusa
		officeSet(p, f, "chigusa/", f.at(2024, 9, 10, 17, 0), "品質会議 議事録 9月", []string{
			"社外秘", "# 品質会議 議事録 (9月)", "1. 第二工場の異物混入クレーム 2 件。金属検出機の感度を再設定。", `記録: \\cgfs01.chigusa-foods.co.jp\品質保証部\会議\2024-09`,
		}, "クレーム一覧 2024-09", [][]string{{"受付", "品目", "内容", "対応"}, {"09/02", "鯖の味噌煮", "異物 (樹脂片)", "調査中"}, {"09/06", "鶏の黒酢あん", "異物 (金属)", "回収なし"}},
			"9月 品質会議", "朝比奈さん、綾瀬さん\n\n議事録とクレーム一覧を共有しました。\n\n古賀\n")
	}, func(p *pack) {
		f := hibari
		officeSet(p, f, "hibari/", f.at(2024, 9, 12, 18, 0), "事故報告 2024-09-11", []string{
			"# 事故報告 (9/11 厚木営業所)", "構内でのバック時接触。人身なし。", "再発防止: 誘導員の配置を徹底する。",
		}, "車両点検 9月", [][]string{{"車番", "点検日", "結果"}, {"8841", "09/03", "良"}, {"8856", "09/04", "要整備"}, {"9012", "09/05", "良"}},
			"事故報告", "大門さん、日向さん\n\n9/11 の事故報告です。\n\n石動\n")
	})
	return p
}

// bundleSaiunNarukamiPack: two victims, Saiun's larger part and a
// smaller part of Narukami's.
func bundleSaiunNarukamiPack(*docgen.Fonts) *pack {
	p := &pack{root: "combo_leak/"}
	twoVictims(p, func(p *pack) {
		f := saiun
		officeSet(p, f, "saiun-dept/外商部/", f.at(2025, 1, 14, 17, 0), "外商 新春催事 計画", []string{
			"社外秘", "# 外商 新春催事 計画", "会期: 2月1日から2月4日 本館 8 階", "招待客: 1,200 名 (S 会員 180 名)",
		}, "招待客リスト 抜粋", [][]string{{"会員番号", "区分", "担当"}, {"G-10211", "S", "間宮"}, {"G-10388", "A", "東條"}, {"G-10502", "S", "間宮"}},
			"新春催事の件", "鷹野さん、間宮さん\n\n催事計画と招待客リストを置きました。\n\n東條\n")
		p.eml("saiun-dept/外商部/RE_招待状.eml", f.at(2025, 1, 16, 10, 0), f.mail(0, []int{2}, f.at(2025, 1, 16, 10, 0), "RE: 招待状の発送",
			"東條さん\n\n招待状は 1/20 発送でお願いします。\n\n鷹野\n"))
	}, func(p *pack) {
		f := narukami
		p.docx("nk/設計変更通知_ECN-25-004.docx", f.at(2025, 1, 9, 16, 0), f.doc(2, 0, "設計変更通知 ECN-25-004", f.at(2025, 1, 8, 9, 0), f.at(2025, 1, 9, 15, 58), "ECN.dotx",
			"社外秘", "# 設計変更通知 (ECN-25-004)", "対象: NK-UPS1500 制御基板 rev.F", "変更: ファームウェア 3.2.1 適用"))
		p.eml("nk/ECN-25-004.eml", f.at(2025, 1, 9, 16, 20), f.mail(2, []int{0, 3}, f.at(2025, 1, 9, 16, 20), "ECN-25-004 発行",
			"桐島さん、早瀬さん\n\nECN-25-004 を発行しました。\n\n御厨\n"))
	})
	return p
}

// bundleAizomeHiiragiPack: two victims in one seller's folder tree: a
// pharmaceutical maker and a hospital group.
func bundleAizomeHiiragiPack(*docgen.Fonts) *pack {
	p := &pack{root: "medical_jp/", tarGz: true}
	twoVictims(p, func(p *pack) {
		f := hiiragi
		officeSet(p, f, "hospital/", f.at(2024, 6, 3, 17, 0), "医療安全委員会 議事録 6月", []string{
			"# 医療安全委員会 議事録 (6月)", "インシデント 31 件 (転倒 9、与薬 12)。", "与薬インシデントは電子カルテの確認画面を改修。",
		}, "インシデント集計 2024-05", [][]string{{"区分", "件数"}, {"転倒", "9"}, {"与薬", "12"}, {"その他", "10"}},
			"委員会 議事録", "篠宮先生、氷室さん\n\n6月の議事録です。\n\n津島\n")
	}, func(p *pack) {
		f := aizome
		officeSet(p, f, "pharma/", f.at(2024, 6, 10, 18, 0), "製剤検討会 記録", []string{
			"社外秘", "# 製剤検討会 記録", "AZ-311 口腔内崩壊錠: 崩壊時間 28 秒 (目標 30 秒以内)。", "次回: 苦味マスキングの処方比較。",
		}, "処方比較 AZ-311", [][]string{{"処方", "崩壊時間 (s)", "硬度 (N)"}, {"F-1", "28", "52"}, {"F-2", "35", "61"}, {"F-3", "24", "44"}},
			"製剤検討会", "白洲さん、蓮見さん\n\n記録と処方比較を置きました。\n\n榊原\n")
	})
	return p
}

// bundleAsanagiMarumiPack: two victims: a chemical maker and a
// convenience-store franchisor's head office.
func bundleAsanagiMarumiPack(*docgen.Fonts) *pack {
	p := &pack{root: "jp_corp_samples/"}
	twoVictims(p, func(p *pack) {
		f := marumi
		officeSet(p, f, "01/", f.at(2025, 3, 4, 17, 0), "加盟店 契約更新 状況", []string{
			"社外秘 (本部)", "# 加盟店 契約更新 状況 (2025年3月)", "更新対象 48 店。うち 5 店が更新見送りの意向。", "見送り理由: 人手不足、ロイヤルティ負担。",
		}, "契約更新 対象店", [][]string{{"店番", "地区", "更新期限", "意向"}, {"1021", "北浦", "2025/06", "更新"}, {"1044", "川端", "2025/05", "未定"}, {"1102", "港南", "2025/07", "見送り"}},
			"契約更新の件", "宇佐美さん、千早さん\n\n更新状況を本部共有に置きました。\n\n相良\n")
	}, func(p *pack) {
		f := asanagi
		officeSet(p, f, "02/", f.at(2025, 2, 20, 18, 0), "原料価格 見通し", []string{
			"社外秘", "# 原料価格 見通し (2025年度上期)", "ナフサ: 7 万円/kl 前後で推移。", "プロピレン: 需給緩和により下落傾向。",
		}, "原料調達計画", [][]string{{"原料", "4月", "5月", "6月"}, {"ナフサ (kl)", "42,000", "40,000", "41,500"}, {"プロピレン (t)", "8,200", "8,000", "8,400"}},
			"原料見通し", "藤堂さん、小早川さん\n\n見通しと調達計画です。\n\n設楽\n")
	})
	return p
}

// jointNarukamiKuroganePack: a joint development folder where the
// documents come from both companies and the mail runs both ways, each
// side's messages delivered into the other's mailbox: nothing shows
// whose systems held the folder.
func jointNarukamiKuroganePack(*docgen.Fonts) *pack {
	a, b := narukami, kurogane
	p := &pack{root: "共同開発_HP800制御盤/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return a.at(2024, m, d, hh, mm) }
	p.docx("仕様_制御盤電源.docx", t(4, 10, 17, 0), a.doc(0, 0, "HP-800 制御盤 電源仕様", t(4, 8, 9, 0), t(4, 10, 16, 58), "",
		"# HP-800 制御盤 電源仕様 (共同開発)", "入力: AC 200 V 3 相", "出力: DC 24 V 40 A、DC 5 V 10 A", "担当: 鳴神電子 / 黒鉄重工業 両社"))
	p.docx("仕様_制御盤機構.docx", t(4, 11, 17, 0), b.doc(2, 2, "HP-800 制御盤 機構仕様", t(4, 9, 9, 0), t(4, 11, 16, 58), "",
		"# HP-800 制御盤 機構仕様 (共同開発)", "盤寸法: W800 x H1800 x D600", "冷却: 盤用クーラー 1.2 kW", "担当: 黒鉄重工業 / 鳴神電子 両社"))
	p.eml("mail/仕様確認_1.eml", t(4, 12, 10, 0), a.inbound(0, b, []int{2}, t(4, 12, 10, 0), "制御盤 電源仕様の確認",
		"岩城様\n\n電源仕様を送付します。盤内発熱の条件をご確認ください。\n\n鳴神電子 桐島\n"))
	p.eml("mail/仕様確認_2.eml", t(4, 12, 15, 0), b.inbound(2, a, []int{0}, t(4, 12, 15, 0), "RE: 制御盤 電源仕様の確認",
		"桐島様\n\n発熱条件は 800 W で問題ありません。機構仕様を添付します。\n\n黒鉄重工業 岩城\n"))
	p.xlsx("課題表_共同開発.xlsx", t(4, 15, 18, 0), docgen.XlsxSpec{Sheets: []docgen.Sheet{sheet("課題",
		[]string{"No.", "課題", "担当", "期限"}, []string{"1", "盤内温度の確認", "鳴神", "5/10"}, []string{"2", "配線ダクトの干渉", "黒鉄", "5/17"})}})
	return p
}

// jointChigusaSaiunPack: a joint gift-set promotion folder with files of
// both companies and mail both ways.
func jointChigusaSaiunPack(*docgen.Fonts) *pack {
	a, b := chigusa, saiun
	p := &pack{root: "お歳暮共同企画_2024/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return a.at(2024, m, d, hh, mm) }
	p.docx("企画書_千草.docx", t(8, 5, 16, 0), a.doc(1, 1, "お歳暮ギフト 共同企画書", t(8, 1, 9, 0), t(8, 5, 15, 58), "",
		"# お歳暮ギフト 共同企画 (千草食品 x 彩雲百貨店)", "商品: 冷凍惣菜 6 品詰め合わせ 5,400 円", "販売: 彩雲百貨店 全店とオンライン"))
	p.docx("販売計画_彩雲.docx", t(8, 7, 16, 0), b.doc(0, 0, "お歳暮 共同企画 販売計画", t(8, 6, 9, 0), t(8, 7, 15, 58), "",
		"# お歳暮 共同企画 販売計画", "目標: 8,000 セット。カタログ掲載 p.42。", "配送: 冷凍便 (千草食品 出荷)"))
	p.eml("mail/共同企画_1.eml", t(8, 8, 11, 0), a.inbound(1, b, []int{0}, t(8, 8, 11, 0), "共同企画書の送付",
		"鷹野様\n\n共同企画書をお送りします。\n\n千草食品 綾瀬\n"))
	p.eml("mail/共同企画_2.eml", t(8, 8, 17, 0), b.inbound(0, a, []int{1}, t(8, 8, 17, 0), "RE: 共同企画書の送付",
		"綾瀬様\n\n販売計画をお送りします。カタログの締切は 8/30 です。\n\n彩雲百貨店 鷹野\n"))
	return p
}
