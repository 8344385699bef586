package meta

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The encrypted files of these tests are written here, by the standard
// security handler's algorithms of ISO 32000 run the writer's way (the
// owner password's key encrypts the user password into /O; the file key
// wraps into /UE and /OE), with fixed salts, keys and IDs so that every
// run builds the same bytes. The fixtures of testdata/pdf, made by qpdf,
// cover the empty user password; qpdf is not needed here.

// pdfCryptID is the first element of the trailer's /ID of the files built
// here.
var pdfCryptID = []byte("fictional-doc-id")

// pdfCryptInfo is the Info dictionary of the files built here, its
// strings to be encrypted as object 5.
var pdfCryptInfo = []struct{ key, value string }{
	{"Author", "Hanako Sato"},
	{"Creator", "Example Writer 2.0"},
	{"Title", "Quarterly figures"},
	{"CreationDate", "D:20220414132421+09'00'"},
}

// pdfCryptXMP is the XMP packet of the files built here, encrypted as
// object 8.
const pdfCryptXMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
	`<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Example Writer 2.0"/></rdf:RDF></x:xmpmeta>`

// pdfEncryptedBuild writes a small file whose Info strings, content
// stream and XMP stream are encrypted as enc says: enc is the encryption
// dictionary and seal encrypts the data of object num.
func pdfEncryptedBuild(enc string, seal func(num int, data []byte) []byte) []byte {
	hexStr := func(b []byte) string { return fmt.Sprintf("<%x>", b) }
	var info strings.Builder
	info.WriteString("<<")
	for _, e := range pdfCryptInfo {
		fmt.Fprintf(&info, " /%s %s", e.key, hexStr(seal(5, []byte(e.value))))
	}
	info.WriteString(" >>")
	content := seal(4, []byte("BT /F1 12 Tf 72 700 Td (Hello world) Tj ET"))
	objs := pdfObjects(pdfStreamObj("", content))
	objs[0] = "<< /Type /Catalog /Pages 2 0 R /Metadata 8 0 R >>"
	objs[4] = info.String()
	objs = append(objs, enc, pdfStreamObj("/Type /Metadata /Subtype /XML", seal(8, []byte(pdfCryptXMP))))
	return pdfBuild(objs, fmt.Sprintf("<< /Size 9 /Root 1 0 R /Info 5 0 R /Encrypt 7 0 R /ID [%s %s] >>", hexStr(pdfCryptID), hexStr(pdfCryptID)))
}

// pdfPad pads a password of revisions 2 to 4 to 32 bytes.
func pdfPad(pw string) []byte {
	return append([]byte(pw), pdfPadding...)[:32]
}

// pdfEncryptRC4 builds a file encrypted with RC4-128, revision 3, under
// the passwords user and owner.
func pdfEncryptRC4(user, owner string) []byte {
	const n, p = 16, -4
	// /O (Algorithm 3): the owner password's key encrypts the padded
	// user password, 20 times, the key xored with 0 to 19.
	sum := md5.Sum(pdfPad(owner))
	for range 50 {
		sum = md5.Sum(sum[:])
	}
	o := pdfPad(user)
	for i := range 20 {
		o = pdfRC4(pdfXorKey(sum[:n], byte(i)), o)
	}
	// The file key (Algorithm 2) and /U (Algorithm 5).
	h := md5.New()
	h.Write(pdfPad(user))
	h.Write(o)
	h.Write([]byte{byte(p & 0xff), byte(p >> 8 & 0xff), byte(p >> 16 & 0xff), byte(p >> 24 & 0xff)})
	h.Write(pdfCryptID)
	key := h.Sum(nil)
	for range 50 {
		s := md5.Sum(key[:n])
		key = s[:]
	}
	key = key[:n]
	us := md5.Sum(append(append([]byte{}, pdfPadding...), pdfCryptID...))
	u := us[:]
	for i := range 20 {
		u = pdfRC4(pdfXorKey(key, byte(i)), u)
	}
	u = append(u, make([]byte, 16)...)
	enc := fmt.Sprintf("<< /Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%x> /U <%x> >>", p, o, u)
	return pdfEncryptedBuild(enc, func(num int, data []byte) []byte {
		ok := md5.Sum(append(append([]byte{}, key...), byte(num), 0, 0, 0, 0))
		return pdfRC4(ok[:min(n+5, 16)], data)
	})
}

// pdfEncryptAES256 builds a file encrypted with AES-256, revision 6,
// under the passwords user and owner.
func pdfEncryptAES256(user, owner string) []byte {
	fileKey := bytes.Repeat([]byte{0x5a}, 32)
	wrap := func(k []byte) []byte {
		block, _ := aes.NewCipher(k)
		out := make([]byte, 32)
		cipher.NewCBCEncrypter(block, make([]byte, 16)).CryptBlocks(out, fileKey)
		return out
	}
	uvs, uks := []byte("uvsalt01"), []byte("uksalt01")
	ovs, oks := []byte("ovsalt01"), []byte("oksalt01")
	u := append(append(pdfHashV5([]byte(user), uvs, nil, 6), uvs...), uks...)
	ue := wrap(pdfHashV5([]byte(user), uks, nil, 6))
	o := append(append(pdfHashV5([]byte(owner), ovs, u, 6), ovs...), oks...)
	oe := wrap(pdfHashV5([]byte(owner), oks, u, 6))
	enc := fmt.Sprintf("<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /O <%x> /U <%x> /OE <%x> /UE <%x> "+
		"/CF << /StdCF << /CFM /AESV3 /Length 32 /AuthEvent /DocOpen >> >> /StmF /StdCF /StrF /StdCF >>", o, u, oe, ue)
	return pdfEncryptedBuild(enc, func(num int, data []byte) []byte {
		pad := 16 - len(data)%16
		plain := append(append([]byte{}, data...), bytes.Repeat([]byte{byte(pad)}, pad)...)
		iv := bytes.Repeat([]byte{byte(num)}, 16)
		block, _ := aes.NewCipher(fileKey)
		out := make([]byte, len(plain))
		cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, plain)
		return append(iv, out...)
	})
}

// pdfCryptCases are the files that the empty user or owner password
// opens, or that neither does.
var pdfCryptCases = []struct {
	name   string
	build  func() []byte
	opened string // "user", "owner", or "" when the strings stay unread
}{
	{"rc4 empty user password", func() []byte { return pdfEncryptRC4("", "owner-secret") }, "user"},
	{"rc4 empty owner password", func() []byte { return pdfEncryptRC4("user-secret", "") }, "owner"},
	{"rc4 both passwords", func() []byte { return pdfEncryptRC4("user-secret", "owner-secret") }, ""},
	{"aes-256 empty user password", func() []byte { return pdfEncryptAES256("", "owner-secret") }, "user"},
	{"aes-256 empty owner password", func() []byte { return pdfEncryptAES256("user-secret", "") }, "owner"},
	{"aes-256 both passwords", func() []byte { return pdfEncryptAES256("user-secret", "owner-secret") }, ""},
}

// TestPDFCryptPasswords checks that a file opens with the empty user
// password, else with the empty owner password (as exiftool reads pypdf's
// r5- and r6-user-password.pdf), and says which; with both passwords set
// no ciphertext comes out as text, and the encrypted XMP stream is left
// unread rather than reported as malformed XMP.
func TestPDFCryptPasswords(t *testing.T) {
	for _, tt := range pdfCryptCases {
		t.Run(tt.name, func(t *testing.T) {
			res, err := pdfExtract(t, tt.build(), Limits{})
			require.NoError(t, err)
			md := res.Metadata
			var encrypted []string
			for _, w := range res.Warnings {
				assert.False(t, errors.Is(w, ErrFormat), "no malformed record: %v", w)
				if errors.Is(w, ErrEncrypted) {
					encrypted = append(encrypted, w.Error())
				}
			}
			require.Len(t, encrypted, 1)
			if tt.opened == "" {
				assert.Contains(t, encrypted[0], "a user password is set")
				assert.Empty(t, md.Authors)
				assert.Empty(t, md.Title)
				assert.NotContains(t, md.Raw, "Info")
				assert.NotContains(t, md.Raw, "xmp")
				assert.Empty(t, res.Text)
				return
			}
			assert.Contains(t, encrypted[0], "opened with the empty "+tt.opened+" password")
			assert.Equal(t, []string{"Hanako Sato"}, md.Authors)
			assert.Equal(t, "Example Writer 2.0", md.Software)
			assert.Equal(t, "Quarterly figures", md.Title)
			assert.Equal(t, "2022-04-14T13:24:21+09:00", md.Created)
			assert.Equal(t, "Example Writer 2.0", md.Raw["xmp"].(map[string]any)["xmp:CreatorTool"])
			assert.Equal(t, "Hello world", res.Text)
		})
	}
}
