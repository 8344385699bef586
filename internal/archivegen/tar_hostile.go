package archivegen

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// The tar builders below write headers byte by byte, after the POSIX
// ustar and pax descriptions and GNU tar's manual (its old sparse header
// and the PAX sparse formats 0.0, 0.1 and 1.0), because archive/tar's
// Writer writes no sparse file and no GNU long name, and puts PAX records
// in an order of its own.

// TarMember is one member of a tar written by TarRaw.
type TarMember struct {
	// Name is stored in the header's 100-byte name field, cut there
	// unless LongName is set.
	Name string
	// Data is the data stored: for a sparse file, its data regions one
	// after the other.
	Data []byte
	// Typeflag is the header's type; 0 means a regular file ('0').
	Typeflag byte
	// PAX records go in an extended header ('x') before the member, in
	// the order given.
	PAX []TarRecord
	// LongName stores Name through a GNU long-name header ('L') as well.
	LongName bool
	// LongLink is stored as the link name through a GNU long-link
	// header ('K') when not empty.
	LongLink string
	// Sparse makes the member a sparse file.
	Sparse *TarSparse
}

// TarRecord is one PAX record.
type TarRecord struct {
	Key   string
	Value string
}

// TarSparse describes a sparse file: its real size and the regions that
// hold data, in order. Everything else is holes.
type TarSparse struct {
	// Format is how the map is written: "gnu" (an old GNU 'S' header,
	// with extension blocks past four regions), or the PAX formats
	// "0.0", "0.1" and "1.0" (GNU tar's --sparse --format=pax).
	Format  string
	Size    int64
	Regions []TarRegion
}

// TarRegion is a data region of a sparse file.
type TarRegion struct{ Offset, Length int64 }

// tarRecordSize is the size tar pads an archive to: 20 blocks.
const tarRecordSize = 10240

// TarRaw returns a tar archive of members, ended by two zero blocks and
// padded to a 10 KiB record, as GNU tar writes. Data lengths must match
// the sparse regions given; nothing else is checked, so that hostile
// archives can be written.
func TarRaw(members []TarMember) ([]byte, error) {
	var b bytes.Buffer
	for i := range members {
		if err := writeTarMember(&b, &members[i]); err != nil {
			return nil, err
		}
	}
	b.Write(make([]byte, 2*tarBlock))
	if pad := b.Len() % tarRecordSize; pad != 0 {
		b.Write(make([]byte, tarRecordSize-pad))
	}
	return b.Bytes(), nil
}

const tarBlock = 512

func writeTarMember(b *bytes.Buffer, m *TarMember) error {
	if m.Name == "" {
		return fmt.Errorf("%w: tar member without a name", ErrInvalid)
	}
	typeflag := m.Typeflag
	if typeflag == 0 {
		typeflag = '0'
	}
	name := m.Name
	pax := m.PAX
	data := m.Data
	var sparse []byte // old GNU sparse fields, for the main header
	if sp := m.Sparse; sp != nil {
		var dense int64
		for _, r := range sp.Regions {
			dense += r.Length
		}
		if dense != int64(len(data)) {
			return fmt.Errorf("%w: sparse member %q: regions hold %d bytes, data %d", ErrInvalid, m.Name, dense, len(data))
		}
		switch sp.Format {
		case "gnu":
			typeflag = 'S'
		case "0.0":
			pax = append(pax, TarRecord{"GNU.sparse.size", itoa(sp.Size)}, TarRecord{"GNU.sparse.numblocks", itoa(int64(len(sp.Regions)))})
			for _, r := range sp.Regions {
				pax = append(pax, TarRecord{"GNU.sparse.offset", itoa(r.Offset)}, TarRecord{"GNU.sparse.numbytes", itoa(r.Length)})
			}
		case "0.1":
			var parts []string
			for _, r := range sp.Regions {
				parts = append(parts, itoa(r.Offset), itoa(r.Length))
			}
			pax = append(pax, TarRecord{"GNU.sparse.size", itoa(sp.Size)}, TarRecord{"GNU.sparse.numblocks", itoa(int64(len(sp.Regions)))},
				TarRecord{"GNU.sparse.map", strings.Join(parts, ",")})
		case "1.0":
			pax = append(pax, TarRecord{"GNU.sparse.major", "1"}, TarRecord{"GNU.sparse.minor", "0"},
				TarRecord{"GNU.sparse.name", m.Name}, TarRecord{"GNU.sparse.realsize", itoa(sp.Size)})
			name = "GNUSparseFile.0/" + m.Name
			var mp bytes.Buffer
			fmt.Fprintf(&mp, "%d\n", len(sp.Regions))
			for _, r := range sp.Regions {
				fmt.Fprintf(&mp, "%d\n%d\n", r.Offset, r.Length)
			}
			mp.Write(make([]byte, padTo(int64(mp.Len()))))
			data = append(mp.Bytes(), data...)
		default:
			return fmt.Errorf("%w: sparse format %q", ErrInvalid, sp.Format)
		}
		if typeflag == 'S' {
			sparse = gnuSparseMap(sp)
		}
	}
	if len(pax) > 0 {
		var recs bytes.Buffer
		for _, r := range pax {
			recs.WriteString(paxRecord(r.Key, r.Value))
		}
		writeTarEntry(b, tarHeader(cut("PaxHeaders.0/"+m.Name, 100), 'x', int64(recs.Len()), false), recs.Bytes())
	}
	if m.LongName {
		writeTarEntry(b, tarHeader("././@LongLink", 'L', int64(len(m.Name)+1), true), append([]byte(m.Name), 0))
	}
	if m.LongLink != "" {
		writeTarEntry(b, tarHeader("././@LongLink", 'K', int64(len(m.LongLink)+1), true), append([]byte(m.LongLink), 0))
	}
	gnu := m.LongName || m.LongLink != "" || typeflag == 'S'
	h := tarHeader(cut(name, 100), typeflag, int64(len(data)), gnu)
	if m.LongLink != "" {
		copy(h[157:257], cut(m.LongLink, 100))
		setChecksum(h)
	}
	if len(sparse) > 0 {
		// Header: 4 entries at 386, the extended flag at 482, the real
		// size at 483; extension blocks of 21 entries and a flag at 504.
		copy(h[386:482], sparse)
		copy(h[483:495], fmt.Sprintf("%011o\x00", m.Sparse.Size))
		var ext [][]byte
		for rest := sparse[min(len(sparse), 96):]; len(rest) > 0; rest = rest[min(len(rest), 504):] {
			blk := make([]byte, tarBlock)
			copy(blk, rest[:min(len(rest), 504)])
			ext = append(ext, blk)
		}
		if len(ext) > 0 {
			h[482] = 1
		}
		for i := range ext[:max(len(ext)-1, 0)] {
			ext[i][504] = 1
		}
		setChecksum(h)
		b.Write(h)
		for _, blk := range ext {
			b.Write(blk)
		}
		b.Write(data)
		b.Write(make([]byte, padTo(int64(len(data)))))
		return nil
	}
	writeTarEntry(b, h, data)
	return nil
}

// gnuSparseMap returns the 24-byte entries (12-byte octal offset and
// length) of an old GNU sparse map.
func gnuSparseMap(sp *TarSparse) []byte {
	var out []byte
	for _, r := range sp.Regions {
		out = append(out, fmt.Sprintf("%011o\x00%011o\x00", r.Offset, r.Length)...)
	}
	return out
}

func writeTarEntry(b *bytes.Buffer, h, data []byte) {
	b.Write(h)
	b.Write(data)
	b.Write(make([]byte, padTo(int64(len(data)))))
}

// tarHeader returns a header block: ustar, or GNU's magic when gnu is set,
// mode 0644, owner 0, time DefaultTime. Sizes of 8 GiB and more are
// written in GNU's base-256.
func tarHeader(name string, typeflag byte, size int64, gnu bool) []byte {
	h := make([]byte, tarBlock)
	copy(h[0:100], name)
	copy(h[100:108], "0000644\x00")
	copy(h[108:116], "0000000\x00")
	copy(h[116:124], "0000000\x00")
	if size < 1<<33 {
		copy(h[124:136], fmt.Sprintf("%011o\x00", size))
	} else {
		h[124] = 0x80
		for i := 135; i > 124; i-- {
			h[i] = byte(size)
			size >>= 8
		}
	}
	copy(h[136:148], fmt.Sprintf("%011o\x00", DefaultTime.Unix()))
	h[156] = typeflag
	if gnu {
		copy(h[257:265], "ustar  \x00")
	} else {
		copy(h[257:265], "ustar\x0000")
	}
	setChecksum(h)
	return h
}

// setChecksum writes a header block's checksum: the sum of its bytes,
// the checksum field counted as spaces.
func setChecksum(h []byte) {
	copy(h[148:156], "        ")
	sum := 0
	for _, c := range h[:tarBlock] {
		sum += int(c)
	}
	copy(h[148:156], fmt.Sprintf("%06o\x00 ", sum))
}

// paxRecord formats "<length> <key>=<value>\n", the length counting
// itself.
func paxRecord(k, v string) string {
	base := len(k) + len(v) + 3 // ' ', '=' and '\n'
	n := base + len(strconv.Itoa(base))
	if len(strconv.Itoa(n)) != len(strconv.Itoa(base)) {
		n++
	}
	return strconv.Itoa(n) + " " + k + "=" + v + "\n"
}

func padTo(n int64) int64 { return (tarBlock - n%tarBlock) % tarBlock }

func cut(s string, n int) string { return s[:min(len(s), n)] }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TarHostileCase is a hostile tar built by TarHostile.
type TarHostileCase struct {
	Name string // stable, for test tables
	What string // what it holds, and what a reader that trusts it does
	Data []byte
	// Hostile names the member that carries the hostile header, as a
	// reader lists it.
	Hostile string
}

// TarHostileAfter is the member every TarHostile archive ends with: the
// evidence a reader loses when it gives up at the hostile header.
var TarHostileAfter = TarMember{Name: "after.txt", Data: []byte("password list of Example Trading Co.\n")}

// tarHostileBefore is the member every TarHostile archive starts with.
var tarHostileBefore = TarMember{Name: "before.txt", Data: []byte("first member\n")}

// TarHostile returns tars whose one hostile member sits between two
// plain ones (before.txt, TarHostileAfter): extended headers over the 1
// MiB archive/tar holds in memory (which then gives up on the whole
// archive), and sparse files whose holes declare gigabytes in a few
// kilobytes (which archive/tar reads back as zeros). big is the size of
// the oversized headers and must exceed 1 MiB; the sparse files declare
// 2 GiB. GNU tar and 7-Zip list every member of each.
func TarHostile(big int) ([]TarHostileCase, error) {
	if big <= 1<<20 {
		return nil, fmt.Errorf("%w: big header size %d is not over 1 MiB", ErrInvalid, big)
	}
	filler := strings.Repeat("C", big)
	const hole = 2 << 30
	tail := []byte("tail of the sparse file\n")
	region := TarRegion{Offset: hole - int64(len(tail)), Length: int64(len(tail))}
	manyRegions := make([]TarRegion, 30) // old GNU: header and two extension blocks
	var manyData []byte
	for i := range manyRegions {
		manyRegions[i] = TarRegion{Offset: int64(i) << 26, Length: 16}
		manyData = append(manyData, fmt.Sprintf("region %06d..\n", i)...)
	}
	cases := []struct {
		name, what, hostile string
		m                   TarMember
	}{
		{"pax-comment", "a PAX comment record over 1 MiB before the path and mtime records", "hostile-real-name.txt",
			TarMember{Name: "hostile.txt", Data: []byte("x"), PAX: []TarRecord{{"comment", filler},
				{"path", "hostile-real-name.txt"}, {"mtime", "1618191000.5"}}}},
		{"pax-many-records", "a PAX header over 1 MiB of small records", "hostile-real-name.txt",
			TarMember{Name: "hostile.txt", Data: []byte("x"), PAX: manyRecords(big, TarRecord{"path", "hostile-real-name.txt"})}},
		{"pax-global", "a PAX global header over 1 MiB", "pax_global_header",
			TarMember{Name: "pax_global_header", Typeflag: 'g', Data: []byte(paxRecord("comment", filler))}},
		{"gnu-long-name", "a GNU long name over 1 MiB", strings.Repeat("n", 100),
			TarMember{Name: strings.Repeat("n", big), Data: []byte("x"), LongName: true}},
		{"gnu-long-link", "a GNU long link name over 1 MiB", "link",
			TarMember{Name: "link", Typeflag: '2', LongLink: strings.Repeat("l", big)}},
		{"sparse-gnu", "an old GNU sparse file: 2 GiB of holes, then 24 bytes", "hole.bin",
			TarMember{Name: "hole.bin", Data: tail, Sparse: &TarSparse{Format: "gnu", Size: hole, Regions: []TarRegion{region}}}},
		{"sparse-gnu-extended", "an old GNU sparse file with two extension blocks of its map, 30 regions in 2 GiB", "hole.bin",
			TarMember{Name: "hole.bin", Data: manyData, Sparse: &TarSparse{Format: "gnu", Size: hole, Regions: manyRegions}}},
		{"sparse-pax-0.0", "a PAX 0.0 sparse file of 2 GiB", "hole.bin",
			TarMember{Name: "hole.bin", Data: tail, Sparse: &TarSparse{Format: "0.0", Size: hole, Regions: []TarRegion{region}}}},
		{"sparse-pax-0.1", "a PAX 0.1 sparse file of 2 GiB", "hole.bin",
			TarMember{Name: "hole.bin", Data: tail, Sparse: &TarSparse{Format: "0.1", Size: hole, Regions: []TarRegion{region}}}},
		{"sparse-pax-1.0", "a PAX 1.0 sparse file of 2 GiB (GNU tar --sparse --format=pax)", "hole.bin",
			TarMember{Name: "hole.bin", Data: tail, Sparse: &TarSparse{Format: "1.0", Size: hole, Regions: []TarRegion{region}}}},
		{"sparse-pax-1.0-empty", "a PAX 1.0 sparse file of 2 GiB that is all hole", "hole.bin",
			TarMember{Name: "hole.bin", Sparse: &TarSparse{Format: "1.0", Size: hole, Regions: []TarRegion{{Offset: hole, Length: 0}}}}},
	}
	out := make([]TarHostileCase, 0, len(cases))
	for _, c := range cases {
		b, err := TarRaw([]TarMember{tarHostileBefore, c.m, TarHostileAfter})
		if err != nil {
			return nil, err
		}
		out = append(out, TarHostileCase{Name: c.name, What: c.what, Data: b, Hostile: c.hostile})
	}
	return out, nil
}

// manyRecords returns small "comment" records totalling more than size
// bytes, with last after them.
func manyRecords(size int, last TarRecord) []TarRecord {
	var out []TarRecord
	for n := 0; n <= size; {
		r := TarRecord{"comment", fmt.Sprintf("record %08d", len(out))}
		n += len(paxRecord(r.Key, r.Value))
		out = append(out, r)
	}
	return append(out, last)
}

// GzipDamage is a way to damage the end of a gzip file.
type GzipDamage int

// The damages DamageGzip makes.
const (
	GzipBadCRC          GzipDamage = iota + 1 // one bit of the trailer's CRC-32 flipped
	GzipBadSize                               // one bit of the trailer's size flipped
	GzipNoTrailer                             // the 8-byte trailer cut off
	GzipTrailingGarbage                       // bytes after the member that start no other
)

// GzipTrailingBytes is what GzipTrailingGarbage appends.
const GzipTrailingBytes = "not a gzip member: appended data\n"

// DamageGzip returns a copy of the one-member gzip file gz with its end
// damaged: what gzip -t reports as "crc error", "length error",
// "unexpected end of file" and "trailing garbage ignored".
func DamageGzip(gz []byte, d GzipDamage) []byte {
	out := bytes.Clone(gz)
	if len(out) < 18 {
		return out
	}
	switch d {
	case GzipBadCRC:
		out[len(out)-8] ^= 1
	case GzipBadSize:
		out[len(out)-4] ^= 1
	case GzipNoTrailer:
		out = out[:len(out)-8]
	case GzipTrailingGarbage:
		out = append(out, GzipTrailingBytes...)
	}
	return out
}
