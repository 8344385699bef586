//go:build unix

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// How the package reaches the command (issue 11, r05, r06, r07 and the
// last case): standard input without end, a FIFO or a device as the
// package, a lone file of gigabytes, names of kilobytes, items cut by a
// limit. Each run ends by itself within its limits, or promptly after a
// signal, and leaves nothing in TMPDIR.

// zeroStdin is a standard input without end.
type zeroStdin struct{}

func (zeroStdin) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// trickleStdin gives its first n bytes (zeros) at once, then a byte
// every 20 ms: past them, the command's reads wait on an idle pipe most of
// the time.
type trickleStdin struct{ n int }

func (s *trickleStdin) Read(p []byte) (int, error) {
	if s.n > 0 {
		k := min(len(p), s.n)
		clear(p[:k])
		s.n -= k
		return k, nil
	}
	time.Sleep(20 * time.Millisecond)
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = 'x'
	return 1, nil
}

// signalAfter is when the runs below are signalled: late enough for a
// test binary built with -race to have started on a busy machine.
const signalAfter = 2 * time.Second

func TestHostileStdin(t *testing.T) {
	t.Parallel()
	t.Run("endless, beyond -max-total-bytes", func(t *testing.T) {
		t.Parallel()
		r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", "-max-total-bytes", "4MiB", "-"}, Stdin: zeroStdin{}, MaxWall: 30 * time.Second})
		assert.Equal(t, 0, r.Exit, r.Stderr)
		require.NotNil(t, r.Report)
		rep := r.Report
		assert.Equal(t, []string{"limit_total_bytes"}, problemCodes(rep.Problems), "the report says the package was cut")
		assert.Empty(t, rep.Package.SHA256, "no hash of part of the package")
		assert.Equal(t, int64(4<<20), rep.Package.Size)
		require.Len(t, rep.Items, 1)
		assert.False(t, rep.Items[0].Complete)
		assert.Empty(t, rep.Items[0].SHA256)
	})
	t.Run("interrupted while spooled to disk", func(t *testing.T) {
		t.Parallel()
		// 48 MiB is past the 32 MiB the spool keeps in memory.
		r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", "-"}, Stdin: &trickleStdin{n: 48 << 20}, Interrupt: signalAfter})
		assert.Equal(t, 130, r.Exit, r.Stderr)
		require.NotNil(t, r.Report, "the partial report")
		assert.Contains(t, problemCodes(r.Report.Problems), evidence.ProblemCanceled)
	})
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run("idle pipe, "+sig.String(), func(t *testing.T) {
			t.Parallel()
			r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", "-"}, Stdin: &trickleStdin{}, Interrupt: signalAfter, Signal: sig})
			assert.Equal(t, 130, r.Exit, r.Stderr)
			assert.Contains(t, r.Stderr, "interrupted")
			require.NotNil(t, r.Report)
			assert.Equal(t, []string{evidence.ProblemCanceled}, problemCodes(r.Report.Problems))
		})
	}
}

// TestHostileNotRegular: a FIFO nobody writes to, or a device, is refused
// at once (status 1) instead of waiting in open(2) or reading forever.
func TestHostileNotRegular(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "pack.zip")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	for _, path := range []string{fifo, "/dev/zero"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", path}, MaxWall: 20 * time.Second})
			assert.Equal(t, 1, r.Exit)
			assert.Contains(t, r.Stderr, "not a regular file")
			assert.Contains(t, r.Stderr, "standard input")
			assert.Nil(t, r.Report)
		})
	}
}

// TestHostileLoneFile: a sparse 8 GiB file that is not an archive is read
// within -max-total-bytes, and within -timeout, package hash included; an
// interrupt ends it at once.
func TestHostileLoneFile(t *testing.T) {
	t.Parallel()
	big := filepath.Join(t.TempDir(), "disk.img")
	require.NoError(t, os.WriteFile(big, nil, 0o600))
	require.NoError(t, os.Truncate(big, 8<<30))

	t.Run("limits", func(t *testing.T) {
		t.Parallel()
		r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", "-timeout", "2s", "-max-total-bytes", "1MB", big}, MaxWall: 30 * time.Second})
		assert.Equal(t, 0, r.Exit, r.Stderr)
		require.NotNil(t, r.Report)
		rep := r.Report
		require.Len(t, rep.Items, 1)
		it := rep.Items[0]
		assert.Equal(t, []string{"limit_total_bytes"}, problemCodes(it.Problems))
		assert.LessOrEqual(t, it.Size, int64(1e6))
		assert.False(t, it.Complete)
		assert.Empty(t, it.SHA256)
		assert.LessOrEqual(t, rep.Stats.Bytes, int64(1e6))
		// No machine hashes 8 GiB in 2 s: the package hash stops at the
		// timeout, empty, and says why.
		assert.Empty(t, rep.Package.SHA256)
		assert.Equal(t, []string{"limit_duration"}, problemCodes(rep.Problems))
	})
	t.Run("interrupted", func(t *testing.T) {
		t.Parallel()
		r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", big}, Interrupt: signalAfter})
		assert.Equal(t, 130, r.Exit, r.Stderr)
		require.NotNil(t, r.Report)
		assert.Empty(t, r.Report.Package.SHA256)
		require.Len(t, r.Report.Items, 1)
		assert.Contains(t, problemCodes(r.Report.Items[0].Problems), evidence.ProblemCanceled)
		assert.Empty(t, r.Report.Items[0].SHA256)
	})
}

// TestHostileLongNameAndPartialHash: a name over 4,096 bytes is cut and
// said so, with the hash of the whole name; an item cut by a limit shows
// no hash in the JSON or in the Markdown report; the walk goes on.
func TestHostileLongNameAndPartialHash(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("顧客名簿", 500) + ".csv" // 6,004 bytes
	data, err := archivegen.Tar([]archivegen.File{
		{Name: long, Data: []byte("id,name\n1,Example Holdings\n")},
		{Name: "big.csv", Data: orderText(256 << 10)},
		{Name: "after.txt", Data: []byte("after\n")},
	})
	require.NoError(t, err)
	pkg := writeTemp(t, "names.tar", data)
	md := filepath.Join(t.TempDir(), "report.md")
	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", "-max-entry-bytes", "64KiB", "-md", md, pkg}})
	assert.Equal(t, 0, r.Exit, r.Stderr)
	require.NotNil(t, r.Report)
	require.Len(t, r.Report.Items, 3, "the walk goes on")
	l := r.Report.Items[0]
	assert.Contains(t, problemCodes(l.Problems), "limit_name_bytes")
	assert.Equal(t, sha256Hex([]byte(long)), l.NameSHA256)
	assert.LessOrEqual(t, len(l.Path), len("names.tar!/")+4096)
	assert.True(t, l.Complete)
	b := item(t, r.Report, "big.csv")
	assert.Equal(t, []string{"limit_entry_bytes"}, problemCodes(b.Problems))
	assert.Empty(t, b.SHA256+b.SHA1+b.MD5)
	assert.True(t, item(t, r.Report, "after.txt").Complete)

	out, err := os.ReadFile(md)
	require.NoError(t, err)
	hash := regexp.MustCompile(`[0-9a-f]{64}`)
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "big.csv") && strings.HasPrefix(line, "|") {
			assert.False(t, hash.MatchString(line), "a hash on the row of a cut item: %s", line)
		}
	}
}
