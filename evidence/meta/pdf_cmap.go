package meta

import (
	"cmp"
	"container/heap"
	"slices"
	"strings"
	"unicode/utf8"
)

// Bounds of ToUnicode CMaps.
const (
	// pdfMaxCMapEntries caps the mappings of one ToUnicode CMap: bfchar
	// lines, bfrange lines and the elements of array-form bfranges. A
	// range costs one entry however many codes it spans, and two-byte
	// fonts need at most 65536 codes.
	pdfMaxCMapEntries = 1 << 17
	// pdfMaxCMapDst caps the destination of one mapping: "The value of
	// dstString can be a string of up to 512 bytes" (PDF Reference 1.7,
	// 5.9.2). Longer ones are cut, so one code never stands for more.
	pdfMaxCMapDst = 512
	// pdfMaxCodespaces caps the codespace ranges of one CMap.
	pdfMaxCodespaces = 64
	// pdfCMapEntryCost is what one mapping costs in memory, beside its
	// text: the entry and up to two segments of the lookup table.
	pdfCMapEntryCost = 48
)

// pdfCMap is a parsed ToUnicode CMap. Mappings are kept as read, one
// entry per bfchar, per bfrange and per element of an array-form
// bfrange, and the text of a code is computed when the code is shown: a
// range of 65536 codes costs what its line costs, never 65536 strings.
type pdfCMap struct {
	// spaces are the codespace ranges by code length less one, sorted
	// and merged.
	spaces [4][]pdfCodeRange
	// twoByte reports that a mapping of two-byte codes was read: codes
	// outside every codespace range are then two bytes long.
	twoByte bool
	// entries are the mappings in the order read. segs, built by finish,
	// are disjoint ranges of codes sorted by code, each naming the entry
	// read last among those that map its codes.
	entries []pdfCMapEntry
	segs    []pdfCMapSeg
	// text holds the destinations of all entries, UTF-8.
	text []byte
}

type pdfCodeRange struct{ lo, hi uint32 }

// pdfCMapEntry maps the codes lo to hi to text[off:off+n], the last rune
// incremented by the code's distance from lo.
type pdfCMapEntry struct{ lo, hi, off, n uint32 }

type pdfCMapSeg struct {
	lo, hi uint32
	entry  int32
}

// empty reports whether the CMap maps no code.
func (m *pdfCMap) empty() bool { return m == nil || len(m.segs) == 0 }

// parseCMap reads the codespace ranges, bfchar and bfrange mappings of a
// ToUnicode CMap. Its memory is taken from the file's CMap budget; a
// CMap past that budget or pdfMaxCMapEntries keeps what was read before.
func (d *pdfDoc) parseCMap(data []byte) *pdfCMap {
	m := &pdfCMap{}
	// CMaps hold no references, but "n g R" has always been read as one
	// here; CMaps are small and read once per file.
	l := pdfDataLexer(data, 0, 1<<16, true, &d.stack)
	var ops []any
	var spaces [][3]uint32
	mode := ""
parse:
	for {
		l.items = 0
		v, err := l.object(0)
		if err != nil {
			break
		}
		kw, isKw := v.(pdfKeyword)
		if !isKw {
			if len(ops) < 3 {
				ops = append(ops, v)
			}
			if mode == "range" && len(ops) == 3 || mode != "" && mode != "range" && len(ops) == 2 {
				if mode == "space" {
					lo, n, ok1 := pdfCode(ops[0])
					hi, _, ok2 := pdfCode(ops[1])
					if ok1 && ok2 && len(spaces) < pdfMaxCodespaces {
						spaces = append(spaces, [3]uint32{lo, hi, uint32(n)})
					}
				} else if !d.cmapEntry(m, mode, ops) {
					break parse
				}
				ops = ops[:0]
			}
			continue
		}
		ops = ops[:0]
		switch kw {
		case "begincodespacerange":
			mode = "space"
		case "beginbfchar":
			mode = "char"
		case "beginbfrange":
			mode = "range"
		default:
			// The end of a section, or one ToUnicode CMaps have no use
			// for (cidrange, notdefrange): its lines map nothing.
			if strings.HasPrefix(string(kw), "end") || strings.HasPrefix(string(kw), "begin") {
				mode = ""
			}
		}
	}
	m.finish(spaces)
	return m
}

// pdfCode reads a source code: a string of one to four bytes.
func pdfCode(v any) (uint32, int, bool) {
	s, ok := v.(pdfString)
	if !ok || len(s) == 0 || len(s) > 4 {
		return 0, 0, false
	}
	var c uint32
	for _, b := range s {
		c = c<<8 | uint32(b)
	}
	return c, len(s), true
}

// cmapEntry adds the mapping of one bfchar or bfrange line. It returns
// false when a bound stops the CMap.
func (d *pdfDoc) cmapEntry(m *pdfCMap, mode string, ops []any) bool {
	lo, n, ok1 := pdfCode(ops[0])
	if !ok1 {
		return true
	}
	hi, dst := lo, ops[1]
	if mode == "range" {
		var ok2 bool
		hi, _, ok2 = pdfCode(ops[1])
		if !ok2 || hi < lo || hi-lo > 0xffff {
			return true
		}
		dst = ops[2]
	}
	if n == 2 {
		m.twoByte = true
	}
	switch t := dst.(type) {
	case []any:
		if mode != "range" {
			return d.cmapAdd(m, lo, lo, nil, false)
		}
		for i, x := range t {
			if uint64(lo)+uint64(i) > uint64(hi) {
				break
			}
			s, _ := x.(pdfString)
			if !d.cmapAdd(m, lo+uint32(i), lo+uint32(i), s, false) {
				return false
			}
		}
		return true
	case pdfString:
		// A range whose base is empty maps nothing: there is no rune to
		// increment.
		return d.cmapAdd(m, lo, hi, t, mode == "range")
	}
	return d.cmapAdd(m, lo, hi, nil, mode == "range")
}

// cmapAdd adds the mapping of lo to hi to dst (UTF-16BE); when base is
// set an empty dst maps nothing.
func (d *pdfDoc) cmapAdd(m *pdfCMap, lo, hi uint32, dst pdfString, base bool) bool {
	if len(m.entries) >= pdfMaxCMapEntries {
		d.warnf("%w: ToUnicode CMap of more than %d mappings", ErrLimit, pdfMaxCMapEntries)
		return false
	}
	if len(dst) > pdfMaxCMapDst {
		d.warnf("%w: ToUnicode destination over %d bytes cut", ErrLimit, pdfMaxCMapDst)
		dst = dst[:pdfMaxCMapDst]
	}
	off := len(m.text)
	m.text = pdfAppendUTF16(m.text, dst, true)
	n := len(m.text) - off
	if base && n == 0 {
		return true
	}
	if d.cmapLeft -= int64(pdfCMapEntryCost + n); d.cmapLeft < 0 {
		m.text = m.text[:off]
		d.warnf("%w: ToUnicode CMaps of the file over %d bytes", ErrLimit, d.cmapBudget)
		return false
	}
	m.entries = append(m.entries, pdfCMapEntry{lo: lo, hi: hi, off: uint32(off), n: uint32(n)})
	return true
}

// finish merges the codespace ranges and builds the lookup table: where
// mappings overlap, the one read last wins, as when each is written over
// the ones before.
func (m *pdfCMap) finish(spaces [][3]uint32) {
	for _, sp := range spaces {
		if sp[0] <= sp[1] {
			m.spaces[sp[2]-1] = append(m.spaces[sp[2]-1], pdfCodeRange{sp[0], sp[1]})
		}
	}
	for n, rs := range m.spaces {
		slices.SortFunc(rs, func(a, b pdfCodeRange) int { return cmp.Compare(a.lo, b.lo) })
		var merged []pdfCodeRange
		for _, r := range rs {
			if k := len(merged) - 1; k >= 0 && uint64(r.lo) <= uint64(merged[k].hi)+1 {
				merged[k].hi = max(merged[k].hi, r.hi)
				continue
			}
			merged = append(merged, r)
		}
		m.spaces[n] = merged
	}

	order := make([]int32, len(m.entries))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(m.entries[a].lo, m.entries[b].lo) })
	disjoint := true
	for k := 1; k < len(order) && disjoint; k++ {
		disjoint = m.entries[order[k]].lo > m.entries[order[k-1]].hi
	}
	if disjoint {
		m.segs = make([]pdfCMapSeg, len(order))
		for k, i := range order {
			m.segs[k] = pdfCMapSeg{m.entries[i].lo, m.entries[i].hi, i}
		}
		return
	}
	// Sweep the codes in order, keeping the entries that cover the
	// current code in a heap, the one read last on top: each step ends
	// where the top entry ends or the next entry starts.
	h := &pdfEntryHeap{}
	var segs []pdfCMapSeg
	var pos uint64
	for k := 0; k < len(order) || h.Len() > 0; {
		if h.Len() == 0 {
			pos = uint64(m.entries[order[k]].lo)
		}
		for ; k < len(order) && uint64(m.entries[order[k]].lo) <= pos; k++ {
			heap.Push(h, order[k])
		}
		for h.Len() > 0 && uint64(m.entries[h.s[0]].hi) < pos {
			heap.Pop(h)
		}
		if h.Len() == 0 {
			continue
		}
		top := h.s[0]
		end := uint64(m.entries[top].hi) + 1
		if k < len(order) {
			end = min(end, uint64(m.entries[order[k]].lo))
		}
		if n := len(segs) - 1; n >= 0 && segs[n].entry == top && uint64(segs[n].hi)+1 == pos {
			segs[n].hi = uint32(end - 1)
		} else {
			segs = append(segs, pdfCMapSeg{uint32(pos), uint32(end - 1), top})
		}
		pos = end
	}
	m.segs = segs
}

// pdfEntryHeap is a max-heap of entry indexes: the entry read last on top.
type pdfEntryHeap struct{ s []int32 }

func (h *pdfEntryHeap) Len() int           { return len(h.s) }
func (h *pdfEntryHeap) Less(i, j int) bool { return h.s[i] > h.s[j] }
func (h *pdfEntryHeap) Swap(i, j int)      { h.s[i], h.s[j] = h.s[j], h.s[i] }
func (h *pdfEntryHeap) Push(x any)         { h.s = append(h.s, x.(int32)) }
func (h *pdfEntryHeap) Pop() any {
	x := h.s[len(h.s)-1]
	h.s = h.s[:len(h.s)-1]
	return x
}

// codeLen returns the byte length of the code at the start of s: the
// shortest that falls in a codespace range, else two bytes for two-byte
// fonts and one for the others.
func (m *pdfCMap) codeLen(s []byte, twoByte bool) int {
	var c uint32
	for n := 1; n <= 4 && n <= len(s); n++ {
		c = c<<8 | uint32(s[n-1])
		rs := m.spaces[n-1]
		i, j := 0, len(rs)
		for i < j {
			h := int(uint(i+j) >> 1)
			if rs[h].hi < c {
				i = h + 1
			} else {
				j = h
			}
		}
		if i < len(rs) && rs[i].lo <= c {
			return n
		}
	}
	if twoByte || m.twoByte {
		return 2
	}
	return 1
}

// appendCode appends the text of code c to dst.
func (m *pdfCMap) appendCode(dst []byte, c uint32) []byte {
	// The first segment that ends at or after c.
	i, j := 0, len(m.segs)
	for i < j {
		h := int(uint(i+j) >> 1)
		if m.segs[h].hi < c {
			i = h + 1
		} else {
			j = h
		}
	}
	if i == len(m.segs) || m.segs[i].lo > c {
		return dst
	}
	e := m.entries[m.segs[i].entry]
	text := m.text[e.off : e.off+e.n]
	if c == e.lo || len(text) == 0 {
		return append(dst, text...)
	}
	r, size := utf8.DecodeLastRune(text)
	dst = append(dst, text[:len(text)-size]...)
	return utf8.AppendRune(dst, r+rune(c-e.lo))
}
