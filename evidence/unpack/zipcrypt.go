package unpack

// Zip decryption is written here because no maintained Go module that
// reads encrypted zips is served to this project (the known forks of
// archive/zip with encryption are unmaintained), and both schemes are
// small and fully specified: traditional PKWARE encryption in APPNOTE
// section 6.1, WinZip AES in WinZip's "AES Encryption Information".

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
)

// zipCrypto is the traditional PKWARE stream cipher ("ZipCrypto"). It is
// weak, but proof packs still use it because every tool opens it.
type zipCrypto struct{ k0, k1, k2 uint32 }

func newZipCrypto(password string) *zipCrypto {
	z := &zipCrypto{0x12345678, 0x23456789, 0x34567890}
	for i := 0; i < len(password); i++ {
		z.update(password[i])
	}
	return z
}

func crcUpdate(crc uint32, b byte) uint32 {
	return crc32.IEEETable[byte(crc)^b] ^ (crc >> 8)
}

func (z *zipCrypto) update(b byte) {
	z.k0 = crcUpdate(z.k0, b)
	z.k1 = (z.k1+(z.k0&0xff))*134775813 + 1
	z.k2 = crcUpdate(z.k2, byte(z.k1>>24))
}

func (z *zipCrypto) decrypt(p []byte) {
	for i, c := range p {
		t := z.k2 | 2
		p[i] = c ^ byte((t*(t^1))>>8)
		z.update(p[i])
	}
}

type zipCryptoReader struct {
	r io.Reader
	z *zipCrypto
}

func (r *zipCryptoReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.z.decrypt(p[:n])
	return n, err
}

// newZipCryptoReader checks the password against the 12-byte encryption
// header and returns a reader of the decrypted (still compressed) data.
// check is the byte the header's last byte must equal: the CRC's high
// byte, or the MS-DOS time's high byte when a data descriptor follows.
func newZipCryptoReader(raw io.Reader, password string, check byte) (io.Reader, error) {
	z := newZipCrypto(password)
	var hdr [12]byte
	if _, err := io.ReadFull(raw, hdr[:]); err != nil {
		return nil, fmt.Errorf("%w: encryption header: %w", ErrTruncated, err)
	}
	z.decrypt(hdr[:])
	if hdr[11] != check {
		return nil, fmt.Errorf("%w: ZipCrypto check byte", ErrPassword)
	}
	return &zipCryptoReader{r: raw, z: z}, nil
}

// winZipAES describes the 0x9901 extra field of an AES-encrypted entry.
type winZipAES struct {
	version  uint16 // 1 = AE-1 (CRC kept), 2 = AE-2 (CRC zero)
	strength byte   // 1, 2, 3 = AES-128, -192, -256
	method   uint16 // the real compression method
}

func parseWinZipAES(extra []byte) (winZipAES, bool) {
	f, ok := zipExtraField(extra, 0x9901)
	if !ok || len(f) < 7 || f[2] != 'A' || f[3] != 'E' {
		return winZipAES{}, false
	}
	return winZipAES{
		version:  binary.LittleEndian.Uint16(f),
		strength: f[4],
		method:   binary.LittleEndian.Uint16(f[5:]),
	}, true
}

// aesAuthLen is the length of the truncated HMAC-SHA1 after the data.
const aesAuthLen = 10

// newWinZipAESReader derives the keys, checks the password verifier and
// returns a reader of the decrypted (still compressed) data that checks
// the authentication code at its end. raw holds salt, verifier, data and
// code; size is its length.
func newWinZipAESReader(raw io.Reader, size int64, password string, strength byte) (io.Reader, error) {
	var keyLen int
	switch strength {
	case 1:
		keyLen = 16
	case 2:
		keyLen = 24
	case 3:
		keyLen = 32
	default:
		return nil, fmt.Errorf("%w: AES strength %d", ErrUnsupported, strength)
	}
	saltLen := keyLen / 2
	data := size - int64(saltLen) - 2 - aesAuthLen
	if data < 0 {
		return nil, fmt.Errorf("%w: AES entry shorter than its header", ErrFormat)
	}
	head := make([]byte, saltLen+2)
	if _, err := io.ReadFull(raw, head); err != nil {
		return nil, fmt.Errorf("%w: AES header: %w", ErrTruncated, err)
	}
	keys, err := pbkdf2.Key(sha1.New, password, head[:saltLen], 1000, 2*keyLen+2)
	if err != nil {
		return nil, fmt.Errorf("%w: AES key derivation: %w", ErrFormat, err)
	}
	if !bytes.Equal(keys[2*keyLen:], head[saltLen:]) {
		return nil, fmt.Errorf("%w: AES password verifier", ErrPassword)
	}
	block, err := aes.NewCipher(keys[:keyLen])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return &winZipAESReader{
		r:     io.LimitReader(raw, data),
		tail:  raw,
		block: block,
		mac:   hmac.New(sha1.New, keys[keyLen:2*keyLen]),
		ctr:   1,
	}, nil
}

// winZipAESReader decrypts AES-CTR with WinZip's little-endian counter
// that starts at 1, and verifies HMAC-SHA1 of the ciphertext at the end.
type winZipAESReader struct {
	r     io.Reader
	tail  io.Reader
	block cipher.Block
	mac   hash.Hash
	ctr   uint64
	ks    [aes.BlockSize]byte
	used  int // bytes of ks consumed; aes.BlockSize = none left
	done  bool
}

func (a *winZipAESReader) Read(p []byte) (int, error) {
	if a.done {
		return 0, io.EOF
	}
	n, err := a.r.Read(p)
	a.mac.Write(p[:n])
	for i := 0; i < n; i++ {
		if a.used == 0 || a.used == aes.BlockSize {
			var c [aes.BlockSize]byte
			binary.LittleEndian.PutUint64(c[:], a.ctr)
			a.ctr++
			a.block.Encrypt(a.ks[:], c[:])
			a.used = 0
		}
		p[i] ^= a.ks[a.used]
		a.used++
	}
	if err == io.EOF {
		a.done = true
		var code [aesAuthLen]byte
		if _, rerr := io.ReadFull(a.tail, code[:]); rerr != nil {
			return n, fmt.Errorf("%w: AES authentication code: %w", ErrTruncated, rerr)
		}
		if !hmac.Equal(code[:], a.mac.Sum(nil)[:aesAuthLen]) {
			return n, fmt.Errorf("%w: AES authentication code does not match", ErrFormat)
		}
	}
	return n, err
}
