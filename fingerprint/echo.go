package fingerprint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file recognises what the seller wrote: a note that speaks of the
// sale, and a cover image that is a wordmark. Everything such an item
// names is claim echo (Role ClaimEcho): recorded, weighing nothing.

// MaxSaleNoteBytes bounds the sale-note rule: a seller's note is a few
// lines, and a longer plain text is data, never read by the rule, which
// so costs nothing on the texts that make up a package.
const MaxSaleNoteBytes = 8 << 10

// saleCue is a group of words that speak of a sale, folded to lower case.
// A word matches at word boundaries (Latin) or anywhere (Japanese).
type saleCue struct {
	name  string
	words []string
}

// saleCues are the groups of the sale-note rule. A plain text of at most
// MaxSaleNoteBytes is a seller's note when words of two groups appear in
// it, or of one group and a data word ("data", "files", データ …) in a
// text of at most shortNoteBytes.
var saleCues = []saleCue{
	{"leak", []string{"leak", "leaked", "leaks", "dump", "dumped", "breach", "breached", "hacked", "stolen",
		"exfiltrated", "ransom", "流出", "リーク", "漏洩", "漏えい", "ハッキング"}},
	{"sale", []string{"sale", "sell", "selling", "sold", "price", "prices", "buyer", "buyers", "btc", "bitcoin",
		"xmr", "monero", "usdt", "escrow", "auction", "販売", "売却", "価格", "購入"}},
	{"sample", []string{"sample", "samples", "proof", "full data", "full dump", "サンプル", "証拠", "一部抜粋"}},
	{"contact", []string{"contact", "telegram", "t.me", "tox", "qtox", "onion", "jabber", "xmpp", "session id",
		"forum", "dm me", "pm me", "連絡"}},
	{"internal", []string{"internal data", "internal files", "internal documents", "internal database",
		"confidential data", "内部データ", "社内データ", "内部資料", "社内資料"}},
}

// dataWords are the words of the weaker half of the rule.
var dataWords = []string{"data", "database", "files", "documents", "データ", "資料", "ファイル"}

// shortNoteBytes is the largest text that one cue group and a data word
// make a note: a two-line README, not a document.
const shortNoteBytes = 1 << 10

// isSaleNote reports whether an item is a seller's note: a plain text
// (Kind "text", body text) of at most MaxSaleNoteBytes that speaks of the
// sale (see saleCues), or states a size in GB or TB beside one cue group.
func isSaleNote(it *Item) bool {
	if it.TextSource == TextOCR || it.Text == "" || len(it.Text) > MaxSaleNoteBytes || (it.Kind != "text" && it.Kind != "") {
		return false
	}
	l := strings.ToLower(it.Text)
	groups := 0
	for _, g := range saleCues {
		for _, w := range g.words {
			if hasWord(l, w) {
				groups++
				break
			}
		}
	}
	if hasSize(l) {
		groups++
	}
	if groups >= 2 {
		return true
	}
	if groups == 1 && len(it.Text) <= shortNoteBytes {
		for _, w := range dataWords {
			if hasWord(l, w) {
				return true
			}
		}
	}
	return false
}

// hasWord reports whether w occurs in l at word boundaries; a word that
// starts or ends with a non-Latin letter needs no boundary there.
func hasWord(l, w string) bool {
	for i := 0; i < len(l); {
		k := strings.Index(l[i:], w)
		if k < 0 {
			return false
		}
		p := i + k
		i = p + 1
		if isWordByte(w[0]) && p > 0 && isWordByte(l[p-1]) {
			continue
		}
		e := p + len(w)
		if isWordByte(w[len(w)-1]) && e < len(l) && isWordByte(l[e]) {
			continue
		}
		return true
	}
	return false
}

func isWordByte(c byte) bool { return c < utf8.RuneSelf && isAlnumByte[c] }

// hasSize reports whether l states a size in GB or TB ("60 GB", "1.2tb"):
// how sellers advertise what they hold.
func hasSize(l string) bool {
	for _, u := range []string{"gb", "tb", "gib", "tib"} {
		for i := 0; i < len(l); {
			k := strings.Index(l[i:], u)
			if k < 0 {
				break
			}
			p := i + k
			i = p + 1
			if e := p + len(u); e < len(l) && isWordByte(l[e]) {
				continue
			}
			q := p
			if q > 0 && l[q-1] == ' ' {
				q--
			}
			if q > 0 && l[q-1] >= '0' && l[q-1] <= '9' {
				return true
			}
		}
	}
	return false
}

// Bounds of the wordmark rule.
const (
	// maxWordmarkBytes is the longest OCR text a wordmark cover has.
	maxWordmarkBytes = 200
	// maxWordmarkWords is how many words besides names a cover may show
	// (a slogan, "data", a year).
	maxWordmarkWords = 4
)

// isWordmark reports whether an item is a cover image that shows little
// more than an organisation's name: OCR text of at most maxWordmarkBytes
// that names an organisation, has at most maxWordmarkWords other words,
// and holds no address, host, path, marking or banner (those are
// evidence, not decoration).
func (t *tally) isWordmark(it *Item) bool {
	if it.TextSource != TextOCR || it.Text == "" || len(it.Text) > maxWordmarkBytes || isBanner(it.Text) {
		return false
	}
	names := 0
	other := false
	covered := make([]bool, len(it.Text))
	t.x.ExtractOCR(it.Text, func(s Signal) bool {
		switch s.Kind {
		case OrgName, CompanyString:
			names++
			for i := s.Offset; i < s.End(); i++ {
				covered[i] = true
			}
		default:
			other = true
		}
		return !other
	})
	if names == 0 || other {
		return false
	}
	words := 0
	in := false
	for i, r := range it.Text {
		w := !covered[i] && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if w && !in {
			words++
		}
		in = w
	}
	return words <= maxWordmarkWords
}
