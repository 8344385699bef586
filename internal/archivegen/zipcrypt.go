package archivegen

import (
	"crypto/aes"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// zipCryptoKeys is the state of the traditional PKWARE cipher (APPNOTE 6.1).
type zipCryptoKeys [3]uint32

// newZipCryptoKeys initialises the keys with password.
func newZipCryptoKeys(password string) *zipCryptoKeys {
	k := &zipCryptoKeys{0x12345678, 0x23456789, 0x34567890}
	for i := 0; i < len(password); i++ {
		k.update(password[i])
	}
	return k
}

// update mixes one plaintext byte into the keys.
func (k *zipCryptoKeys) update(c byte) {
	k[0] = crc32.IEEETable[byte(k[0])^c] ^ (k[0] >> 8)
	k[1] = (k[1]+k[0]&0xff)*134775813 + 1
	k[2] = crc32.IEEETable[byte(k[2])^byte(k[1]>>24)] ^ (k[2] >> 8)
}

// stream returns the next keystream byte.
func (k *zipCryptoKeys) stream() byte {
	t := k[2] | 2
	return byte((t * (t ^ 1)) >> 8)
}

// zipCryptoEncrypt returns the 12-byte encryption header followed by data,
// all encrypted. The header is filler (11 bytes) and the high byte of crc,
// which readers use to check the password.
func zipCryptoEncrypt(password string, crc uint32, filler, data []byte) []byte {
	k := newZipCryptoKeys(password)
	out := make([]byte, 0, 12+len(data))
	out = append(out, filler[:11]...)
	out = append(out, byte(crc>>24))
	out = append(out, data...)
	for i, p := range out {
		out[i] = p ^ k.stream()
		k.update(p)
	}
	return out
}

// WinZip AES parameters for AE-2 with a 256-bit key.
const (
	aesKeyLen     = 32
	aesSaltLen    = 16
	aesIterations = 1000
	aesAuthLen    = 10
	aesStrength   = 3 // 256-bit
	aesVendorVer  = 2 // AE-2
)

// aesExtra returns the 0x9901 extra field naming the real method.
func aesExtra(method uint16) []byte {
	b := binary.LittleEndian.AppendUint16(nil, zipExtraAES)
	b = binary.LittleEndian.AppendUint16(b, 7)
	b = binary.LittleEndian.AppendUint16(b, aesVendorVer)
	b = append(b, 'A', 'E')
	b = append(b, aesStrength)
	return binary.LittleEndian.AppendUint16(b, method)
}

// winzipAESEncrypt returns salt, password verifier, data encrypted with
// AES-256 in WinZip's counter mode (a 128-bit little-endian counter starting
// at 1) and the first 10 bytes of HMAC-SHA1 over the ciphertext.
func winzipAESEncrypt(password string, salt, data []byte) ([]byte, error) {
	dk, err := pbkdf2.Key(sha1.New, password, salt, aesIterations, 2*aesKeyLen+2)
	if err != nil {
		return nil, fmt.Errorf("archivegen: aes key: %w", err)
	}
	encKey, macKey, verifier := dk[:aesKeyLen], dk[aesKeyLen:2*aesKeyLen], dk[2*aesKeyLen:]
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, fmt.Errorf("archivegen: aes cipher: %w", err)
	}
	out := make([]byte, 0, aesSaltLen+2+len(data)+aesAuthLen)
	out = append(out, salt...)
	out = append(out, verifier...)
	start := len(out)
	out = append(out, data...)
	var ctr, ks [aes.BlockSize]byte
	for off, n := start, uint64(1); off < len(out); off, n = off+aes.BlockSize, n+1 {
		binary.LittleEndian.PutUint64(ctr[:8], n)
		block.Encrypt(ks[:], ctr[:])
		for i := 0; i < aes.BlockSize && off+i < len(out); i++ {
			out[off+i] ^= ks[i]
		}
	}
	mac := hmac.New(sha1.New, macKey)
	mac.Write(out[start:])
	return append(out, mac.Sum(nil)[:aesAuthLen]...), nil
}
