package meta_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/meta"
)

// unfoldedBoundaryMail is a bounce as some servers write it: the header
// of a part continues "Content-Type: multipart/alternative;" on a line
// that is not indented, and its boundary holds "=".
func unfoldedBoundaryMail() []byte {
	return []byte(mailHeader + "Content-Type: multipart/mixed; boundary=\"----=_Part_0_1.2\"\r\n\r\n" +
		"------=_Part_0_1.2\r\n" +
		"Content-Type: multipart/alternative;\r\n" +
		"boundary=\"----=_Part_1_3.4\"\r\n\r\n" +
		"------=_Part_1_3.4\r\n" +
		"Content-Type: text/plain; charset=us-ascii\r\n\r\n" +
		"Delivery to orders@fibres.example.jp failed: mailbox full.\r\n" +
		"------=_Part_1_3.4--\r\n" +
		"------=_Part_0_1.2\r\n" +
		"Content-Type: text/plain;\r\n" +
		"name=\"report:1.txt\"\r\n" +
		"Content-Disposition: attachment\r\n\r\n" +
		"Reporting-MTA: dns; mx1.fibres.example.jp\r\n" +
		"------=_Part_0_1.2--\r\n")
}

// TestEmailUnfoldedPartHeader reads the parts behind such a header, as
// mail clients do, instead of calling the message malformed and stopping.
func TestEmailUnfoldedPartHeader(t *testing.T) {
	res, err := extractEmail(t, unfoldedBoundaryMail(), meta.Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Contains(t, res.Text, "orders@fibres.example.jp failed")
	require.Len(t, res.Attachments, 1)
	assert.Equal(t, "report:1.txt", res.Attachments[0].Name)
	assert.Contains(t, string(res.Attachments[0].Data), "mx1.fibres.example.jp")

	t.Run("a header line that is not a continuation", func(t *testing.T) {
		// Without ";" before it, a line without a colon is malformed, as
		// before.
		bad := strings.Replace(string(unfoldedBoundaryMail()), "multipart/alternative;\r\n", "multipart/alternative\r\n", 1)
		res, err := extractEmail(t, []byte(bad), meta.Limits{})
		require.NoError(t, err)
		require.NotEmpty(t, res.Warnings)
		assert.ErrorIs(t, res.Warnings[0], meta.ErrFormat)
	})
	t.Run("lines longer than the folder's buffer", func(t *testing.T) {
		long := strings.Replace(string(unfoldedBoundaryMail()), "mailbox full.", strings.Repeat("x", 10_000)+" mailbox full.", 1)
		res, err := extractEmail(t, []byte(long), meta.Limits{})
		require.NoError(t, err)
		assert.Empty(t, res.Warnings)
		assert.Contains(t, res.Text, "mailbox full.")
	})
}
