package caselib

// bkTree is a Burkhard–Keller tree over image hashes, kept only to be
// measured against the multi-index in BenchmarkImageIndex (see
// imageindex.go for the outcome). Each child edge is labelled with its
// distance to the parent; a search within r visits only the children
// whose label is within r of the query's distance to the node.
type bkTree struct {
	nodes []bkNode
}

type bkNode struct {
	hash     ImageHash
	id       int64
	children map[uint16]int32 // distance -> node index
}

func (t *bkTree) add(h ImageHash, id int64) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, bkNode{hash: h, id: id})
		return
	}
	i := int32(0)
	for {
		d := uint16(h.Distance(t.nodes[i].hash))
		next, ok := t.nodes[i].children[d]
		if !ok {
			if t.nodes[i].children == nil {
				t.nodes[i].children = make(map[uint16]int32)
			}
			t.nodes[i].children[d] = int32(len(t.nodes))
			t.nodes = append(t.nodes, bkNode{hash: h, id: id})
			return
		}
		i = next
	}
}

func (t *bkTree) search(q *ImageHash, r int, fn func(candidate)) (visited int) {
	if len(t.nodes) == 0 {
		return 0
	}
	stack := []int32{0}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visited++
		n := &t.nodes[i]
		d := q.Distance(n.hash)
		if d <= r {
			fn(candidate{id: n.id, dist: d})
		}
		for label, c := range n.children {
			if int(label) >= d-r && int(label) <= d+r {
				stack = append(stack, c)
			}
		}
	}
	return visited
}
