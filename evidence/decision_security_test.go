package evidence_test

import (
	"bytes"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// An item's type is settled before its metadata extractors are chosen.
// From their first 8 KiB, an Outlook message is a plain compound file and
// a docx whose first member is a thumbnail is a plain zip; a binary
// workbook is declared by a Default content type that no Override
// repeats. Each must meet the extractor of what it is, alone and nested,
// and the items after it must be read as well. Costs are bounded in bytes
// read and allocated.

// countingReaderAt counts the bytes read from r.
type countingReaderAt struct {
	r    io.ReaderAt
	read atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.read.Add(int64(n))
	return n, err
}

// decidedDocuments returns the documents whose type only their container
// tells, by name.
func decidedDocuments(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"mail.msg": must(t)(archivegen.OutlookMessage(archivegen.OutlookMail{Subject: "Q3 customer export",
			SenderName: "Alice Admin", SenderEmail: "alice@acme.example.com", Body: "Attached is the customer list of acme.example.com"})),
		"payroll.docx": must(t)(archivegen.OOXMLPackage("Alice Admin", "ACME payroll", "Internal: payroll of acme.example.com",
			"docProps/thumbnail.jpeg")),
		"ledger.xlsb": must(t)(archivegen.BinaryWorkbook("Hana Kitagawa")),
	}
}

// checkDecided checks the item of the document called name (one of
// decidedDocuments) at path.
func checkDecided(t *testing.T, m map[string]evidence.Item, name, path string) {
	t.Helper()
	it, ok := m[path]
	require.True(t, ok, path)
	assert.Empty(t, it.Problems, path)
	switch name {
	case "mail.msg":
		assert.Equal(t, "email", it.Kind)
		assert.Equal(t, "Q3 customer export", it.Metadata.Title)
		assert.Contains(t, it.Text, "customer list")
	case "payroll.docx":
		assert.Equal(t, "docx", it.DetectedExt)
		assert.Equal(t, []string{"Alice Admin"}, it.Metadata.Authors)
		assert.Equal(t, "ACME payroll", it.Metadata.Title)
		assert.Equal(t, "Internal: payroll of acme.example.com", it.Text)
	case "ledger.xlsb":
		assert.Equal(t, "spreadsheet", it.Kind, "a binary workbook is a spreadsheet, not an archive")
		assert.Equal(t, "xlsb", it.DetectedExt)
		assert.Equal(t, []string{"Hana Kitagawa"}, it.Metadata.Authors)
		assert.NotContains(t, m, path+"!/xl/workbook.bin", "its parts are not walked")
	default:
		t.Fatalf("no check for %s", name)
	}
}

func TestTypeDecidedBeforeExtractors(t *testing.T) {
	docs := decidedDocuments(t)
	for name, data := range docs {
		t.Run("alone "+name, func(t *testing.T) {
			rep, err := analyzeBytes(t, name, data, evidence.Options{})
			require.NoError(t, err)
			require.Len(t, rep.Items, 1)
			checkDecided(t, itemsByPath(rep), name, name)
		})
	}
	t.Run("nested", func(t *testing.T) {
		files := []archivegen.File{}
		for _, name := range []string{"mail.msg", "payroll.docx", "ledger.xlsb"} {
			files = append(files, archivegen.File{Name: "pack/" + name, Data: docs[name]})
		}
		files = append(files, archivegen.File{Name: "pack/after.txt", Data: []byte("read after them")})
		pack := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
		r := &countingReaderAt{r: bytes.NewReader(pack)}
		var rep *evidence.Report
		alloc := testenv.Allocated(func() {
			var err error
			rep, err = evidence.AnalyzeReaderAt(t.Context(), "p.zip", r, int64(len(pack)), evidence.Options{TempDir: t.TempDir()})
			require.NoError(t, err)
		})
		m := itemsByPath(rep)
		for name := range docs {
			checkDecided(t, m, name, "p.zip!/pack/"+name)
		}
		assert.Equal(t, "read after them", m["p.zip!/pack/after.txt"].Text)
		assert.Equal(t, 3, rep.Stats.WithMetadata)
		// Each document is confirmed and read from its spool in memory,
		// never from the package again. The package itself is read whole
		// a few times (its hashes, the walk, the zip directory checks and
		// the trailing-data check): 5.8 times its size for this one, as
		// before the type was decided inside the spool.
		assert.LessOrEqual(t, r.read.Load(), int64(8*len(pack)), "bytes read of a %d-byte package", len(pack))
		assert.Less(t, alloc, uint64(16<<20), "bytes allocated")
	})
}

// dtdDocuments returns office documents that carry a document type
// declaration in one part, by name.
func dtdDocuments(t *testing.T) map[string][]byte {
	const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
		`<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">` +
		`<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">` +
		`<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">` +
		`<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`
	const ct = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`
	const core = `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>%s</dc:creator></cp:coreProperties>`
	const body = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>still read</w:t></w:r></w:p></w:body></w:document>`
	docx := func(ct, core string) []byte {
		return must(t)(archivegen.Zip([]archivegen.File{
			{Name: "[Content_Types].xml", Data: []byte(ct)},
			{Name: "docProps/core.xml", Data: []byte(core)},
			{Name: "word/document.xml", Data: []byte(body)},
		}, archivegen.ZipOptions{}))
	}
	odt := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "mimetype", Data: []byte("application/vnd.oasis.opendocument.text"), Store: true},
		{Name: "content.xml", Data: []byte(laughs + `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&lol9;</text:p></office:text></office:body></office:document-content>`)},
		{Name: "meta.xml", Data: []byte(`<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:initial-creator>Hana Kitagawa</meta:initial-creator></office:meta></office:document-meta>`)},
	}, archivegen.ZipOptions{}))
	return map[string][]byte{
		"laughs.docx":   docx(ct, laughs+replaceCreator(core, "&lol9;")),
		"external.docx": docx(ct, `<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd">`+replaceCreator(core, "Alice Admin")),
		"types.docx":    docx(laughs+ct, replaceCreator(core, "Alice Admin")),
		"laughs.odt":    odt,
	}
}

// replaceCreator puts v in core's creator.
func replaceCreator(core, v string) string { return strings.Replace(core, "%s", v, 1) }

// A DTD in an office part refuses that part with xml_dtd; the rest of the
// document is read. A DTD in [Content_Types].xml leaves the package
// unconfirmed: it is walked as the zip it is, and says why.
func TestDTDRefused(t *testing.T) {
	docs := dtdDocuments(t)
	files := []archivegen.File{}
	for _, name := range []string{"laughs.docx", "external.docx", "types.docx", "laughs.odt"} {
		files = append(files, archivegen.File{Name: name, Data: docs[name]})
	}
	files = append(files, archivegen.File{Name: "after.txt", Data: []byte("read after them")})
	pack := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
	var rep *evidence.Report
	alloc := testenv.Allocated(func() {
		var err error
		rep, err = analyzeBytes(t, "p.zip", pack, evidence.Options{})
		require.NoError(t, err)
	})
	m := itemsByPath(rep)
	for _, name := range []string{"laughs.docx", "external.docx"} {
		it := m["p.zip!/"+name]
		assert.Equal(t, []string{evidence.ProblemXMLDTD}, codes(it.Problems), name)
		assert.Equal(t, "still read", it.Text, "%s: the other parts are read", name)
		assert.Empty(t, it.Metadata.Authors, name)
	}
	types := m["p.zip!/types.docx"]
	assert.Equal(t, []string{evidence.ProblemXMLDTD}, codes(types.Problems))
	assert.Equal(t, "archive", types.Kind, "an unconfirmed package is walked as a zip")
	assert.Contains(t, m, "p.zip!/types.docx!/word/document.xml", "its members are listed")

	odt := m["p.zip!/laughs.odt"]
	assert.Equal(t, []string{evidence.ProblemXMLDTD}, codes(odt.Problems))
	assert.Equal(t, []string{"Hana Kitagawa"}, odt.Metadata.Authors, "meta.xml is read")
	assert.Equal(t, "read after them", m["p.zip!/after.txt"].Text)
	// lol9 expands to 3 GB; refused, the whole triage allocates little.
	assert.Less(t, alloc, uint64(16<<20), "bytes allocated")

	// Alone, a package refused for its [Content_Types].xml says so on the
	// report.
	rep, err := analyzeBytes(t, "types.docx", docs["types.docx"], evidence.Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{evidence.ProblemXMLDTD}, codes(rep.Problems))
	assert.Equal(t, "types.docx", rep.Problems[0].Path)
}

// A compressed stream that ends early is truncated, whatever the format
// and wherever it is cut: inside the header, inside the compressed data,
// or before the trailer; alone or nested; and the walk goes on.
func TestTruncatedStreams(t *testing.T) {
	log := bytes.Repeat([]byte("2021-04-12 10:30:00 login yamada from 10.0.0.1\n"), 2000)
	gz := must(t)(archivegen.Gzip("access.log", time.Time{}, log))
	bz := must(t)(archivegen.Bzip2(log))
	xz := must(t)(archivegen.Xz(log))
	cuts := map[string][]byte{
		"header.gz": gz[:5], "data.gz": gz[:len(gz)/2], "trailer.gz": gz[:len(gz)-8],
		"header.bz2": bz[:12], "data.bz2": bz[:len(bz)/2], "end.bz2": bz[:len(bz)-1],
		"header.xz": xz[:8], "data.xz": xz[:len(xz)/2], "footer.xz": xz[:len(xz)-1],
	}
	files := []archivegen.File{}
	for name, data := range cuts {
		files = append(files, archivegen.File{Name: name, Data: data})
	}
	files = append(files, archivegen.File{Name: "zz-after.txt", Data: []byte("read after them")})
	pack := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "p.zip", pack, evidence.Options{})
	require.NoError(t, err)
	// The problem is on the stream's item, or on the item of what it
	// holds, "p.zip!/data.gz!/access.log".
	truncated := map[string]bool{}
	for _, it := range rep.Items {
		top, _, _ := strings.Cut(strings.TrimPrefix(it.Path, "p.zip!/"), "!/")
		for _, p := range it.Problems {
			truncated[top] = truncated[top] || p.Code == evidence.ProblemTruncated
		}
	}
	for name := range cuts {
		assert.True(t, truncated[name], "%s: truncated", name)
	}
	assert.Equal(t, "read after them", itemsByPath(rep)["p.zip!/zz-after.txt"].Text)

	for name, data := range cuts {
		t.Run("alone "+name, func(t *testing.T) {
			rep, _ := analyzeBytes(t, name, data, evidence.Options{})
			require.NotNil(t, rep)
			all := codes(rep.Problems)
			for _, it := range rep.Items {
				all = append(all, codes(it.Problems)...)
			}
			assert.Contains(t, all, evidence.ProblemTruncated)
		})
	}
}

// decisionSeeds are the inputs of this file's tests for FuzzAnalyze: a
// pack of the documents whose type only their container tells, and office
// documents with a DTD in a part and in [Content_Types].xml.
func decisionSeeds() [][]byte {
	msg, _ := archivegen.OutlookMessage(archivegen.OutlookMail{Subject: "Q3", SenderName: "Alice Admin", SenderEmail: "alice@acme.example.com", Body: "list"})
	docx, _ := archivegen.OOXMLPackage("Alice Admin", "ACME payroll", "payroll", "docProps/thumbnail.jpeg")
	xlsb, _ := archivegen.BinaryWorkbook("Hana Kitagawa")
	pack, _ := archivegen.Zip([]archivegen.File{{Name: "m.msg", Data: msg}, {Name: "d.docx", Data: docx}, {Name: "x.xlsb", Data: xlsb}}, archivegen.ZipOptions{})
	const dtd = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`
	const ct = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	const core = `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&b;</dc:creator></cp:coreProperties>`
	part, _ := archivegen.Zip([]archivegen.File{{Name: "[Content_Types].xml", Data: []byte(ct)}, {Name: "docProps/core.xml", Data: []byte(dtd + core)}}, archivegen.ZipOptions{})
	types, _ := archivegen.Zip([]archivegen.File{{Name: "[Content_Types].xml", Data: []byte(dtd + ct)}, {Name: "docProps/core.xml", Data: []byte(core)}}, archivegen.ZipOptions{})
	return [][]byte{msg, pack, part, types}
}
