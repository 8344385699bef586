package fingerprint

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sig is a signal's kind, value and raw text, for comparisons.
type sig struct {
	Kind       SignalKind
	Value, Raw string
}

func (s sig) String() string { return fmt.Sprintf("%s %q %q", s.Kind, s.Value, s.Raw) }

var defaultExtractor = sync.OnceValue(func() *Extractor { return NewExtractor(Default(), Options{}) })

func extractAll(t *testing.T, x *Extractor, text string) []Signal {
	out, truncated := x.AppendSignals(nil, text)
	assert.False(t, truncated)
	for _, s := range out {
		require.LessOrEqual(t, s.End(), len(text))
		require.Equal(t, s.Raw, text[s.Offset:s.End()], "%v", s)
	}
	return out
}

func sigs(ss []Signal) []sig {
	out := make([]sig, len(ss))
	for i, s := range ss {
		out[i] = sig{s.Kind, s.Value, s.Raw}
	}
	return out
}

// extractCases feed TestExtract and seed FuzzExtract.
var extractCases = []struct {
	name string
	text string
	want []sig // must all be found
	not  []sig // must not be found (Raw "" matches any raw)
}{
	{name: "portrayal", text: "The portrayal was fair; Toray's staff agreed.",
		want: []sig{{OrgName, "toray", "Toray"}},
		not:  []sig{{OrgName, "toray", "toray"}}},
	{name: "case and width", text: "TORAY, Ｔｏｒａｙ and toray",
		want: []sig{{OrgName, "toray", "TORAY"}, {OrgName, "toray", "Ｔｏｒａｙ"}, {OrgName, "toray", "toray"}}},
	{name: "japanese designations", text: "東レ株式会社、東レ㈱、(株)東レ、株式会社東レ",
		want: []sig{{OrgName, "toray", "東レ"}, {OrgName, "toray", "東レ"}, {OrgName, "toray", "(株)東レ"}, {OrgName, "toray", "株式会社東レ"}}},
	{name: "western designation", text: "Quotation for Toray Industries, Inc. (Osaka)",
		want: []sig{{OrgName, "toray", "Toray Industries"}},
		not:  []sig{{CompanyString, "", ""}}},
	{name: "katakana continuation", text: "東レンタル株式会社の車両",
		want: []sig{{CompanyString, "東レンタル", "東レンタル株式会社"}},
		not:  []sig{{OrgName, "toray", ""}}},
	{name: "hiragana head", text: "さざなみカフェ株式会社 波多野\n、みずほ株式会社。取引先のカフェ株式会社とあいうえおかきカフェ株式会社",
		want: []sig{{CompanyString, "さざなみカフェ", "さざなみカフェ株式会社"}, {CompanyString, "みずほ", "みずほ株式会社"},
			{CompanyString, "カフェ", "カフェ株式会社"}, {CompanyString, "カフェ", "カフェ株式会社"}},
		not: []sig{{CompanyString, "のカフェ", ""}, {CompanyString, "あいうえおかきカフェ", ""}}},
	{name: "kanji ambiguity", text: "関東レディース、発注先東レ株式会社",
		want: []sig{{OrgName, "toray", "東レ株式会社"}},
		not:  []sig{{OrgName, "toray", "東レ"}}},
	{name: "kanji suffixes", text: "富士通様、富士通製品、日立市の日立製作所",
		want: []sig{{OrgName, "fujitsu", "富士通"}, {OrgName, "hitachi", "日立製作所"}},
		not:  []sig{{OrgName, "hitachi", "日立"}}},
	{name: "katakana group", text: "ソニーグループ、ソニーミュージック",
		want: []sig{{OrgName, "sony", "ソニーグループ"}},
		not:  []sig{{OrgName, "sony", "ソニー"}}},
	{name: "mixed script", text: "NTTデータとNTT DATAとNTT",
		want: []sig{{OrgName, "ntt-data", "NTTデータ"}, {OrgName, "ntt-data", "NTT DATA"}, {OrgName, "ntt", "NTT"}}},
	{name: "acronym case", text: "sap and nec are words; SAP and NEC are names",
		want: []sig{{OrgName, "sap", "SAP"}, {OrgName, "nec", "NEC"}},
		not:  []sig{{OrgName, "sap", "sap"}, {OrgName, "nec", "nec"}}},
	{name: "digits glue", text: "NEC2 Toray2021", not: []sig{{OrgName, "", ""}}},
	{name: "outlook sender", text: "From: Sato Kenichi <sato.kenichi@toray.co.jp>",
		want: []sig{{Email, "sato.kenichi@toray.co.jp", "sato.kenichi@toray.co.jp"}, {Domain, "toray.co.jp", "toray.co.jp"}},
		not:  []sig{{OrgName, "", ""}, {Host, "", ""}}},
	{name: "customer address", text: "Reply to tanaka@example-customer.co.jp, mailto:Yamada.Taro@Sample-Trading.com.",
		want: []sig{{Email, "tanaka@example-customer.co.jp", "tanaka@example-customer.co.jp"},
			{Email, "yamada.taro@sample-trading.com", "Yamada.Taro@Sample-Trading.com"},
			{Domain, "sample-trading.com", "Sample-Trading.com"}}},
	{name: "full-width address", text: "連絡先：ｓａｔｏ＠ｔｏｒａｙ．ｃｏ．ｊｐ まで",
		want: []sig{{Email, "sato@toray.co.jp", "ｓａｔｏ＠ｔｏｒａｙ．ｃｏ．ｊｐ"}}},
	{name: "subdomain address", text: "user@mail.jp.fujitsu.com",
		want: []sig{{Email, "user@mail.jp.fujitsu.com", "user@mail.jp.fujitsu.com"}, {Host, "mail.jp.fujitsu.com", "mail.jp.fujitsu.com"}, {Domain, "fujitsu.com", "fujitsu.com"}}},
	{name: "unc japanese", text: `保存先: \\fs01.toray.local\営業部\2021年度\見積書.xlsx。`,
		want: []sig{{UNCPath, `\\fs01.toray.local\営業部\2021年度\見積書.xlsx`, `\\fs01.toray.local\営業部\2021年度\見積書.xlsx`}, {Host, "fs01.toray.local", "fs01.toray.local"}}},
	{name: "unc yen", text: `¥¥FS01¥share¥docs と ￥￥fs02￥共有`,
		want: []sig{{UNCPath, `\\fs01\share\docs`, `¥¥FS01¥share¥docs`}, {Host, "fs01", "FS01"}, {UNCPath, `\\fs02\共有`, `￥￥fs02￥共有`}}},
	{name: "unc ip", text: `open \\192.168.10.5\c$\data`,
		want: []sig{{UNCPath, `\\192.168.10.5\c$\data`, `\\192.168.10.5\c$\data`}, {IP, "192.168.10.5", "192.168.10.5"}}},
	{name: "escaped path is not unc", text: `"C:\\Users\\sato\\x"`, not: []sig{{UNCPath, "", ""}}},
	{name: "url in parentheses", text: "(see https://portal.toray.co.jp/docs/a_(1).pdf) and [http://www.fujitsu.com/jp/].",
		want: []sig{{URL, "https://portal.toray.co.jp/docs/a_(1).pdf", "https://portal.toray.co.jp/docs/a_(1).pdf"},
			{Host, "portal.toray.co.jp", "portal.toray.co.jp"},
			{URL, "http://www.fujitsu.com/jp/", "http://www.fujitsu.com/jp/"}}},
	{name: "url case", text: "HTTPS://Intra.Toray.co.jp/Wiki/Page",
		want: []sig{{URL, "https://intra.toray.co.jp/Wiki/Page", "HTTPS://Intra.Toray.co.jp/Wiki/Page"}}},
	{name: "ip in url", text: "http://10.20.30.40:8080/login?u=x and ftp://user@[2001:db8::5]/f and smb://fs01/share",
		want: []sig{{URL, "http://10.20.30.40:8080/login?u=x", "http://10.20.30.40:8080/login?u=x"}, {IP, "10.20.30.40", "10.20.30.40"},
			{IP, "2001:db8::5", "2001:db8::5"}, {URL, "smb://fs01/share", "smb://fs01/share"}, {Host, "fs01", "fs01"}}},
	{name: "url japanese end", text: "詳細はhttps://www.toray.co.jp/news/をご覧ください",
		want: []sig{{URL, "https://www.toray.co.jp/news/", "https://www.toray.co.jp/news/"}}},
	{name: "profile paths", text: `C:\Users\sato.kenichi\Desktop, C:/Users/Tanaka/x, /Users/yamada/Documents, /home/ito/.ssh, C:¥Users¥鈴木¥デスクトップ, C:\Documents and Settings\admin\`,
		want: []sig{{ProfilePath, "sato.kenichi", `C:\Users\sato.kenichi`}, {ProfilePath, "tanaka", "C:/Users/Tanaka"},
			{ProfilePath, "yamada", "/Users/yamada"}, {ProfilePath, "ito", "/home/ito"}, {ProfilePath, "鈴木", `C:¥Users¥鈴木`},
			{ProfilePath, "admin", `C:\Documents and Settings\admin`}}},
	{name: "profile with space", text: `C:\Users\Kenichi Sato\Desktop\a.txt and C:\Users\ito was`,
		want: []sig{{ProfilePath, "kenichi sato", `C:\Users\Kenichi Sato`}, {ProfilePath, "ito", `C:\Users\ito`}}},
	{name: "url path is not a profile", text: "https://example.org/home/index.html", not: []sig{{ProfilePath, "", ""}}},
	{name: "bare hosts", text: "see toray.com, www.fujitsu.com and intranet.toray.co.jp; not report.zip, run.py, Toray.Fujitsu, e.g. or 3.14",
		want: []sig{{Domain, "toray.com", "toray.com"}, {Host, "www.fujitsu.com", "www.fujitsu.com"}, {Domain, "fujitsu.com", "fujitsu.com"},
			{Host, "intranet.toray.co.jp", "intranet.toray.co.jp"}},
		not: []sig{{Host, "report.zip", ""}, {Domain, "report.zip", ""}, {Domain, "run.py", ""}, {Domain, "toray.fujitsu", ""}}},
	{name: "ipv4 and ipv6", text: "hosts 203.0.113.7, 8.8.8.8 and fe80::1%eth0; fd00::1; not 1.2.3 or 999.1.1.1 or 12:30:45 or std::map",
		want: []sig{{IP, "203.0.113.7", "203.0.113.7"}, {IP, "8.8.8.8", "8.8.8.8"}, {IP, "fd00::1", "fd00::1"}},
		not:  []sig{{IP, "1.2.3", ""}, {IP, "999.1.1.1", ""}}},
	{name: "markings", text: "【社外秘】 Strictly Confidential; For internal use only. 取扱注意 関係者外秘 機密情報",
		want: []sig{{Marking, "社外秘", "社外秘"}, {Marking, "strictly confidential", "Strictly Confidential"},
			{Marking, "for internal use only", "For internal use only"}, {Marking, "取扱注意", "取扱注意"},
			{Marking, "関係者外秘", "関係者外秘"}, {Marking, "機密", "機密"}},
		not: []sig{{Marking, "confidential", ""}}},
	{name: "confidentiality is not a marking", text: "Confidentiality Agreement", not: []sig{{Marking, "", ""}}},
	{name: "company strings", text: "Acme Trading Co., Ltd. and ABC GmbH, Bank of America Corp, Müller Werke AG, Acme K.K., 株式会社ＡＢＣ商事 and The Company Inc",
		want: []sig{{CompanyString, "acme trading", "Acme Trading Co., Ltd."}, {CompanyString, "abc", "ABC GmbH"},
			{CompanyString, "bank of america", "Bank of America Corp"}, {CompanyString, "müller werke", "Müller Werke AG"},
			{CompanyString, "acme", "Acme K.K."}, {CompanyString, "abc商事", "株式会社ＡＢＣ商事"}}},
	{name: "no name before the designation", text: "The Company Inc. said; Dear Ltd. and our Co. team", not: []sig{{CompanyString, "", ""}}},
	{name: "namespace urls", text: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
		want: []sig{{URL, "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}}},
	{name: "empty", text: ""},
	{name: "hostile", text: strings.Repeat("@", 100) + strings.Repeat(`\\`, 100) + strings.Repeat("://", 50) + strings.Repeat("a.", 200) + strings.Repeat("株式会社", 30)},
}

func TestExtract(t *testing.T) {
	x := defaultExtractor()
	for _, tc := range extractCases {
		t.Run(tc.name, func(t *testing.T) {
			got := sigs(extractAll(t, x, tc.text))
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
			for _, n := range tc.not {
				for _, g := range got {
					if g.Kind == n.Kind && (n.Value == "" || g.Value == n.Value) && (n.Raw == "" || g.Raw == n.Raw) {
						t.Errorf("found %v", g)
					}
				}
			}
			if t.Failed() {
				t.Logf("got %v", got)
			}
		})
	}
}

func TestExtractBoilerplate(t *testing.T) {
	x := defaultExtractor()
	text := `xmlns="http://schemas.microsoft.com/office/2006/xmlPackage" taro@gmail.com a@docomo.ne.jp ` +
		`http://example.com/x 192.168.0.1 C:\Users\Public\x sato@toray.co.jp 8.8.8.8 \\localhost\c$`
	got := map[string]string{}
	for _, s := range extractAll(t, x, text) {
		got[s.Kind.String()+" "+s.Value] = s.Boilerplate
	}
	for k, want := range map[string]string{
		"url http://schemas.microsoft.com/office/2006/xmlPackage": ReasonNamespace,
		"host schemas.microsoft.com":                              ReasonNamespace,
		"domain microsoft.com":                                    ReasonNamespace,
		"email taro@gmail.com":                                    ReasonFreeMail,
		"email a@docomo.ne.jp":                                    ReasonFreeMail,
		"url http://example.com/x":                                ReasonReserved,
		"ip 192.168.0.1":                                          ReasonPrivateIP,
		"profile_path public":                                     ReasonDefaultProfile,
		"email sato@toray.co.jp":                                  "",
		"domain toray.co.jp":                                      "",
		"ip 8.8.8.8":                                              "",
		`unc_path \\localhost\c$`:                                 ReasonReserved,
	} {
		t.Run(k, func(t *testing.T) {
			v, ok := got[k]
			require.True(t, ok, "not found; got %v", got)
			assert.Equal(t, want, v)
		})
	}
}

func TestMarkingOrg(t *testing.T) {
	x := defaultExtractor()
	for _, tc := range []struct{ text, want string }{
		{"Toray Confidential", "toray"},
		{"CONFIDENTIAL - Fujitsu Limited", "fujitsu"},
		{"社外秘　東レ株式会社", "toray"},
		{"東レ株式会社\n\n社外秘", ""},
		{"Confidential", ""},
		{"Acme Trading Co., Ltd. Confidential", "acme trading"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var found bool
			for _, s := range extractAll(t, x, tc.text) {
				if s.Kind == Marking {
					found = true
					assert.Equal(t, tc.want, s.Org)
				}
			}
			assert.True(t, found)
		})
	}
}

func TestExtractLimits(t *testing.T) {
	x := NewExtractor(Default(), Options{MaxSignals: 5})
	text := strings.Repeat("a@toray.co.jp ", 100)
	out, truncated := x.AppendSignals(nil, text)
	assert.True(t, truncated)
	assert.Len(t, out, 5)

	// Early stop by the caller.
	n := 0
	truncated = defaultExtractor().Extract(text, func(Signal) bool { n++; return n < 3 })
	assert.False(t, truncated)
	assert.Equal(t, 3, n)

	// Signals after the first chunk keep their offsets, in order.
	long := strings.Repeat("filler text without anything in it\n", 4000) + "東レ株式会社 sato@toray.co.jp\n"
	last := -1
	var got []Signal
	for s := range defaultExtractor().Signals(long) {
		assert.GreaterOrEqual(t, s.Offset, last)
		last = s.Offset
		got = append(got, s)
	}
	require.Len(t, got, 3)
	assert.Equal(t, "東レ", long[got[0].Offset:got[0].End()])
	assert.Equal(t, "sato@toray.co.jp", got[1].Raw)
}

func TestExtractNilCatalogue(t *testing.T) {
	x := NewExtractor(nil, Options{})
	got := sigs(extractAll(t, x, "東レ株式会社 社外秘 Toray"))
	assert.Equal(t, []sig{{CompanyString, "東レ", "東レ株式会社"}, {Marking, "社外秘", "社外秘"}}, got)
}

func TestExtractConcurrent(t *testing.T) {
	x := defaultExtractor()
	text := extractCases[11].text + extractCases[15].text
	want := sigs(extractAll(t, x, text))
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				out, _ := x.AppendSignals(nil, text)
				assert.Equal(t, want, sigs(out))
			}
		}()
	}
	wg.Wait()
}

func TestSoftwareVendor(t *testing.T) {
	x := defaultExtractor()
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Microsoft Excel", true},
		{"Microsoft® Word 2019", true},
		{"Microsoft Office Word", true},
		{"FUJITSU ScanSnap iX500", true},
		{"Canon EOS 5D Mark IV", true},
		{"Microsoft Corporation purchased", false},
		{"Toray Industries", false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			out := extractAll(t, x, tc.text)
			require.NotEmpty(t, out)
			assert.Equal(t, OrgName, out[0].Kind)
			assert.Equal(t, tc.want, IsSoftwareVendorContext(tc.text, out[0]))
		})
	}
	assert.False(t, IsSoftwareVendorContext("x", Signal{Kind: OrgName, Offset: 5, Raw: "abc"}))
	for _, f := range []string{"software", "Software", "creator_tool", "CreatorTool", "Producer", "X-Mailer", "Make"} {
		assert.True(t, SoftwareField(f), f)
	}
	for _, f := range []string{"company", "author", "title"} {
		assert.False(t, SoftwareField(f), f)
	}
}

func TestSignalKindText(t *testing.T) {
	for k := Email; k <= CompanyString; k++ {
		t.Run(k.String(), func(t *testing.T) {
			b, err := k.MarshalText()
			require.NoError(t, err)
			var back SignalKind
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, k, back)
		})
	}
	_, err := SignalKind(0).MarshalText()
	assert.Error(t, err)
	var k SignalKind
	assert.Error(t, k.UnmarshalText([]byte("nope")))
	assert.Equal(t, "SignalKind(99)", SignalKind(99).String())
}
