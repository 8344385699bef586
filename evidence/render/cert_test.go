package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/proofpack/proofpack/evidence"
)

func TestPlural(t *testing.T) {
	assert.Equal(t, "0 pieces", Plural(0, "piece", "pieces"))
	assert.Equal(t, "1 piece", Plural(1, "piece", "pieces"))
	assert.Equal(t, "2 pieces", Plural(2, "piece", "pieces"))
	assert.Equal(t, "3 PDFs, 1 e-mail, 2 text files", KindCounts(map[string]int{"email": 1, "pdf": 3, "text": 2}))
}

// certReport is sampleReport with a case, a claim as typed and what a
// CERT scopes an incident with: hosts, shares, URLs, people and
// addresses in the metadata and the text of the items.
func certReport(t *testing.T) *evidence.Report {
	rep := sampleReport(t, 3)
	rep.TriagedAt = "2026-05-01T09:30:00Z"
	rep.Case = evidence.Case{ID: "CERT-2026-0042", Analyst: "Rin Okada", TLP: evidence.TLPRed}
	rep.Claim.ClaimedOrg, rep.Claim.ClaimedName = "fujitsu", "Fujitsu Limited"
	rep.Package.SHA1, rep.Package.MD5 = strings.Repeat("b", 40), strings.Repeat("c", 32)
	rep.Attribution.Ranking[0].CustodyItems = 3
	doc := evidence.Item{Path: "pack.zip!/docs/見積書.docx", Kind: "document", TextSource: evidence.TextFromBody,
		Metadata: evidence.Metadata{Authors: []string{"北川 花"}, LastModifiedBy: "Ines Duarte",
			Hosts:  []string{"www.example.com", "tfs01.toray.local"},
			URLs:   []string{"https://www.example.com/a", "https://portal.intra.toray.co.jp/top"},
			Paths:  []string{`\\tfs01.toray.local\購買部\見積書.docx`},
			Emails: []string{"hana.kitagawa@toray.co.jp"}, Created: "2021-04-09T08:20:00Z"},
		Text: "担当: 北川 花 (hana.kitagawa@toray.co.jp)\n保存先 \\\\tfs01.toray.local\\営業本部\\2021\n〒100-0005 東京都千代田区丸の内 9-9-9"}
	rep.Items = append(rep.Items, doc)
	for i := range MaxExposure + 5 {
		rep.Items[0].Metadata.Hosts = append(rep.Items[0].Metadata.Hosts, fmt.Sprintf("www%02d.example.net", i))
	}
	rep.Attribution.Ranking[0].Evidence = append(rep.Attribution.Ranking[0].Evidence,
		evidence.Evidence{Item: doc.Path, Signal: "metadata/company", Role: "authorship", Match: "東レ株式会社", Weight: 4},
		evidence.Evidence{Item: rep.Items[0].Path, Signal: "ocr/org_name", Role: "mention", Match: "東レ株式会社", Weight: 0.5})
	rep.Attribution.Ranking[1].Evidence = append(rep.Attribution.Ranking[1].Evidence,
		evidence.Evidence{Item: "pack.zip!/README.txt", Signal: "seller_note", Role: "claim_echo", Match: "FUJITSU", Weight: 0})
	rep.Timeline = evidence.BuildTimeline(rep)
	return rep
}

func renderHTML(t *testing.T, rep *evidence.Report) (string, *html.Node) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, HTML(&buf, rep, HTMLOptions{}))
	doc, err := html.Parse(strings.NewReader(buf.String()))
	require.NoError(t, err)
	checkHTMLInert(t, buf.String())
	return buf.String(), doc
}

// find returns the elements of doc for which ok holds, in document
// order.
func find(doc *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && ok(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func byID(doc *html.Node, id string) *html.Node {
	ns := find(doc, func(n *html.Node) bool { return attr(n, "id") == id })
	if len(ns) == 0 {
		return &html.Node{}
	}
	return ns[0]
}

func TestHTMLHeader(t *testing.T) {
	out, doc := renderHTML(t, certReport(t))
	assert.Equal(t, "2026-05-01T09:30:00Z", text(byID(doc, "triaged-at")))
	assert.Equal(t, "CERT-2026-0042", text(byID(doc, "case-id")))
	assert.Equal(t, "Rin Okada", text(byID(doc, "analyst")))
	assert.Equal(t, "TLP:RED", text(byID(doc, "tlp")))
	assert.Equal(t, "tlp tlp-red", attr(byID(doc, "tlp"), "class"))
	assert.Contains(t, out, `<div class="print-tlp"><span class="tlp tlp-red">TLP:RED</span> <span class="id">CERT-2026-0042</span></div>`)
	assert.Contains(t, text(byID(doc, "claim-typed")), "“Fujitsu” matched Fujitsu Limited fujitsu")
	lines := find(byID(doc, "source"), func(n *html.Node) bool { return attr(n, "class") == "hashline" })
	require.Len(t, lines, 3, "one line per hash")
	assert.Equal(t, "sha256 "+strings.Repeat("a", 64), text(lines[0]))

	// Without a case or a marking, none is shown.
	rep := certReport(t)
	rep.Case = evidence.Case{}
	out, _ = renderHTML(t, rep)
	assert.NotContains(t, out, `id="tlp"`)
	assert.NotContains(t, out, `class="print-tlp"`)
	assert.NotContains(t, out, `id="case-id"`)
}

func TestHTMLSummaryAndExposure(t *testing.T) {
	rep := certReport(t)
	_, doc := renderHTML(t, rep)
	sum := text(byID(doc, "summary"))
	assert.Contains(t, sum, "The data probably comes from the systems of Toray Industries, Inc. (confidence 83%): custody evidence in 3 items.")
	assert.Contains(t, sum, `The seller says it is the data of "Fujitsu" (Fujitsu Limited); that does not hold.`)
	assert.Contains(t, sum, "The pack holds 4 files")

	list := func(id string) []string {
		var out []string
		for _, c := range find(byID(doc, id), func(n *html.Node) bool { return n.Data == "code" }) {
			out = append(out, text(c))
		}
		return out
	}
	hosts := list("exposure-hosts")
	require.Len(t, hosts, MaxExposure, "capped")
	assert.Equal(t, "tfs01.toray.local", hosts[0], "internal first, then by items")
	assert.Equal(t, "portal.intra.toray.co.jp", hosts[1])
	assert.Contains(t, text(byID(doc, "exposure-hosts")), fmt.Sprintf("Hosts (%d)", MaxExposure+8))
	assert.Contains(t, text(byID(doc, "exposure-hosts")), "and 8 more (see the JSON report)")
	assert.Equal(t, []string{`\\tfs01.toray.local\購買部`, `\\tfs01.toray.local\営業本部`}, list("exposure-shares"), "from metadata and from text")
	assert.Equal(t, []string{"https://portal.intra.toray.co.jp/top", "https://www.example.com/a"}, list("exposure-urls"), "intranet first")
	assert.Equal(t, []string{`"><svg onload=alert(2)>`, "北川 花", "Ines Duarte"}, list("exposure-people"),
		"deduplicated: metadata and the labelled name; the hostile author as text")
	assert.Contains(t, list("exposure-emails"), "hana.kitagawa@toray.co.jp")
	assert.Equal(t, []string{"〒100-0005 東京都千代田区丸の内 9-9-9"}, list("exposure-postal"))
	assert.Contains(t, list("exposure-emails"), "sato.kenichi@toray.co.jp", "from OCR evidence and text")
	li := find(byID(doc, "exposure-people"), func(n *html.Node) bool { return n.Data == "li" && strings.Contains(text(n), "北川") })
	require.Len(t, li, 1)
	links := find(li[0], func(n *html.Node) bool { return n.Data == "a" })
	require.Len(t, links, 1)
	assert.Equal(t, "#item-4", attr(links[0], "href"), "each entry links to the item it came from")
	assert.Equal(t, "見積書.docx", text(links[0]))
	assert.Contains(t, text(byID(doc, "exposure-kinds")), "4 images")
	assert.Regexp(t, `^2021-04-09 to 2021-04-09$`, text(byID(doc, "content-dates")))

	// Markdown says the same.
	var md bytes.Buffer
	require.NoError(t, Markdown(&md, rep))
	for _, want := range []string{"## Summary", "## Exposure", "`tfs01.toray.local` (internal)", "and 8 more", "**People** (3)", "## Evidence",
		"**Why the seller may have named Fujitsu Limited: the files mention it** (3 pieces)"} {
		assert.Contains(t, md.String(), want)
	}
}

// TestHTMLEvidenceByRole: custody, authorship, what the seller says,
// then the mentions, folded and without screenshots, the claimed
// organisation's under "Why the seller may have named".
func TestHTMLEvidenceByRole(t *testing.T) {
	_, doc := renderHTML(t, certReport(t))
	orgs := find(doc, func(n *html.Node) bool { return attr(n, "class") == "org-evidence" })
	require.Len(t, orgs, 2)
	roles := func(o *html.Node) (rs []string, tags []string) {
		for _, g := range find(o, func(n *html.Node) bool { return attr(n, "data-role") != "" }) {
			rs = append(rs, attr(g, "data-role"))
			tags = append(tags, g.Data)
		}
		return
	}
	rs, tags := roles(orgs[0])
	assert.Equal(t, []string{"custody", "authorship", "mention"}, rs)
	assert.Equal(t, []string{"div", "div", "details"}, tags)
	rs, tags = roles(orgs[1])
	assert.Equal(t, []string{"claim_echo", "mention"}, rs)
	assert.Equal(t, []string{"div", "details"}, tags)
	for _, d := range find(doc, func(n *html.Node) bool { return n.Data == "details" && strings.Contains(attr(n, "class"), "mentions") }) {
		assert.Empty(t, find(d, func(n *html.Node) bool { return n.Data == "img" }), "no screenshot for a mention")
		assert.NotContains(t, d.Attr, html.Attribute{Key: "open"})
	}
	sums := find(orgs[1], func(n *html.Node) bool { return n.Data == "summary" })
	require.Len(t, sums, 1)
	assert.Equal(t, "Why the seller may have named Fujitsu Limited: the files mention it (3 pieces)", text(sums[0]))
	assert.NotEmpty(t, find(orgs[0], func(n *html.Node) bool { return n.Data == "img" }), "custody keeps its screenshots")
	assert.Empty(t, find(doc, func(n *html.Node) bool { return n.Data == "h2" && text(n) == "Decisive evidence" }))
}

// TestHTMLRedacted: a redacted report says so, names no person in
// Exposure, and shows no screenshot.
func TestHTMLRedacted(t *testing.T) {
	rep := certReport(t)
	evidence.Redact(rep, evidence.RedactOptions{})
	out, doc := renderHTML(t, rep)
	assert.NotEmpty(t, text(byID(doc, "redacted")))
	assert.NotContains(t, out, "北川")
	assert.NotContains(t, out, "Ines")
	assert.NotContains(t, out, "丸の内", "the postal address")
	assert.NotContains(t, out, "data:image/jpeg")
	assert.Empty(t, find(byID(doc, "exposure-people"), func(n *html.Node) bool { return n.Data == "li" }))
	assert.Contains(t, out, "***@toray.co.jp")
	// The domains of the addresses in the text stay in Exposure, one
	// entry each.
	var emails []string
	for _, c := range find(byID(doc, "exposure-emails"), func(n *html.Node) bool { return n.Data == "code" }) {
		emails = append(emails, text(c))
	}
	assert.ElementsMatch(t, []string{"***@toray.co.jp"}, emails)
}

// TestSummaryVerdicts: the summary of each kind of verdict, and of a
// report without claim or owner.
func TestSummaryVerdicts(t *testing.T) {
	owner := evidence.Owner{Org: "toray", Name: "Toray Industries, Inc.", Confidence: 0.55, Custody: 6, CustodyItems: 1}
	tests := []struct {
		name  string
		claim evidence.Claim
		rank  []evidence.Owner
		want  []string
	}{
		{"supported", evidence.Claim{Claimed: "東レ", ClaimedName: "Toray Industries, Inc.", Verdict: evidence.VerdictSupported, Owner: "toray", Relation: "same"},
			[]evidence.Owner{owner}, []string{"possibly comes from the systems of Toray Industries, Inc. (confidence 55%): custody evidence in 1 item.", `"東レ" (Toray Industries, Inc.); that holds`}},
		{"inconclusive", evidence.Claim{Claimed: "Acme", Verdict: evidence.VerdictInconclusive},
			nil, []string{"No organisation of the catalogue could be shown", `"Acme"; the evidence neither supports nor contradicts it.`}},
		{"no claim", evidence.Claim{}, nil, []string{"No claim of the seller was given to judge.", "The pack holds 1 file (1 B)."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := &evidence.Report{Package: evidence.Package{Name: "p.zip", Size: 1}, Stats: evidence.Stats{Items: 1},
				Claim: tt.claim, Attribution: evidence.Attribution{Ranking: tt.rank}}
			v := buildView(rep)
			s := strings.Join(v.Summary, " ")
			for _, w := range tt.want {
				assert.Contains(t, s, w)
			}
			assert.GreaterOrEqual(t, len(v.Summary), 2)
			assert.LessOrEqual(t, len(v.Summary), 4)
		})
	}
}
