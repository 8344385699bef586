package attrpack

import (
	"net/mail"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// staff is one fictional employee of a firm.
type staff struct {
	ja, en, local string // name in Japanese (or as written locally), in Latin letters, mailbox local part
}

// firm is an organisation as its own systems write it: the Company value
// its Office installations put in documents, its mail domain and servers,
// and the UNC root of its file server. Builders take a firm so that every
// pack shows the same organisation the same way, as real packs do.
type firm struct {
	company string // the Company field of its documents
	domain  string // its mail domain
	share   string // UNC root of its file server, ending in a backslash
	mbx     string // mailbox server
	mbxIP   string
	gw      string // the gateway that takes outside mail (its MX)
	latin   bool   // staff write in Latin letters (Western firms, English mail)
	utf8    bool   // mail in UTF-8 although the names are not Latin (Chinese)
	zone    *time.Location
	staff   []staff
}

// email returns the address of staff member i.
func (f firm) email(i int) string { return f.staff[i].local + "@" + f.domain }

// addr returns staff member i's address with the name as the firm's mail
// client shows it.
func (f firm) addr(i int) mail.Address {
	name := f.staff[i].ja
	if f.latin {
		name = f.staff[i].en
	}
	return mail.Address{Name: name, Address: f.email(i)}
}

// name returns staff member i's name as the firm writes it.
func (f firm) name(i int) string {
	if f.latin {
		return f.staff[i].en
	}
	return f.staff[i].ja
}

// at returns a time in the firm's zone.
func (f firm) at(y int, m time.Month, d, hh, mm int) time.Time { return day(f.zone, y, m, d, hh, mm) }

// charset is the charset of the firm's mail: ISO-2022-JP for Japanese
// mail clients, as they still send it.
func (f firm) charset() string {
	if f.latin || f.utf8 {
		return docgen.CharsetUTF8
	}
	return docgen.CharsetISO2022JP
}

// mail is a message between colleagues of f, relayed by f's own servers.
func (f firm) mail(from int, to []int, t time.Time, subject, body string) docgen.EMLSpec {
	m := internalMail{
		from: f.addr(from), date: t, subject: subject, body: body, charset: f.charset(),
		mbx: f.mbx, mbxIP: f.mbxIP, gw: f.gw,
	}
	for _, i := range to {
		m.to = append(m.to, f.addr(i))
	}
	return m.spec()
}

// inbound is a message from staff member from of f to staff of g,
// delivered into g's mailbox: the Received chain runs from f's gateway
// to g's gateway and mailbox server.
func (f firm) inbound(from int, g firm, to []int, t time.Time, subject, body string) docgen.EMLSpec {
	var rcpt []mail.Address
	for _, i := range to {
		rcpt = append(rcpt, g.addr(i))
	}
	return docgen.EMLSpec{
		From: f.addr(from), To: rcpt, Date: t, Subject: subject,
		MessageID: messageID(t, f.gw[strings.IndexByte(f.gw, '.')+1:], subject),
		Received: receivedHeaders(t,
			relay{g.gw, g.mbxIP, g.mbx},
			relay{f.gw, "203.0.113.40", g.gw},
			relay{f.mbx, f.mbxIP, f.gw}),
		XMailer: "Microsoft Outlook 16.0", Charset: f.charset(), Body: body,
	}
}

// doc is a Word document made on f's machines by staff member author
// and last saved by editor, from template (a file name on f's share; ""
// for none).
func (f firm) doc(author, editor int, title string, created, modified time.Time, template string, paras ...string) docgen.DocxSpec {
	return docgen.DocxSpec{
		Core:       docgen.CoreProps{Title: title, Creator: f.name(author), LastModifiedBy: f.name(editor), Created: created, Modified: modified},
		App:        docgen.AppProps{Company: f.company, Template: f.template(template)},
		Paragraphs: paras,
	}
}

// book is an Excel workbook made on f's machines, like doc.
func (f firm) book(author, editor int, title string, created, modified time.Time, template string, sheets ...docgen.Sheet) docgen.XlsxSpec {
	return docgen.XlsxSpec{
		Core:   docgen.CoreProps{Title: title, Creator: f.name(author), LastModifiedBy: f.name(editor), Created: created, Modified: modified},
		App:    docgen.AppProps{Company: f.company, Template: f.template(template)},
		Sheets: sheets,
	}
}

// template returns the path of a template on f's share.
func (f firm) template(name string) string {
	if name == "" || f.share == "" {
		return ""
	}
	return f.share + name
}

// Zones of the subsidiaries abroad (jst and cet are in attrpack.go).
var (
	cst = time.FixedZone("CST", 8*60*60)
	ict = time.FixedZone("ICT", 7*60*60)
	est = time.FixedZone("EST", -5*60*60)
)

// The fictional firms of the catalogue in orgs.yaml.
var (
	kurogane = firm{
		company: "黒鉄重工業株式会社", domain: "kurogane-hi.co.jp", share: `\\krfs01.kurogane-hi.co.jp\共有\様式\`,
		mbx: "exmbx02.kurogane-hi.co.jp", mbxIP: "10.31.2.12", gw: "mx01.kurogane-hi.co.jp", zone: jst,
		staff: []staff{{"長尾 隆之", "Takayuki Nagao", "t-nagao"}, {"宮下 奈緒", "Nao Miyashita", "n-miyashita"},
			{"岩城 翔太", "Shota Iwaki", "s-iwaki"}, {"野々村 恵", "Megumi Nonomura", "m-nonomura"}},
	}
	kuroganeEU = firm{
		company: "Kurogane Europe GmbH", domain: "kurogane-hi.de", share: `\\dus-fs01.kurogane-hi.de\Vorlagen\`,
		mbx: "dus-mbx01.kurogane-hi.de", mbxIP: "10.80.1.21", gw: "mail.kurogane-hi.de", zone: cet, latin: true,
		staff: []staff{{"", "Katrin Vogler", "k.vogler"}, {"", "Jan Oberhuber", "j.oberhuber"}, {"", "Lena Brückner", "l.brueckner"}},
	}
	kuroganeSZ = firm{
		company: "黑铁机械(苏州)有限公司", domain: "kurogane-hi.cn", share: `\\szfs01.kurogane-hi.cn\生产\模板\`,
		mbx: "szmbx01.kurogane-hi.cn", mbxIP: "10.86.1.10", gw: "mail.kurogane-hi.cn", zone: cst, utf8: true,
		staff: []staff{{"周 志明", "Zhou Zhiming", "zhou.zm"}, {"陈 丽华", "Chen Lihua", "chen.lh"}, {"王 磊", "Wang Lei", "wang.lei"}},
	}
	kuroganeUS = firm{
		company: "Kurogane Americas, Inc.", domain: "us.kurogane-hi.com", share: `\\chi-fs02.us.kurogane-hi.com\Shared\Templates\`,
		mbx: "chi-mbx01.us.kurogane-hi.com", mbxIP: "10.90.2.14", gw: "smtp.us.kurogane-hi.com", zone: est, latin: true,
		staff: []staff{{"", "Dana Whitcombe", "dwhitcombe"}, {"", "Marcus Ellery", "mellery"}, {"", "Priya Raman", "praman"}},
	}
	asanagi = firm{
		company: "朝凪化学株式会社", domain: "asanagi-chem.co.jp", share: `\\asfs-hq.asanagi-chem.co.jp\部門共有\テンプレート\`,
		mbx: "mbx01.asanagi-chem.co.jp", mbxIP: "10.12.1.5", gw: "mx.asanagi-chem.co.jp", zone: jst,
		staff: []staff{{"藤堂 亮", "Ryo Todo", "todo.ryo"}, {"小早川 舞", "Mai Kobayakawa", "kobayakawa.mai"}, {"設楽 健吾", "Kengo Shitara", "shitara.kengo"}},
	}
	asanagiTH = firm{
		company: "Asanagi Chemical (Thailand) Co., Ltd.", domain: "asanagi-chem.co.th", share: `\\rayong-fs1.asanagi-chem.co.th\Plant\Templates\`,
		mbx: "ry-mail01.asanagi-chem.co.th", mbxIP: "10.66.1.8", gw: "mx.asanagi-chem.co.th", zone: ict, latin: true,
		staff: []staff{{"", "Somchai Wongsuwan", "somchai.w"}, {"", "Pimchanok Rattana", "pimchanok.r"}, {"", "Hiroki Sato", "hiroki.sato"}},
	}
	asanagiLogi = firm{
		company: "朝凪物流株式会社", domain: "asanagi-logi.co.jp", share: `\\alfs01.asanagi-logi.co.jp\業務\様式\`,
		mbx: "mbx.asanagi-logi.co.jp", mbxIP: "10.13.0.9", gw: "mx.asanagi-logi.co.jp", zone: jst,
		staff: []staff{{"武藤 大地", "Daichi Muto", "muto.d"}, {"片桐 彩", "Aya Katagiri", "katagiri.a"}, {"若林 悠", "Yu Wakabayashi", "wakabayashi.y"}},
	}
	narukami = firm{
		company: "鳴神電子株式会社", domain: "narukami-denshi.co.jp", share: `\\nkfs02.narukami-denshi.co.jp\品質保証部\様式\`,
		mbx: "nk-exch01.narukami-denshi.co.jp", mbxIP: "172.20.4.11", gw: "mail.narukami-denshi.co.jp", zone: jst,
		staff: []staff{{"桐島 遼", "Ryo Kirishima", "kirishima.r"}, {"真壁 沙織", "Saori Makabe", "makabe.s"},
			{"御厨 剛", "Tsuyoshi Mikuriya", "mikuriya.t"}, {"早瀬 小百合", "Sayuri Hayase", "hayase.s"}},
	}
	chigusa = firm{
		company: "千草食品株式会社", domain: "chigusa-foods.co.jp", share: `\\cgfs01.chigusa-foods.co.jp\全社共有\テンプレート\`,
		mbx: "cgmbx01.chigusa-foods.co.jp", mbxIP: "10.44.0.21", gw: "mx1.chigusa-foods.co.jp", zone: jst,
		staff: []staff{{"朝比奈 浩", "Hiroshi Asahina", "asahina.h"}, {"綾瀬 美咲", "Misaki Ayase", "ayase.m"}, {"古賀 拓真", "Takuma Koga", "koga.t"}},
	}
	aizome = firm{
		company: "藍染製薬株式会社", domain: "aizome-pharma.co.jp", share: `\\azfs01.aizome-pharma.co.jp\研究開発\テンプレート\`,
		mbx: "az-mbx02.aizome-pharma.co.jp", mbxIP: "10.71.2.30", gw: "gw.aizome-pharma.co.jp", zone: jst,
		staff: []staff{{"白洲 隼人", "Hayato Shirasu", "shirasu-h"}, {"蓮見 かおり", "Kaori Hasumi", "hasumi-k"}, {"榊原 透", "Toru Sakakibara", "sakakibara-t"}},
	}
	saiun = firm{
		company: "株式会社彩雲百貨店", domain: "saiun-dept.co.jp", share: `\\sufs-honsha.saiun-dept.co.jp\本社共有\書式\`,
		mbx: "sumbx01.saiun-dept.co.jp", mbxIP: "10.5.10.3", gw: "mx.saiun-dept.co.jp", zone: jst,
		staff: []staff{{"鷹野 千秋", "Chiaki Takano", "takano.c"}, {"間宮 俊介", "Shunsuke Mamiya", "mamiya.s"}, {"東條 梓", "Azusa Tojo", "tojo.a"}},
	}
	hiiragi = firm{
		company: "医療法人社団柊会", domain: "hiiragi-kai.or.jp", share: `\\hgk-fs01.hiiragi-kai.or.jp\事務部\書式\`,
		mbx: "hgk-mail01.hiiragi-kai.or.jp", mbxIP: "10.8.1.4", gw: "mx.hiiragi-kai.or.jp", zone: jst,
		staff: []staff{{"篠宮 誠一", "Seiichi Shinomiya", "shinomiya"}, {"氷室 由佳", "Yuka Himuro", "himuro"}, {"津島 航", "Wataru Tsushima", "tsushima"}},
	}
	hibari = firm{
		company: "雲雀運輸株式会社", domain: "hibari-unyu.co.jp", share: `\\hbfs01.hibari-unyu.co.jp\運行管理\様式\`,
		mbx: "hbmbx.hibari-unyu.co.jp", mbxIP: "192.168.50.8", gw: "mail.hibari-unyu.co.jp", zone: jst,
		staff: []staff{{"大門 勝也", "Katsuya Daimon", "daimon"}, {"日向 莉子", "Riko Hyuga", "hyuga"}, {"石動 修", "Osamu Isurugi", "isurugi"}},
	}
	orvantis = firm{
		company: "オーヴァンティス・システムズ株式会社", domain: "orvantis.co.jp", share: `\\ovfs-sales.orvantis.co.jp\営業本部\テンプレート\`,
		mbx: "ov-mbx03.orvantis.co.jp", mbxIP: "10.20.3.7", gw: "mail.orvantis.co.jp", zone: jst,
		staff: []staff{{"久世 明彦", "Akihiko Kuze", "kuze.akihiko"}, {"逢坂 理沙", "Risa Osaka", "osaka.risa"}, {"葛城 直人", "Naoto Katsuragi", "katsuragi.naoto"}},
	}
	cirrovane = firm{
		company: "Cirrovane Cloud, Inc.", domain: "cirrovane.com", latin: true, zone: jst,
		mbx: "billing-mta1.cirrovane.com", mbxIP: "10.250.0.4", gw: "mx.cirrovane.com",
		staff: []staff{{"", "Cirrovane Billing", "billing"}},
	}
	lumicrest = firm{
		company: "Lumicrest K.K.", domain: "lumicrest-cloud.com", latin: true, zone: jst,
		mbx: "notify-mta2.lumicrest-cloud.com", mbxIP: "10.240.1.2", gw: "out.lumicrest-cloud.com",
		staff: []staff{{"", "Lumicrest", "noreply"}},
	}
	hazelmere = firm{
		company: "Hazelmere Tsuge Law Offices", domain: "hazelmere-tsuge.com", share: `\\htlo-dms.hazelmere-tsuge.com\Matters\Templates\`,
		mbx: "htlo-mbx1.hazelmere-tsuge.com", mbxIP: "10.3.0.15", gw: "mx.hazelmere-tsuge.com", zone: jst,
		staff: []staff{{"柘植 和臣", "Kazuomi Tsuge", "k.tsuge"}, {"Eleanor Hazelmere", "Eleanor Hazelmere", "e.hazelmere"}, {"三雲 里奈", "Rina Mikumo", "r.mikumo"}},
	}
	brantwell = firm{
		company: "ブラントウェル有限責任監査法人", domain: "brantwell-audit.jp", share: `\\bw-audit01.brantwell-audit.jp\Engagements\Templates\`,
		mbx: "bw-mbx02.brantwell-audit.jp", mbxIP: "10.9.2.22", gw: "mail.brantwell-audit.jp", zone: jst,
		staff: []staff{{"神代 隆", "Takashi Kumashiro", "kumashiro.t"}, {"水瀬 玲奈", "Rena Minase", "minase.r"}, {"桧山 陽介", "Yosuke Hiyama", "hiyama.y"}},
	}
	tsumugi = firm{
		company: "紬ネットサービス株式会社", domain: "tsumugi-ns.co.jp", share: `\\tns-fs01.tsumugi-ns.co.jp\運用\テンプレート\`,
		mbx: "tns-mbx01.tsumugi-ns.co.jp", mbxIP: "10.77.0.5", gw: "mx.tsumugi-ns.co.jp", zone: jst,
		staff: []staff{{"鏑木 徹", "Toru Kaburagi", "kaburagi"}, {"椎名 真央", "Mao Shiina", "shiina"}, {"一ノ瀬 隼", "Shun Ichinose", "ichinose"}},
	}
	yamabuki = firm{
		company: "山吹ペイロールサービス株式会社", domain: "yamabuki-payroll.co.jp", share: `\\ypfs01.yamabuki-payroll.co.jp\給与計算\様式\`,
		mbx: "yp-mbx01.yamabuki-payroll.co.jp", mbxIP: "10.15.1.3", gw: "mx.yamabuki-payroll.co.jp", zone: jst,
		staff: []staff{{"八雲 春香", "Haruka Yakumo", "yakumo"}, {"冴島 剛志", "Takeshi Saejima", "saejima"}, {"霧島 文", "Aya Kirishima", "kirishima"}},
	}
	marumi = firm{
		company: "株式会社まるみマート", domain: "marumi-mart.co.jp", share: `\\mmfs-hq.marumi-mart.co.jp\本部\書式\`,
		mbx: "mm-mbx01.marumi-mart.co.jp", mbxIP: "10.40.1.2", gw: "mx.marumi-mart.co.jp", zone: jst,
		staff: []staff{{"宇佐美 実", "Minoru Usami", "usami.m"}, {"千早 葵", "Aoi Chihaya", "chihaya.a"}, {"相良 達也", "Tatsuya Sagara", "sagara.t"}},
	}
	beanhollow = firm{
		company: "Beanhollow Coffee Japan K.K.", domain: "beanhollow.jp", share: `\\bhj-fs01.beanhollow.jp\Franchise\Templates\`,
		mbx: "bhj-mbx01.beanhollow.jp", mbxIP: "10.52.0.3", gw: "mx.beanhollow.jp", zone: jst,
		staff: []staff{{"森園 玲", "Rei Morizono", "r.morizono"}, {"Graham Pell", "Graham Pell", "g.pell"}, {"安西 瞳", "Hitomi Anzai", "h.anzai"}},
	}
)

// Firms outside the catalogue: franchisees, a regional supplier and a
// reseller, known only by what their own files say.
var (
	kawabata = firm{
		company: "有限会社川端商事", domain: "kawabata-shoji.jp", share: `\\KAWABATA-NAS\共有\`,
		mbx: "mail.kawabata-shoji.jp", mbxIP: "192.168.1.20", gw: "mail.kawabata-shoji.jp", zone: jst,
		staff: []staff{{"川端 健", "Ken Kawabata", "ken"}, {"川端 ゆかり", "Yukari Kawabata", "yukari"}, {"小松 陸", "Riku Komatsu", "komatsu"}},
	}
	kitaura = firm{
		company: "株式会社北浦リテール", domain: "kitaura-retail.co.jp", share: `\\kr-nas01\本部\`,
		mbx: "mbx.kitaura-retail.co.jp", mbxIP: "192.168.10.4", gw: "smtp.kitaura-retail.co.jp", zone: jst,
		staff: []staff{{"北浦 信吾", "Shingo Kitaura", "kitaura"}, {"宮部 知子", "Tomoko Miyabe", "miyabe"}, {"大隅 翼", "Tsubasa Osumi", "osumi"}},
	}
	tomoebashi = firm{
		company: "巴橋フーズ株式会社", domain: "tomoebashi-foods.co.jp", share: `\\tbf-fs01.tomoebashi-foods.co.jp\店舗運営\`,
		mbx: "mbx01.tomoebashi-foods.co.jp", mbxIP: "192.168.30.6", gw: "mx.tomoebashi-foods.co.jp", zone: jst,
		staff: []staff{{"巴橋 修平", "Shuhei Tomoebashi", "s.tomoebashi"}, {"結城 萌", "Moe Yuki", "m.yuki"}, {"加納 蓮", "Ren Kano", "r.kano"}},
	}
	sazanami = firm{
		company: "さざなみカフェ株式会社", domain: "sazanami-cafe.jp", share: `\\SZN-FS\店舗\`,
		mbx: "mail.sazanami-cafe.jp", mbxIP: "192.168.2.10", gw: "mail.sazanami-cafe.jp", zone: jst,
		staff: []staff{{"波多野 聡", "Satoshi Hatano", "hatano"}, {"汐見 楓", "Kaede Shiomi", "shiomi"}, {"浜名 圭", "Kei Hamana", "hamana"}},
	}
	hoshizora = firm{
		company: "星空精機株式会社", domain: "hoshizora-seiki.co.jp", share: `\\hsk-fs.hoshizora-seiki.co.jp\品質保証部\様式\`,
		mbx: "mbx.hoshizora-seiki.co.jp", mbxIP: "192.168.10.12", gw: "mail.hoshizora-seiki.co.jp", zone: jst,
		staff: []staff{{"内田 啓介", "Keisuke Uchida", "uchida.keisuke"}, {"原田 由美", "Yumi Harada", "harada.yumi"}, {"石井 誠", "Makoto Ishii", "ishii.makoto"}},
	}
	minato = firm{
		company: "みなとAV商事株式会社", domain: "minato-av.co.jp", share: `\\mav-fs.minato-av.co.jp\共有\様式\`,
		mbx: "mbx.minato-av.co.jp", mbxIP: "192.168.20.5", gw: "mail.minato-av.co.jp", zone: jst,
		staff: []staff{{"佐々木 優", "Yu Sasaki", "sasaki.yu"}, {"井上 千尋", "Chihiro Inoue", "inoue.chihiro"}, {"営業部", "Sales", "eigyo"}},
	}
)

// The seed pair of the design: Toray's data, sold as Fujitsu's. Both
// are real and in the default catalogue; their host names, people and
// documents here are invented.
var (
	toray = firm{
		company: "東レ株式会社", domain: "toray.co.jp", share: `\\tsfs-jousys.toray.co.jp\情報システム部\様式\`,
		mbx: "tmbx04.toray.co.jp", mbxIP: "10.17.4.40", gw: "mx.toray.co.jp", zone: jst,
		staff: []staff{{"中村 浩二", "Koji Nakamura", "koji.nakamura"}, {"松井 沙耶", "Saya Matsui", "saya.matsui"}, {"岡 健太郎", "Kentaro Oka", "kentaro.oka"}},
	}
	fujitsu = firm{
		company: "富士通株式会社", domain: "fujitsu.com", share: `\\fjfs-sales2.jp.fujitsu.com\様式\`,
		mbx: "mbx21.jp.fujitsu.com", mbxIP: "10.33.21.7", gw: "mail.fujitsu.com", zone: jst,
		staff: []staff{{"森田 誠", "Makoto Morita", "morita.makoto"}, {"木村 彩花", "Ayaka Kimura", "kimura.ayaka"}},
	}
)
