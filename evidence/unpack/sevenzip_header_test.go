package unpack

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/bodgit/sevenzip"

	"github.com/proofpack/proofpack/internal/archivegen"
)

// sevenZipFuzzLimits keep the budgets small, so that the fuzzer finds any
// gap between what check7z allows and what sevenzip allocates quickly.
var sevenZipFuzzLimits = Limits{MaxEntries: 500, MaxDictionaryBytes: 1 << 20}.WithDefaults()

// sevenZipSlack is what sevenzip allocates for any archive whatever its
// header: its signature search buffer, bufio readers, the UTF-16 decoder.
const sevenZipSlack = 1 << 20

// FuzzSevenZipHeader drives check7z, and sevenzip behind it, with
// arbitrary bytes. Whatever the input: check7z returns a plan or an error
// of this package's vocabulary, and when it accepts a header, what
// sevenzip allocates to read it stays within the plan's estimate (the
// header's own memory, the garbage of decoding an encoded header, its
// dictionary). A count that reaches an allocation unchecked fails here.
func FuzzSevenZipHeader(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "archives", "*.7z"))
	for _, name := range seeds {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, b := range archivegen.SevenZipBombs() {
		f.Add(b.Data)
	}
	f.Add(archivegen.SevenZipEncoded())
	f.Add(archivegen.SevenZipDeclaredFiles(1))
	f.Add(archivegen.SevenZipDeclaredFiles(3))
	// Ratio bombs: a member of zeros alone and in a solid block (issue 11, r12).
	zeros := archivegen.SevenZipMember{Name: "zeros.bin", Zeros: 2 << 20}
	text := archivegen.SevenZipMember{Name: "a.txt", Data: []byte("order 1, Example Trading Ltd.\n")}
	for _, files := range [][]archivegen.SevenZipMember{{zeros}, {text, zeros, text}} {
		if b, err := archivegen.SevenZipBlocks([]archivegen.SevenZipBlock{{Method: archivegen.SevenZipDeflate, Files: files}}); err == nil {
			f.Add(b)
		}
	}
	f.Add(archivegen.SevenZipZstdWindow(512 << 20))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, magic7z) {
			return
		}
		w := NewWalker(Options{Limits: sevenZipFuzzLimits, Password: "p", TempDir: t.TempDir()})
		defer w.Close()
		var plan *sevenZipPlan
		var err error
		func() {
			defer func() {
				if v := recover(); v != nil {
					err = recovered("7z", v) // sevenzip decoding an encoded header
				}
			}()
			plan, err = w.check7z(context.Background(), "f", bytes.NewReader(data), int64(len(data)))
		}()
		if err != nil {
			if !knownErr(err) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		if plan.empty {
			return
		}
		// Each folder's packed streams, counted for the ratio limit, are
		// a range of the plan's.
		for f := range plan.folderMem {
			if lo, hi := plan.packsOf(f); lo > hi || int(hi) > len(plan.packs) {
				t.Fatalf("folder %d reads packs %d to %d of %d", f, lo, hi, len(plan.packs))
			}
		}
		// Decoding an encoded header costs its decoder's dictionary and
		// some garbage per byte, besides the header's memory.
		bound := uint64(plan.cost) + 2*uint64(plan.decoded) + uint64(sevenZipFuzzLimits.MaxDictionaryBytes) + sevenZipSlack
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		func() {
			defer func() { _ = recover() }() // a panic is recovered by open7z; only memory matters here
			_, _ = sevenzip.NewReaderWithPassword(bytes.NewReader(data), int64(len(data)), "p")
		}()
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > bound {
			t.Fatalf("sevenzip allocated %d bytes for a header estimated at %d (bound %d)", n, plan.cost, bound)
		}
	})
}

// knownErr reports whether err belongs to this package's vocabulary.
func knownErr(err error) bool {
	for _, s := range []error{ErrFormat, ErrTruncated, ErrEncrypted, ErrPassword, ErrUnsupported, ErrLimit, ErrPanic} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// TestSevenZipNumber checks the NUMBER reader against 7zFormat.txt's
// examples of each length.
func TestSevenZipNumber(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		want uint64
	}{
		{[]byte{0x05}, 5},
		{[]byte{0x7f}, 0x7f},
		{[]byte{0x80, 0x80}, 0x80},
		{[]byte{0xbf, 0xff}, 0x3fff},
		{[]byte{0xc0, 0x00, 0x40}, 0x4000},
		{[]byte{0xf0, 0xff, 0xff, 0xff, 0xff}, 0xffffffff},
		{[]byte{0xfe, 1, 2, 3, 4, 5, 6, 7}, 0x07060504030201},
		{[]byte{0xff, 1, 2, 3, 4, 5, 6, 7, 8}, 0x0807060504030201},
	} {
		p := &szParser{ctx: context.Background(), r: bufioOf(tc.in), left: int64(len(tc.in))}
		got, err := p.number()
		if err != nil || got != tc.want || p.left != 0 {
			t.Errorf("% x: got %#x, %v, %d left; want %#x", tc.in, got, err, p.left, tc.want)
		}
	}
}

func bufioOf(b []byte) *bufio.Reader { return bufio.NewReader(bytes.NewReader(b)) }
