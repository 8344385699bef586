package ocrset

import (
	"fmt"
	"math"
	"strings"
)

// vgen builds the content of one varied page and estimates the window it
// needs. The estimates are generous (wide glyphs, bold headings): the
// layout check in the browser fails on any clipped line, so a window too
// small would stop the build.
type vgen struct {
	r          *rng
	lang, kind string
	family     string
	px         int
	lh         float64
	field      int
	mono       bool
	o          org
	others     []org
	people     []person
	tokens     []string
}

// t returns the English or the Japanese text.
func (g *vgen) t(en, ja string) string {
	if g.lang == "jpn" {
		return ja
	}
	return en
}

// key records a key token (once) and returns it.
func (g *vgen) key(s string) string {
	for _, t := range g.tokens {
		if t == s {
			return s
		}
	}
	g.tokens = append(g.tokens, s)
	return s
}

// tw estimates the width in px of s at size px (bold: 10 % wider).
func (g *vgen) twAt(s string, px float64, bold bool) int {
	em := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80 || r == '¥':
			em += 1.0
		case g.mono:
			em += 0.62
		case r == ' ':
			em += 0.34
		case strings.ContainsRune("iljtf.,:;'!|I()[]/\\-", r):
			em += 0.4
		case strings.ContainsRune("mwMW@%", r):
			em += 1.0
		case r >= 'A' && r <= 'Z':
			em += 0.78
		default:
			em += 0.64
		}
	}
	f := 1.08
	if bold {
		f *= 1.1
	}
	return int(math.Ceil(em*px*f)) + 4
}

// tw estimates the width of s in the page's text size.
func (g *vgen) tw(s string) int { return g.twAt(s, float64(g.px), false) }

// twMax is the widest of texts.
func (g *vgen) twMax(texts ...string) int {
	w := 0
	for _, s := range texts {
		w = max(w, g.tw(s))
	}
	return w
}

// lp is the height of one text line.
func (g *vgen) lp() int { return int(math.Ceil(float64(g.px) * g.lh)) }

// h1 and h2 are the heights of headings with their margins.
func (g *vgen) h1() int { return int(math.Ceil(1.5*float64(g.px)*g.lh)) + 18 }
func (g *vgen) h2() int { return int(math.Ceil(1.15*float64(g.px)*g.lh)) + 18 }

// rowH is the height of a table row.
func (g *vgen) rowH() int { return g.lp() + 8 }

// cols returns column widths that fit header and rows.
func (g *vgen) cols(header []string, rows [][]string, slack int) []int {
	n := len(header)
	for _, r := range rows {
		n = max(n, len(r))
	}
	w := make([]int, n)
	for i := range n {
		if i < len(header) {
			w[i] = g.tw(header[i])
		}
		for _, r := range rows {
			if i < len(r) {
				w[i] = max(w[i], g.tw(r[i]))
			}
		}
		w[i] += slack
	}
	return w
}

// sum adds the widths.
func sum(ws []int) int {
	s := 0
	for _, w := range ws {
		s += w
	}
	return s
}

// navW is the width of a navigation pane that fits items.
func (g *vgen) navW(items []string) int {
	w := 0
	for _, it := range items {
		w = max(w, g.twAt(strings.TrimPrefix(it, "#"), float64(g.px), true))
	}
	return w + 28 + 21 + 12
}

// chromeH is the height of the browser tab strip and address bar.
func (g *vgen) chromeH() int { return g.lp() + 18 + max(34, g.field+10) }

// url returns an intranet URL of the organisation.
func (g *vgen) url(sub string, paths ...string) string {
	scheme := pick(g.r, []string{"https://", "https://", "http://"})
	return scheme + sub + "." + g.o.Domain + "/" + pick(g.r, paths)
}

// depts are department names.
func (g *vgen) dept() string {
	return pick(g.r, []string{g.t("Finance", "経理部"), g.t("Sales", "営業部"), g.t("IT Operations", "情報システム部"),
		g.t("Human Resources", "人事部"), g.t("Purchasing", "購買部"), g.t("Legal", "法務部"), g.t("Engineering", "設計部")})
}

func (g *vgen) portal() (screen, int, int) {
	o := g.o
	url := g.key(g.url(pick(g.r, []string{"portal", "intra", "www-int", "home"}), "directory", "staff/index", "people?dept=all", "top"))
	unc, _ := o.unc(g.r, g.lang, g.r.Chance(1, 2), 1)
	g.key(unc)
	nav := []string{"#" + g.t("Menu", "メニュー"), g.t("Home", "ホーム"), g.t("News", "お知らせ"), g.t("Directory", "社員名簿"),
		g.t("Documents", "文書管理"), g.t("Expenses", "経費精算"), g.t("IT help", "ITヘルプ")}
	header := []string{g.t("Name", "氏名"), g.t("Department", "部署"), g.t("E-mail", "メール"), g.t("Employee no.", "社員番号")}
	var rows [][]string
	nrows := g.r.Between(5, 8)
	for i := range nrows {
		p := g.people[i%len(g.people)]
		id := ident(g.r, "employee")
		if i < 2 {
			g.key(p.Email)
			g.key(id)
		}
		rows = append(rows, []string{p.Name, g.dept(), p.Email, id})
	}
	brand := g.key(o.Name) + g.t(" Intranet", " 社内ポータル")
	user := g.people[0].Name
	heading := g.t("Staff directory", "社員名簿")
	notes := []string{g.t("Department share: ", "部門共有フォルダ: ") + unc, g.t("Updated ", "更新日 ") + date(g.r, g.lang)}
	help := "helpdesk@" + o.Domain
	g.key(help)
	box := []string{g.t("IT service desk: ", "ITサービスデスク: ") + help, g.t("Ext. ", "内線 ") + fmt.Sprint(g.r.Between(2000, 7999))}
	footer := "© " + fmt.Sprint(g.r.Between(2021, 2025)) + " " + o.Name
	widths := g.cols(header, rows, 22)
	navw := g.navW(nav)
	content := max(sum(widths), g.twMax(notes...), g.twAt(heading, 1.5*float64(g.px), true), g.twMax(box...)+30)
	w := max(navw+content+40, g.twAt(brand, float64(g.px), true)+g.tw(user)+70, g.tw(url)+110)
	left := len(nav)*(g.lp()+10) + 30
	right := 20 + g.h1() + len(notes)*g.lp() + 8 + (len(rows)+1)*g.rowH() + 14 + 18 + (len(box)+1)*g.lp() + 20
	h := g.chromeH() + 44 + max(left, right) + 26
	s := PortalSpec{Tab: g.t("Intranet", "社内ポータル"), URL: url, Brand: brand, User: user, Nav: nav, NavSel: 3,
		Heading: heading, Notes: notes, Widths: widths, Header: header, Rows: rows,
		BoxTitle: g.t("Contact", "お問い合わせ"), BoxLines: box, Footer: footer,
		BrandColor: pick(g.r, []string{"#0f5ea8", "#6b2d8c", "#1d6b4f", "#8c2d2d", "#2d4f8c"}), SidebarWidth: navw}
	return s, w, h
}

func (g *vgen) inbox() (screen, int, int) {
	o := g.o
	me := g.people[0]
	g.key(me.Email)
	folders := []string{"#" + me.Email, g.t("Inbox", "受信トレイ"), g.t("Sent", "送信済み"), g.t("Drafts", "下書き"),
		g.t("Archive", "アーカイブ"), g.t("Deleted", "削除済み")}
	header := []string{g.t("From", "差出人"), g.t("Subject", "件名"), g.t("Received", "受信日時")}
	subjects := []string{g.t("Quarterly report", "四半期報告"), g.t("Order confirmation ", "注文確認 "), g.t("Meeting notes", "会議メモ"),
		g.t("Invoice ", "請求書 "), g.t("Password reset", "パスワード再設定"), g.t("Shipping schedule", "出荷予定"), g.t("Contract review", "契約書確認")}
	var rows [][]string
	n := g.r.Between(6, 10)
	for i := range n {
		var from string
		if i%3 == 1 {
			from = g.others[i%len(g.others)].Name
			if i < 3 {
				g.key(from)
			}
		} else {
			from = g.people[1+i%(len(g.people)-1)].Name
		}
		subj := pick(g.r, subjects)
		if strings.HasSuffix(subj, " ") {
			id := ident(g.r, pick(g.r, []string{"order", "invoice"}))
			subj += id
			if i < 4 {
				g.key(id)
			}
		}
		rows = append(rows, []string{from, subj, date(g.r, g.lang) + " " + clock(g.r)})
	}
	sender := g.people[2]
	g.key(sender.Email)
	preview := []string{rows[0][1], g.t("From: ", "差出人: ") + sender.Name + " <" + sender.Email + ">",
		g.t("To: ", "宛先: ") + me.Email}
	unc, _ := o.unc(g.r, g.lang, g.r.Chance(1, 2), 1)
	body := []string{g.t("Hello,", "お疲れ様です。"), g.t("please find the files on:", "資料は以下に置きました:"), g.key(unc),
		g.t("Regards,", "よろしくお願いします。"), sender.Name, o.Name}
	g.key(o.Name)
	widths := g.cols(header, rows, 22)
	fw := g.navW(folders)
	pw := g.twMax(append(preview, body...)...) + 40
	pw = max(pw, g.twAt(preview[0], 1.15*float64(g.px), true)+40)
	title := g.t("Mail - ", "メール - ") + me.Email
	toolbar := []string{g.t("New", "新規作成"), g.t("Reply", "返信"), g.t("Forward", "転送"), g.t("Delete", "削除")}
	status := []string{g.t("Connected to ", "接続先 ") + "mail." + o.Domain, fmt.Sprint(n) + g.t(" items", " 件")}
	g.key("mail." + o.Domain)
	w := fw + sum(widths) + 40 + pw
	w = max(w, g.tw(strings.Join(status, "   "))+80, g.tw(strings.Join(toolbar, "    "))+120)
	left := len(folders)*(g.lp()+10) + 30
	mid := 20 + g.h2() + (n+1)*g.rowH()
	right := 20 + g.h2() + (len(preview)-1)*g.lp() + 12 + len(body)*g.lp()
	h := 30 + 34 + max(left, mid, right) + 26 + 20
	s := InboxSpec{Title: title, Toolbar: toolbar, Folders: folders, FolderSel: 1, ListTitle: g.t("Inbox", "受信トレイ"),
		Widths: widths, Header: header, Rows: rows, Selected: 0, Preview: preview, PreviewBody: body, Status: status,
		FolderWidth: fw, PreviewWidth: pw}
	return s, w, h
}

func (g *vgen) mail() (screen, int, int) {
	o, other := g.o, g.others[0]
	from := g.people[1]
	to := g.people[0]
	ext := newPerson(g.r, g.lang, other)
	order := g.key(ident(g.r, "order"))
	subject := g.t("Re: Order ", "Re: 注文書 ") + order
	g.key(from.Email)
	g.key(to.Email)
	g.key(ext.Email)
	headers := [][2]string{{g.t("From", "差出人"), from.Name + " <" + from.Email + ">"}, {g.t("To", "宛先"), to.Email},
		{g.t("Cc", "CC"), ext.Email}, {g.t("Date", "日付"), date(g.r, g.lang) + " " + clock(g.r)}}
	attach := []string{g.t("quotation_", "見積書_") + order + ".xlsx"}
	url := g.key(g.url(pick(g.r, []string{"erp", "sap", "order", "portal"}), "po/view", "orders/list", "app/po"))
	body := []string{
		g.t("Dear ", "") + to.Name + g.t(",", " 様"),
		"",
		g.t("thank you for the order from ", "") + g.key(other.Name) + g.t(" today", " 様からのご注文について連絡します。"),
		g.t("The order is registered at ", "注文は次で確認できます: ") + url,
		"",
		"--",
		from.Name,
		g.key(o.Name) + " " + g.dept(),
		g.t("Tel ", "電話 ") + fmt.Sprintf("0%d-%04d-%04d", g.r.Between(3, 9), g.r.Intn(10000), g.r.Intn(10000)),
	}
	status := []string{g.t("Connected", "接続済み")}
	texts := []string{}
	for _, h := range headers {
		texts = append(texts, h[1])
	}
	texts = append(texts, body...)
	w := max(g.twMax(texts...)+130, g.twAt(subject, 1.5*float64(g.px), true)+60, g.twMax(attach...)+60) + 56
	h := 30 + 34 + 28 + g.h1() + len(headers)*(g.lp()+6) + 16 + len(attach)*g.lp() + 18 + 22 + len(body)*g.lp() + 26 + 30
	s := MailSpec{Title: subject + " - " + g.t("Message", "メッセージ"), Toolbar: []string{g.t("Reply", "返信"), g.t("Forward", "転送")},
		Subject: subject, Headers: headers, Attach: attach, Body: body, Status: status}
	w = max(w, g.tw(s.Title)+90)
	return s, w, h
}

func (g *vgen) explorer() (screen, int, int) {
	o := g.o
	netbios := g.r.Chance(1, 2)
	path, host := o.unc(g.r, g.lang, netbios, g.r.Between(1, 2))
	g.key(path)
	g.key(host)
	tree := []string{"#" + g.t("Network", "ネットワーク"), host, pick(g.r, shareNames)}
	folders := jpnFolders
	if g.lang == "eng" {
		folders = engFolders
	}
	for i := range 3 {
		tree = append(tree, folders[(i*3+g.r.Intn(3))%len(folders)])
	}
	header := []string{g.t("Name", "名前"), g.t("Date modified", "更新日時"), g.t("Type", "種類"), g.t("Size", "サイズ")}
	var rows [][]string
	var kinds []bool
	n := g.r.Between(6, 11)
	for i := range n {
		if i < 2 {
			rows = append(rows, []string{pick(g.r, folders), date(g.r, g.lang) + " " + clock(g.r), g.t("File folder", "ファイル フォルダー"), ""})
			kinds = append(kinds, true)
			continue
		}
		var name string
		switch i % 4 {
		case 0:
			name = g.t("Quotation_", "見積書_") + g.key(g.others[i%3].Name) + ".xlsx"
		case 1:
			name = ident(g.r, "customer") + g.t("_customers.csv", "_顧客一覧.csv")
		case 2:
			name = g.t("Contract_", "契約書_") + g.o.Short + "_" + fmt.Sprint(g.r.Between(2019, 2025)) + ".pdf"
		default:
			name = g.t("minutes_", "議事録_") + date(g.r, "eng") + ".docx"
		}
		size := fmt.Sprintf("%d KB", g.r.Between(12, 9000))
		rows = append(rows, []string{name, date(g.r, g.lang) + " " + clock(g.r), g.t("File", "ファイル"), size})
		kinds = append(kinds, false)
	}
	status := []string{fmt.Sprint(n) + g.t(" items", " 個の項目"), g.t("Connected as ", "接続ユーザー ") + o.Realm + `\` + g.people[0].Login}
	g.key(o.Realm + `\` + g.people[0].Login)
	widths := g.cols(header, rows, 22)
	widths[0] += 24 // icon
	ribbon := []string{g.t("File", "ファイル"), g.t("Home", "ホーム"), g.t("Share", "共有"), g.t("View", "表示")}
	title := path
	w := max(250+sum(widths)+40, g.tw(path)+24+220+80, 250+g.tw(strings.Join(status, "   "))+60)
	// The tree pane is 250 px wide: its entries must fit.
	var fit []string
	for _, t := range tree {
		if g.twAt(t, float64(g.px), true)+50 <= 250 {
			fit = append(fit, t)
		}
	}
	tree = fit
	left := len(tree)*(g.lp()+10) + 30
	right := 20 + (n+1)*g.rowH()
	h := 30 + 34 + max(34, g.field+10) + max(left, right) + 26 + 20
	s := ExplorerSpec{Title: title, Ribbon: ribbon, Path: path, Tree: tree, TreeSe: 2, Widths: widths, Header: header,
		Rows: rows, Kinds: kinds, Status: status}
	return s, w, h
}

func (g *vgen) erp() (screen, int, int) {
	o, sup := g.o, g.others[0]
	order := g.key(ident(g.r, "order"))
	emp := g.key(ident(g.r, "employee"))
	buyer := g.people[0]
	g.key(buyer.Email)
	g.key(sup.Name)
	g.key(o.Name)
	fields := [][2]string{
		{g.t("Order no.", "注文番号"), order}, {g.t("Order date", "発注日"), date(g.r, g.lang)},
		{g.t("Supplier", "仕入先"), sup.Name}, {g.t("Supplier code", "仕入先コード"), ident(g.r, "customer")},
		{g.t("Buyer", "担当者"), buyer.Name}, {g.t("Employee no.", "社員番号"), emp},
		{g.t("E-mail", "メール"), buyer.Email}, {g.t("Ship to", "納入先"), o.Name},
	}
	header := []string{g.t("Item", "品番"), g.t("Description", "品名"), g.t("Qty", "数量"), g.t("Amount", "金額")}
	items := [][]string{}
	descs := []string{g.t("Bearing unit", "軸受ユニット"), g.t("Control board", "制御基板"), g.t("Resin pellets", "樹脂ペレット"),
		g.t("Steel plate", "鋼板"), g.t("Sensor cable", "センサーケーブル"), g.t("Packing film", "梱包フィルム")}
	n := g.r.Between(3, 6)
	for range n {
		items = append(items, []string{fmt.Sprintf("%c%c-%04d", 'A'+g.r.Intn(26), 'A'+g.r.Intn(26), g.r.Intn(10000)),
			pick(g.r, descs), fmt.Sprint(g.r.Between(1, 500)), money(g.r, g.lang)})
	}
	totals := []string{g.t("Total ", "合計 ") + money(g.r, g.lang)}
	url := g.key(g.url(pick(g.r, []string{"erp", "sap", "scm", "order"}), "po/edit", "purchase/entry", "app/po/new"))
	labelW := 0
	fieldW := 0
	for _, f := range fields {
		labelW = max(labelW, g.tw(f[0]))
		fieldW = max(fieldW, g.tw(f[1])+14)
	}
	labelW += 6
	widths := g.cols(header, items, 22)
	brand := o.Name + " " + g.t("Purchasing", "購買システム")
	user := buyer.Name + " (" + emp + ")"
	menu := []string{g.t("Save", "保存"), g.t("Approve", "承認"), g.t("Print", "印刷"), g.t("Cancel", "取消")}
	title := g.t("Purchase order", "発注入力")
	w := max(2*(labelW+fieldW+10)+48+30, sum(widths)+60, g.twAt(brand, float64(g.px), true)+g.tw(user)+70, g.tw(url)+110)
	rowH := max(g.field, g.lp()) + 10
	h := g.chromeH() + 40 + 34 + 24 + g.h1() + 24 + (len(fields)+1)/2*rowH + (n+1)*g.rowH() + 10 + len(totals)*g.lp() + 26 + 20
	s := FormSpec{Tab: g.t("Purchasing", "購買"), URL: url, Brand: brand, User: user, Menu: menu, Title: title,
		LabelW: labelW, FieldW: fieldW, Fields: fields, Widths: widths, Header: header, Items: items, Totals: totals,
		Status: []string{g.t("Ready", "準備完了")}, BrandColor: pick(g.r, []string{"#354a5f", "#4a3561", "#2f5d50", "#5d432f"})}
	return s, w, h
}

func (g *vgen) table() (screen, int, int) {
	header := []string{g.t("Customer", "顧客名"), g.t("Contact", "担当者"), g.t("E-mail", "メールアドレス"), g.t("Customer ID", "顧客コード"), g.t("Since", "取引開始")}
	rows := [][]string{header}
	n := g.r.Between(8, 16)
	for i := range n {
		o := newOrg(g.r, g.lang)
		p := newPerson(g.r, g.lang, o)
		id := ident(g.r, "customer")
		if i < 3 {
			g.key(o.Name)
			g.key(p.Email)
			g.key(id)
		}
		rows = append(rows, []string{o.Name, p.Name, p.Email, id, date(g.r, g.lang)})
	}
	file := g.t("customers_", "顧客台帳_") + g.o.Short + ".xlsx"
	title := file + " - " + g.t("Spreadsheet", "表計算")
	g.key(g.o.Short)
	widths := g.cols(nil, rows, 18)
	tabs := []string{g.t("Customers", "顧客"), g.t("Orders", "受注"), g.t("Notes", "メモ")}
	share := `\\` + g.o.NetBIOS + `FS\` + pick(g.r, shareNames)
	status := []string{g.t("Saved to ", "保存先 ") + g.key(share)}
	menu := []string{g.t("File", "ファイル"), g.t("Edit", "編集"), g.t("View", "表示"), g.t("Insert", "挿入"), g.t("Data", "データ")}
	w := max(40+sum(widths)+40, g.tw(title)+80, g.tw(status[0])+60)
	h := 30 + 34 + max(28, g.field+6) + (n+2)*(g.lp()+4) + 28 + 26 + 30
	s := SheetSpec{Title: title, Menu: menu, CellRef: "A1", Formula: rows[0][0], Widths: widths, Rows: rows, Tabs: tabs, Status: status}
	return s, w, h
}

func (g *vgen) login() (screen, int, int) {
	o := g.o
	p := g.people[g.r.Intn(len(g.people))]
	url := g.key(g.url(pick(g.r, []string{"sso", "login", "auth", "idp"}), "login", "adfs/ls/?wa=wsignin1.0", "auth/realms/corp"))
	user := p.Email
	if g.r.Chance(1, 3) {
		user = o.Realm + `\` + p.Login
	}
	g.key(user)
	help := "it-support@" + o.Domain
	g.key(help)
	fields := []LoginField{{Label: g.t("User name", "ユーザー名"), Value: user}, {Label: g.t("Password", "パスワード"), Secret: true}}
	links := []string{g.t("Forgot your password? Contact ", "パスワードを忘れた場合: ") + help}
	brand := g.key(o.Name)
	title := g.t("Sign in to the intranet", "社内システムにサインイン")
	footer := "© " + fmt.Sprint(g.r.Between(2021, 2025)) + " " + o.Name + " · " + g.key(o.Domain)
	card := max(g.twAt(brand, 1.5*float64(g.px), true), g.tw(title), g.tw(user)+60, g.twMax(links...)) + 60
	w := max(card+100, g.tw(url)+110, g.tw(footer)+60)
	h := g.chromeH() + 60 + g.h1() + g.lp() + 2*(8+g.lp()+g.field+4) + 8 + g.lp() + 10 + g.lp() + 12 + len(links)*g.lp() + 60 + 26
	s := LoginSpec{Tab: g.t("Sign in", "サインイン"), URL: url, Brand: brand, Title: title, Fields: fields,
		Remember: g.t("Keep me signed in", "サインインしたままにする"), Button: g.t("Sign in", "サインイン"), Links: links, Footer: footer, CardW: card}
	return s, w, h
}

func (g *vgen) chat() (screen, int, int) {
	o := g.o
	unc, _ := o.unc(g.r, g.lang, g.r.Chance(1, 2), 1)
	host := o.fqdn(g.r, pick(g.r, []string{"vpn", "git", "jenkins", "wiki", "db01"}))
	lines := [][]string{
		{g.t("the files are on ", "ファイルはこちらです: ") + g.key(unc)},
		{g.t("VPN is ", "VPNの接続先は ") + g.key(host) + g.t(" from today", " です")},
		{g.t("ask ", "詳細は ") + g.key(g.people[3].Email) + g.t(" for access", " まで")},
		{g.t("order ", "注文 ") + g.key(ident(g.r, "order")) + g.t(" is for ", " は ") + g.key(g.others[0].Name) + g.t("", " 向けです")},
		{g.t("ok, thanks", "了解です"), g.t("I will check it tomorrow", "明日確認します")},
		{g.key(g.url(pick(g.r, []string{"wiki", "confluence", "docs"}), "display/IT/VPN", "pages/12345", "it/howto"))},
	}
	var bubbles []Bubble
	var msgs []Message
	for i, l := range lines {
		p := g.people[1+i%4]
		when := clock(g.r)
		bubbles = append(bubbles, Bubble{Who: p.Name, When: when, Text: l, Mine: i%4 == 3, Color: avatarColors[i%len(avatarColors)]})
		msgs = append(msgs, Message{Who: p.Name, When: when, Text: l, Color: avatarColors[i%len(avatarColors)]})
	}
	workspace := g.key(o.Name)
	var texts []string
	for _, l := range lines {
		texts = append(texts, l...)
	}
	status := []string{g.t("Online", "オンライン")}
	lineCount := 0
	for _, l := range lines {
		lineCount += len(l)
	}
	if g.r.Chance(1, 2) {
		convs := [][2]string{}
		for i := 1; i < 6; i++ {
			convs = append(convs, [2]string{g.people[i].Name, pick(g.r, []string{g.t("see you", "お疲れ様です"), g.t("thanks!", "ありがとうございます"), g.t("ok", "了解")})})
		}
		convs[0][0] = g.t("Project ", "プロジェクト ") + o.Short
		convW := 0
		for _, cv := range convs {
			convW = max(convW, g.twAt(cv[0], float64(g.px), true), g.tw(cv[1]))
		}
		convW += 28 + 10 + 20 + 10
		header := convs[0][0]
		sub := workspace
		w := convW + g.twMax(texts...) + 28 + 10 + 24 + 32 + 40
		w = max(w, convW+g.twAt(header, float64(g.px), true)+g.tw(sub)+60)
		left := len(convs)*(2*g.lp()+12) + 12
		right := 20 + g.lp() + 20 + len(lines)*(16+g.lp()+14) + lineCount*g.lp() + 20 + g.field + 20
		h := 30 + max(left, right) + 26 + 20
		return BubbleChatSpec{Title: g.t("Messenger", "メッセンジャー") + " - " + workspace, Convs: convs, ConvW: convW,
			Header: header, Sub: sub, Bubbles: bubbles, Status: status}, w, h
	}
	channels := []string{"#" + g.t("Channels", "チャンネル"), "general", "it-support", strings.ToLower(strings.Fields(o.Short)[0]) + "-sales", "random"}
	if g.lang == "jpn" {
		channels[3] = "sales"
	}
	w := 250 + g.twMax(texts...) + 28 + 10 + 40 + 32
	chName := "#it-support"
	topic := g.t("Questions about VPN and shares", "VPNと共有フォルダの質問")
	w = max(w, 250+g.tw(chName+" "+topic)+60)
	left := 20 + g.lp() + len(channels)*(g.lp()+10) + 20
	right := 20 + g.lp() + len(lines)*(20+g.lp()) + lineCount*g.lp() + 40 + 20
	h := 30 + max(left, right) + 26 + 20
	return ChatSpec{Title: workspace + " - " + g.t("Chat", "チャット"), Workspace: workspace, Channels: channels, ChanSel: 2,
		Channel: chName, Topic: topic, Messages: msgs, Status: status}, w, h
}

func (g *vgen) console() (screen, int, int) {
	o := g.o
	url := g.key(g.url(pick(g.r, []string{"admin", "console", "mgmt", "ad"}), "servers", "admin/hosts", "computers"))
	nav := []string{"#" + g.t("Administration", "管理"), g.t("Servers", "サーバー"), g.t("Users", "ユーザー"), g.t("Groups", "グループ"), g.t("Audit log", "監査ログ")}
	header := []string{g.t("Host", "ホスト名"), g.t("Address", "IPアドレス"), g.t("Role", "役割"), g.t("Status", "状態")}
	roles := []string{g.t("File server", "ファイルサーバー"), g.t("Domain controller", "ドメインコントローラー"), g.t("Mail", "メール"), g.t("Database", "データベース"), g.t("Web", "Web")}
	var rows [][]string
	n := g.r.Between(4, 8)
	var hosts []string
	for i := range n {
		var host string
		if i%3 == 2 {
			host = o.NetBIOS + fmt.Sprintf("-SV%02d", i)
		} else {
			host = o.fqdn(g.r, pick(g.r, []string{"dc", "fs", "mx", "db", "web", "app"})+fmt.Sprintf("%02d", i+1))
		}
		hosts = append(hosts, host)
		if i < 3 {
			g.key(host)
		}
		rows = append(rows, []string{host, fmt.Sprintf("10.%d.%d.%d", g.r.Intn(256), g.r.Intn(256), g.r.Between(2, 254)),
			pick(g.r, roles), pick(g.r, []string{g.t("Running", "稼働中"), g.t("Running", "稼働中"), g.t("Stopped", "停止")})})
	}
	admin := o.Realm + `\` + g.people[0].Login
	g.key(admin)
	log := []string{
		fmt.Sprintf("%s %s logon %s from %s", date(g.r, "eng"), clock(g.r), admin, hosts[0]),
		fmt.Sprintf("%s %s share %s mounted", date(g.r, "eng"), clock(g.r), `\\`+o.NetBIOS+`FS\`+pick(g.r, shareNames)),
		fmt.Sprintf("%s %s backup of %s done", date(g.r, "eng"), clock(g.r), hosts[1]),
	}
	summary := []string{g.t("Servers ", "サーバー ") + fmt.Sprint(n), g.t("Alerts ", "警告 ") + fmt.Sprint(g.r.Intn(5))}
	brand := g.key(o.Name) + g.t(" Admin Center", " 管理センター")
	user := admin
	widths := g.cols(header, rows, 22)
	navw := max(220, g.navW(nav))
	logW := 0
	saveMono, savePx := g.mono, g.px
	g.mono, g.px = true, 12
	for _, l := range log {
		logW = max(logW, g.tw(l))
	}
	g.mono, g.px = saveMono, savePx
	w := 220 + max(sum(widths), logW+30, g.twAt(g.t("Servers", "サーバー一覧"), 1.5*float64(g.px), true)) + 40
	w = max(w, g.twAt(brand, float64(g.px), true)+g.tw(user)+70, g.tw(url)+110)
	// ConsoleSpec's navigation pane is 220 px wide: its entries must fit.
	if navw > 220 {
		nav = []string{g.t("Servers", "サーバー"), g.t("Users", "ユーザー")}
	}
	logH := len(log)*int(math.Ceil(12*g.lh)) + 30
	h := g.chromeH() + 42 + 20 + g.h1() + g.lp() + 16 + (n+1)*g.rowH() + g.h2() + logH + 26 + 30
	s := ConsoleSpec{Tab: g.t("Admin", "管理"), URL: url, Brand: brand, User: user, Nav: nav, NavSel: 1,
		Heading: g.t("Servers", "サーバー一覧"), Summary: summary, Widths: widths, Header: header, Rows: rows,
		LogTitle: g.t("Recent events", "最近のイベント"), Log: log, Status: []string{g.t("Last sync ", "最終同期 ") + clock(g.r)}}
	return s, w, h
}
