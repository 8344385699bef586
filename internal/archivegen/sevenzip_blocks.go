package archivegen

import (
	"bytes"
	"compress/flate"
	"fmt"

	"github.com/ulikunitz/xz/lzma"
)

// SevenZipMember is one file of a SevenZipBlock.
type SevenZipMember struct {
	Name string
	Data []byte
	// Zeros, when set, makes the file this many zero bytes instead of
	// Data. With Deflate they are packed without ever being held: a
	// gigabyte costs about a megabyte and a few milliseconds.
	Zeros int64
}

// size returns the member's unpacked size.
func (m SevenZipMember) size() int64 {
	if m.Zeros > 0 {
		return m.Zeros
	}
	return int64(len(m.Data))
}

// SevenZipMethod names a coder SevenZipBlocks can write.
type SevenZipMethod string

// The methods of SevenZipBlocks: Deflate by compress/flate, LZMA2 by
// github.com/ulikunitz/xz/lzma.
const (
	SevenZipDeflate SevenZipMethod = "deflate"
	SevenZipLZMA2   SevenZipMethod = "lzma2"
)

// SevenZipBlock is one folder of SevenZipBlocks: its files packed together
// in one stream, a solid block when there are several.
type SevenZipBlock struct {
	Method SevenZipMethod
	// DictCap is the LZMA2 dictionary size; 0 means 1 MiB.
	DictCap int
	Files   []SevenZipMember
}

// sevenZipDeflateID is 7-Zip's method ID of Deflate.
var sevenZipDeflateID = []byte{0x04, 0x01, 0x08}

// SevenZipBlocks returns a 7z archive of blocks, each a folder of one
// coder holding its files in order, written byte by byte as the other
// crafted 7z builders are (the 7zz command cannot make the gigabyte
// members of a ratio bomb in a test's time). The header is plain, without
// CRCs, times or attributes. Files must not be empty.
func SevenZipBlocks(blocks []SevenZipBlock) ([]byte, error) {
	var (
		packed  []byte
		streams [][]byte
	)
	for i, b := range blocks {
		if len(b.Files) == 0 {
			return nil, fmt.Errorf("%w: 7z block %d has no files", ErrInvalid, i)
		}
		for _, f := range b.Files {
			if f.size() == 0 || f.Name == "" {
				return nil, fmt.Errorf("%w: 7z block %d: an empty or unnamed file", ErrInvalid, i)
			}
		}
		s, err := b.pack()
		if err != nil {
			return nil, err
		}
		streams = append(streams, s)
		packed = append(packed, s...)
	}

	h := []byte{sz7Header, sz7MainStreamsInfo, sz7PackInfo, 0}
	h = sevenZipNumber(h, uint64(len(blocks)), false)
	h = append(h, sz7Size)
	for _, s := range streams {
		h = sevenZipNumber(h, uint64(len(s)), false)
	}
	h = append(h, sz7End, sz7UnpackInfo, sz7Folder)
	h = sevenZipNumber(h, uint64(len(blocks)), false)
	h = append(h, 0) // not external
	for _, b := range blocks {
		h = append(h, 1) // one coder
		h = b.coder().appendCoder(h)
	}
	h = append(h, sz7CodersUnpackSize)
	for _, b := range blocks {
		var total int64
		for _, f := range b.Files {
			total += f.size()
		}
		h = sevenZipNumber(h, uint64(total), false)
	}
	h = append(h, sz7End, sz7SubStreamsInfo, sz7NumUnpackStream)
	for _, b := range blocks {
		h = sevenZipNumber(h, uint64(len(b.Files)), false)
	}
	h = append(h, sz7Size)
	var names []string
	for _, b := range blocks {
		for j, f := range b.Files {
			if j < len(b.Files)-1 {
				h = sevenZipNumber(h, uint64(f.size()), false)
			}
			names = append(names, f.Name)
		}
	}
	h = append(h, sz7End, sz7End, sz7FilesInfo)
	h = sevenZipNumber(h, uint64(len(names)), false)
	h = append(h, sevenZipNames(names...)...)
	h = append(h, sz7End, sz7End)
	return sevenZipArchive(packed, h, false), nil
}

// dictCap returns the block's LZMA2 dictionary size and its 7z property
// byte: the smallest size 7-Zip's encoding can state that holds it.
func (b SevenZipBlock) dictCap() (int, byte) {
	want := b.DictCap
	if want <= 0 {
		want = 1 << 20
	}
	for p := range 40 {
		if d := (2 | p&1) << (p/2 + 11); d >= want {
			return d, byte(p)
		}
	}
	return 3 << 30, 40
}

func (b SevenZipBlock) coder() sevenZipCoder {
	if b.Method == SevenZipLZMA2 {
		_, p := b.dictCap()
		return sevenZipCoder{id: sevenZipLZMA2, props: []byte{p}}
	}
	return sevenZipCoder{id: sevenZipDeflateID}
}

// pack compresses the block's files as one stream.
func (b SevenZipBlock) pack() ([]byte, error) {
	var buf bytes.Buffer
	switch b.Method {
	case SevenZipDeflate:
		zw, err := flate.NewWriter(&buf, flate.BestSpeed)
		if err != nil {
			return nil, fmt.Errorf("archivegen: deflate: %w", err)
		}
		for _, f := range b.Files {
			if f.Zeros > 0 {
				err = deflateZeroRuns(zw, &buf, f.Zeros)
			} else {
				_, err = zw.Write(f.Data)
			}
			if err != nil {
				return nil, fmt.Errorf("archivegen: deflate: %w", err)
			}
		}
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("archivegen: deflate: %w", err)
		}
	case SevenZipLZMA2:
		d, _ := b.dictCap()
		zw, err := lzma.Writer2Config{DictCap: d}.NewWriter2(&buf)
		if err != nil {
			return nil, fmt.Errorf("archivegen: lzma2: %w", err)
		}
		zeros := make([]byte, 1<<20)
		for _, f := range b.Files {
			if f.Zeros == 0 {
				_, err = zw.Write(f.Data)
			}
			for n := f.Zeros; n > 0 && err == nil; n -= int64(len(zeros)) {
				_, err = zw.Write(zeros[:min(n, int64(len(zeros)))])
			}
			if err != nil {
				return nil, fmt.Errorf("archivegen: lzma2: %w", err)
			}
		}
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("archivegen: lzma2: %w", err)
		}
	default:
		return nil, fmt.Errorf("%w: 7z method %q", ErrInvalid, b.Method)
	}
	return buf.Bytes(), nil
}

// deflateZeroRun is the run of zeros deflateZeroRuns compresses once and
// repeats.
const deflateZeroRun = 1 << 20

// deflateZeroRuns writes n zero bytes to zw, whose output goes to out. A
// long run is compressed once, after a zero byte and a flush, and its
// output, byte-aligned by a second flush, is copied as often as needed:
// every match in it reaches back only over zeros, so each copy decodes to
// the same run.
func deflateZeroRuns(zw *flate.Writer, out *bytes.Buffer, n int64) error {
	write := func(n int64) error {
		zeros := make([]byte, min(n, deflateZeroRun))
		for ; n > 0; n -= int64(len(zeros)) {
			if _, err := zw.Write(zeros[:min(n, int64(len(zeros)))]); err != nil {
				return err
			}
		}
		return nil
	}
	if n <= 2*deflateZeroRun+1 {
		return write(n)
	}
	if err := write(1); err != nil {
		return err
	}
	if err := zw.Flush(); err != nil {
		return err
	}
	mark := out.Len()
	if err := write(deflateZeroRun); err != nil {
		return err
	}
	if err := zw.Flush(); err != nil {
		return err
	}
	run := bytes.Clone(out.Bytes()[mark:])
	n -= 1 + deflateZeroRun
	for ; n >= deflateZeroRun; n -= deflateZeroRun {
		out.Write(run)
	}
	return write(n)
}
