package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/internal/oracle"
)

// imageInput reads a fixture of testdata/images as an Input.
func imageInput(t testing.TB, name string) Input {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "images", name))
	require.NoError(t, err)
	return bytesInput(name, b)
}

func bytesInput(name string, b []byte) Input {
	return Input{Name: name, Type: identify.Detect(b), R: bytes.NewReader(b), Size: int64(len(b))}
}

// extractImage runs ex on in with the default limits and requires that
// the result marshals to JSON.
func extractImage(t testing.TB, ex Extractor, in Input, lim Limits) (*Result, error) {
	t.Helper()
	require.True(t, ex.Accepts(in.Type), "%s does not accept %s", ex.Name(), in.Type.MIME)
	res, err := ex.Extract(context.Background(), in, lim)
	if res != nil {
		_, jerr := json.Marshal(res.Metadata)
		require.NoError(t, jerr)
	}
	return res, err
}

// exiftoolTags returns what `exiftool -json -G -n` reports for a fixture,
// from its golden (testdata/images/oracle).
func exiftoolTags(t *testing.T, name string) map[string]any {
	t.Helper()
	rec := oracle.Fixture(t, oracle.Exiftool, filepath.Join("testdata", "images", name), "-json", "-G", "-n", oracle.In)
	tags, err := rec.ExiftoolTags()
	require.NoError(t, err)
	return tags
}

// exiftoolTime converts exiftool's "2021:04:12 10:30:00.25+09:00" into
// the report's RFC 3339 form.
func exiftoolTime(s string) string {
	if len(s) < 19 {
		return s
	}
	return strings.Replace(strings.Replace(s[:10], ":", "-", 2), " ", "T", 1) + "T" + s[11:]
}

// assertEXIFAgrees compares the normalised fields the EXIF reader fills
// with exiftool's view of the same file, field by field.
func assertEXIFAgrees(t *testing.T, name string, md Metadata) {
	t.Helper()
	et := exiftoolTags(t, name)
	str := func(k string) string { s, _ := et[k].(string); return s }
	if a := str("EXIF:Artist"); a != "" {
		assert.Contains(t, md.Authors, a, "Artist")
	}
	if o := str("EXIF:OwnerName"); o != "" {
		assert.Contains(t, md.Authors, o, "OwnerName")
	}
	assert.Equal(t, str("EXIF:Software"), md.Software, "Software")
	if mk, model := str("EXIF:Make"), str("EXIF:Model"); mk != "" || model != "" {
		assert.Contains(t, md.Camera, model, "Model")
		if !strings.HasPrefix(model, mk) {
			assert.Contains(t, md.Camera, mk, "Make")
		}
	}
	want := str("Composite:SubSecDateTimeOriginal")
	if want == "" {
		want = str("EXIF:DateTimeOriginal")
	}
	assert.Equal(t, exiftoolTime(want), md.Created, "Created")
	want = str("Composite:SubSecModifyDate")
	if want == "" {
		want = str("EXIF:ModifyDate")
	}
	assert.Equal(t, exiftoolTime(want), md.Modified, "Modified")
	if off := str("EXIF:OffsetTimeOriginal"); off != "" {
		assert.Equal(t, off, md.TZOffset, "TZOffset")
	}
	lat, ok := et["Composite:GPSLatitude"].(float64)
	if !ok {
		assert.Nil(t, md.GPS)
		return
	}
	require.NotNil(t, md.GPS)
	assert.InDelta(t, lat, md.GPS.Lat, 1e-6)
	assert.InDelta(t, et["Composite:GPSLongitude"], md.GPS.Lon, 1e-6)
	if alt, ok := et["Composite:GPSAltitude"].(float64); ok {
		require.NotNil(t, md.GPS.Alt)
		assert.InDelta(t, alt, *md.GPS.Alt, 1e-6)
	}
}

func TestEXIFFixtures(t *testing.T) {
	alt := 40.5
	tests := []struct {
		file    string
		want    Metadata
		wantRaw map[string]any
	}{
		{
			file: "jpeg_docgen.jpg",
			want: Metadata{Authors: []string{"Hanako Kitagawa"}, Organisation: "Example Trading Co., Ltd.",
				Software: "Adobe Photoshop 22.0 (Windows)", Created: "2021-04-12T10:30:00+09:00",
				Modified: "2021-04-13T09:00:00", Camera: "FUJIFILM X-T30", TZOffset: "+09:00"},
			wantRaw: map[string]any{"Copyright": "(c) 2021 Example Trading Co., Ltd.", "OffsetTimeOriginal": "+09:00"},
		},
		{
			file: "jpeg_exiftool.jpg",
			want: Metadata{Authors: []string{"山田 太郎", "Taro Yamada"}, Organisation: "Toray Industries, Inc.",
				Software: "Photos 1.0", Created: "2021-04-12T10:30:00.25+09:00",
				Modified: "2021-04-13T08:00:00+09:00", Camera: "Canon EOS R5", TZOffset: "+09:00",
				GPS: &GPS{Lat: 35.68, Lon: 139.76, Alt: &alt}},
			wantRaw: map[string]any{"UserComment": "検査用", "BodySerialNumber": "012345678",
				"ImageDescription": "Plant 3 line B", "GPSTimeStamp": "01:30:00",
				"GPSDateTime": "2021-04-12T01:30:00Z", "Orientation": int64(1),
				"ColorSpace": int64(65535), // named by goexif only
			},
		},
		{
			// XMP APP1 before the Exif APP1: goexif's own search fails here.
			file: "jpeg_xmp_first.jpg",
			want: Metadata{Authors: []string{"山田 太郎", "Taro Yamada"}, Organisation: "Toray Industries, Inc.",
				Software: "Photos 1.0", Created: "2021-04-12T10:30:00.25+09:00",
				Modified: "2021-04-13T08:00:00+09:00", Camera: "Canon EOS R5", TZOffset: "+09:00",
				GPS: &GPS{Lat: 35.68, Lon: 139.76, Alt: &alt}},
			wantRaw: map[string]any{"OwnerName": "Taro Yamada"},
		},
		{
			file: "png_exiftool.png",
			want: Metadata{Authors: []string{"Hanako Kitagawa"}, Created: "2021-04-12T10:30:00+09:00",
				Camera: "Apple iPhone 12", TZOffset: "+09:00"},
		},
		{
			file: "tiff_exiftool.tif",
			want: Metadata{Authors: []string{"Hanako Kitagawa"}, Organisation: "Example Trading Co., Ltd.",
				Software: "ScanSnap Manager", Modified: "2021-04-13T08:00:00"},
			wantRaw: map[string]any{"ImageWidth": int64(16), "ImageHeight": int64(16)},
		},
		{
			file: "webp_exiftool.webp",
			want: Metadata{Authors: []string{"Hanako Kitagawa"}, Created: "2021-04-12T10:30:00+09:00",
				Camera: "Google Pixel 5", TZOffset: "+09:00"},
		},
		{
			file: "heic_exiftool.heic",
			want: Metadata{Authors: []string{"Hanako Kitagawa"}, Created: "2021-04-12T10:30:00+09:00",
				Camera: "Apple iPhone 12", TZOffset: "+09:00", GPS: &GPS{Lat: 35.68, Lon: 139.76}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := extractImage(t, NewEXIF(), imageInput(t, tt.file), Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			got := res.Metadata
			raw := got.Raw
			got.Raw = nil
			assert.Equal(t, tt.want, got)
			for k, v := range tt.wantRaw {
				assert.Equal(t, v, raw[k], k)
			}
			t.Run("exiftool", func(t *testing.T) { assertEXIFAgrees(t, tt.file, res.Metadata) })
		})
	}
}

func TestEXIFAccepts(t *testing.T) {
	ex := NewEXIF()
	assert.Equal(t, "exif", ex.Name())
	assert.Equal(t, "3", ex.Version())
	for mime, want := range map[string]bool{
		"image/jpeg": true, "image/tiff": true, "image/png": true, "image/webp": true,
		"image/heic": true, "image/heif": true, "image/gif": false, "application/pdf": false,
	} {
		t.Run(mime, func(t *testing.T) { assert.Equal(t, want, ex.Accepts(identify.Type{MIME: mime})) })
	}
}

// tiffBuilder lays out a little-endian TIFF block by hand, with whatever
// offsets and counts a test asks for.
type tiffBuilder struct{ b []byte }

func newTIFF() *tiffBuilder {
	return &tiffBuilder{b: []byte{'I', 'I', 42, 0, 8, 0, 0, 0}}
}

type rawEntry struct {
	tag, typ uint16
	count    uint32
	value    uint32 // inline value or offset
}

// ifd appends an IFD at the end and returns its offset.
func (tb *tiffBuilder) ifd(entries []rawEntry, next uint32) uint32 {
	off := uint32(len(tb.b))
	tb.b = binary.LittleEndian.AppendUint16(tb.b, uint16(len(entries)))
	for _, e := range entries {
		tb.b = binary.LittleEndian.AppendUint16(tb.b, e.tag)
		tb.b = binary.LittleEndian.AppendUint16(tb.b, e.typ)
		tb.b = binary.LittleEndian.AppendUint32(tb.b, e.count)
		tb.b = binary.LittleEndian.AppendUint32(tb.b, e.value)
	}
	tb.b = binary.LittleEndian.AppendUint32(tb.b, next)
	return off
}

// data appends bytes and returns their offset.
func (tb *tiffBuilder) data(p []byte) uint32 {
	off := uint32(len(tb.b))
	tb.b = append(tb.b, p...)
	return off
}

func (tb *tiffBuilder) patch32(at, v uint32) { binary.LittleEndian.PutUint32(tb.b[at:], v) }

// makeEntry is an inline "Cano" Make value (4 bytes, no NUL needed).
var makeEntry = rawEntry{tag: tagMake, typ: tiffTASCII, count: 4, value: binary.LittleEndian.Uint32([]byte("Cano"))}

// jpegWithEXIF wraps a TIFF block into a minimal JPEG.
func jpegWithEXIF(tiffBlock []byte) []byte {
	out := []byte{0xff, 0xd8, 0xff, 0xe1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(tiffBlock)+8))
	out = append(out, "Exif\x00\x00"...)
	out = append(out, tiffBlock...)
	return append(out, 0xff, 0xd9)
}

// hostileTIFFs are the malformed EXIF blocks of the issue, built in code.
func hostileTIFFs() map[string][]byte {
	out := map[string][]byte{}

	// IFD0 → IFD1 → IFD0: goexif checks only for a self loop and would
	// append directories forever.
	tb := newTIFF()
	a := tb.ifd([]rawEntry{makeEntry}, 0)
	b := tb.ifd([]rawEntry{makeEntry}, a)
	tb.patch32(a+2+12, b)
	out["ifd cycle"] = tb.b

	// An Exif pointer back to IFD0.
	tb = newTIFF()
	tb.ifd([]rawEntry{makeEntry, {tag: tagExifIFD, typ: tiffTLong, count: 1, value: 8}}, 0)
	out["exif pointer loop"] = tb.b

	// A count whose size overflows 32 bits: goexif would allocate
	// 16 GiB for it.
	tb = newTIFF()
	tb.ifd([]rawEntry{makeEntry, {tag: tagOrientation, typ: tiffTShort, count: 0x80000001, value: 1}}, 0)
	out["count 2^31"] = tb.b

	tb = newTIFF()
	tb.ifd([]rawEntry{makeEntry, {tag: tagArtist, typ: tiffTASCII, count: 0xffffffff, value: 8}}, 0)
	out["count 2^32-1"] = tb.b

	// A value past the end of the block.
	tb = newTIFF()
	tb.ifd([]rawEntry{makeEntry, {tag: tagArtist, typ: tiffTASCII, count: 1000, value: 0x7ffffff0}}, 0)
	out["value past end"] = tb.b

	// A sub-IFD past the end.
	tb = newTIFF()
	tb.ifd([]rawEntry{makeEntry, {tag: tagExifIFD, typ: tiffTLong, count: 1, value: 0xfffffff0}}, 0)
	out["sub-IFD past end"] = tb.b

	// An IFD claiming 65535 entries in a block of 30 bytes.
	tb = newTIFF()
	tb.ifd([]rawEntry{makeEntry}, 0)
	binary.LittleEndian.PutUint16(tb.b[8:], 0xffff)
	out["entry count lie"] = tb.b

	// 4000 entries all pointing at the same 4 KiB: goexif would copy
	// 16 MB for a 52 KB block.
	tb = newTIFF()
	var many []rawEntry
	for i := 0; i < 4000; i++ {
		many = append(many, rawEntry{tag: 0xc000 + uint16(i), typ: tiffTUndefined, count: 4096, value: 8})
	}
	tb.ifd(append([]rawEntry{makeEntry}, many...), 0)
	out["overlapping values"] = tb.b

	// A GPS IFD with a zero denominator and an absurd reference.
	tb = newTIFF()
	rat := tb.data(make([]byte, 24))
	gps := tb.ifd([]rawEntry{
		{tag: 1, typ: tiffTASCII, count: 2, value: 'N'}, {tag: 2, typ: tiffTRational, count: 3, value: rat},
		{tag: 3, typ: tiffTASCII, count: 2, value: 'E'}, {tag: 4, typ: tiffTRational, count: 3, value: rat},
	}, 0)
	tb.patch32(4, tb.ifd([]rawEntry{makeEntry, {tag: tagGPSIFD, typ: tiffTLong, count: 1, value: gps}}, 0))
	out["gps zero denominators"] = tb.b
	return out
}

func TestEXIFHostile(t *testing.T) {
	tests := []struct {
		name     string
		sentinel error // wanted among the warnings
		goexif   bool  // goexif may run
	}{
		{"ifd cycle", ErrFormat, false},
		{"exif pointer loop", ErrFormat, false},
		{"count 2^31", ErrFormat, false},
		{"count 2^32-1", ErrFormat, true}, // goexif refuses this count itself
		{"value past end", ErrFormat, true},
		{"sub-IFD past end", ErrFormat, true},
		{"entry count lie", ErrLimit, false},
		{"overlapping values", ErrFormat, false},
		{"gps zero denominators", nil, true},
	}
	blocks := hostileTIFFs()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			block, ok := blocks[tt.name]
			require.True(t, ok)
			for _, in := range []Input{bytesInput("x.tif", block), bytesInput("x.jpg", jpegWithEXIF(block))} {
				var res *Result
				var err error
				work := MeasureWork(in, 64*in.Size, func(in Input) { res, err = extractImage(t, NewEXIF(), in, Limits{}) })
				t.Log(work)
				// Cycles and loops are cut: no IFD is read again and
				// again, and nothing is allocated for the lies.
				assert.False(t, work.OverBudget, "bytes read again and again")
				assert.LessOrEqual(t, work.Read, 4*in.Size, "bytes read")
				assert.Less(t, work.Alloc, uint64(4<<20), "bytes allocated")
				require.NoError(t, err)
				require.NotNil(t, res)
				assert.Equal(t, "Cano", res.Metadata.Raw["Make"], "our own reader keeps what it read")
				if tt.sentinel != nil {
					require.NotEmpty(t, res.Warnings)
					assert.ErrorIs(t, res.Warnings[0], tt.sentinel)
				}
				skipped := false
				for _, w := range res.Warnings {
					skipped = skipped || strings.Contains(w.Error(), "tag decoder skipped")
				}
				assert.Equal(t, !tt.goexif, skipped, "goexif skipped")
				assert.Nil(t, res.Metadata.GPS)
			}
		})
	}
}

func TestEXIFErrors(t *testing.T) {
	lyingJPEG := []byte{0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 'E', 'x', 'i', 'f', 0, 0}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty jpeg", []byte{0xff, 0xd8, 0xff, 0xd9}, ErrNoRecord},
		{"lying segment length", lyingJPEG, ErrFormat},
		{"not an image", []byte("GIF89a"), ErrFormat},
		{"tiff without IFD", []byte("II*\x00\x00\x00\x00\x00"), ErrFormat},
		{"bad byte order", jpegWithEXIF([]byte("XX*\x00\x08\x00\x00\x00")), ErrFormat},
		{"png without eXIf", pngFile(t), ErrNoRecord},
		{"heif without meta", append([]byte{0, 0, 0, 16, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0}, 0, 0, 0, 8, 'm', 'd', 'a', 't'), ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := bytesInput("x", tt.data)
			_, err := NewEXIF().Extract(context.Background(), in, Limits{})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestEXIFCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewEXIF().Extract(ctx, imageInput(t, "jpeg_exiftool.jpg"), Limits{})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestParseEXIFTime(t *testing.T) {
	tests := []struct {
		s, sub, off string
		want        string
		zone, ok    bool
	}{
		{"2021:04:12 10:30:00", "", "+09:00", "2021-04-12T10:30:00+09:00", true, true},
		{"2021:04:12 10:30:00", "5", "-05:30", "2021-04-12T10:30:00.5-05:30", true, true},
		{"2021:04:12 10:30:00", "123", "", "2021-04-12T10:30:00.123", false, true},
		{"2021:04:12 10:30:00\x00", "", "+99:00", "2021-04-12T10:30:00", false, true},
		{"    :  :     :  :  ", "", "", "", false, false},
		{"2021:13:12 10:30:00", "", "", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.s+tt.off, func(t *testing.T) {
			got, zone, ok := exifParseTime(tt.s, tt.sub, tt.off)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.zone, zone)
			if ok {
				assert.Equal(t, tt.want, FormatTime(got, zone))
			}
		})
	}
}

func TestCopyrightHolder(t *testing.T) {
	tests := map[string]string{
		"© 2021 Toray Industries, Inc.":                         "Toray Industries, Inc.",
		"(c) 2021 Example Trading Co., Ltd.":                    "Example Trading Co., Ltd.",
		"Copyright 2019-2021 Example Corp. All rights reserved": "Example Corp.",
		"Copyright ©2020 東レ株式会社":                                "東レ株式会社",
		"©2021":                                                 "",
		"Copyright 2021":                                        "",
		"":                                                      "",
		"Hanako Kitagawa":                                       "Hanako Kitagawa",
		"ian Britton - FreeFoto.com":                            "ian Britton - FreeFoto.com",
		"© Copyright 2017 Kenji Morita  example.blog (Exif)": "Kenji Morita  example.blog (Exif)",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) { assert.Equal(t, want, copyrightHolder(in)) })
	}
}

func TestEXIFUserComment(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	tests := []struct {
		name  string
		b     []byte
		order binary.ByteOrder
		want  string
	}{
		{"ascii", []byte("ASCII\x00\x00\x00hello\x00\x00"), le, "hello"},
		{"unicode le", append([]byte("UNICODE\x00"), 'h', 0, 'i', 0), le, "hi"},
		{"unicode be", append([]byte("UNICODE\x00"), 0, 'h', 0, 'i'), be, "hi"},
		{"unicode bom", append([]byte("UNICODE\x00"), 0xfe, 0xff, 0x67, 0x71), le, "東"},
		{"jis", append([]byte("JIS\x00\x00\x00\x00\x00"), 0x45, 0x6c), le, "東"},
		{"undefined utf-8", append(make([]byte, 8), "検査"...), le, "検査"},
		{"short", []byte("abc"), le, "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, exifUserComment(tt.b, tt.order)) })
	}
}

func TestGPSCoordNaN(t *testing.T) {
	v := map[string]tiffValue{"GPSLatitude": {typ: tiffTRational, count: 3, val: make([]byte, 24)}}
	_, ok := gpsCoord(v, "GPSLatitude", binary.LittleEndian, "N", "S")
	assert.False(t, ok, "0/0 is no coordinate")
	v["GPSLatitude"] = tiffValue{typ: tiffTRational, count: 1, val: []byte{0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0}}
	_, ok = gpsCoord(v, "GPSLatitude", binary.LittleEndian, "N", "S")
	assert.False(t, ok, "beyond 180 degrees")
	assert.False(t, math.IsNaN(exifRatio(1, 1)))
}

// xpAuthorJPEG is the camera's JPEG with an XPAuthor of the given UTF-16
// text beside its Artist.
func xpAuthorJPEG(xp string) []byte {
	var u []byte
	for _, r := range utf16.Encode([]rune(xp)) {
		u = binary.LittleEndian.AppendUint16(u, r)
	}
	ifd0 := append(cameraIFD0(), tEnt{tagXPAuthor, tiffTByte, append(u, 0, 0)})
	return jpegWithEXIF(tiffBlock(binary.LittleEndian, 42, false, ifd0, cameraExifIFD(), nil))
}

// TestEXIFAuthorsText: the authors of XPAuthor join the Artist's, split
// at ";", but a value holding control characters is bytes of something
// else, not a name (exiv2-bug937.jpg's XPAuthor is "\x02Ĳ\a\b"); it
// stays in Raw as read.
func TestEXIFAuthorsText(t *testing.T) {
	tests := []struct {
		xp   string
		want []string
	}{
		{"Aiko Ueda; Kenji Morita", []string{"Kenji Morita", "Aiko Ueda"}},
		{"\x02Ĳ\a\b", []string{"Kenji Morita"}},
		{"Aiko\x00", []string{"Kenji Morita", "Aiko"}}, // cut at the NUL
		{"Aiko Ueda; \x1b[31m", []string{"Kenji Morita", "Aiko Ueda"}},
	}
	for _, tt := range tests {
		t.Run(tt.xp, func(t *testing.T) {
			res, err := extractImage(t, NewEXIF(), bytesInput("x.jpg", xpAuthorJPEG(tt.xp)), Limits{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, res.Metadata.Authors)
			assert.Contains(t, res.Metadata.Raw, "XPAuthor")
		})
	}
}
