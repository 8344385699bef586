package archivegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// SplitZip cuts a one-disk zip made by Zip (no zip64) into the volumes
// of a split zip as Info-ZIP's zip -s writes them (APPNOTE 8.5): the
// spanning marker PK\x07\x08 before the first local header, the entries'
// data cut every volSize bytes, each central directory record giving
// the volume its entry starts on and its offset within it, and the
// directory and end record in the last volume, which names its own disk
// as the one the directory starts on. The volumes are NAME.z01, NAME.z02
// … and NAME.zip, in order. (Checked against zip -s 64k output, which
// unpack.JoinVolumes reads the same way.)
func SplitZip(one []byte, volSize int) ([][]byte, error) {
	le := binary.LittleEndian
	endOff := bytes.LastIndex(one, []byte("PK\x05\x06"))
	if endOff < 0 || len(one)-endOff < 22 || volSize < 64 {
		return nil, fmt.Errorf("%w: not a zip of one disk, or volumes under 64 bytes", ErrInvalid)
	}
	end := bytes.Clone(one[endOff : endOff+22])
	dirSize, dirOff := int(le.Uint32(end[12:])), int(le.Uint32(end[16:]))
	if dirOff+dirSize > endOff {
		return nil, fmt.Errorf("%w: central directory out of range", ErrInvalid)
	}
	data := append([]byte("PK\x07\x08"), one[:dirOff]...)
	dir := bytes.Clone(one[dirOff : dirOff+dirSize])
	var vols [][]byte
	for len(data) > volSize {
		vols = append(vols, data[:volSize])
		data = data[volSize:]
	}
	last := len(vols)
	for p := 0; p < len(dir); {
		h := dir[p:]
		if len(h) < 46 {
			return nil, fmt.Errorf("%w: central directory record cut short", ErrInvalid)
		}
		abs := int(le.Uint32(h[42:])) + 4
		le.PutUint16(h[34:], uint16(abs/volSize))
		le.PutUint32(h[42:], uint32(abs%volSize))
		p += 46 + int(le.Uint16(h[28:])) + int(le.Uint16(h[30:])) + int(le.Uint16(h[32:]))
	}
	le.PutUint16(end[4:], uint16(last))
	le.PutUint16(end[6:], uint16(last))
	le.PutUint32(end[16:], uint32(len(data)))
	vols = append(vols, append(append(bytes.Clone(data), dir...), end...))
	return vols, nil
}
