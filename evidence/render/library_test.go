package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/similar"
)

// TestSeenBefore renders a report whose files were seen in an earlier
// pack whose name and claim are hostile (a library file can be handed
// over): the HTML and Markdown list the pack, escaped.
func TestSeenBefore(t *testing.T) {
	rep := sampleReport(t, 2)
	rep.Library = &evidence.LibraryReport{Files: 3, Seen: 2, Recorded: true, Earlier: []evidence.EarlierPack{{
		SeenPack: evidence.SeenPack{Name: "old<script>alert(4)</script>.zip", SHA256: strings.Repeat("b", 64), TriagedAt: "2025-03-02T10:00:00Z",
			Claimed: "<i>Acme</i>", Owner: "toray", OwnerName: "Toray Industries, Inc.", Verdict: evidence.VerdictContradicted},
		Items: 2, Exact: 1,
	}}}
	var buf bytes.Buffer
	require.NoError(t, HTML(&buf, rep, HTMLOptions{}))
	out := buf.String()
	assert.Contains(t, out, `<h2>Seen before</h2>`)
	assert.Contains(t, out, "2 of 3 files of this package were published before")
	assert.Contains(t, out, "old&lt;script&gt;alert(4)&lt;/script&gt;.zip")
	assert.Contains(t, out, "&lt;i&gt;Acme&lt;/i&gt;")
	assert.NotContains(t, out, "<script>alert(4)")
	assert.Contains(t, out, "Most of its files (2 of 3) were published before, in old&lt;script&gt;alert(4)&lt;/script&gt;.zip, triaged on 2025-03-02.")

	buf.Reset()
	require.NoError(t, Markdown(&buf, rep))
	md := buf.String()
	assert.Contains(t, md, "## Seen before")
	assert.Contains(t, md, "2 of 3 files were published before")
	assert.Contains(t, md, "| 2025-03-02T10:00:00Z |")
	assert.NotContains(t, md, "<script>alert(4)")

	// Without a library, no section.
	rep.Library = nil
	buf.Reset()
	require.NoError(t, HTML(&buf, rep, HTMLOptions{}))
	assert.NotContains(t, buf.String(), "Seen before")
}

// TestCSVSeenBefore writes the pdq and seen_before cells of an item seen
// in two earlier packs.
func TestCSVSeenBefore(t *testing.T) {
	h := new(similar.ImageHash)
	h[0] = 0xab
	it := &evidence.Item{Path: "p.zip!/a.png", Kind: "image", Hashes: &evidence.Hashes{PDQ: h, PDQQuality: 100},
		SeenBefore: []evidence.Sighting{
			{Pack: evidence.SeenPack{Name: "old.zip"}, Path: "old.zip!/shots/a.png", Match: evidence.MatchImage, Distance: 7},
			{Pack: evidence.SeenPack{Name: "older.zip"}, Path: "older.zip!/a.txt", Match: evidence.MatchText, Similarity: 0.8125},
		}}
	var buf bytes.Buffer
	w := NewCSVWriter(&buf, evidence.Case{})
	require.NoError(t, w.WriteItem(it))
	require.NoError(t, w.Flush())
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 2)
	assert.True(t, strings.HasSuffix(lines[0], ",pdq,seen_before"))
	assert.True(t, strings.HasSuffix(lines[1], ",ab"+strings.Repeat("0", 62)+",old.zip: shots/a.png (image 7); older.zip: a.txt (text 0.81)"), lines[1])
}
