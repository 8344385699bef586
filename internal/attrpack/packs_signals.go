package attrpack

import (
	"image"
	"image/color"
	"net/mail"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// blankPDF is a PDF with no Info fields at all and text that names nobody.
func blankPDF(lines ...string) docgen.PDFSpec {
	return docgen.PDFSpec{Pages: []docgen.PDFPage{{Lines: lines}}}
}

// thinPack: almost no signals.
func thinPack(fonts *docgen.Fonts) *pack {
	p := &pack{root: "files/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2023, time.Month(m), d, hh, mm) }
	p.pdf("report_q2.pdf", t(7, 10, 9, 0), blankPDF(
		"# Quarterly figures", "Sales grew 4.2 % over the previous quarter.", "Inventory: 312 units.", "Next review in October."))
	p.pdf("minutes.pdf", t(7, 12, 14, 30), blankPDF(
		"# Meeting notes", "Attendees: section heads.", "1. Budget for the second half approved.", "2. Office move postponed."))
	p.pdf("scan_0017.pdf", t(7, 13, 11, 15), blankPDF(
		"# Checklist", "[x] backup verified", "[x] licences renewed", "[ ] fire drill"))
	p.screenshotPNG("screen1.png", t(7, 14, 10, 2), docgen.ScreenshotSpec{
		Fonts: fonts, Width: 1024, Height: 640,
		WindowTitle: "Sign in - Microsoft Edge",
		Address:     "https://192.168.10.20/login",
		Heading:     "Sign in",
		Lines:       []string{"User name", "Password", "Remember me on this computer"},
		Status:      "Connected",
		Clock:       []string{"10:02", "2023/07/14"},
	}, "Snipping Tool")
	return p
}

// splitPack: the same papers once from Hitachi and once from Toshiba.
func splitPack(*docgen.Fonts) *pack {
	p := &pack{root: "共同検討_次世代変電/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2022, time.Month(m), d, hh, mm) }
	type side struct {
		dir, company, share, person, mailTo, domain, gw, mbx, ip string
	}
	for i, s := range []side{
		{"日立/", "株式会社日立製作所", `\\hfs-energy.hitachi.co.jp\様式\`, "青木 拓也", "aoki.takuya@hitachi.co.jp", "hitachi.co.jp", "mail.hitachi.co.jp", "mbx07.hitachi.co.jp", "10.41.7.20"},
		{"東芝/", "株式会社東芝", `\\tsfs-energy.toshiba.co.jp\様式\`, "佐野 由香", "sano.yuka@toshiba.co.jp", "toshiba.co.jp", "mail.toshiba.co.jp", "mbx07.toshiba.co.jp", "10.52.7.20"},
	} {
		off := i * 2
		p.docx(s.dir+"検討メモ_第3回.docx", t(5, 10+off, 17, 0), docgen.DocxSpec{
			Core: docgen.CoreProps{Title: "共同検討 第3回 メモ", Creator: s.person, LastModifiedBy: s.person,
				Created: t(5, 9+off, 9, 0), Modified: t(5, 10+off, 16, 58)},
			App: docgen.AppProps{Company: s.company, Template: s.share + "検討メモ.dotx"},
			Paragraphs: []string{
				"# 次世代変電設備 共同検討 第3回 メモ",
				"参加: 日立・東芝 両社 設計担当",
				"1. 保護リレーの通信方式は IEC 61850 で統一する。",
				"2. 試作機の評価項目を次回までに整理する。",
			},
		})
		p.eml(s.dir+"第3回メモ送付.eml", t(5, 10+off, 17, 20), internalMail{
			from: addr(s.person, s.mailTo),
			to:   []mail.Address{addr("設計部", "sekkei@"+s.domain)},
			date: t(5, 10+off, 17, 20), subject: "共同検討 第3回 メモ送付", charset: docgen.CharsetISO2022JP,
			body: "設計部 各位\n\n第3回のメモを共有フォルダに置きました。\n評価項目の案を来週までにお願いします。\n",
			mbx:  s.mbx, mbxIP: s.ip, gw: s.gw,
		}.spec())
	}
	return p
}

// toshibaPack: owner evidence only in document and image metadata.
func toshibaPack(*docgen.Fonts) *pack {
	p := &pack{root: "試験データ/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2022, time.Month(m), d, hh, mm) }
	p.docx("試験結果報告書_TR-0612.docx", t(10, 14, 18, 30), docgen.DocxSpec{
		Core: docgen.CoreProps{Title: "試験結果報告書 TR-0612", Creator: "小川 大輔", LastModifiedBy: "森本 彩",
			Created: t(10, 3, 9, 0), Modified: t(10, 14, 18, 28)},
		App:    docgen.AppProps{Company: "株式会社東芝", Template: `\\tsfs-lab.toshiba.co.jp\templates\試験報告書.dotx`},
		Custom: []docgen.CustomProp{{Name: "作成者メール", Value: "ogawa.daisuke@toshiba.co.jp"}, {Name: "文書番号", Value: "TR-0612"}},
		Paragraphs: []string{
			"# 試験結果報告書 (TR-0612)",
			"試験対象: 昇降機制御盤 試作2号機",
			"試験項目: 絶縁抵抗、耐電圧、温度上昇、ノイズ耐量",
			"結果: 全項目 合格。温度上昇は規格値の 82%。",
			"作成: 小川 大輔  確認: 森本 彩",
		},
	})
	p.xlsx("測定値_TR-0612.xlsx", t(10, 13, 20, 10), docgen.XlsxSpec{
		Core: docgen.CoreProps{Title: "測定値 TR-0612", Creator: "Daisuke Ogawa", LastModifiedBy: "Daisuke Ogawa", Created: t(10, 5, 9, 0), Modified: t(10, 13, 20, 8)},
		App:  docgen.AppProps{Company: "Toshiba Corporation"},
		Sheets: []docgen.Sheet{{Name: "測定", Rows: [][]string{
			{"項目", "測定値", "規格", "判定"},
			{"絶縁抵抗 (MΩ)", "1250", "100以上", "合格"},
			{"耐電圧 (kV, 1分)", "2.5", "2.5", "合格"},
			{"温度上昇 (K)", "41", "50以下", "合格"},
		}}},
	})
	photo, err := docgen.JPEG(benchPhoto(), 82, &docgen.EXIFSpec{
		Make: "SONY", Model: "ILCE-7M3", Software: "ILCE-7M3 v3.10",
		Artist: "Toshiba Corporation", Copyright: "Copyright (C) 2022 Toshiba Corporation",
		DateTime: t(10, 6, 14, 21), DateTimeOriginal: t(10, 6, 14, 21),
	})
	p.image("写真/DSC07731.JPG", t(10, 6, 14, 21), photo, err)
	p.pdf("試験手順.pdf", t(10, 2, 16, 0), docgen.PDFSpec{
		Info: docgen.PDFInfo{Title: "Test procedure TR-0612", Author: "Daisuke Ogawa", Creator: "Microsoft Word", Producer: "Microsoft Word", Created: t(10, 2, 15, 58)},
		Pages: []docgen.PDFPage{{Lines: []string{
			"# Test procedure TR-0612", "1. Insulation resistance at 500 V DC.", "2. Withstand voltage 2.5 kV for one minute.",
			"3. Temperature rise at rated load, four hours.", "4. Noise immunity, 2 kV bursts.",
		}}},
	})
	return p
}

// benchPhoto draws a small photograph-like picture (smooth shading and a
// few shapes, no text) so that the file is an ordinary camera JPEG.
func benchPhoto() image.Image {
	const w, h = 640, 427
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(90 + 80*y/h)
			img.Set(x, y, color.RGBA{v, v - 10, v - 25, 0xff})
		}
	}
	cab := color.RGBA{0xb8, 0xbc, 0xc0, 0xff}
	for y := 90; y < 380; y++ {
		for x := 220; x < 430; x++ {
			s := uint8((x - 220) / 6)
			img.Set(x, y, color.RGBA{cab.R - s, cab.G - s, cab.B - s, 0xff})
		}
	}
	for i, c := range []color.RGBA{{0x20, 0xc0, 0x40, 0xff}, {0xe0, 0xa0, 0x10, 0xff}, {0xd0, 0x20, 0x20, 0xff}} {
		for y := 120; y < 132; y++ {
			for x := 250 + i*30; x < 262+i*30; x++ {
				img.Set(x, y, c)
			}
		}
	}
	return img
}

// kddiPack: owner evidence only in mail headers.
func kddiPack(*docgen.Fonts) *pack {
	p := &pack{root: "mailbox_export/"}
	t := func(m, d, hh, mm int) time.Time { return day(jst, 2023, time.Month(m), d, hh, mm) }
	sheet, err := docgen.Xlsx(docgen.XlsxSpec{Sheets: []docgen.Sheet{{Name: "Sheet1", Rows: [][]string{
		{"日付", "作業", "時間"},
		{"2023/04/10", "設定変更", "22:00-23:30"},
		{"2023/04/17", "機器交換", "01:00-04:00"},
	}}}})
	if err != nil {
		p.add("schedule.xlsx", time.Time{}, nil, err)
		return p
	}
	people := []mail.Address{
		addr("渡部 健", "watabe.ken@kddi.com"), addr("久保 里奈", "kubo.rina@kddi.com"),
		addr("野村 拓", "nomura.taku@kddi.com"), addr("保守作業", "nw-ops@kddi.com"),
	}
	mails := []internalMail{
		{from: people[0], to: []mail.Address{people[1]}, date: t(4, 3, 10, 12), subject: "4月の作業予定",
			body:     "久保さん\n\n4月の作業予定を添付します。\n夜間作業の担当を確認してください。\n\n渡部\n",
			attached: []docgen.Attachment{{Name: "作業予定_4月.xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: sheet}}},
		{from: people[1], to: []mail.Address{people[0]}, cc: []mail.Address{people[2]}, date: t(4, 3, 13, 40), subject: "RE: 4月の作業予定",
			body: "渡部さん\n\n17日の機器交換は野村さんと私で対応します。\n\n久保\n"},
		{from: people[2], to: []mail.Address{people[3]}, date: t(4, 17, 4, 20), subject: "作業完了報告 (4/17)",
			body: "各位\n\n機器交換作業は 03:52 に完了しました。切り戻しはありません。\n\n野村\n"},
		{from: people[3], to: []mail.Address{people[0], people[1], people[2]}, date: t(4, 18, 9, 0), subject: "週次 障害件数",
			body: "各位\n\n先週の障害件数は 3 件 (すべて復旧済み) です。\n"},
	}
	for i, m := range mails {
		m.charset = docgen.CharsetISO2022JP
		m.mbx, m.mbxIP, m.gw = "mbx-ops02.kddi.com", "10.18.2.44", "mgw01.kddi.com"
		name := []string{"0001.eml", "0002.eml", "0003.eml", "0004.eml"}[i]
		p.eml(name, m.date, m.spec())
	}
	return p
}
