package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// TestHostileDecide is issue 12's r03 and the other cases of its one
// decision point, in one pack before an ordinary file: an Outlook message
// and a docx whose first member is a thumbnail (empty metadata and no
// problem before), a binary workbook (walked as an archive before), an
// office part and a [Content_Types].xml with a DTD (billion laughs), and
// gzip, bzip2 and xz streams cut short. Each gets its metadata or its
// problem, and the file after them is read. The message alone, as the
// package itself, gets its metadata too.
func TestHostileDecide(t *testing.T) {
	msg, err := archivegen.OutlookMessage(archivegen.OutlookMail{Subject: "Q3 customer export - ACME", SenderName: "Alice Admin",
		SenderEmail: "alice@acme.example.com", Body: "Attached is the customer list of acme.example.com"})
	require.NoError(t, err)
	docx, err := archivegen.OOXMLPackage("Alice Admin", "ACME payroll", "Internal: payroll of acme.example.com", "docProps/thumbnail.jpeg")
	require.NoError(t, err)
	xlsb, err := archivegen.BinaryWorkbook("Hana Kitagawa")
	require.NoError(t, err)
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` + laughsEntities(9) + `]>`
	const ct = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`
	const core = `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>CREATOR</dc:creator></cp:coreProperties>`
	const body = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>still read</w:t></w:r></w:p></w:body></w:document>`
	office := func(ct, core string) []byte {
		b, err := archivegen.Zip([]archivegen.File{{Name: "[Content_Types].xml", Data: []byte(ct)},
			{Name: "docProps/core.xml", Data: []byte(core)}, {Name: "word/document.xml", Data: []byte(body)}}, archivegen.ZipOptions{})
		require.NoError(t, err)
		return b
	}
	log := bytes.Repeat([]byte("2021-04-12 10:30:00 login yamada from 10.0.0.1\n"), 2000)
	gz, err := archivegen.Gzip("access.log", time.Time{}, log)
	require.NoError(t, err)
	bz, err := archivegen.Bzip2(log)
	require.NoError(t, err)
	xz, err := archivegen.Xz(log)
	require.NoError(t, err)

	pack, err := archivegen.Zip([]archivegen.File{
		{Name: "r03/mail.msg", Data: msg},
		{Name: "r03/payroll.docx", Data: docx},
		{Name: "r03/ledger.xlsb", Data: xlsb},
		{Name: "dtd/laughs.docx", Data: office(ct, laughs+strings.Replace(core, "CREATOR", "&lol9;", 1))},
		{Name: "dtd/types.docx", Data: office(laughs+ct, strings.Replace(core, "CREATOR", "Alice Admin", 1))},
		{Name: "cut/access.log.gz", Data: gz[:len(gz)-8]},
		{Name: "cut/access.log.bz2", Data: bz[:len(bz)/2]},
		{Name: "cut/access.log.xz", Data: xz[:8]},
		{Name: "z/after.txt", Data: []byte("read after them\n")},
	}, archivegen.ZipOptions{})
	require.NoError(t, err)
	dir := t.TempDir()
	path := filepath.Join(dir, "r03_pack.zip")
	require.NoError(t, os.WriteFile(path, pack, 0o600))
	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", path}, MaxWall: 30 * time.Second})
	assert.Equal(t, 0, r.Exit)
	require.NotNil(t, r.Report)
	item := func(p string) evidence.Item {
		t.Helper()
		it, ok := findItem(r.Report, "r03_pack.zip!/"+p)
		require.True(t, ok, p)
		return it
	}

	m := item("r03/mail.msg")
	assert.Equal(t, "Q3 customer export - ACME", m.Metadata.Title)
	assert.Contains(t, m.Text, "customer list")
	d := item("r03/payroll.docx")
	assert.Equal(t, []string{"Alice Admin"}, d.Metadata.Authors)
	assert.Equal(t, "Internal: payroll of acme.example.com", d.Text)
	x := item("r03/ledger.xlsb")
	assert.Equal(t, "spreadsheet", x.Kind)
	assert.Equal(t, []string{"Hana Kitagawa"}, x.Metadata.Authors)
	for _, it := range []evidence.Item{m, d, x} {
		assert.Empty(t, it.Problems, it.Path)
	}

	l := item("dtd/laughs.docx")
	assert.Equal(t, []string{evidence.ProblemXMLDTD}, problemCodes(l.Problems))
	assert.Equal(t, "still read", l.Text)
	ty := item("dtd/types.docx")
	assert.Equal(t, []string{evidence.ProblemXMLDTD}, problemCodes(ty.Problems))
	item("dtd/types.docx!/word/document.xml") // walked as the zip it is

	for _, name := range []string{"cut/access.log.gz", "cut/access.log.bz2", "cut/access.log.xz"} {
		codes := problemCodes(item(name).Problems)
		for _, it := range r.Report.Items {
			if strings.HasPrefix(it.Path, "r03_pack.zip!/"+name+"!/") {
				codes = append(codes, problemCodes(it.Problems)...)
			}
		}
		assert.Contains(t, codes, evidence.ProblemTruncated, name)
	}
	assert.Equal(t, "read after them\n", item("z/after.txt").Text)

	// r03's message as the package itself.
	lone := filepath.Join(dir, "r03_mail.msg")
	require.NoError(t, os.WriteFile(lone, msg, 0o600))
	r = runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", lone}, MaxWall: 30 * time.Second})
	assert.Equal(t, 0, r.Exit)
	require.NotNil(t, r.Report)
	require.Len(t, r.Report.Items, 1)
	assert.Equal(t, "Q3 customer export - ACME", r.Report.Items[0].Metadata.Title)
	assert.Empty(t, r.Report.Items[0].Problems)
}

// laughsEntities declares lol1 … lol<n>, each ten of the one before.
func laughsEntities(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		prev := "lol"
		if i > 1 {
			prev = "lol" + string(rune('0'+i-1))
		}
		b.WriteString(`<!ENTITY lol` + string(rune('0'+i)) + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
	}
	return b.String()
}
