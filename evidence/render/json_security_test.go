package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/testenv"
)

// The JSON writer's memory must not grow with the items, nor its cost
// with text that the output leaves out: a text bomb (2,000 logs of 1 MiB
// each, issue 12) is written one item at a time, and -text snippet
// writes a kilobyte of each whatever its size. These tests bound bytes
// allocated and the heap kept, never time; they do not run in parallel.

// liveHeap returns the bytes of the heap in use after a collection.
func liveHeap() uint64 {
	var m runtime.MemStats
	// Two collections: encoding/json keeps its last encoding buffer in a
	// sync.Pool, which the first moves aside and the second frees.
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestJSONMemoryFlat writes 48 items of 256 KiB of text each (12 MiB
// of JSON): what the writer allocates and keeps does not grow with them.
func TestJSONMemoryFlat(t *testing.T) {
	const n, size = 48, 256 << 10
	text := strings.Repeat("2021-04-12T10:30:00+09:00 INFO web01 sshd[4711]: Accepted password\n", size/68)
	for _, o := range []JSONOptions{{}, {Lines: true}, {Indent: true}} {
		t.Run(fmt.Sprintf("%+v", o), func(t *testing.T) {
			var w countingWriter
			j, err := NewJSONWriter(&w, o)
			require.NoError(t, err)
			before := liveHeap()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			gc0 := ms.NumGC
			alloc := testenv.Allocated(func() {
				for i := range n {
					it := evidence.Item{Path: fmt.Sprintf("logs.zip!/server-%04d.log", i), Text: text}
					require.NoError(t, j.WriteItem(&it))
				}
			})
			runtime.ReadMemStats(&ms)
			gcs := uint64(ms.NumGC - gc0 - 1) // Allocated's own collection left out
			kept := int64(liveHeap()) - int64(before)
			require.NoError(t, j.Finish(&evidence.Report{}))
			t.Logf("%d MiB written, %d KiB allocated, %d KiB kept, %d collections", w.n>>20, alloc>>10, kept>>10, gcs)
			assert.Greater(t, w.n, int64(n*size))
			// The encoding buffers grow once to a few times an item's
			// size (the indenting encoder keeps a second one); each item
			// then costs its copy and the encoder's bookkeeping. Under
			// the race detector, encoding/json's pooled buffer is often
			// dropped, and each item may grow a new one.
			perItem := uint64(16 << 10)
			if testenv.Race {
				perItem = 4 * size
			}
			// A collection may empty encoding/json's pool of buffers;
			// the next item then grows a new one, to a few times its
			// size. That is not memory growing with the items.
			regrow := gcs * 4 * size
			assert.Less(t, alloc, uint64(12*size)+n*perItem+regrow, "allocated (%d collections)", gcs)
			assert.Less(t, kept, int64(4*size), "kept after the items")
			runtime.KeepAlive(j)
		})
	}
}

// TestJSONTextModeCost: an item with 16 MiB of text costs the snippet
// and none modes what a short text costs; the full mode pays for its
// text once, and does not keep the buffer of an item that large.
func TestJSONTextModeCost(t *testing.T) {
	huge := strings.Repeat("\x1b\a\x00東", 16<<20/6) // control characters: six bytes each in JSON
	it := &evidence.Item{Path: "p.zip!/bomb.txt", TextSource: evidence.TextFromBody, Text: huge}
	for _, mode := range []TextMode{TextSnippet, TextNone} {
		j, err := NewJSONWriter(io.Discard, JSONOptions{Text: mode, Lines: true})
		require.NoError(t, err)
		require.NoError(t, j.WriteItem(&evidence.Item{Path: "warm-up"}))
		alloc := testenv.Allocated(func() { require.NoError(t, j.WriteItem(it)) })
		t.Logf("%s: %d KiB allocated", mode, alloc>>10)
		assert.Less(t, alloc, uint64(64<<10), mode)
	}

	big := &evidence.Item{Path: "p.zip!/log.txt", Text: huge[:2<<20-(2<<20)%6]}
	var out countingWriter
	j, err := NewJSONWriter(&out, JSONOptions{Lines: true})
	require.NoError(t, err)
	before := liveHeap()
	alloc := testenv.Allocated(func() { require.NoError(t, j.WriteItem(big)) })
	encoded := int(out.n)
	kept := int64(liveHeap()) - int64(before)
	t.Logf("full: %d KiB of JSON, %d KiB allocated, %d KiB kept", encoded>>10, alloc>>10, kept>>10)
	assert.Greater(t, encoded, 6<<20, "the escapes of the control characters")
	// A first item this large grows encoding/json's buffer and the
	// writer's by doubling, each append copying: about nine times its
	// JSON in all, once. Later items reuse the buffers (see
	// TestJSONMemoryFlat).
	assert.Less(t, alloc, uint64(12*encoded), "allocated")
	assert.Less(t, kept, int64(jsonBufferKeep), "the buffer of a large item is not kept")
	runtime.KeepAlive(j)

	assert.Zero(t, j.buf.Cap(), "the buffer of a large item is dropped")

	// Items of the default MaxTextBytes of text keep the buffer: the
	// text bomb's 2,000 logs of 1 MiB grow one, not one each.
	logs := strings.Repeat("2021-04-12T10:30:00+09:00 INFO web01 sshd[4711]: Accepted password\n", 1<<20/68)
	j, err = NewJSONWriter(io.Discard, JSONOptions{})
	require.NoError(t, err)
	require.NoError(t, j.WriteItem(&evidence.Item{Path: "p.zip!/server.log", Text: logs}))
	assert.Greater(t, j.buf.Cap(), 1<<20, "the buffer of a 1 MiB text is kept")

	// What was written is the whole text.
	var line struct{ Item evidence.Item }
	var doc bytes.Buffer
	require.NoError(t, WriteJSON(&doc, &evidence.Report{Items: []evidence.Item{*big}}, JSONOptions{Lines: true}))
	first, _, _ := bytes.Cut(doc.Bytes(), []byte("\n"))
	require.NoError(t, json.Unmarshal(first, &line))
	assert.Equal(t, big.Text, line.Item.Text)
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// BenchmarkJSONWriter writes the report of 64 logs of 256 KiB each, as
// evidence.Report.WriteJSON does (json.MarshalIndent, item by item) and
// as the JSON writer does in each layout.
func BenchmarkJSONWriter(b *testing.B) {
	text := strings.Repeat("2021-04-12T10:30:00+09:00 INFO web01 sshd[4711]: Accepted password\n", 256<<10/68)
	rep := &evidence.Report{}
	for i := range 64 {
		rep.Items = append(rep.Items, evidence.Item{Path: fmt.Sprintf("logs.zip!/server-%04d.log", i), Text: text})
	}
	run := func(b *testing.B, write func(w io.Writer) error) {
		var w countingWriter
		b.ReportAllocs()
		for b.Loop() {
			w.n = 0
			if err := write(&w); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(w.n)
	}
	b.Run("evidence.WriteJSON", func(b *testing.B) { run(b, rep.WriteJSON) })
	for _, o := range []JSONOptions{{}, {Indent: true}, {Lines: true}, {Text: TextSnippet}} {
		b.Run(fmt.Sprintf("lines=%t,indent=%t,text=%s", o.Lines, o.Indent, o.Text), func(b *testing.B) {
			run(b, func(w io.Writer) error { return WriteJSON(w, rep, o) })
		})
	}
}
