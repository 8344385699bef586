package unpack

// This file checks a 7z archive's header before bodgit/sevenzip reads it.
//
// sevenzip sizes slices from the counts its header states (files, folders,
// pack streams, substreams, "all defined" vectors of times, attributes and
// CRCs), checking them only against 2^32-1, and its decoders allocate the
// dictionary (LZMA, LZMA2) or model (PPMd) that a coder's properties ask
// for. It offers no hook to bound either: a 200-byte header that declares
// 2^32-1 files makes it ask the Go runtime for half a terabyte, which no
// recover catches. So the header is read here first, with the grammar
// sevenzip itself follows (types.go of v1.6.5, quirks included, so that
// both read the same counts), and nothing is handed to sevenzip until
//
//   - every count is no larger than what the header bytes left can encode;
//   - the files declared fit in Limits.MaxEntries;
//   - what sevenzip will allocate for the header (estimated from the counts
//     with its own element sizes) fits a budget tied to Limits.MaxEntries;
//   - the packed streams lie inside the archive;
//   - an encoded header's folder declares a decoded size within the same
//     budget and asks its decoders for no more than MaxDictionaryBytes,
//     before one byte of it is decoded.
//
// Folders whose coders ask for too large a dictionary, or whose data lie
// beyond the end of the archive, are recorded; their files are listed with
// that problem and never opened, and the rest of the archive is read.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/bits"
	"unsafe"

	"github.com/bodgit/sevenzip"
)

// Property IDs of the 7z header (7zFormat.txt).
const (
	szEnd                   = 0x00
	szHeader                = 0x01
	szArchiveProperties     = 0x02
	szAdditionalStreamsInfo = 0x03
	szMainStreamsInfo       = 0x04
	szFilesInfo             = 0x05
	szPackInfo              = 0x06
	szUnpackInfo            = 0x07
	szSubStreamsInfo        = 0x08
	szSize                  = 0x09
	szCRC                   = 0x0a
	szFolder                = 0x0b
	szCodersUnpackSize      = 0x0c
	szNumUnpackStream       = 0x0d
	szEmptyStream           = 0x0e
	szEmptyFile             = 0x0f
	szAnti                  = 0x10
	szName                  = 0x11
	szCTime                 = 0x12
	szATime                 = 0x13
	szMTime                 = 0x14
	szWinAttributes         = 0x15
	szComment               = 0x16
	szEncodedHeader         = 0x17
	szStartPos              = 0x18
	szDummy                 = 0x19
)

const (
	// sevenZipSignatureSize is the fixed header at the start of a 7z:
	// signature, version, start header CRC, next header offset, size, CRC.
	sevenZipSignatureSize = 32

	// sevenZipMaxCoders and sevenZipMaxFolderStreams are the limits 7-Zip's
	// own reader applies to one folder (k_Scan_NumCoders_MAX and
	// k_Scan_NumCodersStreams_in_Folder_MAX in 7zIn.cpp). sevenzip only
	// checks them against 2^32-1 and sizes slices of readers from them
	// when a file is opened.
	sevenZipMaxCoders        = 64
	sevenZipMaxFolderStreams = 64

	// sevenZipMaxProps is how many bytes of a coder's properties are kept
	// for the dictionary check; the longest a supported method uses is 5.
	sevenZipMaxProps = 16
)

// Bytes sevenzip allocates per item it reads from a header, from its own
// types (struct.go, types.go and reader.go of v1.6.5), rounded up to Go's
// size classes, with twice the final size where a slice grows by append.
// FuzzSevenZipHeader checks that what sevenzip really allocates stays
// within the estimate.
const (
	// A file: its FileHeader in readFilesInfo, its *File in Reader.File
	// and the File itself.
	szCostFile = int64(unsafe.Sizeof(sevenzip.FileHeader{})) + 8 + int64(unsafe.Sizeof(sevenzip.File{})) + 8
	// A folder: the struct (128) and its pointer, the coder slice made
	// with room for 16 (128), its packed streams, its pool (a map and a
	// list when it holds more than one file) and its filesPerStream entry.
	szCostFolder = 128 + 16 + 128 + 16 + 16 + 160 + 48
	// A coder: the struct, its method ID and properties (counted by
	// byte as well) rounded to a size class, a bind pair.
	szCostCoder = 64 + 8 + 8 + 8 + 32
	// A number kept in a []uint64, grown by append.
	szCostNumber = 2 * 8
	// An element of an "all defined" vector: its bool (grown by append),
	// a CRC, and the buffer binary.Read allocates to read it.
	szCostDigest = 2 + 4 + 8
	// A time: its bool, a time.Time, and binary.Read's buffer.
	szCostTime = 2 + 24 + 16
	// An attribute: its bool, a uint32, and binary.Read's buffer.
	szCostAttribute = 2 + 4 + 8
	// A name: its string header in the names slice and the rounding of
	// its text to a size class; the text is counted by byte.
	szCostName = 16 + 16
	// The pre-parse's own record of a folder, and what the plan and the
	// archive keep of it (its decoders' memory, its file count, its last
	// file, its first pack stream, its ratio state).
	szCostFolderRecord = int64(unsafe.Sizeof(szFolderRecord{})) + 20 + int64(unsafe.Sizeof(sevenZipFolderState{}))
	// A pack stream in the plan: where it lies, and how far it was read.
	szCostPack = int64(unsafe.Sizeof(sevenZipPack{})) + 8
	// sevenZipEntryCost is the header memory allowed per entry of
	// Limits.MaxEntries: about what a non-solid 7z of files with names
	// of 200 characters costs.
	sevenZipEntryCost = 1536
)

// sevenZipBudget returns how many bytes the headers of the 7z archives a
// walk holds open together may make sevenzip allocate, and how large one
// header may be: 16 MiB plus 1.5 KiB, and 16 MiB plus 512 bytes, per entry
// Limits.MaxEntries allows. At the default 100 000 entries that is about
// 163 MiB and 65 MiB; 100 000 non-solid files with 100-character names
// cost 87 MiB.
func sevenZipBudget(lim Limits) (memory, header int64) {
	n := int64(lim.MaxEntries)
	return 16<<20 + n*sevenZipEntryCost, 16<<20 + n*512
}

// sevenZipPlan is what the pre-parse learned of a 7z archive.
type sevenZipPlan struct {
	// empty: the archive's next header size is 0, which 7-Zip reads as an
	// archive without entries.
	empty bool
	// cost estimates the bytes sevenzip allocates for the header and
	// keeps while the archive is open.
	cost int64
	// decoded is the size of an encoded header once decoded, 0 for a
	// plain header. Decoding it costs sevenzip some garbage besides cost.
	decoded int64
	// folders maps a folder (File.Stream) to the reason it must not be
	// opened: a dictionary over the limit, data past the end of the file.
	folders map[int]error
	// emptyStream marks the files without data (File.Stream means nothing
	// for them), a bit each, the first file in the high bit.
	emptyStream []byte
	// folderMem estimates what each folder's decoders allocate when it
	// is opened.
	folderMem []int64
	// packs are where the packed streams the folders use lie, in order;
	// folder i reads packs[firstPack[i]:firstPack[i+1]].
	packs     []sevenZipPack
	firstPack []int32
}

// sevenZipPack is where one packed stream lies in the archive: its first
// byte and the byte after its last.
type sevenZipPack struct{ start, end int64 }

// hasData reports whether file i has data in a folder.
func (p *sevenZipPlan) hasData(i int) bool {
	return !(i/8 < len(p.emptyStream) && p.emptyStream[i/8]&(0x80>>(i%8)) != 0)
}

// memOf returns what folder i's decoders allocate, estimated.
func (p *sevenZipPlan) memOf(i int) int64 {
	if i < 0 || i >= len(p.folderMem) {
		return szCoderMemory
	}
	return p.folderMem[i]
}

// packsOf returns the range of packs that folder f reads.
func (p *sevenZipPlan) packsOf(f int) (lo, hi int32) {
	if f < 0 || f+1 >= len(p.firstPack) {
		return 0, 0
	}
	return p.firstPack[f], p.firstPack[f+1]
}

// folderErr returns the reason file i, in folder stream, must not be
// opened, or nil.
func (p *sevenZipPlan) folderErr(i, stream int) error {
	if p == nil || len(p.folders) == 0 || !p.hasData(i) {
		return nil
	}
	return p.folders[stream]
}

// szFolderRecord is the pre-parse's record of one folder.
type szFolderRecord struct {
	outs    uint8  // output streams, the number of unpack sizes
	packed  uint8  // packed input streams
	mainOut uint8  // the unbound output: its size is the folder's size
	aes     bool   // a coder decrypts
	size    uint64 // unpack size of the main output
	mem     int64  // what its decoders allocate when it is opened, estimated
	err     error  // why the folder must not be opened, if it must not
	zstd    szZstdRecord
}

// szCoderMemory is what a decoder allocates besides its dictionary or
// model: buffers, tables (bzip2's are the largest, about 4 MiB).
const szCoderMemory = 4 << 20

// szLZMA is an LZMA coder whose dictionary is over the limit unless its
// stream is small: the decoder cuts the dictionary to the stream's size.
type szLZMA struct {
	folder int
	coder  uint8 // sevenzip passes f.size[coder] to LZMA: the coder's index
	dict   uint32
}

// szParser reads one header (plain or decoded) with every count checked.
type szParser struct {
	ctx      context.Context
	r        *bufio.Reader
	left     int64 // header bytes not yet read
	read     int64 // header bytes read, for the context checks
	cost     int64 // bytes sevenzip will allocate, estimated
	budget   int64 // what cost may reach: the walk's budget less held
	held     int64 // header memory of the 7z archives the walk holds open
	maxFiles int64
	maxDict  int64
	path     string
	dataSize uint64 // bytes between the signature header and the header: where packed streams live

	folders     []szFolderRecord
	packSizes   []uint64
	substreams  uint64 // files that have data, as the SubStreamsInfo counts them
	hasUnpack   bool
	packPos     uint64
	closer      io.Closer   // the decoder of an encoded header
	emptyStream []byte      // the files without data, a bit each, first file in the high bit
	encrypted   bool        // the header was decrypted
	decoded     int64       // the declared size of an encoded header
	lzma        []szLZMA    // LZMA coders to check once their sizes are read
	data        io.ReaderAt // the archive, for reading ahead in packed streams (sevenzip_zstd.go)
	packs       []sevenZipPack
	firstPack   []int32
}

// errShort is returned when the header ends before its content does.
var errShort = errors.New("header ends early")

func (p *szParser) corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: 7z %s: header: %s", ErrFormat, p.path, fmt.Sprintf(format, args...))
}

func (p *szParser) unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: 7z %s: header: %s", ErrUnsupported, p.path, fmt.Sprintf(format, args...))
}

// spend adds n bytes to the estimate of what sevenzip will allocate.
func (p *szParser) spend(n int64) error {
	if n > p.budget-p.cost {
		return p.overBudget(n)
	}
	p.cost += n
	return nil
}

// overBudget reports a header that would take more memory than the
// budget left: a limit derived from MaxEntries, counted in entries.
func (p *szParser) overBudget(n int64) error {
	want := p.cost + min(n, math.MaxInt64-p.cost-p.held)
	return fmt.Errorf("%w: 7z %s: listing the header takes more than %d bytes, with %d held by open 7z archives", &LimitError{
		Limit: LimitEntries, Value: (p.held + want + sevenZipEntryCost - 1) / sevenZipEntryCost,
		Max: p.maxFiles, Path: p.path}, p.path, want, p.held)
}

// spendN adds count items of per bytes each, overflow-safe.
func (p *szParser) spendN(count uint64, per int64) error {
	if count > uint64(math.MaxInt64/per) {
		return p.spend(math.MaxInt64)
	}
	return p.spend(int64(count) * per)
}

// byte reads one header byte.
func (p *szParser) byte() (byte, error) {
	if p.left <= 0 {
		return 0, p.corrupt("%v", errShort)
	}
	b, err := p.r.ReadByte()
	if err != nil {
		return 0, p.readErr(err)
	}
	p.left--
	p.read++
	if p.read&0xffff == 0 {
		if err := ctxErr(p.ctx); err != nil {
			return 0, err
		}
	}
	return b, nil
}

// readErr classifies an error reading the header.
func (p *szParser) readErr(err error) error {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return p.corrupt("%v", errShort)
	}
	if errors.Is(err, ErrLimit) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	// The decoder of an encoded header failed: the header is corrupt, or
	// was decrypted with the wrong key (headerKeyErr tells).
	return wrap(ErrFormat, "7z "+p.path+": header", err)
}

// skip consumes n bytes, n already checked against what is left.
func (p *szParser) skip(n uint64) error {
	if n > uint64(p.left) {
		return p.corrupt("%v", errShort)
	}
	for n > 0 {
		k := int(min(n, 1<<16))
		d, err := p.r.Discard(k)
		p.left -= int64(d)
		p.read += int64(d)
		if err != nil {
			return p.readErr(err)
		}
		n -= uint64(k)
		if err := ctxErr(p.ctx); err != nil {
			return err
		}
	}
	return nil
}

// number reads a 7z NUMBER exactly as sevenzip's readUint64 does.
func (p *szParser) number() (uint64, error) {
	b, err := p.byte()
	if err != nil {
		return 0, err
	}
	l := bits.LeadingZeros8(^b)
	var v uint64
	if l < 7 {
		v |= uint64(b&((1<<(8-l))-1)) << (8 * l)
	}
	for i := range l {
		c, err := p.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c) << (8 * i)
	}
	return v, nil
}

// count reads a count that sevenzip will size a slice from (its
// readUint64Bounded) and checks it against the bytes left: each item
// needs at least perItemBits bits of them (0: items may take none, and
// the caller bounds them otherwise).
func (p *szParser) count(what string, nonZero bool, perItemBits uint64) (uint64, error) {
	v, err := p.number()
	if err != nil {
		return 0, err
	}
	if nonZero && v == 0 {
		return 0, p.corrupt("%s is zero", what)
	}
	if v > math.MaxUint32 {
		return 0, p.corrupt("%s %d is out of range", what, v)
	}
	if perItemBits > 0 && v > uint64(p.left)*8/perItemBits {
		return 0, p.corrupt("declares %d %s in %d bytes", v, what, p.left)
	}
	return v, nil
}

// bitVector reads a vector of n bits (sevenzip's readBool) and returns
// how many are set. When keep is set, the bytes are appended to *keep.
func (p *szParser) bitVector(n uint64, keep ...*[]byte) (uint64, error) {
	if n == 0 {
		return 0, p.corrupt("empty bit vector")
	}
	nb := (n + 7) / 8
	if nb > uint64(p.left) {
		return 0, p.corrupt("a vector of %d bits in %d bytes", n, p.left)
	}
	var set uint64
	for i := uint64(0); i < nb; i++ {
		b, err := p.byte()
		if err != nil {
			return 0, err
		}
		if i == nb-1 && n%8 != 0 {
			b &= ^byte(0) << (8 - n%8)
		}
		set += uint64(bits.OnesCount8(b))
		if len(keep) > 0 {
			*keep[0] = append(*keep[0], b)
		}
	}
	return set, nil
}

// defined reads an "all defined" byte and, when it is 0, a bit vector
// (sevenzip's readOptionalBool), and returns how many items are defined.
func (p *szParser) defined(n uint64) (uint64, error) {
	if n == 0 {
		return 0, p.corrupt("empty vector")
	}
	all, err := p.byte()
	if err != nil {
		return 0, err
	}
	if all != 0 {
		return n, nil
	}
	return p.bitVector(n)
}

// digests reads n optional CRCs (sevenzip's readCRC).
func (p *szParser) digests(n uint64) error {
	if err := p.spendN(n, szCostDigest); err != nil {
		return err
	}
	d, err := p.defined(n)
	if err != nil {
		return err
	}
	if d > uint64(p.left)/4 {
		return p.corrupt("%d CRCs in %d bytes", d, p.left)
	}
	return p.skip(d * 4)
}

// header reads a plain header, its kHeader ID already read.
func (p *szParser) header() error {
	id, err := p.byte()
	if err != nil {
		return err
	}
	switch id {
	case szArchiveProperties:
		return p.unsupported("archive properties")
	case szAdditionalStreamsInfo:
		return p.unsupported("additional streams")
	}
	if id == szMainStreamsInfo {
		if err := p.streamsInfo(); err != nil {
			return err
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	}
	if id == szFilesInfo {
		if err := p.filesInfo(); err != nil {
			return err
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	}
	if id != szEnd {
		return p.corrupt("unexpected property %#x", id)
	}
	return nil
}

// streamsInfo reads PackInfo, UnpackInfo and SubStreamsInfo.
func (p *szParser) streamsInfo() error {
	id, err := p.byte()
	if err != nil {
		return err
	}
	if id == szPackInfo {
		if err := p.packInfo(); err != nil {
			return err
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	}
	if id == szUnpackInfo {
		if err := p.unpackInfo(); err != nil {
			return err
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	}
	if id == szSubStreamsInfo {
		if !p.hasUnpack {
			return p.corrupt("substreams without folders")
		}
		if err := p.subStreamsInfo(); err != nil {
			return err
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	} else if p.hasUnpack {
		p.substreams = uint64(len(p.folders))
	}
	if id != szEnd {
		return p.corrupt("unexpected property %#x in streams", id)
	}
	return p.placeFolders()
}

// packInfo reads PackInfo: where the packed streams start, their sizes
// and CRCs.
func (p *szParser) packInfo() error {
	pos, err := p.number() // checked with the sizes, in placeFolders
	if err != nil {
		return err
	}
	p.packPos = pos
	// Each pack stream has a size of at least one byte under kSize.
	n, err := p.count("pack streams", true, 8)
	if err != nil {
		return err
	}
	if err := p.spendN(n, szCostNumber+8+szCostPack); err != nil { // sevenzip's, ours, the plan's
		return err
	}
	id, err := p.byte()
	if err != nil {
		return err
	}
	if id != szSize {
		// 7-Zip requires the sizes; without them sevenzip indexes a nil slice.
		return p.corrupt("pack streams without sizes")
	}
	p.packSizes = make([]uint64, 0, n) // n is bounded by the bytes and spent
	for range n {
		s, err := p.number()
		if err != nil {
			return err
		}
		p.packSizes = append(p.packSizes, s)
	}
	if id, err = p.byte(); err != nil {
		return err
	}
	if id == szCRC {
		if err := p.digests(n); err != nil {
			return err
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	}
	if id != szEnd {
		return p.corrupt("unexpected property %#x in pack info", id)
	}
	return nil
}

// unpackInfo reads UnpackInfo: the folders, their unpack sizes and CRCs.
func (p *szParser) unpackInfo() error {
	id, err := p.byte()
	if err != nil {
		return err
	}
	if id != szFolder {
		return p.corrupt("unpack info without folders")
	}
	// A folder takes at least two bytes: its coder count and a coder.
	n, err := p.count("folders", true, 16)
	if err != nil {
		return err
	}
	if err := p.spendN(n, szCostFolder+szCostFolderRecord+szCostNumber); err != nil {
		return err
	}
	external, err := p.byte()
	if err != nil {
		return err
	}
	if external != 0 {
		return p.unsupported("folders stored elsewhere")
	}
	p.hasUnpack = true
	p.folders = make([]szFolderRecord, 0, n) // n is bounded by the bytes and spent
	for range n {
		f, err := p.folder()
		if err != nil {
			return err
		}
		p.folders = append(p.folders, f)
	}
	if id, err = p.byte(); err != nil {
		return err
	}
	if id != szCodersUnpackSize {
		return p.corrupt("folders without unpack sizes")
	}
	for i := range p.folders {
		f := &p.folders[i]
		if err := p.spendN(uint64(f.outs), szCostNumber); err != nil {
			return err
		}
		for j := range f.outs {
			s, err := p.number()
			if err != nil {
				return err
			}
			if j == f.mainOut {
				f.size = s
			}
			// The LZMA decoder sizes its dictionary from the properties,
			// cut to the stream's size (ulikunitz/xz).
			for len(p.lzma) > 0 && p.lzma[0].folder == i && p.lzma[0].coder == j {
				d := max(min(uint64(p.lzma[0].dict), s), 4096)
				if d > uint64(p.maxDict) && f.err == nil {
					f.err = p.dictErr(int64(d))
				}
				f.mem += int64(min(d, math.MaxUint32))
				p.lzma = p.lzma[1:]
			}
		}
	}
	if id, err = p.byte(); err != nil {
		return err
	}
	if id == szCRC {
		if err := p.digests(n); err != nil {
			return err
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	}
	if id != szEnd {
		return p.corrupt("unexpected property %#x in unpack info", id)
	}
	return nil
}

// dictErr reports a decoder that would allocate d bytes.
func (p *szParser) dictErr(d int64) error {
	return fmt.Errorf("%w: 7z %s: a coder asks for a %d-byte dictionary", &LimitError{
		Limit: LimitDictionary, Value: d, Max: p.maxDict, Path: p.path}, p.path, d)
}

// Method IDs whose decoders allocate from their properties.
var (
	szMethodLZMA  = []byte{0x03, 0x01, 0x01}
	szMethodLZMA2 = []byte{0x21}
	szMethodPPMd  = []byte{0x03, 0x04, 0x01}
	szMethodAES   = []byte{0x06, 0xf1, 0x07, 0x01}
)

// folder reads one folder: its coders, bind pairs and packed streams.
func (p *szParser) folder() (szFolderRecord, error) {
	var f szFolderRecord
	nc, err := p.count("coders", true, 8)
	if err != nil {
		return f, err
	}
	if nc > sevenZipMaxCoders {
		return f, p.unsupported("a folder of %d coders", nc)
	}
	if err := p.spendN(nc, szCostCoder); err != nil {
		return f, err
	}
	var in, out uint64
	var props [sevenZipMaxProps]byte
	for i := range nc {
		flag, err := p.byte()
		if err != nil {
			return f, err
		}
		if flag&0xc0 != 0 {
			// sevenzip ignores these bits and would read the rest
			// out of step; 7-Zip refuses them.
			return f, p.unsupported("coder flags %#x", flag)
		}
		idLen := int(flag & 0x0f)
		if int64(idLen) > p.left {
			return f, p.corrupt("%v", errShort)
		}
		var id [15]byte
		for k := range idLen {
			if id[k], err = p.byte(); err != nil {
				return f, err
			}
		}
		cin, cout := uint64(1), uint64(1)
		if flag&0x10 != 0 {
			if cin, err = p.count("coder inputs", true, 0); err != nil {
				return f, err
			}
			if cout, err = p.count("coder outputs", true, 0); err != nil {
				return f, err
			}
		}
		f.noteCoder(id[:idLen], in)
		in += cin
		out += cout
		if in > sevenZipMaxFolderStreams || out > sevenZipMaxFolderStreams {
			return f, p.unsupported("a folder of more than %d streams", sevenZipMaxFolderStreams)
		}
		var np int
		if flag&0x20 != 0 {
			n, err := p.count("property bytes", true, 8)
			if err != nil {
				return f, err
			}
			if err := p.spend(int64(n) + 8); err != nil {
				return f, err
			}
			for k := range n {
				b, err := p.byte()
				if err != nil {
					return f, err
				}
				if k < sevenZipMaxProps {
					props[k] = b
				}
			}
			np = int(min(n, sevenZipMaxProps))
		}
		p.coderMemory(&f, uint8(i), id[:idLen], props[:np])
		f.mem += szCoderMemory
	}
	if in < out {
		return f, p.corrupt("a folder with fewer inputs than outputs")
	}
	bound := out - 1
	var boundOut uint64 // bit set of outputs bound to an input
	for range bound {
		bi, err := p.number()
		if err != nil {
			return f, err
		}
		bo, err := p.number()
		if err != nil {
			return f, err
		}
		if bi >= in || bo >= out {
			return f, p.corrupt("bind pair %d-%d out of range", bi, bo)
		}
		boundOut |= 1 << bo
		f.noteBound(bi)
	}
	packed := in - bound
	if packed > 1 {
		for j := range packed {
			k, err := p.number()
			if err != nil {
				return f, err
			}
			if k >= in {
				return f, p.corrupt("packed stream %d out of range", k)
			}
			f.notePacked(int(j), k)
		}
	}
	f.outs, f.packed = uint8(out), uint8(packed)
	// sevenzip's unpackSize: the last output that no bind pair uses.
	f.mainOut = uint8(out - 1)
	for i := int(out) - 1; i >= 0; i-- {
		if boundOut&(1<<i) == 0 {
			f.mainOut = uint8(i)
			break
		}
	}
	return f, nil
}

// coderMemory checks what coder i of the folder being read will allocate
// from its properties against Limits.MaxDictionaryBytes.
func (p *szParser) coderMemory(f *szFolderRecord, i uint8, id, props []byte) {
	if bytes.Equal(id, szMethodAES) {
		f.aes = true
	}
	var d uint64
	switch {
	case bytes.Equal(id, szMethodLZMA2) && len(props) >= 1:
		// As sevenzip computes it (from Lzma2Dec.c).
		if pb := props[0]; pb <= 40 {
			d = uint64(2|pb&1) << (pb/2 + 11)
		}
	case bytes.Equal(id, szMethodPPMd) && len(props) >= 5:
		d = uint64(binary.LittleEndian.Uint32(props[1:5]))
	case bytes.Equal(id, szMethodLZMA) && len(props) >= 5:
		// Decided once the coder's unpack size is known. Each such coder
		// took ten bytes of header, and is costed as a coder.
		p.lzma = append(p.lzma, szLZMA{folder: len(p.folders), coder: i, dict: binary.LittleEndian.Uint32(props[1:5])})
	}
	f.mem += int64(min(d, math.MaxUint32))
	if d > uint64(p.maxDict) && f.err == nil {
		f.err = p.dictErr(int64(d))
	}
}

// subStreamsInfo reads SubStreamsInfo: how the folders split into files,
// their sizes and CRCs.
func (p *szParser) subStreamsInfo() error {
	id, err := p.byte()
	if err != nil {
		return err
	}
	nf := uint64(len(p.folders))
	if err := p.spendN(nf, szCostNumber); err != nil {
		return err
	}
	total := nf
	var extra uint64 // sizes that follow under kSize: streams-1 per folder
	if id == szNumUnpackStream {
		total, extra = 0, 0
		for range nf {
			s, err := p.number()
			if err != nil {
				return err
			}
			if s > math.MaxUint32 {
				return p.corrupt("%d substreams", s)
			}
			total += s
			if s > 0 {
				extra += s - 1
			}
			if total > math.MaxUint32 {
				return p.corrupt("more than %d substreams", uint64(math.MaxUint32))
			}
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	}
	if id == szSize {
		// sevenzip makes a slice of total sizes at once: each but the
		// last of a folder is read from the header.
		if extra > uint64(p.left) {
			return p.corrupt("declares %d substream sizes in %d bytes", extra, p.left)
		}
		if err := p.spendN(total, szCostNumber); err != nil {
			return err
		}
		for range extra {
			if _, err := p.number(); err != nil {
				return err
			}
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	} else if extra > 0 {
		// 7-Zip requires the sizes; without them sevenzip indexes a nil slice.
		return p.corrupt("substreams without sizes")
	}
	if id == szCRC {
		if err := p.digests(total); err != nil {
			return err
		}
		if id, err = p.byte(); err != nil {
			return err
		}
	}
	if id != szEnd {
		return p.corrupt("unexpected property %#x in substreams", id)
	}
	p.substreams = total
	return nil
}

// placeFolders checks that the pack streams the folders use exist and lie
// inside the archive. A folder whose data lie past the end is recorded:
// its files are listed as truncated, the other folders are read.
func (p *szParser) placeFolders() error {
	if len(p.folders) == 0 {
		return nil
	}
	var need uint64
	for _, f := range p.folders {
		need += uint64(f.packed)
	}
	if need > uint64(len(p.packSizes)) {
		return p.corrupt("folders use %d pack streams of %d", need, len(p.packSizes))
	}
	p.packs = make([]sevenZipPack, 0, need) // need is at most len(p.packSizes), spent in packInfo
	p.firstPack = make([]int32, 0, len(p.folders)+1)
	pos, k := min(p.packPos, p.dataSize+1), 0
	for i := range p.folders {
		f := &p.folders[i]
		p.firstPack = append(p.firstPack, int32(len(p.packs)))
		if err := p.checkZstd(f, pos, k); err != nil {
			return err
		}
		end := pos
		for range f.packed {
			s := p.packSizes[k]
			k++
			start := end
			if end > p.dataSize || s > p.dataSize-end {
				end = p.dataSize + 1
			} else {
				end += s
			}
			p.packs = append(p.packs, sevenZipPack{start: sevenZipSignatureSize + int64(start), end: sevenZipSignatureSize + int64(end)})
		}
		if end > p.dataSize && f.err == nil {
			f.err = fmt.Errorf("%w: 7z %s: folder %d lies past the end of the archive", ErrTruncated, p.path, i)
		}
		pos = min(end, p.dataSize+1)
	}
	p.firstPack = append(p.firstPack, int32(len(p.packs)))
	return nil
}

// filesInfo reads FilesInfo: the files, which have data and which not, and
// their names, times and attributes.
func (p *szParser) filesInfo() error {
	n, err := p.count("files", true, 0)
	if err != nil {
		return err
	}
	// A file either has data, and so a substream, or is marked empty in
	// a bit vector that follows.
	if n > p.substreams && n-p.substreams > uint64(p.left)*8 {
		return p.corrupt("declares %d files in %d bytes", n, p.left)
	}
	if n > uint64(p.maxFiles) {
		return &LimitError{Limit: LimitEntries, Value: int64(n), Max: p.maxFiles, Path: p.path}
	}
	if err := p.spendN(n, szCostFile); err != nil {
		return err
	}
	var empty uint64
	for {
		prop, err := p.byte()
		if err != nil {
			return err
		}
		if prop == szEnd {
			break
		}
		length, err := p.number()
		if err != nil {
			return err
		}
		switch prop {
		case szEmptyStream:
			if err := p.spendN(n, 2); err != nil {
				return err
			}
			p.emptyStream = make([]byte, 0, min((n+7)/8, 1024))
			if empty, err = p.bitVector(n, &p.emptyStream); err != nil {
				return err
			}
		case szEmptyFile:
			if err := p.spendN(empty, 2); err != nil {
				return err
			}
			if _, err := p.bitVector(empty); err != nil {
				return err
			}
		case szCTime, szATime, szMTime:
			if err := p.vector(n, 8, szCostTime); err != nil {
				return err
			}
		case szWinAttributes:
			if err := p.vector(n, 4, szCostAttribute); err != nil {
				return err
			}
		case szName:
			if err := p.names(n, length); err != nil {
				return err
			}
		case szDummy:
			if err := p.skip(length); err != nil {
				return err
			}
		case szAnti, szComment, szStartPos:
			return p.unsupported("file property %#x", prop)
		default:
			return p.corrupt("unexpected file property %#x", prop)
		}
	}
	if n-min(n, empty) > p.substreams {
		return p.corrupt("%d files with data for %d streams", n-min(n, empty), p.substreams)
	}
	return nil
}

// vector reads an optional vector of n items of size bytes each, after an
// external byte (sevenzip's readTimes and readAttributes).
func (p *szParser) vector(n uint64, size uint64, cost int64) error {
	if err := p.spendN(n, cost); err != nil {
		return err
	}
	d, err := p.defined(n)
	if err != nil {
		return err
	}
	external, err := p.byte()
	if err != nil {
		return err
	}
	if external != 0 {
		return p.unsupported("file properties stored elsewhere")
	}
	if d > uint64(p.left)/size {
		return p.corrupt("%d values in %d bytes", d, p.left)
	}
	return p.skip(d * size)
}

// names reads the kName property as sevenzip does: an external byte, then
// length-1 bytes of UTF-16LE names, each ended by a NUL, and checks that
// they hold n names. The names cost their UTF-8 length.
func (p *szParser) names(n, length uint64) error {
	if length == 0 || length > uint64(p.left) {
		return p.corrupt("names of %d bytes in %d", length, p.left)
	}
	if err := p.spendN(n, szCostName); err != nil {
		return err
	}
	external, err := p.byte()
	if err != nil {
		return err
	}
	if external != 0 {
		return p.unsupported("names stored elsewhere")
	}
	size := length - 1
	var (
		found, run uint64 // names ended by a NUL, code units since the last
		text       int64  // UTF-8 bytes of the names
		buf        [4096]byte
	)
	for done := uint64(0); done+1 < size; {
		k := int(min(size-done, uint64(len(buf)))) &^ 1
		if _, err := io.ReadFull(p.r, buf[:k]); err != nil {
			return p.readErr(err)
		}
		p.left -= int64(k)
		p.read += int64(k)
		done += uint64(k)
		for i := 0; i < k; i += 2 {
			switch u := uint16(buf[i]) | uint16(buf[i+1])<<8; {
			case u == 0:
				found++
				run = 0
			case u < 0x80:
				run++
				text++
			case u < 0x800:
				run++
				text += 2
			default: // 3 bytes, or 4 for a surrogate pair of two units
				run++
				text += 3
			}
		}
		if err := ctxErr(p.ctx); err != nil {
			return err
		}
	}
	if size%2 == 1 { // a lone byte decodes to U+FFFD
		if _, err := p.byte(); err != nil {
			return err
		}
		run++
		text += 3
	}
	if run > 0 {
		found++ // a last name without its NUL still counts
	}
	if found != n {
		return p.corrupt("%d names for %d files", found, n)
	}
	return p.spend(text)
}

// sevenZipMaxEncoded caps the stored part of an encoded header: the
// streams of its one folder, which take a few dozen bytes.
const sevenZipMaxEncoded = 64 << 10

// check7z reads the header of the 7z archive in r (size bytes) and checks
// it as the top of this file says. It returns the plan the walk follows,
// or the reason the archive cannot be opened.
func (w *Walker) check7z(ctx context.Context, path string, r io.ReaderAt, size int64) (plan *sevenZipPlan, err error) {
	var sig [sevenZipSignatureSize]byte
	if _, err := r.ReadAt(sig[:], 0); err != nil {
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: 7z %s: %w", ErrTruncated, path, io.ErrUnexpectedEOF)
		}
		return nil, fmt.Errorf("unpack: 7z %s: %w", path, err)
	}
	if !bytes.Equal(sig[:6], magic7z) {
		return nil, fmt.Errorf("%w: 7z %s: no signature", ErrFormat, path)
	}
	if crc32.ChecksumIEEE(sig[12:32]) != binary.LittleEndian.Uint32(sig[8:12]) {
		return nil, fmt.Errorf("%w: 7z %s: start header checksum", ErrFormat, path)
	}
	off := binary.LittleEndian.Uint64(sig[12:20])
	n := binary.LittleEndian.Uint64(sig[20:28])
	sum := binary.LittleEndian.Uint32(sig[28:32])
	if n == 0 {
		if off != 0 {
			return nil, fmt.Errorf("%w: 7z %s: empty header at offset %d", ErrFormat, path, off)
		}
		return &sevenZipPlan{empty: true}, nil
	}
	avail := uint64(max(size-sevenZipSignatureSize, 0))
	if off > avail || n > avail-off {
		return nil, fmt.Errorf("%w: 7z %s: header at %d+%d past the end of %d bytes", ErrTruncated, path, off, n, size)
	}
	budget, maxHeader := sevenZipBudget(w.lim)
	held := w.szMem.Load()
	if n > uint64(maxHeader) {
		return nil, fmt.Errorf("%w: 7z %s: a header of %d bytes (this reader takes %d)", ErrUnsupported, path, n, maxHeader)
	}
	start := int64(sevenZipSignatureSize + off)
	h := crc32.NewIEEE()
	if _, err := io.Copy(h, io.NewSectionReader(r, start, int64(n))); err != nil {
		return nil, fmt.Errorf("unpack: 7z %s: %w", path, err)
	}
	if h.Sum32() != sum {
		return nil, fmt.Errorf("%w: 7z %s: header checksum", ErrFormat, path)
	}
	p := &szParser{
		ctx: ctx, r: bufio.NewReaderSize(io.NewSectionReader(r, start, int64(n)), 64<<10), left: int64(n),
		budget: budget - held, held: held, maxFiles: int64(w.lim.MaxEntries), maxDict: w.lim.MaxDictionaryBytes,
		path: path, dataSize: off, data: r,
	}
	id, err := p.byte()
	if err != nil {
		return nil, err
	}
	switch id {
	case szHeader:
	case szEncodedHeader:
		if n > sevenZipMaxEncoded {
			return nil, p.corrupt("an encoded header of %d bytes", n)
		}
		if p, err = w.decodeHeader(ctx, p, r, sig); err != nil {
			return nil, err
		}
		defer p.closer.Close()
		defer func() {
			if err != nil {
				plan, err = nil, w.headerKeyErr(p, err)
			}
		}()
	default:
		return nil, p.corrupt("starts with %#x", id)
	}
	if err := p.header(); err != nil {
		return nil, err
	}
	if p.closer == nil && p.left != 0 {
		// sevenzip refuses a plain header with bytes after its end.
		return nil, p.corrupt("%d bytes after the header", p.left)
	}
	plan = &sevenZipPlan{cost: p.cost, emptyStream: p.emptyStream, decoded: p.decoded,
		folderMem: make([]int64, len(p.folders)), packs: p.packs, firstPack: p.firstPack}
	for i, f := range p.folders {
		plan.folderMem[i] = f.mem
		if f.err != nil {
			if plan.folders == nil {
				plan.folders = map[int]error{}
			}
			plan.folders[i] = f.err
		}
	}
	return plan, nil
}

// decodeHeader checks the streams of an encoded header (p has read its
// kEncodedHeader ID, and what is left of it fits sevenZipMaxEncoded) and
// returns a parser of the decoded header with its kHeader ID read. The
// header is decoded by sevenzip itself, from a view of the archive whose
// plain header lists the encoded header's folder as its only file:
// sevenzip offers no other way to decode a folder, and so every method,
// and the password, work as they will when the archive is opened.
func (w *Walker) decodeHeader(ctx context.Context, p *szParser, r io.ReaderAt, sig [sevenZipSignatureSize]byte) (*szParser, error) {
	streams, err := p.r.Peek(int(p.left))
	if err != nil {
		return nil, p.readErr(err)
	}
	streams = bytes.Clone(streams)
	if err := p.streamsInfo(); err != nil {
		return nil, err
	}
	if p.left != 0 {
		return nil, p.corrupt("%d bytes after the encoded header", p.left)
	}
	if len(p.folders) != 1 {
		return nil, p.corrupt("an encoded header in %d folders", len(p.folders))
	}
	f := p.folders[0]
	if f.err != nil {
		return nil, f.err
	}
	if _, maxHeader := sevenZipBudget(w.lim); f.size > uint64(maxHeader) {
		return nil, fmt.Errorf("%w: 7z %s: a header of %d bytes (this reader takes %d)", ErrUnsupported, p.path, f.size, maxHeader)
	}
	if f.size == 0 {
		return nil, p.corrupt("an empty encoded header")
	}
	// The view's plain header: kHeader, the encoded header's streams as
	// its main streams, and one file without properties.
	plain := make([]byte, 0, len(streams)+6)
	plain = append(plain, szHeader, szMainStreamsInfo)
	plain = append(plain, streams...)
	plain = append(plain, szFilesInfo, 1, szEnd, szEnd)
	v := newSevenZipView(r, sig, p.dataSize, plain)
	zr, err := sevenzip.NewReaderWithPassword(v, v.size(), w.opts.Password)
	if err != nil {
		return nil, sevenZipErr(p.path, err, w.opts.Password != "")
	}
	if len(zr.File) != 1 {
		return nil, p.corrupt("encoded header unreadable")
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		return nil, sevenZipErr(p.path, err, w.opts.Password != "")
	}
	d := &szParser{
		ctx: ctx, r: bufio.NewReaderSize(io.LimitReader(rc, int64(f.size)), 64<<10), left: int64(f.size),
		cost: p.cost, budget: p.budget, held: p.held, maxFiles: p.maxFiles, maxDict: p.maxDict, path: p.path,
		dataSize: p.dataSize, closer: rc, encrypted: f.aes, decoded: int64(f.size), data: p.data,
	}
	id, err := d.byte()
	if err == nil && id != szHeader {
		err = d.corrupt("decoded header starts with %#x", id)
	}
	if err != nil {
		rc.Close()
		return nil, w.headerKeyErr(d, err)
	}
	return d, nil
}

// headerKeyErr returns err, or when d reads a decrypted header and err
// says it is malformed, ErrEncrypted (no password) or ErrPassword: a
// header decrypted with the wrong key is noise, not a corrupt archive.
func (w *Walker) headerKeyErr(d *szParser, err error) error {
	if !d.encrypted || !errors.Is(err, ErrFormat) {
		return err
	}
	kind := ErrEncrypted
	if w.opts.Password != "" {
		kind = ErrPassword
	}
	return fmt.Errorf("%w: 7z %s: encrypted header: %w", kind, d.path, err)
}
