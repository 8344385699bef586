package archivegen

import (
	"bytes"
	"context"
	"testing"

	"github.com/richardlehane/mscfb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// An Outlook message is a plain compound file from its first bytes and a
// message inside; mscfb lists its streams and package meta reads it.
func TestOutlookMessage(t *testing.T) {
	b, err := OutlookMessage(OutlookMail{Subject: "Q3 export", SenderName: "Alice Admin",
		SenderEmail: "alice@acme.example.com", Body: string(bytes.Repeat([]byte("customer list\n"), 400))})
	require.NoError(t, err)
	doc, err := mscfb.New(bytes.NewReader(b))
	require.NoError(t, err)
	var names []string
	for f, err := doc.Next(); err == nil; f, err = doc.Next() {
		names = append(names, f.Name)
	}
	assert.Contains(t, names, "__substg1.0_0037001F")
	assert.Contains(t, names, "__substg1.0_1000001F", "a stream over the mini-stream cutoff")

	first := identify.Detect(b)
	assert.Equal(t, identify.MIMEOLE2, first.MIME)
	typ, err := identify.Refine(context.Background(), first, bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	assert.Equal(t, "msg", typ.Ext)
	res, err := meta.NewMSG().Extract(context.Background(), meta.Input{Name: "m.msg", Type: typ, R: bytes.NewReader(b), Size: int64(len(b))}, meta.Limits{})
	require.NoError(t, err)
	assert.Equal(t, "Q3 export", res.Metadata.Title)
	assert.Contains(t, res.Text, "customer list")

	again, err := OutlookMessage(OutlookMail{Subject: "Q3 export", SenderName: "Alice Admin",
		SenderEmail: "alice@acme.example.com", Body: string(bytes.Repeat([]byte("customer list\n"), 400))})
	require.NoError(t, err)
	assert.Equal(t, b, again, "deterministic")
}

func TestCompoundFileNames(t *testing.T) {
	_, err := CompoundFile([]CFBStream{{Path: "a/b", Data: []byte("x")}, {Path: "a", Data: []byte("y")}})
	assert.ErrorIs(t, err, ErrInvalid)
	_, err = CompoundFile([]CFBStream{{Path: "a name longer than thirty-one characters"}})
	assert.ErrorIs(t, err, ErrInvalid)
	b, err := CompoundFile([]CFBStream{{Path: "dir/inner", Data: []byte("x")}, {Path: "top", Data: make([]byte, 5000)}})
	require.NoError(t, err)
	doc, err := mscfb.New(bytes.NewReader(b))
	require.NoError(t, err)
	got := map[string]int64{}
	for f, err := doc.Next(); err == nil; f, err = doc.Next() {
		got[f.Name] = f.Size
	}
	assert.Equal(t, map[string]int64{"dir": 0, "inner": 1, "top": 5000}, got)
}

// With a thumbnail first, the first 8 KiB of the docx say zip; the
// container says docx.
func TestOOXMLPackageThumbnailFirst(t *testing.T) {
	b, err := OOXMLPackage("Alice Admin", "ACME payroll", "Internal: payroll", "docProps/thumbnail.jpeg")
	require.NoError(t, err)
	first := identify.Detect(b)
	assert.Equal(t, identify.MIMEZip, first.MIME)
	typ, err := identify.Refine(context.Background(), first, bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	assert.Equal(t, "docx", typ.Ext)
	res, err := meta.NewOOXML().Extract(context.Background(), meta.Input{Name: "d.docx", Type: typ, R: bytes.NewReader(b), Size: int64(len(b))}, meta.Limits{})
	require.NoError(t, err)
	assert.Equal(t, []string{"Alice Admin"}, res.Metadata.Authors)
	assert.Equal(t, "Internal: payroll", res.Text)

	_, err = OOXMLPackage("a", "b", "c", "word/missing.xml")
	assert.ErrorIs(t, err, ErrInvalid)
}

// The workbook of an xlsb is declared by a Default content type only.
func TestBinaryWorkbook(t *testing.T) {
	b, err := BinaryWorkbook("Hana Kitagawa")
	require.NoError(t, err)
	typ, err := identify.Refine(context.Background(), identify.Detect(b), bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	assert.Equal(t, "xlsb", typ.Ext)
	assert.Equal(t, identify.KindSpreadsheet, typ.Kind)
}
