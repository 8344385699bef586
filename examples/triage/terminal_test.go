package main

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/archivegen"
)

func TestTerminalSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain 東レ\tline\n", "plain 東レ\tline\n"},
		{"red\x1b[31mtext\x1b[0m", `red\x1b[31mtext\x1b[0m`},
		{"bell\a back\b cr\r del\x7f", `bell\x07 back\x08 cr\x0d del\x7f`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"raw \x9b31m", `raw \x9b31m`},
	}
	for _, tt := range tests {
		for _, step := range []int{1, 2, 3, 1000} {
			var out bytes.Buffer
			ts := &terminalSafe{w: &out}
			for i := 0; i < len(tt.in); i += step {
				_, err := ts.Write([]byte(tt.in[i:min(i+step, len(tt.in))]))
				require.NoError(t, err)
			}
			require.NoError(t, ts.flush())
			assert.Equal(t, tt.want, out.String(), "%q written %d bytes at a time", tt.in, step)
		}
	}
}

func TestSummaryEscapesControlCharacters(t *testing.T) {
	// Names are cleaned by the walker already; metadata values are not:
	// a mail subject can carry any character in an encoded word.
	subject := base64.StdEncoding.EncodeToString([]byte("Quarterly\x1b]0;owned\x07\x1b[2J figures"))
	mail := "From: Sato <sato@example.co.jp>\r\nTo: ito@example.co.jp\r\nSubject: =?utf-8?b?" + subject + "?=\r\n" +
		"Date: Mon, 12 Apr 2021 10:30:00 +0900\r\nMessage-ID: <1@example.co.jp>\r\n\r\nfigures attached\r\n"
	zip, err := archivegen.Zip([]archivegen.File{{Name: "mail.eml", Data: []byte(mail)}}, archivegen.ZipOptions{})
	require.NoError(t, err)
	r := triage(t, "-ocr=false", writeTemp(t, "p.zip", zip))
	require.Equal(t, 0, r.code, r.stderr)
	assert.NotContains(t, r.stdout, "\x1b", "no escape sequence reaches the terminal")
	assert.NotContains(t, r.stdout, "\x07")
	assert.True(t, strings.Contains(r.stdout, `title: Quarterly\x1b]0;owned\x07\x1b[2J figures`), r.stdout)
}
