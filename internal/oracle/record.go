package oracle

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// runTimeout bounds one run of a tool in update mode; the slowest, the
// tesseract command on a Japanese screenshot, takes seconds.
const runTimeout = 5 * time.Minute

// baseEnv is set for every run so that the output does not depend on the
// recording machine's locale or zone.
var baseEnv = []string{"LC_ALL=C.UTF-8", "TZ=UTC"}

// record runs spec's tool on its input and writes the golden.
func record(ctx context.Context, spec Spec) error {
	if spec.Name == "" || strings.ContainsAny(spec.Name, `/\`) || spec.Name == "." || spec.Name == ".." {
		return fmt.Errorf("oracle: input name %q is not a base name", spec.Name)
	}
	bin, err := spec.Tool.ready(ctx)
	if err != nil {
		return err
	}
	version, err := spec.Tool.version(ctx, bin)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "oracle-*")
	if err != nil {
		return fmt.Errorf("oracle: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, spec.Name)
	if err := os.WriteFile(in, spec.Data, 0o600); err != nil {
		return fmt.Errorf("oracle: %w", err)
	}

	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	args := spec.args()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), baseEnv...), spec.Env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	exit := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() < 0 {
			return fmt.Errorf("oracle: %s %q: %w: %s", spec.Tool.Name, args, err, stderr.Bytes())
		}
		exit = ee.ExitCode()
	}

	t := spec.Tool
	rec := Record{
		Tool: t.Name, Version: version, Args: args, Env: spec.Env,
		Input: spec.Name, InputSHA256: sha256Hex(spec.Data), ExitCode: exit,
		StderrLines: lines(t.text(dir, stderr.String())),
	}
	out := t.text(dir, stdout.String())
	if t.JSON && exit == 0 {
		j, err := normaliseExiftoolJSON([]byte(out))
		if err != nil {
			return fmt.Errorf("oracle: %s %q: %w", t.Name, args, err)
		}
		rec.JSON = j
	} else {
		rec.StdoutLines = lines(out)
	}
	if rec.Files, err = t.files(dir, spec.Name); err != nil {
		return err
	}
	return writeGolden(spec.Golden, &rec)
}

// text normalises what t printed or wrote in the working directory dir.
func (t *Tool) text(dir, s string) string {
	s = strings.ReplaceAll(s, dir, "{tmp}")
	if t.Normalise != nil {
		s = t.Normalise(s)
	}
	return s
}

// files records the regular files t wrote in dir, all but the input.
func (t *Tool) files(dir, input string) (map[string]File, error) {
	files := map[string]File{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if rel == input {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var f File
		if t.FileText && utf8.Valid(b) {
			s := t.text(dir, string(b))
			f.TextLines = lines(s)
			if f.TextLines == nil {
				f.TextLines = []string{}
			}
			b = []byte(s)
		}
		f.SHA256, f.Size = sha256Hex(b), int64(len(b))
		files[escapeInvalid(filepath.ToSlash(rel))] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("oracle: files written by %s: %w", t.Name, err)
	}
	if len(files) == 0 {
		return nil, nil
	}
	return files, nil
}

// writeGolden writes rec as indented JSON, without HTML escapes so that
// "&" and "<" read as themselves.
func writeGolden(path string, rec *Record) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rec); err != nil {
		return fmt.Errorf("oracle: %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("oracle: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("oracle: %w", err)
	}
	return nil
}
