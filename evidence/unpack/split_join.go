package unpack

import (
	"encoding/binary"
	"fmt"
	"io"
	"sort"
)

// maxJoinDirectory bounds the central directory JoinVolumes copies to
// rewrite it: 16 MiB is some 200 000 records of short names.
const maxJoinDirectory = 16 << 20

// zipDirRecordLen is the fixed part of a central directory record.
const zipDirRecordLen = 46

// JoinVolumes returns the archive that the volumes of one split set make
// together, in order (vols[i] of sizes[i] bytes is volume i+1), as one
// io.ReaderAt of the returned size. Nothing is copied but a split zip's
// central directory.
//
// A split 7z is its volumes end to end. A split zip is too, but for the
// spanning marker its first volume starts with, left out, and for its
// directory: each record gives its entry's offset within the volume
// that holds it, and the end record names the last volume; the joined
// view serves a copy of the directory whose offsets are from the start
// of the whole, and an end record of one disk, so that any zip reader
// reads it. Sets it cannot join return an error that wraps
// ErrUnsupported (RAR volumes, which are archives of their own; a zip
// needing zip64 offsets, or whose directory starts before its last
// volume) or ErrFormat (a directory that does not hold together).
func JoinVolumes(format string, vols []io.ReaderAt, sizes []int64) (io.ReaderAt, int64, error) {
	if len(vols) == 0 || len(vols) != len(sizes) {
		return nil, 0, fmt.Errorf("%w: %d volumes, %d sizes", ErrFormat, len(vols), len(sizes))
	}
	var segs []segment
	for i, r := range vols {
		segs = append(segs, segment{r: r, off: 0, n: sizes[i]})
	}
	switch format {
	case SplitSevenZip:
		return newConcat(segs)
	case SplitZip:
		return joinZip(vols, sizes)
	}
	return nil, 0, fmt.Errorf("%w: joining the volumes of a %s archive", ErrUnsupported, format)
}

// joinZip joins the volumes of a split zip: the volumes end to end, the
// last one's central directory and end record served rewritten.
func joinZip(vols []io.ReaderAt, sizes []int64) (io.ReaderAt, int64, error) {
	last := len(vols) - 1
	r, size := vols[last], sizes[last]
	_, endOff, err := findZipEnd(r, size)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: split zip: last volume: %w", ErrFormat, err)
	}
	end := make([]byte, zipEndLen)
	if _, err := r.ReadAt(end, endOff); err != nil && err != io.EOF {
		return nil, 0, err
	}
	le := binary.LittleEndian
	disk, dirDisk := int(le.Uint16(end[4:])), int(le.Uint16(end[6:]))
	records, dirSize, dirOff := le.Uint16(end[10:]), int64(le.Uint32(end[12:])), int64(le.Uint32(end[16:]))
	switch {
	case records == 0xffff || dirSize == 0xffffffff || dirOff == 0xffffffff || disk == 0xffff:
		return nil, 0, fmt.Errorf("%w: split zip with zip64 records", ErrUnsupported)
	case disk != last:
		return nil, 0, fmt.Errorf("%w: split zip: its last volume is disk %d of %d; %d volumes given", ErrFormat, disk+1, disk+1, len(vols))
	case dirDisk != disk:
		return nil, 0, fmt.Errorf("%w: split zip whose central directory starts on volume %d, before the last", ErrUnsupported, dirDisk+1)
	case dirOff+dirSize > endOff, last == 0 && dirOff < 4:
		return nil, 0, fmt.Errorf("%w: split zip: central directory past the end record", ErrFormat)
	case dirSize > maxJoinDirectory:
		return nil, 0, &LimitError{Limit: LimitHeaderBytes, Value: dirSize, Max: maxJoinDirectory, Path: "split zip central directory"}
	}
	// The spanning marker before the first local header is left out of
	// the view, which is then a zip like any other; offsets count it.
	skip := int64(0)
	var mark [4]byte
	if n, _ := vols[0].ReadAt(mark[:], 0); n == 4 && (string(mark[:]) == "PK\x07\x08" || string(mark[:]) == "PK00") {
		skip = 4
	}
	starts := make([]int64, len(vols))
	starts[0] = -skip
	for i := 1; i < len(vols); i++ {
		starts[i] = starts[i-1] + sizes[i-1]
		if starts[i] < starts[i-1] {
			return nil, 0, fmt.Errorf("%w: volume sizes overflow", ErrFormat)
		}
	}
	dir := make([]byte, dirSize) // within maxJoinDirectory and the volume
	if _, err := r.ReadAt(dir, dirOff); err != nil && err != io.EOF {
		return nil, 0, err
	}
	for p := 0; p < len(dir); {
		h := dir[p:]
		if len(h) < zipDirRecordLen || le.Uint32(h) != 0x02014b50 {
			return nil, 0, fmt.Errorf("%w: split zip: central directory record %d", ErrFormat, p)
		}
		recDisk, recOff := int(le.Uint16(h[34:])), int64(le.Uint32(h[42:]))
		if recDisk == 0xffff || recOff == 0xffffffff {
			return nil, 0, fmt.Errorf("%w: split zip with zip64 records", ErrUnsupported)
		}
		if recDisk > last || recOff >= sizes[recDisk] {
			return nil, 0, fmt.Errorf("%w: split zip: an entry on volume %d at %d, past what was given", ErrFormat, recDisk+1, recOff)
		}
		abs := starts[recDisk] + recOff
		if abs < 0 {
			return nil, 0, fmt.Errorf("%w: split zip: an entry inside the spanning marker", ErrFormat)
		}
		if abs >= 0xffffffff {
			return nil, 0, fmt.Errorf("%w: split zip larger than 4 GiB", ErrUnsupported)
		}
		le.PutUint16(h[34:], 0)
		le.PutUint32(h[42:], uint32(abs))
		p += zipDirRecordLen + int(le.Uint16(h[28:])) + int(le.Uint16(h[30:])) + int(le.Uint16(h[32:]))
	}
	newDirOff := starts[last] + dirOff
	if newDirOff >= 0xffffffff {
		return nil, 0, fmt.Errorf("%w: split zip larger than 4 GiB", ErrUnsupported)
	}
	le.PutUint16(end[4:], 0)
	le.PutUint16(end[6:], 0)
	le.PutUint16(end[8:], records)
	le.PutUint32(end[16:], uint32(newDirOff))

	var segs []segment
	for i := range last {
		segs = append(segs, segment{r: vols[i], n: sizes[i]})
	}
	segs = append(segs,
		segment{r: r, n: dirOff},
		segment{b: dir, n: dirSize},
		segment{r: r, off: dirOff + dirSize, n: endOff - dirOff - dirSize},
		segment{b: end, n: zipEndLen},
		segment{r: r, off: endOff + zipEndLen, n: size - endOff - zipEndLen},
	)
	segs[0].off, segs[0].n = skip, segs[0].n-skip // the first volume's start
	return newConcat(segs)
}

// segment is a run of bytes of a joined view: n bytes of r from off, or
// of b.
type segment struct {
	r     io.ReaderAt
	b     []byte
	off   int64
	n     int64
	start int64 // in the view
}

// concat is the io.ReaderAt of segments end to end.
type concat struct {
	segs []segment
	size int64
}

func newConcat(segs []segment) (io.ReaderAt, int64, error) {
	c := &concat{}
	for _, s := range segs {
		if s.n < 0 {
			return nil, 0, fmt.Errorf("%w: negative volume size", ErrFormat)
		}
		if s.n == 0 {
			continue
		}
		s.start = c.size
		if c.size+s.n < c.size {
			return nil, 0, fmt.Errorf("%w: volume sizes overflow", ErrFormat)
		}
		c.size += s.n
		c.segs = append(c.segs, s)
	}
	return c, c.size, nil
}

func (c *concat) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("unpack: negative offset %d", off)
	}
	if off >= c.size {
		return 0, io.EOF
	}
	i := sort.Search(len(c.segs), func(i int) bool { return c.segs[i].start+c.segs[i].n > off })
	done := 0
	for ; i < len(c.segs) && done < len(p); i++ {
		s := c.segs[i]
		at := off + int64(done) - s.start
		want := min(int64(len(p)-done), s.n-at)
		var n int
		var err error
		if s.b != nil {
			n = copy(p[done:done+int(want)], s.b[at:])
		} else {
			n, err = s.r.ReadAt(p[done:done+int(want)], s.off+at)
			if err == io.EOF && int64(n) == want {
				err = nil
			}
		}
		done += n
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF // a volume shorter than its size
			}
			return done, err
		}
	}
	if done < len(p) {
		return done, io.EOF
	}
	return done, nil
}
