package evidence_test

import (
	"bytes"
	"io"
	"sync/atomic"
	"testing"

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
