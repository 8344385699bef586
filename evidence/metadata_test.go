package evidence_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// mailStub stands for a mail extractor: it reads every text/plain item,
// reports its first line as the title, and returns an attachment.
type mailStub struct{}

func (mailStub) Name() string                 { return "stub" }
func (mailStub) Version() string              { return "9" }
func (mailStub) Accepts(t identify.Type) bool { return t.MIME == "text/plain" }
func (mailStub) Extract(ctx context.Context, in meta.Input, lim meta.Limits) (*meta.Result, error) {
	b := make([]byte, in.Size)
	if _, err := in.R.ReadAt(b, 0); err != nil {
		return nil, err
	}
	if string(b) == "broken" {
		return nil, fmt.Errorf("%w: cannot parse", meta.ErrFormat)
	}
	inner, err := archivegen.Zip([]archivegen.File{{Name: "in-attachment.txt", Data: []byte("broken")}}, archivegen.ZipOptions{})
	if err != nil {
		return nil, err
	}
	return &meta.Result{
		Metadata:    meta.Metadata{Title: string(b), Raw: map[string]any{"Template": `\\fs01.corp.example\t.dotx`}},
		Text:        "body of " + string(b),
		Attachments: []meta.Attachment{{Name: "scan.zip", Data: inner}},
	}, nil
}

func TestMetadataStage(t *testing.T) {
	data := must(t)(archivegen.Zip([]archivegen.File{{Name: "mail.txt", Data: []byte("quarterly report")}}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{Extractors: []meta.Extractor{mailStub{}}})
	require.NoError(t, err)
	m := itemsByPath(rep)

	mail := m["p.zip!/mail.txt"]
	assert.Equal(t, "quarterly report", mail.Metadata.Title)
	assert.Equal(t, []string{"fs01.corp.example"}, mail.Metadata.Hosts)
	assert.Equal(t, evidence.TextFromBody, mail.TextSource)
	assert.Equal(t, "body of quarterly report", mail.Text)

	att := m["p.zip!/mail.txt!/scan.zip"]
	assert.Equal(t, 2, att.Depth, "an attachment is one level below its item")
	assert.Equal(t, "archive", att.Kind)
	assert.NotEmpty(t, att.SHA256)
	deep := m["p.zip!/mail.txt!/scan.zip!/in-attachment.txt"]
	assert.Equal(t, 3, deep.Depth, "archives in attachments are walked")
	require.Len(t, deep.Problems, 1)
	assert.Equal(t, evidence.ProblemMetadata, deep.Problems[0].Code)

	assert.Equal(t, 1, rep.Stats.WithMetadata)
	assert.Contains(t, rep.Tool.Extractors, evidence.Extractor{Name: "stub", Version: "9"})

	rep, err = analyzeBytes(t, "p.zip", data, evidence.Options{Extractors: []meta.Extractor{mailStub{}}, SkipMetadata: true})
	require.NoError(t, err)
	assert.Len(t, rep.Items, 1)
	assert.True(t, rep.Items[0].Metadata.IsZero())
}

// TestSampleMetadata checks the ownership signals the sample's own
// records carry, through the whole pipeline.
func TestSampleMetadata(t *testing.T) {
	rep, err := evidence.Analyze(t.Context(), samplePath, evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err)
	m := itemsByPath(rep)
	const root = "fujitsu-proofpack.zip!/FJ_sample/"

	po := m[root+"docs/発注書_FJ-2021-0412.docx"].Metadata
	assert.Equal(t, "東レ株式会社", po.Organisation)
	assert.Equal(t, []string{"高橋 美咲"}, po.Authors)
	assert.Contains(t, po.Paths, `\\tfs01.toray.local\templates\PO.dotx`)
	assert.Contains(t, po.Hosts, "tfs01.toray.local")
	assert.Contains(t, m[root+"docs/発注書_FJ-2021-0412.docx"].Text, "富士通株式会社 御中", "the vendor is named in the body")

	mail := m[root+"mail/RE_保守契約の更新について.eml"]
	assert.Equal(t, "RE: 保守契約の更新について", mail.Metadata.Title)
	assert.Equal(t, "+09:00", mail.Metadata.TZOffset)
	assert.Contains(t, mail.Metadata.Hosts, "mail.toray.co.jp")
	att := m[root+"mail/RE_保守契約の更新について.eml!/maintenance_renewal_FY2021.pdf"]
	assert.Equal(t, "pdf", att.Kind, "the mail's attachment is an item")
	assert.NotEmpty(t, att.Metadata.Authors)

	shot := m[root+"screenshots/portal_top.png"]
	assert.Equal(t, "Greenshot", shot.Metadata.Software)
	assert.Empty(t, shot.Problems, "a screenshot without EXIF is not a problem")

	pdf := m[root+"docs/system_overview.pdf"].Metadata
	assert.Equal(t, "+09:00", pdf.TZOffset)
	assert.Regexp(t, `^2021-04-26T\d\d:\d\d:\d\d\+09:00$`, pdf.Created)
}

// TestHostileDocuments: malformed records become problems on their items
// and the triage goes on.
func TestHostileDocuments(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&lol2;</dc:creator></cp:coreProperties>`
	docx := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "[Content_Types].xml", Data: []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`)},
		{Name: "word/document.xml", Data: []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>still read</w:t></w:r></w:p></w:body></w:document>`)},
		{Name: "docProps/core.xml", Data: []byte(laughs)},
	}, archivegen.ZipOptions{}))
	loop := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer<</Size 2/Root 1 0 R/Prev 42>>\nstartxref\n42\n%%EOF\n")
	pack := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "laughs.docx", Data: docx},
		{Name: "loop.pdf", Data: loop},
		{Name: "fine.txt", Data: []byte("hello")},
	}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "h.zip", pack, evidence.Options{})
	require.NoError(t, err)
	m := itemsByPath(rep)
	require.Len(t, rep.Items, 3)
	lp := m["h.zip!/laughs.docx"]
	require.NotEmpty(t, lp.Problems, "the entity document is reported")
	assert.Equal(t, evidence.ProblemXMLDTD, lp.Problems[0].Code, "the part with a DTD is refused")
	assert.Contains(t, lp.Text, "still read", "the rest of the document is read")
	assert.NotEmpty(t, m["h.zip!/loop.pdf"].SHA256)
	assert.Empty(t, m["h.zip!/fine.txt"].Problems)
}

// TestAttachmentsCountAsEntries: files embedded in items share the entry
// budget of the archive walk, so a mail of many attachments cannot grow
// the report past MaxEntries.
func TestAttachmentsCountAsEntries(t *testing.T) {
	data := must(t)(archivegen.Zip([]archivegen.File{{Name: "mail.txt", Data: []byte("quarterly report")}}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{Extractors: []meta.Extractor{mailStub{}},
		Limits: limits(func(l *evidence.Limits) { l.MaxEntries = 1 })})
	require.NoError(t, err)
	require.Len(t, rep.Items, 1, "the attachment is past the entry budget")
	require.NotEmpty(t, rep.Items[0].Problems)
	assert.Equal(t, "limit_entries", rep.Items[0].Problems[0].Code)
}
