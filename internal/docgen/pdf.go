package docgen

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // ScannedPDF reads the size of its JPEG pages
	"strings"
	"time"
	"unicode/utf16"
)

// PDFInfo is the document information dictionary of a PDF file. Strings
// that are pure ASCII are written as literal strings; others as UTF-16BE
// with a byte-order mark, as Acrobat does.
type PDFInfo struct {
	Title    string
	Author   string
	Subject  string
	Keywords string
	Creator  string // the authoring application, e.g. "Microsoft Word"
	Producer string // the PDF library, e.g. "Microsoft: Print To PDF"
	Created  time.Time
	Modified time.Time
}

// PDFPage is one page: lines of text set top-down in Helvetica. Text is
// encoded in WinAnsiEncoding; runes it cannot hold (Japanese, for one) are
// left out of the page content. A line starting with "# " is set in
// Helvetica-Bold at a larger size.
type PDFPage struct {
	Lines []string
}

// PDFSpec describes a PDF 1.4 file with A4 pages.
type PDFSpec struct {
	Info  PDFInfo
	Pages []PDFPage
}

// PDF returns the bytes of a PDF 1.4 file built from spec: catalog, page
// tree, the standard Helvetica fonts, one content stream per page, the Info
// dictionary, an xref table with exact offsets and a trailer with an /ID
// derived from the content.
func PDF(spec PDFSpec) ([]byte, error) {
	if len(spec.Pages) == 0 {
		return nil, fmt.Errorf("pdf: %w", errEmptyBody)
	}
	// Object numbers: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold,
	// 5 info, then a page object and a content stream per page.
	const fixed = 5
	n := len(spec.Pages)
	objs := make([][]byte, fixed+2*n)

	kids := make([]string, n)
	for i := range spec.Pages {
		kids[i] = fmt.Sprintf("%d 0 R", fixed+1+2*i)
	}
	objs[0] = []byte("<< /Type /Catalog /Pages 2 0 R >>")
	objs[1] = []byte(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	objs[2] = []byte("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	objs[3] = []byte("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	objs[4] = pdfInfoDict(spec.Info)
	for i, p := range spec.Pages {
		pageNum := fixed + 1 + 2*i
		content := pdfContent(p)
		objs[pageNum-1] = []byte(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>", pageNum+1))
		objs[pageNum] = []byte(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	}

	return pdfFile(objs), nil
}

// pdfFile writes objs as objects 1…n of a PDF 1.4 file whose catalog is
// object 1 and Info dictionary object 5, with an xref table of exact
// offsets and a trailer with an /ID derived from the content.
func pdfFile(objs [][]byte) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		// Each entry is exactly 20 bytes, the end of line included.
		fmt.Fprintf(&buf, "%010d 00000 n \n", off)
	}
	id := md5.Sum(buf.Bytes())
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R /ID [<%X> <%X>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(objs)+1, id, id, xref)
	return buf.Bytes()
}

// ScannedPDF returns a PDF whose pages are scans: each page is one JPEG
// image drawn over the whole page, with no text layer, as a scanner or a
// "print to PDF" of an image writes it. Each page has the image's aspect
// ratio, 595 points wide.
func ScannedPDF(info PDFInfo, pages [][]byte) ([]byte, error) {
	if len(pages) == 0 {
		return nil, fmt.Errorf("pdf: %w", errEmptyBody)
	}
	// Object numbers: 1 catalog, 2 pages, 3 and 4 unused fonts kept for
	// the layout of PDF, 5 info, then page, content, image per page.
	const fixed = 5
	n := len(pages)
	objs := make([][]byte, fixed+3*n)
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", fixed+1+3*i)
	}
	objs[0] = []byte("<< /Type /Catalog /Pages 2 0 R >>")
	objs[1] = []byte(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	objs[2] = []byte("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	objs[3] = []byte("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	objs[4] = pdfInfoDict(info)
	for i, jpg := range pages {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(jpg))
		if err != nil || format != "jpeg" {
			return nil, fmt.Errorf("pdf: page %d is not a JPEG image: %v", i+1, err)
		}
		space := "/DeviceRGB"
		if cfg.ColorModel == color.GrayModel {
			space = "/DeviceGray"
		}
		w, h := 595, 595*cfg.Height/cfg.Width
		pageNum := fixed + 1 + 3*i
		content := fmt.Sprintf("q %d 0 0 %d 0 0 cm /Im1 Do Q", w, h)
		objs[pageNum-1] = []byte(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", w, h, pageNum+2, pageNum+1))
		objs[pageNum] = []byte(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
		objs[pageNum+1] = append([]byte(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n",
			cfg.Width, cfg.Height, space, len(jpg))), append(append([]byte{}, jpg...), "\nendstream"...)...)
	}
	return pdfFile(objs), nil
}

// pdfInfoDict renders the Info dictionary, leaving out empty fields.
func pdfInfoDict(in PDFInfo) []byte {
	var b strings.Builder
	b.WriteString("<<")
	str := func(key, v string) {
		if v != "" {
			fmt.Fprintf(&b, " /%s %s", key, pdfTextString(v))
		}
	}
	str("Title", in.Title)
	str("Author", in.Author)
	str("Subject", in.Subject)
	str("Keywords", in.Keywords)
	str("Creator", in.Creator)
	str("Producer", in.Producer)
	if !in.Created.IsZero() {
		fmt.Fprintf(&b, " /CreationDate (%s)", PDFDate(in.Created))
	}
	if !in.Modified.IsZero() {
		fmt.Fprintf(&b, " /ModDate (%s)", PDFDate(in.Modified))
	}
	b.WriteString(" >>")
	return []byte(b.String())
}

// PDFDate formats t as a PDF date string with its zone, for example
// D:20210412103000+09'00' (or a trailing Z in UTC).
func PDFDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return s + "Z"
	}
	sign := byte('+')
	if off < 0 {
		sign = '-'
		off = -off
	}
	return fmt.Sprintf("%s%c%02d'%02d'", s, sign, off/3600, off%3600/60)
}

// pdfTextString returns v as a PDF text string: a literal for ASCII, a hex
// UTF-16BE string with a byte-order mark otherwise.
func pdfTextString(v string) string {
	ascii := true
	for _, r := range v {
		if r >= 0x80 || r < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + pdfEscape(v) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(v)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfEscape escapes the characters that are special in literal strings.
func pdfEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return r.Replace(s)
}

// winAnsi maps a rune to WinAnsiEncoding, reporting whether it fits. Only
// the Latin-1 range and a few punctuation marks are kept.
func winAnsi(r rune) (byte, bool) {
	switch {
	case r >= 0x20 && r < 0x7f, r >= 0xa0 && r <= 0xff:
		return byte(r), true
	case r == '\u2013':
		return 0x96, true
	case r == '\u2014':
		return 0x97, true
	case r == '\u2019':
		return 0x92, true
	case r == '\u20ac':
		return 0x80, true
	}
	return 0, false
}

// pdfContent renders one page's content stream.
func pdfContent(p PDFPage) string {
	var b strings.Builder
	y := 780
	for _, line := range p.Lines {
		font, size, gap := "F1", 11, 16
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			line, font, size, gap = rest, "F2", 16, 26
		}
		var enc []byte
		for _, r := range line {
			if c, ok := winAnsi(r); ok {
				enc = append(enc, c)
			}
		}
		if len(bytes.TrimSpace(enc)) > 0 {
			fmt.Fprintf(&b, "BT /%s %d Tf 72 %d Td (%s) Tj ET\n", font, size, y, pdfEscape(string(enc)))
		}
		y -= gap
		if y < 60 {
			break
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
