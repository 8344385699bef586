package reusegen

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// The pack set: proof packs as a seller publishes them, one after the
// other, some of their files taken from packs published before.
//
// Packs deals the packs of the set to the two halves by pack (even to
// Decided, odd to HeldOut); each half is its own sequence of packs, to be
// triaged in order into its own case library, so that nothing of one half
// can be recognised in the other. The first FreshPacks of a half are all
// new; in each later pack ReuseShare of the files are taken from an
// earlier pack of the same half after one of the transforms of their
// class (PackTransforms), and the rest are new files of the same
// templates with other content.

// MinPacks is the number of packs the pack set has at least: the issue
// asks for a measurement on at least 50, and 64 deals 32 to each half.
const MinPacks = 64

// FreshPacks is the number of packs at the start of each half whose
// files are all new: the library a later pack is looked up in holds at
// least these.
const FreshPacks = 3

// ReuseShare is the share of the files of a pack (after the first
// FreshPacks of its half) taken from an earlier pack, as the issue asks:
// 30 % re-used, 70 % fresh.
const ReuseShare = 0.3

// Class is what a file of a pack stands for: a screenshot, a document
// (the body text of a report, agreement, minutes …) or a table (a CSV or
// a workbook of records).
type Class string

// The classes of files.
const (
	ClassImage    Class = "image"
	ClassDocument Class = "document"
	ClassTable    Class = "table"
)

// Classes lists the classes in the order reports show them.
var Classes = []Class{ClassImage, ClassDocument, ClassTable}

// The formats of the files of a pack (PackItem.Format).
const (
	FormatPNG  = "png"
	FormatJPEG = "jpeg"
	FormatDOCX = "docx"
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

// Transforms of a document published again (PackItem.Transform): the
// same text in a new file.
const (
	// Resave writes the document again in its own format with other
	// metadata (another last author, dates, application); a PDF is
	// also set at another line width.
	Resave = "resave"
	// PrintPDF prints the document to PDF: lines wrapped, a running head
	// and "Page N of M" on every page, some words hyphenated (the text
	// of TransformText's Paged).
	PrintPDF = "print"
)

// PackTransforms lists the transforms a re-used file of each class goes
// through, in turn: the JPEG at quality 60, 50 % resize, crop of
// up to 5 % and screenshot of a screenshot for images; re-save and print
// to PDF for documents; CSV re-exports (all fields quoted, semicolons,
// tabs, a spreadsheet's formats) for tables, whether the table was first
// published as CSV or as a workbook.
var PackTransforms = map[Class][]string{
	ClassImage:    {string(JPEG60), string(Resize50), string(Crop5), string(Rescreen)},
	ClassDocument: {Resave, PrintPDF},
	ClassTable:    {string(QuoteAll), string(Semicolon), string(TabLF), string(Excel)},
}

// ItemRef names one file of one pack: the pack's file name and the
// file's path inside it.
type ItemRef struct {
	Pack string `json:"pack"`
	Path string `json:"path"`
}

// Display is the path a report gives the file: the package name, "!/",
// the path inside it.
func (r ItemRef) Display() string { return r.Pack + "!/" + r.Path }

// Pack is one generated proof pack and its ground truth.
type Pack struct {
	// Name is the pack's file name ("pack-007.zip"), Index its place in
	// the whole set.
	Name  string `json:"name"`
	Index int    `json:"index"`
	// Split is the half the pack is dealt to, Seq its place in that
	// half: the packs of a half are triaged in Seq order.
	Split Split `json:"split"`
	Seq   int   `json:"seq"`
	// Claim is the seller's claim, Date when the pack was published.
	Claim string     `json:"claim"`
	Date  time.Time  `json:"date"`
	Items []PackItem `json:"items"`
}

// PackItem is one file of a pack and its ground truth.
type PackItem struct {
	// Path is the file's path inside the pack.
	Path   string `json:"path"`
	Class  Class  `json:"class"`
	Format string `json:"format"`
	// Template is the index of the file's template among those of its
	// class: the screen templates of Pages, the document or CSV
	// templates of Texts (a workbook has a CSV template's columns).
	Template int `json:"template"`
	// Source is the file this one re-uses, in an earlier pack of the
	// same half, and Transform what was done to it (PackTransforms);
	// both are empty for a fresh file. A source is always a fresh file:
	// every re-use is one transform away from it.
	Source    *ItemRef `json:"source,omitempty"`
	Transform string   `json:"transform,omitempty"`

	content *content
	stream  uint64
}

// Reused says whether the file re-uses one of an earlier pack.
func (it PackItem) Reused() bool { return it.Source != nil }

// content is what a fresh file was drawn from; the files that re-use it
// share it.
type content struct {
	screen   *docgen.ScreenshotSpec // ClassImage
	text     *Text                  // ClassDocument (Kind Doc) and ClassTable (Kind CSV, rows)
	format   string                 // the format it was first published in
	template int                    // its template among those of its class
	author   person
	org      orgName
	date     time.Time
}

// packStream is the first generator stream of the pack set, far from the
// streams of Pages (1000…), Texts (5000…, 9000…) and the transforms of
// the measurement (below 4096).
const packStream = 1 << 20

// claimKinds are what sellers say they have.
var claimKinds = []string{"customer database", "HR and payroll files", "internal documents", "full file server", "finance records", "mail archive"}

// Packs draws a pack set of n packs (at least 2) with the screen
// templates of fonts; it draws the plan only, and Zip renders a pack's
// files. The same n gives the same set on every run; a set of n packs
// starts with the packs of a smaller one.
func Packs(fonts *docgen.Fonts, n int) ([]Pack, error) {
	if n < 2 {
		return nil, fmt.Errorf("reusegen: a pack set needs 2 packs at least, not %d", n)
	}
	type original struct {
		ref ItemRef
		c   *content
	}
	type half struct {
		start     time.Time
		originals map[Class][]original
		turn      map[Class]int
	}
	halves := map[Split]*half{
		Decided: {start: time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), originals: map[Class][]original{}, turn: map[Class]int{}},
		HeldOut: {start: time.Date(2025, 1, 8, 9, 0, 0, 0, time.UTC), originals: map[Class][]original{}, turn: map[Class]int{}},
	}
	packs := make([]Pack, 0, n)
	for k := range n {
		r := newRNG(uint64(packStream + k*4096))
		sp, seq := split(k), k/2
		h := halves[sp]
		o := pick(r, orgs)
		p := Pack{
			Name: fmt.Sprintf("pack-%03d.zip", k), Index: k, Split: sp, Seq: seq,
			Claim: fmt.Sprintf("%s %s", o.Name, pick(r, claimKinds)),
			Date:  h.start.Add(time.Duration(seq)*7*24*time.Hour + time.Duration(r.Intn(5*24*60))*time.Minute),
		}
		// The classes of the pack's files, shuffled.
		nImg, nDoc := r.Between(3, 5), r.Between(1, 3)
		nTab := max(1, r.Between(8, 12)-nImg-nDoc)
		var classes []Class
		for c, m := range map[Class]int{ClassImage: nImg, ClassDocument: nDoc, ClassTable: nTab} {
			for range m {
				classes = append(classes, c)
			}
		}
		slices.Sort(classes) // map order is random: sort, then shuffle with r
		shuffle(r, classes)
		// Which of them re-use a file of an earlier pack.
		reuse := make([]bool, len(classes))
		if seq >= FreshPacks {
			idx := make([]int, len(classes))
			for i := range idx {
				idx[i] = i
			}
			shuffle(r, idx)
			for _, i := range idx[:int(math.Round(ReuseShare*float64(len(classes))))] {
				reuse[i] = true
			}
		}
		used := map[ItemRef]bool{}
		var fresh []original
		for i, c := range classes {
			it := PackItem{Class: c, stream: uint64(packStream + k*4096 + 1 + i)}
			ir := newRNG(it.stream)
			if reuse[i] {
				var cands []original
				for _, src := range h.originals[c] {
					if !used[src.ref] {
						cands = append(cands, src)
					}
				}
				if len(cands) > 0 {
					src := pick(ir, cands)
					used[src.ref] = true
					trs := PackTransforms[c]
					it.Transform = trs[h.turn[c]%len(trs)]
					h.turn[c]++
					it.Source = &ItemRef{Pack: src.ref.Pack, Path: src.ref.Path}
					it.content = src.c
					it.Format = reusedFormat(c, src.c.format, it.Transform)
				}
			}
			if it.content == nil {
				it.content = drawContent(fonts, c, ir, p.Date)
				it.Format = it.content.format
			}
			it.Template = it.content.template
			it.Path = itemPath(ir, it, i)
			if it.Source == nil {
				fresh = append(fresh, original{ItemRef{p.Name, it.Path}, it.content})
			}
			p.Items = append(p.Items, it)
		}
		for _, f := range fresh {
			c := classOf(f.c)
			h.originals[c] = append(h.originals[c], f)
		}
		packs = append(packs, p)
	}
	return packs, nil
}

// classOf returns the class of a file's content.
func classOf(c *content) Class {
	switch {
	case c.screen != nil:
		return ClassImage
	case c.text.Kind == Doc:
		return ClassDocument
	}
	return ClassTable
}

// reusedFormat is the format of a re-used file of class c first
// published as format after transform tr.
func reusedFormat(c Class, format, tr string) string {
	switch c {
	case ClassImage:
		if tr == string(JPEG60) || tr == string(Crop5) {
			return FormatJPEG
		}
		return FormatPNG
	case ClassDocument:
		if tr == PrintPDF {
			return FormatPDF
		}
		return format
	}
	return FormatCSV
}

// drawContent draws a fresh file of class c: a screen of a random
// template (PNG, one in four JPEG at quality 85), a document of a random
// template (DOCX, one in three PDF) or a table (CSV, one in three a
// workbook), with an author and dates before date.
func drawContent(fonts *docgen.Fonts, c Class, r *rng, date time.Time) *content {
	o := pick(r, orgs)
	ct := &content{org: o, author: newPerson(r, o, false), date: date.Add(-time.Duration(r.Between(2*24, 400*24)) * time.Hour)}
	switch c {
	case ClassImage:
		ct.template = r.Intn(len(screenTemplates))
		spec := screenSpec(fonts, ct.template, r)
		ct.screen, ct.format = &spec, FormatPNG
		if r.Intn(4) == 0 {
			ct.format = FormatJPEG
		}
	case ClassDocument:
		t := r.Intn(len(docTemplates))
		ct.text, ct.template = &Text{Kind: Doc, Template: t, Body: document(r, docTemplates[t])}, t
		ct.format = FormatDOCX
		if r.Intn(3) == 0 {
			ct.format = FormatPDF
		}
	default:
		t := r.Intn(len(csvTemplates))
		rows := tableRows(t, r)
		ct.text, ct.template = &Text{Kind: CSV, Template: t, Body: writeCSV(rows, ',', false, true), rows: rows}, t
		ct.format = FormatCSV
		if r.Intn(3) == 0 {
			ct.format = FormatXLSX
		}
	}
	return ct
}

// itemPath names the i-th file of a pack as a seller would: a folder per
// class and a name of the kind such files have, the number i keeping
// names apart. A re-used file gets a name of its new pack.
func itemPath(r *rng, it PackItem, i int) string {
	ext := map[string]string{FormatPNG: "png", FormatJPEG: "jpg", FormatDOCX: "docx", FormatPDF: "pdf", FormatXLSX: "xlsx", FormatCSV: "csv"}[it.Format]
	switch it.Class {
	case ClassImage:
		return fmt.Sprintf("screenshots/%s_%02d.%s", pick(r, []string{"screen", "capture", "Screenshot", "scr"}), i+1, ext)
	case ClassDocument:
		title := strings.ReplaceAll(strings.ToLower(docTemplates[it.content.text.Template].title), " ", "_")
		return fmt.Sprintf("documents/%s_%02d.%s", title, i+1, ext)
	}
	head := it.content.text.rows[0][0]
	if !isASCII(head) {
		head = "records"
	}
	return fmt.Sprintf("exports/%s_%02d.%s", strings.ToLower(strings.ReplaceAll(head, " ", "_")), i+1, ext)
}

func isASCII(s string) bool {
	for _, c := range s {
		if c > 0x7e {
			return false
		}
	}
	return true
}

// shuffle permutes list with r (Fisher-Yates).
func shuffle[T any](r *rng, list []T) {
	for i := len(list) - 1; i > 0; i-- {
		j := r.Intn(i + 1)
		list[i], list[j] = list[j], list[i]
	}
}
