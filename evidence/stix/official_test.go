package stix_test

// Validation against the official OASIS STIX 2.1 JSON schemas
// (github.com/oasis-open/cti-stix2-json-schemas, branch stix2.1), when a
// checkout is at hand: they are not vendored (see the package
// documentation). Run with
//
//	git clone -b stix2.1 https://github.com/oasis-open/cti-stix2-json-schemas /tmp/stix-schemas
//	PROOFPACK_STIX_SCHEMAS=/tmp/stix-schemas go test ./evidence/stix/ -run Official
//
// The schemas name each other by URL (their $id and $ref are
// raw.githubusercontent.com addresses); the loader below reads those
// from the checkout, and nothing from the network.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/stix"
)

// schemaHost is where the schemas say they live; both schemes occur.
const schemaHost = "raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/"

// schemaFile is the schema of each object type the bundles hold, and of
// the bundle, relative to the checkout.
var schemaFile = map[string]string{
	"bundle":             "schemas/common/bundle.json",
	"identity":           "schemas/sdos/identity.json",
	"report":             "schemas/sdos/report.json",
	"opinion":            "schemas/sdos/opinion.json",
	"note":               "schemas/sdos/note.json",
	"file":               "schemas/observables/file.json",
	"marking-definition": "schemas/common/marking-definition.json",
}

// checkoutLoader reads the schemas' URLs from a checkout.
type checkoutLoader struct{ dir string }

func (l checkoutLoader) Load(u string) (any, error) {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://"), schemaHost)
	if !ok || strings.Contains(rest, "..") {
		return nil, fmt.Errorf("%s is not a schema of the checkout", u)
	}
	f, err := os.Open(filepath.Join(l.dir, filepath.FromSlash(rest)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// officialViolations validates the bundle and each of its objects
// against the schemas of the checkout at dir.
func officialViolations(t testing.TB, dir string, bundleJSON []byte) []string {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseLoader(checkoutLoader{dir})
	compiled := map[string]*jsonschema.Schema{}
	schema := func(typ string) *jsonschema.Schema {
		if s, ok := compiled[typ]; ok {
			return s
		}
		rel, ok := schemaFile[typ]
		require.True(t, ok, "no schema for type %s", typ)
		s, err := c.Compile("https://" + schemaHost + rel)
		require.NoError(t, err, "compiling %s", rel)
		compiled[typ] = s
		return s
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(bundleJSON)))
	require.NoError(t, err)
	var errs []string
	if err := schema("bundle").Validate(doc); err != nil {
		errs = append(errs, "bundle: "+err.Error())
	}
	for _, o := range doc.(map[string]any)["objects"].([]any) {
		obj := o.(map[string]any)
		if err := schema(obj["type"].(string)).Validate(obj); err != nil {
			errs = append(errs, fmt.Sprintf("%v: %v", obj["id"], err))
		}
	}
	return errs
}

func TestOfficialSchemas(t *testing.T) {
	dir := os.Getenv("PROOFPACK_STIX_SCHEMAS")
	if dir == "" {
		t.Skip("PROOFPACK_STIX_SCHEMAS is not set: no checkout of the OASIS STIX 2.1 JSON schemas")
	}
	for _, claim := range []string{"Fujitsu", "Toray", "Kurokawa Widgets", ""} {
		t.Run(claim, func(t *testing.T) {
			b := write(t, sample(t, claim), stix.Options{Seller: "kurogane_market"})
			assert.Empty(t, officialViolations(t, dir, b))
		})
	}
}

// The hook works on a checkout laid out as the official one, whose
// schemas refer to each other by URL: built here with schemas of our
// own, the identity one asking for a name.
func TestOfficialSchemaHookReadsACheckout(t *testing.T) {
	dir := t.TempDir()
	put := func(rel string, schema map[string]any) {
		schema["$id"] = "http://" + schemaHost + rel
		schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
		b, err := json.Marshal(schema)
		require.NoError(t, err)
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	put("schemas/common/core.json", map[string]any{"type": "object", "required": []any{"type", "id"}})
	for typ, rel := range schemaFile {
		s := map[string]any{"allOf": []any{map[string]any{"$ref": "../common/core.json"}}}
		switch typ {
		case "bundle":
			s = map[string]any{"type": "object", "required": []any{"objects"}}
		case "identity":
			s["required"] = []any{"name"}
		}
		put(rel, s)
	}
	valid := write(t, sample(t, "Fujitsu"), stix.Options{})
	assert.Empty(t, officialViolations(t, dir, valid))

	var bundle map[string]any
	require.NoError(t, json.Unmarshal(valid, &bundle))
	for _, o := range bundle["objects"].([]any) {
		if obj := o.(map[string]any); obj["type"] == "identity" {
			delete(obj, "name")
			break
		}
	}
	broken, err := json.Marshal(bundle)
	require.NoError(t, err)
	v := officialViolations(t, dir, broken)
	require.Len(t, v, 1)
	assert.Contains(t, v[0], "identity--")
	assert.Contains(t, v[0], "name")
}
