package fingerprint

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Look-alike matching in OCR text. OCR misreads a kanji or kana of a
// company's name as one that looks like it (社 as 杜, 式 as 武, ロ as 口)
// and a letter of an address as a similar one (m as rn, o as 0). In text
// read from an image, and there only (ExtractOCR), the extractor also
// finds:
//
//   - a catalogue name or alias of at least MinLookalikeRunes characters
//     (without its corporate designation) that has kana or kanji, read
//     with exactly one character replaced by one the table lists as
//     similar to it (三菱電機 read 三菱電械);
//   - a Japanese corporate designation (株式会社, 有限会社, 合同会社, (株),
//     (有)) read with one look-alike character (株式会杜, 妹式会社), where
//     it anchors a catalogue name written exactly beside it as an intact
//     one does;
//   - a host or mail domain under a domain a profile lists, read with one
//     Latin confusion (lookalikeLatin: rn for m, cl for d, 0 for o, 1 for
//     l and back) or with one of its dots dropped (torayco.jp,
//     toray.cojp), when the label before its public suffix has at least
//     MinLookalikeRunes characters.
//
// Such a signal carries Signal.Lookalike; two differences never match,
// and neither does a difference the table does not list. The table
// (lookalike.txt) is generated: see internal/lookalikegen.

// MinLookalikeRunes is the fewest characters a name (without its
// corporate designation), or the label of a domain before its public
// suffix, needs to be matched with a look-alike character: one
// character of three is a third of the name, and short names and
// labels differ from other words by one character all the time (日立 and
// 日本, nec and neo).
const MinLookalikeRunes = 4

//go:generate go run ./internal/lookalikegen/cmd/lookalikegen -out lookalike.txt

//go:embed lookalike.txt
var lookalikeText string

// lookalikePairs holds every pair of the table twice, (a,b) and (b,a),
// as a<<32|b, sorted: LookAlike is a binary search, and the neighbours
// of a rune are one run of it.
var lookalikePairs = sync.OnceValue(func() []uint64 {
	var ps []uint64
	for line := range strings.Lines(lookalikeText) {
		line = strings.TrimRight(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		a, size := utf8.DecodeRuneInString(line)
		for _, b := range line[size:] {
			ps = append(ps, uint64(a)<<32|uint64(b), uint64(b)<<32|uint64(a))
		}
	}
	slices.Sort(ps)
	return slices.Compact(ps)
})

// LookAlike reports whether the table of visually similar characters
// lists a and b as alike: kana and kanji that OCR takes for one another
// (社 and 杜, 口 and ロ, ツ and ッ). A rune is not alike to itself.
func LookAlike(a, b rune) bool {
	_, ok := slices.BinarySearch(lookalikePairs(), uint64(a)<<32|uint64(uint32(b)))
	return ok && a != b
}

// lookalikesOf returns the runes the table lists as alike to r.
func lookalikesOf(r rune) []rune {
	ps := lookalikePairs()
	i, _ := slices.BinarySearch(ps, uint64(r)<<32)
	var out []rune
	for ; i < len(ps) && ps[i]>>32 == uint64(r); i++ {
		out = append(out, rune(uint32(ps[i])))
	}
	return out
}

// lookCand is a pattern that may start at a rune of the text: sub says
// the rune is a look-alike of the pattern's first, not the first itself.
type lookCand struct {
	pat int32
	sub bool
}

// lookIndex is what an Extractor needs for look-alike matching, built
// from its catalogue: memory bounded by the names and domains it lists.
type lookIndex struct {
	// byRune lists, for a rune of the text, the names that may start
	// there: those that start with it, and those whose first character
	// it looks like. Longest first.
	byRune map[rune][]lookCand
	// corpFirst are the runes that may start a Japanese corporate
	// designation read with one look-alike character.
	corpFirst map[rune]bool
	// domains maps a domain read with one Latin confusion or a dropped
	// dot to the listed domain; "" when two organisations' domains give
	// the same reading.
	domains map[string]string
}

// lookalikeEligible reports whether a pattern key may match with a
// look-alike character: MinLookalikeRunes characters or more besides
// spaces, kana or kanji among them.
func lookalikeEligible(key string) bool {
	n, cjk := 0, false
	for _, r := range key {
		if r == ' ' {
			continue
		}
		n++
		switch classOf(r) {
		case clHan, clHiragana, clKatakana:
			cjk = true
		}
	}
	return n >= MinLookalikeRunes && cjk
}

// newLookIndex builds the look-alike index of x's name patterns and of
// the domains of c.
func newLookIndex(x *Extractor, c *Catalogue) *lookIndex {
	li := &lookIndex{byRune: map[rune][]lookCand{}, corpFirst: map[rune]bool{}, domains: map[string]string{}}
	for i := range x.pats {
		p := &x.pats[i]
		if p.kind != OrgName || p.exact != "" || !lookalikeEligible(p.key) {
			continue
		}
		r0, _ := utf8.DecodeRuneInString(p.key)
		li.byRune[r0] = append(li.byRune[r0], lookCand{int32(i), false})
		for _, s := range lookalikesOf(r0) {
			li.byRune[s] = append(li.byRune[s], lookCand{int32(i), true})
		}
	}
	for r, l := range li.byRune {
		slices.SortStableFunc(l, func(a, b lookCand) int { return len(x.pats[b.pat].key) - len(x.pats[a.pat].key) })
		li.byRune[r] = l
	}
	for _, w := range japaneseCorpWords {
		for _, r := range w {
			if r == '(' || r == ')' {
				continue
			}
			li.corpFirst[r] = true
			for _, s := range lookalikesOf(r) {
				li.corpFirst[s] = true
			}
			break
		}
	}
	for d := range c.byDomain {
		reg, ok := RegistrableDomain(d)
		if !ok {
			continue
		}
		label := reg[:strings.IndexByte(reg, '.')]
		if len(label) < MinLookalikeRunes {
			continue
		}
		for _, v := range latinVariants(d) {
			if _, listed := c.byDomain[v]; listed {
				continue
			}
			if old, ok := li.domains[v]; ok && old != d {
				li.domains[v] = ""
				continue
			}
			li.domains[v] = d
		}
	}
	return li
}

// lookalikeLatin are the Latin confusions of OCR that a domain is
// matched with, each both ways: the expected spelling and its reading.
var lookalikeLatin = [][2]string{{"m", "rn"}, {"d", "cl"}, {"o", "0"}, {"l", "1"}}

// latinVariants returns the readings of domain d with one Latin
// confusion or one dot dropped that still have a dot.
func latinVariants(d string) []string {
	var out []string
	for i := 0; i < len(d); i++ {
		for _, c := range lookalikeLatin {
			for _, dir := range [2][2]string{{c[0], c[1]}, {c[1], c[0]}} {
				if strings.HasPrefix(d[i:], dir[0]) {
					out = append(out, d[:i]+dir[1]+d[i+len(dir[0]):])
				}
			}
		}
		if d[i] == '.' {
			if v := d[:i] + d[i+1:]; strings.IndexByte(v, '.') > 0 {
				out = append(out, v)
			}
		}
	}
	return out
}

// fixDomain returns the host h (lower case) read right when it ends in
// a listed domain read with one look-alike confusion (mail.t0ray.co.jp
// gives mail.toray.co.jp), and false when it does not or when it is
// under a listed domain already.
func (li *lookIndex) fixDomain(c *Catalogue, h string) (string, bool) {
	if li == nil || len(li.domains) == 0 || len(h) > 253 {
		return "", false
	}
	if _, ok := c.ByDomain(h); ok {
		return "", false
	}
	for s := h; ; {
		if d, ok := li.domains[s]; ok {
			if d == "" {
				return "", false
			}
			return h[:len(h)-len(s)] + d, true
		}
		dot := strings.IndexByte(s, '.')
		if dot < 0 {
			return "", false
		}
		s = s[dot+1:]
	}
}

// lookMatchAt compares p's key with t at i allowing exactly one
// character of the text that differs from the key's and that the table
// lists as alike to it; sub says the first character is that one. It
// returns the end of the match, the offset of the differing character
// in t and the key's character there, or end -1.
func lookMatchAt(p *pattern, t string, i int, sub bool) (end, at int, want rune) {
	k, j := p.key, i
	at = -1
	for ki := 0; ki < len(k); {
		kc := k[ki]
		if kc == ' ' {
			n := 0
			for j < len(t) && n <= maxGap && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r') {
				j++
				n++
			}
			if n == 0 || n > maxGap {
				return -1, -1, 0
			}
			ki++
			continue
		}
		if j >= len(t) {
			return -1, -1, 0
		}
		if kc < utf8.RuneSelf {
			tc := t[j]
			if tc >= 'A' && tc <= 'Z' {
				tc += 'a' - 'A'
			}
			if tc != kc {
				return -1, -1, 0
			}
			ki++
			j++
			continue
		}
		kr, ks := utf8.DecodeRuneInString(k[ki:])
		tr, ts := utf8.DecodeRuneInString(t[j:])
		if tr != kr {
			if at >= 0 || !LookAlike(kr, tr) {
				return -1, -1, 0
			}
			at, want = j, kr
		}
		if sub && ki == 0 && at != j {
			return -1, -1, 0
		}
		ki += ks
		j += ts
	}
	if at < 0 {
		return -1, -1, 0
	}
	return j, at, want
}

// corrected returns t[i:end] with the character at at replaced by want.
func corrected(t string, i, end, at int, want rune) string {
	_, size := utf8.DecodeRuneInString(t[at:])
	return t[i:at] + string(want) + t[at+size:end]
}

// addLookalike records a look-alike match at t[i:end] whose character
// at at should read want.
func (st *state) addLookalike(k SignalKind, value string, t string, i, end, at int, want rune) {
	st.add(k, value, i, end, "")
	st.hits[len(st.hits)-1].s.Lookalike = corrected(t, i, end, at, want)
}

// tryLookalike tries, in OCR text, the names that may start at i with
// one look-alike character (longest first) and records the first that
// matches within the boundaries an exact match needs; it returns the
// end of the match, or -1.
func (x *Extractor) tryLookalike(st *state, t string, i int, r rune) int {
	for _, c := range st.look.byRune[r] {
		p := &x.pats[c.pat]
		end, at, want := lookMatchAt(p, t, i, c.sub)
		if end < 0 || !leftOK(p, t, i) || !rightOK(p, t, end) {
			continue
		}
		st.addLookalike(OrgName, p.value, t, i, end, at, want)
		st.nameEnd = end
		return end
	}
	return -1
}

// lookalikeAt returns the pattern (longest first) that matches t at i
// with one look-alike character and ends at wantEnd, or, when wantEnd is
// negative, ends at or before limit.
func (x *Extractor) lookalikeAt(st *state, t string, i, wantEnd, limit int) (p *pattern, end, at int, want rune) {
	r, _ := utf8.DecodeRuneInString(t[i:])
	for _, c := range st.look.byRune[r] {
		p := &x.pats[c.pat]
		end, at, want := lookMatchAt(p, t, i, c.sub)
		if end < 0 || (wantEnd >= 0 && end != wantEnd) || (wantEnd < 0 && end > limit) {
			continue
		}
		return p, end, at, want
	}
	return nil, -1, -1, 0
}

// lookalikeCorp reads, in OCR text, a Japanese corporate designation at
// i with one look-alike character (株式会杜, 妹式会社, (妹)): it returns
// its end, the offset of the misread character and the character it
// should be, or end -1.
func lookalikeCorp(t string, i int) (end, at int, want rune) {
	for _, w := range japaneseCorpWords {
		j := i
		at = -1
		ok := true
		for _, wr := range w {
			if j >= len(t) {
				ok = false
				break
			}
			tr, ts := utf8.DecodeRuneInString(t[j:])
			if tr != wr {
				if at >= 0 || !LookAlike(wr, tr) {
					ok = false
					break
				}
				at, want = j, wr
			}
			j += ts
		}
		if ok && at >= 0 {
			return j, at, want
		}
	}
	return -1, -1, 0
}

// fixHosts puts right, in OCR text, the addresses, hosts, URLs and UNC
// paths found whose host is a listed domain (or under one) read with
// one look-alike confusion: Value takes the domain as listed, and
// Lookalike is set to it.
func fixHosts(st *state) {
	for i := range st.hits {
		s := &st.hits[i].s
		if s.Lookalike != "" || s.Boilerplate != "" {
			continue
		}
		var host string
		switch s.Kind {
		case Email, Host, Domain, URL, UNCPath:
			host = hostOf(*s)
		default:
			continue
		}
		if host == "" {
			continue
		}
		fixed, ok := st.look.fixDomain(st.cat, host)
		if !ok {
			continue
		}
		v := s.Value
		switch s.Kind {
		case Email:
			v = v[:strings.LastIndexByte(v, '@')+1] + fixed
		case Host, Domain:
			v = fixed
		case URL:
			if k := strings.Index(v, "://"); k >= 0 {
				v = v[:k+3] + strings.Replace(v[k+3:], host, fixed, 1)
			}
		case UNCPath:
			v = `\\` + fixed + v[2+len(host):]
		}
		s.Value, s.Lookalike = v, v
	}
	// The registrable domain of a host read wrong in its public suffix
	// (c0.jp of mitsubishielectric.c0.jp) names nobody: dropped. fixed
	// maps the end of each host put right to its start.
	var fixed map[int]int
	for i := range st.hits {
		if h := &st.hits[i]; h.s.Lookalike != "" && (h.s.Kind == Host || h.s.Kind == Email) {
			if fixed == nil {
				fixed = map[int]int{}
			}
			fixed[h.end] = h.start
		}
	}
	for i := range st.hits {
		h := &st.hits[i]
		if a, ok := fixed[h.end]; ok && h.s.Kind == Domain && h.s.Lookalike == "" && a < h.start {
			h.s.Kind = 0
		}
	}
}

// addFixedHost records, in OCR text, the host at t[a:b] that no
// scanner took (its top-level domain is not one: toray.cojp) when it is
// a listed domain read with one look-alike confusion, with its
// registrable domain; local, when not empty, makes it an address
// local@host starting at la. It reports whether it was.
func addFixedHost(st *state, t string, la, a, b int, local string) bool {
	if st.look == nil {
		return false
	}
	h := strings.ToLower(t[a:b])
	fixed, ok := st.look.fixDomain(st.cat, h)
	if !ok {
		return false
	}
	reg, ok := RegistrableDomain(fixed)
	if !ok {
		return false
	}
	if local != "" {
		v := local + "@" + fixed
		st.add(Email, v, la, b, "")
		st.hits[len(st.hits)-1].s.Lookalike = v
	}
	if reg != fixed {
		st.add(Host, fixed, a, b, "")
		st.hits[len(st.hits)-1].s.Lookalike = fixed
	}
	st.add(Domain, reg, a, b, "")
	st.hits[len(st.hits)-1].s.Lookalike = reg
	return true
}
