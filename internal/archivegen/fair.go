package archivegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/bits"
)

// ZipUniqueZeros returns a zip of n deflated entries, "logs/part00001.log"
// and on, of size bytes each: zeros but for the entry's number in the last
// eight bytes, so that no two entries are alike and no duplicate check
// can spare a walker from reading them all. Each entry stays under the
// usual 1 MiB grace of ratio limits when size is 1 MiB, and deflates
// about 1000 to one: the bomb of repro r04 (b), 8,200 such entries in 8
// MB that expand to 8.6 GB. The files given in after follow the bomb in
// the same zip, as Zip writes them: the evidence a bomb placed first
// would hide.
//
// The entries share one deflate stream of the zeros, ended by a stored
// block of the eight unique bytes, so building n entries costs one
// compression: ZipUniqueZeros(8200, 1<<20) takes well under a second.
func ZipUniqueZeros(n int, size int64, after ...File) ([]byte, error) {
	if n < 1 || size < 8 {
		return nil, fmt.Errorf("%w: %d entries of %d bytes", ErrInvalid, n, size)
	}
	kernel, zerosCRC, err := deflateZerosTo(size-8, false)
	if err != nil {
		return nil, err
	}
	z := &zipBuilder{}
	for i := range n {
		var tail [8]byte
		binary.BigEndian.PutUint64(tail[:], uint64(i+1))
		comp := make([]byte, 0, len(kernel)+5+len(tail))
		comp = append(comp, kernel...)
		comp = append(comp, 0x01, 8, 0, 0xf7, 0xff) // final stored block of 8 bytes
		comp = append(comp, tail[:]...)
		crc := crc32.Update(zerosCRC, crc32.IEEETable, tail[:])
		z.add(bombRecord(fmt.Sprintf("logs/part%05d.log", i+1), crc, uint64(len(comp)), uint64(size)), comp)
	}
	for i := range after {
		r, data, err := zipEntry(&after[i], n+i, ZipOptions{})
		if err != nil {
			return nil, err
		}
		z.add(r, data)
	}
	return z.finish(""), nil
}

// GzipQuineName is the file name the header of GzipQuine stores.
const GzipQuineName = "q.gz"

// GzipQuine returns a gzip file that decompresses to itself, CRC-32 and
// size included: a walker that opens every archive it finds opens it
// again inside itself, forever, unless it notices that the content is one
// it has walked already (or a depth limit stops it).
//
// The construction is Russ Cox's ("Zip Files All The Way Down", 2010),
// worked out here for gzip. Deflate can print bytes that follow in the
// stream (a stored block, "L n": print the next n units) and repeat bytes
// already printed (a copy, "R n": repeat the last n units printed). Each
// instruction is a 5-byte unit; a program of them that prints the header
// before it, itself, and the trailer after it is a quine:
//
//	L2 [H L2] R2 L1 [R2] L1 [L1] L4 [R2 L1 L1 L4] R4 L4 [R4 L4 R4 L4] R4
//	L4 [R4 L0 L0 L3] R4 L0 L0 L3 [L0 R3 T] L0 R3
//
// where H is the 15-byte gzip header (as one unit: L2 prints H and the L2
// after it, 20 bytes, and the first R2 repeats those 20 bytes), T the
// 8-byte trailer and the last R3 repeats "L0 R3 T", 18 bytes, as the
// final block. Each copy is a block of fixed Huffman codes whose bits add
// up to exactly 40: two copies of 10 bytes at distance 20 for R4 (and
// R2), copies of 8 and 10 bytes at distance 18 for R3; that is why the
// header carries a 4-byte name and why the trailer is reached through an
// empty stored block (L0) rather than directly. The trailer's CRC-32 is
// of the whole file, itself included twice: CRC-32 is affine over GF(2),
// so the value that checks is found by solving 32 linear equations.
// The result is 206 bytes.
func GzipQuine() []byte {
	for mtime := uint32(0); ; mtime++ {
		if f, ok := gzipQuine(mtime); ok {
			return f
		}
	}
}

// gzipQuine builds the quine with the given header time; it fails when
// the CRC equations have no solution for it (the caller tries another).
func gzipQuine(mtime uint32) ([]byte, bool) {
	header := []byte{0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 0xff} // deflate, FNAME, no extra flags, unknown OS
	binary.LittleEndian.PutUint32(header[4:8], mtime)
	header = append(header, GzipQuineName...)
	header = append(header, 0)

	lit := func(n int) []byte { // stored block, not final: print the next n bytes
		return []byte{0, byte(n), byte(n >> 8), ^byte(n), ^byte(n >> 8)}
	}
	r4 := fixedCopies(false, 20, 10, 10) // repeat the last 20 bytes
	r3 := fixedCopies(true, 18, 8, 10)   // repeat the last 18 bytes, final block
	l0, l1, l3, l4 := lit(0), lit(5), lit(18), lit(20)
	build := func(trailer []byte) []byte {
		var d []byte
		for _, u := range [][]byte{
			lit(len(header) + 5), header, lit(len(header) + 5), r4,
			l1, r4, l1, l1, l4, r4, l1, l1, l4, r4,
			l4, r4, l4, r4, l4, r4,
			l4, r4, l0, l0, l3, r4,
			l0, l0, l3, l0, r3, trailer, l0, r3,
		} {
			d = append(d, u...)
		}
		return append(append(bytes.Clone(header), d...), trailer...)
	}
	file := func(crc uint32) []byte {
		trailer := make([]byte, 8)
		binary.LittleEndian.PutUint32(trailer, crc)
		size := len(build(trailer))
		binary.LittleEndian.PutUint32(trailer[4:], uint32(size))
		return build(trailer)
	}
	// f(c) = crc32(file(c)) xor c is affine in the bits of c: f(c) =
	// f(0) xor the columns of the bits set in c. Solve f(c) = 0.
	f0 := crc32.ChecksumIEEE(file(0)) // c = 0
	var cols [32]uint32
	for i := range cols {
		c := uint32(1) << i
		cols[i] = crc32.ChecksumIEEE(file(c)) ^ c ^ f0
	}
	c, ok := solveGF2(cols, f0)
	if !ok {
		return nil, false
	}
	return file(c), true
}

// solveGF2 returns x such that the xor of cols[i] over the bits i set in x
// equals want, by Gaussian elimination; ok is false when the columns are
// not independent.
func solveGF2(cols [32]uint32, want uint32) (x uint32, ok bool) {
	// Rows of the augmented matrix: bit i of row r is bit r of cols[i];
	// bit 32 is bit r of want.
	var rows [32]uint64
	for r := range rows {
		for i, c := range cols {
			rows[r] |= uint64(c>>r&1) << i
		}
		rows[r] |= uint64(want>>r&1) << 32
	}
	for col := range 32 {
		p := -1
		for r := col; r < 32; r++ {
			if rows[r]>>col&1 == 1 {
				p = r
				break
			}
		}
		if p < 0 {
			return 0, false
		}
		rows[col], rows[p] = rows[p], rows[col]
		for r := range rows {
			if r != col && rows[r]>>col&1 == 1 {
				rows[r] ^= rows[col]
			}
		}
	}
	for r := range rows {
		x |= uint32(rows[r]>>32&1) << r
	}
	return x, true
}

// fixedCopies returns a deflate block of fixed Huffman codes that copies
// the given lengths, one after another, from distance dist, then ends. It
// panics unless the block fills whole bytes: the quine needs 5-byte units.
func fixedCopies(final bool, dist int, lengths ...int) []byte {
	var w bitWriter
	if final {
		w.bits(1, 1)
	} else {
		w.bits(0, 1)
	}
	w.bits(1, 2) // fixed Huffman codes
	for _, n := range lengths {
		code, extra, base := lengthCode(n)
		if code < 280 {
			w.huffman(uint32(code-256), 7)
		} else {
			w.huffman(uint32(code-280+0xc0), 8)
		}
		w.bits(uint32(n-base), extra)
		dcode, dextra, dbase := distanceCode(dist)
		w.huffman(uint32(dcode), 5)
		w.bits(uint32(dist-dbase), dextra)
	}
	w.huffman(0, 7) // end of block
	if w.n != 0 {
		panic("archivegen: copy block does not end on a byte")
	}
	return w.out
}

// lengthCode returns the deflate length code of a copy of n bytes (3 to
// 258), its extra bits and the length the code starts at.
func lengthCode(n int) (code, extra, base int) {
	if n >= 258 {
		return 285, 0, 258
	}
	base = 3
	for code = 257; code < 285; code++ {
		extra = 0
		if code >= 265 {
			extra = (code - 261) / 4
		}
		if n < base+1<<extra {
			return code, extra, base
		}
		base += 1 << extra
	}
	return 285, 0, 258
}

// distanceCode returns the deflate distance code of distance d (1 to
// 32768), its extra bits and the distance the code starts at.
func distanceCode(d int) (code, extra, base int) {
	base = 1
	for code = 0; code < 30; code++ {
		extra = 0
		if code >= 2 {
			extra = code/2 - 1
		}
		if d < base+1<<extra {
			return code, extra, base
		}
		base += 1 << extra
	}
	return 29, 13, 24577
}

// bitWriter writes deflate's bit stream: values least significant bit
// first, Huffman codes most significant bit first.
type bitWriter struct {
	out []byte
	acc byte
	n   uint
}

func (w *bitWriter) bits(v uint32, n int) {
	for i := range n {
		w.acc |= byte(v>>i&1) << w.n
		w.n++
		if w.n == 8 {
			w.out = append(w.out, w.acc)
			w.acc, w.n = 0, 0
		}
	}
}

func (w *bitWriter) huffman(code uint32, n int) {
	w.bits(bits.Reverse32(code)>>(32-n), n)
}
