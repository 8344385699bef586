package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/websocket"
)

// browserEnv turns the browser test on; make test sets it.
const browserEnv = "PROOFPACK_BROWSER"

// readmeShotEnv makes the browser test also write docs/report.png, the
// README's picture of the HTML report.
const readmeShotEnv = "PROOFPACK_README_SHOT"

// TestHTMLReportInBrowser triages the sample with OCR, opens its HTML
// report in headless Chromium through the DevTools protocol, and checks
// what an analyst, or the CERT the page is sent to, sees: the header
// (triage date, case, analyst, the TLP marking in FIRST's colours, the
// source's hashes one line each, the claim as typed and the profile it
// matched), the summary, the Exposure section, the verdict and the
// owner, the evidence in the order custody, authorship, what the seller
// says, mentions (folded, without screenshots), a highlighted OCR match
// boxed on its screenshot, the hostile names shown as text, one script
// only, no request leaving the page, and no horizontal overflow at a
// desktop's width and a phone's.
//
// The README's picture, docs/report.png, is this test's screenshot:
//
//	PROOFPACK_BROWSER=1 PROOFPACK_README_SHOT=1 go test ./examples/triage/ -run TestHTMLReportInBrowser
func TestHTMLReportInBrowser(t *testing.T) {
	if os.Getenv(browserEnv) != "1" {
		t.Skipf("set %s=1 to open the HTML report in headless Chromium (make test does)", browserEnv)
	}
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("%s=1 but no chromium on PATH (apt-get install chromium): %v", browserEnv, err)
	}
	dir := t.TempDir()
	res, page := sampleJSONWithOCR(t) // -claim Fujitsu -html page
	require.Equal(t, 0, res.code, res.stderr)

	b := startBrowser(t, bin)
	c := b.open(t)
	defer c.close()

	c.call(t, "Network.enable", nil)
	c.call(t, "Page.enable", nil)
	c.call(t, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": false})
	c.call(t, "Page.navigate", map[string]any{"url": "file://" + page})
	c.waitEvent(t, "Page.loadEventFired")

	var seen struct {
		Text     string   `json:"text"`
		Scripts  int      `json:"scripts"`
		Boxes    int      `json:"boxes"`
		OCRHits  []string `json:"ocrHits"`
		Items    []string `json:"items"`
		Injected int      `json:"injected"`
		Sorted   bool     `json:"sorted"`
	}
	c.eval(t, `(() => {
		const cards = [...document.querySelectorAll('.card')].filter(c => c.querySelector('.shot .box'));
		const th = document.querySelector('#item-table th[data-sort="num"]');
		th.click();
		const sizes = [...document.querySelectorAll('#item-table tbody tr td:nth-child(3)')].map(td => parseFloat(td.dataset.v));
		return JSON.stringify({
			text: document.body.innerText,
			scripts: document.scripts.length,
			boxes: document.querySelectorAll('.shot .box').length,
			ocrHits: cards.flatMap(c => [...c.querySelectorAll('mark')].map(m => m.textContent)),
			items: [...document.querySelectorAll('#item-table tbody tr td:first-child')].map(td => td.textContent),
			injected: document.querySelectorAll('img:not(.shot img), body script ~ script, [onerror], [onload], b').length,
			sorted: sizes.every((v, i) => i === 0 || sizes[i-1] <= v),
		});
	})()`, &seen)

	assert.Contains(t, seen.Text, "CONTRADICTED", "the verdict (upper-cased by the stylesheet)")
	assert.Contains(t, seen.Text, "Toray Industries, Inc.", "the owner")
	assert.Equal(t, 1, seen.Scripts, "only the sorting script")
	assert.Positive(t, seen.Boxes, "OCR word boxes drawn over a screenshot")
	assert.NotEmpty(t, seen.OCRHits, "a highlighted match on a card with a boxed screenshot")
	assert.Zero(t, seen.Injected, "no element made from the package's strings")
	assert.True(t, seen.Sorted, "the item table sorts by size when its header is clicked")
	assert.Contains(t, seen.Items, hostileSampleName, "the hostile file name is shown as text")

	checkCERTPage(t, c)

	shot := c.screenshot(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "report.png"), shot, 0o644))
	t.Logf("screenshot: %s (%d bytes)", filepath.Join(dir, "report.png"), len(shot))
	if os.Getenv(readmeShotEnv) == "1" {
		require.NoError(t, os.WriteFile(filepath.Join("..", "..", "docs", "report.png"), shot, 0o644))
	}

	// Printed: the TLP marking at the foot of every page, the folded
	// mentions shown, the tables whole rather than in a scrolling box.
	var onScreen int
	c.eval(t, `JSON.stringify([...document.querySelectorAll('details.mentions .card')].filter(c => c.checkVisibility()).length)`, &onScreen)
	assert.Zero(t, onScreen, "on screen the mentions are folded")
	c.call(t, "Emulation.setEmulatedMedia", map[string]any{"media": "print"})
	var printed struct {
		Footer, Mentions string
		MentionCards     int
		TableScroll      string
	}
	c.eval(t, `(() => {
		const f = document.querySelector('.print-tlp');
		const cards = [...document.querySelectorAll('details.mentions .card')];
		return JSON.stringify({
			footer: getComputedStyle(f).display + ' ' + getComputedStyle(f).position + ' ' + f.textContent,
			mentionCards: cards.filter(c => c.checkVisibility()).length,
			mentions: String(cards.length),
			tableScroll: getComputedStyle(document.querySelector('.scroll')).overflowX,
		});
	})()`, &printed)
	assert.Equal(t, "block fixed TLP:AMBER "+sampleCase, printed.Footer, "the marking on every printed page")
	assert.NotEqual(t, "0", printed.Mentions)
	assert.Equal(t, printed.Mentions, fmt.Sprint(printed.MentionCards), "folded mentions are printed")
	assert.Equal(t, "visible", printed.TableScroll)
	c.call(t, "Emulation.setEmulatedMedia", map[string]any{"media": ""})

	// A phone's width: nothing wider than the screen but the tables,
	// which scroll in their own box.
	c.call(t, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true})
	c.call(t, "Page.reload", nil)
	c.waitEvent(t, "Page.loadEventFired")
	var narrow layout
	c.eval(t, layoutScript, &narrow)
	checkLayout(t, "390 px", narrow)

	for _, u := range c.requests() {
		assert.True(t, strings.HasPrefix(u, "file://") || strings.HasPrefix(u, "data:"), "request left the page: %s", u)
	}
}

// layout is what the page's geometry says of overflow and wrapping.
type layout struct {
	ScrollWidth, ClientWidth int
	// Wide lists the elements wider than the page that are not in a box
	// that scrolls; Wrapped the hash lines of the header that take more
	// than one line.
	Wide    []string
	Wrapped []string
	Hashes  int
}

// layoutScript measures the page: the document's width against the
// window's, each element that reaches past the right edge outside a
// scrolling box, and the height of each hash line against its line
// height.
const layoutScript = `(() => {
	const W = document.documentElement.clientWidth;
	const inScroller = el => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
	const wide = [...document.body.querySelectorAll('*')].filter(el => el.getBoundingClientRect().right > W + 1 && !inScroller(el))
		.map(el => el.tagName + '.' + el.className + '#' + el.id).slice(0, 10);
	const lines = [...document.querySelectorAll('#source .hashline')];
	const wrapped = lines.filter(el => el.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(el).lineHeight)).map(el => el.textContent);
	return JSON.stringify({scrollWidth: document.documentElement.scrollWidth, clientWidth: W, wide: wide, wrapped: wrapped, hashes: lines.length});
})()`

// checkLayout fails on horizontal overflow of the page and on a hash
// that wraps.
func checkLayout(t *testing.T, at string, l layout) {
	t.Helper()
	assert.LessOrEqual(t, l.ScrollWidth, l.ClientWidth, "%s: the page scrolls sideways", at)
	assert.Empty(t, l.Wide, "%s: elements past the right edge", at)
	assert.Equal(t, 3, l.Hashes, "%s: sha256, sha1 and md5 of the source", at)
	assert.Empty(t, l.Wrapped, "%s: a hash wraps", at)
}

// checkCERTPage checks the header, the summary, the Exposure section and
// the order and folding of the evidence of the sample's page (claim
// Fujitsu, case, analyst and TLP of sampleJSONWithOCR), and its layout
// at a desktop's width.
func checkCERTPage(t *testing.T, c *cdp) {
	t.Helper()
	var p struct {
		Triaged, Case, Analyst, Claim, Summary string
		TLP                                    []struct{ Text, Color, Background string }
		PrintTLP                               string
		Hosts, Shares, People, Emails          []string
		Internal                               []bool
		Dates, Kinds                           string
		Sections                               []string
		Orgs                                   []struct {
			Name   string
			Roles  []string
			Folded []bool
			Open   []bool
			Titles []string
			Shots  []int
			Rows   int
		}
		Layout layout
	}
	c.eval(t, `(() => {
		const txt = s => (document.querySelector(s) || {}).textContent || '';
		const list = id => [...document.querySelectorAll('#' + id + ' li code.val')].map(e => e.textContent);
		return JSON.stringify({
			triaged: txt('#triaged-at'), case: txt('#case-id'), analyst: txt('#analyst'), claim: txt('#claim-typed'),
			summary: txt('#summary'),
			tlp: [...document.querySelectorAll('header .tlp')].map(e => ({text: e.textContent, color: getComputedStyle(e).color, background: getComputedStyle(e).backgroundColor})),
			printTLP: txt('.print-tlp'),
			hosts: list('exposure-hosts'), shares: list('exposure-shares'), people: list('exposure-people'), emails: list('exposure-emails'),
			internal: [...document.querySelectorAll('#exposure-hosts li')].map(li => !!li.querySelector('.internal')),
			dates: txt('#content-dates'), kinds: txt('#exposure-kinds'),
			sections: [...document.querySelectorAll('main > section')].map(s => s.id),
			orgs: [...document.querySelectorAll('.org-evidence')].map(o => ({
				name: o.querySelector('h3').textContent,
				roles: [...o.querySelectorAll('.group')].map(g => g.dataset.role),
				folded: [...o.querySelectorAll('.group')].map(g => g.tagName === 'DETAILS'),
				open: [...o.querySelectorAll('.group')].map(g => g.tagName === 'DETAILS' && g.open),
				titles: [...o.querySelectorAll('.group')].map(g => (g.querySelector('summary, h4') || {}).textContent),
				shots: [...o.querySelectorAll('.group')].map(g => g.querySelectorAll('.shot').length),
				rows: o.querySelectorAll('.card').length,
			})),
			layout: JSON.parse(`+layoutScript+`),
		});
	})()`, &p)

	// The header.
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`, p.Triaged, "the triage date, RFC 3339 UTC")
	assert.Equal(t, sampleCase, p.Case)
	assert.Equal(t, sampleAnalyst, p.Analyst)
	require.NotEmpty(t, p.TLP, "the TLP marking in the header")
	for _, m := range p.TLP {
		assert.Equal(t, "TLP:AMBER", m.Text)
		assert.Equal(t, "rgb(255, 192, 0)", m.Color, "TLP 2.0 amber (#FFC000)")
		assert.Equal(t, "rgb(0, 0, 0)", m.Background, "on black, as FIRST shows the labels")
	}
	assert.Contains(t, p.PrintTLP, "TLP:AMBER", "the marking of every printed page")
	assert.Contains(t, p.Claim, "“Fujitsu”", "the claim as typed")
	assert.Contains(t, p.Claim, "Fujitsu Limited", "the profile it matched")

	// The summary: whose data, how sure, the claim, what is exposed.
	for _, want := range []string{"Toray Industries, Inc.", "almost certainly", `"Fujitsu"`, "does not hold", "counterparty", "2021-"} {
		assert.Contains(t, p.Summary, want)
	}
	n := strings.Count(p.Summary, ". ") + 1
	assert.True(t, n >= 2 && n <= 6, "two to four sentences (names hold dots): %q", p.Summary)

	// Exposure: internal hosts first, the shares, people, addresses,
	// the content's dates and the items by kind.
	require.NotEmpty(t, p.Hosts)
	assert.Contains(t, p.Hosts[0], ".toray.local")
	for i := 1; i < len(p.Internal); i++ {
		assert.False(t, p.Internal[i] && !p.Internal[i-1], "an internal host after an outside one: %v", p.Hosts)
	}
	assert.Contains(t, p.Hosts, "tfs01.toray.local")
	assert.Contains(t, p.Shares, `\\tfs01.toray.local\営業本部`)
	assert.Contains(t, p.People, "佐藤 健一")
	assert.Contains(t, p.Emails, "sato.kenichi@toray.co.jp")
	assert.Regexp(t, `^2\d{3}-\d\d-\d\d to 2\d{3}-\d\d-\d\d$`, p.Dates)
	assert.Contains(t, p.Kinds, "5 images")
	assert.Contains(t, p.Kinds, "1 e-mail", "one of a kind is singular")
	assert.Equal(t, []string{"exposure", "evidence", "timeline", "items"}, p.Sections)

	// The evidence: custody, authorship, what the seller says, mentions;
	// mentions folded, closed, without screenshots; the claimed
	// organisation's under "Why the seller may have named".
	rank := map[string]int{"custody": 0, "authorship": 1, "claim_echo": 2, "mention": 3}
	require.GreaterOrEqual(t, len(p.Orgs), 2)
	assert.Contains(t, p.Orgs[0].Name, "Toray Industries, Inc.")
	assert.Equal(t, "custody", p.Orgs[0].Roles[0], "the owner's custody evidence comes first")
	claimedSeen := false
	for _, o := range p.Orgs {
		for i, r := range o.Roles {
			if i > 0 {
				assert.LessOrEqual(t, rank[o.Roles[i-1]], rank[r], "%s: %v", o.Name, o.Roles)
			}
			assert.Equal(t, r == "mention", o.Folded[i], "%s: only mentions are folded", o.Name)
			assert.False(t, o.Open[i], "folded mentions start closed")
			if r == "mention" {
				assert.Zero(t, o.Shots[i], "%s: no screenshot for a mention", o.Name)
			}
			if r == "mention" && strings.Contains(o.Name, "the claimed organisation") {
				claimedSeen = true
				assert.Contains(t, o.Titles[i], "Why the seller may have named Fujitsu Limited")
			}
		}
	}
	assert.True(t, claimedSeen, "the claimed organisation's mentions: %+v", p.Orgs)
	checkLayout(t, "1280 px", p.Layout)
}

// hostileSampleName is the screenshot of the sample whose name is markup.
const hostileSampleName = "FJ_sample/screenshots/<script>alert(1)</script>.png"

// hangGuard returns a channel that fires shortly before go test's -timeout
// ends the test binary (never, without one). The browser's answers take
// as long as the machine makes them: no wait here has a time limit of its
// own, but a browser that never answers fails the test saying what was
// awaited, rather than in the panic of -timeout.
func hangGuard(t *testing.T) <-chan time.Time {
	d, ok := t.Deadline()
	if !ok {
		return nil
	}
	left := time.Until(d)
	return time.After(left - min(left/10, 30*time.Second))
}

// browser is a headless Chromium with its DevTools port.
type browser struct {
	port string
}

// startBrowser starts headless Chromium on a free DevTools port, with a
// profile of its own and every background network feature off; it is
// stopped when the test ends.
func startBrowser(t *testing.T, bin string) *browser {
	t.Helper()
	profile := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
		"--remote-allow-origins=http://127.0.0.1", "--user-data-dir="+profile, "--remote-debugging-port=0", "about:blank")
	ownProcessGroup(cmd)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		// Chromium's helpers (renderer, crash handler) outlive a killed
		// main process and go on writing into the profile, which then
		// cannot be removed: stop them all before the profile goes.
		cancel()
		_ = cmd.Wait()
		killProcessGroup(t, cmd)
	})
	ports := make(chan string, 1)
	exited := make(chan struct{}) // chromium closed its stderr: it is gone
	go func() {
		defer close(exited)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			if _, rest, ok := strings.Cut(line, "DevTools listening on ws://127.0.0.1:"); ok {
				port, _, _ := strings.Cut(rest, "/")
				select {
				case ports <- port:
				default:
				}
			}
		}
	}()
	select {
	case p := <-ports:
		return &browser{port: p}
	case <-exited:
		t.Fatal("chromium exited before opening its DevTools port")
	case <-hangGuard(t):
		t.Fatal("chromium never opened its DevTools port")
	}
	return nil
}

// open connects to the browser's first page.
func (b *browser) open(t *testing.T) *cdp {
	t.Helper()
	var targets []struct {
		Type string `json:"type"`
		WS   string `json:"webSocketDebuggerUrl"`
	}
	guard := hangGuard(t)
	for {
		resp, err := http.Get("http://127.0.0.1:" + b.port + "/json/list")
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
		}
		for _, tg := range targets {
			if tg.Type == "page" && tg.WS != "" {
				ws, err := websocket.Dial(tg.WS, "", "http://127.0.0.1")
				require.NoError(t, err)
				ws.MaxPayloadBytes = 64 << 20
				c := &cdp{ws: ws, replies: map[int]chan cdpMessage{}, events: make(chan cdpMessage, 1024)}
				go c.loop()
				return c
			}
		}
		select {
		case <-guard:
			t.Fatalf("no page target in the browser: %v", err)
		case <-time.After(100 * time.Millisecond): // poll again
		}
	}
}

// cdp is a minimal client of the Chrome DevTools protocol on one page.
type cdp struct {
	ws      *websocket.Conn
	mu      sync.Mutex
	next    int
	replies map[int]chan cdpMessage
	events  chan cdpMessage
	reqMu   sync.Mutex
	urls    []string
}

type cdpMessage struct {
	ID     int             `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// loop reads messages: replies go to their caller, events to the
// events channel, and every request the page makes is recorded.
func (c *cdp) loop() {
	for {
		var m cdpMessage
		if err := websocket.JSON.Receive(c.ws, &m); err != nil {
			close(c.events)
			return
		}
		if m.ID != 0 {
			c.mu.Lock()
			ch := c.replies[m.ID]
			delete(c.replies, m.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		if m.Method == "Network.requestWillBeSent" {
			var p struct {
				Request struct {
					URL string `json:"url"`
				} `json:"request"`
			}
			if json.Unmarshal(m.Params, &p) == nil {
				c.reqMu.Lock()
				c.urls = append(c.urls, p.Request.URL)
				c.reqMu.Unlock()
			}
		}
		select {
		case c.events <- m:
		default: // nobody waits for it
		}
	}
}

func (c *cdp) call(t *testing.T, method string, params any) json.RawMessage {
	t.Helper()
	c.mu.Lock()
	c.next++
	id := c.next
	ch := make(chan cdpMessage, 1)
	c.replies[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	require.NoError(t, websocket.JSON.Send(c.ws, msg))
	select {
	case m := <-ch:
		if m.Error != nil {
			t.Fatalf("%s: %s", method, m.Error.Message)
		}
		return m.Result
	case <-hangGuard(t):
		t.Fatalf("%s: no reply", method)
	}
	return nil
}

func (c *cdp) waitEvent(t *testing.T, method string) {
	t.Helper()
	guard := hangGuard(t)
	for {
		select {
		case m, ok := <-c.events:
			if !ok {
				t.Fatalf("connection closed while waiting for %s", method)
			}
			if m.Method == method {
				return
			}
		case <-guard:
			t.Fatalf("no %s", method)
		}
	}
}

// eval runs a JavaScript expression that returns a JSON string, and
// decodes that into v.
func (c *cdp) eval(t *testing.T, expr string, v any) {
	t.Helper()
	raw := c.call(t, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true})
	var r struct {
		Result struct {
			Value string `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	require.NoError(t, json.Unmarshal(raw, &r))
	if r.Exception != nil {
		t.Fatalf("script error: %s", r.Exception.Text)
	}
	require.NoError(t, json.Unmarshal([]byte(r.Result.Value), v), "value %q", r.Result.Value)
}

// screenshot captures the viewport as PNG.
func (c *cdp) screenshot(t *testing.T) []byte {
	t.Helper()
	raw := c.call(t, "Page.captureScreenshot", map[string]any{"format": "png"})
	var r struct {
		Data string `json:"data"`
	}
	require.NoError(t, json.Unmarshal(raw, &r))
	b, err := base64.StdEncoding.DecodeString(r.Data)
	require.NoError(t, err)
	return b
}

// requests returns the URLs the page asked for.
func (c *cdp) requests() []string {
	c.reqMu.Lock()
	defer c.reqMu.Unlock()
	return append([]string(nil), c.urls...)
}

func (c *cdp) close() { c.ws.Close() }
