package attrpack

import (
	"fmt"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The packs of this file hold one organisation's data that names a
// counterparty on every page, and often hold documents the counterparty
// wrote: a vendor's quotation in the customer's share, the client's
// records in its law firm's, auditor's, MSP's or payroll bureau's
// systems, a supplier's certificate in the buyer's quality folder, a
// SaaS tenant's exports. Custody decides: whose share, whose mail.

// saiunProcurementPack: Saiun's IT procurement, sold as its vendor
// Orvantis's data.
func saiunProcurementPack(*docgen.Fonts) *pack {
	f, v := saiun, orvantis
	p := &pack{root: "ORVANTIS_customer_projects/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("README.txt", t(11, 3, 2, 0), sellerNote("ORVANTIS SYSTEMS - customer projects, quotes, contracts", "sample 1 of 40"))
	p.docx("見積/御見積書_POS更新_OV-Q-24-0611.docx", t(6, 11, 14, 0), v.doc(0, 0, "御見積書 POS 更新", t(6, 10, 16, 0), t(6, 11, 13, 58), "見積書.dotx",
		"# 御見積書 (OV-Q-24-0611)", "株式会社彩雲百貨店 御中",
		"オーヴァンティス・システムズ株式会社 営業本部 久世 明彦",
		"件名: 全館 POS 端末 更新 (420 台) および保守 5 年", "金額: 186,400,000 円 (税抜)"))
	p.xlsx("見積/POS更新_比較表.xlsx", t(6, 20, 18, 30), f.book(1, 2, "POS 更新 見積比較", t(6, 14, 9, 0), t(6, 20, 18, 28), "比較表.xltx",
		sheet("比較", []string{"項目", "オーヴァンティス", "他社 A", "備考"},
			[]string{"端末単価", "298,000", "312,000", ""},
			[]string{"保守 (年)", "4,100,000", "3,800,000", "オンサイト 4 時間"},
			[]string{"総額 (5 年)", "186,400,000", "190,120,000", "オーヴァンティス推奨"})))
	p.docx("稟議/稟議書_POS更新.docx", t(6, 24, 17, 0), f.doc(1, 0, "稟議書 全館 POS 更新", t(6, 21, 9, 0), t(6, 24, 16, 58), "稟議書.dotx",
		"社外秘", "# 稟議書: 全館 POS 端末 更新",
		"発注先: オーヴァンティス・システムズ株式会社 (見積 OV-Q-24-0611)",
		"理由: 現行機の保守終了 (2025年3月)。5 年総額で最安。",
		`添付: \\sufs-honsha.saiun-dept.co.jp\本社共有\情報システム部\POS更新\比較表.xlsx`))
	p.eml("mail/RE_POS更新_稟議.eml", t(6, 25, 9, 20), f.mail(0, []int{1, 2}, t(6, 25, 9, 20), "RE: POS 更新 稟議",
		"間宮さん\n\n稟議は承認されました。オーヴァンティスへの発注は東條さんからお願いします。\n\n鷹野\n"))
	return p
}

// hibariCloudPack: Hibari's cloud bills, sold as its provider
// Cirrovane's.
func hibariCloudPack(*docgen.Fonts) *pack {
	f, v := hibari, cirrovane
	p := &pack{root: "Cirrovane_billing_dump/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("README.txt", t(8, 3, 1, 5), sellerNote("CIRROVANE CLOUD internal billing database - sample", "customer invoices and usage reports"))
	p.pdf("invoices/CV_invoice_2024-06.pdf", t(7, 3, 9, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Invoice CV-7730291", Author: "Cirrovane Cloud, Inc.", Producer: "iText 7.2", Created: t(7, 3, 8, 55)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Cirrovane Cloud, Inc. - Invoice CV-7730291",
			"Billing period: June 1 - June 30, 2024",
			"Bill to: Hibari Transport Co., Ltd., IT Section",
			"Account: 3318-0042 (hibari-dispatch-prod)",
			"Compute ........ 1,412,880 JPY   Storage ........ 202,115 JPY",
			"Total .......... 1,614,995 JPY",
		}}},
	})
	p.xlsx("クラウド費用_2024Q2.xlsx", t(7, 12, 17, 35), f.book(2, 1, "クラウド費用 2024 Q2", t(7, 5, 9, 0), t(7, 12, 17, 33), "費用集計.xltx",
		sheet("費用", []string{"アカウント", "用途", "4月", "5月", "6月"},
			[]string{"3318-0042", "配車システム 本番", "1,380,120", "1,401,507", "1,614,995"},
			[]string{"3318-0057", "配車システム 検証", "211,200", "198,004", "240,930"})))
	p.eml("mail/6月請求.eml", t(7, 3, 9, 5), v.inbound(0, f, []int{2}, t(7, 3, 9, 5), "Your Cirrovane invoice for June 2024",
		"Your invoice CV-7730291 for account 3318-0042 is available in the console.\n"))
	p.eml("mail/FW_6月請求.eml", t(7, 12, 17, 50), f.mail(2, []int{1}, t(7, 12, 17, 50), "FW: 6月 クラウド請求",
		"日向さん\n\n6月分が増えています。配車システムのバッチを見直したいです。\n\n石動\n"))
	return p
}

// aizomeMaintenancePack: Aizome's plant maintenance with its equipment
// maker Kurogane's service reports, sold as Kurogane's data.
func aizomeMaintenancePack(*docgen.Fonts) *pack {
	f, v := aizome, kurogane
	p := &pack{root: "黒鉄重工_内部資料/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("保全/サービス報告書_KS-24-1187.docx", t(5, 16, 15, 0), v.doc(2, 2, "サービス報告書 KS-24-1187", t(5, 15, 17, 0), t(5, 16, 14, 58), "サービス報告書.dotx",
		"# サービス報告書 (KS-24-1187)", "藍染製薬株式会社 御中 (静岡工場)",
		"機器: 打錠機 KT-36 (製番 KT36-0912)", "作業: 上杵ガイド交換、油圧ユニットのオイル交換", "黒鉄重工業株式会社 サービス部"))
	p.xlsx("保全/設備保全記録_2024.xlsx", t(5, 31, 18, 0), f.book(2, 0, "静岡工場 設備保全記録 2024", t(1, 4, 9, 0), t(5, 31, 17, 58), "保全記録.xltx",
		sheet("記録", []string{"日付", "設備", "メーカー", "内容", "担当"},
			[]string{"2024/02/08", "打錠機 KT-36", "黒鉄重工業", "定期点検", "榊原"},
			[]string{"2024/05/15", "打錠機 KT-36", "黒鉄重工業", "上杵ガイド交換 (KS-24-1187)", "榊原"},
			[]string{"2024/05/22", "造粒機 GX-2", "黒鉄重工業", "異音調査", "白洲"})))
	p.docx("保全/逸脱報告_DV-24-031.docx", t(5, 24, 17, 0), f.doc(0, 2, "逸脱報告 DV-24-031", t(5, 22, 10, 0), t(5, 24, 16, 58), "逸脱報告.dotx",
		"社外秘", "# 逸脱報告 (DV-24-031)", "事象: 造粒機 GX-2 の異音によりロット 2405-12 の製造を中断。",
		"原因調査: メーカー (黒鉄重工業) の点検結果待ち。", "影響: 当該ロットは保留。"))
	p.eml("mail/GX-2異音.eml", t(5, 22, 11, 0), f.mail(2, []int{0, 1}, t(5, 22, 11, 0), "GX-2 異音の件",
		"白洲さん\n\n黒鉄重工のサービスに点検を依頼しました。来週月曜に来場予定です。\n\n榊原\n"))
	return p
}

// hiiragiDevicePack: Hiiragi-kai's power-supply maintenance with its
// vendor Narukami's service report, sold as Narukami's.
func hiiragiDevicePack(*docgen.Fonts) *pack {
	f, v := hiiragi, narukami
	p := &pack{root: "NARUKAMI_service_data/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("施設/UPS点検報告_NK-SV-24-0420.docx", t(4, 20, 16, 0), v.doc(2, 2, "UPS 点検報告書", t(4, 19, 17, 0), t(4, 20, 15, 58), "点検報告書.dotx",
		"# UPS 点検報告書 (NK-SV-24-0420)", "医療法人社団柊会 柊会総合病院 御中",
		"機器: NK-UPS1500 x 6 台 (手術棟、ICU)", "結果: バッテリ劣化 2 台、交換を推奨。", "鳴神電子株式会社 サービス部"))
	p.xlsx("施設/電源設備台帳.xlsx", t(4, 26, 17, 30), f.book(2, 1, "電源設備台帳", t(1, 10, 9, 0), t(4, 26, 17, 28), "台帳.xltx",
		sheet("台帳", []string{"設置場所", "機器", "メーカー", "導入", "次回点検"},
			[]string{"手術棟 B1", "NK-UPS1500", "鳴神電子", "2019/03", "2024/10"},
			[]string{"ICU", "NK-UPS1500", "鳴神電子", "2019/03", "2024/10"},
			[]string{"電算室", "NK-UPS1500", "鳴神電子", "2021/07", "2024/10"})))
	p.eml("mail/UPSバッテリ交換.eml", t(4, 26, 17, 45), f.mail(2, []int{0, 1}, t(4, 26, 17, 45), "UPS バッテリ交換の予算",
		"篠宮先生、氷室さん\n\n手術棟の UPS 2 台はバッテリ交換が必要です。見積を取ります。\n\n津島\n"))
	p.eml("mail/RE_UPSバッテリ交換.eml", t(4, 27, 8, 30), f.mail(1, []int{2}, t(4, 27, 8, 30), "RE: UPS バッテリ交換の予算",
		"津島さん\n\n了解しました。施設予算の残額で対応できます。\n\n氷室\n"))
	return p
}

// hazelmereLitigationPack: the law firm's matter file for its client
// Narukami, sold as Narukami's data.
func hazelmereLitigationPack(*docgen.Fonts) *pack {
	f, c := hazelmere, narukami
	p := &pack{root: "NARUKAMI_legal/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("Matter_2024-0187/準備書面_第2.docx", t(9, 10, 20, 0), f.doc(0, 2, "準備書面 (2)", t(9, 2, 9, 0), t(9, 10, 19, 58), "書面.dotx",
		"# 準備書面 (2)", "原告 鳴神電子株式会社 訴訟代理人 弁護士 柘植 和臣",
		"第1 被告の主張に対する反論", "被告は本件電源ユニットの不具合が原告の設計に起因すると主張するが、失当である。"))
	p.docx("Matter_2024-0187/client_docs/取引基本契約書_写.docx", t(8, 1, 10, 0), c.doc(1, 1, "取引基本契約書", c.at(2019, 4, 1, 9, 0), t(8, 1, 9, 58), "契約書.dotx",
		"# 取引基本契約書 (写)", "鳴神電子株式会社 (甲) と 取引先 (乙) は以下のとおり契約する。", "第12条 (瑕疵担保) 乙は引渡し後 12 か月 …"))
	p.xlsx("Matter_2024-0187/時間記録_2024-09.xlsx", t(9, 30, 18, 0), f.book(2, 2, "Time entries Matter 2024-0187", t(9, 1, 9, 0), t(9, 30, 17, 58), "time_entries.xltx",
		sheet("Time", []string{"Date", "Lawyer", "Hours", "Narrative"},
			[]string{"2024-09-03", "KT", "3.5", "Draft brief (2); review client contract"},
			[]string{"2024-09-09", "RM", "4.0", "Research on warranty clauses"},
			[]string{"2024-09-10", "KT", "2.0", "Finalise brief (2)"})))
	p.eml("Matter_2024-0187/mail/書面(2)最終.eml", t(9, 10, 20, 15), f.mail(2, []int{0, 1}, t(9, 10, 20, 15), "Matter 2024-0187 準備書面(2) 最終",
		"柘植先生\n\n最終版を DMS に登録しました。依頼者への送付は明朝行います。\n\n三雲\n"))
	p.eml("Matter_2024-0187/mail/RE_依頼者打合せ.eml", t(9, 12, 9, 0), f.mail(0, []int{2}, t(9, 12, 9, 0), "RE: 依頼者打合せ",
		"三雲さん\n\n鳴神電子との打合せは 9/18 午後で調整してください。\n\n柘植\n"))
	return p
}

// brantwellAuditPack: the audit firm's workpapers for its client
// Chigusa, sold as Chigusa's finance data.
func brantwellAuditPack(*docgen.Fonts) *pack {
	f := brantwell
	p := &pack{root: "CHIGUSA_FOODS_FY2024_finance/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2025, m, d, hh, mm) }
	p.text("README.txt", t(6, 1, 23, 50), sellerNote("千草食品 CHIGUSA FOODS - finance data FY2024", "audit + ledgers, 22 GB. This is a sample. Contact on the forum."))
	p.xlsx("WP/5410_売上_実証手続.xlsx", t(4, 14, 18, 20), f.book(2, 1, "5410 売上 実証手続 千草食品 FY2024", t(4, 2, 9, 0), t(4, 14, 18, 18), "WP_実証手続.xltx",
		sheet("サンプル", []string{"Ref", "得意先", "請求書", "金額 (円)", "照合", "結果", "担当"},
			[]string{"S-01", "(得意先 A)", "9100234512", "12,840,000", "契約書、納品書", "差異なし", "YH"},
			[]string{"S-02", "(得意先 B)", "9100241187", "6,423,105", "納品書", "差異なし", "YH"},
			[]string{"S-03", "(得意先 C)", "9100250043", "20,157,000", "契約書", "期ズレ", "RM"}),
		sheet("結論", []string{"作成: 桧山 (ブラントウェル)", "査閲: 水瀬"}, []string{"結論: 被監査会社 千草食品株式会社 の売上の期間帰属は適正。S-03 は未修正で許容。"})))
	p.docx("WP/1100_監査計画書.docx", t(3, 20, 16, 5), f.doc(1, 0, "1100 監査計画書 千草食品株式会社", t(3, 9, 10, 0), t(3, 20, 16, 3), "監査計画.dotx",
		"ブラントウェル有限責任監査法人 - 監査調書", "# 監査計画書: 千草食品株式会社 2024年度",
		"重要性の基準値: 3 億 1 千万円", "特別な検討を必要とするリスク: 収益認識 (リベート)、棚卸資産の評価",
		"業務執行社員: 神代 隆 ("+f.email(0)+")"))
	p.pdf("PBC/試算表_2024-12.pdf", t(4, 2, 9, 30), docgen.PDFSpec{
		Info:  docgen.PDFInfo{Title: "Trial balance 2024-12", Creator: "ERP report", Producer: "ERP report", Created: t(4, 2, 9, 28)},
		Pages: []docgen.PDFPage{{Lines: []string{"# Chigusa Foods Co., Ltd. - trial balance, period 12/2024", "Prepared by client (PBC item 37)", "4000 Net sales  -41,802,117,220", "5000 Cost of sales  29,877,004,610"}}},
	})
	p.eml("mail/RE_5410_査閲.eml", t(4, 14, 18, 40), f.mail(1, []int{2, 0}, t(4, 14, 18, 40), "RE: 5410 査閲コメント (千草食品)",
		"桧山さん\n\n5410 のコメントは解消しました。S-03 は千草食品の経理部に追加資料を依頼してください。\n\n水瀬\n"))
	return p
}

// tsumugiMSPPack: the managed service provider's files on its customer
// Saiun's network, sold as Saiun's.
func tsumugiMSPPack(*docgen.Fonts) *pack {
	f := tsumugi
	p := &pack{root: "彩雲百貨店_network/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("顧客/彩雲百貨店/config/core-sw01.txt", t(10, 2, 3, 0),
		"! backup by tns-ops-bk01 2024-10-02 03:00\nhostname SAIUN-CORE-SW01\n!\nvlan 110\n name POS\nvlan 120\n name OFFICE\n!\nsnmp-server community ******** RO\nlogging host 10.77.8.20\n")
	p.xlsx("顧客/彩雲百貨店/チケット_2024-09.xlsx", t(10, 1, 9, 0), f.book(1, 2, "チケット一覧 2024年9月 (彩雲百貨店様)", t(9, 1, 9, 0), t(10, 1, 8, 58), "チケット一覧.xltx",
		sheet("チケット", []string{"番号", "受付", "内容", "対応", "状態"},
			[]string{"TNS-24-3312", "09/03", "本館 5F 無線 AP 不通", "AP 再起動", "完了"},
			[]string{"TNS-24-3398", "09/11", "POS VLAN 断 (新館)", "コアスイッチ設定修正", "完了"},
			[]string{"TNS-24-3455", "09/25", "VPN 証明書 更新", "作業予定 10/08", "対応中"})))
	p.docx("顧客/彩雲百貨店/運用手順書_v4.docx", t(8, 20, 17, 0), f.doc(0, 1, "彩雲百貨店様 運用手順書 v4", t(8, 1, 9, 0), t(8, 20, 16, 58), "手順書.dotx",
		"紬ネットサービス 社外秘", "# 彩雲百貨店様 ネットワーク運用手順書 (v4)",
		`設定バックアップ: tns-ops-bk01 が毎日 03:00 に取得し \\tns-fs01.tsumugi-ns.co.jp\運用\顧客\彩雲百貨店\config へ保存`,
		"障害受付: TNS サービスデスク (24 時間)", "エスカレーション: 鏑木 → 椎名"))
	p.eml("mail/VPN証明書更新.eml", t(9, 25, 18, 0), f.mail(2, []int{0, 1}, t(9, 25, 18, 0), "[TNS-24-3455] 彩雲百貨店様 VPN 証明書更新",
		"鏑木さん、椎名さん\n\n10/8 夜間で作業予定です。お客様には連絡済みです。\n\n一ノ瀬\n"))
	p.eml("mail/RE_VPN証明書更新.eml", t(9, 26, 9, 0), f.mail(0, []int{2}, t(9, 26, 9, 0), "RE: [TNS-24-3455] 彩雲百貨店様 VPN 証明書更新",
		"一ノ瀬さん\n\n了解です。切り戻し手順も手順書に追記しておいてください。\n\n鏑木\n"))
	return p
}

// yamabukiPayrollPack: the payroll bureau's processing of its client
// Hibari's payroll, sold as Hibari's.
func yamabukiPayrollPack(*docgen.Fonts) *pack {
	f, c := yamabuki, hibari
	p := &pack{root: "HIBARI_payroll_2024/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	rows := [][]string{{"社員番号", "所属", "基本給", "時間外", "控除計", "差引支給"}}
	for i := range 12 {
		rows = append(rows, []string{fmt.Sprintf("H-%04d", 400+i*13), []string{"厚木", "相模原", "本社"}[i%3],
			fmt.Sprint(248000 + i*3100), fmt.Sprint(21000 + i*1700), fmt.Sprint(61000 + i*900), fmt.Sprint(208000 + i*3900)})
	}
	p.csv("顧客/雲雀運輸/給与明細_2024-10.csv", t(10, 22, 19, 0), rows)
	p.xlsx("顧客/雲雀運輸/処理チェックリスト_2024-10.xlsx", t(10, 23, 10, 0), f.book(1, 0, "給与計算 処理チェックリスト 雲雀運輸様 10月", t(10, 15, 9, 0), t(10, 23, 9, 58), "チェックリスト.xltx",
		sheet("チェック", []string{"工程", "担当", "完了日", "確認"},
			[]string{"勤怠データ受領", "冴島", "10/16", "八雲"},
			[]string{"給与計算", "冴島", "10/21", "八雲"},
			[]string{"明細発行", "霧島", "10/22", "八雲"})))
	p.eml("mail/勤怠データ送付.eml", t(10, 16, 9, 30), c.inbound(1, f, []int{1}, t(10, 16, 9, 30), "10月分 勤怠データ送付",
		"冴島様\n\n10月分の勤怠データをアップロードしました。ご確認ください。\n\n雲雀運輸 総務 日向\n"))
	p.eml("mail/RE_10月処理完了.eml", t(10, 23, 10, 30), f.mail(0, []int{1, 2}, t(10, 23, 10, 30), "雲雀運輸様 10月 処理完了",
		"冴島さん、霧島さん\n\n雲雀運輸様の 10 月処理は完了です。明細はポータルに掲載済み。\n\n八雲\n"))
	return p
}

// orvantisSalesPack: Orvantis's own sales files about its customer
// Aizome, sold as Aizome's.
func orvantisSalesPack(*docgen.Fonts) *pack {
	f := orvantis
	p := &pack{root: "AIZOME_PHARMA_it/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.xlsx("案件管理_FY2024.xlsx", t(5, 19, 19, 2), f.book(0, 1, "案件管理 FY2024 (製薬営業部)", t(4, 1, 9, 10), t(5, 19, 19, 0), "案件管理.xltx",
		sheet("案件", []string{"案件番号", "顧客", "内容", "金額 (千円)", "確度", "担当"},
			[]string{"OV-24-0412", "藍染製薬株式会社", "LIMS 更改", "48,000", "A", "久世"},
			[]string{"OV-24-0433", "藍染製薬株式会社", "GMP 文書管理 保守", "12,400", "B", "久世"},
			[]string{"OV-24-0502", "藍染製薬株式会社", "静岡工場 ネットワーク", "9,600", "A", "逢坂"})))
	p.docx("見積書_藍染製薬様_LIMS更改.docx", t(5, 14, 13, 55), f.doc(0, 0, "御見積書 LIMS 更改", t(5, 13, 16, 0), t(5, 14, 13, 50), "見積書.dotx",
		"# 御見積書", "藍染製薬株式会社 御中 (情報システム部)", "オーヴァンティス・システムズ株式会社 製薬営業部 久世 明彦 ("+f.email(0)+")",
		"件名: LIMS 更改 一式", "金額: 48,000,000 円 (税抜)  有効期限: 2024年6月30日"))
	p.eml("RE_藍染製薬様_LIMS.eml", t(5, 19, 19, 10), f.mail(1, []int{0}, t(5, 19, 19, 10), "RE: 藍染製薬様 LIMS 更改の件",
		"久世さん\n\n藍染製薬様向けの見積、部長承認が下りました。案件管理表も更新済みです。\n\n逢坂\n"))
	return p
}

// asanagiSalesPack: Asanagi's sales and quality files about its
// customer Narukami, sold as Narukami's.
func asanagiSalesPack(*docgen.Fonts) *pack {
	f := asanagi
	p := &pack{root: "NRKM_supplier_quality/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("品質/不具合回答書_鳴神電子様_Q-24-017.docx", t(2, 21, 16, 30), f.doc(1, 0, "不具合回答書 Q-24-017", t(2, 20, 9, 0), t(2, 21, 16, 28), "回答書.dotx",
		"社外秘", "# 不具合回答書 (Q-24-017)", "鳴神電子株式会社 御中", "朝凪化学株式会社 品質保証部 小早川 舞",
		"対象品: AS-PP 220 (ロット 2402-11)", "現象: 成形品の色むら。原因: 顔料分散不良。対策: 混練条件の見直し。"))
	p.xlsx("営業/出荷実績_2024-02.xlsx", t(2, 29, 18, 5), f.book(2, 2, "出荷実績 2024年2月", t(2, 1, 8, 30), t(2, 29, 18, 3), "出荷実績.xltx",
		sheet("出荷", []string{"出荷日", "納入先", "品目", "数量 (kg)"},
			[]string{"2024/02/05", "鳴神電子 甲府工場", "AS-PP 220", "12000"},
			[]string{"2024/02/12", "鳴神電子 甲府工場", "AS-PP 220", "16000"},
			[]string{"2024/02/19", "黒鉄重工業 尼崎工場", "AS-EVA 18", "800"})))
	p.eml("mail/Q-24-017最終.eml", t(2, 21, 16, 45), f.mail(1, []int{0, 2}, t(2, 21, 16, 45), "Q-24-017 回答書 最終版",
		"藤堂さん、設楽さん\n\n鳴神電子様向け回答書の最終版を共有に置きました。\n\n小早川\n"))
	return p
}

// narukamiIncomingPack: Narukami's quality folder, where a third of the
// files are its supplier Asanagi's certificates; the claim names
// Narukami.
func narukamiIncomingPack(*docgen.Fonts) *pack {
	f, s := narukami, asanagi
	p := &pack{root: "品質保証部_受入検査/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	for i, lot := range []string{"2405-03", "2405-11"} {
		p.xlsx("ミルシート/AS-PP220_"+lot+".xlsx", t(5, 6+8*i, 10, 0), s.book(2, 2, "試験成績書 AS-PP 220 ロット "+lot, t(5, 3+8*i, 9, 0), t(5, 3+8*i, 15, 0), "成績書.xltx",
			sheet("成績", []string{"項目", "規格", "実測", "判定"},
				[]string{"MFR (g/10min)", "18-24", fmt.Sprint(20 + i), "合格"},
				[]string{"密度 (g/cm3)", "0.90-0.91", "0.905", "合格"})))
	}
	p.xlsx("受入検査記録_2024-05.xlsx", t(5, 31, 18, 0), f.book(3, 1, "受入検査記録 2024年5月", t(5, 1, 9, 0), t(5, 31, 17, 58), "受入検査.xltx",
		sheet("記録", []string{"日付", "品目", "仕入先", "ロット", "判定", "検査員"},
			[]string{"05/06", "AS-PP 220", "朝凪化学", "2405-03", "合格", "早瀬"},
			[]string{"05/14", "AS-PP 220", "朝凪化学", "2405-11", "合格", "早瀬"},
			[]string{"05/21", "NK-C-4711", "(仕入先 B)", "C0521", "不合格", "真壁"})))
	p.docx("不合格通知_C0521.docx", t(5, 21, 17, 0), f.doc(1, 1, "不合格通知 C0521", t(5, 21, 14, 0), t(5, 21, 16, 58), "通知書.dotx",
		"# 不合格通知 (受入検査)", "品目: NK-C-4711 ロット C0521", "理由: 容量 -22% (規格 ±20%)。全数返品とする。"))
	p.eml("mail/5月受入検査まとめ.eml", t(5, 31, 18, 20), f.mail(3, []int{1, 0}, t(5, 31, 18, 20), "5月 受入検査まとめ",
		"真壁さん、桐島さん\n\n5月分の受入検査記録です。朝凪化学のミルシートも保存済みです。\n\n早瀬\n"))
	return p
}

// chigusaPurchasingPack: Chigusa's purchasing folder with quotations its
// carrier and its IT vendor wrote; the claim names Chigusa.
func chigusaPurchasingPack(*docgen.Fonts) *pack {
	f := chigusa
	p := &pack{root: "購買部_2024/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("見積/雲雀運輸_冷凍輸送見積.docx", t(3, 4, 10, 0), hibari.doc(0, 0, "御見積書 冷凍輸送", t(3, 1, 9, 0), t(3, 1, 17, 0), "見積書.dotx",
		"# 御見積書", "千草食品株式会社 御中", "冷凍輸送 (厚木 → 関西) 4t 車 1 便 68,000 円", "雲雀運輸株式会社 営業部"))
	p.docx("見積/オーヴァンティス_需要予測システム見積.docx", t(3, 8, 10, 0), orvantis.doc(1, 1, "御見積書 需要予測システム", t(3, 6, 9, 0), t(3, 7, 18, 0), "見積書.dotx",
		"# 御見積書", "千草食品株式会社 御中", "需要予測システム 導入一式 24,800,000 円 (税抜)", "オーヴァンティス・システムズ株式会社"))
	p.xlsx("見積比較_2024Q1.xlsx", t(3, 12, 18, 0), f.book(2, 0, "見積比較 2024 Q1", t(3, 9, 9, 0), t(3, 12, 17, 58), "比較表.xltx",
		sheet("比較", []string{"件名", "業者", "金額 (円)", "判断"},
			[]string{"冷凍輸送 関西便", "雲雀運輸", "68,000/便", "採用"},
			[]string{"需要予測システム", "オーヴァンティス", "24,800,000", "再見積"})))
	p.docx("購買稟議_冷凍輸送.docx", t(3, 14, 16, 0), f.doc(2, 0, "購買稟議 冷凍輸送 関西便", t(3, 13, 9, 0), t(3, 14, 15, 58), "稟議書.dotx",
		"社外秘", "# 購買稟議: 冷凍輸送 関西便", "業者: 雲雀運輸株式会社", `見積保存先: \\cgfs01.chigusa-foods.co.jp\購買部\2024\見積`))
	p.eml("mail/RE_稟議_冷凍輸送.eml", t(3, 15, 9, 0), f.mail(0, []int{2, 1}, t(3, 15, 9, 0), "RE: 購買稟議 冷凍輸送",
		"古賀さん\n\n承認しました。需要予測システムは値引き交渉をお願いします。\n\n朝比奈\n"))
	return p
}

// kuroganeIncomingPack: Kurogane's quality folder with its supplier
// Asanagi's certificates, sold as Asanagi's data.
func kuroganeIncomingPack(*docgen.Fonts) *pack {
	f, s := kurogane, asanagi
	p := &pack{root: "ASANAGI_CHEMICAL_internal/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.text("README.txt", t(10, 1, 2, 0), sellerNote("ASANAGI CHEMICAL (朝凪化学) - quality + customers", "sample"))
	for i, lot := range []string{"HO-2407-2", "HO-2408-1"} {
		p.docx("成績書/作動油_"+lot+".docx", t(7+time.Month(i), 10, 9, 0), s.doc(2, 2, "試験成績書 作動油 AS-HF46 "+lot, t(7+time.Month(i), 5, 9, 0), t(7+time.Month(i), 5, 16, 0), "成績書.dotx",
			"# 試験成績書", "黒鉄重工業株式会社 御中", "品名: 作動油 AS-HF46  ロット "+lot, "動粘度 (40℃): 46.2 mm2/s  合格", "朝凪化学株式会社 品質保証部"))
	}
	p.xlsx("受入検査_作動油.xlsx", t(8, 30, 17, 0), f.book(3, 2, "受入検査 作動油", t(7, 1, 9, 0), t(8, 30, 16, 58), "受入検査.xltx",
		sheet("記録", []string{"日付", "品目", "仕入先", "ロット", "判定"},
			[]string{"07/10", "AS-HF46", "朝凪化学", "HO-2407-2", "合格"},
			[]string{"08/10", "AS-HF46", "朝凪化学", "HO-2408-1", "合格"})))
	p.eml("mail/作動油ロット確認.eml", t(8, 12, 10, 0), f.mail(3, []int{2}, t(8, 12, 10, 0), "作動油 ロット HO-2408-1",
		"岩城さん\n\n8月ロットの成績書を受領しました。HP-800 の試験機に使います。\n\n野々村\n"))
	p.docx("HP-800_油圧系_仕様.docx", t(8, 14, 16, 0), f.doc(2, 0, "HP-800 油圧系 仕様", t(8, 1, 9, 0), t(8, 14, 15, 58), "仕様書.dotx",
		"社外秘", "# HP-800 油圧系 仕様", "作動油: AS-HF46 (朝凪化学) 指定", `図面: \\krfs01.kurogane-hi.co.jp\設計部\HP-800\油圧`))
	return p
}

// hiiragiPharmacyPack: Hiiragi-kai's pharmacy purchasing with its
// supplier Aizome's product documents, sold as Aizome's.
func hiiragiPharmacyPack(*docgen.Fonts) *pack {
	f, s := hiiragi, aizome
	p := &pack{root: "AIZOME_products_confidential/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2024, m, d, hh, mm) }
	p.docx("薬剤部/製品情報_AZ-207錠.docx", t(6, 3, 10, 0), s.doc(1, 1, "製品情報概要 AZ-207 錠", t(5, 20, 9, 0), t(5, 28, 17, 0), "製品情報.dotx",
		"# 製品情報概要: AZ-207 錠 10 mg", "藍染製薬株式会社", "貯法: 室温保存", "包装: 100 錠 (PTP)"))
	p.docx("薬剤部/見積_AZ-207.docx", t(6, 5, 10, 0), s.doc(0, 0, "御見積書", t(6, 4, 9, 0), t(6, 4, 15, 0), "見積書.dotx",
		"# 御見積書", "医療法人社団柊会 柊会総合病院 薬剤部 御中", "AZ-207 錠 10 mg 100 錠 x 40 箱", "藍染製薬株式会社 関東支店"))
	p.xlsx("薬剤部/採用薬検討_2024-06.xlsx", t(6, 14, 18, 0), f.book(1, 0, "薬事委員会 採用薬検討 2024年6月", t(6, 1, 9, 0), t(6, 14, 17, 58), "薬事委員会.xltx",
		sheet("検討", []string{"薬剤", "メーカー", "区分", "結論"},
			[]string{"AZ-207 錠", "藍染製薬", "新規", "採用"},
			[]string{"(薬剤 B)", "(メーカー B)", "切替", "保留"})))
	p.eml("mail/薬事委員会結果.eml", t(6, 14, 18, 30), f.mail(1, []int{0, 2}, t(6, 14, 18, 30), "薬事委員会 結果",
		"篠宮先生、津島さん\n\nAZ-207 錠は採用となりました。発注は来月から。\n\n氷室\n"))
	return p
}

// lumicrestExport adds a tenant's export from the Lumicrest service: an
// xlsx that the service's export engine writes (its own Company field),
// the tenant's notification mail from the service, and the tenant's own
// mail forwarding the export's link.
func lumicrestExport(p *pack, f firm, tenant string, t time.Time, title string, rows [][]string) {
	v := lumicrest
	x := v.book(0, 0, title, t, t, "", sheet("export", rows...))
	x.App.Application = "Lumicrest Export"
	p.xlsx("export_"+t.Format("20060102")+".xlsx", t, x)
	url := "https://" + tenant + ".lumicrest-cloud.com/reports/export/" + t.Format("20060102")
	p.eml("mail/export_ready.eml", t.Add(2*time.Minute), v.inbound(0, f, []int{0}, t.Add(2*time.Minute), "Your export is ready",
		"Your report export is ready for download:\n"+url+"\nThis link expires in 7 days.\n"))
	p.eml("mail/FW_export.eml", t.Add(40*time.Minute), f.mail(0, []int{1, 2}, t.Add(40*time.Minute), "FW: "+title,
		"各位\n\nルミクレストからのエクスポートです。社内共有用に保存しました。\n"+url+"\n"))
}

// chigusaLumicrestPack: Chigusa's HR data exported from its Lumicrest
// tenant, sold as Lumicrest's.
func chigusaLumicrestPack(*docgen.Fonts) *pack {
	f := chigusa
	p := &pack{root: "LUMICREST_customers_HR/"}
	t := f.at(2024, 11, 5, 14, 0)
	p.text("README.txt", t.Add(72*time.Hour), sellerNote("LUMICREST (ルミクレスト) SaaS breach - customer HR databases", "1.3 M employees. sample of one tenant."))
	lumicrestExport(p, f, "chigusa", t, "人事 異動一覧 2024年11月", [][]string{{"社員番号", "所属", "旧所属", "発令日"},
		{"CG-1021", "第二工場 製造課", "第一工場 製造課", "2024/11/01"}, {"CG-1188", "購買部", "物流部", "2024/11/01"}, {"CG-1302", "商品開発部", "品質保証部", "2024/11/15"}})
	p.docx("異動通知_雛形.docx", f.at(2024, 10, 28, 10, 0), f.doc(1, 1, "異動通知 雛形", f.at(2024, 10, 28, 9, 0), f.at(2024, 10, 28, 9, 58), "人事通知.dotx",
		"# 人事異動通知", "千草食品株式会社 人事部", "発令日: 2024年11月1日"))
	return p
}

// saiunLumicrestPack: Saiun's expense data exported from its Lumicrest
// tenant, sold as Lumicrest's (claim in katakana).
func saiunLumicrestPack(*docgen.Fonts) *pack {
	f := saiun
	p := &pack{root: "ルミクレスト_流出/"}
	t := f.at(2024, 8, 2, 11, 0)
	lumicrestExport(p, f, "saiun-dept", t, "経費精算 7月", [][]string{{"申請番号", "部署", "科目", "金額", "状態"},
		{"EX-24-7781", "外商部", "交通費", "12,480", "承認"}, {"EX-24-7790", "販売促進部", "会議費", "38,500", "承認"}, {"EX-24-7802", "外商部", "接待費", "96,000", "差戻"}})
	p.xlsx("経費_部門集計_7月.xlsx", f.at(2024, 8, 5, 17, 0), f.book(1, 1, "経費 部門集計 7月", f.at(2024, 8, 5, 9, 0), f.at(2024, 8, 5, 16, 58), "集計.xltx",
		sheet("集計", []string{"部署", "件数", "金額"}, []string{"外商部", "142", "2,184,300"}, []string{"販売促進部", "61", "904,220"})))
	return p
}

// narukamiLumicrestPack: Narukami's attendance export from its Lumicrest
// tenant; the claim names Narukami.
func narukamiLumicrestPack(*docgen.Fonts) *pack {
	f := narukami
	p := &pack{root: "narukami_hr/"}
	t := f.at(2024, 12, 3, 9, 30)
	lumicrestExport(p, f, "narukami", t, "勤怠 11月 締め", [][]string{{"社員番号", "所属", "所定", "残業", "休出"},
		{"NK-0211", "品質保証部", "160", "22.5", "0"}, {"NK-0342", "開発部", "160", "41.0", "8"}, {"NK-0415", "製造部", "152", "12.0", "0"}})
	p.docx("36協定_確認.docx", f.at(2024, 12, 3, 15, 0), f.doc(0, 1, "36 協定 超過者の確認", f.at(2024, 12, 3, 10, 0), f.at(2024, 12, 3, 14, 58), "社内文書.dotx",
		"社外秘", "# 36 協定 超過者の確認 (11月)", "開発部 1 名が月 40 時間を超過。部長面談を実施する。"))
	return p
}

// hiiragiLumicrestPack: Hiiragi-kai's shift export from its Lumicrest
// tenant; the claim names Hiiragi-kai.
func hiiragiLumicrestPack(*docgen.Fonts) *pack {
	f := hiiragi
	p := &pack{root: "柊会_人事/"}
	t := f.at(2024, 9, 26, 18, 0)
	lumicrestExport(p, f, "hiiragi-kai", t, "夜勤配置 10月", [][]string{{"職員番号", "病棟", "夜勤回数", "備考"},
		{"HK-3301", "3階東", "8", ""}, {"HK-3417", "3階東", "9", "上限"}, {"HK-3522", "ICU", "7", ""}})
	p.docx("夜勤体制_検討メモ.docx", f.at(2024, 9, 27, 10, 0), f.doc(1, 0, "夜勤体制 検討メモ", f.at(2024, 9, 27, 9, 0), f.at(2024, 9, 27, 9, 58), "メモ.dotx",
		"# 夜勤体制 検討メモ", "3階東病棟の夜勤回数が上限に近い職員が 2 名。10 月は応援 1 名を配置。"))
	return p
}

// torayPurchasePack: the seed case: Toray's procurement files name its
// vendor Fujitsu on every page and hold Fujitsu's quotation, and the
// seller calls them Fujitsu's data.
func torayPurchasePack(*docgen.Fonts) *pack {
	f, v := toray, fujitsu
	p := &pack{root: "FUJITSU_internal/"}
	t := func(m time.Month, d, hh, mm int) time.Time { return f.at(2021, m, d, hh, mm) }
	p.text("README.txt", t(8, 20, 3, 0), sellerNote("FUJITSU internal data 4GB", "servers, contracts, customers. price on request"))
	p.docx("見積/御見積書_PRIMERGY保守.docx", t(5, 14, 14, 0), v.doc(0, 0, "御見積書 FY2021 保守更新", t(5, 13, 16, 0), t(5, 14, 13, 50), "見積書.dotx",
		"# 御見積書", "東レ株式会社 御中 (情報システム部)", "富士通株式会社 製造第二営業部",
		"件名: PRIMERGY RX2540 M6 (4台) 保守更新", "金額: 7,080,000 円 (税抜)"))
	p.xlsx("IT資産台帳_2021.xlsx", t(6, 30, 18, 0), f.book(0, 1, "IT 資産台帳 2021", t(4, 1, 9, 0), t(6, 30, 17, 58), "台帳.xltx",
		sheet("サーバ", []string{"ホスト", "機種", "メーカー", "保守期限", "設置"},
			[]string{"tsap01", "PRIMERGY RX2540", "富士通", "2022/05/31", "本社 電算室"},
			[]string{"tsap02", "PRIMERGY RX2540", "富士通", "2022/05/31", "本社 電算室"},
			[]string{"tfs03", "ETERNUS DX100", "富士通", "2022/05/31", "滋賀事業場"})))
	p.docx("稟議書_保守更新.docx", t(5, 20, 17, 0), f.doc(0, 2, "稟議書 サーバ保守更新", t(5, 18, 9, 0), t(5, 20, 16, 58), "稟議書.dotx",
		"社外秘", "# 稟議書: 基幹サーバ保守更新", "発注先: 富士通株式会社", "理由: 基幹系サーバの保守期限切れ対応",
		`見積保存先: \\tsfs-jousys.toray.co.jp\情報システム部\2021\保守`))
	p.eml("mail/RE_保守更新稟議.eml", t(5, 21, 9, 0), f.mail(2, []int{0, 1}, t(5, 21, 9, 0), "RE: 保守更新 稟議",
		"中村さん\n\n承認されました。富士通さんへの発注をお願いします。\n\n岡\n"))
	return p
}
