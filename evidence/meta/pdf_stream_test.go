package meta

import (
	"bytes"
	"compress/flate"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPDFReadAll checks pdfReadAll against io.ReadAll of a LimitReader,
// whatever the reader returns at a time and whatever room it is given.
func TestPDFReadAll(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 1000)
	errBroken := errors.New("broken")
	readers := map[string]func() io.Reader{
		"whole":        func() io.Reader { return bytes.NewReader(data) },
		"one byte":     func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
		"half":         func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
		"data and EOF": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
		"error":        func() io.Reader { return io.MultiReader(bytes.NewReader(data[:100]), iotest.ErrReader(errBroken)) },
	}
	for name, r := range readers {
		for _, limit := range []int64{1, 99, 100, 101, 4096, 16000, 16001, 1 << 20} {
			for _, room := range []int{0, 1, 50, 20000} {
				t.Run(fmt.Sprintf("%s/%d/%d", name, limit, room), func(t *testing.T) {
					want, werr := io.ReadAll(io.LimitReader(r(), limit))
					got, gerr := pdfReadAll(make([]byte, room), r(), limit, 64)
					assert.Equal(t, want, got)
					assert.Equal(t, werr, gerr)
					assert.LessOrEqual(t, int64(cap(got)), max(limit, int64(room)))
				})
			}
		}
	}
}

func TestPDFDecode(t *testing.T) {
	text := []byte(strings.Repeat("BT /F1 12 Tf (hello) Tj ET\n", 200))
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	_, _ = fw.Write(text)
	_ = fw.Close()
	var hex bytes.Buffer
	fmt.Fprintf(&hex, "%x>", text)
	var a85 bytes.Buffer
	a85.WriteString("<~")
	aw := ascii85.NewEncoder(&a85)
	_, _ = aw.Write(text)
	_ = aw.Close()
	a85.WriteString("~>")
	tests := []struct {
		name   string
		filter string
		parm   pdfDict
		data   []byte
		max    int64
		want   []byte
		err    error
	}{
		{name: "zlib", filter: "FlateDecode", data: pdfDeflate(text), max: 1 << 20, want: text},
		{name: "raw deflate", filter: "Fl", data: raw.Bytes(), max: 1 << 20, want: text},
		{name: "output limit", filter: "FlateDecode", data: pdfDeflate(text), max: 100, want: text[:100], err: ErrLimit},
		{name: "corrupt", filter: "FlateDecode", data: []byte{0x78, 0x9c, 0xff, 0xff}, max: 1 << 20, err: ErrFormat},
		{name: "hex", filter: "AHx", data: hex.Bytes(), max: 1 << 20, want: text},
		{name: "ascii85", filter: "ASCII85Decode", data: a85.Bytes(), max: 1 << 20, want: text},
		{name: "PNG Up rows", filter: "FlateDecode", parm: pdfDict{"Predictor": int64(12), "Columns": int64(2)},
			data: pdfDeflate([]byte{2, 1, 2, 2, 1, 1}), max: 1 << 20, want: []byte{1, 2, 2, 3}},
		{name: "unknown filter", filter: "JBIG2Decode", data: []byte{1}, max: 1 << 20, err: ErrFormat},
	}
	var z pdfDecoders
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Twice through the same decoders, into fresh room and into
			// room holding the output of the one before.
			room := []byte(nil)
			for range 2 {
				got, err := z.decode(tt.filter, tt.parm, tt.data, tt.max, room)
				if tt.err != nil {
					require.ErrorIs(t, err, tt.err)
				} else {
					require.NoError(t, err)
				}
				if tt.want != nil {
					assert.Equal(t, tt.want, got)
				}
				room = got
			}
		})
	}
}

// FuzzPDFDecode feeds the streams of the fixtures (as written, with the
// filter they name) and their mutations to the decoders: the decoders of
// a file, used before, must decode as fresh ones do, into any room, and
// keep the output limit.
func FuzzPDFDecode(f *testing.F) {
	filters := []string{"FlateDecode", "LZWDecode", "ASCIIHexDecode", "ASCII85Decode"}
	for _, s := range pdfFixtureStreams(f) {
		for i, name := range filters {
			if s.filter == name && s.parm == nil && len(s.raw) < 64<<10 {
				f.Add(s.raw, uint8(i), uint16(0))
			}
		}
	}
	f.Add(pdfDeflate([]byte("BT (x) Tj ET")), uint8(0), uint16(5))
	f.Add([]byte("48656C6C6F>"), uint8(2), uint16(3))
	var used pdfDecoders
	f.Fuzz(func(t *testing.T, data []byte, filter uint8, limit uint16) {
		name := filters[int(filter)%len(filters)]
		max := int64(limit)
		if max == 0 {
			max = 1 << 20
		}
		var fresh pdfDecoders
		want, werr := fresh.decode(name, nil, data, max, nil)
		got, gerr := used.decode(name, nil, data, max, make([]byte, 7))
		if !bytes.Equal(want, got) || fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Fatalf("decoders used before disagree: %q %v, fresh %q %v", got, gerr, want, werr)
		}
		// ASCIIHexDecode makes half its data, which streamData never
		// makes more than the limit; the others stop at the limit.
		if int64(len(got)) > max && (name != "ASCIIHexDecode" || len(got) > (len(data)+1)/2) {
			t.Fatalf("%d bytes out, over %d", len(got), max)
		}
		if gerr != nil && !errors.Is(gerr, ErrFormat) && !errors.Is(gerr, ErrLimit) && !errors.Is(gerr, ErrPanic) {
			t.Fatalf("error without sentinel: %v", gerr)
		}
	})
}

// TestPDFDecodersReused checks that a file's streams decode alike
// through the decoders kept by the document and through fresh ones.
func TestPDFDecodersReused(t *testing.T) {
	var used pdfDecoders
	n := 0
	for _, s := range pdfFixtureStreams(t) {
		if s.filter != "FlateDecode" || s.parm != nil {
			continue
		}
		var fresh pdfDecoders
		want, werr := fresh.decode(s.filter, nil, s.raw, 1<<24, nil)
		got, gerr := used.decode(s.filter, nil, s.raw, 1<<24, nil)
		require.Equal(t, werr, gerr)
		require.Equal(t, want, got)
		n++
	}
	assert.Greater(t, n, 10)
}
