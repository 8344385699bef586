package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// openPTY opens a new pseudo-terminal: the side a program writes to, a
// terminal, and the side that reads what it wrote. It skips the test
// where the system has none to give (a container without devpts).
func openPTY(t *testing.T) (tty, reader *os.File) {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	fd := int(ptmx.Fd())
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	require.NoError(t, err)
	require.NoError(t, unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0))
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	require.True(t, term.IsTerminal(int(tty.Fd())))
	return tty, ptmx
}

// TestJSONOnTerminal: -json to a terminal is indented for people, as with
// -pretty; -ndjson stays one object per line.
func TestJSONOnTerminal(t *testing.T) {
	for _, format := range []string{"-json", "-ndjson"} {
		t.Run(format, func(t *testing.T) {
			tty, reader := openPTY(t)
			var got bytes.Buffer
			done := make(chan struct{})
			go func() {
				io.Copy(&got, reader) // ends with an error once tty is closed
				close(done)
			}()
			var stderr bytes.Buffer
			code := runWithInput([]string{format, "-ocr=false", "-tmpdir", t.TempDir(), samplePath}, nil, tty, &stderr)
			require.Equal(t, 0, code, stderr.String())
			tty.Close()
			<-done
			// The terminal turns each newline into CR LF.
			out := strings.ReplaceAll(got.String(), "\r\n", "\n")
			if format == "-json" {
				assert.True(t, strings.HasPrefix(out, "{\n  \"items\": [\n    {\n"), "%.60q", out)
				decodeReport(t, out)
			} else {
				assert.True(t, strings.HasPrefix(out, `{"item":{"path":`), "%.60q", out)
				decodeNDJSON(t, out)
			}
		})
	}
}

// TestProgressOnTerminal: with standard error a terminal, the bar is
// drawn (-progress auto), its last state is the end of the triage (every
// item, the package's size), and the line is cleared after it.
func TestProgressOnTerminal(t *testing.T) {
	tty, reader := openPTY(t)
	var got bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&got, reader) // ends with an error once tty is closed
		close(done)
	}()
	var stdout bytes.Buffer
	code := runWithInput([]string{"-ocr=false", "-tmpdir", t.TempDir(), samplePath}, nil, &stdout, tty)
	require.Equal(t, 0, code)
	tty.Close()
	<-done
	out := got.String()
	require.True(t, strings.HasSuffix(out, "\r\x1b[K"), "the bar is cleared at the end: %q", out)
	assert.Regexp(t, `^19 items  [0-9.]+ KiB read of a 426\.9 KiB package  \d+s  `, lastLine(out), "%q", out)
	assert.Contains(t, stdout.String(), "VERDICT", "the summary goes to standard output")
}
