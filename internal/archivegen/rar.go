package archivegen

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strconv"
)

// RAR 5.0 values, from the RAR 5.0 archive format technote.
const (
	rar5Signature = "Rar!\x1a\x07\x01\x00"

	rar5HeadMain    = 1
	rar5HeadFile    = 2
	rar5HeadEncrypt = 4
	rar5HeadEnd     = 5

	rar5HasExtra = 0x0001
	rar5HasData  = 0x0002

	rar5FileDir   = 0x0001
	rar5FileMtime = 0x0002
	rar5FileCRC   = 0x0004

	rar5HostUnix = 1

	rar5ExtraCrypt    = 0x01
	rar5ExtraRedirect = 0x05

	rar5CryptCheck = 0x0001 // password check value present
	rar5CryptMAC   = 0x0002 // checksums are keyed with the hash key

	rar5RedirUnixSymlink = 1
	rar5RedirHardlink    = 4

	// rar5DefaultKDFLog2 is the iteration count RAR itself uses: 2^15.
	rar5DefaultKDFLog2 = 15
)

// Rar5Options controls Rar5WithOptions. The zero value writes an
// unencrypted archive.
type Rar5Options struct {
	// Password, when set, encrypts every file's data (AES-256-CBC, keys by
	// PBKDF2-HMAC-SHA256) and adds a password check value.
	Password string
	// EncryptHeaders, with Password, also encrypts every header after the
	// archive encryption header (rar -hp): names are not listable without
	// the password.
	EncryptHeaders bool

	kdfLog2 int // log2 of the PBKDF2 iteration count; 0 means 15
}

// Rar5 returns a RAR 5.0 archive of files using the store method. With a
// password, file data is encrypted and each file header carries an
// encryption record with a password check value; headers stay readable.
// See Rar5WithOptions.
func Rar5(files []File, password string) ([]byte, error) {
	return Rar5WithOptions(files, Rar5Options{Password: password})
}

// Rar5WithOptions returns a RAR 5.0 archive of files using the store method
// (method 0): the signature, a main archive header, one file header per
// entry with its data area, and the end of archive header. Each file header
// records the Unix mode, the modification time as Unix seconds, the CRC-32
// of the data and the UTF-8 (or raw) name; directories set the directory
// flag; symlinks and hardlinks carry a redirection record to Link.
//
// With opt.Password, each file with data gets an encryption record (version
// 0, AES-256) with a salt, IV and password check value, and its data is
// padded with zeros to 16 bytes and encrypted with AES-256-CBC. The stored
// CRC is keyed with the hash key, as RAR does. With opt.EncryptHeaders an
// archive encryption header follows the signature and every later header is
// written as a 16-byte IV then the header encrypted and padded to 16 bytes.
// Salts and IVs come from detBytes, so output is reproducible.
func Rar5WithOptions(files []File, opt Rar5Options) ([]byte, error) {
	if opt.EncryptHeaders && opt.Password == "" {
		return nil, fmt.Errorf("%w: rar header encryption without a password", ErrInvalid)
	}
	w := &rar5Writer{out: []byte(rar5Signature)}
	if opt.Password != "" {
		kdfLog2 := opt.kdfLog2
		if kdfLog2 == 0 {
			kdfLog2 = rar5DefaultKDFLog2
		}
		w.kdfLog2 = byte(kdfLog2)
		w.salt = detBytes("rar5/salt", 16)
		w.keys = rar5Keys(opt.Password, w.salt, 1<<kdfLog2)
		if opt.EncryptHeaders {
			var body []byte
			body = rar5AppendVint(body, 0) // encryption version: AES-256
			body = rar5AppendVint(body, rar5CryptCheck)
			body = append(body, w.kdfLog2)
			body = append(body, w.salt...)
			body = append(body, w.keys.check...)
			w.out = append(w.out, rar5Header(rar5HeadEncrypt, 0, nil, 0, body)...)
			w.encryptHeaders = true
		}
	}
	if err := w.writeHeader(rar5Header(rar5HeadMain, 0, nil, 0, rar5AppendVint(nil, 0))); err != nil {
		return nil, err
	}
	for i := range files {
		if err := w.writeFile(&files[i], i); err != nil {
			return nil, err
		}
	}
	if err := w.writeHeader(rar5Header(rar5HeadEnd, 0, nil, 0, rar5AppendVint(nil, 0))); err != nil {
		return nil, err
	}
	return w.out, nil
}

// rar5KeySet holds what PBKDF2 yields for one salt.
type rar5KeySet struct {
	data  []byte // AES-256 key for data and headers
	hash  []byte // HMAC key for checksums
	check []byte // 8-byte password check value and its 4-byte SHA-256 sum
}

// rar5Keys runs PBKDF2-HMAC-SHA256 for one 32-byte block and keeps three
// points of the iteration: after iter rounds (the data key), 16 more (the
// hash key) and 16 more again (folded into the password check value).
func rar5Keys(password string, salt []byte, iter int) rar5KeySet {
	prf := hmac.New(sha256.New, []byte(password))
	prf.Write(salt)
	prf.Write([]byte{0, 0, 0, 1})
	u := prf.Sum(nil)
	acc := append([]byte(nil), u...)
	round := func(n int) []byte {
		for range n {
			prf.Reset()
			prf.Write(u)
			u = prf.Sum(u[:0])
			for j := range acc {
				acc[j] ^= u[j]
			}
		}
		return append([]byte(nil), acc...)
	}
	var ks rar5KeySet
	ks.data = round(iter - 1)
	ks.hash = round(16)
	last := round(16)
	check := make([]byte, 8, 12)
	for i, v := range last {
		check[i%8] ^= v
	}
	sum := sha256.Sum256(check)
	ks.check = append(check, sum[:4]...)
	return ks
}

// rar5Writer accumulates an archive.
type rar5Writer struct {
	out            []byte
	kdfLog2        byte
	salt           []byte
	keys           rar5KeySet // zero when there is no password
	encryptHeaders bool
	headers        int // headers written, to vary header IVs
}

// writeHeader appends a complete header, encrypting it when asked.
func (w *rar5Writer) writeHeader(h []byte) error {
	if !w.encryptHeaders {
		w.out = append(w.out, h...)
		return nil
	}
	iv := detBytes("rar5/header-iv/"+strconv.Itoa(w.headers), aes.BlockSize)
	w.headers++
	enc, err := rar5CBC(w.keys.data, iv, h)
	if err != nil {
		return err
	}
	w.out = append(w.out, iv...)
	w.out = append(w.out, enc...)
	return nil
}

// writeFile appends one file header and its data area.
func (w *rar5Writer) writeFile(f *File, index int) error {
	name := f.name()
	if len(name) == 0 {
		return fmt.Errorf("%w: rar entry %d has no name", ErrInvalid, index)
	}
	var data []byte
	flags := uint64(rar5FileMtime)
	var extra []byte
	switch {
	case f.Hardlink:
		extra = rar5Redirect(extra, rar5RedirHardlink, f.Link)
	case f.isSymlink():
		extra = rar5Redirect(extra, rar5RedirUnixSymlink, f.Link)
	case f.isDir():
		flags |= rar5FileDir
	default:
		data = f.Data
		flags |= rar5FileCRC
	}
	crc := crc32.ChecksumIEEE(data)
	stored := data
	if w.keys.data != nil && flags&rar5FileCRC != 0 {
		iv := detBytes("rar5/file-iv/"+strconv.Itoa(index), aes.BlockSize)
		var rec []byte
		rec = rar5AppendVint(rec, rar5ExtraCrypt)
		rec = rar5AppendVint(rec, 0) // AES-256
		rec = rar5AppendVint(rec, rar5CryptCheck|rar5CryptMAC)
		rec = append(rec, w.kdfLog2)
		rec = append(rec, w.salt...)
		rec = append(rec, iv...)
		rec = append(rec, w.keys.check...)
		extra = append(rar5AppendVint(extra, uint64(len(rec))), rec...)
		var err error
		if stored, err = rar5CBC(w.keys.data, iv, data); err != nil {
			return err
		}
		crc = rar5KeyedCRC(w.keys.hash, crc)
	}

	var body []byte
	body = rar5AppendVint(body, flags)
	body = rar5AppendVint(body, uint64(len(data)))
	body = rar5AppendVint(body, uint64(f.unixMode()))
	body = binary.LittleEndian.AppendUint32(body, uint32(f.modified().Unix()))
	if flags&rar5FileCRC != 0 {
		body = binary.LittleEndian.AppendUint32(body, crc)
	}
	body = rar5AppendVint(body, 0) // compression: version 0, method 0 (store)
	body = rar5AppendVint(body, rar5HostUnix)
	body = rar5AppendVint(body, uint64(len(name)))
	body = append(body, name...)

	// File headers always carry a data size, 0 for directories and links,
	// as RAR writes them: libarchive rejects a file header without one.
	hflags := uint64(rar5HasData)
	if len(extra) > 0 {
		hflags |= rar5HasExtra
	}
	if err := w.writeHeader(rar5Header(rar5HeadFile, hflags, extra, uint64(len(stored)), body)); err != nil {
		return err
	}
	w.out = append(w.out, stored...)
	return nil
}

// rar5Redirect appends a redirection record (symlink or hardlink) to extra.
func rar5Redirect(extra []byte, kind uint64, target string) []byte {
	var rec []byte
	rec = rar5AppendVint(rec, rar5ExtraRedirect)
	rec = rar5AppendVint(rec, kind)
	rec = rar5AppendVint(rec, 0) // flags
	rec = rar5AppendVint(rec, uint64(len(target)))
	rec = append(rec, target...)
	return append(rar5AppendVint(extra, uint64(len(rec))), rec...)
}

// rar5KeyedCRC converts a CRC-32 into the value RAR stores for encrypted
// files: HMAC-SHA256 of its little-endian bytes, folded to 32 bits by XOR.
func rar5KeyedCRC(hashKey []byte, crc uint32) uint32 {
	mac := hmac.New(sha256.New, hashKey)
	mac.Write(binary.LittleEndian.AppendUint32(nil, crc))
	var folded uint32
	for i, b := range mac.Sum(nil) {
		folded ^= uint32(b) << (8 * (i % 4))
	}
	return folded
}

// rar5CBC returns data padded with zeros to a whole number of AES blocks and
// encrypted with AES-256-CBC.
func rar5CBC(key, iv, data []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("archivegen: rar aes: %w", err)
	}
	n := (len(data) + aes.BlockSize - 1) / aes.BlockSize * aes.BlockSize
	out := make([]byte, n)
	copy(out, data)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, out)
	return out, nil
}

// rar5Header returns one header: CRC-32, size, type, flags, the optional
// extra-area and data sizes, body, then extra.
func rar5Header(htype, flags uint64, extra []byte, dataSize uint64, body []byte) []byte {
	var rest []byte
	rest = rar5AppendVint(rest, htype)
	rest = rar5AppendVint(rest, flags)
	if flags&rar5HasExtra != 0 {
		rest = rar5AppendVint(rest, uint64(len(extra)))
	}
	if flags&rar5HasData != 0 {
		rest = rar5AppendVint(rest, dataSize)
	}
	rest = append(rest, body...)
	rest = append(rest, extra...)
	sized := rar5AppendVint(nil, uint64(len(rest)))
	sized = append(sized, rest...)
	h := binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE(sized))
	return append(h, sized...)
}

// rar5AppendVint appends v as a RAR variable-length integer: seven bits a
// byte, least significant first, the high bit set on all but the last.
func rar5AppendVint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}
