package evidence

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"
)

// hashes computes MD5, SHA-1 and SHA-256 of one stream in one pass. MD5
// and SHA-1 are broken for security but remain the identifiers analysts
// exchange with VirusTotal, MISP and case files, so all three are kept.
//
// MD5 has no hardware support and costs as much as the other two
// together, so once an item is larger than parallelHashMin it runs on its
// own goroutine, fed copies of the data from a buffer pool, while SHA-1
// and SHA-256 run inline. sums must be called to end that goroutine.
type hashes struct {
	md5, sha1, sha256 hash.Hash
	n                 int64
	pool              *sync.Pool // of *[]byte with capacity copyBufSize; nil: all inline
	ch                chan *[]byte
	done              chan struct{}
}

// parallelHashMin is the item size from which MD5 gets its own goroutine;
// below it the hand-off costs more than it saves.
const parallelHashMin = 256 << 10

// copyBufSize is the size of the read buffers of the walk and of the
// buffers handed to the MD5 goroutine.
const copyBufSize = 256 << 10

func newHashes(pool *sync.Pool) *hashes {
	return &hashes{md5: md5.New(), sha1: sha1.New(), sha256: sha256.New(), pool: pool}
}

func (h *hashes) Write(p []byte) (int, error) {
	if h.ch == nil && h.pool != nil && h.n+int64(len(p)) > parallelHashMin {
		h.ch = make(chan *[]byte, 4)
		h.done = make(chan struct{})
		go func() {
			defer close(h.done)
			for b := range h.ch {
				h.md5.Write(*b)
				h.pool.Put(b)
			}
		}()
	}
	if h.ch != nil {
		for q := p; len(q) > 0; {
			b := h.pool.Get().(*[]byte)
			k := min(len(q), cap(*b))
			*b = append((*b)[:0], q[:k]...)
			h.ch <- b
			q = q[k:]
		}
	} else {
		h.md5.Write(p)
	}
	h.sha1.Write(p)
	h.sha256.Write(p)
	h.n += int64(len(p))
	return len(p), nil
}

// sums ends the MD5 goroutine, if any, and returns the three hashes.
func (h *hashes) sums() (md5sum, sha1sum, sha256sum string) {
	if h.ch != nil {
		close(h.ch)
		<-h.done
		h.ch = nil
	}
	return hex.EncodeToString(h.md5.Sum(nil)), hex.EncodeToString(h.sha1.Sum(nil)), hex.EncodeToString(h.sha256.Sum(nil))
}

// newBufPool returns a pool of copyBufSize buffers.
func newBufPool() *sync.Pool {
	return &sync.Pool{New: func() any {
		b := make([]byte, 0, copyBufSize)
		return &b
	}}
}
