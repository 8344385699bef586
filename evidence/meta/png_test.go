package meta

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
)

// pngFile is a plain 2×2 PNG.
func pngFile(t testing.TB) []byte {
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))))
	return b.Bytes()
}

// pngChunkBytes encodes one chunk with a right CRC.
func pngChunkBytes(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	return binary.BigEndian.AppendUint32(out, crc.Sum32())
}

// pngWith inserts chunks after IHDR of a plain PNG.
func pngWith(t testing.TB, chunks ...[]byte) []byte {
	p := pngFile(t)
	out := append([]byte{}, p[:33]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[33:]...)
}

func zlibBytes(t testing.TB, p []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	_, err := w.Write(p)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.Bytes()
}

// zlibZeros returns a zlib stream that inflates to n zeros (n a multiple
// of 1 MiB): one deflated MiB, repeated. Deflating all n bytes under the
// race detector takes most of a minute.
func zlibZeros(n int) []byte {
	const chunk = 1 << 20
	var blk bytes.Buffer
	fw, _ := flate.NewWriter(&blk, flate.BestSpeed) // the level is valid
	_, _ = fw.Write(make([]byte, chunk))            // writes to memory do not fail
	_ = fw.Flush()                                  // not final, and ends on a byte boundary
	out := []byte{0x78, 0x01}
	for range n / chunk {
		out = append(out, blk.Bytes()...)
	}
	out = append(out, 0x03, 0x00)                                    // an empty final block
	return binary.BigEndian.AppendUint32(out, uint32(n%65521)<<16|1) // Adler-32 of n zeros
}

// assertPNGAgrees compares the normalised PNG fields with exiftool.
func assertPNGAgrees(t *testing.T, name string, md Metadata) {
	t.Helper()
	et := exiftoolTags(t, name)
	str := func(k string) string { s, _ := et[k].(string); return s }
	if s := str("PNG:Software"); s != "" {
		assert.Equal(t, s, md.Software)
	}
	if a := str("PNG:Author"); a != "" {
		assert.Equal(t, []string{a}, md.Authors)
	}
	assert.Equal(t, str("PNG:Title"), md.Title)
	if m := str("PNG:ModifyDate"); m != "" {
		// exiftool prints tIME without its zone, which is UTC.
		assert.Equal(t, exiftoolTime(m)+"Z", md.Modified)
	}
	if c := str("PNG:CreationTime"); c != "" {
		want := exiftoolTime(c)
		if ct, zone, ok := pngParseTime(c); ok {
			want = FormatTime(ct, zone)
		}
		assert.Equal(t, want, md.Created)
	}
}

func TestPNGFixtures(t *testing.T) {
	tests := []struct {
		file    string
		want    Metadata
		wantRaw map[string]any
	}{
		{
			file: "png_docgen.png",
			want: Metadata{Authors: []string{"Taro Yamada"}, Software: "Greenshot", Title: "発注一覧",
				Created: "2021-04-12T10:30:00+09:00", TZOffset: "+09:00"},
			wantRaw: map[string]any{"Comment": "internal use only", "ImageWidth": int64(16)},
		},
		{
			// zTXt (exiftool -z), tIME, eXIf and an XMP iTXt.
			file: "png_exiftool.png",
			want: Metadata{Authors: []string{"Taro Yamada"}, Software: "Snipping Tool",
				Created: "2021-04-12T10:30:00+09:00", Modified: "2021-04-13T08:00:00Z",
				Camera: "Apple iPhone 12", TZOffset: "+09:00"},
			wantRaw: map[string]any{"Description": "見積書 スクリーンショット"},
		},
		{
			file:    "gif_exiftool.gif",
			wantRaw: map[string]any{"Comment": "Scanned by Hanako Kitagawa, Example Trading", "ImageWidth": int64(16), "FrameCount": int64(1)},
		},
		{
			file:    "webp_exiftool.webp",
			wantRaw: map[string]any{"Chunks": []string{"VP8X", "VP8L", "EXIF", "XMP"}, "ImageWidth": int64(16), "ImageHeight": int64(16)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := extractImage(t, NewPNG(), imageInput(t, tt.file), Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			got := res.Metadata
			raw := got.Raw
			got.Raw = nil
			assert.Equal(t, tt.want, got)
			for k, v := range tt.wantRaw {
				assert.Equal(t, v, raw[k], k)
			}
			if strings.HasSuffix(tt.file, ".png") {
				t.Run("exiftool", func(t *testing.T) { assertPNGAgrees(t, tt.file, res.Metadata) })
			}
		})
	}
}

func TestPNGChunks(t *testing.T) {
	itxt := func(key string, compressed bool, text []byte) []byte {
		d := append([]byte(key), 0)
		if compressed {
			d = append(d, 1, 0)
		} else {
			d = append(d, 0, 0)
		}
		d = append(d, "ja\x00翻訳\x00"...)
		return pngChunk2("iTXt", append(d, text...))
	}
	tests := []struct {
		name    string
		chunks  [][]byte
		wantRaw map[string]any
		warn    error
	}{
		{"ztxt", [][]byte{pngChunk2("zTXt", append([]byte("Author\x00\x00"), zlibBytes(t, []byte("Hanako Kitagawa"))...))},
			map[string]any{"Author": "Hanako Kitagawa"}, nil},
		{"itxt compressed", [][]byte{itxt("Title", true, zlibBytes(t, []byte("見積書")))}, map[string]any{"Title": "見積書"}, nil},
		{"itxt plain", [][]byte{itxt("Title", false, []byte("見積書"))}, map[string]any{"Title": "見積書"}, nil},
		{"latin-1 text", [][]byte{pngChunk2("tEXt", []byte("Author\x00Ren\xe9e"))}, map[string]any{"Author": "Renée"}, nil},
		{"repeated keyword", [][]byte{pngChunk2("tEXt", []byte("Comment\x00a")), pngChunk2("tEXt", []byte("Comment\x00b"))},
			map[string]any{"Comment": []string{"a", "b"}}, nil},
		{"time and phys", [][]byte{pngChunk2("tIME", []byte{0x07, 0xe5, 4, 13, 8, 0, 0}), pngChunk2("pHYs", []byte{0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1})},
			map[string]any{"ModifyDate": "2021-04-13T08:00:00Z", "PixelsPerUnitX": int64(2835), "PixelUnits": int64(1)}, nil},
		{"bad crc", [][]byte{badCRC(pngChunk2("tEXt", []byte("Author\x00x")))}, map[string]any{"Author": "x"}, ErrFormat},
		{"bad time", [][]byte{pngChunk2("tIME", []byte{0x07, 0xe5, 13, 40, 8, 0, 0})}, nil, ErrFormat},
		{"no keyword", [][]byte{pngChunk2("tEXt", []byte("\x00x"))}, nil, ErrFormat},
		{"ztxt bad method", [][]byte{pngChunk2("zTXt", []byte("Author\x00\x05xx"))}, nil, ErrFormat},
		{"ztxt corrupt", [][]byte{pngChunk2("zTXt", []byte("Author\x00\x00\x78\x9cxx"))}, nil, ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := extractImage(t, NewPNG(), bytesInput("x.png", pngWith(t, tt.chunks...)), Limits{})
			require.NoError(t, err)
			for k, v := range tt.wantRaw {
				assert.Equal(t, v, res.Metadata.Raw[k], k)
			}
			if tt.warn == nil {
				assert.Empty(t, res.Warnings)
			} else {
				require.NotEmpty(t, res.Warnings)
				assert.ErrorIs(t, res.Warnings[0], tt.warn)
			}
		})
	}
}

func pngChunk2(typ string, data []byte) []byte { return pngChunkBytes(typ, data) }

func badCRC(c []byte) []byte {
	c = bytes.Clone(c)
	c[len(c)-1] ^= 0xff
	return c
}

func TestPNGHostile(t *testing.T) {
	// A zTXt that inflates to 64 MiB of zeros from 64 KiB.
	bomb := zlibZeros(64 << 20)
	lying := func(n uint32) []byte {
		c := pngChunk2("tEXt", []byte("Author\x00x"))
		binary.BigEndian.PutUint32(c, n)
		return c
	}
	tests := []struct {
		name     string
		data     []byte
		lim      Limits
		sentinel error
	}{
		{"chunk length 2^31", pngWith(t, pngChunk2("tEXt", []byte("Author\x00a")), lying(1<<31)), Limits{}, ErrFormat},
		{"chunk length past end", pngWith(t, pngChunk2("tEXt", []byte("Author\x00a")), lying(1000)), Limits{}, ErrFormat},
		{"zTXt bomb", pngWith(t, pngChunk2("tEXt", []byte("Author\x00a")), pngChunk2("zTXt", append([]byte("Comment\x00\x00"), bomb...))), Limits{MaxRecordBytes: 1 << 20}, ErrLimit},
		{"too many chunks", pngWith(t, bytes.Repeat(pngChunk2("tEXt", []byte("Author\x00a")), 50)), Limits{MaxRecords: 10}, ErrLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res *Result
			var err error
			in := bytesInput("x.png", tt.data)
			work := MeasureWork(in, 4*in.Size, func(in Input) { res, err = extractImage(t, NewPNG(), in, tt.lim) })
			t.Log(work)
			// Each chunk is read once, and nothing near the bomb's 64 MiB
			// is inflated.
			assert.False(t, work.OverBudget, "bytes read again and again")
			assert.LessOrEqual(t, work.Read, in.Size, "bytes read")
			assert.Less(t, work.Alloc, uint64(16<<20), "bytes allocated")
			require.NoError(t, err)
			assert.Equal(t, "a", firstString(res.Metadata.Raw["Author"]))
			require.NotEmpty(t, res.Warnings)
			assert.ErrorIs(t, res.Warnings[len(res.Warnings)-1], tt.sentinel)
		})
	}
}

func firstString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []string:
		return x[0]
	}
	return ""
}

func TestPNGAccepts(t *testing.T) {
	ex := NewPNG()
	assert.Equal(t, "png", ex.Name())
	assert.Equal(t, "1", ex.Version())
	for mime, want := range map[string]bool{"image/png": true, "image/gif": true, "image/webp": true, "image/jpeg": false} {
		t.Run(mime, func(t *testing.T) { assert.Equal(t, want, ex.Accepts(identify.Type{MIME: mime})) })
	}
	_, err := ex.Extract(context.Background(), bytesInput("x", []byte("not an image")), Limits{})
	assert.ErrorIs(t, err, ErrFormat)
}

func TestPNGParseTime(t *testing.T) {
	tests := []struct {
		in, want string
		zone     bool
	}{
		{"Mon, 12 Apr 2021 10:30:00 +0900", "2021-04-12T10:30:00+09:00", true},
		{"2021-04-12T10:30:00Z", "2021-04-12T10:30:00Z", true},
		{"2021:04:12 10:30:00+09:00", "2021-04-12T10:30:00+09:00", true},
		{"2021:04:12 10:30:00", "2021-04-12T10:30:00", false},
		{"Mon, 12 Apr 2021 10:30:00 JST", "2021-04-12T10:30:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, zone, ok := pngParseTime(tt.in)
			require.True(t, ok)
			assert.Equal(t, tt.zone, zone)
			assert.Equal(t, tt.want, FormatTime(got, zone))
		})
	}
	_, _, ok := pngParseTime("yesterday")
	assert.False(t, ok)
}

// TestPNGTextBeforeXMP: a PNG's own text chunks rank before its XMP packet,
// as exiftool ranks them (pdfcpu's github.png: tEXt Software "Adobe
// ImageReady", XMP CreatorTool "Adobe Photoshop CS6 (Macintosh)"); the
// XMP's fields fill what the chunks leave empty, and both stay in Raw.
func TestPNGTextBeforeXMP(t *testing.T) {
	packet := xmpPacket(`xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Adobe Photoshop CS6 (Macintosh)"`,
		`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Logo</rdf:li></rdf:Alt></dc:title>`)
	data := pngWith(t,
		pngChunk2("tEXt", []byte("Software\x00Adobe ImageReady")),
		pngChunk2("iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), packet...)))
	res, err := Run(context.Background(), Extractors(), bytesInput("x.png", data), Limits{})
	require.NoError(t, err)
	assert.Equal(t, "Adobe ImageReady", res.Metadata.Software)
	assert.Equal(t, "Logo", res.Metadata.Title, "from the XMP: no chunk has a title")
	assert.Equal(t, "Adobe Photoshop CS6 (Macintosh)", res.Metadata.Raw["xmp"].(map[string]any)["xmp:CreatorTool"])
}
