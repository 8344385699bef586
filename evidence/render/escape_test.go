package render

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/textsafe"
)

// hidden is a string of every kind of hidden character: a bidi override,
// a terminal escape sequence, a zero-width space, a bell, a C1 control,
// a byte that is not UTF-8, and text that reads like an escape.
const hidden = "\u202e\x1b[2J\u200b\a\u009b\xff<U+0041>"

// hiddenEscaped is hidden as every output shows it.
const hiddenEscaped = "<U+202E><U+001B>[2J<U+200B><U+0007><U+009B><0xFF><U+003C>U+0041>"

// hostileReport puts s in every string of a report that an output for
// people shows: names, metadata, OCR and body text, evidence, problems,
// the timeline, the claim and the organisations.
func hostileReport(s string) *evidence.Report {
	path := "pack" + s + ".zip!/invoice_" + s + "txt.exe"
	it := evidence.Item{
		Path: path, LinkTarget: "t" + s, Kind: "image" + s, MIME: "image/png" + s, Charset: s,
		DeclaredExt: "exe" + s, DetectedExt: "png" + s, ExtMismatch: true, Modified: "2021-06-04T10:00:00+09:00" + s,
		SHA256: "ab" + s, SHA1: "cd" + s, MD5: "ef" + s, NameEncoding: "cp932" + s,
		Metadata: evidence.Metadata{Authors: []string{"Eve " + s}, LastModifiedBy: s, Organisation: "Org" + s, Software: s,
			Created: s, Modified: s, Title: "title " + s, Hosts: []string{"host" + s}, Paths: []string{`\\srv\share` + s}, Camera: s, TZOffset: s,
			Emails: []string{"eve" + s + "@example.com"}, MessageIDs: []string{"id" + s + "@pc01"}, URLs: []string{"https://example.com/" + s}},
		TextSource: evidence.TextFromOCR, Text: "before " + s + " MATCH" + s + " after\n" + s,
		OCR: &evidence.OCR{Engine: "tesseract" + s, Lang: "jpn" + s, Words: []evidence.OCRWord{
			{Text: "MATCH" + s, Box: [4]int{1, 2, 3, 4}}}},
		Thumbnail: &evidence.Thumbnail{JPEG: []byte{0xff, 0xd8}, Width: 10, Height: 10, Scale: 1},
		Problems:  []evidence.Problem{{Code: "corrupt" + s, Detail: "detail " + s}},
	}
	ev := evidence.Evidence{Item: path, Signal: "ocr/banner" + s, Role: "custody", Match: "MATCH" + s, Weight: 8}
	return &evidence.Report{
		Tool:    evidence.Tool{Name: "proofpack" + s, Version: "v" + s},
		Package: evidence.Package{Name: "pack" + s + ".zip", Format: "zip" + s, MIME: s, SHA256: s},
		Items:   []evidence.Item{it},
		Attribution: evidence.Attribution{
			Ranking:    []evidence.Owner{{Org: "org" + s, Name: "Name " + s, Score: 10, Confidence: 0.5, Evidence: []evidence.Evidence{ev}}},
			Candidates: []evidence.Candidate{{Key: "cand" + s, Score: 1, Evidence: []evidence.Evidence{ev}}},
		},
		Claim:    evidence.Claim{Claimed: "claim" + s, Verdict: "contradicted", Owner: "org" + s, Reason: "reason " + s},
		Problems: []evidence.Problem{{Code: "limit" + s, Detail: "pkg " + s, Path: "p" + s}},
		Timeline: evidence.Timeline{
			Events: []evidence.TimelineEvent{{Time: "2021-06-04T10:00:00+09:00", Zone: "+09:00" + s, Item: path, Field: evidence.FieldModified,
				Source: "exif" + s, Note: "note " + s}},
			Findings: []evidence.TimelineFinding{{Kind: "kind" + s, Detail: "finding " + s}},
		},
	}
}

// visibleOnly fails when out holds a character that hides, reorders or
// acts on text, other than newline, or is not UTF-8.
func visibleOnly(t *testing.T, what, out string) {
	t.Helper()
	require.True(t, utf8.ValidString(out), "%s is not UTF-8", what)
	for i, r := range out {
		if r != '\n' && textsafe.Of(r) != 0 {
			t.Fatalf("%s holds U+%04X at %d: %q", what, r, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
}

// viewStrings calls fn with every string of the view, at any depth.
func viewStrings(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			viewStrings(v.Elem(), path, fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			viewStrings(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // a thumbnail's bytes
		}
		for i := range v.Len() {
			viewStrings(v.Index(i), path+"[]", fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			viewStrings(k, path+"{key}", fn)
			viewStrings(v.MapIndex(k), path+"{}", fn)
		}
	}
}

// TestViewEscapesEveryString: every string the templates and Markdown
// read is escaped; the SafeWriter behind them is only a backstop.
func TestViewEscapesEveryString(t *testing.T) {
	v := buildView(hostileReport(hidden))
	n := 0
	viewStrings(reflect.ValueOf(v), "view", func(path, s string) {
		n++
		assert.Zero(t, textsafe.Scan(s), "%s = %q", path, s)
	})
	assert.Greater(t, n, 50)
	assert.Equal(t, "control character, bidi control, invisible character, invalid UTF-8", v.Hidden)
}

func TestHTMLShowsHiddenCharacters(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, HTML(&buf, hostileReport(hidden), HTMLOptions{}))
	out := buf.String()
	visibleOnly(t, "the HTML report", out)
	esc := `<span class="esc">` + strings.ReplaceAll(strings.ReplaceAll(hiddenEscaped, "<", "&lt;"), ">", "&gt;")
	esc = strings.Replace(esc, "[2J", `</span>[2J<span class="esc">`, 1)
	esc = strings.Replace(esc, "&lt;U+003C&gt;U+0041&gt;", "&lt;U+003C&gt;</span>U+0041&gt;", 1)
	tests := []struct{ name, want string }{
		{"notice", `<div class="notice" id="hidden-notice">`},
		{"notice kinds", "(control character, bidi control, invisible character, invalid UTF-8)"},
		{"package name", `<span class="id" id="package-name">pack` + esc + `.zip</span> <span class="hidden-chars">hidden characters: `},
		{"item name", `<td class="path">invoice_` + esc + `txt.exe <span class="hidden-chars">hidden characters: control character, bidi control, invisible character, invalid UTF-8</span></td>`},
		{"card", `<div class="item">pack` + esc + `.zip!/<wbr>invoice_` + esc + `txt.exe <span class="hidden-chars">`},
		{"author", "Eve " + esc},
		{"path", `\\srv\share` + esc},
		{"problem", "detail " + esc},
		{"package problem", "pkg " + esc},
		{"match", `<mark class="match">MATCH` + esc + `</mark>`},
		{"snippet", `<mark class="hit">MATCH` + esc + `</mark>`},
		{"claim", `<div class="owner">claim` + esc + `</div>`},
		{"reason", "reason " + esc},
		{"owner", `<strong>Name ` + esc + `</strong>`},
		{"candidate", "<li>cand" + esc},
		{"finding", "finding " + esc},
		{"timeline note", "note " + esc},
		// html/template writes "+" as &#43; in the title and attributes.
		{"title", "<title>Triage of pack&lt;U&#43;202E&gt;&lt;U&#43;001B&gt;[2J"},
		{"box label", `title="MATCH&lt;U&#43;202E&gt;&lt;U&#43;001B&gt;[2J`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, out, tt.want)
		})
	}
	checkHTMLInert(t, out)
}

// checkHTMLInert fails when the page holds an element or attribute that
// the template does not write, or more than its one script.
func checkHTMLInert(t *testing.T, out string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	require.NoError(t, err)
	allowed := map[string]bool{}
	for _, e := range strings.Fields(`html head meta title style body header h1 h2 h3 span div table tr td th thead tbody
		strong main section mark img a p ul li svg line text circle details summary footer script br dl dt dd h4 code wbr`) {
		allowed[e] = true
	}
	scripts := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if !allowed[n.Data] {
				t.Fatalf("element <%s> in the page", n.Data)
			}
			if n.Data == "script" {
				scripts++
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "srcdoc" || a.Key == "formaction" {
					t.Fatalf("attribute %s on <%s>", a.Key, n.Data)
				}
				if (a.Key == "href" && !strings.HasPrefix(a.Val, "#")) || (a.Key == "src" && !strings.HasPrefix(a.Val, "data:image/jpeg;base64,")) {
					t.Fatalf("%s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 1 {
		t.Fatalf("%d scripts", scripts)
	}
}

func TestMarkdownShowsHiddenCharacters(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Markdown(&buf, hostileReport(hidden)))
	out := buf.String()
	visibleOnly(t, "the Markdown report", out)
	esc := "`<U+202E><U+001B>`\\[2J`<U+200B><U+0007><U+009B><0xFF><U+003C>`U+0041&gt;"
	tests := []struct{ name, want string }{
		{"notice", "> **Hidden characters.** Names or values in this package hold characters that hide, reorder or act on text (control character, bidi control, invisible character, invalid UTF-8)."},
		{"title", "# Triage of pack" + esc + ".zip **[hidden characters: control character, bidi control, invisible character, invalid UTF-8]**"},
		{"item", "| invoice\\_" + esc + "txt.exe **[hidden characters:"},
		{"card", "- pack" + esc + ".zip!/invoice\\_" + esc + "txt.exe **[hidden characters:"},
		{"author", "authors: Eve " + esc},
		{"problem", "detail " + esc},
		{"match", "**MATCH" + esc + "**"},
		{"claim", "- **Claim:** claim" + esc},
		{"owner", "| Name " + esc + " (`org<U+202E><U+001B>[2J<U+200B><U+0007><U+009B><0xFF><U+003C>U+0041>`)"},
		{"finding", "finding " + esc},
		{"note", "(note " + esc + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, out, tt.want)
		})
	}
	checkMarkdownInert(t, out)
}

// mdAllowed is what checkMarkdownInert lets through: escapes in code
// spans, the line breaks of table cells, and the report's own markup.
var mdAllowed = regexp.MustCompile("`[^`\n]*`|<br>|\\\\.")

// checkMarkdownInert fails when the Markdown holds raw HTML, a link, an
// image, or text a renderer would make a link of.
func checkMarkdownInert(t *testing.T, out string) {
	t.Helper()
	rest := mdAllowed.ReplaceAllString(out, "")
	for _, bad := range []string{"<", "](", "://", "www.", "@"} {
		if i := strings.Index(rest, bad); i >= 0 {
			t.Fatalf("%q in the Markdown: %q", bad, rest[max(0, i-40):min(len(rest), i+40)])
		}
	}
}

func TestMarkdownNoLinks(t *testing.T) {
	for _, s := range []string{
		"[click](https://evil.example/x)", "![img](http://evil.example/p.png)", "<https://evil.example>",
		"www.evil.example", "WWW.EVIL.EXAMPLE", "eve@evil.example", "https://evil.example/a_b", "<img src=x onerror=alert(1)>",
		"&#x202E;", "&lt;script&gt;", "[x]: https://evil.example", "# heading", "- item", "1. item", "| a | b |", "`code`", "$x$",
	} {
		t.Run(s, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Markdown(&buf, hostileReport(s)))
			out := buf.String()
			checkMarkdownInert(t, out)
			assert.NotContains(t, mdAllowed.ReplaceAllString(out, ""), "&#", "an entity would show the character it stands for")
		})
	}
}

func TestMdLead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"- item", `\- item`}, {"+ item", `\+ item`}, {"-", `\-`}, {"12. item", `12\. item`}, {"3) x", `3\) x`},
		{"+09:00", `+09:00`}, {"-1", `-1`}, {"2021-06-04", `2021-06-04`}, {"1.5 MiB", `1.5 MiB`}, {"x - y", `x - y`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, md(tt.in), tt.in)
	}
}

func TestEscapeAPI(t *testing.T) {
	assert.Equal(t, "invoice_<U+202E>txt.exe", Escape("invoice_\u202etxt.exe"))
	assert.Equal(t, "a\tb\n<U+001B>", EscapeText("a\tb\n\x1b"))
	assert.Equal(t, "bidi control", Hidden("invoice_\u202etxt.exe"))
	assert.Equal(t, "", Hidden("見積書.xlsx"))
	back, err := Unescape(Escape(hidden))
	require.NoError(t, err)
	assert.Equal(t, hidden, back)
	var buf bytes.Buffer
	sw := NewSafeWriter(&buf)
	_, err = sw.Write([]byte("a\x1b[2J\xe2\x80"))
	require.NoError(t, err)
	_, err = sw.Write([]byte("\xae<U+0041>"))
	require.NoError(t, err)
	require.NoError(t, sw.Flush())
	assert.Equal(t, "a<U+001B>[2J<U+202E><U+0041>", buf.String())
}

// FuzzRender puts one string in every field of a report: the HTML and
// Markdown reports stay UTF-8 with no hidden character, every string of
// the view is escaped, the page holds only the template's elements and
// script, and the Markdown no HTML and no link.
func FuzzRender(f *testing.F) {
	for _, s := range []string{hidden, "", "plain", "invoice_\u202etxt.exe", "x\u2067evil\u2069.txt", "\x1b]0;pwned\x07\x1b[2JSubject",
		hostileName, hostileText, "[x](https://evil.example)", "<U+202E>", "a\r\nb\rc\td", "\xe2\x80", "`|*_#",
		"\u2028\u2029", "\xff\xfe\xc3(\xe2\x82\xed\xa0\x80", "\x00</script>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rep := hostileReport(s)
		viewStrings(reflect.ValueOf(buildView(rep)), "view", func(path, v string) {
			if c := textsafe.Scan(v); c != 0 {
				t.Fatalf("%s = %q holds %s", path, v, c)
			}
		})
		var h, m bytes.Buffer
		if err := HTML(&h, rep, HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := Markdown(&m, rep); err != nil {
			t.Fatal(err)
		}
		visibleOnly(t, "the HTML report", h.String())
		visibleOnly(t, "the Markdown report", m.String())
		checkHTMLInert(t, h.String())
		checkMarkdownInert(t, m.String())
	})
}
