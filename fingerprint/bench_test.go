package fingerprint

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// benchText returns about n bytes of mixed text: CSV rows with names,
// e-mail addresses and postal addresses, Japanese prose, and mail headers.
var benchText = sync.OnceValue(func() string {
	const n = 8 << 20
	family := []string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"}
	given := []string{"Kenichi", "Yuko", "Hiroshi", "Akiko", "Taro", "Hanako", "Makoto", "Emi"}
	doms := []string{"toray.co.jp", "example-customer.co.jp", "gmail.com", "jp.fujitsu.com", "mail.sample-trading.com"}
	prose := []string{
		"東レ株式会社の購買部より、富士通株式会社向けの見積書を送付いたします。ご確認のほどよろしくお願いいたします。\n",
		"本資料は社外秘です。関係者以外への開示を禁じます。保存先は ¥¥fs01¥営業部¥2021年度 です。\n",
		"会議の議事録：次回の打ち合わせは来週の火曜日、午後二時から本社三階の会議室で行います。\n",
		"Please find attached the quotation for Toray Industries, Inc. (Confidential). See https://portal.toray.co.jp/docs/q-2021.pdf for details.\n",
	}
	var b strings.Builder
	b.Grow(n + 4096)
	for i := 0; b.Len() < n; i++ {
		f, g, d := family[i%len(family)], given[(i/3)%len(given)], doms[(i/7)%len(doms)]
		switch i % 10 {
		case 0, 1, 2, 3:
			fmt.Fprintf(&b, "%d,%s %s,%s.%s@%s,東京都港区芝浦%d-%d-%d,03-%04d-%04d,Acme Trading Co., Ltd.\n",
				i, f, g, strings.ToLower(g), strings.ToLower(f), d, i%9+1, i%20+1, i%30+1, i%10000, (i*7)%10000)
		case 4, 5, 6:
			b.WriteString(prose[i%len(prose)])
		case 7:
			fmt.Fprintf(&b, "From: %s %s <%s.%s@%s>\nTo: purchasing@toray.co.jp\nSubject: Re: 見積依頼 No.%d\nReceived: from mx%d.jp.fujitsu.com (10.%d.%d.%d)\n",
				f, g, strings.ToLower(f), strings.ToLower(g), d, i, i%5, i%200, i%100, i%250)
		case 8:
			fmt.Fprintf(&b, "C:\\Users\\%s\\Documents\\見積書_%d.xlsx was saved by %s %s at 2021-05-%02d 10:%02d:00\n", strings.ToLower(f), i, g, f, i%28+1, i%60)
		case 9:
			b.WriteString("The portrayal of the meeting in the minutes was accurate; the attendees agreed to proceed with the plan.\n")
		}
	}
	return b.String()
})

func BenchmarkExtract(b *testing.B) {
	text := benchText()
	x := NewExtractor(Default(), Options{MaxSignals: 1 << 30})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		x.Extract(text, func(Signal) bool { n++; return true })
	}
	b.ReportMetric(float64(n)/float64(b.N), "signals/op")
}

// BenchmarkExtractOCR is BenchmarkExtract with look-alike matching on.
func BenchmarkExtractOCR(b *testing.B) {
	text := benchText()
	x := NewExtractor(Default(), Options{MaxSignals: 1 << 30})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		x.ExtractOCR(text, func(Signal) bool { n++; return true })
	}
	b.ReportMetric(float64(n)/float64(b.N), "signals/op")
}

// BenchmarkAttribute scores many items of realistic text: documents with
// metadata, mail, screenshots' OCR text and CSV exports, extraction
// included. SetBytes counts the text and field bytes read.
func BenchmarkAttribute(b *testing.B) {
	text := benchText()
	const itemSize = 32 << 10
	var items []Item
	var n int64
	for off, i := 0, 0; off < len(text); i++ {
		end := chunkEnd(text, off)
		if end-off > itemSize {
			end = off + itemSize
			for end < len(text) && text[end-1] != '\n' {
				end++
			}
		}
		it := Item{Path: fmt.Sprintf("pack.zip!/share/dept%02d/file%05d.txt", i%40, i), Text: text[off:end], TextSource: TextBody}
		switch i % 4 {
		case 0:
			it.Fields = []Field{{FieldOrganisation, "東レ株式会社"}, {FieldAuthor, "佐藤 健一"}, {FieldSoftware, "Microsoft Excel"},
				{FieldPath, `\\tfs01.toray.local\templates\PO.dotx`}}
		case 1:
			it.Fields = []Field{{FieldMailFrom, "佐藤 健一 <sato.kenichi@toray.co.jp>"}, {FieldMailTo, "purchasing@toray.co.jp"},
				{FieldMailTo, "morita.makoto@fujitsu.com"}, {FieldMailReceived, "mbx02.toray.local"}}
		case 2:
			it.TextSource = TextOCR
		}
		for _, f := range it.Fields {
			n += int64(len(f.Value))
		}
		n += int64(len(it.Text))
		items = append(items, it)
		off = end
	}
	cat := Default()
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Attribute(context.Background(), cat, items, Options{})
		if err != nil || len(r.Ranking) == 0 || r.Ranking[0].Org != "toray" {
			b.Fatalf("unexpected result %v %+v", err, r.Ranking)
		}
	}
	b.ReportMetric(float64(len(items)), "items/op")
}
