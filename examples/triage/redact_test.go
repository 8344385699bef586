package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/reportschema"
)

// sampleSecrets are personal strings of the sample's fictional people
// (internal/samplepack): names in metadata, mail headers, labelled text
// and the customer list, e-mail local parts, phone numbers, and a
// surname alone before a courtesy title.
var sampleSecrets = []string{
	"高橋 美咲", "中村 浩二", "小林 由紀", "佐藤 健一", "森田 誠", "渡辺 隆", "Koji Nakamura", "Makoto Morita",
	"田中 一郎", "木村 直子", "山本 健太", "井上 真理", "松本 翔", "清水 彩", "斎藤 大輔",
	"佐藤", "健一", "中村", "森田", "高橋",
	"nakamura.koji@", "sato.kenichi@", "takahashi.misaki@", "kobayashi.yuki@", "morita.makoto@", "tanaka@",
	"06-0000-2231", "03-0000-9184",
}

// TestRedactEveryOutput triages the sample with -redact, OCR on, and
// searches every output (JSON, HTML, Markdown, CSV, STIX, MISP, the
// text summary) for the personal strings the sample holds: none is
// left, while the verdict, the owner and the domains are.
func TestRedactEveryOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page, mdFile, csvFile := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.md"), filepath.Join(dir, "r.csv")
	stixFile, mispFile := filepath.Join(dir, "r.stix.json"), filepath.Join(dir, "r.misp.json")
	res := triage(t, "-redact", "-json", "-claim", "Fujitsu", "-html", page, "-md", mdFile, "-csv", csvFile,
		"-stix", stixFile, "-misp", mispFile, "-tmpdir", dir, samplePath)
	require.Equal(t, 0, res.code, res.stderr)
	sum := triage(t, "-redact", "-ocr=false", "-claim", "Fujitsu", "-tmpdir", dir, samplePath)
	require.Equal(t, 0, sum.code, sum.stderr)
	html, err := os.ReadFile(page)
	require.NoError(t, err)
	md, err := os.ReadFile(mdFile)
	require.NoError(t, err)
	csv, err := os.ReadFile(csvFile)
	require.NoError(t, err)
	stix, err := os.ReadFile(stixFile)
	require.NoError(t, err)
	misp, err := os.ReadFile(mispFile)
	require.NoError(t, err)

	require.NoError(t, reportschema.Validate([]byte(res.stdout)), "a redacted report is a report")
	rep := decodeReport(t, res.stdout)
	require.Positive(t, rep.Stats.OCRImages, "the screenshots were read: their words are covered too")
	assert.True(t, rep.Redacted())
	assert.Equal(t, "contradicted", string(rep.Claim.Verdict))
	assert.Equal(t, "toray", rep.Claim.Owner)
	outputs := map[string]string{"json": res.stdout, "html": string(html), "markdown": string(md), "csv": string(csv),
		"stix": string(stix), "misp": string(misp), "summary": sum.stdout}
	for name, out := range outputs {
		for _, s := range sampleSecrets {
			assert.NotContains(t, out, s, "%s output", name)
		}
		assert.Contains(t, out, "toray.co.jp", "%s output keeps the domains", name)
	}
	assert.Contains(t, string(html), `id="redacted"`, "the page says it is redacted")
	assert.NotContains(t, string(html), "data:image/jpeg", "no screenshot: it shows what the text no longer holds")
	assert.Contains(t, res.stdout, "***@toray.co.jp")
	assert.Contains(t, sum.stdout, "***")

	// Without -redact the same strings are there: the search above can
	// fail.
	plain := triage(t, "-ocr=false", "-json", "-claim", "Fujitsu", "-tmpdir", dir, samplePath)
	require.Equal(t, 0, plain.code, plain.stderr)
	for _, s := range sampleSecrets {
		assert.True(t, strings.Contains(plain.stdout, s), "the sample holds %q", s)
	}
}
