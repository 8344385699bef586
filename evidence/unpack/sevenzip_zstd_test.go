package unpack

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"github.com/proofpack/proofpack/internal/archivegen"
)

// zstdSingleSegment returns a single-segment zstd frame whose content
// size, hence window, is fcs, with one empty raw block.
func zstdSingleSegment(fcs uint32) []byte {
	b := []byte{0x28, 0xb5, 0x2f, 0xfd, 0x80 | 0x20} // four-byte content size, single segment
	b = binary.LittleEndian.AppendUint32(b, fcs)
	return append(b, 0x01, 0, 0) // last block, raw, empty
}

func TestZstdMaxWindow(t *testing.T) {
	skippable := binary.LittleEndian.AppendUint32([]byte{0x50, 0x2a, 0x4d, 0x18}, 3)
	skippable = append(skippable, 1, 2, 3)
	for _, tc := range []struct {
		name   string
		stream []byte
		want   int64
	}{
		{"window descriptor", archivegen.ZstdFrameWindow(1 << 20), 1 << 20},
		{"single segment", zstdSingleSegment(300 << 20), 300 << 20},
		{"single segment, tiny", zstdSingleSegment(5), 1 << 10},
		{"the largest of two frames", append(archivegen.ZstdFrameWindow(1<<10), archivegen.ZstdFrameWindow(64<<20)...), 64 << 20},
		{"after a skippable frame", append(skippable, archivegen.ZstdFrameWindow(8<<20)...), 8 << 20},
		{"over the decoder's maximum", zstdSingleSegment(600 << 20), 0},
		{"not zstd", []byte("hello, world"), 0},
		{"truncated header", archivegen.ZstdFrameWindow(1 << 20)[:5], 0},
	} {
		p := &szParser{ctx: context.Background()}
		got, err := zstdMaxWindow(p, io.NewSectionReader(bytes.NewReader(tc.stream), 0, int64(len(tc.stream))))
		if err != nil || got != tc.want {
			t.Errorf("%s: got %d, %v; want %d", tc.name, got, err, tc.want)
		}
	}
}

// TestCheckZstdBound: a zstd coder that reads another coder's output
// cannot be read ahead and is costed at the decoder's maximum.
func TestCheckZstdBound(t *testing.T) {
	p := &szParser{ctx: context.Background(), maxDict: 256 << 20, path: "x.7z"}
	f := &szFolderRecord{zstd: szZstdRecord{present: true, bound: true}}
	if err := p.checkZstd(f, 0, 0); err != nil {
		t.Fatal(err)
	}
	var le *LimitError
	if !errors.As(f.err, &le) || le.Limit != LimitDictionary || le.Value != szZstdMaxWindow {
		t.Errorf("folder error %v, want a dictionary LimitError of %d", f.err, szZstdMaxWindow)
	}
}
