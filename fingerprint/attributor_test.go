package fingerprint

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unsafe"
	"weak"

	"github.com/stretchr/testify/require"
)

// attributorItems returns items that exercise what depends on the order
// items are counted in: folders named after organisations (a folder
// votes once, for the first item under it), candidates written two ways
// (a candidate keeps its first name), candidates named and seen as a
// domain in one item (merged), and enough evidence to be summed in
// "more" entries.
func attributorItems() []Item {
	text := benchText()
	var items []Item
	for i := 0; i < 120; i++ {
		off := (i * 7919) % (len(text) - 4096)
		it := Item{Path: fmt.Sprintf("pack.zip!/Toray/dept%02d/Acme Trading/file%03d.txt", i%7, i),
			Text: text[off : off+4096], TextSource: TextBody}
		switch i % 5 {
		case 0:
			it.Fields = []Field{{FieldOrganisation, "Acme Trading Co., Ltd."}, {FieldAuthor, "sato@acme-trading.example.co.jp"}}
		case 1:
			it.Fields = []Field{{FieldOrganisation, "ACME TRADING CO., LTD."}, {FieldPath, `\\fs01.acme.local\share\po.xlsx`}}
		case 2:
			it.Fields = []Field{{FieldMailFrom, "Kenichi Sato <sato@toray.co.jp>"}, {FieldMailTo, "purchasing@toray.co.jp"}}
		case 3:
			it.TextSource = TextOCR
			it.Text = "ログイン中: 東レ株式会社 佐藤 健一\n" + it.Text
		}
		items = append(items, it)
	}
	return items
}

// TestAttributorOrderFree checks that an Attributor fed from several
// goroutines, in shuffled order, ranks as Attribute does over the items
// in order: same owners, scores, confidences, evidence and candidates.
func TestAttributorOrderFree(t *testing.T) {
	items := attributorItems()
	want, err := Attribute(context.Background(), Default(), items, Options{MaxEvidence: 8})
	require.NoError(t, err)
	require.NotEmpty(t, want.Candidates)

	for seed := range uint64(4) {
		a := NewAttributor(Default(), Options{MaxEvidence: 8})
		order := rand.New(rand.NewPCG(seed, 1)).Perm(len(items))
		var wg sync.WaitGroup
		work := make(chan int)
		for range 3 {
			wg.Go(func() {
				for i := range work {
					it := items[i]
					it.Index = i
					a.Add(it)
				}
			})
		}
		for _, i := range order {
			work <- i
		}
		close(work)
		wg.Wait()
		got := a.Result()
		require.Equal(t, want.Ranking, got.Ranking, "seed %d", seed)
		require.Equal(t, want.Candidates, got.Candidates, "seed %d", seed)
		require.Same(t, got, a.Result(), "Result ends the attribution")
	}
}

// TestAttributorGaps: items whose predecessors never come are counted by
// Result, in Index order; items added after Result are ignored.
func TestAttributorGaps(t *testing.T) {
	a := NewAttributor(Default(), Options{})
	a.Add(Item{Index: 3, Path: "pack.zip!/b.txt", Text: "purchasing@toray.co.jp", TextSource: TextBody})
	a.Add(Item{Index: 1, Path: "pack.zip!/a.txt", Fields: []Field{{FieldOrganisation, "東レ株式会社"}}})
	r := a.Result()
	o, ok := r.Owner("toray")
	require.True(t, ok)
	require.Equal(t, 1, o.AuthorshipItems)
	require.Equal(t, 1, o.MentionItems)
	a.Add(Item{Index: 0, Path: "pack.zip!/c.txt", Fields: []Field{{FieldOrganisation, "東レ株式会社"}}})
	o, _ = a.Result().Owner("toray")
	require.Equal(t, 1, o.AuthorshipItems)
}

// TestAttributorKeepsNoText: the Attributor keeps its evidence, not the
// text it found it in: a substring kept as a match, a candidate's name or
// a cached host name would hold the whole text of the item.
func TestAttributorKeepsNoText(t *testing.T) {
	a := NewAttributor(Default(), Options{})
	var texts []weak.Pointer[byte]
	for i := range 8 {
		text := fmt.Sprintf("Confidential - Toray. Logged in as sato@toray.co.jp on tfs%02d.acme-%d.local and \\\\fs01.toray.local\\share\n", i, i) +
			strings.Repeat("order shipped to purchasing@toray.co.jp\n", 2000)
		texts = append(texts, weak.Make(unsafe.StringData(text)))
		a.Add(Item{Index: i, Path: fmt.Sprintf("pack.zip!/Acme %d/log%d.txt", i, i), Text: text, TextSource: TextOCR,
			Fields: []Field{{FieldOrganisation, fmt.Sprintf("Acme Trading %d", i)}}})
	}
	runtime.GC()
	runtime.GC()
	for i, w := range texts {
		require.Nil(t, w.Value(), "the text of item %d is still held", i)
	}
	r := a.Result()
	o, ok := r.Owner("toray")
	require.True(t, ok)
	require.NotEmpty(t, o.Evidence)
	require.NotEmpty(t, r.Candidates)
}
