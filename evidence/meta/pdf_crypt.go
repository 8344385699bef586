package meta

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
)

// pdfPadding pads passwords of the standard security handler (R2–R4).
var pdfPadding = []byte{
	0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
	0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
}

// pdfCrypt decrypts the strings and streams of a file encrypted by the
// standard security handler, when its user or its owner password is
// empty.
type pdfCrypt struct {
	// ok reports whether the empty user or owner password opened the
	// file.
	ok bool
	// key is the file key; v5 files use it as is (AES-256), older ones
	// derive a key per object.
	key       []byte
	v5        bool
	strAES    bool
	stmAES    bool
	strNone   bool
	stmNone   bool
	metaPlain bool
	encDict   pdfRef
}

// setupCrypt reads the encryption dictionary, records it in raw, tries
// the empty user password, then the empty owner password, and warns with
// ErrEncrypted either way.
func (d *pdfDoc) setupCrypt(encRef any, raw map[string]any) {
	enc, _ := d.get(encRef).(pdfDict)
	c := &pdfCrypt{}
	if ref, ok := encRef.(pdfRef); ok {
		c.encDict = ref
	}
	d.crypt = c
	rec := map[string]any{}
	for _, k := range []string{"Filter", "SubFilter", "V", "R", "Length", "P"} {
		switch v := d.get(enc[k]).(type) {
		case pdfName:
			rec[k] = string(v)
		case int64:
			rec[k] = v
		}
	}
	raw["Encrypt"] = rec
	filter, _ := enc["Filter"].(pdfName)
	v, _ := d.get(enc["V"]).(int64)
	r, _ := d.get(enc["R"]).(int64)
	if filter != "Standard" {
		d.warnf("%w: security handler %q not supported; strings and streams left out", ErrEncrypted, filter)
		return
	}
	c.metaPlain = enc["EncryptMetadata"] == false
	// Crypt filters of V4 and V5 name the cipher of strings and streams.
	if v >= 4 {
		cfs, _ := d.get(enc["CF"]).(pdfDict)
		method := func(key string) (aes, none bool) {
			name, _ := enc[key].(pdfName)
			if name == "" || name == "Identity" {
				return false, name == "Identity"
			}
			cf, _ := d.get(cfs[string(name)]).(pdfDict)
			m, _ := cf["CFM"].(pdfName)
			return m == "AESV2" || m == "AESV3", m == "None"
		}
		c.strAES, c.strNone = method("StrF")
		c.stmAES, c.stmNone = method("StmF")
	}
	var err error
	opened := "user"
	switch {
	case r >= 5:
		c.v5 = true
		c.key, opened, err = pdfKeyV5(enc, r)
	case r >= 2:
		c.key, opened, err = d.pdfKeyRC4(enc, v, r)
	default:
		err = fmt.Errorf("revision %d not supported", r)
	}
	if err != nil {
		d.warnf("%w (V %d, R %d): %v; strings and streams left out", ErrEncrypted, v, r, err)
		return
	}
	c.ok = true
	d.warnf("%w (V %d, R %d): opened with the empty %s password", ErrEncrypted, v, r, opened)
}

func pdfBytes(v any) []byte {
	s, _ := v.(pdfString)
	return []byte(s)
}

// pdfKeyRC4 computes the file key of revisions 2 to 4 and says which
// password opened the file: the empty user password, else the empty
// owner password (whose key decrypts /O into the user password, which
// then opens the file as the user's would; writers that set only a user
// password leave the owner's empty).
func (d *pdfDoc) pdfKeyRC4(enc pdfDict, v, r int64) (key []byte, opened string, err error) {
	n := int64(5)
	if l, ok := d.get(enc["Length"]).(int64); ok && r >= 3 {
		n = l / 8
	}
	if n < 5 || n > 16 {
		return nil, "", fmt.Errorf("key length %d", n)
	}
	o, u := pdfBytes(d.get(enc["O"])), pdfBytes(d.get(enc["U"]))
	p, _ := d.get(enc["P"]).(int64)
	if len(o) < 32 || len(u) < 32 {
		return nil, "", errors.New("bad /O or /U")
	}
	var id []byte
	for i := len(d.sections) - 1; i >= 0 && id == nil; i-- {
		if ids, ok := d.sections[i].trailer["ID"].([]any); ok && len(ids) > 0 {
			id = pdfBytes(ids[0])
		}
	}
	rc := pdfRC4Params{o: o[:32], u: u, p: p, id: id, r: r, n: n, metaPlain: r >= 4 && enc["EncryptMetadata"] == false}
	if key, ok := rc.userKey(pdfPadding); ok {
		return key, "user", nil
	}
	// The owner password's key (Algorithm 7 of ISO 32000) decrypts /O
	// into the padded user password.
	sum := md5.Sum(pdfPadding)
	if r >= 3 {
		for range 50 {
			sum = md5.Sum(sum[:])
		}
	}
	okey := sum[:n]
	upw := append([]byte{}, o[:32]...)
	if r == 2 {
		upw = pdfRC4(okey, upw)
	} else {
		for i := 19; i >= 0; i-- {
			upw = pdfRC4(pdfXorKey(okey, byte(i)), upw)
		}
	}
	if key, ok := rc.userKey(upw); ok {
		return key, "owner", nil
	}
	return nil, "", errors.New("a user password is set")
}

// pdfRC4Params are the values of the encryption dictionary and trailer
// that the file key of revisions 2 to 4 is computed from.
type pdfRC4Params struct {
	o, u, id  []byte
	p         int64
	r, n      int64
	metaPlain bool
}

// userKey computes the file key for the padded user password pw
// (Algorithm 2 of ISO 32000) and checks it against /U (Algorithms 4 and
// 5).
func (rc pdfRC4Params) userKey(pw []byte) ([]byte, bool) {
	h := md5.New()
	h.Write(pw)
	h.Write(rc.o)
	h.Write([]byte{byte(rc.p), byte(rc.p >> 8), byte(rc.p >> 16), byte(rc.p >> 24)})
	h.Write(rc.id)
	if rc.metaPlain {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if rc.r >= 3 {
		for range 50 {
			s := md5.Sum(key[:rc.n])
			key = s[:]
		}
	}
	key = key[:rc.n]
	if rc.r == 2 {
		return key, bytes.Equal(pdfRC4(key, pdfPadding), rc.u[:32])
	}
	s := md5.Sum(append(append([]byte{}, pdfPadding...), rc.id...))
	check := s[:]
	for i := range 20 {
		check = pdfRC4(pdfXorKey(key, byte(i)), check)
	}
	return key, bytes.Equal(check, rc.u[:16])
}

// pdfXorKey returns key with every byte xored with i.
func pdfXorKey(key []byte, i byte) []byte {
	k := make([]byte, len(key))
	for j := range key {
		k[j] = key[j] ^ i
	}
	return k
}

// pdfKeyV5 computes the file key of revisions 5 and 6 (AES-256) and says
// which password opened the file: the empty user password (check /U,
// unwrap /UE), else the empty owner password (check /O against the 48
// bytes of /U, unwrap /OE), as exiftool tries them.
func pdfKeyV5(enc pdfDict, r int64) (key []byte, opened string, err error) {
	u, ue := pdfBytes(enc["U"]), pdfBytes(enc["UE"])
	if len(u) < 48 || len(ue) < 32 {
		return nil, "", errors.New("bad /U or /UE")
	}
	wrapped, opened := ue, "user"
	k := pdfHashV5(nil, u[40:48], nil, r)
	if !bytes.Equal(pdfHashV5(nil, u[32:40], nil, r), u[:32]) {
		o, oe := pdfBytes(enc["O"]), pdfBytes(enc["OE"])
		if len(o) < 48 || len(oe) < 32 || !bytes.Equal(pdfHashV5(nil, o[32:40], u[:48], r), o[:32]) {
			return nil, "", errors.New("a user password is set")
		}
		wrapped, opened = oe, "owner"
		k = pdfHashV5(nil, o[40:48], u[:48], r)
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, "", err
	}
	key = make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, wrapped[:32])
	return key, opened, nil
}

// pdfHashV5 is the password hash of revision 6 (a plain SHA-256 for
// revision 5).
func pdfHashV5(pw, salt, udata []byte, r int64) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	if r == 5 {
		return k
	}
	for i := 0; ; i++ {
		unit := append(append(append([]byte{}, pw...), k...), udata...)
		k1 := bytes.Repeat(unit, 64)
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		switch sum % 3 {
		case 0:
			s := sha256.Sum256(e)
			k = s[:]
		case 1:
			s := sha512.Sum384(e)
			k = s[:]
		default:
			s := sha512.Sum512(e)
			k = s[:]
		}
		if i >= 63 && int(e[len(e)-1]) <= i-31 {
			break
		}
	}
	return k[:32]
}

func pdfRC4(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// objectKey derives the key of one object (revisions 2 to 4).
func (c *pdfCrypt) objectKey(ref pdfRef, aes bool) []byte {
	if c.v5 {
		return c.key
	}
	h := md5.New()
	h.Write(c.key)
	h.Write([]byte{byte(ref.num), byte(ref.num >> 8), byte(ref.num >> 16), byte(ref.gen), byte(ref.gen >> 8)})
	if aes {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(c.key)+5, 16)]
}

func (c *pdfCrypt) cipher(data []byte, ref pdfRef, aesMode bool) []byte {
	key := c.objectKey(ref, aesMode)
	if !aesMode && !c.v5 {
		return pdfRC4(key, data)
	}
	if len(data) < 32 || len(data)%16 != 0 {
		return nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data)-16)
	cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, data[16:])
	if p := int(out[len(out)-1]); p >= 1 && p <= 16 && p <= len(out) {
		out = out[:len(out)-p]
	}
	return out
}

// decrypt decrypts the data of the stream of object ref.
func (c *pdfCrypt) decrypt(data []byte, ref pdfRef) []byte {
	if !c.ok || c.stmNone {
		return data
	}
	return c.cipher(data, ref, c.stmAES || c.v5)
}

// decryptObject decrypts the strings of object ref, in place.
func (c *pdfCrypt) decryptObject(v any, ref pdfRef) any {
	if !c.ok || c.strNone || ref == c.encDict {
		return v
	}
	var walk func(v any, depth int) any
	walk = func(v any, depth int) any {
		if depth > pdfMaxNesting {
			return v
		}
		switch x := v.(type) {
		case pdfString:
			return pdfString(c.cipher(x, ref, c.strAES || c.v5))
		case []any:
			for i := range x {
				x[i] = walk(x[i], depth+1)
			}
		case pdfDict:
			for k := range x {
				x[k] = walk(x[k], depth+1)
			}
		case *pdfStream:
			walk(x.dict, depth+1)
		}
		return v
	}
	return walk(v, 0)
}
