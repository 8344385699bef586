package meta

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"

	"github.com/proofpack/proofpack/evidence/identify"
)

// NewHTML returns the extractor of HTML pages: the title, the author,
// generator, description, keywords and copyright meta tags, the base
// URL, the hosts of every link, and the visible text.
//
// Raw keys: title, author, generator, description, keywords, copyright,
// base, LinkHosts (the hosts of href, src, action and similar URLs, in
// the order met, resolved against base), mailto (addresses of mailto:
// links). Authors come from the author meta tag, Software from
// generator, Title from <title>; link hosts go into Hosts. Text is the
// page's visible text (script, style and template content left out),
// cut at Limits.MaxTextBytes. The page is decoded by the charset identify
// found, else by its BOM or <meta charset>, else as UTF-8 when valid.
//
// A page with no title, none of those meta tags, no link and no visible
// text (a frame of scripts and styles, an empty template) holds no record:
// Extract says so with ErrNoRecord.
func NewHTML() Extractor { return htmlExtractor{} }

type htmlExtractor struct{}

func (htmlExtractor) Name() string    { return "html" }
func (htmlExtractor) Version() string { return "1" }

// Accepts takes text/html and XHTML items.
func (htmlExtractor) Accepts(t identify.Type) bool {
	return t.MIME == "text/html" || t.MIME == "application/xhtml+xml"
}

// Bounds of the HTML reader.
const (
	// htmlMaxValue cuts the title and meta values kept: a real title is
	// under 200 characters.
	htmlMaxValue = 4 << 10
	// htmlCtxEvery is how many tokens pass between checks of ctx.
	htmlCtxEvery = 1024
)

// htmlMetaNames are the <meta name> values kept in Raw.
var htmlMetaNames = map[string]bool{
	"author": true, "generator": true, "description": true, "keywords": true, "copyright": true,
}

// htmlURLAttrs are the attributes whose values are URLs.
var htmlURLAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "cite": true,
	"poster": true, "background": true, "data": true, "longdesc": true, "manifest": true,
}

// htmlBlocks are elements that break lines of visible text.
var htmlBlocks = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "tr": true, "td": true, "th": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "table": true,
	"section": true, "article": true, "header": true, "footer": true, "ul": true, "ol": true,
	"blockquote": true, "pre": true, "hr": true, "dt": true, "dd": true, "title": true,
}

func (htmlExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	if in.R == nil || in.Size <= 0 {
		return nil, fmt.Errorf("%w: empty page", ErrFormat)
	}
	prefix := make([]byte, min(in.Size, 1024))
	if _, err := in.R.ReadAt(prefix, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%w: reading page: %w", ErrFormat, err)
	}
	var r io.Reader = io.NewSectionReader(in.R, 0, in.Size)
	if enc := htmlEncoding(in.Type.Charset, prefix); enc != nil {
		r = transform.NewReader(r, enc.NewDecoder())
	}
	doc := htmlScan(ctx, r, lim, true)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Text: doc.text, TextTruncated: doc.cut, Warnings: doc.warns}
	m := &res.Metadata
	raw := map[string]any{}
	for k, v := range doc.meta {
		raw[k] = v
	}
	if doc.title != "" {
		raw["title"] = doc.title
		m.Title = doc.title
	}
	if doc.base != "" {
		raw["base"] = doc.base
	}
	if len(doc.hosts) > 0 {
		raw["LinkHosts"] = doc.hosts
		m.Hosts = append(m.Hosts, doc.hosts...)
	}
	if len(doc.mailto) > 0 {
		raw["mailto"] = doc.mailto
	}
	if a := doc.meta["author"]; a != "" {
		m.Authors = []string{a}
	}
	m.Software = doc.meta["generator"]
	if len(raw) > 0 {
		m.Raw = raw
	}
	if m.IsZero() && strings.TrimSpace(res.Text) == "" && len(res.Warnings) == 0 {
		return nil, fmt.Errorf("%w: html: no title, meta tag, link or visible text", ErrNoRecord)
	}
	return res, nil
}

// htmlEncoding picks the decoder of a page: the charset identify found
// when it is not ASCII or UTF-8, else what the BOM or a <meta charset>
// in prefix say, else none (UTF-8) when prefix is valid UTF-8, else
// windows-1252 as browsers do.
func htmlEncoding(identified string, prefix []byte) encoding.Encoding {
	switch identified {
	case identify.CharsetUTF8, identify.CharsetASCII:
		return nil
	case "":
	default:
		if e, _ := charset.Lookup(identified); e != nil {
			return e
		}
	}
	e, name, certain := charset.DetermineEncoding(prefix, "text/html")
	if name == "utf-8" || (!certain && validUTF8Prefix(prefix)) {
		return nil
	}
	return e
}

// validUTF8Prefix is utf8.Valid, allowing a sequence cut at the end.
func validUTF8Prefix(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i > len(b)-4; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}

// htmlDoc is what htmlScan found.
type htmlDoc struct {
	title  string
	meta   map[string]string
	base   string
	hosts  []string
	mailto []string
	text   string
	cut    bool
	warns  []error
}

// htmlVisibleText returns the visible text of a page, at most max bytes,
// and whether it was cut.
func htmlVisibleText(r io.Reader, max int64) (string, bool) {
	lim := Limits{MaxTextBytes: max}.WithDefaults()
	doc := htmlScan(context.Background(), r, lim, false)
	return doc.text, doc.cut
}

// htmlScan tokenizes a page. Tokens are bounded by MaxRecordBytes, text
// by MaxTextBytes and links by MaxRecords; withLinks collects the link
// hosts, meta tags and base URL besides the text.
func htmlScan(ctx context.Context, r io.Reader, lim Limits, withLinks bool) htmlDoc {
	doc := htmlDoc{meta: map[string]string{}}
	z := html.NewTokenizer(r)
	z.SetMaxBuf(int(min(lim.MaxRecordBytes, 1<<30)))
	var text, title strings.Builder
	pending := false // white space seen since the last character written
	lastNL := true   // the text is empty or ends in a line break
	skip := 0        // depth in script, style, template
	inTitle := false
	var base *url.URL
	seen := map[string]bool{}
	links := 0
	addText := func(s string) {
		for _, c := range s {
			if unicode.IsSpace(c) {
				pending = true
				continue
			}
			need := utf8.RuneLen(c)
			if pending && !lastNL {
				need++
			}
			if int64(text.Len()+need) > lim.MaxTextBytes {
				doc.cut = true
				return
			}
			if pending && !lastNL {
				text.WriteByte(' ')
			}
			pending, lastNL = false, false
			text.WriteRune(c)
		}
	}
	lineBreak := func() {
		pending = false
		if !lastNL && int64(text.Len())+1 <= lim.MaxTextBytes {
			text.WriteByte('\n')
			lastNL = true
		}
	}
	addURL := func(v string) {
		v = strings.TrimSpace(v)
		if v == "" || links >= lim.MaxRecords {
			return
		}
		u, err := url.Parse(v)
		if err != nil {
			return
		}
		if strings.EqualFold(u.Scheme, "mailto") {
			addr := u.Opaque
			if i := strings.IndexByte(addr, '?'); i >= 0 {
				addr = addr[:i]
			}
			if addr != "" && !seen["mailto:"+addr] {
				seen["mailto:"+addr] = true
				links++
				doc.mailto = append(doc.mailto, addr)
			}
			return
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		h := strings.ToLower(u.Hostname())
		if h == "" || seen[h] {
			return
		}
		seen[h] = true
		links++
		doc.hosts = append(doc.hosts, h)
	}
	for n := 0; ; n++ {
		if n%htmlCtxEvery == 0 && ctx.Err() != nil {
			break
		}
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); err != nil && err != io.EOF {
				if err == html.ErrBufferExceeded {
					doc.warns = append(doc.warns, fmt.Errorf("%w: an HTML token is larger than %d bytes", ErrLimit, lim.MaxRecordBytes))
				} else {
					doc.warns = append(doc.warns, fmt.Errorf("%w: reading page: %w", ErrFormat, err))
				}
			}
			break
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			nameB, hasAttr := z.TagName()
			name := string(nameB)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := string(k)
				if withLinks && htmlURLAttrs[key] {
					addURL(string(v))
				}
				if len(attrs) < 16 {
					attrs[key] = string(v)
				}
			}
			switch name {
			case "script", "style", "template":
				if tt == html.StartTagToken {
					skip++
				}
			case "title":
				if tt == html.StartTagToken {
					inTitle = true
				}
			case "meta":
				k := strings.ToLower(strings.TrimSpace(attrs["name"]))
				if htmlMetaNames[k] && doc.meta[k] == "" {
					doc.meta[k] = htmlClean(attrs["content"])
				}
			case "base":
				if href := strings.TrimSpace(attrs["href"]); href != "" && base == nil {
					if u, err := url.Parse(href); err == nil && u.IsAbs() {
						base = u
						doc.base = htmlClean(href)
					}
				}
			}
			if htmlBlocks[name] {
				lineBreak()
			}
		case html.EndTagToken:
			nameB, _ := z.TagName()
			switch name := string(nameB); name {
			case "script", "style", "template":
				if skip > 0 {
					skip--
				}
			case "title":
				inTitle = false
			default:
				if htmlBlocks[name] {
					lineBreak()
				}
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if inTitle {
				if title.Len() < htmlMaxValue {
					title.Write(z.Text())
				}
				continue
			}
			if !doc.cut {
				addText(string(z.Text()))
			}
		}
	}
	doc.title = htmlClean(title.String())
	doc.text = strings.TrimSpace(strings.ToValidUTF8(text.String(), "\uFFFD"))
	if !withLinks {
		doc.meta = nil
	}
	return doc
}

// htmlClean collapses white space, makes the string valid UTF-8 and cuts
// it at htmlMaxValue.
func htmlClean(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	return CutText(s, htmlMaxValue)
}
