package attrpack

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The second round's packs whose owner's files name a counterparty and
// hold documents it wrote: an instrument maker's certificates in a
// cosmetics maker's quality folder, an integrator's proposal in a
// railway's procurement folder, a valve maker's and a paper mill's
// certificates in their buyers' shares, a client's records in its law
// firm's, payroll bureau's, MSP's and auditor's systems, and a CRM
// vendor's exports in its tenants' hands.

// yukishiroInstrumentsPack: a cosmetics maker's QC folder holding its
// instrument maker's calibration certificates and service report.
func yukishiroInstrumentsPack(*docgen.Fonts) *pack {
	f, v := yukishiro, kohaku
	p := &pack{root: "KOHAKU_INSTRUMENTS_customer_data/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	for i, inst := range []string{"粘度計 KV-200 (製番 KV2-1187)", "pH メーター KP-10 (製番 KP1-5521)", "分光測色計 KC-6 (製番 KC6-0402)"} {
		p.docx(fmt.Sprintf("品質管理/校正証明書/校正証明書_KH-CAL-25-%03d.docx", 411+i), t(4, 8+i, 16, 0),
			v.doc(2, 2, "校正証明書", t(4, 7+i, 17, 0), t(4, 8+i, 15, 58), "校正証明書.dotx",
				fmt.Sprintf("# 校正証明書 (KH-CAL-25-%03d)", 411+i), "雪代化粧品株式会社 御中 (小田原工場)",
				"対象: "+inst, "結果: 許容差内。次回校正 2026年4月。", "琥珀計測器株式会社 サービス部"))
	}
	p.pdf("品質管理/校正証明書/サービス報告_KH-SV-25-077.pdf", t(4, 11, 10, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Service report KH-SV-25-077", Author: "Kohaku Instruments Co., Ltd.", Creator: "Microsoft Word", Producer: "Microsoft: Print To PDF", Created: t(4, 11, 9, 50)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Service report KH-SV-25-077", "Customer: Yukishiro Cosmetics, Odawara plant",
			"Viscometer KV-200: spindle bearing replaced.", "Engineer: R. Hatori"}}},
	})
	p.xlsx("品質管理/測定機器台帳_2025.xlsx", t(4, 14, 17, 0), f.book(3, 2, "測定機器台帳 2025", t(1, 6, 9, 0), t(4, 14, 16, 58), "機器台帳.xltx",
		sheet("台帳", []string{"機器", "メーカー", "管理番号", "校正日", "次回", "証明書"},
			[]string{"粘度計 KV-200", "琥珀計測器", "QC-V-03", "2025/04/08", "2026/04", "KH-CAL-25-411"},
			[]string{"pH メーター KP-10", "琥珀計測器", "QC-P-07", "2025/04/09", "2026/04", "KH-CAL-25-412"},
			[]string{"分光測色計 KC-6", "琥珀計測器", "QC-C-02", "2025/04/10", "2026/04", "KH-CAL-25-413"})))
	p.docx("品質管理/逸脱報告_DV-25-014.docx", t(4, 4, 18, 0), f.doc(2, 3, "逸脱報告 DV-25-014", t(4, 3, 9, 0), t(4, 4, 17, 58), "逸脱報告.dotx",
		"社外秘", "# 逸脱報告 (DV-25-014)", "事象: 粘度計 KV-200 の指示値がドリフト (標準液で +6 %)。",
		"処置: 使用停止、メーカー点検を依頼 (4/11)。3/28 以降の測定を再評価。"))
	p.eml("mail/校正のご案内.eml", t(3, 14, 10, 0), v.inbound(1, f, []int{2}, t(3, 14, 10, 0), "定期校正のご案内 (小田原工場)",
		"雪代化粧品株式会社 品質管理課 御中\n\n4月の定期校正の日程をご案内します。\n\n琥珀計測器 サービス部 汐入\n"))
	p.eml("mail/KV-200再評価.eml", t(4, 12, 9, 0), f.mail(2, []int{0, 3}, t(4, 12, 9, 0), "KV-200 修理完了と再評価",
		"葉山さん、氷見さん\n\n琥珀のサービス報告が届きました。3/28 以降のロットの再評価を今日から行います。\n\n白露\n"))
	p.eml("mail/RE_KV-200再評価.eml", t(4, 12, 10, 30), f.mail(0, []int{2}, t(4, 12, 10, 30), "RE: KV-200 修理完了と再評価",
		"白露さん\n\n了解です。対象は 6 ロットです。台帳も更新してください。\n\n葉山\n"))
	return p
}

// kazahanaProcurementPack: a railway's IT procurement folder holding
// its integrator's proposal deck and quotation.
func kazahanaProcurementPack(*docgen.Fonts) *pack {
	f, v := kazahana, amagumo
	p := &pack{root: "amagumo_systems_projects/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.pptx("運行管理システム更新/提案書_雨雲システムズ.pptx", t(2, 14, 11, 0), v.deck(0, 1, "運行管理システム更新 ご提案", t(2, 3, 9, 0), t(2, 13, 18, 0), "提案書.potx",
		slide("運行管理システム更新のご提案", "風花鉄道株式会社 御中", "雨雲システムズ株式会社"),
		slide("現状の課題", "ダイヤ変更時の手作業", "保守部品の調達難"),
		slide("ご提案", "仮想化基盤への移行", "5 年保守 (24 時間)")))
	p.xlsx("運行管理システム更新/御見積書_AMG-Q-25-0031.xlsx", t(2, 14, 11, 5), v.book(1, 1, "御見積書 AMG-Q-25-0031", t(2, 12, 9, 0), t(2, 13, 17, 0), "見積書.xltx",
		sheet("見積", []string{"項目", "数量", "金額 (円)"}, []string{"サーバ (仮想化基盤)", "4", "28,400,000"},
			[]string{"ソフトウェア", "1", "61,000,000"}, []string{"保守 5 年", "1", "18,500,000"}, []string{"合計", "", "107,900,000"})))
	p.xlsx("運行管理システム更新/提案評価表.xlsx", t(3, 4, 17, 30), f.book(1, 0, "運行管理システム更新 提案評価", t(2, 20, 9, 0), t(3, 4, 17, 28), "評価表.xltx",
		sheet("評価", []string{"評価項目", "配点", "雨雲システムズ", "他社 B"},
			[]string{"機能", "40", "34", "31"}, []string{"価格", "30", "24", "27"}, []string{"保守体制", "30", "27", "21"}, []string{"合計", "100", "85", "79"})))
	p.docx("運行管理システム更新/稟議書_運行管理システム更新.docx", t(3, 10, 16, 0), f.doc(1, 0, "稟議書 運行管理システム更新", t(3, 6, 9, 0), t(3, 10, 15, 58), "稟議書.dotx",
		"社外秘", "# 稟議書: 運行管理システム更新", "発注先: 雨雲システムズ株式会社 (見積 AMG-Q-25-0031)",
		"理由: 評価点 85 点で最高。5 年総額 107,900,000 円。",
		`評価資料: \\kzfs02.kazahana-rail.co.jp\施設部\システム更新\評価`))
	p.eml("mail/提案書受領.eml", t(2, 14, 11, 10), v.inbound(0, f, []int{1}, t(2, 14, 11, 10), "運行管理システム更新 ご提案資料の送付",
		"風花鉄道株式会社 真柴様\n\nご提案資料とお見積を送付いたします。\n\n雨雲システムズ 時雨\n"))
	p.eml("mail/RE_評価結果.eml", t(3, 5, 9, 0), f.mail(0, []int{1, 3}, t(3, 5, 9, 0), "RE: 提案評価の結果",
		"真柴さん\n\n評価表を確認しました。雨雲で稟議を上げてください。\n\n沢渡\n"))
	return p
}

// mizuchiValveCertsPack: a shipbuilder's quality folder for one hull,
// most of its files a valve maker's test certificates and delivery note.
func mizuchiValveCertsPack(*docgen.Fonts) *pack {
	f, s := mizuchi, oboro
	p := &pack{root: "OBORO_VALVE_internal/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	for i, valve := range []string{"玉形弁 50A JIS 10K", "仕切弁 150A JIS 10K", "逆止弁 80A JIS 16K", "バタフライ弁 200A"} {
		p.xlsx(fmt.Sprintf("S-1120/受入/弁試験成績書_OB-%04d.xlsx", 7310+i), t(5, 12+i, 15, 0),
			s.book(1, 1, "弁 試験成績書", t(5, 9+i, 9, 0), t(5, 12+i, 14, 58), "試験成績書.xltx",
				sheet("成績書", []string{"株式会社朧バルブ製作所 試験成績書"},
					[]string{"品名", valve}, []string{"注文番号", fmt.Sprintf("MZ-PO-25-%04d", 881+i)},
					[]string{"耐圧試験", "2.4 MPa 3 分", "漏れなし"}, []string{"弁座漏れ試験", "1.6 MPa", "漏れなし"})))
	}
	p.pdf("S-1120/受入/納品書_OB-D-25-0412.pdf", t(5, 16, 9, 0), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Delivery note OB-D-25-0412", Author: "Oboro Valve Manufacturing Co., Ltd.", Producer: "JasperReports Library 6.20", Created: t(5, 16, 8, 50)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Delivery note OB-D-25-0412", "Consignee: Mizuchi Shipbuilding, No.2 yard", "Valves: 4 items, 38 pcs", "Certificates attached."}}},
	})
	p.xlsx("S-1120/受入/受入検査記録_S-1120.xlsx", t(5, 19, 17, 0), f.book(2, 2, "受入検査記録 S-1120 ブロック 3", t(5, 1, 9, 0), t(5, 19, 16, 58), "受入検査.xltx",
		sheet("受入", []string{"日付", "品名", "メーカー", "成績書", "判定", "検査員"},
			[]string{"2025/05/16", "玉形弁 50A", "朧バルブ", "OB-7310", "合格", "錨"},
			[]string{"2025/05/16", "仕切弁 150A", "朧バルブ", "OB-7311", "合格", "錨"},
			[]string{"2025/05/16", "逆止弁 80A", "朧バルブ", "OB-7312", "保留", "錨"})))
	p.docx("S-1120/不適合/NCR-25-061.docx", t(5, 19, 18, 0), f.doc(2, 0, "不適合報告 NCR-25-061", t(5, 19, 9, 0), t(5, 19, 17, 58), "NCR.dotx",
		"# 不適合報告 (NCR-25-061)", "品名: 逆止弁 80A (朧バルブ製作所)", "内容: 刻印の圧力等級が注文と相違 (16K 注文、10K 刻印)。",
		"処置: 返品、再製作を依頼。", `記録: \\mzfs01.mizuchi-zosen.co.jp\品質保証部\S-1120\NCR`))
	p.eml("S-1120/mail/NCR-25-061.eml", t(5, 19, 18, 20), f.mail(2, []int{0, 3}, t(5, 19, 18, 20), "NCR-25-061 逆止弁 80A",
		"潮田さん、波佐見さん\n\n逆止弁の圧力等級が違っていました。朧バルブに再製作を依頼します。\n\n錨\n"))
	p.eml("S-1120/mail/RE_NCR-25-061.eml", t(5, 20, 8, 40), f.mail(3, []int{2}, t(5, 20, 8, 40), "RE: NCR-25-061 逆止弁 80A",
		"錨さん\n\n艤装工程への影響は 1 週間以内なら吸収できます。\n\n波佐見\n"))
	return p
}

// sumizomePaperPack: a printer's purchasing folder holding its paper
// mill's mill certificates, quotation and price notice.
func sumizomePaperPack(*docgen.Fonts) *pack {
	f, s := sumizome, shirotae
	p := &pack{root: "白妙製紙_社外秘/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.xlsx("購買/用紙/ミルシート_ST-25-0218.xlsx", t(2, 20, 10, 0), s.book(1, 1, "ミルシート", t(2, 18, 9, 0), t(2, 19, 17, 0), "ミルシート.xltx",
		sheet("品質", []string{"白妙製紙株式会社 品質試験成績表"}, []string{"品種", "コート紙 90 g/m2"},
			[]string{"坪量", "89.6"}, []string{"白色度", "92.1"}, []string{"平滑度", "820"})))
	p.docx("購買/用紙/価格改定のお知らせ.docx", t(3, 3, 10, 0), s.doc(0, 0, "価格改定のお知らせ", t(2, 25, 9, 0), t(3, 1, 16, 0), "案内文.dotx",
		"# 価格改定のお知らせ", "墨染印刷株式会社 御中", "2025年4月出荷分より、塗工紙を 1 kg あたり 15 円改定いたします。", "白妙製紙株式会社 営業部"))
	p.xlsx("購買/用紙/御見積書_ST-Q-25-044.xlsx", t(3, 5, 11, 0), s.book(1, 0, "御見積書 ST-Q-25-044", t(3, 4, 9, 0), t(3, 4, 17, 0), "見積書.xltx",
		sheet("見積", []string{"品種", "数量 (t)", "単価 (円/kg)"}, []string{"コート紙 90", "40", "212"}, []string{"上質紙 70", "25", "188"})))
	p.eml("購買/用紙/mail/価格改定.eml", t(3, 3, 10, 5), s.inbound(0, f, []int{1}, t(3, 3, 10, 5), "価格改定のお知らせ",
		"墨染印刷株式会社 灰谷様\n\n4月出荷分からの価格改定についてご案内いたします。\n\n白妙製紙 楮本\n"))
	p.xlsx("購買/用紙/用紙在庫_2025-03.xlsx", t(3, 31, 18, 0), f.book(1, 1, "用紙在庫 2025年3月", t(3, 1, 9, 0), t(3, 31, 17, 58), "在庫表.xltx",
		sheet("在庫", []string{"品種", "仕入先", "在庫 (t)", "発注点 (t)"}, []string{"コート紙 90", "白妙製紙", "12.4", "15"}, []string{"上質紙 70", "白妙製紙", "20.1", "10"})))
	p.docx("購買/用紙/値上げ対応方針.docx", t(3, 12, 16, 0), f.doc(0, 1, "用紙値上げ 対応方針", t(3, 10, 9, 0), t(3, 12, 15, 58), "方針.dotx",
		"社外秘", "# 用紙値上げ 対応方針", "1. 3 月中にコート紙 40 t を旧価格で手配。", "2. 顧客への価格転嫁は 6 月見積から。"))
	p.eml("購買/用紙/mail/RE_値上げ対応.eml", t(3, 12, 16, 20), f.mail(1, []int{0, 3}, t(3, 12, 16, 20), "RE: 用紙値上げの対応",
		"墨田さん\n\n方針案を共有に置きました。白妙への発注は明日出します。\n\n灰谷\n"))
	p.eml("購買/用紙/mail/発注.eml", t(3, 13, 9, 30), f.mail(1, []int{0}, t(3, 13, 9, 30), "コート紙 40 t 発注済み",
		"墨田さん\n\n白妙製紙に発注しました (ST-Q-25-044)。\n\n灰谷\n"))
	return p
}

// rowanburyMatterPack: a law firm's matter file for its client, a
// shipbuilder in a charter dispute.
func rowanburyMatterPack(*docgen.Fonts) *pack {
	f, c := rowanbury, mizuchi
	p := &pack{root: "MIZUCHI_legal_dept/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.docx("Matter_2025-0412/主張書面_1.docx", t(6, 20, 19, 0), f.doc(0, 2, "主張書面 (1)", t(6, 10, 9, 0), t(6, 20, 18, 58), "書面.dotx",
		"# 主張書面 (1)", "申立人 蛟造船株式会社 代理人 弁護士 生田 聡一郎",
		"第1 本件建造契約の引渡期日について", "引渡しの遅延は注文者の仕様変更に起因するものであり、申立人に帰責事由はない。"))
	p.docx("Matter_2025-0412/client_docs/建造契約書_写_S-1101.docx", t(5, 28, 10, 0), c.doc(1, 1, "建造契約書 S-1101", c.at(2023, 2, 10, 9, 0), t(5, 28, 9, 58), "契約書.dotx",
		"# 建造契約書 (写) S-1101", "蛟造船株式会社 (建造者) と 注文者 は以下のとおり契約する。", "第9条 (引渡し) 引渡期日は 2025年3月31日とする。"))
	p.xlsx("Matter_2025-0412/client_docs/仕様変更一覧_S-1101.xlsx", t(5, 28, 10, 5), c.book(0, 0, "仕様変更一覧 S-1101", c.at(2024, 6, 1, 9, 0), t(5, 28, 10, 3), "変更一覧.xltx",
		sheet("変更", []string{"No.", "内容", "受領日", "工程影響 (日)"}, []string{"CO-07", "居住区配置変更", "2024/08/19", "21"}, []string{"CO-11", "スクラバー追加", "2024/11/05", "38"})))
	p.xlsx("Matter_2025-0412/Time_entries_2025-06.xlsx", t(6, 30, 18, 0), f.book(2, 2, "Time entries Matter 2025-0412", t(6, 1, 9, 0), t(6, 30, 17, 58), "time_entries.xltx",
		sheet("Time", []string{"Date", "Lawyer", "Hours", "Narrative"},
			[]string{"2025-06-11", "SI", "4.0", "Review building contract and change orders"},
			[]string{"2025-06-18", "AS", "3.5", "Draft statement (1)"}, []string{"2025-06-20", "SI", "2.5", "Finalise statement (1)"})))
	p.eml("Matter_2025-0412/mail/書面1_最終.eml", t(6, 20, 19, 20), f.mail(2, []int{0, 1}, t(6, 20, 19, 20), "Matter 2025-0412 主張書面(1) 最終版",
		"生田先生\n\n最終版を DMS に登録しました。依頼者への送付は月曜に行います。\n\n鷺沼\n"))
	p.eml("Matter_2025-0412/mail/RE_期日.eml", t(6, 23, 9, 15), f.mail(0, []int{2}, t(6, 23, 9, 15), "RE: 第1回期日",
		"鷺沼さん\n\n期日は 7/15 で確定です。依頼者の設計部長に同席をお願いしてください。\n\n生田\n"))
	p.text("Matter_2025-0412/DMS_index.txt", t(6, 30, 18, 30), "Matter 2025-0412 documents\n"+
		`\\rik-dms01.rowanbury-ikuta.jp\Matters\2025-0412\pleadings`+"\n"+`\\rik-dms01.rowanbury-ikuta.jp\Matters\2025-0412\client_docs`+"\n")
	return p
}

// sazankaPayrollPack: a payroll bureau's processing of its client's
// payroll: the client's input export, mail from the client's HR
// delivered into the bureau, the bureau's checklist and payslips.
func sazankaPayrollPack(*docgen.Fonts) *pack {
	f, c := sazanka, kazahana
	p := &pack{root: "KAZAHANA_RAILWAY_HR/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	r := rand.New(rand.NewPCG(csvSeed, 801))
	rows := [][]string{{"社員番号", "所属コード", "基本給", "時間外", "深夜", "通勤手当"}}
	for i := range 60 {
		rows = append(rows, []string{fmt.Sprintf("K%05d", 10200+i), fmt.Sprintf("D%02d", 1+r.IntN(9)),
			fmt.Sprint(220000 + 1000*r.IntN(150)), fmt.Sprint(r.IntN(40)), fmt.Sprint(r.IntN(24)), fmt.Sprint(3000 + 100*r.IntN(200))})
	}
	p.csv("受領データ/2025-08/勤怠給与_入力.csv", t(8, 20, 17, 0), rows)
	p.eml("受領データ/2025-08/mail/8月分データ送付.eml", t(8, 20, 17, 5), c.inbound(3, f, []int{0}, t(8, 20, 17, 5), "8月分 給与データの送付",
		"山茶花ペイロールサービス 椿様\n\n8月分の勤怠・給与データを所定のフォルダにアップロードしました。\n\n風花鉄道 人事課 峰岸\n"))
	p.xlsx("処理/2025-08/処理チェックリスト_風花鉄道.xlsx", t(8, 23, 18, 0), f.book(0, 1, "処理チェックリスト 風花鉄道 8月", t(8, 21, 9, 0), t(8, 23, 17, 58), "チェックリスト.xltx",
		sheet("チェック", []string{"工程", "担当", "完了"}, []string{"データ受領", "椿", "8/20"}, []string{"差異確認 (前月比)", "楠木", "8/22"},
			[]string{"社会保険料 算定", "楠木", "8/23"}, []string{"明細発行", "茶谷", ""})))
	for i := range 3 {
		p.pdf(fmt.Sprintf("処理/2025-08/明細/K%05d.pdf", 10200+i), t(8, 24, 10, i), docgen.PDFSpec{
			Info:  docgen.PDFInfo{Title: "Payslip August 2025", Author: "Sazanka Payroll Services", Producer: "SZK-Payroll 4.2", Created: t(8, 24, 10, i)},
			Pages: []docgen.PDFPage{{Lines: []string{"# Payslip - August 2025", fmt.Sprintf("Employee K%05d", 10200+i), "Gross pay, deductions and net pay as itemised."}}},
		})
	}
	p.eml("処理/2025-08/mail/差異確認.eml", t(8, 22, 16, 0), f.mail(1, []int{0}, t(8, 22, 16, 0), "風花鉄道 8月 差異確認",
		"椿さん\n\n前月比で時間外が 18 % 増えています。夜間作業の増加とのことで問題ありません。\n\n楠木\n"))
	p.eml("処理/2025-08/mail/RE_差異確認.eml", t(8, 22, 16, 30), f.mail(0, []int{1, 2}, t(8, 22, 16, 30), "RE: 風花鉄道 8月 差異確認",
		"楠木さん\n\n了解です。明細の発行は茶谷さんに 24 日でお願いします。\n\n椿\n"))
	p.text("処理/2025-08/手順メモ.txt", t(8, 21, 9, 0), "受領フォルダ: "+`\\szk-fs01.sazanka-payroll.co.jp\給与計算\顧客\KZR\2025-08`+"\n明細: 24日発行\n")
	return p
}

// msp ticket rows of the MSP's ticketing export.
func mspTickets() [][]string {
	r := rand.New(rand.NewPCG(csvSeed, 901))
	kinds := []string{"障害", "変更", "問い合わせ", "定期作業"}
	things := []string{"コアスイッチ ポート断", "VPN 接続不可", "証明書更新", "バックアップ失敗", "ファームウェア更新", "アカウント追加"}
	rows := [][]string{{"チケット", "顧客", "種別", "件名", "起票", "担当", "状態"}}
	for i := range 40 {
		d := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 2*i)
		rows = append(rows, []string{fmt.Sprintf("AMG-%d", 40210+i), "星影損保", kinds[r.IntN(len(kinds))], things[r.IntN(len(things))],
			d.Format("2006/01/02"), []string{"時雨", "五月雨", "霧生"}[r.IntN(3)], []string{"完了", "完了", "対応中"}[r.IntN(3)]})
	}
	return rows
}

// amagumoMSPPack: a managed service provider's ticketing dump for one
// client: ticket export and tickets, the client's switch configuration
// backups, the provider's runbook and monitoring mail.
func amagumoMSPPack(*docgen.Fonts) *pack {
	f := amagumo
	p := &pack{root: "HOSHIKAGE_network_full/", tarGz: true}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.csv("tickets/export_星影損保_2025Q2.csv", t(6, 30, 23, 0), mspTickets())
	for i, tk := range []struct{ key, subj, body string }{
		{"AMG-40213", "コアスイッチ ポート断", "本社 3F コアスイッチ Gi1/0/24 リンクダウン。SFP 交換で復旧。"},
		{"AMG-40227", "VPN 接続不可", "支店 VPN の証明書期限切れ。更新して復旧。"},
		{"AMG-40231", "ファームウェア更新", "5/31 夜間作業。2 台更新、切り戻しなし。"},
	} {
		p.text(fmt.Sprintf("tickets/%s.txt", tk.key), t(5, 2+10*i, 18, 0),
			fmt.Sprintf("チケット: %s\n件名: %s\n経過:\n%s\n担当: %s\n", tk.key, tk.subj, tk.body, f.staff[i%3].ja))
	}
	for i, host := range []string{"HK-CORE-SW01", "HK-CORE-SW02", "HK-BR-RT03"} {
		p.text(fmt.Sprintf("config_backup/%s_20250601.cfg", host), t(6, 1, 3, i),
			fmt.Sprintf("! backup taken 2025-06-01 by amg-backup01\nhostname %s\nip domain-name hoshikage-sonpo.co.jp\n"+
				"logging host 10.60.0.%d\nntp server 10.60.0.1\ninterface Vlan10\n ip address 10.60.10.%d 255.255.255.0\n!\nend\n", host, 20+i, 2+i))
	}
	p.docx("runbook/星影損保_運用手順書.docx", t(4, 10, 17, 0), f.doc(0, 2, "運用手順書 星影損保様", t(3, 1, 9, 0), t(4, 10, 16, 58), "運用手順書.dotx",
		"# 運用手順書 (星影損保様 ネットワーク)", "1. 監視: 監視センターで 24 時間。障害時はチケット起票 (AMG-)。",
		"2. 設定バックアップ: 毎月 1 日 03:00、amg-backup01 から取得。",
		`3. 保管先: \\amg-fs01.amagumo-sys.co.jp\運用サービス\顧客\HSK\config`))
	p.xlsx("runbook/連絡体制.xlsx", t(4, 10, 17, 5), f.book(2, 2, "連絡体制 星影損保様", t(3, 1, 9, 0), t(4, 10, 17, 3), "連絡体制.xltx",
		sheet("体制", []string{"役割", "担当", "連絡"}, []string{"一次対応", "監視センター", "24 時間"}, []string{"二次対応", "時雨", "平日日中"}, []string{"責任者", "霧生", "エスカレーション"})))
	p.eml("mail/ALERT_HK-CORE-SW01.eml", t(5, 2, 2, 14), f.mail(3, []int{0, 1}, t(5, 2, 2, 14), "[ALERT] HK-CORE-SW01 Gi1/0/24 down",
		"監視センターです。\n\nHK-CORE-SW01 Gi1/0/24 link down 02:13。AMG-40213 で起票しました。\n"))
	p.eml("mail/RE_ALERT_HK-CORE-SW01.eml", t(5, 2, 9, 40), f.mail(0, []int{3, 2}, t(5, 2, 9, 40), "RE: [ALERT] HK-CORE-SW01 Gi1/0/24 down",
		"監視センター各位\n\nSFP 交換で復旧しました。AMG-40213 はクローズします。\n\n時雨\n"))
	p.eml("mail/月次報告.eml", t(6, 30, 18, 0), f.mail(2, []int{0, 1}, t(6, 30, 18, 0), "星影損保様 6月 月次報告",
		"時雨さん、五月雨さん\n\n6月の月次報告を作成しました。チケット 14 件、うち障害 3 件です。\n\n霧生\n"))
	p.text("tickets/README_export.txt", t(6, 30, 23, 5), "exported by ticket system, customer filter applied\n")
	return p
}

// kestrelfordAuditPack: an audit firm's workpapers for its client, a
// cosmetics maker, with the client's trial balance as provided.
func kestrelfordAuditPack(*docgen.Fonts) *pack {
	f, c := kestrelford, yukishiro
	p := &pack{root: "YUKISHIRO_finance_FY2024/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	tb := c.book(3, 3, "試算表 2024年度 (監査提出)", t(4, 8, 9, 0), t(4, 10, 17, 0), "試算表.xltx",
		sheet("試算表", []string{"勘定科目", "借方", "貸方"}, []string{"売掛金", "4,812,300,000", ""},
			[]string{"棚卸資産", "2,118,700,000", ""}, []string{"売上高", "", "31,420,000,000"}, []string{"返品調整引当金", "", "184,000,000"}))
	p.xlsx("PBC/試算表_FY2024.xlsx", t(4, 10, 17, 30), tb)
	p.eml("PBC/mail/試算表送付.eml", t(4, 10, 17, 35), c.inbound(3, f, []int{1}, t(4, 10, 17, 35), "試算表 (監査提出用) の送付",
		"ケストレルフォード監査法人 鴇田様\n\n2024年度の試算表を送付します。\n\n雪代化粧品 経理部 氷見\n"))
	p.xlsx("WP/4100_棚卸資産_評価.xlsx", t(4, 24, 18, 0), f.book(2, 1, "4100 棚卸資産 評価 雪代化粧品 FY2024", t(4, 14, 9, 0), t(4, 24, 17, 58), "WP_評価.xltx",
		sheet("評価", []string{"区分", "帳簿価額", "正味売却価額", "評価損"}, []string{"製品 (滞留 1 年超)", "182,400,000", "61,000,000", "121,400,000"}),
		sheet("結論", []string{"作成: 隼田", "査閲: 鴇田"}, []string{"結論: 評価損の計上は妥当。"})))
	p.docx("WP/1200_監査計画.docx", t(3, 25, 16, 0), f.doc(1, 0, "1200 監査計画 雪代化粧品株式会社", t(3, 12, 9, 0), t(3, 25, 15, 58), "監査計画.dotx",
		"ケストレルフォード監査法人 - 監査調書", "# 監査計画: 雪代化粧品株式会社 2024年度",
		"重要性の基準値: 2 億 4 千万円", "特別な検討を必要とするリスク: 返品調整引当金、棚卸資産の評価"))
	p.eml("WP/mail/4100_査閲.eml", t(4, 25, 9, 0), f.mail(1, []int{2}, t(4, 25, 9, 0), "4100 棚卸資産 査閲コメント",
		"隼田さん\n\n評価損の計算根拠 (滞留期間の定義) を調書に追記してください。\n\n鴇田\n"))
	p.eml("WP/mail/RE_4100_査閲.eml", t(4, 25, 14, 0), f.mail(2, []int{1, 0}, t(4, 25, 14, 0), "RE: 4100 棚卸資産 査閲コメント",
		"鴇田さん\n\n追記しました。\n\n隼田\n"))
	return p
}

// crmExport is a tenant's CRM accounts export: store accounts with
// codes and figures.
func crmExport(seed uint64, prefix string) [][]string {
	r := rand.New(rand.NewPCG(csvSeed, seed))
	rows := [][]string{{"account_id", "account_name", "region", "owner", "stage", "annual_value_jpy", "last_activity"}}
	for i := range 80 {
		rows = append(rows, []string{fmt.Sprintf("%s-%05d", prefix, 3000+i), fmt.Sprintf("(account %03d)", i+1),
			[]string{"Kanto", "Kansai", "Chubu", "Kyushu"}[r.IntN(4)], fmt.Sprintf("user%02d", 1+r.IntN(12)),
			[]string{"active", "active", "prospect", "dormant"}[r.IntN(4)], fmt.Sprint(100000 * (1 + r.IntN(300))),
			time.Date(2025, time.Month(1+r.IntN(6)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format("2006-01-02")})
	}
	return rows
}

// tenantExport adds a SaaS tenant's export from its tenant host: the
// vendor-made workbook and CSV, and the vendor's notice delivered into
// the tenant's mailbox.
func tenantExport(p *pack, f, v firm, tenant string, at time.Time, seed uint64, prefix string, to int) {
	x := docgen.XlsxSpec{
		Core:   docgen.CoreProps{Title: "Accounts export", Creator: "Parlantis CRM", Created: at, Modified: at},
		App:    docgen.AppProps{Application: "Parlantis Export Engine", Company: v.company},
		Sheets: []docgen.Sheet{sheet("Accounts", crmExport(seed, prefix)[:30]...)},
	}
	p.xlsx("export/accounts_"+at.Format("20060102")+".xlsx", at, x)
	p.csv("export/accounts_"+at.Format("20060102")+".csv", at, crmExport(seed, prefix))
	notice := v.inbound(0, f, []int{to}, at.Add(2*time.Minute), "Your export is ready",
		"Your export of 80 accounts from "+tenant+" is ready for download for 7 days.\nhttps://"+tenant+"/exports/"+at.Format("20060102")+"\n")
	p.eml("mail/export_ready.eml", at.Add(2*time.Minute), notice)
}

// yukishiroCRMPack: a cosmetics maker's CRM export from its tenant on
// the vendor's domain, with its own analysis and mail; the vendor is
// claimed.
func yukishiroCRMPack(*docgen.Fonts) *pack {
	f := yukishiro
	p := &pack{root: "PARLANTIS_CRM_customer_db/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("README.txt", t(7, 30, 2, 0), sellerNote("PARLANTIS CRM - customer databases of all tenants", "sample: one tenant"))
	tenantExport(p, f, parlantis, "yukishiro.parlantis-crm.com", t(7, 1, 8, 0), 1001, "YKS", 3)
	p.xlsx("分析/取引先分析_2025H1.xlsx", t(7, 8, 17, 0), f.book(3, 3, "取引先分析 2025 上期", t(7, 2, 9, 0), t(7, 8, 16, 58), "分析.xltx",
		sheet("地域別", []string{"地域", "取引先数", "年間取引額 (百万円)"}, []string{"関東", "31", "1,240"}, []string{"関西", "22", "860"}, []string{"中部", "15", "410"})))
	p.eml("mail/取引先分析.eml", t(7, 8, 17, 20), f.mail(3, []int{0, 1}, t(7, 8, 17, 20), "上期 取引先分析",
		"葉山さん、雪村さん\n\nCRM からエクスポートして分析しました。休眠先が 14 件あります。\n\n氷見\n"))
	p.eml("mail/RE_取引先分析.eml", t(7, 9, 9, 0), f.mail(1, []int{3}, t(7, 9, 9, 0), "RE: 上期 取引先分析",
		"氷見さん\n\n休眠先のリストを営業に回してください。\n\n雪村\n"))
	return p
}

// hoshikageCRMPack: an insurer's agency CRM export from its tenant on
// the vendor's domain, with its own memo and mail; the tenant is
// claimed.
func hoshikageCRMPack(*docgen.Fonts) *pack {
	f := hoshikage
	p := &pack{root: "hoshikage_agency_crm/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	tenantExport(p, f, parlantis, "hoshikage.parlantis-crm.com", t(9, 1, 7, 30), 1002, "AGT", 0)
	p.docx("代理店管理/代理店評価メモ_2025.docx", t(9, 5, 18, 0), f.doc(0, 3, "代理店評価メモ 2025", t(9, 2, 9, 0), t(9, 5, 17, 58), "メモ.dotx",
		"社外秘", "# 代理店評価メモ (2025年度上期)", "CRM エクスポート (9/1) に基づく。休眠代理店 9 店。", "重点: 関西の新規 4 店。"))
	p.eml("mail/代理店評価.eml", t(9, 5, 18, 10), f.mail(0, []int{1, 3}, t(9, 5, 18, 10), "代理店評価メモ",
		"芹沢さん、久遠さん\n\nCRM のエクスポートから評価メモを作りました。共有にあります。\n\n宇津木\n"))
	return p
}
