package reusegen

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// pdfLinesPerPage is the number of 11-point lines docgen.PDF sets on an
// A4 page with room to spare (it stops at 45).
const pdfLinesPerPage = 42

// Zip renders the pack: a zip file holding each of its files at its path,
// dated a few hours before the pack. A re-used file is rendered from its
// source's content, then transformed; the same pack gives the same bytes
// on every run.
func (p Pack) Zip() ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, it := range p.Items {
		b, err := it.render(p)
		if err != nil {
			return nil, fmt.Errorf("reusegen: %s: %s: %w", p.Name, it.Path, err)
		}
		method := zip.Deflate
		if it.Format == FormatPNG || it.Format == FormatJPEG {
			method = zip.Store // compressed already, as archivers leave them
		}
		w, err := zw.CreateHeader(&zip.FileHeader{
			Name: it.Path, Method: method,
			Modified: p.Date.Add(-time.Duration(len(p.Items)-i) * 17 * time.Minute),
		})
		if err != nil {
			return nil, fmt.Errorf("reusegen: %s: %w", p.Name, err)
		}
		if _, err := w.Write(b); err != nil {
			return nil, fmt.Errorf("reusegen: %s: %w", p.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("reusegen: %s: %w", p.Name, err)
	}
	return buf.Bytes(), nil
}

// TruthFile is the name of the ground truth WritePacks writes beside the
// packs.
const TruthFile = "truth.json"

// WritePacks writes each pack to dir under its name, and the ground truth
// of all (the packs as JSON) to dir/TruthFile.
func WritePacks(dir string, packs []Pack) error {
	for _, p := range packs {
		b, err := p.Zip()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, p.Name), b, 0o644); err != nil {
			return fmt.Errorf("reusegen: %w", err)
		}
	}
	b, err := json.MarshalIndent(packs, "", "  ")
	if err != nil {
		return fmt.Errorf("reusegen: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, TruthFile), b, 0o644); err != nil {
		return fmt.Errorf("reusegen: %w", err)
	}
	return nil
}

// render returns the bytes of one file of pack p.
func (it PackItem) render(p Pack) ([]byte, error) {
	c := it.content
	r := newRNG(it.stream ^ 0xF11E)
	switch it.Class {
	case ClassImage:
		img, err := docgen.Screenshot(*c.screen)
		if err != nil {
			return nil, err
		}
		var b []byte
		switch {
		case it.Reused():
			b, _, err = EncodeTransformed(img, ImageTransform(it.Transform), it.stream)
		case it.Format == FormatJPEG:
			b, _, err = encode(img, "jpeg", 85)
		default:
			b, _, err = encode(img, "png", 0)
		}
		return b, err
	case ClassDocument:
		return it.renderDocument(p, r)
	}
	rows := c.text.rows
	if !it.Reused() {
		if it.Format == FormatXLSX {
			return docgen.Xlsx(docgen.XlsxSpec{
				Core:   docgen.CoreProps{Creator: c.author.Name, LastModifiedBy: c.author.Name, Created: c.date, Modified: c.date.Add(3 * time.Hour)},
				App:    docgen.AppProps{Company: c.org.Name},
				Sheets: []docgen.Sheet{{Name: "Sheet1", Rows: rows}},
			})
		}
		return []byte(c.text.Body), nil
	}
	s, err := TransformText(*c.text, TextTransform(it.Transform), it.stream)
	return []byte(s), err
}

// renderDocument writes a document: fresh as its content's format, or
// re-saved in it with other metadata, or printed to PDF.
func (it PackItem) renderDocument(p Pack, r *rng) ([]byte, error) {
	c := it.content
	title := docTemplates[c.text.Template].title
	created, modified := c.date, c.date.Add(time.Duration(r.Between(1, 72))*time.Hour)
	author, lastBy := c.author.Name, c.author.Name
	app, producer := "Microsoft Office Word", "Microsoft® Word for Microsoft 365"
	if it.Reused() {
		// Opened and saved again by someone else, shortly before the
		// pack was published.
		lastBy = newPerson(r, pick(r, orgs), false).Name
		modified = p.Date.Add(-time.Duration(r.Between(1, 240)) * time.Hour)
		app, producer = pick(r, []string{"LibreOffice/7.6", "Microsoft Office Word", "WPS Office"}), "Microsoft: Print To PDF"
	}
	switch {
	case it.Transform == PrintPDF:
		paged, err := TransformText(*c.text, Paged, it.stream)
		if err != nil {
			return nil, err
		}
		var pages []docgen.PDFPage
		for _, pg := range strings.Split(paged, "\f") {
			if lines := strings.Split(strings.TrimRight(pg, "\n"), "\n"); strings.TrimSpace(pg) != "" {
				pages = append(pages, docgen.PDFPage{Lines: lines})
			}
		}
		return docgen.PDF(docgen.PDFSpec{
			Info:  docgen.PDFInfo{Title: title, Author: author, Creator: "Microsoft Word", Producer: producer, Created: modified, Modified: modified},
			Pages: pages,
		})
	case it.Format == FormatPDF:
		width := 90
		if it.Reused() {
			width = r.Between(70, 85)
		}
		lines := wrap(c.text.Body, width)
		var pages []docgen.PDFPage
		for len(lines) > 0 {
			n := min(pdfLinesPerPage, len(lines))
			pages = append(pages, docgen.PDFPage{Lines: lines[:n]})
			lines = lines[n:]
		}
		if !it.Reused() {
			producer = "Adobe PDF Library 23.1"
		}
		return docgen.PDF(docgen.PDFSpec{
			Info:  docgen.PDFInfo{Title: title, Author: author, Creator: app, Producer: producer, Created: created, Modified: modified},
			Pages: pages,
		})
	}
	return docgen.Docx(docgen.DocxSpec{
		Core:       docgen.CoreProps{Title: title, Creator: author, LastModifiedBy: lastBy, Created: created, Modified: modified},
		App:        docgen.AppProps{Application: app, Company: c.org.Name},
		Paragraphs: paragraphs(c.text),
	})
}

// paragraphs are the paragraphs of a document's body: one per line, the
// title and section headings marked as headings, blank lines left out.
func paragraphs(t *Text) []string {
	tpl := docTemplates[t.Template]
	var out []string
	for _, l := range strings.Split(t.Body, "\n") {
		switch {
		case l == "":
			continue
		case l == tpl.title || slices.Contains(tpl.sections, l):
			l = "# " + l
		}
		out = append(out, l)
	}
	return out
}
