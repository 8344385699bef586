package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
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
// what an analyst sees: the verdict, the owner, a highlighted OCR match
// boxed on its screenshot, the hostile names shown as text, one script
// only, and no request leaving the page.
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

	shot := c.screenshot(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "report.png"), shot, 0o644))
	t.Logf("screenshot: %s (%d bytes)", filepath.Join(dir, "report.png"), len(shot))
	if os.Getenv(readmeShotEnv) == "1" {
		require.NoError(t, os.WriteFile(filepath.Join("..", "..", "docs", "report.png"), shot, 0o644))
	}

	for _, u := range c.requests() {
		assert.True(t, strings.HasPrefix(u, "file://") || strings.HasPrefix(u, "data:"), "request left the page: %s", u)
	}
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
