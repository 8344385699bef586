package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// TestHostileDeceptiveNames (issue 11, r11): names with bidi, zero-width
// and control characters, and a mail whose From holds a right-to-left
// override and whose Subject a terminal escape sequence. The summary on
// standard output, the -md and the -html files hold none of them raw and
// show each as <U+XXXX>; the JSON report keeps the true names and puts a
// deceptive_name problem on each disguised one.
func TestHostileDeceptiveNames(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "r11.zip")
	data, err := archivegen.DeceptiveNames()
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(pkg, data, 0o600))
	mdPath, htmlPath := filepath.Join(dir, "r11.md"), filepath.Join(dir, "r11.html")

	r := runHostile(t, hostileRun{Args: []string{"-q", "-ocr=false", "-md", mdPath, "-html", htmlPath, pkg}})
	assert.Equal(t, 0, r.Exit, r.Stderr)
	md, err := os.ReadFile(mdPath)
	require.NoError(t, err)
	page, err := os.ReadFile(htmlPath)
	require.NoError(t, err)

	rlo := "invoice_<U+202E>txt.exe"
	outputs := []struct {
		name, out string
		want      []string
	}{
		{"summary", r.Stdout, []string{
			rlo + "  [hidden characters: bidi control]",
			"x<U+2067>evil<U+2069>.txt  [hidden characters: bidi control]",
			"pay<U+200B>pal<U+FEFF>.pdf  [hidden characters: invisible character]",
			"author: Eve <U+202E> <eve@evil.example>",
			"title: <U+001B>]0;pwned<U+0007><U+001B>[2JSubject",
			"deceptive_name       " + rlo + ": name holds characters that hide, reorder or control how it reads: U+202E RIGHT-TO-LEFT OVERRIDE",
			"NOTE  Names or values above held characters",
		}},
		{"markdown", string(md), []string{
			"invoice\\_`<U+202E>`txt.exe **[hidden characters: bidi control]**",
			"title: `<U+001B>`\\]0;pwned`<U+0007><U+001B>`\\[2JSubject",
			"> **Hidden characters.**",
		}},
		{"html", string(page), []string{
			`invoice_<span class="esc">&lt;U+202E&gt;</span>txt.exe <span class="hidden-chars">hidden characters: bidi control</span>`,
			`<span class="esc">&lt;U+001B&gt;</span>]0;pwned<span class="esc">&lt;U+0007&gt;&lt;U+001B&gt;</span>[2JSubject`,
			`id="hidden-notice"`,
		}},
	}
	for _, o := range outputs {
		t.Run(o.name, func(t *testing.T) {
			onTerminal(t, strings.ReplaceAll(o.out, "\r\n", "\n"))
			for _, c := range []string{"\u202e", "\u2067", "\u2069", "\u200b", "\ufeff", "\x1b", "\x07"} {
				assert.NotContains(t, o.out, c)
			}
			for _, w := range o.want {
				assert.Contains(t, o.out, w)
			}
		})
	}
	assert.Contains(t, string(md), "`<U+200C>`", "a Persian name's joiner is shown, though it is no problem")

	j := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", pkg}})
	require.NotNil(t, j.Report)
	codes := map[string][]string{}
	for _, it := range j.Report.Items {
		codes[strings.TrimPrefix(it.Path, "r11.zip!/")] = problemCodes(it.Problems)
	}
	for _, name := range []string{archivegen.DeceptiveRLO, archivegen.DeceptiveIsolates, archivegen.DeceptiveZeroWidth,
		"mail/m.eml!/" + archivegen.DeceptiveAttachment} {
		assert.Contains(t, codes[name], evidence.ProblemDeceptiveName, "%q", name)
	}
	for _, name := range []string{archivegen.DeceptivePersian, "mail/m.eml", archivegen.DeceptiveLast} {
		require.Contains(t, codes, name, "the walk reached %q", name)
		assert.NotContains(t, codes[name], evidence.ProblemDeceptiveName, "%q", name)
	}
}
