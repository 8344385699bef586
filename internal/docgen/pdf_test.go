package docgen

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/oracle"
)

func testPDFSpec() PDFSpec {
	return PDFSpec{
		Info: PDFInfo{
			Title:    "基幹システム概要",
			Author:   "Hanako (Suzuki)",
			Creator:  "Microsoft Word",
			Producer: "Microsoft® Word for Microsoft 365",
			Created:  time.Date(2021, 4, 12, 10, 30, 0, 0, jst),
			Modified: time.Date(2021, 4, 12, 11, 0, 0, 0, jst),
		},
		Pages: []PDFPage{
			{Lines: []string{"# Core Systems", "Host tsap01.example.local (SAP)", "日本語は省略 skipped", `back\slash`}},
			{Lines: []string{"Page two: café"}},
		},
	}
}

func TestPDFStructure(t *testing.T) {
	data, err := PDF(testPDFSpec())
	require.NoError(t, err)
	again, err := PDF(testPDFSpec())
	require.NoError(t, err)
	assert.Equal(t, data, again, "output must be deterministic")

	require.True(t, bytes.HasPrefix(data, []byte("%PDF-1.4\n")))
	require.True(t, bytes.HasSuffix(data, []byte("%%EOF\n")))

	// startxref points at the xref table, and every xref entry at its
	// object.
	m := regexp.MustCompile(`startxref\n(\d+)\n`).FindSubmatch(data)
	require.NotNil(t, m)
	xref, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(data[xref:], []byte("xref\n0 10\n")), "startxref")
	lines := strings.Split(string(data[xref:]), "\n")
	for i := 1; i <= 9; i++ {
		entry := lines[2+i]
		require.Len(t, entry, 19, "entry %d is 20 bytes with its newline", i)
		off, err := strconv.Atoi(entry[:10])
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(data[off:], []byte(fmt.Sprintf("%d 0 obj\n", i))), "object %d at %d", i, off)
	}
	assert.Contains(t, string(data), "/Title <FEFF57FA5E7930B730B930C630E069828981>")
	assert.Contains(t, string(data), `/Author (Hanako \(Suzuki\))`)
	assert.Contains(t, string(data), "/CreationDate (D:20210412103000+09'00')")
	assert.Contains(t, string(data), `(back\\slash) Tj`)
	assert.Contains(t, string(data), "(Page two: caf\xe9) Tj", "WinAnsi é")
	assert.NotContains(t, string(data), "日本語")
}

func TestPDFPoppler(t *testing.T) {
	data, err := PDF(testPDFSpec())
	require.NoError(t, err)
	t.Run("pdfinfo", func(t *testing.T) {
		out := tool(t, oracle.Pdfinfo, "a.pdf", data, "-isodates")
		assert.Contains(t, out, "基幹システム概要")
		assert.Regexp(t, `Author:\s+Hanako \(Suzuki\)`, out)
		assert.Regexp(t, `Creator:\s+Microsoft Word`, out)
		assert.Regexp(t, `Producer:\s+Microsoft® Word for Microsoft 365`, out)
		assert.Regexp(t, `CreationDate:\s+2021-04-12T10:30:00\+09`, out)
		assert.Regexp(t, `Pages:\s+2`, out)
		assert.Regexp(t, `PDF version:\s+1.4`, out)
	})
	t.Run("pdftotext", func(t *testing.T) {
		out := tool(t, oracle.Pdftotext, "a.pdf", data, "-layout")
		for _, s := range []string{"Core Systems", "tsap01.example.local", "skipped", `back\slash`, "café"} {
			assert.Contains(t, out, s)
		}
	})
	t.Run("exiftool", func(t *testing.T) {
		got := exiftool(t, "a.pdf", data)
		assert.Equal(t, "基幹システム概要", got["Title"])
		assert.Equal(t, "2021:04:12 10:30:00+09:00", got["CreateDate"])
		assert.Equal(t, float64(2), got["PageCount"])
	})
}

func TestPDFDate(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"japan", time.Date(2021, 4, 12, 10, 30, 0, 0, jst), "D:20210412103000+09'00'"},
		{"utc", time.Date(2021, 4, 12, 1, 30, 0, 0, time.UTC), "D:20210412013000Z"},
		{"west half hour", time.Date(2021, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(3*3600+1800))), "D:20210102030405-03'30'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, PDFDate(tc.in))
		})
	}
}

func TestPDFErrors(t *testing.T) {
	_, err := PDF(PDFSpec{})
	require.ErrorIs(t, err, errEmptyBody)
}
