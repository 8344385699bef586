package oracle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// UpdateEnv is the environment variable that turns on update mode: with
// PROOFPACK_UPDATE_ORACLES=1, Run executes the tool and rewrites the golden.
const UpdateEnv = "PROOFPACK_UPDATE_ORACLES"

// In stands for the input file in Spec.Args.
const In = "{in}"

// refresh is the advice every stale-golden message ends with.
const refresh = "run `make oracles` (or the test with " + UpdateEnv + "=1) to record it again, and commit the golden"

// maxGoldenBytes bounds the golden files read: the largest is a few
// kilobytes of exiftool tags or OCR text.
const maxGoldenBytes = 4 << 20

// ErrStale reports a golden that is missing or does not match its input,
// tool or arguments.
var ErrStale = errors.New("oracle: golden out of date")

// Spec is one run of an outside tool on one input.
type Spec struct {
	// Tool is the program that is run.
	Tool *Tool
	// Args are its arguments; In stands for the input file.
	Args []string
	// Env holds extra environment variables (KEY=value) for the run; they
	// are recorded in the golden.
	Env []string
	// Name is the base name the input is given; tools such as exiftool
	// look at its extension.
	Name string
	// Data are the input bytes.
	Data []byte
	// Golden is the path of the golden file.
	Golden string
}

// Record is the golden of one run: what the tool was, what it read and
// what it said.
type Record struct {
	// Tool is the command name.
	Tool string `json:"tool"`
	// Version is the tool's version when the golden was recorded.
	Version string `json:"version"`
	// Args are the arguments, the input as its base name.
	Args []string `json:"args"`
	// Env are the extra environment variables of Spec.Env.
	Env []string `json:"env,omitempty"`
	// Input is the base name of the input.
	Input string `json:"input"`
	// InputSHA256 is the SHA-256 of the input bytes, in hex.
	InputSHA256 string `json:"input_sha256"`
	// ExitCode is the tool's exit status.
	ExitCode int `json:"exit_code"`
	// JSON is the normalised standard output of a tool that prints JSON.
	JSON json.RawMessage `json:"stdout_json,omitempty"`
	// StdoutLines is any other standard output, split at "\n".
	StdoutLines []string `json:"stdout,omitempty"`
	// StderrLines is the standard error, split at "\n".
	StderrLines []string `json:"stderr,omitempty"`
	// Files are the files the tool wrote, by slash-separated path relative
	// to its working directory.
	Files map[string]File `json:"files,omitempty"`
}

// File is a file a tool wrote.
type File struct {
	// SHA256 is the hash of the (normalised) content, in hex.
	SHA256 string `json:"sha256"`
	// Size is its length in bytes.
	Size int64 `json:"size"`
	// TextLines is the normalised content split at "\n", kept for tools
	// whose output files the tests read.
	TextLines []string `json:"text,omitempty"`
}

// Stdout returns the standard output as it was printed (normalised).
func (r *Record) Stdout() string { return strings.Join(r.StdoutLines, "\n") }

// Stderr returns the standard error (normalised).
func (r *Record) Stderr() string { return strings.Join(r.StderrLines, "\n") }

// Text returns the text of the written file name, and whether it was kept.
func (r *Record) Text(name string) (string, bool) {
	f, ok := r.Files[name]
	if !ok || (f.TextLines == nil && f.Size > 0) {
		return "", false
	}
	return strings.Join(f.TextLines, "\n"), true
}

// ExiftoolTags decodes exiftool's -json output of one file into its tags,
// numbers as float64 (as json.Unmarshal gives them).
func (r *Record) ExiftoolTags() (map[string]any, error) {
	return r.exiftoolTags(false)
}

// ExiftoolTagsNumbers is ExiftoolTags with numbers as json.Number, spelt
// as exiftool wrote them.
func (r *Record) ExiftoolTagsNumbers() (map[string]any, error) {
	return r.exiftoolTags(true)
}

func (r *Record) exiftoolTags(useNumber bool) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(r.JSON))
	if useNumber {
		dec.UseNumber()
	}
	var list []map[string]any
	if err := dec.Decode(&list); err != nil {
		return nil, fmt.Errorf("oracle: %s output: %w", r.Tool, err)
	}
	if len(list) != 1 {
		return nil, fmt.Errorf("oracle: %s reported %d files, want 1", r.Tool, len(list))
	}
	return list[0], nil
}

// Golden returns the path of the golden of tool's run on the fixture at
// path: the directory oracle beside it, the fixture's name and label (the
// tool's name when label is empty).
func Golden(path string, tool *Tool, label string) string {
	if label == "" {
		label = tool.Name
	}
	return filepath.Join(filepath.Dir(path), "oracle", filepath.Base(path)+"."+label+".json")
}

// Update reports whether update mode is on.
func Update() bool { return os.Getenv(UpdateEnv) == "1" }

// Run returns the record of spec's run: in update mode it runs the tool
// and rewrites the golden first, otherwise it only reads the golden. It
// fails t when the golden is missing or stale, or when update mode cannot
// run the tool.
func Run(t testing.TB, spec Spec) *Record {
	t.Helper()
	if Update() {
		if err := record(t.Context(), spec); err != nil {
			t.Fatal(err)
		}
	}
	rec, err := Load(spec)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// Fixture is Run on the committed fixture at path, with the golden at
// Golden(path, tool, "").
func Fixture(t testing.TB, tool *Tool, path string, args ...string) *Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Run(t, Spec{Tool: tool, Args: args, Name: filepath.Base(path), Data: data, Golden: Golden(path, tool, "")})
}

// Load reads spec's golden and checks that it was recorded with the same
// tool, arguments, environment and input bytes; a mismatch wraps ErrStale.
// It never runs the tool.
func Load(spec Spec) (*Record, error) {
	f, err := os.Open(spec.Golden)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: no golden %s for %s on %s; %s", ErrStale, spec.Golden, spec.Tool.Name, spec.Name, refresh)
	}
	if err != nil {
		return nil, fmt.Errorf("oracle: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxGoldenBytes+1))
	if err != nil {
		return nil, fmt.Errorf("oracle: %s: %w", spec.Golden, err)
	}
	if len(b) > maxGoldenBytes {
		return nil, fmt.Errorf("oracle: %s is over %d bytes", spec.Golden, maxGoldenBytes)
	}
	var rec Record
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("oracle: %s: %w", spec.Golden, err)
	}
	if rec.Tool != spec.Tool.Name {
		return nil, fmt.Errorf("%w: %s was recorded with %s, the test runs %s; %s", ErrStale, spec.Golden, rec.Tool, spec.Tool.Name, refresh)
	}
	if args := spec.args(); !slices.Equal(rec.Args, args) || !slices.Equal(rec.Env, spec.Env) {
		return nil, fmt.Errorf("%w: %s was recorded with arguments %q (env %q), the test now passes %q (env %q); %s",
			ErrStale, spec.Golden, rec.Args, rec.Env, args, spec.Env, refresh)
	}
	if sum := sha256Hex(spec.Data); rec.InputSHA256 != sum || rec.Input != spec.Name {
		return nil, fmt.Errorf("%w: %s was recorded from %s with SHA-256 %s, but the input is now %s with SHA-256 %s: the fixture (or the code that builds it) changed; %s",
			ErrStale, spec.Golden, rec.Input, rec.InputSHA256, spec.Name, sum, refresh)
	}
	return &rec, nil
}

// args returns spec.Args with In replaced by the input's base name.
func (s Spec) args() []string {
	out := make([]string, len(s.Args))
	for i, a := range s.Args {
		out[i] = strings.ReplaceAll(a, In, s.Name)
	}
	return out
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// lines splits s at "\n"; nil for an empty s, so that it is left out of
// the golden. Bytes that are not UTF-8 are written as \xNN.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(escapeInvalid(s), "\n")
}

// escapeInvalid writes the bytes of s that are not UTF-8 as \xNN, so that
// a golden shows them instead of U+FFFD.
func escapeInvalid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[0])
		} else {
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}
