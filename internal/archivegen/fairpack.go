package archivegen

import (
	"fmt"
	"image"
	"image/color"
	"net/mail"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The fictional organisation and staff of OrdinaryFiles.
const (
	OrdinaryOrg    = "Northwind Example Ltd."
	ordinaryDomain = "northwind.example"
)

var ordinaryStaff = []string{"Alice Example", "Bob Sample", "Carol Specimen", "Dan Placeholder"}

// OrdinaryFiles returns n ordinary files of a proof pack, "evidence/…",
// each unlike the others: in turn a Word document (author, company,
// title and body text), a PDF (author, title and text), a JPEG photo
// with Exif (camera, artist, date) and an e-mail (sender, subject, body).
// Every person and organisation in them is fictional. They are what a
// bomb placed beside them must not hide: each has metadata and all but
// the photos have text.
func OrdinaryFiles(n int) ([]File, error) {
	files := make([]File, 0, n)
	base := time.Date(2021, time.April, 12, 9, 0, 0, 0, time.FixedZone("JST", 9*60*60))
	for i := range n {
		who := ordinaryStaff[i%len(ordinaryStaff)]
		when := base.Add(time.Duration(i) * time.Hour)
		var (
			name string
			data []byte
			err  error
		)
		switch i % 4 {
		case 0:
			name = fmt.Sprintf("evidence/order_%03d.docx", i)
			data, err = docgen.Docx(docgen.DocxSpec{
				Core: docgen.CoreProps{Title: fmt.Sprintf("Purchase order NW-%04d", i), Creator: who, LastModifiedBy: who, Created: when, Modified: when},
				App:  docgen.AppProps{Company: OrdinaryOrg},
				Paragraphs: []string{
					fmt.Sprintf("Purchase order NW-%04d", i),
					fmt.Sprintf("Issued by %s, %s, for server maintenance.", who, OrdinaryOrg),
					fmt.Sprintf("Contact: %s@%s", mailbox(who), ordinaryDomain),
				},
			})
		case 1:
			name = fmt.Sprintf("evidence/report_%03d.pdf", i)
			data, err = docgen.PDF(docgen.PDFSpec{
				Info:  docgen.PDFInfo{Title: fmt.Sprintf("Quarterly report %d", i), Author: who, Creator: "Microsoft Word", Created: when, Modified: when},
				Pages: []docgen.PDFPage{{Lines: []string{fmt.Sprintf("Quarterly report %d of %s", i, OrdinaryOrg), "Prepared by " + who}}},
			})
		case 2:
			name = fmt.Sprintf("evidence/photo_%03d.jpg", i)
			data, err = docgen.JPEG(ordinaryImage(i), 80, &docgen.EXIFSpec{
				Make: "Example Optics", Model: "EX-100", Artist: who, DateTimeOriginal: when,
			})
		default:
			name = fmt.Sprintf("evidence/mail_%03d.eml", i)
			data, err = docgen.EML(docgen.EMLSpec{
				From:      mail.Address{Name: who, Address: mailbox(who) + "@" + ordinaryDomain},
				To:        []mail.Address{{Name: "Records", Address: "records@" + ordinaryDomain}},
				Date:      when,
				Subject:   fmt.Sprintf("Shipment %d", i),
				MessageID: fmt.Sprintf("%d.shipment@mail.%s", i, ordinaryDomain),
				Body:      fmt.Sprintf("Shipment %d left the %s warehouse today.\n", i, OrdinaryOrg),
			})
		}
		if err != nil {
			return nil, fmt.Errorf("archivegen: ordinary file %d: %w", i, err)
		}
		files = append(files, File{Name: name, Data: data, Modified: when})
	}
	return files, nil
}

// mailbox is the local part of a person's address: "alice.example".
func mailbox(who string) string {
	b := []byte(who)
	for i, c := range b {
		switch {
		case c == ' ':
			b[i] = '.'
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ordinaryImage is a small picture of its own for each i.
func ordinaryImage(i int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), uint8(i * 37), 255})
		}
	}
	return img
}

// Bombs returns the five bombs of issue 12's fair-walk test, "bombs/…",
// each stored in the zip that holds it. Their runs of zeros are a few
// MiB, past the 1 MiB that ratio limits forgive and small enough to
// deflate in a fraction of a second even under the race detector; what
// makes them bombs is their shape:
//
//   - "42.zip": a nest in the manner of 42.zip, 5 levels of 16 copies
//     over leaves of 2 MiB of zeros (ZipRecursive): 2 TiB in 7 KB;
//   - "copies.zip": a recursive copy bomb, 10 levels of 9 copies of the
//     same zip (ZipRecursive over 1 KiB leaves): 3.5·10^9 files;
//   - "overlap.zip": 250 entries whose data overlap over 2 MiB of zeros
//     (ZipOverlapBomb): 500 MiB;
//   - "ratio.zip": one entry of 2 MiB of zeros (ZipRatioBomb);
//   - "q.gz": a gzip that holds itself (GzipQuine).
func Bombs() ([]File, error) {
	nest, err := ZipRecursive(5, 16, 2<<20)
	if err != nil {
		return nil, err
	}
	copies, err := ZipRecursive(10, 9, 1<<10)
	if err != nil {
		return nil, err
	}
	overlap, err := ZipOverlapBomb(250, 2<<20)
	if err != nil {
		return nil, err
	}
	ratio, err := ZipRatioBomb(2 << 20)
	if err != nil {
		return nil, err
	}
	return []File{
		{Name: "bombs/42.zip", Data: nest, Store: true},
		{Name: "bombs/copies.zip", Data: copies, Store: true},
		{Name: "bombs/overlap.zip", Data: overlap, Store: true},
		{Name: "bombs/ratio.zip", Data: ratio, Store: true},
		{Name: "bombs/q.gz", Data: GzipQuine(), Store: true},
	}, nil
}
