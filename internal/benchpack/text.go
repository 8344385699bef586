package benchpack

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"unicode/utf8"
)

// textPools holds the lines text files are drawn from. Copying pooled
// lines instead of formatting each one keeps text generation at memory
// speed; with hundreds of distinct lines and a running number on each,
// the result deflates about four to one, like real exports.
type textPools struct {
	csv, log, prose [][]byte
}

// Fictional name parts: no line names a real person.
var (
	familyNames = []string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
		"Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi",
		"Shimizu", "Mori", "Abe", "Ikeda", "Hashimoto", "Ishikawa", "Ogawa", "Okada", "Goto", "Hasegawa", "Murakami", "Kondo"}
	givenNames = []string{"Taro", "Hanako", "Kenji", "Yuki", "Haruto", "Aoi", "Sota", "Mei", "Riku", "Yui",
		"Daiki", "Sakura", "Kaito", "Hina", "Ren", "Akari", "Yuto", "Misaki", "Sho", "Nana"}
	domains  = []string{"example.com", "example.co.jp", "example.net", "mail.example.org", "corp.example.co.jp"}
	cities   = []string{"Tokyo", "Osaka", "Nagoya", "Sapporo", "Fukuoka", "Sendai", "Hiroshima", "Kobe", "Kyoto", "Yokohama"}
	products = []string{"resin-A12", "film-T40", "fiber-C7", "membrane-R3", "coating-X9", "sheet-P55", "module-M2"}
	services = []string{"auth", "billing", "crm", "mailgw", "vpn", "files", "erp", "hr-portal"}
	actions  = []string{"login", "logout", "download", "upload", "export", "approve", "reject", "search", "update"}
	subjects = []string{"The quarterly order volume", "Our supplier audit", "The revised price list", "Next month's shipment plan",
		"The maintenance contract", "The project schedule", "The inventory count", "The customer survey"}
	verbs   = []string{"was approved by", "needs review from", "was sent to", "is awaiting", "was updated for", "was discussed with"}
	objects = []string{"the purchasing team", "the plant manager", "the regional office", "the finance department",
		"the vendor", "the board", "the logistics group", "the quality team"}
	jpSubject = []string{"見積書の件", "月次報告", "出荷計画", "品質監査", "契約更新", "在庫確認", "価格改定", "会議議事録"}
	jpTail    = []string{"について確認をお願いします。", "を添付いたします。", "は来週までに提出予定です。", "の修正版を共有します。"}
)

func newTextPools(r *rand.Rand) *textPools {
	p := &textPools{}
	pickOf := func(list []string) string { return list[r.IntN(len(list))] }
	for range 1024 {
		fam, giv := pickOf(familyNames), pickOf(givenNames)
		p.csv = append(p.csv, fmt.Appendf(nil, "%s %s,%s.%s%d@%s,+81-%d-%04d-%04d,%s,%s,%d,%d.%02d,2021-%02d-%02d\n",
			giv, fam, lower(giv), lower(fam), r.IntN(100), pickOf(domains),
			3+r.IntN(7), r.IntN(10000), r.IntN(10000), pickOf(cities), pickOf(products),
			1+r.IntN(500), r.IntN(100000), r.IntN(100), 1+r.IntN(12), 1+r.IntN(28)))
	}
	for range 512 {
		p.log = append(p.log, fmt.Appendf(nil, "%s [%s] host=app%02d.corp.example.co.jp user=%s.%s action=%s status=%d bytes=%d\n",
			[]string{"INFO ", "INFO ", "INFO ", "WARN ", "DEBUG"}[r.IntN(5)], pickOf(services), 1+r.IntN(12),
			lower(pickOf(givenNames)), lower(pickOf(familyNames)), pickOf(actions),
			[]int{200, 200, 200, 302, 403, 404, 500}[r.IntN(7)], r.IntN(1<<20)))
	}
	for range 256 {
		if r.IntN(3) == 0 {
			p.prose = append(p.prose, fmt.Appendf(nil, "%s%s %s %s\n", pickOf(jpSubject), pickOf(jpTail), pickOf(familyNames), pickOf(givenNames)))
			continue
		}
		p.prose = append(p.prose, fmt.Appendf(nil, "%s %s %s %s on %s %d. Contact %s.%s@%s.\n",
			pickOf(subjects), pickOf(verbs), pickOf(objects), pickOf(familyNames), pickOf(cities), 1+r.IntN(28),
			lower(pickOf(givenNames)), lower(pickOf(familyNames)), pickOf(domains)))
	}
	return p
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func (g *gen) text() *textPools {
	if g.pools == nil {
		g.pools = newTextPools(g.pick)
	}
	return g.pools
}

// lineReader reads exactly n bytes of text: head, then lines drawn from a
// pool, each after a running number and sep when sep is not zero. The
// last line is cut at a character boundary, padded with spaces to fit and
// ended with a newline, so that the text stays valid UTF-8.
type lineReader struct {
	g       *gen
	pool    [][]byte
	sep     byte
	seq     int64
	left    int64
	pending []byte // the rest of the current line
	line    []byte // scratch for numbered and last lines
}

func (g *gen) lines(n int64, head []byte, pool [][]byte, sep byte) *lineReader {
	l := &lineReader{g: g, pool: pool, sep: sep, left: max(n, 0)}
	l.setPending(head)
	return l
}

// setPending makes line the next bytes to read, cut to what is left.
func (l *lineReader) setPending(line []byte) {
	if int64(len(line)) < l.left {
		l.pending = line
		return
	}
	cut := int(l.left) - 1
	for cut > 0 && !utf8.RuneStart(line[cut]) {
		cut--
	}
	last := make([]byte, l.left)
	copy(last, line[:cut])
	for i := cut; i < len(last)-1; i++ {
		last[i] = ' '
	}
	last[len(last)-1] = '\n'
	l.pending = last
}

func (l *lineReader) Read(p []byte) (int, error) {
	if l.left == 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && l.left > 0 {
		if len(l.pending) == 0 {
			line := l.pool[l.g.pick.IntN(len(l.pool))]
			if l.sep != 0 {
				l.seq++
				l.line = strconv.AppendInt(l.line[:0], l.seq, 10)
				l.line = append(l.line, l.sep)
				l.line = append(l.line, line...)
				line = l.line
			}
			l.setPending(line)
		}
		c := copy(p[n:], l.pending)
		l.pending = l.pending[c:]
		n += c
		l.left -= int64(c)
	}
	return n, nil
}

// writeLines writes the lineReader's text to w.
func (g *gen) writeLines(w io.Writer, n int64, head []byte, pool [][]byte, sep byte) error {
	_, err := io.CopyBuffer(w, onlyReader{g.lines(n, head, pool, sep)}, g.buf[:cap(g.buf)])
	return err
}

// onlyReader hides a writer's ReadFrom from io.CopyBuffer, so that the
// copy goes through the given buffer in large blocks.
type onlyReader struct{ io.Reader }

// csvHead is the first line of every CSV export.
var csvHead = []byte("id,name,email,phone,city,product,quantity,amount,date\n")

func (g *gen) csv(n int64) io.Reader   { return g.lines(n, csvHead, g.text().csv, ',') }
func (g *gen) log(n int64) io.Reader   { return g.lines(n, nil, g.text().log, ' ') }
func (g *gen) prose(n int64) io.Reader { return g.lines(n, nil, g.text().prose, 0) }

func (g *gen) writeCSV(w io.Writer, n int64) error {
	return g.writeLines(w, n, csvHead, g.text().csv, ',')
}

func (g *gen) writeLog(w io.Writer, n int64) error {
	return g.writeLines(w, n, nil, g.text().log, ' ')
}

func (g *gen) writeProse(w io.Writer, n int64) error {
	return g.writeLines(w, n, nil, g.text().prose, 0)
}
