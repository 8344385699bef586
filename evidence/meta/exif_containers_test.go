package meta

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tiffOrder is a byte order that appends.
type tiffOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tEnt is one entry of a directory built by tiffBlock: tag, type and the
// value's bytes (in the block's order); the count follows from them.
type tEnt struct {
	tag, typ uint16
	val      []byte
}

func asciiEnt(tag uint16, s string) tEnt { return tEnt{tag, tiffTASCII, append([]byte(s), 0)} }

func rationalEnt(order tiffOrder, tag uint16, v ...uint32) tEnt {
	var b []byte
	for _, x := range v {
		b = order.AppendUint32(b, x)
	}
	return tEnt{tag, tiffTRational, b}
}

// The EXIF record of the camera of these tests, in its three directories.
func cameraIFD0() []tEnt {
	return []tEnt{
		asciiEnt(tagMake, "Example Optics"), asciiEnt(tagModel, "EO-7"),
		asciiEnt(tagDateTime, "2021:04:13 08:00:00"), asciiEnt(tagArtist, "Kenji Morita"),
	}
}

func cameraExifIFD() []tEnt {
	return []tEnt{asciiEnt(tagDateTimeOriginal, "2021:04:12 10:30:00"), asciiEnt(tagOffsetTimeOrig, "+09:00")}
}

func cameraGPSIFD(order tiffOrder) []tEnt {
	return []tEnt{
		asciiEnt(1, "N"), rationalEnt(order, 2, 35, 1, 40, 1, 48, 1),
		asciiEnt(3, "E"), rationalEnt(order, 4, 139, 1, 45, 1, 36, 1),
	}
}

// cameraMetadata is what the record says, normalised.
var cameraMetadata = Metadata{
	Authors: []string{"Kenji Morita"}, Camera: "Example Optics EO-7",
	Created: "2021-04-12T10:30:00+09:00", Modified: "2021-04-13T08:00:00", TZOffset: "+09:00",
	GPS: &GPS{Lat: 35.68, Lon: 139.76},
}

// tiffBlock lays out a TIFF structure: the header (with magic number
// magic), ifd0, and the Exif and GPS directories when given, pointed to
// from ifd0. With big it is BigTIFF: counts and offsets of 8 bytes.
func tiffBlock(order tiffOrder, magic uint16, big bool, ifd0, exifIFD, gpsIFD []tEnt) []byte {
	return tiffBlockAfter(order, magic, big, nil, ifd0, exifIFD, gpsIFD)
}

// tiffBlockAfter is tiffBlock with extra bytes after the header, as CR2
// has ("CR", its version and the offset of its raw IFD).
func tiffBlockAfter(order tiffOrder, magic uint16, big bool, extra []byte, ifd0, exifIFD, gpsIFD []tEnt) []byte {
	offLen, countLen, entLen := 4, 2, 12
	head := 8 + len(extra)
	if big {
		offLen, countLen, entLen, head, magic = 8, 8, 20, 16, 43
	}
	put := func(b []byte, v uint64, n int) []byte {
		switch n {
		case 2:
			return order.AppendUint16(b, uint16(v))
		case 4:
			return order.AppendUint32(b, uint32(v))
		}
		return order.AppendUint64(b, v)
	}
	ifds := [][]tEnt{ifd0}
	if exifIFD != nil {
		ifds[0] = append(ifds[0], tEnt{tagExifIFD, tiffTLong, nil})
		ifds = append(ifds, exifIFD)
	}
	if gpsIFD != nil {
		ifds[0] = append(ifds[0], tEnt{tagGPSIFD, tiffTLong, nil})
		ifds = append(ifds, gpsIFD)
	}
	// Offsets of the directories, then of the data area.
	offs := make([]int, len(ifds))
	at := head
	for i, d := range ifds {
		offs[i] = at
		at += countLen + entLen*len(d) + offLen
	}
	var data []byte
	out := []byte{'I', 'I'}
	if order.String() == binary.BigEndian.String() {
		out = []byte{'M', 'M'}
	}
	out = order.AppendUint16(out, magic)
	if big {
		out = order.AppendUint16(out, 8)
		out = order.AppendUint16(out, 0)
	}
	out = put(out, uint64(offs[0]), offLen)
	out = append(out, extra...)
	sub := 1
	for _, d := range ifds {
		out = put(out, uint64(len(d)), countLen)
		for _, e := range d {
			val := e.val
			if e.tag == tagExifIFD || e.tag == tagGPSIFD {
				val = order.AppendUint32(nil, uint32(offs[sub]))
				sub++
			}
			size := max(1, int(tiffTypeSize(e.typ)))
			out = order.AppendUint16(out, e.tag)
			out = order.AppendUint16(out, e.typ)
			out = put(out, uint64(len(val)/size), offLen)
			if len(val) <= offLen {
				out = append(out, val...)
				out = append(out, make([]byte, offLen-len(val))...)
				continue
			}
			out = put(out, uint64(at+len(data)), offLen)
			data = append(data, val...)
		}
		out = put(out, 0, offLen)
	}
	return append(out, data...)
}

func cameraTIFF(order tiffOrder, magic uint16, big bool) []byte {
	return tiffBlock(order, magic, big, cameraIFD0(), cameraExifIFD(), cameraGPSIFD(order))
}

// box is an ISO base media box (JP2, JPEG XL, CR3).
func box(typ string, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	return append(append(binary.BigEndian.AppendUint32(nil, uint32(8+len(body))), typ...), body...)
}

// cameraPacket is an XMP packet titled as the container it is kept in.
func cameraPacket(title string) []byte {
	return []byte(xmpPacket(``, `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">`+title+`</rdf:li></rdf:Alt></dc:title>`))
}

// jpegOf is a JPEG file holding the camera's EXIF and an XMP packet.
func jpegOf(title string) []byte {
	return jpegWithAPP1(append([]byte("Exif\x00\x00"), cameraTIFF(binary.BigEndian, 42, false)...),
		append([]byte("http://ns.adobe.com/xap/1.0/\x00"), cameraPacket(title)...))
}

// containerFiles are files of every container the EXIF and XMP readers
// know, each holding the camera's record; want is the title of the XMP
// packet it holds, "" for none.
func containerFiles(t testing.TB) []struct {
	name, mime, title string
	data              []byte
} {
	le, be := binary.LittleEndian, binary.BigEndian
	tiffLE := cameraTIFF(le, 42, false)

	// EXIF over 64 KiB: the parts after the first repeat "Exif\0\0" and
	// have no TIFF header; the GPS values are in the second part.
	split := len(tiffLE) - 20
	multi := jpegWithAPP1(append([]byte("Exif\x00\x00"), tiffLE[:split]...), append([]byte("Exif\x00\x00"), tiffLE[split:]...))

	exv := append([]byte("\xff\x01Exiv2"), jpegOf("exv")[2:]...)

	// PSD: header, empty colour mode data, image resources.
	res := func(id uint16, data []byte) []byte {
		b := append([]byte("8BIM"), byte(id>>8), byte(id), 0, 0) // empty name, padded to even
		b = be.AppendUint32(b, uint32(len(data)))
		b = append(b, data...)
		if len(data)%2 == 1 {
			b = append(b, 0)
		}
		return b
	}
	resources := append(res(psdResourceEXIF, tiffLE), res(psdResourceXMP, cameraPacket("psd"))...)
	psd := append([]byte("8BPS\x00\x01\x00\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x08\x00\x00\x00\x08\x00\x08\x00\x03"), 0, 0, 0, 0)
	psd = be.AppendUint32(psd, uint32(len(resources)))
	psd = append(psd, resources...)

	jp2 := bytes.Join([][]byte{
		box("jP  ", []byte("\r\n\x87\n")), box("ftyp", []byte("jp2 \x00\x00\x00\x00jp2 ")),
		box("uuid", jp2ExifUUID, tiffLE), box("uuid", xmpUUID, cameraPacket("jp2")), box("jp2c", []byte{0xff, 0x4f}),
	}, nil)
	jxl := bytes.Join([][]byte{
		box("JXL ", []byte("\r\n\x87\n")), box("ftyp", []byte("jxl \x00\x00\x00\x00jxl ")),
		box("Exif", []byte{0, 0, 0, 0}, tiffLE), box("xml ", cameraPacket("jxl")), box("jxlc", []byte{0xff, 0x0a}),
	}, nil)
	cr3 := bytes.Join([][]byte{
		box("ftyp", []byte("crx \x00\x00\x00\x01crx isom")),
		box("moov", box("uuid", cr3UUID, box("CNCV", []byte("CanonCR3_001/00.10.00/00")),
			box("CMT1", tiffBlock(le, 42, false, cameraIFD0(), nil, nil)),
			box("CMT2", tiffBlock(le, 42, false, cameraExifIFD(), nil, nil)),
			box("CMT4", tiffBlock(le, 42, false, cameraGPSIFD(le), nil, nil)))),
		box("uuid", xmpUUID, cameraPacket("cr3")),
	}, nil)

	rafJPG := jpegOf("raf")
	raf := append([]byte("FUJIFILMCCD-RAW 0201FF129502"), make([]byte, rafJPEGAt-28)...)
	raf = be.AppendUint32(raf, rafJPEGAt+16)
	raf = be.AppendUint32(raf, uint32(len(rafJPG)))
	raf = append(raf, make([]byte, 8)...)
	raf = append(raf, rafJPG...)

	blocks := append(append([]byte("\x00PRD"), be.AppendUint32(nil, 4)...), 1, 2, 3, 4)
	blocks = append(append(blocks, "\x00TTW"...), be.AppendUint32(nil, uint32(len(tiffLE)))...)
	blocks = append(blocks, tiffLE...)
	mrw := append(append([]byte("\x00MRM"), be.AppendUint32(nil, uint32(len(blocks)))...), blocks...)

	x3fJPG := jpegOf("x3f")
	x3f := append([]byte("FOVb"), le.AppendUint32(nil, 0x00020003)...)
	x3f = append(x3f, make([]byte, 32)...)
	img := len(x3f)
	x3f = append(x3f, "SECi"...)
	for _, v := range []uint32{0x00020000, 2, x3fFormatJPEG, 8, 8, 0} {
		x3f = le.AppendUint32(x3f, v)
	}
	x3f = append(x3f, x3fJPG...)
	dir := len(x3f)
	x3f = append(x3f, "SECd"...)
	x3f = le.AppendUint32(x3f, 0x00020000)
	x3f = le.AppendUint32(x3f, 1)
	x3f = le.AppendUint32(x3f, uint32(img))
	x3f = le.AppendUint32(x3f, uint32(dir-img))
	x3f = append(x3f, "IMA2"...)
	x3f = le.AppendUint32(x3f, uint32(dir))

	// PNG text chunks in which ImageMagick keeps its raw profiles.
	hexLines := func(b []byte) string {
		h := fmt.Sprintf("%x", b)
		var lines []string
		for len(h) > 72 {
			lines, h = append(lines, h[:72]), h[72:]
		}
		return strings.Join(append(lines, h), "\n")
	}
	profile := func(name string, b []byte) string {
		return fmt.Sprintf("\n%s\n%8d\n%s\n", name, len(b), hexLines(b))
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write([]byte(profile("exif", append([]byte("Exif\x00\x00"), tiffLE...))))
	_ = zw.Close()
	pngProfiles := pngWith(t,
		pngChunkBytes("zTXt", append([]byte(pngProfileEXIF+"\x00\x00"), z.Bytes()...)),
		pngChunkBytes("tEXt", []byte(pngProfileXMP+"\x00"+profile("xmp", cameraPacket("png")))))
	pngGeneric := pngWith(t, pngChunkBytes("tEXt", []byte(pngProfileAPP1+"\x00"+profile("generic profile", tiffLE))))

	// PGF as ImageMagick writes it: a PNG in the header's user data.
	pgf := append([]byte("PGF6"), le.AppendUint32(nil, uint32(16+len(pngProfiles)))...)
	pgf = append(pgf, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 24, 3, 3, 8, 0, 0)
	pgf = append(append(pgf, pngProfiles...), 0x55, 0xAA) // then the image's levels

	return []struct {
		name, mime, title string
		data              []byte
	}{
		{"jpeg", "image/jpeg", "jpeg", jpegOf("jpeg")},
		{"jpeg, EXIF over two segments", "image/jpeg", "", multi},
		{"bare EXIF", "image/x-exif", "", append([]byte("Exif\x00\x00"), tiffLE...)},
		{"EXV", "image/x-exv", "exv", exv},
		{"TIFF, big-endian", "image/tiff", "", cameraTIFF(be, 42, false)},
		{"BigTIFF", "image/tiff", "", cameraTIFF(le, 43, true)},
		{"BigTIFF, big-endian", "image/tiff", "", cameraTIFF(be, 43, true)},
		{"CR2", "image/x-canon-cr2", "", tiffBlockAfter(le, 42, false, []byte("CR\x02\x00\x00\x00\x00\x00"), cameraIFD0(), cameraExifIFD(), cameraGPSIFD(le))},
		{"RW2", "image/x-panasonic-rw2", "", cameraTIFF(le, 0x55, false)},
		{"ORF", "image/x-olympus-orf", "", cameraTIFF(le, 0x4F52, false)},
		{"JPEG XR", "image/vnd.ms-photo", "", cameraTIFF(le, 0x01BC, false)},
		{"PSD", "image/vnd.adobe.photoshop", "psd", psd},
		{"JPEG 2000", "image/jp2", "jp2", jp2},
		{"JPEG XL", "image/jxl", "jxl", jxl},
		{"CR3", "image/x-canon-cr3", "cr3", cr3},
		{"RAF", "image/x-fujifilm-raf", "raf", raf},
		{"MRW", "image/x-minolta-mrw", "", mrw},
		{"X3F", "image/x-sigma-x3f", "", x3f},
		{"PNG raw profiles", "image/png", "png", pngProfiles},
		{"PNG raw profile, generic", "image/png", "", pngGeneric},
		{"PGF", "image/pgf", "png", pgf},
	}
}

// TestEXIFContainers reads the camera's record from every container: it
// comes back whole, and without a warning.
func TestEXIFContainers(t *testing.T) {
	for _, f := range containerFiles(t) {
		t.Run(f.name, func(t *testing.T) {
			in := bytesInput(f.name, f.data)
			require.Equal(t, f.mime, in.Type.MIME, "identify")
			res, err := extractImage(t, NewEXIF(), in, Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			md := res.Metadata
			md.Raw = nil
			assert.Equal(t, cameraMetadata, md)
			if f.title == "" {
				return
			}
			res, err = extractImage(t, NewXMP(), in, Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			assert.Equal(t, f.title, res.Metadata.Title)
		})
	}
}

// TestEXIFGoexifAroundEmptyEntries: an entry without a value (count 0, or
// type 0) makes goexif fail its whole directory; it reads a copy in which
// such entries are hidden, so its names come back, and no warning is
// given, as exiftool gives none. An entry of another unknown type is
// malformed.
func TestEXIFGoexifAroundEmptyEntries(t *testing.T) {
	le := binary.LittleEndian
	ifd0 := append(cameraIFD0(),
		tEnt{tagOrientation, tiffTShort, le.AppendUint16(nil, 1)},
		tEnt{0x0131, tiffTASCII, nil}, // Software, no value
		tEnt{0x0001, 0, []byte{0}},    // type 0
	)
	exifIFD := append(cameraExifIFD(), tEnt{0x829a, tiffTRational, le.AppendUint64(nil, 1<<32|250)}) // ExposureTime 1/250
	block := tiffBlock(le, 42, false, ifd0, exifIFD, nil)
	// tiffBlock gives the empty entries a count of 0, and type 0 a count
	// of 1: as found in Sony's and Kodak's files.
	res, err := extractImage(t, NewEXIF(), bytesInput("x.jpg", jpegWithEXIF(block)), Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, int64(1), res.Metadata.Raw["Orientation"])
	assert.Contains(t, res.Metadata.Raw, "ExposureTime", "goexif read the Exif IFD")

	bad := tiffBlock(le, 42, false, append(cameraIFD0(), tEnt{0x0001, 300, []byte{0}}), nil, nil)
	res, err = extractImage(t, NewEXIF(), bytesInput("x.jpg", jpegWithEXIF(bad)), Limits{})
	require.NoError(t, err)
	require.NotEmpty(t, res.Warnings)
	assert.ErrorIs(t, res.Warnings[0], ErrFormat)
	assert.Equal(t, "Example Optics EO-7", res.Metadata.Camera)
}

// TestEXIFNothingToRead: a block of a thumbnail alone, a HEIF image
// without an Exif item and a bare JPEG XL codestream hold no record: they
// are not malformed.
func TestEXIFNothingToRead(t *testing.T) {
	le := binary.LittleEndian
	thumbOnly := tiffBlock(le, 42, false, nil, nil, nil)
	heif := bytes.Join([][]byte{
		box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")),
		box("meta", []byte{0, 0, 0, 0}, box("hdlr", make([]byte, 24)), box("iinf", []byte{0, 0, 0, 0, 0, 0})),
	}, nil)
	for name, data := range map[string][]byte{
		"thumbnail only":    jpegWithEXIF(thumbOnly),
		"heif without EXIF": heif,
		"jxl codestream":    {0xff, 0x0a, 0x00, 0x10, 0x20, 0x30},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewEXIF().Extract(context.Background(), bytesInput(name, data), Limits{})
			assert.ErrorIs(t, err, ErrNoRecord)
		})
	}
}

// hostileContainers are containers whose lengths and offsets lie; each
// must give an error or warning wrapping want, allocate nothing the lie
// sizes, and read what can be read.
func hostileContainers(t testing.TB) map[string]struct {
	data []byte
	lim  Limits
	want error
} {
	be, le := binary.BigEndian, binary.LittleEndian
	tiffLE := cameraTIFF(le, 42, false)
	files := map[string][]byte{}
	for _, f := range containerFiles(t) {
		files[f.name] = f.data
	}
	mutate := func(name string, f func(b []byte) []byte) []byte {
		return f(append([]byte(nil), files[name]...))
	}
	out := map[string]struct {
		data []byte
		lim  Limits
		want error
	}{}
	add := func(name string, data []byte, lim Limits, want error) {
		out[name] = struct {
			data []byte
			lim  Limits
			want error
		}{data, lim, want}
	}
	add("psd resource of 4 GiB", mutate("PSD", func(b []byte) []byte {
		be.PutUint32(b[psdHeaderLen+4+4+8:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("psd resources past the file", mutate("PSD", func(b []byte) []byte {
		be.PutUint32(b[psdHeaderLen+4:], 0x7FFFFFFF)
		return b
	}), Limits{}, ErrFormat)
	add("jxl Exif header offset past its box", mutate("JPEG XL", func(b []byte) []byte {
		i := bytes.Index(b, []byte("Exif")) + 4
		be.PutUint32(b[i:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("jp2 box of 4 GiB", mutate("JPEG 2000", func(b []byte) []byte {
		be.PutUint32(b[32:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("cr3 moov of 4 GiB", mutate("CR3", func(b []byte) []byte {
		be.PutUint32(b[24:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("raf preview past the file", mutate("RAF", func(b []byte) []byte {
		be.PutUint32(b[rafJPEGAt+4:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("mrw header past the file", mutate("MRW", func(b []byte) []byte {
		be.PutUint32(b[4:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("mrw block past its header", mutate("MRW", func(b []byte) []byte {
		be.PutUint32(b[12:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("x3f directory of 2^32-1 entries", mutate("X3F", func(b []byte) []byte {
		dir := int(le.Uint32(b[len(b)-4:]))
		le.PutUint32(b[dir+8:], 0xFFFFFFFF)
		return b
	}), Limits{}, ErrFormat)
	add("x3f directory past the file", mutate("X3F", func(b []byte) []byte {
		le.PutUint32(b[len(b)-4:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("EXIF over segments past the record limit", files["jpeg, EXIF over two segments"], Limits{MaxRecordBytes: int64(len(tiffLE) - 30)}, ErrLimit)
	add("pgf header past the file", mutate("PGF", func(b []byte) []byte {
		le.PutUint32(b[4:], 0xFFFFFFF0)
		return b
	}), Limits{}, ErrFormat)
	add("raw profile longer than its digits", pngWith(t, pngChunkBytes("tEXt",
		[]byte(pngProfileEXIF+"\x00\nexif\n 2147483647\n45786966"))), Limits{}, ErrFormat)
	big := cameraTIFF(le, 43, true)
	le.PutUint64(big[16:], 1<<62) // IFD0's entry count
	add("BigTIFF entry count 2^62", big, Limits{}, ErrLimit)
	return out
}

func TestEXIFContainersHostile(t *testing.T) {
	for name, h := range hostileContainers(t) {
		t.Run(name, func(t *testing.T) {
			in := bytesInput(name, h.data)
			res, err := NewEXIF().Extract(context.Background(), in, h.lim)
			if err != nil {
				assert.ErrorIs(t, err, h.want)
				return
			}
			require.NotEmpty(t, res.Warnings)
			assert.ErrorIs(t, errors.Join(res.Warnings...), h.want)
		})
	}
}

// TestEXIFChainEndedWithOnes: a directory chain ended with 0xFFFFFFFF
// instead of zero, as some writers end it, is read without a warning,
// goexif included.
func TestEXIFChainEndedWithOnes(t *testing.T) {
	le := binary.LittleEndian
	ifd0 := append(cameraIFD0(), tEnt{tagOrientation, tiffTShort, le.AppendUint16(nil, 6)})
	exifIFD := append(cameraExifIFD(), tEnt{0x829a, tiffTRational, le.AppendUint64(nil, 1<<32|250)}) // ExposureTime 1/250
	block := tiffBlock(le, 42, false, ifd0, exifIFD, nil)
	next := 8 + 2 + 12*(len(ifd0)+1) // IFD0's next-IFD field
	require.Equal(t, uint32(0), le.Uint32(block[next:]))
	le.PutUint32(block[next:], 0xFFFFFFFF)
	res, err := extractImage(t, NewEXIF(), bytesInput("x.jpg", jpegWithEXIF(block)), Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, "2021-04-12T10:30:00+09:00", res.Metadata.Created)
	assert.Equal(t, int64(6), res.Metadata.Raw["Orientation"])
	assert.Contains(t, res.Metadata.Raw, "ExposureTime", "goexif read the Exif IFD")
}
