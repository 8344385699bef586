package stix

import (
	"fmt"
	"slices"
	"strings"
)

// canonical writes v as the JSON Canonicalization Scheme (RFC 8785)
// does, which STIX names for the deterministic ids of cyber-observable
// objects: object members sorted by name, no white space, strings with
// only '"', '\' and control characters escaped. It takes the values an
// id is made of: strings, []string, []any and map[string]any of them.
// Names here are ASCII, so sorting by bytes is sorting by UTF-16 units.
func canonical(b *strings.Builder, v any) {
	switch v := v.(type) {
	case string:
		canonicalString(b, v)
	case []string:
		b.WriteByte('[')
		for i, s := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			canonicalString(b, s)
		}
		b.WriteByte(']')
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			canonical(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			canonicalString(b, k)
			b.WriteByte(':')
			canonical(b, v[k])
		}
		b.WriteByte('}')
	default:
		panic(fmt.Sprintf("stix: canonical: unexpected %T", v)) // a bug of this package, never input
	}
}

func canonicalString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}
