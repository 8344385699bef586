package evidence

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
)

// WriteJSON writes the report as indented JSON, the same document that
// json.Marshal gives, but item by item: a package of a hundred thousand
// items never exists as one buffer in memory.
func (r *Report) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	type field struct {
		name  string
		value any
	}
	fields := []field{
		{"schema_version", r.SchemaVersion},
		{"tool", r.Tool},
		{"package", r.Package},
		{"triaged_at", r.TriagedAt},
		{"case", r.Case},
		{"items", nil}, // streamed below
		{"attribution", r.Attribution},
		{"claim", r.Claim},
		{"problems", nonNil(r.Problems)},
		{"stats", r.Stats},
		{"limits", r.Limits},
		{"timeline", r.Timeline.nonNil()},
		{"library", r.Library},
	}
	bw.WriteString("{\n")
	fields = slices.DeleteFunc(fields, func(f field) bool {
		return f.name == "case" && r.Case.IsZero() || f.name == "library" && r.Library == nil
	})
	for i, f := range fields {
		bw.WriteString(`  "` + f.name + `": `)
		if f.name == "items" {
			if err := writeItems(bw, r.Items); err != nil {
				return err
			}
		} else {
			b, err := json.MarshalIndent(f.value, "  ", "  ")
			if err != nil {
				return err
			}
			bw.Write(b)
		}
		if i < len(fields)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

func writeItems(bw *bufio.Writer, items []Item) error {
	if len(items) == 0 {
		bw.WriteString("[]")
		return nil
	}
	bw.WriteString("[\n")
	for i := range items {
		b, err := json.MarshalIndent(&items[i], "    ", "  ")
		if err != nil {
			return err
		}
		bw.WriteString("    ")
		bw.Write(b)
		if i < len(items)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("  ]")
	return nil
}

func nonNil(p []Problem) []Problem {
	if p == nil {
		return []Problem{}
	}
	return p
}
