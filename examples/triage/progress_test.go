package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer is a bytes.Buffer that the bar's ticker and a test may
// use at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// lastLine is the last state the bar drew: the text after the last
// clearing of the line that is not empty.
func lastLine(out string) string {
	lines := strings.Split(out, "\r\x1b[K")
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i] != "" {
			return lines[i]
		}
	}
	return ""
}

// TestProgressKeepsLastEvent: a burst of events is drawn at most once
// per progressInterval, and its last event is drawn all the same, by the
// ticker, with no further event (an image that OCR reads for seconds).
func TestProgressKeepsLastEvent(t *testing.T) {
	var out lockedBuffer
	p := newProgressBar(&out, "", 0)
	for i := 1; i <= 1000; i++ {
		p.update(progressEvent{Items: i, Bytes: int64(i) << 10, Path: "p.zip!/f.txt"})
	}
	drawn := strings.Count(out.String(), "\r\x1b[K")
	assert.Less(t, drawn, 100, "a burst is coalesced")
	require.Eventually(t, func() bool { return strings.HasPrefix(lastLine(out.String()), "1000 items") },
		time.Second, progressInterval/4, "the last event is drawn without another: %q", lastLine(out.String()))
	p.done()
	assert.Regexp(t, `1000 items  1000\.0 KiB read  \d+s  p\.zip!/f\.txt\r\x1b\[K$`, out.String(),
		"the line is cleared at the end")
}

// TestProgressFinalDraw: done draws the event that came too soon after
// the last drawing, before it clears the line, so that what the bar
// last showed is the triage's end, never a state before it.
func TestProgressFinalDraw(t *testing.T) {
	var out lockedBuffer
	p := newProgressBar(&out, "a.zip", 4<<20)
	p.update(progressEvent{Items: 1, Bytes: 100})
	p.update(progressEvent{Items: 19, Bytes: 5 << 20, OCRQueued: 5, OCRDone: 5})
	p.done()
	got := out.String()
	require.True(t, strings.HasSuffix(got, "\r\x1b[K"), "%q", got)
	assert.Regexp(t, `^a\.zip: 19 items  5\.0 MiB read of a 4\.0 MiB package  OCR 5/5  \d+s  $`, lastLine(got),
		"totals: items, bytes of the package size, images read of queued, elapsed")
	p.update(progressEvent{Items: 20})
	assert.Equal(t, got, out.String(), "nothing is drawn after done")
}

// TestProgressElapsed: while no event comes, the ticker redraws the
// line once a second so that the elapsed time goes on.
func TestProgressElapsed(t *testing.T) {
	if testing.Short() {
		t.Skip("waits two seconds")
	}
	var out lockedBuffer
	p := newProgressBar(&out, "", 0)
	p.update(progressEvent{Items: 1, OCRQueued: 1})
	require.Eventually(t, func() bool { return strings.Contains(lastLine(out.String()), "  1s  ") },
		3*time.Second, progressInterval, "%q", out.String())
	p.done()
	assert.Contains(t, out.String(), "1 items  0 B read  OCR 0/1  0s  ")
}
