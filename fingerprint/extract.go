package fingerprint

import (
	"iter"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// DefaultMaxSignals is the number of signals Extract yields for one text
// when Options.MaxSignals is zero. A hostile text can be made of nothing
// but addresses; ten thousand signals are more than any scoring needs from
// one item, and bound the memory a caller spends on them.
const DefaultMaxSignals = 10000

// MarkingWindow is how far, in bytes of the same line, an organisation
// name may stand from a confidentiality marking to be taken as the
// marking's organisation ("Toray Confidential", "社外秘 東レ株式会社").
const MarkingWindow = 64

// chunkSize is the size of the pieces a text is scanned in, cut at line
// ends where possible: scratch memory stays bounded whatever the text's
// size, and signals come out in the order of the text.
const chunkSize = 64 << 10

// maxGap is the most white space a space in a multi-word name matches
// ("Toray  Industries", "Mitsubishi\nElectric").
const maxGap = 4

// Options tunes an Extractor and Attribute. The zero value is ready to
// use.
type Options struct {
	// MaxSignals bounds the signals yielded for one text; zero means
	// DefaultMaxSignals.
	MaxSignals int
	// MaxEvidence bounds the pieces of evidence Attribute keeps per
	// organisation; zero means DefaultMaxEvidence.
	MaxEvidence int
	// Weights, when set, replaces DefaultWeights: a table of class
	// weights, confidence coefficients and owner and verdict thresholds. A
	// table that fails Weights.Validate is not used: Attribute returns
	// its error, NewAttributor falls back to DefaultWeights.
	Weights *Weights
}

// pattern is a name or marking the extractor looks for.
type pattern struct {
	key   string     // folded; ' ' matches 1..maxGap white-space bytes
	exact string     // when set, the text must equal it byte for byte
	kind  SignalKind // OrgName or Marking
	value string     // organisation id or canonical marking
	first class      // script class of the first and last runes
	last  class
}

type wordEntry struct {
	pats []int32
	corp bool // the word may be a Western corporate designation
}

// Extractor finds signals in text. It is built once from a Catalogue,
// with every table compiled up front, and is safe for concurrent use.
type Extractor struct {
	cat        *Catalogue
	pats       []pattern
	words      map[string]wordEntry // first Latin word of a pattern, folded
	runes      map[rune][]int32     // first rune of other patterns
	runeBits   []uint64             // quick filter over runes < 0x10000
	wordBits   [128]uint64          // quick filter: bit n of [c] when a first word starts with c and is n bytes long
	look       *lookIndex           // look-alike matching, for OCR text
	maxSignals int
	pool       sync.Pool
}

// markings are the confidentiality markings looked for; the key is the
// canonical Value.
var markings = []string{
	"confidential", "strictly confidential", "highly confidential",
	"company confidential", "internal use only", "for internal use only",
	"internal only",
	"社外秘", "部外秘", "関係者外秘", "取扱注意", "取扱い注意", "機密", "極秘", "厳秘",
	"社内限り", "社内限定", "秘密",
}

// NewExtractor compiles an extractor for the organisations of c (nil: no
// organisations; markings, addresses and company strings are still
// found).
func NewExtractor(c *Catalogue, opts Options) *Extractor {
	if c == nil {
		c = &Catalogue{}
	}
	x := &Extractor{
		cat:        c,
		words:      map[string]wordEntry{},
		runes:      map[rune][]int32{},
		runeBits:   make([]uint64, 0x10000/64),
		maxSignals: opts.MaxSignals,
	}
	if x.maxSignals <= 0 {
		x.maxSignals = DefaultMaxSignals
	}
	x.pool.New = func() any { return new(state) }
	byKey := map[string]int{}
	add := func(written string, kind SignalKind, value string) {
		form := stripCorporate(Fold(written))
		key := strings.ToLower(form)
		if key == "" || key == "internal" {
			return
		}
		exact := ""
		if isShortAcronym(stripCorporate(collapseSpace(norm.NFKC.String(written)))) {
			exact = strings.ToUpper(key)
		}
		if i, ok := byKey[key]; ok {
			if exact == "" {
				x.pats[i].exact = ""
			}
			return
		}
		r0, _ := utf8.DecodeRuneInString(key)
		r1, _ := utf8.DecodeLastRuneInString(key)
		byKey[key] = len(x.pats)
		x.pats = append(x.pats, pattern{key: key, exact: exact, kind: kind, value: value,
			first: classOf(r0), last: classOf(r1)})
	}
	for _, e := range c.entries {
		for _, n := range append([]string{e.org.Name}, e.org.Aliases...) {
			k := NormalizeName(n)
			if i, ok := c.byName[k]; ok {
				add(n, OrgName, c.entries[i].org.ID)
			}
		}
	}
	for _, m := range markings {
		add(m, Marking, m)
	}
	for i := range x.pats {
		p := &x.pats[i]
		r0, size := utf8.DecodeRuneInString(p.key)
		if p.first == clWord && r0 < utf8.RuneSelf {
			end := size
			for end < len(p.key) && p.key[end] < utf8.RuneSelf && isAlnumByte[p.key[end]] {
				end++
			}
			w := x.words[p.key[:end]]
			w.pats = append(w.pats, int32(i))
			x.words[p.key[:end]] = w
			continue
		}
		if p.first == clWord {
			// A Latin name with a non-ASCII first letter: keyed by its
			// whole first word, folded.
			end := size
			for end < len(p.key) {
				r, s := utf8.DecodeRuneInString(p.key[end:])
				if classOf(r) != clWord {
					break
				}
				end += s
			}
			w := x.words[p.key[:end]]
			w.pats = append(w.pats, int32(i))
			x.words[p.key[:end]] = w
			continue
		}
		x.runes[r0] = append(x.runes[r0], int32(i))
		if r0 < 0x10000 {
			x.runeBits[r0>>6] |= 1 << (r0 & 63)
		}
	}
	longestFirst := func(a, b int32) int { return len(x.pats[b].key) - len(x.pats[a].key) }
	for k, w := range x.words {
		slices.SortStableFunc(w.pats, longestFirst)
		x.words[k] = w
	}
	for _, l := range x.runes {
		slices.SortStableFunc(l, longestFirst)
	}
	for w := range corpWords {
		e := x.words[w]
		e.corp = true
		x.words[w] = e
	}
	for w := range x.words {
		if w[0] < utf8.RuneSelf && len(w) < 64 {
			x.wordBits[w[0]] |= 1 << len(w)
		} else {
			x.wordBits[0] = ^uint64(0) // non-ASCII first words: no filter
		}
	}
	x.look = newLookIndex(x, c)
	return x
}

// collapseSpace trims s and collapses its white-space runs to one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// maxDomainCache bounds the per-call cache of registrable domains.
const maxDomainCache = 1024

type regDomain struct {
	reg string
	ok  bool
}

// registrable is RegistrableDomain through the cache; h is lower case.
func (st *state) registrable(h string) (string, bool) {
	if r, ok := st.domains[h]; ok {
		return r.reg, r.ok
	}
	reg, ok := RegistrableDomain(h)
	st.domains[h] = regDomain{reg, ok}
	return reg, ok
}

// hit is a signal found in the normalised text, between start and end.
type hit struct {
	s          Signal
	start, end int
}

// span records that normalised bytes [n0,n1) came from original [o0,o1).
type span struct{ n0, n1, o0, o1 int }

// state is the scratch space of one Extract call.
type state struct {
	hits  []hit
	out   []Signal
	buf   []byte
	spans []span
	// domains caches RegistrableDomain, which repeats for every address
	// of a list.
	domains map[string]regDomain
	// nameEnd is the end of the last name found (OrgName or
	// CompanyString), so that a corporate designation does not start a
	// second name over it.
	nameEnd int
	// look and cat are set while OCR text is scanned (ExtractOCR):
	// look-alike matching is on.
	look *lookIndex
	cat  *Catalogue
}

func (st *state) add(k SignalKind, value string, start, end int, boiler string) {
	st.hits = append(st.hits, hit{s: Signal{Kind: k, Value: value, Boilerplate: boiler}, start: start, end: end})
}

// Extract finds the signals of text and calls yield for each, in the order
// of their offsets, until yield returns false. It reports whether the text
// had more signals than Options.MaxSignals allowed. Extract works in time
// linear in len(text) and in memory bounded by a chunk of it.
func (x *Extractor) Extract(text string, yield func(Signal) bool) (truncated bool) {
	return x.extract(text, false, yield)
}

// ExtractOCR is Extract for text that OCR read from an image
// (TextOCR): it also finds catalogue names, Japanese corporate
// designations and listed domains read with one look-alike character,
// each with Signal.Lookalike set (see LookAlike and MinLookalikeRunes).
// Body text and metadata are read with Extract, which never matches so.
// The work stays linear in len(text): a name is tried only where a
// character of the text is its first or looks like it, and a domain is
// looked up once per label of each host found.
func (x *Extractor) ExtractOCR(text string, yield func(Signal) bool) (truncated bool) {
	return x.extract(text, true, yield)
}

func (x *Extractor) extract(text string, ocr bool, yield func(Signal) bool) (truncated bool) {
	st := x.pool.Get().(*state)
	defer x.pool.Put(st)
	st.look, st.cat = nil, nil
	if ocr {
		st.look, st.cat = x.look, x.cat
	}
	n := 0
	for base := 0; base < len(text); {
		end := chunkEnd(text, base)
		chunk := text[base:end]
		x.scan(st, chunk)
		for _, s := range st.out {
			if n >= x.maxSignals {
				return true
			}
			s.Offset += base
			if !yield(s) {
				return false
			}
			n++
		}
		base = end
	}
	return false
}

// Signals returns the signals of text as an iterator (see Extract).
func (x *Extractor) Signals(text string) iter.Seq[Signal] {
	return func(yield func(Signal) bool) { x.Extract(text, yield) }
}

// AppendSignals appends the signals of text to dst and returns it, with
// whether the text had more than Options.MaxSignals.
func (x *Extractor) AppendSignals(dst []Signal, text string) ([]Signal, bool) {
	t := x.Extract(text, func(s Signal) bool { dst = append(dst, s); return true })
	return dst, t
}

// chunkEnd returns where the chunk that starts at base ends: at a line
// end in the second half of chunkSize, else at a space, else at a rune
// start.
func chunkEnd(text string, base int) int {
	if len(text)-base <= chunkSize {
		return len(text)
	}
	lim := base + chunkSize
	if i := strings.LastIndexByte(text[base+chunkSize/2:lim], '\n'); i >= 0 {
		return base + chunkSize/2 + i + 1
	}
	if i := strings.LastIndexByte(text[base+chunkSize/2:lim], ' '); i >= 0 {
		return base + chunkSize/2 + i + 1
	}
	for lim > base+1 && !utf8.RuneStart(text[lim]) {
		lim--
	}
	return lim
}

// normalise returns chunk in NFKC, recording in st.spans where it differs.
func (st *state) normalise(s string) string {
	st.spans = st.spans[:0]
	if norm.NFKC.QuickSpanString(s) == len(s) {
		return s
	}
	b := st.buf[:0]
	for i := 0; i < len(s); {
		n := norm.NFKC.QuickSpanString(s[i:])
		b = append(b, s[i:i+n]...)
		i += n
		if i >= len(s) {
			break
		}
		j := i + 1
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		var it norm.Iter
		it.InitString(norm.NFKC, s[i:j])
		for !it.Done() {
			p0 := it.Pos()
			seg := it.Next()
			p1 := it.Pos()
			if string(seg) != s[i+p0:i+p1] {
				st.spans = append(st.spans, span{len(b), len(b) + len(seg), i + p0, i + p1})
			}
			b = append(b, seg...)
		}
		i = j
	}
	st.buf = b
	return string(b)
}

// origStart maps a normalised offset where a signal starts to the
// original text.
func (st *state) origStart(p int) int {
	k := sort.Search(len(st.spans), func(i int) bool { return st.spans[i].n0 > p }) - 1
	if k < 0 {
		return p
	}
	sp := st.spans[k]
	if p < sp.n1 {
		return sp.o0
	}
	return p - sp.n1 + sp.o1
}

// origEnd maps a normalised offset where a signal ends.
func (st *state) origEnd(p int) int {
	k := sort.Search(len(st.spans), func(i int) bool { return st.spans[i].n0 >= p }) - 1
	if k < 0 {
		return p
	}
	sp := st.spans[k]
	if p <= sp.n1 {
		return sp.o1
	}
	return p - sp.n1 + sp.o1
}

// scan finds the signals of one chunk into st.out.
func (x *Extractor) scan(st *state, chunk string) {
	st.hits = st.hits[:0]
	st.out = st.out[:0]
	if st.domains == nil || len(st.domains) > maxDomainCache {
		st.domains = make(map[string]regDomain, 64)
	}
	st.nameEnd = 0
	t := st.normalise(chunk)
	scanEmails(st, t)
	scanURLs(st, t)
	scanUNC(st, t)
	scanProfiles(st, t)
	scanDotted(st, t)
	scanIPv6(st, t)
	if st.look != nil {
		fixHosts(st)
	}
	x.scanNames(st, t)
	x.finish(st, t, chunk)
}

func structural(k SignalKind) bool {
	return k != OrgName && k != CompanyString && k != Marking
}

// finish orders the hits, drops duplicates and names inside addresses or
// paths, ties markings to the names beside them and maps offsets back to
// the original chunk.
func (x *Extractor) finish(st *state, t, chunk string) {
	h := st.hits
	slices.SortFunc(h, func(a, b hit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		if a.end != b.end {
			return b.end - a.end
		}
		if a.s.Kind != b.s.Kind {
			return int(a.s.Kind) - int(b.s.Kind)
		}
		return strings.Compare(a.s.Value, b.s.Value)
	})
	for i := range h {
		if h[i].s.Kind == CompanyString && overlapsOrg(h, i) {
			h[i].s.Kind = 0
		}
	}
	keep := h[:0]
	structEnd := 0
	for _, c := range h {
		if c.s.Kind == 0 {
			continue
		}
		if structural(c.s.Kind) {
			dup := false
			for j := len(keep) - 1; j >= 0 && keep[j].start == c.start; j-- {
				if keep[j].s.Kind == c.s.Kind && keep[j].end == c.end {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			structEnd = max(structEnd, c.end)
			keep = append(keep, c)
			continue
		}
		if c.start < structEnd {
			continue
		}
		keep = append(keep, c)
	}
	h = keep
	// Markings take the nearest name of their line.
	for i := range h {
		if h[i].s.Kind != Marking {
			continue
		}
		best, bestD := "", MarkingWindow+1
		for j := i - 1; j >= 0 && h[i].start-h[j].end <= MarkingWindow; j-- {
			if d := h[i].start - h[j].end; nameKind(h[j].s.Kind) && d >= 0 && d < bestD &&
				strings.IndexByte(t[h[j].end:h[i].start], '\n') < 0 {
				best, bestD = h[j].s.Value, d
			}
		}
		for j := i + 1; j < len(h) && h[j].start-h[i].end <= MarkingWindow; j++ {
			if d := h[j].start - h[i].end; nameKind(h[j].s.Kind) && d >= 0 && d < bestD &&
				strings.IndexByte(t[h[i].end:h[j].start], '\n') < 0 {
				best, bestD = h[j].s.Value, d
			}
		}
		h[i].s.Org = best
	}
	for _, c := range h {
		a, b := st.origStart(c.start), st.origEnd(c.end)
		if a > b || b > len(chunk) {
			continue
		}
		c.s.Offset = a
		c.s.Raw = chunk[a:b]
		st.out = append(st.out, c.s)
	}
	st.hits = h
}

func nameKind(k SignalKind) bool { return k == OrgName || k == CompanyString }

// overlapsOrg reports whether the CompanyString h[i] overlaps an OrgName.
func overlapsOrg(h []hit, i int) bool {
	for j := i - 1; j >= 0 && h[i].start-h[j].start <= 256; j-- {
		if h[j].s.Kind == OrgName && h[j].end > h[i].start {
			return true
		}
	}
	for j := i + 1; j < len(h) && h[j].start < h[i].end; j++ {
		if h[j].s.Kind == OrgName {
			return true
		}
	}
	return false
}
