package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/proofpack/proofpack/evidence"
)

const hostileName = `<script>alert(1)</script>.png`
const hostileText = `<b>東レ</b> <img src=x onerror=alert(1)> ログイン中: 東レ株式会社 sato@toray.co.jp`

// thumb makes a thumbnail-sized JPEG with text-like noise, so that its
// size is that of a real screenshot's thumbnail.
func thumb(t testing.TB, seed uint64) *evidence.Thumbnail {
	const w, h = 640, 360
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(seed, 1))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := uint8(245)
			if (y/12)%2 == 0 && r.IntN(3) == 0 {
				c = uint8(r.IntN(120))
			}
			img.Set(x, y, color.RGBA{c, c, c, 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: evidence.ThumbnailQuality}))
	return &evidence.Thumbnail{JPEG: buf.Bytes(), Width: w, Height: h, Scale: 640.0 / 1366}
}

// sampleReport builds a report of n screenshots, each with OCR words and
// custody evidence, plus one hostile item.
func sampleReport(t testing.TB, n int) *evidence.Report {
	rep := &evidence.Report{
		Tool:    evidence.Tool{Name: "proofpack", Version: "test"},
		Package: evidence.Package{Name: "pack.zip", Size: 123456, SHA256: strings.Repeat("a", 64), Format: "zip"},
		Claim:   evidence.Claim{Claimed: "Fujitsu", Verdict: "contradicted", Owner: "toray", Reason: "the data belongs to Toray Industries, Inc.; Fujitsu is only mentioned"},
		Stats:   evidence.Stats{Items: n + 1, ByKind: map[string]int{"image": n + 1}},
	}
	toray := evidence.Owner{Org: "toray", Name: "Toray Industries, Inc.", Score: 100, Confidence: 0.83}
	fujitsu := evidence.Owner{Org: "fujitsu", Name: "Fujitsu Limited", Score: 3.5, Confidence: 0.01}
	base := time.Date(2021, 6, 4, 10, 0, 0, 0, time.FixedZone("", 9*3600))
	for i := range n {
		path := fmt.Sprintf("pack.zip!/screenshots/shot_%02d.png", i)
		words := []evidence.OCRWord{
			{Text: "ログイン中:", Conf: 90, Box: [4]int{700, 40, 120, 20}},
			{Text: "東レ株式会社", Conf: 91, Box: [4]int{830, 40, 150, 20}},
			{Text: "sato.kenichi@toray.co.jp", Conf: 88, Box: [4]int{990, 40, 300, 20}},
		}
		for j := range 200 {
			words = append(words, evidence.OCRWord{Text: fmt.Sprintf("word%d", j), Conf: 80, Box: [4]int{(j % 10) * 130, 100 + (j/10)*30, 120, 20}})
		}
		it := evidence.Item{Path: path, Kind: "image", MIME: "image/png", Size: 200000, TextSource: evidence.TextFromOCR,
			Text:     "ログイン中: 東レ株式会社 sato.kenichi@toray.co.jp 富士通 保守",
			OCR:      &evidence.OCR{Engine: "tesseract", Lang: "jpn+eng", Words: words},
			Modified: base.Add(time.Duration(i) * time.Minute).Format(time.RFC3339), Thumbnail: thumb(t, uint64(i))}
		rep.Items = append(rep.Items, it)
		toray.Evidence = append(toray.Evidence, evidence.Evidence{Item: path, Signal: "ocr/banner", Role: "custody", Match: "東レ株式会社", Weight: 8})
		fujitsu.Evidence = append(fujitsu.Evidence, evidence.Evidence{Item: path, Signal: "ocr/org_name", Role: "mention", Match: "富士通", Weight: 0.5})
	}
	hostile := "pack.zip!/" + hostileName
	rep.Items = append(rep.Items, evidence.Item{Path: hostile, Kind: "image", MIME: "image/png", TextSource: evidence.TextFromOCR, Text: hostileText,
		OCR: &evidence.OCR{Words: []evidence.OCRWord{{Text: "<b>東レ</b>", Box: [4]int{10, 10, 50, 20}}}}, Thumbnail: thumb(t, 999),
		Metadata: evidence.Metadata{Authors: []string{`"><svg onload=alert(2)>`}},
		Problems: []evidence.Problem{{Code: "corrupt", Detail: `</td><script>alert(3)</script>`}}})
	toray.Evidence = append(toray.Evidence, evidence.Evidence{Item: hostile, Signal: "ocr/org_name", Role: "custody", Match: "<b>東レ</b>", Weight: 9})
	rep.Attribution.Ranking = []evidence.Owner{toray, fujitsu}
	rep.Timeline = evidence.BuildTimeline(rep)
	return rep
}

func TestHTMLEscapesHostileStrings(t *testing.T) {
	rep := sampleReport(t, 2)
	var buf bytes.Buffer
	require.NoError(t, HTML(&buf, rep, HTMLOptions{}))
	out := buf.String()

	doc, err := html.Parse(strings.NewReader(out))
	require.NoError(t, err)
	var scripts, imgs, svgs int
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				scripts++
			case "img":
				imgs++
				for _, a := range n.Attr {
					if a.Key == "src" {
						assert.True(t, strings.HasPrefix(a.Val, "data:image/jpeg;base64,"), "img src %q", a.Val[:min(len(a.Val), 40)])
					}
					assert.NotEqual(t, "onerror", a.Key)
				}
			case "svg":
				svgs++
			}
			for _, a := range n.Attr {
				assert.False(t, strings.HasPrefix(a.Key, "on"), "event handler attribute %s on <%s>", a.Key, n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	assert.Equal(t, 1, scripts, "only the sorting script")
	assert.Equal(t, 1, svgs, "only the timeline chart")
	assert.Equal(t, 3, imgs, "one thumbnail per item with boxed OCR evidence, the hostile one included")

	tests := []struct{ name, want string }{
		{"file name", "&lt;script&gt;alert(1)&lt;/<wbr>script&gt;.png"}, // a break after each slash
		{"ocr text", "&lt;img src=x onerror=alert(1)&gt;"},
		{"author", "&#34;&gt;&lt;svg onload=alert(2)&gt;"},
		{"problem", "&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;"},
		{"verdict", `<div class="badge">contradicted</div>`},
		{"owner", `<div class="owner" id="owner">Toray Industries, Inc.</div>`},
		{"highlight", `<mark class="hit">東レ株式会社</mark>`},
		{"csp", `content="default-src &#39;none&#39;; img-src data:;`},
		{"box", `<span class="box" title="東レ株式会社" style="left:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, out, tt.want)
		})
	}
	assert.NotContains(t, out, "<script>alert")
	assert.NotContains(t, out, "http://")
	assert.NotContains(t, out, "https://")
}

func TestHTMLNoScriptAndNil(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, HTML(&buf, sampleReport(t, 1), HTMLOptions{NoScript: true}))
	assert.Contains(t, buf.String(), "<script></script>")
	require.Error(t, HTML(&buf, nil, HTMLOptions{}))
	require.Error(t, Markdown(&buf, nil))
}

func TestHTMLEmptyReport(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, HTML(&buf, &evidence.Report{}, HTMLOptions{}))
	assert.Contains(t, buf.String(), "none given")
	assert.Contains(t, buf.String(), "undetermined")
}

func TestHTMLSizeOf50Screenshots(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, HTML(&buf, sampleReport(t, 50), HTMLOptions{}))
	t.Logf("HTML of 50 screenshots: %d bytes", buf.Len())
	assert.Less(t, buf.Len(), 5<<20, "the HTML report of 50 screenshots must stay under 5 MB")
}

func TestMarkdown(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Markdown(&buf, sampleReport(t, 3)))
	out := buf.String()
	tests := []struct{ name, want string }{
		{"title", "# Triage of pack.zip"},
		{"verdict", "- **Verdict:** **CONTRADICTED**"},
		{"owner", "- **Owner of the data:** Toray Industries, Inc."},
		{"ranking", "| Toray Industries, Inc. (`toray`) | 100.0 | 83% |"},
		{"highlight", `> ログイン中: **東レ株式会社** sato.kenichi\@toray.co.jp`},
		{"hostile name", `&lt;script&gt;alert(1)&lt;/script&gt;.png`},
		{"hostile text", `&lt;img src=x onerror=alert(1)&gt;`},
		{"timeline", "| 2021-06-04T10:00:00+09:00 | +09:00 | archived | archive |"},
		{"finding", "- **dominant\\_zone**: +09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, out, tt.want)
		})
	}
	assert.NotContains(t, out, "<script>")
	assert.NotContains(t, out, "<img")
}

func TestFindSnippet(t *testing.T) {
	tests := []struct {
		text, match string
		want        *snippet
	}{
		{"hello Toray world", "toray", &snippet{"hello ", "Toray", " world"}},
		{"line1\nTORAY\nline3", "TORAY", &snippet{"line1 ", "TORAY", " line3"}},
		{"nothing here", "toray", nil},
		{"", "x", nil},
		{strings.Repeat("a", 200) + "X" + strings.Repeat("b", 200), "X", &snippet{"…" + strings.Repeat("a", snippetContext), "X", strings.Repeat("b", snippetContext) + "…"}},
	}
	for _, tt := range tests {
		t.Run(tt.match+"/"+tt.text[:min(10, len(tt.text))], func(t *testing.T) {
			assert.Equal(t, tt.want, findSnippet(tt.text, tt.match))
		})
	}
}

func TestOCRBoxes(t *testing.T) {
	it := &evidence.Item{
		OCR: &evidence.OCR{Words: []evidence.OCRWord{
			{Text: "ログイン中:", Box: [4]int{0, 0, 100, 10}},
			{Text: "東レ", Box: [4]int{100, 0, 50, 10}},
			{Text: "株式会社", Box: [4]int{150, 0, 80, 10}},
			{Text: "sato@toray.co.jp", Box: [4]int{300, 0, 100, 10}},
		}},
		Thumbnail: &evidence.Thumbnail{Width: 500, Height: 100, Scale: 0.5},
	}
	tests := []struct {
		match string
		n     int
		left  float64
	}{
		{"東レ株式会社", 2, 10},
		{"toray.co.jp", 1, 30},
		{"Fujitsu", 0, 0},
		{" ", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.match, func(t *testing.T) {
			bs := ocrBoxes(it, tt.match)
			require.Len(t, bs, tt.n)
			if tt.n > 0 {
				assert.Equal(t, tt.left, bs[0].L)
			}
		})
	}
}

// BenchmarkHTML renders the report of a package of 50 screenshots, each
// with a thumbnail, 203 OCR words and evidence.
func BenchmarkHTML(b *testing.B) {
	rep := sampleReport(b, 50)
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := HTML(&buf, rep, HTMLOptions{}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/report")
}

// BenchmarkMarkdown renders the same report as Markdown.
func BenchmarkMarkdown(b *testing.B) {
	rep := sampleReport(b, 50)
	for b.Loop() {
		if err := Markdown(&bytes.Buffer{}, rep); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDuplicateOf: an item whose content repeats one before it says so,
// in the HTML with a link to the first's row (when the table lists it)
// and in the Markdown; the path is escaped like any other.
func TestDuplicateOf(t *testing.T) {
	rep := sampleReport(t, 2)
	first := rep.Items[0].Path
	rep.Items = append(rep.Items,
		evidence.Item{Path: "pack.zip!/copies/shot.png", Kind: "image", MIME: "image/png", DuplicateOf: first},
		evidence.Item{Path: "pack.zip!/copies/unlisted.png", Kind: "image", MIME: "image/png", DuplicateOf: "pack.zip!/gone/" + hostileName})

	var h bytes.Buffer
	require.NoError(t, HTML(&h, rep, HTMLOptions{}))
	doc, err := html.Parse(bytes.NewReader(h.Bytes()))
	require.NoError(t, err)
	var rows []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" {
			var sb strings.Builder
			var text func(n *html.Node)
			text = func(n *html.Node) {
				if n.Type == html.TextNode {
					sb.WriteString(n.Data)
				}
				if n.Type == html.ElementNode && n.Data == "a" {
					for _, a := range n.Attr {
						if a.Key == "href" {
							sb.WriteString("[" + a.Val + "]")
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					text(c)
				}
			}
			text(n)
			rows = append(rows, sb.String())
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	var linked, plain bool
	for _, r := range rows {
		r = strings.TrimSpace(r)
		if strings.HasPrefix(r, "copies/shot.png") {
			linked = assert.Contains(t, r, "copy of [#item-0]screenshots/shot_00.png")
		}
		if strings.HasPrefix(r, "copies/unlisted.png") {
			plain = assert.Contains(t, r, "copy of gone/"+hostileName)
		}
	}
	assert.True(t, linked && plain, "rows: %q", rows)
	assert.NotContains(t, h.String(), "<script>alert(1)")

	var m bytes.Buffer
	require.NoError(t, Markdown(&m, rep))
	assert.Contains(t, m.String(), "| copies/shot.png<br>copy of screenshots/shot\\_00.png |")
	assert.NotContains(t, m.String(), "<script>")
}

// TestEvidenceByRole: HTML and Markdown show custody first, then
// authorship, then what the seller says, then mentions; the relation,
// a second owner, the claim's findings and the organisations only the
// seller names.
func TestEvidenceByRole(t *testing.T) {
	rep := &evidence.Report{
		Package: evidence.Package{Name: "pack.zip"},
		Claim: evidence.Claim{Claimed: "fujitsu", Verdict: "supported", Owner: "toray", Owners: []string{"toray", "fujitsu"},
			Relation: "same", Reason: "the claimed organisation holds data in the package",
			Findings: []evidence.ClaimFinding{{Kind: evidence.ClaimStale, Detail: "the newest file is from 2019-03-04; the claim says 2026-05-01"}}},
	}
	ev := []evidence.Evidence{
		{Item: "pack.zip!/m.txt", Signal: "body/org_name", Role: "mention", Match: "MENTION-1", Weight: 0.5},
		{Item: "pack.zip!/Toray", Signal: "item_path/org_name", Role: "claim_echo", Match: "ECHO-1", Weight: 0},
		{Item: "pack.zip!/a.docx", Signal: "organisation/org_name", Role: "authorship", Match: "AUTHOR-1", Weight: 5},
		{Item: "pack.zip!/b.eml", Signal: "mail_from/email", Role: "custody", Match: "CUSTODY-2", Weight: 6},
		{Item: "pack.zip!/c.eml", Signal: "mail_from/email", Role: "custody", Match: "CUSTODY-1", Weight: 8},
	}
	rep.Attribution.Ranking = []evidence.Owner{
		{Org: "toray", Name: "Toray Industries, Inc.", Score: 19.5, Custody: 14, Authorship: 5, Mention: 0.5, Confidence: 0.8, Evidence: ev},
		{Org: "fujitsu", Name: "Fujitsu Limited", Score: 16, Custody: 16, Confidence: 0.7},
	}
	rep.Attribution.ClaimEcho = []evidence.Owner{{Org: "hitachi", Name: "Hitachi, Ltd.",
		Evidence: []evidence.Evidence{{Item: "pack.zip!/HitachiDump", Signal: "item_path/org_name", Role: "claim_echo", Match: "Hitachi", Weight: 0}}}}
	var h, m bytes.Buffer
	require.NoError(t, HTML(&h, rep, HTMLOptions{}))
	require.NoError(t, Markdown(&m, rep))
	for name, out := range map[string]string{"html": h.String(), "markdown": m.String()} {
		last := -1
		for _, s := range []string{"CUSTODY-1", "CUSTODY-2", "AUTHOR-1", "ECHO-1", "MENTION-1"} {
			i := strings.Index(out, s)
			require.Positive(t, i, "%s: %s missing", name, s)
			assert.Greater(t, i, last, "%s: %s out of order", name, s)
			last = i
		}
		for _, s := range []string{"the claimed organisation itself", "Fujitsu Limited", "stale", "the newest file is from 2019-03-04",
			"What the seller says", "Hitachi, Ltd.", "HitachiDump", "2 custody, 1 authorship"} {
			assert.Contains(t, out, s, name)
		}
	}
}

// TestMarkdownMetadataLists checks that each metadata list is shown
// under its own label: an address is never shown as a host, nor a
// Message-ID as an address.
func TestMarkdownMetadataLists(t *testing.T) {
	rep := &evidence.Report{Package: evidence.Package{Name: "pack.zip"}, Items: []evidence.Item{{
		Path: "pack.zip!/mail/RE_見積.eml", Kind: "email", MIME: "message/rfc822",
		Metadata: evidence.Metadata{
			Hosts:      []string{"mail.corp.example.co.jp", "corp.example.co.jp"},
			Emails:     []string{"yamada@corp.example.co.jp"},
			MessageIDs: []string{"20210412.abc@pc01.corp.example.co.jp"},
			URLs:       []string{"https://portal.corp.example.co.jp/po/0412"},
		},
	}}}
	var buf bytes.Buffer
	require.NoError(t, Markdown(&buf, rep))
	out := buf.String()
	assert.Contains(t, out, `hosts: mail.corp.example.co.jp, corp.example.co.jp<br>`+
		`e-mail addresses: yamada\@corp.example.co.jp<br>urls: https\://portal.corp.example.co.jp/po/0412<br>`+
		`message-ids: 20210412.abc\@pc01.corp.example.co.jp |`)
}
