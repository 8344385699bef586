package archivegen

import (
	"encoding/binary"
	"fmt"
)

// Rar5ZeroFile is the compressed member of Rar5WithZeros.
type Rar5ZeroFile struct {
	Name string
	Size int64 // zero bytes it unpacks to
	// DeclaredPacked, when set, is the packed size its header states
	// instead of the real one: a reader that takes the header's word for
	// the ratio sees a harmless file.
	DeclaredPacked uint64
}

// RAR 5.0 compression information: method 3 ("normal"), version 0, a
// 128 KiB dictionary.
const rar5CompNormal = 3 << 7

// Rar5WithZeros returns a RAR 5.0 archive of before (stored, as Rar5
// writes them), then zeros compressed, then after. The zeros are coded by
// hand, since no rar writer is available: one literal 0, one match of 4097
// bytes at distance 1, then the symbol that repeats the last match, coded
// in one bit, as often as needed. That packs zeros about 32 000:1, so
// 2 GiB take 64 KiB. The file carries no CRC. With DeclaredPacked larger
// than the real data, put the file last: a reader takes what follows it
// as its data.
func Rar5WithZeros(before []File, zeros Rar5ZeroFile, after []File) ([]byte, error) {
	if zeros.Name == "" || zeros.Size <= 0 {
		return nil, fmt.Errorf("%w: rar zero file without a name or size", ErrInvalid)
	}
	w := &rar5Writer{out: []byte(rar5Signature)}
	if err := w.writeHeader(rar5Header(rar5HeadMain, 0, nil, 0, rar5AppendVint(nil, 0))); err != nil {
		return nil, err
	}
	for i := range before {
		if err := w.writeFile(&before[i], i); err != nil {
			return nil, err
		}
	}
	stream := rar5ZeroStream(zeros.Size)
	declared := uint64(len(stream))
	if zeros.DeclaredPacked > 0 {
		declared = zeros.DeclaredPacked
	}
	var body []byte
	body = rar5AppendVint(body, rar5FileMtime)
	body = rar5AppendVint(body, uint64(zeros.Size))
	body = rar5AppendVint(body, 0o100644)
	body = binary.LittleEndian.AppendUint32(body, uint32(DefaultTime.Unix()))
	body = rar5AppendVint(body, rar5CompNormal)
	body = rar5AppendVint(body, rar5HostUnix)
	body = rar5AppendVint(body, uint64(len(zeros.Name)))
	body = append(body, zeros.Name...)
	if err := w.writeHeader(rar5Header(rar5HeadFile, rar5HasData, nil, declared, body)); err != nil {
		return nil, err
	}
	w.out = append(w.out, stream...)
	for i := range after {
		if err := w.writeFile(&after[i], len(before)+1+i); err != nil {
			return nil, err
		}
	}
	if err := w.writeHeader(rar5Header(rar5HeadEnd, 0, nil, 0, rar5AppendVint(nil, 0))); err != nil {
		return nil, err
	}
	return w.out, nil
}

// msbBits writes bits most significant first, as RAR reads them.
type msbBits struct {
	b []byte
	n int // bits written
}

func (w *msbBits) put(v uint64, n int) {
	for i := n - 1; i >= 0; i-- {
		if w.n%8 == 0 {
			w.b = append(w.b, 0)
		}
		if v>>i&1 != 0 {
			w.b[len(w.b)-1] |= 0x80 >> (w.n % 8)
		}
		w.n++
	}
}

// rar5ZeroStream returns RAR 5.0 compressed data (one block, with its
// Huffman tables) that unpacks to at least size zero bytes; the file's
// unpacked size cuts it to size.
func rar5ZeroStream(size int64) []byte {
	const matchLen = 4097 // length slot 43 with all nine extra bits set
	var w msbBits
	// The bit-length code: the lengths 1 and 2 and the zero runs 18
	// (3 to 10) and 19 (11 to 138), each two bits, in symbol order.
	for i := range 20 {
		l := uint64(0)
		if i == 1 || i == 2 || i == 18 || i == 19 {
			l = 2
		}
		w.put(l, 4)
	}
	code := map[int]uint64{1: 0, 2: 1, 18: 2, 19: 3}
	zeroRun := func(n int) {
		for n > 0 {
			k := min(n, 138)
			w.put(code[19], 2)
			w.put(uint64(k-11), 7)
			n -= k
		}
	}
	// Main table (306): literal 0 two bits, 257 (repeat the last match)
	// one bit, 305 (a match of length slot 43) two bits. Offset table
	// (64): slots 0 and 1 one bit each. Low-offset (16) and length (44)
	// tables empty. Canonical codes: 257 is 0, literal 0 is 10, 305 is
	// 11; offset slot 0 is 0.
	w.put(code[2], 2)
	zeroRun(256)
	w.put(code[1], 2)
	zeroRun(47)
	w.put(code[2], 2)
	w.put(code[1], 2)
	w.put(code[1], 2)
	zeroRun(62 + 16 + 44)

	w.put(0b10, 2) // literal 0
	w.put(0b11, 2) // match, length slot 43
	w.put(511, 9)  // its extra bits: length 3584+511+2
	w.put(0b0, 1)  // offset slot 0: distance 1
	for made := int64(1 + matchLen); made < size; made += matchLen {
		w.put(0b0, 1) // repeat the last match
	}

	body := w.b
	lastBits := w.n - (len(body)-1)*8
	var sizeBytes []byte
	for n := len(body); ; n >>= 8 {
		sizeBytes = append(sizeBytes, byte(n))
		if n < 256 {
			break
		}
	}
	flags := byte(0x80|0x40) | byte(len(sizeBytes)-1)<<3 | byte(lastBits-1)
	sum := 0x5a ^ flags
	for _, b := range sizeBytes {
		sum ^= b
	}
	out := append([]byte{flags, sum}, sizeBytes...)
	return append(out, body...)
}
