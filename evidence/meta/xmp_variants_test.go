package meta

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
)

// xmpPacket is a packet with an xpacket wrapper whose description holds
// body (attributes and elements of the dc, xmp and xmpNote namespaces).
func xmpPacket(attrs, body string) string {
	return `<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"` +
		` xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" ` + attrs + `>` +
		body + `</rdf:Description></rdf:RDF></x:xmpmeta>` + strings.Repeat(" ", 64) + `<?xpacket end="w"?>`
}

// jpegWithAPP1 is a minimal JPEG holding the given APP1 payloads.
func jpegWithAPP1(payloads ...[]byte) []byte {
	out := []byte{0xff, 0xd8}
	for _, p := range payloads {
		out = append(out, 0xff, 0xe1)
		out = binary.BigEndian.AppendUint16(out, uint16(len(p)+2))
		out = append(out, p...)
	}
	return append(out, 0xff, 0xd9)
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	for _, c := range u {
		if bigEndian {
			out = binary.BigEndian.AppendUint16(out, c)
		} else {
			out = binary.LittleEndian.AppendUint16(out, c)
		}
	}
	return out
}

// TestXMPJPEGVariants reads the packets of JPEG files as writers other
// than Adobe's leave them: the signature followed by a space instead of
// its NUL, a signature whose first bytes were overwritten with "XMP\0",
// a packet in UTF-16 with or without a byte-order mark, and a packet
// whose wrapper is cut off or followed by NULs.
func TestXMPJPEGVariants(t *testing.T) {
	packet := xmpPacket(`xmp:CreatorTool="Camera Firmware 2.1"`, `<dc:creator><rdf:Seq><rdf:li>Mei Tanaka</rdf:li></rdf:Seq></dc:creator>`)
	cut := packet[:len(packet)-2] // `<?xpacket end="w"` without "?>"
	tests := []struct {
		name    string
		payload []byte
	}{
		{"standard", []byte("http://ns.adobe.com/xap/1.0/\x00" + packet)},
		{"signature ended by a space", []byte("http://ns.adobe.com/xap/1.0/ " + packet)},
		{"signature overwritten with XMP NUL", []byte("XMP\x00://ns.adobe.com/xap/1.0/\x00" + packet)},
		{"UTF-16LE with a byte-order mark", append([]byte("http://ns.adobe.com/xap/1.0/\x00"), utf16Bytes(packet, false, true)...)},
		{"UTF-16BE without a byte-order mark", append([]byte("http://ns.adobe.com/xap/1.0/\x00"), utf16Bytes(packet, true, false)...)},
		{"wrapper cut off", []byte("http://ns.adobe.com/xap/1.0/\x00" + cut)},
		{"NULs after the packet", []byte("http://ns.adobe.com/xap/1.0/\x00" + packet + "\x00\x00\x00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := extractImage(t, NewXMP(), bytesInput("x.jpg", jpegWithAPP1(tt.payload)), Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			assert.Equal(t, []string{"Mei Tanaka"}, res.Metadata.Authors)
			assert.Equal(t, "Camera Firmware 2.1", res.Metadata.Software)
		})
	}
}

// extendedXMPSegment is one APP1 payload of extended XMP.
func extendedXMPSegment(guid string, full, at uint32, part []byte) []byte {
	out := []byte("http://ns.adobe.com/xmp/extension/\x00" + guid)
	out = binary.BigEndian.AppendUint32(out, full)
	out = binary.BigEndian.AppendUint32(out, at)
	return append(out, part...)
}

// TestXMPExtended reads the extended XMP of a JPEG file: the parts of the
// GUID the main packet names, in any order, and none of another GUID.
func TestXMPExtended(t *testing.T) {
	const guid = "0123456789ABCDEF0123456789ABCDEF"
	main := xmpPacket(`xmpNote:HasExtendedXMP="`+guid+`" xmp:CreatorTool="Photo Editor 9"`, "")
	ext := xmpPacket(`photoshop:Credit="Example Fibres K.K."`,
		`<dc:creator><rdf:Seq><rdf:li>Kenji Morita</rdf:li></rdf:Seq></dc:creator>`+
			`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">`+strings.Repeat("Inspection ", 20)+`</rdf:li></rdf:Alt></dc:title>`)
	half := len(ext) / 2
	other := xmpPacket(`xmp:CreatorTool="Someone else"`, "")
	data := jpegWithAPP1(
		[]byte("http://ns.adobe.com/xap/1.0/\x00"+main),
		extendedXMPSegment(guid, uint32(len(ext)), uint32(half), []byte(ext[half:])),
		extendedXMPSegment("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", uint32(len(other)), 0, []byte(other)),
		extendedXMPSegment(guid, uint32(len(ext)), 0, []byte(ext[:half])),
	)
	res, err := extractImage(t, NewXMP(), bytesInput("x.jpg", data), Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, "Photo Editor 9", res.Metadata.Software, "the main packet wins")
	assert.Equal(t, []string{"Kenji Morita"}, res.Metadata.Authors)
	assert.Equal(t, "Example Fibres K.K.", res.Metadata.Raw["photoshop:Credit"])
	assert.True(t, strings.HasPrefix(res.Metadata.Title, "Inspection Inspection"))

	t.Run("a full length that lies", func(t *testing.T) {
		// The parts claim a whole of 4 GiB - 1: only what they hold is
		// allocated, and the gap is reported.
		data := jpegWithAPP1(
			[]byte("http://ns.adobe.com/xap/1.0/\x00"+main),
			extendedXMPSegment(guid, 0xFFFFFFFF, 0, []byte(ext)),
		)
		res, err := extractImage(t, NewXMP(), bytesInput("x.jpg", data), Limits{})
		require.NoError(t, err)
		assert.Equal(t, []string{"Kenji Morita"}, res.Metadata.Authors)
		require.NotEmpty(t, res.Warnings)
		assert.ErrorIs(t, res.Warnings[0], ErrFormat)
	})
	t.Run("parts absent", func(t *testing.T) {
		data := jpegWithAPP1([]byte("http://ns.adobe.com/xap/1.0/\x00" + main))
		res, err := extractImage(t, NewXMP(), bytesInput("x.jpg", data), Limits{})
		require.NoError(t, err)
		assert.Equal(t, "Photo Editor 9", res.Metadata.Software)
		require.Len(t, res.Warnings, 1)
		assert.ErrorIs(t, res.Warnings[0], ErrFormat)
	})
}

// TestXMPDocuments reads XMP that stands alone: an .xmp sidecar (UTF-8 and
// UTF-16), an RDF document, and the metadata of SVG images, whose
// namespaces are declared on the root element and whose RDF holds a
// typed node (cc:Work) rather than rdf:Description.
func TestXMPDocuments(t *testing.T) {
	sidecar := xmpPacket(`xmp:CreateDate="2021-04-12T10:30:00+09:00" xmp:CreatorTool="Photo Editor 9"`,
		`<dc:creator><rdf:Seq><rdf:li>Hana Kitagawa</rdf:li></rdf:Seq></dc:creator>`)
	svg := `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:cc="http://creativecommons.org/ns#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     width="10" height="10">
 <metadata id="metadata7">
  <rdf:RDF>
   <cc:Work rdf:about="">
    <dc:format>image/svg+xml</dc:format>
    <dc:title>Site plan, building C</dc:title>
    <dc:creator><rdf:Seq><rdf:li>Kenji Morita</rdf:li></rdf:Seq></dc:creator>
   </cc:Work>
  </rdf:RDF>
 </metadata>
 <rect width="10" height="10"/>
 <text>&unknownEntity; after the metadata</text>
</svg>`
	illustrator := `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg">]>
<svg xmlns="&ns_svg;"><metadata>` + sidecar + `</metadata></svg>`
	tests := []struct {
		name    string
		data    []byte
		mime    string
		authors []string
		title   string
	}{
		{"xmp sidecar", []byte(sidecar), identify.MIMEXMP, []string{"Hana Kitagawa"}, ""},
		{"xmp sidecar in UTF-16", utf16Bytes(sidecar, false, true), identify.MIMEXMP, []string{"Hana Kitagawa"}, ""},
		{"rdf document", []byte(`<?xml version="1.0"?>` + sidecar[strings.Index(sidecar, "<rdf:RDF"):strings.Index(sidecar, "</x:xmpmeta>")]),
			identify.MIMEXMP, []string{"Hana Kitagawa"}, ""},
		{"svg with a typed node", []byte(svg), "image/svg+xml", []string{"Kenji Morita"}, "Site plan, building C"},
		{"svg with entities of its own", []byte(illustrator), "image/svg+xml", []string{"Hana Kitagawa"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := bytesInput("x", tt.data)
			assert.Equal(t, tt.mime, in.Type.MIME, "identify")
			res, err := extractImage(t, NewXMP(), in, Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			assert.Equal(t, tt.authors, res.Metadata.Authors)
			assert.Equal(t, tt.title, res.Metadata.Title)
		})
	}
	t.Run("indesign", func(t *testing.T) {
		// InDesign keeps its XMP packet after the master pages, in the
		// first megabyte of every document we know: the window finds it.
		data := append(append(append([]byte{}, 0x06, 0x06, 0xED, 0xF5, 0xD8, 0x1D, 0x46, 0xE5, 0xBD, 0x31, 0xEF, 0xE7, 0xFE, 0x74, 0xB7, 0x1D),
			make([]byte, 8192)...), sidecar...)
		in := bytesInput("x.indd", data)
		require.Equal(t, "application/x-indesign", in.Type.MIME)
		res, err := extractImage(t, NewXMP(), in, Limits{})
		require.NoError(t, err)
		assert.Equal(t, []string{"Hana Kitagawa"}, res.Metadata.Authors)
	})
	t.Run("svg without metadata", func(t *testing.T) {
		in := bytesInput("x", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`))
		_, err := NewXMP().Extract(context.Background(), in, Limits{})
		assert.ErrorIs(t, err, ErrNoRecord)
	})
	t.Run("svg of megabytes without metadata", func(t *testing.T) {
		big := `<svg xmlns="http://www.w3.org/2000/svg">` + strings.Repeat(`<rect width="10" height="10"/>`, 60000) + `</svg>`
		_, err := NewXMP().Extract(context.Background(), bytesInput("x", []byte(big)), Limits{})
		assert.ErrorIs(t, err, ErrNoRecord, "not parsed, not malformed")
	})
	t.Run("xmp sidecar without properties", func(t *testing.T) {
		in := bytesInput("x", []byte(xmpHead+xmpTail))
		_, err := NewXMP().Extract(context.Background(), in, Limits{})
		assert.ErrorIs(t, err, ErrFormat)
	})
	t.Run("svg much larger than its metadata", func(t *testing.T) {
		// The drawing around the metadata does not count against the
		// token budget of the properties.
		big := strings.Replace(svg, `<rect width="10" height="10"/>`, strings.Repeat(`<rect width="10" height="10"/>`, 20000), 1)
		big = strings.Replace(big, `<metadata id="metadata7">`, strings.Repeat(`<g><path d="M0 0"/></g>`, 20000)+`<metadata>`, 1)
		res, err := extractImage(t, NewXMP(), bytesInput("x", []byte(big)), Limits{MaxRecords: 100})
		require.NoError(t, err)
		assert.Equal(t, "Site plan, building C", res.Metadata.Title)
	})
}

func ExampleNewXMP_sidecar() {
	sidecar := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    tiff:Make="Example Optics" xmp:CreatorTool="Photo Organiser 3.2" xmp:CreateDate="2022-10-01T09:15:00+02:00"/>
 </rdf:RDF>
</x:xmpmeta>`)
	in := Input{Name: "IMG_0042.xmp", Type: identify.Detect(sidecar), R: strings.NewReader(string(sidecar)), Size: int64(len(sidecar))}
	res, err := Run(context.Background(), Extractors(), in, Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Type.MIME, "|", res.Metadata.Software, "|", res.Metadata.Created)
	// Output:
	// application/rdf+xml | Photo Organiser 3.2 | 2022-10-01T09:15:00+02:00
}
