package misp_test

// The checks of templates_test.go on the official MISP object templates
// and relationships, when a checkout of github.com/MISP/misp-objects is
// at hand: they are not vendored (see the package documentation). Run
// with
//
//	git clone https://github.com/MISP/misp-objects /tmp/misp-objects
//	PROOFPACK_MISP_OBJECTS=/tmp/misp-objects go test ./evidence/misp/ -run Official

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/misp"
)

// checkoutRules reads the templates of the objects the events hold, and
// the relationships, from a checkout of misp-objects.
func checkoutRules(t testing.TB, dir string) (map[string]templateRule, []string) {
	t.Helper()
	templates := map[string]templateRule{}
	for name := range ourTemplates {
		b, err := os.ReadFile(filepath.Join(dir, "objects", name, "definition.json"))
		require.NoError(t, err)
		var r templateRule
		require.NoError(t, json.Unmarshal(b, &r), "objects/%s/definition.json", name)
		templates[name] = r
	}
	b, err := os.ReadFile(filepath.Join(dir, "relationships", "definition.json"))
	require.NoError(t, err)
	var rels struct {
		Values []struct {
			Name string `json:"name"`
		} `json:"values"`
	}
	require.NoError(t, json.Unmarshal(b, &rels))
	var names []string
	for _, v := range rels.Values {
		names = append(names, v.Name)
	}
	return templates, names
}

func TestOfficialTemplates(t *testing.T) {
	dir := os.Getenv("PROOFPACK_MISP_OBJECTS")
	if dir == "" {
		t.Skip("PROOFPACK_MISP_OBJECTS is not set: no checkout of the MISP object templates")
	}
	templates, rels := checkoutRules(t, dir)
	for name, ours := range ourTemplates {
		// A newer template is fine as long as what we write still holds;
		// a different version is worth knowing.
		if templates[name].Version != ours.Version {
			t.Logf("%s: the checkout has version %d, the events say %d", name, templates[name].Version, ours.Version)
		}
	}
	for _, claim := range []string{"Fujitsu", "Toray", "Kurokawa Widgets", ""} {
		t.Run(claim, func(t *testing.T) {
			b := write(t, sample(t, claim), misp.Options{Seller: "kurogane_market"})
			// The events name the versions they were written for: check
			// the relations against the checkout's, the versions apart.
			for name, r := range templates {
				r.Version = ourTemplates[name].Version
				templates[name] = r
			}
			assert.Empty(t, eventViolations(b, templates, rels))
		})
	}
}

// The hook reads a checkout laid out as the official one: built here
// from our own rules, the victim template asking for a name.
func TestOfficialTemplateHookReadsACheckout(t *testing.T) {
	dir := t.TempDir()
	put := func(rel string, v any) {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	for name, r := range ourTemplates {
		if name == "victim" {
			r.Required = []string{"name"}
		}
		put("objects/"+name+"/definition.json", r)
	}
	var values []map[string]string
	for _, n := range ourRelationships {
		values = append(values, map[string]string{"name": n})
	}
	put("relationships/definition.json", map[string]any{"values": values})
	templates, rels := checkoutRules(t, dir)
	assert.Equal(t, ourRelationships, rels)
	assert.Equal(t, []string{"name"}, templates["victim"].Required)

	valid := write(t, sample(t, "Fujitsu"), misp.Options{})
	assert.Empty(t, eventViolations(valid, templates, rels))
	d := decode(t, valid)
	v := find(d, "victim")
	v.Attribute = v.Attribute[1:] // no name
	b, err := json.Marshal(d)
	require.NoError(t, err)
	assert.Contains(t, eventViolations(b, templates, rels), "victim "+v.UUID+": no name")
}
