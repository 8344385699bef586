package evidence

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/fingerprint"
)

// TestAttributionHostField checks the values an item gives attribution
// as hosts: its addresses, lower-cased, and the hosts something other
// than an address names, sorted; the domain the harvest adds for an
// address is not one of them unless a URL, a UNC path or a link names it
// too. These are the values of the single list of addresses and hosts
// the metadata kept before it was split by kind, so that attribution
// weighs an address as it did. A mail gives none: its addresses are
// mail fields.
func TestAttributionHostField(t *testing.T) {
	tests := []struct {
		name string
		m    Metadata
		want []string
	}{
		{"address only", Metadata{Authors: []string{"Yamada Taro <Yamada.Taro@Toray.co.jp>"}},
			[]string{"yamada.taro@toray.co.jp"}},
		{"address and a URL on its domain", Metadata{Raw: map[string]any{"ooxml": map[string]any{
			"Author": "a@toray.co.jp", "Hyperlink": "https://toray.co.jp/ir/"}}},
			[]string{"a@toray.co.jp", "toray.co.jp"}},
		{"address and a UNC path on its domain", Metadata{Raw: map[string]any{"ole2": map[string]any{
			"Author": "a@corp.example", "Template": `\\corp.example\templates\a.dot`}}},
			[]string{"a@corp.example", "corp.example"}},
		{"address and a link to its domain", Metadata{Hosts: []string{"corp.example.co.jp"},
			Raw: map[string]any{"html": map[string]any{"LinkHosts": []string{"corp.example.co.jp"}, "mailto": []string{"buyer@corp.example.co.jp"}}}},
			[]string{"buyer@corp.example.co.jp", "corp.example.co.jp"}},
		{"hosts only", Metadata{Raw: map[string]any{"pdf": map[string]any{
			"Subject": `see https://portal.intra.toray.co.jp/a and \\tfs01.toray.local\share`}}},
			[]string{"portal.intra.toray.co.jp", "tfs01.toray.local"}},
		{"a mail", Metadata{Authors: []string{"a@toray.co.jp"}, Raw: map[string]any{"email": map[string]any{
			"From": []string{"a@toray.co.jp"}, "Message-ID": "<1@pc01.toray.co.jp>"}}, MessageIDs: []string{"1@pc01.toray.co.jp"}},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m
			require.NoError(t, meta.Harvest(&m))
			assert.Equal(t, tt.want, hostValues(attributionItem(&Item{Path: "p.zip!/x", Metadata: m})))

			// The same from the report's JSON, as a consumer reads it.
			b, err := json.Marshal(m)
			require.NoError(t, err)
			var back Metadata
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.want, hostValues(attributionItem(&Item{Path: "p.zip!/x", Metadata: back})))
		})
	}
}

func hostValues(fi fingerprint.Item) []string {
	var out []string
	for _, f := range fi.Fields {
		if f.Name == fingerprint.FieldHost {
			out = append(out, f.Value)
		}
	}
	return out
}
