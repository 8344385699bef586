package benchpack

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"
)

// segmentSize is the uncompressed size of the pieces a text file is cut
// into for parallel deflate. Each piece is compressed by its own writer
// and ends with a sync flush (the last with the final block), so the
// pieces concatenate into one valid deflate stream, as pigz and pgzip do.
// The cut points depend only on the size, so the output does not depend
// on the number of cores or on scheduling. A megabyte loses next to
// nothing of the ratio, since deflate's window is 32 KiB.
const segmentSize = 1 << 20

// textFile writes a text file of the zip, deflated on every core: text is
// the bulk of the generator's work, and a pack of half a gigabyte holds
// a couple of hundred megabytes of it.
func (g *gen) textFile(zw *zip.Writer, name string, src io.Reader) error {
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: g.tick(), Flags: 0x8}
	g.countDir(zw, name)
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	par := max(runtime.GOMAXPROCS(0), 1)
	if len(g.segments) < par {
		g.segments = make([]segment, par)
	}
	crc := crc32.NewIEEE()
	var raw, packed int64
	for last := false; !last; {
		// Read a batch of segments in order, then deflate them together.
		k := 0
		for ; k < par && !last; k++ {
			s := &g.segments[k]
			if cap(s.in) < segmentSize {
				s.in = make([]byte, segmentSize)
			}
			n, rerr := io.ReadFull(src, s.in[:segmentSize])
			s.in = s.in[:n]
			switch rerr {
			case nil:
			case io.EOF, io.ErrUnexpectedEOF:
				last = true
			default:
				return rerr
			}
			s.last = last
			crc.Write(s.in)
			raw += int64(n)
		}
		var wg sync.WaitGroup
		for i := range k {
			wg.Go(g.segments[i].deflate)
		}
		wg.Wait()
		for i := range k {
			s := &g.segments[i]
			if s.err != nil {
				return s.err
			}
			if _, err := w.Write(s.out.Bytes()); err != nil {
				return err
			}
			packed += int64(s.out.Len())
		}
	}
	// archive/zip writes the data descriptor and the central directory
	// from the header it was given, so the sums go there.
	fh.CRC32 = crc.Sum32()
	fh.CompressedSize64, fh.UncompressedSize64 = uint64(packed), uint64(raw)
	fh.CompressedSize = uint32(min(fh.CompressedSize64, 1<<32-1))
	fh.UncompressedSize = uint32(min(fh.UncompressedSize64, 1<<32-1))
	return nil
}

// segment is one piece of a text file being deflated.
type segment struct {
	in   []byte
	out  *bytes.Buffer
	fw   *flate.Writer
	last bool
	err  error
}

func (s *segment) deflate() {
	if s.out == nil {
		s.out = new(bytes.Buffer)
	}
	s.out.Reset()
	if s.fw == nil {
		s.fw, s.err = flate.NewWriter(s.out, flate.BestSpeed)
		if s.err != nil {
			return
		}
	} else {
		s.fw.Reset(s.out)
	}
	if _, s.err = s.fw.Write(s.in); s.err != nil {
		return
	}
	if s.last {
		s.err = s.fw.Close()
	} else {
		s.err = s.fw.Flush()
	}
}
