package ocrset

import (
	"fmt"
	"strings"

	"github.com/proofpack/proofpack/internal/splitmix"
)

// The invented names of the varied set. Every organisation, person, domain
// and host below is made up from the parts listed here; the Japanese
// company names take rare kanji (鷺, 檜, 鱒, 櫻, 藪, 蕗, 嵯峨 ...) on
// purpose, as the fixed set has none.

// rng is the set's deterministic generator (SplitMix64, package
// splitmix): the same seed draws the same set on every Go release.
type rng = splitmix.Rand

// newRNG returns a generator for a seed and a stream number.
func newRNG(seed, stream uint64) *rng { return splitmix.New(splitmix.Mix(seed, stream)) }

func pick[T any](r *rng, list []T) T { return splitmix.Pick(r, list) }

// shuffle permutes list in place (Fisher-Yates).
func shuffle[T any](r *rng, list []T) {
	for i := len(list) - 1; i > 0; i-- {
		j := r.Intn(i + 1)
		list[i], list[j] = list[j], list[i]
	}
}

// org is an invented organisation.
type org struct {
	// Name is the name as displayed, with its corporate suffix.
	Name string
	// Short is the name without the suffix.
	Short string
	// Domain is its public mail domain.
	Domain string
	// NetBIOS is the short name of its file server and Realm its
	// Windows domain (upper case).
	NetBIOS, Realm string
}

// person is an invented employee.
type person struct {
	// Name as displayed ("佐藤 健一", "Alice Whitfield").
	Name string
	// Email is the address at the organisation's domain.
	Email string
	// Login is the local part of the address.
	Login string
}

type reading struct{ Kanji, Roman string }

var (
	jpnStems = []reading{
		{"鷺ノ宮", "saginomiya"}, {"檜ノ辻", "hinotsuji"}, {"鱒淵", "masubuchi"}, {"櫻葉", "sakuraba"},
		{"藪柑子", "yabukoji"}, {"蕗ノ台", "fukinodai"}, {"嵯峨ノ沢", "saganosawa"}, {"鴫野", "shigino"},
		{"欅平", "keyakidaira"}, {"楢ノ木", "naranoki"}, {"椿谷", "tsubakidani"}, {"蘆ノ浦", "ashinoura"},
		{"鶯坂", "uguisuzaka"}, {"鷲ノ巣", "washinosu"}, {"柊木", "hiiragiki"}, {"槇ヶ原", "makigahara"},
		{"薊野", "azamino"}, {"鵜ノ澤", "unosawa"}, {"雫ヶ丘", "shizukugaoka"}, {"榧ノ森", "kayanomori"},
		{"蘇芳", "suou"}, {"篁ヶ瀬", "takamugase"}, {"樺ノ平", "kabanodaira"}, {"鰐ヶ淵", "wanigafuchi"},
	}
	jpnTrades = []reading{
		{"精機", "seiki"}, {"化成", "kasei"}, {"電工", "denko"}, {"物産", "bussan"}, {"商事", "shoji"},
		{"工業", "kogyo"}, {"運輸", "unyu"}, {"建設", "kensetsu"}, {"薬品", "yakuhin"}, {"繊維", "seni"},
		{"光学", "kogaku"}, {"食品", "shokuhin"}, {"硝子", "garasu"}, {"鋳造", "chuzo"}, {"醸造", "jozo"},
		{"製紙", "seishi"}, {"海運", "kaiun"}, {"電子", "denshi"},
	}
	jpnSuffixes = []string{"株式会社", "株式会社", "有限会社", "合同会社"}
	jpnTLDs     = []string{".co.jp", ".co.jp", ".jp", ".com", ".net", ".example"}

	engStems = []string{
		"Halvorsen", "Brightmoor", "Quillon", "Norrvik", "Castellane", "Ombrell", "Tessaly", "Ashcombe",
		"Kestrelholm", "Varnell", "Pemberwick", "Lindenfeld", "Corvane", "Maplestone", "Fallowmere",
		"Greywater", "Ettrick", "Sablewood", "Marrowby", "Quenby",
	}
	engTrades = []string{
		"Maritime", "Analytics", "Logistics", "Biotech", "Polymers", "Foods", "Instruments", "Textiles",
		"Freight", "Robotics", "Ceramics", "Optics", "Metals", "Pharma",
	}
	engSuffixes = []string{"Inc.", "Ltd.", "GmbH", "LLC", "plc", "Corp.", "AG", "B.V."}
	engTLDs     = []string{".com", ".com", ".net", ".io", ".co.uk", ".de", ".example"}

	jpnFamily = []reading{
		{"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"}, {"渡辺", "watanabe"}, {"伊藤", "ito"},
		{"山本", "yamamoto"}, {"中村", "nakamura"}, {"小林", "kobayashi"}, {"加藤", "kato"}, {"吉田", "yoshida"},
		{"山田", "yamada"}, {"佐々木", "sasaki"}, {"松本", "matsumoto"}, {"井上", "inoue"}, {"木村", "kimura"},
		{"林", "hayashi"}, {"清水", "shimizu"}, {"斎藤", "saito"}, {"森", "mori"}, {"池田", "ikeda"},
		{"藤原", "fujiwara"}, {"岡崎", "okazaki"}, {"長谷川", "hasegawa"}, {"石井", "ishii"},
	}
	jpnGiven = []reading{
		{"健一", "kenichi"}, {"美咲", "misaki"}, {"大輔", "daisuke"}, {"陽子", "yoko"}, {"翔太", "shota"},
		{"由美", "yumi"}, {"拓也", "takuya"}, {"恵", "megumi"}, {"誠", "makoto"}, {"彩", "aya"},
		{"直樹", "naoki"}, {"真理子", "mariko"}, {"浩二", "koji"}, {"千尋", "chihiro"}, {"亮", "ryo"},
	}
	engGiven = []string{
		"Alice", "Marcus", "Priya", "Tomasz", "Elena", "Daniel", "Grace", "Oliver", "Hannah", "Samuel",
		"Nadia", "Victor", "Irene", "Joel", "Keira", "Lucas",
	}
	engFamily = []string{
		"Whitfield", "Okafor", "Lindqvist", "Moreau", "Castillo", "Brennan", "Hartley", "Novak",
		"Fairbanks", "Pembrook", "Delacroix", "Ashworth", "Kowalczyk", "Ferreira", "Albright", "Maddox",
	}

	jpnFolders = []string{"経理部", "人事部", "営業本部", "契約書", "見積書", "顧客台帳", "設計図面", "購買部", "総務部", "品質保証"}
	engFolders = []string{"Finance", "HR", "Sales", "Contracts", "Quotes", "Customers", "Engineering", "Purchasing", "Legal", "Payroll"}
	shareNames = []string{"share", "shared", "dept", "projects", "public", "data"}
	hostRoles  = []string{"fs01", "fs02", "nas01", "files", "filesrv", "store01"}
)

// newOrg invents an organisation in the language of a page.
func newOrg(r *rng, lang string) org {
	if lang == "jpn" {
		stem, trade := pick(r, jpnStems), pick(r, jpnTrades)
		short := stem.Kanji + trade.Kanji
		suffix := pick(r, jpnSuffixes)
		name := short + suffix
		if r.Chance(1, 2) {
			name = suffix + short
		}
		sep := pick(r, []string{"-", "", "-"})
		domain := stem.Roman + sep + trade.Roman + pick(r, jpnTLDs)
		return org{Name: name, Short: short, Domain: domain,
			NetBIOS: strings.ToUpper(stem.Roman[:min(len(stem.Roman), 6)]), Realm: strings.ToUpper(stem.Roman[:min(len(stem.Roman), 8)])}
	}
	stem, trade := pick(r, engStems), pick(r, engTrades)
	short := stem + " " + trade
	name := short + " " + pick(r, engSuffixes)
	sep := pick(r, []string{"-", ""})
	domain := strings.ToLower(stem) + sep + strings.ToLower(trade) + pick(r, engTLDs)
	return org{Name: name, Short: short, Domain: domain,
		NetBIOS: strings.ToUpper(stem[:min(len(stem), 6)]), Realm: strings.ToUpper(stem[:min(len(stem), 8)])}
}

// newPerson invents an employee of o.
func newPerson(r *rng, lang string, o org) person {
	var name, first, last string
	if lang == "jpn" {
		f, g := pick(r, jpnFamily), pick(r, jpnGiven)
		name = f.Kanji + " " + g.Kanji
		if r.Chance(1, 3) {
			name = f.Kanji + g.Kanji
		}
		first, last = g.Roman, f.Roman
	} else {
		first, last = pick(r, engGiven), pick(r, engFamily)
		name = first + " " + last
		first, last = strings.ToLower(first), strings.ToLower(last)
	}
	var login string
	switch r.Intn(4) {
	case 0:
		login = first + "." + last
	case 1:
		login = first[:1] + "." + last
	case 2:
		login = last + "_" + first[:1]
	default:
		login = first[:1] + last
	}
	return person{Name: name, Email: login + "@" + o.Domain, Login: login}
}

// fqdn returns a host name under the organisation's domain.
func (o org) fqdn(r *rng, role string) string {
	return role + "." + pick(r, []string{"corp.", "intra.", "ad.", ""}) + o.Domain
}

// unc returns a UNC path on the organisation's file server: NetBIOS
// (\\FILESRV\share\...) or fully qualified (\\fs01.corp.example.co.jp\...).
func (o org) unc(r *rng, lang string, netbios bool, depth int) (path, host string) {
	if netbios {
		host = pick(r, []string{o.NetBIOS + "-FS01", o.NetBIOS + "FS", "FILESRV0" + fmt.Sprint(r.Between(1, 4)), "fileserver"})
	} else {
		host = o.fqdn(r, pick(r, hostRoles))
	}
	parts := []string{`\\` + host, pick(r, shareNames)}
	folders := engFolders
	if lang == "jpn" {
		folders = jpnFolders
	}
	for range depth {
		parts = append(parts, pick(r, folders))
	}
	if r.Chance(1, 2) {
		parts = append(parts, fmt.Sprint(r.Between(2019, 2025)))
	}
	return strings.Join(parts, `\`), host
}

// ident returns an identifier of a kind: employee, order, customer,
// ticket or invoice number.
func ident(r *rng, kind string) string {
	switch kind {
	case "employee":
		return pick(r, []string{"E", "EMP-", "S", "JP"}) + fmt.Sprintf("%06d", r.Intn(1000000))
	case "order":
		return pick(r, []string{"PO-", "SO-", "ORD-"}) + fmt.Sprint(r.Between(2019, 2025)) + "-" + fmt.Sprintf("%05d", r.Intn(100000))
	case "customer":
		return pick(r, []string{"C-", "CUST", "K"}) + fmt.Sprintf("%05d", r.Intn(100000))
	case "ticket":
		return pick(r, []string{"INC", "REQ", "CHG"}) + fmt.Sprintf("%07d", r.Intn(10000000))
	default:
		return pick(r, []string{"INV-", "BL-"}) + fmt.Sprintf("%06d", r.Intn(1000000))
	}
}

// date returns a date in the style of the language.
func date(r *rng, lang string) string {
	y, m, d := r.Between(2021, 2025), r.Between(1, 12), r.Between(1, 28)
	if lang == "jpn" {
		return fmt.Sprintf("%d/%02d/%02d", y, m, d)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// clock returns a time of day.
func clock(r *rng) string { return fmt.Sprintf("%d:%02d", r.Between(8, 19), r.Intn(60)) }

// money returns an amount.
func money(r *rng, lang string) string {
	n := r.Between(12, 9800) * 1000
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	if lang == "jpn" {
		return "¥" + b.String()
	}
	return "$" + b.String()
}
