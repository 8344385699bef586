package ocr

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestRepairLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"address with spaces after dots", "From: jane. doe@mail. example. co. jp", "From: jane.doe@mail.example.co.jp"},
		{"space around at", "bob @ example.com", "bob@example.com"},
		{"comma for dot in address", "admin: ken,ito@corp.example.org", "admin: ken.ito@corp.example.org"},
		{"comma in host", "sv-app02., east.example.net", "sv-app02.east.example.net"},
		{"sentence end kept", "Done. Next step", "Done. Next step"},
		{"two words with a dot kept", "see fig. above", "see fig. above"},
		{"yen as backslash", "¥¥fs01.example.com¥share", `\\fs01.example.com\share`},
		{"yen amount kept", "合計 ¥1,980,000", "合計 ¥1,980,000"},
		{"bang between path parts", `\\nas1.example.com\public!reports`, `\\nas1.example.com\public\reports`},
		{"lost leading backslashes", `moved to fs2.corp.example.com\finance`, `moved to \\fs2.corp.example.com\finance`},
		{"one leading backslash", `(\files.corp.example.com\hr)`, `(\\files.corp.example.com\hr)`},
		{"W for double backslash", `保存先Wfs9.corp.example.jp\docs`, `保存先\\fs9.corp.example.jp\docs`},
		{"scheme space", "https: //portal.example.com/home", "https://portal.example.com/home"},
		{"O for zero in host", "prdO1.example.net", "prd01.example.net"},
		{"at for zero in host", "sv-db@1.example.net", "sv-db01.example.net"},
		{"capital I for l", "report.xIsx", "report.xlsx"},
		{"plain text untouched", "Quarterly report for Q1 2021", "Quarterly report for Q1 2021"},
		{"empty", "", ""},
		{"bracket after at", "<ken.ito@)mail.example.com>", "<ken.ito@mail.example.com>"},
		{"bar after at", "ken@|example.org", "ken@example.org"},
		{"at before bracket in prose kept", "meet @ (noon)", "meet @ (noon)"},
		{"hiragana i for UNC after kana", `保存先いfs9.corp.example.jp\docs`, `保存先\\fs9.corp.example.jp\docs`},
		{"hiragana i for UNC with capital label", `) いfs01.corp.example.co.jD\Share`, `) \\fs01.corp.example.co.jp\Share`},
		{"W word kept", "Where is it", "Where is it"},
		{"backslash and W for NetBIOS lead", `\Wfs02\経理部`, `\\fs02\経理部`},
		{"backslash and V for lead", `場所: \Vfileserver\share\Sales`, `場所: \\fileserver\share\Sales`},
		{"backslash and kana for lead", `\いnas01.corp.example.co.jp\共有`, `\\nas01.corp.example.co.jp\共有`},
		{"kana for NetBIOS lead", `いfs02\経理部\請求書`, `\\fs02\経理部\請求書`},
		{"two kana for NetBIOS lead", `保存先 いいfileserver\share`, `保存先 \\fileserver\share`},
		{"W for NetBIOS lead with digit", `Open Wnas1\home\ito`, `Open \\nas1\home\ito`},
		{"drive path kept", `C:\Work
eports`, `C:\Work
eports`},
		{"relative path kept", `Work
eports`, `Work
eports`},
		{"Windows folder kept", `see Windows\System32`, `see Windows\System32`},
		{"W word with digit kept", `W3C rules`, `W3C rules`},
		{"underscore lost before at", "From: Irene <hartley i@quenby.example.io>", "From: Irene <hartley_i@quenby.example.io>"},
		{"one-letter word before an address kept", "to a@example.com", "to a@example.com"},
		{"bar for l", "Legal |.pembrook@ettrick.example.io", "Legal l.pembrook@ettrick.example.io"},
		{"bracket before at", "E-mail kmaddox(@halvorsen.example.co.uk", "E-mail kmaddox@halvorsen.example.co.uk"},
		{"O for zero in a code", `\\CASTEL-FSO1\public and SVO2`, `\\CASTEL-FS01\public and SV02`},
		{"CO2 kept", "CO2 emissions", "CO2 emissions"},
		{"dollar for S", "no. $947281 and $O-2022-14780", "no. S947281 and SO-2022-14780"},
		{"amount kept", "total $1,250,000 or $4500", "total $1,250,000 or $4500"},
		{"jp misread", "mail.example.co.jD and www.example.ne.ip", "mail.example.co.jp and www.example.ne.jp"},
		{"W for at", "ask r.fujiwaraWkayanomori-denshi.co.jp now", "ask r.fujiwara@kayanomori-denshi.co.jp now"},
		{"P for at", "<koji.satoPshizuku.example.net>", "<koji.sato@shizuku.example.net>"},
		{"W word kept in prose", "the newWave.rocks", "the newWave.rocks"},
		{"scheme misread", "hitp-//auth.example.de/adfs and htto:/ad.example.com/servers", "http://auth.example.de/adfs and http://ad.example.com/servers"},
		{"scheme without a host kept", "http/2 support", "http/2 support"},
		{"scheme with a space, private host", "http:/ /portal.unosawa.example/top", "http://portal.unosawa.example/top"},
		{"account underscore", `Connected as NORRVIK\ashworth i`, `Connected as NORRVIK\ashworth_i`},
		{"code hyphen", "Order no. ORD - 2021-44259", "Order no. ORD-2021-44259"},
		{"prose dash kept", "Q3 - 2021 results", "Q3 - 2021 results"},
		{"underscore before tld", "ask victor.maddox@ettrickrobotics_net now", "ask victor.maddox@ettrickrobotics.net now"},
		{"file name underscore kept", "report_net.xlsx", "report_net.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, RepairLine(tt.in))
		})
	}
}

func TestRepairUNCLead(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Wfileserver\share\Sales`, `\\fileserver\share\Sales`},
		{`\Vfileserver\share`, `\\fileserver\share`},
		{`いいfs02\経理部`, `\\fs02\経理部`},
		{`|nas01.corp.example.co.jp\共有`, `\\nas01.corp.example.co.jp\共有`},
		{`\\fileserver\share`, `\\fileserver\share`},
		{`\share\Sales`, `\share\Sales`},           // one backslash read as one: kept
		{`Wfileserver share`, `Wfileserver share`}, // no path after it
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, RepairUNCLead(tt.in), tt.in)
	}
}

// FuzzRepairLine: the repairs and the identifier count take any text
// without a panic, keep valid UTF-8 valid, and never lengthen a line by
// more than the backslashes a UNC lead-in adds.
func FuzzRepairLine(f *testing.F) {
	for _, s := range []string{
		"From: jane. doe@mail. example. co. jp", `¥¥fs01.example.com¥share`, `いfs02\経理部\請求書`,
		`\Vfileserver\share`, "hitp-//auth.example.de/adfs", "no. $947281", "ask r.fujiwaraWkayanomori-denshi.co.jp",
		"hartley i@quenby.example.io", `\\CASTEL-FSO1\public`, "合計 ¥1,980,000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		out := RepairLine(s)
		lead := RepairUNCLead(out)
		_ = Identifiers(lead)
		_ = HasIdentifier(lead)
		if utf8.ValidString(s) && (!utf8.ValidString(out) || !utf8.ValidString(lead)) {
			t.Fatalf("invalid UTF-8 from %q: %q, %q", s, out, lead)
		}
		if len(out) > 2*len(s)+8 {
			t.Fatalf("%q grew to %q", s, out)
		}
	})
}
