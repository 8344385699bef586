package meta

import (
	"context"
	"fmt"
	"github.com/proofpack/proofpack/internal/testenv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
)

// assertXMPAgrees compares the normalised XMP fields with exiftool.
func assertXMPAgrees(t *testing.T, name string, md Metadata) {
	t.Helper()
	et := exiftoolTags(t, name)
	switch c := et["XMP:Creator"].(type) {
	case string:
		assert.Equal(t, []string{c}, md.Authors)
	case []any:
		want := make([]string, len(c))
		for i, v := range c {
			want[i] = fmt.Sprint(v)
		}
		assert.Equal(t, want, md.Authors)
	}
	str := func(k string) string { s, _ := et[k].(string); return s }
	assert.Equal(t, str("XMP:CreatorTool"), md.Software)
	assert.Equal(t, str("XMP:Title"), md.Title)
	assert.Equal(t, exiftoolTime(str("XMP:CreateDate")), md.Created)
	assert.Equal(t, exiftoolTime(str("XMP:ModifyDate")), md.Modified)
}

func TestXMPFixtures(t *testing.T) {
	toray := Metadata{Authors: []string{"山田 太郎", "Hanako Kitagawa"}, Organisation: "Toray Industries, Inc.",
		Software: "Photos 1.0", Created: "2021-04-12T10:30:00+09:00", Modified: "2021-04-13T08:00:00+09:00",
		Title: "検査写真", TZOffset: "+09:00"}
	tests := []struct {
		file    string
		want    Metadata
		wantRaw map[string]any
	}{
		{"jpeg_exiftool.jpg", toray, map[string]any{
			"photoshop:AuthorsPosition": "Inspector",
			"HistorySoftwareAgent":      []string{"Photos 1.0", "Adobe Photoshop 22.0 (Windows)"},
			"xmpMM:History": []any{
				map[string]any{"stEvt:action": "created", "stEvt:softwareAgent": "Photos 1.0"},
				map[string]any{"stEvt:action": "saved", "stEvt:softwareAgent": "Adobe Photoshop 22.0 (Windows)"},
			},
		}},
		{"jpeg_xmp_first.jpg", toray, nil},
		{"png_exiftool.png", Metadata{Authors: []string{"Taro Yamada"}, Software: "Snipping Tool"}, nil},
		{"tiff_exiftool.tif", Metadata{Authors: []string{"Hanako Kitagawa"}, Software: "ScanSnap Manager"}, nil},
		{"webp_exiftool.webp", Metadata{Authors: []string{"Hanako Kitagawa"}}, nil},
		{"gif_exiftool.gif", Metadata{Authors: []string{"Hanako Kitagawa"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := extractImage(t, NewXMP(), imageInput(t, tt.file), Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			got := res.Metadata
			raw := got.Raw
			got.Raw = nil
			assert.Equal(t, tt.want, got)
			for k, v := range tt.wantRaw {
				assert.Equal(t, v, raw[k], k)
			}
			t.Run("exiftool", func(t *testing.T) { assertXMPAgrees(t, tt.file, res.Metadata) })
		})
	}
}

const xmpHead = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`
const xmpTail = `</rdf:RDF></x:xmpmeta>`

func TestParseXMP(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    Metadata
		wantRaw map[string]any
	}{
		{
			name: "attributes and odd prefixes",
			body: `<rdf:Description xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:a="http://ns.adobe.com/xap/1.0/"
				a:CreatorTool="Microsoft Word" a:CreateDate="2021-04-12T10:30:00+09:00" a:ModifyDate="2021-04-13">
				<d:creator><rdf:Seq><rdf:li>Hanako Kitagawa</rdf:li></rdf:Seq></d:creator></rdf:Description>`,
			want: Metadata{Authors: []string{"Hanako Kitagawa"}, Software: "Microsoft Word",
				Created: "2021-04-12T10:30:00+09:00", Modified: "2021-04-13T00:00:00", TZOffset: "+09:00"},
			wantRaw: map[string]any{"xmp:CreatorTool": "Microsoft Word"},
		},
		{
			name: "alt title, rights, bag, unknown namespace, pdf producer",
			body: `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:my="http://example.com/ns/"
				xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
				<dc:title><rdf:Alt><rdf:li xml:lang="ja">見積書</rdf:li><rdf:li xml:lang="x-default">Quotation</rdf:li></rdf:Alt></dc:title>
				<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2021 Toray Industries, Inc.</rdf:li></rdf:Alt></dc:rights>
				<dc:subject><rdf:Bag><rdf:li>a</rdf:li><rdf:li>b</rdf:li></rdf:Bag></dc:subject>
				<my:Dept>Plant 3</my:Dept><pdf:Producer>LibreOffice 7.4</pdf:Producer></rdf:Description>`,
			want:    Metadata{Title: "Quotation", Organisation: "Toray Industries, Inc.", Software: "LibreOffice 7.4"},
			wantRaw: map[string]any{"dc:subject": []string{"a", "b"}, "my:Dept": "Plant 3"},
		},
		{
			name: "structures and GPS",
			body: `<rdf:Description xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#"
				xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="35,40.8N" exif:GPSLongitude="139,45.6E">
				<xmpMM:DerivedFrom rdf:parseType="Resource"><stRef:documentID>xmp.did:1</stRef:documentID></xmpMM:DerivedFrom>
				<xmpMM:Ingredients><rdf:Bag><rdf:li stRef:filePath="\\fs01\share\a.psd"/></rdf:Bag></xmpMM:Ingredients>
				</rdf:Description>`,
			want: Metadata{GPS: &GPS{Lat: 35.68, Lon: 139.76}},
			wantRaw: map[string]any{
				"xmpMM:DerivedFrom": map[string]any{"stRef:documentID": "xmp.did:1"},
				"xmpMM:Ingredients": []any{map[string]any{"stRef:filePath": `\\fs01\share\a.psd`}},
			},
		},
		{
			// As a picture agency writes them: exiftool reads both.
			name: "name in the wrong case, space before the zone",
			body: `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
				photoshop:DateCreated="2015-01-22T00:00:00 +01:00"><dc:Rights>Kenji Morita</dc:Rights></rdf:Description>`,
			want:    Metadata{Organisation: "Kenji Morita", Created: "2015-01-22T00:00:00+01:00", TZOffset: "+01:00"},
			wantRaw: map[string]any{"dc:Rights": "Kenji Morita"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, md, err := ParseXMP([]byte(xmpHead+tt.body+xmpTail), Limits{})
			require.NoError(t, err)
			if tt.want.GPS != nil {
				require.NotNil(t, md.GPS)
				assert.InDelta(t, tt.want.GPS.Lat, md.GPS.Lat, 1e-9)
				assert.InDelta(t, tt.want.GPS.Lon, md.GPS.Lon, 1e-9)
				md.GPS, tt.want.GPS = nil, nil
			}
			assert.Equal(t, tt.want, md)
			for k, v := range tt.wantRaw {
				assert.Equal(t, v, raw[k], k)
			}
		})
	}
}

func TestParseXMPHostile(t *testing.T) {
	desc := `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/png">`
	tests := []struct {
		name     string
		packet   string
		lim      Limits
		sentinel error
		partial  bool // dc:format still read
	}{
		{"deep nesting", xmpHead + desc + strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000) + `</rdf:Description>` + xmpTail, Limits{}, ErrLimit, true},
		{"many tokens", xmpHead + desc + strings.Repeat("<dc:x>1</dc:x>", 50000) + `</rdf:Description>` + xmpTail, Limits{MaxRecords: 100}, ErrLimit, true},
		{"entity expansion", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
			xmpHead + `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&b;</dc:title></rdf:Description>` + xmpTail, Limits{}, ErrFormat, false},
		{"huge attribute", xmpHead + desc[:len(desc)-1] + ` dc:x="` + strings.Repeat("A", 4<<20) + `">` + `</rdf:Description>` + xmpTail, Limits{MaxRecordBytes: 1 << 20}, ErrFormat, false},
		{"malformed", xmpHead + desc + `</rdf:RDF>`, Limits{}, ErrFormat, true},
		{"no properties", xmpHead + xmpTail, Limits{}, ErrFormat, false},
		{"not xml", "\x00\x01binary", Limits{}, ErrFormat, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var raw map[string]any
			var err error
			packet := []byte(tt.packet)
			alloc := testenv.Allocated(func() { raw, _, err = ParseXMP(packet, tt.lim) })
			// Without the depth and token limits the first two cases
			// build trees of 20 to 40 MB.
			t.Logf("%d bytes allocated", alloc)
			assert.Less(t, alloc, uint64(8<<20), "bytes allocated")
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			if tt.partial {
				assert.Equal(t, "image/png", raw["dc:format"])
			}
		})
	}
}

func TestScanXMP(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"xmpmeta", "junk<x:xmpmeta a='1'>x</x:xmpmeta>junk", "<x:xmpmeta a='1'>x</x:xmpmeta>"},
		{"xapmeta", "<x:xapmeta>y</x:xapmeta>", "<x:xapmeta>y</x:xapmeta>"},
		{"bare rdf", "<rdf:RDF>z</rdf:RDF>", "<rdf:RDF>z</rdf:RDF>"},
		{"unterminated", "<x:xmpmeta>never closed", ""},
		{"none", "plain", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, string(ScanXMP([]byte(tt.data)))) })
	}
}

func TestXMPExtractErrors(t *testing.T) {
	ex := NewXMP()
	assert.Equal(t, "xmp", ex.Name())
	assert.Equal(t, "2", ex.Version())
	assert.True(t, ex.Accepts(identify.Type{MIME: "image/gif"}))
	assert.False(t, ex.Accepts(identify.Type{MIME: "application/pdf"}))
	for name, tt := range map[string]struct {
		data []byte
		want error
	}{
		"jpeg without xmp": {[]byte{0xff, 0xd8, 0xff, 0xd9}, ErrNoRecord},
		"png without xmp":  {pngFile(t), ErrNoRecord},
		"tiff lying ifd":   {[]byte("II*\x00\xff\xff\x00\x00"), ErrNoRecord},
		"broken packet":    {[]byte("GIF89a<x:xmpmeta><rdf:RDF></x:xmpmeta>"), ErrFormat},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ex.Extract(context.Background(), bytesInput("x", tt.data), Limits{})
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func ExampleParseXMP() {
	packet := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmp:CreatorTool="Microsoft Word" xmp:CreateDate="2021-04-12T10:30:00+09:00">
   <dc:creator><rdf:Seq><rdf:li>山田 太郎</rdf:li></rdf:Seq></dc:creator>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2021 Toray Industries, Inc.</rdf:li></rdf:Alt></dc:rights>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>`)
	raw, md, err := ParseXMP(packet, Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(raw["dc:creator"], md.Authors)
	fmt.Println(md.Organisation, "|", md.Software, "|", md.Created, md.TZOffset)
	// Output:
	// [山田 太郎] [山田 太郎]
	// Toray Industries, Inc. | Microsoft Word | 2021-04-12T10:30:00+09:00 +09:00
}
