package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/richardlehane/mscfb"

	"github.com/proofpack/proofpack/evidence/identify"
)

// Bounds of the compound-file check.
const (
	cfbHeaderLen  = 512
	cfbEndOfChain = 0xFFFFFFFE
	cfbMaxRegSect = 0xFFFFFFFA
	cfbHeaderFATs = 109
)

var cfbSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// checkCFB verifies what mscfb trusts before it allocates or recurses:
// the sector counts of the header must fit in the file, and the directory
// chain must end, without a cycle, before it holds more than
// identify.MaxContainerEntries entries (mscfb reads the whole directory
// and walks its tree recursively).
func checkCFB(r io.ReaderAt, size int64) error {
	if size < cfbHeaderLen {
		return fmt.Errorf("%w: OLE2 file of %d bytes", ErrFormat, size)
	}
	h := make([]byte, cfbHeaderLen)
	if _, err := r.ReadAt(h, 0); err != nil {
		return fmt.Errorf("%w: reading OLE2 header: %w", ErrFormat, err)
	}
	if !bytes.HasPrefix(h, cfbSignature) {
		return fmt.Errorf("%w: not an OLE2 file", ErrFormat)
	}
	var ss int64
	switch binary.LittleEndian.Uint16(h[30:32]) {
	case 9:
		ss = 512
	case 12:
		ss = 4096
	default:
		return fmt.Errorf("%w: bad OLE2 sector size", ErrFormat)
	}
	sectors := (size + ss - 1) / ss
	le := binary.LittleEndian
	for _, f := range []struct {
		name string
		n    uint32
	}{
		{"directory", le.Uint32(h[40:44])}, {"FAT", le.Uint32(h[44:48])},
		{"mini FAT", le.Uint32(h[64:68])}, {"DIFAT", le.Uint32(h[72:76])},
	} {
		if int64(f.n) > sectors {
			return fmt.Errorf("%w: OLE2 header declares %d %s sectors in a file of %d", ErrFormat, f.n, f.name, sectors)
		}
	}
	perFAT := uint32(ss / 4)
	numDIFAT := le.Uint32(h[72:76])
	difatStart := le.Uint32(h[68:72])
	offset := func(sect uint32) int64 { return (int64(sect) + 1) * ss }
	b := make([]byte, 4)
	// fatSector returns the location of the idx-th FAT sector.
	fatSector := func(idx uint32) (uint32, error) {
		if idx < cfbHeaderFATs {
			return le.Uint32(h[76+4*idx:]), nil
		}
		idx -= cfbHeaderFATs
		per := perFAT - 1 // the last slot links to the next DIFAT sector
		hop := idx / per
		if hop >= numDIFAT {
			return 0, fmt.Errorf("%w: OLE2 FAT index out of range", ErrFormat)
		}
		d := difatStart
		for i := uint32(0); i < hop; i++ {
			if d > cfbMaxRegSect {
				return 0, fmt.Errorf("%w: broken OLE2 DIFAT chain", ErrFormat)
			}
			if _, err := r.ReadAt(b, offset(d)+ss-4); err != nil {
				return 0, fmt.Errorf("%w: reading OLE2 DIFAT: %w", ErrFormat, err)
			}
			d = le.Uint32(b)
		}
		if d > cfbMaxRegSect {
			return 0, fmt.Errorf("%w: broken OLE2 DIFAT chain", ErrFormat)
		}
		if _, err := r.ReadAt(b, offset(d)+int64(idx%per)*4); err != nil {
			return 0, fmt.Errorf("%w: reading OLE2 DIFAT: %w", ErrFormat, err)
		}
		return le.Uint32(b), nil
	}
	perSector := int(ss / 128)
	entries := 0
	seen := map[uint32]bool{}
	for sect := le.Uint32(h[48:52]); sect != cfbEndOfChain; {
		if sect > cfbMaxRegSect || offset(sect) >= size {
			return fmt.Errorf("%w: OLE2 directory sector out of range", ErrFormat)
		}
		if seen[sect] {
			return fmt.Errorf("%w: OLE2 directory chain loops at sector %d", ErrFormat, sect)
		}
		seen[sect] = true
		entries += perSector
		if entries > identify.MaxContainerEntries {
			return fmt.Errorf("%w: OLE2 directory of more than %d entries", ErrLimit, identify.MaxContainerEntries)
		}
		fs, err := fatSector(sect / perFAT)
		if err != nil {
			return err
		}
		if fs > cfbMaxRegSect {
			return fmt.Errorf("%w: OLE2 FAT sector missing", ErrFormat)
		}
		if _, err := r.ReadAt(b, offset(fs)+int64(sect%perFAT)*4); err != nil {
			return fmt.Errorf("%w: reading OLE2 FAT: %w", ErrFormat, err)
		}
		sect = le.Uint32(b)
	}
	if entries == 0 {
		return fmt.Errorf("%w: OLE2 directory empty", ErrFormat)
	}
	return nil
}

// openCFB checks the compound file and opens it with mscfb, recovering
// its panics.
func openCFB(r io.ReaderAt, size int64) (doc *mscfb.Reader, err error) {
	if r == nil || size <= 0 {
		return nil, fmt.Errorf("%w: empty input", ErrFormat)
	}
	if err := checkCFB(r, size); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%w: mscfb: %v", ErrPanic, p)
		}
	}()
	doc, err = mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, cfbTreeError{fmt.Errorf("%w: %w", ErrFormat, err)}
	}
	return doc, nil
}

// walkCFB calls fn for every entry of doc, checking ctx between entries.
func walkCFB(ctx context.Context, doc *mscfb.Reader, fn func(*mscfb.File) error) error {
	for i := 0; i <= identify.MaxContainerEntries; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := nextCFB(doc)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return fmt.Errorf("%w: more than %d OLE2 entries", ErrLimit, identify.MaxContainerEntries)
}

func nextCFB(doc *mscfb.Reader) (f *mscfb.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("%w: mscfb: %v", ErrPanic, p)
		}
	}()
	f, err = doc.Next()
	if err != nil && err != io.EOF {
		err = cfbTreeError{fmt.Errorf("%w: %w", ErrFormat, err)}
	}
	return f, err
}

// readCFBStream reads a stream of at most max bytes. A longer stream
// returns its first max bytes with an error wrapping ErrLimit.
// cfbReaderAt reads a stream of a compound file at offsets, turning a
// panic of mscfb into ErrPanic.
type cfbReaderAt struct{ f *mscfb.File }

func (r cfbReaderAt) ReadAt(p []byte, off int64) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, fmt.Errorf("%w: mscfb: %v", ErrPanic, v)
		}
	}()
	return r.f.ReadAt(p, off)
}

func readCFBStream(f *mscfb.File, max int64) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("%w: mscfb: %v", ErrPanic, p)
		}
	}()
	if f.Size <= 0 {
		return nil, nil
	}
	n := min(f.Size, max)
	buf := bytes.NewBuffer(make([]byte, 0, min(n, 64<<10)))
	if _, err := io.Copy(buf, io.LimitReader(&progressReader{r: f}, n)); err != nil && err != io.EOF {
		return buf.Bytes(), fmt.Errorf("%w: reading stream: %w", ErrFormat, err)
	}
	if f.Size > max {
		return buf.Bytes(), fmt.Errorf("%w: stream of %d bytes, %d read", ErrLimit, f.Size, max)
	}
	return buf.Bytes(), nil
}

// progressReader fails a reader that returns no bytes and no error
// several times in a row, which would spin io.Copy forever.
type progressReader struct {
	r     io.Reader
	stuck int
}
