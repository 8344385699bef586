package unpack

// This file checks, before rardecode decodes a RAR 4 file, the memory its
// RAR 3 PPMd decoder will take.
//
// A RAR 3 stream (unpack version 2.9) is a sequence of blocks, each LZ or
// PPMd; a PPMd block that resets its model states the model's size in one
// byte, 1 to 256 MiB, and rardecode v2.4.6 allocates it there (4/3 of it:
// 342 MiB for 256) whatever MaxDictionarySize says. A 66-byte archive made
// it take 70 MB. rardecode offers no option for it, so the archive's block
// layer is followed here as rardecode reads it (rar4Scan sits between the
// stream and rardecode), and for every file that starts a fresh decoder (not
// solid, not encrypted, compressed with version 2.9) the first bytes of
// its packed data, where its first block starts, are read before rardecode
// sees them: a PPMd model larger than Limits.MaxDictionaryBytes keeps the
// file closed with a LimitError, and the walk goes on to the next file.
//
// What this cannot see: a PPMd block later in a file's stream (after an LZ
// block, or in a solid file's continuation) or in an encrypted file. Its
// model is bounded by the format at rar3MaxModelBytes; finding it would
// mean decoding the stream.

import (
	"encoding/binary"
	"fmt"
	"io"
)

// RAR 4 block layout (technote.txt of RAR 4).
const (
	rar4MarkerSize   = 7
	rar4BaseSize     = 7      // HEAD_CRC, HEAD_TYPE, HEAD_FLAGS, HEAD_SIZE
	rar4LongBlock    = 0x8000 // ADD_SIZE follows: the block has data
	rar4TypeMain     = 0x73
	rar4TypeFile     = 0x74
	rar4TypeEnd      = 0x7b
	rar4MainComment  = 0x0002 // an old-style comment follows the main header
	rar4MainEncrypt  = 0x0080 // headers are encrypted
	rar4FileEncrypt  = 0x0004
	rar4FileSolid    = 0x0010
	rar4FileDirMask  = 0x00e0
	rar4FileLarge    = 0x0100 // HIGH_PACK_SIZE and HIGH_UNP_SIZE follow ATTR
	rar4FileHeadKept = 36     // bytes of a file header kept: up to HIGH_PACK_SIZE
	rar4Version29    = 29
	rar4MethodStore  = 0x30

	// rar3MaxModelMiB is the largest PPMd model a RAR 3 block can ask for.
	rar3MaxModelMiB = 256
	// rar4ScanQueue caps the file headers parsed ahead of rardecode.
	rar4ScanQueue = 1 << 12
)

// rar3ModelBytes returns what rardecode v2.4.6 allocates for a PPMd model
// of mb MiB: its sub-allocator's units of 12 bytes, as pairs of 8-byte
// states (ppm_model.go, subAllocator.init).
func rar3ModelBytes(mb int) int64 {
	n := int64(mb) << 20
	heap2Units := n / 8 / 12 * 7
	heap1Units := (n-heap2Units*12)/12 + 1
	return (1 + heap1Units + heap2Units) * 2 * 8
}

// rar3MaxModelBytes is the most a RAR 3 PPMd block can make rardecode
// allocate.
var rar3MaxModelBytes = rar3ModelBytes(rar3MaxModelMiB)

// rar4Scan follows the block layer of a RAR 4 archive as rardecode reads
// it through Read, and records for each file header what its packed data
// asks of the decoder.
type rar4Scan struct {
	r       io.Reader
	maxDict int64
	pending []byte // bytes read from r ahead of rardecode, parsed already
	err     error  // the error that ended r, once pending is delivered

	state  int
	head   [rar4FileHeadKept]byte
	have   int   // bytes of the current marker or header seen
	size   int   // size of the current header
	skip   int64 // data bytes of the current block still to pass
	lost   bool  // the layer could not be followed: nothing more is known
	queue  []*rar4FileInfo
	taking *rar4FileInfo // the file whose first data bytes are awaited

	// decoded is set once rardecode has decoded part of a file of the
	// archive: a solid file's data may then continue its predecessor's
	// last block instead of starting one.
	decoded bool
}

// States of rar4Scan.
const (
	rar4InMarker = iota
	rar4InHeader
	rar4InData
)

// rar4FileInfo is what the scan learned of one file header.
type rar4FileInfo struct {
	check bool // compressed with version 2.9, not encrypted: a block may start its data
	solid bool
	first [2]byte
	seen  int // bytes of first seen
}

func newRar4Scan(r io.Reader, maxDict int64) *rar4Scan {
	return &rar4Scan{r: r, maxDict: maxDict}
}

// Read delivers the stream to rardecode, parsing what it has not parsed.
func (s *rar4Scan) Read(p []byte) (int, error) {
	if len(s.pending) > 0 {
		n := copy(p, s.pending)
		s.pending = s.pending[n:]
		return n, nil
	}
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	s.parse(p[:n])
	return n, err
}

// ahead reads from r, ahead of rardecode, until the file whose first data
// bytes are awaited has them, or r ends.
func (s *rar4Scan) ahead() {
	var buf [512]byte
	for s.taking != nil && s.err == nil {
		n, err := s.r.Read(buf[:])
		s.pending = append(s.pending, buf[:n]...)
		s.parse(buf[:n])
		if err != nil {
			s.err = err
		}
	}
}

// parse advances the block layer over b.
func (s *rar4Scan) parse(b []byte) {
	for len(b) > 0 && !s.lost {
		switch s.state {
		case rar4InMarker:
			k := min(len(b), rar4MarkerSize-s.have)
			s.have += k
			b = b[k:]
			if s.have == rar4MarkerSize {
				s.state, s.have = rar4InHeader, 0
			}
		case rar4InHeader:
			if s.have < rar4BaseSize {
				k := min(len(b), rar4BaseSize-s.have)
				copy(s.head[s.have:], b[:k])
				s.have += k
				b = b[k:]
				if s.have < rar4BaseSize {
					continue
				}
				s.size = int(binary.LittleEndian.Uint16(s.head[5:]))
				typ, flags := s.head[2], binary.LittleEndian.Uint16(s.head[3:])
				if typ == rar4TypeMain && flags&rar4MainComment != 0 {
					s.size = 13 // as rardecode reads it
				}
				if s.size < rar4BaseSize || flags&rar4LongBlock != 0 && s.size < rar4BaseSize+4 {
					s.lost = true
					return
				}
			}
			k := min(len(b), s.size-s.have)
			if s.have < rar4FileHeadKept {
				copy(s.head[s.have:], b[:min(k, rar4FileHeadKept-s.have)])
			}
			s.have += k
			b = b[k:]
			if s.have == s.size {
				s.endHeader()
			}
		case rar4InData:
			if s.taking != nil {
				t := s.taking
				for len(b) > 0 && s.skip > 0 && t.seen < len(t.first) {
					t.first[t.seen] = b[0]
					t.seen++
					b = b[1:]
					s.skip--
				}
				if t.seen == len(t.first) || s.skip == 0 {
					s.taking = nil
				}
			}
			k := min(int64(len(b)), s.skip)
			s.skip -= k
			b = b[k:]
			if s.skip == 0 {
				s.state, s.have = rar4InHeader, 0
			}
		}
	}
}

// endHeader acts on a whole header in s.head.
func (s *rar4Scan) endHeader() {
	typ, flags := s.head[2], binary.LittleEndian.Uint16(s.head[3:])
	s.state, s.have, s.skip = rar4InHeader, 0, 0
	if flags&rar4LongBlock != 0 {
		s.skip = int64(binary.LittleEndian.Uint32(s.head[7:]))
	}
	switch typ {
	case rar4TypeMain:
		if flags&rar4MainEncrypt != 0 {
			s.lost = true // the next headers are encrypted
			return
		}
	case rar4TypeEnd:
		s.lost = true // nothing more to learn
		return
	case rar4TypeFile:
		if len(s.queue) >= rar4ScanQueue || s.size < 32 {
			s.lost = true
			return
		}
		if flags&rar4FileLarge != 0 {
			if s.size < rar4FileHeadKept {
				s.lost = true
				return
			}
			s.skip |= int64(binary.LittleEndian.Uint32(s.head[32:])) << 32
		}
		version, method := s.head[24], s.head[25]
		f := &rar4FileInfo{solid: flags&rar4FileSolid != 0, check: version == rar4Version29 &&
			method != rar4MethodStore && flags&rar4FileEncrypt == 0 && flags&rar4FileDirMask != rar4FileDirMask}
		s.queue = append(s.queue, f)
		if f.check && s.skip > 0 {
			s.taking = f
		}
	}
	if s.skip > 0 {
		s.state = rar4InData
	}
}

// check takes the record of the file rardecode has just read the header
// of, and returns a LimitError when its first block asks for a PPMd model
// over the limit. A nil scan (a RAR 5 archive) checks nothing.
func (s *rar4Scan) check(path string) error {
	if s == nil || len(s.queue) == 0 {
		return nil
	}
	f := s.queue[0]
	if s.taking == f {
		s.ahead()
	}
	s.queue[0] = nil
	s.queue = s.queue[1:]
	// A file's data starts with a block header when its decoder starts
	// afresh: the file is not solid, or no file was decoded before it.
	// The header: one bit for PPMd, seven flags (0x20: the model is
	// reset, so its size follows), then the size in MiB less one.
	if !f.check || f.solid && s.decoded || f.seen < 2 || f.first[0]&0x80 == 0 || f.first[0]&0x20 == 0 {
		return nil
	}
	mb := int(f.first[1]) + 1
	if need := rar3ModelBytes(mb); need > s.maxDict {
		return fmt.Errorf("%w: rar %s: a PPMd block asks for a %d MiB model", &LimitError{
			Limit: LimitDictionary, Value: need, Max: s.maxDict, Path: path}, path, mb)
	}
	return nil
}

// body returns the reader of a file's decoded data, noting when rardecode
// is first asked to decode. A nil scan returns r.
func (s *rar4Scan) body(r io.Reader) io.Reader {
	if s == nil {
		return r
	}
	return &rar4Body{r: r, s: s}
}

type rar4Body struct {
	r io.Reader
	s *rar4Scan
}

func (b *rar4Body) Read(p []byte) (int, error) {
	b.s.decoded = true
	return b.r.Read(p)
}
