package identify

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/dsnet/compress/bzip2"
	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/require"
	"github.com/ulikunitz/xz"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// testImage is a small picture with some structure, so that encoders
// produce ordinary files.
func testImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	for y := 0; y < 12; y++ {
		for x := 0; x < 16; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 16), uint8(y * 20), 128, 255})
		}
	}
	return img
}

func encodeImage(t testing.TB, enc func(io.Writer, image.Image) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, enc(&buf, testImage()))
	return buf.Bytes()
}

// zipEntry is one file of a zip built by buildZip.
type zipEntry struct {
	name   string
	body   string
	stored bool
}

func buildZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e.stored {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
		require.NoError(t, err)
		_, err = io.WriteString(w, e.body)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

const relsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>`

func contentTypesXML(part, contentType string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="` + part + `" ContentType="` + contentType + `"/>
</Types>`
}

// buildOOXML writes an OOXML package whose [Content_Types].xml comes after
// the main part and the relationships, the order that defeats
// h2non/filetype.
func buildOOXML(t testing.TB, part, contentType string) []byte {
	t.Helper()
	return buildZip(t,
		zipEntry{name: "docProps/core.xml", body: `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Hana Kitagawa</dc:creator></cp:coreProperties>`},
		zipEntry{name: strings.TrimPrefix(part, "/"), body: `<?xml version="1.0"?><root/>`},
		zipEntry{name: "_rels/.rels", body: strings.Replace(relsXML, "%s", strings.TrimPrefix(part, "/"), 1)},
		zipEntry{name: "[Content_Types].xml", body: contentTypesXML(part, contentType)},
	)
}

// xlsbContentTypes is the [Content_Types].xml of a binary workbook as
// Excel writes it: the main part's type is the Default of "bin", and the
// other binary parts override it.
const xlsbContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/><Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

// buildXLSB writes a binary workbook's package, parts in Excel's order.
func buildXLSB(t testing.TB) []byte {
	t.Helper()
	return buildZip(t,
		zipEntry{name: "[Content_Types].xml", body: xlsbContentTypes},
		zipEntry{name: "_rels/.rels", body: strings.Replace(relsXML, "%s", "xl/workbook.bin", 1)},
		zipEntry{name: "xl/worksheets/sheet1.bin", body: "\x81\x01\x00"},
		zipEntry{name: "xl/workbook.bin", body: "\x83\x01\x00"},
		zipEntry{name: "xl/styles.bin", body: "\x96\x02\x00"},
		zipEntry{name: "docProps/core.xml", body: `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Hana Kitagawa</dc:creator></cp:coreProperties>`},
	)
}

// buildODF writes an ODF or EPUB package with its mimetype entry first and
// stored, as the specifications require.
func buildODF(t testing.TB, mimetype string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "mimetype", Method: zip.Store, CRC32: crc32.ChecksumIEEE([]byte(mimetype)),
		CompressedSize64: uint64(len(mimetype)), UncompressedSize64: uint64(len(mimetype)),
	})
	require.NoError(t, err)
	_, err = io.WriteString(w, mimetype)
	require.NoError(t, err)
	for _, e := range []zipEntry{
		{name: "content.xml", body: `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`},
		{name: "META-INF/manifest.xml", body: `<?xml version="1.0"?><manifest/>`},
	} {
		w, err := zw.Create(e.name)
		require.NoError(t, err)
		_, err = io.WriteString(w, e.body)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// buildODFDescriptor writes an ODF package whose mimetype entry has its
// sizes in a data descriptor, as generic zip writers do.
func buildODFDescriptor(t testing.TB, mimetype string) []byte {
	t.Helper()
	return buildZip(t,
		zipEntry{name: "mimetype", body: mimetype, stored: true},
		zipEntry{name: "content.xml", body: `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`},
		zipEntry{name: "META-INF/manifest.xml", body: `<?xml version="1.0"?><manifest/>`},
	)
}

// cfbNode is a stream (kids == nil) or a storage of a compound file built
// by buildCFB.
type cfbNode struct {
	name string
	kids []cfbNode
}

// CFB constants for buildCFB.
const (
	cfbFree   = 0xFFFFFFFF
	cfbEnd    = 0xFFFFFFFE
	cfbFATSec = 0xFFFFFFFD
	cfbNone   = 0xFFFFFFFF
)

// buildCFB writes a minimal valid OLE2 compound file (version 3, 512-byte
// sectors, one FAT sector) holding the given tree. Every stream is 4096
// bytes, the mini-stream cutoff, so no mini FAT is needed. Siblings are
// chained through right-sibling links, which readers accept.
func buildCFB(t testing.TB, nodes []cfbNode) []byte {
	t.Helper()
	type dirEntry struct {
		name               string
		typ                byte
		left, right, child uint32
		start, size        uint32
	}
	entries := []dirEntry{{name: "Root Entry", typ: 5, left: cfbNone, right: cfbNone, child: cfbNone, start: cfbEnd}}
	var streams []int // entry indexes of streams, in sector order
	var add func(list []cfbNode) uint32
	add = func(list []cfbNode) uint32 {
		first := uint32(cfbNone)
		prev := -1
		for _, n := range list {
			idx := len(entries)
			e := dirEntry{name: n.name, typ: 2, left: cfbNone, right: cfbNone, child: cfbNone}
			if n.kids != nil {
				e.typ = 1
			} else {
				e.size = 4096
				streams = append(streams, idx)
			}
			entries = append(entries, e)
			if n.kids != nil {
				c := add(n.kids)
				entries[idx].child = c
			}
			if prev < 0 {
				first = uint32(idx)
			} else {
				entries[prev].right = uint32(idx)
			}
			prev = idx
		}
		return first
	}
	entries[0].child = add(nodes)

	dirSectors := (len(entries) + 3) / 4
	total := 1 + dirSectors + 8*len(streams)
	require.LessOrEqual(t, total, 128, "buildCFB supports one FAT sector")
	fat := make([]uint32, 128)
	for i := range fat {
		fat[i] = cfbFree
	}
	fat[0] = cfbFATSec
	for i := 0; i < dirSectors; i++ {
		fat[1+i] = uint32(2 + i)
	}
	fat[dirSectors] = cfbEnd
	next := uint32(1 + dirSectors)
	for _, idx := range streams {
		entries[idx].start = next
		for j := uint32(0); j < 8; j++ {
			fat[next+j] = next + j + 1
		}
		fat[next+7] = cfbEnd
		next += 8
	}

	out := make([]byte, 512*(1+total))
	h := out[:512]
	copy(h, sigOLE2)
	le := binary.LittleEndian
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1) // FAT sectors
	le.PutUint32(h[48:], 1) // first directory sector
	le.PutUint32(h[56:], 4096)
	le.PutUint32(h[60:], cfbEnd)
	le.PutUint32(h[68:], cfbEnd)
	for i := 0; i < 109; i++ {
		le.PutUint32(h[76+4*i:], cfbFree)
	}
	le.PutUint32(h[76:], 0)
	for i, v := range fat {
		le.PutUint32(out[512+4*i:], v)
	}
	for i := range dirSectors * 4 {
		d := out[512*2+128*i : 512*2+128*(i+1)]
		le.PutUint32(d[68:], cfbNone)
		le.PutUint32(d[72:], cfbNone)
		le.PutUint32(d[76:], cfbNone)
		if i >= len(entries) {
			continue
		}
		e := entries[i]
		name := utf16.Encode([]rune(e.name))
		for j, u := range name {
			le.PutUint16(d[2*j:], u)
		}
		le.PutUint16(d[64:], uint16(2*len(name)+2))
		d[66] = e.typ
		d[67] = 1
		le.PutUint32(d[68:], e.left)
		le.PutUint32(d[72:], e.right)
		le.PutUint32(d[76:], e.child)
		le.PutUint32(d[116:], e.start)
		le.PutUint64(d[120:], uint64(e.size))
	}
	for _, idx := range streams {
		s := out[512*(1+int(entries[idx].start)):]
		copy(s[:4096], bytes.Repeat([]byte(entries[idx].name), 4096/len(entries[idx].name)+1))
	}
	return out
}

func streams(names ...string) []cfbNode {
	out := make([]cfbNode, len(names))
	for i, n := range names {
		out[i] = cfbNode{name: n}
	}
	return out
}

func buildTar(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	body := "part,qty\nbolt,12\n"
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: "docs/parts.csv", Mode: 0o644, Size: int64(len(body)), Format: tar.FormatUSTAR}))
	_, err := io.WriteString(tw, body)
	require.NoError(t, err)
	require.NoError(t, tw.Close())
	return buf.Bytes()
}

// buildV7Tar turns a USTAR archive into an old V7 one: no magic, version,
// user or group names, and a fresh checksum.
func buildV7Tar(t testing.TB) []byte {
	t.Helper()
	b := buildTar(t)
	h := b[:512]
	for i := 257; i < 345; i++ {
		h[i] = 0
	}
	for i := 148; i < 156; i++ {
		h[i] = ' '
	}
	sum := 0
	for _, c := range h {
		sum += int(c)
	}
	copy(h[148:], strconv.FormatInt(int64(sum), 8)+"\x00")
	require.False(t, isTar(b) && string(h[257:262]) == "ustar")
	return b
}

func compress(t testing.TB, data []byte, newWriter func(io.Writer) (io.WriteCloser, error)) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := newWriter(&buf)
	require.NoError(t, err)
	_, err = w.Write(data)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func gzipWriter(w io.Writer) (io.WriteCloser, error) { return gzip.NewWriter(w), nil }
func bzip2Writer(w io.Writer) (io.WriteCloser, error) {
	return bzip2.NewWriter(w, &bzip2.WriterConfig{Level: bzip2.BestSpeed})
}
func xzWriter(w io.Writer) (io.WriteCloser, error)   { return xz.NewWriter(w) }
func zstdWriter(w io.Writer) (io.WriteCloser, error) { return zstd.NewWriter(w) }

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// Fictional Japanese business text.
const japaneseText = "見積書\n株式会社サンプル商事 御中\n件名：部品の発注について\nいつもお世話になっております。下記の通りお見積り申し上げます。\n"

const emailText = "Return-Path: <hana.kitagawa@example.co.jp>\r\n" +
	"Received: from mail.example.co.jp (mail.example.co.jp [192.0.2.10])\r\n" +
	"\tby mx.example.net with ESMTP id 12345\r\n" +
	"From: Hana Kitagawa <hana.kitagawa@example.co.jp>\r\n" +
	"To: Taro Yamada <taro.yamada@example.net>\r\n" +
	"Subject: Quotation\r\n" +
	"Date: Mon, 4 Mar 2024 10:00:00 +0900\r\n" +
	"Message-ID: <20240304100000.1@example.co.jp>\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"\r\n" +
	"Please find the quotation attached.\r\n"

// garbage returns deterministic random bytes.
func garbage(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// sample is one file of the shared table: tests, benchmarks and the fuzz
// seeds all use it.
type sample struct {
	name    string
	data    []byte
	want    Type // from Detect
	refined Type // from Refine; zero means "same as want"
}

func imageType(mime, ext string) Type {
	return Type{MIME: mime, Ext: ext, Kind: KindImage, By: ByMagic}
}

func textType(base Type, charset string) Type {
	base.Charset = charset
	return base
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		require.NoError(t, err)
		b, err = io.ReadAll(zr)
		require.NoError(t, err)
	}
	return b
}

// samples builds the table of real files.
func samples(t testing.TB) []sample {
	t.Helper()
	csv := "id,name,dept\n1,Hana Kitagawa,Procurement\n2,Taro Yamada,Sales\n3,\"Doe, Jane\",Legal\n"
	tsv := "id\tname\tdept\n1\tHana Kitagawa\tProcurement\n2\tTaro Yamada\tSales\n"
	longJP := strings.Repeat(japaneseText, 60)
	oleDoc := Type{MIME: MIMEOLE2, Kind: KindOther, By: ByMagic}
	return []sample{
		{name: "png", data: encodeImage(t, png.Encode), want: imageType("image/png", "png")},
		{name: "jpeg", data: encodeImage(t, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) }), want: imageType("image/jpeg", "jpg")},
		{name: "gif", data: encodeImage(t, func(w io.Writer, m image.Image) error { return gif.Encode(w, m, nil) }), want: imageType("image/gif", "gif")},
		{name: "bmp", data: encodeImage(t, bmp.Encode), want: imageType("image/bmp", "bmp")},
		{name: "tiff", data: encodeImage(t, func(w io.Writer, m image.Image) error { return tiff.Encode(w, m, nil) }), want: imageType("image/tiff", "tif")},
		{name: "webp", data: append([]byte("RIFF\x24\x00\x00\x00WEBPVP8L\x18\x00\x00\x00\x2f\x00\x00\x00"), make([]byte, 24)...), want: imageType("image/webp", "webp")},
		{name: "ico", data: append([]byte{0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 22, 0, 0, 0}, make([]byte, 64)...), want: imageType("image/vnd.microsoft.icon", "ico")},
		{name: "heic", data: append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 32)...), want: imageType("image/heic", "heic")},
		{name: "avif", data: append([]byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), make([]byte, 32)...), want: imageType("image/avif", "avif")},
		{name: "psd", data: psdSample(), want: typePSD},
		{name: "cr3", data: append([]byte("\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom"), make([]byte, 32)...), want: typeCR3},
		{name: "rw2", data: append([]byte("IIU\x00\x18\x00\x00\x00"), make([]byte, 32)...), want: typeRW2},
		{name: "orf", data: append([]byte("IIRO\x08\x00\x00\x00"), make([]byte, 32)...), want: typeORF},
		{name: "raf", data: append([]byte("FUJIFILMCCD-RAW 0201FF129502X-T2"), make([]byte, 64)...), want: typeRAF},
		{name: "mrw", data: append([]byte("\x00MRM\x00\x00\x00\x10\x00PRD"), make([]byte, 32)...), want: typeMRW},
		{name: "x3f", data: append([]byte("FOVb\x03\x00\x02\x00"), make([]byte, 32)...), want: typeX3F},
		{name: "jxr", data: append([]byte("II\xbc\x01\x08\x00\x00\x00"), make([]byte, 32)...), want: typeJXR},
		{name: "jp2", data: append([]byte("\x00\x00\x00\x0cjP  \r\n\x87\n\x00\x00\x00\x14ftypjp2 "), make([]byte, 32)...), want: typeJP2},
		{name: "jxl", data: append([]byte("\x00\x00\x00\x0cJXL \r\n\x87\n\x00\x00\x00\x14ftypjxl "), make([]byte, 32)...), want: typeJXL},
		{name: "exv", data: append([]byte("\xff\x01Exiv2\xff\xe1\x00\x10Exif\x00\x00II*\x00"), make([]byte, 32)...), want: typeEXV},
		{name: "bare-exif", data: append([]byte("Exif\x00\x00MM\x00*\x00\x00\x00\x08"), make([]byte, 32)...), want: typeEXIF},
		{name: "xcf", data: append([]byte("gimp xcf v011\x00"), make([]byte, 32)...), want: typeXCF},
		{name: "djvu", data: append([]byte("AT&TFORM\x00\x00\x85\x1fDJVMDIRM"), make([]byte, 32)...), want: typeDjVu},
		{name: "miff", data: []byte("id=ImageMagick  version=1.0\nclass=DirectClass  colors=0  matte=False\ncolumns=8  rows=8  depth=8\n\f\n:\x1a"), want: typeMIFF},
		{name: "eps", data: []byte("%!PS-Adobe-3.0 EPSF-3.0\n%%Creator: Example Draw 2.1\n%%BoundingBox: 0 0 10 10\n%%EndComments\n"), want: typeEPS},
		{name: "eps-dos", data: append([]byte{0xC5, 0xD0, 0xD3, 0xC6, 30, 0, 0, 0}, make([]byte, 40)...), want: typeEPS},
		{name: "pgf", data: append([]byte("PGF6\x10\x00\x00\x00"), make([]byte, 32)...), want: typePGF},
		{name: "indd", data: append(append([]byte{}, sigINDD...), make([]byte, 64)...), want: typeINDD},
		{name: "pdf", data: []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"), want: Type{MIME: "application/pdf", Ext: "pdf", Kind: KindPDF, By: ByMagic}},
		{name: "rtf", data: []byte(`{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}}\f0 Quotation for Example Widgets\par}`), want: Type{MIME: "application/rtf", Ext: "rtf", Kind: KindDocument, By: ByMagic}},
		{
			name:    "docx",
			data:    buildOOXML(t, "/word/document.xml", oxWord+"document.main+xml"),
			want:    byMagic(ooxmlFormats[0].typ),
			refined: container(oxWord+"document", "docx", KindDocument),
		},
		{
			name:    "docm",
			data:    buildOOXML(t, "/word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
			want:    byMagic(ooxmlFormats[0].typ),
			refined: container("application/vnd.ms-word.document.macroEnabled.12", "docm", KindDocument),
		},
		{
			name:    "xlsx",
			data:    buildOOXML(t, "/xl/workbook.xml", oxExcel+"sheet.main+xml"),
			want:    byMagic(container(oxExcel+"sheet", "xlsx", KindSpreadsheet)),
			refined: container(oxExcel+"sheet", "xlsx", KindSpreadsheet),
		},
		{
			name:    "xlsm",
			data:    buildOOXML(t, "/xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
			want:    byMagic(container(oxExcel+"sheet", "xlsx", KindSpreadsheet)),
			refined: container("application/vnd.ms-excel.sheet.macroEnabled.12", "xlsm", KindSpreadsheet),
		},
		{
			name:    "pptx",
			data:    buildOOXML(t, "/ppt/presentation.xml", oxPower+"presentation.main+xml"),
			want:    byMagic(container(oxPower+"presentation", "pptx", KindPresentation)),
			refined: container(oxPower+"presentation", "pptx", KindPresentation),
		},
		{
			name:    "ppsx",
			data:    buildOOXML(t, "/ppt/presentation.xml", oxPower+"slideshow.main+xml"),
			want:    byMagic(container(oxPower+"presentation", "pptx", KindPresentation)),
			refined: container(oxPower+"slideshow", "ppsx", KindPresentation),
		},
		{
			name:    "odt",
			data:    buildODF(t, odf+"text"),
			want:    byMagic(container(odf+"text", "odt", KindDocument)),
			refined: container(odf+"text", "odt", KindDocument),
		},
		{
			name:    "odt-descriptor",
			data:    buildODFDescriptor(t, odf+"text"),
			want:    byMagic(container(odf+"text", "odt", KindDocument)),
			refined: container(odf+"text", "odt", KindDocument),
		},
		{
			name:    "ods",
			data:    buildODF(t, odf+"spreadsheet"),
			want:    byMagic(container(odf+"spreadsheet", "ods", KindSpreadsheet)),
			refined: container(odf+"spreadsheet", "ods", KindSpreadsheet),
		},
		{
			name:    "odp",
			data:    buildODF(t, odf+"presentation"),
			want:    byMagic(container(odf+"presentation", "odp", KindPresentation)),
			refined: container(odf+"presentation", "odp", KindPresentation),
		},
		{
			name:    "epub",
			data:    buildODF(t, "application/epub+zip"),
			want:    byMagic(container("application/epub+zip", "epub", KindDocument)),
			refined: container("application/epub+zip", "epub", KindDocument),
		},
		{
			name:    "jar",
			data:    buildZip(t, zipEntry{name: "META-INF/MANIFEST.MF", body: "Manifest-Version: 1.0\n"}, zipEntry{name: "app/Main.class", body: "\xca\xfe\xba\xbe"}),
			want:    typeZip,
			refined: typeJAR,
		},
		{
			name:    "zip",
			data:    buildZip(t, zipEntry{name: "word/readme.txt", body: "not a document"}, zipEntry{name: "notes.txt", body: "hello"}),
			want:    typeZip,
			refined: container(MIMEZip, "zip", KindArchive),
		},
		{
			name:    "zip-fake-docx",
			data:    buildZip(t, zipEntry{name: "[Content_Types].xml", body: contentTypesXML("/word/document.xml", oxWord+"document.main+xml")}, zipEntry{name: "word/other.xml", body: "<x/>"}),
			want:    byMagic(ooxmlFormats[0].typ),
			refined: container(MIMEZip, "zip", KindArchive),
		},
		{
			// Excel declares the workbook of an xlsb by a Default for its
			// extension, never by an Override.
			name:    "xlsb",
			data:    buildXLSB(t),
			want:    byMagic(container(oxExcel+"sheet", "xlsx", KindSpreadsheet)),
			refined: container("application/vnd.ms-excel.sheet.binary.macroEnabled.12", "xlsb", KindSpreadsheet),
		},
		{
			// The first member fills the prefix: nothing there says
			// docx, and only the container does.
			name: "docx-thumbnail-first",
			data: buildZip(t,
				zipEntry{name: "docProps/thumbnail.jpeg", body: string(garbage(PrefixLen + 100)), stored: true},
				zipEntry{name: "word/document.xml", body: `<?xml version="1.0"?><root/>`},
				zipEntry{name: "[Content_Types].xml", body: contentTypesXML("/word/document.xml", oxWord+"document.main+xml")}),
			want:    typeZip,
			refined: container(oxWord+"document", "docx", KindDocument),
		},
		{
			// A Default for a main type that no part of the zip takes.
			name:    "zip-default-unused",
			data:    buildZip(t, zipEntry{name: "[Content_Types].xml", body: xlsbContentTypes}, zipEntry{name: "notes.txt", body: "hello"}),
			want:    typeZip,
			refined: container(MIMEZip, "zip", KindArchive),
		},
		{name: "doc-lo", data: readFixture(t, "lo-memo.doc"), want: oleDoc, refined: typeDoc},
		{name: "xls-lo", data: readFixture(t, "lo-sheet.xls"), want: oleDoc, refined: typeXls},
		{name: "ppt-lo", data: readFixture(t, "lo-slides.ppt.gz"), want: oleDoc, refined: typePpt},
		{name: "doc-cfb", data: buildCFB(t, streams("\x01CompObj", "WordDocument", "1Table")), want: oleDoc, refined: typeDoc},
		{name: "xls-book", data: buildCFB(t, streams("Book")), want: oleDoc, refined: typeXls},
		{
			name:    "xls-embedded-doc",
			data:    buildCFB(t, []cfbNode{{name: "Workbook"}, {name: "ObjectPool", kids: []cfbNode{{name: "_1234", kids: streams("WordDocument")}}}}),
			want:    oleDoc,
			refined: typeXls,
		},
		{name: "msg", data: buildCFB(t, append(streams("__properties_version1.0", "__substg1.0_0037001F"), cfbNode{name: "__recip_version1.0_#00000000", kids: streams("__substg1.0_39FE001F")})), want: oleDoc, refined: typeMsg},
		{
			name:    "encrypted-ooxml",
			data:    buildCFB(t, streams("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces")),
			want:    oleDoc,
			refined: Type{MIME: MIMEOLE2, Kind: KindOther, By: ByContainer, Encrypted: true},
		},
		{name: "ole-other", data: buildCFB(t, streams("\x05SummaryInformation", "Contents")), want: oleDoc},
		{name: "tar", data: buildTar(t), want: typeTar},
		{name: "tar-v7", data: buildV7Tar(t), want: typeTar},
		{name: "gzip", data: compress(t, buildTar(t), gzipWriter), want: typeGzip},
		{name: "bzip2", data: compress(t, []byte(csv), bzip2Writer), want: typeBzip2},
		{name: "xz", data: compress(t, []byte(csv), xzWriter), want: typeXz},
		{name: "zstd", data: compress(t, []byte(csv), zstdWriter), want: typeZstd},
		{name: "7z", data: append([]byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4}, garbage(56)...), want: type7z},
		{name: "rar4", data: append([]byte("Rar!\x1a\x07\x00\xcf\x90\x73\x00\x00\x0d\x00"), garbage(40)...), want: typeRar},
		{name: "rar5", data: append([]byte("Rar!\x1a\x07\x01\x00\x33\x92\xb5\xe5\x0a\x01\x05\x06"), garbage(40)...), want: typeRar},
		{name: "ascii", data: []byte("Meeting notes\nBudget approved.\n"), want: textType(typePlain, CharsetASCII)},
		{name: "utf-8", data: []byte(japaneseText), want: textType(typePlain, CharsetUTF8)},
		{name: "utf-8-bom", data: append([]byte{0xEF, 0xBB, 0xBF}, japaneseText...), want: textType(typePlain, CharsetUTF8)},
		{name: "utf-16le-bom", data: utf16Bytes("Quarterly report\r\n"+japaneseText, false, true), want: textType(typePlain, CharsetUTF16LE)},
		{name: "utf-16be-bom", data: utf16Bytes(japaneseText, true, true), want: textType(typePlain, CharsetUTF16BE)},
		{name: "utf-16le", data: utf16Bytes("Quarterly report for the procurement team.\r\n", false, false), want: textType(typePlain, CharsetUTF16LE)},
		{name: "utf-16be", data: utf16Bytes("Quarterly report for the procurement team.\r\n", true, false), want: textType(typePlain, CharsetUTF16BE)},
		{name: "shift_jis", data: encode(t, japanese.ShiftJIS, japaneseText), want: textType(typePlain, CharsetShiftJIS)},
		{name: "shift_jis-long", data: encode(t, japanese.ShiftJIS, longJP), want: textType(typePlain, CharsetShiftJIS)},
		{name: "euc-jp", data: encode(t, japanese.EUCJP, japaneseText), want: textType(typePlain, CharsetEUCJP)},
		{name: "euc-jp-long", data: encode(t, japanese.EUCJP, longJP), want: textType(typePlain, CharsetEUCJP)},
		{name: "iso-2022-jp", data: encode(t, japanese.ISO2022JP, japaneseText), want: textType(typePlain, CharsetISO2022JP)},
		{name: "windows-1252", data: encode(t, charmap.Windows1252, "Größe und Qualität der Lieferung für München.\n"), want: textType(typePlain, CharsetWindows1252)},
		{name: "html", data: []byte("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>社内ポータル</title></head><body>ok</body></html>\n"), want: textType(typeHTML, CharsetUTF8)},
		{name: "html-fragment", data: []byte("<!-- saved page -->\n<div class=x>\n<HEAD><TITLE>Portal</TITLE></HEAD>\n"), want: textType(typeHTML, CharsetASCII)},
		{name: "xml", data: []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<orders><order id=\"1\"/></orders>\n"), want: textType(typeXML, CharsetASCII)},
		{name: "xml-no-decl", data: []byte("<orders>\n <order id=\"1\">bolt</order>\n</orders>\n"), want: textType(typeXML, CharsetASCII)},
		{name: "svg", data: []byte("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n"), want: textType(typeSVG, CharsetASCII)},
		{name: "xmp-sidecar", data: []byte("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta>\n"), want: textType(typeXMP, CharsetUTF8)},
		{name: "rdf-document", data: []byte("<?xml version=\"1.0\"?>\n<!-- Dublin Core -->\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description/></rdf:RDF>\n"), want: textType(typeXMP, CharsetASCII)},
		{name: "json", data: []byte(`{"employees": [{"name": "Hana Kitagawa", "id": 1}, {"name": "Taro Yamada", "id": 2}]}`), want: textType(typeJSON, CharsetASCII)},
		{name: "json-array", data: []byte("\n[1, 2, 3]\n"), want: textType(typeJSON, CharsetASCII)},
		{name: "ini-not-json", data: []byte("[server]\nhost = intranet.example.co.jp\nport = 8080\n"), want: textType(typePlain, CharsetASCII)},
		{name: "csv", data: []byte(csv), want: textType(typeCSV, CharsetASCII)},
		{name: "csv-semicolon", data: []byte("a;b;c\n1;2;3\n4;5;6\n"), want: textType(typeCSV, CharsetASCII)},
		{name: "csv-shift_jis", data: encode(t, japanese.ShiftJIS, "社員番号,氏名,部署\n1,北川花,調達部\n2,山田太郎,営業部\n"), want: textType(typeCSV, CharsetShiftJIS)},
		{name: "tsv", data: []byte(tsv), want: textType(typeTSV, CharsetASCII)},
		{name: "email", data: []byte(emailText), want: textType(typeEmail, CharsetASCII)},
		{name: "email-iso-2022-jp", data: append([]byte("From: a@example.co.jp\nTo: b@example.co.jp\nSubject: test\n\n"), encode(t, japanese.ISO2022JP, japaneseText)...), want: textType(typeEmail, CharsetISO2022JP)},
		{name: "garbage", data: garbage(4096), want: unknownType},
		{name: "text-with-nuls", data: []byte("name\x00\x00\x00\x01\x02value\x00\x00\x03\x04more\x00"), want: unknownType},
		{name: "bm-prose", data: []byte("BMW service appointment on Monday.\n"), want: textType(typePlain, CharsetASCII)},
		{name: "mz-prose", data: []byte("MZ-1 unit arrived damaged; please advise.\n"), want: textType(typePlain, CharsetASCII)},
		{name: "single-byte", data: []byte{0x00}, want: unknownType},
	}
}

// psdSample is a PSD whose first bytes are mostly text: a short header
// with few NULs, then an XMP packet in its image resources, as some
// Photoshop files are. Its signature must win over text detection.
func psdSample() []byte {
	packet := "<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" + strings.Repeat("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"></x:xmpmeta>\n", 120)
	out := []byte("8BPS\x00\x01\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x04\x00\x00\x00\x08\x00\x08\x00\x01")
	out = binary.BigEndian.AppendUint32(out, 0)
	out = binary.BigEndian.AppendUint32(out, uint32(12+len(packet)))
	out = append(out, "8BIM\x04\x24\x00\x00"...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(packet)))
	return append(out, packet...)
}
