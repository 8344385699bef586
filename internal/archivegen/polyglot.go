package archivegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
)

// The builders below make the hosts of polyglots: small valid files whose
// format defines where they end, and the files that legitimately carry
// data after that end (multi-picture JPEGs, motion photos, Samsung's
// trailer, PDF incremental updates). AppendZip hides a zip after any of
// them, as sellers do: unzip and 7-Zip list it, an image viewer shows the
// picture.

// testImage returns a small picture of two colours.
func testImage() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 16, 8))
	for y := range 8 {
		for x := range 16 {
			c := color.RGBA{R: 0x20, G: 0x60, B: 0xa0, A: 0xff}
			if (x/4+y/4)%2 == 0 {
				c = color.RGBA{R: 0xf0, G: 0xf0, B: 0xe0, A: 0xff}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// PNGImage returns a 16×8 PNG image.
func PNGImage() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, testImage()) // a bytes.Buffer never fails
	return b.Bytes()
}

// JPEGImage returns a 16×8 JPEG image.
func JPEGImage() []byte {
	var b bytes.Buffer
	_ = jpeg.Encode(&b, testImage(), &jpeg.Options{Quality: 80})
	return b.Bytes()
}

// GIFImage returns a 16×8 GIF image.
func GIFImage() []byte {
	var b bytes.Buffer
	_ = gif.Encode(&b, testImage(), nil)
	return b.Bytes()
}

// MultiPictureJPEG returns a JPEG followed by a second one, as cameras and
// phones store a preview or a gain map (MPF) after the first image's end.
func MultiPictureJPEG() []byte {
	return append(JPEGImage(), JPEGImage()...)
}

// MotionPhotoJPEG returns a JPEG followed by a short MP4 (an ftyp box and
// an mdat box), as phones store the video of a motion photo.
func MotionPhotoJPEG() []byte {
	b := JPEGImage()
	box := func(typ string, body []byte) {
		b = binary.BigEndian.AppendUint32(b, uint32(8+len(body)))
		b = append(b, typ...)
		b = append(b, body...)
	}
	box("ftyp", []byte("mp42\x00\x00\x00\x00isommp42"))
	box("mdat", bytes.Repeat([]byte{0x5a}, 300))
	return b
}

// SamsungTrailerJPEG returns a JPEG followed by a Samsung trailer: data
// blocks, a "SEFH" directory, its length and "SEFT".
func SamsungTrailerJPEG() []byte {
	b := JPEGImage()
	b = append(b, []byte("\x00\x00\x01\x0aImage_UTC_Data1617957000000")...)
	dir := []byte("SEFH\x6a\x00\x00\x00\x01\x00\x00\x00\x00\x00\x01\x0a\x1d\x00\x00\x00\x1d\x00\x00\x00")
	b = append(b, dir...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(dir)))
	return append(b, "SEFT"...)
}

// PDFDocument returns a one-page PDF with a cross-reference table, followed
// by updates incremental updates, each with its own table and %%EOF.
func PDFDocument(updates int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	obj := func(s string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), s)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
	obj("<< /Title (Quarterly report) /Author (Example Trading Ltd.) >>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	for u := range updates {
		at := b.Len()
		fmt.Fprintf(&b, "4 0 obj\n<< /Title (Quarterly report, revision %d) /Author (Example Trading Ltd.) >>\nendobj\n", u+2)
		prev := xref
		xref = b.Len()
		fmt.Fprintf(&b, "xref\n4 1\n%010d 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /Info 4 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", at, prev, xref)
	}
	return b.Bytes()
}

// AppendZip returns host followed by a zip of files. With adjust, the
// zip's offsets count from the start of the result rather than from the
// zip's own (as zip -A writes a self-extracting archive), so that readers
// find its entries without correcting for the host.
func AppendZip(host []byte, files []File, adjust bool) ([]byte, error) {
	z, err := Zip(files, ZipOptions{})
	if err != nil {
		return nil, err
	}
	if adjust {
		if z, err = shiftZip(z, uint32(len(host))); err != nil {
			return nil, err
		}
	}
	return append(append([]byte{}, host...), z...), nil
}

// shiftZip adds by to every offset a zip without zip64 records states:
// each central directory record's local header offset and the end
// record's directory offset.
func shiftZip(z []byte, by uint32) ([]byte, error) {
	z = bytes.Clone(z)
	end := bytes.LastIndex(z, []byte("PK\x05\x06"))
	if end < 0 || len(z)-end < 22 {
		return nil, fmt.Errorf("%w: no zip end record", ErrInvalid)
	}
	dir := binary.LittleEndian.Uint32(z[end+16:])
	n := int(binary.LittleEndian.Uint16(z[end+10:]))
	binary.LittleEndian.PutUint32(z[end+16:], dir+by)
	at := int(dir)
	for range n {
		if at+46 > len(z) || string(z[at:at+4]) != "PK\x01\x02" {
			return nil, fmt.Errorf("%w: zip directory record at %d", ErrInvalid, at)
		}
		off := binary.LittleEndian.Uint32(z[at+42:])
		binary.LittleEndian.PutUint32(z[at+42:], off+by)
		at += 46 + int(binary.LittleEndian.Uint16(z[at+28:])) + int(binary.LittleEndian.Uint16(z[at+30:])) +
			int(binary.LittleEndian.Uint16(z[at+32:]))
	}
	return z, nil
}
