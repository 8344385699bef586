package archivegen

import (
	"encoding/binary"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf16"
)

// The builders below make documents whose type only their container
// tells: an Outlook message is a plain compound file (OLE2) from its
// first bytes, and an OOXML package whose first member is a large
// thumbnail looks like any zip. They exist for the tests of the one
// point where the pipeline decides an item's type and chooses its
// metadata extractors.

// CFBStream is one stream of a compound file: its path, storages joined
// by "/" ("__substg1.0_0037001F", "__attach_version1.0_#00000000/
// __substg1.0_3707001F"), and its content.
type CFBStream struct {
	Path string
	Data []byte
}

// Layout of the compound files CompoundFile writes: version 3, 512-byte
// sectors, 64-byte mini sectors for streams under 4096 bytes.
const (
	cfbSector      = 512
	cfbMini        = 64
	cfbCutoff      = 4096
	cfbFree        = 0xFFFFFFFF
	cfbEndOfChain  = 0xFFFFFFFE
	cfbFATSect     = 0xFFFFFFFD
	cfbNoStream    = 0xFFFFFFFF
	cfbHeaderFATs  = 109
	cfbMaxNameLen  = 31
	cfbEntrySize   = 128
	cfbPerFAT      = cfbSector / 4
	cfbDirPerSect  = cfbSector / cfbEntrySize
	cfbTypeStorage = 1
	cfbTypeStream  = 2
	cfbTypeRoot    = 5
)

// cfbSignature starts every compound file.
var cfbSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// cfbNode is a storage or stream of the tree CompoundFile lays out.
type cfbNode struct {
	name               string
	data               []byte
	storage            bool
	kids               []*cfbNode
	left, right, child uint32
	start              uint32
	id                 uint32
}

// CompoundFile returns a compound file (the OLE2 container of .doc, .xls
// and .msg files) holding streams, with the storages their paths name.
// Each storage's children form a balanced tree in the order the format
// asks (shorter names first, then by upper-case name), all black, so that
// readers that look names up find them. At most 109 FAT sectors: about
// 7 MB of streams.
func CompoundFile(streams []CFBStream) ([]byte, error) {
	root := &cfbNode{name: "Root Entry", storage: true}
	for _, s := range streams {
		parts := strings.Split(s.Path, "/")
		dir := root
		for i, p := range parts {
			if p == "" || len(utf16.Encode([]rune(p))) > cfbMaxNameLen {
				return nil, fmt.Errorf("%w: compound file name %q", ErrInvalid, s.Path)
			}
			var found *cfbNode
			for _, k := range dir.kids {
				if strings.EqualFold(k.name, p) {
					found = k
				}
			}
			last := i == len(parts)-1
			switch {
			case found == nil:
				found = &cfbNode{name: p, storage: !last}
				dir.kids = append(dir.kids, found)
			case last || !found.storage:
				return nil, fmt.Errorf("%w: compound file path %q named twice", ErrInvalid, s.Path)
			}
			if last {
				found.data = s.Data
			}
			dir = found
		}
	}

	// Directory entries, in tree order.
	var entries []*cfbNode
	var add func(n *cfbNode) uint32
	var tree func(kids []*cfbNode) uint32
	add = func(n *cfbNode) uint32 {
		n.id = uint32(len(entries))
		n.left, n.right, n.child, n.start = cfbNoStream, cfbNoStream, cfbNoStream, cfbEndOfChain
		entries = append(entries, n)
		if n.storage {
			kids := append([]*cfbNode(nil), n.kids...)
			sort.SliceStable(kids, func(i, j int) bool { return cfbLess(kids[i].name, kids[j].name) })
			n.child = tree(kids)
		}
		return n.id
	}
	tree = func(kids []*cfbNode) uint32 {
		if len(kids) == 0 {
			return cfbNoStream
		}
		mid := len(kids) / 2
		id := add(kids[mid])
		entries[id].left = tree(kids[:mid])
		entries[id].right = tree(kids[mid+1:])
		return id
	}
	add(root)

	// The mini stream holds the small streams; the others get sectors.
	var mini []byte
	var miniFAT []uint32
	var bigs []*cfbNode
	for _, e := range entries[1:] {
		switch d := e.data; {
		case e.storage || len(d) == 0:
		case len(d) < cfbCutoff:
			e.start = uint32(len(mini) / cfbMini)
			n := (len(d) + cfbMini - 1) / cfbMini
			for j := range n {
				next := uint32(len(miniFAT) + 1)
				if j == n-1 {
					next = cfbEndOfChain
				}
				miniFAT = append(miniFAT, next)
			}
			mini = append(mini, d...)
			mini = append(mini, make([]byte, n*cfbMini-len(d))...)
		default:
			bigs = append(bigs, e)
		}
	}
	sectors := func(n int) int { return (n + cfbSector - 1) / cfbSector }
	dirSectors := sectors(len(entries) * cfbEntrySize)
	miniFATSectors := sectors(len(miniFAT) * 4)
	miniSectors := sectors(len(mini))
	n := dirSectors + miniFATSectors + miniSectors
	for _, e := range bigs {
		n += sectors(len(e.data))
	}
	fatSectors := 1
	for fatSectors*cfbPerFAT < n+fatSectors {
		fatSectors++
	}
	if fatSectors > cfbHeaderFATs {
		return nil, fmt.Errorf("%w: compound file too large for %d FAT sectors", ErrInvalid, cfbHeaderFATs)
	}
	fat := make([]uint32, fatSectors*cfbPerFAT)
	for i := range fat {
		fat[i] = cfbFree
	}
	for i := range fatSectors {
		fat[i] = cfbFATSect
	}
	next := uint32(fatSectors)
	chain := func(count int) uint32 {
		if count == 0 {
			return cfbEndOfChain
		}
		start := next
		for range count {
			fat[next] = next + 1
			next++
		}
		fat[next-1] = cfbEndOfChain
		return start
	}
	dirStart := chain(dirSectors)
	miniFATStart := chain(miniFATSectors)
	root.start = chain(miniSectors)
	for _, e := range bigs {
		e.start = chain(sectors(len(e.data)))
	}

	le := binary.LittleEndian
	out := make([]byte, cfbSector*(1+int(next)))
	h := out[:cfbSector]
	copy(h, cfbSignature)
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], uint32(fatSectors))
	le.PutUint32(h[48:], dirStart)
	le.PutUint32(h[56:], cfbCutoff)
	le.PutUint32(h[60:], miniFATStart)
	le.PutUint32(h[64:], uint32(miniFATSectors))
	le.PutUint32(h[68:], cfbEndOfChain)
	for i := range cfbHeaderFATs {
		v := uint32(cfbFree)
		if i < fatSectors {
			v = uint32(i)
		}
		le.PutUint32(h[76+4*i:], v)
	}
	sector := func(s uint32) []byte { return out[cfbSector*(1+int(s)):] }
	for i, v := range fat {
		le.PutUint32(sector(uint32(i / cfbPerFAT))[4*(i%cfbPerFAT):], v)
	}
	dir := sector(dirStart)
	for i := range dirSectors * cfbDirPerSect {
		d := dir[cfbEntrySize*i : cfbEntrySize*(i+1)]
		le.PutUint32(d[68:], cfbNoStream)
		le.PutUint32(d[72:], cfbNoStream)
		le.PutUint32(d[76:], cfbNoStream)
		if i >= len(entries) {
			continue
		}
		e := entries[i]
		name := utf16.Encode([]rune(e.name))
		for j, u := range name {
			le.PutUint16(d[2*j:], u)
		}
		le.PutUint16(d[64:], uint16(2*len(name)+2))
		switch {
		case i == 0:
			d[66] = cfbTypeRoot
			le.PutUint64(d[120:], uint64(len(mini)))
		case e.storage:
			d[66] = cfbTypeStorage
		default:
			d[66] = cfbTypeStream
			le.PutUint64(d[120:], uint64(len(e.data)))
		}
		d[67] = 1 // black
		le.PutUint32(d[68:], e.left)
		le.PutUint32(d[72:], e.right)
		le.PutUint32(d[76:], e.child)
		start := e.start
		if e.storage && i != 0 {
			start = 0
		}
		le.PutUint32(d[116:], start)
	}
	if miniFATSectors > 0 {
		mf := sector(miniFATStart)
		for i := range miniFATSectors * cfbPerFAT {
			v := uint32(cfbFree)
			if i < len(miniFAT) {
				v = miniFAT[i]
			}
			le.PutUint32(mf[4*i:], v)
		}
	}
	if miniSectors > 0 {
		copy(sector(root.start), mini)
	}
	for _, e := range bigs {
		copy(sector(e.start), e.data)
	}
	return out, nil
}

// cfbLess orders sibling names as the format asks: shorter first, then by
// upper-case name.
func cfbLess(a, b string) bool {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	if len(ua) != len(ub) {
		return len(ua) < len(ub)
	}
	return strings.ToUpper(a) < strings.ToUpper(b)
}

// OutlookMail is what OutlookMessage writes: the fields of a mail as
// Outlook keeps them (MAPI properties in Unicode).
type OutlookMail struct {
	Subject     string
	SenderName  string
	SenderEmail string
	Body        string
}

// OutlookMessage returns an Outlook .msg file (IPM.Note) holding m as
// Unicode string properties, with the property stream of a top-level
// message and no recipient or attachment: the smallest message Outlook
// opens. It is a compound file; its first bytes say no more than that.
func OutlookMessage(m OutlookMail) ([]byte, error) {
	str := func(tag uint16, s string) CFBStream {
		u := utf16.Encode([]rune(s))
		b := make([]byte, 2*len(u))
		for i, c := range u {
			binary.LittleEndian.PutUint16(b[2*i:], c)
		}
		return CFBStream{Path: fmt.Sprintf("__substg1.0_%04X001F", tag), Data: b}
	}
	streams := []CFBStream{
		str(0x001A, "IPM.Note"),
		// Top-level message: 8 reserved bytes, the next recipient and
		// attachment ids, their counts, 8 reserved bytes; no fixed-size
		// property follows.
		{Path: "__properties_version1.0", Data: make([]byte, 32)},
	}
	for _, p := range []struct {
		tag uint16
		v   string
	}{{0x0037, m.Subject}, {0x0C1A, m.SenderName}, {0x0C1F, m.SenderEmail}, {0x1000, m.Body}} {
		if p.v != "" {
			streams = append(streams, str(p.tag, p.v))
		}
	}
	return CompoundFile(streams)
}

// OOXMLPackage returns a Word document (docx) whose core properties name
// author and title and whose body is the one paragraph text, with its
// members in the order given by first: those parts come first, then the
// others in the usual order. Putting a large incompressible thumbnail
// first ("docProps/thumbnail.jpeg", made here when named) leaves nothing
// in the first 8 KiB that says docx: only [Content_Types].xml, read from
// the zip's directory, does. The parts are deflated.
func OOXMLPackage(author, title, text string, first ...string) ([]byte, error) {
	parts := map[string][]byte{
		"[Content_Types].xml": []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`),
		"_rels/.rels": []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`),
		"docProps/core.xml": []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
			`<dc:creator>` + xmlEscape(author) + `</dc:creator><dc:title>` + xmlEscape(title) + `</dc:title></cp:coreProperties>`),
		"word/document.xml": []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` +
			xmlEscape(text) + `</w:t></w:r></w:p></w:body></w:document>`),
	}
	order := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml"}
	var files []File
	seen := map[string]bool{}
	for _, name := range append(first, order...) {
		if seen[name] {
			continue
		}
		seen[name] = true
		data, ok := parts[name]
		switch {
		case ok:
		case name == "docProps/thumbnail.jpeg":
			data = detBytes("ooxml thumbnail", 12000)
		default:
			return nil, fmt.Errorf("%w: no OOXML part %q", ErrInvalid, name)
		}
		files = append(files, File{Name: name, Data: data, Store: path.Ext(name) == ".jpeg"})
	}
	return Zip(files, ZipOptions{})
}

// xmlEscape escapes the characters XML text cannot hold as they are.
func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// BinaryWorkbook returns an Excel binary workbook (xlsb) whose core
// properties name author, its parts in Excel's order. Its
// [Content_Types].xml declares the workbook (xl/workbook.bin) by a
// Default for the extension "bin", as Excel does, and no Override names
// it; the binary records are placeholders, not a workbook Excel opens.
func BinaryWorkbook(author string) ([]byte, error) {
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>` +
		`<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<dc:creator>` + xmlEscape(author) + `</dc:creator></cp:coreProperties>`
	return Zip([]File{
		{Name: "[Content_Types].xml", Data: []byte(ct)},
		{Name: "_rels/.rels", Data: []byte(rels)},
		{Name: "xl/workbook.bin", Data: []byte{0x83, 0x01, 0x00, 0x84, 0x01, 0x00}},
		{Name: "xl/worksheets/sheet1.bin", Data: []byte{0x81, 0x01, 0x00, 0x82, 0x01, 0x00}},
		{Name: "xl/styles.bin", Data: []byte{0x96, 0x02, 0x00, 0x97, 0x02, 0x00}},
		{Name: "docProps/core.xml", Data: []byte(core)},
	}, ZipOptions{})
}
