package unpack

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
)

// sevenZipView is a 7z archive made of another's signature header and
// packed streams, and a plain header of our own.
type sevenZipView struct {
	r     io.ReaderAt
	head  [sevenZipSignatureSize]byte
	data  int64 // where the packed streams end and the plain header starts
	plain []byte
}

func newSevenZipView(r io.ReaderAt, sig [sevenZipSignatureSize]byte, dataSize uint64, plain []byte) *sevenZipView {
	v := &sevenZipView{r: r, head: sig, data: sevenZipSignatureSize + int64(dataSize), plain: plain}
	binary.LittleEndian.PutUint64(v.head[20:28], uint64(len(plain)))
	binary.LittleEndian.PutUint32(v.head[28:32], crc32.ChecksumIEEE(plain))
	binary.LittleEndian.PutUint32(v.head[8:12], crc32.ChecksumIEEE(v.head[12:32]))
	return v
}

func (v *sevenZipView) size() int64 { return v.data + int64(len(v.plain)) }

// ReadAt implements io.ReaderAt.
func (v *sevenZipView) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("unpack: negative offset")
	}
	n := 0
	for n < len(p) {
		o := off + int64(n)
		switch {
		case o < sevenZipSignatureSize:
			n += copy(p[n:], v.head[o:])
		case o < v.data:
			m := int(min(int64(len(p)-n), v.data-o))
			k, err := v.r.ReadAt(p[n:n+m], o)
			n += k
			if k < m {
				if err == nil {
					err = io.ErrUnexpectedEOF
				}
				return n, err
			}
		case o < v.size():
			n += copy(p[n:], v.plain[o-v.data:])
		default:
			return n, io.EOF
		}
	}
	return n, nil
}
