package attrpack

import (
	"net/mail"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// deloittePack: Deloitte's audit workpapers for its client Siemens.
func deloittePack(*docgen.Fonts) *pack {
	p := &pack{root: "Siemens_AG_FY2023/"}
	t := func(m, d, hh, mm int) time.Time { return day(cet, 2023, time.Month(m), d, hh, mm) }
	p.text("README.txt", t(12, 1, 23, 50), "SIEMENS AG - internal finance data FY2023\n\n"+
		"Siemens audit and finance files, 60 GB total. This is a sample.\nContact on the forum.\n")
	p.xlsx("WP/5410_revenue_testing.xlsx", t(11, 14, 18, 20), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "5410 Revenue - substantive testing - Siemens AG FY2023", Creator: "Jonas Becker", LastModifiedBy: "Marie Keller",
			Created: t(10, 23, 9, 0), Modified: t(11, 14, 18, 18)},
		App: docgen.AppProps{Company: "Deloitte", Template: `\\dfra-audit.de.deloitte.com\Audit\Templates\WP_substantive.xltx`},
		Sheets: []docgen.Sheet{
			{Name: "Sample", Rows: [][]string{
				{"Ref", "Entity", "Invoice", "Amount EUR", "Agreed to", "Result", "Tested by"},
				{"S-01", "Siemens AG", "9100234512", "1,284,000.00", "contract, delivery note", "no exception", "JB"},
				{"S-02", "Siemens Mobility GmbH", "9100241187", "642,310.50", "contract, acceptance", "no exception", "JB"},
				{"S-03", "Siemens Healthineers AG", "9100250043", "2,015,700.00", "contract", "timing difference", "MK"},
				{"S-04", "Siemens AG", "9100263391", "388,920.00", "delivery note", "no exception", "MK"},
			}},
			{Name: "Conclusion", Rows: [][]string{
				{"Prepared by: J. Becker (Deloitte)", "Reviewed by: M. Keller"},
				{"Conclusion: revenue cut-off for the client Siemens AG is fairly stated, one timing difference (S-03) passed."},
			}},
		},
	})
	p.docx("WP/1100_planning_memo.docx", t(10, 20, 16, 5), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "1100 Planning memorandum - Siemens AG", Creator: "Marie Keller", LastModifiedBy: "Thomas Brandt",
			Created: t(10, 9, 10, 0), Modified: t(10, 20, 16, 3)},
		App: docgen.AppProps{Company: "Deloitte", Template: `\\dfra-audit.de.deloitte.com\Audit\Templates\Memo.dotx`},
		Paragraphs: []string{
			"Deloitte - Confidential - audit working paper",
			"# Planning memorandum: Siemens AG, financial year 2023",
			"Client: Siemens AG, Munich. Engagement partner: Thomas Brandt (tbrandt@deloitte.com).",
			"Materiality: EUR 410 million; performance materiality 75 %.",
			"Significant risks: revenue recognition on long-term projects (Siemens Mobility), goodwill.",
			"Client contacts: Siemens group accounting, via the client portal; requests are logged in the PBC list.",
			"Team: M. Keller (manager, mkeller@deloitte.com), J. Becker (senior, jbecker@deloitte.com).",
		},
	})
	p.pdf("PBC/client_trial_balance_extract.pdf", t(11, 2, 9, 30), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Trial balance extract", Creator: "SAP NetWeaver", Producer: "SAP NetWeaver", Created: t(11, 2, 9, 28)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Siemens AG - trial balance extract, period 12/2023",
			"Prepared by client (PBC item 37)",
			"Account 800000  Revenue, projects        -18,402,117,220.00",
			"Account 800100  Revenue, products         -9,877,004,610.00",
			"Account 410000  Cost of materials          11,230,558,101.00",
		}}},
	})
	sent := t(11, 14, 18, 40)
	p.eml("mail/RE_5410_review_notes.eml", sent, internalMail{
		from: addr("Marie Keller", "mkeller@deloitte.com"),
		to:   []mail.Address{addr("Jonas Becker", "jbecker@deloitte.com")},
		cc:   []mail.Address{addr("Thomas Brandt", "tbrandt@deloitte.com")},
		date: sent, subject: "RE: 5410 review notes - Siemens",
		body: "Jonas,\n\nI cleared my notes on 5410. For S-03 please add the Siemens Healthineers acceptance\n" +
			"certificate from the PBC folder before Thomas signs off.\n\nThanks,\nMarie\n",
		mbx: "defra-mbx04.de.deloitte.com", mbxIP: "10.140.4.22", gw: "mail.deloitte.com",
	}.spec())
	return p
}

// resellerPack: a fictional Sony reseller outside the catalogue.
func resellerPack(*docgen.Fonts) *pack {
	p := &pack{root: "SONY_JAPAN_leak/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2022, time.Month(m), d, hh, mm) }
	p.text("README.txt", t(11, 30, 3, 12), "SONY JAPAN internal sales data / ソニー社内データ\n\n"+
		"Sample of 12 GB. Dealer prices, orders, customer lists of Sony.\n")
	share := `\\mav-fs.minato-av.co.jp\共有\様式\`
	p.xlsx("在庫表_ソニー製品_2022-11.xlsx", t(11, 25, 18, 3), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "在庫表 ソニー製品 2022年11月", Creator: "佐々木 優", LastModifiedBy: "井上 千尋",
			Created: t(11, 1, 9, 0), Modified: t(11, 25, 18, 1)},
		App: docgen.AppProps{Company: "みなとAV商事株式会社", Template: share + "在庫表.xltx"},
		Sheets: []docgen.Sheet{{Name: "在庫", Rows: [][]string{
			{"メーカー", "型番", "品名", "仕入単価", "在庫", "倉庫"},
			{"ソニー", "KJ-55X85K", "BRAVIA 55型", "118000", "14", "品川"},
			{"ソニー", "ILCE-7M4", "α7 IV ボディ", "251000", "6", "品川"},
			{"Sony", "WH-1000XM5", "ワイヤレスヘッドホン", "38500", "42", "川崎"},
			{"Sony", "HT-A7000", "サウンドバー", "121000", "3", "川崎"},
		}}},
	})
	p.docx("発注書_MAV-2022-1187.docx", t(11, 18, 11, 40), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "発注書 MAV-2022-1187", Creator: "佐々木 優", LastModifiedBy: "佐々木 優",
			Created: t(11, 18, 11, 0), Modified: t(11, 18, 11, 38)},
		App: docgen.AppProps{Company: "みなとAV商事株式会社", Template: share + "発注書.dotx"},
		Paragraphs: []string{
			"# 発注書 (MAV-2022-1187)",
			"ソニーマーケティング株式会社 御中",
			"みなとAV商事株式会社 営業部 佐々木 優 (sasaki.yu@minato-av.co.jp)",
			"品名: BRAVIA KJ-55X85K 20台、α7 IV ボディ 10台",
			"納期: 2022年12月2日  納品先: 品川倉庫",
		},
	})
	p.pdf("ソニー_販売店価格表_2022冬.pdf", t(10, 31, 10, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Dealer price list winter 2022", Producer: "Adobe PDF Library 17.0", Created: t(10, 28, 15, 0)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Sony - dealer price list, winter 2022",
			"BRAVIA KJ-55X85K ........ 118,000 JPY",
			"Alpha 7 IV body ......... 251,000 JPY",
			"WH-1000XM5 .............. 38,500 JPY",
			"For authorised Sony dealers only.",
		}}},
	})
	mails := []internalMail{
		{from: addr("井上 千尋", "inoue.chihiro@minato-av.co.jp"), to: []mail.Address{addr("佐々木 優", "sasaki.yu@minato-av.co.jp")},
			date: t(11, 25, 18, 20), subject: "在庫表 11月分 更新しました",
			body: "佐々木さん\n\n11月分の在庫表を共有フォルダに置きました。\nサウンドバーの在庫が少ないので追加発注をご検討ください。\n\n井上\n"},
		{from: addr("佐々木 優", "sasaki.yu@minato-av.co.jp"), to: []mail.Address{addr("井上 千尋", "inoue.chihiro@minato-av.co.jp")},
			cc: []mail.Address{addr("営業部", "eigyo@minato-av.co.jp")}, date: t(11, 25, 19, 2), subject: "RE: 在庫表 11月分 更新しました",
			body: "井上さん\n\nありがとうございます。来週の発注に含めます。\n\n佐々木\n"},
	}
	for i, m := range mails {
		m.charset = docgen.CharsetISO2022JP
		m.mbx, m.mbxIP, m.gw = "mbx.minato-av.co.jp", "192.168.20.5", "mail.minato-av.co.jp"
		name := []string{"mail/在庫表11月分.eml", "mail/RE_在庫表11月分.eml"}[i]
		p.eml(name, m.date, m.spec())
	}
	return p
}

// ricohPack: Ricoh's cloud cost files, with an AWS invoice.
func ricohPack(*docgen.Fonts) *pack {
	p := &pack{root: "AWS_billing_dump/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2023, time.Month(m), d, hh, mm) }
	p.text("README.txt", t(8, 3, 1, 5), "AWS internal billing database - sample\nAmazon Web Services customer invoices and cost reports.\n")
	p.pdf("invoices/AWS_invoice_2023-06.pdf", t(7, 3, 9, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Invoice 1234567890", Producer: "iText 7.2", Created: t(7, 3, 8, 55)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Amazon Web Services Japan G.K. - Invoice",
			"Invoice number: 1234567890   Billing period: June 1 - June 30, 2023",
			"Bill to: Ricoh Company, Ltd., Information Systems Dept.",
			"Account: 4821-0937-5566 (ricoh-corp-prod)",
			"Amazon Elastic Compute Cloud ........ 3,412,880 JPY",
			"Amazon Simple Storage Service ......... 402,115 JPY",
			"Total ................................ 4,196,732 JPY",
		}}},
	})
	p.xlsx("cost_review_FY2023Q1.xlsx", t(7, 12, 17, 35), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "Cloud cost review FY2023 Q1", Creator: "Kaito Nishimura", LastModifiedBy: "Emi Takeda",
			Created: t(7, 5, 9, 0), Modified: t(7, 12, 17, 33)},
		App: docgen.AppProps{Company: "Ricoh Company, Ltd.", Template: `\\rfs-isd.ricoh.co.jp\templates\cost_review.xltx`},
		Sheets: []docgen.Sheet{{Name: "Accounts", Rows: [][]string{
			{"AWS account", "Name", "Owner dept.", "Apr JPY", "May JPY", "Jun JPY"},
			{"4821-0937-5566", "ricoh-corp-prod", "Information Systems", "3,980,120", "4,011,507", "4,196,732"},
			{"4821-0937-7781", "ricoh-corp-dev", "Information Systems", "611,200", "598,004", "640,930"},
			{"4821-0938-0102", "ricoh-print-analytics", "Digital Services", "1,204,550", "1,187,320", "1,250,006"},
		}}},
	})
	p.docx("migration_plan_FY2023.docx", t(6, 30, 15, 10), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "クラウド移行計画 FY2023", Creator: "武田 恵美", LastModifiedBy: "西村 海斗",
			Created: t(6, 1, 9, 0), Modified: t(6, 30, 15, 8)},
		App: docgen.AppProps{Company: "株式会社リコー", Template: `\\rfs-isd.ricoh.co.jp\templates\plan_ja.dotx`},
		Paragraphs: []string{
			"社外秘",
			"# クラウド移行計画 FY2023",
			"株式会社リコー 情報システム部 武田 恵美 (takeda.emi@ricoh.co.jp)",
			"対象: 社内システム 18 件を AWS 東京リージョンへ移行する。",
			"コスト管理: 月次で AWS の請求書と部門別配賦を照合する。",
		},
	})
	sent := t(7, 12, 17, 50)
	p.eml("mail/June_AWS_bill.eml", sent, internalMail{
		from: addr("Emi Takeda", "takeda.emi@ricoh.co.jp"),
		to:   []mail.Address{addr("Kaito Nishimura", "nishimura.kaito@ricoh.co.jp")},
		date: sent, subject: "June AWS bill - allocation",
		body: "Nishimura-san,\n\nThe June invoice is in the invoices folder. Please allocate the analytics\n" +
			"account to Digital Services as before, and update the review sheet.\n\nTakeda\n",
		mbx: "mbx02.ricoh.co.jp", mbxIP: "10.5.2.30", gw: "mail.ricoh.co.jp",
	}.spec())
	return p
}

// hoshizoraPack: a fictional supplier outside the catalogue, Toyota its
// customer.
func hoshizoraPack(*docgen.Fonts) *pack {
	p := &pack{root: "TOYOTA_supplier_data/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2024, time.Month(m), d, hh, mm) }
	p.text("README.txt", t(3, 2, 2, 40), "TOYOTA internal data - supplier network\nトヨタ 内部データ サンプル\n")
	share := `\\hsk-fs.hoshizora-seiki.co.jp\品質保証部\様式\`
	p.docx("品質/不具合報告書_Q-24-017.docx", t(2, 21, 16, 30), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "不具合報告書 Q-24-017", Creator: "内田 啓介", LastModifiedBy: "原田 由美",
			Created: t(2, 20, 9, 0), Modified: t(2, 21, 16, 28)},
		App: docgen.AppProps{Company: "星空精機株式会社", Template: share + "不具合報告書.dotx"},
		Paragraphs: []string{
			"社外秘",
			"# 不具合報告書 (Q-24-017)",
			"トヨタ自動車株式会社 御中",
			"星空精機株式会社 品質保証部 内田 啓介 (uchida.keisuke@hoshizora-seiki.co.jp)",
			"対象品: ブラケット 52118-HS04 (ロット 2402-11)",
			"現象: 穴位置ずれ 0.3 mm。原因: 治具の摩耗。対策: 治具交換と全数検査。",
		},
	})
	p.xlsx("出荷/出荷実績_2024-02.xlsx", t(2, 29, 18, 5), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "出荷実績 2024年2月", Creator: "原田 由美", LastModifiedBy: "原田 由美", Created: t(2, 1, 8, 30), Modified: t(2, 29, 18, 3)},
		App:  docgen.AppProps{Company: "星空精機株式会社", Template: share + "出荷実績.xltx"},
		Sheets: []docgen.Sheet{{Name: "出荷", Rows: [][]string{
			{"出荷日", "納入先", "品番", "数量"},
			{"2024/02/05", "トヨタ自動車 元町工場", "52118-HS04", "1200"},
			{"2024/02/12", "トヨタ自動車 堤工場", "52118-HS04", "1600"},
			{"2024/02/19", "株式会社デンソー 安城製作所", "89341-HS11", "800"},
			{"2024/02/26", "トヨタ自動車 元町工場", "52118-HS04", "1200"},
		}}},
	})
	mails := []internalMail{
		{from: addr("内田 啓介", "uchida.keisuke@hoshizora-seiki.co.jp"), to: []mail.Address{addr("原田 由美", "harada.yumi@hoshizora-seiki.co.jp")},
			date: t(2, 21, 16, 45), subject: "Q-24-017 報告書 最終版",
			body: "原田さん\n\n不具合報告書の最終版を共有に置きました。\n出荷前の全数検査は来週まで継続します。\n\n内田\n"},
		{from: addr("原田 由美", "harada.yumi@hoshizora-seiki.co.jp"), to: []mail.Address{addr("内田 啓介", "uchida.keisuke@hoshizora-seiki.co.jp")},
			cc: []mail.Address{addr("品質保証部", "qa@hoshizora-seiki.co.jp")}, date: t(2, 22, 8, 50), subject: "RE: Q-24-017 報告書 最終版",
			body: "内田さん\n\n確認しました。元町工場向けの次回出荷分から検査記録を添付します。\n\n原田\n"},
		{from: addr("工場長 石井", "ishii.makoto@hoshizora-seiki.co.jp"), to: []mail.Address{addr("品質保証部", "qa@hoshizora-seiki.co.jp")},
			date: t(2, 26, 7, 55), subject: "治具交換の完了について",
			body: "品質保証部 各位\n\n第2ラインの治具交換が完了しました。\n本日から通常の抜き取り検査に戻します。\n\n石井\n"},
	}
	names := []string{"mail/Q-24-017報告書.eml", "mail/RE_Q-24-017報告書.eml", "mail/治具交換完了.eml"}
	for i, m := range mails {
		m.charset = docgen.CharsetISO2022JP
		m.mbx, m.mbxIP, m.gw = "mbx.hoshizora-seiki.co.jp", "192.168.10.12", "mail.hoshizora-seiki.co.jp"
		p.eml(names[i], m.date, m.spec())
	}
	return p
}
