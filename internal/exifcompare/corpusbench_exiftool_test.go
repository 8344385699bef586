//go:build exiftool

package exifcompare

// Run with `go test -tags exiftool ./internal/exifcompare/`: unit tests
// read outside tools' output from goldens (internal/oracle); this one
// runs exiftool itself, as make bench-meta does.

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunCorpusBench runs the whole comparison over the small corpus,
// with exiftool and a stand-in for the triage command that writes a
// report of three items: every round of every tool is timed, and the
// counts come from the tools' outputs.
func TestRunCorpusBench(t *testing.T) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not on PATH")
	}
	root := t.TempDir()
	fakeCorpus(t, root)
	set, err := LoadCorpusSet(context.Background(), root, "")
	require.NoError(t, err)
	bin := filepath.Join(t.TempDir(), "triage")
	script := "#!/bin/sh\nwhile [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=$2; shift; done\n" +
		"printf '{\"items\":[],\"stats\":{\"items\":3}}\\n' > \"$out\"\n"
	require.NoError(t, os.WriteFile(bin, []byte(script), 0o700))
	var log strings.Builder
	tmp := t.TempDir()
	res, err := RunCorpusBench(context.Background(), CorpusBenchOptions{Set: set, Triage: bin, Baseline: bin, Rounds: 2, InProcess: true, TempDir: tmp, Log: &log})
	require.NoError(t, err)
	for _, s := range []Series{res.Exiftool, res.Triage, res.Baseline, res.InProcess, res.Floor} {
		require.Len(t, s.Samples, 2, s.Name)
		for _, x := range s.Samples {
			assert.Positive(t, x.Wall, s.Name)
		}
	}
	assert.Positive(t, res.Exiftool.Samples[0].CPU)
	assert.Positive(t, res.Exiftool.Samples[0].MaxRSS)
	assert.Equal(t, len(set.Files), res.ExiftoolRead, "exiftool reads every file kept")
	assert.Equal(t, 3, res.TriageItems)
	assert.Len(t, res.Load, 2)
	assert.Contains(t, log.String(), "round 2/2")
	left, err := os.ReadDir(tmp)
	require.NoError(t, err)
	assert.Empty(t, left, "the scratch folder is removed")

	var out strings.Builder
	require.NoError(t, res.Print(&out))
	assert.Contains(t, out.String(), "7 files that are not archives")
	assert.Contains(t, out.String(), "3 archives")
	assert.Contains(t, out.String(), "exiftool / triage")
	assert.Contains(t, out.String(), "exiftool / baseline "+bin)
	assert.Contains(t, out.String(), "triage over the hashing floor")
}
