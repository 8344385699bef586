package benchpack

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"
)

// jpegHead is the start of every photo: SOI, an APP0 JFIF segment (version
// 1.1, 72 dpi), one DQT segment with a flat table, a baseline SOF0 frame
// header (3000x2000, three components) and the SOS header of the scan.
// What follows is random and never decodes, but the marker structure up to
// the scan is valid, as metadata readers expect of a camera's file.
var jpegHead = func() []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x01, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00}
	b = append(b, 0xFF, 0xDB, 0x00, 0x43, 0x00)
	for i := range 64 {
		b = append(b, byte(2+i/4))
	}
	b = append(b, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x07, 0xD0, 0x0B, 0xB8, 0x03, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0)
	b = append(b, 0xFF, 0xDA, 0x00, 0x0C, 0x03, 1, 0x00, 2, 0x11, 3, 0x11, 0x00, 0x3F, 0x00)
	return b
}()

// jpegEnd is the EOI marker.
var jpegEnd = []byte{0xFF, 0xD9}

// minJPEG is the smallest photo: its header and end marker.
var minJPEG = int64(len(jpegHead) + len(jpegEnd))

// writeJPEG writes a photo of exactly max(n, minJPEG) bytes.
func (g *gen) writeJPEG(w io.Writer, n int64) error {
	if _, err := w.Write(jpegHead); err != nil {
		return err
	}
	if err := g.writeScan(w, n-minJPEG); err != nil {
		return err
	}
	_, err := w.Write(jpegEnd)
	return err
}

// writeScan writes n bytes of the ChaCha8 stream as the entropy-coded
// data of a JPEG scan: every 0xFF byte becomes 0xFE. In a real scan a
// 0xFF byte is always followed by a stuffed 0x00 or a marker, so a reader
// that looks for the end of the image (the trailing-data check) scans to
// the EOI; in raw random bytes it would find a marker at once, and one
// photo in a few thousand would end at a random 0xFF 0xD9 with trailing
// data after it.
func (g *gen) writeScan(w io.Writer, n int64) error {
	for n > 0 {
		b := g.buf[:min(n, int64(cap(g.buf)))]
		_, _ = g.bulk.Read(b) // ChaCha8.Read never fails
		for i := bytes.IndexByte(b, 0xFF); i >= 0; {
			b[i] = 0xFE
			j := bytes.IndexByte(b[i+1:], 0xFF)
			if j < 0 {
				break
			}
			i += 1 + j
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
		n -= int64(len(b))
	}
	return nil
}

// writeRandom writes n bytes of the ChaCha8 stream.
func (g *gen) writeRandom(w io.Writer, n int64) error {
	for n > 0 {
		b := g.buf[:min(n, int64(cap(g.buf)))]
		_, _ = g.bulk.Read(b) // ChaCha8.Read never fails
		if _, err := w.Write(b); err != nil {
			return err
		}
		n -= int64(len(b))
	}
	return nil
}

// Screen sizes of the screenshot pool, from laptops to full HD.
var screenSizes = []image.Point{{1280, 800}, {1920, 1080}, {1366, 768}, {1024, 768}, {1440, 900}, {800, 600}}

// thumbSizes are the sizes of the small PNG images among the notes.
var thumbSizes = []image.Point{{96, 96}, {160, 120}, {120, 90}}

// screenshot draws something with the statistics of a screenshot of a
// business application: flat background, a title bar, a side bar, table
// rules, and rows of glyph-like noise whose density sets the file size.
func (g *gen) screenshot(size image.Point, density int) *image.NRGBA {
	img := image.NewNRGBA(image.Rectangle{Max: size})
	fill := func(r image.Rectangle, c color.NRGBA) {
		r = r.Intersect(img.Rect)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)]
			for i := 0; i < len(row); i += 4 {
				row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
			}
		}
	}
	w, h := size.X, size.Y
	fill(img.Rect, color.NRGBA{246, 246, 246, 255})
	fill(image.Rect(0, 0, w, 28), color.NRGBA{38, 70, 130, 255})
	side := w / 6
	fill(image.Rect(0, 28, side, h), color.NRGBA{226, 230, 236, 255})
	ink := color.NRGBA{30, 30, 40, 255}
	for y := 40; y+18 < h; y += 20 {
		fill(image.Rect(side, y+18, w, y+19), color.NRGBA{200, 200, 210, 255})
		for x := side + 8; x < w-40; {
			run := 8 + g.pick.IntN(60)
			if g.pick.IntN(100) < density {
				for gy := y + 5; gy < y+15; gy++ {
					for gx := x; gx < min(x+run, w); gx++ {
						if g.pick.IntN(3) == 0 {
							img.SetNRGBA(gx, gy, ink)
						}
					}
				}
			}
			x += run + 6 + g.pick.IntN(20)
		}
	}
	return img
}

// encodePNG encodes img at the fastest level, as screen-capture tools do.
func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	_ = enc.Encode(&b, img) // writes to memory cannot fail
	return b.Bytes()
}

func (g *gen) screenPool() [][]byte {
	if g.screens == nil {
		for i, s := range screenSizes {
			g.screens = append(g.screens, encodePNG(g.screenshot(s, 20+15*i)))
		}
	}
	return g.screens
}

func (g *gen) thumbPool() [][]byte {
	if g.thumbs == nil {
		for i, s := range thumbSizes {
			g.thumbs = append(g.thumbs, encodePNG(g.screenshot(s, 30+20*i)))
		}
	}
	return g.thumbs
}

// pngIHDREnd is where the IHDR chunk ends: signature (8) and the chunk
// (4 length + 4 type + 13 data + 4 CRC).
const pngIHDREnd = 8 + 25

// pngVariant returns the size of base with a tEXt chunk naming serial, and
// a function writing it: one encoded image gives any number of files, each
// with its own hashes, at the cost of a copy.
func pngVariant(base []byte, serial int) (int64, func(io.Writer) error) {
	data := append([]byte("Comment\x00capture "), strconv.Itoa(serial)...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	size := int64(len(base) + len(chunk))
	return size, func(w io.Writer) error {
		for _, part := range [][]byte{base[:pngIHDREnd], chunk, base[pngIHDREnd:]} {
			if _, err := w.Write(part); err != nil {
				return err
			}
		}
		return nil
	}
}
