package benchpack

import (
	"archive/tar"
	"archive/zip"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// textRatio is the expected deflate ratio of pooled text, used to turn a
// budget of stored bytes into a size of text.
const textRatio = 4

// Sizes of one file per family, in bytes; the package documentation
// carries the same table.
const (
	kib = 1 << 10
	mib = 1 << 20

	noteMin, noteMax     = 1 * kib, 8 * kib
	exportMin, exportMax = 256 * kib, 12 * mib
	docxMin, docxMax     = 20 * kib, 300 * kib
	pdfMin, pdfMax       = 30 * kib, 2 * mib
	nestedMin, nestedMax = 8 * mib, 40 * mib
	tarGzMin, tarGzMax   = 5 * mib, 30 * mib
	largeMin, largeMax   = 20 * mib, 48 * mib
	photoMin, photoMax   = 1 * mib, 6 * mib
	spillSize            = 36 * mib // first nested zip: above unpack.DefaultMaxMemorySpool
	innerPhotoMin        = 300 * kib
	innerPhotoMax        = 3 * mib
	mailMin, mailMax     = 2 * kib, 20 * kib
	logMin, logMax       = 100 * kib, 2 * mib
	backupPhotoMin       = 200 * kib
	backupPhotoMax       = 2 * mib
)

// emitNote writes a small text note, log, CSV or PNG thumbnail.
func (g *gen) emitNote(zw *zip.Writer, _ int64) error {
	i := g.next("note")
	n := g.between(noteMin, noteMax)
	switch i % 5 {
	case 0:
		thumbs := g.thumbPool()
		_, write := pngVariant(thumbs[i%len(thumbs)], i)
		return g.file(zw, fmt.Sprintf("notes/thumb_%04d.png", i), zip.Store, write)
	case 1:
		return g.file(zw, fmt.Sprintf("logs/access_%04d.log", i), zip.Deflate, func(w io.Writer) error { return g.writeLog(w, n) })
	case 2:
		return g.file(zw, fmt.Sprintf("notes/list_%04d.csv", i), zip.Deflate, func(w io.Writer) error { return g.writeCSV(w, n) })
	case 3:
		return g.file(zw, fmt.Sprintf("notes/メモ_%04d.txt", i), zip.Deflate, func(w io.Writer) error { return g.writeProse(w, n) })
	default:
		return g.file(zw, fmt.Sprintf("notes/note_%04d.txt", i), zip.Deflate, func(w io.Writer) error { return g.writeProse(w, n) })
	}
}

// emitScreenshot writes a PNG screenshot from the pool, with its own tEXt
// chunk.
func (g *gen) emitScreenshot(zw *zip.Writer, _ int64) error {
	i := g.next("screen")
	pool := g.screenPool()
	_, write := pngVariant(pool[g.pick.IntN(len(pool))], i)
	name := fmt.Sprintf("screenshots/Screenshot %s (%d).png", g.now.Format("2006-01-02 150405"), i)
	return g.file(zw, name, zip.Store, write)
}

// emitExport writes a CSV export.
func (g *gen) emitExport(zw *zip.Writer, left int64) error {
	i := g.next("export")
	n := g.fit(exportMin, exportMax, left*textRatio, 1*kib)
	return g.textFile(zw, fmt.Sprintf("exports/customers_%03d.csv", i), g.csv(n))
}

// emitDocx writes a word-processing document.
func (g *gen) emitDocx(zw *zip.Writer, left int64) error {
	i := g.next("docx")
	doc, err := g.docx(g.fit(docxMin, docxMax, left, 4*kib))
	if err != nil {
		return err
	}
	name := fmt.Sprintf("documents/minutes_%03d.docx", i)
	if i%3 == 0 {
		name = fmt.Sprintf("documents/見積書_%03d.docx", i)
	}
	return g.file(zw, name, zip.Store, writeBytes(doc))
}

// emitPDF writes a PDF report.
func (g *gen) emitPDF(zw *zip.Writer, left int64) error {
	i := g.next("pdf")
	doc := g.pdf(g.fit(pdfMin, pdfMax, left, 4*kib))
	name := fmt.Sprintf("reports/report_%03d.pdf", i)
	if i%4 == 0 {
		name = fmt.Sprintf("reports/月次報告_%03d.pdf", i)
	}
	return g.file(zw, name, zip.Deflate, writeBytes(doc))
}

// emitPhoto writes a camera photo, stored as zip tools store JPEG.
func (g *gen) emitPhoto(zw *zip.Writer, left int64) error {
	i := g.next("photo")
	n := g.fit(photoMin, photoMax, left, minJPEG)
	return g.file(zw, fmt.Sprintf("DCIM/IMG_%04d.jpg", i), zip.Store, func(w io.Writer) error { return g.writeJPEG(w, n) })
}

// emitLarge writes a large scan (stored JPEG) or, one time in three, a
// large database dump (deflated CSV).
func (g *gen) emitLarge(zw *zip.Writer, left int64) error {
	i := g.next("large")
	if i%3 == 0 {
		n := g.fit(largeMin, largeMax, left*textRatio, 1*kib)
		return g.textFile(zw, fmt.Sprintf("exports/full_dump_%02d.csv", i), g.csv(n))
	}
	n := g.fit(largeMin, largeMax, left, minJPEG)
	return g.file(zw, fmt.Sprintf("media/scan_%02d.jpg", i), zip.Store, func(w io.Writer) error { return g.writeJPEG(w, n) })
}

// emitNestedZip writes a zip inside the zip, stored (as Info-ZIP stores
// .zip files), holding photos, screenshots, exports, documents and notes.
func (g *gen) emitNestedZip(zw *zip.Writer, left int64) error {
	i := g.next("nested")
	target := g.fit(nestedMin, nestedMax, left, 64*kib)
	if i == 1 {
		// The first is larger than the walker's default memory for
		// spools, so that the spill to disk is part of the measure.
		target = min(spillSize, left)
	}
	return g.storedZip(zw, fmt.Sprintf("archives/part_%02d.zip", i), target, func(inner *zip.Writer, j int, rest int64) error {
		name := fmt.Sprintf("part_%02d/%04d", i, j)
		r := g.pick.IntN(100)
		if j == 0 {
			// A photo first, as a camera folder would come: see the
			// package documentation on nested zips.
			r = 0
		}
		switch {
		case r < 45:
			n := g.fit(innerPhotoMin, innerPhotoMax, rest, minJPEG)
			return g.file(inner, name+".jpg", zip.Store, func(w io.Writer) error { return g.writeJPEG(w, n) })
		case r < 60:
			pool := g.screenPool()
			_, write := pngVariant(pool[g.pick.IntN(len(pool))], 10000*i+j)
			return g.file(inner, name+".png", zip.Store, write)
		case r < 80:
			n := g.fit(exportMin, exportMax/4, rest*textRatio, 1*kib)
			return g.textFile(inner, name+".csv", g.csv(n))
		case r < 90:
			doc, err := g.docx(g.fit(docxMin, docxMax, rest, 4*kib))
			if err != nil {
				return err
			}
			return g.file(inner, name+".docx", zip.Store, writeBytes(doc))
		default:
			n := g.between(noteMin, noteMax)
			return g.file(inner, name+".txt", zip.Deflate, func(w io.Writer) error { return g.writeProse(w, n) })
		}
	})
}

// storedZip writes a zip named name into zw, stored (as zip tools store
// .zip files), of about target bytes: entry calls add one member each,
// the j-th with rest bytes of the target left, until the target is met.
func (g *gen) storedZip(zw *zip.Writer, name string, target int64, entry func(inner *zip.Writer, j int, rest int64) error) error {
	ew, err := g.create(zw, name, zip.Store)
	if err != nil {
		return err
	}
	out := &counter{w: ew}
	inner := g.newZip(out)
	for j := 0; ; j++ {
		if err := inner.Flush(); err != nil {
			return err
		}
		rest := target - out.n
		if rest <= 0 {
			break
		}
		if err := entry(inner, j, rest); err != nil {
			return err
		}
	}
	return inner.Close()
}

// emitTarGz writes a gzip-compressed tar, stored in the zip, holding
// e-mails, application logs, screenshots and photos.
func (g *gen) emitTarGz(zw *zip.Writer, left int64) error {
	i := g.next("targz")
	target := g.fit(tarGzMin, tarGzMax, left, 64*kib)
	ew, err := g.create(zw, fmt.Sprintf("backups/mail_%02d.tar.gz", i), zip.Store)
	if err != nil {
		return err
	}
	out := &counter{w: ew}
	gz, err := gzip.NewWriterLevel(out, gzip.BestSpeed)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	add := func(name string, size int64, write func(io.Writer) error) error {
		hdr := &tar.Header{Name: name, Size: size, Mode: 0o644, ModTime: g.tick(), Typeflag: tar.TypeReg,
			Uname: "backup", Gname: "backup", Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		return write(tw)
	}
	for j := 0; out.n < target; j++ {
		name := fmt.Sprintf("mail_%02d/%05d", i, j)
		switch r := g.pick.IntN(100); {
		case r < 50:
			n := g.between(mailMin, mailMax)
			err = add(name+".eml", n, func(w io.Writer) error { return g.writeMail(w, n) })
		case r < 70:
			n := g.fit(logMin, logMax, (target-out.n)*textRatio, 1*kib)
			err = add(name+".log", n, func(w io.Writer) error { return g.writeLog(w, n) })
		case r < 85:
			pool := g.screenPool()
			size, write := pngVariant(pool[g.pick.IntN(len(pool))], 10000*i+j)
			err = add(name+".png", size, write)
		default:
			n := g.fit(backupPhotoMin, backupPhotoMax, target-out.n, minJPEG)
			err = add(name+".jpg", n, func(w io.Writer) error { return g.writeJPEG(w, n) })
		}
		if err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeMail writes an RFC 5322 message of exactly n bytes (at least its
// header) between two fictional addresses.
func (g *gen) writeMail(w io.Writer, n int64) error {
	from := lower(givenNames[g.pick.IntN(len(givenNames))]) + "@" + domains[g.pick.IntN(len(domains))]
	to := lower(familyNames[g.pick.IntN(len(familyNames))]) + "@" + domains[g.pick.IntN(len(domains))]
	head := fmt.Appendf(nil, "From: %s\r\nTo: %s\r\nSubject: Weekly status\r\nDate: %s\r\nMessage-ID: <%d.%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n",
		from, to, g.now.Format("Mon, 02 Jan 2006 15:04:05 -0700"), g.now.Unix(), from)
	return g.writeLines(w, max(n, int64(len(head))), head, g.text().prose, 0)
}

func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}
}
