package attrpack

import (
	"image"
	"image/color"
	"time"

	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/docgen"
)

// blankPDF is a PDF with no Info fields at all and text that names nobody.
func blankPDF(lines ...string) docgen.PDFSpec {
	return docgen.PDFSpec{Pages: []docgen.PDFPage{{Lines: lines}}}
}

// sheet is one worksheet.
func sheet(name string, rows ...[]string) docgen.Sheet {
	return docgen.Sheet{Name: name, Rows: rows}
}

// nested adds a zip, made of files built by the given builder, as one
// entry: a backup or a mail export inside the pack.
func (p *pack) nested(name string, t time.Time, build func(q *pack)) {
	if p.err != nil {
		return
	}
	q := &pack{}
	build(q)
	if q.err != nil {
		p.add(name, t, nil, q.err)
		return
	}
	files := make([]archivegen.File, len(q.entries))
	for i, e := range q.entries {
		files[i] = archivegen.File{Name: e.name, UTF8: true, Data: e.data, Modified: e.modified, Store: e.store}
	}
	data, err := archivegen.Zip(files, archivegen.ZipOptions{})
	p.add(name, t, data, err)
}

// photo adds a camera JPEG of a plain scene with the given EXIF.
func (p *pack) photo(name string, t time.Time, seed uint8, exif docgen.EXIFSpec) {
	exif.DateTime, exif.DateTimeOriginal = t, t
	data, err := docgen.JPEG(scene(seed), 80, &exif)
	p.image(name, t, data, err)
}

// scene draws a small photograph-like picture (smooth shading and a few
// shapes, no text), tinted by seed, so that the file is an ordinary
// camera JPEG.
func scene(seed uint8) image.Image {
	const w, h = 480, 320
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(90 + 80*y/h)
			img.Set(x, y, color.RGBA{v, v - 10 + seed/8, v - 25, 0xff})
		}
	}
	box := color.RGBA{0xb8 - seed/4, 0xbc, 0xc0, 0xff}
	for y := 70; y < 280; y++ {
		for x := 160 + int(seed)/4; x < 330+int(seed)/4; x++ {
			s := uint8((x - 160) / 8)
			img.Set(x, y, color.RGBA{box.R - s, box.G - s, box.B - s, 0xff})
		}
	}
	return img
}

// sellerNote is the text of a seller's README: what they say the data
// is, its size, a price and a contact. It is the seller's word only.
func sellerNote(lines ...string) string {
	s := ""
	for _, l := range lines {
		s += l + "\n"
	}
	return s
}
