package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHTMLAndMarkdownReports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	htmlPath, mdPath := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.md")
	res := triage(t, "-ocr=false", "-claim", "Fujitsu", "-html", htmlPath, "-md", mdPath, "-tmpdir", t.TempDir(), samplePath)
	require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
	assert.Contains(t, res.stdout, "ATTRIBUTION", "the summary is still written to standard output")

	page, err := os.ReadFile(htmlPath)
	require.NoError(t, err)
	md, err := os.ReadFile(mdPath)
	require.NoError(t, err)
	tests := []struct {
		name string
		doc  []byte
		want string
	}{
		{"html verdict", page, `<div class="badge">contradicted</div>`},
		{"html owner", page, `<div class="owner" id="owner">Toray Industries, Inc.</div>`},
		{"html csp", page, `http-equiv="Content-Security-Policy"`},
		{"html timeline", page, `<strong>dominant_zone</strong>: +09:00`},
		{"md verdict", md, "- **Verdict:** **CONTRADICTED**"},
		{"md owner", md, "- **Owner of the data:** Toray Industries, Inc."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, string(tt.doc), tt.want)
		})
	}
}

func TestReportFlagsNeedAFile(t *testing.T) {
	t.Parallel()
	for _, flag := range []string{"-html", "-md"} {
		t.Run(flag, func(t *testing.T) {
			res := triage(t, flag, "-", samplePath)
			assert.Equal(t, 2, res.code)
			assert.Contains(t, res.stderr, "need a FILE")
		})
	}
}
