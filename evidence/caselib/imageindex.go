package caselib

import (
	"context"
	"fmt"
	"math/bits"
	"sync"
)

// The image index is multi-index hashing (Norouzi, Punjani and Fleet,
// "Fast search in Hamming space with multi-index hashing", CVPR 2012)
// held in memory. A 256-bit hash is cut into 16 chunks of 16 bits; a hash
// within distance r of the query has, by the pigeonhole principle, at
// least one chunk within floor(r/16) of the query's same chunk. So a
// lookup probes, in each of the 16 tables, the query's chunk value and
// its neighbours within that radius (1 + 16 values at r = 16..31, 137 at
// r = 32..47), and verifies each hash found by its full distance.
//
// Why this and not a BK-tree: random and real perceptual hashes of
// unrelated images sit at distance 128 ± 8 from each other, so at r = 31
// a BK-tree's triangle-inequality bound keeps nearly every branch and the
// lookup visits most of the tree. BenchmarkImageIndex measures both (and
// a plain scan) on the same hashes: at 1,000,000 random hashes searched
// within 31 bits, on 2 cores, multi-index hashing took 0.31 ms at the
// median and 0.72 ms at the 99th percentile, the BK-tree 211 ms and
// 263 ms (it visited 97 % of its nodes), a plain scan 13 ms and 27 ms;
// all three found every planted neighbour.
//
// Why in memory and not in SQLite tables on (chunk_no, chunk_value):
// every candidate must be verified against its full hash, and at one
// million hashes a lookup at r = 31 finds about 16 × 17 × 15 ≈ 4,000
// candidates: 4,000 row reads in SQLite cost tens of milliseconds, 4,000
// popcounts in memory a few microseconds. Storing the full hash beside
// each chunk row instead would store every hash 16 times. The cost is
// Open reading every hash (see BenchmarkLibrary's open-s) and about 100
// bytes of memory per image (Open read 1,000,000 hashes and built the
// tables in 1.2 s).
//
// Radii of 3 or more per chunk (r ≥ 48) probe so many neighbours that a
// plain scan is cheaper, and the index scans.

const (
	mihChunks    = 16
	mihChunkBits = 16
	mihBuckets   = 1 << mihChunkBits
	// mihScanRadius is the chunk radius from which a scan beats probing.
	mihScanRadius = 3
	// mihMinTail is the number of hashes added since the last build
	// below which they are scanned rather than indexed: rebuilding the
	// tables costs a pass over every hash.
	mihMinTail = 1 << 14
)

// imageIndex is the multi-index over the stored image hashes. Hashes of
// items deleted since (a pack recorded again) stay in it: a lookup drops
// the ids it no longer finds in the database.
type imageIndex struct {
	mu     sync.RWMutex
	hashes []ImageHash
	ids    []int64
	lastID int64 // greatest item id read from the database
	// built is how many of hashes the tables cover; the rest (the tail)
	// are scanned.
	built int
	// start[c][v] .. start[c][v+1] is the range of post[c] holding the
	// positions of the hashes whose chunk c is v (compressed rows).
	start [mihChunks][]uint32
	post  [mihChunks][]uint32
}

func newImageIndex() *imageIndex { return &imageIndex{} }

func chunkOf(h *ImageHash, c int) uint16 {
	return uint16(h[2*c]) | uint16(h[2*c+1])<<8
}

// add appends hashes read from the database, in id order, to the tail.
func (x *imageIndex) add(ids []int64, hs []ImageHash) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.hashes)+len(hs) > 1<<32-1 {
		return fmt.Errorf("%w: more than 2^32 image hashes", ErrInvalid)
	}
	x.hashes = append(x.hashes, hs...)
	x.ids = append(x.ids, ids...)
	if len(ids) > 0 {
		x.lastID = ids[len(ids)-1]
	}
	return nil
}

// settle rebuilds the tables when the scanned tail has grown past
// mihMinTail and a quarter of the index, so that rebuilding costs each
// hash O(1) amortised.
func (x *imageIndex) settle() {
	x.mu.Lock()
	defer x.mu.Unlock()
	tail := len(x.hashes) - x.built
	if tail > mihMinTail && tail > x.built/4 {
		x.rebuild()
	}
}

func (x *imageIndex) rebuild() {
	n := len(x.hashes)
	for c := 0; c < mihChunks; c++ {
		start := x.start[c]
		if start == nil {
			start = make([]uint32, mihBuckets+1)
		} else {
			clear(start)
		}
		for i := range x.hashes {
			start[int(chunkOf(&x.hashes[i], c))+1]++
		}
		for v := 1; v <= mihBuckets; v++ {
			start[v] += start[v-1]
		}
		post := x.post[c]
		if cap(post) >= n {
			post = post[:n]
		} else {
			post = make([]uint32, n, n+n/4)
		}
		fill := make([]uint32, mihBuckets)
		copy(fill, start[:mihBuckets])
		for i := range x.hashes {
			v := chunkOf(&x.hashes[i], c)
			post[fill[v]] = uint32(i)
			fill[v]++
		}
		x.start[c], x.post[c] = start, post
	}
	x.built = n
}

// candidate is an indexed hash within the distance asked.
type candidate struct {
	id   int64
	dist int
}

// search calls fn for each stored hash within maxDist of q, once each.
func (x *imageIndex) search(q *ImageHash, maxDist int, fn func(candidate)) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if maxDist < 0 {
		return
	}
	r := maxDist / mihChunks
	from := x.built
	if r >= mihScanRadius {
		from = 0
	} else {
		var qc [mihChunks]uint16
		for c := range qc {
			qc[c] = chunkOf(q, c)
		}
		for c := 0; c < mihChunks; c++ {
			x.probe(c, qc[c], r, func(pos uint32) {
				h := &x.hashes[pos]
				// Report a hash only from the first chunk that finds
				// it: an earlier chunk within r would have found it.
				for e := 0; e < c; e++ {
					if bits.OnesCount16(chunkOf(h, e)^qc[e]) <= r {
						return
					}
				}
				if d := q.Distance(*h); d <= maxDist {
					fn(candidate{id: x.ids[pos], dist: d})
				}
			})
		}
	}
	for i := from; i < len(x.hashes); i++ {
		if d := q.Distance(x.hashes[i]); d <= maxDist {
			fn(candidate{id: x.ids[i], dist: d})
		}
	}
}

// probe visits the positions in table c of the values within r (0, 1 or
// 2) bits of v.
func (x *imageIndex) probe(c int, v uint16, r int, fn func(uint32)) {
	if x.built == 0 {
		return
	}
	start, post := x.start[c], x.post[c]
	visit := func(w uint16) {
		for _, p := range post[start[w]:start[int(w)+1]] {
			fn(p)
		}
	}
	visit(v)
	if r < 1 {
		return
	}
	for i := 0; i < mihChunkBits; i++ {
		vi := v ^ 1<<i
		visit(vi)
		if r < 2 {
			continue
		}
		for j := i + 1; j < mihChunkBits; j++ {
			visit(vi ^ 1<<j)
		}
	}
}

func (x *imageIndex) len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.hashes)
}

// catchUpImages reads the image hashes recorded since the index last
// looked, by this process or another: item ids only grow
// (AUTOINCREMENT), so "greater than the last id read" is all of them.
func (l *Library) catchUpImages(ctx context.Context) error {
	l.imgMu.Lock()
	defer l.imgMu.Unlock()
	l.img.mu.RLock()
	last := l.img.lastID
	l.img.mu.RUnlock()
	rows, err := l.stmt.newImages.QueryContext(ctx, last)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	// Usually nothing or a few hashes are new; Open reads them all, in
	// batches that grow to 64Ki.
	const batch = 1 << 16
	var ids []int64
	var hs []ImageHash
	var raw []byte
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &raw); err != nil {
			return classify(err)
		}
		if len(raw) != len(ImageHash{}) {
			return fmt.Errorf("%w: image hash of item %d has %d bytes", ErrCorrupt, id, len(raw))
		}
		ids = append(ids, id)
		hs = append(hs, ImageHash(raw))
		if len(ids) == batch {
			if err := l.img.add(ids, hs); err != nil {
				return err
			}
			ids, hs = ids[:0], hs[:0]
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return classify(err)
	}
	if err := l.img.add(ids, hs); err != nil {
		return err
	}
	l.img.settle()
	return nil
}
