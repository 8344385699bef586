package archivegen

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strings"
	"time"
)

// ZipEncryption selects how Zip encrypts entry data.
type ZipEncryption int

// The encryption methods Zip can write.
const (
	// NoEncryption stores data in the clear.
	NoEncryption ZipEncryption = iota
	// ZipCrypto is the traditional PKWARE stream cipher (APPNOTE 6.1).
	ZipCrypto
	// AES256 is WinZip AE-2 with a 256-bit key (method 99, extra 0x9901).
	AES256
)

// ZipOptions controls the archive-wide choices of Zip. The zero value makes
// a plain, unencrypted zip with extended timestamps.
type ZipOptions struct {
	Zip64       bool          // force zip64 records (archive/zip only does it past 4 GiB: write them yourself if needed)
	Encryption  ZipEncryption // with Password
	Password    string        // used when Encryption is not NoEncryption
	DOSTimeOnly bool          // omit the extended-timestamp extra field, keep only the MS-DOS date/time
	Comment     string        // archive comment in the end record
}

// Zip record signatures and field values (APPNOTE 6.3.10).
const (
	zipLocalSig     = 0x04034b50
	zipCentralSig   = 0x02014b50
	zipEndSig       = 0x06054b50
	zip64EndSig     = 0x06064b50
	zip64LocatorSig = 0x07064b50

	zipLocalLen   = 30
	zipCentralLen = 46
	zipEndLen     = 22
	zip64EndLen   = 56
	zip64LocLen   = 20

	zipStore   = 0
	zipDeflate = 8
	zipAES     = 99

	zipFlagEncrypted = 0x0001
	zipFlagUTF8      = 0x0800

	zipMadeByUnix = 3<<8 | 63 // Unix host, APPNOTE 6.3

	zipExtraZip64     = 0x0001
	zipExtraTimestamp = 0x5455
	zipExtraAES       = 0x9901

	uint32max = 0xffffffff
	uint16max = 0xffff
)

// zipRecord holds the fields of one entry as they go into its local and
// central headers. The hostile builders fill it directly, which lets them
// write headers that disagree with the data or with each other.
type zipRecord struct {
	name     []byte
	flags    uint16
	method   uint16
	needed   uint16 // version needed to extract
	dosTime  uint16
	dosDate  uint16
	crc      uint32
	compSize uint64
	size     uint64
	extAttr  uint32
	extra    []byte // extra fields other than zip64, in both headers
	zip64    bool   // write zip64 extra fields even when sizes fit in 32 bits
}

// needs64 reports whether the record must carry zip64 sizes.
func (r *zipRecord) needs64() bool {
	return r.zip64 || r.size >= uint32max || r.compSize >= uint32max
}

// appendLocal appends r's local file header (without data) to b.
func appendLocal(b []byte, r *zipRecord) []byte {
	z64 := r.needs64()
	needed := r.needed
	extraLen := len(r.extra)
	if z64 {
		extraLen += 4 + 16
		needed = max(needed, 45)
	}
	b = binary.LittleEndian.AppendUint32(b, zipLocalSig)
	b = binary.LittleEndian.AppendUint16(b, needed)
	b = binary.LittleEndian.AppendUint16(b, r.flags)
	b = binary.LittleEndian.AppendUint16(b, r.method)
	b = binary.LittleEndian.AppendUint16(b, r.dosTime)
	b = binary.LittleEndian.AppendUint16(b, r.dosDate)
	b = binary.LittleEndian.AppendUint32(b, r.crc)
	if z64 {
		b = binary.LittleEndian.AppendUint32(b, uint32max)
		b = binary.LittleEndian.AppendUint32(b, uint32max)
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(r.compSize))
		b = binary.LittleEndian.AppendUint32(b, uint32(r.size))
	}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(r.name)))
	b = binary.LittleEndian.AppendUint16(b, uint16(extraLen))
	b = append(b, r.name...)
	if z64 {
		// The local zip64 field always holds both sizes (APPNOTE 4.5.3).
		b = binary.LittleEndian.AppendUint16(b, zipExtraZip64)
		b = binary.LittleEndian.AppendUint16(b, 16)
		b = binary.LittleEndian.AppendUint64(b, r.size)
		b = binary.LittleEndian.AppendUint64(b, r.compSize)
	}
	return append(b, r.extra...)
}

// appendCentral appends r's central directory header to b; offset is where
// its local header starts.
func appendCentral(b []byte, r *zipRecord, offset uint64) []byte {
	z64 := r.needs64() || offset >= uint32max
	needed := r.needed
	extraLen := len(r.extra)
	if z64 {
		extraLen += 4 + 24
		needed = max(needed, 45)
	}
	b = binary.LittleEndian.AppendUint32(b, zipCentralSig)
	b = binary.LittleEndian.AppendUint16(b, zipMadeByUnix)
	b = binary.LittleEndian.AppendUint16(b, needed)
	b = binary.LittleEndian.AppendUint16(b, r.flags)
	b = binary.LittleEndian.AppendUint16(b, r.method)
	b = binary.LittleEndian.AppendUint16(b, r.dosTime)
	b = binary.LittleEndian.AppendUint16(b, r.dosDate)
	b = binary.LittleEndian.AppendUint32(b, r.crc)
	if z64 {
		b = binary.LittleEndian.AppendUint32(b, uint32max)
		b = binary.LittleEndian.AppendUint32(b, uint32max)
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(r.compSize))
		b = binary.LittleEndian.AppendUint32(b, uint32(r.size))
	}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(r.name)))
	b = binary.LittleEndian.AppendUint16(b, uint16(extraLen))
	b = binary.LittleEndian.AppendUint16(b, 0) // comment length
	b = binary.LittleEndian.AppendUint16(b, 0) // disk number start
	b = binary.LittleEndian.AppendUint16(b, 0) // internal attributes
	b = binary.LittleEndian.AppendUint32(b, r.extAttr)
	if z64 {
		b = binary.LittleEndian.AppendUint32(b, uint32max)
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(offset))
	}
	b = append(b, r.name...)
	if z64 {
		// All three fields are present because all three 32-bit fields
		// above are 0xFFFFFFFF, in the order APPNOTE 4.5.3 gives.
		b = binary.LittleEndian.AppendUint16(b, zipExtraZip64)
		b = binary.LittleEndian.AppendUint16(b, 24)
		b = binary.LittleEndian.AppendUint64(b, r.size)
		b = binary.LittleEndian.AppendUint64(b, r.compSize)
		b = binary.LittleEndian.AppendUint64(b, offset)
	}
	return append(b, r.extra...)
}

// appendEnd appends the end of central directory record to b, preceded by
// the zip64 end record and locator when force64 is set or a value does not
// fit the classic record. cdOffset and cdSize locate the central directory;
// b must end where the central directory ends.
func appendEnd(b []byte, count, cdOffset, cdSize uint64, comment string, force64 bool) []byte {
	z64 := force64 || count >= uint16max || cdOffset >= uint32max || cdSize >= uint32max
	if z64 {
		end64 := uint64(len(b))
		b = binary.LittleEndian.AppendUint32(b, zip64EndSig)
		b = binary.LittleEndian.AppendUint64(b, zip64EndLen-12) // size of the rest of the record
		b = binary.LittleEndian.AppendUint16(b, zipMadeByUnix)
		b = binary.LittleEndian.AppendUint16(b, 45)
		b = binary.LittleEndian.AppendUint32(b, 0) // this disk
		b = binary.LittleEndian.AppendUint32(b, 0) // disk with the central directory
		b = binary.LittleEndian.AppendUint64(b, count)
		b = binary.LittleEndian.AppendUint64(b, count)
		b = binary.LittleEndian.AppendUint64(b, cdSize)
		b = binary.LittleEndian.AppendUint64(b, cdOffset)

		b = binary.LittleEndian.AppendUint32(b, zip64LocatorSig)
		b = binary.LittleEndian.AppendUint32(b, 0) // disk with the zip64 end record
		b = binary.LittleEndian.AppendUint64(b, end64)
		b = binary.LittleEndian.AppendUint32(b, 1) // total disks
	}
	count16, size32, off32 := uint16(count), uint32(cdSize), uint32(cdOffset)
	if z64 {
		count16, size32, off32 = uint16max, uint32max, uint32max
	}
	b = binary.LittleEndian.AppendUint32(b, zipEndSig)
	b = binary.LittleEndian.AppendUint16(b, 0) // this disk
	b = binary.LittleEndian.AppendUint16(b, 0) // disk with the central directory
	b = binary.LittleEndian.AppendUint16(b, count16)
	b = binary.LittleEndian.AppendUint16(b, count16)
	b = binary.LittleEndian.AppendUint32(b, size32)
	b = binary.LittleEndian.AppendUint32(b, off32)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(comment)))
	return append(b, comment...)
}

// zipBuilder lays out records one after another and writes the central
// directory at the end.
type zipBuilder struct {
	out     []byte
	central []byte
	count   uint64
	force64 bool
}

// add writes r's local header and data, and queues its central header.
func (z *zipBuilder) add(r *zipRecord, data []byte) {
	offset := uint64(len(z.out))
	z.out = appendLocal(z.out, r)
	z.out = append(z.out, data...)
	z.central = appendCentral(z.central, r, offset)
	z.count++
}

// finish returns the complete archive.
func (z *zipBuilder) finish(comment string) []byte {
	cdOffset := uint64(len(z.out))
	z.out = append(z.out, z.central...)
	return appendEnd(z.out, z.count, cdOffset, uint64(len(z.central)), comment, z.force64)
}

// dosDateTime converts t, read in its own location, to MS-DOS date and time
// fields (two-second resolution, years 1980–2107).
func dosDateTime(t time.Time) (dosTime, dosDate uint16) {
	year := min(max(t.Year(), 1980), 2107)
	dosDate = uint16((year-1980)<<9 | int(t.Month())<<5 | t.Day())
	dosTime = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return dosTime, dosDate
}

// timestampExtra returns the Info-ZIP extended timestamp field (0x5455)
// holding the modification time only, the same in both headers.
func timestampExtra(t time.Time) []byte {
	b := binary.LittleEndian.AppendUint16(nil, zipExtraTimestamp)
	b = binary.LittleEndian.AppendUint16(b, 5)
	b = append(b, 1) // flags: mtime present
	return binary.LittleEndian.AppendUint32(b, uint32(t.Unix()))
}

// deflate compresses data with compress/flate at the best level.
func deflate(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("archivegen: deflate: %w", err)
	}
	if _, err := fw.Write(data); err != nil {
		return nil, fmt.Errorf("archivegen: deflate: %w", err)
	}
	if err := fw.Close(); err != nil {
		return nil, fmt.Errorf("archivegen: deflate: %w", err)
	}
	return buf.Bytes(), nil
}

// Zip returns a zip archive of files, written record by record so that
// every field is under control. Regular files are deflated unless Store is
// set; directories (name given a trailing slash) and symlinks (target stored
// as data) are stored. Every entry carries a Unix mode in its external
// attributes, the MS-DOS time of Modified read in its own zone, and unless
// opt.DOSTimeOnly an extended-timestamp field with the Unix time.
//
// With opt.Encryption set, the data of every entry but directories is
// encrypted with opt.Password: ZipCrypto writes the 12-byte header whose
// last byte is the CRC's high byte; AES256 writes WinZip AE-2 (CRC field 0,
// 16-byte salt, password verifier, 10-byte HMAC-SHA1 code). Salts and headers
// come from detBytes, so output is reproducible.
func Zip(files []File, opt ZipOptions) ([]byte, error) {
	if opt.Encryption != NoEncryption && opt.Password == "" {
		return nil, fmt.Errorf("%w: zip encryption without a password", ErrInvalid)
	}
	if len(opt.Comment) > uint16max {
		return nil, fmt.Errorf("%w: zip comment longer than 65535 bytes", ErrInvalid)
	}
	z := &zipBuilder{force64: opt.Zip64}
	for i := range files {
		r, data, err := zipEntry(&files[i], i, opt)
		if err != nil {
			return nil, err
		}
		z.add(r, data)
	}
	return z.finish(opt.Comment), nil
}

// zipEntry prepares the record and the stored bytes of one File.
func zipEntry(f *File, index int, opt ZipOptions) (*zipRecord, []byte, error) {
	name := f.name()
	if len(name) == 0 {
		return nil, nil, fmt.Errorf("%w: zip entry %d has no name", ErrInvalid, index)
	}
	if len(name) > uint16max {
		return nil, nil, fmt.Errorf("%w: zip entry %d name longer than 65535 bytes", ErrInvalid, index)
	}
	mod := f.modified()
	r := &zipRecord{
		method:  zipDeflate,
		needed:  20,
		extAttr: f.unixMode() << 16,
		zip64:   opt.Zip64,
	}
	r.dosTime, r.dosDate = dosDateTime(mod)
	if f.UTF8 && f.RawName == nil {
		r.flags |= zipFlagUTF8
	}
	if !opt.DOSTimeOnly {
		r.extra = timestampExtra(mod)
	}
	plain := f.Data
	switch {
	case f.isDir():
		if !strings.HasSuffix(string(name), "/") {
			name = append(bytes.Clone(name), '/')
		}
		r.extAttr |= 0x10 // MS-DOS directory attribute
		plain = nil
	case f.isSymlink():
		plain = []byte(f.Link)
	}
	r.name = name
	r.size = uint64(len(plain))
	r.crc = crc32.ChecksumIEEE(plain)

	data := plain
	if f.Store || f.isDir() || f.isSymlink() {
		r.method = zipStore
		r.needed = 10
	} else {
		var err error
		if data, err = deflate(plain); err != nil {
			return nil, nil, err
		}
	}
	if f.isDir() {
		r.compSize = 0
		return r, nil, nil
	}
	purpose := fmt.Sprintf("zip/%d/%s", index, name)
	switch opt.Encryption {
	case NoEncryption:
	case ZipCrypto:
		data = zipCryptoEncrypt(opt.Password, r.crc, detBytes(purpose+"/zipcrypto-header", 11), data)
		r.flags |= zipFlagEncrypted
	case AES256:
		enc, err := winzipAESEncrypt(opt.Password, detBytes(purpose+"/aes-salt", 16), data)
		if err != nil {
			return nil, nil, err
		}
		r.extra = append(r.extra, aesExtra(r.method)...)
		r.method = zipAES
		r.needed = 51
		r.crc = 0 // AE-2 leaves the CRC out; the HMAC protects the data
		r.flags |= zipFlagEncrypted
		data = enc
	default:
		return nil, nil, fmt.Errorf("%w: unknown zip encryption %d", ErrInvalid, opt.Encryption)
	}
	r.compSize = uint64(len(data))
	return r, data, nil
}
