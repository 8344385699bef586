package reportschema_test

import (
	"encoding"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/reportschema"
)

// TestSchemaNamesEveryField walks evidence.Report's JSON fields and
// finds each in the schema, and each property of the schema's objects in
// the Go types: a field added to the report, even one that no test
// report carries (omitempty), needs its place in docs/report.schema.json.
// jsonFields returns the fields of a struct as encoding/json sees them:
// an embedded struct without a tag gives its own fields in its place.
func jsonFields(typ reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for f := range typ.Fields() {
		if f.Anonymous && f.Tag.Get("json") == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		out = append(out, f)
	}
	return out
}

// textMarshaler is the type of encoding.TextMarshaler.
var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

func TestSchemaNamesEveryField(t *testing.T) {
	b, err := os.ReadFile(reportschema.Path())
	require.NoError(t, err)
	var root map[string]any
	require.NoError(t, json.Unmarshal(b, &root))
	defs := root["$defs"].(map[string]any)
	// resolve follows $ref and the object branch of a oneOf (ocr).
	var resolve func(s map[string]any) map[string]any
	resolve = func(s map[string]any) map[string]any {
		if ref, ok := s["$ref"].(string); ok {
			return resolve(defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any))
		}
		if one, ok := s["oneOf"].([]any); ok {
			for _, o := range one {
				if r := resolve(o.(map[string]any)); r["type"] != "null" {
					return r
				}
			}
		}
		return s
	}
	seen := 0
	var walk func(path string, typ reflect.Type, s map[string]any)
	walk = func(path string, typ reflect.Type, s map[string]any) {
		s = resolve(s)
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if typ.Implements(textMarshaler) || reflect.PointerTo(typ).Implements(textMarshaler) {
			// Marshalled as its text (similar.ImageHash: hex digits).
			assert.Equal(t, "string", s["type"], "%s: marshalled as text", path)
			return
		}
		switch typ.Kind() {
		case reflect.Slice, reflect.Array:
			if typ.Elem().Kind() == reflect.Uint8 && typ.Kind() == reflect.Slice {
				assert.Equal(t, "string", s["type"], "%s: bytes are base64", path)
				return
			}
			items, ok := s["items"].(map[string]any)
			require.True(t, ok, "%s: the schema has no items", path)
			walk(path+"[]", typ.Elem(), items)
			return
		case reflect.Map:
			return // by_kind, raw: checked by value, free-form
		case reflect.Struct:
		default:
			return
		}
		props, ok := s["properties"].(map[string]any)
		require.True(t, ok, "%s: the schema has no properties", path)
		assert.Equal(t, false, s["additionalProperties"], "%s: closed object", path)
		fields := map[string]bool{}
		for _, f := range jsonFields(typ) {
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			fields[name] = true
			sub, ok := props[name].(map[string]any)
			if !assert.True(t, ok, "%s.%s is not in the schema", path, name) {
				continue
			}
			seen++
			walk(path+"."+name, f.Type, sub)
		}
		for name := range props {
			assert.True(t, fields[name], "the schema's %s.%s is no field of %s", path, name, typ)
		}
	}
	walk("report", reflect.TypeFor[evidence.Report](), root)
	assert.Greater(t, seen, 150)
}
