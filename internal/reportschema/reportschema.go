// Package reportschema checks a JSON report against the report's JSON
// Schema, docs/report.schema.json (draft 2020-12), for the tests of the
// packages that write reports (evidence, evidence/render, the triage
// command). It reads the schema from the source tree, found from this
// file's own path, so it serves tests only; programs that validate
// reports load docs/report.schema.json with a JSON Schema library of
// their own.
package reportschema

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Path returns the path of docs/report.schema.json in the source tree.
func Path() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("docs", "report.schema.json")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "docs", "report.schema.json")
}

var compiled struct {
	once sync.Once
	sch  *jsonschema.Schema
	err  error
}

// Schema returns the compiled schema of the report.
func Schema() (*jsonschema.Schema, error) {
	compiled.once.Do(func() {
		compiled.sch, compiled.err = compile(Path())
	})
	return compiled.sch, compiled.err
}

func compile(path string) (*jsonschema.Schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	const url = "https://github.com/proofpack/proofpack/docs/report.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

// Validate checks one JSON report document against the schema.
func Validate(doc []byte) error {
	sch, err := Schema()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if err := sch.Validate(v); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			// The detailed form names every place that failed.
			return fmt.Errorf("%w\n%#v", ErrInvalid, ve)
		}
		return err
	}
	return nil
}

// ErrInvalid is wrapped by Validate's error when the document does not
// follow the schema.
var ErrInvalid = errors.New("the report does not follow docs/report.schema.json")

// ValidateNDJSON checks a report written as NDJSON (one {"item": …} line
// per item, then one {"report": …} line): the lines are put together as
// one document, which is validated, and every line must be one of the
// two, the report's last.
func ValidateNDJSON(doc []byte) error {
	var items []json.RawMessage
	var report map[string]json.RawMessage
	sc := bufio.NewScanner(bytes.NewReader(doc))
	sc.Buffer(nil, 1<<30)
	for n := 1; sc.Scan(); n++ {
		if report != nil {
			return fmt.Errorf("line %d: after the report line", n)
		}
		var line map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if len(line) != 1 {
			return fmt.Errorf("line %d: %d keys, want item or report", n, len(line))
		}
		switch {
		case line["item"] != nil:
			items = append(items, line["item"])
		case line["report"] != nil:
			if err := json.Unmarshal(line["report"], &report); err != nil {
				return fmt.Errorf("line %d: %w", n, err)
			}
			if _, ok := report["items"]; ok {
				return fmt.Errorf("line %d: the report line holds items", n)
			}
		default:
			return fmt.Errorf("line %d: neither item nor report", n)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if report == nil {
		return errors.New("no report line")
	}
	if items == nil {
		items = []json.RawMessage{}
	}
	b, err := json.Marshal(items)
	if err != nil {
		return err
	}
	report["items"] = b
	whole, err := json.Marshal(report)
	if err != nil {
		return err
	}
	return Validate(whole)
}
