package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// manyItems makes n items: every one has metadata, every tenth is an
// image read by OCR, every hundredth has a problem and every 250th an
// extension that lies.
func manyItems(n int, text func(i int) string) func(yield func(evidence.Item) bool) {
	return func(yield func(evidence.Item) bool) {
		for i := range n {
			it := evidence.Item{Path: fmt.Sprintf("p.zip!/d/f%05d.txt", i), Kind: "text", Size: int64(i), DetectedExt: "txt",
				Metadata: evidence.Metadata{Title: fmt.Sprintf("title %d", i), Raw: map[string]any{"x": text(i)}}}
			if i%10 == 0 {
				it.Kind, it.TextSource, it.Text = "image", evidence.TextFromOCR, text(i)
				it.OCR = &evidence.OCR{Engine: "tesseract", Lang: "eng", Words: make([]evidence.OCRWord, 50)}
			}
			if i%100 == 0 {
				it.Problems = []evidence.Problem{{Code: evidence.ProblemCorrupt, Detail: "flate: corrupt input"}}
			}
			if i%250 == 0 {
				it.ExtMismatch, it.DeclaredExt = true, "pdf"
			}
			if !yield(it) {
				return
			}
		}
	}
}

// TestSummaryBounded: the summary of a package of 3,000 items lists the
// first summaryItemRows and the flagged ones past them, marks where
// items were left out, and bounds every other section, with counts.
func TestSummaryBounded(t *testing.T) {
	const n = 3000
	lines := func(int) string { return "line one\nline two\nline three\nline four\nline five\nline six" }
	s := newSummary(string(render.TextFull))
	for it := range manyItems(n, lines) {
		s.add(&it)
	}
	rep := &evidence.Report{Package: evidence.Package{Name: "p.zip"}, Stats: evidence.Stats{Items: n, OCRImages: n / 10}}
	for i := range 600 {
		rep.Problems = append(rep.Problems, evidence.Problem{Code: "limit_entries", Detail: "d", Path: fmt.Sprintf("p.zip!/a%d.zip", i)})
	}
	var buf bytes.Buffer
	require.NoError(t, s.write(&buf, rep))
	out := buf.String()
	section := func(name string) string {
		_, after, ok := strings.Cut(out, "\n"+name)
		require.True(t, ok, "no %s section", name)
		before, _, _ := strings.Cut(after, "\n\n")
		return before
	}

	items := section("ITEMS\n")
	rows := regexp.MustCompile(`(?m)^  text .*d/f(\d{5})\.txt`).FindAllStringSubmatch(items, -1)
	rows = append(rows, regexp.MustCompile(`(?m)^  image .*d/f(\d{5})\.txt`).FindAllStringSubmatch(items, -1)...)
	// The first 500, then past them 25 with a problem and 10 with a
	// false extension, 5 of which have both.
	assert.Len(t, rows, summaryItemRows+30)
	skipped := 0
	for _, m := range regexp.MustCompile(`\((\d+) more items\)`).FindAllStringSubmatch(items, -1) {
		k, _ := strconv.Atoi(m[1])
		skipped += k
	}
	assert.Equal(t, n-summaryItemRows-30, skipped, "the markers count the items left out")
	assert.Contains(t, items, "  …         ", "a marker row sits in the table's columns")
	assert.Contains(t, items, "(530 of 3000 items listed: the first 500, then those with a problem or a flag; -json lists them all)")
	assert.Contains(t, items, "d/f02500.txt  [.pdf is really txt]", "a flagged item past the first rows")
	assert.NotContains(t, items, "d/f02501.txt")

	assert.Equal(t, summaryMetadataItems, strings.Count(section("METADATA\n"), "      title: "))
	assert.Contains(t, out, fmt.Sprintf("  … %d more items with metadata; -json lists them all\n", n-summaryMetadataItems))
	ocr := section("OCR (300 images)\n")
	assert.Equal(t, summaryOCRImages, strings.Count(ocr, "[tesseract, eng, confidence 0, 50 words]"))
	assert.Equal(t, summaryOCRImages, strings.Count(ocr, "      … 2 more lines\n"), "four lines of each")
	assert.Contains(t, out, fmt.Sprintf("  … %d more images; -json lists them all\n", n/10-summaryOCRImages))

	probs := section("PROBLEMS (630)\n")
	assert.Equal(t, 30, strings.Count(probs, "  corrupt              d/f"))
	assert.Equal(t, summaryProblemLines, strings.Count(probs, "  limit_entries        p.zip!/a"))
	assert.Contains(t, probs, "  … 100 more problems (limit_entries 100); -json lists them all")
}

// TestSummaryOCRExcerpt: the excerpt of a megabyte line is cut at 100
// characters, and -text none leaves the excerpts out.
func TestSummaryOCRExcerpt(t *testing.T) {
	it := evidence.Item{Path: "p.zip!/shot.png", Kind: "image", TextSource: evidence.TextFromOCR,
		Text: strings.Repeat("東", 1<<20) + "\nsecond", OCR: &evidence.OCR{Engine: "tesseract", Lang: "jpn"}}
	rep := &evidence.Report{Package: evidence.Package{Name: "p.zip"}, Stats: evidence.Stats{OCRImages: 1}}
	for _, mode := range []string{"full", "snippet", "none"} {
		s := newSummary(mode)
		s.add(&it)
		var buf bytes.Buffer
		require.NoError(t, s.write(&buf, rep))
		out := buf.String()
		assert.Contains(t, out, "  shot.png  [tesseract, jpn, confidence 0, 0 words]\n", mode)
		if mode == "none" {
			assert.NotContains(t, out, "東", mode)
			assert.NotContains(t, out, "second", mode)
			continue
		}
		assert.Contains(t, out, "      "+strings.Repeat("東", 99)+"…\n      second\n", mode)
	}
}

// TestSummaryOCRSmallText: the OCR list gives each image's text size,
// and says of text too small to trust (ocr_small_text) that what was
// read from it may be misread.
func TestSummaryOCRSmallText(t *testing.T) {
	shot := func(name string, px int, share float64, probs ...evidence.Problem) evidence.Item {
		return evidence.Item{Path: "p.zip!/" + name, Kind: "image", TextSource: evidence.TextFromOCR, Text: "北浦精機株式会社",
			OCR:      &evidence.OCR{Engine: "tesseract", Lang: "jpn", Confidence: 70, TextPx: px, SmallTextShare: share},
			Problems: probs}
	}
	small := shot("small.png", 8, 0.74, evidence.Problem{Code: evidence.ProblemOCRSmallText, Detail: "text too small to trust as read"})
	large := shot("large.png", 14, 0.12)
	rep := &evidence.Report{Package: evidence.Package{Name: "p.zip"}, Stats: evidence.Stats{OCRImages: 2}}
	s := newSummary("full")
	s.add(&small)
	s.add(&large)
	var buf bytes.Buffer
	require.NoError(t, s.write(&buf, rep))
	out := buf.String()
	assert.Contains(t, out, "  small.png  [tesseract, jpn, confidence 70, 0 words, text 8 px]\n"+
		"      SMALL TEXT: 74% of the characters in lines at most 9 px high; names and identifiers read here may be misread\n")
	assert.Contains(t, out, "  large.png  [tesseract, jpn, confidence 70, 0 words, text 14 px]\n      北浦精機株式会社\n")
	assert.Equal(t, 1, strings.Count(out, "SMALL TEXT"), "a share of small text alone is no flag")
	assert.Contains(t, out, "ocr_small_text", "and the problem is listed")
}

// TestSummaryDuplicateOf: a file whose content repeats one before it is
// listed with the path of the first, as the JSON's duplicate_of gives it.
func TestSummaryDuplicateOf(t *testing.T) {
	t.Parallel()
	body := orderText(4 << 10)
	data, err := archivegen.Zip([]archivegen.File{
		{Name: "orders/2024.csv", Data: body},
		{Name: "backup/orders-copy.csv", Data: body},
		{Name: "readme.txt", Data: []byte("Northwind Traders order export.\n")},
	}, archivegen.ZipOptions{})
	require.NoError(t, err)
	pkg := writeTemp(t, "copies.zip", data)

	res := triage(t, "-q", "-ocr=false", "-tmpdir", t.TempDir(), pkg)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	var line string
	for _, l := range strings.Split(res.stdout, "\n") {
		if strings.Contains(l, "backup/orders-copy.csv") {
			line = l
		}
	}
	assert.Contains(t, line, "[copy of orders/2024.csv]", "summary:\n%s", res.stdout)
	for _, l := range strings.Split(res.stdout, "\n") {
		if strings.Contains(l, "orders/2024.csv") && !strings.Contains(l, "backup/") {
			assert.NotContains(t, l, "copy of", "the first is not a copy")
		}
	}
}

// TestSummaryMetadataLists: each metadata list has its own line, so that
// an address is never read as a host, nor a Message-ID as an address;
// an item with no field but a list is listed.
func TestSummaryMetadataLists(t *testing.T) {
	it := evidence.Item{Path: "p.zip!/mail/RE_見積.eml", Kind: "email", Metadata: evidence.Metadata{
		Hosts:      []string{"mail.corp.example.co.jp", "corp.example.co.jp"},
		Emails:     []string{"yamada@corp.example.co.jp"},
		MessageIDs: []string{"20210412.abc@pc01.corp.example.co.jp"},
		URLs:       []string{"https://portal.corp.example.co.jp/po/0412"},
	}}
	only := evidence.Item{Path: "p.zip!/mail/bounce.eml", Kind: "email", Metadata: evidence.Metadata{
		MessageIDs: []string{"bounce.1@mx.example.net"}}}
	s := newSummary(string(render.TextFull))
	s.add(&it)
	s.add(&only)
	var buf bytes.Buffer
	require.NoError(t, s.write(&buf, &evidence.Report{Package: evidence.Package{Name: "p.zip"}}))
	assert.Contains(t, buf.String(), "METADATA\n  mail/RE_見積.eml\n"+
		"      hosts: mail.corp.example.co.jp, corp.example.co.jp\n"+
		"      e-mail addresses: yamada@corp.example.co.jp\n"+
		"      urls: https://portal.corp.example.co.jp/po/0412\n"+
		"      message-ids: 20210412.abc@pc01.corp.example.co.jp\n"+
		"  mail/bounce.eml\n"+
		"      message-ids: bounce.1@mx.example.net\n")
}

// TestSummaryOrder: the summary opens with the verdict and the owner
// (name, confidence, reason), then what the dates say (the range of the
// content dates, archive times left out, and every finding), and only
// then the package, its items, OCR text and the attribution's detail.
func TestSummaryOrder(t *testing.T) {
	shot := evidence.Item{Path: "p.zip!/shot.png", Kind: "image", TextSource: evidence.TextFromOCR,
		Text: "東レ 社内ポータル", OCR: &evidence.OCR{Engine: "tesseract", Lang: "jpn"}}
	rep := &evidence.Report{
		Package: evidence.Package{Name: "p.zip"},
		Attribution: evidence.Attribution{Ranking: []evidence.Owner{
			{Org: "toray", Name: "Toray Industries, Inc.", Score: 40, Custody: 30, Authorship: 10, Confidence: 0.97},
			{Org: "fujitsu", Name: "Fujitsu Limited", Score: 2, Confidence: 0.1},
		}},
		Claim: evidence.Claim{Claimed: "fujitsu", Verdict: "contradicted", Owner: "toray", Owners: []string{"toray"},
			Relation: "counterparty", Reason: "the data belongs to Toray Industries, Inc.",
			Findings: []evidence.ClaimFinding{{Kind: evidence.ClaimStale, Detail: "the newest file is from 2021-05-20; the claim says 2026-05-01"}}},
		Timeline: evidence.Timeline{
			Events: []evidence.TimelineEvent{
				{Time: "2019-01-01T00:00:00Z", Zone: "Z", Item: "p.zip!/a.zip", Field: evidence.FieldArchived},
				{Time: "2021-03-02T09:00:00+09:00", Zone: "+09:00", Item: "p.zip!/a.docx", Field: evidence.FieldCreated},
				{Time: "2021-05-20T14:03:12+09:00", Zone: "+09:00", Item: "p.zip!/m.eml", Field: evidence.FieldReceived},
				{Time: "2022-01-01T00:00:00Z", Zone: "Z", Item: "p.zip!/a.zip", Field: evidence.FieldArchived},
			},
			Findings: []evidence.TimelineFinding{{Kind: evidence.FindingDominantZone, Detail: "+09:00 on 100% of zoned events: Japan"},
				{Kind: evidence.FindingNewestContent, Detail: "newest content date 2021-05-20 (received of p.zip!/m.eml)"}},
		},
		Stats: evidence.Stats{OCRImages: 1},
	}
	s := newSummary(string(render.TextFull))
	s.add(&shot)
	var buf bytes.Buffer
	require.NoError(t, s.write(&buf, rep))
	out := buf.String()
	var at []int
	for _, h := range []string{"\nVERDICT\n", "\nTIMELINE\n", "\nPACKAGE\n", "\nITEMS\n", "\nOCR (1 image)\n", "\nATTRIBUTION\n"} {
		i := strings.Index(out, h)
		require.Positive(t, i, "no %q in:\n%s", h, out)
		at = append(at, i)
	}
	assert.IsIncreasing(t, at, "sections in order:\n%s", out)
	assert.Contains(t, out, "\nVERDICT\n"+
		"  claim \"fujitsu\": CONTRADICTED (owner toray; relation counterparty)\n"+
		"    the data belongs to Toray Industries, Inc.\n"+
		"  owner   Toray Industries, Inc. (toray), confidence 0.97 (custody 30.0, authorship 10.0)\n\nTIMELINE\n"+
		"  content dates  2021-03-02 to 2021-05-20 (2 dates; archive times left out)\n"+
		"  stale_data      the newest file is from 2021-05-20; the claim says 2026-05-01\n"+
		"  dominant_zone   +09:00 on 100% of zoned events: Japan\n"+
		"  newest_content  newest content date 2021-05-20 (received of m.eml)\n")
	assert.Equal(t, 1, strings.Count(out, "CONTRADICTED"), "the verdict is given once")

	// No claim: the organisation ranked first, said to be no more than
	// that; nothing ranked and no dates: said so.
	rep.Claim = evidence.Claim{}
	buf.Reset()
	require.NoError(t, newSummary("full").write(&buf, rep))
	assert.Contains(t, buf.String(), "\nVERDICT\n  ranked first   Toray Industries, Inc. (toray), confidence 0.97")
	assert.NotContains(t, buf.String(), "claim \"")
	buf.Reset()
	require.NoError(t, newSummary("full").write(&buf, &evidence.Report{Package: evidence.Package{Name: "p.zip"}}))
	assert.Contains(t, buf.String(), "\nVERDICT\n  owner   none found\n\nTIMELINE\n  content dates  none (0 archive times)\n  no findings\n")
}
