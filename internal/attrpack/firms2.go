package attrpack

import "time"

// Zones of the second round's subsidiaries abroad.
var (
	sgt = time.FixedZone("SGT", 8*60*60)
	kst = time.FixedZone("KST", 9*60*60)
)

// The fictional firms of the second round, profiled in orgs.yaml: an
// insurer, a printer, a railway, a regional bank, a cosmetics group
// with subsidiaries in Korea and France, a shipbuilding group with
// subsidiaries in Singapore and Vietnam, a builder, their suppliers and
// vendors, a law firm, an audit firm, an MSP, a payroll bureau, a CRM
// vendor and a bakery brand.
var (
	hoshikage = firm{
		company: "星影損害保険株式会社", domain: "hoshikage-sonpo.co.jp", share: `\\hk-fs01.hoshikage-sonpo.co.jp\損害サービス部\様式\`,
		mbx: "hk-mbx03.hoshikage-sonpo.co.jp", mbxIP: "10.60.3.13", gw: "mx2.hoshikage-sonpo.co.jp", zone: jst,
		staff: []staff{{"宇津木 渉", "Wataru Utsugi", "utsugi.w"}, {"芹沢 朋美", "Tomomi Serizawa", "serizawa.t"},
			{"鬼塚 直哉", "Naoya Onizuka", "onizuka.n"}, {"久遠 紗希", "Saki Kuon", "kuon.s"}},
	}
	sumizome = firm{
		company: "墨染印刷株式会社", domain: "sumizome-print.co.jp", share: `\\smfs01.sumizome-print.co.jp\製造管理\様式\`,
		mbx: "smz-mail01.sumizome-print.co.jp", mbxIP: "192.168.100.21", gw: "mail.sumizome-print.co.jp", zone: jst,
		staff: []staff{{"墨田 一誠", "Issei Sumida", "sumida"}, {"灰谷 千景", "Chikage Haitani", "haitani"},
			{"刷子 大悟", "Daigo Hakeko", "hakeko"}, {"朱野 りん", "Rin Akeno", "akeno"}},
	}
	kazahana = firm{
		company: "風花鉄道株式会社", domain: "kazahana-rail.co.jp", share: `\\kzfs02.kazahana-rail.co.jp\施設部\様式\`,
		mbx: "kz-exmbx01.kazahana-rail.co.jp", mbxIP: "10.24.1.31", gw: "mx.kazahana-rail.co.jp", zone: jst,
		staff: []staff{{"沢渡 伶", "Rei Sawatari", "sawatari.r"}, {"真柴 悠", "Yu Mashiba", "mashiba.y"},
			{"轍 圭吾", "Keigo Wadachi", "wadachi.k"}, {"峰岸 葉月", "Hazuki Minegishi", "minegishi.h"}},
	}
	tsukikusa = firm{
		company: "月草信用金庫", domain: "tsukikusa-shinkin.co.jp", share: `\\tkfs02.tsukikusa-shinkin.co.jp\融資部\様式\`,
		mbx: "tk-mail02.tsukikusa-shinkin.co.jp", mbxIP: "10.2.20.12", gw: "gw.tsukikusa-shinkin.co.jp", zone: jst,
		staff: []staff{{"露木 亘", "Wataru Tsuyuki", "tsuyuki"}, {"初音 美里", "Misato Hatsune", "hatsune"},
			{"庄司 航平", "Kohei Shoji", "shoji-k"}},
	}
	yukishiro = firm{
		company: "雪代化粧品株式会社", domain: "yukishiro-cosme.co.jp", share: `\\ykfs01.yukishiro-cosme.co.jp\品質管理\テンプレート\`,
		mbx: "yk-mbx01.yukishiro-cosme.co.jp", mbxIP: "10.19.0.41", gw: "mx.yukishiro-cosme.co.jp", zone: jst,
		staff: []staff{{"葉山 湊", "Minato Hayama", "k.hayama"}, {"雪村 透子", "Toko Yukimura", "t.yukimura"},
			{"白露 航", "Wataru Hakuro", "w.hakuro"}, {"氷見 沙耶", "Saya Himi", "s.himi"}},
	}
	yukishiroKR = firm{
		company: "유키시로코리아 주식회사", domain: "yukishiro.co.kr", share: `\\sel-fs01.yukishiro.co.kr\영업\서식\`,
		mbx: "sel-mail01.yukishiro.co.kr", mbxIP: "10.82.0.7", gw: "mx.yukishiro.co.kr", zone: kst, utf8: true,
		staff: []staff{{"김 서연", "Kim Seoyeon", "seoyeon.kim"}, {"박 지훈", "Park Jihoon", "jihoon.park"}, {"이 하은", "Lee Haeun", "haeun.lee"}},
	}
	yukishiroFR = firm{
		company: "Yukishiro France SAS", domain: "yukishiro.fr", share: `\\par-fs01.yukishiro.fr\Marketing\Modeles\`,
		mbx: "par-mail01.yukishiro.fr", mbxIP: "10.33.0.9", gw: "mx.yukishiro.fr", zone: cet, latin: true,
		staff: []staff{{"", "Camille Fournel", "c.fournel"}, {"", "Julien Marchetti", "j.marchetti"}, {"", "Aiko Dubreuil", "a.dubreuil"}},
	}
	mizuchi = firm{
		company: "蛟造船株式会社", domain: "mizuchi-zosen.co.jp", share: `\\mzfs01.mizuchi-zosen.co.jp\設計本部\様式\`,
		mbx: "mz-exch02.mizuchi-zosen.co.jp", mbxIP: "10.50.2.22", gw: "mail.mizuchi-zosen.co.jp", zone: jst,
		staff: []staff{{"潮田 剛", "Tsuyoshi Shioda", "shioda.t"}, {"舳倉 優衣", "Yui Hekura", "hekura.y"},
			{"錨 健司", "Kenji Ikari", "ikari.k"}, {"波佐見 遥", "Haruka Hasami", "hasami.h"}},
	}
	mizuchiSG = firm{
		company: "Mizuchi Marine Asia Pte. Ltd.", domain: "mizuchi-marine.com.sg", share: `\\sg-fs01.mizuchi-marine.com.sg\Repair\Templates\`,
		mbx: "sg-mail01.mizuchi-marine.com.sg", mbxIP: "10.65.0.11", gw: "mx.mizuchi-marine.com.sg", zone: sgt, latin: true,
		staff: []staff{{"", "Darren Goh", "darren.goh"}, {"", "Priyanka Nair", "priyanka.nair"}, {"", "Kaito Shioda", "kaito.shioda"}},
	}
	mizuchiVN = firm{
		company: "Mizuchi Shipyard Vietnam Co., Ltd.", domain: "mizuchi.com.vn", share: `\\hp-fs01.mizuchi.com.vn\Production\Templates\`,
		mbx: "hp-mail01.mizuchi.com.vn", mbxIP: "10.84.0.5", gw: "mx.mizuchi.com.vn", zone: ict, latin: true,
		staff: []staff{{"", "Nguyen Van Long", "long.nv"}, {"", "Tran Thi Mai", "mai.tt"}, {"", "Daisuke Ikari", "daisuke.ikari"}},
	}
	fumizuki = firm{
		company: "文月建設株式会社", domain: "fumizuki-kensetsu.co.jp", share: `\\fzfs01.fumizuki-kensetsu.co.jp\工事部\様式\`,
		mbx: "fz-mbx01.fumizuki-kensetsu.co.jp", mbxIP: "10.70.1.15", gw: "mx.fumizuki-kensetsu.co.jp", zone: jst,
		staff: []staff{{"現王園 剛", "Tsuyoshi Genouzono", "genouzono"}, {"梁瀬 真琴", "Makoto Yanase", "yanase"},
			{"礎 大和", "Yamato Ishizue", "ishizue"}, {"佐丸 ひかり", "Hikari Samaru", "samaru"}},
	}
	oboro = firm{
		company: "株式会社朧バルブ製作所", domain: "oboro-valve.co.jp", share: `\\obfs01.oboro-valve.co.jp\品質保証\様式\`,
		mbx: "ob-mail.oboro-valve.co.jp", mbxIP: "192.168.40.5", gw: "mx.oboro-valve.co.jp", zone: jst,
		staff: []staff{{"霞 晴彦", "Haruhiko Kasumi", "kasumi.h"}, {"月代 さくら", "Sakura Tsukishiro", "tsukishiro.s"}},
	}
	kohaku = firm{
		company: "琥珀計測器株式会社", domain: "kohaku-keisoku.co.jp", share: `\\kh-fs01.kohaku-keisoku.co.jp\サービス部\様式\`,
		mbx: "kh-mbx.kohaku-keisoku.co.jp", mbxIP: "10.45.0.8", gw: "mx.kohaku-keisoku.co.jp", zone: jst,
		staff: []staff{{"琴吹 誠", "Makoto Kotobuki", "kotobuki"}, {"汐入 彩", "Aya Shioiri", "shioiri"}, {"羽鳥 陸", "Riku Hatori", "hatori"}},
	}
	shirotae = firm{
		company: "白妙製紙株式会社", domain: "shirotae-paper.co.jp", share: `\\stfs.shirotae-paper.co.jp\営業\様式\`,
		mbx: "st-mbx.shirotae-paper.co.jp", mbxIP: "10.27.0.4", gw: "mx.shirotae-paper.co.jp", zone: jst,
		staff: []staff{{"楮本 修", "Osamu Kozomoto", "kozomoto"}, {"三椏 玲奈", "Rena Mitsumata", "mitsumata"}},
	}
	amagumo = firm{
		company: "雨雲システムズ株式会社", domain: "amagumo-sys.co.jp", share: `\\amg-fs01.amagumo-sys.co.jp\運用サービス\テンプレート\`,
		mbx: "amg-mbx01.amagumo-sys.co.jp", mbxIP: "10.91.0.20", gw: "mx.amagumo-sys.co.jp", zone: jst,
		staff: []staff{{"時雨 拓海", "Takumi Shigure", "shigure"}, {"五月雨 結", "Yui Samidare", "samidare"},
			{"霧生 駿", "Shun Kiryu", "kiryu"}, {"監視センター", "NOC", "noc"}},
	}
	rowanbury = firm{
		company: "Rowanbury Ikuta Law Offices", domain: "rowanbury-ikuta.jp", share: `\\rik-dms01.rowanbury-ikuta.jp\Matters\Templates\`,
		mbx: "rik-mbx01.rowanbury-ikuta.jp", mbxIP: "10.6.0.12", gw: "mx.rowanbury-ikuta.jp", zone: jst,
		staff: []staff{{"生田 聡一郎", "Soichiro Ikuta", "s.ikuta"}, {"Helena Rowanbury", "Helena Rowanbury", "h.rowanbury"}, {"鷺沼 杏", "An Saginuma", "a.saginuma"}},
	}
	kestrelford = firm{
		company: "ケストレルフォード監査法人", domain: "kestrelford.jp", share: `\\kf-audit01.kestrelford.jp\Engagements\Templates\`,
		mbx: "kf-mbx01.kestrelford.jp", mbxIP: "10.7.1.30", gw: "mx.kestrelford.jp", zone: jst,
		staff: []staff{{"鷹取 慎吾", "Shingo Takatori", "takatori.s"}, {"鴇田 菜摘", "Natsumi Tokita", "tokita.n"}, {"隼田 蒼", "Aoi Hayata", "hayata.a"}},
	}
	sazanka = firm{
		company: "山茶花ペイロールサービス株式会社", domain: "sazanka-payroll.co.jp", share: `\\szk-fs01.sazanka-payroll.co.jp\給与計算\様式\`,
		mbx: "szk-mbx01.sazanka-payroll.co.jp", mbxIP: "10.16.0.9", gw: "mx.sazanka-payroll.co.jp", zone: jst,
		staff: []staff{{"椿 千尋", "Chihiro Tsubaki", "tsubaki"}, {"楠木 誠", "Makoto Kusunoki", "kusunoki"}, {"茶谷 里奈", "Rina Chatani", "chatani"}},
	}
	parlantis = firm{
		company: "Parlantis K.K.", domain: "parlantis-crm.com", latin: true, zone: jst,
		mbx: "export-mta1.parlantis-crm.com", mbxIP: "10.230.0.6", gw: "out.parlantis-crm.com",
		staff: []staff{{"", "Parlantis CRM", "no-reply"}},
	}
	kokage = firm{
		company: "株式会社木陰ベーカリー", domain: "kokage-bakery.co.jp", share: `\\kgb-fs01.kokage-bakery.co.jp\加盟店支援\書式\`,
		mbx: "kgb-mbx01.kokage-bakery.co.jp", mbxIP: "10.58.0.3", gw: "mx.kokage-bakery.co.jp", zone: jst,
		staff: []staff{{"麦島 薫", "Kaoru Mugishima", "mugishima"}, {"粉川 陽", "Hinata Kokawa", "kokawa"}},
	}
)

// Firms of the second round outside the catalogue: a bakery
// franchisee, a convenience-store franchisee, a heavy-haul carrier and
// a design office, known only by their own files.
var (
	yuzutsu = firm{
		company: "株式会社夕星フーズ", domain: "yuzutsu-foods.jp", share: `\\nas01.yuzutsu-foods.jp\店舗共有\`,
		mbx: "mail.yuzutsu-foods.jp", mbxIP: "192.168.11.5", gw: "mail.yuzutsu-foods.jp", zone: jst,
		staff: []staff{{"星野 夕子", "Yuko Hoshino", "yuko"}, {"宵宮 蓮", "Ren Yoimiya", "yoimiya"}, {"明石 岬", "Misaki Akashi", "akashi"}},
	}
	komadoriya = firm{
		company: "有限会社こまどり屋", domain: "komadoriya.co.jp", share: `\\KMD-NAS\事務所\`,
		mbx: "smtp.komadoriya.co.jp", mbxIP: "192.168.0.30", gw: "smtp.komadoriya.co.jp", zone: jst,
		staff: []staff{{"駒鳥 正", "Tadashi Komadori", "komadori"}, {"駒鳥 京子", "Kyoko Komadori", "kyoko"}, {"鶯谷 翔", "Sho Uguisudani", "uguisudani"}},
	}
	umibe = firm{
		company: "海辺海陸運送株式会社", domain: "umibe-kairiku.co.jp", share: `\\ubk-fs.umibe-kairiku.co.jp\重量物\様式\`,
		mbx: "ubk-mail.umibe-kairiku.co.jp", mbxIP: "192.168.5.10", gw: "mx.umibe-kairiku.co.jp", zone: jst,
		staff: []staff{{"浜崎 豪", "Go Hamasaki", "hamasaki"}, {"渚 すみれ", "Sumire Nagisa", "nagisa"}, {"磯貝 徹", "Toru Isogai", "isogai"}},
	}
	shigino = firm{
		company: "合同会社鴫野デザイン", domain: "shigino-design.jp", share: `\\shg-nas\works\`,
		mbx: "mail.shigino-design.jp", mbxIP: "192.168.3.2", gw: "mail.shigino-design.jp", zone: jst,
		staff: []staff{{"鴫野 遥人", "Haruto Shigino", "haruto"}, {"藤壺 瑞", "Mizu Fujitsubo", "mizu"}},
	}
)
