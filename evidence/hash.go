package evidence

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// hashes computes MD5, SHA-1 and SHA-256 of one stream in one pass. MD5
// and SHA-1 are broken for security but remain the identifiers analysts
// exchange with VirusTotal, MISP and case files, so all three are kept.
type hashes struct {
	md5, sha1, sha256 hash.Hash
	n                 int64
}

func newHashes() *hashes {
	return &hashes{md5: md5.New(), sha1: sha1.New(), sha256: sha256.New()}
}

func (h *hashes) Write(p []byte) (int, error) {
	h.md5.Write(p)
	h.sha1.Write(p)
	h.sha256.Write(p)
	h.n += int64(len(p))
	return len(p), nil
}

func (h *hashes) sums() (md5sum, sha1sum, sha256sum string) {
	return hex.EncodeToString(h.md5.Sum(nil)), hex.EncodeToString(h.sha1.Sum(nil)), hex.EncodeToString(h.sha256.Sum(nil))
}
