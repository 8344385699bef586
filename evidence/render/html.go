package render

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/textsafe"
)

var (
	//go:embed assets/report.html.tmpl
	reportTemplate string
	//go:embed assets/report.css
	reportCSS string
	//go:embed assets/sort.js
	sortScript string
)

// page is parsed once; html/template escapes every value by context.
var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"jpegURI": jpegURI,
	"vis":     visible,
	"path":    pathHTML,
	"plural":  Plural,
}).Parse(reportTemplate))

// scriptHash is the CSP hash of the one inline script, so that no other
// script can run even if one slipped into the page.
var scriptHash = func() string {
	sum := sha256.Sum256([]byte(sortScript))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}()

// ContentSecurityPolicy is the policy every HTML report carries: nothing
// from the network, images only as data: URIs, inline styles, and only
// the report's own sorting script.
var ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '" + scriptHash + "'; base-uri 'none'; form-action 'none'"

// HTMLOptions configure HTML. The zero value is the default.
type HTMLOptions struct {
	// NoScript leaves out the script that sorts the tables; the page
	// reads the same without it.
	NoScript bool
}

// HTML writes the report as one self-contained HTML page: the verdict and
// the ranked owners with a bar each, the decisive evidence with the
// matched text highlighted and, for OCR evidence, the screenshot's
// thumbnail with the word boxes drawn over it (items need thumbnails:
// evidence.Options.Thumbnails), the item table, the timeline as a chart
// and a table, and a print stylesheet. It loads nothing from the network.
func HTML(w io.Writer, rep *evidence.Report, opt HTMLOptions) error {
	if rep == nil {
		return fmt.Errorf("render: nil report")
	}
	data := struct {
		V      *view
		CSS    template.CSS
		Script template.JS
		CSP    string
	}{V: buildView(rep), CSS: template.CSS(reportCSS), CSP: ContentSecurityPolicy}
	if !opt.NoScript {
		data.Script = template.JS(sortScript)
	}
	// The view holds every string escaped already; the SafeWriter is the
	// backstop for a value that a change to the template or the view
	// would let through.
	sw := NewSafeWriter(w)
	bw := bufio.NewWriterSize(sw, 64<<10)
	if err := page.Execute(bw, data); err != nil {
		return fmt.Errorf("render: html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: html: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("render: html: %w", err)
	}
	return nil
}

// visible writes a view string (escaped by Escape) as HTML text, each
// run of escapes in a highlighted span, so that a hidden character
// stands out where it was. Everything else is escaped as html/template
// escapes text; use it in element content only.
func visible(s string) template.HTML {
	if !strings.Contains(s, "<") {
		return template.HTML(template.HTMLEscapeString(s))
	}
	var b strings.Builder
	textsafe.Split(s, func(run string, esc bool) {
		if esc {
			b.WriteString(`<span class="esc">`)
		}
		b.WriteString(template.HTMLEscapeString(run))
		if esc {
			b.WriteString(`</span>`)
		}
	})
	return template.HTML(b.String())
}

// jpegURI embeds JPEG bytes as a data: URI. The bytes are ours (a
// thumbnail we encoded), and base64 holds no character that could leave
// the attribute.
func jpegURI(b []byte) template.URL {
	return template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(b))
}

// pathHTML writes a path as visible does, with a break opportunity
// (<wbr>) after each slash and backslash, so that a long path wraps
// between its steps rather than inside a name.
func pathHTML(s string) template.HTML {
	var b strings.Builder
	textsafe.Split(s, func(run string, esc bool) {
		if esc {
			b.WriteString(`<span class="esc">`)
			b.WriteString(template.HTMLEscapeString(run))
			b.WriteString(`</span>`)
			return
		}
		r := template.HTMLEscapeString(run)
		r = strings.ReplaceAll(r, "/", "/<wbr>")
		r = strings.ReplaceAll(r, `\`, `\<wbr>`)
		b.WriteString(r)
	})
	return template.HTML(b.String())
}
