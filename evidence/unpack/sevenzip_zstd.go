package unpack

// This file checks the zstd coders of a 7z archive before bodgit/sevenzip
// decodes them.
//
// sevenzip v1.6.5 reads a zstd coder (7-Zip ZS, method 04 F7 11 01) with
// klauspost/compress/zstd's default options: a frame may declare a window
// of up to zstd.MaxWindowSize (512 MiB), and the decoder allocates that
// window and two blocks when it decodes the frame's first block, whatever
// the data that follows. A 91-byte 7z made it take 512 MiB. sevenzip has
// no option to lower the bound, so the frame headers of the packed stream
// are read here (a frame's header, then its blocks' 3-byte headers, which
// give their packed sizes, and so on to the next frame), and a folder
// whose frames ask for more than Limits.MaxDictionaryBytes is listed with
// a LimitError and never opened, as one whose LZMA dictionary is too
// large. A zstd coder that reads another coder's output (after AES, say)
// cannot be read ahead: it is costed at the decoder's maximum.

import (
	"bytes"
	"encoding/binary"
	"io"

	"github.com/klauspost/compress/zstd"
)

// 7z method IDs of the 7-Zip ZS codecs that sevenzip decodes with a
// buffer sized by the stream rather than by the properties.
var (
	szMethodZstd   = []byte{0x04, 0xf7, 0x11, 0x01}
	szMethodBrotli = []byte{0x04, 0xf7, 0x11, 0x02}
	szMethodLZ4    = []byte{0x04, 0xf7, 0x11, 0x04}
)

const (
	// szZstdMaxWindow is the largest window the zstd decoder accepts
	// with its default options.
	szZstdMaxWindow = zstd.MaxWindowSize
	// szZstdBlockSpace is what the decoder's history adds to the window:
	// room for two blocks of 128 KiB and the overrun of its copies.
	szZstdBlockSpace = 2 * (128<<10 + 32)
	// szBrotliWindow and szLZ4Buffer are the largest buffers the brotli
	// (a 16 MiB window, large windows off) and lz4 (8 MiB legacy blocks)
	// decoders allocate from a stream.
	szBrotliWindow = 16 << 20
	szLZ4Buffer    = 8 << 20
)

// szZstdRecord locates a folder's zstd coder.
type szZstdRecord struct {
	present bool
	in      uint8 // the coder's input stream, numbered within the folder
	bound   bool  // its input is another coder's output: it cannot be read ahead
	pack    uint8 // else the folder's packed stream it reads, in order
	several bool  // more than one zstd coder: costed at the maximum
}

// noteCoder records a coder whose decoder sizes its buffers from the
// stream, coder input in being the first input of the coder.
func (f *szFolderRecord) noteCoder(id []byte, in uint64) {
	switch {
	case bytes.Equal(id, szMethodZstd):
		f.zstd.several = f.zstd.present
		f.zstd.present, f.zstd.in = true, uint8(in)
	case bytes.Equal(id, szMethodBrotli):
		f.mem += szBrotliWindow
	case bytes.Equal(id, szMethodLZ4):
		f.mem += szLZ4Buffer
	}
}

// noteBound records that folder input in is bound to a coder's output.
func (f *szFolderRecord) noteBound(in uint64) {
	if f.zstd.present && in == uint64(f.zstd.in) {
		f.zstd.bound = true
	}
}

// notePacked records that the folder's j-th packed stream is input in.
func (f *szFolderRecord) notePacked(j int, in uint64) {
	if f.zstd.present && in == uint64(f.zstd.in) {
		f.zstd.pack = uint8(j)
	}
}

// checkZstd costs folder f's zstd coder, whose packed streams start at
// pos (relative to the end of the signature header), the first being
// pack stream k: the largest window its frames declare, or the decoder's
// maximum when the stream cannot be read. A window over MaxDictionaryBytes
// keeps the folder closed.
func (p *szParser) checkZstd(f *szFolderRecord, pos uint64, k int) error {
	if !f.zstd.present {
		return nil
	}
	window := int64(szZstdMaxWindow)
	if !f.zstd.bound && !f.zstd.several && p.data != nil {
		off, j := pos, int(f.zstd.pack)
		for i := range j + 1 {
			if off > p.dataSize || p.packSizes[k+i] > p.dataSize-off {
				return nil // past the end: placeFolders keeps the folder closed
			}
			if i < j {
				off += p.packSizes[k+i]
			}
		}
		size := p.packSizes[k+j]
		w, err := zstdMaxWindow(p, io.NewSectionReader(p.data, int64(sevenZipSignatureSize+off), int64(size)))
		if err != nil {
			return err
		}
		window = w
	}
	f.mem += window + szZstdBlockSpace
	if window > p.maxDict && f.err == nil {
		f.err = p.dictErr(window)
	}
	return nil
}

// zstdScanEvery is how many frames and blocks zstdMaxWindow reads between
// two checks of the context.
const zstdScanEvery = 1 << 12

// zstdMaxWindow returns the largest window, as the zstd decoder computes
// it, of the frames of the stream in r that the decoder would allocate
// for: it stops where the decoder would fail (a bad magic, a reserved
// bit, a window over its maximum, a block over 128 KiB), since the decoder
// allocates nothing past that point.
func zstdMaxWindow(p *szParser, r *io.SectionReader) (int64, error) {
	br := &byteWindow{r: r}
	var largest, pos int64
	for steps := 0; ; steps++ {
		if steps%zstdScanEvery == 0 {
			if err := ctxErr(p.ctx); err != nil {
				return 0, err
			}
		}
		head, ok := br.at(pos, 6)
		if !ok {
			return largest, nil
		}
		magic := binary.LittleEndian.Uint32(head)
		if magic&0xfffffff0 == 0x184d2a50 { // a skippable frame
			h, ok := br.at(pos, 8)
			if !ok {
				return largest, nil
			}
			pos += 8 + int64(binary.LittleEndian.Uint32(h[4:]))
			continue
		}
		if magic != 0xfd2fb528 {
			return largest, nil
		}
		fhd := head[4]
		if fhd&0x08 != 0 {
			return largest, nil
		}
		pos += 5
		var window int64
		single := fhd&0x20 != 0
		if !single {
			wd := head[5]
			base := int64(1) << (10 + wd>>3)
			window = base + base/8*int64(wd&7)
			pos++
		}
		pos += [4]int64{0, 1, 2, 4}[fhd&3] // dictionary ID
		fcsSize := [4]int64{0, 2, 4, 8}[fhd>>6]
		if fcsSize == 0 && single {
			fcsSize = 1
		}
		if single {
			b, ok := br.at(pos, int(fcsSize))
			if !ok {
				return largest, nil
			}
			var fcs uint64
			switch fcsSize {
			case 1:
				fcs = uint64(b[0])
			case 2:
				fcs = uint64(binary.LittleEndian.Uint16(b)) + 256
			case 4:
				fcs = uint64(binary.LittleEndian.Uint32(b))
			case 8:
				fcs = binary.LittleEndian.Uint64(b)
			}
			window = int64(min(max(fcs, 1<<10), 1<<62))
		}
		pos += fcsSize
		if window > szZstdMaxWindow || window < 1<<10 {
			return largest, nil // refused by the decoder before it allocates
		}
		largest = max(largest, window)
		for {
			steps++
			if steps%zstdScanEvery == 0 {
				if err := ctxErr(p.ctx); err != nil {
					return 0, err
				}
			}
			b, ok := br.at(pos, 3)
			if !ok {
				return largest, nil
			}
			h := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16
			last, typ, size := h&1 != 0, (h>>1)&3, int64(h>>3)
			pos += 3
			switch typ {
			case 0, 2: // raw, compressed
				if size > 128<<10 {
					return largest, nil
				}
				pos += size
			case 1: // run-length: one byte
				pos++
			default:
				return largest, nil
			}
			if last {
				break
			}
		}
		if fhd&0x04 != 0 { // content checksum
			pos += 4
		}
	}
}

// byteWindow reads small runs of bytes at increasing offsets of a
// section through one buffer, so that a scan of many short blocks costs
// one read per buffer rather than one per block.
type byteWindow struct {
	r   *io.SectionReader
	buf [32 << 10]byte
	off int64 // offset of buf[0]
	n   int   // valid bytes in buf
}

// at returns the n bytes at off, or false when the section holds fewer.
func (w *byteWindow) at(off int64, n int) ([]byte, bool) {
	if off < 0 || off+int64(n) > w.r.Size() {
		return nil, false
	}
	if off < w.off || off+int64(n) > w.off+int64(w.n) {
		k, err := w.r.ReadAt(w.buf[:], off)
		if k < n && err != nil {
			return nil, false
		}
		w.off, w.n = off, k
	}
	i := int(off - w.off)
	return w.buf[i : i+n], true
}
