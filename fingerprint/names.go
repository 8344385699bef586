package fingerprint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names are matched on the normalised text, one token at a time: a Latin
// word (letters and digits, looked up folded in a map of first words), or
// one rune of another script (looked up in a map of first runes). A
// candidate matches when its whole key matches from there and both of its
// edges fall on a boundary the script allows telling (see the package
// documentation).

// hanRight are words that may follow a name ending in a kanji without
// making a longer word of it: corporate designations, honorifics and the
// words that attach to a company's name (東レ株式会社, 富士通様, 日立製作所,
// 富士通社員, 東レ向け).
var hanRight = []string{
	"株式会社", "有限会社", "合同会社", "様", "殿", "御中", "社", "製", "側",
	"向", "内", "宛", "本社", "支社", "支店", "工場", "担当", "グループ", "及",
}

// hanLeft are words that may precede a name starting with a kanji.
var hanLeft = []string{"株式会社", "有限会社", "合同会社", "旧", "元", "対", "及"}

// kanaRight are words that may follow a name ending in katakana
// (ソニーグループ) where other katakana would make a different word
// (東レ + ンタル is 東レンタル, not Toray).
var kanaRight = []string{"グループ", "ホールディングス", "ジャパン"}

// markingRight are words that may follow a kanji marking (社外秘資料).
var markingRight = []string{"情報", "文書", "資料", "事項", "扱", "区分"}

// corpWords are the folded words that may be, or begin, a Western
// corporate designation; latinCorp checks their exact spelling.
var corpWords = map[string]bool{
	"inc": true, "ltd": true, "limited": true, "corp": true, "corporation": true,
	"gmbh": true, "ag": true, "plc": true, "llc": true, "llp": true, "kk": true,
	"sa": true, "nv": true, "bv": true, "co": true, "company": true,
	"k": true, "s": true, "n": true, "b": true, "l": true,
}

// corpExact are the spellings of designations that end a company name.
var corpExact = map[string]bool{
	"Inc": true, "INC": true, "Ltd": true, "LTD": true, "Limited": true, "LIMITED": true,
	"Corp": true, "CORP": true, "Corporation": true, "CORPORATION": true,
	"GmbH": true, "GMBH": true, "AG": true, "plc": true, "PLC": true, "Plc": true,
	"LLC": true, "LLP": true, "KK": true, "SA": true, "NV": true, "BV": true,
	"Company": true, "COMPANY": true,
}

// dottedCorp are designations written with dots (K.K., S.A.), without them.
var dottedCorp = map[string]bool{"KK": true, "SA": true, "NV": true, "BV": true, "LLC": true}

// stopWords end the look-back for a company's name: "Dear ABC Inc."
// names ABC.
var stopWords = map[string]bool{
	"the": true, "a": true, "an": true, "our": true, "your": true, "their": true,
	"this": true, "that": true, "in": true, "at": true, "on": true, "for": true,
	"from": true, "to": true, "by": true, "with": true, "dear": true, "mr": true,
	"ms": true, "mrs": true, "dr": true, "and": true, "or": true, "of": true,
	"is": true, "was": true, "re": true, "fw": true, "fwd": true, "cc": true,
}

// connectors may stand inside a company's name (Bank of America).
var connectors = map[string]bool{"of": true, "and": true, "&": true, "de": true, "und": true, "der": true, "von": true}

func hasAnyPrefix(s string, list []string) bool {
	for _, w := range list {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, list []string) bool {
	for _, w := range list {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// wordEnd returns the end of the word that starts at i.
func wordEnd(t string, i int) int {
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if !isAlnumByte[c] {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if classOf(r) != clWord {
			return i
		}
		i += size
	}
	return i
}

// scanNames finds organisation names, markings and company strings.
func (x *Extractor) scanNames(st *state, t string) {
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if isAlnumByte[c] {
				j := wordEnd(t, i)
				i = x.latinWord(st, t, i, j)
				continue
			}
			if c == '(' && i+1 < len(t) && t[i+1] >= utf8.RuneSelf {
				if end := x.jpCorp(st, t, i); end > i {
					i = end
					continue
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		cl := classOf(r)
		if cl == clWord {
			j := wordEnd(t, i)
			i = x.latinWord(st, t, i, j)
			continue
		}
		if cl != clOther {
			if r >= 0x10000 || x.runeBits[r>>6]&(1<<(r&63)) != 0 {
				if end := x.tryAll(st, t, i, x.runes[r]); end > i {
					i = end
					continue
				}
			}
			if st.look != nil {
				if end := x.tryLookalike(st, t, i, r); end > i {
					i = end
					continue
				}
			}
			if r == '株' || r == '有' || r == '合' || (st.look != nil && st.look.corpFirst[r]) {
				if end := x.jpCorp(st, t, i); end > i {
					i = end
					continue
				}
			}
		}
		i += size
	}
}

// latinWord handles the word t[i:j] and returns where scanning goes on.
func (x *Extractor) latinWord(st *state, t string, i, j int) int {
	var buf [40]byte
	if j-i > len(buf) {
		return j
	}
	if c := t[i] | 0x20; c < utf8.RuneSelf && x.wordBits[c]&(1<<(j-i)) == 0 && x.wordBits[0] == 0 {
		return j
	}
	n := 0
	ascii := true
	for k := i; k < j; k++ {
		c := t[k]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	var e wordEntry
	var ok bool
	if ascii {
		e, ok = x.words[string(buf[:n])]
	} else {
		e, ok = x.words[strings.ToLower(t[i:j])]
	}
	if !ok {
		return j
	}
	if end := x.tryAll(st, t, i, e.pats); end > i {
		return end
	}
	if e.corp {
		if end := x.latinCorp(st, t, i, j); end > i {
			return end
		}
	}
	if st.look != nil && t[i] < utf8.RuneSelf {
		// A name that starts with this word and has a kana or kanji
		// misread further on (NTTデータ read NTTチータ).
		if end := x.tryLookalike(st, t, i, rune(t[i]|0x20)); end > i {
			return end
		}
	}
	return j
}

// tryAll tries the patterns (longest first) at i and records the first
// that matches; it returns the end of the match, or -1.
func (x *Extractor) tryAll(st *state, t string, i int, pats []int32) int {
	for _, pi := range pats {
		p := &x.pats[pi]
		end := matchAt(p, t, i)
		if end < 0 || !leftOK(p, t, i) || !rightOK(p, t, end) {
			continue
		}
		st.add(p.kind, p.value, i, end, "")
		if p.kind == OrgName {
			st.nameEnd = end
		}
		return end
	}
	return -1
}

// matchAt returns the end of p's match at t[i:], or -1.
func matchAt(p *pattern, t string, i int) int {
	if p.exact != "" {
		if strings.HasPrefix(t[i:], p.exact) {
			return i + len(p.exact)
		}
		return -1
	}
	k, j := p.key, i
	for ki := 0; ki < len(k); {
		kc := k[ki]
		if kc == ' ' {
			n := 0
			for j < len(t) && n <= maxGap && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r') {
				j++
				n++
			}
			if n == 0 || n > maxGap {
				return -1
			}
			ki++
			continue
		}
		if j >= len(t) {
			return -1
		}
		if kc < utf8.RuneSelf {
			tc := t[j]
			if tc >= 'A' && tc <= 'Z' {
				tc += 'a' - 'A'
			}
			if tc != kc {
				return -1
			}
			ki++
			j++
			continue
		}
		kr, ks := utf8.DecodeRuneInString(k[ki:])
		tr, ts := utf8.DecodeRuneInString(t[j:])
		if tr != kr && unicode.ToLower(tr) != kr {
			return -1
		}
		ki += ks
		j += ts
	}
	return j
}

// leftOK reports whether a match of p may start at i.
func leftOK(p *pattern, t string, i int) bool {
	if i == 0 || p.first == clOther {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	if classOf(r) != p.first {
		return true
	}
	if p.first == clHan {
		return hasAnySuffix(t[:i], hanLeft)
	}
	return false
}

// rightOK reports whether a match of p may end at end.
func rightOK(p *pattern, t string, end int) bool {
	if end >= len(t) || p.last == clOther {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t[end:])
	if classOf(r) != p.last {
		return true
	}
	switch p.last {
	case clHan:
		if p.kind == Marking {
			return hasAnyPrefix(t[end:], markingRight)
		}
		return hasAnyPrefix(t[end:], hanRight)
	case clKatakana:
		return hasAnyPrefix(t[end:], kanaRight)
	}
	return false
}

// japaneseCorpWords are the designations jpCorp anchors on, after NFKC.
var japaneseCorpWords = []string{"株式会社", "有限会社", "合同会社", "(株)", "(有)"}

// maxJapaneseName bounds, in runes, the name read beside a Japanese
// corporate designation.
const maxJapaneseName = 20

func jpNameRune(r rune) bool {
	switch classOf(r) {
	case clHan, clKatakana, clWord:
		return true
	}
	return r == '・' || r == '&'
}

// jpCorp handles a Japanese corporate designation at i: the name before it
// (東レ株式会社) or, when there is none, after it (株式会社東レ). A
// catalogue name at the designation's side of that run is an OrgName even
// where the kanji before it would otherwise make the match ambiguous
// (取引先東レ株式会社); anything else is a CompanyString. In OCR text
// (st.look set) a designation read with one look-alike character
// anchors a catalogue name written exactly, and nothing else, and an
// intact one anchors a name read with one look-alike character: never
// two differences.
func (x *Extractor) jpCorp(st *state, t string, i int) int {
	w := ""
	for _, cw := range japaneseCorpWords {
		if strings.HasPrefix(t[i:], cw) {
			w = cw
			break
		}
	}
	end, fixAt, fixWant := i+len(w), -1, rune(0)
	if w == "" {
		if st.look == nil {
			return -1
		}
		if end, fixAt, fixWant = lookalikeCorp(t, i); end < 0 {
			return -1
		}
	}
	fuzzy := fixAt >= 0
	// add records a catalogue name in t[a:b]; the look-alike at lkAt
	// (the designation's or the name's) makes it a look-alike match.
	add := func(value string, a, b, lkAt int, lkWant rune) {
		st.add(OrgName, value, a, b, "")
		if lkAt >= 0 {
			st.hits[len(st.hits)-1].s.Lookalike = corrected(t, a, b, lkAt, lkWant)
		}
		st.nameEnd = b
	}
	if st.nameEnd == i || (st.nameEnd == i-1 && t[i-1] == ' ') {
		return end // the name before it was found already
	}
	// Before.
	a := i
	if a >= 2 && t[a-1] == ' ' && t[a-2] < utf8.RuneSelf && isAlnumByte[t[a-2]] {
		a--
	}
	nameEnd := a
	for n := 0; a > st.nameEnd && n < maxJapaneseName; n++ {
		r, size := utf8.DecodeLastRuneInString(t[:a])
		if !jpNameRune(r) {
			break
		}
		a -= size
	}
	a = hiraganaHead(t, a, st.nameEnd)
	if a < nameEnd {
		run := t[a:nameEnd]
		for k := 0; k < len(run); {
			if idx, ok := x.cat.byName[strings.ToLower(run[k:])]; ok {
				add(x.cat.entries[idx].org.ID, a+k, end, fixAt, fixWant)
				return end
			}
			_, size := utf8.DecodeRuneInString(run[k:])
			k += size
		}
		if fuzzy {
			return -1 // a misread designation anchors catalogue names only
		}
		if st.look != nil {
			for k := 0; k < len(run); {
				if p, _, at, want := x.lookalikeAt(st, t, a+k, nameEnd, 0); p != nil {
					add(p.value, a+k, end, at, want)
					return end
				}
				_, size := utf8.DecodeRuneInString(run[k:])
				k += size
			}
		}
		st.add(CompanyString, strings.ToLower(run), a, end, "")
		st.nameEnd = end
		return end
	}
	// After.
	b := end
	if b < len(t) && t[b] == ' ' {
		b++
	}
	nameStart := b
	for n := 0; b < len(t) && n < maxJapaneseName; n++ {
		r, size := utf8.DecodeRuneInString(t[b:])
		if !jpNameRune(r) {
			break
		}
		b += size
	}
	if b == nameStart {
		if fuzzy {
			return -1
		}
		return end
	}
	run := t[nameStart:b]
	for k := len(run); k > 0; {
		if idx, ok := x.cat.byName[strings.ToLower(run[:k])]; ok {
			add(x.cat.entries[idx].org.ID, i, nameStart+k, fixAt, fixWant)
			return nameStart + k
		}
		_, size := utf8.DecodeLastRuneInString(run[:k])
		k -= size
	}
	if fuzzy {
		return -1
	}
	if st.look != nil {
		if p, e, at, want := x.lookalikeAt(st, t, nameStart, -1, b); p != nil {
			add(p.value, i, e, at, want)
			return e
		}
	}
	st.add(CompanyString, strings.ToLower(run), i, b, "")
	st.nameEnd = b
	return b
}

// maxHiraganaHead bounds, in runes, the hiragana that may start a
// Japanese company's name.
const maxHiraganaHead = 6

// hiraganaHead extends a name that starts at a (the run of kanji and
// katakana before a corporate designation) backwards over the hiragana
// that may begin it (さざなみカフェ株式会社, みずほ株式会社): a run of at
// most maxHiraganaHead hiragana that starts the text, a line or a
// phrase (after a space or punctuation). Hiragana after a kanji or
// katakana is a particle or an inflection (取引先のカフェ株式会社 names
// カフェ), so then the name stays as it was. It returns the new start.
func hiraganaHead(t string, a, floor int) int {
	b := a
	for n := 0; b > floor; n++ {
		r, size := utf8.DecodeLastRuneInString(t[:b])
		if classOf(r) != clHiragana {
			break
		}
		if n == maxHiraganaHead {
			return a
		}
		b -= size
	}
	if b == a {
		return a
	}
	if b > floor {
		r, _ := utf8.DecodeLastRuneInString(t[:b])
		switch classOf(r) {
		case clHan, clKatakana, clWord, clHiragana:
			return a
		}
	}
	return b
}

// latinCorp handles a word that may be a Western corporate designation,
// t[i:j]: when it is one, and capitalised words precede it, the phrase is
// a company's name. It returns the end of the designation, or -1.
func (x *Extractor) latinCorp(st *state, t string, i, j int) int {
	w := t[i:j]
	end := 0
	switch {
	case w == "Co" || w == "CO":
		if j < len(t) && t[j] == '.' {
			end = j + 1
		}
	case corpExact[w]:
		end = j
		if end < len(t) && t[end] == '.' {
			end++
		}
	case len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' && j < len(t) && t[j] == '.':
		k := i
		var abbr [4]byte
		n := 0
		for k+1 < len(t) && n < len(abbr) && t[k] >= 'A' && t[k] <= 'Z' && t[k+1] == '.' {
			abbr[n] = t[k]
			n++
			k += 2
		}
		if n >= 2 && dottedCorp[string(abbr[:n])] && (k >= len(t) || t[k] >= utf8.RuneSelf || !isAlnumByte[t[k]]) {
			end = k
		}
	}
	if end == 0 {
		return -1
	}
	// Designations that follow: "Co., Ltd.", "Pte. Ltd.".
	for {
		k := end
		for k < len(t) && k-end < 2 && (t[k] == ' ' || t[k] == ',') {
			k++
		}
		e := wordEnd(t, k)
		if e == k || !corpExact[t[k:e]] {
			break
		}
		end = e
		if end < len(t) && t[end] == '.' {
			end++
		}
	}
	start := latinNameStart(t, i, st.nameEnd)
	if start < 0 {
		return end
	}
	key := NormalizeName(t[start:end])
	if key == "" {
		return end
	}
	if idx, ok := x.cat.byName[key]; ok {
		st.add(OrgName, x.cat.entries[idx].org.ID, start, end, "")
	} else {
		st.add(CompanyString, key, start, end, "")
	}
	st.nameEnd = end
	return end
}

// maxLatinNameWords bounds the words read back from a designation.
const maxLatinNameWords = 5

// latinNameStart reads back from a designation at i over capitalised
// words (and connectors inside them) and returns where the name starts, or
// -1 when no capitalised word precedes it.
func latinNameStart(t string, i, floor int) int {
	k := i
	for k > floor && i-k < 2 && (t[k-1] == ' ' || t[k-1] == ',') {
		k--
	}
	if k == i {
		return -1
	}
	start := -1
	for words := 0; words < maxLatinNameWords && k > floor; {
		e, s := k, k
		for s > floor {
			r, size := utf8.DecodeLastRuneInString(t[:s])
			if classOf(r) != clWord && r != '&' && r != '-' && r != '\'' && r != '.' {
				break
			}
			s -= size
		}
		if s == e {
			break
		}
		word := strings.Trim(t[s:e], ".-'")
		lw := strings.ToLower(word)
		r0, _ := utf8.DecodeRuneInString(word)
		switch {
		case word == "":
			return start
		case connectors[lw] && start >= 0:
			// Kept only if a capitalised word precedes it.
		case stopWords[lw]:
			return start
		case unicode.IsUpper(r0) || (unicode.IsDigit(r0) && strings.IndexFunc(word, unicode.IsLetter) >= 0):
			start = s
			words++
		default:
			return start
		}
		if s-1 < floor || s < 1 || t[s-1] != ' ' || (s >= 2 && t[s-2] == ' ') {
			break
		}
		k = s - 1
	}
	return start
}
