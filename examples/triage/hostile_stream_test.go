package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// streamPack returns a pack whose items finish in an order of their own:
// archives nested three levels deep (zip, zip, tar.gz), the logs of a
// small text bomb that workers read beside the walk, an image with a zip
// appended, and a file after them that names an organisation's domain.
func streamPack(t *testing.T) []byte {
	t.Helper()
	must := func(b []byte, err error) []byte {
		t.Helper()
		require.NoError(t, err)
		return b
	}
	deeper := must(archivegen.Tar([]archivegen.File{{Name: "c/3.txt", Data: []byte("three\n")}, {Name: "c/4.txt", Data: []byte("four\n")}}))
	deeper = must(archivegen.Gzip("deeper.tar", archivegen.DefaultTime, deeper))
	inner := must(archivegen.Zip([]archivegen.File{{Name: "b/2.txt", Data: []byte("two\n")}, {Name: "b/deeper.tar.gz", Data: deeper, Store: true}}, archivegen.ZipOptions{}))
	logs := must(archivegen.TextBomb{Files: 12, FileSize: 256 << 10, Cycle: 8}.Bytes())
	png := must(archivegen.AppendZip(archivegen.PNGImage(), []archivegen.File{{Name: "hidden.csv", Data: []byte("name,email\nalice,alice@acme.example.com\n")}}, false))
	return must(archivegen.Zip([]archivegen.File{
		{Name: "a/1.txt", Data: []byte("one\n")},
		{Name: "a/inner.zip", Data: inner, Store: true},
		{Name: "logs.zip", Data: logs, Store: true},
		{Name: "shot.png", Data: png, Store: true},
		{Name: "z/after.txt", Data: []byte("orders: purchasing@toray.co.jp\n")},
	}, archivegen.ZipOptions{}))
}

// TestHostileStreamOrder: the command writes items as the library hands
// them over (evidence.Options.OnItem): each archive after its members,
// whose walk adds problems to it, and in the same order on every run
// whatever the scheduling of the workers; the report line that ends the
// stream counts them all and holds the attribution read from them.
func TestHostileStreamOrder(t *testing.T) {
	dir := t.TempDir()
	pack := filepath.Join(dir, "stream.zip")
	require.NoError(t, os.WriteFile(pack, streamPack(t), 0o600))
	runs := 3
	if testenv.Race {
		runs = 2
	}
	var first []string
	for i := range runs {
		out := filepath.Join(dir, fmt.Sprintf("run%d.ndjson", i))
		r := runHostile(t, hostileRun{Args: []string{"-ndjson", "-ocr=false", "-o", out, pack}})
		require.Equal(t, 0, r.Exit, r.Stderr)
		paths, rep := readNDJSON(t, out)
		require.NotNil(t, rep, "the report line ends the stream")
		assert.Equal(t, len(paths), rep.Stats.Items)
		assert.Empty(t, rep.Items)
		if i == 0 {
			first = paths
			pos := map[string]int{}
			for j, p := range paths {
				pos[p] = j
			}
			for _, p := range paths {
				if k := strings.LastIndex(p, "!/"); k >= 0 {
					if parent, ok := pos[p[:k]]; ok {
						assert.Greater(t, parent, pos[p], "%s comes after its member %s", p[:k], p)
					}
				}
			}
			for _, p := range []string{"stream.zip!/a/inner.zip!/b/deeper.tar.gz!/c/4.txt", "stream.zip!/logs.zip!/logs/app11/server-00011.log",
				"stream.zip!/shot.png!/trailing!/hidden.csv", "stream.zip!/z/after.txt"} {
				assert.Contains(t, pos, p)
			}
			var owners []string
			for _, o := range rep.Attribution.Ranking {
				owners = append(owners, o.Org)
			}
			assert.Contains(t, owners, "toray", "attribution read the items as they were handed over")
			continue
		}
		assert.Equal(t, first, paths, "the items come in the same order on every run")
	}
}

// readNDJSON reads an NDJSON report: the items' paths in order, and the
// report line.
func readNDJSON(t *testing.T, path string) ([]string, *evidence.Report) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var paths []string
	var rep *evidence.Report
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF && len(line) == 0 {
			break
		}
		require.NoError(t, err)
		var obj struct {
			Item   *struct{ Path string }
			Report *evidence.Report
		}
		require.NoError(t, json.Unmarshal(line, &obj))
		switch {
		case obj.Item != nil:
			paths = append(paths, obj.Item.Path)
		case obj.Report != nil:
			rep = obj.Report
		}
	}
	return paths, rep
}
