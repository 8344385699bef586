package exifcompare

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoExiftool is returned when the exiftool command is not on PATH.
var ErrNoExiftool = errors.New("exifcompare: exiftool not found on PATH")

// Tags is one file's record from `exiftool -json -G -n`: group-prefixed
// tag names ("EXIF:Artist", "PDF:CreateDate") to values as decoded from
// the JSON (string, json.Number as written, bool or []any). exiftool
// repeats a key when a group holds a tag twice (the user-defined fields
// of ODF); a repeated key holds a Repeated of its values in order.
type Tags map[string]any

// Repeated holds the values of a key exiftool printed more than once.
type Repeated []any

// parseRecords reads exiftool's JSON array of objects, keeping numbers as
// written ("16.0000", not 16) and every value of a repeated key.
func parseRecords(data []byte) ([]Tags, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := expectDelim(dec, '['); err != nil {
		return nil, err
	}
	var out []Tags
	for dec.More() {
		if err := expectDelim(dec, '{'); err != nil {
			return nil, err
		}
		rec := Tags{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil, fmt.Errorf("exiftool JSON: %w", err)
			}
			key, ok := tok.(string)
			if !ok {
				return nil, fmt.Errorf("exiftool JSON: key %v is not a string", tok)
			}
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, fmt.Errorf("exiftool JSON: %s: %w", key, err)
			}
			switch old, dup := rec[key]; {
			case !dup:
				rec[key] = v
			case isRepeated(old):
				rec[key] = append(old.(Repeated), v)
			default:
				rec[key] = Repeated{old, v}
			}
		}
		if err := expectDelim(dec, '}'); err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	if err := expectDelim(dec, ']'); err != nil {
		return nil, err
	}
	return out, nil
}

func isRepeated(v any) bool { _, ok := v.(Repeated); return ok }

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("exiftool JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("exiftool JSON: %v where %v was expected", tok, want)
	}
	return nil
}

// ExiftoolVersion returns the version exiftool prints, "12.57".
func ExiftoolVersion(ctx context.Context) (string, error) {
	bin, err := exec.LookPath("exiftool")
	if err != nil {
		return "", ErrNoExiftool
	}
	out, err := exec.CommandContext(ctx, bin, "-ver").Output()
	if err != nil {
		return "", fmt.Errorf("exiftool -ver: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// RunExiftool runs one exiftool process over every path
// (`exiftool -json -G -n -charset filename=utf8 -@ ARGFILE`) and returns
// each file's tags by the path as given. Files exiftool cannot read come
// back with their "ExifTool:Error" tag; a non-zero exit status is not an
// error as long as the JSON could be read.
func RunExiftool(ctx context.Context, paths []string) (map[string]Tags, error) {
	bin, err := exec.LookPath("exiftool")
	if err != nil {
		return nil, ErrNoExiftool
	}
	arg, err := os.CreateTemp("", "exifcompare-*.args")
	if err != nil {
		return nil, fmt.Errorf("argfile: %w", err)
	}
	defer os.Remove(arg.Name())
	for _, p := range paths {
		if strings.ContainsAny(p, "\r\n") {
			return nil, fmt.Errorf("path %q: a line break cannot go into an exiftool argfile", p)
		}
		if _, err := fmt.Fprintln(arg, p); err != nil {
			arg.Close()
			return nil, fmt.Errorf("argfile: %w", err)
		}
	}
	if err := arg.Close(); err != nil {
		return nil, fmt.Errorf("argfile: %w", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-json", "-G", "-n", "-charset", "filename=utf8", "-@", arg.Name())
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	recs, err := parseRecords(stdout.Bytes())
	if err != nil {
		if runErr != nil {
			return nil, fmt.Errorf("exiftool: %w: %s", runErr, strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("exiftool output: %w", err)
	}
	out := make(map[string]Tags, len(recs))
	for _, r := range recs {
		if s, ok := r["SourceFile"].(string); ok {
			out[filepath.Clean(s)] = r
		}
	}
	return out, nil
}
