package exportfacts

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/proofpack/proofpack/evidence"
)

func TestPaths(t *testing.T) {
	const pkg = "pack.zip"
	for _, tc := range []struct{ path, parent, base string }{
		{"pack.zip!/docs/a.xlsx", "", "a.xlsx"},
		{"pack.zip!/b/old.zip!/x.tar.gz!/share/hosts", "pack.zip!/b/old.zip!/x.tar.gz", "hosts"},
		{"pack.zip!/b/old.zip", "", "old.zip"},
		{"lone.pdf", "", "lone.pdf"},
		{"pack.zip!/mail.eml!/att.pdf", "pack.zip!/mail.eml", "att.pdf"},
	} {
		assert.Equal(t, tc.parent, Parent(pkg, tc.path), tc.path)
		assert.Equal(t, tc.base, Base(tc.path), tc.path)
	}
}

func TestCleanMatchesJSON(t *testing.T) {
	assert.Equal(t, "a\ufffd\ufffdb", Clean("a\xfe\xffb"), "one U+FFFD per byte, as encoding/json writes it")
	assert.Equal(t, "東レ", Clean("東レ"))
	assert.Equal(t, "\ufffd\ufffd", Clean("\xe6\x9d"), "a cut character: each byte")
}

func TestIDsDiffer(t *testing.T) {
	assert.NotEqual(t, ID("ab", "c"), ID("a", "bc"))
	assert.Equal(t, ID("x"), ID("x"))
	assert.EqualValues(t, 5, ID("x").Version())
}

func TestDecisive(t *testing.T) {
	o := evidence.Owner{Evidence: []evidence.Evidence{
		{Item: "m", Role: "mention", Weight: 9},
		{Item: "a1", Role: "authorship", Weight: 5},
		{Item: "c1", Role: "custody", Weight: 4},
		{Item: "c2", Role: "custody", Weight: 8},
		{Item: "c3", Role: "custody", Weight: 4},
		{Item: "e", Role: "claim_echo", Weight: 0},
	}}
	var items []string
	for _, e := range Decisive(o, 0) {
		items = append(items, e.Item)
	}
	assert.Equal(t, []string{"c2", "c1", "c3", "a1"}, items, "custody first, strongest first, ties in order; never mentions or echoes")
	assert.Len(t, Decisive(o, 2), 2)
}

func TestOwnersWithoutClaim(t *testing.T) {
	r := &evidence.Report{Attribution: evidence.Attribution{Ranking: []evidence.Owner{{Org: "toray", Custody: 40, Confidence: 0.99}}}}
	assert.Equal(t, []string{"toray"}, Owners(r))
	r.Attribution.Ranking[0].Confidence = 0.3
	assert.Empty(t, Owners(r), "below the owner's confidence: nobody")
	r.Claim = evidence.Claim{Verdict: "contradicted", Owner: "toray", Owners: []string{"toray", "hitachi"}}
	assert.Equal(t, []string{"toray", "hitachi"}, Owners(r), "the verdict's owners")
}

func TestPercent(t *testing.T) {
	assert.Equal(t, 99, Percent(0.9912))
	assert.Equal(t, 0, Percent(-1))
	assert.Equal(t, 100, Percent(2))
}
