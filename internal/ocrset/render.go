package ocrset

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/image/draw"
)

// chromiumTimeout bounds one browser run; a page takes about a second.
const chromiumTimeout = 90 * time.Second

// Options configures Generate. The zero value works on a Debian machine
// with the chromium package installed.
type Options struct {
	// Chromium is the browser command; default "chromium".
	Chromium string
	// Logf, when set, receives one line per page written.
	Logf func(format string, args ...any)
	// Zoom, when between 0 and 1, downscales every capture to Zoom of
	// its window's width (a page downscaled already keeps the narrower
	// of the two): the screenshots of the pages shown at that zoom. At
	// 0.75 the 12 and 13 px pages show 9 and 9.75 px text. The set
	// written is for measuring, not the committed one.
	Zoom float64
}

// zoomed returns p downscaled to zoom of its window's width, when zoom
// is between 0 and 1 and that is narrower than p's own downscale.
func zoomed(p Page, zoom float64) Page {
	if zoom <= 0 || zoom >= 1 {
		return p
	}
	w := int(float64(p.Width)*zoom + 0.5)
	if p.ScaleTo == 0 || w < p.ScaleTo {
		p.ScaleTo = w
	}
	return p
}

// chromiumFlags are the fixed flags of every run: no network, no profile
// state, no GPU, one device pixel per CSS pixel.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--hide-scrollbars", "--force-device-scale-factor=1",
}

// checkScript runs inside the page (only in the layout-check copy) and
// reports the text of every line element and every layout fault: a line
// that wraps, text clipped by an ancestor or by the page edge, and text
// that is not inside a line element (so missing from the ground truth).
const checkScript = `(function(){
var W=%d,H=%d,lines=[],errs=[];
function texts(el){var p=[],w=document.createTreeWalker(el,NodeFilter.SHOW_TEXT),n;
 while((n=w.nextNode())){var s=n.nodeValue.trim();if(s)p.push(n);}return p;}
var els=document.querySelectorAll('.t');
for(var i=0;i<els.length;i++){var el=els[i],ns=texts(el);
 var t=ns.map(function(n){return n.nodeValue.trim();}).join(' ');
 if(!t)continue;lines.push(t);
 for(var j=0;j<ns.length;j++){var r=document.createRange();r.selectNodeContents(ns[j]);
  var b=r.getBoundingClientRect();
  if(r.getClientRects().length!==1)errs.push('wrapped: '+t);
  if(b.left<0||b.top<0||b.right>W+0.5||b.bottom>H+0.5)errs.push('off the page: '+t);
  for(var a=ns[j].parentElement;a;a=a.parentElement){var cs=getComputedStyle(a);
   if(cs.overflowX!=='visible'||cs.overflowY!=='visible'){var ab=a.getBoundingClientRect();
    if(b.left<ab.left-0.5||b.right>ab.right+0.5||b.top<ab.top-0.5||b.bottom>ab.bottom+0.5){
     errs.push('clipped by '+a.tagName+'.'+a.className+': '+t);break;}}}}}
var w=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT),n;
while((n=w.nextNode())){if(!n.nodeValue.trim())continue;var pe=n.parentElement;
 if(pe.closest('.t')||pe.closest('script'))continue;errs.push('text outside a line: '+n.nodeValue);}
var o=document.createElement('script');o.type='application/json';o.id='ocrset-check';
o.textContent=JSON.stringify({lines:lines,errors:errs});document.body.appendChild(o);
})();`

// layoutReport is what checkScript writes into the DOM.
type layoutReport struct {
	Lines  []string `json:"lines"`
	Errors []string `json:"errors"`
}

// Generate renders every page of Pages into dir, writes manifest.json and
// returns the cases. It checks each page before writing it: glyph coverage,
// key tokens, and, in the browser, that the rendered lines are exactly the
// recorded ones and that none wraps or is cut off.
func Generate(ctx context.Context, dir string, opt Options) ([]Case, error) {
	fonts, err := LoadFonts()
	if err != nil {
		return nil, err
	}
	return generate(ctx, dir, opt, Pages(), fonts)
}

// GenerateVaried renders the pages of VariedPages(VariedSeed) into dir
// (testdata/ocrvar), with the same checks as Generate, and writes
// manifest.json.
func GenerateVaried(ctx context.Context, dir string, opt Options) ([]Case, error) {
	fonts, err := LoadFontFiles(VariedFontFiles)
	if err != nil {
		return nil, err
	}
	families := make([]string, 0, len(VariedFontFiles))
	for f := range VariedFontFiles {
		families = append(families, f)
	}
	sort.Strings(families)
	if err := checkFontconfig(ctx, families); err != nil {
		return nil, err
	}
	return generate(ctx, dir, opt, VariedPages(VariedSeed), fonts)
}

// checkFontconfig asks fontconfig (fc-match, the resolver Chromium uses)
// for each family and fails when it answers with another family: the
// browser would then draw the page in a substitute, and the glyph check
// of the named font would prove nothing.
func checkFontconfig(ctx context.Context, families []string) error {
	for _, fam := range families {
		out, err := exec.CommandContext(ctx, "fc-match", "-f", "%{family}", fam).Output()
		if err != nil {
			return fmt.Errorf("ocrset: fc-match %q: %w", fam, err)
		}
		found := false
		for _, name := range strings.Split(string(out), ",") {
			if name == fam {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("ocrset: fontconfig resolves %q to %q: the font is not installed", fam, out)
		}
	}
	return nil
}

// generate renders pages into dir and writes the manifest.
func generate(ctx context.Context, dir string, opt Options, pages []Page, fonts *FontSet) ([]Case, error) {
	if opt.Chromium == "" {
		opt.Chromium = "chromium"
	}
	for _, p := range pages {
		if err := p.Validate(fonts); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("ocrset: %w", err)
	}
	tmp, err := os.MkdirTemp("", "ocrset-")
	if err != nil {
		return nil, fmt.Errorf("ocrset: %w", err)
	}
	defer os.RemoveAll(tmp)

	var cases []Case
	for i, p := range pages {
		p = zoomed(p, opt.Zoom)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, c, err := renderPage(ctx, opt.Chromium, filepath.Join(tmp, fmt.Sprintf("p%02d", i)), p)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, p.File()), data, 0o644); err != nil {
			return nil, fmt.Errorf("ocrset: %w", err)
		}
		if opt.Logf != nil {
			opt.Logf("%s %dx%d %d lines %d bytes", c.File, c.Width, c.Height, len(c.Lines), len(data))
		}
		cases = append(cases, c)
	}
	js, err := json.MarshalIndent(cases, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("ocrset: %w", err)
	}
	js = append(js, '\n')
	if err := os.WriteFile(filepath.Join(dir, ManifestName), js, 0o644); err != nil {
		return nil, fmt.Errorf("ocrset: %w", err)
	}
	return cases, nil
}

// renderPage checks the layout of one page in the browser, captures it and
// returns the encoded image and the case.
func renderPage(ctx context.Context, chromium, work string, p Page) ([]byte, Case, error) {
	markup, lines, err := p.HTML()
	if err != nil {
		return nil, Case{}, err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, Case{}, fmt.Errorf("ocrset: %w", err)
	}
	pagePath := filepath.Join(work, "page.html")
	checkPath := filepath.Join(work, "check.html")
	check := strings.Replace(markup, "</body>", "<script>"+fmt.Sprintf(checkScript, p.Width, p.Height)+"</script></body>", 1)
	if err := os.WriteFile(pagePath, []byte(markup), 0o644); err != nil {
		return nil, Case{}, fmt.Errorf("ocrset: %w", err)
	}
	if err := os.WriteFile(checkPath, []byte(check), 0o644); err != nil {
		return nil, Case{}, fmt.Errorf("ocrset: %w", err)
	}

	dom, err := runChromium(ctx, chromium, filepath.Join(work, "profile-check"), p, "--dump-dom", checkPath)
	if err != nil {
		return nil, Case{}, fmt.Errorf("page %s: %w", p.Name, err)
	}
	if err := compareLayout(dom, lines); err != nil {
		return nil, Case{}, fmt.Errorf("page %s: %w", p.Name, err)
	}

	shot := filepath.Join(work, "shot.png")
	if _, err := runChromium(ctx, chromium, filepath.Join(work, "profile-shot"), p, "--screenshot="+shot, pagePath); err != nil {
		return nil, Case{}, fmt.Errorf("page %s: %w", p.Name, err)
	}
	raw, err := os.ReadFile(shot)
	if err != nil {
		return nil, Case{}, fmt.Errorf("page %s: %w", p.Name, err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, Case{}, fmt.Errorf("page %s: capture: %w", p.Name, err)
	}
	if b := img.Bounds(); b.Dx() != p.Width || b.Dy() != p.Height {
		return nil, Case{}, fmt.Errorf("page %s: capture is %dx%d, want %dx%d", p.Name, b.Dx(), b.Dy(), p.Width, p.Height)
	}
	data, err := encode(img, p)
	if err != nil {
		return nil, Case{}, fmt.Errorf("page %s: %w", p.Name, err)
	}
	return data, p.Case(lines), nil
}

// runChromium runs the browser once with a fresh profile directory.
func runChromium(ctx context.Context, chromium, profile string, p Page, mode, file string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, chromiumTimeout)
	defer cancel()
	args := append([]string{}, chromiumFlags...)
	args = append(args, "--user-data-dir="+profile, fmt.Sprintf("--window-size=%d,%d", p.Width, p.Height), mode, "file://"+file)
	cmd := exec.CommandContext(ctx, chromium, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := stderr.String()
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		return nil, fmt.Errorf("ocrset: %s: %w: %s", chromium, err, msg)
	}
	return stdout.Bytes(), nil
}

// compareLayout parses the report of checkScript out of a DOM dump.
func compareLayout(dom []byte, want []string) error {
	const open = `<script type="application/json" id="ocrset-check">`
	i := bytes.Index(dom, []byte(open))
	if i < 0 {
		return errors.New("ocrset: layout check did not run")
	}
	rest := dom[i+len(open):]
	j := bytes.Index(rest, []byte("</script>"))
	if j < 0 {
		return errors.New("ocrset: layout check output is cut")
	}
	var rep layoutReport
	if err := json.Unmarshal(rest[:j], &rep); err != nil {
		return fmt.Errorf("ocrset: layout check output: %w", err)
	}
	if len(rep.Errors) > 0 {
		return fmt.Errorf("ocrset: layout faults: %s", strings.Join(rep.Errors, "; "))
	}
	if len(rep.Lines) != len(want) {
		return fmt.Errorf("ocrset: browser shows %d lines, ground truth has %d", len(rep.Lines), len(want))
	}
	for k := range want {
		if rep.Lines[k] != want[k] {
			return fmt.Errorf("ocrset: line %d: browser shows %q, ground truth has %q", k, rep.Lines[k], want[k])
		}
	}
	return nil
}

// encode downscales the capture when asked and saves it as PNG or JPEG.
func encode(img image.Image, p Page) ([]byte, error) {
	if p.ScaleTo > 0 {
		w, h := p.OutSize()
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
		img = dst
	}
	var buf bytes.Buffer
	if p.JPEGQuality > 0 {
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: p.JPEGQuality}); err != nil {
			return nil, fmt.Errorf("ocrset: jpeg: %w", err)
		}
		return buf.Bytes(), nil
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("ocrset: png: %w", err)
	}
	return buf.Bytes(), nil
}
