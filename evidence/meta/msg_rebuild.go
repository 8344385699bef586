package meta

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
)

// rebuild copies the embedded message stored in n into a compound file
// of its own, as Outlook saves an attached message: its property stream
// gets the 32-byte header of a top-level message. Storages more than
// maxMSGNesting messages down are left out, with a warning.
func (r *msgReader) rebuild(n *msgNode) ([]byte, error) {
	total := int64(0)
	entries := 0
	var copyNode func(n *msgNode, level int, top bool) (*cfbNode, error)
	copyNode = func(n *msgNode, level int, top bool) (*cfbNode, error) {
		out := &cfbNode{name: n.name, dir: n.kids != nil}
		if top {
			out.name = "Root Entry"
		}
		if n.kids == nil {
			b, err := r.stream(n, r.lim.MaxRecordBytes-total)
			if err != nil {
				return nil, err
			}
			out.data = b
			total += int64(len(b))
			return out, nil
		}
		names := make([]string, 0, len(n.kids))
		for k := range n.kids {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if err := r.ctx.Err(); err != nil {
				return nil, err
			}
			c := n.kids[k]
			entries++
			if entries > r.lim.MaxRecords {
				return nil, fmt.Errorf("%w: embedded message of more than %d entries", ErrLimit, r.lim.MaxRecords)
			}
			if k == msgEmbeddedStore && c.kids != nil && level+1 >= maxMSGNesting {
				r.warn(fmt.Errorf("%w: messages embedded more than %d deep not kept", ErrLimit, maxMSGNesting))
				continue
			}
			next := level
			if k == msgEmbeddedStore {
				next++
			}
			cn, err := copyNode(c, next, false)
			if err != nil {
				return nil, err
			}
			if top && k == msgPropsStream && len(cn.data) >= msgHeaderEmbedded {
				// An embedded message's header lacks the 8 reserved
				// bytes that end a top-level one.
				d := make([]byte, 0, len(cn.data)+msgHeaderTop-msgHeaderEmbedded)
				d = append(d, cn.data[:msgHeaderEmbedded]...)
				d = append(d, make([]byte, msgHeaderTop-msgHeaderEmbedded)...)
				cn.data = append(d, cn.data[msgHeaderEmbedded:]...)
			}
			out.kids = append(out.kids, cn)
		}
		return out, nil
	}
	root, err := copyNode(n, 0, true)
	if err != nil {
		return nil, err
	}
	return writeCFB(root)
}

// cfbNode is an entry of a compound file written by writeCFB.
type cfbNode struct {
	name string
	dir  bool
	data []byte
	kids []*cfbNode
}

// Layout of the compound files writeCFB writes: version 4, 4096-byte
// sectors, the FAT sectors all listed in the header.
const (
	cfbWSector     = 4096
	cfbWMini       = 64
	cfbWCutoff     = 4096
	cfbWFree       = 0xFFFFFFFF
	cfbWFATSect    = 0xFFFFFFFD
	cfbWNoStream   = 0xFFFFFFFF
	cfbWMaxNameLen = 31
)

// writeCFB writes root (a storage, its name ignored) as a compound file.
// Streams under 4096 bytes go to the mini stream. Each storage's children
// form a balanced binary tree in the order the format asks (shorter names
// first, then by upper-case name), all black.
func writeCFB(root *cfbNode) ([]byte, error) {
	le := binary.LittleEndian
	type dirEntry struct {
		node               *cfbNode
		left, right, child uint32
		start              uint32
		size               uint64
		nameUTF16          []uint16
	}
	var entries []*dirEntry
	var add func(n *cfbNode) uint32
	var tree func(kids []*cfbNode) uint32
	add = func(n *cfbNode) uint32 {
		id := uint32(len(entries))
		u := utf16.Encode([]rune(n.name))
		if len(u) > cfbWMaxNameLen {
			u = u[:cfbWMaxNameLen]
		}
		e := &dirEntry{node: n, left: cfbWNoStream, right: cfbWNoStream, child: cfbWNoStream, start: cfbEndOfChain, nameUTF16: u}
		entries = append(entries, e)
		if n.dir {
			kids := append([]*cfbNode(nil), n.kids...)
			sort.SliceStable(kids, func(i, j int) bool { return cfbLess(kids[i].name, kids[j].name) })
			e.child = tree(kids)
		}
		return id
	}
	tree = func(kids []*cfbNode) uint32 {
		if len(kids) == 0 {
			return cfbWNoStream
		}
		mid := len(kids) / 2
		id := add(kids[mid])
		e := entries[id]
		e.left = tree(kids[:mid])
		e.right = tree(kids[mid+1:])
		return id
	}
	rootNode := *root
	rootNode.name = "Root Entry"
	rootNode.dir = true
	add(&rootNode)

	// Mini stream and big streams.
	var mini []byte
	var miniFAT []uint32
	var bigs []*dirEntry
	for _, e := range entries[1:] {
		if e.node.dir {
			continue
		}
		d := e.node.data
		e.size = uint64(len(d))
		switch {
		case len(d) == 0:
		case len(d) < cfbWCutoff:
			e.start = uint32(len(mini) / cfbWMini)
			n := (len(d) + cfbWMini - 1) / cfbWMini
			for j := 0; j < n; j++ {
				next := uint32(len(miniFAT) + 1)
				if j == n-1 {
					next = cfbEndOfChain
				}
				miniFAT = append(miniFAT, next)
			}
			mini = append(mini, d...)
			mini = append(mini, make([]byte, n*cfbWMini-len(d))...)
		default:
			bigs = append(bigs, e)
		}
	}
	sectorsOf := func(n int) int { return (n + cfbWSector - 1) / cfbWSector }
	dirSectors := sectorsOf(len(entries) * 128)
	miniFATSectors := sectorsOf(len(miniFAT) * 4)
	miniSectors := sectorsOf(len(mini))
	n := dirSectors + miniFATSectors + miniSectors
	for _, e := range bigs {
		n += sectorsOf(len(e.node.data))
	}
	perFAT := cfbWSector / 4
	fatSectors := 1
	for fatSectors*perFAT < n+fatSectors {
		fatSectors++
	}
	if fatSectors > cfbHeaderFATs {
		return nil, fmt.Errorf("%w: message too large to rebuild", ErrLimit)
	}
	total := fatSectors + n
	fat := make([]uint32, fatSectors*perFAT)
	for i := range fat {
		fat[i] = cfbWFree
	}
	for i := 0; i < fatSectors; i++ {
		fat[i] = cfbWFATSect
	}
	next := uint32(fatSectors)
	chain := func(count int) uint32 {
		if count == 0 {
			return cfbEndOfChain
		}
		start := next
		for j := 0; j < count; j++ {
			fat[next] = next + 1
			next++
		}
		fat[next-1] = cfbEndOfChain
		return start
	}
	dirStart := chain(dirSectors)
	miniFATStart := chain(miniFATSectors)
	entries[0].start = chain(miniSectors)
	entries[0].size = uint64(len(mini))
	for _, e := range bigs {
		e.start = chain(sectorsOf(len(e.node.data)))
	}

	out := make([]byte, cfbWSector*(1+total))
	h := out[:cfbHeaderLen]
	copy(h, cfbSignature)
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], 4)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 12)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[40:], uint32(dirSectors))
	le.PutUint32(h[44:], uint32(fatSectors))
	le.PutUint32(h[48:], dirStart)
	le.PutUint32(h[56:], cfbWCutoff)
	le.PutUint32(h[60:], miniFATStart)
	le.PutUint32(h[64:], uint32(miniFATSectors))
	le.PutUint32(h[68:], cfbEndOfChain)
	for i := 0; i < cfbHeaderFATs; i++ {
		v := uint32(cfbWFree)
		if i < fatSectors {
			v = uint32(i)
		}
		le.PutUint32(h[76+4*i:], v)
	}
	sector := func(s uint32) []byte { return out[cfbWSector*(int(s)+1):] }
	for i, v := range fat {
		le.PutUint32(sector(uint32(i / perFAT))[4*(i%perFAT):], v)
	}
	for i := 0; i < dirSectors*cfbWSector/128; i++ {
		d := sector(dirStart)[128*i : 128*(i+1)]
		le.PutUint32(d[68:], cfbWNoStream)
		le.PutUint32(d[72:], cfbWNoStream)
		le.PutUint32(d[76:], cfbWNoStream)
		if i >= len(entries) {
			continue
		}
		e := entries[i]
		for j, u := range e.nameUTF16 {
			le.PutUint16(d[2*j:], u)
		}
		le.PutUint16(d[64:], uint16(2*len(e.nameUTF16)+2))
		switch {
		case i == 0:
			d[66] = 5
		case e.node.dir:
			d[66] = 1
		default:
			d[66] = 2
		}
		d[67] = 1 // black
		le.PutUint32(d[68:], e.left)
		le.PutUint32(d[72:], e.right)
		le.PutUint32(d[76:], e.child)
		le.PutUint32(d[116:], e.start)
		le.PutUint64(d[120:], e.size)
	}
	for i, v := range miniFAT {
		le.PutUint32(sector(miniFATStart)[4*i:], v)
	}
	if len(mini) > 0 {
		copy(sector(entries[0].start), mini)
	}
	for _, e := range bigs {
		copy(sector(e.start), e.node.data)
	}
	return out, nil
}

// cfbLess orders directory names as MS-CFB asks: shorter first, then by
// their upper-case form.
func cfbLess(a, b string) bool {
	la, lb := len(utf16.Encode([]rune(a))), len(utf16.Encode([]rune(b)))
	if la != lb {
		return la < lb
	}
	return strings.ToUpper(a) < strings.ToUpper(b)
}
